/* Cytoscape.js JSON: {"elements": {"nodes": [{"data": {...}}], "edges":
 * [...]}}, one element per line, streamed: each element is built in a small
 * buffer and written before the next is read. Edges carry "interaction"
 * (Cytoscape's name for the relation); nodes carry "name" too, the column
 * Cytoscape desktop labels nodes with when it imports the same file. The
 * edge's document is "document", since Cytoscape reserves "source" for the
 * source node. A meeting's negotiation process is "process" (absent when
 * unknown and for other nodes). */
#include "export_int.h"

#include <string.h>

/* ,"key":"value" (skipped when value is NULL). */
static int field(pl_buf *b, const char *key, const char *value) {
  if (!value)
    return 0;
  if (pl_buf_putc(b, ',') < 0 || pl_json_str(b, key) < 0 ||
      pl_buf_putc(b, ':') < 0 || pl_json_str(b, value) < 0)
    return PL_ENOMEM;
  return 0;
}

static int node_json(pl_buf *b, const pl_vnode *n) {
  const char *name = n->label && *n->label ? n->label : n->label_en;
  if (pl_buf_puts(b, "{\"data\":{\"id\":") < 0 ||
      pl_json_str(b, n->id ? n->id : "") < 0 ||
      field(b, "label", name && *name ? name : n->id) < 0 ||
      field(b, "name", name && *name ? name : n->id) < 0 ||
      field(b, "label_en", n->label_en) < 0 || field(b, "type", n->type) < 0 ||
      field(b, "date_from", n->date_from) < 0 ||
      field(b, "date_to", n->date_to) < 0 || field(b, "kind", n->kind) < 0 ||
      field(b, "place", n->place) < 0 || field(b, "round", n->round) < 0 ||
      pl_buf_printf(b, ",\"count\":%ld", n->count) < 0 ||
      field(b, "process", n->process) < 0 || pl_buf_puts(b, "}}") < 0)
    return PL_ENOMEM;
  return 0;
}

static int edge_json(pl_buf *b, const pl_vedge *e, size_t seq) {
  char id[32];
  snprintf(id, sizeof id, "e%zu", seq);
  if (pl_buf_puts(b, "{\"data\":{\"id\":") < 0 ||
      pl_json_str(b, e->id ? e->id : id) < 0 ||
      field(b, "source", e->src ? e->src : "") < 0 ||
      field(b, "target", e->dst ? e->dst : "") < 0 ||
      field(b, "interaction", e->type) < 0 || field(b, "label", e->label) < 0 ||
      field(b, "date_from", e->date_from) < 0 ||
      field(b, "date_to", e->date_to) < 0 ||
      pl_buf_printf(b, ",\"weight\":%ld", e->weight) < 0 ||
      field(b, "evidence", e->evidence) < 0 ||
      field(b, "document", e->source) < 0 || pl_buf_puts(b, "}}") < 0)
    return PL_ENOMEM;
  return 0;
}

/* Writes b to out and empties it. */
static int flush(pl_buf *b, FILE *out, pl_error *err) {
  if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
    return pl_error_set(err, PL_EIO, NULL, "cannot write the JSON output");
  b->len = 0;
  return 0;
}

int pl_export__json(pl_view *view, const pl_export_opts *opts, FILE *out,
                    pl_error *err) {
  pl_buf b = {0};
  pl_vnode n;
  pl_vedge e;
  size_t seq = 0;
  int rc;
  (void)opts;
  if ((rc = pl_view_rewind(view, err)) < 0)
    return rc;
  if (pl_buf_puts(&b, "{\"elements\":{\n\"nodes\":[") < 0)
    goto nomem;
  for (size_t i = 0; (rc = pl_view_next_node(view, &n, err)) > 0; i++) {
    if (pl_buf_puts(&b, i ? ",\n" : "\n") < 0 || node_json(&b, &n) < 0)
      goto nomem;
    if ((rc = flush(&b, out, err)) < 0)
      goto done;
  }
  if (rc < 0)
    goto done;
  if (pl_buf_puts(&b, "\n],\n\"edges\":[") < 0)
    goto nomem;
  while ((rc = pl_view_next_edge(view, &e, err)) > 0) {
    if (pl_buf_puts(&b, seq ? ",\n" : "\n") < 0 || edge_json(&b, &e, seq) < 0)
      goto nomem;
    seq++;
    if ((rc = flush(&b, out, err)) < 0)
      goto done;
  }
  if (rc < 0)
    goto done;
  if (pl_buf_puts(&b, "\n]}}\n") < 0)
    goto nomem;
  if ((rc = flush(&b, out, err)) < 0)
    goto done;
  if (fflush(out) != 0 || ferror(out))
    rc = pl_error_set(err, PL_EIO, NULL, "cannot write the JSON output");
  goto done;
nomem:
  rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory writing JSON");
done:
  pl_buf_free(&b);
  return rc;
}
