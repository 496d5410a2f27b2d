#include "buf.h"

#include <parley/error.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int pl_buf_reserve(pl_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return 0;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) {
    if (cap > SIZE_MAX / 2)
      return PL_ENOMEM;
    cap *= 2;
  }
  char *p = realloc(b->data, cap);
  if (!p)
    return PL_ENOMEM;
  b->data = p;
  b->cap = cap;
  return 0;
}

int pl_buf_append(pl_buf *b, const void *p, size_t n) {
  if (pl_buf_reserve(b, n) < 0)
    return PL_ENOMEM;
  if (n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

int pl_buf_puts(pl_buf *b, const char *s) { return pl_buf_append(b, s, strlen(s)); }

int pl_buf_putc(pl_buf *b, char c) { return pl_buf_append(b, &c, 1); }

int pl_buf_printf(pl_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || pl_buf_reserve(b, (size_t)n) < 0)
    return PL_ENOMEM;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return 0;
}

char *pl_buf_take(pl_buf *b) {
  if (!b->data && pl_buf_reserve(b, 0) < 0)
    return NULL;
  if (b->data)
    b->data[b->len] = '\0';
  char *p = b->data;
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

void pl_buf_free(pl_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

struct pl_arena_block {
  pl_arena_block *next; /* older block */
  size_t used;          /* bytes handed out */
  size_t cap;           /* bytes in mem */
  _Alignas(max_align_t) unsigned char mem[];
};

void *pl_arena_alloc(pl_arena *a, size_t n) {
  size_t align = _Alignof(max_align_t);
  n = (n + align - 1) & ~(align - 1);
  if (!n)
    n = align;
  pl_arena_block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > 16384 ? n : 16384;
    b = malloc(sizeof *b + cap);
    if (!b)
      return NULL;
    b->next = a->head;
    b->used = 0;
    b->cap = cap;
    a->head = b;
  }
  void *p = b->mem + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *pl_arena_strndup(pl_arena *a, const char *s, size_t n) {
  if (n == (size_t)-1)
    n = strlen(s);
  char *p = pl_arena_alloc(a, n + 1);
  if (p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

char *pl_arena_strdup(pl_arena *a, const char *s) {
  return s ? pl_arena_strndup(a, s, (size_t)-1) : NULL;
}

void pl_arena_free(pl_arena *a) {
  pl_arena_block *b = a->head;
  while (b) {
    pl_arena_block *n = b->next;
    free(b);
    b = n;
  }
  a->head = NULL;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_valid_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  uint32_t cp;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else
    return 0;
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return len;
}

int pl_json_strn(pl_buf *b, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  if (pl_buf_putc(b, '"') < 0)
    return PL_ENOMEM;
  size_t i = 0;
  while (i < n) {
    /* a run copied as it is: printable ASCII but '"' and '\\', and valid
       two-byte sequences (Arabic letters) */
    size_t run = i;
    for (;;) {
      if (run < n && s[run] >= 0x20 && s[run] < 0x80 && s[run] != '"' &&
          s[run] != '\\')
        run++;
      else if (run + 1 < n && s[run] >= 0xC2 && s[run] <= 0xDF &&
               (s[run + 1] & 0xC0) == 0x80)
        run += 2;
      else
        break;
    }
    if (run > i && pl_buf_append(b, s + i, run - i) < 0)
      return PL_ENOMEM;
    i = run;
    if (i >= n)
      break;
    unsigned c = s[i];
    int rc = 0;
    if (c == '"')
      rc = pl_buf_puts(b, "\\\"");
    else if (c == '\\')
      rc = pl_buf_puts(b, "\\\\");
    else if (c == '\n')
      rc = pl_buf_puts(b, "\\n");
    else if (c == '\t')
      rc = pl_buf_puts(b, "\\t");
    else if (c == '\r')
      rc = pl_buf_puts(b, "\\r");
    else if (c < 0x20)
      rc = pl_buf_printf(b, "\\u%04x", c);
    else {
      size_t len = utf8_valid_len(s + i, n - i);
      if (!len) {
        rc = pl_buf_puts(b, "\xEF\xBF\xBD");
        len = 1;
      } else
        rc = pl_buf_append(b, s + i, len);
      if (rc < 0)
        return PL_ENOMEM;
      i += len;
      continue;
    }
    if (rc < 0)
      return PL_ENOMEM;
    i++;
  }
  return pl_buf_putc(b, '"');
}

int pl_json_str(pl_buf *b, const char *s) { return pl_json_strn(b, s, strlen(s)); }

int pl_json_str_or_null(pl_buf *b, const char *s) {
  return s ? pl_json_str(b, s) : pl_buf_puts(b, "null");
}

int pl_file_read(const char *path, size_t max, char **out, size_t *len,
                 pl_error *err) {
  *out = NULL;
  *len = 0;
  int is_stdin = strcmp(path, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f)
    return pl_error_set(err, PL_EIO, path, "%s", strerror(errno));
  pl_buf b = {0};
  char chunk[65536];
  size_t n;
  int rc = 0;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (max && b.len + n > max) {
      rc = pl_error_set(err, PL_ETOOBIG, path,
                        "larger than the size limit of %zu bytes", max);
      break;
    }
    if (pl_buf_append(&b, chunk, n) < 0) {
      rc = pl_error_set(err, PL_ENOMEM, path, "out of memory");
      break;
    }
  }
  if (!rc && ferror(f))
    rc = pl_error_set(err, PL_EIO, path, "%s", strerror(errno));
  if (!is_stdin)
    fclose(f);
  if (rc < 0) {
    pl_buf_free(&b);
    return rc;
  }
  *len = b.len;
  *out = pl_buf_take(&b);
  return *out ? 0 : pl_error_set(err, PL_ENOMEM, path, "out of memory");
}

int pl_buf_put_cp(pl_buf *b, uint32_t cp) {
  char u[4];
  size_t n;
  if (cp < 0x80) {
    u[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  return pl_buf_append(b, u, n);
}

int pl_buf_put_uint(pl_buf *b, unsigned long long v) {
  char d[24]; /* 2^64 - 1 has 20 digits */
  size_t i = sizeof d;
  do {
    d[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return pl_buf_append(b, d + i, sizeof d - i);
}

int pl_buf_putv(pl_buf *b, ...) {
  size_t len = b->len;
  va_list ap;
  va_start(ap, b);
  const char *s;
  int rc = 0;
  while (!rc && (s = va_arg(ap, const char *)) != NULL)
    rc = pl_buf_append(b, s, strlen(s));
  va_end(ap);
  if (rc && b->data) { /* undo the pieces already appended */
    b->len = len;
    b->data[len] = '\0';
  }
  return rc;
}
