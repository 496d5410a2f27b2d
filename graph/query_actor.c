/* Queries about actors: the entities a name designates (parley show), their
 * roles, meetings, proposals and delegations. Every query that names an
 * actor starts from that actor's edges (indexes edges_src / edges_dst), not
 * from a scan of the whole graph. */
#include <parley/query.h>

#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small shared pieces -------------------------------------------- */

/* Appends the ids name designates to out as "14,15" (SQL integers).
 * PL_ENOTFOUND names what when nothing matches. */
static int ids_list(pl_store *st, const char *name, const char *what,
                    pl_buf *out, pl_error *err) {
  long long *ids = NULL;
  size_t n = 0;
  int rc = pl_store__find_actor(st, name, &ids, &n, err);
  if (rc < 0)
    return rc;
  if (!n)
    return pl_error_set(err, PL_ENOTFOUND, NULL,
                        "no %s in the store matches '%s'", what, name);
  for (size_t i = 0; i < n && rc == 0; i++)
    if (pl_buf_printf(out, "%s%lld", i ? "," : "", ids[i]) < 0)
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  free(ids);
  return rc;
}

static int check_dates(const char *from, const char *to, pl_error *err) {
  int rc = pl_store__check_date(from, "--from", err);
  return rc < 0 ? rc : pl_store__check_date(to, "--to", err);
}

/* Prepares sql (a built buffer); records PL_EDB. */
static int prepare(pl_store *st, const pl_buf *sql, sqlite3_stmt **s,
                   const char *what, pl_error *err) {
  if (!sql->data)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  if (sqlite3_prepare_v2(st->db, sql->data, (int)sql->len, s, NULL) !=
      SQLITE_OK)
    return pl_store__dberr(st, err, what);
  return 0;
}

/* The date filter over columns prefix.date_from / date_to, binding ?1 and
 * ?2: what ends on or after from and starts on or before to. */
static int date_filter(pl_buf *sql, const char *prefix) {
  return pl_buf_printf(sql,
                       " AND (?1 IS NULL OR coalesce(%s.date_to, "
                       "%s.date_from) >= ?1)"
                       " AND (?2 IS NULL OR %s.date_from <= ?2)",
                       prefix, prefix, prefix);
}

static void bind_dates(sqlite3_stmt *s, const char *from, const char *to) {
  if (from)
    sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
  if (to)
    sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
}

/* ---- entities ------------------------------------------------------- */

static const char entity_sql[] =
    "SELECT e.id, e.type, e.name, e.name_ar, e.key, e.translit,"
    " (SELECT coalesce(sum(n), 0) FROM mentions WHERE entity_id = e.id),"
    " (SELECT count(*) FROM mentions WHERE entity_id = e.id),"
    " (SELECT min(x) FROM (SELECT date_from AS x FROM edges WHERE src = e.id"
    "  UNION ALL SELECT date_from FROM edges WHERE dst = e.id"
    "  UNION ALL SELECT d.published FROM mentions k JOIN documents d"
    "  ON d.id = k.doc_id WHERE k.entity_id = e.id)),"
    " (SELECT max(x) FROM (SELECT coalesce(date_to, date_from) AS x FROM"
    "  edges WHERE src = e.id"
    "  UNION ALL SELECT coalesce(date_to, date_from) FROM edges WHERE dst ="
    "  e.id"
    "  UNION ALL SELECT d.published FROM mentions k JOIN documents d"
    "  ON d.id = k.doc_id WHERE k.entity_id = e.id))"
    " FROM entities e WHERE e.id = ?1";

static const char aliases_sql[] =
    "SELECT norm_key FROM aliases WHERE entity_id = ?1 ORDER BY norm_key";

int pl_query_entities(pl_store *st, const char *name, pl_entity_fn fn,
                      void *ctx, pl_error *err) {
  long long *ids = NULL;
  size_t n = 0;
  int rc = pl_store__find_actor(st, name, &ids, &n, err);
  if (rc < 0)
    return rc;
  if (!n)
    return pl_error_set(err, PL_ENOTFOUND, NULL,
                        "no actor in the store matches '%s'", name);
  sqlite3_stmt *s = NULL, *a = NULL;
  pl_qlist al = {0};
  if (sqlite3_prepare_v2(st->db, entity_sql, -1, &s, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(st->db, aliases_sql, -1, &a, NULL) != SQLITE_OK) {
    rc = pl_store__dberr(st, err, "show");
    goto done;
  }
  for (size_t i = 0; i < n && rc >= 0; i++) {
    pl_qlist__clear(&al);
    sqlite3_reset(a);
    sqlite3_bind_int64(a, 1, ids[i]);
    int r;
    while ((r = sqlite3_step(a)) == SQLITE_ROW)
      if (pl_qlist__add(&al, pl_query__col(a, 0), 0, 0) < 0) {
        rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
        break;
      }
    if (rc < 0)
      break;
    if (r != SQLITE_DONE) {
      rc = pl_store__dberr(st, err, "show");
      break;
    }
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, ids[i]);
    if ((r = sqlite3_step(s)) != SQLITE_ROW) {
      rc = r == SQLITE_DONE ? 0 : pl_store__dberr(st, err, "show");
      continue;
    }
    pl_entity_row row;
    char idbuf[32];
    snprintf(idbuf, sizeof idbuf, "e%lld", ids[i]);
    row.id = idbuf;
    row.type = pl_query__col(s, 1);
    row.name = pl_query__col(s, 2);
    row.name_ar = pl_query__col(s, 3);
    row.key = pl_query__col(s, 4);
    row.translit = pl_query__col(s, 5);
    row.aliases = (const char *const *)al.v;
    row.naliases = al.n;
    row.mentions = (long)sqlite3_column_int64(s, 6);
    row.documents = (long)sqlite3_column_int64(s, 7);
    row.first = pl_query__col(s, 8);
    row.last = pl_query__col(s, 9);
    rc = fn(ctx, &row, err);
  }
done:
  sqlite3_finalize(s);
  sqlite3_finalize(a);
  pl_qlist__free(&al);
  free(ids);
  return rc < 0 ? rc : 0;
}

/* ---- roles ---------------------------------------------------------- */

int pl_query_roles(pl_store *st, const char *actor, const char *from,
                   const char *to, pl_role_fn fn, void *ctx, pl_error *err) {
  int rc;
  if ((rc = check_dates(from, to, err)) < 0)
    return rc;
  pl_buf ids = {0}, sql = {0};
  sqlite3_stmt *s = NULL;
  pl_qlist src = {0};
  if (actor && (rc = ids_list(st, actor, "actor", &ids, err)) < 0)
    goto done;
  pl_buf_puts(&sql,
              "SELECT g.id, g.src, p.name, json_extract(g.attrs, '$.role'),"
              " g.dst, o.name, g.date_from, g.date_to, g.precision"
              " FROM edges g JOIN entities p ON p.id = g.src"
              " LEFT JOIN entities o ON o.id = g.dst WHERE ");
  if (actor)
    pl_buf_printf(&sql,
                  "g.id IN (SELECT id FROM edges WHERE src IN (%s) AND type"
                  " = 'holds_role' UNION SELECT id FROM edges WHERE dst IN"
                  " (%s) AND type = 'holds_role')",
                  ids.data, ids.data);
  else
    pl_buf_puts(&sql, "g.type = 'holds_role'");
  date_filter(&sql, "g");
  pl_buf_puts(&sql, " ORDER BY g.date_from IS NULL, g.date_from, g.date_to,"
                    " g.id");
  if ((rc = prepare(st, &sql, &s, "roles", err)) < 0)
    goto done;
  bind_dates(s, from, to);
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    long long id = sqlite3_column_int64(s, 0);
    if ((rc = pl_query__sources(st, 1, id, 1, NULL, &src, err)) < 0)
      break;
    char idb[32], pb[32], ob[32];
    snprintf(idb, sizeof idb, "r%lld", id);
    snprintf(pb, sizeof pb, "e%lld", sqlite3_column_int64(s, 1));
    snprintf(ob, sizeof ob, "e%lld", sqlite3_column_int64(s, 4));
    pl_role_row row;
    row.id = idb;
    row.person_id = pb;
    row.person = pl_query__col(s, 2);
    row.role = pl_query__col(s, 3);
    row.of_id = sqlite3_column_type(s, 4) == SQLITE_NULL ? NULL : ob;
    row.of = pl_query__col(s, 5);
    row.date_from = pl_query__col(s, 6);
    row.date_to = pl_query__col(s, 7);
    row.precision = sqlite3_column_int(s, 8);
    row.sources = (const char *const *)src.v;
    row.nsources = src.n;
    if ((rc = fn(ctx, &row, err)) < 0)
      break;
  }
  if (rc >= 0 && r != SQLITE_DONE)
    rc = pl_store__dberr(st, err, "roles");
done:
  sqlite3_finalize(s);
  pl_qlist__free(&src);
  pl_buf_free(&ids);
  pl_buf_free(&sql);
  return rc < 0 ? rc : 0;
}

/* ---- meetings ------------------------------------------------------- */

int pl_query_meetings(pl_store *st, const pl_meeting_query *q, pl_meeting_fn fn,
                      void *ctx, pl_error *err) {
  static const pl_meeting_query all = {0};
  if (!q)
    q = &all;
  int rc;
  if ((rc = check_dates(q->from, q->to, err)) < 0)
    return rc;
  pl_buf ids = {0}, sql = {0};
  sqlite3_stmt *s = NULL;
  pl_qlist who = {0}, src = {0};
  pl_buf_puts(&sql, "SELECT e.id, e.name, v.date_from, v.date_to,"
                    " v.precision, v.kind, p.name, v.round, v.status,"
                    " v.process"
                    " FROM entities e JOIN events v ON v.entity_id = e.id"
                    " LEFT JOIN entities p ON p.id = v.place_id"
                    " WHERE e.type = 'meeting'");
  for (size_t i = 0; i < q->nactors; i++) {
    ids.len = 0;
    if ((rc = ids_list(st, q->actors[i], "actor", &ids, err)) < 0)
      goto done;
    pl_buf_printf(&sql,
                  " AND e.id IN (SELECT dst FROM edges WHERE src IN (%s)"
                  " AND type = 'participates_in')",
                  ids.data);
  }
  if (q->place) {
    ids.len = 0;
    if ((rc = ids_list(st, q->place, "place", &ids, err)) < 0)
      goto done;
    /* Any place a report gave (held_in edges, indexed by place). */
    pl_buf_printf(&sql,
                  " AND e.id IN (SELECT src FROM edges WHERE dst IN (%s)"
                  " AND type = 'held_in')",
                  ids.data);
  }
  if (q->round)
    pl_buf_puts(&sql, " AND v.round = ?3");
  /* The process as extraction names it, any case ("astana"). */
  if (q->process)
    pl_buf_puts(&sql, " AND v.process = ?4 COLLATE NOCASE");
  date_filter(&sql, "v");
  pl_buf_puts(&sql, " ORDER BY v.date_from IS NULL, v.date_from, v.date_to,"
                    " e.id");
  if ((rc = prepare(st, &sql, &s, "meetings", err)) < 0)
    goto done;
  bind_dates(s, q->from, q->to);
  if (q->round)
    sqlite3_bind_text(s, 3, q->round, -1, SQLITE_STATIC);
  if (q->process)
    sqlite3_bind_text(s, 4, q->process, -1, SQLITE_STATIC);
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    long long id = sqlite3_column_int64(s, 0);
    if ((rc = pl_query__members(st, 0, id, &who, err)) < 0 ||
        (rc = pl_query__sources(st, 0, id, 1, NULL, &src, err)) < 0)
      break;
    char idb[32];
    snprintf(idb, sizeof idb, "e%lld", id);
    pl_meeting_row row;
    row.id = idb;
    row.name = pl_query__col(s, 1);
    row.date_from = pl_query__col(s, 2);
    row.date_to = pl_query__col(s, 3);
    row.precision = sqlite3_column_int(s, 4);
    row.kind = pl_query__col(s, 5);
    row.place = pl_query__col(s, 6);
    row.round = pl_query__col(s, 7);
    row.status = pl_query__col(s, 8);
    row.process = pl_query__col(s, 9);
    row.participants = (const char *const *)who.v;
    row.nparticipants = who.n;
    row.sources = (const char *const *)src.v;
    row.nsources = src.n;
    if ((rc = fn(ctx, &row, err)) < 0)
      break;
  }
  if (rc >= 0 && r != SQLITE_DONE)
    rc = pl_store__dberr(st, err, "meetings");
done:
  sqlite3_finalize(s);
  pl_qlist__free(&who);
  pl_qlist__free(&src);
  pl_buf_free(&ids);
  pl_buf_free(&sql);
  return rc < 0 ? rc : 0;
}

/* ---- proposals ------------------------------------------------------ */

int pl_query_proposals(pl_store *st, const char *actor, const char *from,
                       const char *to, pl_proposal_fn fn, void *ctx,
                       pl_error *err) {
  int rc;
  if ((rc = check_dates(from, to, err)) < 0)
    return rc;
  pl_buf ids = {0}, sql = {0};
  sqlite3_stmt *s = NULL;
  pl_qlist who = {0}, src = {0};
  char **by = NULL, **at = NULL;
  if (actor && (rc = ids_list(st, actor, "actor", &ids, err)) < 0)
    goto done;
  pl_buf_puts(&sql, "SELECT e.id, coalesce(v.content, e.name), v.date_from,"
                    " v.date_to, v.precision, v.status"
                    " FROM entities e JOIN events v ON v.entity_id = e.id"
                    " WHERE e.type = 'proposal'");
  if (actor)
    pl_buf_printf(&sql,
                  " AND e.id IN (SELECT dst FROM edges WHERE src IN (%s)"
                  " AND type = 'proposes' UNION SELECT src FROM edges WHERE"
                  " dst IN (%s) AND type = 'addressed_to')",
                  ids.data, ids.data);
  date_filter(&sql, "v");
  pl_buf_puts(&sql, " ORDER BY v.date_from IS NULL, v.date_from, v.date_to,"
                    " e.id");
  if ((rc = prepare(st, &sql, &s, "proposals", err)) < 0)
    goto done;
  bind_dates(s, from, to);
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    long long id = sqlite3_column_int64(s, 0);
    if ((rc = pl_query__members(st, 0, id, &who, err)) < 0 ||
        (rc = pl_query__sources(st, 0, id, 1, NULL, &src, err)) < 0)
      break;
    free(by);
    free(at);
    by = malloc((who.n + 1) * sizeof *by);
    at = malloc((who.n + 1) * sizeof *at);
    if (!by || !at) {
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      break;
    }
    size_t nby = 0, nat = 0;
    for (size_t k = 0; k < who.n; k++) {
      if (who.side[k])
        at[nat++] = who.v[k];
      else
        by[nby++] = who.v[k];
    }
    char idb[32];
    snprintf(idb, sizeof idb, "e%lld", id);
    pl_proposal_row row;
    row.id = idb;
    row.content = pl_query__col(s, 1);
    row.date_from = pl_query__col(s, 2);
    row.date_to = pl_query__col(s, 3);
    row.precision = sqlite3_column_int(s, 4);
    row.status = pl_query__col(s, 5);
    row.by = (const char *const *)by;
    row.nby = nby;
    row.to = (const char *const *)at;
    row.nto = nat;
    row.sources = (const char *const *)src.v;
    row.nsources = src.n;
    if ((rc = fn(ctx, &row, err)) < 0)
      break;
  }
  if (rc >= 0 && r != SQLITE_DONE)
    rc = pl_store__dberr(st, err, "proposals");
done:
  sqlite3_finalize(s);
  free(by);
  free(at);
  pl_qlist__free(&who);
  pl_qlist__free(&src);
  pl_buf_free(&ids);
  pl_buf_free(&sql);
  return rc < 0 ? rc : 0;
}

/* ---- delegations ---------------------------------------------------- */

/* One heads edge as one document reports it. */
typedef struct deleg {
  long long edge;    /* the heads edge */
  long long head;    /* its source */
  long long of;      /* its target */
  long long meeting; /* the meeting that gave the round, or 0 */
  char *date;        /* malloc'ed, or NULL */
  char *round;       /* malloc'ed, or NULL */
  char *head_name;   /* malloc'ed */
  char *head_ar;     /* malloc'ed, or NULL */
  char *of_name;     /* malloc'ed */
  pl_qlist sources;  /* its documents' sources */
} deleg;

static char *dup_or_null(const char *s) {
  if (!s)
    return NULL;
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p)
    memcpy(p, s, n);
  return p;
}

static int cmp_opt(const char *a, const char *b) {
  if (!a || !b)
    return (a == NULL) - (b == NULL); /* NULL last */
  return strcmp(a, b);
}

/* Rounds compare as numbers when both are. */
static int cmp_round(const char *a, const char *b) {
  if (a && b) {
    char *ea, *eb;
    long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
    if (!*ea && !*eb && ea != a && eb != b && x != y)
      return x < y ? -1 : 1;
  }
  return cmp_opt(a, b);
}

static int cmp_deleg(const void *pa, const void *pb) {
  const deleg *a = pa, *b = pb;
  int c = cmp_opt(a->date, b->date);
  if (!c)
    c = cmp_round(a->round, b->round);
  if (!c)
    c = a->of < b->of ? -1 : a->of > b->of;
  if (!c)
    c = a->edge < b->edge ? -1 : a->edge > b->edge;
  return c;
}

static void deleg_free(deleg *d) {
  free(d->date);
  free(d->round);
  free(d->head_name);
  free(d->head_ar);
  free(d->of_name);
  pl_qlist__free(&d->sources);
}

/* The round and date of a meeting reported in doc, preferring one actor
 * of took part in. */
static const char doc_meeting_sql[] =
    "SELECT v.entity_id, v.round, v.date_from FROM evidence x"
    " JOIN edges g ON g.id = x.edge_id JOIN events v ON v.entity_id = g.dst"
    " WHERE x.doc_id = ?1 AND g.type = 'participates_in'"
    " AND v.round IS NOT NULL"
    " ORDER BY g.src = ?2 DESC, v.date_from IS NULL, v.date_from,"
    " v.entity_id LIMIT 1";

int pl_query_delegations(pl_store *st, const pl_delegation_query *q,
                         pl_delegation_fn fn, void *ctx, pl_error *err) {
  static const pl_delegation_query all = {0};
  if (!q)
    q = &all;
  int rc;
  if ((rc = check_dates(q->from, q->to, err)) < 0)
    return rc;
  pl_buf ids = {0}, sql = {0};
  sqlite3_stmt *s = NULL, *m = NULL;
  deleg *v = NULL;
  size_t nv = 0, cap = 0;
  pl_buf_puts(&sql, "SELECT DISTINCT g.id, g.src, h.name, h.name_ar, g.dst,"
                    " a.name, g.date_from, g.date_to, x.doc_id, d.published,"
                    " d.source"
                    " FROM edges g JOIN entities h ON h.id = g.src"
                    " JOIN entities a ON a.id = g.dst"
                    " JOIN evidence x ON x.edge_id = g.id"
                    " JOIN documents d ON d.id = x.doc_id"
                    " WHERE g.type = 'heads'");
  if (q->of) {
    if ((rc = ids_list(st, q->of, "actor", &ids, err)) < 0)
      goto done;
    pl_buf_printf(&sql, " AND g.dst IN (%s)", ids.data);
  }
  if (q->head) {
    ids.len = 0;
    if ((rc = ids_list(st, q->head, "actor", &ids, err)) < 0)
      goto done;
    pl_buf_printf(&sql, " AND g.src IN (%s)", ids.data);
  }
  pl_buf_puts(&sql, " ORDER BY g.id, d.source, x.doc_id");
  if ((rc = prepare(st, &sql, &s, "delegations", err)) < 0)
    goto done;
  if (sqlite3_prepare_v2(st->db, doc_meeting_sql, -1, &m, NULL) != SQLITE_OK) {
    rc = pl_store__dberr(st, err, "delegations");
    goto done;
  }
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    const char *doc = pl_query__col(s, 8);
    long long of = sqlite3_column_int64(s, 4);
    sqlite3_reset(m);
    sqlite3_bind_text(m, 1, doc, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(m, 2, of);
    int mr = sqlite3_step(m);
    if (mr != SQLITE_ROW && mr != SQLITE_DONE) {
      rc = pl_store__dberr(st, err, "delegations");
      break;
    }
    const char *edf = pl_query__col(s, 6), *edt = pl_query__col(s, 7);
    const char *date = mr == SQLITE_ROW ? pl_query__col(m, 2) : NULL;
    if (!date && edf && edt && !strcmp(edf, edt))
      date = edf;
    if (!date)
      date = pl_query__col(s, 9);
    if (!date)
      date = edf;
    if ((q->from && (!date || strcmp(date, q->from) < 0)) ||
        (q->to && (!date || strcmp(date, q->to) > 0)))
      continue;
    if (nv == cap) {
      size_t nc = cap ? cap * 2 : 16;
      deleg *p = realloc(v, nc * sizeof *p);
      if (!p) {
        rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
        break;
      }
      v = p;
      cap = nc;
    }
    deleg *d = &v[nv++];
    memset(d, 0, sizeof *d);
    d->edge = sqlite3_column_int64(s, 0);
    d->head = sqlite3_column_int64(s, 1);
    d->of = of;
    d->meeting = mr == SQLITE_ROW ? sqlite3_column_int64(m, 0) : 0;
    d->date = dup_or_null(date);
    d->round = dup_or_null(mr == SQLITE_ROW ? pl_query__col(m, 1) : NULL);
    d->head_name = dup_or_null(pl_query__col(s, 2));
    d->head_ar = dup_or_null(pl_query__col(s, 3));
    d->of_name = dup_or_null(pl_query__col(s, 5));
    if ((date && !d->date) || (d->meeting && !d->round) || !d->head_name ||
        !d->of_name ||
        pl_qlist__add(&d->sources, pl_query__col(s, 10), 0, 0) < 0) {
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      break;
    }
  }
  if (rc >= 0 && r != SQLITE_DONE)
    rc = pl_store__dberr(st, err, "delegations");
  if (rc < 0)
    goto done;
  if (nv > 1)
    qsort(v, nv, sizeof *v, cmp_deleg);
  /* One row per edge, round and date: their documents' sources merged. */
  for (size_t i = 0; i < nv && rc >= 0;) {
    size_t j = i + 1;
    while (j < nv && v[j].edge == v[i].edge && !cmp_opt(v[j].date, v[i].date) &&
           !cmp_opt(v[j].round, v[i].round))
      j++;
    pl_qlist all = {0};
    for (size_t k = i; k < j && rc >= 0; k++)
      for (size_t x = 0; x < v[k].sources.n && rc >= 0; x++) {
        const char *sname = v[k].sources.v[x];
        size_t y = 0;
        while (y < all.n && strcmp(all.v[y], sname))
          y++;
        if (y == all.n && pl_qlist__add(&all, sname, 0, 0) < 0)
          rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      }
    /* Sorted, as every source list is. */
    for (size_t a = 1; a < all.n; a++)
      for (size_t b = a; b > 0 && strcmp(all.v[b - 1], all.v[b]) > 0; b--) {
        char *t = all.v[b];
        all.v[b] = all.v[b - 1];
        all.v[b - 1] = t;
      }
    if (rc >= 0) {
      char idb[32], mb[32], hb[32], ob[32];
      snprintf(idb, sizeof idb, "r%lld", v[i].edge);
      snprintf(mb, sizeof mb, "e%lld", v[i].meeting);
      snprintf(hb, sizeof hb, "e%lld", v[i].head);
      snprintf(ob, sizeof ob, "e%lld", v[i].of);
      pl_delegation_row row;
      row.id = idb;
      row.date = v[i].date;
      row.round = v[i].round;
      row.meeting_id = v[i].meeting ? mb : NULL;
      row.head = v[i].head_name;
      row.head_ar = v[i].head_ar;
      row.head_id = hb;
      row.of = v[i].of_name;
      row.of_id = ob;
      row.sources = (const char *const *)all.v;
      row.nsources = all.n;
      rc = fn(ctx, &row, err);
    }
    pl_qlist__free(&all);
    i = j;
  }
done:
  sqlite3_finalize(s);
  sqlite3_finalize(m);
  for (size_t i = 0; i < nv; i++)
    deleg_free(&v[i]);
  free(v);
  pl_buf_free(&ids);
  pl_buf_free(&sql);
  return rc < 0 ? rc : 0;
}
