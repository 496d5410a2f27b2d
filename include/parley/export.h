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

/* What the timeline report draws (parley report). Zeroed: an HTML page
 * titled "Negotiation timeline", lanes ordered by activity. */
typedef struct pl_report_opts {
  const char *title;         /* page or figure title, or NULL */
  int svg;                   /* 1: the static SVG timeline alone; 0: the
                                interactive, self-contained HTML page */
  const char *const *actors; /* names asked for: their lanes come first, in
                                this order (matched against node labels,
                                case-insensitively), or NULL */
  size_t nactors;            /* entries in actors */
  const char *subtitle;      /* a line under the title (filters), or NULL */
} pl_report_opts;

/* Writes the timeline report of an events-shaped view (actors, meeting and
 * proposal nodes, participates_in/proposes/addressed_to/held_in/heads/
 * holds_role edges; other nodes and edges are ignored) to out: one lane per
 * actor that takes part in an event, meetings joining their participants'
 * lanes, proposals on their proposers' lanes, delegations on theirs, rounds
 * as bands, and each event's evidence sentences with their sources. The
 * HTML page embeds its data once as JSON and needs no network. Returns 0,
 * PL_ENOMEM, PL_EIO (out failed) or the view's error; on failure the output
 * may be partial. opts may be NULL. */
int pl_report_write(pl_view *view, const pl_report_opts *opts, FILE *out,
                    pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
