/* parley show — one actor: its names, key and aliases, the roles it held
 * or gave, the delegations it headed or sent, the meetings and proposals
 * it took part in, each dated and with its sources. */
#include "cli.h"
#include "queryopts.h"

#include <parley/query.h>
#include <parley/store.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option options[] = {QUERYOPTS_DB, QUERYOPTS_DATES,
                                        QUERYOPTS_TAIL};

static const char usage_text[] =
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
    "name), 2 usage error.\n";

/* The state of one run. */
typedef struct sh_out {
  pl_store *st;      /* the store */
  FILE *out;         /* where it goes */
  int format;        /* QFMT_* */
  const char *from;  /* --from or NULL */
  const char *to;    /* --to or NULL */
  size_t nentities;  /* actors shown */
  size_t nitems;     /* items written in the current JSON list */
  const char *eid;   /* the current actor's id */
  const char *ename; /* the current actor's name */
  pl_qtable *table;  /* the current section's table */
} sh_out;

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
  char *s = queryopts_join(src, nsrc, "; ");
  if (!s)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  const char *f[] = {o->eid, o->ename, section, id,     from, to,     what,
                     with,   place,    round,   status, s,    process};
  int rc = pl_query_csv_row(o->out, f, 13);
  free(s);
  return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
}

static int on_role(void *ctx, const pl_role_row *r, pl_error *err) {
  sh_out *o = ctx;
  if (o->format == QFMT_JSON) {
    json_item(o);
    int rc = pl_query_json_role(o->out, r);
    return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
  }
  char *src = queryopts_join(r->sources, r->nsources, "; ");
  if (!src)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  int rc;
  if (o->format == QFMT_CSV) {
    const char *w[] = {r->person, r->of};
    char *with = queryopts_join(w, r->of ? 2 : 1, "; ");
    rc = with ? csv_fact(o, "role", r->id, r->date_from, r->date_to, r->role,
                         with, NULL, NULL, NULL, r->sources, r->nsources, NULL,
                         err)
              : pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    free(with);
  } else {
    char date[32];
    queryopts_span(date, sizeof date, r->date_from, r->date_to);
    const char *f[] = {r->id, date, r->person, r->role, r->of, src};
    rc = pl_qtable_add(o->table, f, err);
  }
  free(src);
  return rc;
}

static int on_delegation(void *ctx, const pl_delegation_row *r, pl_error *err) {
  sh_out *o = ctx;
  if (o->format == QFMT_JSON) {
    json_item(o);
    int rc = pl_query_json_delegation(o->out, r);
    return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
  }
  if (o->format == QFMT_CSV) {
    const char *w[] = {r->head, r->of};
    char *with = queryopts_join(w, 2, "; ");
    int rc = with ? csv_fact(o, "delegation", r->id, r->date, r->date,
                             "delegation", with, NULL, r->round, NULL,
                             r->sources, r->nsources, NULL, err)
                  : pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    free(with);
    return rc;
  }
  char *src = queryopts_join(r->sources, r->nsources, "; ");
  if (!src)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  const char *f[] = {r->id, r->date, r->round, r->of, r->head, src};
  int rc = pl_qtable_add(o->table, f, err);
  free(src);
  return rc;
}

static int on_meeting(void *ctx, const pl_meeting_row *r, pl_error *err) {
  sh_out *o = ctx;
  if (o->format == QFMT_JSON) {
    json_item(o);
    int rc = pl_query_json_meeting(o->out, r);
    return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
  }
  char *who = queryopts_join(r->participants, r->nparticipants,
                             o->format == QFMT_CSV ? "; " : ", ");
  char *src = queryopts_join(r->sources, r->nsources, "; ");
  int rc;
  if (!who || !src) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  } else if (o->format == QFMT_CSV) {
    rc = csv_fact(o, "meeting", r->id, r->date_from, r->date_to, r->kind, who,
                  r->place, r->round, r->status, r->sources, r->nsources,
                  r->process, err);
  } else {
    char date[32];
    queryopts_span(date, sizeof date, r->date_from, r->date_to);
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
  if (o->format == QFMT_JSON) {
    json_item(o);
    int rc = pl_query_json_proposal(o->out, r);
    return rc < 0 ? pl_error_set(err, rc, NULL, "cannot write the output") : 0;
  }
  const char *sep = o->format == QFMT_CSV ? "; " : ", ";
  char *by = queryopts_join(r->by, r->nby, sep),
       *to = queryopts_join(r->to, r->nto, sep);
  char *src = queryopts_join(r->sources, r->nsources, "; ");
  int rc;
  if (!by || !to || !src) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  } else if (o->format == QFMT_CSV) {
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
    queryopts_span(date, sizeof date, r->date_from, r->date_to);
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
  if (o->format == QFMT_JSON) {
    fprintf(o->out, ",\n  \"%s\": [", key);
    return 0;
  }
  if (o->format == QFMT_TABLE) {
    fprintf(o->out, "\n%s\n", title);
    return pl_qtable_new(&o->table, ncols, head, err);
  }
  return 0;
}

static int section_end(sh_out *o, pl_error *err) {
  int rc = 0;
  if (o->format == QFMT_JSON) {
    fputs(o->nitems ? "\n  ]" : "]", o->out);
  } else if (o->format == QFMT_TABLE) {
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
  if (o->format == QFMT_JSON) {
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
  } else if (o->format == QFMT_CSV) {
    char *al = queryopts_join(e->aliases, e->naliases, "; ");
    if (!al)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    const char *f[] = {e->id,   e->name,    "entity", e->id, e->first, e->last,
                       e->type, e->name_ar, NULL,     NULL,  e->key,   al};
    rc = pl_query_csv_row(out, f, 12);
    free(al);
    if (rc < 0)
      return pl_error_set(err, rc, NULL, "cannot write the output");
  } else {
    char *al = queryopts_join(e->aliases, e->naliases, ", ");
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
  static const char *const meet_head[] = {"ID",     "DATE",         "KIND",
                                          "PLACE",  "PROCESS",      "ROUND",
                                          "STATUS", "PARTICIPANTS", "SOURCES"};
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
  if (o->format == QFMT_JSON)
    fputs("}", out);
  return 0;
}

int cmd_show(int argc, char **argv) {
  queryopts qo = {.help = usage_text};
  sh_out o;
  memset(&o, 0, sizeof o);
  int rc = queryopts_parse(&qo, argc, argv, "f:o:h", options);
  if (rc != QUERYOPTS_MORE)
    return rc;
  if (optind >= argc)
    return cli_usage(argv[0], "which actor? (parley show NAME)");
  if (optind + 1 < argc)
    return cli_usage(argv[0],
                     "unexpected argument '%s' (quote a name of "
                     "several words)",
                     argv[optind + 1]);
  const char *name = argv[optind];
  o.format = qo.format;
  o.from = qo.from;
  o.to = qo.to;
  if ((rc = queryopts_store(&qo, &o.st)) != EXIT_OK)
    return rc;
  pl_error err;
  pl_error_clear(&err);
  /* Output is held until the name is known to designate someone, so that
   * a failure writes nothing to standard output. */
  char *held = NULL;
  size_t nheld = 0;
  o.out = open_memstream(&held, &nheld);
  if (!o.out) {
    pl_store_close(o.st);
    return cli_fail(NULL, "out of memory");
  }
  if (o.format == QFMT_CSV)
    fputs("entity_id,entity,section,id,date_from,date_to,what,with,place,"
          "round,status,sources,process\r\n",
          o.out);
  int r = pl_query_entities(o.st, name, on_entity, &o, &err);
  if (r >= 0 && o.format == QFMT_JSON)
    fputs("\n]\n", o.out);
  fclose(o.out);
  pl_qtable_free(o.table);
  if (r < 0) {
    rc = queryopts_fail(&qo, argv[0], &err);
  } else {
    FILE *out = cli_open_out(qo.output);
    if (!out) {
      rc = EXIT_FAIL;
    } else {
      fwrite(held, 1, nheld, out);
      rc = queryopts_close(&qo, out, 1, EXIT_OK);
    }
  }
  free(held);
  pl_store_close(o.st);
  return rc;
}
