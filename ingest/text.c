/* The text pipeline: sentence and word breaks over UTF-16, each word
 * folded for matching, every token mapped back to the original bytes.
 *
 * Cost: the breaks come from sentbreak.c and wordbreak.c, which give ICU's
 * boundaries at a fraction of the cost of ICU's iterators (used for the
 * texts they do not handle); everything else is one pass to UTF-16 (which
 * also notes the newlines) and one walk over each word's UTF-16 units that
 * classifies, splits and folds through a table for the code points below
 * U+0700 (ASCII, Latin, Arabic), so the bytes are decoded once and each
 * token is folded as it is split off. */
#include <parley/text.h>

#include "buf.h"
#include "hash.h"
#include "sentbreak.h"
#include "wordbreak.h"

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
  int own_sents;         /* sentbreak.c can stand for sents */
  UChar *u16;            /* the text as UTF-16 */
  uint32_t *map;         /* UTF-16 index -> byte offset; map[len] = bytes */
  uint32_t *wb;          /* word segments (pl_wb_all): ends, bit 31 word */
  size_t cap;            /* units allocated in u16, map and wb */
  int32_t *nls;          /* UTF-16 indexes of the text's '\n', ascending */
  size_t nnls;           /* entries used in nls */
  size_t capnls;         /* entries allocated in nls */
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

/* What segmentation needs of a UTF-16 unit below U+0700 (ASCII, Latin,
 * Greek, Cyrillic, Hebrew, Arabic), read from one table entry: the unit's
 * fold as pl_text_fold makes it, as UTF-8 (bits 0-7 its first byte, bits
 * 8-15 its second, CL_LEN its length: every fold there is a code point
 * below U+0700, or nothing), and these bits. */
enum {
  CL_DIGIT = 1 << 16,   /* u_isdigit */
  CL_ALPHA = 1 << 17,   /* u_isalpha */
  CL_ARABIC = 1 << 18,  /* U+0600..U+06FF */
  CL_LATIN = 1 << 19,   /* below U+0250 and u_isalpha */
  CL_UPPER = 1 << 20,   /* CL_LATIN and u_isupper */
  CL_SPECIAL = 1 << 21, /* not the plain case: the apostrophe, the space
                           (a NUL byte in the source is a space in UTF-16
                           but folds to nothing) and the units whose fold
                           takes fold_cp's slow path (length 0 here) */
  CL_LEN_SHIFT = 22,    /* bits 22-23: bytes of the fold (0-2) */
  CL_SPACE = 1 << 24    /* u_isUWhiteSpace */
};
static uint32_t unit_class[0x700];
static once_flag tables_once = ONCE_FLAG_INIT;

/* u_isUWhiteSpace without the call below U+0700 (ICU's answer kept in
 * unit_class; tables_init has run: pl_segmenter_new runs it). */
static inline int is_space(UChar32 c) {
  if (c < 0x700)
    return (unit_class[c] & CL_SPACE) != 0;
  return u_isUWhiteSpace(c);
}

/* Fills fast_fold and unit_class (once per process: ICU's answers never
 * change). */
static void tables_init(void) {
  for (uint32_t k = 0; k < 256; k++) {
    uint32_t cp = k < 128 ? k : 0x0600 + (k - 128);
    fast_fold[k] = cp == '.' || cp == '\'' ? 0 : (uint16_t)fold_fast(cp);
  }
  for (uint32_t cp = 0; cp < 0x700; cp++) {
    uint32_t f = cp == '.' || cp == '\'' ? 0 : fold_fast(cp), c = 0;
    if (f == 0xFFFFFFFF || cp == '\'' || cp == ' ')
      c = CL_SPECIAL;
    if (f == 0xFFFFFFFF || f == 0)
      ; /* no bytes */
    else if (f < 0x80)
      c |= f | 1u << CL_LEN_SHIFT;
    else
      c |= (0xC0 | (f >> 6)) | (0x80 | (f & 0x3F)) << 8 | 2u << CL_LEN_SHIFT;
    if (u_isdigit((UChar32)cp))
      c |= CL_DIGIT;
    if (u_isalpha((UChar32)cp)) {
      c |= CL_ALPHA;
      if (cp < 0x250)
        c |= CL_LATIN | (u_isupper((UChar32)cp) ? CL_UPPER : 0);
    }
    if (cp >= 0x0600)
      c |= CL_ARABIC;
    if (u_isUWhiteSpace((UChar32)cp))
      c |= CL_SPACE;
    unit_class[cp] = c;
  }
}

int pl_text_fold(const char *s, size_t n, void *out) {
  pl_buf *b = out;
  call_once(&tables_once, tables_init);
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
  call_once(&tables_once, tables_init);
  seg->own_sents = pl_sb_init();
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
  free(seg->wb);
  free(seg->nls);
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

/* Notes a newline at UTF-16 index k. */
static int note_newline(pl_segmenter *seg, int32_t k) {
  if (seg->nnls == seg->capnls) {
    size_t cap = seg->capnls ? seg->capnls * 2 : 256;
    int32_t *p = realloc(seg->nls, cap * sizeof *p);
    if (!p)
      return PL_ENOMEM;
    seg->nls = p;
    seg->capnls = cap;
  }
  seg->nls[seg->nnls++] = k;
  return 0;
}

/* Are the eight bytes at p all printable ASCII (0x20-0x7F)? One 64-bit
 * test: no high bit set, and no byte below 0x20 (the "has a byte less
 * than n" test of the bit-twiddling hacks, exact for the whole word). */
static inline int printable8(const unsigned char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  return ((w | ((w - ones * 0x20) & ~w)) & highs) == 0;
}

/* Converts src to UTF-16 with the index map (a NUL byte becomes a space),
 * noting where the newlines are. */
static int to_utf16(pl_segmenter *seg, const char *src, size_t len,
                    int32_t *u16len) {
  if (len + 1 > seg->cap) {
    /* grown geometrically: articles come in every length */
    size_t cap = seg->cap < 1024 ? 1024 : seg->cap;
    while (cap < len + 1)
      cap *= 2;
    UChar *u = realloc(seg->u16, cap * sizeof *u);
    if (u)
      seg->u16 = u;
    uint32_t *m = realloc(seg->map, (cap + 1) * sizeof *m);
    if (m)
      seg->map = m;
    uint32_t *w = realloc(seg->wb, cap * sizeof *w);
    if (w)
      seg->wb = w;
    if (!u || !m || !w)
      return PL_ENOMEM;
    seg->cap = cap;
  }
  const unsigned char *s = (const unsigned char *)src;
  UChar *u16 = seg->u16;
  uint32_t *map = seg->map;
  size_t i = 0, k = 0;
  seg->nnls = 0;
  while (i < len) {
    /* The common code points in a tight loop while two bytes are left:
     * printable ASCII, and two-byte sequences (Arabic letters). */
    while (i + 1 < len) {
      unsigned c = s[i], c2 = s[i + 1];
      if (c - 0xC2 < 0x1E && (c2 & 0xC0) == 0x80) {
        /* a run of two-byte sequences and single spaces (Arabic words) */
        for (;;) {
          /* four Arabic pairs at a time while the next eight bytes are
           * four (lead D8-DB, then a continuation byte; read
           * little-endian, a pair is one 16-bit lane, its lead the low
           * byte), each lane made a UTF-16 unit at once */
          while (i + 8 <= len) {
            uint64_t w = pl_load_le64(s + i);
            if ((w & 0xC0FCC0FCC0FCC0FCULL) != 0x80D880D880D880D8ULL)
              break;
            uint64_t x = (w & 0x001F001F001F001FULL) << 6 |
                         (w >> 8 & 0x003F003F003F003FULL);
            uint32_t at = (uint32_t)i;
            map[k] = at, map[k + 1] = at + 2, map[k + 2] = at + 4;
            map[k + 3] = at + 6;
            u16[k] = (UChar)(x & 0xFFFF);
            u16[k + 1] = (UChar)(x >> 16 & 0xFFFF);
            u16[k + 2] = (UChar)(x >> 32 & 0xFFFF);
            u16[k + 3] = (UChar)(x >> 48);
            i += 8;
            k += 4;
          }
          if (i + 1 >= len)
            break;
          c = s[i];
          c2 = s[i + 1];
          if (c == ' ') {
            map[k] = (uint32_t)i++;
            u16[k++] = ' ';
            continue;
          }
          if (c - 0xC2 >= 0x1E || (c2 & 0xC0) != 0x80)
            break;
          map[k] = (uint32_t)i;
          u16[k++] = (UChar)(((c & 0x1F) << 6) | (c2 & 0x3F));
          i += 2;
        }
      } else if (c - 0x20 < 0x60) {
        if (c2 < 0x80 && i + 8 <= len && printable8(s + i)) {
          /* eight printable ASCII bytes (English text) at once */
          uint32_t *m = map + k, at = (uint32_t)i;
          UChar *u = u16 + k;
          const unsigned char *q = s + i;
          m[0] = at, m[1] = at + 1, m[2] = at + 2, m[3] = at + 3;
          m[4] = at + 4, m[5] = at + 5, m[6] = at + 6, m[7] = at + 7;
          u[0] = q[0], u[1] = q[1], u[2] = q[2], u[3] = q[3];
          u[4] = q[4], u[5] = q[5], u[6] = q[6], u[7] = q[7];
          i += 8;
          k += 8;
          continue;
        }
        map[k] = (uint32_t)i++;
        u16[k++] = (UChar)c;
      } else
        break;
    }
    if (i >= len)
      break;
    /* one code point of any other kind */
    size_t at = i;
    uint32_t cp = utf8_dec(src, len, &i);
    if (cp == 0)
      cp = ' ';
    else if (cp == '\n' && note_newline(seg, (int32_t)k) < 0)
      return PL_ENOMEM;
    map[k] = (uint32_t)at;
    if (cp >= 0x10000) {
      u16[k++] = (UChar)(0xD7C0 + (cp >> 10));
      map[k] = (uint32_t)at;
      u16[k++] = (UChar)(0xDC00 | (cp & 0x3FF));
    } else
      u16[k++] = (UChar)cp;
  }
  map[k] = (uint32_t)len;
  *u16len = (int32_t)k;
  return 0;
}

/* Makes room for one more token (doubling the array). */
static int grow_toks(pl_text *t, text_impl *im) {
  size_t cap = im->captoks ? im->captoks * 2 : 256;
  pl_token *p = realloc(t->toks, cap * sizeof *p);
  if (!p)
    return PL_ENOMEM;
  t->toks = p;
  im->captoks = cap;
  return 0;
}

/* Appends a token whose folded form is norm[nstart, norm->len) and ends
 * that form with a NUL (norm has room for it). The caller counts the
 * token in its sentence. */
static inline int add_token(pl_text *t, text_impl *im, pl_buf *norm,
                            uint32_t s, uint32_t e, size_t nstart, int kind,
                            int flags, uint32_t sent) {
  if (t->ntoks == im->captoks && grow_toks(t, im) < 0)
    return PL_ENOMEM;
  size_t nl = norm->len - nstart;
  norm->data[norm->len++] = '\0';
  pl_token tk = {s, e, (uint32_t)nstart, (uint16_t)(nl > 65535 ? 65535 : nl),
                 (uint8_t)kind, (uint8_t)flags, sent};
  t->toks[t->ntoks++] = tk;
  return 0;
}

/* The classes (CL_*) of a code point at or above U+0700, asked of ICU. */
static uint32_t wide_class(uint32_t cp) {
  return CL_SPECIAL | (u_isdigit((UChar32)cp) ? CL_DIGIT : 0) |
         (u_isalpha((UChar32)cp) ? CL_ALPHA : 0);
}

/* Makes room in b for n more bytes and its NUL (pl_buf_reserve without
 * the call when there is room). */
static inline int room(pl_buf *b, size_t n) {
  return b->len + n + 1 <= b->cap ? 0 : pl_buf_reserve(b, n);
}

/* Writes the fold of a unit of class cl (below U+0700) at o and returns
 * the end of it. Both bytes are stored whatever the length, which saves a
 * branch: push_word's room (twice the bytes) covers the spare byte, which
 * the next write or the token's NUL overwrites. */
static inline char *put_fold(char *o, uint32_t cl) {
  o[0] = (char)(cl & 0xFF);
  o[1] = (char)((cl >> 8) & 0xFF);
  return o + ((cl >> CL_LEN_SHIFT) & 3);
}

/* Splits the word at UTF-16 units [a, b) into runs (Arabic letters |
 * digits; "'s" apart), folds each run into norm as it goes (what
 * pl_text_fold makes of the run's bytes: folding is code point by code
 * point) and pushes each as a token. */
static int push_word(const pl_segmenter *seg, pl_text *t, text_impl *im,
                     pl_buf *norm, int32_t a, int32_t b, int para,
                     uint32_t sent) {
  const UChar *u16 = seg->u16;
  const uint32_t *map = seg->map;
  uint32_t run = map[a];  /* byte where the current run starts */
  uint32_t run_cl = 0;    /* classes of the run's first code point */
  int run_high = 0;       /* is that code point non-ASCII? */
  int fresh = 1;          /* no code point in the run yet */
  int prev = -1;          /* 0 letter, 1 digit */
  int flags = para ? PL_TOKF_PARA : 0;
  size_t nstart = norm->len; /* where the run's fold starts */
  /* Every fold below U+0700 is at most as long as its UTF-8 and every
   * token ends in one NUL, so twice the bytes left is room enough until a
   * slow-path fold, after which room is made again. */
  if (room(norm, 2 * (size_t)(map[b] - run) + 1) < 0)
    return PL_ENOMEM;
  /* the fold is written through o (norm->data + norm->len), kept in a
   * local because a char store could alias norm->len */
  char *o = norm->data + norm->len;
  int32_t k = a;
  if (u16[a] < 0x700) {
    /* The common start, a plain letter (no digit, apostrophe or slow
     * fold): what the general step below makes of it, without its
     * tests; the tight loop takes over from the next unit. */
    uint32_t cl = unit_class[u16[a]];
    if ((cl & (CL_SPECIAL | CL_DIGIT | CL_ALPHA)) == CL_ALPHA) {
      run_cl = cl;
      run_high = u16[a] >= 0x80;
      fresh = 0;
      prev = 0;
      o = put_fold(o, cl);
      k++;
    }
  }
  while (k < b) {
    if (!fresh && prev != 1) {
      /* The common case in a tight loop: letters, marks and dots (no
       * digit, no apostrophe) going on a run of letters, where nothing
       * splits and only the folds are written. */
      uint32_t seen = 0; /* the classes met */
      /* two units a step while both are plain (fewer tests a unit) */
      while (k + 2 <= b && u16[k] < 0x700 && u16[k + 1] < 0x700) {
        uint32_t c0 = unit_class[u16[k]], c1 = unit_class[u16[k + 1]];
        if ((c0 | c1) & (CL_SPECIAL | CL_DIGIT))
          break;
        o = put_fold(o, c0);
        o = put_fold(o, c1);
        seen |= c0 | c1;
        k += 2;
      }
      while (k < b && u16[k] < 0x700) {
        uint32_t cl = unit_class[u16[k]];
        if (cl & (CL_SPECIAL | CL_DIGIT))
          break;
        o = put_fold(o, cl);
        seen |= cl;
        k++;
      }
      if (seen & CL_ALPHA)
        prev = 0;
      if (k >= b)
        break;
    }
    int32_t k0 = k;
    uint32_t cp = u16[k++], cl;
    if (cp < 0x700)
      cl = unit_class[cp];
    else {
      if (U16_IS_LEAD(cp) && k < b && U16_IS_TRAIL(u16[k]))
        cp = (uint32_t)U16_GET_SUPPLEMENTARY(cp, u16[k++]);
      cl = wide_class(cp);
    }
    uint32_t at = map[k0];
    if ((cl & CL_SPECIAL) && (cp == '\'' || cp == 0x2019)) {
      if (at > run) {
        norm->len = (size_t)(o - norm->data);
        if (add_token(t, im, norm, run, at, nstart,
                      prev == 1 ? PL_TOK_NUM : PL_TOK_WORD, flags, sent) < 0)
          return PL_ENOMEM;
        o = norm->data + norm->len;
        flags = 0;
        nstart = norm->len;
      }
      run = map[k];
      fresh = 1;
      prev = -1;
      continue;
    }
    int digit = (cl & CL_DIGIT) != 0, arabic = (cl & CL_ARABIC) != 0;
    if (prev >= 0 && digit != prev && (arabic || prev == 0) && at > run &&
        (arabic || run_high)) {
      norm->len = (size_t)(o - norm->data);
      if (add_token(t, im, norm, run, at, nstart,
                    prev == 1 ? PL_TOK_NUM : PL_TOK_WORD, flags, sent) < 0)
        return PL_ENOMEM;
      o = norm->data + norm->len;
      flags = 0;
      nstart = norm->len;
      run = at;
      fresh = 1;
    }
    if (fresh) {
      run_cl = cl;
      run_high = cp >= 0x80;
      fresh = 0;
    }
    if (!(cl & CL_SPECIAL))
      o = put_fold(o, cl);
    else if (cp == ' ') {
      if (t->src[at] != '\0') /* a NUL byte folds to nothing */
        *o++ = ' ';
    } else if (cp != '.' && cp != 0x2019) {
      norm->len = (size_t)(o - norm->data);
      if (fold_cp(norm, cp) < 0 ||
          room(norm, 2 * (size_t)(map[b] - map[k]) + 1) < 0)
        return PL_ENOMEM;
      o = norm->data + norm->len;
    }
    if (cl & (CL_ALPHA | CL_DIGIT))
      prev = digit;
  }
  norm->len = (size_t)(o - norm->data);
  if (!fresh) {
    /* script flags from the run's first letter */
    if (run_cl & CL_ARABIC)
      flags |= PL_TOKF_ARABIC;
    else if (run_cl & CL_LATIN)
      flags |= PL_TOKF_LATIN | (run_cl & CL_UPPER ? PL_TOKF_UPPER : 0);
    if (add_token(t, im, norm, run, map[b], nstart,
                  prev == 1 ? PL_TOK_NUM : PL_TOK_WORD, flags, sent) < 0)
      return PL_ENOMEM;
  }
  return 0;
}

/* Pushes each code point of the non-word segment [a, b) but spaces and
 * joiners as a punctuation token (its bytes as they are). Returns 1 when
 * it pushed one, 0 when none, or PL_ENOMEM. */
static int push_punct(const pl_segmenter *seg, pl_text *t, text_impl *im,
                      pl_buf *norm, int32_t a, int32_t b, int para,
                      uint32_t sent) {
  const UChar *u16 = seg->u16;
  const uint32_t *map = seg->map;
  int pushed = 0;
  /* each token's bytes and its NUL */
  if (room(norm, 2 * (size_t)(map[b] - map[a]) + 1) < 0)
    return PL_ENOMEM;
  for (int32_t k = a; k < b;) {
    UChar32 c;
    int32_t k0 = k;
    U16_NEXT(u16, k, b, c);
    if (is_space(c) || c == 0x200C || c == 0x200D || c == 0x200F ||
        c == 0x200E)
      continue;
    /* a few bytes: copied inline */
    size_t nstart = norm->len;
    for (uint32_t j = map[k0]; j < map[k]; j++)
      norm->data[norm->len++] = t->src[j];
    if (add_token(t, im, norm, map[k0], map[k], nstart, PL_TOK_PUNCT,
                  para && !pushed ? PL_TOKF_PARA : 0, sent) < 0)
      return PL_ENOMEM;
    pushed = 1;
  }
  return pushed;
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

/* The sentence boundary after a in the n units of seg->u16, UBRK_DONE at
 * the end: sentbreak.c's when own, else ICU's, whose iterator stands at
 * a. */
static inline int32_t next_sentence(pl_segmenter *seg, int own, int32_t a,
                                    int32_t n) {
  if (!own)
    return ubrk_next(seg->sents);
  return a < n ? pl_sb_next(seg->u16, n, a) : UBRK_DONE;
}

/* The next word boundary, UBRK_DONE at the end: segment *q of the nseg
 * that pl_wb_all found when own (with *word, the segment's status), else
 * ICU's. */
static inline int32_t next_break(pl_segmenter *seg, int own, int32_t *q,
                                 int32_t nseg, int *word) {
  if (!own)
    return ubrk_next(seg->words);
  if (*q >= nseg)
    return UBRK_DONE;
  uint32_t e = seg->wb[(*q)++];
  *word = (int)(e >> 31);
  return (int32_t)(e & 0x7FFFFFFF);
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
  const UChar *u16 = seg->u16;
  const uint32_t *map = seg->map;
  UErrorCode st = U_ZERO_ERROR;
  /* Word and sentence breaks by wordbreak.c and sentbreak.c where they
   * handle every code point of the text (the same breaks, at a fraction of
   * the cost), else by ICU. */
  int own_words = pl_wb_supported(u16, n16);
  int own_sents = own_words && seg->own_sents; /* no surrogates either */
  if (!own_sents)
    ubrk_setText(seg->sents, u16, n16, &st);
  if (!own_words)
    ubrk_setText(seg->words, u16, n16, &st);
  if (U_FAILURE(st)) {
    rc = pl_error_set(err, PL_EINPUT, NULL, "icu: %s", u_errorName(st));
    goto done;
  }
  /* Sentences, split further at newlines; trailing spaces trimmed. */
  uint32_t para = 0;
  size_t nl = 0; /* the first of seg->nls not before x */
  int32_t a = own_sents ? 0 : ubrk_first(seg->sents);
  for (int32_t b = next_sentence(seg, own_sents, a, n16); b != UBRK_DONE;
       a = b, b = next_sentence(seg, own_sents, b, n16)) {
    int32_t x = a;
    while (x < b) {
      while (x < b && is_space(u16[x])) {
        if (u16[x] == '\n')
          para++;
        x++;
      }
      if (x >= b)
        break;
      while (nl < seg->nnls && seg->nls[nl] < x)
        nl++;
      int32_t y = nl < seg->nnls && seg->nls[nl] < b ? seg->nls[nl] : b;
      int32_t z = y;
      while (z > x && is_space(u16[z - 1]))
        z--;
      /* ICU breaks after "U.S." before a capital: join such sentences */
      if (t->nsents && t->sents[t->nsents - 1].para == para &&
          ends_abbrev(src, t->sents[t->nsents - 1].start,
                      t->sents[t->nsents - 1].end)) {
        t->sents[t->nsents - 1].end = map[z];
        x = y;
        continue;
      }
      if (push_sentence(t, im, map[x], map[z], para) < 0) {
        rc = PL_ENOMEM;
        goto done;
      }
      x = y;
    }
  }
  /* Words, assigned to sentences by position (the sentences are fixed
   * now: kept in locals, which a char store could not change). */
  pl_sentence *sents = t->sents;
  size_t nsents = t->nsents, si = 0;
  uint32_t last_para = (uint32_t)-1;
  int word = 0;
  int32_t q = 0, nseg = own_words ? pl_wb_all(u16, n16, seg->wb) : 0;
  a = own_words ? 0 : ubrk_first(seg->words);
  for (int32_t b = next_break(seg, own_words, &q, nseg, &word);
       b != UBRK_DONE; a = b, b = next_break(seg, own_words, &q, nseg, &word)) {
    /* A lone space, tab or newline (half the segments) pushes nothing and
     * starts no paragraph: skipped before asking ICU for its status. */
    if (b - a == 1 && u16[a] <= ' ' && is_space(u16[a]))
      continue;
    uint32_t s = map[a], e = map[b];
    while (si < nsents && sents[si].end <= s)
      si++;
    if (si >= nsents)
      break;
    if (s < sents[si].start)
      continue; /* whitespace between sentences */
    int is_word = own_words ? word
                            : ubrk_getRuleStatus(seg->words) >=
                                  UBRK_WORD_NONE_LIMIT;
    int newpara = sents[si].para != last_para;
    size_t before = t->ntoks;
    if (is_word) {
      if (push_word(seg, t, im, &norm, a, b, newpara, (uint32_t)si) < 0) {
        rc = PL_ENOMEM;
        goto done;
      }
    } else {
      /* "U.S.": the final dot of an abbreviation stays with its word */
      if (t->ntoks && b - a == 1 && u16[a] == '.' &&
          t->toks[t->ntoks - 1].end == s && t->toks[t->ntoks - 1].kind == PL_TOK_WORD &&
          memchr(src + t->toks[t->ntoks - 1].start, '.',
                 t->toks[t->ntoks - 1].end - t->toks[t->ntoks - 1].start) &&
          b < n16 && is_space(u16[b]) && b + 1 < n16 &&
          !is_space(u16[b + 1])) {
        t->toks[t->ntoks - 1].end = e;
        continue;
      }
      /* punctuation: one token per code point; spaces dropped */
      int pushed = push_punct(seg, t, im, &norm, a, b, newpara, (uint32_t)si);
      if (pushed < 0) {
        rc = PL_ENOMEM;
        goto done;
      }
      if (newpara && !pushed)
        continue;
    }
    /* the segment's tokens, counted in their sentence */
    pl_sentence *sn = &sents[si];
    if (t->ntoks > before) {
      if (!sn->count)
        sn->first = (uint32_t)before;
      sn->count += (uint32_t)(t->ntoks - before);
    }
    last_para = sn->para;
  }
done:
  if (norm.data)
    norm.data[norm.len] = '\0';
  t->norm = norm.data;
  t->norm_len = norm.len;
  im->capnorm = norm.cap;
  if (rc == PL_ENOMEM)
    pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  return rc;
}
