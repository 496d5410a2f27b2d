/* parley fuzzing: what every target shares. Each fuzz_<entry>.c defines
 * LLVMFuzzerTestOneInput; built with -fsanitize=fuzzer it is a libFuzzer
 * target, linked with replay.c it replays a corpus as an ordinary test. */
#ifndef PARLEY_FUZZ_H
#define PARLEY_FUZZ_H

#include <parley/doc.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The libFuzzer entry point: runs one input; always returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (so that both libFuzzer and the replay driver report the input)
 * when cond is false: an invariant of a reader's output broke. */
#define FUZZ_CHECK(cond)                                                     \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__,  \
              #cond);                                                        \
      abort();                                                               \
    }                                                                        \
  } while (0)

/* True when s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
static inline int fuzz_valid_utf8(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned c = p[i];
    size_t k;
    uint32_t cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF)
      k = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
      k = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
      k = 3, cp = c & 0x07;
    else
      return 0;
    for (size_t j = 1; j <= k; j++) {
      if (i + j >= n || (p[i + j] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (p[i + j] & 0x3F);
    }
    if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += k + 1;
  }
  return 1;
}

/* The checks every document a reader emits must pass: body, id, language,
 * date and strings well formed. Returns 0 (go on reading). */
static inline int fuzz_check_doc(void *ctx, const pl_doc *doc, pl_error *err) {
  (void)err;
  size_t *count = ctx;
  FUZZ_CHECK(doc->body != NULL);
  FUZZ_CHECK(strlen(doc->body) == doc->body_len);
  FUZZ_CHECK(doc->body_len > 0);
  FUZZ_CHECK(fuzz_valid_utf8(doc->body, doc->body_len));
  FUZZ_CHECK(strlen(doc->id) == 32);
  FUZZ_CHECK(doc->source && doc->source[0]);
  FUZZ_CHECK(strlen(doc->lang) < sizeof doc->lang);
  FUZZ_CHECK(doc->published[0] == '\0' || strlen(doc->published) == 10);
  if (doc->title)
    FUZZ_CHECK(fuzz_valid_utf8(doc->title, strlen(doc->title)));
  if (doc->url)
    (void)strlen(doc->url);
  if (count)
    (*count)++;
  return 0;
}

/* Runs one input through pl_read_memory with the named reader and checks
 * every document and the error. */
static inline void fuzz_read(const char *name, const char *reader,
                             const uint8_t *data, size_t size) {
  pl_read_opts o;
  memset(&o, 0, sizeof o);
  o.reader = reader;
  o.max_size = (size_t)4 << 20;
  pl_error err;
  memset(&err, 0, sizeof err);
  size_t count = 0;
  int rc = pl_read_memory(name, (const char *)data, size, &o, fuzz_check_doc,
                          &count, &err);
  if (rc < 0) {
    FUZZ_CHECK(err.code == rc);
    FUZZ_CHECK(err.msg[0] != '\0');
    if (!(rc == PL_EINPUT || rc == PL_ETOOBIG || rc == PL_ENOMEM ||
          rc == PL_EEMPTY))
      fprintf(stderr, "fuzz: unexpected error %d: %s: %s\n", rc, err.where,
              err.msg);
    FUZZ_CHECK(rc == PL_EINPUT || rc == PL_ETOOBIG || rc == PL_ENOMEM ||
               rc == PL_EEMPTY);
  } else {
    FUZZ_CHECK(count > 0);
  }
}

#endif
