/* Fuzzes the JSON reader behind `parley load` (src/common/json.c): any
 * bytes parse to a tree whose strings are valid UTF-8 of the stated length,
 * or fail with an offset inside the input and a message. */
#include "fuzz.h"

#include "buf.h"
#include "json.h"

/* Checks a value and its children (depth-first, bounded by the parser's
 * nesting limit). */
static void check(const pl_json *v) {
  FUZZ_CHECK(v->type >= PL_JSON_NULL && v->type <= PL_JSON_OBJECT);
  if (v->type == PL_JSON_STRING) {
    FUZZ_CHECK(v->str && strlen(v->str) <= v->len);
    FUZZ_CHECK(fuzz_valid_utf8(v->str, v->len));
  }
  if (v->type == PL_JSON_ARRAY || v->type == PL_JSON_OBJECT)
    for (size_t i = 0; i < v->n; i++) {
      FUZZ_CHECK(v->items[i] != NULL);
      if (v->type == PL_JSON_OBJECT)
        FUZZ_CHECK(v->keys[i] != NULL);
      check(v->items[i]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pl_arena a;
  memset(&a, 0, sizeof a);
  pl_json *v = NULL;
  size_t pos = 0;
  const char *why = NULL;
  int rc = pl_json_parse(&a, (const char *)data, size, &v, &pos, &why);
  if (rc == 0) {
    FUZZ_CHECK(v != NULL);
    check(v);
  } else if (rc == PL_EINPUT) {
    FUZZ_CHECK(pos <= size && why && why[0]);
  } else {
    FUZZ_CHECK(rc == PL_ENOMEM);
  }
  pl_arena_free(&a);
  return 0;
}
