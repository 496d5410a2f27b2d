/* parley — sentence boundaries without ICU's break iterator (internal).
 *
 * The same boundaries as ICU's "en@ss=standard" sentence iterator (UAX #29
 * SB3-SB11 as ICU's sent.txt states them, then no break after one of the
 * abbreviations of ICU's English exception list, "Mr." or "U.S.", found
 * the way ICU's filter finds them) for a text of BMP code points, at a
 * fraction of the cost: ICU's iterator was a tenth of extraction.
 * tests/unit/test_sentbreak.c holds it to ICU's answers. */
#ifndef PARLEY_SENTBREAK_H
#define PARLEY_SENTBREAK_H

#include <stdint.h>
#include <unicode/utypes.h>

/* Builds the class table and reads ICU's exception list (once per
 * process). Returns 1 when pl_sb_next can be used, 0 when ICU's data
 * could not be read as expected (then use ICU's iterator). Safe to call
 * from several threads. */
int pl_sb_init(void);

/* The sentence boundary after a (0 <= a < n) in u[0..n), a text without
 * surrogates (pl_sb_init said 1): what ubrk_next gives with the iterator
 * at a. */
int32_t pl_sb_next(const UChar *u, int32_t n, int32_t a);

#endif
