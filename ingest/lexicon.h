/* The lexicon: general knowledge as data (states, organisations, groups,
 * roles, cue words, places, stop words), compiled into a trie over folded
 * tokens for longest-match look-ups. Internal to libparley. */
#ifndef PARLEY_LEXICON_H
#define PARLEY_LEXICON_H

#include <parley/error.h>
#include <parley/text.h>
#include <stddef.h>
#include <stdint.h>

typedef enum lex_kind {
  LEX_STATE, LEX_ORG, LEX_GROUP, LEX_MEDIA, /* actors */
  LEX_PLACE, LEX_ROLE, LEX_ROLEMOD, LEX_CUE, LEX_STOP, LEX_ORDINAL,
  LEX_NKINDS
} lex_kind;

typedef struct lex_entry {
  int kind;          /* lex_kind */
  const char *id;    /* "TR", "un", "foreign-minister", "meet_v" ... */
  const char *name;  /* English name (or the cue's value, a number) */
  const char *name_ar; /* first Arabic form, or NULL */
  const char *actor; /* for places: the state id a capital stands for */
} lex_entry;

typedef struct pl_lexicon pl_lexicon;

/* Loads every *.tsv file of dir (sorted) and then each extra file, and
 * adds every ISO country ICU knows as a state. Returns 0 and *out, or
 * PL_EIO/PL_EINPUT with err->where "file:line". */
int pl_lexicon_load(pl_lexicon **out, const char *dir,
                    const char *const *extra, size_t nextra, pl_error *err);
void pl_lexicon_free(pl_lexicon *lx);

/* Adds one entry with its forms ('|'-separated, any script). */
int pl_lexicon_add(pl_lexicon *lx, int kind, const char *id, const char *name,
                   const char *forms, const char *actor, pl_error *err);

const lex_entry *pl_lexicon_entry(const pl_lexicon *lx, int idx);
/* The entry of kind with id, or -1. */
int pl_lexicon_find(const pl_lexicon *lx, int kind, const char *id);

/* Longest match starting at token i of t (Arabic proclitics on the first
 * token peeled; hyphens inside a phrase skipped). Returns the entry index
 * or -1; *ntok gets the tokens consumed and *skip the bytes of proclitics
 * at the start of token i. kinds is a bit mask of (1 << lex_kind) to
 * accept. */
int pl_lexicon_match(const pl_lexicon *lx, const pl_text *t, size_t i,
                     unsigned kinds, size_t *ntok, uint32_t *skip);

/* Is the folded word w (a single token) a stop word? */
int pl_lexicon_is_stop(const pl_lexicon *lx, const char *w);

/* Peels Arabic proclitics (و ف then ب ل ك, or لل as ال) from folded w.
 * Writes up to 4 candidates (w itself first) into out with the number of
 * letters peeled; returns the count. */
int pl_lexicon_peel(const char *w, char out[4][128], int letters[4]);

/* The same candidates without copying: candidate i is "ال" (when al) and
 * then w from byte off, with letters proclitic letters peeled. w is wl
 * bytes long (wl < 256); candidate 0 is w itself. */
typedef struct pl_peel {
  uint8_t off;     /* first byte of w kept */
  uint8_t al;      /* "ال" is put before it (لل read as ل + ال) */
  uint8_t letters; /* proclitic letters peeled */
} pl_peel;
int pl_lexicon_peel_forms(const char *w, size_t wl, pl_peel out[4]);

/* pl_lexicon_match for a caller that has token i's folded word w (wl
 * bytes, pl_text_norm's) and its forms f (nf of them, from
 * pl_lexicon_peel_forms(w, wl, f)) already: the same answer, without
 * making them again. */
int pl_lexicon_match_forms(const pl_lexicon *lx, const pl_text *t, size_t i,
                           const char *w, size_t wl, const pl_peel *f, int nf,
                           unsigned kinds, size_t *ntok, uint32_t *skip);

/* Entries in the lexicon (indices 0 .. count-1). */
size_t pl_lexicon_count(const pl_lexicon *lx);

#endif
