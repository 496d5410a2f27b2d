/* parley merge-db — fold another store into this one. */
#include "cli.h"

#include <getopt.h>
#include <parley/store.h>

static const char usage_text[] =
    "Usage: parley merge-db [OPTIONS] OTHER.db...\n"
    "Folds each OTHER store (built elsewhere, e.g. from a shard of the\n"
    "articles) into the store: every document it has that this store lacks\n"
    "is added with its facts resolved here, as ingest would, and OTHER's\n"
    "corrections (merge, alias, rename) are adopted. OTHER is only read.\n"
    "Merging the same store twice changes nothing.\n\n"
    "Options:\n"
    "  --db FILE    the store (default $PARLEY_DB, else ./parley.db)\n"
    "  -q, --quiet  no per-store report\n"
    "  -h, --help   show this help\n";

int cmd_merge_db(int argc, char **argv) {
  const char *db = NULL;
  int c, rc, quiet = 0;
  while ((c = getopt_long(argc, argv, "d:qh", cli_db_quiet_options, NULL)) !=
         -1)
    if ((rc = cli_db_option("merge-db", c, usage_text, &db, &quiet, argc,
                            argv)) >= 0)
      return rc;
  if (optind >= argc)
    return cli_usage("merge-db", "no store to merge");
  pl_store *st = NULL;
  int status = cli_store_open(&st, &db, PL_STORE_CREATE);
  if (status != EXIT_OK)
    return status;
  pl_error e = {0};
  for (int i = optind; i < argc; i++) {
    long docs = 0, added = 0;
    pl_error_clear(&e);
    if (pl_store_merge_db(st, argv[i], &docs, &added, &e) < 0) {
      status = cli_report(&e, argv[i]);
      if (e.code == PL_EDB || e.code == PL_ENOMEM)
        break;
      continue;
    }
    if (!quiet)
      printf("%s: %ld document%s (%ld new, %ld already stored)\n", argv[i],
             docs, docs == 1 ? "" : "s", added, docs - added);
  }
  pl_store_close(st);
  return status;
}
