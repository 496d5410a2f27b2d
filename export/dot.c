/* DOT: the view as a cgraph graph, styled by node type, meetings clustered
 * by process then round ("Astana" holding "Astana — round 11"; the root
 * graph's comment says so), and for the "timeline" layout ranked by date along
 * a date axis. The whole graph is held in memory (cgraph), then written with
 * agwrite. Same view, same bytes: nodes and edges keep the view's order and
 * nothing depends on the clock. */
#include "export_int.h"

#include <graphviz/cgraph.h>

#include <stdlib.h>
#include <string.h>

/* Object ids by order of creation. cgraph's default id discipline uses the
 * address of each interned name as its id, and agwrite orders subgraphs by
 * id: the output would then depend on malloc. This discipline numbers named
 * objects 2, 4, 6 ... as they are created (anonymous ones 1, 3, 5 ...), so
 * the same view always gives the same bytes. */
typedef struct idmap {
  char **names;    /* names[i] has id 2 * (i + 1) */
  size_t nnames;   /* used */
  size_t capnames; /* allocated */
  size_t *slots;   /* open-addressing table of name index + 1 (0: empty) */
  size_t nslots;   /* a power of two, at least twice nnames */
  IDTYPE anon;     /* the last anonymous id handed out (odd) */
  Agraph_t *g;     /* the root graph: names are its reference-counted
                      strings, as agwrite reads a flag stored before them */
} idmap;

static size_t hash_name(const char *s) {
  size_t h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void *id_open(Agraph_t *g, Agdisc_t *disc) {
  (void)disc;
  idmap *m = calloc(1, sizeof(idmap));
  if (m)
    m->g = g;
  return m;
}

/* Doubles the slot table. Returns 0 or -1 when out of memory. */
static int id_grow(idmap *m) {
  size_t n = m->nslots ? 2 * m->nslots : 64;
  size_t *slots = calloc(n, sizeof *slots);
  if (!slots)
    return -1;
  for (size_t i = 0; i < m->nnames; i++) {
    size_t h = hash_name(m->names[i]) & (n - 1);
    while (slots[h])
      h = (h + 1) & (n - 1);
    slots[h] = i + 1;
  }
  free(m->slots);
  m->slots = slots;
  m->nslots = n;
  return 0;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id,
                   int createflag) {
  idmap *m = state;
  size_t h;
  (void)objtype;
  if (!str) {
    m->anon += 2;
    if (m->anon == 2) /* first call: odd numbers from 1 */
      m->anon = 1;
    *id = m->anon;
    return 1;
  }
  if (m->nslots) {
    for (h = hash_name(str) & (m->nslots - 1); m->slots[h];
         h = (h + 1) & (m->nslots - 1))
      if (strcmp(m->names[m->slots[h] - 1], str) == 0) {
        *id = 2 * (IDTYPE)m->slots[h];
        return 1;
      }
  }
  if (!createflag)
    return 0;
  if (2 * (m->nnames + 1) > m->nslots && id_grow(m) < 0)
    return 0;
  if (m->nnames == m->capnames) {
    size_t cap = m->capnames ? 2 * m->capnames : 64;
    char **p = realloc(m->names, cap * sizeof *p);
    if (!p)
      return 0;
    m->names = p;
    m->capnames = cap;
  }
  char *copy = agstrdup(m->g, str);
  if (!copy)
    return 0;
  m->names[m->nnames++] = copy;
  for (h = hash_name(str) & (m->nslots - 1); m->slots[h];
       h = (h + 1) & (m->nslots - 1))
    ;
  m->slots[h] = m->nnames;
  *id = 2 * (IDTYPE)m->nnames;
  return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE id) {
  (void)state;
  (void)objtype;
  (void)id;
  return 0; /* parley never asks for a given id */
}

static void id_free(void *state, int objtype, IDTYPE id) {
  (void)state; /* names live until the graph closes */
  (void)objtype;
  (void)id;
}

static char *id_print(void *state, int objtype, IDTYPE id) {
  idmap *m = state;
  (void)objtype;
  if (id % 2 || id == 0 || id / 2 > m->nnames)
    return NULL;
  return m->names[id / 2 - 1];
}

static void id_close(void *state) {
  idmap *m = state;
  if (!m)
    return;
  for (size_t i = 0; i < m->nnames; i++)
    agstrfree(m->g, m->names[i]);
  free(m->names);
  free(m->slots);
  free(m);
}

static void id_register(void *state, int objtype, void *obj) {
  (void)state;
  (void)objtype;
  (void)obj;
}

static Agiddisc_t ordered_ids = {id_open,  id_map,   id_alloc,   id_free,
                                 id_print, id_close, id_register};
static Agdisc_t ordered_disc = {&AgMemDisc, &ordered_ids, &AgIoDisc};

/* How a node type is drawn. */
typedef struct node_style {
  const char *type;  /* pl_vnode.type */
  const char *shape; /* Graphviz shape */
  const char *style; /* Graphviz style */
  const char *fill;  /* fill colour */
} node_style;

static const node_style styles[] = {
    {"person", "ellipse", "filled", "#cfe2f3"},
    {"state", "box", "filled", "#f4cccc"},
    {"organization", "hexagon", "filled", "#d9ead3"},
    {"group", "octagon", "filled", "#fff2cc"},
    {"media", "tab", "filled", "#eeeeee"},
    {"place", "house", "filled", "#d0e0e3"},
    {"meeting", "box", "rounded,filled", "#fce5cd"},
    {"proposal", "note", "filled", "#ead1dc"},
    {NULL, "ellipse", "filled", "#ffffff"}}; /* any other type */

static const node_style *style_for(const char *type) {
  const node_style *s = styles;
  while (s->type && (!type || strcmp(s->type, type) != 0))
    s++;
  return s;
}

/* An event node waiting for its place on the date axis. */
typedef struct event {
  char date[16]; /* date_from, truncated */
  size_t seq;    /* order in the view, to keep sorting stable */
  Agnode_t *n;   /* the node */
} event;

/* The builder's state. */
typedef struct builder {
  Agraph_t *g;          /* the graph being built */
  int timeline;         /* opts->layout is "timeline" */
  pl_buf tmp;           /* scratch for labels */
  event *events;        /* event nodes with a date (timeline only) */
  size_t nevents;       /* used */
  size_t capevents;     /* allocated */
  Agsym_t *n_label;     /* node attributes ... */
  Agsym_t *n_shape;     /*  */
  Agsym_t *n_style;     /*  */
  Agsym_t *n_fill;      /*  */
  Agsym_t *n_tooltip;   /*  */
  Agsym_t *e_label;     /* edge attributes ... */
  Agsym_t *e_id;        /*  */
  Agsym_t *e_penwidth;  /*  */
  Agsym_t *e_tooltip;   /*  */
  Agsym_t *e_arrowhead; /*  */
  Agsym_t *e_color;     /*  */
  Agsym_t *e_weight;    /*  */
  Agsym_t *g_label;     /* subgraph attributes ... */
  Agsym_t *g_rank;      /*  */
  Agsym_t *g_style;     /*  */
  Agsym_t *g_color;     /*  */
  Agsym_t *g_comment;   /* the root graph's comment: how it clusters */
  int clustered;        /* a cluster was made (the comment says how) */
} builder;

static int oom(pl_error *err) {
  return pl_error_set(err, PL_ENOMEM, NULL, "out of memory building the graph");
}

/* Sets sym on obj to the text in b (NUL-terminated by the caller). */
static int set(void *obj, Agsym_t *sym, pl_buf *b, pl_error *err) {
  if (pl_buf_putc(b, '\0') < 0)
    return oom(err);
  b->len--;
  if (agxset(obj, sym, b->data) != 0)
    return oom(err);
  return 0;
}

/* Appends "from", "from – to" or "– to" (nothing when both are NULL). */
static int put_dates(pl_buf *b, const char *from, const char *to) {
  int rc = 0;
  if (from && *from)
    rc = pl_export__clean(b, from, PL_CLEAN_DOT | PL_CLEAN_ONELINE);
  if (rc == 0 && to && *to && !(from && strcmp(from, to) == 0)) {
    rc = pl_buf_puts(b, (from && *from) ? " \xE2\x80\x93 " : "\xE2\x80\x93 ");
    if (rc == 0)
      rc = pl_export__clean(b, to, PL_CLEAN_DOT | PL_CLEAN_ONELINE);
  }
  return rc;
}

/* The node's label: "original\n(English)" when they differ, and the date
 * under an event's name. */
static int node_label(builder *b, const pl_vnode *n, pl_error *err) {
  pl_buf *t = &b->tmp;
  const char *name = n->label && *n->label ? n->label : n->label_en;
  int rc;
  t->len = 0;
  if (!name || !*name)
    name = n->id;
  rc = pl_export__clean(t, name, PL_CLEAN_DOT | PL_CLEAN_ONELINE);
  if (rc == 0 && n->label_en && *n->label_en && strcmp(n->label_en, name)) {
    rc = pl_buf_puts(t, "\\n(");
    if (rc == 0)
      rc = pl_export__clean(t, n->label_en, PL_CLEAN_DOT | PL_CLEAN_ONELINE);
    if (rc == 0)
      rc = pl_buf_putc(t, ')');
  }
  if (rc == 0 && n->type &&
      (!strcmp(n->type, "meeting") || !strcmp(n->type, "proposal")) &&
      ((n->date_from && *n->date_from) || (n->date_to && *n->date_to))) {
    rc = pl_buf_puts(t, "\\n");
    if (rc == 0)
      rc = put_dates(t, n->date_from, n->date_to);
  }
  return rc < 0 ? oom(err) : 0;
}

/* The node's tooltip: type, kind and place. */
static int node_tooltip(builder *b, const pl_vnode *n, pl_error *err) {
  pl_buf *t = &b->tmp;
  int rc;
  t->len = 0;
  rc = pl_export__clean(t, n->type ? n->type : "node",
                        PL_CLEAN_DOT | PL_CLEAN_ONELINE);
  if (rc == 0 && n->kind && *n->kind) {
    rc = pl_buf_puts(t, ", ");
    if (rc == 0)
      rc = pl_export__clean(t, n->kind, PL_CLEAN_DOT | PL_CLEAN_ONELINE);
  }
  if (rc == 0 && n->place && *n->place) {
    rc = pl_buf_puts(t, ", ");
    if (rc == 0)
      rc = pl_export__clean(t, n->place, PL_CLEAN_DOT | PL_CLEAN_ONELINE);
  }
  return rc < 0 ? oom(err) : 0;
}

/* The subgraph called name (created on first use), with attributes. */
static Agraph_t *subgraph(builder *b, const char *name, pl_error *err) {
  Agraph_t *sg;
  pl_buf *t = &b->tmp;
  t->len = 0;
  if (pl_export__clean(t, name, 0) < 0 || pl_buf_putc(t, '\0') < 0) {
    oom(err);
    return NULL;
  }
  sg = agsubg(b->g, t->data, 1);
  if (!sg)
    oom(err);
  return sg;
}

/* The cluster called "cluster_<prefix><a>[_<b>]" (names cleaned) inside
 * parent, created on first use with the label "<a>", "round <b>" or
 * "<a> — round <b>". Returns NULL after recording PL_ENOMEM. */
static Agraph_t *cluster(builder *b, Agraph_t *parent, const char *prefix,
                         const char *a, const char *round, pl_error *err) {
  pl_buf name = {0};
  Agraph_t *sg = NULL;
  int fail =
      pl_buf_puts(&name, "cluster_") < 0 || pl_buf_puts(&name, prefix) < 0 ||
      (a && pl_export__clean(&name, a, PL_CLEAN_DOT | PL_CLEAN_ONELINE) < 0) ||
      (a && round && pl_buf_puts(&name, "_round_") < 0) ||
      (round &&
       pl_export__clean(&name, round, PL_CLEAN_DOT | PL_CLEAN_ONELINE) < 0) ||
      pl_buf_putc(&name, '\0') < 0;
  if (fail) {
    oom(err);
    goto done;
  }
  b->tmp.len = 0;
  if (pl_export__clean(&b->tmp, name.data, 0) < 0 ||
      pl_buf_putc(&b->tmp, '\0') < 0) {
    oom(err);
    goto done;
  }
  sg = agsubg(parent, b->tmp.data, 1);
  if (!sg) {
    oom(err);
    goto done;
  }
  b->tmp.len = 0;
  fail = (a &&
          pl_export__clean(&b->tmp, a, PL_CLEAN_DOT | PL_CLEAN_ONELINE) < 0) ||
         (a && round && pl_buf_puts(&b->tmp, " \xE2\x80\x94 ") < 0) ||
         (round && (pl_buf_puts(&b->tmp, "round ") < 0 ||
                    pl_export__clean(&b->tmp, round,
                                     PL_CLEAN_DOT | PL_CLEAN_ONELINE) < 0));
  if (fail || set(sg, b->g_label, &b->tmp, err) < 0) {
    if (fail)
      oom(err);
    sg = NULL;
    goto done;
  }
  agxset(sg, b->g_style, "rounded");
  agxset(sg, b->g_color, a && !round ? "#666666" : "#999999");
done:
  pl_buf_free(&name);
  return sg;
}

/* Puts meeting node nd into its clusters: by process ("Astana"), then by
 * round within it ("Astana — round 11"); a round of no known process gets
 * a cluster of its own ("round 11"), a process without a round only the
 * process's. */
static int add_to_clusters(builder *b, Agnode_t *nd, const pl_vnode *n,
                           pl_error *err) {
  const char *process = n->process && *n->process ? n->process : NULL;
  const char *round = n->round && *n->round ? n->round : NULL;
  Agraph_t *sg = NULL;
  if (process && !(sg = cluster(b, b->g, "process_", process, NULL, err)))
    return PL_ENOMEM;
  if (round &&
      !(sg = cluster(b, sg ? sg : b->g, process ? "process_" : "round_",
                     process, round, err)))
    return PL_ENOMEM;
  if (sg && !agsubnode(sg, nd, 1))
    return oom(err);
  if (sg && !b->clustered) {
    b->clustered = 1;
    agxset(b->g, b->g_comment,
           "meetings clustered by process, then by round within it");
  }
  return 0;
}

/* Puts the cgraph name of view id into b->tmp, NUL-terminated. agwrite
 * escapes quotes but not backslashes, so a name ending in a backslash would
 * swallow its closing quote: backslashes are doubled (DOT keeps "\\" as
 * two characters, so every name stays distinct). */
static int node_name(builder *b, const char *id) {
  b->tmp.len = 0;
  if (pl_export__clean(&b->tmp, id ? id : "", PL_CLEAN_DOT | PL_CLEAN_ONELINE) <
          0 ||
      pl_buf_putc(&b->tmp, '\0') < 0)
    return PL_ENOMEM;
  return 0;
}

/* True for dates the axis can name: 1 to 15 digits and dashes. */
static int axis_date(const char *s) {
  size_t n = 0;
  for (; s[n]; n++)
    if (n >= 15 || !((s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
      return 0;
  return n > 0;
}

static int add_node(builder *b, const pl_vnode *n, size_t seq, pl_error *err) {
  const node_style *s = style_for(n->type);
  Agnode_t *nd;
  int rc;
  if (node_name(b, n->id) < 0)
    return oom(err);
  nd = agnode(b->g, b->tmp.data, 1);
  if (!nd)
    return oom(err);
  if ((rc = node_label(b, n, err)) < 0 ||
      (rc = set(nd, b->n_label, &b->tmp, err)) < 0)
    return rc;
  if ((rc = node_tooltip(b, n, err)) < 0 ||
      (rc = set(nd, b->n_tooltip, &b->tmp, err)) < 0)
    return rc;
  agxset(nd, b->n_shape, (char *)s->shape);
  agxset(nd, b->n_style, (char *)s->style);
  agxset(nd, b->n_fill, (char *)s->fill);
  if ((rc = add_to_clusters(b, nd, n, err)) < 0)
    return rc;
  if (b->timeline && n->type && n->date_from && axis_date(n->date_from) &&
      (!strcmp(n->type, "meeting") || !strcmp(n->type, "proposal"))) {
    if (b->nevents == b->capevents) {
      size_t cap = b->capevents ? 2 * b->capevents : 64;
      event *p = realloc(b->events, cap * sizeof *p);
      if (!p)
        return oom(err);
      b->events = p;
      b->capevents = cap;
    }
    event *ev = &b->events[b->nevents++];
    memset(ev->date, 0, sizeof ev->date);
    strncpy(ev->date, n->date_from, sizeof ev->date - 1);
    ev->seq = seq;
    ev->n = nd;
  }
  return 0;
}

/* Finds the node called id, or fails naming the edge. */
static Agnode_t *find_node(builder *b, const pl_vedge *e, const char *id,
                           pl_error *err) {
  Agnode_t *nd;
  if (node_name(b, id) < 0) {
    oom(err);
    return NULL;
  }
  nd = agnode(b->g, b->tmp.data, 0);
  if (!nd)
    pl_error_set(err, PL_EINPUT, NULL, "edge %s: no node '%s' in the view",
                 e->id ? e->id : "?", id ? id : "(null)");
  return nd;
}

static int add_edge(builder *b, const pl_vedge *e, pl_error *err) {
  Agnode_t *t, *h;
  Agedge_t *ed;
  int rc;
  if (!(t = find_node(b, e, e->src, err)) ||
      !(h = find_node(b, e, e->dst, err)))
    return PL_EINPUT;
  ed = agedge(b->g, t, h, NULL, 1);
  if (!ed)
    return oom(err);
  b->tmp.len = 0;
  rc = pl_export__clean(&b->tmp, e->type ? e->type : "edge",
                        PL_CLEAN_DOT | PL_CLEAN_ONELINE);
  if (rc == 0 && e->label && *e->label &&
      !(e->type && strcmp(e->label, e->type) == 0)) {
    rc = pl_buf_puts(&b->tmp, ": ");
    if (rc == 0)
      rc = pl_export__clean(&b->tmp, e->label, PL_CLEAN_DOT | PL_CLEAN_ONELINE);
  }
  if (rc == 0 &&
      ((e->date_from && *e->date_from) || (e->date_to && *e->date_to))) {
    rc = pl_buf_puts(&b->tmp, "\\n");
    if (rc == 0)
      rc = put_dates(&b->tmp, e->date_from, e->date_to);
  }
  if (rc < 0)
    return oom(err);
  if ((rc = set(ed, b->e_label, &b->tmp, err)) < 0)
    return rc;
  if (e->id) {
    b->tmp.len = 0;
    if (pl_export__clean(&b->tmp, e->id, PL_CLEAN_DOT | PL_CLEAN_ONELINE) < 0)
      return oom(err);
    if ((rc = set(ed, b->e_id, &b->tmp, err)) < 0)
      return rc;
  }
  if (e->evidence && *e->evidence) {
    b->tmp.len = 0;
    if (pl_export__clean(&b->tmp, e->evidence,
                         PL_CLEAN_DOT | PL_CLEAN_ONELINE) < 0)
      return oom(err);
    if ((rc = set(ed, b->e_tooltip, &b->tmp, err)) < 0)
      return rc;
  }
  if (e->weight > 1) {
    char w[24];
    snprintf(w, sizeof w, "%ld", e->weight < 6 ? e->weight : 6L);
    agxset(ed, b->e_penwidth, w);
  }
  return 0;
}

static int cmp_event(const void *pa, const void *pb) {
  const event *a = pa, *b = pb;
  int c = strcmp(a->date, b->date);
  if (c)
    return c;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The date axis: one plaintext node per event date, chained in order, and
 * each date ranked with its events. */
static int add_axis(builder *b, pl_error *err) {
  Agnode_t *prev = NULL;
  Agraph_t *rank = NULL;
  char name[64];
  if (b->nevents)
    qsort(b->events, b->nevents, sizeof *b->events, cmp_event);
  for (size_t i = 0; i < b->nevents; i++) {
    const event *ev = &b->events[i];
    if (i == 0 || strcmp(ev->date, b->events[i - 1].date) != 0) {
      Agnode_t *d;
      int k = 0;
      /* a name no view node has */
      do {
        snprintf(name, sizeof name, "%.*sdate %s", k, "__________", ev->date);
        k++;
      } while (agnode(b->g, name, 0) && k < 10);
      d = agnode(b->g, name, 1);
      if (!d)
        return oom(err);
      b->tmp.len = 0;
      if (pl_export__clean(&b->tmp, ev->date, PL_CLEAN_DOT | PL_CLEAN_ONELINE) <
          0)
        return oom(err);
      if (set(d, b->n_label, &b->tmp, err) < 0)
        return PL_ENOMEM;
      agxset(d, b->n_shape, "plaintext");
      agxset(d, b->n_style, "");
      agxset(d, b->n_fill, "");
      agxset(d, b->n_tooltip, "");
      if (prev) {
        Agedge_t *ax = agedge(b->g, prev, d, NULL, 1);
        if (!ax)
          return oom(err);
        agxset(ax, b->e_arrowhead, "none");
        agxset(ax, b->e_color, "#999999");
        agxset(ax, b->e_weight, "10");
      }
      prev = d;
      snprintf(name, sizeof name, "rank %s", ev->date);
      rank = subgraph(b, name, err);
      if (!rank)
        return PL_ENOMEM;
      agxset(rank, b->g_rank, "same");
      if (!agsubnode(rank, d, 1))
        return oom(err);
    }
    if (!agsubnode(rank, ev->n, 1))
      return oom(err);
  }
  return 0;
}

int pl_export__dot_graph(pl_view *view, const pl_export_opts *opts,
                         struct Agraph_s **out, size_t *nnodes, pl_error *err) {
  builder b = {0};
  pl_vnode n;
  pl_vedge e;
  size_t count = 0;
  int rc;
  *out = NULL;
  if (nnodes)
    *nnodes = 0;
  b.timeline = opts && opts->layout && strcmp(opts->layout, "timeline") == 0;
  if ((rc = pl_view_rewind(view, err)) < 0)
    return rc;
  b.g = agopen("parley", Agdirected, &ordered_disc);
  if (!b.g)
    return oom(err);
  /* Left to right: top to bottom, dot puts every actor (and every event)
   * of a rank in one row, and the events view of five articles came out as
   * a strip sixteen times wider than high (14,000 x 900 pixels); left to
   * right it is about as high as wide. neato and sfdp ignore it. */
  agattr(b.g, AGRAPH, "rankdir", "LR");
  if (b.timeline)
    agattr(b.g, AGRAPH, "newrank", "true");
  b.g_label = agattr(b.g, AGRAPH, "label", "");
  b.g_rank = agattr(b.g, AGRAPH, "rank", "");
  b.g_style = agattr(b.g, AGRAPH, "style", "");
  b.g_color = agattr(b.g, AGRAPH, "color", "");
  b.g_comment = agattr(b.g, AGRAPH, "comment", "");
  b.n_label = agattr(b.g, AGNODE, "label", "\\N");
  b.n_shape = agattr(b.g, AGNODE, "shape", "ellipse");
  b.n_style = agattr(b.g, AGNODE, "style", "filled");
  b.n_fill = agattr(b.g, AGNODE, "fillcolor", "#ffffff");
  b.n_tooltip = agattr(b.g, AGNODE, "tooltip", "");
  b.e_label = agattr(b.g, AGEDGE, "label", "");
  b.e_id = agattr(b.g, AGEDGE, "id", "");
  b.e_penwidth = agattr(b.g, AGEDGE, "penwidth", "1");
  b.e_tooltip = agattr(b.g, AGEDGE, "tooltip", "");
  b.e_arrowhead = agattr(b.g, AGEDGE, "arrowhead", "normal");
  b.e_color = agattr(b.g, AGEDGE, "color", "black");
  b.e_weight = agattr(b.g, AGEDGE, "weight", "1");
  if (!b.g_label || !b.g_rank || !b.g_style || !b.g_color || !b.g_comment ||
      !b.n_label || !b.n_shape || !b.n_style || !b.n_fill || !b.n_tooltip ||
      !b.e_label || !b.e_id || !b.e_penwidth || !b.e_tooltip ||
      !b.e_arrowhead || !b.e_color || !b.e_weight) {
    rc = oom(err);
    goto done;
  }
  while ((rc = pl_view_next_node(view, &n, err)) > 0)
    if ((rc = add_node(&b, &n, count++, err)) < 0)
      goto done;
  if (rc < 0)
    goto done;
  while ((rc = pl_view_next_edge(view, &e, err)) > 0)
    if ((rc = add_edge(&b, &e, err)) < 0)
      goto done;
  if (rc < 0)
    goto done;
  if (b.timeline && (rc = add_axis(&b, err)) < 0)
    goto done;
  rc = 0;
done:
  pl_buf_free(&b.tmp);
  free(b.events);
  if (rc < 0) {
    agclose(b.g);
    return rc;
  }
  *out = b.g;
  if (nnodes)
    *nnodes = count;
  return 0;
}

int pl_export__dot(pl_view *view, const pl_export_opts *opts, FILE *out,
                   pl_error *err) {
  Agraph_t *g;
  int rc = pl_export__dot_graph(view, opts, &g, NULL, err);
  if (rc < 0)
    return rc;
  if (agwrite(g, out) != 0 || fflush(out) != 0 || ferror(out))
    rc = pl_error_set(err, PL_EIO, NULL, "cannot write the DOT output");
  agclose(g);
  return rc;
}
