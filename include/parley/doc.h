/* parley — documents and the readers that make them. */
#ifndef PARLEY_DOC_H
#define PARLEY_DOC_H

#include <parley/error.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One article. Readers produce it; nothing after a reader knows whether it
 * came from HTML, a feed or a file. All strings are UTF-8 and NUL-terminated.
 */
typedef struct pl_doc {
  char id[33];        /* hex hash of the body: the document's identity */
  char *source;       /* file path, "path#item" for feeds, or "-" */
  char *url;          /* canonical URL, or NULL */
  char *title;        /* title, or NULL */
  char lang[8];       /* "ar", "en", "und" ... ("" until known) */
  char published[11]; /* "YYYY-MM-DD", or "" when unknown */
  char *body;         /* the article text, UTF-8, NUL-terminated */
  size_t body_len;    /* bytes in body */
  size_t input_pos;   /* bytes of the named input (file or folder) read
                         when this document was handed over, for
                         progress reports; 0 when unknown */
} pl_doc;

/* Computes doc->id from doc->body, and doc->lang from the body's script mix
 * when lang is empty. Never fails. */
void pl_doc_finish(pl_doc *doc);

/* Frees the strings a doc owns (not the struct); NULL is fine. */
void pl_doc_clear(pl_doc *doc);

/* Called for each document read. The doc is borrowed for the call only.
 * Return 0 to go on, or a negative pl_code to stop reading. */
typedef int (*pl_doc_fn)(void *ctx, const pl_doc *doc, pl_error *err);

/* Called for a problem that skips part of an input but not all of it (a
 * broken JSON line, an unsure encoding guess). where is "file:line". */
typedef void (*pl_warn_fn)(void *ctx, const char *where, const char *msg);

typedef struct pl_read_opts {
  const char *reader;    /* "auto" (NULL too), "text", "html", "feed", "jsonl" */
  const char *encoding;  /* force an input encoding, or NULL to detect */
  size_t max_size;       /* refuse documents above this (0: 16 MiB) */
  const char *published; /* override: "YYYY-MM-DD", or NULL */
  const char *lang;      /* override, or NULL */
  const char *title;     /* override, or NULL */
  pl_warn_fn warn;       /* may be NULL */
  void *warn_ctx;        /* passed to warn */
} pl_read_opts;

/* Reads path (a file, a folder read recursively, or "-" for stdin) and calls
 * fn for each document in it, in a stable order. Returns 0 when every input
 * was read (documents may still have been skipped with a warning), or the
 * first error: PL_EIO for an unreadable path, PL_EINPUT for an input that is
 * not an article (binary, empty, malformed beyond recovery), PL_ETOOBIG, or
 * whatever fn returned. err->where names the file. A folder with no articles
 * is PL_EEMPTY. */
int pl_read_path(const char *path, const pl_read_opts *opts, pl_doc_fn fn,
                 void *ctx, pl_error *err);

/* Reads one in-memory input (bytes of a file) named name. Same contract as
 * pl_read_path for a single file. */
int pl_read_memory(const char *name, const char *data, size_t len,
                   const pl_read_opts *opts, pl_doc_fn fn, void *ctx,
                   pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
