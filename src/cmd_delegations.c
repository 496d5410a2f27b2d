/* parley delegations — who headed whose delegation, round by round, as a
 * table, JSON or CSV. */
#include "cli.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},
    {"of", required_argument, NULL, 'a'},
    {"head", required_argument, NULL, 'H'},
    {"from", required_argument, NULL, 'F'},
    {"to", required_argument, NULL, 'T'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static void usage(FILE *out) {
  fputs(
      "Usage: parley delegations [OPTIONS]\n"
      "Lists who headed which delegation, in date then round order\n"
      "(undated last): one row per head, delegation, round and date, with\n"
      "the round taken from a meeting reported by the same article.\n"
      "\n"
      "Options:\n"
      "  --db FILE        the store (default: $PARLEY_DB, else ./parley.db)\n"
      "  -a, --of A       only the delegations of A (any spelling or script:\n"
      "                   Syria, سوريا, النظام, state:SY, or an id e4)\n"
      "  --head H         only delegations headed by H\n"
      "  --from DATE      delegations dated on or after DATE (YYYY-MM-DD)\n"
      "  --to DATE        delegations dated on or before DATE\n"
      "  -f, --format F   table (default), json or csv\n"
      "  -o, --output F   write to F instead of standard output\n"
      "  -h, --help       show this help\n"
      "\n"
      "A row's date is that of the meeting which gave its round, else the\n"
      "relation's own date, else the article's publication date.\n"
      "JSON: an array of delegation objects (docs/json-output.md): id,\n"
      "date, round, meeting_id, head, head_ar, head_id, of, of_id, sources.\n"
      "CSV (RFC 4180): a header row with id, date, round, meeting_id, head,\n"
      "head_ar, of, sources; lists joined with \"; \". No colour is used.\n"
      "\n"
      "Exit status: 0 success (also when nothing matches), 1 failure (no\n"
      "such store, unknown actor), 2 usage error.\n",
      out);
}

enum { FMT_TABLE, FMT_JSON, FMT_CSV };

typedef struct dl_out {
  FILE *out;        /* where rows go */
  int format;       /* FMT_* */
  size_t nrows;     /* rows written */
  pl_qtable *table; /* table rows held until the end */
} dl_out;

/* Joins n strings with sep into a malloc'ed string (NULL: out of memory). */
static char *join(const char *const *v, size_t n, const char *sep) {
  size_t need = pl_query_format_names(NULL, 0, v, n, sep);
  char *s = malloc(need + 1);
  if (s)
    pl_query_format_names(s, need + 1, v, n, sep);
  return s;
}

static int on_delegation(void *ctx, const pl_delegation_row *r, pl_error *err) {
  dl_out *o = ctx;
  int rc = 0;
  if (o->format == FMT_JSON) {
    fputs(o->nrows ? ",\n  " : "[\n  ", o->out);
    o->nrows++;
    if ((rc = pl_query_json_delegation(o->out, r)) < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
    return 0;
  }
  char *src = join(r->sources, r->nsources, "; ");
  if (!src) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  } else if (o->format == FMT_CSV) {
    const char *f[] = {r->id,   r->date,    r->round, r->meeting_id,
                       r->head, r->head_ar, r->of,    src};
    if (pl_query_csv_row(o->out, f, 8) < 0)
      rc = pl_error_set(err, PL_EIO, NULL, "cannot write the output");
  } else {
    const char *f[] = {r->id, r->date, r->round, r->of, r->head, src};
    rc = pl_qtable_add(o->table, f, err);
  }
  free(src);
  o->nrows++;
  return rc;
}

int cmd_delegations(int argc, char **argv) {
  const char *db = NULL, *output = NULL;
  pl_delegation_query q;
  memset(&q, 0, sizeof q);
  dl_out o;
  memset(&o, 0, sizeof o);
  int c, rc = EXIT_OK;
  optind = 1;
  while ((c = getopt_long(argc, argv, "a:f:o:h", options, NULL)) != -1) {
    switch (c) {
    case 'd':
      db = optarg;
      break;
    case 'a':
      q.of = optarg;
      break;
    case 'H':
      q.head = optarg;
      break;
    case 'F':
      if (cli_date_arg(argv[0], "--from", optarg, 1, NULL))
        return EXIT_USAGE;
      q.from = optarg;
      break;
    case 'T':
      if (cli_date_arg(argv[0], "--to", optarg, 1, NULL))
        return EXIT_USAGE;
      q.to = optarg;
      break;
    case 'f':
      if (!strcmp(optarg, "table"))
        o.format = FMT_TABLE;
      else if (!strcmp(optarg, "json"))
        o.format = FMT_JSON;
      else if (!strcmp(optarg, "csv"))
        o.format = FMT_CSV;
      else {
        return cli_usage(argv[0], "unknown format '%s' (table, json or csv)",
                         optarg);
      }
      break;
    case 'o':
      output = optarg;
      break;
    case 'h':
      usage(stdout);
      return EXIT_OK;
    default:
      return cli_bad_option(argv[0]);
    }
  }
  if (optind < argc) {
    return cli_usage(argv[0], "unexpected argument '%s'", argv[optind]);
  }
  if (!db)
    db = pl_store_default_path();

  pl_error err;
  pl_error_clear(&err);
  pl_store *st = NULL;
  int r = pl_store_open(&st, db, PL_STORE_READONLY, &err);
  if (r < 0) {
    if (r == PL_ENOTFOUND)
      return cli_fail(db, "no such store (run 'parley ingest' first)");
    return cli_report(&err, db);
  }
  static const char *const head[] = {"ID", "DATE", "ROUND",
                                     "OF", "HEAD", "SOURCES"};
  if (o.format == FMT_TABLE && pl_qtable_new(&o.table, 6, head, &err) < 0) {
    pl_store_close(st);
    return cli_report(&err, db);
  }
  o.out = cli_open_out(output);
  if (!o.out) {
    pl_qtable_free(o.table);
    pl_store_close(st);
    return EXIT_FAIL;
  }
  if (o.format == FMT_CSV)
    fputs("id,date,round,meeting_id,head,head_ar,of,sources\r\n", o.out);
  r = pl_query_delegations(st, &q, on_delegation, &o, &err);
  if (r < 0) {
    rc = err.code == PL_EUSAGE ? cli_usage(argv[0], "%s", err.msg)
                               : cli_report(&err, db);
  } else {
    if (o.format == FMT_JSON)
      fputs(o.nrows ? "\n]\n" : "[]\n", o.out);
    else if (o.format == FMT_TABLE)
      pl_qtable_write(o.table, o.out, &err);
    if (fflush(o.out) != 0 || ferror(o.out))
      rc = cli_fail(output ? output : "stdout", "write failed");
  }
  if (o.out != stdout)
    fclose(o.out);
  pl_qtable_free(o.table);
  pl_store_close(st);
  return rc;
}
