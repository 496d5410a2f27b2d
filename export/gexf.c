/* GEXF 1.3, dynamic: nodes and edges carry start/end from their dates so
 * that Gephi's timeline plays the negotiation; the rest are declared
 * attributes. Streamed through xmlTextWriter like GraphML.
 *
 * What Gephi (0.9.3+, the first with full GEXF 1.3) needs: <graph
 * mode="dynamic" timeformat="date" timerepresentation="interval">, and
 * inclusive start/end as xsd:date on each node and edge (an element with
 * only start lives on to the end of the timeline; one without either is
 * always there). 1.3 dropped the mode attribute of <attributes>. An edge's
 * kind is its relation, so that parallel edges of different relations
 * (participates_in and proposes between the same pair) stay apart, and the
 * document behind an edge is called "document": Gephi's edge table has its
 * own Source column. */
#include "export_int.h"

#include <libxml/xmlwriter.h>

#include <string.h>

/* A declared attribute. */
typedef struct attr {
  const char *cls;  /* "node" or "edge" */
  const char *id;   /* attribute id and title */
  const char *type; /* GEXF type */
} attr;

static const attr attrs[] = {
    {"node", "type", "string"},        {"node", "label_en", "string"},
    {"node", "kind", "string"},        {"node", "place", "string"},
    {"node", "round", "string"},       {"node", "count", "integer"},
    {"node", "process", "string"}, /* meetings: the process of the round */
    {"edge", "interaction", "string"}, {"edge", "evidence", "string"},
    {"edge", "document", "string"},    {NULL, NULL, NULL}};

/* Colours by node type for Gephi (as in dot.c). */
typedef struct colour {
  const char *type;   /* pl_vnode.type, NULL for the rest */
  const char *rgb[3]; /* r, g, b */
} colour;

static const colour colours[] = {{"person", {"207", "226", "243"}},
                                 {"state", {"244", "204", "204"}},
                                 {"organization", {"217", "234", "211"}},
                                 {"group", {"255", "242", "204"}},
                                 {"media", {"238", "238", "238"}},
                                 {"place", {"208", "224", "227"}},
                                 {"meeting", {"252", "229", "205"}},
                                 {"proposal", {"234", "209", "220"}},
                                 {NULL, {"200", "200", "200"}}};

typedef struct gx {
  xmlTextWriterPtr w; /* the writer */
  pl_buf tmp;         /* scratch */
} gx;

/* True for "YYYY-MM-DD", the only form timeformat="date" reads. */
static int is_date(const char *s) {
  if (!s || strlen(s) != 10)
    return 0;
  for (int i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
      return 0;
  return 1;
}

/* start and end from a view's dates: each only when it is a date, and end
 * only when it does not come before start (Gephi refuses such an
 * interval). */
static int start_end(gx *x, const char *from, const char *to) {
  int rc = 0;
  int has_from = is_date(from);
  if (has_from)
    rc = pl_export__xml_attr(x->w, &x->tmp, "start", from);
  if (rc == 0 && is_date(to) && !(has_from && strcmp(to, from) < 0))
    rc = pl_export__xml_attr(x->w, &x->tmp, "end", to);
  return rc;
}

/* <attvalue for="k" value="v"/>, skipped when v is NULL. */
static int attvalue(gx *x, const char *k, const char *v) {
  if (!v)
    return 0;
  if (xmlTextWriterStartElement(x->w, BAD_CAST "attvalue") < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "for", BAD_CAST k) < 0)
    return PL_EIO;
  int rc = pl_export__xml_attr(x->w, &x->tmp, "value", v);
  if (rc < 0)
    return rc;
  return xmlTextWriterEndElement(x->w) < 0 ? PL_EIO : 0;
}

static int write_head(gx *x) {
  xmlTextWriterPtr w = x->w;
  if (xmlTextWriterStartElement(w, BAD_CAST "gexf") < 0 ||
      xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
                                  BAD_CAST "http://gexf.net/1.3") < 0 ||
      xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:viz",
                                  BAD_CAST "http://gexf.net/1.3/viz") < 0 ||
      xmlTextWriterWriteAttribute(
          w, BAD_CAST "xmlns:xsi",
          BAD_CAST "http://www.w3.org/2001/XMLSchema-instance") < 0 ||
      xmlTextWriterWriteAttribute(
          w, BAD_CAST "xsi:schemaLocation",
          BAD_CAST "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd") < 0 ||
      xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1.3") < 0 ||
      xmlTextWriterStartElement(w, BAD_CAST "meta") < 0 ||
      xmlTextWriterWriteElement(w, BAD_CAST "creator", BAD_CAST "parley") < 0 ||
      xmlTextWriterWriteElement(
          w, BAD_CAST "description",
          BAD_CAST "negotiation graph: actors, meetings, proposals") < 0 ||
      xmlTextWriterEndElement(w) < 0 ||
      xmlTextWriterStartElement(w, BAD_CAST "graph") < 0 ||
      xmlTextWriterWriteAttribute(w, BAD_CAST "mode", BAD_CAST "dynamic") < 0 ||
      xmlTextWriterWriteAttribute(w, BAD_CAST "defaultedgetype",
                                  BAD_CAST "directed") < 0 ||
      xmlTextWriterWriteAttribute(w, BAD_CAST "timeformat", BAD_CAST "date") <
          0 ||
      xmlTextWriterWriteAttribute(w, BAD_CAST "timerepresentation",
                                  BAD_CAST "interval") < 0)
    return PL_EIO;
  for (int pass = 0; pass < 2; pass++) {
    const char *cls = pass ? "edge" : "node";
    if (xmlTextWriterStartElement(w, BAD_CAST "attributes") < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "class", BAD_CAST cls) < 0)
      return PL_EIO;
    for (const attr *a = attrs; a->id; a++)
      if (strcmp(a->cls, cls) == 0 &&
          (xmlTextWriterStartElement(w, BAD_CAST "attribute") < 0 ||
           xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST a->id) < 0 ||
           xmlTextWriterWriteAttribute(w, BAD_CAST "title", BAD_CAST a->id) <
               0 ||
           xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST a->type) <
               0 ||
           xmlTextWriterEndElement(w) < 0))
        return PL_EIO;
    if (xmlTextWriterEndElement(w) < 0)
      return PL_EIO;
  }
  return 0;
}

static int write_node(gx *x, const pl_vnode *n) {
  const colour *c = colours;
  const char *name = n->label && *n->label ? n->label : n->label_en;
  char count[24];
  int rc;
  while (c->type && (!n->type || strcmp(c->type, n->type) != 0))
    c++;
  snprintf(count, sizeof count, "%ld", n->count);
  if (xmlTextWriterStartElement(x->w, BAD_CAST "node") < 0)
    return PL_EIO;
  if ((rc = pl_export__xml_attr(x->w, &x->tmp, "id", n->id)) < 0 ||
      (rc = pl_export__xml_attr(x->w, &x->tmp, "label",
                                name && *name ? name : n->id)) < 0 ||
      (rc = start_end(x, n->date_from, n->date_to)) < 0)
    return rc;
  if (xmlTextWriterStartElement(x->w, BAD_CAST "attvalues") < 0)
    return PL_EIO;
  if ((rc = attvalue(x, "type", n->type)) < 0 ||
      (rc = attvalue(x, "label_en", n->label_en)) < 0 ||
      (rc = attvalue(x, "kind", n->kind)) < 0 ||
      (rc = attvalue(x, "place", n->place)) < 0 ||
      (rc = attvalue(x, "round", n->round)) < 0 ||
      (rc = attvalue(x, "count", count)) < 0 ||
      (rc = attvalue(x, "process", n->process)) < 0)
    return rc;
  if (xmlTextWriterEndElement(x->w) < 0 ||
      xmlTextWriterStartElement(x->w, BAD_CAST "viz:color") < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "r", BAD_CAST c->rgb[0]) < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "g", BAD_CAST c->rgb[1]) < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "b", BAD_CAST c->rgb[2]) < 0 ||
      xmlTextWriterEndElement(x->w) < 0 || xmlTextWriterEndElement(x->w) < 0)
    return PL_EIO;
  return 0;
}

static int write_edge(gx *x, const pl_vedge *e, size_t seq) {
  char id[32], weight[24];
  int rc;
  snprintf(id, sizeof id, "e%zu", seq);
  snprintf(weight, sizeof weight, "%ld", e->weight > 0 ? e->weight : 1L);
  if (xmlTextWriterStartElement(x->w, BAD_CAST "edge") < 0)
    return PL_EIO;
  if ((rc = pl_export__xml_attr(x->w, &x->tmp, "id", e->id ? e->id : id)) < 0 ||
      (rc = pl_export__xml_attr(x->w, &x->tmp, "source", e->src)) < 0 ||
      (rc = pl_export__xml_attr(x->w, &x->tmp, "target", e->dst)) < 0 ||
      (rc = pl_export__xml_attr(x->w, &x->tmp, "label",
                                e->label ? e->label : e->type)) < 0 ||
      (rc = pl_export__xml_attr(x->w, &x->tmp, "weight", weight)) < 0 ||
      (e->type &&
       (rc = pl_export__xml_attr(x->w, &x->tmp, "kind", e->type)) < 0) ||
      (rc = start_end(x, e->date_from, e->date_to)) < 0)
    return rc;
  if (xmlTextWriterStartElement(x->w, BAD_CAST "attvalues") < 0)
    return PL_EIO;
  if ((rc = attvalue(x, "interaction", e->type)) < 0 ||
      (rc = attvalue(x, "evidence", e->evidence)) < 0 ||
      (rc = attvalue(x, "document", e->source)) < 0)
    return rc;
  if (xmlTextWriterEndElement(x->w) < 0 || xmlTextWriterEndElement(x->w) < 0)
    return PL_EIO;
  return 0;
}

int pl_export__gexf(pl_view *view, const pl_export_opts *opts, FILE *out,
                    pl_error *err) {
  gx x = {0};
  pl_vnode n;
  pl_vedge e;
  size_t seq = 0;
  int rc;
  (void)opts;
  if ((rc = pl_view_rewind(view, err)) < 0)
    return rc;
  x.w = pl_export__xml_open(out);
  if (!x.w)
    return pl_error_set(err, PL_ENOMEM, NULL, "cannot start the XML writer");
  if ((rc = write_head(&x)) < 0)
    goto done;
  if (xmlTextWriterStartElement(x.w, BAD_CAST "nodes") < 0) {
    rc = PL_EIO;
    goto done;
  }
  while ((rc = pl_view_next_node(view, &n, err)) > 0)
    if ((rc = write_node(&x, &n)) < 0)
      goto done;
  if (rc < 0)
    goto done;
  if (xmlTextWriterEndElement(x.w) < 0 ||
      xmlTextWriterStartElement(x.w, BAD_CAST "edges") < 0) {
    rc = PL_EIO;
    goto done;
  }
  while ((rc = pl_view_next_edge(view, &e, err)) > 0)
    if ((rc = write_edge(&x, &e, seq++)) < 0)
      goto done;
  if (rc < 0)
    goto done;
  rc = 0; /* EndDocument closes edges, graph and gexf */
done:
  if (rc == PL_EIO || rc == PL_ENOMEM)
    pl_error_set(err, rc, NULL,
                 rc == PL_EIO ? "cannot write the GEXF output"
                              : "out of memory writing GEXF");
  {
    int frc = pl_export__xml_finish(x.w, rc == 0, out, err);
    if (rc == 0)
      rc = frc;
  }
  pl_buf_free(&x.tmp);
  return rc;
}
