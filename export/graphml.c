/* GraphML: streamed through libxml2's xmlTextWriter into the caller's FILE*,
 * one node or edge at a time, so a view larger than memory exports in
 * constant space. Typed <key>s are declared first (for, attr.name,
 * attr.type), with "label" for node names and "interaction" for the
 * relation, as Gephi and Cytoscape read them; the document behind an edge
 * is "document", as in the other formats ("source" names an edge's end in
 * most tools). --yed adds yEd's ShapeNode/NodeLabel and PolyLineEdge/EdgeLabel
 * graphics, without which yEd shows no labels; such a file needs yEd's schema
 * (ygraphml.xsd) on top of GraphML's to validate. Also the XML plumbing gexf.c
 * shares. */
#include "export_int.h"

#include <libxml/xmlwriter.h>

#include <string.h>

static int write_cb(void *ctx, const char *buf, int len) {
  if (len > 0 && fwrite(buf, 1, (size_t)len, (FILE *)ctx) != (size_t)len)
    return -1;
  return len;
}

static int close_cb(void *ctx) {
  (void)ctx; /* the caller owns the FILE* */
  return 0;
}

struct _xmlTextWriter *pl_export__xml_open(FILE *out) {
  xmlOutputBufferPtr ob =
      xmlOutputBufferCreateIO(write_cb, close_cb, out, NULL);
  xmlTextWriterPtr w;
  if (!ob)
    return NULL;
  w = xmlNewTextWriter(ob); /* owns ob from here */
  if (!w) {
    xmlOutputBufferClose(ob);
    return NULL;
  }
  if (xmlTextWriterSetIndent(w, 1) < 0 ||
      xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0 ||
      xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0) {
    xmlFreeTextWriter(w);
    return NULL;
  }
  return w;
}

int pl_export__xml_finish(struct _xmlTextWriter *w, int ok, FILE *out,
                          pl_error *err) {
  int rc = 0;
  if (ok && (xmlTextWriterEndDocument(w) < 0 || xmlTextWriterFlush(w) < 0))
    rc = -1;
  xmlFreeTextWriter(w);
  if (ok && (rc < 0 || fflush(out) != 0 || ferror(out)))
    return pl_error_set(err, PL_EIO, NULL, "cannot write the XML output");
  return 0;
}

int pl_export__xml_attr(struct _xmlTextWriter *w, pl_buf *tmp, const char *name,
                        const char *value) {
  tmp->len = 0;
  if (pl_export__clean(tmp, value ? value : "", 0) < 0 ||
      pl_buf_putc(tmp, '\0') < 0)
    return PL_ENOMEM;
  return xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST tmp->data) < 0
             ? PL_EIO
             : 0;
}

int pl_export__xml_id(struct _xmlTextWriter *w, pl_buf *tmp, const char *name,
                      const char *id) {
  static const char hex[] = "0123456789ABCDEF";
  const unsigned char *p = (const unsigned char *)(id ? id : "");
  tmp->len = 0;
  if (!*p && pl_buf_puts(tmp, "_") < 0)
    return PL_ENOMEM;
  for (; *p; p++) {
    int keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
               (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == ':';
    char esc[3] = {'_', hex[*p >> 4], hex[*p & 15]};
    if ((keep ? pl_buf_putc(tmp, (char)*p) : pl_buf_append(tmp, esc, 3)) < 0)
      return PL_ENOMEM;
  }
  if (pl_buf_putc(tmp, '\0') < 0)
    return PL_ENOMEM;
  return xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST tmp->data) < 0
             ? PL_EIO
             : 0;
}

/* One <key>. */
typedef struct key {
  const char *id;   /* key id, used by <data key=...> */
  const char *for_; /* "node" or "edge" */
  const char *name; /* attr.name */
  const char *type; /* attr.type */
} key;

static const key keys[] = {{"label", "node", "label", "string"},
                           {"label_en", "node", "label_en", "string"},
                           {"type", "node", "type", "string"},
                           {"date_from", "node", "date_from", "string"},
                           {"date_to", "node", "date_to", "string"},
                           {"kind", "node", "kind", "string"},
                           {"place", "node", "place", "string"},
                           {"round", "node", "round", "string"},
                           {"count", "node", "count", "int"},
                           /* meetings: the negotiation process of the
                              round ("Astana"); absent for other nodes */
                           {"process", "node", "process", "string"},
                           {"interaction", "edge", "interaction", "string"},
                           {"e_label", "edge", "label", "string"},
                           {"e_date_from", "edge", "date_from", "string"},
                           {"e_date_to", "edge", "date_to", "string"},
                           {"weight", "edge", "weight", "int"},
                           {"evidence", "edge", "evidence", "string"},
                           {"document", "edge", "document", "string"},
                           {NULL, NULL, NULL, NULL}};

/* yEd's look for a node type (colours as in dot.c). */
typedef struct yed_style {
  const char *type;  /* pl_vnode.type, NULL for the rest */
  const char *shape; /* y:Shape type */
  const char *fill;  /* y:Fill color */
} yed_style;

static const yed_style yed_styles[] = {{"person", "ellipse", "#CFE2F3"},
                                       {"state", "rectangle", "#F4CCCC"},
                                       {"organization", "hexagon", "#D9EAD3"},
                                       {"group", "octagon", "#FFF2CC"},
                                       {"media", "rectangle3d", "#EEEEEE"},
                                       {"place", "trapezoid", "#D0E0E3"},
                                       {"meeting", "roundrectangle", "#FCE5CD"},
                                       {"proposal", "parallelogram", "#EAD1DC"},
                                       {NULL, "ellipse", "#FFFFFF"}};

typedef struct gml {
  xmlTextWriterPtr w; /* the writer */
  pl_buf tmp;         /* scratch for cleaned text */
  int yed;            /* write yEd graphics */
} gml;

/* <data key="k">value</data>, skipped when value is NULL. */
static int data(gml *x, const char *k, const char *value) {
  if (!value)
    return 0;
  x->tmp.len = 0;
  if (pl_export__clean(&x->tmp, value, 0) < 0 || pl_buf_putc(&x->tmp, '\0') < 0)
    return PL_ENOMEM;
  if (xmlTextWriterStartElement(x->w, BAD_CAST "data") < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "key", BAD_CAST k) < 0 ||
      xmlTextWriterWriteString(x->w, BAD_CAST x->tmp.data) < 0 ||
      xmlTextWriterEndElement(x->w) < 0)
    return PL_EIO;
  return 0;
}

static int data_long(gml *x, const char *k, long v) {
  char s[24];
  snprintf(s, sizeof s, "%ld", v);
  return data(x, k, s);
}

/* The yEd label text: "original\n(English)" when they differ. */
static int yed_node(gml *x, const pl_vnode *n) {
  const yed_style *s = yed_styles;
  const char *name = n->label && *n->label ? n->label : n->label_en;
  pl_buf lab = {0};
  char width[32];
  size_t chars = 0;
  int rc = PL_EIO;
  while (s->type && (!n->type || strcmp(s->type, n->type) != 0))
    s++;
  if (!name || !*name)
    name = n->id;
  if (pl_export__clean(&lab, name, PL_CLEAN_ONELINE) < 0 ||
      (n->label_en && *n->label_en && strcmp(n->label_en, name) &&
       (pl_buf_puts(&lab, "\n(") < 0 ||
        pl_export__clean(&lab, n->label_en, PL_CLEAN_ONELINE) < 0 ||
        pl_buf_putc(&lab, ')') < 0)) ||
      pl_buf_putc(&lab, '\0') < 0) {
    rc = PL_ENOMEM;
    goto done;
  }
  /* width from the longest line, counted in characters */
  for (size_t i = 0, line = 0; i < lab.len; i++) {
    if (lab.data[i] == '\n')
      line = 0;
    else if ((lab.data[i] & 0xC0) != 0x80 && ++line > chars)
      chars = line;
  }
  snprintf(width, sizeof width, "%zu.0", 20 + 7 * chars);
  if (xmlTextWriterStartElement(x->w, BAD_CAST "data") < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "key", BAD_CAST "ng") < 0 ||
      xmlTextWriterStartElement(x->w, BAD_CAST "y:ShapeNode") < 0 ||
      xmlTextWriterStartElement(x->w, BAD_CAST "y:Geometry") < 0 ||
      xmlTextWriterWriteAttribute(
          x->w, BAD_CAST "height",
          BAD_CAST(strchr(lab.data, '\n') ? "44.0" : "30.0")) < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "width", BAD_CAST width) < 0 ||
      xmlTextWriterEndElement(x->w) < 0 ||
      xmlTextWriterStartElement(x->w, BAD_CAST "y:Fill") < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "color", BAD_CAST s->fill) <
          0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "transparent",
                                  BAD_CAST "false") < 0 ||
      xmlTextWriterEndElement(x->w) < 0 ||
      xmlTextWriterStartElement(x->w, BAD_CAST "y:NodeLabel") < 0 ||
      xmlTextWriterWriteString(x->w, BAD_CAST lab.data) < 0 ||
      xmlTextWriterEndElement(x->w) < 0 ||
      xmlTextWriterStartElement(x->w, BAD_CAST "y:Shape") < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "type", BAD_CAST s->shape) <
          0 ||
      xmlTextWriterEndElement(x->w) < 0 || xmlTextWriterEndElement(x->w) < 0 ||
      xmlTextWriterEndElement(x->w) < 0)
    goto done;
  rc = 0;
done:
  pl_buf_free(&lab);
  return rc;
}

static int write_node(gml *x, const pl_vnode *n) {
  int rc;
  if (xmlTextWriterStartElement(x->w, BAD_CAST "node") < 0)
    return PL_EIO;
  if ((rc = pl_export__xml_id(x->w, &x->tmp, "id", n->id)) < 0 ||
      (rc = data(x, "label", n->label)) < 0 ||
      (rc = data(x, "label_en", n->label_en)) < 0 ||
      (rc = data(x, "type", n->type)) < 0 ||
      (rc = data(x, "date_from", n->date_from)) < 0 ||
      (rc = data(x, "date_to", n->date_to)) < 0 ||
      (rc = data(x, "kind", n->kind)) < 0 ||
      (rc = data(x, "place", n->place)) < 0 ||
      (rc = data(x, "round", n->round)) < 0 ||
      (rc = data_long(x, "count", n->count)) < 0 ||
      (rc = data(x, "process", n->process)) < 0)
    return rc;
  if (x->yed && (rc = yed_node(x, n)) < 0)
    return rc;
  return xmlTextWriterEndElement(x->w) < 0 ? PL_EIO : 0;
}

/* yEd's edge graphics: an arrow and a label "relation: label\ndate" (as
 * in DOT), since yEd shows no edge text of its own either. */
static int yed_edge(gml *x, const pl_vedge *e) {
  pl_buf lab = {0};
  int rc = PL_ENOMEM;
  if (pl_export__clean(&lab, e->type ? e->type : "edge", PL_CLEAN_ONELINE) < 0)
    goto done;
  if (e->label && *e->label && !(e->type && strcmp(e->label, e->type) == 0) &&
      (pl_buf_puts(&lab, ": ") < 0 ||
       pl_export__clean(&lab, e->label, PL_CLEAN_ONELINE) < 0))
    goto done;
  if (e->date_from && *e->date_from &&
      (pl_buf_putc(&lab, '\n') < 0 ||
       pl_export__clean(&lab, e->date_from, PL_CLEAN_ONELINE) < 0))
    goto done;
  if (pl_buf_putc(&lab, '\0') < 0)
    goto done;
  rc = PL_EIO;
  if (xmlTextWriterStartElement(x->w, BAD_CAST "data") < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "key", BAD_CAST "eg") < 0 ||
      xmlTextWriterStartElement(x->w, BAD_CAST "y:PolyLineEdge") < 0 ||
      xmlTextWriterStartElement(x->w, BAD_CAST "y:Arrows") < 0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "source", BAD_CAST "none") <
          0 ||
      xmlTextWriterWriteAttribute(x->w, BAD_CAST "target",
                                  BAD_CAST "standard") < 0 ||
      xmlTextWriterEndElement(x->w) < 0 ||
      xmlTextWriterStartElement(x->w, BAD_CAST "y:EdgeLabel") < 0 ||
      xmlTextWriterWriteString(x->w, BAD_CAST lab.data) < 0 ||
      xmlTextWriterEndElement(x->w) < 0 || xmlTextWriterEndElement(x->w) < 0 ||
      xmlTextWriterEndElement(x->w) < 0)
    goto done;
  rc = 0;
done:
  pl_buf_free(&lab);
  return rc;
}

static int write_edge(gml *x, const pl_vedge *e, size_t seq) {
  char id[32];
  int rc;
  if (xmlTextWriterStartElement(x->w, BAD_CAST "edge") < 0)
    return PL_EIO;
  snprintf(id, sizeof id, "e%zu", seq);
  if ((rc = pl_export__xml_id(x->w, &x->tmp, "id", e->id ? e->id : id)) < 0 ||
      (rc = pl_export__xml_id(x->w, &x->tmp, "source", e->src)) < 0 ||
      (rc = pl_export__xml_id(x->w, &x->tmp, "target", e->dst)) < 0 ||
      (rc = data(x, "interaction", e->type)) < 0 ||
      (rc = data(x, "e_label", e->label)) < 0 ||
      (rc = data(x, "e_date_from", e->date_from)) < 0 ||
      (rc = data(x, "e_date_to", e->date_to)) < 0 ||
      (rc = data_long(x, "weight", e->weight)) < 0 ||
      (rc = data(x, "evidence", e->evidence)) < 0 ||
      (rc = data(x, "document", e->source)) < 0)
    return rc;
  if (x->yed && (rc = yed_edge(x, e)) < 0)
    return rc;
  return xmlTextWriterEndElement(x->w) < 0 ? PL_EIO : 0;
}

static int write_head(gml *x) {
  xmlTextWriterPtr w = x->w;
  if (xmlTextWriterStartElement(w, BAD_CAST "graphml") < 0 ||
      xmlTextWriterWriteAttribute(
          w, BAD_CAST "xmlns",
          BAD_CAST "http://graphml.graphdrawing.org/xmlns") < 0 ||
      xmlTextWriterWriteAttribute(
          w, BAD_CAST "xmlns:xsi",
          BAD_CAST "http://www.w3.org/2001/XMLSchema-instance") < 0 ||
      (x->yed && xmlTextWriterWriteAttribute(
                     w, BAD_CAST "xmlns:y",
                     BAD_CAST "http://www.yworks.com/xml/graphml") < 0) ||
      xmlTextWriterWriteAttribute(
          w, BAD_CAST "xsi:schemaLocation",
          BAD_CAST(x->yed ? "http://graphml.graphdrawing.org/xmlns "
                            "http://www.yworks.com/xml/schema/graphml/1.1/"
                            "ygraphml.xsd"
                          : "http://graphml.graphdrawing.org/xmlns "
                            "http://graphml.graphdrawing.org/xmlns/1.0/"
                            "graphml.xsd")) < 0)
    return PL_EIO;
  for (const key *k = keys; k->id; k++)
    if (xmlTextWriterStartElement(w, BAD_CAST "key") < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST k->id) < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "for", BAD_CAST k->for_) < 0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "attr.name", BAD_CAST k->name) <
            0 ||
        xmlTextWriterWriteAttribute(w, BAD_CAST "attr.type", BAD_CAST k->type) <
            0 ||
        xmlTextWriterEndElement(w) < 0)
      return PL_EIO;
  if (x->yed &&
      (xmlTextWriterStartElement(w, BAD_CAST "key") < 0 ||
       xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "ng") < 0 ||
       xmlTextWriterWriteAttribute(w, BAD_CAST "for", BAD_CAST "node") < 0 ||
       xmlTextWriterWriteAttribute(w, BAD_CAST "yfiles.type",
                                   BAD_CAST "nodegraphics") < 0 ||
       xmlTextWriterEndElement(w) < 0 ||
       xmlTextWriterStartElement(w, BAD_CAST "key") < 0 ||
       xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "eg") < 0 ||
       xmlTextWriterWriteAttribute(w, BAD_CAST "for", BAD_CAST "edge") < 0 ||
       xmlTextWriterWriteAttribute(w, BAD_CAST "yfiles.type",
                                   BAD_CAST "edgegraphics") < 0 ||
       xmlTextWriterEndElement(w) < 0))
    return PL_EIO;
  if (xmlTextWriterStartElement(w, BAD_CAST "graph") < 0 ||
      xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "parley") < 0 ||
      xmlTextWriterWriteAttribute(w, BAD_CAST "edgedefault",
                                  BAD_CAST "directed") < 0)
    return PL_EIO;
  return 0;
}

int pl_export__graphml(pl_view *view, const pl_export_opts *opts, FILE *out,
                       pl_error *err) {
  gml x = {0};
  pl_vnode n;
  pl_vedge e;
  size_t seq = 0;
  int rc;
  x.yed = opts && opts->yed;
  if ((rc = pl_view_rewind(view, err)) < 0)
    return rc;
  x.w = pl_export__xml_open(out);
  if (!x.w)
    return pl_error_set(err, PL_ENOMEM, NULL, "cannot start the XML writer");
  if ((rc = write_head(&x)) < 0)
    goto done;
  while ((rc = pl_view_next_node(view, &n, err)) > 0)
    if ((rc = write_node(&x, &n)) < 0)
      goto done;
  if (rc < 0)
    goto done;
  while ((rc = pl_view_next_edge(view, &e, err)) > 0)
    if ((rc = write_edge(&x, &e, seq++)) < 0)
      goto done;
  if (rc < 0)
    goto done;
  rc = 0; /* EndDocument closes graph and graphml */
done:
  if (rc == PL_EIO || rc == PL_ENOMEM)
    pl_error_set(err, rc, NULL,
                 rc == PL_EIO ? "cannot write the GraphML output"
                              : "out of memory writing GraphML");
  {
    int frc = pl_export__xml_finish(x.w, rc == 0, out, err);
    if (rc == 0)
      rc = frc;
  }
  pl_buf_free(&x.tmp);
  return rc;
}
