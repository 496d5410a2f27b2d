/* Views: the iterator driver, and a backend that holds a graph in memory. */
#include <parley/view.h>

#include "buf.h"

#include <stdlib.h>
#include <string.h>

struct pl_view {
  const pl_view_ops *ops; /* the backend's functions */
  void *impl;             /* the backend's state */
};

pl_view *pl_view_wrap(const pl_view_ops *ops, void *impl) {
  pl_view *v = malloc(sizeof *v);
  if (!v) {
    ops->free(impl);
    return NULL;
  }
  v->ops = ops;
  v->impl = impl;
  return v;
}

int pl_view_next_node(pl_view *v, pl_vnode *out, pl_error *err) {
  return v->ops->next_node(v->impl, out, err);
}

int pl_view_next_edge(pl_view *v, pl_vedge *out, pl_error *err) {
  return v->ops->next_edge(v->impl, out, err);
}

int pl_view_rewind(pl_view *v, pl_error *err) {
  return v->ops->rewind(v->impl, err);
}

void pl_view_free(pl_view *v) {
  if (!v)
    return;
  v->ops->free(v->impl);
  free(v);
}

/* The memory backend. */
typedef struct mem_view {
  pl_arena arena;   /* copies of every string */
  pl_vnode *nodes;  /* nodes in insertion order */
  size_t nnodes;    /* used */
  size_t capnodes;  /* allocated */
  pl_vedge *edges;  /* edges in insertion order */
  size_t nedges;    /* used */
  size_t capedges;  /* allocated */
  size_t node_pos;  /* iteration cursor over nodes */
  size_t edge_pos;  /* iteration cursor over edges */
} mem_view;

static int mem_next_node(void *impl, pl_vnode *out, pl_error *err) {
  (void)err;
  mem_view *m = impl;
  if (m->node_pos >= m->nnodes)
    return 0;
  *out = m->nodes[m->node_pos++];
  return 1;
}

static int mem_next_edge(void *impl, pl_vedge *out, pl_error *err) {
  (void)err;
  mem_view *m = impl;
  if (m->edge_pos >= m->nedges)
    return 0;
  *out = m->edges[m->edge_pos++];
  return 1;
}

static int mem_rewind(void *impl, pl_error *err) {
  (void)err;
  mem_view *m = impl;
  m->node_pos = m->edge_pos = 0;
  return 0;
}

static void mem_free(void *impl) {
  mem_view *m = impl;
  if (!m)
    return;
  pl_arena_free(&m->arena);
  free(m->nodes);
  free(m->edges);
  free(m);
}

static const pl_view_ops mem_ops = {mem_next_node, mem_next_edge, mem_rewind,
                                    mem_free};

pl_view *pl_view_mem_new(void) {
  mem_view *m = calloc(1, sizeof *m);
  if (!m)
    return NULL;
  return pl_view_wrap(&mem_ops, m);
}

/* Copies s into the arena; NULL stays NULL. Sets *fail when out of memory. */
static const char *dup(mem_view *m, const char *s, int *fail) {
  if (!s)
    return NULL;
  const char *p = pl_arena_strdup(&m->arena, s);
  if (!p)
    *fail = 1;
  return p;
}

int pl_view_mem_add_node(pl_view *v, const pl_vnode *n) {
  mem_view *m = v->impl;
  if (m->nnodes == m->capnodes) {
    size_t cap = m->capnodes ? m->capnodes * 2 : 16;
    pl_vnode *p = realloc(m->nodes, cap * sizeof *p);
    if (!p)
      return PL_ENOMEM;
    m->nodes = p;
    m->capnodes = cap;
  }
  int fail = 0;
  pl_vnode c = *n;
  c.id = dup(m, n->id, &fail);
  c.type = dup(m, n->type, &fail);
  c.label = dup(m, n->label, &fail);
  c.label_en = dup(m, n->label_en, &fail);
  c.date_from = dup(m, n->date_from, &fail);
  c.date_to = dup(m, n->date_to, &fail);
  c.kind = dup(m, n->kind, &fail);
  c.place = dup(m, n->place, &fail);
  c.round = dup(m, n->round, &fail);
  c.process = dup(m, n->process, &fail);
  c.status = dup(m, n->status, &fail);
  c.date_text = dup(m, n->date_text, &fail);
  if (fail)
    return PL_ENOMEM;
  m->nodes[m->nnodes++] = c;
  return 0;
}

int pl_view_mem_add_edge(pl_view *v, const pl_vedge *e) {
  mem_view *m = v->impl;
  if (m->nedges == m->capedges) {
    size_t cap = m->capedges ? m->capedges * 2 : 16;
    pl_vedge *p = realloc(m->edges, cap * sizeof *p);
    if (!p)
      return PL_ENOMEM;
    m->edges = p;
    m->capedges = cap;
  }
  int fail = 0;
  pl_vedge c = *e;
  c.id = dup(m, e->id, &fail);
  c.src = dup(m, e->src, &fail);
  c.dst = dup(m, e->dst, &fail);
  c.type = dup(m, e->type, &fail);
  c.label = dup(m, e->label, &fail);
  c.date_from = dup(m, e->date_from, &fail);
  c.date_to = dup(m, e->date_to, &fail);
  c.evidence = dup(m, e->evidence, &fail);
  c.source = dup(m, e->source, &fail);
  c.evidence_all = NULL;
  c.nevidence = 0;
  if (!fail && e->nevidence && e->evidence_all) {
    pl_vevidence *ev =
        pl_arena_alloc(&m->arena, e->nevidence * sizeof *ev);
    if (!ev)
      return PL_ENOMEM;
    for (size_t i = 0; i < e->nevidence; i++) {
      const pl_vevidence *x = &e->evidence_all[i];
      ev[i].sentence = dup(m, x->sentence, &fail);
      ev[i].doc = dup(m, x->doc, &fail);
      ev[i].source = dup(m, x->source, &fail);
      ev[i].title = dup(m, x->title, &fail);
      ev[i].published = dup(m, x->published, &fail);
    }
    c.evidence_all = ev;
    c.nevidence = e->nevidence;
  }
  if (fail)
    return PL_ENOMEM;
  m->edges[m->nedges++] = c;
  return 0;
}
