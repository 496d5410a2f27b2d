/* parley show — one actor: its names, key and aliases, the roles it held
 * or gave, the delegations it headed or sent, the meetings and proposals
 * it took part in, each dated and with its sources. */
#include "cli.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {
    {"db", required_argument, NULL, 'd'},
    {"from", required_argument, NULL, 'F'},
    {"to", required_argument, NULL, 'T'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static void usage(FILE *out) {
  fputs(
      "Usage: parley show [OPTIONS] NAME\n"
      "Shows an actor: canonical and Arabic name, type, lexicon key,\n"
      "aliases, mentions, then its roles over time (held by it, or held in\n"
      "it), the delegations it headed (or that were sent in its name), and\n"
      "the meetings and proposals it took part in, each dated and with its\n"
      "sources. NAME is any spelling in any script (\"de Mistura\",\n"
      "\"دي ميستورا\"), a lexicon key (state:SY) or an id (e12); a name\n"
      "shared by several actors shows each of them.\n"
      "\n"
      "Options:\n"
      "  --db FILE        the store (default: $PARLEY_DB, else ./parley.db)\n"
      "  --from DATE      only facts ending on or after DATE (YYYY-MM-DD)\n"
      "  --to DATE        only facts starting on or before DATE\n"
      "  -f, --format F   table (default), json or csv\n"
      "  -o, --output F   write to F instead of standard output\n"
      "  -h, --help       show this help\n"
      "\n"
      "JSON: an array with one object per actor (docs/json-output.md): id,\n"
      "type, name, name_ar, key, translit, aliases, mentions, documents,\n"
      "first, last, roles, delegations, meetings, proposals. CSV (RFC 4180):\n"
      "one row per fact with the header entity_id, entity, section, id,\n"
      "date_from, date_to, what, with, place, round, status, sources,\n"
      "process (a meeting's negotiation process, such as Astana).\n"
      "No colour is used.\n"
      "\n"
      "Exit status: 0 success, 1 failure (no such store, no actor of that\n"
      "name), 2 usage error.\n",
      out);
}

enum { FMT_TABLE, FMT_JSON, FMT_CSV };

/* The state of one run. */
typedef struct sh_out {
  pl_store *st;      /* the store */
  FILE *out;         /* where it goes */
  int format;        /* FMT_* */
  const char *from;  /* --from or NULL */
  const char *to;    /* --to or NULL */
  size_t nentities;  /* actors shown */
  size_t nitems;     /* items written in the current JSON list */
  const char *eid;   /* the current actor's id */
  const char *ename; /* the current actor's name */
  pl_qtable *table;  /* the current section's table */
} sh_out;

static char *join(const char *const *v, size_t n, const char *sep) {
  size_t need = pl_query_format_names(NULL, 0, v, n, sep);
  char *s = malloc(need + 1);
  if (s)
    pl_query_format_names(s, need + 1, v, n, sep);
  return s;
}

static void show_date(char *buf, size_t cap, const char *from, const char *to) {
  if (!from)
    snprintf(buf, cap, "-");
  else if (!to || !strcmp(from, to))
    snprintf(buf, cap, "%s", from);
  else
    snprintf(buf, cap, "%s..%s", from, to);
}

/* Starts a JSON list item (comma between items). */
static void json_item(sh_out *o) {
  fputs(o->nitems++ ? ",\n    " : "\n    ", o->out);
}

/* One CSV row; process (meetings only) is the last column, added after
 * the others so that theirs keep their places. */
static int csv_fact(sh_out *o, const char *section, const char *id,
                    const char *from, const char *to, const char *what,
                    const char *with, const char *place, const char *round,
                    const char *status, const char *const *src, size_t nsrc,
                    const char *process, pl_error *err) {
  char *s = join(src, nsrc, "; ");
  if (!s)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  const char *f[] = {o->eid, o->ename, section, id,    from,   to,
                     what,   with,     place,   round, status, s,
                     process};
  int rc = pl_query_csv_row(o->out, f, 13);
  free(s);
  return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
}

static int on_role(void *ctx, const pl_role_row *r, pl_error *err) {
  sh_out *o = ctx;
  if (o->format == FMT_JSON) {
    json_item(o);
    int rc = pl_query_json_role(o->out, r);
    return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
  }
  char *src = join(r->sources, r->nsources, "; ");
  if (!src)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  int rc;
  if (o->format == FMT_CSV) {
    const char *w[] = {r->person, r->of};
    char *with = join(w, r->of ? 2 : 1, "; ");
    rc = with ? csv_fact(o, "role", r->id, r->date_from, r->date_to, r->role,
                         with, NULL, NULL, NULL, r->sources, r->nsources, NULL,
                         err)
              : pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    free(with);
  } else {
    char date[32];
    show_date(date, sizeof date, r->date_from, r->date_to);
    const char *f[] = {r->id, date, r->person, r->role, r->of, src};
    rc = pl_qtable_add(o->table, f, err);
  }
  free(src);
  return rc;
}

static int on_delegation(void *ctx, const pl_delegation_row *r, pl_error *err) {
  sh_out *o = ctx;
  if (o->format == FMT_JSON) {
    json_item(o);
    int rc = pl_query_json_delegation(o->out, r);
    return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
  }
  if (o->format == FMT_CSV) {
    const char *w[] = {r->head, r->of};
    char *with = join(w, 2, "; ");
    int rc = with ? csv_fact(o, "delegation", r->id, r->date, r->date,
                             "delegation", with, NULL, r->round, NULL,
                             r->sources, r->nsources, NULL, err)
                  : pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    free(with);
    return rc;
  }
  char *src = join(r->sources, r->nsources, "; ");
  if (!src)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  const char *f[] = {r->id, r->date, r->round, r->of, r->head, src};
  int rc = pl_qtable_add(o->table, f, err);
  free(src);
  return rc;
}

static int on_meeting(void *ctx, const pl_meeting_row *r, pl_error *err) {
  sh_out *o = ctx;
  if (o->format == FMT_JSON) {
    json_item(o);
    int rc = pl_query_json_meeting(o->out, r);
    return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
  }
  char *who = join(r->participants, r->nparticipants,
                   o->format == FMT_CSV ? "; " : ", ");
  char *src = join(r->sources, r->nsources, "; ");
  int rc;
  if (!who || !src) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  } else if (o->format == FMT_CSV) {
    rc = csv_fact(o, "meeting", r->id, r->date_from, r->date_to, r->kind, who,
                  r->place, r->round, r->status, r->sources, r->nsources,
                  r->process, err);
  } else {
    char date[32];
    show_date(date, sizeof date, r->date_from, r->date_to);
    const char *f[] = {r->id,    date,      r->kind, r->place, r->process,
                       r->round, r->status, who,     src};
    rc = pl_qtable_add(o->table, f, err);
  }
  free(who);
  free(src);
  return rc;
}

static int on_proposal(void *ctx, const pl_proposal_row *r, pl_error *err) {
  sh_out *o = ctx;
  if (o->format == FMT_JSON) {
    json_item(o);
    int rc = pl_query_json_proposal(o->out, r);
    return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
  }
  const char *sep = o->format == FMT_CSV ? "; " : ", ";
  char *by = join(r->by, r->nby, sep), *to = join(r->to, r->nto, sep);
  char *src = join(r->sources, r->nsources, "; ");
  int rc;
  if (!by || !to || !src) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  } else if (o->format == FMT_CSV) {
    size_t n = strlen(by) + strlen(to) + 8;
    char *with = malloc(n);
    if (with)
      snprintf(with, n, "%s%s%s", by, *to ? " -> " : "", to);
    rc = with ? csv_fact(o, "proposal", r->id, r->date_from, r->date_to,
                         r->content, with, NULL, NULL, r->status, r->sources,
                         r->nsources, NULL, err)
              : pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    free(with);
  } else {
    char date[32];
    show_date(date, sizeof date, r->date_from, r->date_to);
    const char *f[] = {r->id, date, r->status, by, to, r->content, src};
    rc = pl_qtable_add(o->table, f, err);
  }
  free(by);
  free(to);
  free(src);
  return rc;
}

/* Opens a section: a JSON key, or a table with its title. */
static int section_begin(sh_out *o, const char *key, const char *title,
                         size_t ncols, const char *const *head, pl_error *err) {
  o->nitems = 0;
  if (o->format == FMT_JSON) {
    fprintf(o->out, ",\n  \"%s\": [", key);
    return 0;
  }
  if (o->format == FMT_TABLE) {
    fprintf(o->out, "\n%s\n", title);
    return pl_qtable_new(&o->table, ncols, head, err);
  }
  return 0;
}

static int section_end(sh_out *o, pl_error *err) {
  int rc = 0;
  if (o->format == FMT_JSON) {
    fputs(o->nitems ? "\n  ]" : "]", o->out);
  } else if (o->format == FMT_TABLE) {
    if (pl_qtable_rows(o->table))
      rc = pl_qtable_write(o->table, o->out, err);
    else
      fputs("  (none)\n", o->out);
    pl_qtable_free(o->table);
    o->table = NULL;
  }
  return rc;
}

static int on_entity(void *ctx, const pl_entity_row *e, pl_error *err) {
  sh_out *o = ctx;
  FILE *out = o->out;
  int rc;
  o->eid = e->id;
  o->ename = e->name;
  if (o->format == FMT_JSON) {
    fputs(o->nentities ? ",\n {" : "[\n {", out);
    fputs("\"id\": ", out);
    pl_query_json_string(out, e->id);
    fputs(", \"type\": ", out);
    pl_query_json_string(out, e->type);
    fputs(", \"name\": ", out);
    pl_query_json_string(out, e->name);
    fputs(", \"name_ar\": ", out);
    pl_query_json_string(out, e->name_ar);
    fputs(", \"key\": ", out);
    pl_query_json_string(out, e->key);
    fputs(", \"translit\": ", out);
    pl_query_json_string(out, e->translit);
    fputs(",\n  \"aliases\": [", out);
    for (size_t i = 0; i < e->naliases; i++) {
      if (i)
        fputs(", ", out);
      pl_query_json_string(out, e->aliases[i]);
    }
    fprintf(out, "], \"mentions\": %ld, \"documents\": %ld", e->mentions,
            e->documents);
    fputs(", \"first\": ", out);
    pl_query_json_string(out, e->first);
    fputs(", \"last\": ", out);
    pl_query_json_string(out, e->last);
  } else if (o->format == FMT_CSV) {
    char *al = join(e->aliases, e->naliases, "; ");
    if (!al)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    const char *f[] = {e->id,   e->name,    "entity", e->id, e->first, e->last,
                       e->type, e->name_ar, NULL,     NULL,  e->key,   al};
    rc = pl_query_csv_row(out, f, 12);
    free(al);
    if (rc < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
  } else {
    char *al = join(e->aliases, e->naliases, ", ");
    if (!al)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    if (o->nentities)
      fputs("\n\n", out);
    fprintf(out, "%s  (%s, %s)\n", e->name, e->id, e->type);
    fprintf(out, "  Arabic:    %s\n", e->name_ar ? e->name_ar : "-");
    fprintf(out, "  key:       %s\n", e->key ? e->key : "-");
    if (e->translit)
      fprintf(out, "  translit:  %s\n", e->translit);
    fprintf(out, "  aliases:   %s\n", *al ? al : "-");
    fprintf(out, "  mentions:  %ld in %ld document%s", e->mentions,
            e->documents, e->documents == 1 ? "" : "s");
    if (e->first)
      fprintf(out, ", seen %s..%s", e->first, e->last ? e->last : "?");
    fputc('\n', out);
    free(al);
  }
  o->nentities++;

  static const char *const role_head[] = {"ID",   "DATE", "PERSON",
                                          "ROLE", "OF",   "SOURCES"};
  static const char *const deleg_head[] = {"ID", "DATE", "ROUND",
                                           "OF", "HEAD", "SOURCES"};
  static const char *const meet_head[] = {
      "ID",     "DATE",         "KIND",   "PLACE",  "PROCESS",
      "ROUND",  "STATUS",       "PARTICIPANTS",     "SOURCES"};
  static const char *const prop_head[] = {"ID", "DATE",    "STATUS", "BY",
                                          "TO", "CONTENT", "SOURCES"};
  pl_delegation_query dq;
  memset(&dq, 0, sizeof dq);
  dq.from = o->from;
  dq.to = o->to;
  pl_meeting_query mq;
  memset(&mq, 0, sizeof mq);
  const char *const me[] = {e->id};
  mq.actors = me;
  mq.nactors = 1;
  mq.from = o->from;
  mq.to = o->to;
  if ((rc = section_begin(o, "roles", "Roles", 6, role_head, err)) < 0 ||
      (rc = pl_query_roles(o->st, e->id, o->from, o->to, on_role, o, err)) <
          0 ||
      (rc = section_end(o, err)) < 0)
    return rc;
  if ((rc = section_begin(o, "delegations", "Delegations", 6, deleg_head,
                          err)) < 0)
    return rc;
  dq.head = e->id;
  if ((rc = pl_query_delegations(o->st, &dq, on_delegation, o, err)) < 0)
    return rc;
  dq.head = NULL;
  dq.of = e->id;
  if ((rc = pl_query_delegations(o->st, &dq, on_delegation, o, err)) < 0 ||
      (rc = section_end(o, err)) < 0)
    return rc;
  if ((rc = section_begin(o, "meetings", "Meetings", 9, meet_head, err)) < 0 ||
      (rc = pl_query_meetings(o->st, &mq, on_meeting, o, err)) < 0 ||
      (rc = section_end(o, err)) < 0)
    return rc;
  if ((rc = section_begin(o, "proposals", "Proposals", 7, prop_head, err)) <
          0 ||
      (rc = pl_query_proposals(o->st, e->id, o->from, o->to, on_proposal, o,
                               err)) < 0 ||
      (rc = section_end(o, err)) < 0)
    return rc;
  if (o->format == FMT_JSON)
    fputs("}", out);
  return 0;
}

int cmd_show(int argc, char **argv) {
  const char *db = NULL, *output = NULL;
  sh_out o;
  memset(&o, 0, sizeof o);
  int c, rc = EXIT_OK;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:h", options, NULL)) != -1) {
    switch (c) {
    case 'd':
      db = optarg;
      break;
    case 'F':
      if (cli_date_arg(argv[0], "--from", optarg, 1, NULL))
        return EXIT_USAGE;
      o.from = optarg;
      break;
    case 'T':
      if (cli_date_arg(argv[0], "--to", optarg, 1, NULL))
        return EXIT_USAGE;
      o.to = optarg;
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
  if (optind >= argc)
    return cli_usage(argv[0], "which actor? (parley show NAME)");
  if (optind + 1 < argc)
    return cli_usage(argv[0],
                     "unexpected argument '%s' (quote a name of "
                     "several words)",
                     argv[optind + 1]);
  const char *name = argv[optind];
  if (!db)
    db = pl_store_default_path();

  pl_error err;
  pl_error_clear(&err);
  int r = pl_store_open(&o.st, db, PL_STORE_READONLY, &err);
  if (r < 0) {
    if (r == PL_ENOTFOUND)
      return cli_fail(db, "no such store (run 'parley ingest' first)");
    return cli_report(&err, db);
  }
  /* Output is held until the name is known to designate someone, so that
   * a failure writes nothing to standard output. */
  char *held = NULL;
  size_t nheld = 0;
  o.out = open_memstream(&held, &nheld);
  if (!o.out) {
    pl_store_close(o.st);
    return cli_fail(NULL, "out of memory");
  }
  if (o.format == FMT_CSV)
    fputs("entity_id,entity,section,id,date_from,date_to,what,with,place,"
          "round,status,sources,process\r\n",
          o.out);
  r = pl_query_entities(o.st, name, on_entity, &o, &err);
  if (r >= 0 && o.format == FMT_JSON)
    fputs("\n]\n", o.out);
  fclose(o.out);
  pl_qtable_free(o.table);
  if (r < 0) {
    rc = err.code == PL_EUSAGE ? cli_usage(argv[0], "%s", err.msg)
                               : cli_report(&err, db);
  } else {
    FILE *out = cli_open_out(output);
    if (!out) {
      rc = EXIT_FAIL;
    } else {
      fwrite(held, 1, nheld, out);
      if (fflush(out) != 0 || ferror(out))
        rc = cli_fail(output ? output : "stdout", "write failed");
      if (out != stdout)
        fclose(out);
    }
  }
  free(held);
  pl_store_close(o.st);
  return rc;
}
