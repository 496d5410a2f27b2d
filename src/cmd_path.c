/* parley path — the shortest chain of dated relations between two actors,
 * one hop a line, as a table, JSON or CSV. */
#include "cli.h"
#include "queryopts.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    QUERYOPTS_DB,
    {"max-depth", required_argument, NULL, 'm'},
    QUERYOPTS_DATES,
    QUERYOPTS_TAIL};

static const char usage_text[] =
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
    "--max-depth), 2 usage error.\n";

static int on_hop(void *ctx, const pl_path_hop *h, pl_error *err) {
  queryout *o = ctx;
  int rc = 0;
  o->nrows++;
  if (o->format == QFMT_JSON) {
    fputs(o->nrows > 1 ? ",\n    " : "\n    ", o->out);
    if ((rc = pl_query_json_hop(o->out, h)) < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
    return 0;
  }
  char *src = queryopts_join(h->sources, h->nsources, "; ");
  if (!src)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  char step[16], date[32], rel[128];
  snprintf(step, sizeof step, "%d", h->step);
  queryopts_span(date, sizeof date, h->date_from, h->date_to);
  if (o->format == QFMT_CSV) {
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
  queryopts qo = {.help = usage_text};
  pl_path_query q;
  memset(&q, 0, sizeof q);
  queryout o;
  memset(&o, 0, sizeof o);
  int c, rc;
  optind = 1;
  while ((c = getopt_long(argc, argv, "m:f:o:h", options, NULL)) != -1) {
    if (c == 'm') {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (*end || end == optarg || v < 1 || v > 64)
        return cli_usage(argv[0],
                         "--max-depth wants a number from 1 to 64,"
                         " not '%s'",
                         optarg);
      q.max_depth = (int)v;
    } else if ((rc = queryopts_handle(&qo, c, argc, argv)) != QUERYOPTS_MORE) {
      return rc;
    }
  }
  if (argc - optind < 2)
    return cli_usage(argv[0], "two actors are needed (parley path A B)");
  if (argc - optind > 2)
    return cli_usage(argv[0], "unexpected argument '%s'", argv[optind + 2]);
  q.a = argv[optind];
  q.b = argv[optind + 1];
  q.from = qo.from;
  q.to = qo.to;
  o.format = qo.format;
  pl_store *st = NULL;
  if ((rc = queryopts_store(&qo, &st)) != EXIT_OK)
    return rc;
  pl_error err;
  pl_error_clear(&err);
  static const char *const head[] = {"STEP", "FROM", "RELATION", "TO",
                                     "DATE", "EDGE", "SOURCES"};
  if (o.format == QFMT_TABLE && pl_qtable_new(&o.table, 7, head, &err) < 0) {
    pl_store_close(st);
    return cli_report(&err, qo.db);
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
  int r = pl_query_path(st, &q, on_hop, &o, &length, &err);
  fclose(o.out);
  o.out = NULL;
  if (r < 0) {
    rc = queryopts_fail(&qo, argv[0], &err);
    goto done;
  }
  FILE *out = cli_open_out(qo.output);
  if (!out) {
    rc = EXIT_FAIL;
    goto done;
  }
  if (o.format == QFMT_JSON) {
    fputs("{\"from\": ", out);
    pl_query_json_string(out, q.a);
    fputs(", \"to\": ", out);
    pl_query_json_string(out, q.b);
    fputs(", \"hops\": [", out);
    fwrite(held, 1, nheld, out);
    fprintf(out, "%s], \"length\": %d}\n", o.nrows ? "\n  " : "", length);
  } else if (o.format == QFMT_CSV) {
    fputs("step,from,edge_id,edge_type,forward,detail,to,date_from,date_to,"
          "sources\r\n",
          out);
    fwrite(held, 1, nheld, out);
  } else if (pl_qtable_write(o.table, out, &err) < 0) {
    rc = cli_report(&err, queryopts_out_name(&qo));
  }
  rc = queryopts_close(&qo, out, 1, rc);
done:
  free(held);
  pl_qtable_free(o.table);
  pl_store_close(st);
  return rc;
}
