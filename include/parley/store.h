/* parley — the graph store: one SQLite file of documents, entities,
 * aliases, dated edges and their evidence. */
#ifndef PARLEY_STORE_H
#define PARLEY_STORE_H

#include <parley/doc.h>
#include <parley/error.h>
#include <parley/facts.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_store pl_store;

enum {
  PL_STORE_READONLY = 1, /* open for queries only; the file must exist */
  PL_STORE_CREATE = 2    /* create the file when missing */
};

/* The path parley uses when none is given: $PARLEY_DB, else "parley.db".
 * The string is borrowed (environment or static). */
const char *pl_store_default_path(void);

/* Opens (and with PL_STORE_CREATE creates) the store at path, migrating an
 * older schema forward in one transaction. Returns 0 and *out (caller frees
 * with pl_store_close), or: PL_ENOTFOUND (no such file, READONLY),
 * PL_EINPUT (not an SQLite store of parley's), PL_EVERSION (written by a
 * newer parley), PL_EDB. On failure *out is NULL and the file is untouched. */
int pl_store_open(pl_store **out, const char *path, int flags, pl_error *err);

/* Closes the store; NULL is fine. */
void pl_store_close(pl_store *st);

/* Adds one document and its facts in one transaction: all or nothing.
 * Actors are resolved to existing entities by their aliases. A document
 * already in the store (same id) changes nothing and sets *added to 0;
 * otherwise *added is 1. Returns 0, PL_EDB, PL_ENOMEM, or PL_EINPUT for
 * facts that contradict themselves (an actor index or a span out of range);
 * on failure *added is 0 and the store is as it was before the call. */
int pl_store_add(pl_store *st, const pl_doc *doc, const pl_facts *facts,
                 int *added, pl_error *err);

/* What a view selects from the store. Zeroed means the whole graph. */
typedef struct pl_view_query {
  const char *shape;          /* "events" (default: actors plus meeting and
                                 proposal nodes) or "actors" (actor-actor
                                 edges aggregated: met, proposed jointly,
                                 headed delegation of) */
  const char *const *actors;  /* names (any script/spelling): ego network */
  size_t nactors;             /* entries in actors */
  int depth;                  /* ego radius (0: 1) */
  const char *from;           /* "YYYY-MM-DD" or NULL */
  const char *to;             /* "YYYY-MM-DD" or NULL */
  const char *type;           /* keep only this node/event type, or NULL */
} pl_view_query;

/* Opens a view of the store (see view.h) selected by q (NULL: everything).
 * The view borrows st: free it before closing the store. Returns 0,
 * PL_ENOTFOUND for an actor name that matches nothing, or PL_EDB. */
struct pl_view;
int pl_store_view(pl_store *st, const pl_view_query *q, struct pl_view **out,
                  pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
