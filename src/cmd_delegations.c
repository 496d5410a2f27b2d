/* parley delegations — who headed whose delegation, round by round, as a
 * table, JSON or CSV. */
#include "cli.h"
#include "queryopts.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {QUERYOPTS_DB,
                                        {"of", required_argument, NULL, 'a'},
                                        {"head", required_argument, NULL, 'H'},
                                        QUERYOPTS_DATES,
                                        QUERYOPTS_TAIL};

static const char usage_text[] =
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
    "such store, unknown actor), 2 usage error.\n";

static int on_delegation(void *ctx, const pl_delegation_row *r, pl_error *err) {
  queryout *o = ctx;
  int rc = 0;
  if (o->format == QFMT_JSON) {
    fputs(o->nrows ? ",\n  " : "[\n  ", o->out);
    o->nrows++;
    if ((rc = pl_query_json_delegation(o->out, r)) < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
    return 0;
  }
  char *src = queryopts_join(r->sources, r->nsources, "; ");
  if (!src) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  } else if (o->format == QFMT_CSV) {
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
  queryopts qo = {.help = usage_text};
  pl_delegation_query q;
  memset(&q, 0, sizeof q);
  queryout o;
  memset(&o, 0, sizeof o);
  int c, rc;
  optind = 1;
  while ((c = getopt_long(argc, argv, "a:f:o:h", options, NULL)) != -1) {
    if (c == 'a')
      q.of = optarg;
    else if (c == 'H')
      q.head = optarg;
    else if ((rc = queryopts_handle(&qo, c, argc, argv)) != QUERYOPTS_MORE)
      return rc;
  }
  if ((rc = queryopts_no_operands(&qo, argc, argv)) != QUERYOPTS_MORE)
    return rc;
  q.from = qo.from;
  q.to = qo.to;
  pl_store *st = NULL;
  pl_error err;
  pl_error_clear(&err);
  static const char *const head[] = {"ID", "DATE", "ROUND",
                                     "OF", "HEAD", "SOURCES"};
  if ((rc = queryout_open(
           &o, &qo, &st, 6, head,
           "id,date,round,meeting_id,head,head_ar,of,sources\r\n")) != EXIT_OK)
    return rc;
  int r = pl_query_delegations(st, &q, on_delegation, &o, &err);
  return queryout_end(&o, &qo, st, argv[0], &err, r);
}
