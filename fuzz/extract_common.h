/* The extractor targets: any bytes as an article body in one language. */
#ifndef PARLEY_FUZZ_EXTRACT_H
#define PARLEY_FUZZ_EXTRACT_H

#include "fuzz.h"

#include <parley/extract.h>
#include <parley/facts.h>

/* Extracts the facts of data (NULs dropped, as a reader would) as an article
 * in lang published on 2018-11-28, then writes them as JSON: evidence spans
 * must lie inside the body. The extractor is loaded once per process. */
static inline void fuzz_extract(const char *lang, const uint8_t *data,
                                size_t size) {
  static pl_extractor *ex;
  pl_error err;
  memset(&err, 0, sizeof err);
  if (!ex && pl_extractor_new(&ex, NULL, &err) < 0) {
    fprintf(stderr, "fuzz: cannot load the lexicon: %s: %s\n", err.where,
            err.msg);
    abort();
  }
  char *body = malloc(size + 1);
  if (!body)
    return;
  size_t n = 0;
  for (size_t i = 0; i < size; i++)
    if (data[i])
      body[n++] = (char)data[i];
  body[n] = '\0';
  pl_doc doc;
  memset(&doc, 0, sizeof doc);
  doc.body = body;
  doc.body_len = n;
  doc.source = (char *)"fuzz";
  memcpy(doc.lang, lang, strlen(lang) + 1);
  memcpy(doc.published, "2018-11-28", 11);
  pl_doc_finish(&doc);
  pl_facts *f = NULL;
  int rc = pl_extract(ex, &doc, &f, &err);
  if (rc == 0) {
    FUZZ_CHECK(f != NULL);
    char *json = NULL;
    if (pl_facts_to_json(f, "fuzz", 0, &json, &err) == 0)
      FUZZ_CHECK(json && json[0] == '{');
    free(json);
  } else {
    FUZZ_CHECK(err.msg[0] != '\0');
  }
  pl_facts_free(f);
  free(body);
}

#endif
