/* The plain-text reader, and the decoding every reader of bytes shares:
 * BOMs, UTF-8, and legacy encodings (windows-1256, ISO-8859-6,
 * windows-1252 ...) guessed with ICU's charset detector and converted with
 * ucnv. */
#include "reader.h"

#include <parley/error.h>

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

/* Confidence (0..100) under which a guessed encoding is reported. */
#define SURE_CONFIDENCE 50
/* How many bytes the detector and the binary check look at. */
#define SAMPLE_SIZE ((size_t)1 << 20)

size_t pl_text__utf8_seq(const unsigned char *s, size_t n, size_t i) {
  unsigned c = s[i];
  size_t k;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    k = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    k = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    k = 4;
  else
    return 0;
  if (k > n - i)
    return 0;
  for (size_t j = 1; j < k; j++)
    if ((s[i + j] & 0xC0) != 0x80)
      return 0;
  unsigned c1 = s[i + 1];
  if (k == 3 && ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)))
    return 0;
  if (k == 4 && ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)))
    return 0;
  return k;
}

int pl_text__valid_utf8(const char *data, size_t len) {
  const unsigned char *s = (const unsigned char *)data;
  size_t i = 0;
  while (i < len) {
    /* Fast path over ASCII, eight bytes at a time. */
    while (i + 8 <= len) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ULL)
        break;
      i += 8;
    }
    if (i >= len)
      break;
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    /* Fast path: two-byte sequences (Arabic, accented Latin). */
    while (c >= 0xC2 && c <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
      i += 2;
      if (i >= len)
        return 1;
      c = s[i];
      if (c == 0x20 && i + 1 < len && s[i + 1] >= 0xC2 && s[i + 1] <= 0xDF) {
        i++;
        c = s[i];
      }
    }
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t n = pl_text__utf8_seq(s, len, i);
    if (!n)
      return 0; /* invalid, overlong, a surrogate or past U+10FFFF */
    i += n;
  }
  return 1;
}

int pl_text__repair_utf8(char **s, size_t *len) {
  if (!*s)
    return 0;
  size_t n = len ? *len : strlen(*s);
  if (pl_text__valid_utf8(*s, n))
    return 0;
  const unsigned char *u = (const unsigned char *)*s;
  size_t bad = 0;
  for (size_t i = 0; i < n;) {
    size_t k = pl_text__utf8_seq(u, n, i);
    if (!k) {
      bad++;
      k = 1;
    }
    i += k;
  }
  if (bad > (SIZE_MAX - n - 1) / 2)
    return PL_ENOMEM;
  char *out = malloc(n + 2 * bad + 1);
  if (!out)
    return PL_ENOMEM;
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    size_t k = pl_text__utf8_seq(u, n, i);
    if (k) {
      memcpy(out + w, u + i, k);
      w += k;
      i += k;
    } else {
      memcpy(out + w, "\xEF\xBF\xBD", 3);
      w += 3;
      i++;
    }
  }
  out[w] = '\0';
  free(*s);
  *s = out;
  if (len)
    *len = w;
  return 0;
}

int pl_text__guess(const char *data, size_t len, int html, char name[64]) {
  UErrorCode st = U_ZERO_ERROR;
  UCharsetDetector *csd = ucsdet_open(&st);
  if (U_FAILURE(st))
    return -1;
  int conf = -1;
  if (len > SAMPLE_SIZE)
    len = SAMPLE_SIZE;
  ucsdet_enableInputFilter(csd, html ? 1 : 0);
  ucsdet_setText(csd, data, (int32_t)len, &st);
  const UCharsetMatch *m = U_SUCCESS(st) ? ucsdet_detect(csd, &st) : NULL;
  if (m && U_SUCCESS(st)) {
    const char *n = ucsdet_getName(m, &st);
    int32_t c = ucsdet_getConfidence(m, &st);
    if (U_SUCCESS(st) && n) {
      snprintf(name, 64, "%s", n);
      conf = (int)c;
    }
  }
  ucsdet_close(csd);
  return conf;
}

/* Converts len bytes in encoding from to malloc'ed UTF-8. */
static int convert(pl_read_job *job, const char *from, const char *data,
                   size_t len, char **out, size_t *out_len, pl_error *err) {
  if (len > INT32_MAX / 4)
    return pl_error_set(err, PL_ETOOBIG, job->name,
                        "too large to convert from %s", from);
  UErrorCode st = U_ZERO_ERROR;
  UConverter *cnv = ucnv_open(from, &st);
  if (U_FAILURE(st))
    return pl_error_set(err, PL_EUSAGE, NULL, "unknown encoding '%s'", from);
  ucnv_close(cnv);
  st = U_ZERO_ERROR;
  int32_t need = ucnv_convert("UTF-8", from, NULL, 0, data, (int32_t)len, &st);
  if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
    return pl_error_set(err, PL_EINPUT, job->name, "cannot convert from %s: %s",
                        from, u_errorName(st));
  char *buf = malloc((size_t)need + 1);
  if (!buf)
    return pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
  st = U_ZERO_ERROR;
  int32_t got =
      ucnv_convert("UTF-8", from, buf, need + 1, data, (int32_t)len, &st);
  if (U_FAILURE(st)) {
    free(buf);
    return pl_error_set(err, PL_EINPUT, job->name, "cannot convert from %s: %s",
                        from, u_errorName(st));
  }
  buf[got] = '\0';
  *out = buf;
  *out_len = (size_t)got;
  return 0;
}

/* True when the bytes look binary: more than 1% control characters other
 * than tab, line feeds, form feed and escape (NUL counts). */
static int looks_binary(const char *data, size_t len) {
  const unsigned char *s = (const unsigned char *)data;
  if (len > SAMPLE_SIZE)
    len = SAMPLE_SIZE;
  size_t ctrl = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned c = s[i];
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
        c != 0x1B)
      ctrl++;
  }
  return ctrl * 100 > len;
}

int pl_text__decode(pl_read_job *job, const char *data, size_t len, int html,
                    char **out, size_t *out_len, pl_error *err) {
  const unsigned char *u = (const unsigned char *)data;
  const char *forced = job->opts->encoding;
  *out = NULL;
  *out_len = 0;
  if (forced)
    return convert(job, forced, data, len, out, out_len, err);
  if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3])
    return convert(job, "UTF-32LE", data + 4, len - 4, out, out_len, err);
  if (len >= 4 && !u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF)
    return convert(job, "UTF-32BE", data + 4, len - 4, out, out_len, err);
  if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    return convert(job, "UTF-16LE", data + 2, len - 2, out, out_len, err);
  if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    return convert(job, "UTF-16BE", data + 2, len - 2, out, out_len, err);
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    data += 3;
    len -= 3;
  }
  if (looks_binary(data, len))
    return pl_error_set(err, PL_EINPUT, job->name, "not text (binary data)");
  if (pl_text__valid_utf8(data, len)) {
    char *buf = malloc(len + 1);
    if (!buf)
      return pl_error_set(err, PL_ENOMEM, job->name, "out of memory");
    memcpy(buf, data, len);
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return 0;
  }
  char name[64];
  int conf = pl_text__guess(data, len, html, name);
  if (conf < 0 || !strncmp(name, "UTF-8", 5))
    return pl_error_set(err, PL_EINPUT, job->name,
                        "not text (invalid UTF-8 and no known encoding)");
  if (conf < SURE_CONFIDENCE)
    pl_read__warn(job, NULL,
                  "unsure of the encoding: read as %s (confidence %d%%); "
                  "use --encoding to say",
                  name, conf);
  /* The detector names the text direction of EBCDIC Arabic and Hebrew
   * (IBM420_rtl): the converter knows the code page alone. */
  size_t nl = strlen(name);
  if (nl > 4 && (!strcmp(name + nl - 4, "_rtl") ||
                 !strcmp(name + nl - 4, "_ltr")))
    name[nl - 4] = '\0';
  pl_error cerr = {0};
  int rc = convert(job, name, data, len, out, out_len, &cerr);
  if (rc == PL_EUSAGE) /* a guess ICU cannot convert from: not the user's */
    return pl_error_set(err, PL_EINPUT, job->name,
                        "not text (guessed encoding %s is not supported)",
                        name);
  if (rc < 0)
    return pl_error_set(err, cerr.code, cerr.where[0] ? cerr.where : NULL,
                        "%s", cerr.msg);
  return 0;
}

/* Number of characters (not bytes) in s[0..n). */
static size_t char_count(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      c++;
  return c;
}

/* The line starting at s: its length without "\r\n", and where the next
 * line starts. */
static size_t line_at(const char *s, const char *end, const char **next) {
  const char *nl = memchr(s, '\n', (size_t)(end - s));
  const char *e = nl ? nl : end;
  *next = nl ? nl + 1 : end;
  while (e > s && isspace((unsigned char)e[-1]))
    e--;
  return (size_t)(e - s);
}

static int blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isspace((unsigned char)s[i]))
      return 0;
  return 1;
}

/* A plain text's title: its first line when that line reads as a headline —
 * followed by more text, 2 to 25 words, at most 300 bytes, not ending like
 * a sentence or a clause, and not the first line of a hard-wrapped
 * paragraph (three lines in a row of 40 to 100 characters). Returns a
 * malloc'ed copy or NULL. */
static char *text_title(const char *body, size_t len) {
  const char *end = body + len, *p = body, *next;
  while (p < end) {
    size_t n = line_at(p, end, &next);
    if (!blank(p, n))
      break;
    p = next;
  }
  while (p < end && isspace((unsigned char)*p))
    p++;
  if (p >= end)
    return NULL;
  size_t n = line_at(p, end, &next);
  if (!n || n > 300 || blank(next, (size_t)(end - next)))
    return NULL;
  /* Words. */
  size_t words = 0;
  for (size_t i = 0; i < n; i++)
    if (!isspace((unsigned char)p[i]) &&
        (i == 0 || isspace((unsigned char)p[i - 1])))
      words++;
  if (words < 2 || words > 25)
    return NULL;
  /* Sentence or clause endings: . , ; : ! and Arabic comma, semicolon. */
  unsigned char last = (unsigned char)p[n - 1];
  if (strchr(".,;:!", last))
    return NULL;
  if (n >= 2 && (unsigned char)p[n - 2] == 0xD8 &&
      (last == 0x8C || last == 0x9B)) /* U+060C ، U+061B ؛ */
    return NULL;
  /* Hard wrapping. */
  const char *l2 = next, *l3;
  size_t n2 = line_at(l2, end, &l3), n3 = 0;
  if (l3 < end) {
    const char *l4;
    n3 = line_at(l3, end, &l4);
  }
  size_t c1 = char_count(p, n), c2 = char_count(l2, n2),
         c3 = char_count(l3, n3);
  if (c1 >= 40 && c1 <= 100 && c2 >= 40 && c2 <= 100 && c3 >= 40 && c3 <= 100)
    return NULL;
  char *t = malloc(n + 1);
  if (!t)
    return NULL;
  memcpy(t, p, n);
  t[n] = '\0';
  return pl_read__squash(t);
}

static int text_sniff(const char *name, const char *head, size_t len) {
  (void)head;
  (void)len;
  return pl_read__has_ext(name, ".txt") || pl_read__has_ext(name, ".text")
             ? PL_SNIFF_EXT
             : PL_SNIFF_NO;
}

static int text_read(pl_read_job *job, const char *data, size_t len,
                     pl_error *err) {
  pl_doc doc = {0};
  int rc = pl_text__decode(job, data, len, 0, &doc.body, &doc.body_len, err);
  if (rc < 0)
    return rc;
  doc.title = text_title(doc.body, doc.body_len);
  rc = pl_read__emit(job, &doc, err);
  if (rc == 1)
    rc = pl_error_set(err, PL_EINPUT, job->name, "empty file");
  pl_doc_clear(&doc);
  return rc;
}

const pl_reader pl_reader_text = {"text", text_sniff, text_read, NULL};
