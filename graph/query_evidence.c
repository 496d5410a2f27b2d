/* The evidence behind an edge ("r34") or a node ("e12"): the documents and
 * the exact sentences the relations were read from. */
#include <parley/query.h>

#include "store_int.h"

#include <stdio.h>
#include <string.h>

/* "r34" / "e12" → 'r' / 'e' and 34 / 12; 0 when malformed. */
static int parse_id(const char *s, long long *id) {
  if (!s || (s[0] != 'r' && s[0] != 'e') || !s[1])
    return 0;
  long long v = 0;
  for (const char *p = s + 1; *p; p++) {
    if (*p < '0' || *p > '9' || v > 100000000000LL)
      return 0;
    v = v * 10 + (*p - '0');
  }
  *id = v;
  return v > 0 ? s[0] : 0;
}

/* ?1 edge id (kind 'r') or ?2 node id (kind 'e'): every edge of the node,
 * through both edge indexes. */
static const char evidence_sql[] =
    "SELECT g.id, g.type, g.src, a.name, g.dst, b.name, d.id, d.source,"
    " d.url, d.title, d.published, d.lang, x.start, x.end, x.sentence,"
    " x.rule"
    " FROM edges g JOIN evidence x ON x.edge_id = g.id"
    " JOIN documents d ON d.id = x.doc_id"
    " JOIN entities a ON a.id = g.src LEFT JOIN entities b ON b.id = g.dst"
    " WHERE g.id IN (SELECT ?1 UNION SELECT id FROM edges WHERE src = ?2"
    " UNION SELECT id FROM edges WHERE dst = ?2)"
    " ORDER BY g.id, d.source, d.id, x.start, x.end";

static const char exists_sql[] =
    "SELECT 1 FROM edges WHERE ?1 = 'r' AND id = ?2"
    " UNION ALL SELECT 1 FROM entities WHERE ?1 = 'e' AND id = ?2";

int pl_query_evidence(pl_store *st, const char *id, pl_evidence_fn fn,
                      void *ctx, pl_error *err) {
  long long n = 0;
  int kind = parse_id(id, &n);
  if (!kind)
    return pl_error_set(err, PL_EUSAGE, NULL,
                        "'%s' is not an id (r34 for a relation, e12 for an "
                        "event or actor, as timeline --format json prints)",
                        id ? id : "");
  sqlite3_stmt *s = NULL;
  int rc = 0, r;
  if (sqlite3_prepare_v2(st->db, exists_sql, -1, &s, NULL) != SQLITE_OK)
    return pl_store__dberr(st, err, "evidence");
  char k[2] = {(char)kind, 0};
  sqlite3_bind_text(s, 1, k, 1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(s, 2, n);
  r = sqlite3_step(s);
  sqlite3_finalize(s);
  s = NULL;
  if (r == SQLITE_DONE)
    return pl_error_set(err, PL_ENOTFOUND, NULL, "no %s '%s' in the store",
                        kind == 'r' ? "relation" : "node", id);
  if (r != SQLITE_ROW)
    return pl_store__dberr(st, err, "evidence");
  if (sqlite3_prepare_v2(st->db, evidence_sql, -1, &s, NULL) != SQLITE_OK)
    return pl_store__dberr(st, err, "evidence");
  if (kind == 'r')
    sqlite3_bind_int64(s, 1, n);
  else
    sqlite3_bind_int64(s, 2, n);
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    char eb[32], sb[32], db[32];
    snprintf(eb, sizeof eb, "r%lld", sqlite3_column_int64(s, 0));
    snprintf(sb, sizeof sb, "e%lld", sqlite3_column_int64(s, 2));
    snprintf(db, sizeof db, "e%lld", sqlite3_column_int64(s, 4));
    pl_evidence_row row;
    row.edge_id = eb;
    row.edge_type = (const char *)sqlite3_column_text(s, 1);
    row.src_id = sb;
    row.src = (const char *)sqlite3_column_text(s, 3);
    row.dst_id = sqlite3_column_type(s, 4) == SQLITE_NULL ? NULL : db;
    row.dst = (const char *)sqlite3_column_text(s, 5);
    row.doc_id = (const char *)sqlite3_column_text(s, 6);
    row.source = (const char *)sqlite3_column_text(s, 7);
    row.url = (const char *)sqlite3_column_text(s, 8);
    row.title = (const char *)sqlite3_column_text(s, 9);
    row.published = (const char *)sqlite3_column_text(s, 10);
    row.lang = (const char *)sqlite3_column_text(s, 11);
    row.start = (long)sqlite3_column_int64(s, 12);
    row.end = (long)sqlite3_column_int64(s, 13);
    row.sentence = (const char *)sqlite3_column_text(s, 14);
    row.rule = (const char *)sqlite3_column_text(s, 15);
    if ((rc = fn(ctx, &row, err)) < 0)
      break;
  }
  if (rc >= 0 && r != SQLITE_DONE)
    rc = pl_store__dberr(st, err, "evidence");
  sqlite3_finalize(s);
  return rc < 0 ? rc : 0;
}
