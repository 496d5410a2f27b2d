/* A small strict JSON reader (RFC 8259) building a tree in an arena: for
 * facts in the shape of SCHEMA.md (parley load). Internal to libparley. */
#ifndef PARLEY_JSON_H
#define PARLEY_JSON_H

#include "buf.h"

#include <stddef.h>

typedef enum pl_json_type {
  PL_JSON_NULL,
  PL_JSON_FALSE,
  PL_JSON_TRUE,
  PL_JSON_NUMBER,
  PL_JSON_STRING,
  PL_JSON_ARRAY,
  PL_JSON_OBJECT
} pl_json_type;

/* One value. */
typedef struct pl_json {
  int type;               /* pl_json_type */
  const char *str;        /* string (decoded, NUL-terminated) or number
                             text; NULL otherwise */
  size_t len;             /* bytes in str */
  double num;             /* a number's value */
  const char **keys;      /* object: member names, in order */
  struct pl_json **items; /* array elements, or object member values */
  size_t n;               /* entries in items (and keys) */
} pl_json;

/* Parses exactly one JSON value in text[0..len) (surrounding white space
 * allowed), allocating in a. Strings are UTF-8 checked; escapes, surrogate
 * pairs included, are decoded; nesting is limited to 256. Returns 0 and
 * *out, or PL_EINPUT with *pos the byte offset of the problem and *why a
 * static message, or PL_ENOMEM. */
int pl_json_parse(pl_arena *a, const char *text, size_t len, pl_json **out,
                  size_t *pos, const char **why);

/* The value of member key of object o, or NULL (also when o is not an
 * object). The first member wins. */
const pl_json *pl_json_get(const pl_json *o, const char *key);

/* The string of member key, or NULL when missing, null or not a string. */
const char *pl_json_get_str(const pl_json *o, const char *key);

#endif
