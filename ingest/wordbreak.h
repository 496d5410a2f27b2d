/* parley — word boundaries without ICU's break iterator (internal).
 *
 * ICU's rule-based word iterator is a sixth of what extraction costs; the
 * text parley reads (Arabic, Latin, digits, punctuation) needs only a few
 * of its rules (UAX #29 WB3-WB13b). This module applies them to a UTF-16
 * text, with the same boundaries and the same word/none status as ICU's
 * root-locale UBRK_WORD iterator, for texts of the code points whose word
 * break classes it handles; pl_wb_supported says whether a text is one of
 * them, and the caller uses ICU for any other (Hebrew, CJK, Thai, emoji
 * sequences, supplementary planes). tests/unit/test_wordbreak.c and
 * fuzz/fuzz_wordbreak.c hold it to ICU's answers. */
#ifndef PARLEY_WORDBREAK_H
#define PARLEY_WORDBREAK_H

#include <stdint.h>
#include <unicode/utypes.h>

/* Builds the class table (once per process; also done by the first call
 * of pl_wb_supported). Safe to call from several threads. */
void pl_wb_init(void);

/* 1 when every unit of u[0..n) is a code point whose word break class this
 * module handles (then pl_wb_next gives ICU's boundaries), else 0. */
int pl_wb_supported(const UChar *u, int32_t n);

/* The boundary after the one at a (0 <= a < n) in u[0..n), a text for
 * which pl_wb_supported said 1; *word is 1 when the segment [a, result) is
 * a word (ICU's rule status UBRK_WORD_NUMBER or above: letters, digits,
 * joined underscores), else 0. */
int32_t pl_wb_next(const UChar *u, int32_t n, int32_t a, int *word);

/* Every segment of u[0..n) at once (the text's breaks without a call per
 * segment): out[i] is the end of segment i (the start of the next; the
 * first starts at 0), its bit 31 set when the segment is a word. out has
 * room for n entries. Returns the number of segments. */
int32_t pl_wb_all(const UChar *u, int32_t n, uint32_t *out);

#endif
