/* parley load — facts printed by `parley extract` into the store. */
#include "cli.h"

#include "buf.h"

#include <getopt.h>
#include <parley/store.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: parley load [OPTIONS] FILE...\n"
    "Loads facts in the JSON shape `parley extract --format json|jsonl`\n"
    "prints (one object, or one per line; - reads stdin) into the store,\n"
    "resolving actors and events exactly as `parley ingest` does. Each\n"
    "object is one document in one transaction; a document already stored\n"
    "changes nothing, so loading the same facts twice is harmless. This is\n"
    "the reduce side of extraction run elsewhere (docs/distributed.md).\n\n"
    "Options:\n"
    "  --db FILE    the store (default $PARLEY_DB, else ./parley.db)\n"
    "  -q, --quiet  no per-file report\n"
    "  -h, --help   show this help\n";

int cmd_load(int argc, char **argv) {
  const char *db = NULL;
  int quiet = 0, c, rc;
  while ((c = getopt_long(argc, argv, "d:qh", cli_db_quiet_options, NULL)) !=
         -1)
    if ((rc = cli_db_option("load", c, usage_text, &db, &quiet, argc, argv)) >=
        0)
      return rc;
  if (optind >= argc)
    return cli_usage("load", "no input files");
  if (!db)
    db = pl_store_default_path();
  pl_store *st = NULL;
  int status = EXIT_OK;
  for (int i = optind; i < argc; i++) {
    pl_error e = {0};
    char *text = NULL;
    size_t len = 0;
    long docs = 0, added = 0;
    if (pl_file_read(argv[i], 0, &text, &len, &e) < 0) {
      cli_report(&e, argv[i]);
      status = EXIT_FAIL;
      continue;
    }
    if (!st && pl_store_open(&st, db, PL_STORE_CREATE, &e) < 0) {
      free(text);
      cli_report(&e, db);
      return EXIT_FAIL;
    }
    const char *name = strcmp(argv[i], "-") ? argv[i] : "stdin";
    rc = pl_store_load_json(st, name, text, len, &docs, &added, &e);
    free(text);
    if (rc < 0) {
      cli_report(&e, name);
      status = EXIT_FAIL;
      if (e.code == PL_EDB || e.code == PL_ENOMEM)
        break;
    }
    if (!quiet && docs)
      printf("%s: %ld document%s (%ld new, %ld already stored)\n", name, docs,
             docs == 1 ? "" : "s", added, docs - added);
  }
  pl_store_close(st);
  return status;
}
