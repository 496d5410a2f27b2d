/* Small pieces the query files share: lists of strings read from a row's
 * members and sources. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

void pl_qlist__clear(pl_qlist *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->v[i]);
  l->n = 0;
}

void pl_qlist__free(pl_qlist *l) {
  pl_qlist__clear(l);
  free(l->v);
  free(l->id);
  free(l->side);
  memset(l, 0, sizeof *l);
}

int pl_qlist__add(pl_qlist *l, const char *s, long long id, int side) {
  if (l->n == l->cap) {
    size_t nc = l->cap ? l->cap * 2 : 8;
    char **v = realloc(l->v, nc * sizeof *v);
    if (!v)
      return PL_ENOMEM;
    l->v = v;
    long long *ids = realloc(l->id, nc * sizeof *ids);
    if (!ids)
      return PL_ENOMEM;
    l->id = ids;
    int *sd = realloc(l->side, nc * sizeof *sd);
    if (!sd)
      return PL_ENOMEM;
    l->side = sd;
    l->cap = nc;
  }
  size_t len = strlen(s ? s : "");
  char *p = malloc(len + 1);
  if (!p)
    return PL_ENOMEM;
  memcpy(p, s ? s : "", len + 1);
  l->v[l->n] = p;
  l->id[l->n] = id;
  l->side[l->n] = side;
  l->n++;
  return 0;
}

const char *pl_query__col(sqlite3_stmt *s, int i) {
  return (const char *)sqlite3_column_text(s, i);
}

/* Runs the cached statement which (?1 edge, ?2 id) and fills l from its
 * rows: the name in column cname, the id in cid and the side in cside
 * (-1: none); with distinct, a name equal to the one before is skipped.
 * A database error is reported naming what. */
static int fill(pl_store *st, pl_stmt_id which, int edge, long long id,
                pl_qlist *l, int cname, int cid, int cside, int distinct,
                const char *what, pl_error *err) {
  pl_qlist__clear(l);
  sqlite3_stmt *s = pl_store__stmt(st, which, err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int(s, 1, edge);
  sqlite3_bind_int64(s, 2, id);
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    const char *name = pl_query__col(s, cname);
    if (distinct && l->n && !strcmp(l->v[l->n - 1], name ? name : ""))
      continue;
    if (pl_qlist__add(l, name, cid >= 0 ? sqlite3_column_int64(s, cid) : 0,
                      cside >= 0 ? sqlite3_column_int(s, cside) : 0) < 0) {
      sqlite3_reset(s);
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    }
  }
  sqlite3_reset(s);
  if (r != SQLITE_DONE)
    return pl_store__dberr(st, err, what);
  return 0;
}

int pl_query__members(pl_store *st, int edge, long long id, pl_qlist *l,
                      pl_error *err) {
  return fill(st, S_Q_MEMBERS, edge, id, l, 1, 0, 2, 0, "read", err);
}

int pl_query__sources(pl_store *st, int edge, long long id, int distinct,
                      const char *what, pl_qlist *l, pl_error *err) {
  return fill(st, S_Q_SOURCES, edge, id, l, 0, -1, -1, distinct,
              what ? what : "read", err);
}
