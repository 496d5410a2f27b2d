/* parley — queries over the store: the timeline of events and the list of
 * actors. Rows are handed to a callback one at a time; their strings are
 * borrowed for the call only. */
#ifndef PARLEY_QUERY_H
#define PARLEY_QUERY_H

#include <parley/error.h>
#include <parley/store.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a timeline selects. Zeroed means every event. */
typedef struct pl_timeline_query {
  const char *const *actors; /* names (any script or spelling, or a lexicon
                                key such as "state:TR"): every one of them
                                must take part in an event */
  size_t nactors;            /* entries in actors */
  const char *type;          /* "meeting", "proposal", "delegation", "role",
                                or NULL for all */
  const char *from;          /* "YYYY-MM-DD": events ending on or after it */
  const char *to;            /* "YYYY-MM-DD": events starting on or before */
} pl_timeline_query;

/* One event of the timeline. */
typedef struct pl_timeline_row {
  const char *id;            /* "e12" (meeting/proposal entity) or "r34"
                                (the heads/holds_role edge): stable */
  const char *date_from;     /* "YYYY-MM-DD", or NULL when undated */
  const char *date_to;       /* "YYYY-MM-DD", or NULL when undated */
  int precision;             /* pl_precision of the dates */
  const char *type;          /* meeting|proposal|delegation|role */
  const char *kind;          /* meeting kind, the role's words, "delegation",
                                or NULL (proposals) */
  const char *status;        /* held|planned... (meetings, proposals), NULL */
  const char *place;         /* meeting place, or NULL */
  const char *round;         /* round, or NULL */
  const char *process;       /* meetings: the negotiation process of the
                                round ("Astana"), or NULL */
  const char *const *participants; /* names: a meeting's participants in the
                                order first reported; a proposal's proposers
                                then addressees; a delegation's head then
                                its actor; a role's person then its actor */
  size_t nparticipants;      /* entries in participants */
  size_t nby;                /* proposals: how many of participants are
                                proposers (the rest are addressees) */
  const char *summary;       /* one line: the content of a proposal,
                                "X heads the delegation of Y", "X: envoy of
                                Y", or the meeting's name */
  const char *const *sources;/* source of each document behind the event,
                                sorted, distinct */
  size_t nsources;           /* entries in sources */
} pl_timeline_row;

/* Called per row; return 0 to go on or a negative pl_code to stop. */
typedef int (*pl_timeline_fn)(void *ctx, const pl_timeline_row *row,
                              pl_error *err);

/* Lists events in date order (undated last; ties by type then id). Returns
 * 0, PL_ENOTFOUND for an actor name that matches no entity, PL_EUSAGE for a
 * malformed date or unknown type, PL_EDB, PL_ENOMEM, or what fn returned. */
int pl_query_timeline(pl_store *st, const pl_timeline_query *q,
                      pl_timeline_fn fn, void *ctx, pl_error *err);

/* One actor. */
typedef struct pl_actor_row {
  const char *id;        /* "e12": the view's node id too */
  const char *type;      /* person|state|organization|group|media|place */
  const char *name;      /* canonical name */
  const char *name_ar;   /* Arabic name, or NULL */
  const char *key;       /* lexicon id, or NULL for discovered actors */
  long mentions;         /* mentions over all documents */
  long documents;        /* documents that mention it */
  const char *first;     /* earliest date seen (relations, publication
                            dates), or NULL */
  const char *last;      /* latest date seen, or NULL */
} pl_actor_row;

typedef int (*pl_actor_fn)(void *ctx, const pl_actor_row *row,
                           pl_error *err);

/* Lists actors (every entity but meetings and proposals), most documents
 * first, then most mentions, then by id; only those of type when type is
 * not NULL. Returns 0, PL_EUSAGE for an unknown type, PL_EDB, or what fn
 * returned. */
int pl_query_actors(pl_store *st, const char *type, pl_actor_fn fn,
                    void *ctx, pl_error *err);

/* Formats names as "Russia, Iran, Turkey" into out (cap bytes, always
 * NUL-terminated when cap > 0, cut on a character boundary). Returns the
 * length the whole list needs, like snprintf. */
size_t pl_query_format_names(char *out, size_t cap, const char *const *names,
                             size_t n, const char *sep);

/* Display width of UTF-8 text for aligned tables: code points, not counting
 * combining marks, zero-width and bidi control characters. */
size_t pl_query_width(const char *s);


/* ---- issue 6: show, meetings, delegations, evidence, path, stats --------
 * Every name below is any spelling of an actor in any script, a lexicon key
 * ("state:TR") or a node id ("e12"), resolved as the timeline resolves
 * them; a name may designate several entities (namesakes kept apart).
 * Dates are "YYYY-MM-DD"; from/to keep what ends on or after from and
 * starts on or before to (undated rows are then left out). Rows and their
 * strings are borrowed for the callback only. */

/* One entity a name designates, with what the store knows of it. */
typedef struct pl_entity_row {
  const char *id;                /* "e12" */
  const char *type;              /* person|state|organization|group|media|
                                    place */
  const char *name;              /* canonical name */
  const char *name_ar;           /* Arabic name, or NULL */
  const char *key;               /* lexicon id, or NULL (discovered) */
  const char *translit;          /* Latin transliteration key, or NULL */
  const char *const *aliases;    /* normalised alias keys, sorted */
  size_t naliases;               /* entries in aliases */
  long mentions;                 /* mentions over all documents */
  long documents;                /* documents that mention it */
  const char *first;             /* earliest date seen, or NULL */
  const char *last;              /* latest date seen, or NULL */
} pl_entity_row;

typedef int (*pl_entity_fn)(void *ctx, const pl_entity_row *row,
                            pl_error *err);

/* Calls fn for every actor (or place) that name designates, by id.
 * Returns 0, PL_ENOTFOUND when the name matches nothing, PL_EDB, PL_ENOMEM,
 * or what fn returned. */
int pl_query_entities(pl_store *st, const char *name, pl_entity_fn fn,
                      void *ctx, pl_error *err);

/* One role: a person holding a role in (or for) an actor. */
typedef struct pl_role_row {
  const char *id;                /* "r34": the holds_role edge */
  const char *person;            /* the person's name */
  const char *person_id;         /* "e15" */
  const char *role;              /* the role's words, or NULL */
  const char *of;                /* the actor the role is of, or NULL */
  const char *of_id;             /* "e4", or NULL */
  const char *date_from;         /* or NULL when undated */
  const char *date_to;           /* or NULL when undated */
  int precision;                 /* pl_precision of the dates */
  const char *const *sources;    /* document sources, sorted, distinct */
  size_t nsources;               /* entries in sources */
} pl_role_row;

typedef int (*pl_role_fn)(void *ctx, const pl_role_row *row, pl_error *err);

/* Lists the roles actor takes part in (as the person or as the actor the
 * role is of; NULL: every role) in date order, undated last. Returns 0,
 * PL_ENOTFOUND (unknown actor), PL_EUSAGE (bad date), PL_EDB, PL_ENOMEM or
 * what fn returned. */
int pl_query_roles(pl_store *st, const char *actor, const char *from,
                   const char *to, pl_role_fn fn, void *ctx, pl_error *err);

/* What pl_query_meetings selects. Zeroed means every meeting. */
typedef struct pl_meeting_query {
  const char *const *actors;     /* every one must take part */
  size_t nactors;                /* entries in actors */
  const char *round;             /* "11", or NULL */
  const char *place;             /* a place's name (any script), or NULL */
  const char *from;              /* or NULL */
  const char *to;                /* or NULL */
  const char *process;           /* "Astana" (ASCII case ignored), or NULL */
} pl_meeting_query;

/* One meeting. */
typedef struct pl_meeting_row {
  const char *id;                /* "e21": the meeting node */
  const char *name;              /* "bilateral in Astana, round 11" */
  const char *date_from;         /* or NULL when undated */
  const char *date_to;           /* or NULL when undated */
  int precision;                 /* pl_precision of the dates */
  const char *kind;              /* bilateral|trilateral|session..., NULL */
  const char *place;             /* place name, or NULL */
  const char *round;             /* round, or NULL */
  const char *process;           /* the negotiation process of the round
                                    ("Astana"), or NULL */
  const char *status;            /* held|planned..., or NULL */
  const char *const *participants; /* names, in the order first reported */
  size_t nparticipants;          /* entries in participants */
  const char *const *sources;    /* document sources, sorted, distinct */
  size_t nsources;               /* entries in sources */
} pl_meeting_row;

typedef int (*pl_meeting_fn)(void *ctx, const pl_meeting_row *row,
                             pl_error *err);

/* Lists meetings in date order (undated last, ties by id). Returns 0,
 * PL_ENOTFOUND (unknown actor or place), PL_EUSAGE (bad date), PL_EDB,
 * PL_ENOMEM or what fn returned. */
int pl_query_meetings(pl_store *st, const pl_meeting_query *q,
                      pl_meeting_fn fn, void *ctx, pl_error *err);

/* One proposal. */
typedef struct pl_proposal_row {
  const char *id;                /* "e30": the proposal node */
  const char *content;           /* what was proposed */
  const char *date_from;         /* or NULL when undated */
  const char *date_to;           /* or NULL when undated */
  int precision;                 /* pl_precision of the dates */
  const char *status;            /* proposed|planned..., or NULL */
  const char *const *by;         /* proposers' names */
  size_t nby;                    /* entries in by */
  const char *const *to;         /* addressees' names */
  size_t nto;                    /* entries in to */
  const char *const *sources;    /* document sources, sorted, distinct */
  size_t nsources;               /* entries in sources */
} pl_proposal_row;

typedef int (*pl_proposal_fn)(void *ctx, const pl_proposal_row *row,
                              pl_error *err);

/* Lists the proposals actor made or received (NULL: all) in date order.
 * Returns as pl_query_roles. */
int pl_query_proposals(pl_store *st, const char *actor, const char *from,
                       const char *to, pl_proposal_fn fn, void *ctx,
                       pl_error *err);

/* What pl_query_delegations selects. Zeroed means every delegation. */
typedef struct pl_delegation_query {
  const char *of;                /* the actor whose delegations, or NULL */
  const char *head;              /* the head, or NULL */
  const char *from;              /* or NULL */
  const char *to;                /* or NULL */
} pl_delegation_query;

/* One delegation as one document reports it (rows of one heads edge in
 * several documents of the same round and date are one row). */
typedef struct pl_delegation_row {
  const char *id;                /* "r7": the heads edge */
  const char *date;              /* the meeting's date in that document,
                                    else the edge's, else the publication
                                    date; or NULL */
  const char *round;             /* round of a meeting of the same
                                    document (one the actor took part in
                                    first), or NULL */
  const char *meeting_id;        /* "e21": that meeting, or NULL */
  const char *head;              /* the head's name */
  const char *head_ar;           /* the head's Arabic name, or NULL */
  const char *head_id;           /* "e15" */
  const char *of;                /* the actor's name */
  const char *of_id;             /* "e4" */
  const char *const *sources;    /* document sources, sorted, distinct */
  size_t nsources;               /* entries in sources */
} pl_delegation_row;

typedef int (*pl_delegation_fn)(void *ctx, const pl_delegation_row *row,
                                pl_error *err);

/* Lists who headed delegations, in date then round order (undated last).
 * Returns 0, PL_ENOTFOUND, PL_EUSAGE, PL_EDB, PL_ENOMEM or what fn
 * returned. */
int pl_query_delegations(pl_store *st, const pl_delegation_query *q,
                         pl_delegation_fn fn, void *ctx, pl_error *err);

/* One piece of evidence: a sentence of a document behind an edge. */
typedef struct pl_evidence_row {
  const char *edge_id;           /* "r34" */
  const char *edge_type;         /* participates_in|heads|holds_role... */
  const char *src;               /* name of the edge's source */
  const char *src_id;            /* "e4" */
  const char *dst;               /* name of the edge's target, or NULL */
  const char *dst_id;            /* "e21", or NULL */
  const char *doc_id;            /* the document's id (hash of its text) */
  const char *source;            /* where the document came from */
  const char *url;               /* or NULL */
  const char *title;             /* or NULL */
  const char *published;         /* "YYYY-MM-DD", or NULL */
  const char *lang;              /* "ar", "en", or NULL */
  long start;                    /* first byte of the span in the body */
  long end;                      /* one past its last byte */
  const char *sentence;          /* the sentence, exactly as written */
  const char *rule;              /* the extraction rule's id, or NULL */
} pl_evidence_row;

typedef int (*pl_evidence_fn)(void *ctx, const pl_evidence_row *row,
                              pl_error *err);

/* Lists the evidence behind id: "r34" (one edge, as the timeline prints
 * it) or "e12" (every edge of that node: a meeting's participants and
 * place, a proposal's authors and addressees, an actor's relations), by
 * edge then document then offset. Returns 0, PL_EUSAGE (not an id),
 * PL_ENOTFOUND (no such edge or node), PL_EDB, PL_ENOMEM or what fn
 * returned. */
int pl_query_evidence(pl_store *st, const char *id, pl_evidence_fn fn,
                      void *ctx, pl_error *err);

/* What pl_query_path looks for. */
typedef struct pl_path_query {
  const char *a;                 /* the first actor (a name) */
  const char *b;                 /* the second */
  int max_depth;                 /* most edges in the chain (0: 6) */
  const char *from;              /* use only edges dated in [from, to] */
  const char *to;                /* (NULL: any edge, dated or not) */
} pl_path_query;

/* One hop of a chain. */
typedef struct pl_path_hop {
  int step;                      /* 1, 2, ... */
  const char *from;              /* name of the node the hop leaves */
  const char *from_id;           /* "e4" */
  const char *from_type;         /* its entity type */
  const char *to;                /* name of the node the hop reaches */
  const char *to_id;             /* "e21" */
  const char *to_type;           /* its entity type */
  const char *edge_id;           /* "r34" */
  const char *edge_type;         /* participates_in|heads|... */
  int forward;                   /* 1: from is the edge's source */
  const char *detail;            /* the role or kind (edge attributes), or
                                    NULL */
  const char *date_from;         /* or NULL when undated */
  const char *date_to;           /* or NULL when undated */
  int precision;                 /* pl_precision of the dates */
  const char *const *sources;    /* document sources, sorted, distinct */
  size_t nsources;               /* entries in sources */
} pl_path_hop;

typedef int (*pl_path_fn)(void *ctx, const pl_path_hop *hop, pl_error *err);

/* Finds a shortest chain of relations between q->a and q->b (breadth
 * first, edges taken in either direction; meetings and proposals are
 * intermediate nodes, places are not) and calls fn once per hop, in order.
 * *length gets the number of hops (0 when both names designate one
 * entity). Returns 0, PL_ENOTFOUND (a name matches nothing, or no chain
 * within max_depth: the message says which), PL_EUSAGE, PL_EDB, PL_ENOMEM,
 * or what fn returned. */
int pl_query_path(pl_store *st, const pl_path_query *q, pl_path_fn fn,
                  void *ctx, int *length, pl_error *err);

/* One count. */
typedef struct pl_count {
  char *name;                    /* the type or language ("" when NULL) */
  long long n;                   /* how many */
} pl_count;

/* What the store holds. */
typedef struct pl_stats {
  long long documents;           /* documents stored */
  pl_count *langs;               /* documents by language, by name */
  size_t nlangs;                 /* entries in langs */
  char *published_from;          /* earliest publication date, or NULL */
  char *published_to;            /* latest publication date, or NULL */
  long long entities;            /* entities, every type */
  pl_count *entity_types;        /* entities by type, by name */
  size_t nentity_types;          /* entries in entity_types */
  long long edges;               /* edges, every type */
  pl_count *edge_types;          /* edges by type, by name */
  size_t nedge_types;            /* entries in edge_types */
  long long events;              /* meetings and proposals */
  long long undated_events;      /* of those, without a date */
  char *events_from;             /* earliest event date, or NULL */
  char *events_to;               /* latest event date, or NULL */
  long long aliases;             /* alias keys */
  long long evidence;            /* evidence spans */
} pl_stats;

/* Counts what the store holds. Returns 0 and *out (free with
 * pl_stats_free), or PL_EDB / PL_ENOMEM with *out NULL. */
int pl_query_stats(pl_store *st, pl_stats **out, pl_error *err);

/* Frees stats; NULL is fine. */
void pl_stats_free(pl_stats *stats);

/* Writes one CSV (RFC 4180) record of n fields (NULL: empty) ending in
 * CRLF. Returns 0, or PL_EIO when the stream fails. */
int pl_query_csv_row(FILE *out, const char *const *fields, size_t n);

/* JSON writers: each writes one row as one JSON object (no newline) with
 * the fields docs/json-output.md lists, absent values as null. Each
 * returns 0, PL_ENOMEM, or PL_EIO when the stream fails. */
int pl_query_json_role(FILE *out, const pl_role_row *row);
int pl_query_json_meeting(FILE *out, const pl_meeting_row *row);
int pl_query_json_proposal(FILE *out, const pl_proposal_row *row);
int pl_query_json_delegation(FILE *out, const pl_delegation_row *row);
int pl_query_json_evidence(FILE *out, const pl_evidence_row *row);
int pl_query_json_hop(FILE *out, const pl_path_hop *hop);
/* Writes s as a JSON string (escaped, valid UTF-8), or null for NULL. */
int pl_query_json_string(FILE *out, const char *s);

/* A table whose columns are aligned on display width (pl_query_width):
 * rows are held until pl_qtable_write. */
typedef struct pl_qtable pl_qtable;

/* Makes a table of ncols columns headed by head (copied). Returns 0 and
 * *out (free with pl_qtable_free) or PL_ENOMEM. */
int pl_qtable_new(pl_qtable **out, size_t ncols, const char *const *head,
                  pl_error *err);

/* Adds a row of ncols cells (copied; NULL or "" shows as "-"). Returns 0
 * or PL_ENOMEM. */
int pl_qtable_add(pl_qtable *t, const char *const *cells, pl_error *err);

/* Rows added so far. */
size_t pl_qtable_rows(const pl_qtable *t);

/* Writes the header and rows, columns separated by two spaces, lines
 * ending in "\n" (no trailing blanks). Returns 0 or PL_EIO. */
int pl_qtable_write(const pl_qtable *t, FILE *out, pl_error *err);

/* Frees t; NULL is fine. */
void pl_qtable_free(pl_qtable *t);

#ifdef __cplusplus
}
#endif
#endif
