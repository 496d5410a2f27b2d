/* What a store holds: counts by entity type, edge type and language, and
 * the dates its documents and events span. */
#include <parley/query.h>

#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static char *dup_col(sqlite3_stmt *s, int i, int *oom) {
  const char *t = (const char *)sqlite3_column_text(s, i);
  if (!t)
    return NULL;
  size_t n = strlen(t) + 1;
  char *p = malloc(n);
  if (!p)
    *oom = 1;
  else
    memcpy(p, t, n);
  return p;
}

/* Runs a "SELECT name, count" query into *v / *n. */
static int counts(pl_store *st, const char *sql, pl_count **v, size_t *n,
                  long long *total, pl_error *err) {
  sqlite3_stmt *s = NULL;
  size_t cap = 0;
  int r, oom = 0;
  *total = 0;
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
    return pl_store__dberr(st, err, "stats");
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    if (*n == cap) {
      size_t nc = cap ? cap * 2 : 8;
      pl_count *p = realloc(*v, nc * sizeof *p);
      if (!p) {
        oom = 1;
        break;
      }
      *v = p;
      cap = nc;
    }
    pl_count *c = &(*v)[*n];
    c->n = sqlite3_column_int64(s, 1);
    c->name = dup_col(s, 0, &oom);
    if (!c->name && !oom && !(c->name = calloc(1, 1)))
      oom = 1;
    if (oom)
      break;
    (*n)++;
    *total += c->n;
  }
  sqlite3_finalize(s);
  if (oom)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  if (r != SQLITE_DONE)
    return pl_store__dberr(st, err, "stats");
  return 0;
}

int pl_query_stats(pl_store *st, pl_stats **out, pl_error *err) {
  *out = NULL;
  pl_stats *x = calloc(1, sizeof *x);
  if (!x)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  int rc;
  if ((rc = counts(st,
                   "SELECT lang, count(*) FROM documents GROUP BY lang"
                   " ORDER BY lang",
                   &x->langs, &x->nlangs, &x->documents, err)) < 0 ||
      (rc = counts(st,
                   "SELECT type, count(*) FROM entities GROUP BY type"
                   " ORDER BY type",
                   &x->entity_types, &x->nentity_types, &x->entities, err)) <
          0 ||
      (rc = counts(st,
                   "SELECT type, count(*) FROM edges GROUP BY type"
                   " ORDER BY type",
                   &x->edge_types, &x->nedge_types, &x->edges, err)) < 0)
    goto fail;
  sqlite3_stmt *s = NULL;
  static const char one_sql[] =
      "SELECT (SELECT min(published) FROM documents),"
      " (SELECT max(published) FROM documents),"
      " (SELECT count(*) FROM events),"
      " (SELECT count(*) FROM events WHERE date_from IS NULL),"
      " (SELECT min(date_from) FROM events),"
      " (SELECT max(coalesce(date_to, date_from)) FROM events),"
      " (SELECT count(*) FROM aliases), (SELECT count(*) FROM evidence)";
  if (sqlite3_prepare_v2(st->db, one_sql, -1, &s, NULL) != SQLITE_OK) {
    rc = pl_store__dberr(st, err, "stats");
    goto fail;
  }
  if (sqlite3_step(s) != SQLITE_ROW) {
    rc = pl_store__dberr(st, err, "stats");
    sqlite3_finalize(s);
    goto fail;
  }
  int oom = 0;
  x->published_from = dup_col(s, 0, &oom);
  x->published_to = dup_col(s, 1, &oom);
  x->events = sqlite3_column_int64(s, 2);
  x->undated_events = sqlite3_column_int64(s, 3);
  x->events_from = dup_col(s, 4, &oom);
  x->events_to = dup_col(s, 5, &oom);
  x->aliases = sqlite3_column_int64(s, 6);
  x->evidence = sqlite3_column_int64(s, 7);
  sqlite3_finalize(s);
  if (oom) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    goto fail;
  }
  *out = x;
  return 0;
fail:
  pl_stats_free(x);
  return rc;
}

static void free_counts(pl_count *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i].name);
  free(v);
}

void pl_stats_free(pl_stats *x) {
  if (!x)
    return;
  free_counts(x->langs, x->nlangs);
  free_counts(x->entity_types, x->nentity_types);
  free_counts(x->edge_types, x->nedge_types);
  free(x->published_from);
  free(x->published_to);
  free(x->events_from);
  free(x->events_to);
  free(x);
}
