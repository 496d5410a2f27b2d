/* parley meetings — the meetings of the store with their participants,
 * place, process, round, date, status and sources, as a table, JSON or
 * CSV. */
#include "cli.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},
    {"round", required_argument, NULL, 'r'},
    {"process", required_argument, NULL, 'P'},
    {"place", required_argument, NULL, 'p'},
    {"actor", required_argument, NULL, 'a'},
    {"from", required_argument, NULL, 'F'},
    {"to", required_argument, NULL, 'T'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static void usage(FILE *out) {
  fputs("Usage: parley meetings [OPTIONS]\n"
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
        "such store, unknown actor or place), 2 usage error.\n",
        out);
}

enum { FMT_TABLE, FMT_JSON, FMT_CSV };

typedef struct mt_out {
  FILE *out;        /* where rows go */
  int format;       /* FMT_* */
  size_t nrows;     /* rows written */
  pl_qtable *table; /* table rows held until the end */
} mt_out;

/* Joins n strings with sep into a malloc'ed string (NULL: out of memory). */
static char *join(const char *const *v, size_t n, const char *sep) {
  size_t need = pl_query_format_names(NULL, 0, v, n, sep);
  char *s = malloc(need + 1);
  if (s)
    pl_query_format_names(s, need + 1, v, n, sep);
  return s;
}

static void show_date(char *buf, size_t cap, const char *from, const char *to) {
  if (!from)
    snprintf(buf, cap, "-");
  else if (!to || !strcmp(from, to))
    snprintf(buf, cap, "%s", from);
  else
    snprintf(buf, cap, "%s..%s", from, to);
}

static int on_meeting(void *ctx, const pl_meeting_row *r, pl_error *err) {
  mt_out *o = ctx;
  int rc = 0;
  if (o->format == FMT_JSON) {
    fputs(o->nrows ? ",\n  " : "[\n  ", o->out);
    o->nrows++;
    if ((rc = pl_query_json_meeting(o->out, r)) < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
    return 0;
  }
  int csv = o->format == FMT_CSV;
  char *who = join(r->participants, r->nparticipants, csv ? "; " : ", ");
  char *src = join(r->sources, r->nsources, "; ");
  if (!who || !src) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  } else if (csv) {
    const char *f[] = {r->id,    r->date_from, r->date_to, r->kind, r->place,
                       r->round, r->status,    who,        src,     r->process};
    if (pl_query_csv_row(o->out, f, 10) < 0)
      rc = pl_error_set(err, PL_EIO, NULL, "cannot write the output");
  } else {
    char date[32];
    show_date(date, sizeof date, r->date_from, r->date_to);
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
  const char *db = NULL, *output = NULL;
  const char **actors = NULL;
  pl_meeting_query q;
  memset(&q, 0, sizeof q);
  mt_out o;
  memset(&o, 0, sizeof o);
  int c, rc = EXIT_OK;
  optind = 1;
  while ((c = getopt_long(argc, argv, "r:P:p:a:f:o:h", options, NULL)) != -1) {
    switch (c) {
    case 'd':
      db = optarg;
      break;
    case 'r':
      q.round = optarg;
      break;
    case 'P':
      if (!*optarg) {
        free(actors);
        return cli_usage(argv[0], "--process needs a name");
      }
      q.process = optarg;
      break;
    case 'p':
      q.place = optarg;
      break;
    case 'a': {
      const char **p = realloc(actors, (q.nactors + 1) * sizeof *p);
      if (!p) {
        free(actors);
        return cli_fail(NULL, "out of memory");
      }
      actors = p;
      actors[q.nactors++] = optarg;
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
      else {
        free(actors);
        return cli_usage(argv[0], "unknown format '%s' (table, json or csv)",
                         optarg);
      }
      break;
    case 'o':
      output = optarg;
      break;
    case 'h':
      free(actors);
      usage(stdout);
      return EXIT_OK;
    default:
      free(actors);
      return cli_bad_option(argv[0]);
    }
  }
  if (optind < argc) {
    free(actors);
    return cli_usage(argv[0], "unexpected argument '%s'", argv[optind]);
  }
  q.actors = actors;
  if (!db)
    db = pl_store_default_path();

  pl_error err;
  pl_error_clear(&err);
  pl_store *st = NULL;
  int r = pl_store_open(&st, db, PL_STORE_READONLY, &err);
  if (r < 0) {
    free(actors);
    if (r == PL_ENOTFOUND)
      return cli_fail(db, "no such store (run 'parley ingest' first)");
    return cli_report(&err, db);
  }
  static const char *const head[] = {"ID",     "DATE",         "KIND",
                                     "PLACE",  "PROCESS",      "ROUND",
                                     "STATUS", "PARTICIPANTS", "SOURCES"};
  if (o.format == FMT_TABLE && pl_qtable_new(&o.table, 9, head, &err) < 0) {
    pl_store_close(st);
    free(actors);
    return cli_report(&err, db);
  }
  o.out = cli_open_out(output);
  if (!o.out) {
    pl_qtable_free(o.table);
    pl_store_close(st);
    free(actors);
    return EXIT_FAIL;
  }
  if (o.format == FMT_CSV)
    fputs("id,date_from,date_to,kind,place,round,status,participants,"
          "sources,process\r\n",
          o.out);
  r = pl_query_meetings(st, &q, on_meeting, &o, &err);
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
  free(actors);
  return rc;
}
