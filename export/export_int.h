/* Internals shared by the exporters in export/: the format functions the
 * table in export.c points at, text cleaning, and the graph builder that
 * dot.c lends to render.c. Not part of the public API. */
#ifndef PARLEY_EXPORT_INT_H
#define PARLEY_EXPORT_INT_H

#include <parley/export.h>

#include "buf.h"

#include <stddef.h>
#include <stdio.h>

/* The writers behind the table rows. Each reads view from its first node
 * (it rewinds first), writes one document to out, and returns 0 or a
 * negative pl_code (PL_EIO when out fails, PL_EINPUT for an edge naming a
 * node the view lacks, PL_ENOMEM, or the view's own error). On failure the
 * output may be partial: the caller discards it. opts may be NULL. */
int pl_export__dot(pl_view *view, const pl_export_opts *opts, FILE *out,
                   pl_error *err);
int pl_export__graphml(pl_view *view, const pl_export_opts *opts, FILE *out,
                       pl_error *err);
int pl_export__gexf(pl_view *view, const pl_export_opts *opts, FILE *out,
                    pl_error *err);
int pl_export__json(pl_view *view, const pl_export_opts *opts, FILE *out,
                    pl_error *err);
int pl_export__svg(pl_view *view, const pl_export_opts *opts, FILE *out,
                   pl_error *err);
int pl_export__png(pl_view *view, const pl_export_opts *opts, FILE *out,
                   pl_error *err);

/* Flags for pl_export__clean. */
enum {
  PL_CLEAN_XML = 1,    /* escape & < > " as XML entities */
  PL_CLEAN_DOT = 2,    /* escape \ as \\ (Graphviz reads \n, \N ... in
                          labels) and & as &amp; (Graphviz decodes entities
                          in every label: "&lt;" would be drawn as "<") */
  PL_CLEAN_ONELINE = 4 /* turn tab, newline and CR into spaces */
};

/* Appends s to b as valid UTF-8 text that XML 1.0 accepts: invalid UTF-8
 * (overlong forms, surrogates, stray bytes) becomes U+FFFD, control
 * characters other than tab, newline and CR (C0, DEL, C1) and U+FFFE/U+FFFF
 * are dropped; flags escape further. NULL appends nothing. Returns 0 or
 * PL_ENOMEM (b then holds a prefix). */
int pl_export__clean(pl_buf *b, const char *s, int flags);

/* Builds the styled cgraph graph of view (the graph pl_export__dot writes).
 * Returns 0 with *out (caller closes with agclose) and *nnodes (the view's
 * node count), or a negative pl_code with *out NULL. */
struct Agraph_s;
int pl_export__dot_graph(pl_view *view, const pl_export_opts *opts,
                         struct Agraph_s **out, size_t *nnodes, pl_error *err);

/* The XML plumbing graphml.c lends gexf.c. pl_export__xml_open starts an
 * indented UTF-8 document written to out as it goes (NULL when out of
 * memory). pl_export__xml_finish closes open elements and the document when
 * ok, frees w either way, and returns 0 or PL_EIO (write failure). */
struct _xmlTextWriter;
struct _xmlTextWriter *pl_export__xml_open(FILE *out);
int pl_export__xml_finish(struct _xmlTextWriter *w, int ok, FILE *out,
                          pl_error *err);
/* Writes attribute name=value (value cleaned as by pl_export__clean, NULL
 * as ""), using tmp as scratch. Returns 0, PL_ENOMEM or PL_EIO. */
int pl_export__xml_attr(struct _xmlTextWriter *w, pl_buf *tmp, const char *name,
                        const char *value);
/* Writes attribute name=id as an XML NMTOKEN: bytes other than ASCII
 * letters, digits, '.', '-' and ':' become _XX (hex), so "a b" is "a_20b"
 * and the mapping is one-to-one. Returns 0, PL_ENOMEM or PL_EIO. */
int pl_export__xml_id(struct _xmlTextWriter *w, pl_buf *tmp, const char *name,
                      const char *id);

#endif
