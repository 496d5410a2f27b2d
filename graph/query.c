/* Queries: actors named by users, the timeline of events, the actor list,
 * and the small formatting helpers their printers share. */
#include <parley/query.h>

#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- naming actors ------------------------------------------------------ */

static int cmp_ll(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
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

/* Appends the ids s yields (column 0) to *v; s is reset after. */
static int collect_ids(pl_store *st, sqlite3_stmt *s, long long **v,
                       size_t *nv, size_t *cap, pl_error *err) {
  int r, rc = 0;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    if (*nv == *cap) {
      size_t nc = *cap ? *cap * 2 : 8;
      long long *p = realloc(*v, nc * sizeof *p);
      if (!p) {
        rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
        break;
      }
      *v = p;
      *cap = nc;
    }
    (*v)[(*nv)++] = sqlite3_column_int64(s, 0);
  }
  if (rc >= 0 && r != SQLITE_DONE)
    rc = pl_store__dberr(st, err, "read");
  sqlite3_reset(s);
  return rc;
}

/* Sorts v and drops repeats. */
static void uniq(long long *v, size_t *nv) {
  if (*nv < 2)
    return;
  qsort(v, *nv, sizeof *v, cmp_ll);
  size_t w = 1;
  for (size_t i = 1; i < *nv; i++)
    if (v[i] != v[w - 1])
      v[w++] = v[i];
  *nv = w;
}

/* Adds the actors whose alias is exactly key (n bytes) to *v. */
static int by_alias(pl_store *st, const char *key, size_t n, long long **v,
                    size_t *nv, size_t *cap, pl_error *err) {
  sqlite3_stmt *s = pl_store__stmt(st, S_Q_ALIAS_ANY, err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_text(s, 1, key, (int)n, SQLITE_TRANSIENT);
  return collect_ids(st, s, v, nv, cap, err);
}

/* Letters of a skeleton key (spaces and the prefix not counted). */
static size_t letters(const char *k, size_t from) {
  size_t n = 0;
  for (const char *p = k + from; *p; p++)
    n += *p != ' ';
  return n;
}

/* The fuzzy tiers of a name's look-up, tried in order when no alias or key
 * matches exactly: tier 0, the Latin and Arabic consonant skeletons of the
 * whole name ("de Mistura" → lat:d mstr, "Lavrov" → lat:lfrf); tier 1,
 * its Latin skeleton as a surname key (sur:), the name as whole words of
 * a plain alias ("Staffan" in "staffan de mistura") or its skeleton as
 * whole words of a Latin one ("Staffan" → stfn in lat:stfn d mstr). */
static int fuzzy_tier(pl_store *st, int tier, const pl_buf *key,
                      long long **v, size_t *nv, size_t *cap,
                      pl_error *err) {
  pl_buf lat = {0}, ar = {0}, k = {0};
  int rc;
  /* The skeletons are made apart: their first word would follow a space
   * after a prefix already in the buffer. */
  if ((rc = pl_store__latin_key(st, key->data, key->len, &lat, err)) < 0 ||
      (rc = pl_store__arabic_key(key->data, key->len, &ar, err)) < 0)
    goto done;
  if (tier == 0) {
    /* A skeleton of one or two letters ("Gao" → j) says too little. */
    if (lat.len && letters(lat.data, 0) >= 3) {
      if (pl_buf_puts(&k, "lat:") < 0 || pl_buf_puts(&k, lat.data) < 0)
        goto oom;
      if ((rc = by_alias(st, k.data, k.len, v, nv, cap, err)) < 0)
        goto done;
    }
    if (ar.len && letters(ar.data, 0) >= 2) {
      k.len = 0;
      if (pl_buf_puts(&k, "ar:") < 0 || pl_buf_puts(&k, ar.data) < 0)
        goto oom;
      if ((rc = by_alias(st, k.data, k.len, v, nv, cap, err)) < 0)
        goto done;
    }
  } else {
    if (lat.len && letters(lat.data, 0) >= 3) {
      if (pl_buf_puts(&k, "sur:") < 0 || pl_buf_puts(&k, lat.data) < 0)
        goto oom;
      if ((rc = by_alias(st, k.data, k.len, v, nv, cap, err)) < 0)
        goto done;
    }
    /* The words of a plain alias, or of a Latin skeleton (?2). */
    static const char words_sql[] =
        "SELECT DISTINCT a.entity_id FROM aliases a JOIN entities e ON e.id ="
        " a.entity_id WHERE e.type NOT IN ('meeting', 'proposal') AND"
        " ((instr(a.norm_key, ':') = 0 AND instr(' ' || a.norm_key || ' ',"
        " ' ' || ?1 || ' ') > 0) OR (?2 IS NOT NULL AND a.norm_key LIKE"
        " 'lat:%' AND instr(' ' || substr(a.norm_key, 5) || ' ',"
        " ' ' || ?2 || ' ') > 0))";
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, words_sql, -1, &s, NULL) != SQLITE_OK) {
      rc = pl_store__dberr(st, err, "read");
      goto done;
    }
    sqlite3_bind_text(s, 1, key->data, (int)key->len, SQLITE_TRANSIENT);
    if (lat.len && letters(lat.data, 0) >= 3)
      sqlite3_bind_text(s, 2, lat.data, (int)lat.len, SQLITE_TRANSIENT);
    rc = collect_ids(st, s, v, nv, cap, err);
    sqlite3_finalize(s);
  }
done:
  pl_buf_free(&lat);
  pl_buf_free(&ar);
  pl_buf_free(&k);
  return rc;
oom:
  rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  goto done;
}

/* PL_EUSAGE: "'X' matches 2 actors: e3 NAME, e9 NAME; use an id". */
static int ambiguous(pl_store *st, const char *name, const long long *v,
                     size_t nv, pl_error *err) {
  pl_buf b = {0};
  sqlite3_stmt *s = NULL;
  int fail = sqlite3_prepare_v2(st->db,
                                "SELECT name FROM entities WHERE id = ?1", -1,
                                &s, NULL) != SQLITE_OK;
  for (size_t i = 0; i < nv && i < 5 && !fail; i++) {
    const char *nm = NULL;
    if (s) {
      sqlite3_bind_int64(s, 1, v[i]);
      if (sqlite3_step(s) == SQLITE_ROW)
        nm = (const char *)sqlite3_column_text(s, 0);
    }
    fail = pl_buf_printf(&b, "%se%lld%s%s", i ? ", " : "", v[i],
                         nm ? " " : "", nm ? nm : "") < 0;
    if (s)
      sqlite3_reset(s);
  }
  if (!fail && nv > 5)
    fail = pl_buf_puts(&b, ", ...") < 0;
  sqlite3_finalize(s);
  int rc = pl_error_set(err, PL_EUSAGE, NULL,
                        "'%s' matches %zu actors: %s; use an id", name, nv,
                        b.data && !fail ? b.data : "");
  pl_buf_free(&b);
  return rc;
}

int pl_store__find_actor(pl_store *st, const char *name, long long **ids,
                         size_t *n, pl_error *err) {
  long long *v = NULL;
  size_t nv = 0, cap = 0;
  pl_buf key = {0};
  int rc = 0;
  *ids = NULL;
  *n = 0;
  /* Exactly: a lexicon key, a node id, or a normalised alias (namesakes
   * that share one are all kept). */
  sqlite3_stmt *s = pl_store__stmt(st, S_Q_KEY, err);
  if (!s) {
    rc = PL_EDB;
    goto done;
  }
  sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
  long long id = node_id(name);
  if (id)
    sqlite3_bind_int64(s, 2, id);
  if ((rc = collect_ids(st, s, &v, &nv, &cap, err)) < 0 ||
      (rc = pl_store__norm_key(name, (size_t)-1, &key, err)) < 0)
    goto done;
  if (key.len && (rc = by_alias(st, key.data, key.len, &v, &nv, &cap,
                                err)) < 0)
    goto done;
  /* Else by spelling: one entity, or an error naming the several. */
  for (int tier = 0; tier < 2 && !nv && key.len; tier++) {
    if ((rc = fuzzy_tier(st, tier, &key, &v, &nv, &cap, err)) < 0)
      goto done;
    uniq(v, &nv);
    if (nv > 1) {
      rc = ambiguous(st, name, v, nv, err);
      goto done;
    }
  }
  uniq(v, &nv);
done:
  pl_buf_free(&key);
  if (rc < 0 || !nv) {
    free(v);
    return rc < 0 ? rc : 0;
  }
  *ids = v;
  *n = nv;
  return 0;
}

/* Resolves every name; PL_ENOTFOUND for one that matches nothing. */
typedef struct actor_sets {
  long long **ids; /* per name: sorted entity ids */
  size_t *n;       /* per name: entries */
  size_t count;    /* names */
} actor_sets;

static void sets_free(actor_sets *a) {
  for (size_t i = 0; i < a->count; i++)
    free(a->ids ? a->ids[i] : NULL);
  free(a->ids);
  free(a->n);
  memset(a, 0, sizeof *a);
}

static int sets_resolve(pl_store *st, const char *const *names, size_t count,
                        actor_sets *a, pl_error *err) {
  memset(a, 0, sizeof *a);
  if (!count)
    return 0;
  a->ids = calloc(count, sizeof *a->ids);
  a->n = calloc(count, sizeof *a->n);
  if (!a->ids || !a->n) {
    sets_free(a);
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  a->count = count;
  for (size_t i = 0; i < count; i++) {
    int rc = pl_store__find_actor(st, names[i], &a->ids[i], &a->n[i], err);
    if (rc == 0 && a->n[i] == 0)
      rc = pl_error_set(err, PL_ENOTFOUND, NULL,
                        "no actor in the store matches '%s'", names[i]);
    if (rc < 0) {
      sets_free(a);
      return rc;
    }
  }
  return 0;
}

static int contains(const long long *v, size_t n, long long x) {
  return bsearch(&x, v, n, sizeof *v, cmp_ll) != NULL;
}

/* ---- timeline ----------------------------------------------------------- */

/* The timeline's outer select and filters: ?1 type, ?2 from, ?3 to. */
#define TL_HEAD                                                             \
  "SELECT t, id, df, dt, pr, kind, status, place, round, summary,"          \
  " process FROM ("
#define TL_TAIL                                                             \
  ") WHERE (?1 IS NULL OR t = ?1)"                                          \
  " AND (?2 IS NULL OR coalesce(dt, df) >= ?2)"                             \
  " AND (?3 IS NULL OR df <= ?3)"                                           \
  " ORDER BY df IS NULL, df, dt, t, id"

/* Every event: meetings and proposals (entities with an events row), and
 * delegations and roles (heads / holds_role edges). */
static const char timeline_sql[] =
    TL_HEAD
    " SELECT 'meeting' AS t, e.id AS id, v.date_from AS df, v.date_to AS dt,"
    "  v.precision AS pr, v.kind AS kind, v.status AS status,"
    "  p.name AS place, v.round AS round, e.name AS summary,"
    "  v.process AS process"
    "  FROM entities e JOIN events v ON v.entity_id = e.id"
    "  LEFT JOIN entities p ON p.id = v.place_id WHERE e.type = 'meeting'"
    " UNION ALL"
    " SELECT 'proposal', e.id, v.date_from, v.date_to, v.precision, NULL,"
    "  v.status, NULL, NULL, coalesce(v.content, e.name), NULL"
    "  FROM entities e JOIN events v ON v.entity_id = e.id"
    "  WHERE e.type = 'proposal'"
    " UNION ALL"
    " SELECT 'delegation', g.id, g.date_from, g.date_to, g.precision,"
    "  'delegation', NULL, NULL, NULL, NULL, NULL FROM edges g WHERE g.type ="
    "  'heads'"
    " UNION ALL"
    " SELECT 'role', g.id, g.date_from, g.date_to, g.precision,"
    "  json_extract(g.attrs, '$.role'), NULL, NULL, NULL, NULL, NULL"
    "  FROM edges g WHERE g.type = 'holds_role'"
    TL_TAIL;

/* The same rows, but only the events one actor takes part in (?4: a JSON
 * array of the entity ids its name resolves to), found from the actor's
 * edges through edges_src / edges_dst instead of reading every event: the
 * meetings and proposals it participates in or proposes (or that are
 * addressed to it), and the heads / holds_role edges it is an end of —
 * exactly the members S_Q_MEMBERS lists. CROSS JOIN keeps SQLite from
 * scanning events and probing the candidates. The other actors of the
 * query are still checked against each row's members. */
static const char timeline_actor_sql[] =
    "WITH a(id) AS (SELECT value FROM json_each(?4)),"
    " ev(id) AS ("
    "  SELECT g.dst FROM edges g WHERE g.src IN (SELECT id FROM a)"
    "   AND g.type IN ('participates_in', 'proposes')"
    "  UNION SELECT g.src FROM edges g WHERE g.dst IN (SELECT id FROM a)"
    "   AND g.type = 'addressed_to'),"
    " rel(id) AS ("
    "  SELECT g.id FROM edges g WHERE g.src IN (SELECT id FROM a)"
    "   AND g.type IN ('heads', 'holds_role')"
    "  UNION SELECT g.id FROM edges g WHERE g.dst IN (SELECT id FROM a)"
    "   AND g.type IN ('heads', 'holds_role')) "
    TL_HEAD
    " SELECT 'meeting' AS t, e.id AS id, v.date_from AS df, v.date_to AS dt,"
    "  v.precision AS pr, v.kind AS kind, v.status AS status,"
    "  p.name AS place, v.round AS round, e.name AS summary,"
    "  v.process AS process"
    "  FROM ev CROSS JOIN entities e ON e.id = ev.id"
    "  CROSS JOIN events v ON v.entity_id = e.id"
    "  LEFT JOIN entities p ON p.id = v.place_id WHERE e.type = 'meeting'"
    " UNION ALL"
    " SELECT 'proposal', e.id, v.date_from, v.date_to, v.precision, NULL,"
    "  v.status, NULL, NULL, coalesce(v.content, e.name), NULL"
    "  FROM ev CROSS JOIN entities e ON e.id = ev.id"
    "  CROSS JOIN events v ON v.entity_id = e.id"
    "  WHERE e.type = 'proposal'"
    " UNION ALL"
    " SELECT 'delegation', g.id, g.date_from, g.date_to, g.precision,"
    "  'delegation', NULL, NULL, NULL, NULL, NULL"
    "  FROM rel CROSS JOIN edges g ON g.id = rel.id WHERE g.type = 'heads'"
    " UNION ALL"
    " SELECT 'role', g.id, g.date_from, g.date_to, g.precision,"
    "  json_extract(g.attrs, '$.role'), NULL, NULL, NULL, NULL, NULL"
    "  FROM rel CROSS JOIN edges g ON g.id = rel.id"
    "  WHERE g.type = 'holds_role'"
    TL_TAIL;

int pl_query_timeline(pl_store *st, const pl_timeline_query *q,
                      pl_timeline_fn fn, void *ctx, pl_error *err) {
  static const pl_timeline_query all = {0};
  static const char *const types[] = {"meeting", "proposal", "delegation",
                                      "role"};
  if (!q)
    q = &all;
  int rc;
  if ((rc = pl_store__check_date(q->from, "--from", err)) < 0 ||
      (rc = pl_store__check_date(q->to, "--to", err)) < 0)
    return rc;
  if (q->type) {
    size_t i = 0;
    while (i < 4 && strcmp(types[i], q->type) != 0)
      i++;
    if (i == 4)
      return pl_error_set(err, PL_EUSAGE, NULL,
                          "unknown event type '%s' (meeting, proposal, "
                          "delegation or role)",
                          q->type);
  }
  actor_sets want;
  if ((rc = sets_resolve(st, q->actors, q->nactors, &want, err)) < 0)
    return rc;
  sqlite3_stmt *s = NULL;
  pl_qlist who = {0}, src = {0};
  pl_buf summary = {0};
  if (sqlite3_prepare_v2(st->db, want.count ? timeline_actor_sql
                                             : timeline_sql,
                         -1, &s, NULL) != SQLITE_OK) {
    rc = pl_store__dberr(st, err, "timeline");
    goto done;
  }
  if (want.count) {
    /* The first actor's ids, as the JSON array the query starts from. */
    pl_buf ids = {0};
    int fail = pl_buf_puts(&ids, "[");
    for (size_t i = 0; i < want.n[0] && !fail; i++)
      fail = pl_buf_printf(&ids, "%s%lld", i ? "," : "", want.ids[0][i]);
    if (!fail)
      fail = pl_buf_puts(&ids, "]");
    if (fail) {
      pl_buf_free(&ids);
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      goto done;
    }
    sqlite3_bind_text(s, 4, ids.data, (int)ids.len, SQLITE_TRANSIENT);
    pl_buf_free(&ids);
  }
  if (q->type)
    sqlite3_bind_text(s, 1, q->type, -1, SQLITE_STATIC);
  if (q->from)
    sqlite3_bind_text(s, 2, q->from, -1, SQLITE_STATIC);
  if (q->to)
    sqlite3_bind_text(s, 3, q->to, -1, SQLITE_STATIC);
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    const char *t = pl_query__col(s, 0);
    long long id = sqlite3_column_int64(s, 1);
    int edge = t[0] == 'd' || t[0] == 'r';
    if ((rc = pl_query__members(st, edge, id, &who, err)) < 0)
      break;
    int keep = 1;
    for (size_t i = 0; i < want.count && keep; i++) {
      int hit = 0;
      for (size_t k = 0; k < who.n && !hit; k++)
        hit = contains(want.ids[i], want.n[i], who.id[k]);
      keep = hit;
    }
    if (!keep)
      continue;
    if ((rc = pl_query__sources(st, edge, id, 0, NULL, &src, err)) < 0)
      break;

    pl_timeline_row row;
    memset(&row, 0, sizeof row);
    char idbuf[32];
    snprintf(idbuf, sizeof idbuf, "%c%lld", edge ? 'r' : 'e', id);
    row.id = idbuf;
    row.type = t;
    row.date_from = pl_query__col(s, 2);
    row.date_to = pl_query__col(s, 3);
    row.precision = sqlite3_column_int(s, 4);
    row.kind = pl_query__col(s, 5);
    row.status = pl_query__col(s, 6);
    row.place = pl_query__col(s, 7);
    row.round = pl_query__col(s, 8);
    row.process = pl_query__col(s, 10);
    row.participants = (const char *const *)who.v;
    row.nparticipants = who.n;
    for (size_t k = 0; k < who.n; k++)
      row.nby += who.side[k] == 0;
    row.sources = (const char *const *)src.v;
    row.nsources = src.n;
    summary.len = 0;
    int fail = 0;
    const char *a = who.n > 0 && who.side[0] == 0 ? who.v[0] : "?";
    const char *b = who.n > 1 && who.side[who.n - 1] == 1 ? who.v[who.n - 1]
                                                          : NULL;
    if (t[0] == 'd') {
      fail = b ? pl_buf_printf(&summary, "%s heads the delegation of %s", a,
                               b)
               : pl_buf_printf(&summary, "%s heads a delegation", a);
    } else if (t[0] == 'r') {
      const char *role = row.kind && *row.kind ? row.kind : "role";
      fail = b ? pl_buf_printf(&summary, "%s: %s of %s", a, role, b)
               : pl_buf_printf(&summary, "%s: %s", a, role);
    } else {
      const char *text = pl_query__col(s, 9);
      fail = pl_buf_puts(&summary, text ? text : "");
    }
    if (fail) {
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      break;
    }
    row.summary = summary.data;
    if ((rc = fn(ctx, &row, err)) < 0)
      break;
  }
  if (rc >= 0 && r != SQLITE_DONE)
    rc = pl_store__dberr(st, err, "timeline");
done:
  sqlite3_finalize(s);
  pl_qlist__free(&who);
  pl_qlist__free(&src);
  pl_buf_free(&summary);
  sets_free(&want);
  return rc < 0 ? rc : 0;
}

/* ---- actors ------------------------------------------------------------- */

/* First and last seen: the dates of an actor's edges and of the documents
 * mentioning it, those read in one pass over the mentions (m.lo, m.hi). */
static const char actors_sql[] =
    "SELECT e.id, e.type, e.name, e.name_ar, e.key,"
    " coalesce(m.n, 0), coalesce(m.d, 0),"
    " (SELECT min(x) FROM (SELECT date_from AS x FROM edges WHERE src = e.id"
    "  UNION ALL SELECT date_from FROM edges WHERE dst = e.id"
    "  UNION ALL SELECT m.lo)),"
    " (SELECT max(x) FROM (SELECT coalesce(date_to, date_from) AS x FROM"
    "  edges WHERE src = e.id"
    "  UNION ALL SELECT coalesce(date_to, date_from) FROM edges WHERE dst ="
    "  e.id"
    "  UNION ALL SELECT m.hi))"
    " FROM entities e LEFT JOIN (" PL_MENTIONS_BY_ENTITY ") m"
    " ON m.entity_id = e.id"
    " WHERE e.type NOT IN ('meeting', 'proposal')"
    " AND (?1 = e.type OR (?1 IS NULL AND e.type <> 'place'))"
    " ORDER BY 7 DESC, 6 DESC, e.id";

int pl_query_actors(pl_store *st, const char *type, pl_actor_fn fn,
                    void *ctx, pl_error *err) {
  static const char *const types[] = {"person", "state", "organization",
                                      "group",  "media", "place"};
  if (type) {
    size_t i = 0;
    while (i < 6 && strcmp(types[i], type) != 0)
      i++;
    if (i == 6)
      return pl_error_set(err, PL_EUSAGE, NULL,
                          "unknown actor type '%s' (person, state, "
                          "organization, group, media or place)",
                          type);
  }
  sqlite3_stmt *s = NULL;
  int rc = 0, r;
  if (sqlite3_prepare_v2(st->db, actors_sql, -1, &s, NULL) != SQLITE_OK)
    return pl_store__dberr(st, err, "actors");
  if (type)
    sqlite3_bind_text(s, 1, type, -1, SQLITE_STATIC);
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    pl_actor_row row;
    char idbuf[32];
    snprintf(idbuf, sizeof idbuf, "e%lld", sqlite3_column_int64(s, 0));
    row.id = idbuf;
    row.type = pl_query__col(s, 1);
    row.name = pl_query__col(s, 2);
    row.name_ar = pl_query__col(s, 3);
    row.key = pl_query__col(s, 4);
    row.mentions = (long)sqlite3_column_int64(s, 5);
    row.documents = (long)sqlite3_column_int64(s, 6);
    row.first = pl_query__col(s, 7);
    row.last = pl_query__col(s, 8);
    if ((rc = fn(ctx, &row, err)) < 0)
      break;
  }
  if (rc >= 0 && r != SQLITE_DONE)
    rc = pl_store__dberr(st, err, "actors");
  sqlite3_finalize(s);
  return rc < 0 ? rc : 0;
}

/* ---- formatting --------------------------------------------------------- */

size_t pl_query_format_names(char *out, size_t cap, const char *const *names,
                             size_t n, const char *sep) {
  size_t len = 0;
  if (!sep)
    sep = ", ";
  if (cap)
    out[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    const char *parts[2] = {i ? sep : "", names[i] ? names[i] : ""};
    for (int k = 0; k < 2; k++) {
      size_t pn = strlen(parts[k]);
      if (cap && len < cap - 1) {
        size_t room = cap - 1 - len, take = pn < room ? pn : room;
        /* Never cut inside a character. */
        if (take < pn)
          while (take > 0 && ((unsigned char)parts[k][take] & 0xC0) == 0x80)
            take--;
        memcpy(out + len, parts[k], take);
        out[len + take] = '\0';
        if (take < pn) {
          /* Full: count the rest without writing. */
          cap = len + take + 1;
        }
      }
      len += pn;
    }
  }
  return len;
}

size_t pl_query_width(const char *str) {
  const unsigned char *s = (const unsigned char *)str;
  size_t w = 0;
  if (!s)
    return 0;
  while (*s) {
    unsigned c = *s, cp;
    int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    cp = len == 1 ? c : c & (0x7F >> len);
    int k = 1;
    for (; k < len && (s[k] & 0xC0) == 0x80; k++)
      cp = (cp << 6) | (s[k] & 0x3F);
    s += k;
    if (k < len) {
      w++; /* a broken sequence shows as one replacement character */
      continue;
    }
    int zero = (cp >= 0x0300 && cp <= 0x036F) ||  /* combining marks */
               (cp >= 0x064B && cp <= 0x065F) ||  /* Arabic harakat */
               cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED) ||
               (cp >= 0x200B && cp <= 0x200F) ||  /* zero width, marks */
               (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
               cp == 0xFEFF;
    w += !zero;
  }
  return w;
}
