/* parley — errors: every fallible function returns 0 or a negative pl_code
 * and fills an optional pl_error. */
#ifndef PARLEY_ERROR_H
#define PARLEY_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_code {
  PL_OK = 0,
  PL_ENOMEM = -1,    /* out of memory */
  PL_EIO = -2,       /* a file could not be read or written */
  PL_EINPUT = -3,    /* the input is not what it should be (bad article) */
  PL_ENOTFOUND = -4, /* a named thing does not exist */
  PL_EDB = -5,       /* the store failed (SQLite) */
  PL_EVERSION = -6,  /* a store written by a newer parley */
  PL_ETOOBIG = -7,   /* an input above a size limit */
  PL_EUSAGE = -8,    /* a bad argument from the caller */
  PL_EEMPTY = -9     /* nothing to do: no articles, empty text */
} pl_code;

typedef struct pl_error {
  int code;        /* pl_code of the first failure (negative) */
  char msg[256];   /* one line, lower case, no trailing period */
  char where[160]; /* "feeds/sana.xml:12", or "" */
} pl_error;        /* fixed size: reporting out-of-memory never allocates */

/* Records a failure in err (which may be NULL) unless err already holds one,
 * and returns code, so that `return pl_error_set(err, ...)` reads well.
 * where may be NULL. The message is formatted printf-style and truncated. */
int pl_error_set(pl_error *err, int code, const char *where, const char *fmt,
                 ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Fills err->where if err holds a failure with no location yet. */
void pl_error_where(pl_error *err, const char *where);

/* Clears err (NULL is fine). */
void pl_error_clear(pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
