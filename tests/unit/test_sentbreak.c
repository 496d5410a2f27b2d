/* Holds ingest/sentbreak.c to ICU's "en@ss=standard" sentence iterator:
 * on hand-picked texts and on many random strings of words, terminators,
 * closing punctuation, spaces, separators and ICU's own abbreviations,
 * every boundary must be ICU's. */
#include "harness.h"
#include "sentbreak.h"

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
  int32_t a = ubrk_first(icu), b;
  while ((b = ubrk_next(icu)) != UBRK_DONE) {
    int32_t e = pl_sb_next(u, n, a);
    if (e != b) {
      fprintf(stderr, "differs after %d: ICU %d, ours %d; text:", a, b, e);
      for (int32_t i = 0; i < n; i++)
        fprintf(stderr, " %04X", u[i]);
      fputc('\n', stderr);
      return 0;
    }
    a = b;
  }
  return a == n;
}

/* Checks one UTF-8 text. */
static void same(const char *s) {
  UChar u[512];
  int32_t n = 0;
  UErrorCode ec = U_ZERO_ERROR;
  u_strFromUTF8(u, 512, &n, s, -1, &ec);
  OK(U_SUCCESS(ec));
  OK(agree(u, n));
}

/* What random texts are made of. */
static const char *const pool[] = {
    "Mr", "Mrs", "U", "S", "A", "Dr", "Ph", "D", "No", "vs", "Jan", "Sept",
    "mr", "u", "e", "g", "I", "the", "He", "Syria", "said", "A.M.", "U.S.",
    "U.S.A.", "a.m.", "Lt.Cdr.", "\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a\xd8\xa7",
    "\xd9\x88\xd9\x82\xd8\xa7\xd9\x84", "1", "3", "12", ".", ".", ".", ".",
    "?", "!", "\xd8\x9f", "\xe2\x80\xa6", " ", " ", " ", "  ", "\n", "\r\n",
    "\r", "\xe2\x80\xa9", "\xc2\x85", "\t", "\"", "'", ")", "(", "\xe2\x80\x9d",
    "\xe2\x80\x9c", "\xc2\xbb", "\xc2\xab", ",", "\xd8\x8c", ":", ";", "-",
    "\xd9\x8e", "\xc2\xad", "\xe2\x80\x8f", "\xc2\xa0", "\xe2\x80\x94",
    "\xe3\x80\x82", "\xef\xbc\x8e", "\xef\xbb\xbb", "\xef\xb9\x92"};

int main(void) {
  UErrorCode ec = U_ZERO_ERROR;
  icu = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &ec);
  OK(U_SUCCESS(ec));
  OK(pl_sb_init());
  if (U_FAILURE(ec) || !pl_sb_init())
    return HARNESS_DONE();

  same("Mr. Smith met the U.S. envoy. They spoke (briefly). Then left!");
  same("He said: \"We will go.\" The talks resume on Jan. 5 at 10 a.m. in "
       "Geneva. It is 3.5 km away... Really?! Yes.");
  same("Prof. Ph.D. U.S.A. talks. e.g. this. i.e. that. No. 5 is next.");
  same("وقال المبعوث: ستبدأ الجولة غداً. وأضاف أن الوفد وصل؟ نعم!\n"
       "فقرة ثانية.\r\nثالثة.\u2029رابعة.");
  same("end.\n\nNew paragraph.  Two spaces. \u00ADsoft.");
  same("");

  srand(20261129);
  const int npool = (int)(sizeof pool / sizeof *pool);
  int fails = 0;
  for (int k = 0; k < 100000 && fails < 5; k++) {
    char s[512];
    size_t len = 0;
    int ntok = 1 + rand() % 24;
    for (int t = 0; t < ntok; t++) {
      const char *p = pool[rand() % npool];
      size_t m = strlen(p);
      if (len + m >= sizeof s)
        break;
      memcpy(s + len, p, m);
      len += m;
    }
    s[len] = '\0';
    UChar u[512];
    int32_t n = 0;
    ec = U_ZERO_ERROR;
    u_strFromUTF8(u, 512, &n, s, -1, &ec);
    if (U_FAILURE(ec) || !agree(u, n))
      fails++;
  }
  INT_EQ(fails, 0);
  ubrk_close(icu);
  return HARNESS_DONE();
}
