/* Fuzzes ingest/wordbreak.c and ingest/sentbreak.c against ICU: the input
 * is read as UTF-16 units (little-endian pairs); wherever parley's own
 * breakers take a text, every word boundary, word status and sentence
 * boundary must be ICU's. */
#include "fuzz.h"
#include "sentbreak.h"
#include "wordbreak.h"

#include <unicode/ubrk.h>

static UBreakIterator *words, *sents;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  UErrorCode ec = U_ZERO_ERROR;
  if (!words) {
    words = ubrk_open(UBRK_WORD, "", NULL, 0, &ec);
    sents = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &ec);
    FUZZ_CHECK(U_SUCCESS(ec));
  }
  int32_t n = (int32_t)(size / 2 > 4096 ? 4096 : size / 2);
  UChar *u = malloc((size_t)(n ? n : 1) * sizeof *u);
  FUZZ_CHECK(u != NULL);
  for (int32_t i = 0; i < n; i++)
    u[i] = (UChar)(data[2 * i] | data[2 * i + 1] << 8);
  if (pl_wb_supported(u, n)) {
    ubrk_setText(words, u, n, &ec);
    FUZZ_CHECK(U_SUCCESS(ec));
    uint32_t *all = malloc((size_t)(n ? n : 1) * sizeof *all);
    FUZZ_CHECK(all != NULL);
    int32_t nall = pl_wb_all(u, n, all), k = 0;
    int32_t a = ubrk_first(words), b;
    while ((b = ubrk_next(words)) != UBRK_DONE) {
      int word = 0,
          icu_word = ubrk_getRuleStatus(words) >= UBRK_WORD_NONE_LIMIT;
      FUZZ_CHECK(pl_wb_next(u, n, a, &word) == b);
      FUZZ_CHECK(word == icu_word);
      /* the same segments, all at once */
      FUZZ_CHECK(k < nall && (int32_t)(all[k] & 0x7FFFFFFF) == b &&
                 (int)(all[k] >> 31) == icu_word);
      k++;
      a = b;
    }
    FUZZ_CHECK(k == nall);
    free(all);
    /* sentences: wherever the words are handled (no surrogates) */
    if (pl_sb_init()) {
      ubrk_setText(sents, u, n, &ec);
      FUZZ_CHECK(U_SUCCESS(ec));
      for (a = ubrk_first(sents); (b = ubrk_next(sents)) != UBRK_DONE; a = b)
        FUZZ_CHECK(pl_sb_next(u, n, a) == b);
    }
  }
  free(u);
  return 0;
}
