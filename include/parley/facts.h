/* parley — the facts of one document (the shape of corpus/SCHEMA.md). */
#ifndef PARLEY_FACTS_H
#define PARLEY_FACTS_H

#include <parley/error.h>
#include <parley/when.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_actor_type {
  PL_ACTOR_PERSON = 0,
  PL_ACTOR_STATE = 1,
  PL_ACTOR_ORG = 2,   /* "organization" */
  PL_ACTOR_GROUP = 3,
  PL_ACTOR_MEDIA = 4,
  PL_ACTOR_PLACE = 5  /* a place named as a meeting venue (not an actor) */
} pl_actor_type;

/* "person", "state", "organization", "group", "media", "place". */
const char *pl_actor_type_name(int type);
/* The inverse; -1 for an unknown name. */
int pl_actor_type_parse(const char *name);

/* A byte span in the document body. */
typedef struct pl_span {
  uint32_t start; /* first byte */
  uint32_t end;   /* one past the last byte */
} pl_span;

/* Where a fact came from. */
typedef struct pl_evidence {
  pl_span span;     /* the fragment that states the fact */
  pl_span sentence; /* the whole sentence around it */
  const char *rule; /* id of the rule that made the fact */
} pl_evidence;

typedef struct pl_actor {
  const char *name;    /* canonical: English for lexicon entities, the name
                          as written for discovered persons */
  const char *name_ar; /* Arabic name when known, or NULL */
  const char *key;     /* lexicon id ("state:TR") or NULL for discovered */
  const char *translit;/* Latin transliteration of a discovered name, or NULL */
  int type;            /* pl_actor_type */
  pl_span *mentions;   /* every mention, in text order */
  size_t nmentions;    /* entries in mentions */
} pl_actor;

typedef struct pl_role {
  int person;       /* actor index */
  const char *role; /* "foreign minister", "envoy" ... */
  int of;           /* actor index, or -1 */
  pl_evidence ev;   /* evidence */
} pl_role;

typedef struct pl_delegation {
  int of;          /* actor index */
  int head;        /* actor index, or -1 */
  int *members;    /* actor indices of named members */
  size_t nmembers; /* entries in members */
  pl_evidence ev;  /* evidence */
} pl_delegation;

typedef struct pl_meeting {
  int *participants;   /* actor indices (a delegation counts as its actor) */
  size_t nparticipants;/* entries in participants */
  const char *kind;    /* bilateral|trilateral|multilateral|summit|session|
                          working-group */
  const char *place;   /* canonical place name, or NULL */
  const char *round;   /* "11", or NULL */
  const char *process; /* the negotiation process a round belongs to, named
                          by its venue ("Astana", "Geneva"), or NULL */
  const char *status;  /* held|ongoing|planned, or NULL */
  pl_when when;        /* resolved date (precision UNKNOWN when none) */
  const char *date_text; /* the governing date phrase, or NULL */
  pl_evidence ev;      /* evidence */
} pl_meeting;

typedef struct pl_proposal {
  int *by;             /* actor indices */
  size_t nby;          /* entries in by */
  int *to;             /* actor indices */
  size_t nto;          /* entries in to */
  const char *content; /* a short gloss: the proposal's words */
  const char *status;  /* proposed|planned|called-for ... or NULL */
  pl_when when;        /* resolved date */
  const char *date_text; /* the governing date phrase, or NULL */
  pl_evidence ev;      /* evidence */
} pl_proposal;

/* What one document says. Everything lives in the facts' own arena and is
 * freed by pl_facts_free. body points at the document's text (borrowed). */
typedef struct pl_facts {
  const char *body;      /* the document body the spans refer to (borrowed) */
  size_t body_len;       /* its length */
  char lang[8];          /* the language extraction used */
  char published[11];    /* publication date, or "" */
  pl_actor *actors;      /* actors */
  size_t nactors;
  pl_role *roles;        /* roles */
  size_t nroles;
  pl_delegation *delegations; /* delegations */
  size_t ndelegations;
  pl_meeting *meetings;  /* meetings */
  size_t nmeetings;
  pl_proposal *proposals;/* proposals */
  size_t nproposals;
  void *impl;            /* arena and growth state (private) */
} pl_facts;

void pl_facts_free(pl_facts *facts);

/* Writes the facts as one JSON object in the shape of SCHEMA.md, with the
 * evidence as exact substrings of body. article names the document. Appends
 * to *json (a malloc'ed, NUL-terminated string the caller frees; pass a
 * pointer to NULL). Returns 0 or PL_ENOMEM. */
int pl_facts_to_json(const pl_facts *facts, const char *article, int pretty,
                     char **json, pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
