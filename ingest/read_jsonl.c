/* The JSONL reader: crawler dumps, one JSON object per line. Memory is
 * bounded by one line (lines are read in blocks, never the whole file);
 * a line above the size limit or a broken line is reported through
 * opts->warn as "FILE:LINE: ..." and skipped, the others are read.
 *
 * Fields: url; title; text, or html (read by the HTML reader, which may also
 * supply title, date, language and url); published, date_publish,
 * date_published or date; language or lang; id (the document's source is
 * then "FILE#ID", else "FILE:LINE"). Other fields, nested or not, are
 * skipped. The parser is strict JSON (RFC 8259): escapes including
 * surrogate pairs are decoded; a lone surrogate becomes U+FFFD and a
 * \u0000 is dropped; invalid UTF-8 bytes become U+FFFD. */
#include "reader.h"

#include "buf.h"
#include "hash.h"

#include <parley/when.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)1 << 20)
#define MAX_NESTING 256

/* ---- lines ------------------------------------------------------------- */

typedef struct lines {
  FILE *f;         /* the rest of the input, or NULL */
  const char *blk; /* the current block: head, data, or own */
  size_t blk_len;  /* bytes in blk */
  size_t blk_pos;  /* next unread byte in blk */
  char *own;       /* the block buffer for f (BLOCK_SIZE bytes) */
  pl_buf join;     /* a line that spans blocks */
  size_t max;      /* longest line kept, in bytes */
  int eof;         /* f is exhausted */
  int io_error;    /* reading f failed */
  size_t consumed; /* bytes of the input read so far, newlines included */
} lines;

/* Reads the next line (without "\n" or "\r\n") into *line and *len. Returns 1,
 * 0 at the end, -1 when out of memory. *too_long is set for a line above
 * max bytes (its bytes are read and dropped). */
static int next_line(lines *l, const char **line, size_t *len, int *too_long) {
  int have = 0;
  l->join.len = 0;
  *too_long = 0;
  for (;;) {
    if (l->blk_pos >= l->blk_len) {
      if (!l->f || l->eof)
        break;
      if (!l->own && !(l->own = malloc(BLOCK_SIZE)))
        return -1;
      size_t n = fread(l->own, 1, BLOCK_SIZE, l->f);
      if (!n) {
        l->eof = 1;
        l->io_error = ferror(l->f);
        break;
      }
      l->blk = l->own;
      l->blk_len = n;
      l->blk_pos = 0;
    }
    const char *p = l->blk + l->blk_pos;
    size_t avail = l->blk_len - l->blk_pos;
    const char *nl = memchr(p, '\n', avail);
    size_t seg = nl ? (size_t)(nl - p) : avail;
    l->blk_pos += seg + (nl ? 1 : 0);
    l->consumed += seg + (nl ? 1 : 0);
    have = 1;
    if (nl && !l->join.len && !*too_long) {
      /* The whole line lies in the block: no copy. */
      if (seg > l->max)
        *too_long = 1;
      *line = p;
      *len = seg;
      goto trim;
    }
    if (!*too_long) {
      if (l->join.len + seg > l->max) {
        *too_long = 1;
        l->join.len = 0;
      } else if (pl_buf_append(&l->join, p, seg) < 0)
        return -1;
    }
    if (nl)
      break;
  }
  if (!have)
    return 0;
  *line = l->join.data ? l->join.data : "";
  *len = *too_long ? 0 : l->join.len;
trim:
  if (*len && (*line)[*len - 1] == '\r')
    (*len)--;
  return 1;
}

/* ---- JSON ------------------------------------------------------------- */

typedef struct jp {
  const char *p;     /* next byte */
  const char *start; /* the line, for columns */
  const char *end;   /* end of the line */
  const char *why;   /* what went wrong, or NULL */
} jp;

static int fail(jp *j, const char *why) {
  if (!j->why)
    j->why = why;
  return -1;
}

static void ws(jp *j) {
  while (j->p < j->end &&
         (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
    j->p++;
}

static int hex4(const char *p, uint32_t *out) {
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= (uint32_t)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= (uint32_t)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= (uint32_t)(c - 'A' + 10);
    else
      return -1;
  }
  *out = v;
  return 0;
}

/* Appends s[0..n) to b with invalid UTF-8 sequences replaced by U+FFFD. */
static int put_checked(pl_buf *b, const char *s, size_t n) {
  if (pl_text__valid_utf8(s, n))
    return pl_buf_append(b, s, n);
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    size_t k = 1;
    if (u[i] >= 0x80) {
      size_t want = u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : 2;
      k = want <= n - i && pl_text__valid_utf8(s + i, want) ? want : 0;
    }
    if (!k) {
      if (pl_buf_puts(b, "\xEF\xBF\xBD") < 0)
        return -1;
      i++;
      continue;
    }
    if (pl_buf_append(b, s + i, k) < 0)
      return -1;
    i += k;
  }
  return 0;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)

/* Marks (with its top bit) each byte of w that ends a run of plain ASCII
 * string content: a byte of 0x80 or above, a control character, '"' or
 * '\\'. The SWAR tests of Hacker's Delight 6-1: (x - ONES) & ~x & HIGH marks
 * the zero bytes of x (so x ^ ('"' * ONES) finds the quotes), and
 * (x - 0x20 * ONES) & ~x & HIGH the bytes below 0x20. A borrow can mark a
 * byte above a marked one wrongly, never one below: the lowest mark is
 * exact, and nonzero means a special byte is there. */
static uint64_t special8(uint64_t w) {
  uint64_t q = w ^ ('"' * ONES), bs = w ^ ('\\' * ONES);
  return (w | ((w - 0x20 * ONES) & ~w) | ((q - ONES) & ~q) |
          ((bs - ONES) & ~bs)) &
         HIGH;
}

/* Passes over plain string content from s: returns the first '"', '\\' or
 * control character (or end). Sets *bad when the bytes passed over are not
 * valid UTF-8. One pass does both, where scanning and then validating read
 * every byte of the crawl's text twice. */
static const char *scan_plain(const char *s, const char *end, int *bad) {
  const unsigned char *p = (const unsigned char *)s;
  const unsigned char *e = (const unsigned char *)end;
  while (p < e) {
    unsigned c = *p;
    if (c < 0x80) {
      if (c < 0x20 || c == '"' || c == '\\')
        break;
      p++;
      /* English text: eight bytes at a time while all are plain ASCII (not
       * tried after the space between two Arabic words) */
      while (e - p >= 8 && *p < 0x80) {
        uint64_t m = special8(pl_load_le64(p));
        if (!m) {
          p += 8;
          continue;
        }
        for (; !(m & 0x80); m >>= 8)
          p++; /* to the first special byte */
        break;
      }
    } else {
      /* Arabic: four letters at a time while all eight bytes are two-byte
       * sequences led by D8-DF (U+0600-07FF: lead 11011xxx, then 10xxxxxx),
       * which are valid UTF-8 and never special; then one sequence at a
       * time, checked in line */
      while (e - p >= 8 &&
             (pl_load_le64(p) & UINT64_C(0xC0F8C0F8C0F8C0F8)) ==
                 UINT64_C(0x80D880D880D880D8))
        p += 8;
      while (p + 1 < e && *p >= 0xC2 && *p <= 0xDF && (p[1] & 0xC0) == 0x80)
        p += 2;
      if (p < e && *p >= 0x80) {
        size_t k = pl_text__utf8_seq(p, (size_t)(e - p), 0);
        if (!k) {
          *bad = 1;
          k = 1;
        }
        p += k;
      }
    }
  }
  return (const char *)p;
}

/* pl_buf_putc with the common case in line: crawled HTML has an escaped
 * newline or quote every few dozen bytes. */
static int put_byte(pl_buf *b, char c) {
  if (b->len + 1 >= b->cap)
    return pl_buf_putc(b, c);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
  return 0;
}

/* Parses a string at j->p (the opening quote); decodes it into out unless
 * out is NULL. */
static int string(jp *j, pl_buf *out) {
  j->p++;
  for (;;) {
    const char *run = j->p;
    int bad = 0;
    j->p = scan_plain(run, j->end, &bad);
    if (out && j->p > run &&
        (bad ? put_checked(out, run, (size_t)(j->p - run))
             : pl_buf_append(out, run, (size_t)(j->p - run))) < 0)
      return fail(j, "out of memory");
    if (j->p >= j->end)
      return fail(j, "unterminated string");
    char c = *j->p;
    if (c == '"') {
      j->p++;
      return 0;
    }
    if (c != '\\')
      return fail(j, "control character in a string");
    if (j->p + 1 >= j->end)
      return fail(j, "unterminated string");
    char e = j->p[1];
    j->p += 2;
    const char *simple = NULL;
    switch (e) {
    case '"':
      simple = "\"";
      break;
    case '\\':
      simple = "\\";
      break;
    case '/':
      simple = "/";
      break;
    case 'b':
      simple = "\b";
      break;
    case 'f':
      simple = "\f";
      break;
    case 'n':
      simple = "\n";
      break;
    case 'r':
      simple = "\r";
      break;
    case 't':
      simple = "\t";
      break;
    case 'u':
      break;
    default:
      return fail(j, "invalid escape in a string");
    }
    if (simple) {
      if (out && put_byte(out, *simple) < 0)
        return fail(j, "out of memory");
      continue;
    }
    uint32_t cp;
    if (j->end - j->p < 4 || hex4(j->p, &cp) < 0)
      return fail(j, "invalid \\u escape");
    j->p += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t lo;
      if (j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u' &&
          hex4(j->p + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
        j->p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else
        cp = 0xFFFD; /* a lone high surrogate */
    } else if (cp >= 0xDC00 && cp <= 0xDFFF)
      cp = 0xFFFD; /* a lone low surrogate */
    if (out && cp && pl_buf_put_cp(out, cp) < 0)
      return fail(j, "out of memory");
  }
}

static int number(jp *j, pl_buf *out) {
  const char *s = j->p;
  if (j->p < j->end && *j->p == '-')
    j->p++;
  if (j->p >= j->end)
    return fail(j, "invalid number");
  if (*j->p == '0')
    j->p++;
  else if (*j->p >= '1' && *j->p <= '9')
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
      j->p++;
  else
    return fail(j, "invalid value");
  if (j->p < j->end && *j->p == '.') {
    j->p++;
    if (j->p >= j->end || *j->p < '0' || *j->p > '9')
      return fail(j, "invalid number");
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
      j->p++;
  }
  if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
    j->p++;
    if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
      j->p++;
    if (j->p >= j->end || *j->p < '0' || *j->p > '9')
      return fail(j, "invalid number");
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
      j->p++;
  }
  if (out && pl_buf_append(out, s, (size_t)(j->p - s)) < 0)
    return fail(j, "out of memory");
  return 0;
}

static int literal(jp *j, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n))
    return fail(j, "invalid value");
  j->p += n;
  return 0;
}

/* Parses any value; a string or number goes into out (when not NULL),
 * anything else is checked and skipped. *is_set tells whether out got a
 * value (null leaves it unset). */
static int value(jp *j, pl_buf *out, int *is_set, int depth) {
  ws(j);
  if (j->p >= j->end)
    return fail(j, "value expected");
  if (is_set)
    *is_set = 0;
  char c = *j->p;
  if (c == '"') {
    if (is_set)
      *is_set = 1;
    return string(j, out);
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    if (is_set)
      *is_set = 1;
    return number(j, out);
  }
  if (c == 't')
    return literal(j, "true");
  if (c == 'f')
    return literal(j, "false");
  if (c == 'n')
    return literal(j, "null");
  if (depth >= MAX_NESTING)
    return fail(j, "nested too deeply");
  if (c == '[') {
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == ']') {
      j->p++;
      return 0;
    }
    for (;;) {
      if (value(j, NULL, NULL, depth + 1) < 0)
        return -1;
      ws(j);
      if (j->p < j->end && *j->p == ',') {
        j->p++;
        continue;
      }
      if (j->p < j->end && *j->p == ']') {
        j->p++;
        return 0;
      }
      return fail(j, "',' or ']' expected");
    }
  }
  if (c == '{') {
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == '}') {
      j->p++;
      return 0;
    }
    for (;;) {
      ws(j);
      if (j->p >= j->end || *j->p != '"')
        return fail(j, "a member name expected");
      if (string(j, NULL) < 0)
        return -1;
      ws(j);
      if (j->p >= j->end || *j->p != ':')
        return fail(j, "':' expected");
      j->p++;
      if (value(j, NULL, NULL, depth + 1) < 0)
        return -1;
      ws(j);
      if (j->p < j->end && *j->p == ',') {
        j->p++;
        continue;
      }
      if (j->p < j->end && *j->p == '}') {
        j->p++;
        return 0;
      }
      return fail(j, "',' or '}' expected");
    }
  }
  return fail(j, "invalid value");
}

/* The fields parley reads, by rank where several name one thing. */
enum {
  F_URL,
  F_TITLE,
  F_TEXT,
  F_HTML,
  F_PUB1,
  F_PUB2,
  F_PUB3,
  F_PUB4,
  F_LANG1,
  F_LANG2,
  F_ID,
  N_FIELDS
};
static const char *const field_names[N_FIELDS] = {"url",
                                                  "title",
                                                  "text",
                                                  "html",
                                                  "published",
                                                  "date_publish",
                                                  "date_published",
                                                  "date",
                                                  "language",
                                                  "lang",
                                                  "id"};

typedef struct record {
  pl_buf f[N_FIELDS]; /* decoded values, reused across lines */
  int set[N_FIELDS];  /* whether each was given (and not null) */
  pl_buf key;         /* the member name being read */
  jp html;            /* the html value, checked but not decoded: only a
                         line without text needs it (p NULL: none) */
} record;

/* Parses one line as an object into r. Returns 0 or -1 (j->why). */
static int object(jp *j, record *r) {
  r->html.p = NULL;
  for (int i = 0; i < N_FIELDS; i++) {
    r->f[i].len = 0;
    if (r->f[i].data)
      r->f[i].data[0] = '\0';
    r->set[i] = 0;
  }
  ws(j);
  if (j->p >= j->end || *j->p != '{')
    return fail(j, "not a JSON object");
  j->p++;
  ws(j);
  if (j->p < j->end && *j->p == '}')
    j->p++;
  else
    for (;;) {
      ws(j);
      if (j->p >= j->end || *j->p != '"')
        return fail(j, "a member name expected");
      r->key.len = 0;
      if (string(j, &r->key) < 0)
        return -1;
      ws(j);
      if (j->p >= j->end || *j->p != ':')
        return fail(j, "':' expected");
      j->p++;
      int which = -1;
      for (int i = 0; i < N_FIELDS && r->key.data; i++)
        if (r->key.len == strlen(field_names[i]) &&
            !memcmp(r->key.data, field_names[i], r->key.len)) {
          which = i;
          break;
        }
      if (which == F_HTML) {
        /* Pages often come with their text, and are larger than it: the
         * value is checked now and decoded by emit_record only when the
         * line has no text (the last one counts, as for the others). */
        ws(j);
        r->html = *j;
        if (value(j, NULL, &r->set[F_HTML], 1) < 0)
          return -1;
      } else if (which >= 0) {
        r->f[which].len = 0; /* a repeated member: the last one counts */
        if (value(j, &r->f[which], &r->set[which], 1) < 0)
          return -1;
        if (r->set[which] && pl_buf_reserve(&r->f[which], 0) < 0)
          return fail(j, "out of memory");
        if (r->f[which].data)
          r->f[which].data[r->f[which].len] = '\0';
      } else if (value(j, NULL, NULL, 1) < 0)
        return -1;
      ws(j);
      if (j->p < j->end && *j->p == ',') {
        j->p++;
        continue;
      }
      if (j->p < j->end && *j->p == '}') {
        j->p++;
        break;
      }
      return fail(j, "',' or '}' expected");
    }
  ws(j);
  if (j->p != j->end)
    return fail(j, "text after the object");
  return 0;
}

static const char *field(record *r, int i) {
  return r->set[i] && r->f[i].len ? r->f[i].data : NULL;
}

/* "FILE:LINE" for messages about line no, in where (WHERE_SIZE bytes, cut
 * short like snprintf). Made only when a message needs it: most lines need
 * none. */
#define WHERE_SIZE 200
static const char *line_where(char *where, const pl_read_job *job, size_t no) {
  snprintf(where, WHERE_SIZE, "%s:%zu", job->name, no);
  return where;
}

/* Turns a parsed record into a document and emits it. */
static int emit_record(pl_read_job *job, record *r, size_t line_no,
                       pl_error *err) {
  char where[WHERE_SIZE];
  pl_doc doc = {0};
  int rc = 0;
  char *src = NULL;
  const char *id = field(r, F_ID);
  pl_buf s = {0}; /* the source: "FILE#ID" or "FILE:LINE" */
  rc = pl_buf_putv(&s, job->name, id ? "#" : ":", (const char *)NULL);
  if (!rc)
    rc = id ? pl_buf_puts(&s, id) : pl_buf_put_uint(&s, line_no);
  if (rc < 0 || !(src = pl_buf_take(&s))) {
    pl_buf_free(&s);
    return pl_error_set(err, PL_ENOMEM, line_where(where, job, line_no),
                        "out of memory");
  }
  doc.source = src;
  char *title = (char *)field(r, F_TITLE);
  char *url = (char *)field(r, F_URL);
  doc.title = title ? pl_read__squash(title) : NULL;
  doc.url = url ? pl_read__squash(url) : NULL;
  if (doc.url && !doc.url[0])
    doc.url = NULL;
  for (int i = F_PUB1; i <= F_PUB4 && !doc.published[0]; i++)
    if (field(r, i) && pl_date_parse(field(r, i), doc.published) < 0)
      doc.published[0] = '\0';
  for (int i = F_LANG1; i <= F_LANG2 && !doc.lang[0]; i++) {
    char code[8];
    if (field(r, i) && pl_read__lang_code(field(r, i), code))
      memcpy(doc.lang, code, sizeof doc.lang);
  }
  int from_html = 0;
  if (!field(r, F_TEXT) && r->set[F_HTML] && r->html.p) {
    /* no text: the html value (checked by object) decoded now */
    jp j = r->html;
    r->f[F_HTML].len = 0;
    if (value(&j, &r->f[F_HTML], &r->set[F_HTML], 1) < 0 ||
        (r->set[F_HTML] && pl_buf_reserve(&r->f[F_HTML], 0) < 0)) {
      rc = pl_error_set(err, PL_ENOMEM, line_where(where, job, line_no),
                        "out of memory");
      goto done;
    }
    if (r->f[F_HTML].data)
      r->f[F_HTML].data[r->f[F_HTML].len] = '\0';
  }
  if (field(r, F_TEXT)) {
    doc.body = r->f[F_TEXT].data;
    doc.body_len = r->f[F_TEXT].len;
  } else if (field(r, F_HTML)) {
    from_html = 1;
    pl_error herr = {0};
    if (pl_html__extract(job, r->f[F_HTML].data, r->f[F_HTML].len, "UTF-8", 0,
                         &doc, &herr) < 0) {
      if (herr.code == PL_ENOMEM) {
        rc = pl_error_set(err, PL_ENOMEM, line_where(where, job, line_no),
                          "out of memory");
        goto done;
      }
      pl_read__warn(job, line_where(where, job, line_no), "%s; line skipped",
                    herr.msg);
      goto done;
    }
  }
  rc = pl_read__emit(job, &doc, err);
  if (rc == 1) {
    pl_read__warn(job, line_where(where, job, line_no),
                  "no text (no \"text\" or \"html\" field); "
                  "line skipped");
    rc = 0;
  }
done:
  if (from_html) {
    free(doc.body);
    if (doc.title != title)
      free(doc.title);
    if (doc.url != url)
      free(doc.url);
  }
  free(src);
  return rc;
}

static int read_lines(pl_read_job *job, lines *l, pl_error *err) {
  record r;
  memset(&r, 0, sizeof r);
  int rc = 0;
  size_t no = 0;
  const char *line;
  size_t len;
  int too_long, got;
  char where[WHERE_SIZE];
  while ((got = next_line(l, &line, &len, &too_long)) > 0) {
    no++;
    job->pos = l->consumed;
    if (too_long) {
      pl_read__warn(job, line_where(where, job, no),
                    "line larger than the size limit of %zu bytes; skipped",
                    job->max_size);
      continue;
    }
    if (no == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
      line += 3; /* a BOM */
      len -= 3;
    }
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\t'))
      k++;
    if (k == len)
      continue; /* blank lines separate nothing */
    jp j = {line, line, line + len, NULL};
    if (object(&j, &r) < 0) {
      if (j.why && !strcmp(j.why, "out of memory")) {
        rc = pl_error_set(err, PL_ENOMEM, line_where(where, job, no),
                          "out of memory");
        break;
      }
      pl_read__warn(job, line_where(where, job, no),
                    "invalid JSON at column %zu: %s; line skipped",
                    (size_t)(j.p - j.start) + 1, j.why ? j.why : "?");
      continue;
    }
    if ((rc = emit_record(job, &r, no, err)) < 0)
      break;
  }
  if (got < 0 && rc >= 0)
    rc = pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
  if (rc >= 0 && l->io_error)
    rc = pl_error_set(err, PL_EIO, job->name, "read error");
  for (int i = 0; i < N_FIELDS; i++)
    pl_buf_free(&r.f[i]);
  pl_buf_free(&r.key);
  return rc;
}

static int jsonl_read(pl_read_job *job, const char *data, size_t len,
                      pl_error *err) {
  lines l = {0};
  l.blk = data;
  l.blk_len = len;
  l.max = job->max_size;
  int rc = read_lines(job, &l, err);
  pl_buf_free(&l.join);
  return rc;
}

static int jsonl_stream(pl_read_job *job, const char *head, size_t head_len,
                        FILE *f, pl_error *err) {
  lines l = {0};
  l.f = f;
  l.blk = head;
  l.blk_len = head_len;
  l.max = job->max_size;
  int rc = read_lines(job, &l, err);
  pl_buf_free(&l.join);
  free(l.own);
  return rc;
}

static int jsonl_sniff(const char *name, const char *head, size_t len) {
  if (pl_read__has_ext(name, ".jsonl") || pl_read__has_ext(name, ".ndjson") ||
      pl_read__has_ext(name, ".jsonlines"))
    return PL_SNIFF_EXT;
  size_t i = 0;
  if (len >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3))
    i = 3;
  while (i < len && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' ||
                     head[i] == '\t'))
    i++;
  return i < len && head[i] == '{' ? PL_SNIFF_CONTENT : PL_SNIFF_NO;
}

const pl_reader pl_reader_jsonl = {"jsonl", jsonl_sniff, jsonl_read,
                                   jsonl_stream};
