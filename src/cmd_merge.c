/* parley merge — fold one entity into another, as a lasting correction. */
#include "cli.h"

#include <getopt.h>
#include <parley/store.h>

static const char usage_text[] =
    "Usage: parley merge [OPTIONS] KEEP OTHER\n"
    "Merges the entity named OTHER into the one named KEEP: names, roles,\n"
    "meetings and evidence move to KEEP. Names are a lexicon key\n"
    "(state:TR), an id (e12) or a name in any script. The correction is\n"
    "stored: documents ingested later that name OTHER resolve to KEEP.\n"
    "See why names are merged with `parley alias list NAME`.\n\n"
    "Options:\n"
    "  --db FILE   the store (default $PARLEY_DB, else ./parley.db)\n"
    "  -h, --help  show this help\n";

int cmd_merge(int argc, char **argv) {
  static const struct option longopts[] = {
      {"db", required_argument, NULL, 'd'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  const char *db = NULL;
  int c;
  while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'd':
      db = optarg;
      break;
    case 'h':
      fputs(usage_text, stdout);
      return EXIT_OK;
    default:
      return cli_bad_option("merge");
    }
  }
  if (argc - optind != 2)
    return cli_usage("merge", "expected two names: KEEP OTHER");
  if (!db)
    db = pl_store_default_path();
  pl_store *st = NULL;
  pl_error e = {0};
  if (pl_store_open(&st, db, 0, &e) < 0)
    return cli_report(&e, db);
  int rc = pl_store_merge(st, argv[optind], argv[optind + 1], &e);
  pl_store_close(st);
  if (rc < 0)
    return cli_report(&e, db);
  printf("merged '%s' into '%s'\n", argv[optind + 1], argv[optind]);
  return EXIT_OK;
}
