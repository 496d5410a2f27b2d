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
  const char *db = NULL;
  int c, rc;
  while ((c = getopt_long(argc, argv, "d:h", cli_db_options, NULL)) != -1)
    if ((rc = cli_db_option("merge", c, usage_text, &db, NULL, argc, argv)) >=
        0)
      return rc;
  if (argc - optind != 2)
    return cli_usage("merge", "expected two names: KEEP OTHER");
  pl_store *st = NULL;
  if ((rc = cli_store_open(&st, &db, 0)) != EXIT_OK)
    return rc;
  pl_error e = {0};
  rc = pl_store_merge(st, argv[optind], argv[optind + 1], &e);
  pl_store_close(st);
  if (rc < 0)
    return cli_report(&e, db);
  printf("merged '%s' into '%s'\n", argv[optind + 1], argv[optind]);
  return EXIT_OK;
}
