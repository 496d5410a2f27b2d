/* parley report — the timeline of the store as one self-contained HTML page
 * (or a static SVG). Output goes to a temporary file next to FILE, renamed
 * into place only when the report was written whole. */
#include "buf.h"
#include "cli.h"

#include <parley/export.h>
#include <parley/store.h>
#include <parley/view.h>

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_ACTORS = 64 };

/* What the command line asked for. */
typedef struct report_args {
  const char *db;                 /* --db, or NULL for the default */
  const char *out;                /* -o, or NULL/"-" for stdout */
  pl_view_query q;                /* the view's selection */
  const char *actors[MAX_ACTORS]; /* --actor values; q.actors points here */
  pl_report_opts opts;            /* --title, --format */
} report_args;

static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},
    {"output", required_argument, NULL, 'o'},
    {"actor", required_argument, NULL, 'a'},
    {"from", required_argument, NULL, 'f'},
    {"to", required_argument, NULL, 't'},
    {"format", required_argument, NULL, 'F'},
    {"title", required_argument, NULL, 'T'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static void help(FILE *out) {
  fputs(
      "Usage: parley report [OPTIONS]\n"
      "Writes the negotiation timeline of the store as one self-contained "
      "HTML page:\none lane per actor (most active first), meetings as marks "
      "joining their\nparticipants' lanes, proposals on their proposers' "
      "lanes, delegations on\ntheirs, rounds as shaded bands. Hover or click "
      "a mark for its kind, date and\nhow precise it is, place, round and the "
      "evidence sentences with their\nsources; zoom and pan on time, filter "
      "by actor and by event type, or read\nthe same events as a table. The "
      "page needs no network (no CDN, no fonts to\nfetch), holds its data "
      "once as JSON, and prints cleanly.\n"
      "\n"
      "Options:\n"
      "  --db FILE         the store (default: $PARLEY_DB or parley.db)\n"
      "  -o, --output FILE write FILE instead of stdout ('-': stdout)\n"
      "  --format html|svg html (default): the interactive page; svg: the\n"
      "                    static timeline alone, for papers and slides\n"
      "  --actor NAME      only NAME's events and the actors in them, NAME's\n"
      "                    lane first (any script or spelling; repeatable)\n"
      "  --from DATE       only events on or after DATE (YYYY-MM-DD)\n"
      "  --to DATE         only events on or before DATE\n"
      "  --title TEXT      the page title (default: Negotiation timeline)\n"
      "  -h, --help        show this help\n"
      "\n"
      "Examples:\n"
      "  parley report -o astana.html --title 'Astana talks'\n"
      "  parley report --actor Turkey --from 2018-01-01 -o turkey.html\n"
      "  parley report --format svg -o timeline.svg\n"
      "\n"
      "Exit status: 0 success, 1 failure (no such store, unknown actor,\n"
      "cannot write), 2 usage error.\n",
      out);
}

/* Parses argv into a. Returns -1 to go on, or an exit code. */
static int parse(int argc, char **argv, report_args *a) {
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
    switch (c) {
    case 'd':
      a->db = optarg;
      break;
    case 'o':
      a->out = optarg;
      break;
    case 'a':
      if (a->q.nactors == MAX_ACTORS)
        return cli_usage("report", "at most %d --actor options", MAX_ACTORS);
      if (!*optarg)
        return cli_usage("report", "--actor needs a name");
      a->actors[a->q.nactors++] = optarg;
      break;
    case 'f':
    case 't':
      if (cli_date_arg("report", c == 'f' ? "--from" : "--to", optarg, 1,
                       NULL))
        return EXIT_USAGE;
      if (c == 'f')
        a->q.from = optarg;
      else
        a->q.to = optarg;
      break;
    case 'F':
      if (!strcmp(optarg, "svg"))
        a->opts.svg = 1;
      else if (strcmp(optarg, "html"))
        return cli_usage("report", "--format must be html or svg, not '%s'",
                         optarg);
      break;
    case 'T':
      a->opts.title = optarg;
      break;
    case 'h':
      help(stdout);
      return EXIT_OK;
    default:
      return cli_bad_option("report");
    }
  }
  if (optind < argc)
    return cli_usage("report", "unexpected argument '%s'", argv[optind]);
  if (a->q.from && a->q.to && strcmp(a->q.from, a->q.to) > 0)
    return cli_usage("report", "--from %s is after --to %s", a->q.from,
                     a->q.to);
  a->q.actors = a->actors;
  a->opts.actors = a->actors;
  a->opts.nactors = a->q.nactors;
  return -1;
}

/* Writes the report to path, whole or not at all (cli_out). Returns an exit
 * code. */
static int write_file(pl_view *view, const pl_report_opts *opts,
                      const char *path) {
  pl_error err = {0};
  cli_out o;
  int rc = cli_out_open(&o, path);
  if (rc != EXIT_OK)
    return rc;
  rc = pl_report_write(view, opts, o.f, &err);
  int crc = cli_out_close(&o, rc == 0, rc == 0 ? &err : NULL);
  if (rc < 0 || crc < 0)
    return cli_report(&err, path);
  return EXIT_OK;
}

int cmd_report(int argc, char **argv) {
  report_args a;
  const char *db;
  pl_store *st = NULL;
  pl_view *view = NULL;
  pl_error err = {0};
  pl_buf sub = {0};
  int rc;
  memset(&a, 0, sizeof a);
  if ((rc = parse(argc, argv, &a)) >= 0)
    return rc;
  /* The filters, said under the title. */
  int bad = 0;
  if (a.q.nactors) {
    bad |= pl_buf_puts(&sub, "actors: ") < 0;
    for (size_t i = 0; i < a.q.nactors; i++)
      bad |= pl_buf_printf(&sub, "%s%s", i ? ", " : "", a.actors[i]) < 0;
  }
  if (a.q.from)
    bad |= pl_buf_printf(&sub, "%sfrom %s", sub.len ? " · " : "", a.q.from) <
           0;
  if (a.q.to)
    bad |= pl_buf_printf(&sub, "%sto %s", sub.len ? " · " : "", a.q.to) < 0;
  if (bad) {
    pl_buf_free(&sub);
    return cli_fail(NULL, "out of memory");
  }
  a.opts.subtitle = sub.len ? sub.data : NULL;
  db = a.db ? a.db : pl_store_default_path();
  rc = pl_store_open(&st, db, PL_STORE_READONLY, &err);
  if (rc == PL_ENOTFOUND) {
    pl_buf_free(&sub);
    return cli_fail(db, "no such store (run 'parley ingest' first)");
  }
  if (rc < 0) {
    pl_buf_free(&sub);
    return cli_report(&err, db);
  }
  if ((rc = pl_store_view(st, &a.q, &view, &err)) < 0) {
    rc = cli_report(&err, db);
    goto done;
  }
  if (!a.out || strcmp(a.out, "-") == 0) {
    if ((rc = pl_report_write(view, &a.opts, stdout, &err)) < 0)
      rc = cli_report(&err, "<stdout>");
    else
      rc = EXIT_OK;
  } else {
    rc = write_file(view, &a.opts, a.out);
  }
done:
  pl_view_free(view);
  pl_store_close(st);
  pl_buf_free(&sub);
  return rc;
}
