/* The text pipeline: ICU sentence and word breaks over UTF-16, each word
 * folded for matching, every token mapped back to the original bytes. */
#include <parley/text.h>

#include "buf.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

struct pl_segmenter {
  UBreakIterator *words; /* word breaks (root locale) */
  UBreakIterator *sents; /* sentence breaks, with abbreviation suppression */
  UChar *u16;            /* the text as UTF-16 */
  uint32_t *map;         /* UTF-16 index -> byte offset; map[len] = bytes */
  size_t cap;            /* units allocated in u16 and map */
  uint8_t ar_class[256]; /* U+0600..U+06FF: bit 1 u_isdigit, bit 2
                            u_isalpha (ICU's answers, asked once) */
};

typedef struct text_impl {
  size_t capnorm;  /* bytes allocated in norm */
  size_t captoks;  /* tokens allocated */
  size_t capsents; /* sentences allocated */
} text_impl;

/* pl_utf8_next, inlined in this file's loops. */
static inline uint32_t utf8_dec(const char *str, size_t n, size_t *i) {
  const unsigned char *s = (const unsigned char *)str;
  size_t p = *i;
  unsigned c = s[p];
  uint32_t cp;
  size_t len;
  if (c < 0x80) {
    *i = p + 1;
    return c;
  }
  if (c >= 0xC2 && c <= 0xDF && p + 1 < n && (s[p + 1] & 0xC0) == 0x80) {
    *i = p + 2; /* two bytes (Arabic letters): the common case */
    return ((uint32_t)(c & 0x1F) << 6) | (s[p + 1] & 0x3F);
  }
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    *i = p + 1;
    return 0xFFFD;
  }
  if (p + len > n) {
    *i = p + 1;
    return 0xFFFD;
  }
  for (size_t k = 1; k < len; k++) {
    if ((s[p + k] & 0xC0) != 0x80) {
      *i = p + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (s[p + k] & 0x3F);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    *i = p + 1;
    return 0xFFFD;
  }
  *i = p + len;
  return cp;
}

uint32_t pl_utf8_next(const char *str, size_t n, size_t *i) {
  return utf8_dec(str, n, i);
}

/* Appends cp as UTF-8 to b, keeping b NUL-terminated (pl_buf_put_cp
 * without the call). */
static inline int put_cp(pl_buf *b, uint32_t cp) {
  if (b->len + 5 > b->cap && pl_buf_reserve(b, 4) < 0)
    return PL_ENOMEM;
  char *o = b->data + b->len;
  if (cp < 0x80) {
    o[0] = (char)cp;
    b->len += 1;
  } else if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    b->len += 2;
  } else if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    b->len += 3;
  } else {
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    b->len += 4;
  }
  b->data[b->len] = '\0';
  return 0;
}

/* Arabic-block folding. Returns the folded code point, 0 to drop it, or
 * 0xFFFFFFFF when cp is not a simple case (take the slow path). */
static uint32_t fold_fast(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0x0600 && cp <= 0x06FF) {
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 ||
        (cp >= 0x06D6 && cp <= 0x06ED))
      return 0;
    switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671:
      return 0x0627;
    case 0x0649: case 0x06CC: case 0x0626:
      return 0x064A;
    case 0x0629:
      return 0x0647;
    case 0x0624:
      return 0x0648;
    case 0x06A9:
      return 0x0643;
    default:
      break;
    }
    if (cp >= 0x0660 && cp <= 0x0669)
      return '0' + (cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9)
      return '0' + (cp - 0x06F0);
    return cp;
  }
  /* zero-width and bidi controls vanish */
  if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x00AD)
    return 0;
  return 0xFFFFFFFF;
}

/* Folds one code point onto b. */
static int fold_cp(pl_buf *b, uint32_t cp) {
  uint32_t f = fold_fast(cp);
  if (f == 0)
    return 0;
  if (f != 0xFFFFFFFF)
    return put_cp(b, f);
  /* slow path: compatibility decomposition, case fold, marks dropped */
  UErrorCode st = U_ZERO_ERROR;
  const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&st);
  UChar in[2], out[32];
  int32_t nin = 0;
  U16_APPEND_UNSAFE(in, nin, cp);
  int32_t nout = U_SUCCESS(st)
                     ? unorm2_normalize(nfkd, in, nin, out, 32, &st)
                     : 0;
  if (U_FAILURE(st)) {
    nout = nin;
    memcpy(out, in, sizeof(UChar) * (size_t)nin);
  }
  for (int32_t k = 0; k < nout;) {
    UChar32 c;
    U16_NEXT(out, k, nout, c);
    if (u_charType(c) == U_NON_SPACING_MARK)
      continue;
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    uint32_t g = fold_fast((uint32_t)c);
    if (g == 0)
      continue;
    if (put_cp(b, g == 0xFFFFFFFF ? (uint32_t)c : g) < 0)
      return PL_ENOMEM;
  }
  return 0;
}

/* pl_text_fold's fast path as a table: ASCII (0-127) and U+0600-U+067F
 * (128-255, the core Arabic letters, two bytes in UTF-8) to their folds,
 * 0 for what folding drops, "." and "'" too ("U.S." folds like "US").
 * Every fold there is one or two bytes. Filled once from fold_fast. */
static uint16_t fast_fold[256];
static once_flag fast_fold_once = ONCE_FLAG_INIT;

static void fast_fold_init(void) {
  for (uint32_t k = 0; k < 256; k++) {
    uint32_t cp = k < 128 ? k : 0x0600 + (k - 128);
    fast_fold[k] = cp == '.' || cp == '\'' ? 0 : (uint16_t)fold_fast(cp);
  }
}

int pl_text_fold(const char *s, size_t n, void *out) {
  pl_buf *b = out;
  call_once(&fast_fold_once, fast_fold_init);
  /* the fast path writes at most what it reads */
  if (pl_buf_reserve(b, n) < 0)
    return PL_ENOMEM;
  size_t i = 0;
  while (i < n) {
    unsigned c0 = (unsigned char)s[i], k;
    if (c0 < 0x80) {
      k = c0;
      i++;
    } else if ((c0 == 0xD8 || c0 == 0xD9) && i + 1 < n &&
               ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
      k = 128 + (((c0 & 1) << 6) | ((unsigned char)s[i + 1] & 0x3F));
      i += 2;
    } else {
      uint32_t cp = utf8_dec(s, n, &i);
      if (cp == '.' || cp == '\'' || cp == 0x2019)
        continue; /* "U.S." folds like "US" */
      /* the slow path may write more than it read */
      if (fold_cp(b, cp) < 0 || pl_buf_reserve(b, n - i) < 0)
        return PL_ENOMEM;
      continue;
    }
    uint32_t f = fast_fold[k];
    if (f == 0)
      continue;
    if (f < 0x80) {
      b->data[b->len++] = (char)f;
    } else {
      b->data[b->len++] = (char)(0xC0 | (f >> 6));
      b->data[b->len++] = (char)(0x80 | (f & 0x3F));
    }
  }
  b->data[b->len] = '\0';
  return 0;
}

/* Is cp part of a word for phrase folding? */
static int wordish(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  return u_isalnum((UChar32)cp) || u_charType((UChar32)cp) == U_NON_SPACING_MARK ||
         cp == 0x0640 || fold_fast(cp) == 0;
}

int pl_text_fold_phrase(const char *s, size_t n, void *out) {
  pl_buf *b = out;
  size_t i = 0, start = b->len;
  int in_word = 0;
  while (i < n) {
    size_t at = i;
    uint32_t cp = pl_utf8_next(s, n, &i);
    if (cp == '.' && in_word && i < n) {
      size_t j = i;
      uint32_t nx = pl_utf8_next(s, n, &j);
      if (wordish(nx) && nx != 0x0640)
        continue; /* "U.S" */
    }
    if (wordish(cp)) {
      if (!in_word && b->len > start && pl_buf_putc(b, ' ') < 0)
        return PL_ENOMEM;
      in_word = 1;
      if (pl_text_fold(s + at, i - at, b) < 0)
        return PL_ENOMEM;
    } else
      in_word = 0;
  }
  return 0;
}

int pl_segmenter_new(pl_segmenter **out, pl_error *err) {
  *out = NULL;
  pl_segmenter *seg = calloc(1, sizeof *seg);
  if (!seg)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  UErrorCode st = U_ZERO_ERROR;
  seg->words = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
  if (U_SUCCESS(st))
    seg->sents = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &st);
  if (U_FAILURE(st)) {
    pl_segmenter_free(seg);
    return pl_error_set(err, PL_EINPUT, NULL, "icu break iterator: %s",
                        u_errorName(st));
  }
  for (int k = 0; k < 256; k++)
    seg->ar_class[k] = (uint8_t)((u_isdigit(0x0600 + k) ? 1 : 0) |
                                 (u_isalpha(0x0600 + k) ? 2 : 0));
  *out = seg;
  return 0;
}

void pl_segmenter_free(pl_segmenter *seg) {
  if (!seg)
    return;
  if (seg->words)
    ubrk_close(seg->words);
  if (seg->sents)
    ubrk_close(seg->sents);
  free(seg->u16);
  free(seg->map);
  free(seg);
}

void pl_text_clear(pl_text *t) {
  if (!t)
    return;
  free(t->norm);
  free(t->toks);
  free(t->sents);
  free(t->impl);
  memset(t, 0, sizeof *t);
}

/* Converts src to UTF-16 with the index map. */
static int to_utf16(pl_segmenter *seg, const char *src, size_t len,
                    int32_t *u16len) {
  if (len + 1 > seg->cap) {
    size_t cap = len + 1 < 1024 ? 1024 : len + 1;
    UChar *u = realloc(seg->u16, cap * sizeof *u);
    if (u)
      seg->u16 = u;
    uint32_t *m = realloc(seg->map, (cap + 1) * sizeof *m);
    if (m)
      seg->map = m;
    if (!u || !m)
      return PL_ENOMEM;
    seg->cap = cap;
  }
  size_t i = 0;
  int32_t k = 0;
  while (i < len) {
    size_t at = i;
    uint32_t cp;
    if ((unsigned char)src[i] < 0x80)
      cp = (unsigned char)src[i++];
    else
      cp = utf8_dec(src, len, &i);
    if (cp == 0)
      cp = ' ';
    if (cp >= 0x10000) {
      seg->map[k] = (uint32_t)at;
      seg->u16[k++] = (UChar)(0xD7C0 + (cp >> 10));
      seg->map[k] = (uint32_t)at;
      seg->u16[k++] = (UChar)(0xDC00 | (cp & 0x3FF));
    } else {
      seg->map[k] = (uint32_t)at;
      seg->u16[k++] = (UChar)cp;
    }
  }
  seg->map[k] = (uint32_t)len;
  *u16len = k;
  return 0;
}

static int push_token(pl_text *t, text_impl *im, pl_buf *norm, uint32_t s,
                      uint32_t e, int kind, int flags, uint32_t sent) {
  if (t->ntoks == im->captoks) {
    size_t cap = im->captoks ? im->captoks * 2 : 256;
    pl_token *p = realloc(t->toks, cap * sizeof *p);
    if (!p)
      return PL_ENOMEM;
    t->toks = p;
    im->captoks = cap;
  }
  pl_token *tk = &t->toks[t->ntoks];
  tk->start = s;
  tk->end = e;
  tk->kind = (uint8_t)kind;
  tk->flags = (uint8_t)flags;
  tk->sent = sent;
  tk->norm = (uint32_t)norm->len;
  if (kind == PL_TOK_PUNCT) {
    if (pl_buf_append(norm, t->src + s, e - s) < 0)
      return PL_ENOMEM;
  } else if (pl_text_fold(t->src + s, e - s, norm) < 0)
    return PL_ENOMEM;
  size_t nl = norm->len - tk->norm;
  tk->norm_len = (uint16_t)(nl > 65535 ? 65535 : nl);
  if (pl_buf_putc(norm, '\0') < 0)
    return PL_ENOMEM;
  t->ntoks++;
  return 0;
}

/* Splits a word into runs (Arabic letters | digits; "'s" apart) and pushes
 * each as a token. */
static int push_word(const pl_segmenter *seg, pl_text *t, text_impl *im,
                     pl_buf *norm, uint32_t s, uint32_t e, int para,
                     uint32_t sent) {
  const char *src = t->src;
  size_t i = s;
  uint32_t run = s;
  int prev = -1; /* 0 letter, 1 digit */
  int flags = para ? PL_TOKF_PARA : 0;
  while (i < e) {
    size_t at = i;
    uint32_t cp = utf8_dec(src, e, &i);
    if (cp == '\'' || cp == 0x2019) {
      if (at > run) {
        if (push_token(t, im, norm, run, (uint32_t)at,
                       prev == 1 ? PL_TOK_NUM : PL_TOK_WORD, flags, sent) < 0)
          return PL_ENOMEM;
        flags = 0;
      }
      run = (uint32_t)i;
      prev = -1;
      continue;
    }
    int arabic = cp >= 0x0600 && cp <= 0x06FF;
    int digit, alpha;
    if (cp < 0x80) {
      digit = cp >= '0' && cp <= '9';
      alpha = (cp | 32) >= 'a' && (cp | 32) <= 'z';
    } else if (arabic) {
      digit = seg->ar_class[cp - 0x0600] & 1;
      alpha = (seg->ar_class[cp - 0x0600] >> 1) & 1;
    } else {
      digit = u_isdigit((UChar32)cp) ? 1 : 0;
      alpha = u_isalpha((UChar32)cp) ? 1 : 0;
    }
    if (prev >= 0 && digit != prev && (arabic || prev == 0) && at > run &&
        (arabic || (src[run] & 0x80))) {
      if (push_token(t, im, norm, run, (uint32_t)at,
                     prev == 1 ? PL_TOK_NUM : PL_TOK_WORD, flags, sent) < 0)
        return PL_ENOMEM;
      flags = 0;
      run = (uint32_t)at;
    }
    if (alpha || digit)
      prev = digit;
  }
  if (e > run) {
    /* script flags from the run's first letter */
    size_t j = run;
    uint32_t cp = pl_utf8_next(src, e, &j);
    if (cp >= 0x0600 && cp <= 0x06FF)
      flags |= PL_TOKF_ARABIC;
    else if (cp < 0x250 && u_isalpha((UChar32)cp)) {
      flags |= PL_TOKF_LATIN;
      if (u_isupper((UChar32)cp))
        flags |= PL_TOKF_UPPER;
    }
    if (push_token(t, im, norm, run, e, prev == 1 ? PL_TOK_NUM : PL_TOK_WORD,
                   flags, sent) < 0)
      return PL_ENOMEM;
  }
  /* script flags for earlier runs of this word */
  return 0;
}

/* Does [s, e) end with a dotted capital abbreviation such as "U.S." or
 * "U.N."? */
static int ends_abbrev(const char *src, uint32_t s, uint32_t e) {
  if (e - s < 4 || src[e - 1] != '.')
    return 0;
  uint32_t p = e;
  int pairs = 0;
  while (p - s >= 2 && src[p - 1] == '.' && src[p - 2] >= 'A' && src[p - 2] <= 'Z') {
    pairs++;
    p -= 2;
  }
  return pairs >= 2 && (p == s || src[p - 1] == ' ' || src[p - 1] == '(');
}

static int push_sentence(pl_text *t, text_impl *im, uint32_t s, uint32_t e,
                         uint32_t para) {
  if (t->nsents == im->capsents) {
    size_t cap = im->capsents ? im->capsents * 2 : 64;
    pl_sentence *p = realloc(t->sents, cap * sizeof *p);
    if (!p)
      return PL_ENOMEM;
    t->sents = p;
    im->capsents = cap;
  }
  pl_sentence *sn = &t->sents[t->nsents++];
  sn->start = s;
  sn->end = e;
  sn->first = (uint32_t)t->ntoks;
  sn->count = 0;
  sn->para = para;
  return 0;
}

int pl_text_segment(pl_segmenter *seg, const char *src, size_t len,
                    pl_text *t, pl_error *err) {
  if (len >= 0x7FFFFFFF)
    return pl_error_set(err, PL_ETOOBIG, NULL, "text too large to segment");
  if (!t->impl && !(t->impl = calloc(1, sizeof(text_impl))))
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  text_impl *im = t->impl;
  t->src = src;
  t->len = len;
  t->ntoks = t->nsents = 0;
  pl_buf norm = {t->norm, 0, im->capnorm};
  int32_t n16;
  int rc = 0;
  if (to_utf16(seg, src, len, &n16) < 0) {
    rc = PL_ENOMEM;
    goto done;
  }
  UErrorCode st = U_ZERO_ERROR;
  ubrk_setText(seg->sents, seg->u16, n16, &st);
  ubrk_setText(seg->words, seg->u16, n16, &st);
  if (U_FAILURE(st)) {
    rc = pl_error_set(err, PL_EINPUT, NULL, "icu: %s", u_errorName(st));
    goto done;
  }
  /* Sentences, split further at newlines; trailing spaces trimmed. */
  uint32_t para = 0;
  int32_t a = ubrk_first(seg->sents);
  for (int32_t b = ubrk_next(seg->sents); b != UBRK_DONE;
       a = b, b = ubrk_next(seg->sents)) {
    int32_t x = a;
    while (x < b) {
      while (x < b && u_isUWhiteSpace(seg->u16[x])) {
        if (seg->u16[x] == '\n')
          para++;
        x++;
      }
      if (x >= b)
        break;
      int32_t y = x;
      while (y < b && seg->u16[y] != '\n')
        y++;
      int32_t z = y;
      while (z > x && u_isUWhiteSpace(seg->u16[z - 1]))
        z--;
      /* ICU breaks after "U.S." before a capital: join such sentences */
      if (t->nsents && t->sents[t->nsents - 1].para == para &&
          ends_abbrev(src, t->sents[t->nsents - 1].start,
                      t->sents[t->nsents - 1].end)) {
        t->sents[t->nsents - 1].end = seg->map[z];
        x = y;
        continue;
      }
      if (push_sentence(t, im, seg->map[x], seg->map[z], para) < 0) {
        rc = PL_ENOMEM;
        goto done;
      }
      x = y;
    }
  }
  /* Words, assigned to sentences by position. */
  size_t si = 0;
  uint32_t last_para = (uint32_t)-1;
  a = ubrk_first(seg->words);
  for (int32_t b = ubrk_next(seg->words); b != UBRK_DONE;
       a = b, b = ubrk_next(seg->words)) {
    uint32_t s = seg->map[a], e = seg->map[b];
    while (si < t->nsents && t->sents[si].end <= s)
      si++;
    if (si >= t->nsents)
      break;
    if (s < t->sents[si].start)
      continue; /* whitespace between sentences */
    int status = ubrk_getRuleStatus(seg->words);
    int newpara = t->sents[si].para != last_para;
    if (status >= UBRK_WORD_NONE_LIMIT) {
      if (push_word(seg, t, im, &norm, s, e, newpara, (uint32_t)si) < 0) {
        rc = PL_ENOMEM;
        goto done;
      }
    } else {
      /* "U.S.": the final dot of an abbreviation stays with its word */
      if (t->ntoks && b - a == 1 && seg->u16[a] == '.' &&
          t->toks[t->ntoks - 1].end == s && t->toks[t->ntoks - 1].kind == PL_TOK_WORD &&
          memchr(src + t->toks[t->ntoks - 1].start, '.',
                 t->toks[t->ntoks - 1].end - t->toks[t->ntoks - 1].start) &&
          b < n16 && u_isUWhiteSpace(seg->u16[b]) && b + 1 < n16 &&
          !u_isUWhiteSpace(seg->u16[b + 1])) {
        t->toks[t->ntoks - 1].end = e;
        continue;
      }
      /* punctuation: one token per code point; spaces dropped */
      for (int32_t k = a; k < b;) {
        UChar32 c;
        int32_t k0 = k;
        U16_NEXT(seg->u16, k, b, c);
        if (u_isUWhiteSpace(c) || c == 0x200C || c == 0x200D ||
            c == 0x200F || c == 0x200E)
          continue;
        if (push_token(t, im, &norm, seg->map[k0], seg->map[k], PL_TOK_PUNCT,
                       newpara ? PL_TOKF_PARA : 0, (uint32_t)si) < 0) {
          rc = PL_ENOMEM;
          goto done;
        }
        newpara = 0;
      }
      if (newpara)
        continue;
    }
    last_para = t->sents[si].para;
  }
  for (size_t i = 0; i < t->ntoks; i++) {
    pl_sentence *sn = &t->sents[t->toks[i].sent];
    if (!sn->count)
      sn->first = (uint32_t)i;
    sn->count++;
  }
done:
  t->norm = norm.data;
  t->norm_len = norm.len;
  im->capnorm = norm.cap;
  if (rc == PL_ENOMEM)
    pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  return rc;
}
