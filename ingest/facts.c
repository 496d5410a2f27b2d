/* pl_facts: names of types, freeing, and the JSON form of SCHEMA.md. */
#include <parley/facts.h>

#include "buf.h"
#include "facts_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {"person", "state", "organization",
                                         "group",  "media", "place"};

const char *pl_actor_type_name(int type) {
  return type >= 0 && type <= PL_ACTOR_PLACE ? type_names[type] : "unknown";
}

int pl_actor_type_parse(const char *name) {
  for (int i = 0; i <= PL_ACTOR_PLACE; i++)
    if (!strcmp(name, type_names[i]))
      return i;
  return -1;
}

void pl_facts_free(pl_facts *f) {
  if (!f)
    return;
  facts_impl *im = f->impl;
  if (im) {
    pl_arena_free(&im->arena);
    for (size_t i = 0; i < f->nactors; i++)
      free(f->actors[i].mentions);
    free(f->actors);
    free(f->roles);
    free(f->delegations);
    free(f->meetings);
    free(f->proposals);
    free(im);
  }
  free(f);
}

static const char *actor_name(const pl_facts *f, int i) {
  return i >= 0 && (size_t)i < f->nactors ? f->actors[i].name : NULL;
}

static int names(pl_buf *b, const pl_facts *f, const int *ids, size_t n) {
  int rc = pl_buf_putc(b, '[');
  for (size_t i = 0; i < n && !rc; i++) {
    if (i)
      rc = pl_buf_puts(b, ", ");
    if (!rc)
      rc = pl_json_str_or_null(b, actor_name(f, ids[i]));
  }
  return rc ? rc : pl_buf_putc(b, ']');
}

static int span_str(pl_buf *b, const pl_facts *f, pl_span s) {
  if (s.end > f->body_len || s.start > s.end)
    return pl_buf_puts(b, "null");
  return pl_json_strn(b, f->body + s.start, s.end - s.start);
}

static int date_or_null(pl_buf *b, const pl_when *w) {
  if (w->precision == PL_PREC_UNKNOWN || !w->from[0])
    return pl_buf_puts(b, "null");
  return pl_json_str(b, w->from);
}

static int evidence(pl_buf *b, const pl_facts *f, const pl_evidence *ev,
                    const char *nl) {
  int rc = pl_buf_putv(b, ",", nl, "   \"evidence\": ", (const char *)NULL);
  rc = rc ? rc : span_str(b, f, ev->span);
  rc = rc ? rc
          : pl_buf_putv(b, ",", nl, "   \"sentence\": ", (const char *)NULL);
  rc = rc ? rc : span_str(b, f, ev->sentence);
  rc = rc ? rc
          : pl_buf_putv(b, ",", nl, "   \"offsets\": [", (const char *)NULL);
  rc = rc ? rc : pl_buf_put_uint(b, ev->span.start);
  rc = rc ? rc : pl_buf_puts(b, ", ");
  rc = rc ? rc : pl_buf_put_uint(b, ev->span.end);
  rc = rc ? rc
          : pl_buf_putv(b, "]", ",", nl, "   \"rule\": ", (const char *)NULL);
  return rc ? rc : pl_json_str_or_null(b, ev->rule);
}

/* The output is built from plain appends, not printf: this runs for every
 * fact of every article, and vsnprintf cost a twentieth of the extraction. */
int pl_facts_to_json(const pl_facts *f, const char *article, int pretty,
                     char **json, pl_error *err) {
  pl_buf b = {0};
  const char *nl = pretty ? "\n" : "";
  const char *ind = pretty ? "  " : "";
  int rc = 0;
  /* P appends its string arguments in order; U an unsigned number. */
#define P(...)                                                               \
  do {                                                                       \
    if (!rc)                                                                 \
      rc = pl_buf_putv(&b, __VA_ARGS__, (const char *)NULL);                 \
  } while (0)
#define U(v)                                                                 \
  do {                                                                       \
    if (!rc)                                                                 \
      rc = pl_buf_put_uint(&b, v);                                           \
  } while (0)
#define S(s)                                                                 \
  do {                                                                       \
    if (!rc)                                                                 \
      rc = pl_json_str_or_null(&b, s);                                       \
  } while (0)
  P("{", nl, ind, "\"article\": ");
  S(article);
  P(",", nl, ind, "\"language\": ");
  S(f->lang[0] ? f->lang : "und");
  P(",", nl, ind, "\"published\": ");
  S(f->published[0] ? f->published : NULL);
  P(",", nl, ind, "\"actors\": [");
  size_t shown = 0;
  for (size_t i = 0; i < f->nactors; i++) {
    const pl_actor *a = &f->actors[i];
    if (a->type == PL_ACTOR_PLACE || !a->nmentions)
      continue;
    P(shown ? "," : "", nl, ind, " {\"name\": ");
    shown++;
    S(a->name);
    P(", \"type\": ");
    S(pl_actor_type_name(a->type));
    if (a->name_ar && strcmp(a->name_ar, a->name)) {
      P(", \"name_ar\": ");
      S(a->name_ar);
    }
    if (a->translit) {
      P(", \"translit\": ");
      S(a->translit);
    }
    if (a->key) {
      P(", \"key\": ");
      S(a->key);
    }
    P(", \"mentions\": [");
    /* distinct surface strings, in order of first appearance */
    for (size_t m = 0; m < a->nmentions; m++) {
      pl_span s = a->mentions[m];
      int dup = 0;
      for (size_t k = 0; k < m && !dup; k++) {
        pl_span t = a->mentions[k];
        dup = t.end - t.start == s.end - s.start &&
              !memcmp(f->body + t.start, f->body + s.start, s.end - s.start);
      }
      if (dup)
        continue;
      if (m)
        P(", ");
      if (!rc)
        rc = span_str(&b, f, s);
    }
    P("], \"offsets\": [");
    for (size_t m = 0; m < a->nmentions; m++) {
      P(m ? ", [" : "[");
      U(a->mentions[m].start);
      P(", ");
      U(a->mentions[m].end);
      P("]");
    }
    P("]}");
  }
  P(shown ? nl : "", shown ? ind : "", "],", nl, ind, "\"delegations\": [");
  for (size_t i = 0; i < f->ndelegations; i++) {
    const pl_delegation *d = &f->delegations[i];
    P(i ? "," : "", nl, ind, " {\"of\": ");
    S(actor_name(f, d->of));
    P(", \"head\": ");
    S(actor_name(f, d->head));
    P(", \"members\": ");
    if (!rc)
      rc = names(&b, f, d->members, d->nmembers);
    if (!rc)
      rc = evidence(&b, f, &d->ev, "");
    P("}");
  }
  P(f->ndelegations ? nl : "", f->ndelegations ? ind : "", "],", nl, ind,
    "\"roles\": [");
  for (size_t i = 0; i < f->nroles; i++) {
    const pl_role *r = &f->roles[i];
    P(i ? "," : "", nl, ind, " {\"person\": ");
    S(actor_name(f, r->person));
    P(", \"role\": ");
    S(r->role);
    P(", \"of\": ");
    S(actor_name(f, r->of));
    if (!rc)
      rc = evidence(&b, f, &r->ev, "");
    P("}");
  }
  P(f->nroles ? nl : "", f->nroles ? ind : "", "],", nl, ind,
    "\"meetings\": [");
  for (size_t i = 0; i < f->nmeetings; i++) {
    const pl_meeting *m = &f->meetings[i];
    P(i ? "," : "", nl, ind, " {\"participants\": ");
    if (!rc)
      rc = names(&b, f, m->participants, m->nparticipants);
    P(", \"kind\": ");
    S(m->kind);
    P(", \"place\": ");
    S(m->place);
    P(", \"date\": ");
    if (!rc)
      rc = date_or_null(&b, &m->when);
    if (m->when.precision != PL_PREC_UNKNOWN && strcmp(m->when.from, m->when.to)) {
      P(", \"date_end\": ");
      S(m->when.to);
    }
    P(", \"date_text\": ");
    S(m->date_text);
    if (m->when.flags & PL_WHEN_WEEKDAY_MISMATCH)
      P(", \"date_flag\": \"weekday-mismatch\"");
    P(", \"round\": ");
    S(m->round);
    P(", \"process\": ");
    S(m->process);
    P(", \"status\": ");
    S(m->status);
    if (!rc)
      rc = evidence(&b, f, &m->ev, "");
    P("}");
  }
  P(f->nmeetings ? nl : "", f->nmeetings ? ind : "", "],", nl, ind,
    "\"proposals\": [");
  for (size_t i = 0; i < f->nproposals; i++) {
    const pl_proposal *p = &f->proposals[i];
    P(i ? "," : "", nl, ind, " {\"by\": ");
    if (!rc)
      rc = names(&b, f, p->by, p->nby);
    P(", \"to\": ");
    if (!rc)
      rc = names(&b, f, p->to, p->nto);
    P(", \"content\": ");
    S(p->content);
    P(", \"date\": ");
    if (!rc)
      rc = date_or_null(&b, &p->when);
    P(", \"date_text\": ");
    S(p->date_text);
    if (p->when.flags & PL_WHEN_WEEKDAY_MISMATCH)
      P(", \"date_flag\": \"weekday-mismatch\"");
    P(", \"status\": ");
    S(p->status);
    if (!rc)
      rc = evidence(&b, f, &p->ev, "");
    P("}");
  }
  P(f->nproposals ? nl : "", f->nproposals ? ind : "", "]", nl, "}");
#undef P
#undef U
#undef S
  if (rc) {
    pl_buf_free(&b);
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  *json = pl_buf_take(&b);
  return *json ? 0 : pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
}
