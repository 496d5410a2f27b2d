/* parley — views: a selected subgraph (nodes and dated edges) that exporters
 * read. A view is an iterator, so exporters can stream graphs larger than
 * memory: nodes first, then edges, each as often as rewound. */
#ifndef PARLEY_VIEW_H
#define PARLEY_VIEW_H

#include <parley/error.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A node. Strings are borrowed until the next call on the view. Fields
 * added later come last: initialise these structs with designated
 * initialisers (unset fields are then NULL or 0). */
typedef struct pl_vnode {
  const char *id;        /* unique within the view, stable across runs */
  const char *type;      /* person|state|organization|group|media|place|
                            meeting|proposal */
  const char *label;     /* name in the original script */
  const char *label_en;  /* English or Latin name (may equal label) */
  const char *date_from; /* "YYYY-MM-DD" or NULL (events, first seen) */
  const char *date_to;   /* "YYYY-MM-DD" or NULL */
  const char *kind;      /* meeting kind or proposal status, or NULL */
  const char *place;     /* meeting place, or NULL */
  const char *round;     /* round number, or NULL */
  long count;            /* mentions or sources behind the node (>= 0) */
  const char *process;   /* meetings: the negotiation process a round
                            belongs to ("Astana"), or NULL */
  int precision;         /* events: pl_precision (when.h) of date_from and
                            date_to; PL_PREC_UNKNOWN (0) for actors */
  const char *status;    /* events: held|ongoing|planned (meetings) or
                            proposed|planned|called-for... (proposals), or
                            NULL */
  const char *date_text; /* events: the date phrase as written, or NULL */
} pl_vnode;

/* One report behind an edge: the sentence and the document saying it. */
typedef struct pl_vevidence {
  const char *sentence;  /* the sentence, or NULL when not kept */
  const char *doc;       /* the document's id, or NULL */
  const char *source;    /* the document's source (feed, site), or NULL */
  const char *title;     /* the document's title, or NULL */
  const char *published; /* its publication date "YYYY-MM-DD", or NULL */
} pl_vevidence;

/* A directed edge between two node ids of the same view. Strings and
 * evidence_all are borrowed until the next call on the view. */
typedef struct pl_vedge {
  const char *id;        /* unique within the view */
  const char *src;       /* node id */
  const char *dst;       /* node id */
  const char *type;      /* participates_in|heads|holds_role|proposes|
                            addressed_to|held_in|met|member_of ... */
  const char *label;     /* short text (a role, "met 3x"), or NULL */
  const char *date_from; /* "YYYY-MM-DD" or NULL */
  const char *date_to;   /* "YYYY-MM-DD" or NULL */
  long weight;           /* aggregated count (>= 1) */
  const char *evidence;  /* a sentence behind the edge (the first of
                            evidence_all), or NULL */
  const char *source;    /* the document it came from, or NULL */
  const pl_vevidence *evidence_all; /* every report, stored order */
  size_t nevidence; /* entries in evidence_all (NULL and 0 for the actors
                       shape's aggregated edges); may be less than weight:
                       a sentence of a document counts once */
} pl_vedge;

typedef struct pl_view pl_view;

/* Each next function returns 1 and fills *out, 0 at the end, or a negative
 * pl_code. */
typedef struct pl_view_ops {
  int (*next_node)(void *impl, pl_vnode *out, pl_error *err);
  int (*next_edge)(void *impl, pl_vedge *out, pl_error *err);
  int (*rewind)(void *impl, pl_error *err); /* back to the first node/edge */
  void (*free)(void *impl);
} pl_view_ops;

/* Wraps a backend (the store's SQL views, or a memory graph) as a view.
 * Returns NULL when out of memory (and frees impl through ops->free). */
pl_view *pl_view_wrap(const pl_view_ops *ops, void *impl);

int pl_view_next_node(pl_view *v, pl_vnode *out, pl_error *err);
int pl_view_next_edge(pl_view *v, pl_vedge *out, pl_error *err);
int pl_view_rewind(pl_view *v, pl_error *err);
void pl_view_free(pl_view *v);

/* A view held in memory, for tests and small graphs: copy nodes and edges
 * in (every string and the evidence_all array are copied: the caller's may
 * go away), then iterate. Adders return 0 or PL_ENOMEM. */
pl_view *pl_view_mem_new(void);
int pl_view_mem_add_node(pl_view *v, const pl_vnode *n);
int pl_view_mem_add_edge(pl_view *v, const pl_vedge *e);

#ifdef __cplusplus
}
#endif
#endif
