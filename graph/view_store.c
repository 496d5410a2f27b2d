/* Views backed by the store: SQLite statements stepped lazily, so a view of
 * a million edges holds one row at a time. A filtered view first selects
 * its node ids into a temporary table (ids only); nodes and edges are then
 * read in id order. */
#include "store_int.h"

#include <parley/view.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SHAPE_EVENTS, SHAPE_ACTORS };

typedef struct store_view {
  pl_store *st;            /* the store (borrowed) */
  int shape;               /* SHAPE_* */
  char sel[40];            /* temp table of selected ids, or "" for all */
  sqlite3_stmt *nodes;     /* node rows */
  sqlite3_stmt *edges[3];  /* edge statements, read one after the other */
  int nedges;              /* statements in edges */
  int cur;                 /* the edge statement being read */
  const char *from;        /* date filter, or NULL (bound to statements) */
  const char *to;          /* date filter, or NULL */
  const char *evtype;      /* meeting|proposal filter, or NULL */
  const char *actype;      /* actor type filter, or NULL */
  int lvl;                 /* ego growth: the hop being added, minus one */
  char id[48];             /* current node or edge id */
  char src[24];            /* current edge source id */
  char dst[24];            /* current edge target id */
  char label[64];          /* current edge label */
  sqlite3_stmt *evid;      /* ?1 edge id → its reports (events shape) */
  pl_vevidence *ev;        /* the current edge's reports */
  size_t cap_ev;           /* entries allocated in ev */
  size_t *ev_off;          /* 5 offsets into ev_text per report (SIZE_MAX:
                              NULL), fixed up once every row is read */
  pl_buf ev_text;          /* the reports' strings, NUL-terminated */
} store_view;

static const char *const event_types[] = {"meeting", "proposal"};
static const char *const actor_types[] = {"person", "state", "organization",
                                          "group",  "media", "place"};

/* Binds the named filter parameters a statement uses. */
static void bind_filters(store_view *v, sqlite3_stmt *s) {
  struct {
    const char *name, *value;
  } p[] = {{":from", v->from},
           {":to", v->to},
           {":evtype", v->evtype},
           {":actype", v->actype}};
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
    int k = sqlite3_bind_parameter_index(s, p[i].name);
    if (k && p[i].value)
      sqlite3_bind_text(s, k, p[i].value, -1, SQLITE_STATIC);
  }
  int k = sqlite3_bind_parameter_index(s, ":lvl");
  if (k)
    sqlite3_bind_int(s, k, v->lvl);
}

/* Prepares (formatting the selection table's name in) and binds. */
static int prepare(store_view *v, const char *fmt, sqlite3_stmt **out,
                   pl_error *err) {
  pl_buf sql = {0};
  /* The format takes the selection table's name for every %1$s-like slot:
   * written as @SEL@ and replaced here. */
  const char *p = fmt;
  int fail = 0;
  while (*p && !fail) {
    const char *q = strstr(p, "@SEL@");
    if (!q) {
      fail = pl_buf_puts(&sql, p) < 0;
      break;
    }
    fail = pl_buf_append(&sql, p, (size_t)(q - p)) < 0 ||
           pl_buf_puts(&sql, v->sel) < 0;
    p = q + 5;
  }
  if (fail) {
    pl_buf_free(&sql);
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  int rc = sqlite3_prepare_v2(v->st->db, sql.data, -1, out, NULL);
  pl_buf_free(&sql);
  if (rc != SQLITE_OK)
    return pl_store__dberr(v->st, err, "view");
  bind_filters(v, *out);
  return 0;
}

/* Runs one statement of the selection (no rows). */
static int run(store_view *v, const char *fmt, pl_error *err) {
  sqlite3_stmt *s = NULL;
  int rc = prepare(v, fmt, &s, err);
  if (rc < 0)
    return rc;
  if (sqlite3_step(s) != SQLITE_DONE)
    rc = pl_store__dberr(v->st, err, "view selection");
  sqlite3_finalize(s);
  return rc;
}

/* SQL predicates of the selection. */
#define EVT_OK(x)                                                           \
  "EXISTS(SELECT 1 FROM entities e2 JOIN events v2 ON v2.entity_id = e2.id" \
  " WHERE e2.id = " x " AND (:evtype IS NULL OR e2.type = :evtype)"         \
  " AND (:from IS NULL OR coalesce(v2.date_to, v2.date_from) >= :from)"     \
  " AND (:to IS NULL OR v2.date_from <= :to))"
#define ACT_OK(x)                                                           \
  "EXISTS(SELECT 1 FROM entities e3 WHERE e3.id = " x                       \
  " AND e3.type NOT IN ('meeting', 'proposal')"                             \
  " AND (:actype IS NULL OR e3.type = :actype))"
#define EDGE_OK(g)                                                          \
  "(:from IS NULL OR coalesce(" g ".date_to, " g ".date_from) >= :from)"    \
  " AND (:to IS NULL OR " g ".date_from <= :to)"

/* Ego growth, one hop per round (:lvl is the round, from 0): an actor
 * reached at hop h has lvl h; an event takes the hop of the actor that
 * brought it, and its members the same hop (events are not a hop). */
/* Events adjacent to actors reached before this hop. */
static const char grow_events[] =
    "INSERT OR IGNORE INTO @SEL@(id, lvl)"
    " SELECT g.dst, :lvl + 1 FROM edges g JOIN @SEL@ s ON s.id = g.src"
    "  WHERE s.lvl <= :lvl AND g.type IN ('participates_in', 'proposes')"
    "  AND " EVT_OK("g.dst")
    " UNION SELECT g.src, :lvl + 1 FROM edges g JOIN @SEL@ s ON s.id = g.dst"
    "  WHERE s.lvl <= :lvl AND g.type = 'addressed_to' AND " EVT_OK("g.src");

/* Actors (and places) adjacent to selected events. */
static const char grow_members[] =
    "INSERT OR IGNORE INTO @SEL@(id, lvl)"
    " SELECT g.src, :lvl + 1 FROM edges g JOIN @SEL@ s ON s.id = g.dst"
    "  WHERE s.lvl <= :lvl + 1 AND g.type IN ('participates_in', 'proposes')"
    "  AND " ACT_OK("g.src")
    " UNION SELECT g.dst, :lvl + 1 FROM edges g JOIN @SEL@ s ON s.id = g.src"
    "  WHERE s.lvl <= :lvl + 1 AND g.type IN ('addressed_to', 'held_in')"
    "  AND " ACT_OK("g.dst");

/* Actors linked directly (delegations, roles) to actors reached before. */
static const char grow_links[] =
    "INSERT OR IGNORE INTO @SEL@(id, lvl)"
    " SELECT g.dst, :lvl + 1 FROM edges g JOIN @SEL@ s ON s.id = g.src"
    "  WHERE s.lvl <= :lvl AND g.type IN ('heads', 'holds_role', 'member_of')"
    "  AND g.dst IS NOT NULL AND " EDGE_OK("g") " AND " ACT_OK("g.dst")
    " UNION SELECT g.src, :lvl + 1 FROM edges g JOIN @SEL@ s ON s.id = g.dst"
    "  WHERE s.lvl <= :lvl AND g.type IN ('heads', 'holds_role', 'member_of')"
    "  AND " EDGE_OK("g") " AND " ACT_OK("g.src");

/* The whole graph under filters: passing events, then their actors, then
 * the actor links among passing actors. */
static const char seed_events[] =
    "INSERT OR IGNORE INTO @SEL@(id) SELECT v.entity_id FROM events v"
    " WHERE " EVT_OK("v.entity_id");
static const char seed_links[] =
    "INSERT OR IGNORE INTO @SEL@(id)"
    " SELECT g.src FROM edges g WHERE g.type IN ('heads', 'holds_role',"
    "  'member_of') AND g.dst IS NOT NULL AND " EDGE_OK("g")
    "  AND " ACT_OK("g.src") " AND " ACT_OK("g.dst")
    " UNION SELECT g.dst FROM edges g WHERE g.type IN ('heads', 'holds_role',"
    "  'member_of') AND g.dst IS NOT NULL AND " EDGE_OK("g")
    "  AND " ACT_OK("g.src") " AND " ACT_OK("g.dst");
/* Events left with no selected actor are dropped. */
static const char prune_events[] =
    "DELETE FROM @SEL@ WHERE id IN (SELECT entity_id FROM events) AND NOT"
    " EXISTS(SELECT 1 FROM edges g JOIN @SEL@ s ON s.id = g.src WHERE g.dst"
    " = @SEL@.id AND g.type IN ('participates_in', 'proposes'))"
    " AND NOT EXISTS(SELECT 1 FROM edges g JOIN @SEL@ s ON s.id = g.dst"
    " WHERE g.src = @SEL@.id AND g.type = 'addressed_to')";

/* Nodes: every column the view needs, first/last seen for actors. */
static const char nodes_sql[] =
    "SELECT e.id, e.type, e.name, e.name_ar, e.translit,"
    " CASE WHEN v.entity_id IS NOT NULL THEN v.date_from ELSE"
    "  (SELECT min(x) FROM (SELECT date_from AS x FROM edges WHERE src = e.id"
    "   UNION ALL SELECT date_from FROM edges WHERE dst = e.id"
    "   UNION ALL SELECT m.lo)) END,"
    " CASE WHEN v.entity_id IS NOT NULL THEN v.date_to ELSE"
    "  (SELECT max(x) FROM (SELECT coalesce(date_to, date_from) AS x FROM"
    "   edges WHERE src = e.id UNION ALL SELECT coalesce(date_to, date_from)"
    "   FROM edges WHERE dst = e.id"
    "   UNION ALL SELECT m.hi)) END,"
    " CASE e.type WHEN 'meeting' THEN v.kind ELSE v.status END,"
    " p.name, v.round,"
    " CASE WHEN v.entity_id IS NOT NULL THEN (SELECT count(DISTINCT x.doc_id)"
    "  FROM edges g JOIN evidence x ON x.edge_id = g.id WHERE (g.dst = e.id"
    "  AND g.type IN ('participates_in', 'proposes')) OR (g.src = e.id AND"
    "  g.type IN ('addressed_to', 'held_in')))"
    "  ELSE coalesce(m.n, 0) END,"
    " v.process, coalesce(v.precision, 0), v.status, v.date_text"
    " FROM entities e LEFT JOIN events v ON v.entity_id = e.id"
    " LEFT JOIN entities p ON p.id = v.place_id"
    " LEFT JOIN (" PL_MENTIONS_BY_ENTITY ") m ON m.entity_id = e.id";

#define EDGES_SQL                                                           \
    "SELECT g.id, g.src, g.dst, g.type, json_extract(g.attrs, '$.role'),"        \
    " g.date_from, g.date_to,"                                           \
    " (SELECT count(*) FROM evidence x WHERE x.edge_id = g.id)"             \
    " FROM edges g WHERE g.dst IS NOT NULL"

/* The reports behind one edge, in the order stored; a document repeating
 * the same sentence counts once. */
static const char evid_sql[] =
    "SELECT x.sentence, d.id, d.source, d.title, d.published"
    " FROM evidence x JOIN documents d ON d.id = x.doc_id"
    " WHERE x.edge_id = ?1 GROUP BY x.doc_id, x.sentence"
    " ORDER BY min(x.rowid)";

/* Actor-actor edges of the "actors" shape: a pair per shared event. */
#define PAIRS(type, sel)                                                    \
  "SELECT a.src, b.src, count(DISTINCT a.dst), min(v.date_from),"           \
  " max(coalesce(v.date_to, v.date_from)), '" type "'"                      \
  " FROM edges a JOIN edges b ON b.dst = a.dst AND b.type = a.type"         \
  "  AND b.src > a.src"                                                     \
  " JOIN events v ON v.entity_id = a.dst"                                   \
  " JOIN entities ea ON ea.id = a.src JOIN entities eb ON eb.id = b.src"    \
  " WHERE a.type = '" type "' AND ea.type <> 'place' AND eb.type <> 'place'" \
  sel " GROUP BY a.src, b.src ORDER BY a.src, b.src"
#define PAIRS_SEL                                                           \
  " AND a.dst IN (SELECT id FROM @SEL@) AND a.src IN (SELECT id FROM"       \
  " @SEL@) AND b.src IN (SELECT id FROM @SEL@)"
#define HEADS(sel)                                                          \
  "SELECT g.src, g.dst, sum((SELECT count(*) FROM evidence x WHERE"         \
  " x.edge_id = g.id)), min(g.date_from),"                                  \
  " max(coalesce(g.date_to, g.date_from)), 'heads' FROM edges g"            \
  " WHERE g.type = 'heads'" sel " GROUP BY g.src, g.dst"                    \
  " ORDER BY g.src, g.dst"
#define HEADS_SEL                                                           \
  " AND g.src IN (SELECT id FROM @SEL@) AND g.dst IN (SELECT id FROM"       \
  " @SEL@) AND " EDGE_OK("g")

static int sv_next_node(void *impl, pl_vnode *out, pl_error *err) {
  store_view *v = impl;
  int r = sqlite3_step(v->nodes);
  if (r == SQLITE_DONE)
    return 0;
  if (r != SQLITE_ROW)
    return pl_store__dberr(v->st, err, "view");
  sqlite3_stmt *s = v->nodes;
  memset(out, 0, sizeof *out);
  snprintf(v->id, sizeof v->id, "e%lld", sqlite3_column_int64(s, 0));
  out->id = v->id;
  out->type = (const char *)sqlite3_column_text(s, 1);
  const char *name = (const char *)sqlite3_column_text(s, 2);
  const char *name_ar = (const char *)sqlite3_column_text(s, 3);
  const char *translit = (const char *)sqlite3_column_text(s, 4);
  int arabic = 0;
  for (const unsigned char *p = (const unsigned char *)name; p && *p; p++)
    arabic |= *p >= 0xD8 && *p <= 0xDB;
  out->label = name_ar ? name_ar : name;
  out->label_en = arabic && translit ? translit : name;
  out->date_from = (const char *)sqlite3_column_text(s, 5);
  out->date_to = (const char *)sqlite3_column_text(s, 6);
  out->kind = (const char *)sqlite3_column_text(s, 7);
  out->place = (const char *)sqlite3_column_text(s, 8);
  out->round = (const char *)sqlite3_column_text(s, 9);
  out->count = (long)sqlite3_column_int64(s, 10);
  out->process = (const char *)sqlite3_column_text(s, 11);
  out->precision = sqlite3_column_int(s, 12);
  out->status = (const char *)sqlite3_column_text(s, 13);
  out->date_text = (const char *)sqlite3_column_text(s, 14);
  return 1;
}

/* Reads the reports of edge id into v->ev (valid until the next edge) and
 * points out->evidence_all, evidence and source at them. */
static int read_evidence(store_view *v, long long id, pl_vedge *out,
                         pl_error *err) {
  sqlite3_stmt *s = v->evid;
  size_t n = 0;
  int r;
  v->ev_text.len = 0;
  sqlite3_reset(s);
  sqlite3_bind_int64(s, 1, id);
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    if (n == v->cap_ev) {
      size_t cap = v->cap_ev ? v->cap_ev * 2 : 8;
      pl_vevidence *e = realloc(v->ev, cap * sizeof *e);
      if (!e)
        goto nomem;
      v->ev = e;
      size_t *o = realloc(v->ev_off, cap * 5 * sizeof *o);
      if (!o)
        goto nomem;
      v->ev_off = o;
      v->cap_ev = cap;
    }
    for (int k = 0; k < 5; k++) {
      const char *t = (const char *)sqlite3_column_text(s, k);
      v->ev_off[n * 5 + k] = t ? v->ev_text.len : SIZE_MAX;
      if (t && pl_buf_append(&v->ev_text, t, strlen(t) + 1) < 0)
        goto nomem;
    }
    n++;
  }
  sqlite3_reset(s);
  if (r != SQLITE_DONE)
    return pl_store__dberr(v->st, err, "view");
  for (size_t i = 0; i < n; i++) {
    const char *f[5];
    for (int k = 0; k < 5; k++) {
      size_t o = v->ev_off[i * 5 + k];
      f[k] = o == SIZE_MAX ? NULL : v->ev_text.data + o;
    }
    v->ev[i] = (pl_vevidence){.sentence = f[0],
                              .doc = f[1],
                              .source = f[2],
                              .title = f[3],
                              .published = f[4]};
  }
  out->evidence_all = n ? v->ev : NULL;
  out->nevidence = n;
  out->evidence = n ? v->ev[0].sentence : NULL;
  out->source = n ? v->ev[0].source : NULL;
  return 0;
nomem:
  sqlite3_reset(s);
  return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
}

static int sv_next_edge(void *impl, pl_vedge *out, pl_error *err) {
  store_view *v = impl;
  while (v->cur < v->nedges) {
    sqlite3_stmt *s = v->edges[v->cur];
    int r = sqlite3_step(s);
    if (r == SQLITE_DONE) {
      v->cur++;
      continue;
    }
    if (r != SQLITE_ROW)
      return pl_store__dberr(v->st, err, "view");
    memset(out, 0, sizeof *out);
    long long a, b;
    if (v->shape == SHAPE_EVENTS) {
      a = sqlite3_column_int64(s, 1);
      b = sqlite3_column_int64(s, 2);
      snprintf(v->id, sizeof v->id, "g%lld", sqlite3_column_int64(s, 0));
      out->type = (const char *)sqlite3_column_text(s, 3);
      const char *role = (const char *)sqlite3_column_text(s, 4);
      if (role)
        snprintf(v->label, sizeof v->label, "%s", role);
      else if (!strcmp(out->type, "heads"))
        snprintf(v->label, sizeof v->label, "heads delegation");
      else if (!strcmp(out->type, "member_of"))
        snprintf(v->label, sizeof v->label, "delegation member");
      else
        v->label[0] = '\0';
      out->label = v->label[0] ? v->label : NULL;
      out->date_from = (const char *)sqlite3_column_text(s, 5);
      out->date_to = (const char *)sqlite3_column_text(s, 6);
      out->weight = (long)sqlite3_column_int64(s, 7);
      int rc = read_evidence(v, sqlite3_column_int64(s, 0), out, err);
      if (rc < 0)
        return rc;
    } else {
      a = sqlite3_column_int64(s, 0);
      b = sqlite3_column_int64(s, 1);
      const char *t = (const char *)sqlite3_column_text(s, 5);
      long n = (long)sqlite3_column_int64(s, 2);
      const char *type = !strcmp(t, "participates_in") ? "met"
                         : !strcmp(t, "proposes")      ? "proposed_jointly"
                                                       : "heads";
      out->type = type;
      snprintf(v->id, sizeof v->id, "%s-e%lld-e%lld", type, a, b);
      if (type[0] == 'm')
        snprintf(v->label, sizeof v->label, "met %ldx", n);
      else if (type[0] == 'p')
        snprintf(v->label, sizeof v->label, "proposed jointly %ldx", n);
      else
        snprintf(v->label, sizeof v->label, "heads delegation");
      out->label = v->label;
      out->date_from = (const char *)sqlite3_column_text(s, 3);
      out->date_to = (const char *)sqlite3_column_text(s, 4);
      out->weight = n;
    }
    if (out->weight < 1)
      out->weight = 1;
    snprintf(v->src, sizeof v->src, "e%lld", a);
    snprintf(v->dst, sizeof v->dst, "e%lld", b);
    out->id = v->id;
    out->src = v->src;
    out->dst = v->dst;
    return 1;
  }
  return 0;
}

static int sv_rewind(void *impl, pl_error *err) {
  (void)err;
  store_view *v = impl;
  sqlite3_reset(v->nodes);
  for (int i = 0; i < v->nedges; i++)
    sqlite3_reset(v->edges[i]);
  v->cur = 0;
  return 0;
}

static void sv_free(void *impl) {
  store_view *v = impl;
  if (!v)
    return;
  sqlite3_finalize(v->nodes);
  for (int i = 0; i < v->nedges; i++)
    sqlite3_finalize(v->edges[i]);
  sqlite3_finalize(v->evid);
  free(v->ev);
  free(v->ev_off);
  pl_buf_free(&v->ev_text);
  if (v->sel[0]) {
    char sql[80];
    snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s", v->sel);
    sqlite3_exec(v->st->db, sql, NULL, NULL, NULL);
  }
  free(v);
}

static const pl_view_ops store_view_ops = {sv_next_node, sv_next_edge,
                                           sv_rewind, sv_free};

static int one_of(const char *s, const char *const *set, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(s, set[i]))
      return 1;
  return 0;
}

/* Fills the selection table. */
static int select_ids(store_view *v, const pl_view_query *q, pl_error *err) {
  char sql[160];
  int rc;
  snprintf(v->sel, sizeof v->sel, "temp.pl_view_sel_%u", v->st->views++);
  snprintf(sql, sizeof sql,
           "CREATE TEMP TABLE %s(id INTEGER PRIMARY KEY, lvl INTEGER NOT NULL"
           " DEFAULT 0)",
           v->sel + 5);
  if ((rc = pl_store__exec(v->st, sql, err)) < 0) {
    v->sel[0] = '\0';
    return rc;
  }
  if (q->nactors) {
    sqlite3_stmt *ins = NULL;
    if ((rc = prepare(v, "INSERT OR IGNORE INTO @SEL@(id) VALUES(?1)", &ins,
                      err)) < 0)
      return rc;
    for (size_t i = 0; i < q->nactors && rc == 0; i++) {
      long long *ids = NULL;
      size_t n = 0;
      if ((rc = pl_store__find_actor(v->st, q->actors[i], &ids, &n, err)) < 0)
        break;
      if (!n)
        rc = pl_error_set(err, PL_ENOTFOUND, NULL,
                          "no actor in the store matches '%s'", q->actors[i]);
      for (size_t k = 0; k < n && rc == 0; k++) {
        sqlite3_reset(ins);
        sqlite3_bind_int64(ins, 1, ids[k]);
        if (sqlite3_step(ins) != SQLITE_DONE)
          rc = pl_store__dberr(v->st, err, "view selection");
      }
      free(ids);
    }
    sqlite3_finalize(ins);
    if (rc < 0)
      return rc;
    int depth = q->depth > 0 ? q->depth : 1;
    for (v->lvl = 0; v->lvl < depth; v->lvl++)
      if ((rc = run(v, grow_links, err)) < 0 ||
          (rc = run(v, grow_events, err)) < 0 ||
          (rc = run(v, grow_members, err)) < 0)
        return rc;
    return 0;
  }
  /* No ego: :lvl 0 lets members come from every selected event. */
  v->lvl = 0;
  if ((rc = run(v, seed_events, err)) < 0 ||
      (rc = run(v, grow_members, err)) < 0 ||
      (rc = run(v, seed_links, err)) < 0 ||
      (rc = run(v, prune_events, err)) < 0)
    return rc;
  return 0;
}

int pl_store_view(pl_store *st, const pl_view_query *q, struct pl_view **out,
                  pl_error *err) {
  static const pl_view_query all = {0};
  int rc;
  *out = NULL;
  if (!q)
    q = &all;
  store_view *v = calloc(1, sizeof *v);
  if (!v)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  v->st = st;
  if (!q->shape || !strcmp(q->shape, "events"))
    v->shape = SHAPE_EVENTS;
  else if (!strcmp(q->shape, "actors"))
    v->shape = SHAPE_ACTORS;
  else {
    rc = pl_error_set(err, PL_EUSAGE, NULL,
                      "unknown view shape '%s' (events or actors)", q->shape);
    goto fail;
  }
  if ((rc = pl_store__check_date(q->from, "from", err)) < 0 ||
      (rc = pl_store__check_date(q->to, "to", err)) < 0)
    goto fail;
  v->from = q->from;
  v->to = q->to;
  if (q->type) {
    if (one_of(q->type, event_types, 2))
      v->evtype = q->type;
    else if (one_of(q->type, actor_types, 6))
      v->actype = q->type;
    else {
      rc = pl_error_set(err, PL_EUSAGE, NULL,
                        "unknown type '%s' (meeting, proposal, person, "
                        "state, organization, group, media or place)",
                        q->type);
      goto fail;
    }
  }
  int filtered = q->nactors || q->from || q->to || q->type;
  if (filtered && (rc = select_ids(v, q, err)) < 0)
    goto fail;

  pl_buf sql = {0};
  int fail = pl_buf_puts(&sql, nodes_sql) < 0;
  const char *glue = " WHERE";
  if (filtered) {
    fail |= pl_buf_puts(&sql, " WHERE e.id IN (SELECT id FROM @SEL@)") < 0;
    glue = " AND";
  }
  if (v->shape == SHAPE_ACTORS)
    fail |= pl_buf_printf(&sql,
                          "%s e.type NOT IN ('meeting', 'proposal', 'place')",
                          glue) < 0;
  fail |= pl_buf_puts(&sql, " ORDER BY e.id") < 0;
  if (fail) {
    pl_buf_free(&sql);
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    goto fail;
  }
  rc = prepare(v, sql.data, &v->nodes, err);
  pl_buf_free(&sql);
  if (rc < 0)
    goto fail;
  if (v->shape == SHAPE_EVENTS) {
    rc = prepare(v,
                 filtered ? EDGES_SQL " AND g.src IN (SELECT id FROM @SEL@)"
                                      " AND g.dst IN (SELECT id FROM @SEL@)"
                                      " AND " EDGE_OK("g") " ORDER BY g.id"
                          : EDGES_SQL " ORDER BY g.id",
                 &v->edges[0], err);
    v->nedges = rc < 0 ? 0 : 1;
    if (rc >= 0 && sqlite3_prepare_v2(st->db, evid_sql, -1, &v->evid,
                                      NULL) != SQLITE_OK)
      rc = pl_store__dberr(st, err, "view");
  } else {
    const char *sqls[3] = {
        filtered ? PAIRS("participates_in", PAIRS_SEL)
                 : PAIRS("participates_in", ""),
        filtered ? PAIRS("proposes", PAIRS_SEL) : PAIRS("proposes", ""),
        filtered ? HEADS(HEADS_SEL) : HEADS("")};
    for (int i = 0; i < 3 && rc >= 0; i++)
      if ((rc = prepare(v, sqls[i], &v->edges[i], err)) >= 0)
        v->nedges = i + 1;
  }
  if (rc < 0)
    goto fail;
  *out = pl_view_wrap(&store_view_ops, v);
  if (!*out)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  return 0;
fail:
  sv_free(v);
  return rc;
}
