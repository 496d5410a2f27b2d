/* parley export — writes a view of the store in one of the exporter table's
 * formats. The format is named, or taken from -o FILE's extension. Output
 * goes to a temporary file next to FILE, renamed into place only when the
 * export succeeded, so a failed export never leaves half a file. */
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
typedef struct export_args {
  const char *format;             /* FORMAT, or NULL */
  const char *db;                 /* --db, or NULL for the default */
  const char *out;                /* -o, or NULL/"-" for stdout */
  pl_view_query q;                /* the view's selection */
  const char *actors[MAX_ACTORS]; /* --actor values, q.actors points here */
  pl_export_opts opts;            /* --layout, --yed */
} export_args;

static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},
    {"output", required_argument, NULL, 'o'},
    {"view", required_argument, NULL, 'v'},
    {"actor", required_argument, NULL, 'a'},
    {"depth", required_argument, NULL, 'n'},
    {"from", required_argument, NULL, 'f'},
    {"to", required_argument, NULL, 't'},
    {"type", required_argument, NULL, 'T'},
    {"layout", required_argument, NULL, 'l'},
    {"yed", no_argument, NULL, 'y'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static void help(FILE *out) {
  fprintf(out, "Usage: parley export [FORMAT] [OPTIONS]\n"
               "Writes the graph (or a view of it) for Graphviz, Gephi, yEd, "
               "Cytoscape ...\nFORMAT may be left out when -o FILE's extension "
               "names it.\n\nFormats:\n");
  for (const pl_exporter *x = pl_exporters(); x->name; x++)
    fprintf(out, "  %-8s .%-8s %s\n", x->name, x->extension, x->summary);
  fprintf(out,
          "\nDOT, svg and png hold the whole graph in memory (Graphviz's "
          "cgraph); graphml,\ngexf and json stream it, so they suit graphs "
          "of any size. For a large view\n(more than a few hundred nodes) "
          "lay pictures out with sfdp (--layout sfdp,\nthe default above 200 "
          "nodes) or render the DOT with sfdp: dot takes minutes.\n\n"
          "Options:\n"
          "  --db FILE         the store (default: $PARLEY_DB or parley.db)\n"
          "  -o, --output FILE write FILE instead of stdout ('-': stdout)\n"
          "  --view events|actors\n"
          "                    events (default): actors with meeting and "
          "proposal nodes;\n"
          "                    actors: actor-actor edges (met, proposed "
          "jointly ...)\n"
          "  --actor NAME      only NAME's neighbourhood (any script or "
          "spelling;\n"
          "                    repeatable)\n"
          "  --depth N         neighbourhood radius for --actor (default 1)\n"
          "  --from DATE       only what happened on or after DATE "
          "(YYYY-MM-DD)\n"
          "  --to DATE         only what happened on or before DATE\n"
          "  --type TYPE       only nodes or events of TYPE (meeting, "
          "proposal, person ...)\n"
          "  --layout dot|neato|sfdp|timeline\n"
          "                    how svg/png are laid out; timeline (DOT too) "
          "runs left to\n"
          "                    right with events ranked by date along a date "
          "axis\n"
          "                    (newrank). By default dot, left to right "
          "(actors on the\n"
          "                    left, their events right of them: a picture "
          "about as high\n"
          "                    as wide), or sfdp above 200 nodes (dot takes "
          "minutes on\n"
          "                    large graphs). Meetings of one round are "
          "drawn in one\n"
          "                    cluster.\n"
          "  --yed             GraphML: add yEd's node shapes and labels "
          "(yEd shows no\n"
          "                    labels without them)\n"
          "  -h, --help        show this help\n\n"
          "Examples:\n"
          "  parley export -o talks.graphml\n"
          "  parley export svg --layout timeline --from 2018-01-01 -o "
          "talks.svg\n"
          "  parley export dot --view actors --actor 'de Mistura' --depth 2\n"
          "  parley export dot -o big.dot && sfdp -Tsvg big.dot -o big.svg\n"
          "\nThe DOT renders with Graphviz's dot, neato and sfdp. png draws "
          "through\nGraphviz's cairo/pango plugin, which shapes Arabic; it "
          "needs fonts with Arabic\nglyphs (fonts-dejavu-core has them). svg "
          "needs no fonts: the viewer draws\nthe text.\n");
}

/* Parses argv into a. Returns -1 to go on, or an exit code. */
static int parse(int argc, char **argv, export_args *a) {
  int c;
  char *end;
  long n;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
    switch (c) {
    case 'd':
      a->db = optarg;
      break;
    case 'o':
      a->out = optarg;
      break;
    case 'v':
      if (strcmp(optarg, "events") && strcmp(optarg, "actors"))
        return cli_usage("export", "--view must be events or actors, not '%s'",
                         optarg);
      a->q.shape = optarg;
      break;
    case 'a':
      if (a->q.nactors == MAX_ACTORS)
        return cli_usage("export", "at most %d --actor options", MAX_ACTORS);
      a->actors[a->q.nactors++] = optarg;
      break;
    case 'n':
      errno = 0;
      n = strtol(optarg, &end, 10);
      if (errno || end == optarg || *end || n < 0 || n > 100)
        return cli_usage("export",
                         "--depth needs a number from 0 to 100, "
                         "not '%s'",
                         optarg);
      a->q.depth = (int)n;
      break;
    case 'f':
    case 't':
      if (cli_date_arg("export", c == 'f' ? "--from" : "--to", optarg, 1,
                       NULL))
        return EXIT_USAGE;
      if (c == 'f')
        a->q.from = optarg;
      else
        a->q.to = optarg;
      break;
    case 'T':
      a->q.type = optarg;
      break;
    case 'l':
      if (strcmp(optarg, "dot") && strcmp(optarg, "neato") &&
          strcmp(optarg, "sfdp") && strcmp(optarg, "timeline"))
        return cli_usage("export",
                         "--layout must be dot, neato, sfdp or timeline, not "
                         "'%s'",
                         optarg);
      a->opts.layout = optarg;
      break;
    case 'y':
      a->opts.yed = 1;
      break;
    case 'h':
      help(stdout);
      return EXIT_OK;
    default:
      return cli_bad_option("export");
    }
  }
  if (optind < argc)
    a->format = argv[optind++];
  if (optind < argc)
    return cli_usage("export", "unexpected argument '%s'", argv[optind]);
  a->q.actors = a->actors;
  return -1;
}

/* Lists the format names for an error message. */
static void format_names(char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (const pl_exporter *x = pl_exporters(); x->name && len < size; x++)
    len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                            x->name);
}

/* Writes the view to path, whole or not at all (cli_out). Returns an exit
 * code. */
static int write_file(const pl_exporter *x, pl_view *view,
                      const pl_export_opts *opts, const char *path) {
  pl_error err = {0};
  cli_out o;
  int rc = cli_out_open(&o, path);
  if (rc != EXIT_OK)
    return rc;
  rc = x->write(view, opts, o.f, &err);
  int crc = cli_out_close(&o, rc == 0, rc == 0 ? &err : NULL);
  if (rc < 0 || crc < 0)
    return cli_report(&err, path);
  return EXIT_OK;
}

int cmd_export(int argc, char **argv) {
  export_args a;
  const pl_exporter *x;
  const char *db;
  pl_store *st = NULL;
  pl_view *view = NULL;
  pl_error err = {0};
  char names[128];
  int rc;
  memset(&a, 0, sizeof a);
  if ((rc = parse(argc, argv, &a)) >= 0)
    return rc;
  format_names(names, sizeof names);
  if (a.format) {
    x = pl_exporter_find(a.format);
    if (!x)
      return cli_usage("export", "unknown format '%s' (formats: %s)", a.format,
                       names);
  } else if (a.out && strcmp(a.out, "-") != 0) {
    x = pl_exporter_for_path(a.out);
    if (!x)
      return cli_usage("export",
                       "cannot tell the format from '%s': name one "
                       "of %s",
                       a.out, names);
  } else {
    return cli_usage("export", "name a format (%s) or give -o FILE", names);
  }
  db = a.db ? a.db : pl_store_default_path();
  rc = pl_store_open(&st, db, PL_STORE_READONLY, &err);
  if (rc == PL_ENOTFOUND)
    return cli_fail(db, "no such store (run 'parley ingest' first)");
  if (rc < 0)
    return cli_report(&err, db);
  if ((rc = pl_store_view(st, &a.q, &view, &err)) < 0) {
    rc = cli_report(&err, db);
    goto done;
  }
  if (!a.out || strcmp(a.out, "-") == 0) {
    if ((rc = x->write(view, &a.opts, stdout, &err)) < 0) {
      rc = cli_report(&err, "<stdout>");
      goto done;
    }
    rc = EXIT_OK;
  } else {
    rc = write_file(x, view, &a.opts, a.out);
  }
done:
  pl_view_free(view);
  pl_store_close(st);
  return rc;
}
