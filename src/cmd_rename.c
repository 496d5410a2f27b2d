/* parley rename — give an entity a new display name, as a correction. */
#include "cli.h"

#include <getopt.h>
#include <parley/store.h>

static const char usage_text[] =
    "Usage: parley rename [OPTIONS] ENTITY NEWNAME\n"
    "Gives the entity named ENTITY (a lexicon key, an id such as e12, or a\n"
    "name in any script) the display name NEWNAME. The old name stays an\n"
    "alias; the correction is stored and holds after later ingestion.\n\n"
    "Options:\n"
    "  --db FILE   the store (default $PARLEY_DB, else ./parley.db)\n"
    "  -h, --help  show this help\n";

int cmd_rename(int argc, char **argv) {
  const char *db = NULL;
  int c, rc;
  while ((c = getopt_long(argc, argv, "d:h", cli_db_options, NULL)) != -1)
    if ((rc = cli_db_option("rename", c, usage_text, &db, NULL, argc, argv)) >=
        0)
      return rc;
  if (argc - optind != 2)
    return cli_usage("rename", "expected ENTITY NEWNAME");
  pl_store *st = NULL;
  if ((rc = cli_store_open(&st, &db, 0)) != EXIT_OK)
    return rc;
  pl_error e = {0};
  rc = pl_store_rename(st, argv[optind], argv[optind + 1], &e);
  pl_store_close(st);
  if (rc < 0)
    return cli_report(&e, db);
  printf("renamed '%s' to '%s'\n", argv[optind], argv[optind + 1]);
  return EXIT_OK;
}
