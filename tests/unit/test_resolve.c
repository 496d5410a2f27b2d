/* Resolution internals: cross-script name keys, the strict JSON reader,
 * facts loaded from JSON (errors naming file and line), conflicting event
 * dates kept as claims, and corrections (merge, alias, rename) that hold
 * for documents added later. */
#include "harness.h"
#include "json.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/uclean.h>

static char dir[64];

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

/* The Latin skeleton of name (folded first), in a static buffer. */
static const char *latin(pl_store *st, const char *name) {
  static char out[128];
  pl_buf k = {0}, l = {0};
  out[0] = '\0';
  if (pl_store__norm_key(name, (size_t)-1, &k, NULL) == 0 &&
      pl_store__latin_key(st, k.data ? k.data : "", k.len, &l, NULL) == 0 &&
      l.data)
    snprintf(out, sizeof out, "%s", l.data);
  pl_buf_free(&k);
  pl_buf_free(&l);
  return out;
}

static const char *arabic(const char *name) {
  static char out[128];
  pl_buf k = {0}, l = {0};
  out[0] = '\0';
  if (pl_store__norm_key(name, (size_t)-1, &k, NULL) == 0 &&
      pl_store__arabic_key(k.data ? k.data : "", k.len, &l, NULL) == 0 &&
      l.data)
    snprintf(out, sizeof out, "%s", l.data);
  pl_buf_free(&k);
  pl_buf_free(&l);
  return out;
}

static void test_keys(pl_store *st) {
  STR_EQ(latin(st, "ستيفان دي ميستورا"), "stfn d mstr");
  STR_EQ(latin(st, "ستفان دي ميستورا"), "stfn d mstr");
  STR_EQ(latin(st, "Staffan de Mistura"), "stfn d mstr");
  char lavrov[128];
  snprintf(lavrov, sizeof lavrov, "%s", latin(st, "سيرغي لافروف"));
  STR_EQ(lavrov, latin(st, "Sergei Lavrov"));
  /* Different given names stay different. */
  char anna[128];
  snprintf(anna, sizeof anna, "%s", latin(st, "Anna Lavrov"));
  OK(strcmp(anna, latin(st, "Sergei Lavrov")) != 0);
  STR_EQ(latin(st, "Jaafari"), "jfr");
  STR_EQ(latin(st, "الجعفري"), "ljfr");
  STR_EQ(arabic("ستيفان دي ميستورا"), "ستفن د مستر");
  STR_EQ(arabic("ستفان دي ميستورا"), "ستفن د مستر");
  STR_EQ(arabic("Staffan de Mistura"), ""); /* no Arabic letters */
}

static void test_json(void) {
  pl_arena a = {0};
  pl_json *v = NULL;
  size_t pos = 0;
  const char *why = NULL;
  const char ok[] = " {\"a\": [1, -2.5e1, true, false, null], \"b\": "
                    "\"x\\u00e9\\ud83d\\ude00\\n\", \"a\": 3} ";
  INT_EQ(pl_json_parse(&a, ok, strlen(ok), &v, &pos, &why), 0);
  OK(v && v->type == PL_JSON_OBJECT && v->n == 3);
  const pl_json *arr = pl_json_get(v, "a"); /* the first member wins */
  OK(arr && arr->type == PL_JSON_ARRAY && arr->n == 5);
  if (arr && arr->n == 5) {
    OK(arr->items[1]->num == -25.0);
    INT_EQ(arr->items[2]->type, PL_JSON_TRUE);
    INT_EQ(arr->items[4]->type, PL_JSON_NULL);
  }
  STR_EQ(pl_json_get_str(v, "b"), "x\xc3\xa9\xf0\x9f\x98\x80\n");
  OK(pl_json_get_str(v, "a") == NULL);
  static const struct {
    const char *text;
    size_t pos;
    const char *why;
  } bad[] = {
      {"{\"a\": 1,}", 8, "expected a member name in quotes"},
      {"[1, 2", 5, "expected ',' or ']'"},
      {"\"abc", 4, "unterminated string"},
      {"\"a\\qb\"", 3, "an unknown escape in a string"},
      {"{} x", 3, "text after the JSON value"},
      {"01", 1, "text after the JSON value"},
      {"\"\xff\"", 1, "invalid UTF-8 in a string"},
      {"\"\x01\"", 1, "a control character inside a string"},
      {"nul", 0, "an unexpected character"},
      {"", 0, "unexpected end of input"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    why = NULL;
    INT_EQ(pl_json_parse(&a, bad[i].text, strlen(bad[i].text), &v, &pos,
                         &why),
           PL_EINPUT);
    INT_EQ(pos, bad[i].pos);
    STR_EQ(why, bad[i].why);
    OK(v == NULL);
  }
  char deep[600];
  memset(deep, '[', 300);
  memset(deep + 300, ']', 300);
  INT_EQ(pl_json_parse(&a, deep, 600, &v, &pos, &why), PL_EINPUT);
  STR_EQ(why, "nesting too deep");
  pl_arena_free(&a);
}

static int load(pl_store *st, const char *name, const char *text,
                pl_error *err) {
  return pl_store_load_json(st, name, text, strlen(text), NULL, NULL, err);
}

static void test_load_errors(pl_store *st) {
  pl_error err = {0};
  const char good[] =
      "{\"article\": \"g1\", \"published\": \"2019-01-01\", \"actors\": "
      "[{\"name\": \"Russia\", \"type\": \"state\", \"key\": \"state:RU\", "
      "\"mentions\": [\"Russia\"], \"offsets\": [[0, 6]]}]}\n";
  char text[1024];
  snprintf(text, sizeof text, "%s\n{\"article\": \"g2\", \"actors\": [{\"name\":"
           " \"X\", \"type\": \"spaceship\"}]}\n", good);
  INT_EQ(load(st, "facts.jsonl", text, &err), PL_EINPUT);
  STR_EQ(err.where, "facts.jsonl:3");
  STR_EQ(err.msg, "actor 'X' has no known type");
  /* The good line before it stays loaded. */
  INT_EQ(count(st, "SELECT count(*) FROM documents WHERE source = 'g1'"), 1);
  pl_error_clear(&err);
  INT_EQ(load(st, "f.json", "{\"article\": \"g3\", \"actors\": [], "
                            "\"meetings\": [{\"participants\": [], "
                            "\"offsets\": [5, 2]}]}",
              &err),
         PL_EINPUT);
  STR_EQ(err.msg, "a meeting: offsets out of range");
  pl_error_clear(&err);
  INT_EQ(load(st, "f.json", "{\"article\": \"g4\", \"published\": \"soon\","
                            " \"actors\": []}",
              &err),
         PL_EINPUT);
  STR_EQ(err.msg, "published: 'soon' is not a date (YYYY-MM-DD)");
  pl_error_clear(&err);
  INT_EQ(load(st, "p.json", "{\n  \"article\": \"g5\",\n  \"actors\": [\n}",
              &err),
         PL_EINPUT);
  STR_EQ(err.where, "p.json:4");
  pl_error_clear(&err);
  INT_EQ(load(st, "e.json", " \n ", &err), PL_EEMPTY);
  pl_error_clear(&err);
  INT_EQ(load(st, "n.json", "[1, 2]", &err), PL_EINPUT);
  STR_EQ(err.msg, "input: expected a JSON object of facts");
}

/* One meeting of A and B at place P in round R on date D, as one article
 * (named name) reports it. */
static int meeting(pl_store *st, const char *name, const char *a,
                   const char *b, const char *place, const char *round,
                   const char *date, pl_error *err) {
  char text[1024];
  size_t la = strlen(a), lb = strlen(b);
  snprintf(text, sizeof text,
           "{\"article\": \"%s\", \"published\": \"%s\", \"actors\": ["
           "{\"name\": \"%s\", \"type\": \"person\", \"mentions\": [\"%s\"],"
           " \"offsets\": [[0, %zu]]}, {\"name\": \"%s\", \"type\": "
           "\"person\", \"mentions\": [\"%s\"], \"offsets\": [[%zu, %zu]]}],"
           " \"meetings\": [{\"participants\": [\"%s\", \"%s\"], \"kind\": "
           "\"bilateral\", \"place\": \"%s\", \"round\": %s%s%s, \"date\": "
           "\"%s\", \"offsets\": [0, %zu], \"rule\": \"test\"}]}",
           name, date, a, a, la, b, b, la + 1, la + 1 + lb, a, b, place,
           round ? "\"" : "", round ? round : "null", round ? "\"" : "", date,
           la + 1 + lb);
  return load(st, name, text, err);
}

static void test_events_and_corrections(pl_store *st) {
  pl_error err = {0};
  /* Two sources, two dates, one round: one meeting, both claims. */
  INT_EQ(meeting(st, "m1", "Sergei Lavrov", "Mevlut Cavusoglu", "Astana",
                 "11", "2018-11-28", &err),
         0);
  INT_EQ(meeting(st, "m2", "سيرغي لافروف", "Mevlut Cavusoglu", "Astana",
                 "11", "2018-11-29", &err),
         0);
  INT_EQ(count(st, "SELECT count(*) FROM entities WHERE type = 'meeting'"),
         1);
  INT_EQ(count(st, "SELECT count(DISTINCT date_from) FROM event_claims"), 2);
  INT_EQ(count(st, "SELECT count(*) FROM events WHERE date_from = "
                   "'2018-11-28' AND date_to = '2018-11-28'"),
         1);
  /* The same pair a month later, no round: another meeting. */
  INT_EQ(meeting(st, "m3", "Sergei Lavrov", "Mevlut Cavusoglu", "Astana",
                 NULL, "2018-12-30", &err),
         0);
  INT_EQ(count(st, "SELECT count(*) FROM entities WHERE type = 'meeting'"),
         2);
  /* Names that do not meet by themselves; a user merges them. */
  INT_EQ(meeting(st, "m4", "مولود جاويش", "Sergei Lavrov", "Moscow", NULL,
                 "2019-03-04", &err),
         0);
  INT_EQ(count(st, "SELECT count(*) FROM entities WHERE type = 'person'"), 3);
  pl_error_clear(&err);
  INT_EQ(pl_store_merge(st, "Mevlut Cavusoglu", "Mevlut Cavusoglu", &err),
         PL_EUSAGE);
  pl_error_clear(&err);
  INT_EQ(pl_store_merge(st, "Mevlut Cavusoglu", "nobody at all", &err),
         PL_ENOTFOUND);
  pl_error_clear(&err);
  INT_EQ(pl_store_merge(st, "Mevlut Cavusoglu", "مولود جاويش", &err), 0);
  INT_EQ(count(st, "SELECT count(*) FROM entities WHERE type = 'person'"), 2);
  INT_EQ(count(st, "SELECT count(*) FROM corrections"), 1);
  INT_EQ(pl_store_alias_add(st, "Mevlut Cavusoglu", "Çavuşoğlu", &err), 0);
  INT_EQ(pl_store_rename(st, "Mevlut Cavusoglu", "Mevlüt Çavuşoğlu", &err),
         0);
  /* A later article: the merged name and the alias route to him, the
   * rename holds. */
  INT_EQ(meeting(st, "m5", "مولود جاويش", "Çavuşoğlu", "Ankara", NULL,
                 "2019-04-01", &err),
         0);
  INT_EQ(count(st, "SELECT count(*) FROM entities WHERE type = 'person'"), 2);
  INT_EQ(count(st, "SELECT count(*) FROM entities WHERE name = "
                   "'Mevlüt Çavuşoğlu'"),
         1);
  pl_entity_names *n = NULL;
  INT_EQ(pl_store_names(st, "مولود جاويش", &n, &err), 0);
  if (n) {
    STR_EQ(n->name, "Mevlüt Çavuşoğlu");
    int merged = 0, aliased = 0;
    for (size_t i = 0; i < n->nnotes; i++) {
      merged |= !strcmp(n->notes[i].reason, "user merge (parley merge)");
      aliased |= !strcmp(n->notes[i].reason, "user alias (parley alias add)");
    }
    OK(merged && aliased);
  }
  pl_entity_names_free(n);
  /* Lavrov's two scripts met on the skeleton; why is recorded. */
  INT_EQ(count(st, "SELECT count(*) FROM merges WHERE reason LIKE "
                   "'same Latin consonant skeleton%'"),
         1);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/parley-resolve-XXXXXX");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  char path[128];
  snprintf(path, sizeof path, "%s/r.db", dir);
  pl_store *st = NULL;
  pl_error err = {0};
  INT_EQ(pl_store_open(&st, path, PL_STORE_CREATE, &err), 0);
  if (st) {
    test_keys(st);
    test_json();
    test_load_errors(st);
    test_events_and_corrections(st);
  }
  pl_store_close(st);
  char cmd[160];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", dir);
  u_cleanup();
  return HARNESS_DONE();
}
