/* The strict JSON reader of json.h: recursive descent over a buffer. */
#include "json.h"

#include <parley/error.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 256

typedef struct parser {
  pl_arena *a;     /* where values go */
  const char *s;   /* the text */
  size_t n;        /* its length */
  size_t i;        /* next byte */
  const char *why; /* the first problem, static */
  int nomem;       /* out of memory */
} parser;

static int fail(parser *p, const char *why) {
  if (!p->why)
    p->why = why;
  return -1;
}

static void ws(parser *p) {
  while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                         p->s[p->i] == '\n' || p->s[p->i] == '\r'))
    p->i++;
}

static int hex4(parser *p, uint32_t *out) {
  if (p->n - p->i < 4)
    return fail(p, "a \\u escape needs four hex digits");
  uint32_t v = 0;
  for (int k = 0; k < 4; k++) {
    char c = p->s[p->i++];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= (uint32_t)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= (uint32_t)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= (uint32_t)(c - 'A' + 10);
    else
      return fail(p, "a \\u escape needs four hex digits");
  }
  *out = v;
  return 0;
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  if (s[0] < 0x80)
    return 1;
  size_t len = s[0] >= 0xF0 && s[0] <= 0xF4   ? 4
               : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
               : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                                              : 0;
  if (!len || len > n)
    return 0;
  for (size_t k = 1; k < len; k++)
    if ((s[k] & 0xC0) != 0x80)
      return 0;
  uint32_t cp = len == 2 ? (uint32_t)(s[0] & 0x1F)
                : len == 3 ? (uint32_t)(s[0] & 0x0F)
                           : (uint32_t)(s[0] & 0x07);
  for (size_t k = 1; k < len; k++)
    cp = (cp << 6) | (s[k] & 0x3F);
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return len;
}

/* Reads a string (p->i at the opening quote) into a fresh arena copy. */
static int string(parser *p, const char **out, size_t *outlen) {
  pl_buf b = {0};
  p->i++;
  for (;;) {
    if (p->i >= p->n) {
      pl_buf_free(&b);
      return fail(p, "unterminated string");
    }
    unsigned char c = (unsigned char)p->s[p->i];
    if (c == '"') {
      p->i++;
      break;
    }
    if (c < 0x20) {
      pl_buf_free(&b);
      return fail(p, "a control character inside a string");
    }
    int r = 0;
    if (c == '\\') {
      if (++p->i >= p->n) {
        pl_buf_free(&b);
        return fail(p, "unterminated string");
      }
      char e = p->s[p->i++];
      uint32_t cp;
      switch (e) {
      case '"': r = pl_buf_putc(&b, '"'); break;
      case '\\': r = pl_buf_putc(&b, '\\'); break;
      case '/': r = pl_buf_putc(&b, '/'); break;
      case 'b': r = pl_buf_putc(&b, '\b'); break;
      case 'f': r = pl_buf_putc(&b, '\f'); break;
      case 'n': r = pl_buf_putc(&b, '\n'); break;
      case 'r': r = pl_buf_putc(&b, '\r'); break;
      case 't': r = pl_buf_putc(&b, '\t'); break;
      case 'u':
        if (hex4(p, &cp) < 0) {
          pl_buf_free(&b);
          return -1;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t lo;
          if (p->n - p->i >= 6 && p->s[p->i] == '\\' &&
              p->s[p->i + 1] == 'u') {
            p->i += 2;
            if (hex4(p, &lo) < 0) {
              pl_buf_free(&b);
              return -1;
            }
            if (lo >= 0xDC00 && lo <= 0xDFFF)
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            else
              cp = 0xFFFD;
          } else {
            cp = 0xFFFD;
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        r = pl_buf_put_cp(&b, cp);
        break;
      default:
        pl_buf_free(&b);
        p->i--;
        return fail(p, "an unknown escape in a string");
      }
    } else {
      size_t len = utf8_len((const unsigned char *)p->s + p->i, p->n - p->i);
      if (!len) {
        pl_buf_free(&b);
        return fail(p, "invalid UTF-8 in a string");
      }
      r = pl_buf_append(&b, p->s + p->i, len);
      p->i += len;
    }
    if (r < 0) {
      pl_buf_free(&b);
      p->nomem = 1;
      return fail(p, "out of memory");
    }
  }
  *outlen = b.len;
  *out = pl_arena_strndup(p->a, b.data ? b.data : "", b.len);
  pl_buf_free(&b);
  if (!*out) {
    p->nomem = 1;
    return fail(p, "out of memory");
  }
  return 0;
}

static int number(parser *p, pl_json *v) {
  size_t st = p->i;
  if (p->i < p->n && p->s[p->i] == '-')
    p->i++;
  if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
    return fail(p, "a malformed number");
  if (p->s[p->i] == '0')
    p->i++;
  else
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
      p->i++;
  if (p->i < p->n && p->s[p->i] == '.') {
    p->i++;
    if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
      return fail(p, "a malformed number");
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
      p->i++;
  }
  if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
    p->i++;
    if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
      p->i++;
    if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
      return fail(p, "a malformed number");
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
      p->i++;
  }
  v->type = PL_JSON_NUMBER;
  v->len = p->i - st;
  v->str = pl_arena_strndup(p->a, p->s + st, v->len);
  if (!v->str) {
    p->nomem = 1;
    return fail(p, "out of memory");
  }
  v->num = strtod(v->str, NULL);
  return 0;
}

static int value(parser *p, pl_json **out, int depth);

/* Moves the growing lists into the arena. */
static int finish(parser *p, pl_json *v, pl_json **items, const char **keys,
                  size_t n) {
  v->n = n;
  if (!n)
    return 0;
  v->items = pl_arena_alloc(p->a, n * sizeof *items);
  if (keys)
    v->keys = pl_arena_alloc(p->a, n * sizeof *keys);
  if (!v->items || (keys && !v->keys)) {
    p->nomem = 1;
    return fail(p, "out of memory");
  }
  memcpy(v->items, items, n * sizeof *items);
  if (keys)
    memcpy(v->keys, keys, n * sizeof *keys);
  return 0;
}

static int container(parser *p, pl_json *v, int object, int depth) {
  pl_json **items = NULL;
  const char **keys = NULL;
  size_t n = 0, cap = 0;
  int rc = -1;
  char close = object ? '}' : ']';
  v->type = object ? PL_JSON_OBJECT : PL_JSON_ARRAY;
  p->i++;
  ws(p);
  if (p->i < p->n && p->s[p->i] == close) {
    p->i++;
    return 0;
  }
  for (;;) {
    if (n == cap) {
      size_t nc = cap ? 2 * cap : 8;
      pl_json **ni = realloc(items, nc * sizeof *ni);
      if (ni)
        items = ni;
      const char **nk = object ? realloc(keys, nc * sizeof *nk) : NULL;
      if (nk)
        keys = nk;
      if (!ni || (object && !nk)) {
        p->nomem = 1;
        fail(p, "out of memory");
        goto done;
      }
      cap = nc;
    }
    ws(p);
    if (object) {
      size_t kl;
      if (p->i >= p->n || p->s[p->i] != '"') {
        fail(p, "expected a member name in quotes");
        goto done;
      }
      if (string(p, &keys[n], &kl) < 0)
        goto done;
      ws(p);
      if (p->i >= p->n || p->s[p->i] != ':') {
        fail(p, "expected ':' after a member name");
        goto done;
      }
      p->i++;
    }
    if (value(p, &items[n], depth + 1) < 0)
      goto done;
    n++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == ',') {
      p->i++;
      continue;
    }
    if (p->i < p->n && p->s[p->i] == close) {
      p->i++;
      break;
    }
    fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
    goto done;
  }
  rc = finish(p, v, items, keys, n);
done:
  free(items);
  free(keys);
  return rc;
}

static int literal(parser *p, const char *word, int type, pl_json *v) {
  size_t n = strlen(word);
  if (p->n - p->i < n || memcmp(p->s + p->i, word, n) != 0)
    return fail(p, "an unexpected character");
  p->i += n;
  v->type = type;
  return 0;
}

static int value(parser *p, pl_json **out, int depth) {
  if (depth > MAX_DEPTH)
    return fail(p, "nesting too deep");
  pl_json *v = pl_arena_alloc(p->a, sizeof *v);
  if (!v) {
    p->nomem = 1;
    return fail(p, "out of memory");
  }
  *out = v;
  ws(p);
  if (p->i >= p->n)
    return fail(p, "unexpected end of input");
  switch (p->s[p->i]) {
  case '{':
    return container(p, v, 1, depth);
  case '[':
    return container(p, v, 0, depth);
  case '"':
    v->type = PL_JSON_STRING;
    return string(p, &v->str, &v->len);
  case 't':
    return literal(p, "true", PL_JSON_TRUE, v);
  case 'f':
    return literal(p, "false", PL_JSON_FALSE, v);
  case 'n':
    return literal(p, "null", PL_JSON_NULL, v);
  default:
    return number(p, v);
  }
}

int pl_json_parse(pl_arena *a, const char *text, size_t len, pl_json **out,
                  size_t *pos, const char **why) {
  parser p = {a, text, len, 0, NULL, 0};
  *out = NULL;
  int rc = value(&p, out, 0);
  if (rc == 0) {
    ws(&p);
    if (p.i < p.n)
      rc = fail(&p, "text after the JSON value");
  }
  if (rc < 0) {
    *out = NULL;
    if (pos)
      *pos = p.i;
    if (why)
      *why = p.why;
    return p.nomem ? PL_ENOMEM : PL_EINPUT;
  }
  return 0;
}

const pl_json *pl_json_get(const pl_json *o, const char *key) {
  if (!o || o->type != PL_JSON_OBJECT)
    return NULL;
  for (size_t i = 0; i < o->n; i++)
    if (!strcmp(o->keys[i], key))
      return o->items[i];
  return NULL;
}

const char *pl_json_get_str(const pl_json *o, const char *key) {
  const pl_json *v = pl_json_get(o, key);
  return v && v->type == PL_JSON_STRING ? v->str : NULL;
}
