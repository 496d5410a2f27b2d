/* The feed reader: RSS 2.0 (and RSS 1.0) and Atom, one document per item.
 *
 * Safety: the XML is parsed with XML_PARSE_NONET and without
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE, and the parser
 * context's entity resolver refuses everything, so no external entity or
 * DTD is ever loaded from the file system or the network. libxml2 bounds
 * entity amplification itself (a billion-laughs document fails at once with
 * an entity-loop error); when parley walks the tree it expands only
 * internal entities, within a byte budget. Item content goes through the
 * HTML reader. */
#include "reader.h"

#include "buf.h"

#include <parley/when.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#define ATOM_NS "http://www.w3.org/2005/Atom"
#define RSS1_NS "http://purl.org/rss/1.0/"
#define CONTENT_NS "http://purl.org/rss/1.0/modules/content/"
#define DC_NS "http://purl.org/dc/elements/1.1/"

#define XML_OPTIONS                                                            \
  (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |                 \
   XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

/* Refuses to load any external entity or DTD. */
static xmlParserInputPtr no_entity(void *ctx, const xmlChar *public_id,
                                   const xmlChar *system_id) {
  (void)ctx;
  (void)public_id;
  (void)system_id;
  return NULL;
}

static void no_error(void *ctx, xmlErrorPtr error) {
  (void)ctx;
  (void)error;
}

/* An element of the feed vocabulary: no namespace, Atom or RSS 1.0. */
static int is(const xmlNode *n, const char *name) {
  if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
    return 0;
  if (!n->ns || !n->ns->href)
    return 1;
  const char *href = (const char *)n->ns->href;
  return !strcmp(href, ATOM_NS) || !strcmp(href, RSS1_NS);
}

static int is_ns(const xmlNode *n, const char *name, const char *ns) {
  return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) &&
         n->ns && n->ns->href && !strcmp((const char *)n->ns->href, ns);
}

static const xmlNode *child(const xmlNode *n, const char *name) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is(c, name))
      return c;
  return NULL;
}

static const xmlNode *child_ns(const xmlNode *n, const char *name,
                               const char *ns) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is_ns(c, name, ns))
      return c;
  return NULL;
}

typedef struct walk {
  xmlDoc *doc;   /* for entity look-ups */
  size_t budget; /* bytes still allowed */
  int rc;        /* PL_EINPUT when the budget ran out, PL_ENOMEM */
} walk;

/* Appends the text under n's children to b: text, CDATA, elements' text,
 * internal entities (bounded); external entities are never expanded. */
static void text_of(walk *w, const xmlNode *n, pl_buf *b, int depth) {
  for (const xmlNode *c = n ? n->children : NULL; c && !w->rc; c = c->next) {
    const char *s = NULL;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      s = (const char *)c->content;
    else if (c->type == XML_ELEMENT_NODE && depth < 64)
      text_of(w, c, b, depth + 1);
    else if (c->type == XML_ENTITY_REF_NODE && depth < 64) {
      xmlEntity *ent = xmlGetDocEntity(w->doc, c->name);
      if (ent && ent->etype == XML_INTERNAL_GENERAL_ENTITY) {
        if (ent->children)
          text_of(w, (const xmlNode *)ent, b, depth + 1);
        else if (ent->content && !strchr((const char *)ent->content, '&') &&
                 !strchr((const char *)ent->content, '<'))
          s = (const char *)ent->content;
      }
    }
    if (s) {
      size_t n = strlen(s);
      if (n > w->budget) {
        w->rc = PL_EINPUT;
        return;
      }
      w->budget -= n;
      if (pl_buf_append(b, s, n) < 0)
        w->rc = PL_ENOMEM;
    }
  }
}

/* The text of element n, squashed unless raw; malloc'ed, NULL when none. */
static char *text_dup(walk *w, const xmlNode *n, int raw) {
  if (!n)
    return NULL;
  pl_buf b = {0};
  text_of(w, n, &b, 0);
  if (w->rc || !b.data) {
    pl_buf_free(&b);
    return NULL;
  }
  char *s = pl_buf_take(&b);
  if (!raw)
    pl_read__squash(s);
  if (!s || !s[0]) {
    free(s);
    return NULL;
  }
  return s;
}

static char *attr(const xmlNode *n, const char *name) {
  xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)name);
  if (!v)
    return NULL;
  size_t len = strlen((const char *)v);
  char *s = malloc(len + 1);
  if (s)
    memcpy(s, v, len + 1);
  xmlFree(v);
  return s;
}

/* An Atom <link>: rel="alternate" or no rel. */
static char *atom_link(const xmlNode *entry) {
  for (const xmlNode *c = entry->children; c; c = c->next) {
    if (!is(c, "link"))
      continue;
    char *rel = attr(c, "rel");
    int alt = !rel || !strcmp(rel, "alternate");
    free(rel);
    if (alt) {
      char *href = attr(c, "href");
      if (href && href[0])
        return href;
      free(href);
    }
  }
  return NULL;
}

/* Fills doc->body from a content element: HTML through the HTML reader,
 * XHTML serialised then read as HTML, text as it is. */
static int item_body(pl_read_job *job, walk *w, const xmlNode *content,
                     int atom, pl_doc *doc, pl_error *err) {
  char *type = atom ? attr(content, "type") : NULL;
  int rc = 0;
  if (type && !strcmp(type, "xhtml")) {
    xmlBuffer *xb = xmlBufferCreate();
    if (!xb) {
      free(type);
      return pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
    }
    for (const xmlNode *c = content->children; c; c = c->next)
      xmlNodeDump(xb, w->doc, (xmlNode *)c, 0, 0);
    const char *html = (const char *)xmlBufferContent(xb);
    size_t len = (size_t)xmlBufferLength(xb);
    if (len > w->budget)
      rc = PL_EINPUT;
    else if (len)
      rc = pl_html__extract(job, html, len, "UTF-8", 1, doc, err);
    xmlBufferFree(xb);
  } else {
    char *text = text_dup(w, content, 1);
    if (w->rc)
      rc = w->rc;
    else if (text && atom && (!type || !strcmp(type, "text"))) {
      doc->body = text;
      doc->body_len = strlen(text);
      text = NULL;
    } else if (text)
      rc = pl_html__extract(job, text, strlen(text), "UTF-8", 1, doc, err);
    free(text);
  }
  free(type);
  return rc;
}

static int expansion_error(pl_read_job *job, pl_error *err) {
  return pl_error_set(err, PL_EINPUT, job->name,
                      "entity expansion too large: refused (an entity "
                      "loop or a billion-laughs document)");
}

/* Reads one item (RSS) or entry (Atom) numbered no. */
static int read_item(pl_read_job *job, walk *w, const xmlNode *item, int atom,
                     size_t no, const char *feed_lang, pl_error *err) {
  pl_doc doc = {0};
  int rc = 0;
  char where[200];
  snprintf(where, sizeof where, "%s#%zu", job->name, no);
  if (!(doc.source = malloc(strlen(where) + 1)))
    return pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
  memcpy(doc.source, where, strlen(where) + 1);
  doc.title = text_dup(w, child(item, "title"), 0);
  if (atom) {
    doc.url = atom_link(item);
  } else {
    doc.url = text_dup(w, child(item, "link"), 0);
    if (!doc.url) {
      const xmlNode *guid = child(item, "guid");
      char *perma = guid ? attr(guid, "isPermaLink") : NULL;
      if (guid && (!perma || strcmp(perma, "false")))
        doc.url = text_dup(w, guid, 0);
      free(perma);
    }
  }
  static const char *const date_elems[] = {"published", "pubDate",  "issued",
                                           "updated",   "modified", NULL};
  for (const char *const *d = date_elems; *d && !doc.published[0]; d++) {
    char *v = text_dup(w, child(item, *d), 0);
    if (v && pl_date_parse(v, doc.published) < 0)
      doc.published[0] = '\0';
    free(v);
  }
  if (!doc.published[0]) {
    char *v = text_dup(w, child_ns(item, "date", DC_NS), 0);
    if (v && pl_date_parse(v, doc.published) < 0)
      doc.published[0] = '\0';
    free(v);
  }
  char *lang = attr(item, "xml:lang");
  if (!lang)
    lang = text_dup(w, child_ns(item, "language", DC_NS), 0);
  char code[8];
  if (lang && pl_read__lang_code(lang, code))
    memcpy(doc.lang, code, sizeof doc.lang);
  else if (feed_lang)
    memcpy(doc.lang, feed_lang, sizeof doc.lang);
  free(lang);
  if (w->rc) {
    rc = w->rc == PL_EINPUT
             ? expansion_error(job, err)
             : pl_error_set(err, w->rc, job->name, "out of memory");
    goto done;
  }
  const xmlNode *content =
      atom ? child(item, "content") : child_ns(item, "encoded", CONTENT_NS);
  if (!content)
    content = atom ? child(item, "summary") : child(item, "description");
  if (content && (rc = item_body(job, w, content, atom, &doc, err)) < 0) {
    if (rc == PL_EINPUT && !(err && err->code))
      rc = expansion_error(job, err);
    goto done;
  }
  /* Recovered XML passes invalid bytes through: U+FFFD for each. */
  if (pl_text__repair_utf8(&doc.body, &doc.body_len) < 0 ||
      pl_text__repair_utf8(&doc.title, NULL) < 0 ||
      pl_text__repair_utf8(&doc.url, NULL) < 0) {
    rc = pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
    goto done;
  }
  rc = pl_read__emit(job, &doc, err);
  if (rc == 1) {
    pl_read__warn(job, where, "item has no text; skipped");
    rc = 0;
  }
done:
  pl_doc_clear(&doc);
  return rc;
}

static int feed_sniff(const char *name, const char *head, size_t len) {
  if (pl_read__has_ext(name, ".rss") || pl_read__has_ext(name, ".atom") ||
      pl_read__has_ext(name, ".xml") || pl_read__has_ext(name, ".rdf"))
    return PL_SNIFF_EXT;
  size_t i = 0;
  if (len >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3))
    i = 3;
  while (i < len && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' ||
                     head[i] == '\t'))
    i++;
  if (len - i >= 4 && (!memcmp(head + i, "<rss", 4) ||
                       (len - i >= 5 && !memcmp(head + i, "<feed", 5))))
    return PL_SNIFF_CONTENT;
  if (len - i >= 5 && !memcmp(head + i, "<?xml", 5) &&
      (pl_read__find(head + i, len - i, "<rss") ||
       pl_read__find(head + i, len - i, "<feed") ||
       pl_read__find(head + i, len - i, "<rdf:rdf")))
    return PL_SNIFF_CONTENT;
  return PL_SNIFF_NO;
}

/* Parses data; *out is the document or NULL with err set. */
static int parse(pl_read_job *job, const char *data, size_t len, int recover,
                 xmlDoc **out, pl_error *err) {
  *out = NULL;
  if (len > INT_MAX)
    return pl_error_set(err, PL_ETOOBIG, job->name, "feed too large to parse");
  char *tamed = NULL;
  if (pl_read__tame_attrs(data, len, &tamed) < 0)
    return pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
  if (tamed)
    data = tamed;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    free(tamed);
    return pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
  }
  ctxt->sax->resolveEntity = no_entity;
  ctxt->sax->serror = no_error;
  ctxt->sax->warning = NULL;
  ctxt->sax->error = NULL;
  ctxt->sax->fatalError = NULL;
  pl_xml_quiet q;
  pl_xml__quiet_begin(&q);
  xmlDoc *doc =
      xmlCtxtReadMemory(ctxt, data, (int)len, job->name, job->opts->encoding,
                        XML_OPTIONS | (recover ? XML_PARSE_RECOVER : 0));
  pl_xml__quiet_end(&q);
  int rc = 0;
  if (!doc || (!recover && !ctxt->wellFormed)) {
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    int code = e ? e->code : 0;
    if (code == XML_ERR_ENTITY_LOOP || code == XML_ERR_ENTITY_BOUNDARY ||
        (e && e->message && strstr(e->message, "amplification"))) {
      rc = expansion_error(job, err);
    } else if (code == XML_ERR_UNSUPPORTED_ENCODING && job->opts->encoding) {
      rc = pl_error_set(err, PL_EUSAGE, NULL, "unknown encoding '%s'",
                        job->opts->encoding);
    } else if (code == XML_ERR_UNSUPPORTED_ENCODING) {
      rc = pl_error_set(err, PL_EINPUT, job->name,
                        "the feed declares an unsupported encoding");
    } else {
      char msg[200];
      snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "?");
      pl_read__squash(msg);
      char where[200];
      snprintf(where, sizeof where, "%s:%d", job->name, e ? e->line : 0);
      rc = pl_error_set(err, PL_EINPUT, where, "malformed XML: %s", msg);
    }
    if (doc)
      xmlFreeDoc(doc);
    doc = NULL;
  }
  xmlFreeParserCtxt(ctxt);
  free(tamed);
  *out = doc;
  return rc;
}

static int feed_read(pl_read_job *job, const char *data, size_t len,
                     pl_error *err) {
  xmlDoc *doc = NULL;
  pl_error first = {0};
  int rc = parse(job, data, len, 0, &doc, &first);
  if (rc == PL_EINPUT && strncmp(first.msg, "entity expansion", 16)) {
    /* A broken feed: read what libxml2 can recover, and say so. */
    pl_error again = {0};
    if (parse(job, data, len, 1, &doc, &again) == 0 && doc)
      pl_read__warn(job, first.where, "%s (recovered)", first.msg);
  }
  if (!doc) {
    if (err && !err->code)
      *err = first;
    return rc;
  }
  rc = 0;
  const xmlNode *root = xmlDocGetRootElement(doc);
  walk w = {doc, job->max_size, 0};
  int atom = 0;
  const xmlNode *items = NULL;
  char feed_lang[8] = "";
  if (root && is(root, "rss")) {
    items = child(root, "channel");
    char *lang = items ? text_dup(&w, child(items, "language"), 0) : NULL;
    if (!lang && items)
      lang = text_dup(&w, child_ns(items, "language", DC_NS), 0);
    if (lang && !pl_read__lang_code(lang, feed_lang))
      feed_lang[0] = '\0';
    free(lang);
  } else if (root && is(root, "feed")) {
    atom = 1;
    items = root;
    char *lang = attr(root, "xml:lang");
    if (lang && !pl_read__lang_code(lang, feed_lang))
      feed_lang[0] = '\0';
    free(lang);
  } else if (root && !strcmp((const char *)root->name, "RDF")) {
    items = root; /* RSS 1.0: items are the root's children */
  } else {
    rc = pl_error_set(err, PL_EINPUT, job->name,
                      "not an RSS or Atom feed (root element <%s>)",
                      root ? (const char *)root->name : "none");
    goto done;
  }
  if (w.rc) {
    rc = expansion_error(job, err);
    goto done;
  }
  size_t no = 0;
  for (const xmlNode *c = items ? items->children : NULL; c && rc >= 0;
       c = c->next) {
    if (!is(c, atom ? "entry" : "item"))
      continue;
    rc =
        read_item(job, &w, c, atom, ++no, feed_lang[0] ? feed_lang : NULL, err);
  }
  if (rc >= 0 && !no)
    rc = pl_error_set(err, PL_EINPUT, job->name, "the feed has no items");
done:
  xmlFreeDoc(doc);
  return rc;
}

const pl_reader pl_reader_feed = {"feed", feed_sniff, feed_read, NULL};
