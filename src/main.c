/* parley — a knowledge-graph builder for negotiation timelines.
 * main dispatches `parley COMMAND [ARGS]` to one cmd_<name>.c. */
#include "cli.h"

#include <libxml/parser.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uclean.h>
#include <unistd.h>

typedef struct command {
  const char *name;                 /* what the user types */
  int (*run)(int argc, char **argv);/* argv[0] is the name */
  const char *summary;              /* one line for `parley --help` */
} command;

static const command commands[] = {
    {"ingest", cmd_ingest, "read articles, extract facts, store them"},
    {"extract", cmd_extract, "print the facts of articles (no store)"},
    {"read", cmd_read, "print the documents parley would ingest"},
    {"timeline", cmd_timeline, "list events in date order"},
    {"actors", cmd_actors, "list actors with counts and dates"},
    {"show", cmd_show, "show one actor: names, roles, meetings ..."},
    {"meetings", cmd_meetings, "list meetings (by round, place, actor)"},
    {"delegations", cmd_delegations, "who headed whose delegation, by round"},
    {"evidence", cmd_evidence, "the sentences behind a relation or event"},
    {"path", cmd_path, "the shortest chain of relations between two actors"},
    {"stats", cmd_stats, "counts by type, date range, documents"},
    {"export", cmd_export, "write the graph as DOT, GraphML ..."},
    {"dates", cmd_dates, "find and resolve date expressions in a text"},
    {"report", cmd_report, "write the timeline as an HTML page or SVG"},
    {"load", cmd_load, "load facts printed by extract into the store"},
    {"merge-db", cmd_merge_db, "fold another store into this one"},
    {"merge", cmd_merge, "merge two entities (a correction that stays)"},
    {"alias", cmd_alias, "add or list an entity's names, and why"},
    {"rename", cmd_rename, "give an entity a new display name"},
    {NULL, NULL, NULL}};

static void usage(FILE *out) {
  fprintf(out,
          "Usage: parley COMMAND [OPTIONS] [ARGS]\n"
          "Builds a knowledge graph of negotiations (who met whom, who "
          "proposed what,\nwho headed which delegation, when) from news "
          "articles in Arabic and English.\n\nCommands:\n");
  for (const command *c = commands; c->name; c++)
    fprintf(out, "  %-12s %s\n", c->name, c->summary);
  fprintf(out,
          "\nOptions:\n  -h, --help     show this help\n"
          "  -V, --version  show the version\n\n"
          "Every command takes --help. The store is ./parley.db unless --db "
          "FILE or\n$PARLEY_DB says otherwise.\n");
}

int main(int argc, char **argv) {
  int rc;
  /* SQLite counts every allocation under a global mutex unless told not
   * to; parley never asks for the counts (2 % of ingest). Must come before
   * SQLite initialises. */
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  const char *name = argv[1];
  if (!strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
    usage(stdout);
    return EXIT_OK;
  }
  if (!strcmp(name, "-V") || !strcmp(name, "--version")) {
    printf("parley %s\n", PARLEY_VERSION);
    return EXIT_OK;
  }
  const command *c = commands;
  while (c->name && strcmp(c->name, name))
    c++;
  if (!c->name) {
    fprintf(stderr, "parley: unknown command '%s'\nTry 'parley --help'.\n",
            name);
    return EXIT_USAGE;
  }
  opterr = 0; /* option errors are reported by cli_bad_option_at */
  rc = c->run(argc - 1, argv + 1);
  xmlCleanupParser();
  u_cleanup();
  return rc;
}
