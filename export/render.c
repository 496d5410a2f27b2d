/* svg and png: the DOT graph laid out and drawn in-process by Graphviz's gvc.
 * Plugins are registered directly (gvContextPlugins) instead of read from
 * Graphviz's config, which would load pango (leaky, and unsafe with two
 * contexts in one process): dot and neato layouts and the core renderers
 * are linked statically into parley. Core draws svg but no bitmap, so png
 * borrows the gd plugin, opened at run time from Graphviz's plugin folder
 * (on parley's rpath); without it png fails with a clear message. */
#include "export_int.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <dlfcn.h>
#include <string.h>

extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;

static const lt_symlist_t preloaded_symbols[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {NULL, NULL}};

/* Views above this many nodes are laid out with sfdp unless a layout is
 * asked for: dot's time explodes with size. */
enum { DOT_MAX_NODES = 200 };

/* The last message Graphviz reported, kept instead of printed (the library
 * never prints). Graphviz is not thread-safe, nor is this. */
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

static int render(pl_view *view, const pl_export_opts *opts, FILE *out,
                  const char *format, pl_error *err) {
  Agraph_t *g = NULL;
  GVC_t *gvc = NULL;
  void *gd = NULL;
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
  gvc = gvContextPlugins(preloaded_symbols, 0);
  if (!gvc) {
    rc = pl_error_set(err, PL_ENOMEM, NULL, "cannot start Graphviz");
    goto done;
  }
  if (!strcmp(format, "png")) {
    gvplugin_library_t *lib;
    gd = dlopen("libgvplugin_gd.so.6", RTLD_NOW | RTLD_LOCAL);
    lib = gd ? dlsym(gd, "gvplugin_gd_LTX_library") : NULL;
    if (!lib) {
      rc = pl_error_set(err, PL_ENOTFOUND, NULL,
                        "png needs Graphviz's gd plugin "
                        "(libgvplugin_gd.so.6), which is not installed; "
                        "export svg instead");
      goto done;
    }
    gvAddLibrary(gvc, lib);
  }
  if (gvLayout(gvc, g, engine) != 0) {
    rc = pl_error_set(err, PL_EINPUT, NULL,
                      "graphviz could not lay out the "
                      "graph with %s%s%s",
                      engine, gv_msg[0] ? ": " : "", gv_msg);
    goto done;
  }
  laid = 1;
  if (gvRender(gvc, g, format, out) != 0) {
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
  if (gvc)
    gvFreeContext(gvc);
  if (gd)
    dlclose(gd);
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
