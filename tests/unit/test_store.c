/* The graph store: opening safely, migrations, adding documents (all or
 * nothing, idempotent), resolving actors and meetings across documents,
 * the timeline and actor queries, and store-backed views. */
#include "harness.h"
#include "store_int.h"

#include <parley/query.h>
#include <parley/view.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static const char *path_in(const char *name) {
  static char p[4][128];
  static int k;
  k = (k + 1) % 4;
  snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
  return p[k];
}

static long long count(pl_store *st, const char *sql) {
  sqlite3_stmt *s = NULL;
  long long n = -1;
  if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    n = sqlite3_column_int64(s, 0);
  else
    fprintf(stderr, "sql failed: %s: %s\n", sql, sqlite3_errmsg(st->db));
  sqlite3_finalize(s);
  return n;
}

/* All the table sizes, to compare before and after. */
static void snapshot(pl_store *st, long long out[6]) {
  static const char *const q[6] = {
      "SELECT count(*) FROM documents", "SELECT count(*) FROM entities",
      "SELECT count(*) FROM aliases",   "SELECT count(*) FROM edges",
      "SELECT count(*) FROM evidence",  "SELECT count(*) FROM events"};
  for (int i = 0; i < 6; i++)
    out[i] = count(st, q[i]);
}

static pl_span sp(const char *body, const char *needle) {
  const char *p = strstr(body, needle);
  pl_span s = {0, 0};
  if (!p) {
    fprintf(stderr, "test bug: '%s' not in body\n", needle);
    return s;
  }
  s.start = (uint32_t)(p - body);
  s.end = s.start + (uint32_t)strlen(needle);
  return s;
}

static pl_evidence ev(const char *body, const char *frag, const char *rule) {
  pl_evidence e;
  e.span = sp(body, frag);
  e.sentence.start = 0;
  e.sentence.end = (uint32_t)strlen(body);
  e.rule = rule;
  return e;
}

static void make_doc(pl_doc *d, const char *id, const char *source,
                     const char *published, const char *body) {
  memset(d, 0, sizeof *d);
  snprintf(d->id, sizeof d->id, "%s", id);
  d->source = (char *)source;
  snprintf(d->published, sizeof d->published, "%s", published);
  d->body = (char *)body;
  d->body_len = strlen(body);
}

static void facts_init(pl_facts *f, const char *body, const char *pub) {
  memset(f, 0, sizeof *f);
  f->body = body;
  f->body_len = strlen(body);
  snprintf(f->published, sizeof f->published, "%s", pub);
}

static void when(pl_when *w, const char *from, const char *to) {
  memset(w, 0, sizeof *w);
  if (from) {
    snprintf(w->from, sizeof w->from, "%s", from);
    snprintf(w->to, sizeof w->to, "%s", to ? to : from);
    w->precision = PL_PREC_DAY;
  }
}

/* ---- document 1: English, Astana 11 ------------------------------------- */
static const char body1[] =
    "Russia, Iran and Turkey met in Astana on Wednesday for the 11th round. "
    "The Russian delegation was headed by Alexander Lavrentiev, the Russian "
    "envoy. Russia proposed a ceasefire to Turkey.";

static int add_doc1(pl_store *st, int *added, pl_error *err) {
  static pl_span m_ru[2], m_ir[1], m_tr[1], m_lav[1];
  static pl_actor actors[4];
  static int parts[3] = {0, 1, 2}, by[1] = {0}, to[1] = {2};
  static pl_meeting meet;
  static pl_delegation del;
  static pl_role role;
  static pl_proposal prop;
  pl_doc d;
  pl_facts f;
  make_doc(&d, "d1", "astana-en.txt", "2018-11-28", body1);
  facts_init(&f, body1, "2018-11-28");
  m_ru[0] = sp(body1, "Russia");
  m_ru[1] = sp(body1, "Russian");
  m_ir[0] = sp(body1, "Iran");
  m_tr[0] = sp(body1, "Turkey");
  m_lav[0] = sp(body1, "Alexander Lavrentiev");
  actors[0] = (pl_actor){"Russia", "روسيا", "state:RU", NULL, PL_ACTOR_STATE,
                         m_ru, 2};
  actors[1] = (pl_actor){"Iran", "إيران", "state:IR", NULL, PL_ACTOR_STATE,
                         m_ir, 1};
  actors[2] = (pl_actor){"Turkey", "تركيا", "state:TR", NULL, PL_ACTOR_STATE,
                         m_tr, 1};
  actors[3] = (pl_actor){"Alexander Lavrentiev", NULL, NULL, NULL,
                         PL_ACTOR_PERSON, m_lav, 1};
  memset(&meet, 0, sizeof meet);
  meet.participants = parts;
  meet.nparticipants = 3;
  meet.kind = "trilateral";
  meet.place = "Astana";
  meet.round = "11";
  meet.status = "held";
  when(&meet.when, "2018-11-28", NULL);
  meet.ev = ev(body1, "Russia, Iran and Turkey met", "en.met");
  del = (pl_delegation){0, 3, NULL, 0,
                        ev(body1, "headed by Alexander Lavrentiev", "en.del")};
  role = (pl_role){3, "envoy", 0, ev(body1, "the Russian envoy", "en.role")};
  memset(&prop, 0, sizeof prop);
  prop.by = by;
  prop.nby = 1;
  prop.to = to;
  prop.nto = 1;
  prop.content = "a ceasefire";
  when(&prop.when, "2018-11-28", NULL);
  prop.ev = ev(body1, "Russia proposed a ceasefire", "en.prop");
  f.actors = actors;
  f.nactors = 4;
  f.meetings = &meet;
  f.nmeetings = 1;
  f.delegations = &del;
  f.ndelegations = 1;
  f.roles = &role;
  f.nroles = 1;
  f.proposals = &prop;
  f.nproposals = 1;
  return pl_store_add(st, &d, &f, added, err);
}

/* ---- document 2: Arabic, the same meeting ------------------------------- */
static const char body2[] =
    "اجتمع ممثلو روسيا وإيران وتركيا في العاصمة الكازاخية في الجولة 11.";

static int add_doc2(pl_store *st, int *added, pl_error *err) {
  static pl_span m_ru[1], m_ir[1], m_tr[1];
  static pl_actor actors[3];
  static int parts[3] = {2, 1, 0};
  static pl_meeting meet;
  pl_doc d;
  pl_facts f;
  make_doc(&d, "d2", "astana-ar.txt", "2018-11-29", body2);
  facts_init(&f, body2, "2018-11-29");
  m_ru[0] = sp(body2, "روسيا");
  m_ir[0] = sp(body2, "إيران");
  m_tr[0] = sp(body2, "تركيا");
  /* The Arabic extractor names lexicon states in Arabic. */
  actors[0] = (pl_actor){"روسيا", NULL, "state:RU", NULL, PL_ACTOR_STATE,
                         m_ru, 1};
  actors[1] = (pl_actor){"إيران", NULL, "state:IR", NULL, PL_ACTOR_STATE,
                         m_ir, 1};
  actors[2] = (pl_actor){"تركيا", NULL, "state:TR", NULL, PL_ACTOR_STATE,
                         m_tr, 1};
  memset(&meet, 0, sizeof meet);
  meet.participants = parts;
  meet.nparticipants = 3;
  meet.kind = "trilateral";
  meet.round = "11";
  meet.process = "Astana"; /* doc 1 names no process: this one is kept */
  when(&meet.when, "2018-11-28", "2018-11-29");
  meet.ev = ev(body2, "اجتمع ممثلو روسيا", "ar.met");
  f.actors = actors;
  f.nactors = 3;
  f.meetings = &meet;
  f.nmeetings = 1;
  return pl_store_add(st, &d, &f, added, err);
}

/* A document naming persons only, with one meeting of them (undated). */
static int add_people(pl_store *st, const char *id, const char *body,
                      const char *const *names, size_t n, int meet_them,
                      pl_error *err) {
  pl_span spans[4];
  pl_actor actors[4];
  int parts[4];
  pl_meeting m;
  pl_doc d;
  pl_facts f;
  make_doc(&d, id, id, "", body);
  facts_init(&f, body, "");
  for (size_t i = 0; i < n; i++) {
    spans[i] = sp(body, names[i]);
    actors[i] = (pl_actor){names[i], NULL, NULL, NULL, PL_ACTOR_PERSON,
                           &spans[i], 1};
    parts[i] = (int)i;
  }
  f.actors = actors;
  f.nactors = n;
  memset(&m, 0, sizeof m);
  m.participants = parts;
  m.nparticipants = n;
  m.kind = "bilateral";
  m.place = "Geneva";
  when(&m.when, NULL, NULL);
  m.ev = ev(body, names[0], "en.met");
  if (meet_them) {
    f.meetings = &m;
    f.nmeetings = 1;
  }
  int added;
  return pl_store_add(st, &d, &f, &added, err);
}

/* ---- files --------------------------------------------------------------- */

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = malloc(1 << 20);
  *n = fread(buf, 1, 1 << 20, f);
  fclose(f);
  return buf;
}

static int same_bytes(const char *path, const char *before, size_t n) {
  size_t m;
  char *now = slurp(path, &m);
  int same = now && m == n && memcmp(now, before, n) == 0;
  free(now);
  return same;
}

static void test_refusals(void) {
  pl_error err;
  pl_store *st = NULL;

  /* Missing file, read-only. */
  pl_error_clear(&err);
  INT_EQ(pl_store_open(&st, path_in("missing.db"), PL_STORE_READONLY, &err),
         PL_ENOTFOUND);
  OK(st == NULL);
  OK(access(path_in("missing.db"), F_OK) != 0);

  /* Not SQLite at all: refused before SQLite sees it, untouched. */
  const char *txt = path_in("notes.db");
  FILE *f = fopen(txt, "wb");
  fputs("these are my notes, not a database at all\n", f);
  fclose(f);
  size_t n;
  char *before = slurp(txt, &n);
  pl_error_clear(&err);
  INT_EQ(pl_store_open(&st, txt, PL_STORE_CREATE, &err), PL_EINPUT);
  OK(strstr(err.msg, "not a parley store") != NULL);
  OK(same_bytes(txt, before, n));
  free(before);

  /* SQLite, but someone else's. */
  const char *other = path_in("other.db");
  sqlite3 *db;
  sqlite3_open(other, &db);
  sqlite3_exec(db, "CREATE TABLE recipes(name TEXT)", NULL, NULL, NULL);
  sqlite3_close(db);
  before = slurp(other, &n);
  pl_error_clear(&err);
  INT_EQ(pl_store_open(&st, other, PL_STORE_CREATE, &err), PL_EINPUT);
  OK(strstr(err.msg, "not a parley store") != NULL);
  OK(same_bytes(other, before, n));
  free(before);

  /* Written by a newer parley: refused, byte-identical. */
  const char *newer = path_in("newer.db");
  sqlite3_open(newer, &db);
  sqlite3_exec(db,
               "CREATE TABLE documents(id TEXT); CREATE TABLE entities(id);"
               " CREATE TABLE aliases(k); CREATE TABLE edges(id);"
               " CREATE TABLE evidence(e); PRAGMA user_version = 99",
               NULL, NULL, NULL);
  sqlite3_close(db);
  before = slurp(newer, &n);
  pl_error_clear(&err);
  INT_EQ(pl_store_open(&st, newer, PL_STORE_CREATE, &err), PL_EVERSION);
  STR_EQ(err.msg, "written by a newer parley (schema 99, this one reads up "
                  "to 5)");
  OK(same_bytes(newer, before, n));
  pl_error_clear(&err);
  INT_EQ(pl_store_open(&st, newer, PL_STORE_READONLY, &err), PL_EVERSION);
  OK(same_bytes(newer, before, n));
  OK(access(path_in("newer.db-wal"), F_OK) != 0);
  free(before);
  OK(st == NULL);
}

/* A store as version 1 wrote it. */
static const char v1_sql[] =
    "CREATE TABLE documents(id TEXT PRIMARY KEY, source TEXT, url TEXT,"
    " title TEXT, lang TEXT, published TEXT, body TEXT, ingested_at TEXT NOT"
    " NULL);"
    "CREATE TABLE entities(id INTEGER PRIMARY KEY, type TEXT NOT NULL CHECK("
    "type IN ('person','state','organization','group','media','place',"
    "'meeting','proposal')), name TEXT NOT NULL, name_ar TEXT, key TEXT);"
    "CREATE UNIQUE INDEX entities_key ON entities(key) WHERE key IS NOT NULL;"
    "CREATE TABLE aliases(norm_key TEXT NOT NULL, entity_id INTEGER NOT NULL"
    " REFERENCES entities(id) ON DELETE CASCADE, PRIMARY KEY(norm_key,"
    " entity_id)) WITHOUT ROWID;"
    "CREATE INDEX aliases_entity ON aliases(entity_id);"
    "CREATE TABLE events(entity_id INTEGER PRIMARY KEY REFERENCES"
    " entities(id) ON DELETE CASCADE, date_from TEXT, date_to TEXT,"
    " precision INTEGER NOT NULL DEFAULT 0, kind TEXT, place_id INTEGER"
    " REFERENCES entities(id), round TEXT, status TEXT, content TEXT,"
    " date_text TEXT);"
    "CREATE INDEX events_date ON events(date_from, date_to);"
    "CREATE TABLE edges(id INTEGER PRIMARY KEY, src INTEGER NOT NULL"
    " REFERENCES entities(id), dst INTEGER REFERENCES entities(id), type TEXT"
    " NOT NULL CHECK(type IN ('participates_in','heads','holds_role',"
    "'member_of','proposes','addressed_to','held_in')), date_from TEXT,"
    " date_to TEXT, precision INTEGER NOT NULL DEFAULT 0, attrs TEXT);"
    "CREATE INDEX edges_src ON edges(src, type);"
    "CREATE INDEX edges_dst ON edges(dst, type);"
    "CREATE TABLE evidence(edge_id INTEGER NOT NULL REFERENCES edges(id) ON"
    " DELETE CASCADE, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE"
    " CASCADE, start INTEGER NOT NULL, end INTEGER NOT NULL, sentence TEXT);"
    "CREATE UNIQUE INDEX evidence_edge ON evidence(edge_id, doc_id, start,"
    " end);"
    "CREATE INDEX evidence_doc ON evidence(doc_id);"
    "INSERT INTO documents VALUES('old', 'old.txt', NULL, NULL, 'en',"
    " '2016-02-01', 'Staffan de Mistura heads the UN team.', '2016-02-02');"
    "INSERT INTO entities VALUES(1, 'person', 'Staffan de Mistura', NULL,"
    " NULL), (2, 'organization', 'United Nations', 'الأمم المتحدة',"
    " 'org:UN');"
    "INSERT INTO aliases VALUES('staffan de mistura', 1), ('united nations',"
    " 2);"
    "INSERT INTO edges VALUES(1, 1, 2, 'heads', '2016-02-01', '2016-02-01',"
    " 1, '{\"kind\":\"delegation\"}');"
    "INSERT INTO evidence VALUES(1, 'old', 0, 18, 'Staffan de Mistura heads"
    " the UN team.');"
    "PRAGMA user_version = 1;";

static void test_migration(void) {
  const char *p = path_in("v1.db");
  sqlite3 *db;
  OK(sqlite3_open(p, &db) == SQLITE_OK);
  OK(sqlite3_exec(db, v1_sql, NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);
  pl_error err;
  pl_error_clear(&err);
  pl_store *st = NULL;
  INT_EQ(pl_store_open(&st, p, PL_STORE_READONLY, &err), 0);
  if (!st) {
    fprintf(stderr, "migration: %s\n", err.msg);
    return;
  }
  INT_EQ(count(st, "PRAGMA user_version"), PL_STORE_SCHEMA);
  INT_EQ(PL_STORE_SCHEMA, 5);
  /* 4 → 5: each claim about an event keeps its process. */
  INT_EQ(count(st, "SELECT count(*) FROM pragma_table_info('event_claims')"
                   " WHERE name = 'process'"),
         1);
  INT_EQ(count(st, "SELECT count(*) FROM entities WHERE translit IS NULL"),
         2);
  /* 3 → 4: events know no process yet. */
  INT_EQ(count(st, "SELECT count(*) FROM events WHERE process IS NULL"),
         count(st, "SELECT count(*) FROM events"));
  INT_EQ(count(st, "SELECT count(*) FROM evidence WHERE rule IS NULL"), 1);
  /* Mentions rebuilt from the evidence: both ends, one document. */
  INT_EQ(count(st, "SELECT count(*) FROM mentions"), 2);
  /* The old data answers queries. */
  long long *ids = NULL;
  size_t n = 0;
  INT_EQ(pl_store__find_actor(st, "United-Nations", &ids, &n, &err), 0);
  INT_EQ(n, 1);
  if (n)
    INT_EQ(ids[0], 2);
  free(ids);
  pl_store_close(st);
  /* Opening again: nothing left to migrate. */
  INT_EQ(pl_store_open(&st, p, 0, &err), 0);
  if (st)
    INT_EQ(count(st, "PRAGMA user_version"), PL_STORE_SCHEMA);
  pl_store_close(st);
}

/* Collects timeline rows as "date|type|participants|sources". */
typedef struct rows {
  char text[16][300];
  int n;
} rows;

static int collect(void *ctx, const pl_timeline_row *r, pl_error *err) {
  (void)err;
  rows *rs = ctx;
  if (rs->n >= 16)
    return 0;
  char who[128], src[128];
  pl_query_format_names(who, sizeof who, r->participants, r->nparticipants,
                        NULL);
  pl_query_format_names(src, sizeof src, r->sources, r->nsources, "; ");
  snprintf(rs->text[rs->n++], 300, "%s|%s|%s|%s",
           r->date_from ? r->date_from : "-", r->type, who, src);
  return 0;
}

static int count_actor(void *ctx, const pl_actor_row *r, pl_error *err) {
  (void)err;
  (void)r;
  (*(int *)ctx)++;
  return 0;
}

static void test_store(void) {
  const char *p = path_in("main.db");
  pl_error err;
  pl_error_clear(&err);
  pl_store *st = NULL;
  INT_EQ(pl_store_open(&st, p, PL_STORE_CREATE, &err), 0);
  if (!st) {
    fprintf(stderr, "open: %s\n", err.msg);
    return;
  }
  INT_EQ(count(st, "PRAGMA user_version"), PL_STORE_SCHEMA);
  INT_EQ(count(st, "PRAGMA foreign_keys"), 1);
  int added = -1;
  INT_EQ(add_doc1(st, &added, &err), 0);
  if (err.code)
    fprintf(stderr, "add: %s: %s\n", err.where, err.msg);
  INT_EQ(added, 1);
  long long a[6], b[6];
  snapshot(st, a);
  INT_EQ(a[0], 1);
  /* Russia, Iran, Turkey, Lavrentiev, Astana, meeting, proposal. */
  INT_EQ(a[1], 7);
  /* 3 participates_in + held_in + heads + holds_role + proposes +
   * addressed_to. */
  INT_EQ(a[3], 8);
  INT_EQ(a[4], 8);
  INT_EQ(count(st, "SELECT count(*) FROM evidence WHERE rule = 'en.del' AND"
                   " sentence LIKE 'Russia, Iran and Turkey met%'"),
         1);

  /* Idempotent: the same document again changes nothing, and a caller
   * can tell before extracting it. */
  INT_EQ(pl_store_has_document(st, "d1", &err), 1);
  INT_EQ(pl_store_has_document(st, "d9", &err), 0);
  added = -1;
  INT_EQ(add_doc1(st, &added, &err), 0);
  INT_EQ(added, 0);
  snapshot(st, b);
  for (int i = 0; i < 6; i++)
    INT_EQ(b[i], a[i]);

  /* A failing document leaves nothing: its meeting names actor 99, after
   * its document row and actors were written. */
  {
    static const char body[] = "Qatar and Egypt met in Doha.";
    pl_span mq = sp(body, "Qatar"), me = sp(body, "Egypt");
    pl_actor ac[2] = {
        {"Qatar", NULL, "state:QA", NULL, PL_ACTOR_STATE, &mq, 1},
        {"Egypt", NULL, "state:EG", NULL, PL_ACTOR_STATE, &me, 1}};
    int parts[2] = {0, 99};
    pl_meeting m;
    memset(&m, 0, sizeof m);
    m.participants = parts;
    m.nparticipants = 2;
    m.place = "Doha";
    m.ev = ev(body, "met", "en.met");
    pl_doc d;
    pl_facts f;
    make_doc(&d, "bad", "bad.txt", "2019-01-01", body);
    facts_init(&f, body, "2019-01-01");
    f.actors = ac;
    f.nactors = 2;
    f.meetings = &m;
    f.nmeetings = 1;
    pl_error_clear(&err);
    added = -1;
    INT_EQ(pl_store_add(st, &d, &f, &added, &err), PL_EINPUT);
    INT_EQ(added, 0);
    STR_EQ(err.where, "bad.txt");
    snapshot(st, b);
    for (int i = 0; i < 6; i++)
      INT_EQ(b[i], a[i]);
    INT_EQ(count(st, "SELECT count(*) FROM entities WHERE key = 'state:QA'"),
           0);
    /* A span outside the text is refused the same way. */
    pl_span far = {10, 5000};
    ac[0].mentions = &far;
    parts[1] = 1;
    pl_error_clear(&err);
    INT_EQ(pl_store_add(st, &d, &f, &added, &err), PL_EINPUT);
    snapshot(st, b);
    INT_EQ(b[0], a[0]);
    INT_EQ(b[1], a[1]);
  }

  /* The Arabic report of the same meeting. */
  pl_error_clear(&err);
  INT_EQ(add_doc2(st, &added, &err), 0);
  if (err.code)
    fprintf(stderr, "add: %s: %s\n", err.where, err.msg);
  INT_EQ(added, 1);
  INT_EQ(count(st, "SELECT count(*) FROM entities WHERE key = 'state:RU'"),
         1);
  INT_EQ(count(st, "SELECT count(*) FROM entities WHERE type = 'meeting'"),
         1);
  /* Russia's participation: one edge, evidence from both documents. */
  INT_EQ(count(st, "SELECT count(*) FROM evidence x JOIN edges g ON g.id ="
                   " x.edge_id JOIN entities e ON e.id = g.src WHERE e.key ="
                   " 'state:RU' AND g.type = 'participates_in'"),
         2);
  INT_EQ(count(st, "SELECT count(DISTINCT x.doc_id) FROM evidence x JOIN"
                   " edges g ON g.id = x.edge_id WHERE g.type ="
                   " 'participates_in'"),
         2);
  INT_EQ(count(st, "SELECT date_to FROM events v JOIN entities e ON e.id ="
                   " v.entity_id WHERE e.type = 'meeting'") != -1,
         1);
  /* The process: doc 1 named none, doc 2 names Astana: the merged
   * meeting keeps the first one named. */
  INT_EQ(count(st, "SELECT count(*) FROM events WHERE process = 'Astana'"),
         1);
  /* Any spelling finds Russia: English, Arabic with or without hamza. */
  {
    const char *names[] = {"russia", "روسيا", "RUSSIA", "state:RU"};
    for (int i = 0; i < 4; i++) {
      long long *ids = NULL;
      size_t n = 0;
      INT_EQ(pl_store__find_actor(st, names[i], &ids, &n, &err), 0);
      INT_EQ(n, 1);
      free(ids);
    }
    long long *ids = NULL;
    size_t n = 0;
    INT_EQ(pl_store__find_actor(st, "ايران", &ids, &n, &err), 0);
    INT_EQ(n, 1);
    free(ids);
  }

  /* Persons: a full name matches across documents; a shared surname does
   * not merge two people; a lone surname attaches only when unique. */
  {
    const char *a1[] = {"Sergey Lavrov", "Alexander Lavrentiev"};
    const char *a2[] = {"Ivan Lavrov"};
    const char *a3[] = {"Lavrentiev"};
    pl_error_clear(&err);
    INT_EQ(add_people(st, "p1", "Sergey Lavrov met Alexander Lavrentiev.", a1,
                      2, 1, &err),
           0);
    INT_EQ(add_people(st, "p2", "Ivan Lavrov spoke.", a2, 1, 0, &err), 0);
    INT_EQ(add_people(st, "p3", "Lavrentiev said so.", a3, 1, 0, &err), 0);
    INT_EQ(count(st, "SELECT count(*) FROM entities WHERE type = 'person'"),
           3);
    INT_EQ(count(st, "SELECT count(*) FROM entities WHERE name LIKE "
                     "'%Lavrov'"),
           2);
    INT_EQ(count(st, "SELECT sum(n) FROM mentions m JOIN entities e ON e.id"
                     " = m.entity_id WHERE e.name = 'Alexander Lavrentiev'"),
           3);
  }

  /* Timeline: date order, undated last; actor filter by any spelling. */
  rows rs;
  memset(&rs, 0, sizeof rs);
  INT_EQ(pl_query_timeline(st, NULL, collect, &rs, &err), 0);
  INT_EQ(rs.n, 5);
  STR_EQ(rs.text[0], "2018-11-28|delegation|Alexander Lavrentiev, "
                     "Russia|astana-en.txt");
  /* Same start: the shorter event first, then by type. */
  STR_EQ(rs.text[1], "2018-11-28|proposal|Russia, Turkey|astana-en.txt");
  STR_EQ(rs.text[2], "2018-11-28|role|Alexander Lavrentiev, Russia|"
                     "astana-en.txt");
  STR_EQ(rs.text[3], "2018-11-28|meeting|Russia, Iran, Turkey|astana-ar.txt; "
                     "astana-en.txt");
  STR_EQ(rs.text[4], "-|meeting|Sergey Lavrov, Alexander Lavrentiev|p1");
  {
    const char *who[] = {"إيران", "Turkey"};
    pl_timeline_query q = {who, 2, NULL, NULL, NULL};
    memset(&rs, 0, sizeof rs);
    INT_EQ(pl_query_timeline(st, &q, collect, &rs, &err), 0);
    INT_EQ(rs.n, 1);
    STR_EQ(rs.text[0], "2018-11-28|meeting|Russia, Iran, Turkey|"
                       "astana-ar.txt; astana-en.txt");
    const char *lav[] = {"alexander lavrentiev"};
    pl_timeline_query q2 = {lav, 1, "meeting", NULL, NULL};
    memset(&rs, 0, sizeof rs);
    INT_EQ(pl_query_timeline(st, &q2, collect, &rs, &err), 0);
    INT_EQ(rs.n, 1);
    pl_timeline_query q3 = {NULL, 0, NULL, "2018-11-29", NULL};
    memset(&rs, 0, sizeof rs);
    INT_EQ(pl_query_timeline(st, &q3, collect, &rs, &err), 0);
    INT_EQ(rs.n, 1); /* the meeting ran to the 29th */
    const char *nobody[] = {"Atlantis"};
    pl_timeline_query q4 = {nobody, 1, NULL, NULL, NULL};
    pl_error_clear(&err);
    INT_EQ(pl_query_timeline(st, &q4, collect, &rs, &err), PL_ENOTFOUND);
    pl_timeline_query q5 = {NULL, 0, NULL, "2018-13-01", NULL};
    pl_error_clear(&err);
    INT_EQ(pl_query_timeline(st, &q5, collect, &rs, &err), PL_EUSAGE);
  }
  int nact = 0;
  INT_EQ(pl_query_actors(st, NULL, count_actor, &nact, &err), 0);
  INT_EQ(nact, 6); /* 3 states, 3 persons; places are not listed */
  nact = 0;
  INT_EQ(pl_query_actors(st, "state", count_actor, &nact, &err), 0);
  INT_EQ(nact, 3);

  /* Views: the whole graph, then an actors-shaped ego network. */
  pl_view *v = NULL;
  INT_EQ(pl_store_view(st, NULL, &v, &err), 0);
  if (v) {
    pl_vnode nd;
    pl_vedge ed;
    int nn = 0, ne = 0, rc;
    long prev = 0;
    int ordered = 1;
    while ((rc = pl_view_next_node(v, &nd, &err)) == 1) {
      long id = atol(nd.id + 1);
      ordered &= id > prev;
      prev = id;
      nn++;
    }
    INT_EQ(rc, 0);
    OK(ordered);
    while ((rc = pl_view_next_edge(v, &ed, &err)) == 1)
      ne++;
    INT_EQ(nn, count(st, "SELECT count(*) FROM entities"));
    INT_EQ(ne, count(st, "SELECT count(*) FROM edges"));
    INT_EQ(pl_view_rewind(v, &err), 0);
    INT_EQ(pl_view_next_node(v, &nd, &err), 1);
    STR_EQ(nd.id, "e1");
    STR_EQ(nd.label, "روسيا");
    STR_EQ(nd.label_en, "Russia");
    OK(nd.process == NULL && nd.status == NULL && nd.precision == 0);
    /* The meeting: its process, status, precision; each participation
     * carries every report behind it, with its document. */
    int seen_meeting = 0, seen_both = 0;
    while ((rc = pl_view_next_node(v, &nd, &err)) == 1)
      if (!strcmp(nd.type, "meeting") && nd.round) {
        seen_meeting++;
        STR_EQ(nd.process, "Astana");
        STR_EQ(nd.round, "11");
        STR_EQ(nd.status, "held");
        INT_EQ(nd.precision, PL_PREC_DAY);
      }
    INT_EQ(seen_meeting, 1);
    while ((rc = pl_view_next_edge(v, &ed, &err)) == 1)
      if (!strcmp(ed.type, "participates_in") && !strcmp(ed.src, "e1")) {
        INT_EQ(ed.nevidence, 2);
        if (ed.nevidence == 2) {
          seen_both = 1;
          STR_EQ(ed.evidence_all[0].source, "astana-en.txt");
          STR_EQ(ed.evidence_all[0].doc, "d1");
          STR_EQ(ed.evidence_all[0].published, "2018-11-28");
          STR_EQ(ed.evidence_all[1].source, "astana-ar.txt");
          STR_EQ(ed.evidence, ed.evidence_all[0].sentence);
          STR_EQ(ed.source, "astana-en.txt");
          OK(strstr(ed.evidence_all[1].sentence, "اجتمع") != NULL);
        }
      }
    INT_EQ(rc, 0);
    OK(seen_both);
    pl_view_free(v);
  }
  {
    const char *who[] = {"Iran"};
    pl_view_query q = {"actors", who, 1, 1, NULL, NULL, NULL};
    v = NULL;
    INT_EQ(pl_store_view(st, &q, &v, &err), 0);
    if (v) {
      pl_vnode nd;
      pl_vedge ed;
      int nn = 0, rc, met = 0;
      while ((rc = pl_view_next_node(v, &nd, &err)) == 1)
        nn++;
      INT_EQ(nn, 3); /* Iran, Russia, Turkey */
      while ((rc = pl_view_next_edge(v, &ed, &err)) == 1) {
        STR_EQ(ed.type, "met");
        INT_EQ(ed.weight, 1);
        met++;
      }
      INT_EQ(met, 3);
      pl_view_free(v);
    }
    const char *nobody[] = {"Atlantis"};
    pl_view_query q2 = {NULL, nobody, 1, 1, NULL, NULL, NULL};
    pl_error_clear(&err);
    v = NULL;
    INT_EQ(pl_store_view(st, &q2, &v, &err), PL_ENOTFOUND);
    OK(v == NULL);
  }
  pl_store_close(st);
}

static void test_names(void) {
  const char *n[] = {"Russia", "Iran", "Turkey"};
  char buf[64];
  INT_EQ(pl_query_format_names(buf, sizeof buf, n, 3, NULL), 20);
  STR_EQ(buf, "Russia, Iran, Turkey");
  INT_EQ(pl_query_format_names(buf, 9, n, 3, NULL), 20);
  STR_EQ(buf, "Russia, ");
  INT_EQ(pl_query_width("روسيا"), 5);
  INT_EQ(pl_query_width("رُوسِيا"), 5);
  INT_EQ(pl_query_width("Önal"), 4);
  pl_buf k = {0};
  OK(pl_store__norm_key("  Al-Assad,  ", (size_t)-1, &k, NULL) == 0);
  STR_EQ(k.data, "al assad");
  k.len = 0;
  OK(pl_store__norm_key("أستانة", (size_t)-1, &k, NULL) == 0);
  STR_EQ(k.data, "استانه");
  pl_buf_free(&k);
}

/* The store's caches: strings, Latin keys (the same with or without the
 * cache), aliases of a batch. */
static void test_caches(void) {
  pl_strcache *c = NULL;
  OK(pl_strcache_get(c, "a", 1) == NULL);
  INT_EQ(pl_strcache_put(&c, "key one", 7, "value"), 0);
  STR_EQ(pl_strcache_get(c, "key one", 7), "value");
  OK(pl_strcache_get(c, "key on", 6) == NULL);
  INT_EQ(pl_strcache_put(&c, "key one", 7, "other"), 0);
  STR_EQ(pl_strcache_get(c, "key one", 7), "other");
  pl_strcache_clear(c);
  OK(pl_strcache_get(c, "key one", 7) == NULL);
  pl_strcache_free(c);

  pl_store *st = NULL;
  pl_error err = {0};
  INT_EQ(pl_store_open(&st, path_in("caches.db"), PL_STORE_CREATE, &err), 0);
  const char *name = "\xd8\xb3\xd8\xaa\xd9\x8a\xd9\x81\xd8\xa7\xd9\x86";
  pl_buf a = {0}, b = {0}, p = {0};
  INT_EQ(pl_store__latin_key(st, name, strlen(name), &a, &err), 0);
  OK(a.len > 0);
  OK(pl_strcache_get(st->latin, name, strlen(name)) != NULL);
  INT_EQ(pl_store__latin_key(st, name, strlen(name), &b, &err), 0);
  STR_EQ(b.data, a.data);
  /* into a buffer already holding text: computed, not cached */
  pl_buf_puts(&p, "x");
  INT_EQ(pl_store__latin_key(st, name, strlen(name), &p, &err), 0);
  OK(p.len > 1 && !strncmp(p.data, "x", 1));
  pl_buf_free(&a);
  pl_buf_free(&b);
  pl_buf_free(&p);
  /* finding an edge before adding evidence is one index look-up, not a
     scan of every edge of that type of the actor */
  sqlite3_stmt *q = NULL;
  OK(sqlite3_prepare_v2(st->db,
                        "EXPLAIN QUERY PLAN SELECT id FROM edges WHERE src = 1"
                        " AND dst IS 2 AND type = 'heads' AND attrs IS NULL"
                        " ORDER BY id LIMIT 1",
                        -1, &q, NULL) == SQLITE_OK);
  int indexed = 0;
  while (q && sqlite3_step(q) == SQLITE_ROW) {
    const char *d = (const char *)sqlite3_column_text(q, 3);
    indexed |= d && strstr(d, "(src=? AND type=? AND dst=?)") != NULL;
  }
  sqlite3_finalize(q);
  OK(indexed);
  pl_store_close(st);
}

/* Aliases this connection inserted stay cached from batch to batch (they
 * are not inserted again), until another connection writes: then the
 * cache is dropped, and an alias that connection deleted comes back. */
static void test_alias_cache(void) {
  pl_store *a = NULL, *b = NULL;
  pl_error err = {0};
  const char *names[] = {"Ahmad Qasim"};
  const char key[] = "qasim\x1f" "1";
  INT_EQ(pl_store_open(&a, path_in("aliases.db"), PL_STORE_CREATE, &err), 0);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  INT_EQ(add_people(a, "d1", "Ahmad Qasim spoke.", names, 1, 0, &err), 0);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  long long n = count(a, "SELECT count(*) FROM aliases");
  OK(n >= 2);
  INT_EQ(count(a, "SELECT count(*) FROM aliases WHERE norm_key = 'qasim'"
                  " AND entity_id = 1"), 1);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  OK(pl_strcache_get(a->aliases, key, sizeof key - 1) != NULL);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  /* another connection deletes the surname alias */
  INT_EQ(pl_store_open(&b, path_in("aliases.db"), 0, &err), 0);
  INT_EQ(sqlite3_exec(b->db, "DELETE FROM aliases WHERE norm_key = 'qasim'",
                      NULL, NULL, NULL), SQLITE_OK);
  pl_store_close(b);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  OK(pl_strcache_get(a->aliases, key, sizeof key - 1) == NULL);
  INT_EQ(add_people(a, "d2", "Ahmad Qasim left.", names, 1, 0, &err), 0);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  INT_EQ(count(a, "SELECT count(*) FROM aliases"), n);
  INT_EQ(count(a, "SELECT count(*) FROM entities"), 1);
  pl_store_close(a);
}

/* A document naming one state by its lexicon key (with an Arabic name, or
 * none); with fail, a role of an actor that does not exist makes it fail
 * after the state was resolved, so that it rolls back. */
static int add_keyed(pl_store *st, const char *id, const char *key,
                     const char *name_ar, int fail, pl_error *err) {
  static const char body[] = "Freedonia spoke.";
  pl_span span = sp(body, "Freedonia");
  pl_actor actor = {"Freedonia", name_ar, key, NULL, PL_ACTOR_STATE, &span,
                    1};
  pl_role role = {3, "envoy", 0, ev(body, "Freedonia", "en.role")};
  pl_doc d;
  pl_facts f;
  make_doc(&d, id, id, "2019-01-02", body);
  facts_init(&f, body, "2019-01-02");
  f.actors = &actor;
  f.nactors = 1;
  if (fail) {
    f.roles = &role;
    f.nroles = 1;
  }
  int added;
  return pl_store_add(st, &d, &f, &added, err);
}

/* What a batch keeps of entities (the entity of a lexicon key, the names
 * an entity has, whether user aliases exist) is what the store holds: it
 * is forgotten when a document rolls back and when another connection
 * wrote. */
static void test_entity_cache(void) {
  pl_store *a = NULL, *b = NULL;
  pl_error err = {0};
  INT_EQ(pl_store_open(&a, path_in("entities.db"), PL_STORE_CREATE, &err),
         0);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  /* made, cached, rolled back: the next document makes it again */
  OK(add_keyed(a, "k1", "state:FD", NULL, 1, &err) < 0);
  pl_error_clear(&err);
  INT_EQ(count(a, "SELECT count(*) FROM entities"), 0);
  INT_EQ(add_keyed(a, "k2", "state:FD", NULL, 0, &err), 0);
  INT_EQ(count(a, "SELECT count(*) FROM entities WHERE key = 'state:FD'"), 1);
  INT_EQ(count(a, "SELECT count(*) FROM mentions m JOIN entities e ON"
                  " e.id = m.entity_id WHERE e.key = 'state:FD'"),
         1);
  /* the first Arabic name given fills it; a later one changes nothing */
  INT_EQ(add_keyed(a, "k3", "state:FD", "ÙØ¯", 0, &err), 0);
  INT_EQ(add_keyed(a, "k4", "state:FD", "ÙØ±", 0, &err), 0);
  INT_EQ(count(a, "SELECT count(*) FROM entities WHERE key = 'state:FD' AND"
                  " name_ar = 'ÙØ¯'"),
         1);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  INT_EQ(count(a, "SELECT count(*) FROM mentions"), 3);
  /* another connection gives the key to a new entity */
  INT_EQ(pl_store_open(&b, path_in("entities.db"), 0, &err), 0);
  INT_EQ(sqlite3_exec(b->db,
                      "UPDATE entities SET key = NULL WHERE key ="
                      " 'state:FD'; INSERT INTO entities(type, name, key)"
                      " VALUES('state', 'Freedonia', 'state:FD')",
                      NULL, NULL, NULL),
         SQLITE_OK);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  INT_EQ(add_keyed(a, "k5", "state:FD", "ÙØ±", 0, &err), 0);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  INT_EQ(count(a, "SELECT count(*) FROM mentions m JOIN entities e ON"
                  " e.id = m.entity_id WHERE e.key = 'state:FD' AND"
                  " m.doc_id = 'k5' AND e.name_ar = 'ÙØ±'"),
         1);

  /* "Abu Karim" first stands for a person of his own (e3); the other
   * connection makes it a user alias of Sami Nour (e4), which from then on
   * wins over the plain alias of e3 */
  const char *abu[] = {"Abu Karim"}, *sami[] = {"Sami Nour"};
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  INT_EQ(add_people(a, "u1", "Abu Karim spoke.", abu, 1, 0, &err), 0);
  INT_EQ(add_people(a, "u2", "Sami Nour spoke.", sami, 1, 0, &err), 0);
  INT_EQ(add_people(a, "u3", "Abu Karim left.", abu, 1, 0, &err), 0);
  INT_EQ(a->user_aliases, 0);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  INT_EQ(count(a, "SELECT count(*) FROM mentions m JOIN entities e ON"
                  " e.id = m.entity_id WHERE e.name = 'Abu Karim'"),
         2);
  INT_EQ(pl_store_alias_add(b, "Sami Nour", "Abu Karim", &err), 0);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  INT_EQ(add_people(a, "u4", "Abu Karim came back.", abu, 1, 0, &err), 0);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  INT_EQ(count(a, "SELECT count(*) FROM mentions m JOIN entities e ON"
                  " e.id = m.entity_id WHERE e.name = 'Sami Nour' AND"
                  " m.doc_id = 'u4'"),
         1);
  /* a correction on this connection itself is not missed either */
  INT_EQ(pl_store_alias_add(a, "Sami Nour", "Karim Sami", &err), 0);
  INT_EQ(a->user_aliases, -1);
  pl_store_close(b);
  pl_store_close(a);
}

/* Inside a batch, bad facts are refused before anything is written (the
 * batch goes on); a write that fails past the checks (here the file may
 * not grow) rolls the whole batch back and ends it, and adding the same
 * documents again stores them. */
static void test_batch_failure(void) {
  pl_store *a = NULL;
  pl_error err = {0};
  const char *one[] = {"Lina Haddad"}, *two[] = {"Karim Nasser"};
  char big[20000]; /* overflow pages: the file must grow */
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  memcpy(big, "Karim Nasser", 12);
  INT_EQ(pl_store_open(&a, path_in("fail.db"), PL_STORE_CREATE, &err), 0);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  INT_EQ(pl_store_batch_open(a), 1);
  INT_EQ(add_people(a, "f1", "Lina Haddad spoke.", one, 1, 0, &err), 0);
  INT_EQ(pl_store_has_document(a, "f1", &err), 1); /* in the open batch */
  OK(add_keyed(a, "f2", "state:FD", NULL, 1, &err) == PL_EINPUT);
  INT_EQ(pl_store_has_document(a, "f2", &err), 0); /* refused: not there */
  INT_EQ(pl_store_batch_open(a), 1); /* refused whole: the batch goes on */
  pl_error_clear(&err);
  INT_EQ(count(a, "SELECT count(*) FROM documents"), 1);
  long long pages = count(a, "PRAGMA page_count");
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages);
  INT_EQ(count(a, sql), pages); /* the file may not grow */
  OK(add_people(a, "f3", big, two, 1, 0, &err) < 0);
  OK(strstr(err.msg, "the documents of the open batch were not stored") !=
     NULL);
  INT_EQ(pl_store_batch_open(a), 0);
  INT_EQ(count(a, "SELECT count(*) FROM documents"), 0);
  INT_EQ(count(a, "SELECT count(*) FROM entities"), 0);
  INT_EQ(pl_store_has_document(a, "f1", &err), 0); /* rolled back with it */
  pl_error_clear(&err);
  OK(count(a, "PRAGMA max_page_count = 1000000") > pages);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  INT_EQ(add_people(a, "f1", "Lina Haddad spoke.", one, 1, 0, &err), 0);
  INT_EQ(add_people(a, "f3", big, two, 1, 0, &err), 0);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  INT_EQ(count(a, "SELECT count(*) FROM documents"), 2);
  INT_EQ(count(a, "SELECT count(*) FROM entities"), 2);
  INT_EQ(count(a, "PRAGMA foreign_keys"), 1);
  pl_store_close(a);
}

/* The indexes only queries read: dropped before an ingest into an empty
 * store, built at the end, built by a writable open when an ingest left
 * them missing, never dropped from a store that holds documents. */
static void test_deferred_indexes(void) {
  static const char have_all[] =
      "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN"
      " ('entities_type', 'aliases_entity', 'evidence_doc', 'mentions_doc',"
      " 'merges_entity', 'documents_meta')";
  pl_store *a = NULL;
  pl_error err = {0};
  const char *one[] = {"Lina Haddad"};
  INT_EQ(pl_store_open(&a, path_in("defer.db"), PL_STORE_CREATE, &err), 0);
  INT_EQ(count(a, have_all), 6);
  INT_EQ(pl_store_defer_indexes(a, &err), 1);
  INT_EQ(count(a, have_all), 0);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  INT_EQ(pl_store_build_indexes(a, &err), PL_EUSAGE); /* not in a batch */
  pl_error_clear(&err);
  INT_EQ(add_people(a, "d1", "Lina Haddad spoke.", one, 1, 0, &err), 0);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  INT_EQ(pl_store_build_indexes(a, &err), 0);
  INT_EQ(count(a, have_all), 6);
  /* the entries of the rows added meanwhile are in them */
  INT_EQ(count(a, "SELECT count(*) FROM mentions INDEXED BY mentions_doc"
                  " WHERE doc_id = 'd1'"),
         1);
  INT_EQ(pl_store_defer_indexes(a, &err), 0); /* it holds a document now */
  INT_EQ(count(a, have_all), 6);
  /* a document's source and date are read through documents_meta, not
   * from its page: the planner is told both indexes match one row a key */
  INT_EQ(count(a, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'documents'"
                  " AND idx = 'documents_meta' AND stat = '1000000 1 1 1 1'"),
         1);
  /* an ingest that stopped before building them: the next writable open
   * builds them; a read-only one leaves them (and still answers) */
  INT_EQ(sqlite3_exec(a->db, "DROP INDEX mentions_doc", NULL, NULL, NULL),
         SQLITE_OK);
  pl_store_close(a);
  INT_EQ(pl_store_open(&a, path_in("defer.db"), PL_STORE_READONLY, &err), 0);
  INT_EQ(count(a, have_all), 5);
  INT_EQ(count(a, "SELECT count(*) FROM mentions WHERE doc_id = 'd1'"), 1);
  {
    sqlite3_stmt *s = NULL;
    OK(sqlite3_prepare_v2(a->db,
                          "EXPLAIN QUERY PLAN SELECT d.source FROM evidence x"
                          " JOIN documents d ON d.id = x.doc_id",
                          -1, &s, NULL) == SQLITE_OK);
    int covered = 0;
    while (s && sqlite3_step(s) == SQLITE_ROW)
      covered |= strstr((const char *)sqlite3_column_text(s, 3),
                        "COVERING INDEX documents_meta") != NULL;
    sqlite3_finalize(s);
    OK(covered);
  }
  pl_store_close(a);
  INT_EQ(pl_store_open(&a, path_in("defer.db"), 0, &err), 0);
  INT_EQ(count(a, have_all), 6);
  pl_store_close(a);
}

/* A user's merge applied inside an ingest batch, where foreign keys are
 * not enforced (pl_store_batch_begin), leaves no row of the merged entity
 * behind: what the cascades would delete is deleted. */
static void test_merge_in_batch(void) {
  pl_store *a = NULL, *b = NULL;
  pl_error err = {0};
  const char *abu[] = {"Abu Karim"}, *sami[] = {"Sami Nour"},
             *omar[] = {"Omar Haddad"};
  INT_EQ(pl_store_open(&a, path_in("merge.db"), PL_STORE_CREATE, &err), 0);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  INT_EQ(add_people(a, "m1", "Abu Karim spoke.", abu, 1, 0, &err), 0);
  INT_EQ(add_people(a, "m2", "Sami Nour spoke.", sami, 1, 0, &err), 0);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  long long gone =
      count(a, "SELECT id FROM entities WHERE name = 'Abu Karim'");
  OK(gone > 0);
  OK(count(a, "SELECT count(*) FROM aliases a JOIN entities e ON e.id ="
              " a.entity_id WHERE e.name = 'Abu Karim'") > 0);
  /* another connection records the merge; the next document applies it */
  INT_EQ(pl_store_open(&b, path_in("merge.db"), 0, &err), 0);
  INT_EQ(sqlite3_exec(b->db,
                      "INSERT INTO corrections(op, a, b, created) VALUES("
                      "'merge', 'Sami Nour', 'Abu Karim', '2026-11-29')",
                      NULL, NULL, NULL),
         SQLITE_OK);
  pl_store_close(b);
  INT_EQ(pl_store_batch_begin(a, &err), 0);
  INT_EQ(add_people(a, "m3", "Omar Haddad spoke.", omar, 1, 0, &err), 0);
  INT_EQ(pl_store_batch_commit(a, &err), 0);
  INT_EQ(count(a, "SELECT count(*) FROM entities WHERE name = 'Abu Karim'"),
         0);
  char sql[128];
  static const char *const tables[] = {"aliases", "mentions", "merges",
                                       "events"};
  for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE entity_id = %lld",
             tables[i], gone);
    INT_EQ(count(a, sql), 0);
  }
  INT_EQ(count(a, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  INT_EQ(count(a, "SELECT count(*) FROM mentions m JOIN entities e ON"
                  " e.id = m.entity_id WHERE e.name = 'Sami Nour'"),
         2);
  INT_EQ(count(a, "PRAGMA foreign_keys"), 1); /* on again after the batch */
  pl_store_close(a);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/parley-store-XXXXXX");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  test_names();
  test_caches();
  test_alias_cache();
  test_entity_cache();
  test_merge_in_batch();
  test_batch_failure();
  test_deferred_indexes();
  test_refusals();
  test_migration();
  test_store();
  int rc = HARNESS_DONE();
  if (rc == 0) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
      fprintf(stderr, "could not remove %s\n", dir);
  } else {
    fprintf(stderr, "files kept in %s\n", dir);
  }
  return rc;
}
