/* The store's errors in words a user can act on: SQLite reports a full
 * disk (or a file past its size limit) as "database or disk is full" or
 * "disk I/O error"; the store says "disk full or file too large". A full
 * disk is stood for by max_page_count, which SQLite meets with
 * SQLITE_FULL, as it meets ENOSPC. Also the query-side date check: a day
 * the calendar lacks is no date. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include "harness.h"
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_full(const char *dir) {
  char path[128];
  snprintf(path, sizeof path, "%s/full.db", dir);
  pl_error err;
  pl_error_clear(&err);
  pl_store *st = NULL;
  INT_EQ(pl_store_open(&st, path, PL_STORE_CREATE, &err), 0);
  if (!st)
    return;
  long long pages = 0;
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(st->db, "PRAGMA page_count", -1, &s, NULL) ==
          SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    pages = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  OK(pages > 0);
  char sql[96];
  snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages + 2);
  INT_EQ(pl_store__exec(st, sql, &err), 0);
  /* Through pl_store__exec (sqlite3_exec's message)... */
  int rc = pl_store__exec(st,
                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT"
                          " i + 1 FROM n WHERE i < 2000) INSERT INTO"
                          " documents(id, body, ingested_at) SELECT"
                          " 'd' || i, zeroblob(4000), 'now' FROM n",
                          &err);
  INT_EQ(rc, PL_EDB);
  STR_EQ(err.msg, "disk full or file too large");
  STR_EQ(err.where, path);
  /* ... and through a statement (pl_store__dberr). */
  pl_error_clear(&err);
  s = pl_store__stmt(st, S_DOC_INSERT, &err);
  OK(s != NULL);
  if (s) {
    static char body[300000];
    memset(body, 'x', sizeof body - 1);
    sqlite3_bind_text(s, 1, "big", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, body, -1, SQLITE_STATIC);
    OK(sqlite3_step(s) != SQLITE_DONE);
    sqlite3_reset(s);
    INT_EQ(pl_store__dberr(st, &err, "write"), PL_EDB);
    STR_EQ(err.msg, "write: disk full or file too large");
  }
  pl_store_close(st);
  unlink(path);
  char wal[160];
  snprintf(wal, sizeof wal, "%s-wal", path);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", path);
  unlink(wal);
}

static void test_dates(void) {
  pl_error err;
  pl_error_clear(&err);
  INT_EQ(pl_store__check_date("2020-02-29", "--from", &err), 0);
  INT_EQ(pl_store__check_date(NULL, "--from", &err), 0);
  INT_EQ(pl_store__check_date("2018-02-31", "--from", &err), PL_EUSAGE);
  STR_EQ(err.msg, "--from: '2018-02-31' is not a date (no such day)");
  pl_error_clear(&err); /* the first error is kept */
  INT_EQ(pl_store__check_date("2019-02-29", "--to", &err), PL_EUSAGE);
  STR_EQ(err.msg, "--to: '2019-02-29' is not a date (no such day)");
  INT_EQ(pl_store__check_date("2018-04-31", "--to", &err), PL_EUSAGE);
  pl_error_clear(&err);
  INT_EQ(pl_store__check_date("28 Nov 2018", "--to", &err), PL_EUSAGE);
  STR_EQ(err.msg, "--to: '28 Nov 2018' is not a date (YYYY-MM-DD)");
}

int main(void) {
  char dir[64];
  snprintf(dir, sizeof dir, "/tmp/parley-full-XXXXXX");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  test_full(dir);
  test_dates();
  rmdir(dir);
  return HARNESS_DONE();
}
