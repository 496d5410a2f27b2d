/* Sentence boundaries by UAX #29's rules (SB3-SB11) and ICU's filter of
 * English abbreviations (sentbreak.h). A boundary is found by scanning
 * forward from the one before, as ICU's iterator does: nothing breaks but
 * a paragraph separator or a terminator sequence (ATerm or STerm, Close*,
 * Sp*, one separator), and a terminator sequence breaks unless SB6-SB8a
 * say otherwise. The filter then drops a break that follows one of ICU's
 * exceptions, matched backwards from the break and, for a partial one
 * ("U." of "U.S."), forwards again, with ICU's own walk (filteredbrk.cpp
 * in ICU: the result of the last step decides, so "U.S. said" is not an
 * exception while "U.S.A." is on the list). */
#include "sentbreak.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unicode/uchar.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

/* Classes are ICU's Sentence_Break values, Format read as Extend (the
 * rules treat them alike); STOP marks the classes where a break can come
 * (terminators and paragraph separators): scanning skips the rest. */
#define TABLE_END 0x3000
#define STOP 0x80
static unsigned char table[TABLE_END];
/* ... and of the presentation forms and the rest of the BMP's end
 * (U+FB00-U+FFFF: Arabic ligatures in texts converted from PDFs, full-width
 * forms), which would otherwise ask ICU for every unit. */
#define FORMS_START 0xFB00
static unsigned char forms[0x10000 - FORMS_START];

static unsigned char class_of(UChar32 c) {
  int sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
  if (sb == U_SB_FORMAT)
    sb = U_SB_EXTEND;
  if (sb == U_SB_ATERM || sb == U_SB_STERM || sb == U_SB_CR ||
      sb == U_SB_LF || sb == U_SB_SEP)
    sb |= STOP;
  return (unsigned char)sb;
}

/* The class of c, with STOP. */
static inline int entry_of(UChar c) {
  return c < TABLE_END       ? table[c]
         : c >= FORMS_START ? forms[c - FORMS_START]
                            : class_of(c);
}

static inline int cls(UChar c) { return entry_of(c) & ~STOP; }

/* ---- ICU's exceptions ---------------------------------------------------- */

enum { EX_MAX = 512, EX_LEN = 32 };

typedef struct entry {
  UChar s[EX_LEN]; /* the string (backwards: reversed) */
  int len;         /* its units */
  int partial;     /* backwards: 1 for the prefix of a longer exception */
} entry;

static entry back[EX_MAX]; /* matched backwards from a break */
static entry fwd[EX_MAX];  /* exceptions with a partial prefix, forwards */
static int nback, nfwd;
static int usable;         /* pl_sb_next may be used */
static once_flag init_once = ONCE_FLAG_INIT;

static int cmp_entry(const void *pa, const void *pb);

/* The units up to and including the first '.', or -1 when there is no
 * '.' before the last unit (not a partial exception). */
static int partial_len(const entry *e) {
  for (int i = 0; i < e->len - 1; i++)
    if (e->s[i] == '.')
      return i + 1;
  return -1;
}

/* ICU's builder (SimpleFilteredBreakIteratorBuilder::build): an exception
 * with a '.' before its end makes its prefix up to that '.' a partial
 * entry of the backwards list; it and every exception starting with that
 * prefix go to the forwards list; the rest are whole backwards entries. */
static int build(entry *all, int n) {
  int grouped[EX_MAX] = {0};
  for (int i = 0; i < n; i++) {
    int p = partial_len(&all[i]);
    if (p < 0)
      continue;
    int first = !grouped[i];
    for (int j = 0; j < n; j++)
      if (all[j].len >= p && !memcmp(all[j].s, all[i].s, p * sizeof(UChar))) {
        if (j != i && grouped[j])
          first = 0;
        grouped[j] = 1;
      }
    if (first) {
      entry *b = &back[nback++];
      for (int k = 0; k < p; k++)
        b->s[k] = all[i].s[p - 1 - k];
      b->len = p;
      b->partial = 1;
    }
  }
  for (int i = 0; i < n; i++) {
    if (grouped[i]) {
      fwd[nfwd++] = all[i];
      continue;
    }
    entry *b = &back[nback++];
    for (int k = 0; k < all[i].len; k++)
      b->s[k] = all[i].s[all[i].len - 1 - k];
    b->len = all[i].len;
    b->partial = 0;
  }
  qsort(back, (size_t)nback, sizeof *back, cmp_entry);
  qsort(fwd, (size_t)nfwd, sizeof *fwd, cmp_entry);
  return 1;
}

/* Reads "exceptions/SentenceBreak" of ICU's English break data, as ICU's
 * "ss=standard" does. 0 when it cannot (then ICU's iterator is used). */
static int read_exceptions(void) {
  static entry all[EX_MAX];
  UErrorCode ec = U_ZERO_ERROR;
  UResourceBundle *b = ures_open(U_ICUDATA_NAME "-brkitr", "en", &ec);
  UResourceBundle *x = ures_getByKey(b, "exceptions", NULL, &ec);
  UResourceBundle *s = ures_getByKey(x, "SentenceBreak", NULL, &ec);
  int n = 0, ok = U_SUCCESS(ec);
  while (ok && ures_hasNext(s)) {
    int32_t len = 0;
    const UChar *str = ures_getNextString(s, &len, NULL, &ec);
    if (U_FAILURE(ec) || len <= 0 || len >= EX_LEN || n == EX_MAX) {
      ok = 0;
      break;
    }
    for (int i = 0; i < n && ok; i++) /* a set: duplicates once */
      if (all[i].len == len && !memcmp(all[i].s, str, len * sizeof(UChar)))
        len = 0;
    if (!len)
      continue;
    memcpy(all[n].s, str, len * sizeof(UChar));
    all[n++].len = len;
  }
  ures_close(s);
  ures_close(x);
  ures_close(b);
  return ok && build(all, n);
}

static void init(void) {
  for (UChar32 c = 0; c < TABLE_END; c++)
    table[c] = class_of(c);
  for (UChar32 c = FORMS_START; c < 0x10000; c++)
    forms[c - FORMS_START] = class_of(c);
  usable = read_exceptions();
}

int pl_sb_init(void) {
  call_once(&init_once, init);
  return usable;
}

/* The lists are sorted (a prefix before what extends it), so the entries
 * that start with the units walked so far are a range [lo, hi), narrowed
 * by each unit: ICU's trie walk over a sorted array. */
typedef struct range {
  int lo, hi; /* entries that start with the k units walked */
  int k;      /* units walked */
} range;

/* Unit k of e, or -1 past its end (sorting before every unit). */
static inline int unit_at(const entry *e, int k) {
  return k < e->len ? e->s[k] : -1;
}

static int cmp_entry(const void *pa, const void *pb) {
  const entry *a = pa, *b = pb;
  for (int k = 0;; k++) {
    int x = unit_at(a, k), y = unit_at(b, k);
    if (x != y || x < 0)
      return (x > y) - (x < y);
  }
}

/* The first index in [lo, hi) whose unit k is at least c. */
static int lower(const entry *e, int lo, int hi, int k, int c) {
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (unit_at(&e[mid], k) < c)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* One step of ICU's trie walk: unit c after the units of r. Does an entry
 * now equal them (*value its partial flag), does one go on? */
enum { HAS_VALUE = 1, HAS_NEXT = 2 };
static int walk(const entry *e, range *r, UChar c, int *value) {
  r->lo = lower(e, r->lo, r->hi, r->k, c);
  r->hi = lower(e, r->lo, r->hi, r->k, c + 1);
  r->k++;
  int res = 0;
  if (r->lo < r->hi && e[r->lo].len == r->k) {
    res |= HAS_VALUE;
    *value = e[r->lo].partial;
  }
  if (r->hi - r->lo > (res ? 1 : 0))
    res |= HAS_NEXT;
  return res;
}

/* Is the break at b (0 < b < n) after an exception? ICU's
 * breakExceptionAt: one space before b is stepped over, the backwards
 * entries walked from there, the longest match decides; a partial one
 * is walked forwards again from its start. */
static int exception_at(const UChar *u, int32_t n, int32_t b) {
  int32_t p = b;
  if (u[p - 1] == ' ')
    p--;
  if (p == 0 || u[p - 1] != '.')
    return 0; /* every exception ends with '.' (checked cheaply first) */
  range rb = {0, nback, 0};
  int best_partial = -1, v = 0;
  int32_t best = -1;
  while (p > 0) {
    int r = walk(back, &rb, u[--p], &v);
    if (r & HAS_VALUE) {
      best = p;
      best_partial = v;
    }
    if (!(r & HAS_NEXT))
      break;
  }
  if (best < 0)
    return 0;
  if (!best_partial)
    return 1;
  range rf = {0, nfwd, 0};
  int r = HAS_VALUE | HAS_NEXT; /* ICU starts from "intermediate value" */
  for (p = best; p < n;) {
    r = walk(fwd, &rf, u[p++], &v);
    if (!(r & HAS_NEXT))
      break;
  }
  return r != 0; /* anything but "no match" */
}

/* ---- the rules ------------------------------------------------------- */

/* The first index at or after i that is not Extend or Format (SB5). */
static int32_t skip_ext(const UChar *u, int32_t n, int32_t i) {
  while (i < n && cls(u[i]) == U_SB_EXTEND)
    i++;
  return i;
}

/* The class of the last unit before i, at or after a, that is not Extend
 * or Format; Other when there is none. */
static int class_before(const UChar *u, int32_t a, int32_t i) {
  while (i > a) {
    int c = cls(u[--i]);
    if (c != U_SB_EXTEND)
      return c;
  }
  return U_SB_OTHER;
}

/* Breaks after i's paragraph separator (SB3, SB4): CR LF is one. */
static int32_t after_sep(const UChar *u, int32_t n, int32_t i) {
  return cls(u[i]) == U_SB_CR && i + 1 < n && u[i + 1] == '\n' ? i + 2
                                                               : i + 1;
}

/* The break after the one at a, before the filter. */
static int32_t base_next(const UChar *u, int32_t n, int32_t a) {
  int32_t i = a;
  for (;;) {
    while (i < n && !(entry_of(u[i]) & STOP))
      i++;
    if (i >= n)
      break;
    int c = cls(u[i]);
    if (c == U_SB_CR || c == U_SB_LF || c == U_SB_SEP)
      return after_sep(u, n, i);
    /* a terminator: what follows it decides */
    int32_t j = skip_ext(u, n, i + 1);
    int next = j < n ? cls(u[j]) : -1;
    if (c == U_SB_ATERM &&
        (next == U_SB_NUMERIC || /* SB6: "3.14" */
         (next == U_SB_UPPER &&  /* SB7: "U.S" */
          (class_before(u, a, i) == U_SB_UPPER ||
           class_before(u, a, i) == U_SB_LOWER)))) {
      i = j;
      continue;
    }
    while (j < n && cls(u[j]) == U_SB_CLOSE)
      j = skip_ext(u, n, j + 1);
    while (j < n && cls(u[j]) == U_SB_SP)
      j = skip_ext(u, n, j + 1);
    if (c == U_SB_ATERM) { /* SB8: no break before a lower-case word */
      int32_t k = j;
      int kc = -1;
      while (k < n) {
        kc = cls(u[k]);
        if (kc == U_SB_OLETTER || kc == U_SB_UPPER || kc == U_SB_LOWER ||
            kc == U_SB_SEP || kc == U_SB_CR || kc == U_SB_LF ||
            kc == U_SB_ATERM || kc == U_SB_STERM)
          break;
        k++;
      }
      if (k < n && kc == U_SB_LOWER) {
        i = j;
        continue;
      }
    }
    if (j < n) {
      int d = cls(u[j]);
      if (d == U_SB_SCONTINUE || d == U_SB_ATERM || d == U_SB_STERM) {
        i = j; /* SB8a */
        continue;
      }
      if (d == U_SB_CR || d == U_SB_LF || d == U_SB_SEP)
        return after_sep(u, n, j); /* SB9-SB11 */
    }
    return j;
  }
  return n;
}

int32_t pl_sb_next(const UChar *u, int32_t n, int32_t a) {
  int32_t b = base_next(u, n, a);
  while (b < n && exception_at(u, n, b))
    b = base_next(u, n, b);
  return b;
}
