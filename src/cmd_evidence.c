/* parley evidence — the documents and exact sentences behind a relation
 * ("r34") or a node ("e12"), as a table, JSON or CSV. */
#include "cli.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static void usage(FILE *out) {
  fputs(
      "Usage: parley evidence [OPTIONS] ID\n"
      "Shows the sentences and documents behind ID: a relation r34 (a\n"
      "delegation or role as the timeline's JSON id prints it, or any edge\n"
      "id of an export) or a node e12 (a meeting or proposal: the evidence\n"
      "of its participants, place, proposers and addressees; an actor: the\n"
      "evidence of all its relations). Each row gives the edge, the\n"
      "document (source, title, publication date, language), the byte\n"
      "offsets of the span in the document's text, the extraction rule and\n"
      "the sentence exactly as the article wrote it.\n"
      "\n"
      "Options:\n"
      "  --db FILE        the store (default: $PARLEY_DB, else ./parley.db)\n"
      "  -f, --format F   table (default), json or csv\n"
      "  -o, --output F   write to F instead of standard output\n"
      "  -h, --help       show this help\n"
      "\n"
      "JSON: an array of evidence objects (docs/json-output.md): edge_id,\n"
      "edge_type, src, src_id, dst, dst_id, doc_id, source, url, title,\n"
      "published, lang, start, end, sentence, rule. CSV (RFC 4180): a header\n"
      "row with edge_id, edge_type, src, dst, doc_id, source, title,\n"
      "published, lang, start, end, rule, sentence. No colour is used.\n"
      "\n"
      "Exit status: 0 success, 1 failure (no such store, no such id),\n"
      "2 usage error (not an id).\n",
      out);
}

enum { FMT_TABLE, FMT_JSON, FMT_CSV };

typedef struct ev_out {
  FILE *out;        /* where rows go */
  int format;       /* FMT_* */
  size_t nrows;     /* rows written */
  pl_qtable *table; /* table rows held until the end */
} ev_out;

static int on_evidence(void *ctx, const pl_evidence_row *r, pl_error *err) {
  ev_out *o = ctx;
  int rc = 0;
  o->nrows++;
  if (o->format == FMT_JSON) {
    fputs(o->nrows > 1 ? ",\n  " : "[\n  ", o->out);
    if ((rc = pl_query_json_evidence(o->out, r)) < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
    return 0;
  }
  char start[24], end[24], span[48];
  snprintf(start, sizeof start, "%ld", r->start);
  snprintf(end, sizeof end, "%ld", r->end);
  snprintf(span, sizeof span, "%ld-%ld", r->start, r->end);
  if (o->format == FMT_CSV) {
    const char *f[] = {r->edge_id, r->edge_type, r->src,   r->dst,
                       r->doc_id,  r->source,    r->title, r->published,
                       r->lang,    start,        end,      r->rule,
                       r->sentence};
    if (pl_query_csv_row(o->out, f, 13) < 0)
      rc = pl_error_set(err, PL_EIO, NULL, "cannot write the output");
    return rc;
  }
  const char *f[] = {r->edge_id,   r->edge_type, r->src,  r->dst,     r->source,
                     r->published, span,         r->rule, r->sentence};
  return pl_qtable_add(o->table, f, err);
}

int cmd_evidence(int argc, char **argv) {
  const char *db = NULL, *output = NULL;
  ev_out o;
  memset(&o, 0, sizeof o);
  int c, rc = EXIT_OK;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:h", options, NULL)) != -1) {
    switch (c) {
    case 'd':
      db = optarg;
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
  if (optind >= argc)
    return cli_usage(argv[0], "which id? (r34 or e12)");
  if (optind + 1 < argc)
    return cli_usage(argv[0], "unexpected argument '%s'", argv[optind + 1]);
  const char *id = argv[optind];
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
  static const char *const head[] = {"EDGE",  "TYPE",   "FROM",
                                     "TO",    "SOURCE", "PUBLISHED",
                                     "BYTES", "RULE",   "SENTENCE"};
  if (o.format == FMT_TABLE && pl_qtable_new(&o.table, 9, head, &err) < 0) {
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
    fputs("edge_id,edge_type,src,dst,doc_id,source,title,published,lang,"
          "start,end,rule,sentence\r\n",
          o.out);
  r = pl_query_evidence(st, id, on_evidence, &o, &err);
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
