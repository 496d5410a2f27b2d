/* parley alias — add a name to an entity, list its names and why they
 * were merged. */
#include "cli.h"

#include <getopt.h>
#include <parley/store.h>
#include <string.h>

static const char usage_text[] =
    "Usage: parley alias [OPTIONS] add ENTITY NAME\n"
    "       parley alias [OPTIONS] list ENTITY\n"
    "       parley alias [OPTIONS] why NAME1 NAME2\n"
    "add:  makes NAME designate ENTITY from now on (a stored correction:\n"
    "      documents ingested later that say NAME resolve to ENTITY).\n"
    "list: prints ENTITY's names and, for each, why it joined: the same\n"
    "      name, the same Latin or Arabic consonant skeleton, a surname of\n"
    "      one person only, another spelling in the same article, a user's\n"
    "      merge or alias; for a meeting, each source's claims (dates that\n"
    "      disagree are kept). Derived keys are listed with prefixes\n"
    "      (lat: ar: sur: user:).\n"
    "why:  says whether NAME1 and NAME2 are one entity, and why.\n"
    "ENTITY is a lexicon key (state:TR), an id (e12) or a name.\n\n"
    "Options:\n"
    "  --db FILE   the store (default $PARLEY_DB, else ./parley.db)\n"
    "  -h, --help  show this help\n";

static void print_notes(const pl_entity_names *n, int keys) {
  printf("e%lld %s (%s)\n", n->id, n->name, n->type);
  for (size_t i = 0; i < n->nnotes; i++)
    printf("  %s\t%s\t%s\n", n->notes[i].alias, n->notes[i].reason,
           n->notes[i].source ? n->notes[i].source : "(correction)");
  if (keys && n->naliases) {
    printf("  keys:");
    for (size_t i = 0; i < n->naliases; i++)
      printf("%s %s", i ? ";" : "", n->aliases[i]);
    printf("\n");
  }
}

int cmd_alias(int argc, char **argv) {
  const char *db = NULL;
  int c, rc;
  while ((c = getopt_long(argc, argv, "+d:h", cli_db_options, NULL)) != -1)
    if ((rc = cli_db_option("alias", c, usage_text, &db, NULL, argc, argv)) >=
        0)
      return rc;
  if (optind >= argc)
    return cli_usage("alias", "expected add, list or why");
  const char *sub = argv[optind];
  int nargs = argc - optind - 1;
  char **args = argv + optind + 1;
  if (!strcmp(sub, "add")) {
    if (nargs != 2)
      return cli_usage("alias", "add: expected ENTITY NAME");
  } else if (!strcmp(sub, "list")) {
    if (nargs != 1)
      return cli_usage("alias", "list: expected ENTITY");
  } else if (!strcmp(sub, "why")) {
    if (nargs != 2)
      return cli_usage("alias", "why: expected NAME1 NAME2");
  } else {
    return cli_usage("alias", "'%s' is not add, list or why", sub);
  }
  pl_store *st = NULL;
  int status =
      cli_store_open(&st, &db, strcmp(sub, "add") ? PL_STORE_READONLY : 0);
  if (status != EXIT_OK)
    return status;
  pl_error e = {0};
  if (!strcmp(sub, "add")) {
    if (pl_store_alias_add(st, args[0], args[1], &e) < 0)
      status = cli_report(&e, db);
    else
      printf("'%s' now designates '%s'\n", args[1], args[0]);
  } else if (!strcmp(sub, "list")) {
    pl_entity_names *n = NULL;
    if (pl_store_names(st, args[0], &n, &e) < 0)
      status = cli_report(&e, db);
    else
      print_notes(n, 1);
    pl_entity_names_free(n);
  } else {
    pl_entity_names *a = NULL, *b = NULL;
    if (pl_store_names(st, args[0], &a, &e) < 0 ||
        pl_store_names(st, args[1], &b, &e) < 0) {
      status = cli_report(&e, db);
    } else if (a->id == b->id) {
      printf("'%s' and '%s' are one entity:\n", args[0], args[1]);
      print_notes(a, 0);
    } else {
      printf("'%s' and '%s' are two entities: e%lld %s; e%lld %s\n", args[0],
             args[1], a->id, a->name, b->id, b->name);
      status = EXIT_FAIL;
    }
    pl_entity_names_free(a);
    pl_entity_names_free(b);
  }
  pl_store_close(st);
  return status;
}
