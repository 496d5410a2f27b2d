/* Cross-script keys for person names: a Latin consonant skeleton (through
 * a table of ICU's Latin for Arabic letters, else ICU's transliterator,
 * made once per store when a name first needs it) and an Arabic consonant
 * skeleton. These keys let spellings of one name meet ("ستفان دي ميستورا",
 * "ستيفان دي ميستورا", "Staffan de Mistura"); resolve.c decides how much a
 * match on them is worth. */
#include "store_int.h"

#include "hash.h"
#include "latin_table.h"

#include <parley/text.h>

#include <stdlib.h>
#include <string.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

void pl_store__keys_free(pl_store *st) {
  if (st && st->translit) {
    utrans_close((UTransliterator *)st->translit);
    st->translit = NULL;
  }
  if (st) {
    pl_strcache_free(st->latin);
    st->latin = NULL;
  }
}

/* ---- a bounded string cache ------------------------------------------ */

#define STRCACHE_SLOTS 4096

typedef struct strcache_slot {
  uint64_t hash; /* of the key; 0: empty */
  size_t len;    /* the key's bytes */
  char *key;     /* NUL-terminated copy, and after it the value's (one
                    allocation a slot) */
  char *value;   /* that copy of the value, inside key's allocation */
} strcache_slot;

struct pl_strcache {
  strcache_slot slot[STRCACHE_SLOTS];
};

static uint64_t str_hash(const char *s, size_t n) {
  uint64_t h = pl_fnv1a64(s, n);
  return h ? h : 1; /* 0 marks an empty slot */
}

const char *pl_strcache_get(const pl_strcache *c, const char *key, size_t n) {
  if (!c)
    return NULL;
  uint64_t h = str_hash(key, n);
  const strcache_slot *sl = &c->slot[h % STRCACHE_SLOTS];
  if (sl->hash != h || sl->len != n || memcmp(sl->key, key, n))
    return NULL;
  return sl->value;
}

int pl_strcache_put(pl_strcache **c, const char *key, size_t n,
                    const char *value) {
  if (!*c && !(*c = calloc(1, sizeof **c)))
    return PL_ENOMEM;
  uint64_t h = str_hash(key, n);
  size_t vn = strlen(value);
  char *k = malloc(n + 1 + vn + 1);
  if (!k)
    return PL_ENOMEM;
  memcpy(k, key, n);
  k[n] = '\0';
  memcpy(k + n + 1, value, vn + 1);
  size_t i = h % STRCACHE_SLOTS;
  free((*c)->slot[i].key);
  (*c)->slot[i].hash = h;
  (*c)->slot[i].len = n;
  (*c)->slot[i].key = k;
  (*c)->slot[i].value = k + n + 1;
  return 0;
}

void pl_strcache_clear(pl_strcache *c) {
  if (!c)
    return;
  for (size_t i = 0; i < STRCACHE_SLOTS; i++)
    free(c->slot[i].key); /* the value with it */
  memset(c, 0, sizeof *c);
}

void pl_strcache_free(pl_strcache *c) {
  pl_strcache_clear(c);
  free(c);
}

/* The transliterator of st, made on first use; NULL when ICU cannot. */
static UTransliterator *translit(pl_store *st) {
  if (!st->translit && !st->translit_failed) {
    static const char id[] = "Any-Latin; Latin-ASCII";
    UChar uid[32];
    UErrorCode ec = U_ZERO_ERROR;
    u_uastrcpy(uid, id);
    UTransliterator *t =
        utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
    if (U_FAILURE(ec) || !t)
      st->translit_failed = 1;
    else
      st->translit = t;
  }
  return st->translit;
}

/* The Latin letter class of c for the skeleton: 0 to drop (vowels and
 * semivowel letters that Arabic spellings add or leave out), else the
 * letter that stands for c. */
static char fold_latin(char c) {
  switch (c) {
  case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w':
    return 0;
  case 'q': case 'c':
    return 'k';
  case 'v':
    return 'f';
  case 'p':
    return 'b';
  case 'z':
    return 's';
  case 'g':
    return 'j';
  default:
    return c;
  }
}

/* Appends the skeleton of an ASCII string (any case, any punctuation). */
static int skeleton(const char *s, size_t n, pl_buf *out) {
  size_t word_start = out->len;
  char last = 0;
  int in_word = 0;
  for (size_t i = 0; i <= n; i++) {
    char c = i < n ? s[i] : ' ';
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (!in_word) {
        in_word = 1;
        last = 0;
        word_start = out->len;
        if (out->len && pl_buf_putc(out, ' ') < 0)
          return PL_ENOMEM;
      }
      char f = c >= 'a' ? fold_latin(c) : c;
      char next = i + 1 < n ? s[i + 1] : ' ';
      if (next >= 'A' && next <= 'Z')
        next = (char)(next - 'A' + 'a');
      /* h: kept (Ahmad is not Mahmoud), but not after g (غ is "gh",
       * Sergei's g) nor at the end of a word (ta marbuta folds to ه). */
      if (c == 'h' && (last == 'j' || !((next >= 'a' && next <= 'z') ||
                                        (next >= '0' && next <= '9'))))
        f = 0;
      if (c == 'x') { /* Alexander: ألكسندر */
        if (last != 'k' && pl_buf_putc(out, 'k') < 0)
          return PL_ENOMEM;
        last = 'k';
        f = 's';
      }
      if (f && f != last && pl_buf_putc(out, f) < 0)
        return PL_ENOMEM;
      if (f)
        last = f;
    } else if (c == '\'' || c == '`' || c == '-' || (unsigned char)c >= 0x80) {
      continue; /* inside a word: al-Jaafari, Ja'afari, aljʿfry (ICU keeps
                   the ayn as a modifier letter) */
    } else if (in_word) {
      in_word = 0;
      /* A word of vowels only leaves a lone space: drop it. */
      if (out->len == word_start + (word_start ? 1 : 0)) {
        out->len = word_start;
        if (out->data)
          out->data[out->len] = '\0';
      }
    }
  }
  if (out->data)
    out->data[out->len] = '\0';
  return 0;
}

/* ---- the Latin key ------------------------------------------------------
 *
 * ICU's "Any-Latin; Latin-ASCII" costs about 150 M instructions to open (it
 * builds its whole registry of transliterators) and tens of microseconds a
 * name. For the Arabic letters and digits in latin_table.h it does not need
 * to run: their Latin does not depend on their neighbours, so a name made
 * only of them and ASCII transliterates as the concatenation of their table
 * entries, byte for byte. Why that holds for ICU's Arabic-Latin rules:
 * - the rules that look at context involve only what the table leaves out:
 *   a vowel mark before a long vowel (fatha + alef gives one "a"), the
 *   decimal separators U+066B/U+066C between digits, and the marks,
 *   shadda, tatweel and punctuation, whose script is Inherited or Common:
 *   they are transliterated only inside an Arabic run of text, so the same
 *   character comes out differently after a Latin word;
 * - each entry starts with a base letter or digit, so no entry composes
 *   (NFC) with the one before it;
 * - Any-Latin leaves ASCII alone, and Latin-ASCII maps each letter of the
 *   entries on its own.
 * Every pair and triple of table characters and ASCII was checked against
 * ICU when the table was made; tests/unit/test_latin_key.c checks the
 * entries and the pairs against the ICU it runs with. Anything else (other
 * scripts, the characters left out, presentation forms, invalid UTF-8)
 * goes through ICU as before. */

/* Writes to a (cap bytes) ICU's transliteration of key from latin_table,
 * NUL-terminated; returns its length, or -1 when key holds a character the
 * table lacks (or, which the entries' lengths rule out, a would overflow). */
static long table_latin(const char *key, size_t n, char *a, size_t cap) {
  size_t len = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)key[i];
    if (c >= 0x01 && c < 0x80) { /* ASCII passes through unchanged */
      if (len + 1 >= cap)
        return -1;
      a[len++] = (char)c;
      continue;
    }
    /* U+0600..U+06FF is lead byte D8..DB and one continuation byte; any
     * other byte (other blocks, NUL, invalid UTF-8) is left to ICU. */
    if (c < 0xD8 || c > 0xDB || i + 1 >= n ||
        ((unsigned char)key[i + 1] & 0xC0) != 0x80)
      return -1;
    unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)key[++i] & 0x3Fu);
    const char *s = latin_table[cp - 0x0600];
    if (!s)
      return -1;
    size_t m = strlen(s);
    if (len + m >= cap)
      return -1;
    memcpy(a + len, s, m);
    len += m;
  }
  a[len] = '\0';
  return (long)len;
}

/* The Latin key of key through latin_table: 1 when appended to out, 0 when
 * the table does not cover key (out unchanged), or PL_ENOMEM. */
static int table_latin_key(const char *key, size_t n, pl_buf *out,
                           pl_error *err) {
  /* An entry is at most 4 bytes for a 2-byte character (test_latin_key
   * checks): 2n + 1 bytes hold any covered key. Names are short: the stack
   * serves nearly all of them. */
  char stack[512], *a = stack;
  size_t cap = 2 * n + 1;
  if (cap > sizeof stack && !(a = malloc(cap)))
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  long len = table_latin(key, n, a, cap);
  int rc = len < 0 ? 0 : skeleton(a, (size_t)len, out) < 0 ? PL_ENOMEM : 1;
  if (a != stack)
    free(a);
  if (rc == PL_ENOMEM)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  return rc;
}

/* The Latin key of key through ICU's transliterator. */
static int icu_latin_key(pl_store *st, const char *key, size_t n, pl_buf *out,
                         pl_error *err) {
  UTransliterator *t = translit(st);
  if (!t)
    return 0;
  UErrorCode ec = U_ZERO_ERROR;
  int32_t ulen = 0;
  u_strFromUTF8(NULL, 0, &ulen, key, (int32_t)n, &ec);
  ec = U_ZERO_ERROR; /* preflight leaves U_BUFFER_OVERFLOW_ERROR */
  int32_t cap = ulen * 4 + 16;
  UChar *u = malloc((size_t)cap * sizeof *u);
  char *a = NULL;
  int rc = 0;
  if (!u) {
    rc = PL_ENOMEM;
    goto done;
  }
  u_strFromUTF8(u, cap, &ulen, key, (int32_t)n, &ec);
  int32_t limit = ulen;
  if (U_SUCCESS(ec))
    utrans_transUChars(t, u, &ulen, cap, 0, &limit, &ec);
  if (U_FAILURE(ec))
    goto done; /* no Latin key: the others still work */
  int32_t alen = 0;
  u_strToUTF8(NULL, 0, &alen, u, ulen, &ec);
  ec = U_ZERO_ERROR;
  if (!(a = malloc((size_t)alen + 1))) {
    rc = PL_ENOMEM;
    goto done;
  }
  u_strToUTF8(a, alen + 1, &alen, u, ulen, &ec);
  if (U_FAILURE(ec))
    goto done;
  if (skeleton(a, (size_t)alen, out) < 0)
    rc = PL_ENOMEM;
done:
  free(u);
  free(a);
  if (rc < 0)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  return 0;
}

int pl_store__latin_key_icu(pl_store *st, const char *key, size_t n,
                            pl_buf *out, pl_error *err) {
  return icu_latin_key(st, key, n, out, err);
}

/* The Latin key of key: ASCII and what latin_table covers directly, the
 * rest through ICU. */
static int latin_key(pl_store *st, const char *key, size_t n, pl_buf *out,
                     pl_error *err) {
  int ascii = 1;
  for (size_t i = 0; i < n && ascii; i++)
    ascii = (unsigned char)key[i] < 0x80;
  if (ascii)
    return skeleton(key, n, out) < 0
               ? pl_error_set(err, PL_ENOMEM, NULL, "out of memory")
               : 0;
  int rc = table_latin_key(key, n, out, err);
  if (rc != 0)
    return rc < 0 ? rc : 0;
  return icu_latin_key(st, key, n, out, err);
}

/* Names recur across documents: keys are cached per store (ICU's took
 * tens of microseconds a name; the table's cost about a cache look-up). */
int pl_store__latin_key(pl_store *st, const char *key, size_t n, pl_buf *out,
                        pl_error *err) {
  if (out->len) /* the skeleton depends on what out holds */
    return latin_key(st, key, n, out, err);
  const char *hit = pl_strcache_get(st->latin, key, n);
  if (hit)
    return pl_buf_puts(out, hit) < 0
               ? pl_error_set(err, PL_ENOMEM, NULL, "out of memory")
               : 0;
  int rc = latin_key(st, key, n, out, err);
  if (rc == 0 &&
      pl_strcache_put(&st->latin, key, n, out->data ? out->data : "") < 0)
    rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  return rc;
}

int pl_store__arabic_key(const char *key, size_t n, pl_buf *out,
                         pl_error *err) {
  size_t i = 0, start = out->len;
  int arabic = 0, word_pos = 0;
  while (i < n) {
    size_t at = i;
    uint32_t cp = pl_utf8_next(key, n, &i);
    if (cp == ' ') {
      word_pos = 0;
      if (pl_buf_putc(out, ' ') < 0)
        goto oom;
      continue;
    }
    if (cp >= 0x0600 && cp <= 0x06FF)
      arabic = 1;
    /* Long vowels inside a word (ا و ي ى, and the folded forms). */
    int vowel = cp == 0x0627 || cp == 0x0648 || cp == 0x064A ||
                cp == 0x0649;
    if (!(vowel && word_pos > 0) && pl_buf_append(out, key + at, i - at) < 0)
      goto oom;
    word_pos++;
  }
  if (!arabic) {
    out->len = start;
    if (out->data)
      out->data[out->len] = '\0';
  }
  return 0;
oom:
  return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
}
