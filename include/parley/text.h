/* parley — the text pipeline: ICU segmentation into sentences and words,
 * each word folded for matching and mapped back to the original bytes. */
#ifndef PARLEY_TEXT_H
#define PARLEY_TEXT_H

#include <parley/error.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
  PL_TOK_WORD = 0,  /* letters (any script) */
  PL_TOK_NUM = 1,   /* digits, any digit system */
  PL_TOK_PUNCT = 2  /* punctuation and symbols */
};

enum {
  PL_TOKF_ARABIC = 1, /* Arabic script */
  PL_TOKF_LATIN = 2,  /* Latin script */
  PL_TOKF_UPPER = 4,  /* Latin, starts with a capital letter */
  PL_TOKF_PARA = 8    /* first token of a paragraph */
};

typedef struct pl_token {
  uint32_t start;    /* first byte in the original text */
  uint32_t end;      /* one past the last byte */
  uint32_t norm;     /* offset of the folded form in pl_text.norm */
  uint16_t norm_len; /* bytes of the folded form */
  uint8_t kind;      /* PL_TOK_* */
  uint8_t flags;     /* PL_TOKF_* bits */
  uint32_t sent;     /* index of its sentence */
} pl_token;

typedef struct pl_sentence {
  uint32_t start; /* first byte in the original text */
  uint32_t end;   /* one past the last byte (trailing space trimmed) */
  uint32_t first; /* index of its first token */
  uint32_t count; /* number of tokens */
  uint32_t para;  /* paragraph number (blank-line or newline separated) */
} pl_sentence;

typedef struct pl_text {
  const char *src;        /* the original text (borrowed) */
  size_t len;             /* its length in bytes */
  char *norm;             /* folded forms of all tokens, NUL-separated */
  size_t norm_len;        /* bytes used in norm */
  pl_token *toks;         /* tokens in text order (spaces dropped) */
  size_t ntoks;           /* number of tokens */
  pl_sentence *sents;     /* sentences in text order */
  size_t nsents;          /* number of sentences */
  void *impl;             /* growth state (private) */
} pl_text;

/* A reusable segmenter: holds ICU's break iterators. Not thread-safe; make
 * one per thread. */
typedef struct pl_segmenter pl_segmenter;

/* Returns 0 and *out (free with pl_segmenter_free), or PL_ENOMEM/PL_EINPUT
 * when ICU cannot open its break rules. */
int pl_segmenter_new(pl_segmenter **out, pl_error *err);
void pl_segmenter_free(pl_segmenter *seg);

/* Segments src (UTF-8; invalid bytes are treated as U+FFFD) into *text,
 * reusing text's memory from an earlier call (zero it before the first).
 * src must outlive text. Returns 0, PL_ENOMEM, or PL_ETOOBIG past 2^31
 * bytes. Linear in len. */
int pl_text_segment(pl_segmenter *seg, const char *src, size_t len,
                    pl_text *text, pl_error *err);

/* Frees what text holds (not the struct). */
void pl_text_clear(pl_text *text);

/* The folded form of token i (NUL-terminated, borrowed from text). */
static inline const char *pl_text_norm(const pl_text *t, size_t i) {
  return t->norm + t->toks[i].norm;
}

/* Folds s (n bytes of UTF-8) for matching: NFKC compatibility forms,
 * Arabic marks and tatweel dropped, alef/ya/ta-marbuta/hamza-seat forms
 * unified, Eastern Arabic and Persian digits to ASCII, Latin case-folded
 * and accents dropped. Appends to out (which must be a pl_buf from
 * src/common/buf.h, passed as void* to keep this header free of it).
 * Returns 0 or PL_ENOMEM. */
int pl_text_fold(const char *s, size_t n, void *out);

/* Folds a whole phrase: each word folded as above, words separated by one
 * space, punctuation dropped. Appends to out (a pl_buf). */
int pl_text_fold_phrase(const char *s, size_t n, void *out);

/* Decodes the UTF-8 code point at s[*i] (n bytes), advancing *i; invalid
 * bytes decode as U+FFFD and advance by one. */
uint32_t pl_utf8_next(const char *s, size_t n, size_t *i);

#ifdef __cplusplus
}
#endif
#endif
