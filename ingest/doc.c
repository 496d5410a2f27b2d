/* Documents: identity (a 128-bit hash of the body) and language guess.
 *
 * The id is stored in every store, so its definition is frozen: 32 hex
 * digits, two 64-bit word-at-a-time multiply-rotate hashes (xxHash64's
 * single-lane round and avalanche, with different seeds, primes and
 * rotations; see hash128) over the body bytes, words read little-endian so
 * that every machine computes the same id. */
#include <parley/doc.h>
#include <parley/text.h>

#include "hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t avalanche(uint64_t h) {
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

/* Two 64-bit hashes of p[0..n) in one pass (two independent chains). */
static void hash128(const unsigned char *p, size_t n, uint64_t *a,
                    uint64_t *b) {
  uint64_t h1 = P5 + (uint64_t)n, h2 = P3 ^ (uint64_t)n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t k = pl_load_le64(p + i);
    uint64_t k1 = rotl64(k * P2, 31) * P1, k2 = rotl64(k * P4, 29) * P3;
    h1 ^= k1;
    h1 = rotl64(h1, 27) * P1 + P4;
    h2 ^= k2;
    h2 = rotl64(h2, 31) * P2 + P5;
  }
  for (; i < n; i++) {
    h1 ^= (uint64_t)p[i] * P5;
    h1 = rotl64(h1, 11) * P1;
    h2 ^= (uint64_t)p[i] * P1;
    h2 = rotl64(h2, 13) * P2;
  }
  *a = avalanche(h1);
  *b = avalanche(h2 ^ (h2 >> 17));
}

/* Counts Arabic-script and Latin letters in UTF-8 text (decoding leniently:
 * a malformed byte counts as nothing). */
static void count_scripts(const unsigned char *s, size_t n, size_t *arabic,
                          size_t *latin, size_t *other) {
  size_t ar = 0, la = 0, ot = 0;
  size_t i = 0;
  /* Is U+0600 + k (k < 128: the two-byte code points led by D8 or D9) a
   * letter? '1' for U+0620..U+064A but tatweel (U+0640), and for
   * U+066E..U+067F; read as core_letter[k] & 1. */
  static const char core_letter[129] = "00000000000000000000000000000000"
                                       "11111111111111111111111111111111"
                                       "01111111111000000000000000000000"
                                       "00000000000000111111111111111111";
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      /* English text: eight ASCII bytes at a time. A byte y = b | 0x20
       * (below 0x80) is a letter when 0x61 <= y <= 0x7A: y + 0x1F sets the
       * byte's high bit when y >= 0x61, y + 0x05 when y >= 0x7B (no byte
       * carries into the next); the letters' high bits are counted by a
       * multiply that sums the bytes into the top one. */
      while (i + 8 <= n) {
        uint64_t w = pl_load_le64(s + i);
        if (w & highs)
          break;
        uint64_t y = w | 0x20 * ones;
        uint64_t letters = (y + 0x1F * ones) & ~(y + 0x05 * ones) & highs;
        la += (size_t)(((letters >> 7) * ones) >> 56);
        i += 8;
      }
      if (i >= n)
        break;
      c = s[i];
      if (c >= 0x80)
        continue;
      la += (c | 0x20) - 'a' < 26;
      i++;
      continue;
    }
    uint32_t cp;
    if ((c & 0xFE) == 0xD8 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      /* Fast path: Arabic text, that is runs of core Arabic code points
       * (lead D8 or D9, then a continuation byte) and the spaces between
       * them, until anything else. */
      for (;;) {
        /* four pairs at a time while the next eight bytes are four such
         * pairs (read little-endian, a pair is one 16-bit lane, its lead
         * the low byte) */
        while (i + 8 <= n) {
          uint64_t w = pl_load_le64(s + i);
          if ((w & 0xC0FEC0FEC0FEC0FEULL) != 0x80D880D880D880D8ULL)
            break;
          /* each lane's core_letter index: lead bit 0, then the trail's
           * low six bits */
          uint64_t x = (w & 0x0001000100010001ULL) << 6 |
                       (w >> 8 & 0x003F003F003F003FULL);
          /* four entries, each '0' (0x30) or '1' (0x31): their sum is
           * 0xC0 plus the letters among the four */
          ar += (size_t)(core_letter[x & 0x7F] + core_letter[x >> 16 & 0x7F] +
                         core_letter[x >> 32 & 0x7F] + core_letter[x >> 48]) &
                7;
          i += 8;
        }
        /* then one pair or one space (not a letter) at a time */
        if (i + 1 >= n)
          break;
        c = s[i];
        if (c == ' ') {
          i++;
          continue;
        }
        if ((c & 0xFE) != 0xD8 || (s[i + 1] & 0xC0) != 0x80)
          break;
        ar += (size_t)(core_letter[((c & 1) << 6) | (s[i + 1] & 0x3F)] & 1);
        i += 2;
      }
      continue;
    }
    size_t at = i;
    cp = pl_utf8_next((const char *)s, n, &i);
    if (cp == 0xFFFD && i == at + 1)
      continue; /* an invalid byte */
    int in_arabic_block =
        (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
        (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF);
    if (in_arabic_block) {
      /* Letters only: not digits, punctuation, marks or tatweel. */
      if ((cp >= 0x0620 && cp <= 0x064A && cp != 0x0640) ||
          (cp >= 0x066E && cp <= 0x06D3 && cp != 0x06D4 && cp != 0x0670) ||
          (cp >= 0x06FA && cp <= 0x06FC) || (cp >= 0x0750 && cp <= 0x077F) ||
          (cp >= 0x08A0 && cp <= 0x08C9) || (cp >= 0xFB50 && cp <= 0xFDFB) ||
          (cp >= 0xFE70 && cp <= 0xFEFC))
        ar++;
    } else if ((cp >= 0x00C0 && cp <= 0x024F && cp != 0xD7 && cp != 0xF7) ||
               (cp >= 0x1E00 && cp <= 0x1EFF))
      la++;
    else if (cp >= 0x0370 && !(cp >= 0x2000 && cp <= 0x2BFF) &&
             !(cp >= 0x3000 && cp <= 0x303F) &&
             !(cp >= 0xFE00 && cp <= 0xFE0F) &&
             !(cp >= 0xFF00 && cp <= 0xFF20) && !(cp >= 0x1F000))
      ot++; /* letters of other scripts (roughly: not punctuation/symbols) */
  }
  *arabic = ar;
  *latin = la;
  *other = ot;
}

void pl_doc_finish(pl_doc *doc) {
  const unsigned char *p = (const unsigned char *)(doc->body ? doc->body : "");
  size_t n = doc->body ? doc->body_len : 0;
  uint64_t h1, h2;
  hash128(p, n, &h1, &h2);
  /* "%016llx%016llx" without snprintf */
  static const char hex[] = "0123456789abcdef";
  for (int k = 0; k < 16; k++) {
    doc->id[k] = hex[(h1 >> (60 - 4 * k)) & 15];
    doc->id[16 + k] = hex[(h2 >> (60 - 4 * k)) & 15];
  }
  doc->id[32] = '\0';
  if (!doc->lang[0]) {
    size_t ar, la, ot;
    count_scripts(p, n, &ar, &la, &ot);
    size_t total = ar + la + ot;
    const char *lang = "und";
    /* Arabic when at least a quarter of the letters are Arabic: Arabic
     * articles carry Latin names, URLs and even crawled CSS, while English
     * ones rarely carry Arabic. Else English when most letters are Latin.
     * A text of fewer than three letters is "und". */
    if (total >= 3 && ar * 4 >= total)
      lang = "ar";
    else if (total >= 3 && la * 2 > total)
      lang = "en";
    memcpy(doc->lang, lang, strlen(lang) + 1);
  }
}

void pl_doc_clear(pl_doc *doc) {
  if (!doc)
    return;
  free(doc->source);
  free(doc->url);
  free(doc->title);
  free(doc->body);
  memset(doc, 0, sizeof *doc);
}
