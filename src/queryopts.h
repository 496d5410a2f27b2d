/* Options and output shared by the query commands (actors, timeline, show,
 * meetings, delegations, evidence, path, stats): --db, --format, --output,
 * --from, --to and --help, parsed in one place, the store opened read-only
 * and the output finished the same way by each. */
#ifndef PARLEY_QUERYOPTS_H
#define PARLEY_QUERYOPTS_H

#include "buf.h"

#include <getopt.h>
#include <parley/error.h>
#include <parley/query.h>
#include <parley/store.h>
#include <stdio.h>

enum { QFMT_TABLE, QFMT_JSON, QFMT_CSV };

typedef struct queryopts {
  const char *help;    /* the command's --help text */
  const char *db;      /* --db; the default path after queryopts_store */
  int format;          /* --format: QFMT_TABLE (default), QFMT_JSON, QFMT_CSV */
  const char *output;  /* -o/--output, or NULL for standard output */
  const char *from;    /* --from (YYYY-MM-DD), or NULL */
  const char *to;      /* --to (YYYY-MM-DD), or NULL */
  const char **actors; /* -a/--actor, repeatable (malloc'ed), or NULL */
  size_t nactors;      /* used in actors */
} queryopts;

/* Option table rows: --db first, the command's own options, then
 * QUERYOPTS_DATES where it takes them, then QUERYOPTS_TAIL. */
/* clang-format off */
#define QUERYOPTS_DB {"db", required_argument, NULL, 'd'}
#define QUERYOPTS_DATES                                                      \
  {"from", required_argument, NULL, 'F'},                                    \
  {"to", required_argument, NULL, 'T'}
#define QUERYOPTS_TAIL                                                       \
  {"format", required_argument, NULL, 'f'},                                  \
  {"output", required_argument, NULL, 'o'},                                  \
  {"help", no_argument, NULL, 'h'},                                          \
  {NULL, 0, NULL, 0}
/* clang-format on */

/* What queryopts_handle returns when parsing goes on. */
enum { QUERYOPTS_MORE = -1 };

/* Handles the getopt_long result c (with optarg) of the command argv[0]
 * when it is none of the command's own options: stores --db, --format,
 * --output, --from and --to in q (dates checked with cli_date_arg), adds
 * the argument of 'a' (-a/--actor; a command whose -a means something else
 * handles it first) to q->actors, and returns QUERYOPTS_MORE; prints
 * q->help to stdout for --help and returns EXIT_OK; reports a bad format or
 * date, or an unknown option or missing argument (cli_bad_option), and
 * returns EXIT_USAGE; reports running out of memory and returns EXIT_FAIL.
 * Whenever it returns an exit code it has freed q (queryopts_free). */
int queryopts_handle(queryopts *q, int c, int argc, char **argv);

/* Parses all of argv with getopt_long (optstring, longopts) for a command
 * with no options of its own but those queryopts_handle knows. Returns
 * QUERYOPTS_MORE with optind at the first operand, or the exit code. */
int queryopts_parse(queryopts *q, int argc, char **argv, const char *optstring,
                    const struct option *longopts);

/* For a command that takes no operands: returns QUERYOPTS_MORE when none
 * is left after optind, else frees q, reports "unexpected argument 'X'"
 * and returns EXIT_USAGE. */
int queryopts_no_operands(queryopts *q, int argc, char **argv);

/* Frees q->actors; q may then be used again. */
void queryopts_free(queryopts *q);

/* Opens the store q->db (NULL: pl_store_default_path(), written back to
 * q->db) read-only into *st. Returns EXIT_OK, or reports "no such store
 * (run 'parley ingest' first)" or the store's error, naming the store, and
 * returns the exit code (*st NULL) after freeing q (queryopts_free). */
int queryopts_store(queryopts *q, pl_store **st);

/* Reports a failed query of the command cmd: a PL_EUSAGE error as a usage
 * error (cli_usage), any other naming the store. Returns the exit code. */
int queryopts_fail(const queryopts *q, const char *cmd, const pl_error *err);

/* The name of the output in messages: q->output, or "stdout". */
const char *queryopts_out_name(const queryopts *q);

/* Finishes out (from cli_open_out(q->output)): when check, flushes it and
 * reports "parley: OUTPUT: write failed" if a write failed, returning
 * EXIT_FAIL; closes out unless it is stdout. Returns rc otherwise. */
int queryopts_close(const queryopts *q, FILE *out, int check, int rc);

/* The output of a command that lists rows: JSON and CSV rows are written
 * as they come, table rows held until the end. */
typedef struct queryout {
  FILE *out;        /* where rows go */
  int format;       /* QFMT_* */
  size_t nrows;     /* rows written */
  pl_qtable *table; /* table rows held until the end (QFMT_TABLE), or NULL */
} queryout;

/* Opens the store (queryopts_store) into *st, then begins the list o in
 * the format q asks for: for QFMT_TABLE with head not NULL, a table of
 * ncols columns headed by head; opens q->output (cli_open_out); for
 * QFMT_CSV writes the header line csv_head. Returns EXIT_OK, or reports
 * the error (naming the store for a table that cannot be made) and returns
 * the exit code, having closed the store and freed q. */
int queryout_open(queryout *o, queryopts *q, pl_store **st, size_t ncols,
                  const char *const *head, const char *csv_head);

/* Ends the list o of the command cmd whose query returned r (err set when
 * r < 0): after a failure, reports it (queryopts_fail; when cmd is NULL,
 * always naming the store with cli_report); else closes the JSON array
 * ("[]" when empty) or writes the table, then checks every write. Closes
 * the output (unless stdout) and the store st, frees the table and q.
 * Returns the exit code. */
int queryout_end(queryout *o, queryopts *q, pl_store *st, const char *cmd,
                 pl_error *err, int r);

/* Joins n strings with sep into a malloc'ed string (the caller frees it);
 * NULL when out of memory. */
char *queryopts_join(const char *const *v, size_t n, const char *sep);

/* Writes the dates from..to as a table shows them into buf (cap bytes):
 * "-" when from is NULL, "from" when to is NULL or the same, else
 * "from..to". */
void queryopts_span(char *buf, size_t cap, const char *from, const char *to);

enum { QUERYOPTS_MAXCOLS = 16 }; /* columns of a queryopts_rows at most */

/* Rows of text held until every column's width is known, for tables with
 * columns aligned right (pl_qtable aligns them all left). */
typedef struct queryopts_rows {
  size_t ncols;   /* cells a row, QUERYOPTS_MAXCOLS at most */
  char ***cells;  /* rows of ncols cells */
  size_t nrows;   /* rows held */
  size_t cap;     /* rows allocated in cells */
  pl_arena arena; /* the cells' text */
} queryopts_rows;

/* Adds a row of t->ncols cells (copied; NULL or "" becomes "-"). Returns 0,
 * or PL_ENOMEM with err set (t keeps its earlier rows). */
int queryopts_rows_add(queryopts_rows *t, const char *const *cells,
                       pl_error *err);

/* Writes head (t->ncols names) and the rows to out, columns two spaces
 * apart; a column whose bit is set in right (1 << i) is aligned right. */
void queryopts_rows_print(const queryopts_rows *t, FILE *out,
                          const char *const *head, unsigned right);

/* Frees t's rows; t may then be used again. */
void queryopts_rows_free(queryopts_rows *t);

#endif
