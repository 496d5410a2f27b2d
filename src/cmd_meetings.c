/* parley meetings — the meetings of the store with their participants,
 * place, process, round, date, status and sources, as a table, JSON or
 * CSV. */
#include "cli.h"
#include "queryopts.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    QUERYOPTS_DB,
    {"round", required_argument, NULL, 'r'},
    {"process", required_argument, NULL, 'P'},
    {"place", required_argument, NULL, 'p'},
    {"actor", required_argument, NULL, 'a'},
    QUERYOPTS_DATES,
    QUERYOPTS_TAIL};

static const char usage_text[] =
    "Usage: parley meetings [OPTIONS]\n"
    "Lists the meetings of the store in date order (undated last), each\n"
    "with its participants, place, process, round, date, status and\n"
    "sources. A round belongs to a process, named by its venue (round 11\n"
    "of the Astana talks: process Astana, round 11).\n"
    "\n"
    "Options:\n"
    "  --db FILE        the store (default: $PARLEY_DB, else ./parley.db)\n"
    "  -r, --round N    only meetings of round N\n"
    "  -P, --process NAME  only meetings of the process NAME (Astana,\n"
    "                   Geneva; ASCII case ignored)\n"
    "  -p, --place P    only meetings held in P (any script: Astana,\n"
    "                   أستانا)\n"
    "  -a, --actor A    only meetings A took part in (any spelling or\n"
    "                   script, a lexicon key such as state:TR, or an id\n"
    "                   such as e12); repeat to require several actors\n"
    "  --from DATE      meetings ending on or after DATE (YYYY-MM-DD)\n"
    "  --to DATE        meetings starting on or before DATE\n"
    "  -f, --format F   table (default), json or csv\n"
    "  -o, --output F   write to F instead of standard output\n"
    "  -h, --help       show this help\n"
    "\n"
    "JSON: an array of meeting objects (docs/json-output.md): id, name,\n"
    "date_from, date_to, precision, kind, place, round, process, status,\n"
    "participants, sources. CSV (RFC 4180): a header row with id,\n"
    "date_from, date_to, kind, place, round, status, participants,\n"
    "sources, process; lists joined with \"; \". No colour is used.\n"
    "\n"
    "Exit status: 0 success (also when nothing matches), 1 failure (no\n"
    "such store, unknown actor or place), 2 usage error.\n";

static int on_meeting(void *ctx, const pl_meeting_row *r, pl_error *err) {
  queryout *o = ctx;
  int rc = 0;
  if (o->format == QFMT_JSON) {
    fputs(o->nrows ? ",\n  " : "[\n  ", o->out);
    o->nrows++;
    if ((rc = pl_query_json_meeting(o->out, r)) < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
    return 0;
  }
  int csv = o->format == QFMT_CSV;
  char *who =
      queryopts_join(r->participants, r->nparticipants, csv ? "; " : ", ");
  char *src = queryopts_join(r->sources, r->nsources, "; ");
  if (!who || !src) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  } else if (csv) {
    const char *f[] = {r->id,    r->date_from, r->date_to, r->kind, r->place,
                       r->round, r->status,    who,        src,     r->process};
    if (pl_query_csv_row(o->out, f, 10) < 0)
      rc = pl_error_set(err, PL_EIO, NULL, "cannot write the output");
  } else {
    char date[32];
    queryopts_span(date, sizeof date, r->date_from, r->date_to);
    const char *f[] = {r->id,    date,      r->kind, r->place, r->process,
                       r->round, r->status, who,     src};
    rc = pl_qtable_add(o->table, f, err);
  }
  free(who);
  free(src);
  o->nrows++;
  return rc;
}

int cmd_meetings(int argc, char **argv) {
  queryopts qo = {.help = usage_text};
  pl_meeting_query q;
  memset(&q, 0, sizeof q);
  queryout o;
  memset(&o, 0, sizeof o);
  int c, rc;
  optind = 1;
  while ((c = getopt_long(argc, argv, "r:P:p:a:f:o:h", options, NULL)) != -1) {
    switch (c) {
    case 'r':
      q.round = optarg;
      break;
    case 'P':
      if (!*optarg) {
        queryopts_free(&qo);
        return cli_usage(argv[0], "--process needs a name");
      }
      q.process = optarg;
      break;
    case 'p':
      q.place = optarg;
      break;
    default:
      if ((rc = queryopts_handle(&qo, c, argc, argv)) != QUERYOPTS_MORE)
        return rc;
    }
  }
  if ((rc = queryopts_no_operands(&qo, argc, argv)) != QUERYOPTS_MORE)
    return rc;
  q.actors = qo.actors;
  q.nactors = qo.nactors;
  q.from = qo.from;
  q.to = qo.to;
  pl_store *st = NULL;
  pl_error err;
  pl_error_clear(&err);
  static const char *const head[] = {"ID",     "DATE",         "KIND",
                                     "PLACE",  "PROCESS",      "ROUND",
                                     "STATUS", "PARTICIPANTS", "SOURCES"};
  if ((rc = queryout_open(
           &o, &qo, &st, 9, head,
           "id,date_from,date_to,kind,place,round,status,participants,"
           "sources,process\r\n")) != EXIT_OK)
    return rc;
  int r = pl_query_meetings(st, &q, on_meeting, &o, &err);
  return queryout_end(&o, &qo, st, argv[0], &err, r);
}
