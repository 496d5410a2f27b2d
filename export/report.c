/* The timeline report: one self-contained HTML page (data once as JSON, the
 * script and style inline, drawn on a canvas in the browser) or a static SVG
 * of the same timeline. Both are built from the events view: the view is
 * read once into a small model (lanes, events, evidence), which the two
 * writers lay out. */
#include "export_int.h"
#include "report_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { EV_MEETING, EV_PROPOSAL, EV_DELEGATION };
static const char ev_code[] = {'m', 'p', 'd'};

/* A growable list of indexes. */
typedef struct ivec {
  size_t *v;  /* entries */
  size_t n;   /* used */
  size_t cap; /* allocated */
} ivec;

/* A node of the view, copied. */
typedef struct rnode {
  const char *id, *type, *label, *label_en; /* as in pl_vnode (copies) */
  const char *from, *to;                    /* dates, or NULL */
  const char *kind, *place, *round;         /* events: as in pl_vnode */
  const char *process, *status, *date_text; /* events: as in pl_vnode */
  int prec;                                 /* pl_vnode.precision */
  long count;                               /* pl_vnode.count */
  int actor;                                /* 1 for an actor (lane) */
  long event;                               /* event index, or -1 */
  long lane;                                /* lane index, or -1 */
  size_t nev;                               /* events the actor is in */
  const char *role;                         /* "envoy, United Nations" */
  int seed;                                 /* rank among --actor + 1, or 0 */
} rnode;

/* An event: a meeting or proposal node, or a heads edge. */
typedef struct revent {
  int type;                     /* EV_* */
  const char *id;               /* node or edge id */
  const char *label;            /* what to call it */
  const char *kind;             /* meeting kind, proposal status, or NULL */
  const char *from, *to;        /* dates, or NULL */
  const char *place, *round;    /* or NULL */
  const char *process;          /* meetings: the process of the round */
  const char *status;           /* held|planned ..., or NULL */
  const char *date_text;        /* the date phrase as written, or NULL */
  int prec;                     /* pl_precision of the dates (0: unknown) */
  long count;                   /* documents behind it */
  ivec members;                 /* node indexes: participants; proposers
                                   then addressees; delegation then head */
  ivec by;                      /* proposals: proposer node indexes */
  ivec evid;                    /* pairs: sentence index, document index
                                   (SIZE_MAX: none) */
} revent;

/* Interned strings (sentences, sources): index by content. */
typedef struct strtab {
  const char **s; /* strings, in first-seen order */
  size_t n, cap;  /* used, allocated */
  size_t *slot;   /* open-addressing table of index + 1 (0: empty) */
  size_t nslot;   /* power of two */
} strtab;

/* The whole report model. */
typedef struct model {
  pl_arena arena;       /* every copied string */
  rnode *nodes;         /* view nodes */
  size_t nnodes, cnode; /* used, allocated */
  revent *events;       /* events, sorted by date once built */
  size_t nevents, cev;  /* used, allocated */
  size_t *lanes;        /* node index of each lane, in lane order */
  size_t nlanes;        /* lanes */
  size_t *byid;         /* node indexes sorted by id, for lookups */
  strtab sentences;     /* evidence sentences */
  strtab sources;       /* documents, keyed by id (else by source) */
  const char **src;     /* per document: its source, or NULL */
  const char **title;   /* per document: its title, or NULL */
  const char **pub;     /* per document: its publication date, or NULL */
  size_t csrc;          /* entries allocated in src, title and pub */
} model;

static int ivec_push(ivec *a, size_t x) {
  if (a->n == a->cap) {
    size_t cap = a->cap ? 2 * a->cap : 4;
    size_t *v = realloc(a->v, cap * sizeof *v);
    if (!v)
      return PL_ENOMEM;
    a->v = v, a->cap = cap;
  }
  a->v[a->n++] = x;
  return 0;
}

static int ivec_has(const ivec *a, size_t x) {
  for (size_t i = 0; i < a->n; i++)
    if (a->v[i] == x)
      return 1;
  return 0;
}

static uint64_t hash(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

/* The index of s in t, adding a copy when new; SIZE_MAX when out of
 * memory. */
static size_t intern(strtab *t, pl_arena *arena, const char *s) {
  if (t->n * 2 >= t->nslot) {
    size_t ns = t->nslot ? 2 * t->nslot : 64;
    size_t *slot = calloc(ns, sizeof *slot);
    if (!slot)
      return SIZE_MAX;
    for (size_t i = 0; i < t->n; i++) {
      size_t h = (size_t)hash(t->s[i]) & (ns - 1);
      while (slot[h])
        h = (h + 1) & (ns - 1);
      slot[h] = i + 1;
    }
    free(t->slot);
    t->slot = slot, t->nslot = ns;
  }
  size_t h = (size_t)hash(s) & (t->nslot - 1);
  while (t->slot[h]) {
    if (!strcmp(t->s[t->slot[h] - 1], s))
      return t->slot[h] - 1;
    h = (h + 1) & (t->nslot - 1);
  }
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 64;
    const char **v = realloc(t->s, cap * sizeof *v);
    if (!v)
      return SIZE_MAX;
    t->s = v, t->cap = cap;
  }
  const char *copy = pl_arena_strdup(arena, s);
  if (!copy)
    return SIZE_MAX;
  t->s[t->n] = copy;
  t->slot[h] = ++t->n;
  return t->n - 1;
}

static void strtab_free(strtab *t) {
  free(t->s);
  free(t->slot);
}

static void model_free(model *m) {
  for (size_t i = 0; i < m->nevents; i++) {
    free(m->events[i].members.v);
    free(m->events[i].by.v);
    free(m->events[i].evid.v);
  }
  free(m->events);
  free(m->nodes);
  free(m->lanes);
  free(m->byid);
  strtab_free(&m->sentences);
  strtab_free(&m->sources);
  free(m->src);
  free(m->title);
  free(m->pub);
  pl_arena_free(&m->arena);
}

/* Copies s into the arena; NULL stays NULL. Sets *fail when out of
 * memory. */
static const char *dup(model *m, const char *s, int *fail) {
  if (!s)
    return NULL;
  const char *c = pl_arena_strdup(&m->arena, s);
  if (!c)
    *fail = 1;
  return c;
}

static int is_event_type(const char *t) {
  return t && (!strcmp(t, "meeting") || !strcmp(t, "proposal"));
}

static const model *sort_model; /* qsort has no context argument */

static int by_id(const void *a, const void *b) {
  const rnode *n = sort_model->nodes;
  return strcmp(n[*(const size_t *)a].id, n[*(const size_t *)b].id);
}

/* The node index of id, or SIZE_MAX. */
static size_t find_node(const model *m, const char *id) {
  size_t lo = 0, hi = m->nnodes;
  if (!id)
    return SIZE_MAX;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(m->nodes[m->byid[mid]].id, id);
    if (!c)
      return m->byid[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return SIZE_MAX;
}

static revent *new_event(model *m) {
  if (m->nevents == m->cev) {
    size_t cap = m->cev ? 2 * m->cev : 64;
    revent *v = realloc(m->events, cap * sizeof *v);
    if (!v)
      return NULL;
    m->events = v, m->cev = cap;
  }
  revent *e = &m->events[m->nevents++];
  memset(e, 0, sizeof *e);
  return e;
}

/* The index of the document behind a report (its id, else its source) in
 * m->sources, recording its source, title and date when new; SIZE_MAX - 1
 * when the report names no document, SIZE_MAX when out of memory. */
static size_t intern_doc(model *m, const pl_vevidence *x) {
  const char *k = x->doc ? x->doc : x->source;
  if (!k)
    return SIZE_MAX - 1;
  size_t n0 = m->sources.n;
  size_t d = intern(&m->sources, &m->arena, k);
  if (d == SIZE_MAX || m->sources.n == n0)
    return d;
  if (m->sources.n > m->csrc) {
    size_t cap = m->csrc ? 2 * m->csrc : 64;
    const char **a = realloc(m->src, cap * sizeof *a);
    if (a)
      m->src = a;
    const char **t = a ? realloc(m->title, cap * sizeof *t) : NULL;
    if (t)
      m->title = t;
    const char **p = t ? realloc(m->pub, cap * sizeof *p) : NULL;
    if (!p)
      return SIZE_MAX;
    m->pub = p;
    m->csrc = cap;
  }
  int fail = 0;
  m->src[d] = dup(m, x->source ? x->source : x->doc, &fail);
  m->title[d] = dup(m, x->title, &fail);
  m->pub[d] = dup(m, x->published, &fail);
  return fail ? SIZE_MAX : d;
}

/* Adds one report (deduplicated: the same sentence of the same document
 * once) to e. */
static int add_evidence(model *m, revent *e, const pl_vevidence *x) {
  const char *sentence = x->sentence;
  if (!sentence || !*sentence)
    return 0;
  size_t s = intern(&m->sentences, &m->arena, sentence);
  size_t d = intern_doc(m, x);
  if (s == SIZE_MAX || d == SIZE_MAX)
    return PL_ENOMEM;
  if (d == SIZE_MAX - 1)
    d = SIZE_MAX;
  for (size_t i = 0; i + 1 < e->evid.n; i += 2)
    if (e->evid.v[i] == s && e->evid.v[i + 1] == d)
      return 0;
  if (ivec_push(&e->evid, s) < 0 || ivec_push(&e->evid, d) < 0)
    return PL_ENOMEM;
  return 0;
}

static const char *display(const rnode *n) {
  if (n->label_en && *n->label_en)
    return n->label_en;
  return n->label ? n->label : n->id;
}

/* ASCII case-insensitive equality; other bytes must match exactly. */
static int same_name(const char *a, const char *b) {
  if (!a || !b)
    return 0;
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
      return 0;
  return *a == *b;
}

/* Reads the view into m. */
static int build(model *m, pl_view *view, const pl_report_opts *opts,
                 pl_error *err) {
  pl_vnode n;
  pl_vedge e;
  int rc, fail = 0;
  if ((rc = pl_view_rewind(view, err)) < 0)
    return rc;
  while ((rc = pl_view_next_node(view, &n, err)) > 0) {
    if (!n.id || !n.type || !strcmp(n.type, "place"))
      continue;
    if (m->nnodes == m->cnode) {
      size_t cap = m->cnode ? 2 * m->cnode : 64;
      rnode *v = realloc(m->nodes, cap * sizeof *v);
      if (!v)
        goto nomem;
      m->nodes = v, m->cnode = cap;
    }
    rnode *r = &m->nodes[m->nnodes++];
    memset(r, 0, sizeof *r);
    r->id = dup(m, n.id, &fail);
    r->type = dup(m, n.type, &fail);
    r->label = dup(m, n.label && *n.label ? n.label : n.label_en, &fail);
    r->label_en = dup(m, n.label_en, &fail);
    r->from = dup(m, n.date_from, &fail);
    r->to = dup(m, n.date_to, &fail);
    r->kind = dup(m, n.kind, &fail);
    r->place = dup(m, n.place, &fail);
    r->round = dup(m, n.round, &fail);
    r->process = dup(m, n.process, &fail);
    r->status = dup(m, n.status, &fail);
    r->date_text = dup(m, n.date_text, &fail);
    r->prec = n.precision;
    r->count = n.count;
    r->actor = !is_event_type(n.type);
    r->event = -1;
    r->lane = -1;
    if (fail)
      goto nomem;
  }
  if (rc < 0)
    return rc;
  m->byid = malloc((m->nnodes ? m->nnodes : 1) * sizeof *m->byid);
  if (!m->byid)
    goto nomem;
  for (size_t i = 0; i < m->nnodes; i++)
    m->byid[i] = i;
  sort_model = m;
  qsort(m->byid, m->nnodes, sizeof *m->byid, by_id);
  for (size_t i = 0; i < m->nnodes; i++) {
    rnode *r = &m->nodes[i];
    if (r->actor)
      continue;
    revent *ev = new_event(m);
    if (!ev)
      goto nomem;
    r->event = (long)(m->nevents - 1);
    ev->type = !strcmp(r->type, "meeting") ? EV_MEETING : EV_PROPOSAL;
    ev->id = r->id;
    ev->label = r->label;
    ev->kind = r->kind;
    ev->from = r->from;
    ev->to = r->to;
    ev->place = r->place;
    ev->round = r->round;
    ev->process = r->process;
    ev->status = r->status;
    ev->date_text = r->date_text;
    ev->prec = r->prec;
    ev->count = r->count;
  }
  while ((rc = pl_view_next_edge(view, &e, err)) > 0) {
    if (!e.type)
      continue;
    size_t s = find_node(m, e.src), d = find_node(m, e.dst);
    revent *ev = NULL;
    if (!strcmp(e.type, "participates_in") || !strcmp(e.type, "proposes")) {
      if (s == SIZE_MAX || d == SIZE_MAX || !m->nodes[s].actor ||
          m->nodes[d].event < 0)
        continue;
      ev = &m->events[m->nodes[d].event];
      if (!ivec_has(&ev->members, s) && ivec_push(&ev->members, s) < 0)
        goto nomem;
      if (e.type[1] == 'r' && !ivec_has(&ev->by, s) &&
          ivec_push(&ev->by, s) < 0)
        goto nomem;
    } else if (!strcmp(e.type, "addressed_to")) {
      if (s == SIZE_MAX || d == SIZE_MAX || m->nodes[s].event < 0 ||
          !m->nodes[d].actor)
        continue;
      ev = &m->events[m->nodes[s].event];
      if (!ivec_has(&ev->members, d) && ivec_push(&ev->members, d) < 0)
        goto nomem;
    } else if (!strcmp(e.type, "held_in")) {
      if (s == SIZE_MAX || m->nodes[s].event < 0)
        continue;
      ev = &m->events[m->nodes[s].event];
    } else if (!strcmp(e.type, "heads")) {
      if (s == SIZE_MAX || d == SIZE_MAX || !m->nodes[s].actor ||
          !m->nodes[d].actor)
        continue;
      if (!(ev = new_event(m)))
        goto nomem;
      ev->type = EV_DELEGATION;
      ev->id = dup(m, e.id, &fail);
      ev->kind = "delegation";
      ev->from = dup(m, e.date_from, &fail);
      ev->to = dup(m, e.date_to, &fail);
      ev->count = e.weight;
      pl_buf b = {0};
      if (pl_buf_printf(&b, "%s heads the delegation of %s",
                        display(&m->nodes[s]), display(&m->nodes[d])) < 0)
        fail = 1;
      else
        ev->label = dup(m, b.data, &fail);
      pl_buf_free(&b);
      if (fail || ivec_push(&ev->members, d) < 0 ||
          ivec_push(&ev->members, s) < 0)
        goto nomem;
    } else if (!strcmp(e.type, "holds_role")) {
      if (s == SIZE_MAX || !m->nodes[s].actor || m->nodes[s].role)
        continue;
      pl_buf b = {0};
      int bad = pl_buf_puts(&b, e.label ? e.label : "role") < 0;
      if (d != SIZE_MAX)
        bad |= pl_buf_printf(&b, ", %s", display(&m->nodes[d])) < 0;
      if (!bad)
        m->nodes[s].role = dup(m, b.data, &fail);
      pl_buf_free(&b);
      if (bad || fail)
        goto nomem;
      continue;
    } else {
      continue;
    }
    /* Every report behind the edge; a view that gives only the first
     * (evidence and source) still gives that one. */
    for (size_t k = 0; k < e.nevidence && !fail; k++)
      fail = add_evidence(m, ev, &e.evidence_all[k]) < 0;
    if (!e.nevidence) {
      pl_vevidence one = {.sentence = e.evidence, .source = e.source};
      fail |= add_evidence(m, ev, &one) < 0;
    }
    if (fail)
      goto nomem;
  }
  if (rc < 0)
    return rc;
  /* --actor order */
  for (size_t k = 0; opts && k < opts->nactors; k++)
    for (size_t i = 0; i < m->nnodes; i++) {
      rnode *r = &m->nodes[i];
      if (r->actor && !r->seed && (same_name(r->label, opts->actors[k]) ||
                                   same_name(r->label_en, opts->actors[k])))
        r->seed = (int)k + 1;
    }
  return 0;
nomem:
  return pl_error_set(err, PL_ENOMEM, NULL, "out of memory building the report");
}

static int by_lane(const void *a, const void *b) {
  const rnode *x = &sort_model->nodes[*(const size_t *)a];
  const rnode *y = &sort_model->nodes[*(const size_t *)b];
  if ((x->seed != 0) != (y->seed != 0))
    return x->seed ? -1 : 1;
  if (x->seed != y->seed)
    return x->seed < y->seed ? -1 : 1;
  if (x->nev != y->nev)
    return x->nev > y->nev ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp(display(x), display(y));
}

/* Compares dates with NULL (undated) last. */
static int cmp_date(const char *a, const char *b) {
  if (!a || !b)
    return (a == NULL) - (b == NULL);
  return strcmp(a, b);
}

static int by_date(const void *a, const void *b) {
  const revent *x = a, *y = b;
  int c = cmp_date(x->from, y->from);
  if (c)
    return c;
  if ((c = cmp_date(x->to, y->to)))
    return c;
  if (x->type != y->type)
    return x->type - y->type;
  return strcmp(x->id, y->id);
}

/* The end of the group of events from i on the same dates as event i
 * (events are sorted by date). */
static size_t same_dates_end(const model *m, size_t i) {
  size_t j = i;
  while (j < m->nevents && !cmp_date(m->events[j].from, m->events[i].from) &&
         !cmp_date(m->events[j].to, m->events[i].to))
    j++;
  return j;
}

/* Orders events by date and picks the lanes: actors in at least one event,
 * asked-for first, then most events. */
static int layout(model *m, pl_error *err) {
  size_t keep = 0;
  for (size_t i = 0; i < m->nevents; i++)
    if (m->events[i].members.n)
      m->events[keep++] = m->events[i];
    else {
      free(m->events[i].members.v);
      free(m->events[i].by.v);
      free(m->events[i].evid.v);
    }
  m->nevents = keep;
  qsort(m->events, m->nevents, sizeof *m->events, by_date);
  for (size_t i = 0; i < m->nevents; i++)
    for (size_t k = 0; k < m->events[i].members.n; k++)
      m->nodes[m->events[i].members.v[k]].nev++;
  m->lanes = malloc((m->nnodes ? m->nnodes : 1) * sizeof *m->lanes);
  if (!m->lanes)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  for (size_t i = 0; i < m->nnodes; i++)
    if (m->nodes[i].actor && m->nodes[i].nev)
      m->lanes[m->nlanes++] = i;
  sort_model = m;
  qsort(m->lanes, m->nlanes, sizeof *m->lanes, by_lane);
  for (size_t i = 0; i < m->nlanes; i++)
    m->nodes[m->lanes[i]].lane = (long)i;
  return 0;
}

/* ---- dates ---- */

/* Days since 1970-01-01 of "YYYY-MM-DD" (proleptic Gregorian). Returns 0
 * and sets *out, or -1 when s is not such a date. */
static int day_of(const char *s, long *out) {
  if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
    return -1;
  long y = strtol(s, NULL, 10), mo = strtol(s + 5, NULL, 10),
       d = strtol(s + 8, NULL, 10);
  if (mo < 1 || mo > 12 || d < 1 || d > 31)
    return -1;
  /* Howard Hinnant's days_from_civil */
  y -= mo <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *out = era * 146097 + doe - 719468;
  return 0;
}

/* The civil date of day z. */
static void civil(long z, int *y, int *mo, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *mo = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*mo <= 2));
}

/* How precise an event's date is: "day", "month", "year", "range" or
 * "undated"; from the precision the store knows (prec, a pl_precision),
 * else guessed from the interval. */
static const char *precision(const char *from, const char *to, int prec) {
  long a, b;
  if (day_of(from, &a) < 0)
    return "undated";
  if (prec == 1) /* PL_PREC_DAY: one day, or several exact days */
    return day_of(to, &b) < 0 || b == a ? "day" : "range";
  if (prec == 2)
    return "month";
  if (prec == 3)
    return "year";
  if (day_of(to, &b) < 0 || b == a)
    return "day";
  int y1, m1, d1, y2, m2, d2, y3, m3, d3;
  civil(a, &y1, &m1, &d1);
  civil(b, &y2, &m2, &d2);
  civil(b + 1, &y3, &m3, &d3);
  if (d1 == 1 && d3 == 1 && y1 == y2 && m1 == m2)
    return "month";
  if (d1 == 1 && m1 == 1 && m2 == 12 && d2 == 31 && y1 == y2)
    return "year";
  return "range";
}

/* ---- HTML ---- */

static int key(pl_buf *b, const char *k, const char *v) {
  if (!v)
    return 0;
  return (pl_buf_printf(b, ",\"%s\":", k) < 0 || pl_json_str(b, v) < 0)
             ? PL_ENOMEM
             : 0;
}

static int lanes_json(pl_buf *b, const model *m, const char *name,
                      const ivec *v) {
  if (pl_buf_printf(b, ",\"%s\":[", name) < 0)
    return PL_ENOMEM;
  int first = 1;
  for (size_t i = 0; i < v->n; i++) {
    long l = m->nodes[v->v[i]].lane;
    if (l < 0)
      continue;
    if (pl_buf_printf(b, first ? "%ld" : ",%ld", l) < 0)
      return PL_ENOMEM;
    first = 0;
  }
  return pl_buf_putc(b, ']') < 0 ? PL_ENOMEM : 0;
}

static int data_json(pl_buf *b, const model *m, const pl_report_opts *o) {
  int rc = 0;
  rc |= pl_buf_puts(b, "{\"title\":");
  rc |= pl_json_str(b, o && o->title ? o->title : "Negotiation timeline");
  rc |= pl_buf_puts(b, ",\"sources\":[");
  for (size_t i = 0; i < m->sources.n; i++) {
    rc |= pl_buf_puts(b, i ? ",\n{\"s\":" : "\n{\"s\":");
    rc |= pl_json_str(b, m->src[i]) | key(b, "ti", m->title[i]) |
          key(b, "p", m->pub[i]) | pl_buf_putc(b, '}');
  }
  rc |= pl_buf_puts(b, "],\n\"sentences\":[");
  for (size_t i = 0; i < m->sentences.n; i++)
    rc |= pl_buf_puts(b, i ? ",\n" : "\n") |
          pl_json_str(b, m->sentences.s[i]);
  rc |= pl_buf_puts(b, "],\n\"actors\":[");
  for (size_t i = 0; i < m->nlanes; i++) {
    const rnode *r = &m->nodes[m->lanes[i]];
    rc |= pl_buf_puts(b, i ? ",\n{\"id\":" : "\n{\"id\":");
    rc |= pl_json_str(b, r->id) | key(b, "n", r->label) |
          key(b, "en", r->label_en) | key(b, "t", r->type) |
          key(b, "role", r->role) |
          pl_buf_printf(b, ",\"c\":%ld,\"seed\":%d}", r->count, r->seed);
  }
  rc |= pl_buf_puts(b, "],\n\"events\":[");
  for (size_t i = 0; i < m->nevents; i++) {
    const revent *e = &m->events[i];
    rc |= pl_buf_printf(b, "%s{\"id\":", i ? ",\n" : "\n");
    rc |= pl_json_str(b, e->id) |
          pl_buf_printf(b, ",\"t\":\"%c\"", ev_code[e->type]) |
          key(b, "k", e->kind) | key(b, "l", e->label) |
          key(b, "from", e->from) |
          key(b, "until", e->from ? e->to : NULL) |
          key(b, "q", precision(e->from, e->to, e->prec)) |
          key(b, "dt", e->date_text) | key(b, "st", e->status) |
          key(b, "pl", e->place) | key(b, "r", e->round) |
          key(b, "pr", e->process) | pl_buf_printf(b, ",\"c\":%ld", e->count);
    rc |= lanes_json(b, m, "a", &e->members);
    if (e->type == EV_PROPOSAL) {
      ivec to = {0};
      for (size_t k = 0; k < e->members.n; k++)
        if (!ivec_has(&e->by, e->members.v[k]))
          rc |= ivec_push(&to, e->members.v[k]);
      rc |= lanes_json(b, m, "by", &e->by) | lanes_json(b, m, "ad", &to);
      free(to.v);
    }
    rc |= pl_buf_puts(b, ",\"ev\":[");
    for (size_t k = 0; k + 1 < e->evid.n; k += 2)
      rc |= pl_buf_printf(b, "%s[%zu,%ld]", k ? "," : "", e->evid.v[k],
                          e->evid.v[k + 1] == SIZE_MAX
                              ? -1L
                              : (long)e->evid.v[k + 1]);
    rc |= pl_buf_puts(b, "]}");
  }
  rc |= pl_buf_puts(b, "]}");
  return rc < 0 ? PL_ENOMEM : (rc ? PL_ENOMEM : 0);
}

/* Writes JSON safely inside <script>: every '<' (only ever inside strings)
 * as \u003c, so neither </script> nor <!-- can end or bend the element. */
static int put_script_json(pl_buf *out, const pl_buf *json) {
  const char *p = json->data, *end = json->data + json->len;
  while (p < end) {
    const char *q = memchr(p, '<', (size_t)(end - p));
    size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
    if (pl_buf_append(out, p, n) < 0)
      return PL_ENOMEM;
    if (!q)
      break;
    if (pl_buf_puts(out, "\\u003c") < 0)
      return PL_ENOMEM;
    p = q + 1;
  }
  return 0;
}

static int put_lines(pl_buf *b, const char *const *lines) {
  for (; *lines; lines++)
    if (pl_buf_puts(b, *lines) < 0)
      return PL_ENOMEM;
  return 0;
}

static int write_html(pl_buf *b, const model *m, const pl_report_opts *o) {
  const char *title = o && o->title ? o->title : "Negotiation timeline";
  pl_buf json = {0};
  int rc = 0;
  rc |= pl_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                       "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                       "content=\"width=device-width, initial-scale=1\">\n"
                       "<meta name=\"generator\" content=\"parley report\">\n"
                       "<title>");
  rc |= pl_export__clean(b, title, PL_CLEAN_XML | PL_CLEAN_ONELINE);
  rc |= pl_buf_puts(b, "</title>\n<style>\n");
  rc |= put_lines(b, pl_report__css);
  rc |= pl_buf_puts(b, "</style>\n</head>\n<body>\n<header><div class=\"ttl\">"
                       "<h1 dir=\"auto\">");
  rc |= pl_export__clean(b, title, PL_CLEAN_XML | PL_CLEAN_ONELINE);
  rc |= pl_buf_puts(b, "</h1><p id=\"sub\"></p>");
  if (o && o->subtitle) {
    rc |= pl_buf_puts(b, "<p>");
    rc |= pl_export__clean(b, o->subtitle, PL_CLEAN_XML | PL_CLEAN_ONELINE);
    rc |= pl_buf_puts(b, "</p>");
  }
  rc |= pl_buf_puts(
      b,
      "</div>\n<nav class=\"tabs\"><button id=\"tab-tl\" class=\"on\">"
      "Timeline</button><button id=\"tab-tb\">Table</button></nav>"
      "</header>\n"
      "<div id=\"bar\">\n<div class=\"grp\" id=\"types\">Show\n"
      "<label class=\"chip\"><input type=\"checkbox\" data-t=\"m\" checked>"
      "<span class=\"sw m\"></span>Meetings <b data-t=\"m\"></b></label>\n"
      "<label class=\"chip\"><input type=\"checkbox\" data-t=\"p\" checked>"
      "<span class=\"sw p\"></span>Proposals <b data-t=\"p\"></b></label>\n"
      "<label class=\"chip\"><input type=\"checkbox\" data-t=\"d\" checked>"
      "<span class=\"sw d\"></span>Delegations <b data-t=\"d\"></b></label>\n"
      "</div>\n<details id=\"actors-dd\"><summary>Actors: <span "
      "id=\"act-count\"></span> ▾</summary><div class=\"dd\"><input "
      "type=\"search\" id=\"act-q\" placeholder=\"Find an actor (any "
      "script)\"><div><button class=\"z\" id=\"act-all\">Show all</button> "
      "<button class=\"z\" id=\"act-none\">Hide all</button></div><div "
      "id=\"act-list\"></div></div></details>\n"
      "<div class=\"grp\">Zoom <button class=\"z\" id=\"zin\" title=\"zoom in "
      "(+)\">+</button><button class=\"z\" id=\"zout\" title=\"zoom out "
      "(-)\">−</button><button class=\"z\" id=\"zfit\" title=\"fit "
      "(0)\">Fit</button></div>\n<span id=\"range\"></span>\n</div>\n"
      "<main>\n<section id=\"tl\">\n<div id=\"axis-row\"><div "
      "id=\"corner\">Actors</div><canvas id=\"axis\"></canvas></div>\n"
      "<div id=\"body\"><div id=\"scroll\"><div id=\"rows\"></div></div>"
      "<canvas id=\"cv\"></canvas></div>\n"
      "<div id=\"legend\"><span class=\"k\"><span class=\"sw m\"></span>"
      "meeting (line joins participants)</span><span class=\"k\"><span "
      "class=\"sw p\"></span>proposal (hollow: addressee)</span><span "
      "class=\"k\"><span class=\"sw d\"></span>delegation (dot: its "
      "head)</span><span class=\"k\"><span class=\"bandk\"></span>round"
      "</span><span class=\"k\">pale bar: date known to the month or "
      "span</span><span class=\"hint\">Drag to pan · Ctrl+wheel or +/− to "
      "zoom · hover or click a mark for its evidence</span></div>\n"
      "</section>\n<section id=\"tb\" hidden><table><thead><tr><th>Date</th>"
      "<th>Type</th><th>Kind</th><th>Who</th><th>Place</th><th>Round</th>"
      "<th>Evidence</th><th>Source</th></tr></thead><tbody id=\"tb-body\">"
      "</tbody></table><button class=\"z more\" id=\"tb-more\" hidden>"
      "</button></section>\n<aside id=\"detail\" hidden></aside>\n</main>\n"
      "<div id=\"tip\" hidden></div>\n"
      "<script type=\"application/json\" id=\"parley-data\">");
  if (rc)
    goto nomem;
  if (data_json(&json, m, o) < 0 || put_script_json(b, &json) < 0)
    goto nomem;
  rc |= pl_buf_puts(b, "</script>\n<script>\n");
  rc |= put_lines(b, pl_report__js);
  rc |= pl_buf_puts(b, "</script>\n</body>\n</html>\n");
  pl_buf_free(&json);
  return rc ? PL_ENOMEM : 0;
nomem:
  pl_buf_free(&json);
  return PL_ENOMEM;
}

/* ---- SVG ---- */

enum {
  SVG_W = 1280,   /* figure width */
  SVG_LW = 250,   /* label column */
  SVG_TOP = 96,   /* title and axis */
  SVG_LH = 30,    /* lane height (one track) */
  SVG_UG = 96,    /* undated gutter */
  SVG_PAD = 36,   /* plot margin */
  SVG_SLOT = 14,  /* fan step within one day, at most */
  SVG_MARK = 13,  /* marks closer than this on one lane take another track */
  SVG_TRACK = 13, /* vertical step between tracks of a lane */
  SVG_MAXTR = 6,  /* tracks a lane can hold */
  SVG_FOOT = 56   /* legend */
};
static const char *const svg_col[] = {"#2563eb", "#d9480f", "#7048e8"};
static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Whether dated event k falls in the band of e: the same round of the same
 * process (or both of no known process). */
static int same_round(const revent *k, const revent *e) {
  return k->round && k->from && e->round && !strcmp(k->round, e->round) &&
         (k->process ? e->process && !strcmp(k->process, e->process)
                     : !e->process);
}

/* Text as cleaned XML. */
static int xml(pl_buf *b, const char *s) {
  return pl_export__clean(b, s, PL_CLEAN_XML | PL_CLEAN_ONELINE);
}

/* The code point at s (UTF-8) in *cp; returns its length in bytes (1 for
 * a stray byte). */
static size_t utf8_next(const char *s, unsigned long *cp) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = u[0] < 0x80 ? 1 : u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3
                                            : u[0] >= 0xC0 ? 2 : 1;
  unsigned long c = n == 1 ? u[0] : u[0] & (0x3Fu >> (n - 1));
  for (size_t i = 1; i < n; i++) {
    if ((u[i] & 0xC0) != 0x80) {
      *cp = u[0];
      return 1;
    }
    c = (c << 6) | (u[i] & 0x3F);
  }
  *cp = c;
  return n;
}

/* An estimate of the width in pixels of code point c at 12px (the SVG
 * cannot measure text: the viewer draws it). Errs wide. */
static double glyph_w(unsigned long c, int bold) {
  double w;
  if (c == ' ')
    w = 3.6;
  else if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640)
    w = 0; /* Arabic marks and tatweel */
  else if (c >= 0x0600 && c <= 0x06FF)
    w = 6.4;
  else if (c >= 'A' && c <= 'Z')
    w = 8.2;
  else if (c == 'i' || c == 'l' || c == 'j' || c == '.' || c == ',' ||
           c == '\'' || c == 'f' || c == 't' || c == 'r')
    w = 4.2;
  else if (c == 'm' || c == 'w')
    w = 10.2;
  else if (c < 0x80)
    w = 7.0;
  else
    w = 7.6;
  return bold ? w * 1.08 : w;
}

static double text_w(const char *s, int bold) {
  double w = 0;
  unsigned long c;
  while (s && *s) {
    s += utf8_next(s, &c);
    w += glyph_w(c, bold);
  }
  return w;
}

/* Writes s as XML, cut with an ellipsis so that it fits max pixels.
 * Returns 0 or PL_ENOMEM. */
static int xml_fit(pl_buf *b, const char *s, double max, int bold) {
  if (text_w(s, bold) <= max)
    return xml(b, s);
  double w = glyph_w(0x2026, bold), cw;
  const char *p = s;
  unsigned long c;
  while (*p) {
    size_t n = utf8_next(p, &c);
    cw = glyph_w(c, bold);
    if (w + cw > max)
      break;
    w += cw;
    p += n;
  }
  while (p > s && p[-1] == ' ')
    p--;
  pl_buf cut = {0};
  /* right-to-left text: a right-to-left mark after the ellipsis keeps it
   * at the run's end (its left) */
  int rtl = 0;
  for (const char *q = s; q < p && !rtl;) {
    q += utf8_next(q, &c);
    rtl = c >= 0x0590 && c <= 0x08FF;
  }
  int rc = pl_buf_append(&cut, s, (size_t)(p - s)) < 0 ||
           pl_buf_puts(&cut, rtl ? "…\u200F" : "…") < 0 ||
           xml(b, cut.data) < 0;
  pl_buf_free(&cut);
  return rc ? PL_ENOMEM : 0;
}

/* The mark of type t at (x, y). */
static int svg_shape(pl_buf *b, int t, double x, double y, int hollow) {
  const char *fill = hollow ? "#fff" : svg_col[t];
  const char *stroke = hollow ? svg_col[t] : "#fff";
  if (t == EV_MEETING)
    return pl_buf_printf(b,
                         "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" "
                         "fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
                         x, y, fill, stroke);
  if (t == EV_PROPOSAL)
    return pl_buf_printf(b,
                         "<path d=\"M%.1f %.1fl6.5 6.5l-6.5 6.5l-6.5-6.5z\" "
                         "fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
                         x, y - 6.5, fill, stroke);
  return pl_buf_printf(b,
                       "<path d=\"M%.1f %.1fl6.5 12h-13z\" fill=\"%s\" "
                       "stroke=\"%s\" stroke-width=\"1.5\"/>\n",
                       x, y - 6.5, fill, stroke);
}

/* The SVG's geometry: every event at its own date (events of one day fan
 * out within that day's width only), marks that would touch on a lane
 * stacked on tracks within the lane, which grows to hold them. */
typedef struct svg_geo {
  double *xs;      /* per event: x of its marks */
  size_t *first;   /* per event: index of its first member in track */
  int *track;      /* per event member: its track on that lane */
  int *ntr;        /* per lane: tracks used */
  double *ltop;    /* per lane: top y; [nlanes]: bottom of the last */
  double pw;       /* plot width (without the undated gutter) */
  double x0, ppd;  /* x of day lo's start, pixels per day */
  long lo, hi;     /* first and last day */
  int have;        /* some event is dated */
  int undated;     /* some event is not */
} svg_geo;

static void geo_free(svg_geo *g) {
  free(g->xs), free(g->first), free(g->track), free(g->ntr), free(g->ltop);
}

/* The y of member k of event i. */
static double member_y(const model *m, const svg_geo *g, size_t i, size_t k) {
  long l = m->nodes[m->events[i].members.v[k]].lane;
  int n = g->ntr[l], t = g->track[g->first[i] + k];
  return (g->ltop[l] + g->ltop[l + 1]) / 2 +
         ((double)t - (double)(n - 1) / 2) * SVG_TRACK;
}

static int svg_layout(const model *m, svg_geo *g) {
  long d;
  size_t nm = 0;
  memset(g, 0, sizeof *g);
  for (size_t i = 0; i < m->nevents; i++) {
    const revent *e = &m->events[i];
    nm += e->members.n;
    if (day_of(e->from, &d) < 0) {
      g->undated = 1;
      continue;
    }
    long t;
    if (day_of(e->to, &t) < 0 || t < d)
      t = d;
    if (!g->have || d < g->lo)
      g->lo = d;
    if (!g->have || t > g->hi)
      g->hi = t;
    g->have = 1;
  }
  g->xs = calloc(m->nevents + 1, sizeof *g->xs);
  g->first = calloc(m->nevents + 1, sizeof *g->first);
  g->track = calloc(nm + 1, sizeof *g->track);
  g->ntr = calloc(m->nlanes + 1, sizeof *g->ntr);
  g->ltop = calloc(m->nlanes + 2, sizeof *g->ltop);
  double *last = malloc((m->nlanes + 1) * SVG_MAXTR * sizeof *last);
  if (!g->xs || !g->first || !g->track || !g->ntr || !g->ltop || !last) {
    free(last);
    return PL_ENOMEM;
  }
  g->pw = SVG_W - SVG_LW - (g->undated ? SVG_UG : 0);
  double span = g->have ? (double)(g->hi + 1 - g->lo) : 1;
  g->ppd = (g->pw - 2 * SVG_PAD) / span;
  g->x0 = SVG_LW + SVG_PAD;
  size_t nund = 0;
  for (size_t i = 0; i < m->nevents;) {
    /* a group: events on the same dates */
    size_t j = same_dates_end(m, i);
    long a, t;
    if (day_of(m->events[i].from, &a) < 0) {
      for (size_t k = i; k < j; k++)
        g->xs[k] = SVG_LW + g->pw + 20 + (double)(nund++ % 5) * SVG_SLOT;
    } else {
      if (day_of(m->events[i].to, &t) < 0 || t < a)
        t = a;
      double width = (double)(t + 1 - a) * g->ppd;
      double mid = g->x0 + (double)(a - g->lo) * g->ppd + width / 2;
      double step = j - i > 1 ? 0.8 * width / (double)(j - i - 1) : 0;
      if (step > SVG_SLOT)
        step = SVG_SLOT;
      for (size_t k = i; k < j; k++)
        g->xs[k] = mid + ((double)(k - i) - (double)(j - i - 1) / 2) * step;
    }
    i = j;
  }
  /* tracks: per lane, the first track whose last mark is far enough */
  for (size_t l = 0; l < (m->nlanes + 1) * SVG_MAXTR; l++)
    last[l] = -1e9;
  size_t pos = 0;
  for (size_t i = 0; i < m->nevents; i++) {
    const revent *e = &m->events[i];
    g->first[i] = pos;
    for (size_t k = 0; k < e->members.n; k++, pos++) {
      long l = m->nodes[e->members.v[k]].lane;
      double *lt = &last[(size_t)l * SVG_MAXTR];
      int best = 0;
      for (int t = 0; t < SVG_MAXTR; t++) {
        if (lt[t] <= g->xs[i] - SVG_MARK) {
          best = t;
          break;
        }
        if (lt[t] < lt[best])
          best = t;
      }
      lt[best] = g->xs[i];
      g->track[pos] = best;
      if (best + 1 > g->ntr[l])
        g->ntr[l] = best + 1;
    }
  }
  free(last);
  double y = SVG_TOP;
  for (size_t l = 0; l < m->nlanes; l++) {
    int n = g->ntr[l] ? g->ntr[l] : 1;
    double h = (double)(n - 1) * SVG_TRACK + SVG_LH;
    g->ntr[l] = n;
    g->ltop[l] = y;
    y += h;
  }
  g->ltop[m->nlanes] = y;
  return 0;
}

static int write_svg(pl_buf *b, const model *m, const pl_report_opts *o) {
  const char *title = o && o->title ? o->title : "Negotiation timeline";
  svg_geo g;
  if (svg_layout(m, &g) < 0) {
    geo_free(&g);
    return PL_ENOMEM;
  }
  const double *xs = g.xs, pw = g.pw, ppd = g.ppd, x0 = g.x0;
  const long lo = g.lo, hi = g.hi;
  const double span = g.have ? (double)(hi + 1 - lo) : 1;
  double top = SVG_TOP, bot = g.ltop[m->nlanes];
  double h = bot + SVG_FOOT;
  int rc = 0;
  rc |= pl_buf_printf(
      b,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" "
      "viewBox=\"0 0 %d %.0f\" font-family=\"Noto Sans, DejaVu Sans, "
      "Helvetica, Arial, Noto Naskh Arabic, sans-serif\" font-size=\"12\">\n"
      "<defs><clipPath id=\"labels\"><rect x=\"0\" y=\"0\" width=\"%d\" "
      "height=\"%.0f\"/></clipPath></defs>\n"
      "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n"
      "<text x=\"20\" y=\"30\" font-size=\"19\" font-weight=\"bold\" "
      "fill=\"#1f2430\">",
      SVG_W, h, SVG_W, h, SVG_LW - 8, h);
  rc |= xml(b, title);
  rc |= pl_buf_puts(b, "</text>\n");
  {
    size_t c[3] = {0, 0, 0};
    for (size_t i = 0; i < m->nevents; i++)
      c[m->events[i].type]++;
    rc |= pl_buf_printf(b,
                        "<text x=\"20\" y=\"50\" fill=\"#667085\">%zu "
                        "meetings · %zu proposals · %zu delegations · %zu "
                        "actors · %zu sources",
                        c[0], c[1], c[2], m->nlanes, m->sources.n);
    if (g.have) {
      int y1, m1, d1, y2, m2, d2;
      civil(lo, &y1, &m1, &d1);
      civil(hi, &y2, &m2, &d2);
      rc |= pl_buf_printf(b, " · %d %s %d – %d %s %d", d1, mon[m1 - 1], y1,
                          d2, mon[m2 - 1], y2);
    }
    if (o && o->subtitle) {
      rc |= pl_buf_puts(b, " · ");
      rc |= xml(b, o->subtitle);
    }
    rc |= pl_buf_puts(b, "</text>\n");
  }
  /* lane stripes and labels: the label column is fixed; a name too long
   * for it is cut with an ellipsis (the full name in its <title>) */
  for (size_t i = 0; i < m->nlanes; i++) {
    const rnode *r = &m->nodes[m->lanes[i]];
    double y = g.ltop[i], lh = g.ltop[i + 1] - g.ltop[i];
    double room = SVG_LW - 20 - 14;
    if (i % 2)
      rc |= pl_buf_printf(b,
                          "<rect x=\"0\" y=\"%.0f\" width=\"%d\" height=\"%.0f\" "
                          "fill=\"#f5f7fa\"/>\n",
                          y, SVG_W, lh);
    int en = r->label_en && r->label && strcmp(r->label_en, r->label);
    rc |= pl_buf_puts(b, "<g><title>");
    rc |= xml(b, r->label);
    if (en) {
      rc |= pl_buf_puts(b, " (");
      rc |= xml(b, r->label_en);
      rc |= pl_buf_putc(b, ')');
    }
    if (r->role) {
      rc |= pl_buf_puts(b, " — ");
      rc |= xml(b, r->role);
    }
    rc |= pl_buf_printf(b,
                        "</title><text x=\"20\" y=\"%.0f\" font-weight=\"bold\" "
                        "fill=\"#1f2430\" clip-path=\"url(#labels)\"><tspan>",
                        y + lh / 2 + 4);
    double nw = text_w(r->label, 1);
    rc |= xml_fit(b, r->label, room, 1);
    rc |= pl_buf_puts(b, "</tspan>");
    double left = room - nw - 2 * glyph_w(' ', 0);
    if (en && left >= 48) {
      rc |= pl_buf_puts(b, "<tspan font-weight=\"normal\" fill=\"#667085\">"
                           "  ");
      rc |= xml_fit(b, r->label_en, left, 0);
      rc |= pl_buf_puts(b, "</tspan>");
    }
    rc |= pl_buf_puts(b, "</text></g>\n");
  }
  rc |= pl_buf_printf(b,
                      "<line x1=\"%d.5\" y1=\"%.0f\" x2=\"%d.5\" y2=\"%.0f\" "
                      "stroke=\"#d0d5dd\"/>\n",
                      SVG_LW, top - 30, SVG_LW, bot);
  /* rounds as bands over the round's real dates, one per round of each
   * process ("Astana 11"; "Round 11" when the process is unknown); labels
   * that would touch take a second row */
  double lab_end[2] = {-1e9, -1e9};
  for (size_t i = 0; i < m->nevents; i++) {
    const revent *e = &m->events[i];
    long a0, t0;
    if (!e->round || day_of(e->from, &a0) < 0)
      continue;
    int seen = 0;
    for (size_t k = 0; k < i && !seen; k++)
      seen = same_round(&m->events[k], e);
    if (seen)
      continue;
    long a = a0, z = a0;
    for (size_t k = i; k < m->nevents; k++) {
      const revent *q = &m->events[k];
      if (!same_round(q, e) || day_of(q->from, &a0) < 0)
        continue;
      if (day_of(q->to, &t0) < 0 || t0 < a0)
        t0 = a0;
      a = a0 < a ? a0 : a;
      z = t0 > z ? t0 : z;
    }
    double xa = x0 + (double)(a - lo) * ppd, xz = x0 + (double)(z + 1 - lo) * ppd;
    if (xz - xa < 8) {
      double c = (xa + xz) / 2;
      xa = c - 4, xz = c + 4;
    }
    pl_buf name = {0};
    if (e->process)
      rc |= pl_buf_puts(&name, e->process) | pl_buf_putc(&name, ' ');
    else
      rc |= pl_buf_puts(&name, "Round ");
    rc |= pl_buf_puts(&name, e->round);
    double tw = text_w(name.data, 1) * 11 / 12, cx = (xa + xz) / 2;
    int row = cx - tw / 2 >= lab_end[0] ? 0 : 1;
    lab_end[row] = cx + tw / 2 + 6;
    rc |= pl_buf_printf(b,
                        "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" "
                        "height=\"%.0f\" fill=\"#f5b301\" "
                        "fill-opacity=\"0.22\"/>\n<text x=\"%.1f\" "
                        "y=\"%.0f\" text-anchor=\"middle\" font-size=\"11\" "
                        "font-weight=\"bold\" fill=\"#7a5b00\">",
                        xa, top - 30 + 12.0 * row, xz - xa,
                        bot - top + 30 - 12.0 * row, cx, top - 18 - 12.0 * row);
    rc |= xml(b, name.data ? name.data : "");
    rc |= pl_buf_puts(b, "</text>\n");
    pl_buf_free(&name);
  }
  /* axis: months when the span is short, else years */
  if (g.have) {
    int y1, m1, d1, y2, m2, d2;
    civil(lo, &y1, &m1, &d1);
    civil(hi, &y2, &m2, &d2);
    int months = (y2 - y1) * 12 + (m2 - m1) + 1;
    int step = months <= 14 ? 1 : months <= 36 ? 3 : months <= 72 ? 6 : 12;
    int label_days = span <= 62 ? 1 : 0;
    for (int y = y1, mo = 1; y <= y2; mo += step) {
      if (mo > 12)
        mo -= 12, y++;
      if (y > y2)
        break;
      char iso[32];
      snprintf(iso, sizeof iso, "%04d-%02d-01", y, mo);
      long t;
      day_of(iso, &t);
      if (t + 31 < lo)
        continue;
      double x = x0 + (double)(t - lo) * ppd;
      if (x >= SVG_LW + 4 && x <= SVG_LW + pw)
        rc |= pl_buf_printf(b,
                            "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" "
                            "y2=\"%.0f\" stroke=\"#101828\" "
                            "stroke-opacity=\"0.12\"/>\n",
                            x, top - 8, x, bot);
      double lx = x < SVG_LW + 8 ? SVG_LW + 8 : x + 4;
      if (lx < SVG_LW + pw - 50)
        rc |= pl_buf_printf(b,
                            "<text x=\"%.1f\" y=\"%.0f\" font-weight=\"bold\" "
                            "fill=\"#1f2430\">%s %d</text>\n",
                            lx, top - 6 - (label_days ? 14 : 0), mon[mo - 1],
                            y);
    }
    if (label_days)
      for (long t = lo; t <= hi; t++) {
        int y, mo, dd;
        civil(t, &y, &mo, &dd);
        double x = x0 + ((double)(t - lo) + 0.5) * ppd;
        if (ppd >= 18 || dd == 1 || dd % 7 == 0 || t == lo || t == hi)
          rc |= pl_buf_printf(b,
                              "<text x=\"%.1f\" y=\"%.0f\" "
                              "text-anchor=\"middle\" font-size=\"11\" "
                              "fill=\"#475467\">%d</text>\n",
                              x, top - 6, dd);
      }
  }
  if (g.undated)
    rc |= pl_buf_printf(b,
                        "<rect x=\"%.1f\" y=\"%.0f\" width=\"%d\" "
                        "height=\"%.0f\" fill=\"#f2f4f7\" "
                        "fill-opacity=\"0.7\"/>\n<text x=\"%.1f\" y=\"%.0f\" "
                        "font-style=\"italic\" fill=\"#667085\">undated"
                        "</text>\n",
                        SVG_LW + pw, top - 30, SVG_UG, bot - top + 30,
                        SVG_LW + pw + 14, top - 6);
  /* brackets under the axis: events of one day fanned out within it */
  for (size_t i = 0; i < m->nevents;) {
    size_t j = same_dates_end(m, i);
    if (m->events[i].from && xs[j - 1] - xs[i] >= 10)
      rc |= pl_buf_printf(b,
                          "<path d=\"M%.1f %.0fv3H%.1fv-3M%.1f %.0fv4\" "
                          "fill=\"none\" stroke=\"#344054\" "
                          "stroke-width=\"1.5\"/>\n",
                          xs[i], top - 4, xs[j - 1], (xs[i] + xs[j - 1]) / 2,
                          top - 1);
    i = j;
  }
  /* events */
  for (size_t i = 0; i < m->nevents; i++) {
    const revent *e = &m->events[i];
    double ymin = 1e9, ymax = -1e9;
    for (size_t k = 0; k < e->members.n; k++) {
      double y = member_y(m, &g, i, k);
      ymin = y < ymin ? y : ymin;
      ymax = y > ymax ? y : ymax;
    }
    rc |= pl_buf_puts(b, "<g><title>");
    rc |= xml(b, e->label);
    if (e->from) {
      rc |= pl_buf_puts(b, " — ");
      rc |= xml(b, e->from);
      if (e->to && strcmp(e->to, e->from)) {
        rc |= pl_buf_puts(b, " to ");
        rc |= xml(b, e->to);
      }
    }
    rc |= pl_buf_puts(b, "</title>\n");
    long a, t;
    if (day_of(e->from, &a) == 0 && day_of(e->to, &t) == 0 && t > a)
      for (size_t k = 0; k < e->members.n; k++)
        rc |= pl_buf_printf(b,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                            "height=\"10\" fill=\"%s\" "
                            "fill-opacity=\"0.14\"/>\n",
                            x0 + (double)(a - lo) * ppd,
                            member_y(m, &g, i, k) - 5,
                            (double)(t + 1 - a) * ppd, svg_col[e->type]);
    if (ymax > ymin)
      rc |= pl_buf_printf(b,
                          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                          "y2=\"%.1f\" stroke=\"%s\" stroke-opacity=\"0.55\" "
                          "stroke-width=\"2\"%s/>\n",
                          xs[i], ymin, xs[i], ymax, svg_col[e->type],
                          e->type == EV_MEETING
                              ? ""
                              : " stroke-dasharray=\"4 3\"");
    for (size_t k = 0; k < e->members.n; k++) {
      double y = member_y(m, &g, i, k);
      if (e->type == EV_DELEGATION && k > 0)
        rc |= pl_buf_printf(b,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
                            "fill=\"%s\"/>\n",
                            xs[i], y, svg_col[EV_DELEGATION]);
      else
        rc |= svg_shape(b, e->type, xs[i], y,
                        e->type == EV_PROPOSAL &&
                            !ivec_has(&e->by, e->members.v[k]));
    }
    rc |= pl_buf_puts(b, "</g>\n");
  }
  /* legend */
  double ly = bot + 30;
  rc |= svg_shape(b, EV_MEETING, 26, ly, 0);
  rc |= pl_buf_printf(b,
                      "<text x=\"38\" y=\"%.0f\" fill=\"#475467\">meeting "
                      "(line joins participants)</text>\n",
                      ly + 4);
  rc |= svg_shape(b, EV_PROPOSAL, 246, ly, 0);
  rc |= pl_buf_printf(b,
                      "<text x=\"258\" y=\"%.0f\" fill=\"#475467\">proposal "
                      "(hollow: addressee)</text>\n",
                      ly + 4);
  rc |= svg_shape(b, EV_DELEGATION, 446, ly, 0);
  rc |= pl_buf_printf(b,
                      "<text x=\"458\" y=\"%.0f\" fill=\"#475467\">delegation "
                      "(dot: its head)</text>\n<rect x=\"628\" y=\"%.0f\" "
                      "width=\"18\" height=\"11\" fill=\"#f5b301\" "
                      "fill-opacity=\"0.25\"/>\n<text x=\"652\" y=\"%.0f\" "
                      "fill=\"#475467\">round</text>\n"
                      "<text x=\"700\" y=\"%.0f\" fill=\"#475467\">marks "
                      "stacked in a lane: same or near dates</text>\n"
                      "<text x=\"%d\" y=\"%.0f\" text-anchor=\"end\" "
                      "fill=\"#98a2b3\">parley report</text>\n</svg>\n",
                      ly + 4, ly - 6, ly + 4, ly + 4, SVG_W - 20, ly + 4);
  geo_free(&g);
  return rc ? PL_ENOMEM : 0;
}

int pl_report_write(pl_view *view, const pl_report_opts *opts, FILE *out,
                    pl_error *err) {
  model m;
  pl_buf b = {0};
  int rc;
  memset(&m, 0, sizeof m);
  if ((rc = build(&m, view, opts, err)) < 0 || (rc = layout(&m, err)) < 0)
    goto done;
  rc = opts && opts->svg ? write_svg(&b, &m, opts) : write_html(&b, &m, opts);
  if (rc < 0) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory writing the report");
    goto done;
  }
  if ((b.len && fwrite(b.data, 1, b.len, out) != b.len) || fflush(out) != 0 ||
      ferror(out))
    rc = pl_error_set(err, PL_EIO, NULL, "cannot write the report");
done:
  pl_buf_free(&b);
  model_free(&m);
  return rc;
}
