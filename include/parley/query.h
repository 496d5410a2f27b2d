/* parley — queries over the store: the timeline of events and the list of
 * actors. Rows are handed to a callback one at a time; their strings are
 * borrowed for the call only. */
#ifndef PARLEY_QUERY_H
#define PARLEY_QUERY_H

#include <parley/error.h>
#include <parley/store.h>
#include <stddef.h>

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

#ifdef __cplusplus
}
#endif
#endif
