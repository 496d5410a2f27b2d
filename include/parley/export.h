/* parley — exporters: one table of formats, each a function from a view to
 * a stream. */
#ifndef PARLEY_EXPORT_H
#define PARLEY_EXPORT_H

#include <parley/error.h>
#include <parley/view.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_export_opts {
  const char *layout; /* "dot" (default), "neato", "sfdp", "timeline" */
  int yed;            /* GraphML: add yEd's label extension */
} pl_export_opts;

typedef struct pl_exporter {
  const char *name;      /* "dot", "graphml", ... */
  const char *extension; /* file extension that selects it: "dot", "graphml" */
  const char *summary;   /* one line for --help */
  int (*write)(pl_view *view, const pl_export_opts *opts, FILE *out,
               pl_error *err);
} pl_exporter;

/* The exporter called name, or NULL. */
const pl_exporter *pl_exporter_find(const char *name);
/* The exporter for a file name's extension, or NULL. */
const pl_exporter *pl_exporter_for_path(const char *path);
/* The table, terminated by a row with a NULL name. */
const pl_exporter *pl_exporters(void);

#ifdef __cplusplus
}
#endif
#endif
