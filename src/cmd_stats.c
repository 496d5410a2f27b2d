/* parley stats — what the store holds: counts by entity type, edge type
 * and language, and the dates its events and documents span. */
#include "cli.h"
#include "queryopts.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <string.h>

static const struct option options[] = {QUERYOPTS_DB, QUERYOPTS_TAIL};

static const char usage_text[] =
    "Usage: parley stats [OPTIONS]\n"
    "Counts what the store holds: documents by language and the dates\n"
    "they were published, entities by type, edges (relations) by type,\n"
    "events (meetings and proposals) with the dates they span, aliases\n"
    "and pieces of evidence.\n"
    "\n"
    "Options:\n"
    "  --db FILE        the store (default: $PARLEY_DB, else ./parley.db)\n"
    "  -f, --format F   table (default), json or csv\n"
    "  -o, --output F   write to F instead of standard output\n"
    "  -h, --help       show this help\n"
    "\n"
    "JSON: one object (docs/json-output.md) with documents {total,\n"
    "by_lang, published_from, published_to}, entities {total, by_type},\n"
    "edges {total, by_type}, events {total, undated, date_from, date_to},\n"
    "aliases and evidence. CSV (RFC 4180): a header row section, name,\n"
    "value, then one row per count or date. No colour is used.\n"
    "\n"
    "Exit status: 0 success, 1 failure (no such store), 2 usage error.\n";

/* One line of the flat forms (table, CSV). */
static int flat(FILE *out, int format, pl_qtable *t, const char *section,
                const char *name, const char *value, pl_error *err) {
  const char *f[] = {section, name, value};
  if (format == QFMT_CSV)
    return pl_query_csv_row(out, f, 3);
  return pl_qtable_add(t, f, err);
}

static int flat_n(FILE *out, int format, pl_qtable *t, const char *section,
                  const char *name, long long n, pl_error *err) {
  char v[32];
  snprintf(v, sizeof v, "%lld", n);
  return flat(out, format, t, section, name, v, err);
}

static int write_flat(FILE *out, int format, const pl_stats *x, pl_error *err) {
  static const char *const head[] = {"SECTION", "NAME", "VALUE"};
  pl_qtable *t = NULL;
  int rc = 0;
  if (format == QFMT_TABLE && (rc = pl_qtable_new(&t, 3, head, err)) < 0)
    return rc;
  if (format == QFMT_CSV)
    fputs("section,name,value\r\n", out);
  rc |= flat_n(out, format, t, "documents", "total", x->documents, err);
  for (size_t i = 0; i < x->nlangs; i++)
    rc |= flat_n(out, format, t, "documents",
                 *x->langs[i].name ? x->langs[i].name : "unknown",
                 x->langs[i].n, err);
  rc |= flat(out, format, t, "documents", "published_from", x->published_from,
             err);
  rc |= flat(out, format, t, "documents", "published_to", x->published_to, err);
  rc |= flat_n(out, format, t, "entities", "total", x->entities, err);
  for (size_t i = 0; i < x->nentity_types; i++)
    rc |= flat_n(out, format, t, "entities", x->entity_types[i].name,
                 x->entity_types[i].n, err);
  rc |= flat_n(out, format, t, "edges", "total", x->edges, err);
  for (size_t i = 0; i < x->nedge_types; i++)
    rc |= flat_n(out, format, t, "edges", x->edge_types[i].name,
                 x->edge_types[i].n, err);
  rc |= flat_n(out, format, t, "events", "total", x->events, err);
  rc |= flat_n(out, format, t, "events", "undated", x->undated_events, err);
  rc |= flat(out, format, t, "events", "date_from", x->events_from, err);
  rc |= flat(out, format, t, "events", "date_to", x->events_to, err);
  rc |= flat_n(out, format, t, "aliases", "total", x->aliases, err);
  rc |= flat_n(out, format, t, "evidence", "total", x->evidence, err);
  if (rc == 0 && t)
    rc = pl_qtable_write(t, out, err);
  pl_qtable_free(t);
  return rc ? pl_error_set(err, PL_ENOMEM, NULL, "cannot write the output") : 0;
}

static void json_counts(FILE *out, const pl_count *v, size_t n) {
  fputc('{', out);
  for (size_t i = 0; i < n; i++) {
    if (i)
      fputs(", ", out);
    pl_query_json_string(out, *v[i].name ? v[i].name : "unknown");
    fprintf(out, ": %lld", v[i].n);
  }
  fputc('}', out);
}

static void write_json(FILE *out, const pl_stats *x) {
  fprintf(out,
          "{\n  \"documents\": {\"total\": %lld, \"by_lang\": ", x->documents);
  json_counts(out, x->langs, x->nlangs);
  fputs(", \"published_from\": ", out);
  pl_query_json_string(out, x->published_from);
  fputs(", \"published_to\": ", out);
  pl_query_json_string(out, x->published_to);
  fprintf(out,
          "},\n  \"entities\": {\"total\": %lld, \"by_type\": ", x->entities);
  json_counts(out, x->entity_types, x->nentity_types);
  fprintf(out, "},\n  \"edges\": {\"total\": %lld, \"by_type\": ", x->edges);
  json_counts(out, x->edge_types, x->nedge_types);
  fprintf(out, "},\n  \"events\": {\"total\": %lld, \"undated\": %lld",
          x->events, x->undated_events);
  fputs(", \"date_from\": ", out);
  pl_query_json_string(out, x->events_from);
  fputs(", \"date_to\": ", out);
  pl_query_json_string(out, x->events_to);
  fprintf(out, "},\n  \"aliases\": %lld,\n  \"evidence\": %lld\n}\n",
          x->aliases, x->evidence);
}

int cmd_stats(int argc, char **argv) {
  queryopts qo = {.help = usage_text};
  int rc = queryopts_parse(&qo, argc, argv, "f:o:h", options);
  if (rc != QUERYOPTS_MORE)
    return rc;
  if ((rc = queryopts_no_operands(&qo, argc, argv)) != QUERYOPTS_MORE)
    return rc;
  pl_store *st = NULL;
  if ((rc = queryopts_store(&qo, &st)) != EXIT_OK)
    return rc;
  pl_error err;
  pl_error_clear(&err);
  pl_stats *x = NULL;
  if (pl_query_stats(st, &x, &err) < 0) {
    pl_store_close(st);
    return cli_report(&err, qo.db);
  }
  FILE *out = cli_open_out(qo.output);
  if (!out) {
    pl_stats_free(x);
    pl_store_close(st);
    return EXIT_FAIL;
  }
  if (qo.format == QFMT_JSON)
    write_json(out, x);
  else if (write_flat(out, qo.format, x, &err) < 0)
    rc = cli_report(&err, queryopts_out_name(&qo));
  rc = queryopts_close(&qo, out, 1, rc);
  pl_stats_free(x);
  pl_store_close(st);
  return rc;
}
