/* Internals of the timeline report (export/report*.c): the page's style and
 * script, generated from report_page.css and report_page.js by
 * tests/browser/embed-assets.sh. Not part of the public API. */
#ifndef PARLEY_REPORT_INT_H
#define PARLEY_REPORT_INT_H

/* Lines of the page's stylesheet and script, each ending in a newline,
 * terminated by NULL. */
extern const char *const pl_report__css[];
extern const char *const pl_report__js[];

#endif
