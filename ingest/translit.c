/* A readable Latin transliteration of Arabic names, by one ICU
 * transliterator compiled once from rules: long vowels read as vowels
 * ("ستيفان دي ميستورا" -> "Stifan Di Mistura"), the article as "al-",
 * word-initial و/ي as w/y; marks and tatweel dropped. ICU's own
 * Any-Latin gives a consonant skeleton ("styfan dy mystwra"), good as a
 * key, not as a name to show. */
#include "translit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

struct pl_translit {
  UTransliterator *t; /* the compiled rules */
};

/* The text is put in NFC first (pl_translit_ar), not by a ":: NFC;" rule:
 * naming a transliterator makes ICU build its whole registry, 140 million
 * instructions, more than transliterating every name of 3,000 articles. */
static const char rules[] =
    "[\\u064B-\\u065F\\u0670\\u0640] > ;"
    "$nl = [^\\p{L}];"
    "$nl { \\u0627\\u0644 > 'al-';"
    "$nl { \\u0648 > w;"
    "$nl { \\u064A > y;"
    "$nl { \\u0639 > a;"
    "\\u0627 > a; \\u0623 > a; \\u0625 > i; \\u0622 > a; \\u0621 > ;"
    "\\u0624 > u; \\u0626 > i; \\u0628 > b; \\u062A > t; \\u0629 > a;"
    "\\u062B > th; \\u062C > j; \\u062D > h; \\u062E > kh; \\u062F > d;"
    "\\u0630 > dh; \\u0631 > r; \\u0632 > z; \\u0633 > s; \\u0634 > sh;"
    "\\u0635 > s; \\u0636 > d; \\u0637 > t; \\u0638 > z; \\u0639 > ;"
    "\\u063A > gh; \\u0641 > f; \\u0642 > q; \\u0643 > k; \\u0644 > l;"
    "\\u0645 > m; \\u0646 > n; \\u0647 > h; \\u0648 > u; \\u064A > i;"
    "\\u0649 > a; \\u067E > p; \\u0686 > ch; \\u0698 > zh; \\u06A4 > v;"
    "\\u06AF > g; \\u06A9 > k; \\u06CC > i;";

int pl_translit_new(pl_translit **out) {
  *out = NULL;
  pl_translit *t = calloc(1, sizeof *t);
  if (!t)
    return PL_ENOMEM;
  UChar urules[sizeof rules];
  UErrorCode ec = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8(urules, (int32_t)(sizeof urules / sizeof *urules), &n, rules,
                -1, &ec);
  UParseError pe;
  static const UChar id[] = {'p', 'l', '-', 'a', 'r', 0};
  if (U_SUCCESS(ec))
    t->t = utrans_openU(id, -1, UTRANS_FORWARD, urules, n, &pe, &ec);
  if (U_FAILURE(ec) || !t->t) {
    free(t);
    return PL_EINPUT;
  }
  *out = t;
  return 0;
}

void pl_translit_free(pl_translit *t) {
  if (!t)
    return;
  utrans_close(t->t);
  free(t);
}

int pl_translit_ar(pl_translit *t, const char *s, size_t n, pl_buf *out) {
  out->len = 0;
  if (n > 512)
    n = 512; /* a name, not a text */
  /* a space first: word-initial rules see a non-letter before the name */
  UChar raw[1024], u[2048];
  int32_t rlen = 0, ulen = 0;
  UErrorCode ec = U_ZERO_ERROR;
  u_strFromUTF8(raw, 1024, &rlen, s, (int32_t)n, &ec);
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
  u[0] = ' ';
  if (U_SUCCESS(ec))
    ulen = unorm2_normalize(nfc, raw, rlen, u + 1, 1023, &ec);
  ulen++;
  if (U_FAILURE(ec))
    return PL_EINPUT;
  int32_t limit = ulen;
  utrans_transUChars(t->t, u, &ulen, 2048, 0, &limit, &ec);
  if (U_FAILURE(ec))
    return PL_EINPUT;
  char tmp[4096];
  int32_t blen = 0;
  u_strToUTF8(tmp, (int32_t)sizeof tmp, &blen, u, ulen, &ec);
  if (U_FAILURE(ec))
    return PL_EINPUT;
  /* Title case: "al-jafri" -> "al-Jafri", "bshar" -> "Bshar" */
  int start = 1;
  for (int32_t i = 0; i < blen; i++) {
    unsigned char ch = (unsigned char)tmp[i];
    if (start && ch < 0x80 && isalpha(ch) &&
        !(i + 3 <= blen && !strncmp(tmp + i, "al-", 3)))
      tmp[i] = (char)toupper(ch);
    start = ch == ' ' || ch == '-';
  }
  return pl_buf_append(out, tmp + 1, (size_t)blen - 1) < 0 ? PL_ENOMEM : 0;
}
