/* The HTML reader: libxml2's forgiving HTML parser, the article block
 * (<article>, <main>, or the element with the most paragraph text), and the
 * metadata pages carry (Open Graph, <meta> dates, JSON-LD, <time>, <html
 * lang>, canonical links). Never touches the network or the file system. */
#include "reader.h"

#include "buf.h"

#include <parley/when.h>

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#define HTML_OPTIONS                                                           \
  (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |              \
   HTML_PARSE_RECOVER | HTML_PARSE_COMPACT)

/* An <article> with less text than this is a teaser, not the article. */
#define MIN_ARTICLE_TEXT 200

static int name_is(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && n->name &&
         !strcmp((const char *)n->name, name);
}

static int in_list(const xmlNode *n, const char *const *names) {
  if (n->type != XML_ELEMENT_NODE || !n->name)
    return 0;
  for (; *names; names++)
    if (!strcmp((const char *)n->name, *names))
      return 1;
  return 0;
}

/* Elements whose text is never article text. */
static const char *const skipped[] = {
    "script", "style",  "noscript", "nav",    "aside",  "header",
    "footer", "form",   "button",   "select", "option", "template",
    "iframe", "svg",    "object",   "embed",  "head",   "textarea",
    "canvas", "dialog", "menu",     "audio",  "video",  NULL};

/* Elements that end a paragraph. */
static const char *const blocks[] = {
    "p",       "div",   "h1",         "h2",      "h3",      "h4",
    "h5",      "h6",    "li",         "ul",      "ol",      "dl",
    "dt",      "dd",    "blockquote", "pre",     "section", "article",
    "main",    "table", "tr",         "caption", "figure",  "figcaption",
    "address", "hr",    "details",    "summary", "center",  "body",
    NULL};

static int skip_node(const xmlNode *n) {
  return n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
         n->type == XML_DTD_NODE || in_list(n, skipped);
}

static void silent_generic(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr error) {
  (void)ctx;
  (void)error;
}

void pl_xml__quiet_begin(pl_xml_quiet *q) {
  q->generic = (void (*)(void))xmlGenericError;
  q->generic_ctx = xmlGenericErrorContext;
  q->structured = (void (*)(void))xmlStructuredError;
  q->structured_ctx = xmlStructuredErrorContext;
  xmlSetGenericErrorFunc(NULL, silent_generic);
  xmlSetStructuredErrorFunc(NULL, silent_structured);
}

void pl_xml__quiet_end(const pl_xml_quiet *q) {
  xmlSetGenericErrorFunc(q->generic_ctx, (xmlGenericErrorFunc)q->generic);
  xmlSetStructuredErrorFunc(q->structured_ctx,
                            (xmlStructuredErrorFunc)q->structured);
}

/* ---- text rendering ---------------------------------------------------- */

enum { GAP_NONE, GAP_SPACE, GAP_LINE, GAP_PARA };

typedef struct text_out {
  pl_buf b; /* the text so far */
  int gap;  /* what separates the next text from what came before */
  int rc;   /* PL_ENOMEM after a failed append */
} text_out;

static void gap_at_least(text_out *t, int gap) {
  if (t->gap < gap)
    t->gap = gap;
}

static void put_text(text_out *t, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p && !t->rc) {
    if (isspace(*p) || (p[0] == 0xC2 && p[1] == 0xA0)) {
      gap_at_least(t, GAP_SPACE);
      p += *p == 0xC2 ? 2 : 1;
      continue;
    }
    const unsigned char *run = p;
    while (*p && !isspace(*p) && !(p[0] == 0xC2 && p[1] == 0xA0))
      p++;
    if (t->b.len) {
      static const char *const seps[] = {"", " ", "\n", "\n\n"};
      if (t->gap && pl_buf_puts(&t->b, seps[t->gap]) < 0)
        t->rc = PL_ENOMEM;
    }
    t->gap = GAP_NONE;
    if (pl_buf_append(&t->b, run, (size_t)(p - run)) < 0)
      t->rc = PL_ENOMEM;
  }
}

static void render(text_out *t, const xmlNode *n, int depth);

/* Renders n alone (not its siblings). */
static void render_node(text_out *t, const xmlNode *n, int depth) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (n->content)
      put_text(t, (const char *)n->content);
    return;
  }
  if (n->type != XML_ELEMENT_NODE || skip_node(n))
    return;
  if (name_is(n, "br")) {
    t->gap = t->gap >= GAP_LINE ? GAP_PARA : GAP_LINE;
    return;
  }
  int block = in_list(n, blocks);
  if (block)
    gap_at_least(t, GAP_PARA);
  else if (name_is(n, "td") || name_is(n, "th"))
    gap_at_least(t, GAP_SPACE);
  if (depth < 256)
    render(t, n->children, depth + 1);
  if (block)
    gap_at_least(t, GAP_PARA);
}

/* Renders n and its following siblings. */
static void render(text_out *t, const xmlNode *n, int depth) {
  for (; n && !t->rc; n = n->next)
    render_node(t, n, depth);
}

/* Bytes of visible text under n (skipped elements left out); links count
 * only when with_links. */
static size_t text_len(const xmlNode *n, int with_links, int depth) {
  size_t len = 0;
  for (; n; n = n->next) {
    if (n->type == XML_TEXT_NODE && n->content) {
      for (const xmlChar *c = n->content; *c; c++)
        if (!isspace(*c))
          len++;
    } else if (n->type == XML_ELEMENT_NODE && !skip_node(n) && depth < 256 &&
               (with_links || !name_is(n, "a")))
      len += text_len(n->children, with_links, depth + 1);
  }
  return len;
}

/* ---- finding the article block ---------------------------------------- */

typedef struct best {
  const xmlNode *node; /* the best so far */
  size_t score;        /* its score */
} best;

/* Collects the largest <article> (by text) and the first <main>. */
static void find_landmarks(const xmlNode *n, best *article, best *main_el,
                           int depth) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || skip_node(n) || depth > 256)
      continue;
    if (name_is(n, "article")) {
      size_t len = text_len(n->children, 0, 0);
      if (len > article->score) {
        article->node = n;
        article->score = len;
      }
    } else if (name_is(n, "main") && !main_el->node) {
      main_el->node = n;
      main_el->score = text_len(n->children, 0, 0);
    }
    find_landmarks(n->children, article, main_el, depth + 1);
  }
}

/* The densest block: the element whose own paragraphs (child <p>, and text
 * directly in it, link text left out) hold the most text. */
static void find_dense(const xmlNode *n, best *b, int depth) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || skip_node(n) || depth > 256)
      continue;
    size_t score = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (name_is(c, "p") || name_is(c, "blockquote") || name_is(c, "pre"))
        score += text_len(c->children, 0, 0);
      else if (c->type == XML_TEXT_NODE && c->content) {
        size_t own = 0; /* loose text, as in pages that use <br> */
        for (const xmlChar *t = c->content; *t; t++)
          own += !isspace(*t);
        score += own > 40 ? own : 0;
      } else if (name_is(c, "h2") || name_is(c, "h3"))
        score += text_len(c->children, 0, 0) / 2;
    }
    if (score > b->score) {
      b->node = n;
      b->score = score;
    }
    find_dense(n->children, b, depth + 1);
  }
}

static const xmlNode *find_element(const xmlNode *n, const char *name,
                                   int depth) {
  for (; n; n = n->next) {
    if (name_is(n, name))
      return n;
    if (n->type == XML_ELEMENT_NODE && depth < 256) {
      const xmlNode *f = find_element(n->children, name, depth + 1);
      if (f)
        return f;
    }
  }
  return NULL;
}

/* ---- metadata --------------------------------------------------------- */

typedef struct meta {
  char *og_title;   /* og:title or twitter:title */
  char *title_el;   /* <title> */
  char *h1;         /* the first <h1> */
  char date[4][11]; /* by rank: article:published_time, meta names and
                       itemprop, JSON-LD, <time datetime> */
  char *lang;       /* <html lang>, content-language, og:locale */
  char *canonical;  /* <link rel=canonical> */
  char *og_url;     /* og:url */
} meta;

static char *prop(const xmlNode *n, const char *name) {
  return (char *)xmlGetProp((xmlNode *)n, (const xmlChar *)name);
}

static int ieq(const char *a, const char *b) {
  if (!a || !b)
    return 0;
  while (*a && *b && tolower((unsigned char)*a) == tolower((unsigned char)*b))
    a++, b++;
  return !*a && !*b;
}

/* Keeps value in *slot when the slot is empty and value is not blank;
 * else frees value. */
static void keep(char **slot, char *value) {
  if (value && !*slot && pl_read__squash(value)[0]) {
    *slot = value;
    return;
  }
  xmlFree(value);
}

static void keep_date(char slot[11], const char *value) {
  char d[11];
  if (!slot[0] && value && pl_date_parse(value, d) == 0)
    memcpy(slot, d, 11);
}

/* Meta names that carry a publication date. */
static const char *const date_names[] = {"date",
                                         "pubdate",
                                         "publishdate",
                                         "publish-date",
                                         "publish_date",
                                         "published_time",
                                         "dc.date",
                                         "dc.date.issued",
                                         "dc.date.created",
                                         "dcterms.date",
                                         "dcterms.issued",
                                         "dcterms.created",
                                         "sailthru.date",
                                         "parsely-pub-date",
                                         "article.published",
                                         "datepublished",
                                         "og:published_time",
                                         "original-publish-date",
                                         "article_date_original",
                                         "cxenseparse:recs:publishtime",
                                         NULL};

static void jsonld_date(meta *m, const char *s) {
  const char *p = s;
  while ((p = strstr(p, "\"datePublished\"")) != NULL) {
    p += 15;
    while (isspace((unsigned char)*p))
      p++;
    if (*p != ':')
      continue;
    p++;
    while (isspace((unsigned char)*p))
      p++;
    if (*p != '"')
      continue;
    const char *e = strchr(p + 1, '"');
    if (!e || e - p > 64)
      continue;
    char v[65];
    memcpy(v, p + 1, (size_t)(e - p - 1));
    v[e - p - 1] = '\0';
    keep_date(m->date[2], v);
    if (m->date[2][0])
      return;
  }
}

static void collect_meta(meta *m, const xmlNode *n, int depth) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || depth > 256)
      continue;
    const char *el = (const char *)n->name;
    if (!strcmp(el, "meta")) {
      char *name = prop(n, "name"), *property = prop(n, "property"),
           *itemprop = prop(n, "itemprop"), *equiv = prop(n, "http-equiv");
      char *content = prop(n, "content");
      const char *key = property ? property : name ? name : itemprop;
      if (content && key) {
        if (ieq(key, "og:title") || ieq(key, "twitter:title"))
          keep(&m->og_title, (char *)xmlStrdup((xmlChar *)content));
        else if (ieq(key, "article:published_time") ||
                 ieq(key, "og:article:published_time") ||
                 ieq(key, "article:published"))
          keep_date(m->date[0], content);
        else if (ieq(key, "og:url"))
          keep(&m->og_url, (char *)xmlStrdup((xmlChar *)content));
        else if (ieq(key, "og:locale") || ieq(key, "language") ||
                 ieq(key, "dc.language"))
          keep(&m->lang, (char *)xmlStrdup((xmlChar *)content));
        else
          for (const char *const *d = date_names; *d; d++)
            if (ieq(key, *d) || (itemprop && ieq(itemprop, *d)))
              keep_date(m->date[1], content);
      }
      if (content && equiv && ieq(equiv, "content-language"))
        keep(&m->lang, (char *)xmlStrdup((xmlChar *)content));
      xmlFree(name);
      xmlFree(property);
      xmlFree(itemprop);
      xmlFree(equiv);
      xmlFree(content);
    } else if (!strcmp(el, "link")) {
      char *rel = prop(n, "rel");
      if (rel && ieq(pl_read__squash(rel), "canonical"))
        keep(&m->canonical, prop(n, "href"));
      xmlFree(rel);
    } else if (!strcmp(el, "title") && !m->title_el) {
      text_out t = {{0}, 0, 0};
      for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content)
          put_text(&t, (const char *)c->content);
      if (t.b.data && t.b.len)
        m->title_el = pl_buf_take(&t.b);
      pl_buf_free(&t.b);
    } else if (!strcmp(el, "h1") && !m->h1) {
      text_out t = {{0}, 0, 0};
      render(&t, n->children, 0);
      if (t.b.data && t.b.len)
        m->h1 = pl_buf_take(&t.b);
      pl_buf_free(&t.b);
    } else if (!strcmp(el, "time") || n->properties) {
      char *itemprop = prop(n, "itemprop");
      if (itemprop && ieq(itemprop, "datePublished")) {
        char *v = prop(n, "datetime");
        if (!v)
          v = prop(n, "content");
        keep_date(m->date[1], v);
        xmlFree(v);
      }
      xmlFree(itemprop);
      if (!strcmp(el, "time")) {
        char *v = prop(n, "datetime");
        keep_date(m->date[3], v);
        xmlFree(v);
      }
    }
    if (!strcmp(el, "script")) {
      char *type = prop(n, "type");
      if (type && ieq(type, "application/ld+json") && !m->date[2][0])
        for (const xmlNode *c = n->children; c; c = c->next)
          if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
              c->content)
            jsonld_date(m, (const char *)c->content);
      xmlFree(type);
      continue;
    }
    if (!strcmp(el, "html")) {
      char *lang = prop(n, "lang");
      if (!lang)
        lang = prop(n, "xml:lang");
      /* <html lang> outranks the meta forms. */
      if (lang && pl_read__squash(lang)[0]) {
        xmlFree(m->lang);
        m->lang = lang;
      } else
        xmlFree(lang);
    }
    collect_meta(m, n->children, depth + 1);
  }
}

static void meta_free(meta *m) {
  xmlFree(m->og_title);
  free(m->title_el);
  free(m->h1);
  xmlFree(m->lang);
  xmlFree(m->canonical);
  xmlFree(m->og_url);
}

static char *dup_str(const char *s) {
  if (!s)
    return NULL;
  size_t n = strlen(s);
  char *p = malloc(n + 1);
  if (p)
    memcpy(p, s, n + 1);
  return p;
}

/* True when the first bytes declare a charset (<meta charset> or
 * http-equiv): libxml2 then decodes by the declaration. */
static int declares_charset(const char *data, size_t len) {
  size_t n = len < 4096 ? len : 4096;
  for (size_t i = 0; i + 8 <= n; i++)
    if (tolower((unsigned char)data[i]) == 'c' &&
        !strncmp(data + i + 1, "harset", 6) &&
        (data[i + 7] == '=' || isspace((unsigned char)data[i + 7])))
      return 1;
  return 0;
}

int pl_read__tame_attrs(const char *data, size_t len, char **out) {
  enum { TEXT, TAGNAME, SPACE, ATTR, AFTER_EQ, VALUE_Q, VALUE_U };
  int st = TEXT;
  char quote = 0;
  size_t nattrs = 0, blank_from = 0;
  char *copy = NULL;
  *out = NULL;
  for (size_t i = 0; i < len; i++) {
    char c = data[i];
    int ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (st == TEXT) {
      if (c == '<' && i + 1 < len &&
          isalpha((unsigned char)data[i + 1])) {
        st = TAGNAME;
        nattrs = 0;
        blank_from = 0;
      }
      continue;
    }
    if (c == '>' && st != VALUE_Q) {
      if (blank_from) {
        if (!copy) {
          if (!(copy = malloc(len + 1)))
            return PL_ENOMEM;
          memcpy(copy, data, len);
          copy[len] = '\0';
        }
        memset(copy + blank_from, ' ', i - blank_from);
      }
      st = TEXT;
      continue;
    }
    switch (st) {
    case TAGNAME:
      if (ws)
        st = SPACE;
      break;
    case SPACE:
      if (c == '=')
        st = AFTER_EQ;
      else if (!ws) {
        st = ATTR;
        if (++nattrs > PL_MAX_ATTRS && !blank_from)
          blank_from = i;
      }
      break;
    case ATTR:
      if (ws)
        st = SPACE;
      else if (c == '=')
        st = AFTER_EQ;
      break;
    case AFTER_EQ:
      if (c == '"' || c == '\'') {
        quote = c;
        st = VALUE_Q;
      } else if (!ws)
        st = VALUE_U;
      break;
    case VALUE_Q:
      if (c == quote)
        st = SPACE;
      break;
    case VALUE_U:
      if (ws)
        st = SPACE;
      break;
    }
  }
  *out = copy;
  return 0;
}

int pl_html__extract(pl_read_job *job, const char *data, size_t len,
                     const char *encoding, int whole, pl_doc *doc,
                     pl_error *err) {
  char *decoded = NULL;
  size_t dlen = 0;
  int rc = 0;
  const unsigned char *u = (const unsigned char *)data;
  int bom = len >= 2 &&
            ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) ||
             (len >= 3 && u[0] == 0xEF && u[1] == 0xBB));
  if (!encoding &&
      (job->opts->encoding || (!bom && !declares_charset(data, len)))) {
    /* Ours to decode: forced, UTF-8, or a legacy encoding guessed. */
    if ((rc = pl_text__decode(job, data, len, 1, &decoded, &dlen, err)) < 0)
      return rc;
    data = decoded;
    len = dlen;
    encoding = "UTF-8";
  }
  if (len > INT_MAX) {
    free(decoded);
    return pl_error_set(err, PL_ETOOBIG, job->name, "page too large to parse");
  }
  char *tamed = NULL;
  if (pl_read__tame_attrs(data, len, &tamed) < 0) {
    free(decoded);
    return pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
  }
  if (tamed) {
    free(decoded);
    data = decoded = tamed;
  }
  pl_xml_quiet q;
  pl_xml__quiet_begin(&q);
  htmlDocPtr hd = htmlReadMemory(data, (int)len, NULL, encoding, HTML_OPTIONS);
  pl_xml__quiet_end(&q);
  if (!hd) {
    free(decoded);
    return pl_error_set(err, PL_EINPUT, job->name, "cannot parse the HTML");
  }
  const xmlNode *root = xmlDocGetRootElement(hd);
  const xmlNode *body = root ? find_element(root, "body", 0) : NULL;
  const xmlNode *pick = body ? body : root;
  if (!whole && root) {
    best article = {NULL, 0}, main_el = {NULL, 0}, dense = {NULL, 0};
    find_landmarks(root, &article, &main_el, 0);
    if (article.node && article.score >= MIN_ARTICLE_TEXT)
      pick = article.node;
    else if (main_el.node && main_el.score >= MIN_ARTICLE_TEXT)
      pick = main_el.node;
    else {
      find_dense(root, &dense, 0);
      if (dense.node && dense.score >= MIN_ARTICLE_TEXT / 2)
        pick = dense.node;
      else if (article.node)
        pick = article.node;
      else if (main_el.node)
        pick = main_el.node;
    }
  }
  text_out t = {{0}, 0, 0};
  if (pick)
    render_node(&t, pick, 0);
  if (t.rc < 0 || !(doc->body = pl_buf_take(&t.b))) {
    pl_buf_free(&t.b);
    rc = pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
    goto done;
  }
  doc->body_len = strlen(doc->body);
  if (!whole && root) {
    meta m;
    memset(&m, 0, sizeof m);
    collect_meta(&m, root, 0);
    if (!doc->title) {
      const char *title = m.og_title   ? m.og_title
                          : m.title_el ? m.title_el
                                       : m.h1;
      doc->title = dup_str(title);
    }
    for (int i = 0; i < 4 && !doc->published[0]; i++)
      if (m.date[i][0])
        memcpy(doc->published, m.date[i], 11);
    if (!doc->url)
      doc->url = dup_str(m.canonical ? m.canonical : m.og_url);
    char code[8];
    if (!doc->lang[0] && m.lang && pl_read__lang_code(m.lang, code))
      memcpy(doc->lang, code, sizeof doc->lang);
    meta_free(&m);
  }
done:
  xmlFreeDoc(hd);
  free(decoded);
  return rc;
}

static int html_sniff(const char *name, const char *head, size_t len) {
  if (pl_read__has_ext(name, ".html") || pl_read__has_ext(name, ".htm") ||
      pl_read__has_ext(name, ".xhtml"))
    return PL_SNIFF_EXT;
  /* Skip a BOM, white space and comments ("<!-- saved from url=... -->"),
   * then look for a doctype or a tag. */
  size_t i = 0;
  if (len >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3))
    i = 3;
  for (;;) {
    while (i < len && isspace((unsigned char)head[i]))
      i++;
    if (len - i >= 4 && !memcmp(head + i, "<!--", 4)) {
      size_t k = i + 4;
      while (k + 3 <= len && memcmp(head + k, "-->", 3))
        k++;
      if (k + 3 > len)
        return PL_SNIFF_NO;
      i = k + 3;
      continue;
    }
    break;
  }
  static const char *const starts[] = {
      "<!doctype html", "<html", "<head", "<body", "<meta", "<title", NULL};
  for (const char *const *s = starts; *s; s++)
    if (pl_read__find(head + i, strlen(*s) <= len - i ? strlen(*s) : 0, *s))
      return PL_SNIFF_CONTENT;
  /* An XML-declared XHTML page. */
  if (len - i >= 5 && !memcmp(head + i, "<?xml", 5) &&
      (pl_read__find(head + i, len - i, "<html") ||
       pl_read__find(head + i, len - i, "<!doctype html")))
    return PL_SNIFF_CONTENT;
  return PL_SNIFF_NO;
}

static int html_read(pl_read_job *job, const char *data, size_t len,
                     pl_error *err) {
  pl_doc doc = {0};
  int rc = pl_html__extract(job, data, len, NULL, 0, &doc, err);
  /* libxml2 passes invalid bytes through: U+FFFD for each. */
  if (rc == 0 && (pl_text__repair_utf8(&doc.body, &doc.body_len) < 0 ||
                  pl_text__repair_utf8(&doc.title, NULL) < 0 ||
                  pl_text__repair_utf8(&doc.url, NULL) < 0))
    rc = pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
  if (rc == 0) {
    rc = pl_read__emit(job, &doc, err);
    if (rc == 1)
      rc = pl_error_set(err, PL_EINPUT, job->name,
                        "no article text found in the page");
  }
  pl_doc_clear(&doc);
  return rc;
}

const pl_reader pl_reader_html = {"html", html_sniff, html_read, NULL};
