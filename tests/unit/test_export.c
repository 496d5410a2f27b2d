/* Exporters over memory views: exact output for a small graph in every text
 * format (tests/golden/export/three.*), and a view of nasty names (quotes,
 * backslashes, newlines, markup, bidi controls, control characters, invalid
 * UTF-8) that must come out as valid DOT, XML and JSON with the Arabic
 * intact. `test_export --dump DIR` writes every export of both views to DIR
 * for the interop script (tests/golden/export_interop.sh) and for
 * regenerating the golden files after a deliberate change. */
#include <parley/export.h>

#include "harness.h"

#include <graphviz/cgraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdlib.h>
#include <string.h>

static const char *const arabic = "\xD8\xB3\xD8\xAA\xD9\x8A\xD9\x81\xD8\xA7"
                                  "\xD9\x86 \xD8\xAF\xD9\x8A \xD9\x85\xD9\x8A"
                                  "\xD8\xB3\xD8\xAA\xD9\x88\xD8\xB1\xD8\xA7";
/* ستيفان دي ميستورا */
static const char *const turkey = "\xD8\xAA\xD8\xB1\xD9\x83\xD9\x8A\xD8\xA7";
/* تركيا */

/* The small graph: a person and a state at a meeting of round 11 of the
 * Astana process, the person's part told by two reports. */
static pl_view *three(void) {
  pl_view *v = pl_view_mem_new();
  const pl_vevidence reports[2] = {
      {.sentence = "De Mistura attended the talks.",
       .doc = "d1",
       .source = "doc1",
       .title = "Astana talks open",
       .published = "2018-11-28"},
      {.sentence = "\xD8\xAD\xD8\xB6\xD8\xB1 \xD8\xAF\xD9\x8A "
                   "\xD9\x85\xD9\x8A\xD8\xB3\xD8\xAA\xD9\x88\xD8\xB1\xD8\xA7.",
       .doc = "d2",
       .source = "doc2"}};
  pl_vnode n1 = {.id = "n1",
                 .type = "person",
                 .label = arabic,
                 .label_en = "Staffan de Mistura",
                 .date_from = "2016-01-29",
                 .count = 12};
  pl_vnode n2 = {.id = "n2",
                 .type = "meeting",
                 .label = "Astana 11",
                 .label_en = "Astana 11",
                 .date_from = "2018-11-28",
                 .date_to = "2018-11-29",
                 .kind = "talks",
                 .place = "Astana",
                 .round = "11",
                 .count = 3,
                 .process = "Astana",
                 .precision = 1,
                 .status = "held",
                 .date_text = "28-29 November"};
  pl_vnode n3 = {.id = "n3",
                 .type = "state",
                 .label = turkey,
                 .label_en = "Turkey",
                 .count = 5};
  pl_vedge e1 = {.id = "e1",
                 .src = "n1",
                 .dst = "n2",
                 .type = "participates_in",
                 .date_from = "2018-11-28",
                 .date_to = "2018-11-29",
                 .weight = 1,
                 .evidence = "De Mistura attended the talks.",
                 .source = "doc1",
                 .evidence_all = reports,
                 .nevidence = 2};
  pl_vedge e2 = {.id = "e2",
                 .src = "n3",
                 .dst = "n2",
                 .type = "participates_in",
                 .label = "guarantor",
                 .date_from = "2018-11-28",
                 .weight = 2};
  if (!v || pl_view_mem_add_node(v, &n1) || pl_view_mem_add_node(v, &n2) ||
      pl_view_mem_add_node(v, &n3) || pl_view_mem_add_edge(v, &e1) ||
      pl_view_mem_add_edge(v, &e2)) {
    fprintf(stderr, "cannot build the view\n");
    exit(1);
  }
  return v;
}

/* Names that break naive writers. */
static const char *const nasty_names[] = {
    "say \"hi\"",                 /* quotes */
    "back\\slash and trailing\\", /* backslashes, one at the end */
    "line\none\\nnot\\lleft\\N",  /* a newline and Graphviz escapes */
    "<b>&amp; ]; {x} -> --",      /* markup and DOT punctuation */
    "\xE2\x80\xAB\xD8\xAA\xD8\xB1\xD9\x83\xD9\x8A\xD8\xA7\xE2\x80\xAC "
    "\xE2\x81\xA7x\xE2\x81\xA9\xE2\x80\x8F", /* RLE تركيا PDF, RLI x PDI RLM */
    "ctl\x01\x1B\x7F bad\xFF\xC0\xAF end", /* controls, invalid UTF-8 */
    NULL};

static pl_view *nasty(void) {
  pl_view *v = pl_view_mem_new();
  char id[32];
  int i;
  if (!v)
    exit(1);
  for (i = 0; nasty_names[i]; i++) {
    pl_vnode n = {.type = i % 2 ? "meeting" : "person",
                  .label = nasty_names[i],
                  .label_en = nasty_names[(i + 1) % 6],
                  .date_from = i % 2 ? "2018-11-2" : NULL,
                  .round = i % 2 ? "1\"2" : NULL,
                  .count = 1,
                  /* meetings: a nasty process, so nasty cluster names */
                  .process = i % 2 ? nasty_names[(i + 2) % 6] : NULL};
    /* ids are nasty too: a quote, a space, a backslash */
    snprintf(id, sizeof id, "n \"%d\\", i);
    n.id = id;
    if (i % 2) {
      char *d = malloc(16);
      snprintf(d, 16, "2018-11-2%d", i);
      n.date_from = d;
      if (pl_view_mem_add_node(v, &n))
        exit(1);
      free(d);
    } else if (pl_view_mem_add_node(v, &n)) {
      exit(1);
    }
  }
  for (i = 1; nasty_names[i]; i++) {
    char src[32], dst[32], eid[32];
    snprintf(src, sizeof src, "n \"%d\\", i - 1);
    snprintf(dst, sizeof dst, "n \"%d\\", i);
    snprintf(eid, sizeof eid, "e<%d>", i);
    pl_vedge e = {.id = eid,
                  .src = src,
                  .dst = dst,
                  .type = "met",
                  .label = nasty_names[i],
                  .date_from = "2018-11-28",
                  .weight = i,
                  .evidence = nasty_names[i - 1],
                  .source = "doc\\1"};
    if (pl_view_mem_add_edge(v, &e))
      exit(1);
  }
  return v;
}

/* Runs exporter name over v into a malloc'd string (NULL on failure). */
static char *run(const char *name, pl_view *v, const pl_export_opts *opts,
                 size_t *len) {
  const pl_exporter *x = pl_exporter_find(name);
  char *data = NULL;
  size_t n = 0;
  FILE *f;
  pl_error err = {0};
  int rc;
  if (!x)
    return NULL;
  f = open_memstream(&data, &n);
  if (!f)
    return NULL;
  rc = x->write(v, opts, f, &err);
  fclose(f);
  if (rc < 0) {
    fprintf(stderr, "%s: %s\n", name, err.msg);
    free(data);
    return NULL;
  }
  if (len)
    *len = n;
  return data;
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  char *data = NULL;
  size_t n = 0;
  FILE *m;
  int c;
  if (!f)
    return NULL;
  m = open_memstream(&data, &n);
  while ((c = getc(f)) != EOF)
    putc(c, m);
  fclose(m);
  fclose(f);
  return data;
}

/* Compares the export of three() with tests/golden/export/three.<ext>. */
static void golden(const char *name, const char *file,
                   const pl_export_opts *opts) {
  char path[512];
  const char *src = getenv("PARLEY_SRC");
  pl_view *v = three();
  char *got = run(name, v, opts, NULL);
  char *want;
  snprintf(path, sizeof path, "%s/tests/golden/export/%s", src ? src : "..",
           file);
  want = slurp(path);
  OK(got != NULL);
  OK(want != NULL);
  if (got && want && strcmp(got, want) != 0) {
    fprintf(stderr, "%s differs from %s; got:\n%s\n", name, path, got);
    STR_EQ(got, want);
  }
  /* deterministic: a second run gives the same bytes */
  if (got) {
    char *again = run(name, v, opts, NULL);
    STR_EQ(again, got);
    free(again);
  }
  free(got);
  free(want);
  pl_view_free(v);
}

static void test_table(void) {
  const char *names[] = {"dot", "graphml", "gexf", "json", "svg", "png"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    const pl_exporter *x = pl_exporter_find(names[i]);
    OK(x != NULL);
    if (x) {
      STR_EQ(x->name, names[i]);
      OK(x->summary && *x->summary);
    }
  }
  OK(pl_exporter_find("pdf") == NULL);
  OK(pl_exporter_find(NULL) == NULL);
  STR_EQ(pl_exporter_for_path("out/graph.graphml")->name, "graphml");
  STR_EQ(pl_exporter_for_path("G.GEXF")->name, "gexf");
  STR_EQ(pl_exporter_for_path("a.b/c.json")->name, "json");
  OK(pl_exporter_for_path("a.dot/graph") == NULL);
  OK(pl_exporter_for_path(".dot") == NULL);
  OK(pl_exporter_for_path("graph.txt") == NULL);
  int n = 0;
  for (const pl_exporter *x = pl_exporters(); x->name; x++)
    n++;
  INT_EQ(n, 6);
}

/* The DOT of the nasty view parses back, with each label as written. */
static void test_nasty_dot(void) {
  pl_view *v = nasty();
  char *dot = run("dot", v, NULL, NULL);
  OK(dot != NULL);
  if (!dot)
    return;
  OK(strstr(dot, "\xD8\xAA\xD8\xB1\xD9\x83\xD9\x8A\xD8\xA7") != NULL);
  OK(strchr(dot, '\x01') == NULL && strchr(dot, '\x1B') == NULL);
  OK(strstr(dot, "\xFF") == NULL);
  Agraph_t *g = agmemread(dot);
  OK(g != NULL);
  if (g) {
    INT_EQ(agnnodes(g), 6);
    INT_EQ(agnedges(g), 5);
    /* names keep their doubled backslash: "n \"0\" is read back as n "0\\ */
    Agnode_t *n = agnode(g, "n \"0\\\\", 0);
    OK(n != NULL);
    if (n)
      STR_EQ(agget(n, "label"),
             "say \"hi\"\\n(back\\\\slash and trailing\\\\)");
    n = agnode(g, "n \"2\\\\", 0);
    OK(n != NULL);
    if (n) /* the newline became a space; \n \l \N are literal text, and
              & is &amp; (Graphviz decodes entities in labels) */
      STR_EQ(agget(n, "label"),
             "line one\\\\nnot\\\\lleft\\\\N\\n(<b>&amp;amp; ]; {x} -> --)");
    n = agnode(g, "n \"5\\\\", 0);
    OK(n != NULL);
    if (n) /* controls dropped, bad bytes replaced */
      STR_EQ(agget(n, "label"),
             "ctl bad\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end\\n(say "
             "\"hi\")\\n2018-11-25");
    /* meetings sit in their round's cluster inside their process's */
    Agraph_t *p = agsubg(g, "cluster_process_<b>&amp;amp; ]; {x} -> --", 0);
    OK(p != NULL);
    if (p) {
      STR_EQ(agget(p, "label"), "<b>&amp;amp; ]; {x} -> --");
      Agraph_t *r =
          agsubg(p, "cluster_process_<b>&amp;amp; ]; {x} -> --_round_1\"2", 0);
      OK(r != NULL);
      if (r) {
        STR_EQ(agget(r, "label"),
               "<b>&amp;amp; ]; {x} -> -- \xE2\x80\x94 round 1\"2");
        OK(agnode(r, "n \"1\\\\", 0) != NULL);
      }
    }
    OK(strstr(agget(g, "comment"), "by process, then by round") != NULL);
    agclose(g);
  }
  free(dot);
  /* the timeline layout adds a date axis and still parses */
  pl_export_opts o = {"timeline", 0};
  dot = run("dot", v, &o, NULL);
  OK(dot && strstr(dot, "rankdir=LR") && strstr(dot, "newrank=true"));
  g = dot ? agmemread(dot) : NULL;
  OK(g != NULL);
  if (g) {
    INT_EQ(agnnodes(g), 6 + 3); /* three event dates */
    OK(agnode(g, "date 2018-11-21", 0) != NULL);
    OK(agnode(g, "date 2018-11-25", 0) != NULL);
    agclose(g);
  }
  free(dot);
  pl_view_free(v);
}

/* Counts the elements called name in the tree under n (n's siblings too). */
static int count_elements(xmlNodePtr n, const char *name) {
  int c = 0;
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
      c++;
    c += count_elements(n->children, name);
  }
  return c;
}

static void test_nasty_xml(const char *format, const char *node_el) {
  pl_view *v = nasty();
  size_t len = 0;
  char *xml = run(format, v, NULL, &len);
  OK(xml != NULL);
  if (!xml)
    return;
  OK(strstr(xml, "\xD8\xAA\xD8\xB1\xD9\x83\xD9\x8A\xD8\xA7") != NULL);
  xmlDocPtr doc =
      xmlReadMemory(xml, (int)len, "nasty.xml", NULL,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  OK(doc != NULL);
  if (doc) {
    xmlNodePtr root = xmlDocGetRootElement(doc);
    INT_EQ(count_elements(root, node_el), 6);
    INT_EQ(count_elements(root, "edge"), 5);
    xmlFreeDoc(doc);
  }
  free(xml);
  pl_view_free(v);
}

static void test_nasty_json(void) {
  pl_view *v = nasty();
  char *js = run("json", v, NULL, NULL);
  OK(js != NULL);
  if (js) {
    OK(strstr(js, "\"label\":\"say \\\"hi\\\"\"") != NULL);
    OK(strstr(js, "back\\\\slash and trailing\\\\\"") != NULL);
    OK(strstr(js, "line\\none") != NULL);
    OK(strstr(js, "\xD8\xAA\xD8\xB1\xD9\x83\xD9\x8A\xD8\xA7") != NULL);
    OK(strchr(js, '\x01') == NULL && strstr(js, "\xFF") == NULL);
  }
  free(js);
  pl_view_free(v);
}

/* Arabic names appear as real UTF-8 (not character references) everywhere. */
static void test_arabic(void) {
  const char *fmts[] = {"dot", "graphml", "gexf", "json", "svg"};
  for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
    pl_view *v = three();
    char *out = run(fmts[i], v, NULL, NULL);
    OK(out != NULL);
    if (out) {
      if (!strstr(out, arabic))
        fprintf(stderr, "%s: no raw Arabic\n", fmts[i]);
      OK(strstr(out, arabic) != NULL);
      OK(strstr(out, "&#x") == NULL && strstr(out, "&#1") == NULL);
    }
    free(out);
    pl_view_free(v);
  }
}

static void test_svg(void) {
  pl_view *v = three();
  char *svg = run("svg", v, NULL, NULL);
  OK(svg && strstr(svg, "<svg") && strstr(svg, "</svg>"));
  if (svg) {
    char *again = run("svg", v, NULL, NULL); /* a second context is fine */
    STR_EQ(again, svg);
    free(again);
  }
  free(svg);
  pl_export_opts o = {.layout = "timeline"};
  svg = run("svg", v, &o, NULL);
  OK(svg && strstr(svg, "2018&#45;11&#45;28")); /* Graphviz escapes '-' */
  free(svg);
  o.layout = "sfdp";
  svg = run("svg", v, &o, NULL);
  OK(svg && strstr(svg, "</svg>"));
  free(svg);
  o.layout = "circo";
  OK(run("svg", v, &o, NULL) == NULL); /* unknown layout fails */
  pl_view_free(v);
}

/* png: drawn through the one pango context of the process, so a second
 * and third render (with svg contexts made and freed between them) work
 * and give the same bytes; with Graphviz's pango plugin missing it fails
 * with a message that says so. The picture itself is compared with `dot
 * -Tpng` in tests/golden/export_interop.sh. */
static void test_png(void) {
  pl_view *v = three();
  size_t len = 0, len2 = 0;
  pl_error err = {0};
  char *png = run("png", v, NULL, &len);
  if (!png) {
    FILE *f = fopen("/dev/null", "w");
    INT_EQ(pl_exporter_find("png")->write(v, NULL, f, &err), PL_ENOTFOUND);
    OK(strstr(err.msg, "pango") != NULL);
    fclose(f);
    fprintf(stderr, "SKIP png: no pango plugin\n");
    pl_view_free(v);
    return;
  }
  OK(len > 8 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
  free(run("svg", v, NULL, NULL));
  char *again = run("png", v, NULL, &len2);
  OK(again && len2 == len && memcmp(again, png, len) == 0);
  free(again);
  pl_export_opts o = {.layout = "timeline"};
  again = run("png", v, &o, &len2);
  OK(again && len2 > 8 && memcmp(again, "\x89PNG", 4) == 0);
  free(again);
  pl_view *n = nasty(); /* bidi controls and bad bytes draw too */
  again = run("png", n, NULL, &len2);
  OK(again && len2 > 8);
  free(again);
  pl_view_free(n);
  free(png);
  pl_view_free(v);
}

/* The memory view copies every field, evidence_all included: the caller's
 * strings and array may go away. */
static void test_mem_copy(void) {
  pl_view *v = pl_view_mem_new();
  char *s[8];
  const char *text[8] = {"Astana", "held", "on Wednesday", "It met.",
                         "d9",     "SANA", "A title",      "2018-11-28"};
  for (int i = 0; i < 8; i++)
    s[i] = strcpy(malloc(strlen(text[i]) + 1), text[i]);
  pl_vevidence *ev = calloc(2, sizeof *ev);
  ev[0] = (pl_vevidence){.sentence = s[3],
                         .doc = s[4],
                         .source = s[5],
                         .title = s[6],
                         .published = s[7]};
  ev[1] = (pl_vevidence){.sentence = s[3], .doc = s[4]};
  pl_vnode n = {.id = "m",
                .type = "meeting",
                .process = s[0],
                .precision = 2,
                .status = s[1],
                .date_text = s[2]};
  pl_vnode a = {.id = "a", .type = "state"};
  pl_vedge e = {.id = "e",
                .src = "a",
                .dst = "m",
                .type = "participates_in",
                .weight = 2,
                .evidence_all = ev,
                .nevidence = 2};
  INT_EQ(pl_view_mem_add_node(v, &n), 0);
  INT_EQ(pl_view_mem_add_node(v, &a), 0);
  INT_EQ(pl_view_mem_add_edge(v, &e), 0);
  for (int i = 0; i < 8; i++) {
    memset(s[i], 'x', strlen(s[i]));
    free(s[i]);
  }
  memset(ev, 0, 2 * sizeof *ev);
  free(ev);
  pl_vnode got;
  pl_vedge ge;
  pl_error err = {0};
  INT_EQ(pl_view_next_node(v, &got, &err), 1);
  STR_EQ(got.process, "Astana");
  STR_EQ(got.status, "held");
  STR_EQ(got.date_text, "on Wednesday");
  INT_EQ(got.precision, 2);
  INT_EQ(pl_view_next_node(v, &got, &err), 1);
  OK(got.process == NULL && got.status == NULL && got.date_text == NULL);
  INT_EQ(pl_view_next_edge(v, &ge, &err), 1);
  INT_EQ(ge.nevidence, 2);
  if (ge.nevidence == 2) {
    STR_EQ(ge.evidence_all[0].sentence, "It met.");
    STR_EQ(ge.evidence_all[0].doc, "d9");
    STR_EQ(ge.evidence_all[0].source, "SANA");
    STR_EQ(ge.evidence_all[0].title, "A title");
    STR_EQ(ge.evidence_all[0].published, "2018-11-28");
    STR_EQ(ge.evidence_all[1].doc, "d9");
    OK(ge.evidence_all[1].source == NULL && ge.evidence_all[1].title == NULL);
  }
  pl_view_free(v);
}

/* An edge naming a node the view lacks fails DOT with PL_EINPUT. */
static void test_dangling(void) {
  pl_view *v = pl_view_mem_new();
  pl_vnode n = {
      .id = "a", .type = "person", .label = "A", .label_en = "A", .count = 1};
  pl_vedge e = {.id = "e", .src = "a", .dst = "zz", .type = "met", .weight = 1};
  pl_error err = {0};
  FILE *f = fopen("/dev/null", "w");
  pl_view_mem_add_node(v, &n);
  pl_view_mem_add_edge(v, &e);
  INT_EQ(pl_exporter_find("dot")->write(v, NULL, f, &err), PL_EINPUT);
  OK(strstr(err.msg, "zz") != NULL);
  fclose(f);
  pl_view_free(v);
}

static int dump(const char *dir) {
  static const char *exts[] = {"dot", "graphml", "gexf", "json", "svg", "png"};
  for (int which = 0; which < 2; which++) {
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
      for (int variant = 0; variant < 2; variant++) {
        pl_export_opts o = {NULL, 0};
        char path[512];
        const char *tag = "";
        if (variant && !strcmp(exts[i], "graphml"))
          o.yed = 1, tag = "-yed";
        else if (variant &&
                 (!strcmp(exts[i], "dot") || !strcmp(exts[i], "svg") ||
                  !strcmp(exts[i], "png")))
          o.layout = "timeline", tag = "-timeline";
        else if (variant)
          continue;
        pl_view *v = which ? nasty() : three();
        size_t len = 0;
        char *out = run(exts[i], v, &o, &len);
        snprintf(path, sizeof path, "%s/%s%s.%s", dir,
                 which ? "nasty" : "three", tag, exts[i]);
        FILE *f = fopen(path, "wb");
        if (!out || !f || fwrite(out, 1, len, f) != len) {
          fprintf(stderr, "cannot write %s\n", path);
          return 1;
        }
        fclose(f);
        free(out);
        pl_view_free(v);
      }
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[1], "--dump"))
    return dump(argv[2]);
  test_table();
  test_mem_copy();
  golden("dot", "three.dot", NULL);
  {
    pl_export_opts o = {"timeline", 0};
    golden("dot", "three-timeline.dot", &o);
  }
  golden("graphml", "three.graphml", NULL);
  {
    pl_export_opts o = {NULL, 1};
    golden("graphml", "three-yed.graphml", &o);
  }
  golden("gexf", "three.gexf", NULL);
  golden("json", "three.json", NULL);
  test_nasty_dot();
  test_nasty_xml("graphml", "node");
  test_nasty_xml("gexf", "node");
  test_nasty_json();
  test_arabic();
  test_svg();
  test_png();
  test_dangling();
  xmlCleanupParser();
  return HARNESS_DONE();
}
