/* The Latin key of Arabic names without ICU (graph/keys.c, latin_table.h):
 * every table entry is what ICU's "Any-Latin; Latin-ASCII" makes of its
 * code point, pairs of table characters and ASCII transliterate as the
 * concatenation of their entries, names made of them get the same key as
 * through ICU without opening the transliterator, and names with anything
 * else (marks, tatweel, punctuation, other scripts) still get ICU's key. */
#include "harness.h"
#include "latin_table.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unistd.h>

static char dir[64];

/* Invented names: al-, shadda, hamza on its seats, ta marbuta, alef
 * maqsura, marks, tatweel, Arabic and Persian digits, punctuation, several
 * words, Latin mixed in. */
static const char *const names[] = {
    "عبد الرحمن بن خالد",
    "محمّد الأمين ولد سيدي",
    "فاطمة الزهراء بنت علي",
    "مصطفى عيسى موسى",
    "سُلَيْمَان الحَلَبِيّ",
    "عُمَرُ بْنُ الْخَطَّابِ",
    "مُحَمَّدٌ وَعَلِيٌّ",
    "أحمد ١٢ الثاني",
    "زياد ۱۹۹۸ رضائي",
    "يوسف الـقاسم",
    "رئيس الهيئة العليا",
    "مسؤول الأمن إبراهيم",
    "ابن آدم",
    "جزء من أبو علاء",
    "حسن، حسين؟ وجعفر؛",
    "غسان شربل",
    "ثامر ذياب الظاهري",
    "ظافر ضياء",
    "خليل صالح الطحان",
    "شادي غطاس",
    "چنگیز پیروز ژاله",
    "ڤيكتور گرگین کاظمی",
    "ۋلاد ڭيم ښكلى",
    "Dr. محمد al-Sayyid",
    "جون kerry",
    "الأمم المتحدة 2254",
    "٣٫٥ مليون",
    "٢٠١٥-٠٨-٠٩",
    "عبدالله الثاني",
    "سيرغي لافروف",
    "ستيفان دي ميستورا",
    "ألكسندر هاشم",
    "ة ه ى ي ء",
    "هه حح ءء عع",
    "أ",
    "ـ",
    "ٱلرحمٰن",
    "لا ﻻ",
    "مقتدى الصدر Муктада",
};

/* s (a UTF-8 string) through a fresh ICU "Any-Latin; Latin-ASCII" into
 * out (cap bytes); 0, or -1 when ICU fails. */
static int icu_latin(UTransliterator *t, const char *s, char *out,
                     int32_t cap) {
  UChar u[256];
  int32_t len = 0;
  UErrorCode ec = U_ZERO_ERROR;
  u_strFromUTF8(u, 256, &len, s, -1, &ec);
  int32_t limit = len;
  if (U_SUCCESS(ec))
    utrans_transUChars(t, u, &len, 256, 0, &limit, &ec);
  if (U_SUCCESS(ec))
    u_strToUTF8(out, cap, NULL, u, len, &ec);
  return U_SUCCESS(ec) && ec != U_STRING_NOT_TERMINATED_WARNING ? 0 : -1;
}

/* The UTF-8 of code point 0x0600 + i (2 bytes) into s[3]. */
static void arabic_utf8(unsigned i, char *s) {
  unsigned cp = 0x0600 + i;
  s[0] = (char)(0xC0 | (cp >> 6));
  s[1] = (char)(0x80 | (cp & 0x3F));
  s[2] = '\0';
}

/* a followed by b into out (16 bytes: room for 4 bytes of each). */
static void join(char *out, const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  if (na > 4 || nb > 4) /* checked apart: an entry over 4 bytes fails */
    na = nb = 0;
  memcpy(out, a, na);
  memcpy(out + na, b, nb);
  out[na + nb] = '\0';
}

/* Each entry is ICU's Latin of its code point; pairs of table characters
 * and printable ASCII, in either order, transliterate as the concatenation
 * (the property that lets keys.c join entries without looking around). */
static void test_table(void) {
  UChar id[32];
  UErrorCode ec = U_ZERO_ERROR;
  u_uastrcpy(id, "Any-Latin; Latin-ASCII");
  UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
  OK(U_SUCCESS(ec) && t);
  if (!t)
    return;
  /* The characters: table entries, then printable ASCII. */
  char chars[256 + 95][3];
  const char *latin[256 + 95];
  int n = 0, entries = 0;
  for (unsigned i = 0; i < 256; i++) {
    if (!latin_table[i])
      continue;
    arabic_utf8(i, chars[n]);
    latin[n++] = latin_table[i];
    entries++;
  }
  for (char c = ' '; c <= '~'; c++, n++) {
    chars[n][0] = c;
    chars[n][1] = '\0';
    latin[n] = chars[n];
  }
  OK(entries > 60); /* the Arabic letters and both sets of digits */
  char got[64];
  for (int i = 0; i < entries; i++) {
    /* keys.c's buffer (2 bytes a byte) holds at most 4 for 2 bytes */
    OK(strlen(latin[i]) <= 4);
    INT_EQ(icu_latin(t, chars[i], got, sizeof got), 0);
    STR_EQ(got, latin[i]);
  }
  int bad = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      char pair[16], want[16];
      join(pair, chars[i], chars[j]);
      join(want, latin[i], latin[j]);
      if (icu_latin(t, pair, got, sizeof got) < 0 || strcmp(got, want)) {
        if (bad++ < 10)
          fprintf(stderr, "ICU makes \"%s\" of \"%s\", the table \"%s\"\n", got,
                  pair, want);
      }
    }
  INT_EQ(bad, 0);
  /* What the table leaves out does depend on its neighbours: fatha before
   * alef is one "a", tatweel vanishes only inside Arabic text. */
  OK(icu_latin(t, "بَا", got, sizeof got) == 0 && !strcmp(got, "ba"));
  OK(icu_latin(t, "بـ", got, sizeof got) == 0 && !strcmp(got, "b"));
  OK(icu_latin(t, "ـ", got, sizeof got) == 0 && strcmp(got, ""));
  OK(!latin_table[0x4E] && !latin_table[0x40] && !latin_table[0x6B]);
  utrans_close(t);
}

/* key's Latin key through latin (the table or ICU's) into out[cap],
 * after prefix (the skeleton depends on what the buffer holds). */
static void key_of(pl_store *st, int icu, const char *key, size_t n,
                   const char *prefix, char *out, size_t cap) {
  pl_buf b = {0};
  pl_error err = {0};
  int rc = pl_buf_puts(&b, prefix) < 0 ? PL_ENOMEM : 0;
  if (!rc)
    rc = icu ? pl_store__latin_key_icu(st, key, n, &b, &err)
             : pl_store__latin_key(st, key, n, &b, &err);
  INT_EQ(rc, 0);
  snprintf(out, cap, "%s", b.data ? b.data : "");
  pl_buf_free(&b);
}

/* Whether the folded key holds only table characters and ASCII. */
static int covered(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    if (*p < 0x80) {
      p++;
      continue;
    }
    if (*p < 0xD8 || *p > 0xDB || (p[1] & 0xC0) != 0x80)
      return 0; /* not U+0600..U+06FF */
    if (!latin_table[((*p & 0x1Fu) << 6 | (p[1] & 0x3Fu)) - 0x0600u])
      return 0;
    p += 2;
  }
  return 1;
}

/* Names get the same Latin key through the table as through ICU, raw and
 * folded, with and without text before them in the buffer; folded names of
 * table letters do not open ICU at all. */
static void test_names(pl_store *st) {
  size_t nn = sizeof names / sizeof *names;
  pl_buf k[sizeof names / sizeof *names] = {{0}};
  char a[256], b[256];
  int ncovered = 0;
  for (size_t i = 0; i < nn; i++) {
    OK(pl_store__norm_key(names[i], (size_t)-1, &k[i], NULL) == 0);
    if (!k[i].data || !covered(k[i].data))
      continue;
    ncovered++;
    key_of(st, 0, k[i].data, k[i].len, "", a, sizeof a);
    OK(st->translit == NULL); /* made from the table */
  }
  fprintf(stderr, "%d of %zu folded names made from the table\n", ncovered, nn);
  OK(ncovered >= 30);
  for (size_t i = 0; i < nn; i++) {
    const char *key = k[i].data ? k[i].data : "";
    for (int prefix = 0; prefix < 2; prefix++) {
      const char *p = prefix ? "x" : "";
      key_of(st, 0, names[i], strlen(names[i]), p, a, sizeof a);
      key_of(st, 1, names[i], strlen(names[i]), p, b, sizeof b);
      STR_EQ(a, b);
      key_of(st, 0, key, k[i].len, p, a, sizeof a);
      key_of(st, 1, key, k[i].len, p, b, sizeof b);
      STR_EQ(a, b);
    }
    pl_buf_free(&k[i]);
  }
  OK(st->translit != NULL); /* the names with marks needed ICU */
  /* A few keys spelled out, so that a table and an ICU that both went
   * wrong would still be caught. */
  key_of(st, 0, "عبد الرحمن", strlen("عبد الرحمن"), "", a, sizeof a);
  STR_EQ(a, "bd lrhmn");
  key_of(st, 0, "فاطمه الزهراء", strlen("فاطمه الزهراء"), "", a, sizeof a);
  STR_EQ(a, "ftm lshr");
  key_of(st, 0, "غسان ١٢", strlen("غسان ١٢"), "", a, sizeof a);
  STR_EQ(a, "jsn 12"); /* gh: g folds to j, h after it dropped */
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/parley-latin-XXXXXX");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  char path[128];
  snprintf(path, sizeof path, "%s/k.db", dir);
  test_table();
  pl_store *st = NULL;
  pl_error err = {0};
  INT_EQ(pl_store_open(&st, path, PL_STORE_CREATE, &err), 0);
  if (st)
    test_names(st);
  pl_store_close(st);
  char cmd[160];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", dir);
  u_cleanup();
  return HARNESS_DONE();
}
