/* parley actors — the actors of the store with mention and document counts
 * and the dates they were seen, as a table, JSON or CSV. */
#include "buf.h"
#include "cli.h"
#include "queryopts.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    QUERYOPTS_DB, {"type", required_argument, NULL, 't'}, QUERYOPTS_TAIL};

static const char usage_text[] =
    "Usage: parley actors [OPTIONS]\n"
    "Lists the actors of the store (persons, states, organizations,\n"
    "groups, media), those named in most documents first.\n"
    "\n"
    "Options:\n"
    "  --db FILE        the store (default: $PARLEY_DB, else ./parley.db)\n"
    "  -t, --type T     person, state, organization, group, media or place\n"
    "                   (places are listed only when asked for)\n"
    "  -f, --format F   table (default), json or csv\n"
    "  -o, --output F   write to F instead of standard output\n"
    "  -h, --help       show this help\n"
    "\n"
    "JSON is an array of objects with the fields id (the node id of\n"
    "exports, \"e12\"), name, name_ar, key (lexicon id or null), type,\n"
    "mentions, documents, first and last (YYYY-MM-DD or null: the dates\n"
    "the actor was seen in relations or publications). CSV (RFC 4180) has\n"
    "a header row with the same fields.\n"
    "\n"
    "Exit status: 0 success, 1 failure (no such store), 2 usage error.\n";

enum { NCOLS = 7 };

/* The state of one run. */
typedef struct ac_out {
  queryout list;       /* where rows go, and how; no pl_qtable */
  queryopts_rows rows; /* table rows held until the end */
  pl_buf line;         /* scratch */
} ac_out;

static int on_row(void *ctx, const pl_actor_row *r, pl_error *err) {
  ac_out *o = ctx;
  pl_buf *b = &o->line;
  char men[24], docs[24];
  snprintf(men, sizeof men, "%ld", r->mentions);
  snprintf(docs, sizeof docs, "%ld", r->documents);
  if (o->list.format == QFMT_JSON) {
    int fail = 0;
    b->len = 0;
    fail |= pl_buf_puts(b, o->list.nrows ? ",\n  {" : "[\n  {") < 0;
    fail |= pl_buf_puts(b, "\"id\": ") < 0 || pl_json_str(b, r->id) < 0;
    fail |= pl_buf_puts(b, ", \"name\": ") < 0 ||
            pl_json_str_or_null(b, r->name) < 0;
    fail |= pl_buf_puts(b, ", \"name_ar\": ") < 0 ||
            pl_json_str_or_null(b, r->name_ar) < 0;
    fail |=
        pl_buf_puts(b, ", \"key\": ") < 0 || pl_json_str_or_null(b, r->key) < 0;
    fail |= pl_buf_puts(b, ", \"type\": ") < 0 || pl_json_str(b, r->type) < 0;
    fail |= pl_buf_printf(b, ", \"mentions\": %ld, \"documents\": %ld",
                          r->mentions, r->documents) < 0;
    fail |= pl_buf_puts(b, ", \"first\": ") < 0 ||
            pl_json_str_or_null(b, r->first) < 0;
    fail |= pl_buf_puts(b, ", \"last\": ") < 0 ||
            pl_json_str_or_null(b, r->last) < 0;
    fail |= pl_buf_putc(b, '}') < 0;
    if (fail)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    fwrite(b->data, 1, b->len, o->list.out);
  } else if (o->list.format == QFMT_CSV) {
    const char *f[9] = {r->id, r->name, r->name_ar, r->key, r->type,
                        men,   docs,    r->first,   r->last};
    pl_query_csv_row(o->list.out, f, 9);
  } else {
    const char *f[NCOLS] = {r->name, r->name_ar, r->type, men,
                            docs,    r->first,   r->last};
    int rc = queryopts_rows_add(&o->rows, f, err);
    if (rc < 0)
      return rc;
  }
  o->list.nrows++;
  return 0;
}

int cmd_actors(int argc, char **argv) {
  queryopts qo = {.help = usage_text};
  const char *type = NULL;
  ac_out o;
  memset(&o, 0, sizeof o);
  o.rows.ncols = NCOLS;
  int c, rc;
  optind = 1;
  while ((c = getopt_long(argc, argv, "t:f:o:h", options, NULL)) != -1) {
    if (c == 't')
      type = optarg;
    else if ((rc = queryopts_handle(&qo, c, argc, argv)) != QUERYOPTS_MORE)
      return rc;
  }
  if ((rc = queryopts_no_operands(&qo, argc, argv)) != QUERYOPTS_MORE)
    return rc;
  static const char *const types[] = {"person", "state", "organization",
                                      "group",  "media", "place"};
  if (type) {
    size_t i = 0;
    while (i < 6 && strcmp(types[i], type) != 0)
      i++;
    if (i == 6)
      return cli_usage(argv[0],
                       "unknown type '%s' (person, state, organization, "
                       "group, media or place)",
                       type);
  }
  pl_store *st = NULL;
  pl_error err;
  pl_error_clear(&err);
  if ((rc = queryout_open(
           &o.list, &qo, &st, 0, NULL,
           "id,name,name_ar,key,type,mentions,documents,first,last\r\n")) !=
      EXIT_OK)
    return rc;
  int r = pl_query_actors(st, type, on_row, &o, &err);
  if (r >= 0 && o.list.format == QFMT_TABLE) {
    static const char *const head[NCOLS] = {
        "NAME", "ARABIC", "TYPE", "MENTIONS", "DOCS", "FIRST", "LAST"};
    queryopts_rows_print(&o.rows, o.list.out, head, 1u << 3 | 1u << 4);
  }
  /* a failed query is reported as the store's error, even a usage one */
  rc = queryout_end(&o.list, &qo, st, NULL, &err, r);
  queryopts_rows_free(&o.rows);
  pl_buf_free(&o.line);
  return rc;
}
