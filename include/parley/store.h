/* parley — the graph store: one SQLite file of documents, entities,
 * aliases, dated edges and their evidence. A pl_store is used by one
 * thread at a time; several processes may open the same file (SQLite's
 * WAL: readers never wait, one writer at a time). */
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

/* Closes the store; NULL is fine. A batch still open is rolled back. */
void pl_store_close(pl_store *st);

/* Adds one document and its facts in one transaction: all or nothing.
 * Actors are resolved to existing entities by their aliases. A document
 * already in the store (same id) changes nothing and sets *added to 0;
 * otherwise *added is 1. Returns 0, PL_EDB, PL_ENOMEM, or PL_EINPUT for
 * facts that contradict themselves (an actor index or a span out of range);
 * on failure *added is 0 and the store is as it was before the call, except
 * inside a batch: there facts are checked before anything is written (bad
 * facts leave the batch as it was), and a failure past the checks (the
 * disk, memory) rolls back the whole batch and ends it
 * (pl_store_batch_open then says 0). */
int pl_store_add(pl_store *st, const pl_doc *doc, const pl_facts *facts,
                 int *added, pl_error *err);

/* Whether the store holds the document of id (pl_doc.id, a hash of its
 * body), committed or in the open batch: 1, 0, or PL_EDB. pl_store_add
 * would change nothing for it, so a caller can skip its extraction. */
int pl_store_has_document(pl_store *st, const char *id, pl_error *err);

/* Opens a batch: the documents added until pl_store_batch_commit are
 * committed together, which spares the journal most of its writes. A crash
 * or a write that fails loses the open batch, not what was committed
 * before; adding the same input again completes it.
 * Returns 0 (also when a batch is already open), PL_EUSAGE (read-only) or
 * PL_EDB. */
int pl_store_batch_begin(pl_store *st, pl_error *err);

/* Commits the open batch (nothing when none is open). On failure the batch
 * is rolled back and PL_EDB returned. */
int pl_store_batch_commit(pl_store *st, pl_error *err);

/* 1 while a batch is open (pl_store_batch_begin, until it is committed or
 * a failed pl_store_add rolled it back), else 0; NULL is 0. */
int pl_store_batch_open(const pl_store *st);

/* Before a large ingest into a store that holds no document yet: drops the
 * indexes that only queries read (pl_store_add never looks anything up
 * through them), so that pl_store_build_indexes makes them at the end,
 * sorted, instead of every insert updating them. Returns 1 when they were
 * dropped, 0 when the store holds documents or a batch is open (nothing
 * done), PL_EUSAGE (read-only) or PL_EDB. Until they are built queries
 * stay correct, only slower; a store opened for writing builds any that
 * are missing (an interrupted ingest). */
int pl_store_defer_indexes(pl_store *st, pl_error *err);

/* Builds the indexes pl_store_defer_indexes dropped (nothing when none is
 * missing); outside a batch. Returns 0, PL_EUSAGE (read-only, or a batch
 * is open) or PL_EDB. */
int pl_store_build_indexes(pl_store *st, pl_error *err);

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


/* ---- users' corrections (graph/correct.c) -------------------------------
 * Names are a lexicon key ("state:TR"), an entity id ("e12") or a name in
 * any script or spelling. A correction is stored and re-applied whenever a
 * later document is added, so a merged pair stays merged and an added alias
 * routes new mentions. Each returns 0, PL_ENOTFOUND (a name matches
 * nothing), PL_EUSAGE (a name matches several entities, or the two are
 * already one; the message names them), or PL_EDB; on failure the store is
 * unchanged. */

/* Folds the entity named other into the one named keep: names, relations,
 * evidence and claims move to keep. */
int pl_store_merge(pl_store *st, const char *keep, const char *other,
                   pl_error *err);

/* Makes name designate entity from now on (it wins over other matches). */
int pl_store_alias_add(pl_store *st, const char *entity, const char *name,
                       pl_error *err);

/* Gives entity the display name name (the old name stays an alias). */
int pl_store_rename(pl_store *st, const char *entity, const char *name,
                    pl_error *err);

/* Why a name belongs to an entity. */
typedef struct pl_name_note {
  const char *alias;  /* the name (or, for an event, a claim about it) */
  const char *reason; /* "same Latin consonant skeleton 'stfn d mstr' ...",
                         "user merge (parley merge)", "claimed" ... */
  const char *source; /* the document that brought it, or NULL (a user's
                         correction) */
} pl_name_note;

/* An entity's names and the record of why they were merged. */
typedef struct pl_entity_names {
  long long id;           /* entity id (shown as "e<id>") */
  const char *name;       /* display name */
  const char *type;       /* person, state, ..., meeting, proposal */
  const char **aliases;   /* alias keys, sorted ("lat:", "ar:", "sur:" and
                             "user:" prefixes mark derived keys) */
  size_t naliases;        /* entries in aliases */
  pl_name_note *notes;    /* merges in the order they happened, then (for
                             events) each document's claims */
  size_t nnotes;          /* entries in notes */
  void *impl;             /* storage (private) */
} pl_entity_names;

/* The names of the one entity name designates. *out is the caller's (free
 * with pl_entity_names_free). Returns 0, PL_ENOTFOUND, PL_EUSAGE (several
 * entities) or PL_EDB/PL_ENOMEM; *out is NULL on failure. */
int pl_store_names(pl_store *st, const char *name, pl_entity_names **out,
                   pl_error *err);

/* Frees names; NULL is fine. */
void pl_entity_names_free(pl_entity_names *names);

/* ---- loading facts and folding stores (graph/load.c, graph/merge_db.c) */

/* Loads facts in the JSON shape `parley extract --format json|jsonl`
 * prints (SCHEMA.md; one object, or one per line) from text (len bytes),
 * named name in messages ("FILE:LINE"). Each object is one document, added
 * with pl_store_add's resolution; its identity is its "id" field when
 * present, else a hash of the facts' text (and, for an article without
 * facts, its name). *docs and *added
 * (may be NULL) count objects read and documents new to the store. Returns
 * 0, or PL_EINPUT naming the line for malformed JSON or facts (documents
 * before it stay loaded), PL_EDB, PL_ENOMEM. */
int pl_store_load_json(pl_store *st, const char *name, const char *text,
                       size_t len, long *docs, long *added, pl_error *err);

/* Folds the store at path into st: each document st lacks is added with
 * its facts (rebuilt from the other store's rows) resolved against st, and
 * the other store's corrections are adopted. *docs and *added (may be
 * NULL) count the other store's documents and those new here. Returns 0,
 * PL_ENOTFOUND/PL_EINPUT/PL_EVERSION for a bad other store (naming it),
 * PL_EDB, PL_ENOMEM. */
int pl_store_merge_db(pl_store *st, const char *path, long *docs,
                      long *added, pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
