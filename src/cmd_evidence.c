/* parley evidence — the documents and exact sentences behind a relation
 * ("r34") or a node ("e12"), as a table, JSON or CSV. */
#include "cli.h"
#include "queryopts.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {QUERYOPTS_DB, QUERYOPTS_TAIL};

static const char usage_text[] =
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
    "2 usage error (not an id).\n";

static int on_evidence(void *ctx, const pl_evidence_row *r, pl_error *err) {
  queryout *o = ctx;
  int rc = 0;
  o->nrows++;
  if (o->format == QFMT_JSON) {
    fputs(o->nrows > 1 ? ",\n  " : "[\n  ", o->out);
    if ((rc = pl_query_json_evidence(o->out, r)) < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
    return 0;
  }
  char start[24], end[24], span[48];
  snprintf(start, sizeof start, "%ld", r->start);
  snprintf(end, sizeof end, "%ld", r->end);
  snprintf(span, sizeof span, "%ld-%ld", r->start, r->end);
  if (o->format == QFMT_CSV) {
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
  queryopts qo = {.help = usage_text};
  queryout o;
  memset(&o, 0, sizeof o);
  int rc = queryopts_parse(&qo, argc, argv, "f:o:h", options);
  if (rc != QUERYOPTS_MORE)
    return rc;
  if (optind >= argc)
    return cli_usage(argv[0], "which id? (r34 or e12)");
  if (optind + 1 < argc)
    return cli_usage(argv[0], "unexpected argument '%s'", argv[optind + 1]);
  const char *id = argv[optind];
  pl_store *st = NULL;
  pl_error err;
  pl_error_clear(&err);
  static const char *const head[] = {"EDGE",  "TYPE",   "FROM",
                                     "TO",    "SOURCE", "PUBLISHED",
                                     "BYTES", "RULE",   "SENTENCE"};
  if ((rc = queryout_open(
           &o, &qo, &st, 9, head,
           "edge_id,edge_type,src,dst,doc_id,source,title,published,lang,"
           "start,end,rule,sentence\r\n")) != EXIT_OK)
    return rc;
  int r = pl_query_evidence(st, id, on_evidence, &o, &err);
  return queryout_end(&o, &qo, st, argv[0], &err, r);
}
