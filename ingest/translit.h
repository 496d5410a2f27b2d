/* parley — readable Latin transliteration of Arabic names (internal). */
#ifndef PARLEY_TRANSLIT_H
#define PARLEY_TRANSLIT_H

#include <parley/error.h>
#include <stddef.h>

#include "buf.h"

typedef struct pl_translit pl_translit;

/* Compiles the transliteration rules (once per extractor: it takes a few
 * milliseconds). Returns 0 and *out, PL_ENOMEM, or PL_EINPUT when ICU
 * refuses the rules. */
int pl_translit_new(pl_translit **out);

/* Frees t; NULL is fine. */
void pl_translit_free(pl_translit *t);

/* Writes into out (replacing its content, NUL-terminated) the Latin form
 * of the UTF-8 name s[0..n), words title-cased: "ستيفان دي ميستورا" ->
 * "Stifan Di Mistura", "بشار الجعفري" -> "Bshar al-Jafri". Names above
 * 512 bytes are cut. Returns 0, PL_ENOMEM or PL_EINPUT (not UTF-8). */
int pl_translit_ar(pl_translit *t, const char *s, size_t n, pl_buf *out);

#endif
