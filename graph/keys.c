/* Cross-script keys for person names: a Latin consonant skeleton through
 * ICU's transliterator (made once per store, on the first discovered
 * person) and an Arabic consonant skeleton. These keys let spellings of one
 * name meet ("ستفان دي ميستورا", "ستيفان دي ميستورا", "Staffan de
 * Mistura"); resolve.c decides how much a match on them is worth. */
#include "store_int.h"

#include "hash.h"

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

struct pl_strcache {
  struct {
    uint64_t hash; /* of the key; 0: empty */
    char *key;     /* NUL-terminated copy */
    char *value;   /* NUL-terminated copy */
  } slot[STRCACHE_SLOTS];
};

static uint64_t str_hash(const char *s, size_t n) {
  uint64_t h = pl_fnv1a64(s, n);
  return h ? h : 1; /* 0 marks an empty slot */
}

const char *pl_strcache_get(const pl_strcache *c, const char *key, size_t n) {
  if (!c)
    return NULL;
  uint64_t h = str_hash(key, n);
  const char *k = c->slot[h % STRCACHE_SLOTS].key;
  if (c->slot[h % STRCACHE_SLOTS].hash != h || strlen(k) != n ||
      memcmp(k, key, n))
    return NULL;
  return c->slot[h % STRCACHE_SLOTS].value;
}

int pl_strcache_put(pl_strcache **c, const char *key, size_t n,
                    const char *value) {
  if (!*c && !(*c = calloc(1, sizeof **c)))
    return PL_ENOMEM;
  uint64_t h = str_hash(key, n);
  size_t vn = strlen(value);
  char *k = malloc(n + 1), *v = malloc(vn + 1);
  if (!k || !v) {
    free(k);
    free(v);
    return PL_ENOMEM;
  }
  memcpy(k, key, n);
  k[n] = '\0';
  memcpy(v, value, vn + 1);
  size_t i = h % STRCACHE_SLOTS;
  free((*c)->slot[i].key);
  free((*c)->slot[i].value);
  (*c)->slot[i].hash = h;
  (*c)->slot[i].key = k;
  (*c)->slot[i].value = v;
  return 0;
}

void pl_strcache_clear(pl_strcache *c) {
  if (!c)
    return;
  for (size_t i = 0; i < STRCACHE_SLOTS; i++) {
    free(c->slot[i].key);
    free(c->slot[i].value);
  }
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

static int latin_key(pl_store *st, const char *key, size_t n, pl_buf *out,
                     pl_error *err);

/* Names recur across documents, and ICU's transliterator costs tens of
 * microseconds a name: keys are cached per store. */
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

static int latin_key(pl_store *st, const char *key, size_t n, pl_buf *out,
                     pl_error *err) {
  int ascii = 1;
  for (size_t i = 0; i < n && ascii; i++)
    ascii = (unsigned char)key[i] < 0x80;
  if (ascii)
    return skeleton(key, n, out) < 0
               ? pl_error_set(err, PL_ENOMEM, NULL, "out of memory")
               : 0;
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
