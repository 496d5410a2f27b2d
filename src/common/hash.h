/* FNV-1a over n bytes, the hash the lexicon, the dates, the extractor and
 * the store's caches use, a 16-bit key for cheap filters, and the
 * little-endian word load the scanners share. Internal to libparley. */
#ifndef PARLEY_HASH_H
#define PARLEY_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint32_t pl_fnv1a32(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static inline uint64_t pl_fnv1a64(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

/* A cheap 16-bit key of a string of n bytes from its first two bytes b0
 * and b1 (0 when absent), its last byte bl (0 when empty) and n: the
 * extractor's literal filter and the lexicon's first-token filter, which
 * must reject most words without hashing them whole. */
static inline unsigned pl_key16(unsigned char b0, unsigned char b1,
                                unsigned char bl, size_t n) {
  uint32_t h = (uint32_t)n * 0x9E3779B1u;
  h ^= (uint32_t)b0 << 16 | (uint32_t)b1 << 8 | bl;
  h *= 0x85EBCA6Bu;
  return (h ^ (h >> 16)) & 0xFFFF;
}

/* The little-endian 64-bit word at p (eight readable bytes): one load
 * where the machine is little-endian (GCC and Clang say so), else byte by
 * byte. The document id's hash and the word-at-a-time scanners read text
 * through it, so every machine sees the same words. */
static inline uint64_t pl_load_le64(const unsigned char *p) {
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
#else
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
#endif
}

#endif
