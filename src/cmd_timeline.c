/* parley timeline — events of the store in date order, as a table, JSON or
 * CSV. */
#include "buf.h"
#include "cli.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},
    {"actor", required_argument, NULL, 'a'},
    {"type", required_argument, NULL, 't'},
    {"from", required_argument, NULL, 'F'},
    {"to", required_argument, NULL, 'T'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static void usage(FILE *out) {
  fputs(
      "Usage: parley timeline [OPTIONS]\n"
      "Lists the events of the store in date order (undated events last):\n"
      "meetings, proposals, delegations (who headed whose) and roles.\n"
      "\n"
      "Options:\n"
      "  --db FILE        the store (default: $PARLEY_DB, else ./parley.db)\n"
      "  -a, --actor A    only events A takes part in; A is any spelling of\n"
      "                   a name (Arabic or English) or a lexicon key such as\n"
      "                   state:TR; repeat to require several actors\n"
      "  -t, --type T     meeting, proposal, delegation or role\n"
      "  --from DATE      events ending on or after DATE (YYYY-MM-DD)\n"
      "  --to DATE        events starting on or before DATE\n"
      "  -f, --format F   table (default), json or csv\n"
      "  -o, --output F   write to F instead of standard output\n"
      "  -h, --help       show this help\n"
      "\n"
      "JSON is an array of objects with the fields id, date_from, date_to,\n"
      "precision (day|month|year|unknown), type, kind, status, place, round,\n"
      "process (meetings: the negotiation process, such as Astana),\n"
      "participants (array of names), by and to (proposals: proposers and\n"
      "addressees), summary and sources (array of document sources); absent\n"
      "values are null. CSV (RFC 4180) has a header row with date_from,\n"
      "date_to, type, kind, status, place, round, participants, summary,\n"
      "sources, id, process; lists are joined with \"; \". The table's ID\n"
      "is what 'parley evidence ID' takes.\n"
      "\n"
      "Exit status: 0 success, 1 failure (no such store, unknown actor),\n"
      "2 usage error.\n",
      out);
}

enum { FMT_TABLE, FMT_JSON, FMT_CSV };
enum { NCOLS = 10 };

/* The state of one run. */
typedef struct tl_out {
  FILE *out;        /* where rows go */
  int format;       /* FMT_* */
  size_t nrows;     /* rows written or held */
  pl_arena arena;   /* table cells */
  char ***cells;    /* table: rows of NCOLS cells */
  size_t cap;       /* rows allocated in cells */
  pl_buf line;      /* scratch */
} tl_out;

static const char *precision_name(int p) {
  static const char *const names[] = {"unknown", "day", "month", "year"};
  return p >= 0 && p <= 3 ? names[p] : "unknown";
}

/* Joins n names with sep into b (reset first). */
static int join(pl_buf *b, const char *const *names, size_t n,
                const char *sep) {
  b->len = 0;
  if (pl_buf_puts(b, "") < 0)
    return PL_ENOMEM;
  size_t need = pl_query_format_names(NULL, 0, names, n, sep);
  if (pl_buf_reserve(b, need + 1) < 0)
    return PL_ENOMEM;
  pl_query_format_names(b->data, need + 1, names, n, sep);
  b->len = need;
  return 0;
}

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

static int json_list(pl_buf *b, const char *const *v, size_t n) {
  int fail = pl_buf_putc(b, '[') < 0;
  for (size_t i = 0; i < n; i++) {
    if (i)
      fail |= pl_buf_putc(b, ',') < 0;
    fail |= pl_json_str(b, v[i]) < 0;
  }
  fail |= pl_buf_putc(b, ']') < 0;
  return fail ? PL_ENOMEM : 0;
}

static int on_row(void *ctx, const pl_timeline_row *r, pl_error *err) {
  tl_out *o = ctx;
  pl_buf *b = &o->line;
  int fail = 0;
  if (o->format == FMT_JSON) {
    b->len = 0;
    fail |= pl_buf_puts(b, o->nrows ? ",\n  {" : "[\n  {") < 0;
    fail |= pl_buf_puts(b, "\"id\": ") < 0 || pl_json_str(b, r->id) < 0;
    fail |= pl_buf_puts(b, ", \"date_from\": ") < 0 ||
            pl_json_str_or_null(b, r->date_from) < 0;
    fail |= pl_buf_puts(b, ", \"date_to\": ") < 0 ||
            pl_json_str_or_null(b, r->date_to) < 0;
    fail |= pl_buf_printf(b, ", \"precision\": \"%s\"",
                          precision_name(r->precision)) < 0;
    fail |= pl_buf_puts(b, ", \"type\": ") < 0 || pl_json_str(b, r->type) < 0;
    fail |= pl_buf_puts(b, ", \"kind\": ") < 0 ||
            pl_json_str_or_null(b, r->kind) < 0;
    fail |= pl_buf_puts(b, ", \"status\": ") < 0 ||
            pl_json_str_or_null(b, r->status) < 0;
    fail |= pl_buf_puts(b, ", \"place\": ") < 0 ||
            pl_json_str_or_null(b, r->place) < 0;
    fail |= pl_buf_puts(b, ", \"round\": ") < 0 ||
            pl_json_str_or_null(b, r->round) < 0;
    fail |= pl_buf_puts(b, ", \"process\": ") < 0 ||
            pl_json_str_or_null(b, r->process) < 0;
    fail |= pl_buf_puts(b, ", \"participants\": ") < 0 ||
            json_list(b, r->participants, r->nparticipants) < 0;
    if (!strcmp(r->type, "proposal")) {
      fail |= pl_buf_puts(b, ", \"by\": ") < 0 ||
              json_list(b, r->participants, r->nby) < 0;
      fail |= pl_buf_puts(b, ", \"to\": ") < 0 ||
              json_list(b, r->participants + r->nby,
                        r->nparticipants - r->nby) < 0;
    } else {
      fail |= pl_buf_puts(b, ", \"by\": null, \"to\": null") < 0;
    }
    fail |= pl_buf_puts(b, ", \"summary\": ") < 0 ||
            pl_json_str_or_null(b, r->summary) < 0;
    fail |= pl_buf_puts(b, ", \"sources\": ") < 0 ||
            json_list(b, r->sources, r->nsources) < 0;
    fail |= pl_buf_putc(b, '}') < 0;
    if (fail)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    fwrite(b->data, 1, b->len, o->out);
    o->nrows++;
    return 0;
  }
  pl_buf who = {0}, src = {0};
  if (join(&who, r->participants, r->nparticipants,
           o->format == FMT_CSV ? "; " : ", ") < 0 ||
      join(&src, r->sources, r->nsources, "; ") < 0) {
    pl_buf_free(&who);
    pl_buf_free(&src);
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  int rc = 0;
  if (o->format == FMT_CSV) {
    /* id and process came later: at the end, the older columns keep
     * their places. */
    const char *f[12] = {r->date_from, r->date_to, r->type,   r->kind,
                         r->status,    r->place,   r->round,  who.data,
                         r->summary,   src.data,   r->id,     r->process};
    for (int i = 0; i < 12; i++) {
      if (i)
        fputc(',', o->out);
      csv_field(o->out, f[i]);
    }
    fputs("\r\n", o->out);
    o->nrows++;
  } else {
    /* Table: hold the row until every width is known. */
    char date[32];
    if (!r->date_from)
      snprintf(date, sizeof date, "-");
    else if (!r->date_to || !strcmp(r->date_from, r->date_to))
      snprintf(date, sizeof date, "%s", r->date_from);
    else
      snprintf(date, sizeof date, "%s..%s", r->date_from, r->date_to);
    const char *f[NCOLS] = {r->id,      date,     r->type,
                            r->kind,    r->place, r->process,
                            r->round,   who.data, r->summary,
                            src.data};
    if (o->nrows == o->cap) {
      size_t nc = o->cap ? o->cap * 2 : 64;
      char ***p = realloc(o->cells, nc * sizeof *p);
      if (!p) {
        rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
        goto done;
      }
      o->cells = p;
      o->cap = nc;
    }
    char **row = pl_arena_alloc(&o->arena, NCOLS * sizeof *row);
    if (!row) {
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
      goto done;
    }
    for (int i = 0; i < NCOLS; i++) {
      row[i] = pl_arena_strdup(&o->arena, f[i] && *f[i] ? f[i] : "-");
      if (!row[i]) {
        rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
        goto done;
      }
    }
    o->cells[o->nrows++] = row;
  }
done:
  pl_buf_free(&who);
  pl_buf_free(&src);
  return rc;
}

static void print_table(tl_out *o) {
  static const char *const head[NCOLS] = {
      "ID",      "DATE",  "TYPE",         "KIND",    "PLACE",
      "PROCESS", "ROUND", "PARTICIPANTS", "SUMMARY", "SOURCES"};
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
      fputs(row[i], o->out);
      if (i < NCOLS - 1)
        for (size_t k = pl_query_width(row[i]); k < w[i] + 2; k++)
          fputc(' ', o->out);
    }
    fputc('\n', o->out);
  }
}

int cmd_timeline(int argc, char **argv) {
  const char *db = NULL, *output = NULL;
  const char **actors = NULL;
  size_t nactors = 0;
  pl_timeline_query q;
  memset(&q, 0, sizeof q);
  tl_out o;
  memset(&o, 0, sizeof o);
  int c, rc = EXIT_OK;
  optind = 1;
  while ((c = getopt_long(argc, argv, "a:t:f:o:h", options, NULL)) != -1) {
    switch (c) {
    case 'd':
      db = optarg;
      break;
    case 'a': {
      const char **p = realloc(actors, (nactors + 1) * sizeof *p);
      if (!p) {
        free(actors);
        return cli_fail(NULL, "out of memory");
      }
      actors = p;
      actors[nactors++] = optarg;
      break;
    }
    case 't':
      q.type = optarg;
      break;
    case 'F':
      if (cli_date_arg(argv[0], "--from", optarg, 1, NULL))
        return EXIT_USAGE;
      q.from = optarg;
      break;
    case 'T':
      if (cli_date_arg(argv[0], "--to", optarg, 1, NULL))
        return EXIT_USAGE;
      q.to = optarg;
      break;
    case 'f':
      if (!strcmp(optarg, "table"))
        o.format = FMT_TABLE;
      else if (!strcmp(optarg, "json"))
        o.format = FMT_JSON;
      else if (!strcmp(optarg, "csv"))
        o.format = FMT_CSV;
      else {
        free(actors);
        return cli_usage(argv[0], "unknown format '%s' (table, json or csv)",
                         optarg);
      }
      break;
    case 'o':
      output = optarg;
      break;
    case 'h':
      free(actors);
      usage(stdout);
      return EXIT_OK;
    default:
      free(actors);
      return cli_bad_option(argv[0]);
    }
  }
  if (optind < argc) {
    free(actors);
    return cli_usage(argv[0], "unexpected argument '%s'", argv[optind]);
  }
  if (q.type && strcmp(q.type, "meeting") && strcmp(q.type, "proposal") &&
      strcmp(q.type, "delegation") && strcmp(q.type, "role")) {
    free(actors);
    return cli_usage(argv[0],
                     "unknown type '%s' (meeting, proposal, delegation or "
                     "role)",
                     q.type);
  }
  q.actors = actors;
  q.nactors = nactors;
  if (!db)
    db = pl_store_default_path();

  pl_error err;
  pl_error_clear(&err);
  pl_store *st = NULL;
  int r = pl_store_open(&st, db, PL_STORE_READONLY, &err);
  if (r == PL_ENOTFOUND) {
    free(actors);
    return cli_fail(db, "no such store (run 'parley ingest' first)");
  }
  if (r < 0) {
    free(actors);
    return cli_report(&err, db);
  }
  o.out = cli_open_out(output);
  if (!o.out) {
    pl_store_close(st);
    free(actors);
    return EXIT_FAIL;
  }
  if (o.format == FMT_CSV)
    fputs("date_from,date_to,type,kind,status,place,round,participants,"
          "summary,sources,id,process\r\n",
          o.out);
  r = pl_query_timeline(st, &q, on_row, &o, &err);
  if (r < 0) {
    rc = err.code == PL_EUSAGE ? cli_usage(argv[0], "%s", err.msg)
                               : cli_report(&err, db);
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
  free(actors);
  return rc;
}
