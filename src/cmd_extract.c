/* parley extract — print the facts of articles as JSON, without a store. */
#include "cli.h"
#include "docopts.h"

#include <parley/extract.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: parley extract [OPTIONS] FILE...\n"
    "Prints the facts of each article (actors, roles, delegations, meetings,\n"
    "proposals, with their evidence) as JSON (fields: docs/json-output.md). One\n"
    "document gives one JSON object; several give JSON Lines. No store is\n"
    "touched. FILE may be a folder (read recursively) or - for stdin.\n\n"
    "Options:\n"
    "  --format json|jsonl  one object (pretty) or one line per document\n" DOCOPTS_HELP
    "  -o, --output FILE    write there instead of stdout\n"
    "  -h, --help           show this help\n";

typedef struct run {
  pl_extractor *ex;  /* the extractor */
  FILE *out;         /* where JSON goes */
  int jsonl;         /* one line per document */
  char *first;       /* json format: the first document, pretty, held back */
  char *first_line;  /* ... and the same on one line */
  int ndocs;         /* documents extracted */
} run;

static const char *base(const char *path) {
  const char *s = strrchr(path, '/');
  return s && s[1] ? s + 1 : path;
}

/* Prints what was held back: the pretty object when it stayed alone. */
static void flush_first(run *r) {
  if (r->first)
    fprintf(r->out, "%s\n", r->jsonl ? r->first_line : r->first);
  free(r->first);
  free(r->first_line);
  r->first = r->first_line = NULL;
}

static int on_doc(void *ctx, const pl_doc *doc, pl_error *err) {
  run *r = ctx;
  pl_facts *f = NULL;
  char *json = NULL, *pretty = NULL;
  int rc = pl_extract(r->ex, doc, &f, err);
  if (rc < 0)
    return rc;
  rc = pl_facts_to_json(f, base(doc->source), 0, &json, err);
  if (!rc && !r->jsonl && r->ndocs == 0)
    rc = pl_facts_to_json(f, base(doc->source), 1, &pretty, err);
  pl_facts_free(f);
  if (rc < 0) {
    free(json);
    return rc;
  }
  r->ndocs++;
  if (pretty) { /* json format: wait to see whether a second one comes */
    r->first = pretty;
    r->first_line = json;
    return 0;
  }
  if (r->first) { /* a second document: JSON Lines from here on */
    r->jsonl = 1;
    flush_first(r);
  }
  fprintf(r->out, "%s\n", json);
  free(json);
  return 0;
}

int cmd_extract(int argc, char **argv) {
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      DOCOPTS_LONG,
      {NULL, 0, NULL, 0}};
  docopts d;
  memset(&d, 0, sizeof d);
  d.read.warn = cli_warn;
  const char *format = "json", *output = NULL;
  int c, rc;
  while ((c = getopt_long(argc, argv, "f:o:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'f':
      format = optarg;
      break;
    case 'o':
      output = optarg;
      break;
    case 'h':
      fputs(usage_text, stdout);
      return EXIT_OK;
    case '?':
    case ':':
      return cli_bad_option("extract");
    default:
      if ((rc = docopts_handle(&d, "extract", c, optarg)) != 1)
        return rc ? rc : cli_bad_option("extract");
    }
  }
  if (strcmp(format, "json") && strcmp(format, "jsonl"))
    return cli_usage("extract", "--format: '%s' is not json or jsonl", format);
  if (optind >= argc)
    return cli_usage("extract", "no input files");
  run r = {0};
  r.jsonl = !strcmp(format, "jsonl");
  if ((rc = docopts_extractor(&d, &r.ex)) != 0)
    return rc;
  cli_out o;
  if (cli_out_open(&o, output) != EXIT_OK) {
    pl_extractor_free(r.ex);
    return EXIT_FAIL;
  }
  r.out = o.f;
  int status = EXIT_OK;
  for (int i = optind; i < argc; i++) {
    pl_error err = {0};
    int before = r.ndocs;
    if (pl_read_path(argv[i], &d.read, on_doc, &r, &err) < 0) {
      cli_report(&err, argv[i]);
      status = EXIT_FAIL;
    } else if (r.ndocs == before) {
      cli_fail(argv[i], "no articles found");
      status = EXIT_FAIL;
    }
  }
  flush_first(&r);
  /* the facts of the articles read are kept even when others failed; a
     failed write (a full disk, a closed pipe) is an error */
  pl_error werr = {0};
  if (cli_out_close(&o, 1, &werr) < 0)
    status = cli_report(&werr, output ? output : "stdout");
  pl_extractor_free(r.ex);
  return status;
}
