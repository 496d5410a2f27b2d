/* The floor for parley's text pipeline: what ICU alone costs on the same
 * articles. Reads JSONL files (the "text" field of each line), then times,
 * in CPU time, UTF-8 -> UTF-16 conversion, NFKC normalisation, and word and
 * sentence segmentation of every text with one normaliser and one pair of
 * break iterators reused. Parsing the JSON is not timed.
 *
 * Built with -DFLOOR_PARLEY and linked with libparley.a, the timed loop is
 * parley's own text pipeline instead (pl_text_segment: ICU breaks, every
 * token folded and mapped back to the original bytes), so the two builds
 * give the ratio of parley's segmentation to ICU's.
 *
 * Usage: floor FILE.jsonl...
 * Prints one line: bytes articles words sentences cpu_seconds
 * (bytes: UTF-8 bytes of the texts; words: ICU word-status segments, or
 * parley's tokens). Not part of CTest: bench/run builds it with cc and
 * pkg-config icu-uc icu-i18n. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#ifdef FLOOR_PARLEY
#include <parley/text.h>
#endif

typedef struct texts {
  char **s;   /* decoded texts (UTF-8) */
  size_t *n;  /* their lengths */
  size_t len; /* number of texts */
  size_t cap; /* slots allocated */
} texts;

static void texts_free(texts *t) {
  for (size_t i = 0; i < t->len; i++)
    free(t->s[i]);
  free(t->s);
  free(t->n);
}

static void die(const char *what) {
  fprintf(stderr, "floor: %s\n", what);
  exit(1);
}

static void put_utf8(char *o, size_t *k, uint32_t cp) {
  if (cp < 0x80) {
    o[(*k)++] = (char)cp;
  } else if (cp < 0x800) {
    o[(*k)++] = (char)(0xC0 | (cp >> 6));
    o[(*k)++] = (char)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    o[(*k)++] = (char)(0xE0 | (cp >> 12));
    o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[(*k)++] = (char)(0x80 | (cp & 0x3F));
  } else {
    o[(*k)++] = (char)(0xF0 | (cp >> 18));
    o[(*k)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[(*k)++] = (char)(0x80 | (cp & 0x3F));
  }
}

static int hex4(const char *p, uint32_t *v) {
  *v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    *v <<= 4;
    if (c >= '0' && c <= '9')
      *v |= (uint32_t)(c - '0');
    else if (c >= 'a' && c <= 'f')
      *v |= (uint32_t)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      *v |= (uint32_t)(c - 'A' + 10);
    else
      return 0;
  }
  return 1;
}

/* Parses the JSON string at *p (at its opening quote); with out, decodes
 * it into out (as long as the source) and sets *olen. Returns 0 on a
 * malformed string. */
static int json_string(const char **p, const char *end, char *out,
                       size_t *olen) {
  const char *s = *p + 1;
  size_t k = 0;
  while (s < end && *s != '"') {
    if (*s != '\\') {
      if (out)
        out[k++] = *s;
      s++;
      continue;
    }
    if (++s >= end)
      return 0;
    char c = *s++;
    uint32_t cp;
    switch (c) {
    case 'n': cp = '\n'; break;
    case 't': cp = '\t'; break;
    case 'r': cp = '\r'; break;
    case 'b': cp = '\b'; break;
    case 'f': cp = '\f'; break;
    case 'u':
      if (end - s < 4 || !hex4(s, &cp))
        return 0;
      s += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF && end - s >= 6 && s[0] == '\\' &&
          s[1] == 'u') {
        uint32_t lo;
        if (hex4(s + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          s += 6;
        }
      }
      if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 0xFFFD;
      break;
    default: cp = (unsigned char)c; break;
    }
    if (out && cp)
      put_utf8(out, &k, cp);
  }
  if (s >= end)
    return 0;
  *p = s + 1;
  if (olen)
    *olen = k;
  return 1;
}

/* Skips one JSON value at *p (strings, numbers, literals, nesting). */
static int json_skip(const char **p, const char *end) {
  const char *s = *p;
  if (s < end && *s == '"')
    return json_string(p, end, NULL, NULL);
  int depth = 0;
  while (s < end) {
    if (*s == '"') {
      if (!json_string(&s, end, NULL, NULL))
        return 0;
      continue;
    }
    if (*s == '{' || *s == '[')
      depth++;
    else if (*s == '}' || *s == ']') {
      if (depth == 0)
        break;
      depth--;
    } else if (*s == ',' && depth == 0)
      break;
    s++;
  }
  *p = s;
  return 1;
}

static const char *ws(const char *s, const char *end) {
  while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
    s++;
  return s;
}

/* Adds the "text" field of one JSON object line, if any. */
static void add_line(texts *t, const char *s, const char *end) {
  s = ws(s, end);
  if (s >= end || *s != '{')
    return;
  s++;
  for (;;) {
    s = ws(s, end);
    if (s >= end || *s != '"')
      return;
    const char *k0 = s + 1;
    if (!json_string(&s, end, NULL, NULL))
      return;
    size_t klen = (size_t)(s - 1 - k0);
    s = ws(s, end);
    if (s >= end || *s != ':')
      return;
    s = ws(s + 1, end);
    if (klen == 4 && !memcmp(k0, "text", 4) && s < end && *s == '"') {
      char *out = malloc((size_t)(end - s) + 1);
      size_t n;
      if (!out)
        die("out of memory");
      if (!json_string(&s, end, out, &n)) {
        free(out);
        return;
      }
      if (t->len == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 1024;
        t->s = realloc(t->s, t->cap * sizeof *t->s);
        t->n = realloc(t->n, t->cap * sizeof *t->n);
        if (!t->s || !t->n)
          die("out of memory");
      }
      t->s[t->len] = out;
      t->n[t->len++] = n;
      return;
    }
    if (!json_skip(&s, end))
      return;
    s = ws(s, end);
    if (s >= end || *s != ',')
      return;
    s++;
  }
}

static void read_jsonl(texts *t, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(1);
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0)
    add_line(t, line, line + n);
  free(line);
  fclose(f);
}

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: floor FILE.jsonl...\n");
    return 2;
  }
  texts t = {0};
  for (int i = 1; i < argc; i++)
    read_jsonl(&t, argv[i]);
#ifdef FLOOR_PARLEY
  pl_segmenter *seg;
  pl_error err = {0};
  pl_text text = {0};
  size_t pbytes = 0, toks = 0, psents = 0;
  if (pl_segmenter_new(&seg, &err) < 0)
    die("pl_segmenter_new failed");
  double p0 = cpu_now();
  for (size_t i = 0; i < t.len; i++) {
    if (pl_text_segment(seg, t.s[i], t.n[i], &text, &err) < 0)
      die("pl_text_segment failed");
    pbytes += t.n[i];
    toks += text.ntoks;
    psents += text.nsents;
  }
  double psecs = cpu_now() - p0;
  printf("%zu %zu %zu %zu %.6f\n", pbytes, t.len, toks, psents, psecs);
  pl_text_clear(&text);
  pl_segmenter_free(seg);
  texts_free(&t);
  u_cleanup();
  return 0;
#endif
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
  UBreakIterator *wb = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
  UBreakIterator *sb = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &st);
  if (U_FAILURE(st))
    die(u_errorName(st));
  size_t cap = 0;
  UChar *u16 = NULL, *nf = NULL;
  size_t bytes = 0, words = 0, sents = 0;
  double t0 = cpu_now();
  for (size_t i = 0; i < t.len; i++) {
    size_t need = t.n[i] * 2 + 16; /* NFKC may expand */
    if (need > cap) {
      cap = need;
      u16 = realloc(u16, cap * sizeof *u16);
      nf = realloc(nf, cap * sizeof *nf);
      if (!u16 || !nf)
        die("out of memory");
    }
    bytes += t.n[i];
    int32_t n16 = 0;
    st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u16, (int32_t)cap, &n16, t.s[i], (int32_t)t.n[i],
                         0xFFFD, NULL, &st);
    int32_t nn = unorm2_normalize(nfkc, u16, n16, nf, (int32_t)cap, &st);
    if (U_FAILURE(st))
      die(u_errorName(st));
    ubrk_setText(wb, nf, nn, &st);
    ubrk_setText(sb, nf, nn, &st);
    if (U_FAILURE(st))
      die(u_errorName(st));
    ubrk_first(wb);
    while (ubrk_next(wb) != UBRK_DONE)
      if (ubrk_getRuleStatus(wb) >= UBRK_WORD_NONE_LIMIT)
        words++;
    ubrk_first(sb);
    while (ubrk_next(sb) != UBRK_DONE)
      sents++;
  }
  double secs = cpu_now() - t0;
  printf("%zu %zu %zu %zu %.6f\n", bytes, t.len, words, sents, secs);
  ubrk_close(wb);
  ubrk_close(sb);
  free(u16);
  free(nf);
  texts_free(&t);
  u_cleanup();
  return 0;
}
