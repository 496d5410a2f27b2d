/* The store's internals shared by graph/store.c (open, schema, statements),
 * graph/resolve.c (normalised keys, pl_store_add), graph/query.c (timeline,
 * actors) and graph/view_store.c (views). Internal to libparley. */
#ifndef PARLEY_STORE_INT_H
#define PARLEY_STORE_INT_H

#include <parley/error.h>
#include <parley/store.h>

#include "buf.h"

#include <sqlite3.h>
#include <stddef.h>

/* The schema version this parley writes (PRAGMA user_version). */
#define PL_STORE_SCHEMA 5

/* Per entity, in one pass over the mentions: the mentions (n), the
 * documents (d), and the first and last publication dates of those
 * documents (lo, hi; read through documents_meta). Listing queries join
 * it as m; looking each date up by its own subquery read every mention
 * twice. */
#define PL_MENTIONS_BY_ENTITY                                                \
  "SELECT k.entity_id AS entity_id, sum(k.n) AS n, count(*) AS d,"          \
  " min(d.published) AS lo, max(d.published) AS hi FROM mentions k"        \
  " LEFT JOIN documents d ON d.id = k.doc_id GROUP BY k.entity_id"

/* Cached statements, prepared on first use and reused (reset) afterwards. */
typedef enum pl_stmt_id {
  S_DOC_EXISTS,      /* ?1 doc id → 1 row when present */
  S_DOC_INSERT,      /* documents row */
  S_ENT_BY_KEY,      /* ?1 key → id */
  S_ENT_INSERT,      /* type, name, name_ar, key, translit */
  S_ENT_FILL,        /* ?1 id: fill name_ar/translit when NULL */
  S_ENT_RENAME,      /* ?1 id, ?2 name */
  S_ALIAS_LOOKUP,    /* ?1 norm_key, ?2 type (NULL: any) → entity ids */
  S_ALIAS_COUNT,     /* ?1 norm_key, ?2 type → number of entities */
  S_ALIAS_INSERT,    /* norm_key, entity_id (OR IGNORE) */
  S_MENTION_ADD,     /* entity, doc, n (upsert) */
  S_EDGE_FIND,       /* src, dst, type, attrs → id, date_from, date_to */
  S_EDGE_INSERT,     /* src, dst, type, date_from, date_to, precision, attrs */
  S_EDGE_DATES,      /* ?1 id, ?2 date_from, ?3 date_to: widen */
  S_EVID_INSERT,     /* edge, doc, start, end, sentence, rule */
  S_EVENT_INSERT,    /* entity, dates, precision, kind, place, round,
                        status, content, date_text, process */
  S_EVENT_GET,       /* ?1 entity → dates, kind, place_id, round, status,
                        content, precision, process */
  S_EVENT_UPDATE,    /* ?1 entity, then the mergeable fields (a field
                        already set is kept: the first non-NULL wins) */
  S_EVENT_DATES_SET, /* ?1 entity, ?2 from, ?3 to, ?4 precision */
  S_CLAIM_INSERT,    /* event_claims row (OR IGNORE) */
  S_MERGE_NOTE,      /* merges row: entity, alias, reason, doc */
  S_AFFILIATIONS,    /* ?1 actor → actors it holds a role of, heads ... */
  S_EVENT_EDGE_DATES,/* ?1 event, ?2 from, ?3 to: date undated edges */
  S_EV_CANDIDATES,   /* ?1 actor, ?2 edge type → event entity ids */
  S_EV_MEMBERS,      /* ?1 event, ?2 edge type → actor ids (src) */
  S_PLACE_NAME,      /* ?1 entity id → name */
  S_Q_ALIAS_ANY,     /* query side: ?1 norm_key → entity ids (actors) */
  S_Q_KEY,           /* query side: ?1 key or ?2 id ("e12") → entity */
  S_Q_MEMBERS,       /* timeline: participants of an event or edge */
  S_Q_SOURCES,       /* timeline: source documents of an event or edge */
  S_CORRECTIONS,     /* every correction: op, a, b, in order */
  S_USER_ALIASES,    /* 1 when any "user:" alias exists, else 0 */
  S_COUNT
} pl_stmt_id;

struct pl_store {
  sqlite3 *db;                /* the connection */
  char *path;                 /* the file, for messages */
  int readonly;               /* opened with PL_STORE_READONLY */
  sqlite3_stmt *stmt[S_COUNT];/* cached statements (NULL until used) */
  unsigned views;             /* views opened so far: names temp tables */
  void *translit;             /* ICU Any-Latin; Latin-ASCII transliterator,
                                 made on first use (graph/keys.c) */
  int translit_failed;        /* ICU could not make it: Latin keys of
                                 Arabic names are skipped */
  int in_corrections;         /* re-applying corrections: no recursion */
  char *places;               /* the lexicon's places.tsv, read on first
                                 use (graph/places.c), or NULL */
  int places_missing;         /* no places file could be read */
  int batch;                  /* a batch transaction is open: documents are
                                 checked, then added inside it */
  struct pl_strcache *latin;  /* Latin keys already computed (keys.c) */
  struct pl_strcache *aliases;/* aliases this connection inserted (or found)
                                 in batches (resolve.c); emptied when a
                                 document rolls back, a correction applies
                                 or another connection wrote since */
  struct pl_strcache *entities;/* in batches, like aliases: "k" + lexicon
                                 key -> entity id, and "f" + entity id ->
                                 which of name_ar (1) and translit (2) it
                                 is known to have (resolve.c) */
  int user_aliases;           /* in batches: whether any "user:" alias
                                 exists (1), none (0), unknown (-1) */
  long long data_version;     /* PRAGMA data_version after the last batch
                                 committed (-1: none yet) */
};

/* Forgets what st->aliases, st->entities and st->user_aliases cached:
 * called when a document rolls back, a correction applies, entities merge
 * or another connection wrote since the last batch. */
void pl_store__forget(pl_store *st);

/* Runs sql, which yields one integer (or no row: 0), into *out. */
int pl_store__query_int(pl_store *st, const char *sql, long long *out,
                        pl_error *err);

/* A bounded cache of strings: key -> value (a copy of each), direct
 * mapped on the key's hash; a colliding entry replaces the older one. */
typedef struct pl_strcache pl_strcache;
/* The value cached for key (n bytes), or NULL. */
const char *pl_strcache_get(const pl_strcache *c, const char *key, size_t n);
/* Caches key -> value (creating *c on first use); PL_ENOMEM on failure. */
int pl_strcache_put(pl_strcache **c, const char *key, size_t n,
                    const char *value);
/* Empties c (which may be NULL). */
void pl_strcache_clear(pl_strcache *c);
void pl_strcache_free(pl_strcache *c);

/* The lexicon's forms of one place (pointers into st->places, not
 * NUL-terminated: each with its length). */
#define PL_PLACE_FORMS_MAX 16
typedef struct pl_place_forms {
  const char *form[PL_PLACE_FORMS_MAX]; /* every form, any script */
  size_t len[PL_PLACE_FORMS_MAX];       /* their lengths in bytes */
  size_t n;                             /* forms found (0: unknown place) */
  const char *name_ar;                  /* the first Arabic form, or NULL */
  size_t name_ar_len;                   /* its length */
} pl_place_forms;

/* The lexicon's forms of the place name designates (its English name or
 * any of its forms, compared as alias keys), read from places.tsv found as
 * the extractor finds its lexicon (graph/places.c). out->n is 0 for a place
 * the lexicon lacks or when no file can be read. The forms are borrowed
 * until st is closed. Returns 0 or PL_ENOMEM. */
int pl_store__place_forms(pl_store *st, const char *name,
                          pl_place_forms *out, pl_error *err);

/* Frees the transliterator of st (graph/keys.c); NULL is fine. */
void pl_store__keys_free(pl_store *st);

/* Appends to out the Latin consonant skeleton of the folded name key (ICU
 * Any-Latin; Latin-ASCII, lower case, vowels and doubled letters dropped,
 * close consonants unified: "ستيفان دي ميستورا" and "Staffan de Mistura"
 * both give "stfn d mstr"). Words that vanish are dropped. out may stay
 * empty. Returns 0 or PL_ENOMEM. */
int pl_store__latin_key(pl_store *st, const char *key, size_t n, pl_buf *out,
                        pl_error *err);

/* pl_store__latin_key always through ICU's transliterator (no table, no
 * cache): the reference its table is tested against. Same contract; out
 * stays unchanged when ICU cannot open the transliterator. */
int pl_store__latin_key_icu(pl_store *st, const char *key, size_t n,
                            pl_buf *out, pl_error *err);

/* Appends to out the Arabic consonant skeleton of the folded key: long
 * vowel letters (ا و ي ى) inside words dropped, so "ستفان" and "ستيفان"
 * meet. out stays empty for a key without Arabic letters. Returns 0 or
 * PL_ENOMEM. */
int pl_store__arabic_key(const char *key, size_t n, pl_buf *out,
                         pl_error *err);

/* Folds entity `from` into entity `into`: aliases, mentions, edges (equal
 * edges joined, their evidence kept), events' places, claims and merge
 * records move to `into`; `from` is deleted. reason is recorded in merges.
 * Runs inside the caller's transaction. Returns 0 or PL_EDB/PL_ENOMEM. */
int pl_store__merge_entities(pl_store *st, long long into, long long from,
                             const char *reason, pl_error *err);

/* Re-applies every stored correction (merges, aliases, renames) whose
 * names now designate entities; inside the caller's transaction. Returns 0
 * or PL_EDB/PL_ENOMEM. */
int pl_store__apply_corrections(pl_store *st, pl_error *err);

/* The one entity a user's name designates (a lexicon key, "e12", or a
 * name in any script), preferring user aliases; 0 when none, and
 * PL_EUSAGE when the name designates several (naming them). */
int pl_store__resolve_name(pl_store *st, const char *name, long long *out,
                           pl_error *err);

/* Extra alias keys and mention counts for actors (merge-db: the mentions'
 * spans of a store's document are not kept, its alias keys are). Plain
 * keys are matched on like names; every key is recorded as it is. */
typedef struct pl_actor_extra {
  const char *const *keys; /* alias keys ("lat:", "ar:", "sur:" too) */
  size_t nkeys;            /* entries in keys */
  long nmentions;          /* mentions in the document (overrides the span
                              count when >= 0) */
} pl_actor_extra;

/* pl_store_add with per-actor extras (NULL: none), and the document's
 * claims given as is. Same contract as pl_store_add. */
int pl_store__add_ex(pl_store *st, const pl_doc *doc, const pl_facts *facts,
                     const pl_actor_extra *extra, int *added, pl_error *err);

/* The cached statement id, reset and with its bindings cleared; NULL after
 * recording PL_EDB in err. */
sqlite3_stmt *pl_store__stmt(pl_store *st, pl_stmt_id id, pl_error *err);

/* Records the connection's last error as PL_EDB; returns PL_EDB. */
int pl_store__dberr(pl_store *st, pl_error *err, const char *what);

/* Runs sql (no results). Returns 0 or PL_EDB. */
int pl_store__exec(pl_store *st, const char *sql, pl_error *err);

/* Normalises the surface form s (n bytes, or strlen when n is (size_t)-1)
 * into an alias key with pl_text_fold_phrase (text.h): NFKC forms, case
 * folded, Arabic marks and tatweel dropped, alef/ya/ta-marbuta/hamza-seat
 * forms unified, punctuation dropped, words joined by one space. Appends to
 * out (reset by the caller). Returns 0 or PL_ENOMEM. An empty key is
 * possible (punctuation only). */
int pl_store__norm_key(const char *s, size_t n, pl_buf *out, pl_error *err);

/* The entity ids (sorted, distinct, actors and places only) that a user's
 * name for an actor designates: its normalised key among the aliases, or a
 * lexicon key ("state:TR") as is. *ids is malloc'ed (caller frees; NULL
 * when *n is 0). Returns 0 (maybe *n == 0), PL_ENOMEM or PL_EDB. */
int pl_store__find_actor(pl_store *st, const char *name, long long **ids,
                         size_t *n, pl_error *err);

/* Validates "YYYY-MM-DD" shaped dates for queries: NULL is fine. Returns 0
 * or PL_EUSAGE naming what. */
int pl_store__check_date(const char *d, const char *what, pl_error *err);

/* ---- query helpers (graph/query_util.c) --------------------------------- */

/* Strings copied out of SQLite for one row of a query, with an entity id
 * and a side flag beside each. Zero-initialised is empty. */
typedef struct pl_qlist {
  char **v;      /* strings (malloc'ed) */
  long long *id; /* entity ids beside them (participants), or 0 */
  int *side;     /* 0 / 1 beside each (proposers / addressees) */
  size_t n;      /* used */
  size_t cap;    /* allocated */
} pl_qlist;

/* Empties l, keeping its arrays. */
void pl_qlist__clear(pl_qlist *l);

/* Frees l's strings and arrays; l is then empty. */
void pl_qlist__free(pl_qlist *l);

/* Appends a copy of s (NULL: "") with id and side. Returns 0 or PL_ENOMEM
 * (l unchanged but maybe grown). */
int pl_qlist__add(pl_qlist *l, const char *s, long long id, int side);

/* The members of the event (edge 0) or edge (edge 1) id (S_Q_MEMBERS:
 * name, entity id, side) into l, emptied first. Returns 0, PL_ENOMEM or
 * PL_EDB ("read"), with err set. */
int pl_query__members(pl_store *st, int edge, long long id, pl_qlist *l,
                      pl_error *err);

/* The sources of the event (edge 0) or edge (edge 1) id (S_Q_SOURCES) into
 * l, emptied first; with distinct, a source equal to the one before it is
 * skipped (two documents from one source). Returns 0, PL_ENOMEM or PL_EDB
 * (the message naming what, "read" when NULL), with err set. */
int pl_query__sources(pl_store *st, int edge, long long id, int distinct,
                      const char *what, pl_qlist *l, pl_error *err);

/* Column i of the current row of s as text (NULL for SQL NULL). */
const char *pl_query__col(sqlite3_stmt *s, int i);

#endif
