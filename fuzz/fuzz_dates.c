/* Fuzzes the date resolver: pl_dates_find over any bytes, against a
 * publication date, in Arabic, English and both; and pl_date_parse over the
 * first line. Every interval must be a valid calendar range inside the text. */
#include "fuzz.h"

#include <parley/when.h>

static int valid_date(const char *d) {
  int y, m, dd;
  char tail;
  if (strlen(d) != 10 || sscanf(d, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3)
    return 0;
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
    return 0;
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && dd == 29 && !leap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const langs[] = {"ar", "en", NULL};
  static const char *const pubs[] = {"2018-11-28", "2000-02-29", NULL};
  if (size < 1)
    return 0;
  const char *lang = langs[data[0] % 3];
  const char *pub = pubs[(data[0] / 3) % 3];
  const char *text = (const char *)data + 1;
  size_t len = size - 1;
  pl_when *w = NULL;
  size_t n = 0;
  pl_error err;
  memset(&err, 0, sizeof err);
  int rc = pl_dates_find(text, len, pub, lang, &w, &n, &err);
  if (rc == 0) {
    FUZZ_CHECK(n == 0 || w != NULL);
    for (size_t i = 0; i < n; i++) {
      FUZZ_CHECK(w[i].start <= w[i].end && w[i].end <= len);
      FUZZ_CHECK(i == 0 || w[i - 1].start <= w[i].start);
      if (w[i].from[0] || w[i].to[0]) {
        FUZZ_CHECK(valid_date(w[i].from));
        FUZZ_CHECK(valid_date(w[i].to));
        FUZZ_CHECK(strcmp(w[i].from, w[i].to) <= 0);
      }
    }
  } else {
    FUZZ_CHECK(rc == PL_ENOMEM);
  }
  free(w);
  /* The first line (at most 64 bytes) as a date string. */
  char line[65];
  size_t k = 0;
  while (k < len && k < 64 && text[k] != '\n' && text[k])
    k++;
  memcpy(line, text, k);
  line[k] = '\0';
  char out[11];
  if (pl_date_parse(line, out) == 0)
    FUZZ_CHECK(valid_date(out));
  return 0;
}
