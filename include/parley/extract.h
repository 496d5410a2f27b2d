/* parley — extraction: lexicon + rules over segmented text -> pl_facts. */
#ifndef PARLEY_EXTRACT_H
#define PARLEY_EXTRACT_H

#include <parley/doc.h>
#include <parley/error.h>
#include <parley/facts.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_extractor pl_extractor;

typedef struct pl_extract_opts {
  const char *data_dir;          /* lexicon and rules folder, or NULL:
                                    $PARLEY_LEXICON_DIR, the installed one,
                                    else the source tree's */
  const char *const *lexicons;   /* extra lexicon files (same TSV format) */
  size_t nlexicons;              /* entries in lexicons */
} pl_extract_opts;

/* Loads the lexicon and the rules once. Returns 0 and *out (free with
 * pl_extractor_free), or PL_EIO/PL_EINPUT naming the bad file and line. */
int pl_extractor_new(pl_extractor **out, const pl_extract_opts *opts,
                     pl_error *err);
void pl_extractor_free(pl_extractor *ex);

/* Extracts the facts of one document. The facts borrow doc->body: keep the
 * document alive while using them. Returns 0 and *out (free with
 * pl_facts_free), or PL_ENOMEM. Linear in the document's length. */
int pl_extract(pl_extractor *ex, const pl_doc *doc, pl_facts **out,
               pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
