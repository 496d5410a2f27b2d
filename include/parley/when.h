/* parley — dates: expressions in Arabic and English resolved to intervals. */
#ifndef PARLEY_WHEN_H
#define PARLEY_WHEN_H

#include <parley/error.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_precision {
  PL_PREC_UNKNOWN = 0, /* not resolved (no publication date, say) */
  PL_PREC_DAY = 1,
  PL_PREC_MONTH = 2,
  PL_PREC_YEAR = 3
} pl_precision;

enum {
  PL_WHEN_WEEKDAY_MISMATCH = 1 /* a weekday contradicts the date given */
};

/* A date interval and the phrase it came from. */
typedef struct pl_when {
  char from[11];  /* "YYYY-MM-DD", or "" when unresolved */
  char to[11];    /* "YYYY-MM-DD", or "" when unresolved */
  int precision;  /* pl_precision */
  int flags;      /* PL_WHEN_* bits */
  uint32_t start; /* byte offset of the phrase in the text searched */
  uint32_t end;   /* byte offset just past the phrase */
} pl_when;

/* Finds every date expression in text (UTF-8, len bytes) in text order and
 * resolves it against published ("YYYY-MM-DD", or NULL/"" when unknown:
 * relative expressions then stay PL_PREC_UNKNOWN with empty from/to). lang
 * is "ar", "en" or NULL for both. *out is malloc'ed (caller frees; NULL when
 * *n is 0). Returns 0, PL_ENOMEM, or PL_EUSAGE for a malformed published.
 * Linear in len. */
int pl_dates_find(const char *text, size_t len, const char *published,
                  const char *lang, pl_when **out, size_t *n, pl_error *err);

/* Parses "YYYY-MM-DD" (also "YYYY-MM-DDThh:mm..." and RFC 822 dates such as
 * "Wed, 28 Nov 2018 10:00:00 GMT") into out[11]. Returns 0, or PL_EINPUT
 * for something that is not a valid calendar date. */
int pl_date_parse(const char *s, char out[11]);

#ifdef __cplusplus
}
#endif
#endif
