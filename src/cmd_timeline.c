/* parley timeline — events of the store in date order, as a table, JSON or
 * CSV. */
#include "buf.h"
#include "cli.h"
#include "queryopts.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {QUERYOPTS_DB,
                                        {"actor", required_argument, NULL, 'a'},
                                        {"type", required_argument, NULL, 't'},
                                        QUERYOPTS_DATES,
                                        QUERYOPTS_TAIL};

static const char usage_text[] =
    "Usage: parley timeline [OPTIONS]\n"
    "Lists the events of the store in date order (undated events last):\n"
    "meetings, proposals, delegations (who headed whose) and roles.\n"
    "\n"
    "Options:\n"
    "  --db FILE        the store (default: $PARLEY_DB, else ./parley.db)\n"
    "  -a, --actor A    only events A takes part in; A is any spelling of\n"
    "                   a name (Arabic or English) or a lexicon key such as\n"
    "                   state:TR; repeat to require several actors\n"
    "  -t, --type T     meeting, proposal, delegation or role\n"
    "  --from DATE      events ending on or after DATE (YYYY-MM-DD)\n"
    "  --to DATE        events starting on or before DATE\n"
    "  -f, --format F   table (default), json or csv\n"
    "  -o, --output F   write to F instead of standard output\n"
    "  -h, --help       show this help\n"
    "\n"
    "JSON is an array of objects with the fields id, date_from, date_to,\n"
    "precision (day|month|year|unknown), type, kind, status, place, round,\n"
    "process (meetings: the negotiation process, such as Astana),\n"
    "participants (array of names), by and to (proposals: proposers and\n"
    "addressees), summary and sources (array of document sources); absent\n"
    "values are null. CSV (RFC 4180) has a header row with date_from,\n"
    "date_to, type, kind, status, place, round, participants, summary,\n"
    "sources, id, process; lists are joined with \"; \". The table's ID\n"
    "is what 'parley evidence ID' takes.\n"
    "\n"
    "Exit status: 0 success, 1 failure (no such store, unknown actor),\n"
    "2 usage error.\n";

enum { NCOLS = 10 };

/* The state of one run. */
typedef struct tl_out {
  queryout list;       /* where rows go, and how; no pl_qtable */
  queryopts_rows rows; /* table rows held until every width is known */
  pl_buf line;         /* scratch */
} tl_out;

static const char *precision_name(int p) {
  static const char *const names[] = {"unknown", "day", "month", "year"};
  return p >= 0 && p <= 3 ? names[p] : "unknown";
}

static int json_list(pl_buf *b, const char *const *v, size_t n) {
  int fail = pl_buf_putc(b, '[') < 0;
  for (size_t i = 0; i < n; i++) {
    if (i)
      fail |= pl_buf_putc(b, ',') < 0;
    fail |= pl_json_str(b, v[i]) < 0;
  }
  fail |= pl_buf_putc(b, ']') < 0;
  return fail ? PL_ENOMEM : 0;
}

static int on_row(void *ctx, const pl_timeline_row *r, pl_error *err) {
  tl_out *o = ctx;
  pl_buf *b = &o->line;
  int fail = 0;
  if (o->list.format == QFMT_JSON) {
    b->len = 0;
    fail |= pl_buf_puts(b, o->list.nrows ? ",\n  {" : "[\n  {") < 0;
    fail |= pl_buf_puts(b, "\"id\": ") < 0 || pl_json_str(b, r->id) < 0;
    fail |= pl_buf_puts(b, ", \"date_from\": ") < 0 ||
            pl_json_str_or_null(b, r->date_from) < 0;
    fail |= pl_buf_puts(b, ", \"date_to\": ") < 0 ||
            pl_json_str_or_null(b, r->date_to) < 0;
    fail |= pl_buf_printf(b, ", \"precision\": \"%s\"",
                          precision_name(r->precision)) < 0;
    fail |= pl_buf_puts(b, ", \"type\": ") < 0 || pl_json_str(b, r->type) < 0;
    fail |= pl_buf_puts(b, ", \"kind\": ") < 0 ||
            pl_json_str_or_null(b, r->kind) < 0;
    fail |= pl_buf_puts(b, ", \"status\": ") < 0 ||
            pl_json_str_or_null(b, r->status) < 0;
    fail |= pl_buf_puts(b, ", \"place\": ") < 0 ||
            pl_json_str_or_null(b, r->place) < 0;
    fail |= pl_buf_puts(b, ", \"round\": ") < 0 ||
            pl_json_str_or_null(b, r->round) < 0;
    fail |= pl_buf_puts(b, ", \"process\": ") < 0 ||
            pl_json_str_or_null(b, r->process) < 0;
    fail |= pl_buf_puts(b, ", \"participants\": ") < 0 ||
            json_list(b, r->participants, r->nparticipants) < 0;
    if (!strcmp(r->type, "proposal")) {
      fail |= pl_buf_puts(b, ", \"by\": ") < 0 ||
              json_list(b, r->participants, r->nby) < 0;
      fail |=
          pl_buf_puts(b, ", \"to\": ") < 0 ||
          json_list(b, r->participants + r->nby, r->nparticipants - r->nby) < 0;
    } else {
      fail |= pl_buf_puts(b, ", \"by\": null, \"to\": null") < 0;
    }
    fail |= pl_buf_puts(b, ", \"summary\": ") < 0 ||
            pl_json_str_or_null(b, r->summary) < 0;
    fail |= pl_buf_puts(b, ", \"sources\": ") < 0 ||
            json_list(b, r->sources, r->nsources) < 0;
    fail |= pl_buf_putc(b, '}') < 0;
    if (fail)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    fwrite(b->data, 1, b->len, o->list.out);
    o->list.nrows++;
    return 0;
  }
  char *who = queryopts_join(r->participants, r->nparticipants,
                             o->list.format == QFMT_CSV ? "; " : ", ");
  char *src = queryopts_join(r->sources, r->nsources, "; ");
  if (!who || !src) {
    free(who);
    free(src);
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  int rc = 0;
  if (o->list.format == QFMT_CSV) {
    /* id and process came later: at the end, the older columns keep
     * their places. */
    const char *f[12] = {r->date_from, r->date_to, r->type,  r->kind,
                         r->status,    r->place,   r->round, who,
                         r->summary,   src,        r->id,    r->process};
    pl_query_csv_row(o->list.out, f, 12);
    o->list.nrows++;
  } else {
    /* Table: hold the row until every width is known. */
    char date[32];
    queryopts_span(date, sizeof date, r->date_from, r->date_to);
    const char *f[NCOLS] = {r->id,      date,     r->type, r->kind,    r->place,
                            r->process, r->round, who,     r->summary, src};
    if ((rc = queryopts_rows_add(&o->rows, f, err)) == 0)
      o->list.nrows++;
  }
  free(who);
  free(src);
  return rc;
}

int cmd_timeline(int argc, char **argv) {
  queryopts qo = {.help = usage_text};
  pl_timeline_query q;
  memset(&q, 0, sizeof q);
  tl_out o;
  memset(&o, 0, sizeof o);
  o.rows.ncols = NCOLS;
  int c, rc;
  optind = 1;
  while ((c = getopt_long(argc, argv, "a:t:f:o:h", options, NULL)) != -1) {
    switch (c) {
    case 't':
      q.type = optarg;
      break;
    default:
      if ((rc = queryopts_handle(&qo, c, argc, argv)) != QUERYOPTS_MORE)
        return rc;
    }
  }
  if ((rc = queryopts_no_operands(&qo, argc, argv)) != QUERYOPTS_MORE)
    return rc;
  if (q.type && strcmp(q.type, "meeting") && strcmp(q.type, "proposal") &&
      strcmp(q.type, "delegation") && strcmp(q.type, "role")) {
    queryopts_free(&qo);
    return cli_usage(argv[0],
                     "unknown type '%s' (meeting, proposal, delegation or "
                     "role)",
                     q.type);
  }
  q.actors = qo.actors;
  q.nactors = qo.nactors;
  q.from = qo.from;
  q.to = qo.to;
  pl_store *st = NULL;
  pl_error err;
  pl_error_clear(&err);
  if ((rc = queryout_open(
           &o.list, &qo, &st, 0, NULL,
           "date_from,date_to,type,kind,status,place,round,participants,"
           "summary,sources,id,process\r\n")) != EXIT_OK)
    return rc;
  int r = pl_query_timeline(st, &q, on_row, &o, &err);
  if (r >= 0 && o.list.format == QFMT_TABLE) {
    static const char *const head[NCOLS] = {
        "ID",      "DATE",  "TYPE",         "KIND",    "PLACE",
        "PROCESS", "ROUND", "PARTICIPANTS", "SUMMARY", "SOURCES"};
    queryopts_rows_print(&o.rows, o.list.out, head, 0);
  }
  rc = queryout_end(&o.list, &qo, st, argv[0], &err, r);
  queryopts_rows_free(&o.rows);
  pl_buf_free(&o.line);
  return rc;
}
