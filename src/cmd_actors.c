/* parley actors — the actors of the store with mention and document counts
 * and the dates they were seen, as a table, JSON or CSV. */
#include "buf.h"
#include "cli.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},
    {"type", required_argument, NULL, 't'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static void usage(FILE *out) {
  fputs(
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
      "Exit status: 0 success, 1 failure (no such store), 2 usage error.\n",
      out);
}

enum { FMT_TABLE, FMT_JSON, FMT_CSV };
enum { NCOLS = 7 };

/* The state of one run. */
typedef struct ac_out {
  FILE *out;       /* where rows go */
  int format;      /* FMT_* */
  size_t nrows;    /* rows written or held */
  pl_arena arena;  /* table cells */
  char ***cells;   /* table rows of NCOLS cells */
  size_t cap;      /* rows allocated */
  pl_buf line;     /* scratch */
} ac_out;

static void csv_field(FILE *out, const char *s) {
  if (!s)
    return;
  if (!strpbrk(s, ",\"\r\n")) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

static int on_row(void *ctx, const pl_actor_row *r, pl_error *err) {
  ac_out *o = ctx;
  pl_buf *b = &o->line;
  char men[24], docs[24];
  snprintf(men, sizeof men, "%ld", r->mentions);
  snprintf(docs, sizeof docs, "%ld", r->documents);
  if (o->format == FMT_JSON) {
    int fail = 0;
    b->len = 0;
    fail |= pl_buf_puts(b, o->nrows ? ",\n  {" : "[\n  {") < 0;
    fail |= pl_buf_puts(b, "\"id\": ") < 0 || pl_json_str(b, r->id) < 0;
    fail |= pl_buf_puts(b, ", \"name\": ") < 0 ||
            pl_json_str_or_null(b, r->name) < 0;
    fail |= pl_buf_puts(b, ", \"name_ar\": ") < 0 ||
            pl_json_str_or_null(b, r->name_ar) < 0;
    fail |= pl_buf_puts(b, ", \"key\": ") < 0 ||
            pl_json_str_or_null(b, r->key) < 0;
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
    fwrite(b->data, 1, b->len, o->out);
  } else if (o->format == FMT_CSV) {
    const char *f[9] = {r->id,  r->name, r->name_ar, r->key,  r->type,
                        men,    docs,    r->first,   r->last};
    for (int i = 0; i < 9; i++) {
      if (i)
        fputc(',', o->out);
      csv_field(o->out, f[i]);
    }
    fputs("\r\n", o->out);
  } else {
    const char *f[NCOLS] = {r->name, r->name_ar, r->type, men,
                            docs,    r->first,   r->last};
    if (o->nrows == o->cap) {
      size_t nc = o->cap ? o->cap * 2 : 64;
      char ***p = realloc(o->cells, nc * sizeof *p);
      if (!p)
        return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      o->cells = p;
      o->cap = nc;
    }
    char **row = pl_arena_alloc(&o->arena, NCOLS * sizeof *row);
    if (!row)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    for (int i = 0; i < NCOLS; i++) {
      row[i] = pl_arena_strdup(&o->arena, f[i] && *f[i] ? f[i] : "-");
      if (!row[i])
        return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    }
    o->cells[o->nrows] = row;
  }
  o->nrows++;
  return 0;
}

static void print_table(ac_out *o) {
  static const char *const head[NCOLS] = {"NAME",     "ARABIC", "TYPE",
                                          "MENTIONS", "DOCS",   "FIRST",
                                          "LAST"};
  size_t w[NCOLS];
  for (int i = 0; i < NCOLS; i++)
    w[i] = pl_query_width(head[i]);
  for (size_t r = 0; r < o->nrows; r++)
    for (int i = 0; i < NCOLS; i++) {
      size_t x = pl_query_width(o->cells[r][i]);
      if (x > w[i])
        w[i] = x;
    }
  for (size_t r = 0; r <= o->nrows; r++) {
    const char *const *row =
        r == 0 ? head : (const char *const *)o->cells[r - 1];
    for (int i = 0; i < NCOLS; i++) {
      size_t pad = w[i] - pl_query_width(row[i]);
      int right = i == 3 || i == 4; /* counts align right */
      if (right)
        for (size_t k = 0; k < pad; k++)
          fputc(' ', o->out);
      fputs(row[i], o->out);
      if (i < NCOLS - 1) {
        for (size_t k = 0; k < (right ? 0 : pad) + 2; k++)
          fputc(' ', o->out);
      }
    }
    fputc('\n', o->out);
  }
}

int cmd_actors(int argc, char **argv) {
  const char *db = NULL, *output = NULL, *type = NULL;
  ac_out o;
  memset(&o, 0, sizeof o);
  int c, rc = EXIT_OK;
  optind = 1;
  while ((c = getopt_long(argc, argv, "t:f:o:h", options, NULL)) != -1) {
    switch (c) {
    case 'd':
      db = optarg;
      break;
    case 't':
      type = optarg;
      break;
    case 'f':
      if (!strcmp(optarg, "table"))
        o.format = FMT_TABLE;
      else if (!strcmp(optarg, "json"))
        o.format = FMT_JSON;
      else if (!strcmp(optarg, "csv"))
        o.format = FMT_CSV;
      else
        return cli_usage(argv[0], "unknown format '%s' (table, json or csv)",
                         optarg);
      break;
    case 'o':
      output = optarg;
      break;
    case 'h':
      usage(stdout);
      return EXIT_OK;
    default:
      return cli_bad_option(argv[0]);
    }
  }
  if (optind < argc)
    return cli_usage(argv[0], "unexpected argument '%s'", argv[optind]);
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
  if (!db)
    db = pl_store_default_path();

  pl_error err;
  pl_error_clear(&err);
  pl_store *st = NULL;
  int r = pl_store_open(&st, db, PL_STORE_READONLY, &err);
  if (r == PL_ENOTFOUND)
    return cli_fail(db, "no such store (run 'parley ingest' first)");
  if (r < 0)
    return cli_report(&err, db);
  o.out = cli_open_out(output);
  if (!o.out) {
    pl_store_close(st);
    return EXIT_FAIL;
  }
  if (o.format == FMT_CSV)
    fputs("id,name,name_ar,key,type,mentions,documents,first,last\r\n",
          o.out);
  r = pl_query_actors(st, type, on_row, &o, &err);
  if (r < 0) {
    rc = cli_report(&err, db);
  } else {
    if (o.format == FMT_JSON)
      fputs(o.nrows ? "\n]\n" : "[]\n", o.out);
    else if (o.format == FMT_TABLE)
      print_table(&o);
    if (fflush(o.out) != 0 || ferror(o.out))
      rc = cli_fail(output ? output : "stdout", "write failed");
  }
  if (o.out != stdout)
    fclose(o.out);
  pl_store_close(st);
  free(o.cells);
  pl_arena_free(&o.arena);
  pl_buf_free(&o.line);
  return rc;
}
