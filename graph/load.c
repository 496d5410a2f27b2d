/* parley load: facts in the JSON shape of SCHEMA.md (what `parley extract
 * --format json|jsonl` prints) back into pl_facts, then into the store with
 * pl_store_add's resolution.
 *
 * The JSON carries no article text, only the strings facts were made of and
 * their byte offsets. The loader rebuilds a body of the same length with
 * each mention, evidence fragment and sentence at its offsets (spaces
 * elsewhere), so every span means what it meant to the extractor and the
 * store receives the same aliases and evidence as from ingest. A "body"
 * (and "id", "source", "url", "title") member, when present, is used as
 * is. */
#include "store_int.h"

#include "json.h"

#include <parley/doc.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One JSON object being turned into a document and its facts. */
typedef struct loader {
  pl_arena a;          /* everything below lives here */
  const pl_json *o;    /* the object */
  const char *where;   /* "FILE:LINE" */
  pl_error *err;       /* failures */
  char *body;          /* the rebuilt (or given) body */
  size_t body_len;     /* its length */
  int given_body;      /* body came from the JSON */
  pl_facts f;          /* the facts */
  pl_doc doc;          /* the document */
} loader;

static int lerr(loader *l, const char *fmt, const char *what) {
  return pl_error_set(l->err, PL_EINPUT, l->where, fmt, what ? what : "?");
}

static int nomem(loader *l) {
  return pl_error_set(l->err, PL_ENOMEM, l->where, "out of memory");
}

/* A [start, end] pair of non-negative integers. */
static int pair(loader *l, const pl_json *v, pl_span *out, const char *what) {
  if (!v || v->type != PL_JSON_ARRAY || v->n != 2 ||
      v->items[0]->type != PL_JSON_NUMBER ||
      v->items[1]->type != PL_JSON_NUMBER)
    return lerr(l, "%s: offsets must be [start, end]", what);
  double s = v->items[0]->num, e = v->items[1]->num;
  if (s < 0 || e < s || e > 4294967295.0 || s != (double)(uint32_t)s ||
      e != (double)(uint32_t)e)
    return lerr(l, "%s: offsets out of range", what);
  out->start = (uint32_t)s;
  out->end = (uint32_t)e;
  return 0;
}

/* A string member, or NULL (missing or null); PL_EINPUT for another type. */
static int opt_str(loader *l, const pl_json *o, const char *key,
                   const char **out) {
  const pl_json *v = pl_json_get(o, key);
  *out = NULL;
  if (!v || v->type == PL_JSON_NULL)
    return 0;
  if (v->type != PL_JSON_STRING)
    return lerr(l, "'%s' must be a string or null", key);
  *out = v->str;
  return 0;
}

/* An array member (missing: empty). */
static int opt_arr(loader *l, const pl_json *o, const char *key,
                   const pl_json **out) {
  const pl_json *v = pl_json_get(o, key);
  *out = v;
  if (!v || v->type == PL_JSON_NULL) {
    *out = NULL;
    return 0;
  }
  if (v->type != PL_JSON_ARRAY)
    return lerr(l, "'%s' must be an array", key);
  return 0;
}

static void *alloc(loader *l, size_t n, size_t size) {
  return n ? pl_arena_alloc(&l->a, n * size) : NULL;
}

/* The index of the actor named name; PL_EINPUT when none. */
static int actor_index(loader *l, const char *name, int *out,
                       const char *what) {
  if (!name) {
    *out = -1;
    return 0;
  }
  for (size_t i = 0; i < l->f.nactors; i++)
    if (l->f.actors[i].name && !strcmp(l->f.actors[i].name, name)) {
      *out = (int)i;
      return 0;
    }
  char msg[200];
  snprintf(msg, sizeof msg, "%s names '%.120s', which is not among the actors",
           what, name);
  return pl_error_set(l->err, PL_EINPUT, l->where, "%s", msg);
}

/* A list of actor names into indices. */
static int name_list(loader *l, const pl_json *o, const char *key,
                     int **out, size_t *n, const char *what) {
  const pl_json *v;
  int rc;
  *out = NULL;
  *n = 0;
  if ((rc = opt_arr(l, o, key, &v)) < 0 || !v)
    return rc;
  if (v->n && !(*out = alloc(l, v->n, sizeof **out)))
    return nomem(l);
  for (size_t i = 0; i < v->n; i++) {
    if (v->items[i]->type != PL_JSON_STRING)
      return lerr(l, "'%s' must list actor names", key);
    if ((rc = actor_index(l, v->items[i]->str, &(*out)[i], what)) < 0)
      return rc;
  }
  *n = v->n;
  return 0;
}

/* Writes s at [start, start+len) of the body (inside its length). */
static void place(loader *l, uint32_t start, const char *s, size_t len) {
  if (l->given_body || start > l->body_len || len > l->body_len - start)
    return;
  memcpy(l->body + start, s, len);
}

/* The evidence of a fact: span, sentence (located by the fragment inside
 * it), rule. Places both texts in the body. */
static int evidence(loader *l, const pl_json *o, pl_evidence *ev, int pass,
                    const char *what) {
  int rc;
  const char *frag, *sent, *rule;
  if ((rc = opt_str(l, o, "evidence", &frag)) < 0 ||
      (rc = opt_str(l, o, "sentence", &sent)) < 0 ||
      (rc = opt_str(l, o, "rule", &rule)) < 0 ||
      (rc = pair(l, pl_json_get(o, "offsets"), &ev->span, what)) < 0)
    return rc;
  ev->rule = rule;
  ev->sentence = ev->span;
  if (sent && frag) {
    const char *at = strstr(sent, frag);
    size_t off = at ? (size_t)(at - sent) : 0;
    if (at && off <= ev->span.start) {
      ev->sentence.start = ev->span.start - (uint32_t)off;
      ev->sentence.end = ev->sentence.start + (uint32_t)strlen(sent);
    }
  }
  if (pass == 0) {
    if (ev->sentence.end > l->body_len)
      l->body_len = ev->sentence.end;
    if (ev->span.end > l->body_len)
      l->body_len = ev->span.end;
  } else {
    if (sent && ev->sentence.end - ev->sentence.start == strlen(sent))
      place(l, ev->sentence.start, sent, strlen(sent));
    if (frag && ev->span.end - ev->span.start == strlen(frag))
      place(l, ev->span.start, frag, strlen(frag));
  }
  return 0;
}

static int read_actors(loader *l) {
  const pl_json *v;
  int rc;
  if ((rc = opt_arr(l, l->o, "actors", &v)) < 0 || !v)
    return rc;
  if (!(l->f.actors = alloc(l, v->n, sizeof *l->f.actors)) && v->n)
    return nomem(l);
  l->f.nactors = v->n;
  for (size_t i = 0; i < v->n; i++) {
    const pl_json *o = v->items[i];
    pl_actor *a = &l->f.actors[i];
    const char *type;
    if (o->type != PL_JSON_OBJECT)
      return lerr(l, "%s: each actor must be an object", "actors");
    if ((rc = opt_str(l, o, "name", &a->name)) < 0 ||
        (rc = opt_str(l, o, "type", &type)) < 0 ||
        (rc = opt_str(l, o, "name_ar", &a->name_ar)) < 0 ||
        (rc = opt_str(l, o, "translit", &a->translit)) < 0 ||
        (rc = opt_str(l, o, "key", &a->key)) < 0)
      return rc;
    if (!a->name)
      return lerr(l, "%s: an actor without a name", "actors");
    if (!type || (a->type = pl_actor_type_parse(type)) < 0)
      return lerr(l, "actor '%s' has no known type", a->name);
    const pl_json *offs = pl_json_get(o, "offsets");
    if (offs && offs->type != PL_JSON_ARRAY)
      return lerr(l, "actor '%s': offsets must be a list", a->name);
    size_t n = offs ? offs->n : 0;
    if (n && !(a->mentions = alloc(l, n, sizeof *a->mentions)))
      return nomem(l);
    a->nmentions = n;
    for (size_t m = 0; m < n; m++) {
      if ((rc = pair(l, offs->items[m], &a->mentions[m], a->name)) < 0)
        return rc;
      if (a->mentions[m].end > l->body_len)
        l->body_len = a->mentions[m].end;
    }
  }
  return 0;
}

/* Places each actor's distinct mention strings at their offsets: the
 * strings come in order of first appearance, the offsets all of them. */
static int place_mentions(loader *l) {
  const pl_json *v = pl_json_get(l->o, "actors");
  for (size_t i = 0; v && i < l->f.nactors; i++) {
    const pl_actor *a = &l->f.actors[i];
    const pl_json *ms = pl_json_get(v->items[i], "mentions");
    if (!ms || ms->type != PL_JSON_ARRAY)
      continue;
    size_t next = 0;
    for (size_t m = 0; m < a->nmentions; m++) {
      size_t len = a->mentions[m].end - a->mentions[m].start;
      const pl_json *pick = NULL;
      if (next < ms->n && ms->items[next]->type == PL_JSON_STRING &&
          ms->items[next]->len == len)
        pick = ms->items[next++];
      for (size_t k = 0; !pick && k < next; k++)
        if (ms->items[k]->type == PL_JSON_STRING && ms->items[k]->len == len)
          pick = ms->items[k];
      if (pick)
        place(l, a->mentions[m].start, pick->str, len);
    }
  }
  return 0;
}

/* A date member into w (day precision; a "date_end" makes an interval:
 * a whole month or year when it covers one exactly). */
static int when(loader *l, const pl_json *o, pl_when *w) {
  const char *from, *to, *flag;
  int rc;
  memset(w, 0, sizeof *w);
  if ((rc = opt_str(l, o, "date", &from)) < 0 ||
      (rc = opt_str(l, o, "date_end", &to)) < 0 ||
      (rc = opt_str(l, o, "date_flag", &flag)) < 0)
    return rc;
  if (!from)
    return 0;
  if (pl_store__check_date(from, "date", NULL) < 0 ||
      (to && pl_store__check_date(to, "date_end", NULL) < 0))
    return lerr(l, "'%s' is not a date (YYYY-MM-DD)", to ? to : from);
  memcpy(w->from, from, 10);
  memcpy(w->to, to ? to : from, 10);
  w->precision = PL_PREC_DAY;
  if (to && !strcmp(from + 5, "01-01") && !strcmp(to + 5, "12-31") &&
      !strncmp(from, to, 4))
    w->precision = PL_PREC_YEAR;
  else if (to && !strcmp(from + 8, "01") && !strncmp(from, to, 8) &&
           to[8] >= '2')
    w->precision = PL_PREC_MONTH;
  if (flag && !strcmp(flag, "weekday-mismatch"))
    w->flags |= PL_WHEN_WEEKDAY_MISMATCH;
  return 0;
}

/* Reads the relations; pass 0 measures the body, pass 1 fills it. */
static int read_relations(loader *l, int pass) {
  const pl_json *v;
  int rc;
  pl_facts *f = &l->f;
  if ((rc = opt_arr(l, l->o, "delegations", &v)) < 0)
    return rc;
  if (pass == 0 && v) {
    if (v->n && !(f->delegations = alloc(l, v->n, sizeof *f->delegations)))
      return nomem(l);
    f->ndelegations = v->n;
  }
  for (size_t i = 0; v && i < v->n; i++) {
    pl_delegation *d = &f->delegations[i];
    const pl_json *o = v->items[i];
    const char *of, *head;
    if (o->type != PL_JSON_OBJECT)
      return lerr(l, "%s: each entry must be an object", "delegations");
    if ((rc = evidence(l, o, &d->ev, pass, "a delegation")) < 0)
      return rc;
    if (pass)
      continue;
    if ((rc = opt_str(l, o, "of", &of)) < 0 ||
        (rc = opt_str(l, o, "head", &head)) < 0 ||
        (rc = actor_index(l, of, &d->of, "a delegation")) < 0 ||
        (rc = actor_index(l, head, &d->head, "a delegation")) < 0 ||
        (rc = name_list(l, o, "members", &d->members, &d->nmembers,
                        "a delegation")) < 0)
      return rc;
    if (d->of < 0)
      return lerr(l, "%s: a delegation of no one", "delegations");
  }
  if ((rc = opt_arr(l, l->o, "roles", &v)) < 0)
    return rc;
  if (pass == 0 && v) {
    if (v->n && !(f->roles = alloc(l, v->n, sizeof *f->roles)))
      return nomem(l);
    f->nroles = v->n;
  }
  for (size_t i = 0; v && i < v->n; i++) {
    pl_role *r = &f->roles[i];
    const pl_json *o = v->items[i];
    const char *person, *of;
    if (o->type != PL_JSON_OBJECT)
      return lerr(l, "%s: each entry must be an object", "roles");
    if ((rc = evidence(l, o, &r->ev, pass, "a role")) < 0)
      return rc;
    if (pass)
      continue;
    if ((rc = opt_str(l, o, "person", &person)) < 0 ||
        (rc = opt_str(l, o, "of", &of)) < 0 ||
        (rc = opt_str(l, o, "role", &r->role)) < 0 ||
        (rc = actor_index(l, person, &r->person, "a role")) < 0 ||
        (rc = actor_index(l, of, &r->of, "a role")) < 0)
      return rc;
    if (r->person < 0)
      return lerr(l, "%s: a role of no one", "roles");
  }
  if ((rc = opt_arr(l, l->o, "meetings", &v)) < 0)
    return rc;
  if (pass == 0 && v) {
    if (v->n && !(f->meetings = alloc(l, v->n, sizeof *f->meetings)))
      return nomem(l);
    f->nmeetings = v->n;
  }
  for (size_t i = 0; v && i < v->n; i++) {
    pl_meeting *m = &f->meetings[i];
    const pl_json *o = v->items[i];
    if (o->type != PL_JSON_OBJECT)
      return lerr(l, "%s: each entry must be an object", "meetings");
    if ((rc = evidence(l, o, &m->ev, pass, "a meeting")) < 0)
      return rc;
    if (pass)
      continue;
    if ((rc = name_list(l, o, "participants", &m->participants,
                        &m->nparticipants, "a meeting")) < 0 ||
        (rc = opt_str(l, o, "kind", &m->kind)) < 0 ||
        (rc = opt_str(l, o, "place", &m->place)) < 0 ||
        (rc = opt_str(l, o, "round", &m->round)) < 0 ||
        (rc = opt_str(l, o, "process", &m->process)) < 0 ||
        (rc = opt_str(l, o, "status", &m->status)) < 0 ||
        (rc = opt_str(l, o, "date_text", &m->date_text)) < 0 ||
        (rc = when(l, o, &m->when)) < 0)
      return rc;
  }
  if ((rc = opt_arr(l, l->o, "proposals", &v)) < 0)
    return rc;
  if (pass == 0 && v) {
    if (v->n && !(f->proposals = alloc(l, v->n, sizeof *f->proposals)))
      return nomem(l);
    f->nproposals = v->n;
  }
  for (size_t i = 0; v && i < v->n; i++) {
    pl_proposal *p = &f->proposals[i];
    const pl_json *o = v->items[i];
    if (o->type != PL_JSON_OBJECT)
      return lerr(l, "%s: each entry must be an object", "proposals");
    if ((rc = evidence(l, o, &p->ev, pass, "a proposal")) < 0)
      return rc;
    if (pass)
      continue;
    if ((rc = name_list(l, o, "by", &p->by, &p->nby, "a proposal")) < 0 ||
        (rc = name_list(l, o, "to", &p->to, &p->nto, "a proposal")) < 0 ||
        (rc = opt_str(l, o, "content", &p->content)) < 0 ||
        (rc = opt_str(l, o, "status", &p->status)) < 0 ||
        (rc = opt_str(l, o, "date_text", &p->date_text)) < 0 ||
        (rc = when(l, o, &p->when)) < 0)
      return rc;
  }
  return 0;
}

/* A 128-bit FNV-1a of the parts, as 32 hex digits. */
static void hash_id(char out[33], const char *const *parts,
                    const size_t *lens, size_t n) {
  uint64_t h1 = 14695981039346656037ULL, h2 = 0x9e3779b97f4a7c15ULL;
  for (size_t p = 0; p < n; p++) {
    for (size_t i = 0; i < lens[p]; i++) {
      unsigned char c = (unsigned char)parts[p][i];
      h1 = (h1 ^ c) * 1099511628211ULL;
      h2 = (h2 ^ c) * 0x100000001b3ULL + (h2 >> 29);
    }
    h1 = (h1 ^ 0xff) * 1099511628211ULL;
    h2 = (h2 ^ 0xfe) * 0x100000001b3ULL;
  }
  snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1,
           (unsigned long long)h2);
}

/* Turns object o into a document and facts and adds them. */
static int load_one(pl_store *st, const pl_json *o, const char *where,
                    int *added, pl_error *err) {
  loader l;
  int rc;
  memset(&l, 0, sizeof l);
  l.o = o;
  l.where = where;
  l.err = err;
  const char *article, *lang, *published, *body, *id;
  if (o->type != PL_JSON_OBJECT) {
    rc = lerr(&l, "%s: expected a JSON object of facts", "input");
    goto done;
  }
  if ((rc = opt_str(&l, o, "article", &article)) < 0 ||
      (rc = opt_str(&l, o, "language", &lang)) < 0 ||
      (rc = opt_str(&l, o, "published", &published)) < 0 ||
      (rc = opt_str(&l, o, "body", &body)) < 0 ||
      (rc = opt_str(&l, o, "id", &id)) < 0 ||
      (rc = opt_str(&l, o, "source", (const char **)&l.doc.source)) < 0 ||
      (rc = opt_str(&l, o, "url", (const char **)&l.doc.url)) < 0 ||
      (rc = opt_str(&l, o, "title", (const char **)&l.doc.title)) < 0)
    goto done;
  if (!pl_json_get(o, "actors") && !pl_json_get(o, "meetings")) {
    rc = lerr(&l, "%s: not facts (no \"actors\" or \"meetings\")", "input");
    goto done;
  }
  if (published && pl_store__check_date(published, "published", NULL) < 0) {
    rc = lerr(&l, "published: '%s' is not a date (YYYY-MM-DD)", published);
    goto done;
  }
  if ((rc = read_actors(&l)) < 0 || (rc = read_relations(&l, 0)) < 0)
    goto done;
  if (body) {
    l.given_body = 1;
    l.body = (char *)body;
    if (strlen(body) < l.body_len) {
      rc = lerr(&l, "%s: an offset lies past the end of \"body\"", "input");
      goto done;
    }
    l.body_len = strlen(body);
  } else {
    if (!(l.body = pl_arena_alloc(&l.a, l.body_len + 1))) {
      rc = nomem(&l);
      goto done;
    }
    memset(l.body, ' ', l.body_len);
    l.body[l.body_len] = '\0';
    place_mentions(&l);
    if ((rc = read_relations(&l, 1)) < 0)
      goto done;
  }
  pl_facts *f = &l.f;
  f->body = l.body;
  f->body_len = l.body_len;
  snprintf(f->lang, sizeof f->lang, "%s", lang ? lang : "");
  snprintf(f->published, sizeof f->published, "%s", published ? published : "");
  pl_doc *d = &l.doc;
  if (!d->source)
    d->source = (char *)(article ? article : where);
  d->body = l.body;
  d->body_len = l.body_len;
  snprintf(d->lang, sizeof d->lang, "%s", lang ? lang : "");
  snprintf(d->published, sizeof d->published, "%s",
           published ? published : "");
  if (id && strlen(id) < sizeof d->id) {
    snprintf(d->id, sizeof d->id, "%s", id);
  } else {
    /* The facts' own text is the identity (as the body's hash is for
     * ingest), so the same facts under another name are one document; an
     * article without facts has no text: its name stands in. */
    int bare = 1;
    for (size_t k = 0; k < l.body_len && bare; k++)
      bare = l.body[k] == ' ';
    const char *parts[3] = {d->published, l.body, bare ? d->source : ""};
    size_t lens[3] = {strlen(d->published), l.body_len,
                      bare ? strlen(d->source) : 0};
    hash_id(d->id, parts, lens, 3);
  }
  rc = pl_store_add(st, d, f, added, err);
  pl_error_where(err, where);
done:
  pl_arena_free(&l.a);
  return rc;
}

int pl_store_load_json(pl_store *st, const char *name, const char *text,
                       size_t len, long *docs, long *added, pl_error *err) {
  long d0 = 0, a0 = 0;
  if (!docs)
    docs = &d0;
  if (!added)
    added = &a0;
  *docs = *added = 0;
  char where[200];
  pl_arena a = {0};
  pl_json *v = NULL;
  size_t pos = 0;
  const char *why = NULL;
  int rc = 0;
  /* One value over several lines (extract's pretty JSON), or JSON Lines:
   * the first non-blank line tells. */
  size_t i = 0;
  while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                     text[i] == '\n'))
    i++;
  if (i == len)
    return pl_error_set(err, PL_EEMPTY, name, "no facts (empty input)");
  const char *nl = memchr(text + i, '\n', len - i);
  size_t first_end = nl ? (size_t)(nl - text) : len;
  int lines = pl_json_parse(&a, text + i, first_end - i, &v, NULL, NULL) == 0;
  pl_arena_free(&a);
  if (!lines) {
    rc = pl_json_parse(&a, text, len, &v, &pos, &why);
    if (rc < 0) {
      size_t line = 1;
      for (size_t k = 0; k < pos && k < len; k++)
        line += text[k] == '\n';
      snprintf(where, sizeof where, "%s:%zu", name, line);
      rc = rc == PL_ENOMEM
               ? pl_error_set(err, rc, where, "out of memory")
               : pl_error_set(err, rc, where, "not JSON: %s", why);
      goto done;
    }
    snprintf(where, sizeof where, "%s:1", name);
    if (v->type == PL_JSON_ARRAY) {
      for (size_t k = 0; k < v->n && rc == 0; k++) {
        int ad = 0;
        rc = load_one(st, v->items[k], where, &ad, err);
        (*docs)++;
        *added += ad;
      }
    } else {
      int ad = 0;
      rc = load_one(st, v, where, &ad, err);
      (*docs)++;
      *added += ad;
    }
    goto done;
  }
  size_t line = 0;
  for (size_t at = 0; at < len && rc == 0;) {
    const char *e = memchr(text + at, '\n', len - at);
    size_t end = e ? (size_t)(e - text) : len;
    line++;
    size_t k = at;
    while (k < end && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r'))
      k++;
    if (k < end) {
      snprintf(where, sizeof where, "%s:%zu", name, line);
      rc = pl_json_parse(&a, text + at, end - at, &v, &pos, &why);
      if (rc == PL_EINPUT)
        rc = pl_error_set(err, rc, where, "not JSON: %s (column %zu)", why,
                          pos + 1);
      else if (rc < 0)
        rc = pl_error_set(err, rc, where, "out of memory");
      else {
        int ad = 0;
        rc = load_one(st, v, where, &ad, err);
        (*docs)++;
        *added += ad;
      }
      pl_arena_free(&a);
    }
    at = end + 1;
  }
done:
  pl_arena_free(&a);
  return rc;
}
