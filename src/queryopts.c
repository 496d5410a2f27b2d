#include "queryopts.h"

#include "cli.h"

#include <assert.h>
#include <parley/query.h>
#include <stdlib.h>
#include <string.h>

static int handle(queryopts *q, int c, int argc, char **argv) {
  switch (c) {
  case 'd':
    q->db = optarg;
    return QUERYOPTS_MORE;
  case 'a': {
    const char **p = realloc(q->actors, (q->nactors + 1) * sizeof *p);
    if (!p)
      return cli_fail(NULL, "out of memory");
    q->actors = p;
    q->actors[q->nactors++] = optarg;
    return QUERYOPTS_MORE;
  }
  case 'F':
    if (cli_date_arg(argv[0], "--from", optarg, 1, NULL))
      return EXIT_USAGE;
    q->from = optarg;
    return QUERYOPTS_MORE;
  case 'T':
    if (cli_date_arg(argv[0], "--to", optarg, 1, NULL))
      return EXIT_USAGE;
    q->to = optarg;
    return QUERYOPTS_MORE;
  case 'f':
    if (!strcmp(optarg, "table"))
      q->format = QFMT_TABLE;
    else if (!strcmp(optarg, "json"))
      q->format = QFMT_JSON;
    else if (!strcmp(optarg, "csv"))
      q->format = QFMT_CSV;
    else
      return cli_usage(argv[0], "unknown format '%s' (table, json or csv)",
                       optarg);
    return QUERYOPTS_MORE;
  case 'o':
    q->output = optarg;
    return QUERYOPTS_MORE;
  case 'h':
    fputs(q->help, stdout);
    return EXIT_OK;
  default:
    return cli_bad_option(argv[0]);
  }
}

int queryopts_handle(queryopts *q, int c, int argc, char **argv) {
  int rc = handle(q, c, argc, argv);
  if (rc != QUERYOPTS_MORE)
    queryopts_free(q);
  return rc;
}

int queryopts_parse(queryopts *q, int argc, char **argv, const char *optstring,
                    const struct option *longopts) {
  int c, rc;
  optind = 1;
  while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1)
    if ((rc = queryopts_handle(q, c, argc, argv)) != QUERYOPTS_MORE)
      return rc;
  return QUERYOPTS_MORE;
}

int queryopts_no_operands(queryopts *q, int argc, char **argv) {
  if (optind >= argc)
    return QUERYOPTS_MORE;
  queryopts_free(q);
  return cli_usage(argv[0], "unexpected argument '%s'", argv[optind]);
}

void queryopts_free(queryopts *q) {
  free(q->actors);
  q->actors = NULL;
  q->nactors = 0;
}

int queryopts_store(queryopts *q, pl_store **st) {
  pl_error err;
  pl_error_clear(&err);
  *st = NULL;
  if (!q->db)
    q->db = pl_store_default_path();
  int r = pl_store_open(st, q->db, PL_STORE_READONLY, &err);
  if (r >= 0)
    return EXIT_OK;
  queryopts_free(q);
  if (r == PL_ENOTFOUND)
    return cli_fail(q->db, "no such store (run 'parley ingest' first)");
  return cli_report(&err, q->db);
}

int queryopts_fail(const queryopts *q, const char *cmd, const pl_error *err) {
  if (err->code == PL_EUSAGE)
    return cli_usage(cmd, "%s", err->msg);
  return cli_report(err, q->db);
}

const char *queryopts_out_name(const queryopts *q) {
  return q->output ? q->output : "stdout";
}

int queryopts_close(const queryopts *q, FILE *out, int check, int rc) {
  if (check && (fflush(out) != 0 || ferror(out)))
    rc = cli_fail(queryopts_out_name(q), "write failed");
  if (out != stdout)
    fclose(out);
  return rc;
}

int queryout_open(queryout *o, queryopts *q, pl_store **st, size_t ncols,
                  const char *const *head, const char *csv_head) {
  int rc = queryopts_store(q, st);
  if (rc != EXIT_OK)
    return rc;
  pl_error err;
  pl_error_clear(&err);
  o->format = q->format;
  if (o->format == QFMT_TABLE && head &&
      pl_qtable_new(&o->table, ncols, head, &err) < 0)
    rc = cli_report(&err, q->db);
  else if (!(o->out = cli_open_out(q->output)))
    rc = EXIT_FAIL;
  if (rc != EXIT_OK) {
    pl_qtable_free(o->table);
    o->table = NULL;
    pl_store_close(*st);
    *st = NULL;
    queryopts_free(q);
    return rc;
  }
  if (o->format == QFMT_CSV)
    fputs(csv_head, o->out);
  return EXIT_OK;
}

int queryout_end(queryout *o, queryopts *q, pl_store *st, const char *cmd,
                 pl_error *err, int r) {
  int rc;
  if (r < 0) {
    rc = cmd ? queryopts_fail(q, cmd, err) : cli_report(err, q->db);
    rc = queryopts_close(q, o->out, 0, rc);
  } else {
    if (o->format == QFMT_JSON)
      fputs(o->nrows ? "\n]\n" : "[]\n", o->out);
    else if (o->format == QFMT_TABLE && o->table)
      pl_qtable_write(o->table, o->out, err);
    rc = queryopts_close(q, o->out, 1, EXIT_OK);
  }
  o->out = NULL;
  pl_qtable_free(o->table);
  o->table = NULL;
  pl_store_close(st);
  queryopts_free(q);
  return rc;
}

char *queryopts_join(const char *const *v, size_t n, const char *sep) {
  size_t need = pl_query_format_names(NULL, 0, v, n, sep);
  char *s = malloc(need + 1);
  if (s)
    pl_query_format_names(s, need + 1, v, n, sep);
  return s;
}

void queryopts_span(char *buf, size_t cap, const char *from, const char *to) {
  if (!from)
    snprintf(buf, cap, "-");
  else if (!to || !strcmp(from, to))
    snprintf(buf, cap, "%s", from);
  else
    snprintf(buf, cap, "%s..%s", from, to);
}

int queryopts_rows_add(queryopts_rows *t, const char *const *cells,
                       pl_error *err) {
  if (t->nrows == t->cap) {
    size_t nc = t->cap ? t->cap * 2 : 64;
    char ***p = realloc(t->cells, nc * sizeof *p);
    if (!p)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    t->cells = p;
    t->cap = nc;
  }
  char **row = pl_arena_alloc(&t->arena, t->ncols * sizeof *row);
  if (!row)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  for (size_t i = 0; i < t->ncols; i++) {
    row[i] = pl_arena_strdup(&t->arena, cells[i] && *cells[i] ? cells[i] : "-");
    if (!row[i])
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  t->cells[t->nrows++] = row;
  return 0;
}

void queryopts_rows_print(const queryopts_rows *t, FILE *out,
                          const char *const *head, unsigned right) {
  size_t n = t->ncols, w[QUERYOPTS_MAXCOLS];
  assert(n <= QUERYOPTS_MAXCOLS);
  for (size_t i = 0; i < n; i++)
    w[i] = pl_query_width(head[i]);
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t i = 0; i < n; i++) {
      size_t x = pl_query_width(t->cells[r][i]);
      if (x > w[i])
        w[i] = x;
    }
  for (size_t r = 0; r <= t->nrows; r++) {
    const char *const *row =
        r == 0 ? head : (const char *const *)t->cells[r - 1];
    for (size_t i = 0; i < n; i++) {
      size_t pad = w[i] - pl_query_width(row[i]);
      int alr = i < 8 * sizeof right && (right >> i & 1u);
      if (alr)
        for (size_t k = 0; k < pad; k++)
          fputc(' ', out);
      fputs(row[i], out);
      if (i + 1 < n)
        for (size_t k = 0; k < (alr ? 0 : pad) + 2; k++)
          fputc(' ', out);
    }
    fputc('\n', out);
  }
}

void queryopts_rows_free(queryopts_rows *t) {
  free(t->cells);
  pl_arena_free(&t->arena);
  t->cells = NULL;
  t->nrows = t->cap = 0;
}
