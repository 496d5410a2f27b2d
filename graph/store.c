/* The store: opening (with its safety checks), the schema and its forward
 * migrations, and the cache of prepared statements. */
#include "store_int.h"

#include <parley/when.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The current schema, created whole in a fresh store. */
static const char schema_sql[] =
    "CREATE TABLE documents(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  source TEXT, url TEXT, title TEXT, lang TEXT, published TEXT,\n"
    "  body TEXT, ingested_at TEXT NOT NULL);\n"
    "CREATE INDEX documents_meta ON documents(id, published, source, title);\n"
    "CREATE TABLE entities(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  type TEXT NOT NULL CHECK(type IN ('person','state','organization',\n"
    "    'group','media','place','meeting','proposal')),\n"
    "  name TEXT NOT NULL, name_ar TEXT, key TEXT, translit TEXT);\n"
    "CREATE UNIQUE INDEX entities_key ON entities(key) WHERE key IS NOT "
    "NULL;\n"
    "CREATE INDEX entities_type ON entities(type);\n"
    "CREATE TABLE aliases(\n"
    "  norm_key TEXT NOT NULL,\n"
    "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE "
    "CASCADE,\n"
    "  PRIMARY KEY(norm_key, entity_id)) WITHOUT ROWID;\n"
    "CREATE INDEX aliases_entity ON aliases(entity_id);\n"
    "CREATE TABLE events(\n"
    "  entity_id INTEGER PRIMARY KEY REFERENCES entities(id) ON DELETE "
    "CASCADE,\n"
    "  date_from TEXT, date_to TEXT, precision INTEGER NOT NULL DEFAULT 0,\n"
    "  kind TEXT, place_id INTEGER REFERENCES entities(id), round TEXT,\n"
    "  status TEXT, content TEXT, date_text TEXT, process TEXT);\n"
    "CREATE INDEX events_date ON events(date_from, date_to);\n"
    "CREATE TABLE edges(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  src INTEGER NOT NULL REFERENCES entities(id),\n"
    "  dst INTEGER REFERENCES entities(id),\n"
    "  type TEXT NOT NULL CHECK(type IN ('participates_in','heads',\n"
    "    'holds_role','member_of','proposes','addressed_to','held_in')),\n"
    "  date_from TEXT, date_to TEXT, precision INTEGER NOT NULL DEFAULT 0,\n"
    "  attrs TEXT);\n"
    "CREATE INDEX edges_src ON edges(src, type, dst);\n"
    "CREATE INDEX edges_dst ON edges(dst, type);\n"
    "CREATE TABLE evidence(\n"
    "  edge_id INTEGER NOT NULL REFERENCES edges(id) ON DELETE CASCADE,\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, sentence TEXT, rule "
    "TEXT);\n"
    "CREATE UNIQUE INDEX evidence_edge ON evidence(edge_id, doc_id, start, "
    "end);\n"
    "CREATE INDEX evidence_doc ON evidence(doc_id);\n"
    "CREATE TABLE mentions(\n"
    "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE "
    "CASCADE,\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  n INTEGER NOT NULL,\n"
    "  PRIMARY KEY(entity_id, doc_id)) WITHOUT ROWID;\n"
    "CREATE INDEX mentions_doc ON mentions(doc_id);\n"
    "CREATE TABLE merges(\n"
    "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE "
    "CASCADE,\n"
    "  alias TEXT NOT NULL, reason TEXT NOT NULL,\n"
    "  doc_id TEXT REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  UNIQUE(entity_id, alias, doc_id));\n"
    "CREATE INDEX merges_entity ON merges(entity_id);\n"
    "CREATE TABLE corrections(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  op TEXT NOT NULL CHECK(op IN ('merge', 'alias', 'rename')),\n"
    "  a TEXT NOT NULL, b TEXT NOT NULL,\n"
    "  created TEXT NOT NULL, UNIQUE(op, a, b));\n"
    "CREATE TABLE event_claims(\n"
    "  event_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  date_from TEXT, date_to TEXT, precision INTEGER NOT NULL DEFAULT 0,\n"
    "  kind TEXT, place TEXT, round TEXT, status TEXT, content TEXT,\n"
    "  date_text TEXT, process TEXT,\n"
    "  PRIMARY KEY(event_id, doc_id, start, end)) WITHOUT ROWID;\n"
    "CREATE INDEX event_claims_doc ON event_claims(doc_id);\n";

/* ---- indexes for the query commands (graph/query_*.c) ----------------
 * Kept apart from the schema and its migrations: created (IF NOT EXISTS)
 * whenever a store is created or migrated, so they never change a table.
 * events_round: `parley meetings --round N` looks meetings up by round
 * instead of reading every meeting; events_process likewise for
 * `--process NAME`. */
static const char query_indexes_sql[] =
    "CREATE INDEX IF NOT EXISTS events_round ON events(round);\n"
    "CREATE INDEX IF NOT EXISTS events_process ON events(process);\n";
/* ---- end of the query indexes --------------------------------------- */

/* ---- indexes only queries read ----------------------------------------
 * pl_store_add reads aliases by key, edges by their ends and evidence by
 * edge, never through these; an ingest into an empty store drops them
 * and builds them at the end, sorted (pl_store_defer_indexes,
 * pl_store_build_indexes): about 8 % of ingest, which otherwise updates
 * them row by row. The statements are the schema's (SQLite stores them
 * without "IF NOT EXISTS"), so a store comes out the same. */
static const struct {
  const char *name;   /* the index */
  const char *create; /* its statement */
} deferred[] = {
    {"entities_type",
     "CREATE INDEX IF NOT EXISTS entities_type ON entities(type)"},
    {"aliases_entity",
     "CREATE INDEX IF NOT EXISTS aliases_entity ON aliases(entity_id)"},
    {"evidence_doc",
     "CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(doc_id)"},
    {"mentions_doc",
     "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id)"},
    {"merges_entity",
     "CREATE INDEX IF NOT EXISTS merges_entity ON merges(entity_id)"},
    /* what queries read of a document, without its page: a row holding a
     * body of a few kilobytes fills a page of its own, so reading the
     * source or date of every document behind a timeline or an actor's
     * mentions read the whole store; this index holds some twenty a page
     * (see pin_document_stats) */
    {"documents_meta",
     "CREATE INDEX IF NOT EXISTS documents_meta ON documents(id, published,"
     " source, title)"},
};
enum { NDEFERRED = sizeof deferred / sizeof *deferred };
/* ---- end of the deferred indexes ------------------------------------ */

/* Forward migrations: migrations[i] takes a store from version i+1 to i+2.
 * Version 1 had no transliterations, no rule ids on evidence and no
 * per-document mention counts (rebuilt here from the evidence: every end of
 * an edge counts as mentioned once in each document behind it). */
static const char *const migrations[] = {
    /* 1 → 2 */
    "ALTER TABLE entities ADD COLUMN translit TEXT;\n"
    "ALTER TABLE evidence ADD COLUMN rule TEXT;\n"
    "CREATE TABLE mentions(\n"
    "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE "
    "CASCADE,\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  n INTEGER NOT NULL,\n"
    "  PRIMARY KEY(entity_id, doc_id)) WITHOUT ROWID;\n"
    "CREATE INDEX mentions_doc ON mentions(doc_id);\n"
    "CREATE INDEX IF NOT EXISTS entities_type ON entities(type);\n"
    "INSERT OR IGNORE INTO mentions(entity_id, doc_id, n)\n"
    "  SELECT e.id, x.doc_id, 1 FROM evidence x\n"
    "  JOIN edges g ON g.id = x.edge_id\n"
    "  JOIN entities e ON e.id IN (g.src, g.dst)\n"
    "  WHERE e.type NOT IN ('meeting', 'proposal');\n",
    /* 2 → 3: why names were merged, user corrections, and what each
     * document claims about an event (dates that disagree are kept). */
    "CREATE TABLE merges(\n"
    "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE "
    "CASCADE,\n"
    "  alias TEXT NOT NULL, reason TEXT NOT NULL,\n"
    "  doc_id TEXT REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  UNIQUE(entity_id, alias, doc_id));\n"
    "CREATE INDEX merges_entity ON merges(entity_id);\n"
    "CREATE TABLE corrections(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  op TEXT NOT NULL CHECK(op IN ('merge', 'alias', 'rename')),\n"
    "  a TEXT NOT NULL, b TEXT NOT NULL,\n"
    "  created TEXT NOT NULL, UNIQUE(op, a, b));\n"
    "CREATE TABLE event_claims(\n"
    "  event_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  date_from TEXT, date_to TEXT, precision INTEGER NOT NULL DEFAULT 0,\n"
    "  kind TEXT, place TEXT, round TEXT, status TEXT, content TEXT,\n"
    "  date_text TEXT,\n"
    "  PRIMARY KEY(event_id, doc_id, start, end)) WITHOUT ROWID;\n"
    "CREATE INDEX event_claims_doc ON event_claims(doc_id);\n",
    /* 3 → 4: the negotiation process a meeting's round belongs to
     * ("Astana" for Astana round 11), kept on the event (the first report
     * naming one sets it); stores written before know none (NULL). */
    "ALTER TABLE events ADD COLUMN process TEXT;\n",
    /* 4 → 5: each document's claim about a meeting keeps the process it
     * named, so that merge-db and merges carry it; older claims take
     * their meeting's. */
    "ALTER TABLE event_claims ADD COLUMN process TEXT;\n"
    "UPDATE event_claims SET process = (SELECT process FROM events WHERE"
    " entity_id = event_claims.event_id);\n",
};

/* The statements behind pl_stmt_id, in its order. */
static const char *const stmt_sql[S_COUNT] = {
    [S_DOC_EXISTS] = "SELECT 1 FROM documents WHERE id = ?1",
    [S_DOC_INSERT] =
        "INSERT INTO documents(id, source, url, title, lang, published, body,"
        " ingested_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7,"
        " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [S_ENT_BY_KEY] = "SELECT id FROM entities WHERE key = ?1",
    [S_ENT_INSERT] = "INSERT INTO entities(type, name, name_ar, key, translit)"
                     " VALUES(?1, ?2, ?3, ?4, ?5)",
    [S_ENT_FILL] = "UPDATE entities SET name_ar = coalesce(name_ar, ?2),"
                   " translit = coalesce(translit, ?3) WHERE id = ?1"
                   " AND ((name_ar IS NULL AND ?2 IS NOT NULL) OR"
                   " (translit IS NULL AND ?3 IS NOT NULL))",
    [S_ENT_RENAME] = "UPDATE entities SET name = ?2 WHERE id = ?1 AND"
                     " name IS NOT ?2",
    [S_ALIAS_LOOKUP] =
        "SELECT a.entity_id FROM aliases a JOIN entities e ON e.id ="
        " a.entity_id WHERE a.norm_key = ?1 AND (?2 IS NULL OR e.type = ?2)"
        " ORDER BY a.entity_id",
    [S_ALIAS_COUNT] =
        "SELECT count(*), min(a.entity_id) FROM aliases a JOIN entities e ON"
        " e.id = a.entity_id WHERE a.norm_key = ?1 AND e.type = ?2",
    [S_ALIAS_INSERT] =
        "INSERT OR IGNORE INTO aliases(norm_key, entity_id) VALUES(?1, ?2)",
    [S_MENTION_ADD] = "INSERT INTO mentions(entity_id, doc_id, n) VALUES(?1,"
                      " ?2, ?3) ON CONFLICT(entity_id, doc_id) DO UPDATE SET"
                      " n = n + excluded.n",
    [S_EDGE_FIND] = "SELECT id FROM edges WHERE src = ?1 AND dst IS ?2 AND"
                    " type = ?3 AND attrs IS ?4 ORDER BY id LIMIT 1",
    [S_EDGE_INSERT] = "INSERT INTO edges(src, dst, type, date_from, date_to,"
                      " precision, attrs) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [S_EDGE_DATES] =
        "UPDATE edges SET"
        " date_from = CASE WHEN date_from IS NULL OR ?2 < date_from THEN ?2"
        " ELSE date_from END,"
        " date_to = CASE WHEN date_to IS NULL OR ?3 > date_to THEN ?3"
        " ELSE date_to END,"
        " precision = CASE WHEN precision = 0 THEN ?4 ELSE precision END"
        " WHERE id = ?1 AND ?2 IS NOT NULL"
        /* only when a value changes: an UPDATE that changes nothing
         * still writes the row (and journals its page) */
        " AND (date_from IS NULL OR ?2 < date_from OR date_to IS NULL OR"
        " ?3 > date_to OR (precision = 0 AND ?4 IS NOT 0))",
    [S_EVID_INSERT] = "INSERT OR IGNORE INTO evidence(edge_id, doc_id, start,"
                      " end, sentence, rule) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [S_EVENT_INSERT] =
        "INSERT INTO events(entity_id, date_from, date_to, precision, kind,"
        " place_id, round, status, content, date_text, process) VALUES(?1, ?2,"
        " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_EVENT_GET] = "SELECT date_from, date_to, kind, place_id, round, status,"
                    " content, precision, process FROM events"
                    " WHERE entity_id = ?1",
    [S_EVENT_DATES_SET] = "UPDATE events SET date_from = ?2, date_to = ?3,"
                          " precision = ?4 WHERE entity_id = ?1",
    [S_CLAIM_INSERT] =
        "INSERT OR IGNORE INTO event_claims(event_id, doc_id, start, end,"
        " date_from, date_to, precision, kind, place, round, status, content,"
        " date_text, process) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
        " ?11, ?12, ?13, ?14)",
    [S_AFFILIATIONS] = "SELECT DISTINCT dst FROM edges WHERE src = ?1 AND"
                       " type IN ('holds_role', 'heads', 'member_of') AND"
                       " dst IS NOT NULL",
    [S_CORRECTIONS] = "SELECT op, a, b FROM corrections ORDER BY id",
    [S_MERGE_NOTE] = "INSERT OR IGNORE INTO merges(entity_id, alias, reason,"
                     " doc_id) VALUES(?1, ?2, ?3, ?4)",
    [S_EVENT_UPDATE] =
        "UPDATE events SET"
        " date_from = coalesce(date_from, ?2),"
        " date_to = coalesce(date_to, ?3),"
        " precision = CASE WHEN date_from IS NULL THEN ?4 ELSE precision END,"
        " kind = coalesce(kind, ?5), place_id = coalesce(place_id, ?6),"
        " round = coalesce(round, ?7), status = coalesce(status, ?8),"
        " content = coalesce(content, ?9), date_text = coalesce(date_text, ?10),"
        " process = coalesce(process, ?11)"
        " WHERE entity_id = ?1",
    [S_EVENT_EDGE_DATES] =
        "UPDATE edges SET date_from = ?2, date_to = ?3, precision = ?4"
        " WHERE date_from IS NULL AND ((dst = ?1 AND type IN"
        " ('participates_in', 'proposes')) OR (src = ?1 AND type IN"
        " ('held_in', 'addressed_to')))",
    [S_EV_CANDIDATES] = "SELECT DISTINCT dst FROM edges WHERE src = ?1 AND"
                        " type = ?2 ORDER BY dst",
    [S_EV_MEMBERS] = "SELECT DISTINCT src FROM edges WHERE dst = ?1 AND"
                     " type = ?2 ORDER BY src",
    [S_PLACE_NAME] = "SELECT name FROM entities WHERE id = ?1",
    [S_Q_ALIAS_ANY] =
        "SELECT DISTINCT a.entity_id FROM aliases a JOIN entities e ON e.id ="
        " a.entity_id WHERE a.norm_key = ?1 AND e.type NOT IN ('meeting',"
        " 'proposal') ORDER BY a.entity_id",
    [S_Q_KEY] = "SELECT id FROM entities WHERE (key = ?1 OR id = ?2) AND"
                " type NOT IN ('meeting', 'proposal')",
    [S_Q_MEMBERS] =
        /* ?1 kind: 0 event (meeting/proposal), 1 edge; ?2 id */
        "SELECT e.id, e.name, 0, g.id FROM edges g JOIN entities e ON e.id ="
        " g.src WHERE ?1 = 0 AND g.dst = ?2 AND g.type IN"
        " ('participates_in', 'proposes')"
        " UNION ALL SELECT e.id, e.name, 1, g.id FROM edges g JOIN entities e"
        " ON e.id = g.dst WHERE ?1 = 0 AND g.src = ?2 AND g.type ="
        " 'addressed_to'"
        " UNION ALL SELECT e.id, e.name, 0, g.id FROM edges g JOIN entities e"
        " ON e.id = g.src WHERE ?1 = 1 AND g.id = ?2"
        " UNION ALL SELECT e.id, e.name, 1, g.id FROM edges g JOIN entities e"
        " ON e.id = g.dst WHERE ?1 = 1 AND g.id = ?2"
        " ORDER BY 3, 4",
    [S_Q_SOURCES] =
        "SELECT DISTINCT d.source, d.id FROM evidence x"
        " JOIN documents d ON d.id = x.doc_id WHERE x.edge_id IN ("
        " SELECT id FROM edges WHERE ?1 = 0 AND dst = ?2 AND type IN"
        " ('participates_in', 'proposes')"
        " UNION ALL SELECT id FROM edges WHERE ?1 = 0 AND src = ?2 AND type"
        " IN ('held_in', 'addressed_to')"
        " UNION ALL SELECT ?2 WHERE ?1 = 1)"
        " ORDER BY d.source, d.id",
    [S_USER_ALIASES] = "SELECT EXISTS(SELECT 1 FROM aliases WHERE norm_key"
                       " >= 'user:' AND norm_key < 'user;')",
};

const char *pl_store_default_path(void) {
  const char *p = getenv("PARLEY_DB");
  return p && *p ? p : "parley.db";
}

/* The message for the connection's last error: SQLite says "disk I/O
 * error" when the disk is full or a file grew past its limit, which tells a
 * user nothing, so those are named. */
static const char *db_message(pl_store *st) {
  if (!st || !st->db)
    return "no database";
  int code = sqlite3_extended_errcode(st->db);
  int sys = sqlite3_system_errno(st->db);
  if ((code & 0xff) == SQLITE_FULL ||
      ((code & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EFBIG)))
    return "disk full or file too large";
  return sqlite3_errmsg(st->db);
}

int pl_store__dberr(pl_store *st, pl_error *err, const char *what) {
  return pl_error_set(err, PL_EDB, st ? st->path : NULL, "%s: %s", what,
                      db_message(st));
}

int pl_store__exec(pl_store *st, const char *sql, pl_error *err) {
  char *msg = NULL;
  if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    int code = sqlite3_errcode(st->db) & 0xff;
    int sys = sqlite3_system_errno(st->db);
    int full = code == SQLITE_FULL ||
               (code == SQLITE_IOERR && (sys == ENOSPC || sys == EFBIG));
    pl_error_set(err, PL_EDB, st->path, "%s",
                 full || !msg ? db_message(st) : msg);
    sqlite3_free(msg);
    return PL_EDB;
  }
  return 0;
}

void pl_store__forget(pl_store *st) {
  pl_strcache_clear(st->aliases);
  pl_strcache_clear(st->entities);
  st->user_aliases = -1;
}

sqlite3_stmt *pl_store__stmt(pl_store *st, pl_stmt_id id, pl_error *err) {
  sqlite3_stmt *s = st->stmt[id];
  if (!s) {
    if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                           &s, NULL) != SQLITE_OK) {
      pl_store__dberr(st, err, "prepare");
      return NULL;
    }
    st->stmt[id] = s;
    return s;
  }
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return s;
}

int pl_store__check_date(const char *d, const char *what, pl_error *err) {
  if (!d)
    return 0;
  static const char shape[] = "dddd-dd-dd";
  int ok = strlen(d) == 10;
  for (size_t i = 0; ok && i < 10; i++)
    ok = shape[i] == 'd' ? (d[i] >= '0' && d[i] <= '9') : d[i] == '-';
  if (!ok)
    return pl_error_set(err, PL_EUSAGE, NULL,
                        "%s: '%s' is not a date (YYYY-MM-DD)", what, d);
  char norm[11];
  if (pl_date_parse(d, norm) < 0)
    return pl_error_set(err, PL_EUSAGE, NULL,
                        "%s: '%s' is not a date (no such day)", what, d);
  return 0;
}

/* What the first bytes of an existing file say. */
enum { FILE_MISSING, FILE_EMPTY, FILE_SQLITE, FILE_OTHER, FILE_UNREADABLE };

static int sniff_file(const char *path, int *errnum) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    *errnum = errno;
    return errno == ENOENT ? FILE_MISSING : FILE_UNREADABLE;
  }
  if (S_ISDIR(sb.st_mode)) {
    *errnum = EISDIR;
    return FILE_UNREADABLE;
  }
  if (sb.st_size == 0)
    return FILE_EMPTY;
  FILE *f = fopen(path, "rb");
  if (!f) {
    *errnum = errno;
    return FILE_UNREADABLE;
  }
  char head[16];
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  if (n == sizeof head && memcmp(head, "SQLite format 3", 16) == 0)
    return FILE_SQLITE;
  return FILE_OTHER;
}

/* Reads one integer from sql; returns 0 or PL_EDB. */
int pl_store__query_int(pl_store *st, const char *sql, long long *out,
                        pl_error *err) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
    return pl_store__dberr(st, err, "read");
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64(s, 0);
  else if (rc == SQLITE_DONE)
    *out = 0;
  sqlite3_finalize(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pl_store__dberr(st, err, "read");
  return 0;
}

/* Creates the schema in an empty database, or migrates an older one, in one
 * transaction. */
static int upgrade(pl_store *st, long long version, pl_error *err) {
  int rc;
  if ((rc = pl_store__exec(st, "BEGIN IMMEDIATE", err)) < 0)
    return rc;
  if (version == 0) {
    rc = pl_store__exec(st, schema_sql, err);
  } else {
    for (long long v = version; rc == 0 && v < PL_STORE_SCHEMA; v++)
      rc = pl_store__exec(st, migrations[v - 1], err);
  }
  if (rc == 0)
    rc = pl_store__exec(st, query_indexes_sql, err); /* query indexes */
  if (rc == 0) {
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", PL_STORE_SCHEMA);
    rc = pl_store__exec(st, sql, err);
  }
  if (rc == 0)
    rc = pl_store__exec(st, "COMMIT", err);
  if (rc < 0)
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* Opens the connection (no write happens here). */
static int db_connect(pl_store *st, int writable, int create, pl_error *err) {
  /* NOMUTEX: a store is used by one thread at a time (pl_store is not
   * thread-safe), so SQLite's per-connection mutex is only overhead. */
  int f = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) |
          SQLITE_OPEN_NOMUTEX;
  if (create)
    f |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(st->path, &st->db, f, NULL) != SQLITE_OK) {
    int rc = pl_store__dberr(st, err, "cannot open");
    sqlite3_close(st->db);
    st->db = NULL;
    return rc;
  }
  sqlite3_extended_result_codes(st->db, 1);
  sqlite3_busy_timeout(st->db, 5000);
  return 0;
}

/* Checks what the database holds. Sets *version, *fresh (no tables at
 * all). Returns 0, PL_EINPUT, PL_EVERSION or PL_EDB. */
static int inspect(pl_store *st, long long *version, int *fresh,
                   pl_error *err) {
  long long tables = 0, ours = 0;
  int rc;
  /* Reading the schema also tells a corrupt or encrypted file apart. */
  if (sqlite3_exec(st->db, "SELECT 1 FROM sqlite_master LIMIT 1", NULL, NULL,
                   NULL) != SQLITE_OK) {
    int code = sqlite3_errcode(st->db) & 0xff;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
      return pl_error_set(err, PL_EINPUT, st->path,
                          "not a parley store (a damaged SQLite file)");
    return pl_store__dberr(st, err, "cannot read");
  }
  if ((rc = pl_store__query_int(st, "PRAGMA user_version", version, err)) < 0 ||
      (rc = pl_store__query_int(st, "SELECT count(*) FROM sqlite_master", &tables,
                      err)) < 0 ||
      (rc = pl_store__query_int(st,
                      "SELECT count(*) FROM sqlite_master WHERE type ="
                      " 'table' AND name IN ('documents', 'entities',"
                      " 'aliases', 'edges', 'evidence')",
                      &ours, err)) < 0)
    return rc;
  *fresh = tables == 0;
  if (*version > PL_STORE_SCHEMA)
    return pl_error_set(err, PL_EVERSION, st->path,
                        "written by a newer parley (schema %lld, this one "
                        "reads up to %d)",
                        *version, PL_STORE_SCHEMA);
  if (!*fresh && (*version == 0 || ours < 5))
    return pl_error_set(err, PL_EINPUT, st->path,
                        "not a parley store (an SQLite database without "
                        "parley's tables)");
  return 0;
}

int pl_store_open(pl_store **out, const char *path, int flags,
                  pl_error *err) {
  int rc = 0, errnum = 0;
  *out = NULL;
  if (!path || !*path)
    path = pl_store_default_path();
  int readonly = (flags & PL_STORE_READONLY) != 0;
  int kind = sniff_file(path, &errnum);
  switch (kind) {
  case FILE_MISSING:
    if (readonly || !(flags & PL_STORE_CREATE))
      return pl_error_set(err, PL_ENOTFOUND, path, "no such store");
    break;
  case FILE_UNREADABLE:
    return pl_error_set(err, PL_EIO, path, "%s", strerror(errnum));
  case FILE_OTHER:
    return pl_error_set(err, PL_EINPUT, path,
                        "not a parley store (not an SQLite database)");
  case FILE_EMPTY:
    if (readonly)
      return pl_error_set(err, PL_EINPUT, path,
                          "not a parley store (the file is empty)");
    break;
  default:
    break;
  }

  pl_store *st = calloc(1, sizeof *st);
  if (!st)
    return pl_error_set(err, PL_ENOMEM, path, "out of memory");
  st->data_version = -1;
  st->user_aliases = -1;
  st->path = malloc(strlen(path) + 1);
  if (!st->path) {
    free(st);
    return pl_error_set(err, PL_ENOMEM, path, "out of memory");
  }
  strcpy(st->path, path);
  st->readonly = readonly;

  long long version = 0;
  int fresh = 0;
  if ((rc = db_connect(st, !readonly, kind == FILE_MISSING, err)) < 0 ||
      (rc = inspect(st, &version, &fresh, err)) < 0)
    goto fail;
  if (readonly && fresh) {
    rc = pl_error_set(err, PL_EINPUT, path,
                      "not a parley store (an empty database)");
    goto fail;
  }
  if (readonly && version < PL_STORE_SCHEMA) {
    /* An older store is migrated even when opened for queries. */
    sqlite3_close(st->db);
    st->db = NULL;
    if ((rc = db_connect(st, 1, 0, err)) < 0 ||
        (rc = inspect(st, &version, &fresh, err)) < 0)
      goto fail;
  }
  if (!readonly || version < PL_STORE_SCHEMA) {
    if ((rc = pl_store__exec(st, "PRAGMA journal_mode = WAL", err)) < 0)
      goto fail;
  }
  if ((rc = pl_store__exec(st,
                           "PRAGMA foreign_keys = ON;"
                           " PRAGMA synchronous = NORMAL",
                           err)) < 0)
    goto fail;
  /* A writer keeps its temporary files in memory: the journal a statement
   * keeps of the pages it changes inside a transaction (so that it can
   * fail alone) would otherwise spill to a temporary file past 64 KiB, a
   * write system call per page. Its size is bounded by the pages one
   * statement touches. */
  if (!readonly &&
      (rc = pl_store__exec(st, "PRAGMA temp_store = MEMORY", err)) < 0)
    goto fail;
  if (version < PL_STORE_SCHEMA && (rc = upgrade(st, version, err)) < 0)
    goto fail;
  /* indexes an interrupted ingest left to build (no lock, no write when
   * they all exist) */
  if (!readonly && (rc = pl_store_build_indexes(st, err)) < 0)
    goto fail;
  *out = st;
  return 0;
fail:
  pl_store_close(st);
  return rc;
}

int pl_store_defer_indexes(pl_store *st, pl_error *err) {
  if (st->readonly)
    return pl_error_set(err, PL_EUSAGE, st->path,
                        "the store is open read-only");
  long long any = 1;
  int rc;
  if (st->batch)
    return 0;
  if ((rc = pl_store__query_int(st, "SELECT EXISTS(SELECT 1 FROM documents)",
                                &any, err)) < 0)
    return rc;
  if (any)
    return 0;
  for (int i = 0; i < NDEFERRED; i++) {
    char sql[64];
    snprintf(sql, sizeof sql, "DROP INDEX IF EXISTS %s", deferred[i].name);
    if ((rc = pl_store__exec(st, sql, err)) < 0)
      return rc;
  }
  return 1;
}

/* The number of the deferred indexes the store has. */
static int deferred_present(pl_store *st, long long *n, pl_error *err) {
  *n = 0;
  for (int i = 0; i < NDEFERRED; i++) {
    char sql[128];
    long long one = 0;
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND"
             " name = '%s'",
             deferred[i].name);
    int rc = pl_store__query_int(st, sql, &one, err);
    if (rc < 0)
      return rc;
    *n += one;
  }
  return 0;
}

/* SQLite's planner looks a document up by its id through the primary
 * key's index, which it knows to be unique, rather than through
 * documents_meta, which it takes to match ten rows a key, unless
 * sqlite_stat1 says both match one. These are the statistics ANALYZE
 * would write, with the table's size at the planner's own default for a
 * table it knows nothing of (a million rows), so that no other plan
 * changes as the store grows; written once ("ANALYZE sqlite_schema" only
 * makes the table), read by the connections opened afterwards. */
static int pin_document_stats(pl_store *st, pl_error *err) {
  long long have = 0;
  int rc = pl_store__query_int(
      st,
      "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'"
      " AND type = 'table'",
      &have, err);
  if (rc == 0 && have)
    rc = pl_store__query_int(st,
                             "SELECT count(*) FROM sqlite_stat1 WHERE tbl ="
                             " 'documents' AND idx = 'documents_meta'",
                             &have, err);
  if (rc < 0 || have)
    return rc;
  rc = pl_store__exec(
      st,
      "BEGIN IMMEDIATE; ANALYZE sqlite_schema;"
      " DELETE FROM sqlite_stat1 WHERE tbl = 'documents';"
      " INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES"
      " ('documents', 'sqlite_autoindex_documents_1', '1000000 1'),"
      " ('documents', 'documents_meta', '1000000 1 1 1 1'); COMMIT",
      err);
  if (rc < 0 && !sqlite3_get_autocommit(st->db))
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

int pl_store_build_indexes(pl_store *st, pl_error *err) {
  if (st->readonly || st->batch)
    return pl_error_set(err, PL_EUSAGE, st->path,
                        st->readonly ? "the store is open read-only"
                                     : "a batch is open");
  long long have = 0;
  int rc = deferred_present(st, &have, err);
  if (rc == 0)
    rc = pin_document_stats(st, err);
  if (rc < 0 || have == NDEFERRED)
    return rc;
  /* Building an index sorts all its entries: with the writer's temporary
   * files in memory that sort would take memory in proportion to the
   * store, so it spills to temporary files instead. */
  rc = pl_store__exec(st, "PRAGMA temp_store = FILE", err);
  for (int i = 0; rc == 0 && i < NDEFERRED; i++)
    rc = pl_store__exec(st, deferred[i].create, err);
  int rc2 = pl_store__exec(st, "PRAGMA temp_store = MEMORY",
                           rc < 0 ? NULL : err);
  return rc < 0 ? rc : rc2;
}

void pl_store_close(pl_store *st) {
  if (!st)
    return;
  for (int i = 0; i < S_COUNT; i++)
    sqlite3_finalize(st->stmt[i]);
  sqlite3_close(st->db);
  pl_store__keys_free(st);
  pl_strcache_free(st->aliases);
  pl_strcache_free(st->entities);
  free(st->places);
  free(st->path);
  free(st);
}
