/* Holds ingest/wordbreak.c to ICU's word break iterator: on hand-picked
 * texts and on many random strings over code points of every class the
 * module handles, every boundary and every segment's word/none status
 * must be ICU's; texts with what it does not handle must be refused. */
#include "harness.h"
#include "wordbreak.h"

#include <stdio.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

static UBreakIterator *icu;

/* Compares both segmentations of u[0..n); prints the first difference.
 * Returns 1 when they agree. */
static int agree(const UChar *u, int32_t n) {
  UErrorCode ec = U_ZERO_ERROR;
  ubrk_setText(icu, u, n, &ec);
  if (U_FAILURE(ec))
    return 0;
  uint32_t all[256]; /* the texts here are shorter */
  int32_t nall = n <= 256 ? pl_wb_all(u, n, all) : -1;
  int32_t a = ubrk_first(icu), b, ours = 0;
  while ((b = ubrk_next(icu)) != UBRK_DONE) {
    int word = 0;
    int32_t e = pl_wb_next(u, n, a, &word);
    int icu_word = ubrk_getRuleStatus(icu) >= UBRK_WORD_NONE_LIMIT;
    if (e != b || word != icu_word) {
      fprintf(stderr, "differs at %d: ICU %d..%d word %d, ours ..%d word %d;"
              " text:", a, a, b, icu_word, e, word);
      for (int32_t i = 0; i < n; i++)
        fprintf(stderr, " %04X", u[i]);
      fputc('\n', stderr);
      return 0;
    }
    if (nall >= 0 && (ours >= nall || (int32_t)(all[ours] & 0x7FFFFFFF) != b ||
                      (int)(all[ours] >> 31) != word)) {
      fprintf(stderr, "pl_wb_all differs from pl_wb_next at segment %d\n",
              ours);
      return 0;
    }
    a = b;
    ours++;
  }
  return a == n && (nall < 0 || nall == ours);
}

/* s (UTF-8) into u (256 units); returns its length. */
static int32_t utf16(const char *s, UChar *u) {
  int32_t n = 0;
  UErrorCode ec = U_ZERO_ERROR;
  u_strFromUTF8(u, 256, &n, s, -1, &ec);
  OK(U_SUCCESS(ec));
  return n;
}

/* Checks one UTF-8 text: handled, and segmented as ICU does. */
static void same(const char *s) {
  UChar u[256];
  int32_t n = utf16(s, u);
  OK(pl_wb_supported(u, n));
  OK(agree(u, n));
}

/* Checks that a UTF-8 text is refused (left to ICU). */
static void refused(const char *s) {
  UChar u[256];
  OK(!pl_wb_supported(u, utf16(s, u)));
}

/* Code points of every handled class (and of the merged ones). */
static const UChar pool[] = {
    'a', 'Z', 0x00E9, 0x0628, 0x0645, 0x0640, 0x06CC, 0xFEFB, 0x0394, /* letters */
    '1', '9', 0x0663, 0x06F1,                                 /* digits */
    '@',                                                      /* ALetter in ICU's root */
    '_', 0x203F,                                              /* ExtendNumLet */
    ':', 0x00B7,                                              /* MidLetter */
    ',', ';', 0x060C, 0x066C,                                 /* MidNum */
    '.', '\'', 0x2019,                                        /* MidNumLet, Single_Quote */
    0x064E, 0x0651, 0x0301, 0x200C, 0x00AD, 0x200F, 0x0600, 0x061C, /* Extend, Format */
    ':', 0xFE55,                                              /* colons: Other in ICU's root */
    '\r', '\n', 0x0085, 0x000B, 0x2028,                       /* line breaks */
    ' ', 0x2003, 0x3000,                                      /* WSegSpace */
    0x00A0, '-', '"', '(', 0x00A9, 0x201C, 0x2013, '!', '\t', 0x061F, /* Other */
};

int main(void) {
  UErrorCode ec = U_ZERO_ERROR;
  icu = ubrk_open(UBRK_WORD, "", NULL, 0, &ec);
  OK(U_SUCCESS(ec));
  if (U_FAILURE(ec))
    return HARNESS_DONE();

  same("The U.S. envoy met al-Jaafari's team on 28 Nov. 2018, at 10:30.");
  same("can't won't 3.14 1,000,000 a_b __ _ x_1 1_x ab12cd 12ab");
  same("وقال وزير الخارجية السوري، وليد المعلم: إنَّ الجولة ١١ ستبدأ غداً.");
  same("line one\r\nline two\n\u064E\u064Eafter\xC2\x85x\u2028  \u0301 y");
  same("\u0301start, \u00ADsoft\u00ADhyphen, \u200Frtl\u200F, \u00A9 2018");
  same("a.\u0301b 1,\u0301 2 1,\u03012 a:b a::b 1:2 .5 5. 'a' a'");
  same("write to press@example.org, or @envoy_un");
  same("");

  refused("שלום"); /* Hebrew letters: rules 7a-7c */
  refused("日本語"); /* dictionary breaks */
  refused("ภาษาไทย"); /* Thai: Complex_Context */
  refused("カタカナ"); /* Katakana */
  refused("a\u200Db"); /* ZWJ: WB3c */
  refused("\U0001F600"); /* supplementary planes */

  /* Random strings: every pair and triple of classes, with Extend and
   * Format runs between them, many times over. */
  srand(20261129);
  const int npool = (int)(sizeof pool / sizeof *pool);
  int fails = 0;
  for (int k = 0; k < 200000 && fails < 5; k++) {
    UChar u[24];
    int32_t n = rand() % 24;
    for (int32_t i = 0; i < n; i++)
      u[i] = pool[rand() % npool];
    if (!pl_wb_supported(u, n) || !agree(u, n))
      fails++;
  }
  INT_EQ(fails, 0);

  /* Random strings of any code points below U+3000 and of the Arabic
   * presentation forms, each with a one-in-four chance of a letter so
   * that words form: any class the table gets wrong shows. */
  int tried = 0;
  fails = 0;
  for (int k = 0; k < 200000 && fails < 5; k++) {
    UChar u[16];
    int32_t n = 1 + rand() % 16;
    for (int32_t i = 0; i < n; i++) {
      int r = rand() % 8;
      u[i] = r < 2   ? (UChar)('a' + rand() % 26)
             : r < 3 ? (UChar)(0xFB50 + rand() % 0x3B0)
             : r < 4 ? pool[rand() % npool]
                     : (UChar)(rand() % 0x3000);
    }
    if (!pl_wb_supported(u, n))
      continue;
    tried++;
    if (!agree(u, n))
      fails++;
  }
  INT_EQ(fails, 0);
  OK(tried > 10000);
  ubrk_close(icu);
  return HARNESS_DONE();
}
