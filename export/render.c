/* svg and png: the DOT graph laid out and drawn in-process by Graphviz's gvc.
 * Plugins are registered directly (gvContextPlugins) instead of read from
 * Graphviz's config, so nothing is loaded behind parley's back: dot and
 * neato layouts and the core renderers, opened from Graphviz's plugin
 * folder on the first render.
 *
 * svg uses a fresh core-only context per call: core measures text from
 * built-in font metrics, so the output is deterministic and needs no fonts
 * (the viewer shapes Arabic when it draws the SVG).
 *
 * png needs a rasteriser that shapes Arabic (joins letters, runs right to
 * left). The gd plugin does not (libgd is built without raqm: Arabic labels
 * come out empty or as isolated letters), so png uses Graphviz's pango
 * plugin (cairo renderer, pango/harfbuzz text layout), opened at run time
 * from Graphviz's plugin folder. That plugin keeps, in static variables,
 * pointers into the first context's font table: a second context in the
 * same process reads them after the first one freed them (heap
 * use-after-free, seen under ASan). So png renders through ONE context per
 * process, created on first use and kept (never freed), and the plugin is
 * never unloaded. What it keeps is fontconfig's cache, about 200 KB once,
 * not growing with the number of renders. */
#include "export_int.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <dlfcn.h>
#include <limits.h>
#include <string.h>

/* The layout and core plugins, opened on the first render (see
 * open_plugins): linking them would load them, and GLib, GTS and PCRE
 * behind neato, into every run of every command, a third of parley's
 * start-up. */
static lt_symlist_t core_symbols[] = {
    {"gvplugin_dot_layout_LTX_library", NULL},
    {"gvplugin_neato_layout_LTX_library", NULL},
    {"gvplugin_core_LTX_library", NULL},
    {NULL, NULL}};

/* The same, plus pango's. The pango library must be in the list given to
 * gvContextPlugins: added later with gvAddLibrary, its text layout is
 * never selected and cairo draws no text. */
static lt_symlist_t pango_symbols[] = {
    {"gvplugin_dot_layout_LTX_library", NULL},
    {"gvplugin_neato_layout_LTX_library", NULL},
    {"gvplugin_core_LTX_library", NULL},
    {"gvplugin_pango_LTX_library", NULL},
    {NULL, NULL}};

/* The one png context of the process (see the top of the file): created on
 * the first png render, kept until exit. Graphviz is not thread-safe, nor
 * is this. */
static GVC_t *png_gvc;

/* Views above this many nodes are laid out with sfdp unless a layout is
 * asked for: dot's time explodes with size. */
enum { DOT_MAX_NODES = 200 };

/* The last message Graphviz reported, kept instead of printed (the library
 * never prints). */
static char gv_msg[200];

static int quiet(char *msg) {
  size_t n;
  if (!msg)
    return 0;
  while (*msg == ' ')
    msg++;
  if (!*msg)
    return 0;
  snprintf(gv_msg, sizeof gv_msg, "%s", msg);
  n = strlen(gv_msg);
  while (n && (gv_msg[n - 1] == '\n' || gv_msg[n - 1] == ' '))
    gv_msg[--n] = '\0';
  return 0;
}

/* The layout engine for opts and the view's size, or NULL when the layout
 * is unknown. */
static const char *engine_for(const pl_export_opts *opts, size_t nnodes) {
  const char *l = opts ? opts->layout : NULL;
  if (!l || !*l)
    return nnodes > DOT_MAX_NODES ? "sfdp" : "dot";
  if (!strcmp(l, "timeline"))
    return "dot";
  if (!strcmp(l, "dot") || !strcmp(l, "neato") || !strcmp(l, "sfdp"))
    return l;
  return NULL;
}

/* Opens Graphviz plugin so and returns its library record sym, or NULL:
 * by name (parley's rpath names Graphviz's plugin folder), else from that
 * folder as found at build time (a sanitizer's dlopen interceptor hides
 * the caller's rpath). RTLD_NODELETE: plugins register GLib types and keep
 * static state, so they must never be unloaded. */
static gvplugin_library_t *open_plugin(const char *so, const char *sym) {
  void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!h) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", PARLEY_GV_PLUGIN_DIR, so);
    h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  }
  return h ? dlsym(h, sym) : NULL;
}

/* Fills the layout and core plugins' records into both symbol lists, once.
 * Returns 0 or PL_ENOTFOUND. */
static int open_plugins(pl_error *err) {
  static const char *const so[3] = {"libgvplugin_dot_layout.so.6",
                                    "libgvplugin_neato_layout.so.6",
                                    "libgvplugin_core.so.6"};
  for (int i = 0; i < 3; i++) {
    if (core_symbols[i].address)
      continue;
    void *lib = open_plugin(so[i], core_symbols[i].name);
    if (!lib)
      return pl_error_set(err, PL_ENOTFOUND, NULL,
                          "svg and png need Graphviz's plugin %s (Debian "
                          "package libgvc6), which cannot be opened: %s",
                          so[i], dlerror());
    core_symbols[i].address = lib;
    pango_symbols[i].address = lib;
  }
  return 0;
}

/* Sets *out to the process's png context, made on first use. Returns 0,
 * PL_ENOTFOUND (no pango plugin) or PL_ENOMEM. */
static int png_context(GVC_t **out, pl_error *err) {
  gvplugin_library_t *lib;
  *out = png_gvc;
  if (png_gvc)
    return 0;
  lib = open_plugin("libgvplugin_pango.so.6", "gvplugin_pango_LTX_library");
  if (!lib)
    return pl_error_set(err, PL_ENOTFOUND, NULL,
                        "png needs Graphviz's pango plugin "
                        "(libgvplugin_pango.so.6, Debian package libgvc6), "
                        "which is not installed; export svg instead");
  pango_symbols[3].address = lib;
  png_gvc = gvContextPlugins(pango_symbols, 0);
  if (!png_gvc)
    return pl_error_set(err, PL_ENOMEM, NULL, "cannot start Graphviz");
  *out = png_gvc;
  return 0;
}

static int render(pl_view *view, const pl_export_opts *opts, FILE *out,
                  const char *format, pl_error *err) {
  Agraph_t *g = NULL;
  GVC_t *gvc = NULL;
  int png = !strcmp(format, "png");
  size_t nnodes = 0;
  const char *engine;
  int laid = 0, rc;
  agusererrf old = agseterrf(quiet);
  agerrlevel_t oldlevel = agseterr(AGMAX); /* warnings stay silent */
  gv_msg[0] = '\0';
  if ((rc = pl_export__dot_graph(view, opts, &g, &nnodes, err)) < 0)
    goto done;
  engine = engine_for(opts, nnodes);
  if (!engine) {
    rc =
        pl_error_set(err, PL_EUSAGE, NULL, "unknown layout '%s'", opts->layout);
    goto done;
  }
  if ((rc = open_plugins(err)) < 0)
    goto done;
  if (png) {
    if ((rc = png_context(&gvc, err)) < 0)
      goto done;
  } else if (!(gvc = gvContextPlugins(core_symbols, 0))) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "cannot start Graphviz");
    goto done;
  }
  if (gvLayout(gvc, g, engine) != 0) {
    rc = pl_error_set(err, PL_EINPUT, NULL,
                      "graphviz could not lay out the "
                      "graph with %s%s%s",
                      engine, gv_msg[0] ? ": " : "", gv_msg);
    goto done;
  }
  laid = 1;
  /* "png:cairo": cairo draws the text pango shaped */
  if (gvRender(gvc, g, png ? "png:cairo" : format, out) != 0) {
    rc = pl_error_set(err, PL_EIO, NULL, "graphviz could not render %s%s%s",
                      format, gv_msg[0] ? ": " : "", gv_msg);
    goto done;
  }
  if (fflush(out) != 0 || ferror(out))
    rc = pl_error_set(err, PL_EIO, NULL, "cannot write the %s output", format);
done:
  if (laid)
    gvFreeLayout(gvc, g);
  if (g)
    agclose(g);
  if (gvc && !png)
    gvFreeContext(gvc);
  agseterr(oldlevel);
  agseterrf(old);
  return rc;
}

int pl_export__svg(pl_view *view, const pl_export_opts *opts, FILE *out,
                   pl_error *err) {
  return render(view, opts, out, "svg", err);
}

int pl_export__png(pl_view *view, const pl_export_opts *opts, FILE *out,
                   pl_error *err) {
  return render(view, opts, out, "png", err);
}
