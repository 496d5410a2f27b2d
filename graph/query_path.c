/* The shortest chain of relations between two actors: breadth-first search
 * over entities through edges (either direction), one indexed look-up of a
 * node's edges per node reached. Meetings and proposals are intermediate
 * nodes; places are not (every meeting in Astana would otherwise join every
 * actor to every other). */
#include <parley/query.h>

#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A node reached by the search. */
typedef struct pnode {
  long long id;   /* entity id */
  long long edge; /* the edge it was reached by (0 for a start) */
  int forward;    /* 1: the parent is that edge's source */
  int depth;      /* edges from a start */
  size_t parent;  /* index of the node it was reached from */
} pnode;

/* The search state: nodes in the order reached (the queue) and a hash
 * from entity id to node index + 1. */
typedef struct search {
  pnode *v;     /* nodes */
  size_t n;     /* used */
  size_t cap;   /* allocated */
  size_t *slot; /* open addressing: node index + 1, or 0 */
  size_t nslot; /* slots, a power of two */
} search;

static size_t hash_id(long long id, size_t mask) {
  unsigned long long x = (unsigned long long)id * 0x9E3779B97F4A7C15ULL;
  return (size_t)(x >> 17) & mask;
}

static size_t *find_slot(search *s, long long id) {
  size_t mask = s->nslot - 1, i = hash_id(id, mask);
  while (s->slot[i] && s->v[s->slot[i] - 1].id != id)
    i = (i + 1) & mask;
  return &s->slot[i];
}

static int seen(search *s, long long id) { return *find_slot(s, id) != 0; }

/* Adds a node; returns 0 or PL_ENOMEM. */
static int reach(search *s, long long id, long long edge, int forward,
                 int depth, size_t parent) {
  if ((s->n + 1) * 2 > s->nslot) {
    size_t ns = s->nslot ? s->nslot * 2 : 64;
    size_t *slot = calloc(ns, sizeof *slot);
    if (!slot)
      return PL_ENOMEM;
    free(s->slot);
    s->slot = slot;
    s->nslot = ns;
    for (size_t i = 0; i < s->n; i++)
      *find_slot(s, s->v[i].id) = i + 1;
  }
  if (s->n == s->cap) {
    size_t nc = s->cap ? s->cap * 2 : 64;
    pnode *p = realloc(s->v, nc * sizeof *p);
    if (!p)
      return PL_ENOMEM;
    s->v = p;
    s->cap = nc;
  }
  pnode *p = &s->v[s->n];
  p->id = id;
  p->edge = edge;
  p->forward = forward;
  p->depth = depth;
  p->parent = parent;
  s->n++;
  *find_slot(s, id) = s->n;
  return 0;
}

static int cmp_ll(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
}

/* The edges of a node with the entity at their other end, in edge order. */
static const char next_sql[] =
    "SELECT g.id, g.dst, 1, n.type FROM edges g JOIN entities n ON n.id ="
    " g.dst WHERE g.src = ?1"
    " AND (?2 IS NULL OR coalesce(g.date_to, g.date_from) >= ?2)"
    " AND (?3 IS NULL OR g.date_from <= ?3)"
    " UNION ALL SELECT g.id, g.src, 0, n.type FROM edges g JOIN entities n"
    " ON n.id = g.src WHERE g.dst = ?1"
    " AND (?2 IS NULL OR coalesce(g.date_to, g.date_from) >= ?2)"
    " AND (?3 IS NULL OR g.date_from <= ?3)"
    " ORDER BY 1";

static const char hop_sql[] =
    "SELECT g.type, coalesce(json_extract(g.attrs, '$.role'),"
    " json_extract(g.attrs, '$.kind')), g.date_from, g.date_to,"
    " g.precision, a.name, a.type, b.name, b.type"
    " FROM edges g JOIN entities a ON a.id = ?2 JOIN entities b ON b.id = ?3"
    " WHERE g.id = ?1";

/* Calls fn for the hops that lead to node t. */
static int report(pl_store *st, search *s, size_t t, pl_path_fn fn, void *ctx,
                  pl_error *err) {
  int len = s->v[t].depth, rc = 0;
  size_t *chain = malloc((size_t)(len + 1) * sizeof *chain);
  if (!chain)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  for (size_t i = t, k = (size_t)len;; i = s->v[i].parent, k--) {
    chain[k] = i;
    if (k == 0)
      break;
  }
  sqlite3_stmt *h = NULL;
  pl_qlist src = {0};
  if (sqlite3_prepare_v2(st->db, hop_sql, -1, &h, NULL) != SQLITE_OK) {
    rc = pl_store__dberr(st, err, "path");
    goto done;
  }
  for (int k = 1; k <= len && rc >= 0; k++) {
    const pnode *a = &s->v[chain[k - 1]], *b = &s->v[chain[k]];
    /* Sources first: the cached statement is then free again. */
    if ((rc = pl_query__sources(st, 1, b->edge, 1, "path", &src, err)) < 0)
      break;
    sqlite3_reset(h);
    sqlite3_bind_int64(h, 1, b->edge);
    sqlite3_bind_int64(h, 2, a->id);
    sqlite3_bind_int64(h, 3, b->id);
    if (sqlite3_step(h) != SQLITE_ROW) {
      rc = pl_store__dberr(st, err, "path");
      break;
    }
    char fb[32], tb[32], eb[32];
    snprintf(fb, sizeof fb, "e%lld", a->id);
    snprintf(tb, sizeof tb, "e%lld", b->id);
    snprintf(eb, sizeof eb, "r%lld", b->edge);
    pl_path_hop hop;
    hop.step = k;
    hop.from_id = fb;
    hop.to_id = tb;
    hop.edge_id = eb;
    hop.forward = b->forward;
    hop.edge_type = (const char *)sqlite3_column_text(h, 0);
    hop.detail = (const char *)sqlite3_column_text(h, 1);
    hop.date_from = (const char *)sqlite3_column_text(h, 2);
    hop.date_to = (const char *)sqlite3_column_text(h, 3);
    hop.precision = sqlite3_column_int(h, 4);
    hop.from = (const char *)sqlite3_column_text(h, 5);
    hop.from_type = (const char *)sqlite3_column_text(h, 6);
    hop.to = (const char *)sqlite3_column_text(h, 7);
    hop.to_type = (const char *)sqlite3_column_text(h, 8);
    hop.sources = (const char *const *)src.v;
    hop.nsources = src.n;
    rc = fn(ctx, &hop, err);
  }
done:
  sqlite3_finalize(h);
  pl_qlist__free(&src);
  free(chain);
  return rc;
}

int pl_query_path(pl_store *st, const pl_path_query *q, pl_path_fn fn,
                  void *ctx, int *length, pl_error *err) {
  int rc;
  *length = -1;
  if (!q || !q->a || !q->b)
    return pl_error_set(err, PL_EUSAGE, NULL, "two actors are needed");
  if ((rc = pl_store__check_date(q->from, "--from", err)) < 0 ||
      (rc = pl_store__check_date(q->to, "--to", err)) < 0)
    return rc;
  int max = q->max_depth > 0 ? q->max_depth : 6;
  long long *a = NULL, *b = NULL;
  size_t na = 0, nb = 0;
  search s;
  memset(&s, 0, sizeof s);
  sqlite3_stmt *x = NULL;
  if ((rc = pl_store__find_actor(st, q->a, &a, &na, err)) < 0 ||
      (rc = pl_store__find_actor(st, q->b, &b, &nb, err)) < 0)
    goto done;
  if (!na || !nb) {
    rc = pl_error_set(err, PL_ENOTFOUND, NULL,
                      "no actor in the store matches '%s'", !na ? q->a : q->b);
    goto done;
  }
  for (size_t i = 0; i < na; i++)
    if (bsearch(&a[i], b, nb, sizeof *b, cmp_ll)) {
      /* Both names designate one entity: a chain of no hop. */
      *length = 0;
      goto done;
    }
  for (size_t i = 0; i < na; i++)
    if ((rc = reach(&s, a[i], 0, 0, 0, 0)) < 0) {
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      goto done;
    }
  if (sqlite3_prepare_v2(st->db, next_sql, -1, &x, NULL) != SQLITE_OK) {
    rc = pl_store__dberr(st, err, "path");
    goto done;
  }
  size_t found = 0;
  int hit = 0;
  for (size_t i = 0; i < s.n && !hit && rc >= 0; i++) {
    if (s.v[i].depth >= max)
      break; /* the queue is in depth order */
    sqlite3_reset(x);
    sqlite3_bind_int64(x, 1, s.v[i].id);
    if (q->from)
      sqlite3_bind_text(x, 2, q->from, -1, SQLITE_STATIC);
    if (q->to)
      sqlite3_bind_text(x, 3, q->to, -1, SQLITE_STATIC);
    int r;
    while ((r = sqlite3_step(x)) == SQLITE_ROW) {
      long long id = sqlite3_column_int64(x, 1);
      if (sqlite3_column_type(x, 1) == SQLITE_NULL || seen(&s, id))
        continue;
      const char *type = (const char *)sqlite3_column_text(x, 3);
      int target = bsearch(&id, b, nb, sizeof *b, cmp_ll) != NULL;
      if (!target && type && !strcmp(type, "place"))
        continue; /* places join nothing */
      if (reach(&s, id, sqlite3_column_int64(x, 0), sqlite3_column_int(x, 2),
                s.v[i].depth + 1, i) < 0) {
        rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
        break;
      }
      if (target) {
        found = s.n - 1;
        hit = 1;
        break;
      }
    }
    sqlite3_reset(x);
    if (rc >= 0 && !hit && r != SQLITE_DONE)
      rc = pl_store__dberr(st, err, "path");
  }
  if (rc < 0)
    goto done;
  if (!hit) {
    rc = pl_error_set(err, PL_ENOTFOUND, NULL,
                      "no chain of relations between '%s' and '%s' within "
                      "%d steps",
                      q->a, q->b, max);
    goto done;
  }
  sqlite3_finalize(x);
  x = NULL;
  *length = s.v[found].depth;
  rc = report(st, &s, found, fn, ctx, err);
done:
  sqlite3_finalize(x);
  free(s.v);
  free(s.slot);
  free(a);
  free(b);
  return rc < 0 ? rc : 0;
}
