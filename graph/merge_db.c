/* parley merge-db: folding a store built elsewhere into this one. Each of
 * the other store's documents that this one lacks is turned back into the
 * facts it gave there — actors (with their alias keys, as the mentions'
 * spans are not kept), roles, delegations, and meetings and proposals from
 * the document's own claims — and added with pl_store_add's resolution, so
 * the result is the store one would have built from both sets of articles.
 * The other store's corrections are adopted and applied. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* The facts of one document of the other store, being rebuilt. */
typedef struct rebuild {
  pl_store *o;              /* the other store */
  pl_arena a;               /* strings and arrays */
  const char *doc_id;       /* the document */
  const char *body;         /* its body */
  size_t body_len;          /* its length */
  long long *ents;          /* actor index → the other store's entity id */
  size_t nents, capents;    /* used, allocated */
  pl_facts f;               /* the facts */
  pl_actor_extra *extra;    /* per actor: alias keys, mention counts */
  pl_error *err;            /* failures */
} rebuild;

static int nomem(rebuild *r) {
  return pl_error_set(r->err, PL_ENOMEM, NULL, "out of memory");
}

static sqlite3_stmt *prep(rebuild *r, const char *sql) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(r->o->db, sql, -1, &s, NULL) != SQLITE_OK) {
    pl_store__dberr(r->o, r->err, "read");
    return NULL;
  }
  sqlite3_bind_text(s, 1, r->doc_id, -1, SQLITE_STATIC);
  return s;
}

static const char *col(rebuild *r, sqlite3_stmt *s, int i, int *fail) {
  const unsigned char *t = sqlite3_column_text(s, i);
  if (!t)
    return NULL;
  char *p = pl_arena_strndup(&r->a, (const char *)t,
                             (size_t)sqlite3_column_bytes(s, i));
  if (!p)
    *fail = 1;
  return p;
}

/* Grows an arena array (copying) to hold n+1 elements. */
static void *grow(rebuild *r, void *v, size_t n, size_t *cap, size_t size) {
  if (n < *cap)
    return v;
  size_t nc = *cap ? *cap * 2 : 8;
  void *p = pl_arena_alloc(&r->a, nc * size);
  if (!p)
    return NULL;
  if (n)
    memcpy(p, v, n * size);
  *cap = nc;
  return p;
}

/* The actor index of the other store's entity id, or -1. */
static int index_of(const rebuild *r, long long id) {
  for (size_t i = 0; i < r->nents; i++)
    if (r->ents[i] == id)
      return (int)i;
  return -1;
}

/* The sentence span around span whose text is sent. */
static pl_span sentence_span(const rebuild *r, pl_span span,
                             const char *sent) {
  if (!sent || !r->body)
    return span;
  size_t n = strlen(sent);
  for (const char *p = r->body; p && (size_t)(p - r->body) + n <= r->body_len;
       p++) {
    p = strstr(p, sent);
    if (!p)
      break;
    size_t at = (size_t)(p - r->body);
    if (at <= span.start && at + n >= span.end) {
      pl_span out = {(uint32_t)at, (uint32_t)(at + n)};
      return out;
    }
  }
  return span;
}

/* Reads the actors: entities mentioned in the document, then the other
 * ends of its relations (events aside), in id order. Places are not
 * actors: the meetings held there make them again, with their mentions. */
static int read_actors(rebuild *r) {
  sqlite3_stmt *s = prep(
      r, "SELECT e.id, e.type, e.name, e.name_ar, e.key, e.translit,"
         " coalesce((SELECT n FROM mentions m WHERE m.entity_id = e.id AND"
         " m.doc_id = ?1), 0) FROM entities e WHERE e.type NOT IN"
         " ('meeting', 'proposal', 'place') AND (e.id IN (SELECT"
         " entity_id FROM"
         " mentions WHERE doc_id = ?1) OR e.id IN (SELECT g.src FROM edges g"
         " JOIN evidence x ON x.edge_id = g.id WHERE x.doc_id = ?1) OR e.id"
         " IN (SELECT g.dst FROM edges g JOIN evidence x ON x.edge_id = g.id"
         " WHERE x.doc_id = ?1 AND g.type <> 'held_in')) ORDER BY e.id");
  sqlite3_stmt *k = NULL;
  size_t cap = 0, capx = 0;
  int rc = 0, fail = 0, step;
  if (!s)
    return PL_EDB;
  if (sqlite3_prepare_v2(r->o->db,
                         "SELECT norm_key FROM aliases WHERE entity_id = ?1"
                         " AND norm_key NOT LIKE 'user:%' ORDER BY norm_key",
                         -1, &k, NULL) != SQLITE_OK) {
    sqlite3_finalize(s);
    return pl_store__dberr(r->o, r->err, "read");
  }
  while ((step = sqlite3_step(s)) == SQLITE_ROW) {
    size_t i = r->f.nactors;
    if (!(r->f.actors = grow(r, r->f.actors, i, &cap, sizeof *r->f.actors)) ||
        !(r->extra = grow(r, r->extra, i, &capx, sizeof *r->extra)) ||
        !(r->ents = grow(r, r->ents, i, &r->capents, sizeof *r->ents))) {
      rc = nomem(r);
      break;
    }
    pl_actor *a = &r->f.actors[i];
    pl_actor_extra *x = &r->extra[i];
    memset(a, 0, sizeof *a);
    memset(x, 0, sizeof *x);
    r->ents[i] = sqlite3_column_int64(s, 0);
    const char *type = (const char *)sqlite3_column_text(s, 1);
    a->type = pl_actor_type_parse(type ? type : "");
    if (a->type < 0)
      a->type = PL_ACTOR_GROUP;
    a->name = col(r, s, 2, &fail);
    a->name_ar = col(r, s, 3, &fail);
    a->key = col(r, s, 4, &fail);
    a->translit = col(r, s, 5, &fail);
    x->nmentions = (long)sqlite3_column_int64(s, 6);
    /* Alias keys, derived ones too (users' come with the corrections). */
    const char **keys = NULL;
    size_t nk = 0, capk = 0;
    sqlite3_reset(k);
    sqlite3_bind_int64(k, 1, r->ents[i]);
    while (!fail && sqlite3_step(k) == SQLITE_ROW) {
      if (!(keys = grow(r, keys, nk, &capk, sizeof *keys))) {
        fail = 1;
        break;
      }
      keys[nk++] = col(r, k, 0, &fail);
    }
    x->keys = keys;
    x->nkeys = nk;
    r->f.nactors++;
    r->nents++;
    if (fail) {
      rc = nomem(r);
      break;
    }
  }
  if (rc == 0 && step != SQLITE_DONE)
    rc = pl_store__dberr(r->o, r->err, "read");
  sqlite3_finalize(s);
  sqlite3_finalize(k);
  return rc;
}

/* One evidence row's fields (columns i.. : start, end, sentence, rule). */
static void evidence(rebuild *r, sqlite3_stmt *s, int i, pl_evidence *ev,
                     int *fail) {
  ev->span.start = (uint32_t)sqlite3_column_int64(s, i);
  ev->span.end = (uint32_t)sqlite3_column_int64(s, i + 1);
  ev->sentence = sentence_span(r, ev->span, col(r, s, i + 2, fail));
  ev->rule = col(r, s, i + 3, fail);
}

/* The role's name from attrs {"role":"..."} (SQLite's JSON functions do
 * the reading in the query). */
static int read_roles(rebuild *r) {
  sqlite3_stmt *s = prep(
      r, "SELECT g.src, g.dst, json_extract(g.attrs, '$.role'), x.start,"
         " x.end, x.sentence, x.rule FROM evidence x JOIN edges g ON g.id ="
         " x.edge_id WHERE x.doc_id = ?1 AND g.type = 'holds_role' ORDER BY"
         " x.rowid");
  size_t cap = 0;
  int fail = 0, step, rc = 0;
  if (!s)
    return PL_EDB;
  while ((step = sqlite3_step(s)) == SQLITE_ROW) {
    size_t i = r->f.nroles;
    if (!(r->f.roles = grow(r, r->f.roles, i, &cap, sizeof *r->f.roles))) {
      rc = nomem(r);
      break;
    }
    pl_role *ro = &r->f.roles[i];
    ro->person = index_of(r, sqlite3_column_int64(s, 0));
    ro->of = sqlite3_column_type(s, 1) == SQLITE_NULL
                 ? -1
                 : index_of(r, sqlite3_column_int64(s, 1));
    ro->role = col(r, s, 2, &fail);
    evidence(r, s, 3, &ro->ev, &fail);
    if (ro->person >= 0)
      r->f.nroles++;
  }
  if (rc == 0 && fail)
    rc = nomem(r);
  if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
    rc = pl_store__dberr(r->o, r->err, "read");
  sqlite3_finalize(s);
  return rc;
}

/* Delegations: heads and member_of edges sharing one piece of evidence
 * and one delegation are one delegation. */
static int read_delegations(rebuild *r) {
  sqlite3_stmt *s = prep(
      r, "SELECT g.dst, g.type, g.src, x.start, x.end, x.sentence, x.rule"
         " FROM evidence x JOIN edges g ON g.id = x.edge_id WHERE x.doc_id ="
         " ?1 AND g.type IN ('heads', 'member_of') ORDER BY x.rowid");
  size_t cap = 0;
  int fail = 0, step, rc = 0;
  if (!s)
    return PL_EDB;
  while ((step = sqlite3_step(s)) == SQLITE_ROW) {
    int of = index_of(r, sqlite3_column_int64(s, 0));
    int who = index_of(r, sqlite3_column_int64(s, 2));
    int head = !strcmp((const char *)sqlite3_column_text(s, 1), "heads");
    pl_evidence ev;
    evidence(r, s, 3, &ev, &fail);
    if (of < 0 || who < 0)
      continue;
    pl_delegation *d = NULL;
    for (size_t i = 0; i < r->f.ndelegations && !d; i++)
      if (r->f.delegations[i].of == of &&
          r->f.delegations[i].ev.span.start == ev.span.start &&
          r->f.delegations[i].ev.span.end == ev.span.end)
        d = &r->f.delegations[i];
    if (!d) {
      size_t i = r->f.ndelegations;
      if (!(r->f.delegations = grow(r, r->f.delegations, i, &cap,
                                    sizeof *r->f.delegations))) {
        rc = nomem(r);
        break;
      }
      d = &r->f.delegations[r->f.ndelegations++];
      memset(d, 0, sizeof *d);
      d->of = of;
      d->head = -1;
      d->ev = ev;
    }
    if (head) {
      d->head = who;
    } else {
      int *m = pl_arena_alloc(&r->a, (d->nmembers + 1) * sizeof *m);
      if (!m) {
        rc = nomem(r);
        break;
      }
      if (d->nmembers)
        memcpy(m, d->members, d->nmembers * sizeof *m);
      m[d->nmembers++] = who;
      d->members = m;
    }
  }
  if (rc == 0 && fail)
    rc = nomem(r);
  if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
    rc = pl_store__dberr(r->o, r->err, "read");
  sqlite3_finalize(s);
  return rc;
}

/* The ends of event ev's edges of type with evidence at [start, end) in
 * the document (src for participates_in/proposes, dst for addressed_to),
 * and that evidence. */
static int event_ends(rebuild *r, long long ev, const char *type, long st,
                      long en, int **out, size_t *n, pl_evidence *evd) {
  sqlite3_stmt *s = prep(
      r, "SELECT CASE WHEN g.type = 'addressed_to' THEN g.dst ELSE g.src"
         " END, x.start, x.end, x.sentence, x.rule FROM evidence x JOIN edges"
         " g ON g.id = x.edge_id WHERE x.doc_id = ?1 AND g.type = ?2 AND"
         " (CASE WHEN g.type = 'addressed_to' THEN g.src ELSE g.dst END) ="
         " ?3 AND x.start = ?4 AND x.end = ?5 ORDER BY g.id");
  int fail = 0, step, rc = 0;
  size_t cap = 0;
  *out = NULL;
  *n = 0;
  if (!s)
    return PL_EDB;
  sqlite3_bind_text(s, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 3, ev);
  sqlite3_bind_int64(s, 4, st);
  sqlite3_bind_int64(s, 5, en);
  while ((step = sqlite3_step(s)) == SQLITE_ROW) {
    int i = index_of(r, sqlite3_column_int64(s, 0));
    evidence(r, s, 1, evd, &fail);
    if (i < 0)
      continue;
    if (!(*out = grow(r, *out, *n, &cap, sizeof **out))) {
      rc = nomem(r);
      break;
    }
    (*out)[(*n)++] = i;
  }
  if (rc == 0 && fail)
    rc = nomem(r);
  if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
    rc = pl_store__dberr(r->o, r->err, "read");
  sqlite3_finalize(s);
  return rc;
}

static void set_when(pl_when *w, const char *from, const char *to, int prec) {
  memset(w, 0, sizeof *w);
  if (!from || strlen(from) != 10)
    return;
  memcpy(w->from, from, 10);
  memcpy(w->to, to && strlen(to) == 10 ? to : from, 10);
  w->precision = prec ? prec : PL_PREC_DAY;
}

/* Meetings and proposals, from what this document claimed about them. */
static int read_events(rebuild *r) {
  sqlite3_stmt *s = prep(
      r, "SELECT c.event_id, e.type, c.start, c.end, c.date_from, c.date_to,"
         " c.precision, c.kind, c.place, c.round, c.status, c.content,"
         " c.date_text, x.start, x.end, x.sentence, x.rule,"
         " coalesce(c.process, (SELECT v.process FROM events v WHERE"
         " v.entity_id = c.event_id)) FROM event_claims"
         " c JOIN entities e ON e.id = c.event_id LEFT JOIN evidence x ON"
         " x.rowid = (SELECT x2.rowid FROM evidence x2 JOIN edges g ON g.id ="
         " x2.edge_id WHERE x2.doc_id = ?1 AND x2.start = c.start AND x2.end"
         " = c.end AND (g.src = c.event_id OR g.dst = c.event_id) LIMIT 1)"
         " WHERE c.doc_id = ?1 ORDER BY c.start, c.end");
  size_t capm = 0, capp = 0;
  int fail = 0, step, rc = 0;
  if (!s)
    return PL_EDB;
  while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
    long long ev = sqlite3_column_int64(s, 0);
    int meeting = !strcmp((const char *)sqlite3_column_text(s, 1), "meeting");
    long st = (long)sqlite3_column_int64(s, 2), en =
                                                    (long)sqlite3_column_int64(
                                                        s, 3);
    pl_when w;
    set_when(&w, col(r, s, 4, &fail), col(r, s, 5, &fail),
             sqlite3_column_int(s, 6));
    if (meeting) {
      size_t i = r->f.nmeetings;
      if (!(r->f.meetings =
                grow(r, r->f.meetings, i, &capm, sizeof *r->f.meetings))) {
        rc = nomem(r);
        break;
      }
      pl_meeting *m = &r->f.meetings[i];
      memset(m, 0, sizeof *m);
      m->when = w;
      m->kind = col(r, s, 7, &fail);
      m->place = col(r, s, 8, &fail);
      m->round = col(r, s, 9, &fail);
      m->status = col(r, s, 10, &fail);
      m->date_text = col(r, s, 12, &fail);
      m->process = col(r, s, 17, &fail);
      m->ev.span.start = (uint32_t)st;
      m->ev.span.end = (uint32_t)en;
      m->ev.sentence = m->ev.span;
      if (sqlite3_column_type(s, 13) != SQLITE_NULL)
        evidence(r, s, 13, &m->ev, &fail);
      if ((rc = event_ends(r, ev, "participates_in", st, en,
                           &m->participants, &m->nparticipants, &m->ev)) < 0)
        break;
      r->f.nmeetings++;
    } else {
      size_t i = r->f.nproposals;
      if (!(r->f.proposals =
                grow(r, r->f.proposals, i, &capp, sizeof *r->f.proposals))) {
        rc = nomem(r);
        break;
      }
      pl_proposal *p = &r->f.proposals[i];
      memset(p, 0, sizeof *p);
      p->when = w;
      p->status = col(r, s, 10, &fail);
      p->content = col(r, s, 11, &fail);
      p->date_text = col(r, s, 12, &fail);
      p->ev.span.start = (uint32_t)st;
      p->ev.span.end = (uint32_t)en;
      p->ev.sentence = p->ev.span;
      if (sqlite3_column_type(s, 13) != SQLITE_NULL)
        evidence(r, s, 13, &p->ev, &fail);
      if ((rc = event_ends(r, ev, "proposes", st, en, &p->by, &p->nby,
                           &p->ev)) < 0 ||
          (rc = event_ends(r, ev, "addressed_to", st, en, &p->to, &p->nto,
                           &p->ev)) < 0)
        break;
      r->f.nproposals++;
    }
  }
  if (rc == 0 && fail)
    rc = nomem(r);
  if (rc == 0 && step != SQLITE_DONE)
    rc = pl_store__dberr(r->o, r->err, "read");
  sqlite3_finalize(s);
  return rc;
}

/* Adds one document of the other store (the current row of docs). */
static int fold_doc(pl_store *st, pl_store *o, sqlite3_stmt *docs,
                    int *added, pl_error *err) {
  rebuild r;
  pl_doc d;
  int rc, fail = 0;
  memset(&r, 0, sizeof r);
  memset(&d, 0, sizeof d);
  r.o = o;
  r.err = err;
  const char *id = col(&r, docs, 0, &fail);
  d.source = (char *)col(&r, docs, 1, &fail);
  d.url = (char *)col(&r, docs, 2, &fail);
  d.title = (char *)col(&r, docs, 3, &fail);
  const char *lang = col(&r, docs, 4, &fail);
  const char *pub = col(&r, docs, 5, &fail);
  d.body = (char *)col(&r, docs, 6, &fail);
  if (fail || !id) {
    rc = fail ? nomem(&r) : PL_EDB;
    goto done;
  }
  snprintf(d.id, sizeof d.id, "%s", id);
  snprintf(d.lang, sizeof d.lang, "%s", lang ? lang : "");
  snprintf(d.published, sizeof d.published, "%s", pub ? pub : "");
  d.body_len = d.body ? strlen(d.body) : 0;
  r.doc_id = id;
  r.body = d.body;
  r.body_len = d.body_len;
  r.f.body = d.body;
  r.f.body_len = d.body_len;
  snprintf(r.f.lang, sizeof r.f.lang, "%s", d.lang);
  snprintf(r.f.published, sizeof r.f.published, "%s", d.published);
  if ((rc = read_actors(&r)) < 0 || (rc = read_roles(&r)) < 0 ||
      (rc = read_delegations(&r)) < 0 || (rc = read_events(&r)) < 0)
    goto done;
  rc = pl_store__add_ex(st, &d, &r.f, r.extra, added, err);
done:
  pl_arena_free(&r.a);
  return rc;
}

int pl_store_merge_db(pl_store *st, const char *path, long *docs,
                      long *added, pl_error *err) {
  pl_store *o = NULL;
  sqlite3_stmt *s = NULL, *c = NULL;
  long d0 = 0, a0 = 0;
  int rc, step;
  if (!docs)
    docs = &d0;
  if (!added)
    added = &a0;
  *docs = *added = 0;
  if (st->readonly)
    return pl_error_set(err, PL_EUSAGE, st->path,
                        "the store is open read-only");
  if ((rc = pl_store_open(&o, path, PL_STORE_READONLY, err)) < 0)
    return rc;
  if (sqlite3_prepare_v2(o->db,
                         "SELECT id, source, url, title, lang, published,"
                         " body FROM documents ORDER BY ingested_at, rowid",
                         -1, &s, NULL) != SQLITE_OK) {
    rc = pl_store__dberr(o, err, "read");
    goto done;
  }
  while ((step = sqlite3_step(s)) == SQLITE_ROW) {
    int ad = 0;
    if ((rc = fold_doc(st, o, s, &ad, err)) < 0)
      goto done;
    (*docs)++;
    *added += ad;
  }
  if (step != SQLITE_DONE) {
    rc = pl_store__dberr(o, err, "read");
    goto done;
  }
  /* The other store's corrections hold here too. */
  if (sqlite3_prepare_v2(o->db,
                         "SELECT op, a, b, created FROM corrections ORDER BY"
                         " id",
                         -1, &c, NULL) != SQLITE_OK) {
    rc = pl_store__dberr(o, err, "read");
    goto done;
  }
  if ((rc = pl_store__exec(st, "BEGIN IMMEDIATE", err)) < 0)
    goto done;
  sqlite3_stmt *ins = NULL;
  if (sqlite3_prepare_v2(st->db,
                         "INSERT OR IGNORE INTO corrections(op, a, b,"
                         " created) VALUES(?1, ?2, ?3, ?4)",
                         -1, &ins, NULL) != SQLITE_OK)
    rc = pl_store__dberr(st, err, "write");
  while (rc == 0 && (step = sqlite3_step(c)) == SQLITE_ROW) {
    sqlite3_reset(ins);
    for (int i = 0; i < 4; i++)
      sqlite3_bind_value(ins, i + 1, sqlite3_column_value(c, i));
    if (sqlite3_step(ins) != SQLITE_DONE)
      rc = pl_store__dberr(st, err, "write");
  }
  sqlite3_finalize(ins);
  if (rc == 0)
    rc = pl_store__apply_corrections(st, err);
  if (rc == 0)
    rc = pl_store__exec(st, "COMMIT", err);
  if (rc < 0)
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
done:
  sqlite3_finalize(s);
  sqlite3_finalize(c);
  pl_store_close(o);
  if (rc < 0)
    pl_error_where(err, path);
  return rc;
}
