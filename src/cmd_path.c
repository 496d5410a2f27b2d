/* parley path — the shortest chain of dated relations between two actors,
 * one hop a line, as a table, JSON or CSV. */
#include "cli.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},
    {"max-depth", required_argument, NULL, 'm'},
    {"from", required_argument, NULL, 'F'},
    {"to", required_argument, NULL, 'T'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static void usage(FILE *out) {
  fputs(
      "Usage: parley path [OPTIONS] A B\n"
      "Finds a shortest chain of relations between the actors A and B\n"
      "(any spelling or script, a lexicon key such as state:TR, or an id\n"
      "such as e12) and prints it one hop a line: the edge, its type and\n"
      "direction, its dates and its sources. Relations are taken in either\n"
      "direction; meetings and proposals are steps of the chain (Turkey\n"
      "takes part in a meeting that Russia takes part in), places are not.\n"
      "\n"
      "Options:\n"
      "  --db FILE        the store (default: $PARLEY_DB, else ./parley.db)\n"
      "  -m, --max-depth N  at most N hops (default 6)\n"
      "  --from DATE      only relations ending on or after DATE\n"
      "  --to DATE        only relations starting on or before DATE\n"
      "                   (with either, undated relations are not used)\n"
      "  -f, --format F   table (default), json or csv\n"
      "  -o, --output F   write to F instead of standard output\n"
      "  -h, --help       show this help\n"
      "\n"
      "JSON: one object (docs/json-output.md) {from, to, hops: [hop\n"
      "objects: step, from, from_id, from_type, edge_id, edge_type,\n"
      "forward, detail, to, to_id, to_type, date_from, date_to, precision,\n"
      "sources], length}. CSV (RFC 4180): a header row with step, from,\n"
      "edge_id, edge_type, forward, detail, to, date_from, date_to, sources.\n"
      "No colour is used.\n"
      "\n"
      "Exit status: 0 a chain was found (none needed when A and B are one\n"
      "actor), 1 failure (no such store, unknown actor, no chain within\n"
      "--max-depth), 2 usage error.\n",
      out);
}

enum { FMT_TABLE, FMT_JSON, FMT_CSV };

typedef struct pa_out {
  FILE *out;        /* where hops go */
  int format;       /* FMT_* */
  size_t nrows;     /* hops written */
  pl_qtable *table; /* table rows held until the end */
} pa_out;

static char *join(const char *const *v, size_t n, const char *sep) {
  size_t need = pl_query_format_names(NULL, 0, v, n, sep);
  char *s = malloc(need + 1);
  if (s)
    pl_query_format_names(s, need + 1, v, n, sep);
  return s;
}

static int on_hop(void *ctx, const pl_path_hop *h, pl_error *err) {
  pa_out *o = ctx;
  int rc = 0;
  o->nrows++;
  if (o->format == FMT_JSON) {
    fputs(o->nrows > 1 ? ",\n    " : "\n    ", o->out);
    if ((rc = pl_query_json_hop(o->out, h)) < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
    return 0;
  }
  char *src = join(h->sources, h->nsources, "; ");
  if (!src)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  char step[16], date[32], rel[128];
  snprintf(step, sizeof step, "%d", h->step);
  if (!h->date_from)
    snprintf(date, sizeof date, "-");
  else if (!h->date_to || !strcmp(h->date_from, h->date_to))
    snprintf(date, sizeof date, "%s", h->date_from);
  else
    snprintf(date, sizeof date, "%s..%s", h->date_from, h->date_to);
  if (o->format == FMT_CSV) {
    const char *f[] = {step,
                       h->from,
                       h->edge_id,
                       h->edge_type,
                       h->forward ? "true" : "false",
                       h->detail,
                       h->to,
                       h->date_from,
                       h->date_to,
                       src};
    if (pl_query_csv_row(o->out, f, 10) < 0)
      rc = pl_error_set(err, PL_EIO, NULL, "cannot write the output");
  } else {
    /* "participates_in ->" reads from the hop's start to its end. */
    snprintf(rel, sizeof rel, "%s%s%s%s%s", h->forward ? "" : "<- ",
             h->edge_type, h->detail ? " (" : "", h->detail ? h->detail : "",
             h->detail ? ")" : "");
    if (h->forward)
      strncat(rel, " ->", sizeof rel - strlen(rel) - 1);
    const char *f[] = {step, h->from, rel, h->to, date, h->edge_id, src};
    rc = pl_qtable_add(o->table, f, err);
  }
  free(src);
  return rc;
}

int cmd_path(int argc, char **argv) {
  const char *db = NULL, *output = NULL;
  pl_path_query q;
  memset(&q, 0, sizeof q);
  pa_out o;
  memset(&o, 0, sizeof o);
  int c, rc = EXIT_OK;
  optind = 1;
  while ((c = getopt_long(argc, argv, "m:f:o:h", options, NULL)) != -1) {
    switch (c) {
    case 'd':
      db = optarg;
      break;
    case 'm': {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (*end || end == optarg || v < 1 || v > 64)
        return cli_usage(argv[0],
                         "--max-depth wants a number from 1 to 64,"
                         " not '%s'",
                         optarg);
      q.max_depth = (int)v;
      break;
    }
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
      else
        return cli_usage(argv[0], "unknown format '%s' (table, json or csv)",
                         optarg);
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
  if (argc - optind < 2)
    return cli_usage(argv[0], "two actors are needed (parley path A B)");
  if (argc - optind > 2)
    return cli_usage(argv[0], "unexpected argument '%s'", argv[optind + 2]);
  q.a = argv[optind];
  q.b = argv[optind + 1];
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
  static const char *const head[] = {"STEP", "FROM", "RELATION", "TO",
                                     "DATE", "EDGE", "SOURCES"};
  if (o.format == FMT_TABLE && pl_qtable_new(&o.table, 7, head, &err) < 0) {
    pl_store_close(st);
    return cli_report(&err, db);
  }
  /* Hops are held in memory until the chain is known to exist, so that a
   * failure writes nothing to standard output. */
  char *held = NULL;
  size_t nheld = 0;
  o.out = open_memstream(&held, &nheld);
  if (!o.out) {
    pl_qtable_free(o.table);
    pl_store_close(st);
    return cli_fail(NULL, "out of memory");
  }
  int length = -1;
  r = pl_query_path(st, &q, on_hop, &o, &length, &err);
  fclose(o.out);
  o.out = NULL;
  if (r < 0) {
    rc = err.code == PL_EUSAGE ? cli_usage(argv[0], "%s", err.msg)
                               : cli_report(&err, db);
    goto done;
  }
  FILE *out = cli_open_out(output);
  if (!out) {
    rc = EXIT_FAIL;
    goto done;
  }
  if (o.format == FMT_JSON) {
    fputs("{\"from\": ", out);
    pl_query_json_string(out, q.a);
    fputs(", \"to\": ", out);
    pl_query_json_string(out, q.b);
    fputs(", \"hops\": [", out);
    fwrite(held, 1, nheld, out);
    fprintf(out, "%s], \"length\": %d}\n", o.nrows ? "\n  " : "", length);
  } else if (o.format == FMT_CSV) {
    fputs("step,from,edge_id,edge_type,forward,detail,to,date_from,date_to,"
          "sources\r\n",
          out);
    fwrite(held, 1, nheld, out);
  } else if (pl_qtable_write(o.table, out, &err) < 0) {
    rc = cli_report(&err, output ? output : "stdout");
  }
  if (fflush(out) != 0 || ferror(out))
    rc = cli_fail(output ? output : "stdout", "write failed");
  if (out != stdout)
    fclose(out);
done:
  free(held);
  pl_qtable_free(o.table);
  pl_store_close(st);
  return rc;
}
