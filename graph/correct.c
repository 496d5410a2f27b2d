/* Users' corrections of the graph — merge two entities, add an alias,
 * rename — kept in the corrections table and re-applied whenever a new
 * document is resolved, so that they survive later ingestion; and the
 * record of why names were merged (pl_store_names). */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* Runs sql with ?1 and ?2 bound to two ids. */
static int exec2(pl_store *st, const char *sql, long long a, long long b,
                 pl_error *err) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
    return pl_store__dberr(st, err, "prepare");
  sqlite3_bind_int64(s, 1, a);
  sqlite3_bind_int64(s, 2, b);
  int rc = sqlite3_step(s);
  sqlite3_finalize(s);
  return rc == SQLITE_DONE || rc == SQLITE_ROW
             ? 0
             : pl_store__dberr(st, err, "write");
}

/* Joins edges that became equal (same ends, type, attributes) after a
 * merge into id: evidence moves to the lowest edge, dates widen. */
static int join_edges(pl_store *st, long long id, pl_error *err) {
  static const char find[] =
      "SELECT a.id, b.id FROM edges a JOIN edges b ON a.src = b.src AND"
      " a.dst IS b.dst AND a.type = b.type AND a.attrs IS b.attrs AND"
      " a.id < b.id WHERE a.src = ?1 OR a.dst = ?1 LIMIT 1";
  for (;;) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, find, -1, &s, NULL) != SQLITE_OK)
      return pl_store__dberr(st, err, "prepare");
    sqlite3_bind_int64(s, 1, id);
    int r = sqlite3_step(s);
    long long keep = 0, drop = 0;
    if (r == SQLITE_ROW) {
      keep = sqlite3_column_int64(s, 0);
      drop = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    if (r == SQLITE_DONE)
      return 0;
    if (r != SQLITE_ROW)
      return pl_store__dberr(st, err, "read");
    int rc;
    if ((rc = exec2(st,
                    "UPDATE edges SET date_from = (SELECT min(date_from) FROM"
                    " edges WHERE id IN (?1, ?2)), date_to = (SELECT"
                    " max(date_to) FROM edges WHERE id IN (?1, ?2)),"
                    " precision = CASE WHEN date_from IS NULL THEN (SELECT"
                    " precision FROM edges WHERE id = ?2) ELSE precision END"
                    " WHERE id = ?1",
                    keep, drop, err)) < 0 ||
        (rc = exec2(st,
                    "UPDATE OR IGNORE evidence SET edge_id = ?1 WHERE"
                    " edge_id = ?2",
                    keep, drop, err)) < 0 ||
        (rc = exec2(st, "DELETE FROM evidence WHERE edge_id = ?2 AND ?1",
                    keep, drop, err)) < 0 ||
        (rc = exec2(st, "DELETE FROM edges WHERE id = ?2 AND ?1", keep, drop,
                    err)) < 0)
      return rc;
  }
}

int pl_store__merge_entities(pl_store *st, long long into, long long from,
                             const char *reason, pl_error *err) {
  static const char *const steps[] = {
      "INSERT OR IGNORE INTO aliases(norm_key, entity_id) SELECT norm_key,"
      " ?1 FROM aliases WHERE entity_id = ?2",
      "INSERT INTO mentions(entity_id, doc_id, n) SELECT ?1, doc_id, n FROM"
      " mentions WHERE entity_id = ?2 AND true ON CONFLICT(entity_id,"
      " doc_id) DO UPDATE SET n = n + excluded.n",
      "INSERT OR IGNORE INTO merges(entity_id, alias, reason, doc_id) SELECT"
      " ?1, alias, reason, doc_id FROM merges WHERE entity_id = ?2",
      "UPDATE events SET place_id = ?1 WHERE place_id = ?2",
      "INSERT OR IGNORE INTO event_claims(event_id, doc_id, start, end,"
      " date_from, date_to, precision, kind, place, round, status, content,"
      " date_text, process) SELECT ?1, doc_id, start, end, date_from,"
      " date_to, precision, kind, place, round, status, content, date_text,"
      " process FROM event_claims WHERE event_id = ?2",
      "UPDATE events SET date_from = coalesce(date_from, (SELECT date_from"
      " FROM events WHERE entity_id = ?2)), date_to = coalesce(date_to,"
      " (SELECT date_to FROM events WHERE entity_id = ?2)), round ="
      " coalesce(round, (SELECT round FROM events WHERE entity_id = ?2)),"
      " process = coalesce(process, (SELECT process FROM events WHERE"
      " entity_id = ?2)),"
      " place_id = coalesce(place_id, (SELECT place_id FROM events WHERE"
      " entity_id = ?2)) WHERE entity_id = ?1",
      "UPDATE edges SET src = ?1 WHERE src = ?2",
      "UPDATE edges SET dst = ?1 WHERE dst = ?2",
      /* The lexicon key moves: the unique index wants it off first. */
      "CREATE TEMP TABLE IF NOT EXISTS merge_tmp(key, name_ar, translit)",
      "DELETE FROM temp.merge_tmp WHERE ?1 AND ?2",
      "INSERT INTO temp.merge_tmp SELECT key, name_ar, translit FROM"
      " entities WHERE id = ?2 AND ?1",
      /* What ON DELETE CASCADE removes with the entity, removed first:
       * inside an ingest batch foreign keys are not enforced
       * (pl_store_batch_begin), and corrections are applied there too. */
      "DELETE FROM aliases WHERE entity_id = ?2 AND ?1",
      "DELETE FROM mentions WHERE entity_id = ?2 AND ?1",
      "DELETE FROM merges WHERE entity_id = ?2 AND ?1",
      "DELETE FROM event_claims WHERE event_id = ?2 AND ?1",
      "DELETE FROM events WHERE entity_id = ?2 AND ?1",
      "DELETE FROM entities WHERE id = ?2 AND ?1",
      "UPDATE entities SET key = coalesce(key, (SELECT key FROM"
      " temp.merge_tmp)), name_ar = coalesce(name_ar, (SELECT name_ar FROM"
      " temp.merge_tmp)), translit = coalesce(translit, (SELECT translit"
      " FROM temp.merge_tmp)) WHERE id = ?1 AND ?2",
  };
  int rc;
  if (into == from)
    return 0;
  pl_store__forget(st); /* from's aliases and lexicon key move to into */
  /* The merged entity's name becomes an alias of the kept one: noted. */
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(st->db,
                         "INSERT OR IGNORE INTO merges(entity_id, alias,"
                         " reason, doc_id) SELECT ?1, name, ?3, NULL FROM"
                         " entities WHERE id = ?2",
                         -1, &s, NULL) != SQLITE_OK)
    return pl_store__dberr(st, err, "prepare");
  sqlite3_bind_int64(s, 1, into);
  sqlite3_bind_int64(s, 2, from);
  sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step(s);
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE)
    return pl_store__dberr(st, err, "write");
  for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
    if ((rc = exec2(st, steps[i], into, from, err)) < 0)
      return rc;
  return join_edges(st, into, err);
}

/* Collects the distinct entity ids the query sql (?1 text) gives. */
static int collect(pl_store *st, const char *sql, const char *arg,
                   long long *ids, size_t cap, size_t *n, pl_error *err) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
    return pl_store__dberr(st, err, "prepare");
  sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    long long id = sqlite3_column_int64(s, 0);
    int seen = 0;
    for (size_t i = 0; i < *n && !seen; i++)
      seen = ids[i] == id;
    if (!seen && *n < cap)
      ids[(*n)++] = id;
  }
  sqlite3_finalize(s);
  return r == SQLITE_DONE ? 0 : pl_store__dberr(st, err, "read");
}

/* "e12" → 12, else 0. */
static long long node_id(const char *s) {
  if (s[0] != 'e' || !s[1])
    return 0;
  long long v = 0;
  for (const char *p = s + 1; *p; p++) {
    if (*p < '0' || *p > '9' || v > 100000000000LL)
      return 0;
    v = v * 10 + (*p - '0');
  }
  return v;
}

/* Up to cap entity ids for name, by the first rule that gives any. */
static int candidates(pl_store *st, const char *name, long long *ids,
                      size_t cap, size_t *n, pl_error *err) {
  static const char by_key[] = "SELECT id FROM entities WHERE key = ?1";
  static const char by_alias[] =
      "SELECT DISTINCT a.entity_id FROM aliases a JOIN entities e ON e.id ="
      " a.entity_id WHERE a.norm_key = ?1 AND e.type NOT IN ('meeting',"
      " 'proposal') ORDER BY a.entity_id";
  pl_buf key = {0}, k2 = {0}, lat = {0};
  int rc;
  *n = 0;
  long long id = node_id(name);
  if (id) {
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", id);
    rc = collect(st, "SELECT id FROM entities WHERE id = ?1", buf, ids, cap,
                 n, err);
    return rc;
  }
  if ((rc = collect(st, by_key, name, ids, cap, n, err)) < 0 || *n)
    goto done;
  if ((rc = pl_store__norm_key(name, (size_t)-1, &key, err)) < 0 ||
      !key.len)
    goto done;
  if (pl_buf_puts(&k2, "user:") < 0 || pl_buf_puts(&k2, key.data) < 0) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    goto done;
  }
  if ((rc = collect(st, by_alias, k2.data, ids, cap, n, err)) < 0 || *n)
    goto done;
  if ((rc = collect(st, by_alias, key.data, ids, cap, n, err)) < 0 || *n)
    goto done;
  k2.len = 0;
  /* The skeleton is made apart from its prefix: its first word would
   * follow a space after text already in the buffer. */
  if ((rc = pl_store__latin_key(st, key.data, key.len, &lat, err)) < 0)
    goto done;
  if (lat.len > 5 && strchr(lat.data, ' ')) {
    if (pl_buf_puts(&k2, "lat:") < 0 || pl_buf_puts(&k2, lat.data) < 0) {
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      goto done;
    }
    rc = collect(st, by_alias, k2.data, ids, cap, n, err);
  }
done:
  pl_buf_free(&key);
  pl_buf_free(&k2);
  pl_buf_free(&lat);
  return rc < 0 ? rc : 0;
}

/* Name and type of entity id into buf. */
static void describe(pl_store *st, long long id, char *buf, size_t cap) {
  sqlite3_stmt *s = NULL;
  snprintf(buf, cap, "e%lld", id);
  if (sqlite3_prepare_v2(st->db,
                         "SELECT name, type FROM entities WHERE id = ?1", -1,
                         &s, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64(s, 1, id);
  if (sqlite3_step(s) == SQLITE_ROW)
    snprintf(buf, cap, "e%lld %s (%s)", id,
             (const char *)sqlite3_column_text(s, 0),
             (const char *)sqlite3_column_text(s, 1));
  sqlite3_finalize(s);
}

int pl_store__resolve_name(pl_store *st, const char *name, long long *out,
                           pl_error *err) {
  long long ids[3];
  size_t n = 0;
  int rc;
  *out = 0;
  if ((rc = candidates(st, name, ids, 3, &n, err)) < 0)
    return rc;
  if (n == 1)
    *out = ids[0];
  else if (n > 1) {
    char a[160], b[160];
    describe(st, ids[0], a, sizeof a);
    describe(st, ids[1], b, sizeof b);
    return pl_error_set(err, PL_EUSAGE, NULL,
                        "'%s' designates several entities (%s; %s%s): name "
                        "one by its id",
                        name, a, b, n > 2 ? "; ..." : "");
  }
  return 0;
}

/* A stable name for entity id: its lexicon key, else its name. */
static int stable_name(pl_store *st, long long id, pl_buf *out,
                       pl_error *err) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(st->db,
                         "SELECT coalesce(key, name), type FROM entities"
                         " WHERE id = ?1",
                         -1, &s, NULL) != SQLITE_OK)
    return pl_store__dberr(st, err, "prepare");
  sqlite3_bind_int64(s, 1, id);
  int r = sqlite3_step(s), rc = 0;
  out->len = 0;
  if (r == SQLITE_ROW) {
    const char *type = (const char *)sqlite3_column_text(s, 1);
    /* Events are named by id: their names are made from their fields. */
    if (!strcmp(type, "meeting") || !strcmp(type, "proposal"))
      rc = pl_buf_printf(out, "e%lld", id);
    else
      rc = pl_buf_puts(out, (const char *)sqlite3_column_text(s, 0));
    if (rc < 0)
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  } else {
    rc = pl_store__dberr(st, err, "read");
  }
  sqlite3_finalize(s);
  return rc;
}

/* Adds norm(name) (and as "user:") as aliases of id. */
static int user_alias(pl_store *st, long long id, const char *name,
                      pl_error *err) {
  pl_buf key = {0};
  pl_store__forget(st); /* a "user:" alias may now exist */
  int rc = pl_store__norm_key(name, (size_t)-1, &key, err);
  if (rc == 0 && !key.len)
    rc = pl_error_set(err, PL_EUSAGE, NULL,
                      "'%s' has no letters to match on", name);
  for (int user = 0; rc == 0 && user < 2; user++) {
    sqlite3_stmt *s = pl_store__stmt(st, S_ALIAS_INSERT, err);
    if (!s) {
      rc = PL_EDB;
      break;
    }
    pl_buf k = {0};
    if ((user && pl_buf_puts(&k, "user:") < 0) ||
        pl_buf_append(&k, key.data, key.len) < 0) {
      pl_buf_free(&k);
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      break;
    }
    sqlite3_bind_text(s, 1, k.data, (int)k.len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, id);
    if (sqlite3_step(s) != SQLITE_DONE)
      rc = pl_store__dberr(st, err, "write");
    sqlite3_reset(s);
    pl_buf_free(&k);
  }
  pl_buf_free(&key);
  return rc;
}

/* Applies one correction. Names that designate nothing (or several) now
 * leave it for later: *applied says whether it took. */
static int apply_one(pl_store *st, const char *op, const char *a,
                     const char *b, int *applied, pl_error *err) {
  long long x = 0, y = 0;
  pl_error scratch = {0};
  int rc;
  *applied = 0;
  if (pl_store__resolve_name(st, a, &x, &scratch) < 0) {
    if (scratch.code != PL_EUSAGE)
      return pl_error_set(err, scratch.code, NULL, "%s", scratch.msg);
    return 0;
  }
  if (!x)
    return 0;
  if (!strcmp(op, "merge")) {
    pl_error_clear(&scratch);
    if (pl_store__resolve_name(st, b, &y, &scratch) < 0) {
      if (scratch.code != PL_EUSAGE)
        return pl_error_set(err, scratch.code, NULL, "%s", scratch.msg);
      return 0;
    }
    if (!y)
      return 0;
    *applied = 1;
    if (x == y)
      return 0;
    return pl_store__merge_entities(st, x, y, "user merge (parley merge)",
                                    err);
  }
  *applied = 1;
  if ((rc = user_alias(st, x, b, err)) < 0)
    return rc;
  if (!strcmp(op, "alias")) {
    sqlite3_stmt *s = pl_store__stmt(st, S_MERGE_NOTE, err);
    if (!s)
      return PL_EDB;
    sqlite3_bind_int64(s, 1, x);
    sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, "user alias (parley alias add)", -1,
                      SQLITE_STATIC);
    sqlite3_bind_null(s, 4);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : pl_store__dberr(st, err, "write");
  }
  sqlite3_stmt *s = pl_store__stmt(st, S_ENT_RENAME, err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int64(s, 1, x);
  sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step(s);
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? 0 : pl_store__dberr(st, err, "write");
}

int pl_store__apply_corrections(pl_store *st, pl_error *err) {
  if (st->in_corrections)
    return 0;
  int rc = 0, r;
  /* a cached statement: this runs after every document ingested */
  sqlite3_stmt *s = pl_store__stmt(st, S_CORRECTIONS, err);
  if (!s)
    return PL_EDB;
  st->in_corrections = 1;
  while (rc == 0 && (r = sqlite3_step(s)) == SQLITE_ROW) {
    int applied;
    char *op = strdup((const char *)sqlite3_column_text(s, 0));
    char *a = strdup((const char *)sqlite3_column_text(s, 1));
    char *b = strdup((const char *)sqlite3_column_text(s, 2));
    if (!op || !a || !b)
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    else
      rc = apply_one(st, op, a, b, &applied, err);
    if (rc < 0 || applied) /* entities may have gone, their ids reused */
      pl_store__forget(st);
    free(op);
    free(a);
    free(b);
  }
  if (rc == 0 && r != SQLITE_DONE)
    rc = pl_store__dberr(st, err, "read");
  st->in_corrections = 0;
  sqlite3_reset(s);
  return rc;
}

/* Records and applies a correction in one transaction. */
static int correct(pl_store *st, const char *op, const char *a,
                   const char *b, pl_error *err) {
  int rc;
  long long x = 0, y = 0;
  pl_buf sa = {0}, sb = {0};
  if (st->readonly)
    return pl_error_set(err, PL_EUSAGE, st->path,
                        "the store is open read-only");
  if (!a || !*a || !b || !*b)
    return pl_error_set(err, PL_EUSAGE, NULL, "an empty name");
  if ((rc = pl_store__exec(st, "BEGIN IMMEDIATE", err)) < 0)
    return rc;
  if ((rc = pl_store__resolve_name(st, a, &x, err)) < 0)
    goto done;
  if (!x) {
    rc = pl_error_set(err, PL_ENOTFOUND, NULL,
                      "no entity in the store matches '%s'", a);
    goto done;
  }
  if (!strcmp(op, "merge")) {
    if ((rc = pl_store__resolve_name(st, b, &y, err)) < 0)
      goto done;
    if (!y) {
      rc = pl_error_set(err, PL_ENOTFOUND, NULL,
                        "no entity in the store matches '%s'", b);
      goto done;
    }
    if (x == y) {
      rc = pl_error_set(err, PL_EUSAGE, NULL,
                        "'%s' and '%s' are already one entity (e%lld)", a, b,
                        x);
      goto done;
    }
    if ((rc = stable_name(st, y, &sb, err)) < 0)
      goto done;
  } else if (pl_buf_puts(&sb, b) < 0) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    goto done;
  }
  if ((rc = stable_name(st, x, &sa, err)) < 0)
    goto done;
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(st->db,
                         "INSERT OR IGNORE INTO corrections(op, a, b, created)"
                         " VALUES(?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ',"
                         " 'now'))",
                         -1, &s, NULL) != SQLITE_OK) {
    rc = pl_store__dberr(st, err, "prepare");
    goto done;
  }
  sqlite3_bind_text(s, 1, op, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 2, sa.data, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 3, sb.data, -1, SQLITE_TRANSIENT);
  int r = sqlite3_step(s);
  sqlite3_finalize(s);
  if (r != SQLITE_DONE) {
    rc = pl_store__dberr(st, err, "write");
    goto done;
  }
  if (!strcmp(op, "merge"))
    rc = pl_store__merge_entities(st, x, y, "user merge (parley merge)", err);
  else {
    int applied;
    rc = apply_one(st, op, sa.data, sb.data, &applied, err);
  }
done:
  if (rc == 0)
    rc = pl_store__exec(st, "COMMIT", err);
  if (rc < 0)
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  pl_buf_free(&sa);
  pl_buf_free(&sb);
  return rc;
}

int pl_store_merge(pl_store *st, const char *keep, const char *other,
                   pl_error *err) {
  return correct(st, "merge", keep, other, err);
}

int pl_store_alias_add(pl_store *st, const char *entity, const char *name,
                       pl_error *err) {
  return correct(st, "alias", entity, name, err);
}

int pl_store_rename(pl_store *st, const char *entity, const char *name,
                    pl_error *err) {
  return correct(st, "rename", entity, name, err);
}

/* ---- why names were merged --------------------------------------------- */

void pl_entity_names_free(pl_entity_names *n) {
  if (!n)
    return;
  pl_arena *a = n->impl;
  if (a) {
    pl_arena_free(a);
    free(a);
  }
  free(n->aliases);
  free(n->notes);
  free(n);
}

static int grow(void **v, size_t *cap, size_t n, size_t size) {
  if (n < *cap)
    return 0;
  size_t nc = *cap ? *cap * 2 : 16;
  void *p = realloc(*v, nc * size);
  if (!p)
    return -1;
  *v = p;
  *cap = nc;
  return 0;
}

int pl_store_names(pl_store *st, const char *name, pl_entity_names **out,
                   pl_error *err) {
  long long id;
  int rc;
  *out = NULL;
  if ((rc = pl_store__resolve_name(st, name, &id, err)) < 0)
    return rc;
  if (!id)
    return pl_error_set(err, PL_ENOTFOUND, NULL,
                        "no entity in the store matches '%s'", name);
  pl_entity_names *n = calloc(1, sizeof *n);
  pl_arena *ar = calloc(1, sizeof *ar);
  size_t capa = 0, capn = 0;
  sqlite3_stmt *s = NULL;
  if (!n || !ar) {
    free(n);
    free(ar);
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  n->impl = ar;
  n->id = id;
  static const char *const sql[] = {
      "SELECT name, type FROM entities WHERE id = ?1",
      "SELECT norm_key FROM aliases WHERE entity_id = ?1 ORDER BY norm_key",
      "SELECT m.alias, m.reason, d.source FROM merges m LEFT JOIN documents"
      " d ON d.id = m.doc_id WHERE m.entity_id = ?1 ORDER BY m.rowid",
      "SELECT 'date ' || coalesce(c.date_from, '?') || CASE WHEN c.date_to"
      " IS NOT c.date_from THEN '..' || c.date_to ELSE '' END ||"
      " coalesce(', round ' || c.round, '') || coalesce(', in ' || c.place,"
      " '') || coalesce(' (' || c.date_text || ')', ''), 'claimed',"
      " d.source FROM event_claims c JOIN documents d ON d.id = c.doc_id"
      " WHERE c.event_id = ?1 ORDER BY d.source, c.start"};
  rc = 0;
  for (int q = 0; q < 4 && rc == 0; q++) {
    if (sqlite3_prepare_v2(st->db, sql[q], -1, &s, NULL) != SQLITE_OK) {
      rc = pl_store__dberr(st, err, "prepare");
      break;
    }
    sqlite3_bind_int64(s, 1, id);
    int r;
    while (rc == 0 && (r = sqlite3_step(s)) == SQLITE_ROW) {
      const char *c0 = (const char *)sqlite3_column_text(s, 0);
      const char *c1 = (const char *)sqlite3_column_text(s, 1);
      const char *c2 = (const char *)sqlite3_column_text(s, 2);
      if (q == 0) {
        n->name = pl_arena_strdup(ar, c0 ? c0 : "?");
        n->type = pl_arena_strdup(ar, c1 ? c1 : "?");
        if (!n->name || !n->type)
          rc = -1;
      } else if (q == 1) {
        if (grow((void **)&n->aliases, &capa, n->naliases,
                 sizeof *n->aliases) < 0 ||
            !(n->aliases[n->naliases++] = pl_arena_strdup(ar, c0)))
          rc = -1;
      } else {
        if (grow((void **)&n->notes, &capn, n->nnotes, sizeof *n->notes) < 0) {
          rc = -1;
          break;
        }
        pl_name_note *t = &n->notes[n->nnotes++];
        t->alias = pl_arena_strdup(ar, c0 ? c0 : "?");
        t->reason = pl_arena_strdup(ar, c1 ? c1 : "?");
        t->source = c2 ? pl_arena_strdup(ar, c2) : NULL;
        if (!t->alias || !t->reason || (c2 && !t->source))
          rc = -1;
      }
    }
    if (rc == -1)
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    else if (rc == 0 && r != SQLITE_DONE)
      rc = pl_store__dberr(st, err, "read");
    sqlite3_finalize(s);
    s = NULL;
  }
  if (rc < 0) {
    pl_entity_names_free(n);
    return rc;
  }
  *out = n;
  return 0;
}
