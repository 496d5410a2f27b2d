/* The lexicon: TSV data compiled into a hashed trie over folded tokens. */
#include "lexicon.h"

#include "buf.h"
#include "hash.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

/* The trie's edges live in an open-addressing hash of 8-byte slots, so
 * that a probe touches little memory (the lexicon has tens of thousands of
 * edges and is looked up at every token); the rest of an edge is kept
 * with the node it leads to, which has one parent only. */
typedef struct trie_slot {
  uint32_t hash;  /* hash_key(parent, tok): a cheap mismatch */
  uint32_t child; /* node the edge leads to (0: empty slot; the root is
                     nobody's child) */
} trie_slot;

typedef struct trie_node {
  int32_t entry[4]; /* entries ending here, by insertion (-1 unused) */
  uint32_t parent;  /* the node before it (the root: 0) */
  uint32_t nkids;   /* nodes after it (0: a phrase can end here only) */
  const char *tok;  /* folded token of the edge from parent (arena; the
                       root: NULL) */
} trie_node;

struct pl_lexicon {
  pl_arena arena;     /* strings */
  lex_entry *entries; /* all entries */
  size_t nentries, capentries;
  trie_node *nodes;   /* node 0 is the root */
  size_t nnodes, capnodes;
  trie_slot *slots;   /* open-addressing hash: (parent, token) -> child */
  size_t nslots;      /* power of two */
  size_t used;        /* slots in use */
  uint64_t stop_bloom[1024]; /* bits of stop_bit() of every one-word stop
                                form: a clear bit means "not a stop word" */
  uint64_t first_bloom[1024]; /* bits of pl_key16() of every token a
                                 phrase starts with: a clear bit means "no
                                 phrase starts so" without hashing */
};

/* The bloom-filter bit of a folded word (FNV-1a folded to 16 bits). */
static unsigned stop_bit(const char *w) {
  uint32_t h = 2166136261u;
  for (; *w; w++)
    h = (h ^ (unsigned char)*w) * 16777619u;
  return (h ^ (h >> 16)) & 0xFFFF;
}

static const char *kind_names[LEX_NKINDS] = {
    "state", "org", "group", "media", "place",
    "role", "rolemod", "cue", "stop", "ordinal"};

#define HASH_START 1469598103934665603ULL /* FNV-1a 64 offset basis */

/* Feeds n bytes of s into the FNV-1a state h. */
static uint64_t hash_bytes(uint64_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return h;
}

static uint32_t hash_end(uint64_t h) { return (uint32_t)(h ^ (h >> 29)); }

static uint32_t hash_key(uint32_t parent, const char *s) {
  uint64_t h = HASH_START ^ parent;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return hash_end(h);
}

static int grow_slots(pl_lexicon *lx) {
  size_t n = lx->nslots ? lx->nslots * 2 : 4096;
  trie_slot *s = calloc(n, sizeof *s);
  if (!s)
    return PL_ENOMEM;
  for (size_t i = 0; i < lx->nslots; i++) {
    trie_slot *o = &lx->slots[i];
    if (!o->child)
      continue;
    size_t h = o->hash & (n - 1);
    while (s[h].child)
      h = (h + 1) & (n - 1);
    s[h] = *o;
  }
  free(lx->slots);
  lx->slots = s;
  lx->nslots = n;
  return 0;
}

/* The child of node by the token pre + tok (pre: "" or a prefix such as
 * the article, so that a peeled form needs no copy), whose hash_key is
 * full; or -1. */
static int64_t find_child(const pl_lexicon *lx, uint32_t node, uint32_t full,
                          const char *pre, size_t npre, const char *tok) {
  size_t mask = lx->nslots - 1;
  for (size_t h = full & mask; lx->slots[h].child; h = (h + 1) & mask) {
    const trie_slot *sl = &lx->slots[h];
    if (sl->hash != full)
      continue;
    const trie_node *tn = &lx->nodes[sl->child];
    if (tn->parent == node && !strncmp(tn->tok, pre, npre) &&
        !strcmp(tn->tok + npre, tok))
      return sl->child;
  }
  return -1;
}

static int64_t child_of(const pl_lexicon *lx, uint32_t node, const char *tok) {
  if (!lx->nslots)
    return -1;
  return find_child(lx, node, hash_key(node, tok), "", 0, tok);
}

static int64_t add_child(pl_lexicon *lx, uint32_t node, const char *tok) {
  int64_t c = child_of(lx, node, tok);
  if (c >= 0)
    return c;
  if ((lx->used + 1) * 2 > lx->nslots && grow_slots(lx) < 0)
    return -1;
  if (lx->nnodes == lx->capnodes) {
    size_t cap = lx->capnodes ? lx->capnodes * 2 : 1024;
    trie_node *p = realloc(lx->nodes, cap * sizeof *p);
    if (!p)
      return -1;
    lx->nodes = p;
    lx->capnodes = cap;
  }
  const char *copy = pl_arena_strdup(&lx->arena, tok);
  if (!copy)
    return -1;
  uint32_t id = (uint32_t)lx->nnodes++;
  for (int k = 0; k < 4; k++)
    lx->nodes[id].entry[k] = -1;
  lx->nodes[id].parent = node;
  lx->nodes[id].nkids = 0;
  lx->nodes[id].tok = copy;
  lx->nodes[node].nkids++;
  uint32_t full = hash_key(node, tok);
  size_t h = full & (lx->nslots - 1);
  while (lx->slots[h].child)
    h = (h + 1) & (lx->nslots - 1);
  lx->slots[h].hash = full;
  lx->slots[h].child = id;
  lx->used++;
  if (node == 0) {
    size_t n = strlen(tok);
    unsigned key =
        pl_key16((unsigned char)tok[0], n > 1 ? (unsigned char)tok[1] : 0,
                  n ? (unsigned char)tok[n - 1] : 0, n);
    lx->first_bloom[key >> 6] |= (uint64_t)1 << (key & 63);
  }
  return id;
}

/* Inserts one folded phrase (space-separated tokens) for entry idx. */
static int insert_phrase(pl_lexicon *lx, const char *phrase, int32_t idx) {
  char tok[256];
  uint32_t node = 0;
  const char *p = phrase;
  while (*p) {
    while (*p == ' ')
      p++;
    if (!*p)
      break;
    size_t n = strcspn(p, " ");
    if (n >= sizeof tok)
      n = sizeof tok - 1;
    memcpy(tok, p, n);
    tok[n] = '\0';
    p += n;
    int64_t c = add_child(lx, node, tok);
    if (c < 0)
      return PL_ENOMEM;
    node = (uint32_t)c;
  }
  if (node == 0)
    return 0;
  trie_node *tn = &lx->nodes[node];
  for (int k = 0; k < 4; k++) {
    if (tn->entry[k] == idx)
      return 0;
    if (tn->entry[k] < 0) {
      tn->entry[k] = idx;
      return 0;
    }
  }
  return 0; /* a fifth meaning of one phrase is dropped */
}

static int is_arabic_text(const char *s) {
  return (unsigned char)s[0] == 0xD8 || (unsigned char)s[0] == 0xD9 ||
         (unsigned char)s[0] == 0xDA || (unsigned char)s[0] == 0xDB;
}

int pl_lexicon_add(pl_lexicon *lx, int kind, const char *id, const char *name,
                   const char *forms, const char *actor, pl_error *err) {
  if (lx->nentries == lx->capentries) {
    size_t cap = lx->capentries ? lx->capentries * 2 : 512;
    lex_entry *p = realloc(lx->entries, cap * sizeof *p);
    if (!p)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    lx->entries = p;
    lx->capentries = cap;
  }
  int32_t idx = (int32_t)lx->nentries;
  lex_entry *e = &lx->entries[lx->nentries++];
  memset(e, 0, sizeof *e);
  e->kind = kind;
  e->id = pl_arena_strdup(&lx->arena, id);
  e->name = pl_arena_strdup(&lx->arena, name);
  e->actor = actor && *actor ? pl_arena_strdup(&lx->arena, actor) : NULL;
  pl_buf fold = {0};
  int rc = 0;
  const char *p = forms;
  /* the English name is a form too, for actors and places */
  int with_name = kind <= LEX_PLACE && name && strcmp(name, "-");
  while (with_name || *p) {
    const char *f;
    size_t n;
    if (with_name) {
      f = name;
      n = strlen(name);
      with_name = 0;
    } else {
      n = strcspn(p, "|");
      f = p;
      p += n;
      if (*p == '|')
        p++;
    }
    while (n && f[0] == ' ')
      f++, n--;
    while (n && f[n - 1] == ' ')
      n--;
    if (!n)
      continue;
    if (!e->name_ar && is_arabic_text(f))
      e->name_ar = pl_arena_strndup(&lx->arena, f, n);
    fold.len = 0;
    if (pl_text_fold_phrase(f, n, &fold) < 0 ||
        (fold.len && insert_phrase(lx, fold.data, idx) < 0)) {
      rc = PL_ENOMEM;
      break;
    }
    if (kind == LEX_STOP && fold.len && !memchr(fold.data, ' ', fold.len)) {
      unsigned bit = stop_bit(fold.data);
      lx->stop_bloom[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
    /* Arabic forms also stand with the article: تركي -> التركي */
    if (fold.len && is_arabic_text(fold.data) && kind != LEX_STOP &&
        strncmp(fold.data, "\xD8\xA7\xD9\x84", 4) != 0) {
      pl_buf al = {0};
      if (pl_buf_puts(&al, "\xD8\xA7\xD9\x84") < 0 ||
          pl_buf_append(&al, fold.data, fold.len) < 0 ||
          insert_phrase(lx, al.data, idx) < 0)
        rc = PL_ENOMEM;
      pl_buf_free(&al);
      if (rc)
        break;
    }
  }
  pl_buf_free(&fold);
  if (!e->id || !e->name)
    rc = PL_ENOMEM;
  return rc ? pl_error_set(err, rc, NULL, "out of memory") : 0;
}

static int kind_parse(const char *s) {
  for (int k = 0; k < LEX_NKINDS; k++)
    if (!strcmp(s, kind_names[k]))
      return k;
  return -1;
}

/* Reads one TSV file: kind, id, name, forms[, actor]. */
static int load_file(pl_lexicon *lx, const char *path, pl_error *err) {
  FILE *f = fopen(path, "r");
  if (!f)
    return pl_error_set(err, PL_EIO, path, "%s", strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int lineno = 0, rc = 0;
  while ((n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (!n || line[0] == '#')
      continue;
    char *col[5] = {0};
    int nc = 0;
    char *p = line;
    while (nc < 5) {
      col[nc++] = p;
      char *tab = strchr(p, '\t');
      if (!tab)
        break;
      *tab = '\0';
      p = tab + 1;
    }
    char where[200];
    snprintf(where, sizeof where, "%s:%d", path, lineno);
    int kind = kind_parse(col[0]);
    if (kind < 0 || nc < 4) {
      rc = pl_error_set(err, PL_EINPUT, where,
                        kind < 0 ? "unknown lexicon kind '%s'"
                                 : "expected kind, id, name and forms "
                                   "separated by tabs (got '%s')",
                        col[0]);
      break;
    }
    if ((rc = pl_lexicon_add(lx, kind, col[1], col[2], col[3],
                             nc > 4 ? col[4] : NULL, err)) < 0)
      break;
  }
  free(line);
  fclose(f);
  return rc;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every ISO country ICU knows, by its Arabic and English names. */
static int add_icu_countries(pl_lexicon *lx, pl_error *err) {
  const char *const *c = uloc_getISOCountries();
  for (; *c; c++) {
    char loc[8], en[128], ar[256];
    UChar u[128];
    UErrorCode st = U_ZERO_ERROR;
    snprintf(loc, sizeof loc, "_%s", *c);
    int32_t n = uloc_getDisplayCountry(loc, "en", u, 128, &st);
    if (U_FAILURE(st) || n <= 0)
      continue;
    u_strToUTF8(en, sizeof en, NULL, u, n, &st);
    n = uloc_getDisplayCountry(loc, "ar", u, 128, &st);
    if (U_FAILURE(st) || n <= 0)
      continue;
    u_strToUTF8(ar, sizeof ar, NULL, u, n, &st);
    if (U_FAILURE(st))
      continue;
    /* a curated entry for this code wins: add forms to it instead */
    int have = pl_lexicon_find(lx, LEX_STATE, *c);
    const char *name = have >= 0 ? lx->entries[have].name : en;
    if (pl_lexicon_add(lx, LEX_STATE, *c, name, ar, NULL, err) < 0)
      return PL_ENOMEM;
  }
  return 0;
}

int pl_lexicon_load(pl_lexicon **out, const char *dir,
                    const char *const *extra, size_t nextra, pl_error *err) {
  *out = NULL;
  pl_lexicon *lx = calloc(1, sizeof *lx);
  if (!lx)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  int rc = 0;
  if (!(lx->nodes = malloc(1024 * sizeof *lx->nodes)) || grow_slots(lx) < 0) {
    pl_lexicon_free(lx);
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  lx->capnodes = 1024;
  lx->nnodes = 1; /* node 0: the root */
  for (int k = 0; k < 4; k++)
    lx->nodes[0].entry[k] = -1;
  lx->nodes[0].parent = 0;
  lx->nodes[0].nkids = 0;
  lx->nodes[0].tok = NULL;
  DIR *d = opendir(dir);
  if (!d) {
    rc = pl_error_set(err, PL_EIO, dir, "cannot open the lexicon folder: %s",
                      strerror(errno));
    goto fail;
  }
  char **names = NULL;
  size_t nn = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    size_t l = strlen(de->d_name);
    if (l > 4 && !strcmp(de->d_name + l - 4, ".tsv")) {
      char **p = realloc(names, (nn + 1) * sizeof *p);
      if (!p || !(p[nn] = strdup(de->d_name))) {
        free(p ? p : names);
        closedir(d);
        rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
        goto fail;
      }
      names = p;
      nn++;
    }
  }
  closedir(d);
  if (nn)
    qsort(names, nn, sizeof *names, cmp_str);
  for (size_t i = 0; i < nn; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (!rc)
      rc = load_file(lx, path, err);
    free(names[i]);
  }
  free(names);
  if (rc < 0)
    goto fail;
  if (!nn) {
    rc = pl_error_set(err, PL_EINPUT, dir, "no lexicon files (*.tsv) here");
    goto fail;
  }
  for (size_t i = 0; i < nextra; i++)
    if ((rc = load_file(lx, extra[i], err)) < 0)
      goto fail;
  if ((rc = add_icu_countries(lx, err)) < 0)
    goto fail;
  *out = lx;
  return 0;
fail:
  pl_lexicon_free(lx);
  return rc;
}

void pl_lexicon_free(pl_lexicon *lx) {
  if (!lx)
    return;
  pl_arena_free(&lx->arena);
  free(lx->entries);
  free(lx->nodes);
  free(lx->slots);
  free(lx);
}

const lex_entry *pl_lexicon_entry(const pl_lexicon *lx, int idx) {
  return idx >= 0 && (size_t)idx < lx->nentries ? &lx->entries[idx] : NULL;
}

size_t pl_lexicon_count(const pl_lexicon *lx) { return lx->nentries; }

int pl_lexicon_find(const pl_lexicon *lx, int kind, const char *id) {
  for (size_t i = 0; i < lx->nentries; i++)
    if (lx->entries[i].kind == kind && !strcmp(lx->entries[i].id, id))
      return (int)i;
  return -1;
}

/* UTF-8 of the Arabic letters used as proclitics */
#define AR_WAW "\xD9\x88"
#define AR_FA "\xD9\x81"
#define AR_BA "\xD8\xA8"
#define AR_LAM "\xD9\x84"
#define AR_KAF "\xD9\x83"
#define AR_AL "\xD8\xA7\xD9\x84"

/* Does the n-byte string w start with the 2-byte letter p? */
static int starts2(const char *w, size_t n, const char *p) {
  return n >= 2 && w[0] == p[0] && w[1] == p[1];
}

int pl_lexicon_peel_forms(const char *w, size_t wl, pl_peel out[4]) {
  int n = 0;
  out[n++] = (pl_peel){0, 0, 0};
  if (!is_arabic_text(w))
    return n;
  size_t base = 0;
  int peeled = 0;
  if ((starts2(w, wl, AR_WAW) || starts2(w, wl, AR_FA)) && wl >= 6) {
    base = 2;
    peeled = 1;
    out[n++] = (pl_peel){2, 0, 1};
  }
  for (int pass = 0; pass < 2 && n < 4; pass++) {
    size_t b = pass ? base : 0;
    size_t len = wl - b;
    int pl = pass ? peeled : 0;
    if (pass == 1 && b == 0)
      break;
    if (len <= 6)
      continue;
    if (starts2(w + b, len, AR_LAM) && starts2(w + b + 2, len - 2, AR_LAM))
      out[n++] = (pl_peel){(uint8_t)(b + 4), 1, (uint8_t)(pl + 1)}; /* لل as ل + ال */
    else if (starts2(w + b, len, AR_BA) || starts2(w + b, len, AR_LAM) ||
             starts2(w + b, len, AR_KAF))
      out[n++] = (pl_peel){(uint8_t)(b + 2), 0, (uint8_t)(pl + 1)};
  }
  return n;
}

int pl_lexicon_peel(const char *w, char out[4][128], int letters[4]) {
  size_t wl = strlen(w);
  if (wl >= 128)
    return 0;
  pl_peel f[4];
  int n = pl_lexicon_peel_forms(w, wl, f);
  for (int i = 0; i < n; i++) {
    char *o = out[i];
    if (f[i].al) {
      memcpy(o, AR_AL, 4);
      o += 4;
    }
    memcpy(o, w + f[i].off, wl - f[i].off + 1);
    letters[i] = f[i].letters;
  }
  return n;
}

static int is_hyphen(const pl_text *t, size_t i) {
  const char *w = pl_text_norm(t, i);
  return t->toks[i].kind == PL_TOK_PUNCT &&
         (!strcmp(w, "-") || !strcmp(w, "\xE2\x80\x90") ||
          !strcmp(w, "\xE2\x80\x91"));
}

/* Bytes of the first `letters` letters (with their marks) of a token. */
static uint32_t letter_bytes(const pl_text *t, size_t i, int letters) {
  const pl_token *tk = &t->toks[i];
  size_t p = tk->start;
  int seen = 0;
  while (p < tk->end) {
    size_t q = p;
    uint32_t cp = pl_utf8_next(t->src, tk->end, &q);
    int mark = (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640;
    if (!mark) {
      if (seen == letters)
        break;
      seen++;
    }
    p = q;
  }
  return (uint32_t)(p - tk->start);
}

int pl_lexicon_match(const pl_lexicon *lx, const pl_text *t, size_t i,
                     unsigned kinds, size_t *ntok, uint32_t *skip) {
  if (i >= t->ntoks || t->toks[i].kind == PL_TOK_PUNCT) {
    *ntok = 0;
    *skip = 0;
    return -1;
  }
  const char *w = pl_text_norm(t, i);
  size_t wl = strlen(w);
  pl_peel f[4];
  int nf = wl < 128 ? pl_lexicon_peel_forms(w, wl, f) : 0;
  return pl_lexicon_match_forms(lx, t, i, w, wl, f, nf, kinds, ntok, skip);
}

int pl_lexicon_match_forms(const pl_lexicon *lx, const pl_text *t, size_t i,
                           const char *w, size_t wl, const pl_peel *f, int nf,
                           unsigned kinds, size_t *ntok, uint32_t *skip) {
  *ntok = 0;
  *skip = 0;
  if (i >= t->ntoks || t->toks[i].kind == PL_TOK_PUNCT || !lx->nslots)
    return -1;
  if (wl >= 128)
    return -1; /* longer than any form (pl_lexicon_peel gives nothing) */
  /* the word's forms without proclitics, looked up in place: a form is
     "ال" (when al) and then w from off, hashed as one token */
  int nc = nf;
  int best = -1;
  size_t best_n = 0;
  int best_letters = 0;
  uint32_t sent = t->toks[i].sent;
  const unsigned char *u = (const unsigned char *)w;
  for (int c = 0; c < nc; c++) {
    const char *pre = f[c].al ? AR_AL : "";
    size_t npre = f[c].al ? 4 : 0;
    size_t n = wl - f[c].off; /* bytes after pre */
    unsigned key =
        f[c].al ? pl_key16(0xD8, 0xA7, n ? u[wl - 1] : 0x84, n + 4)
                : pl_key16(n ? u[f[c].off] : 0, n > 1 ? u[f[c].off + 1] : 0,
                            n ? u[wl - 1] : 0, n);
    if (!(lx->first_bloom[key >> 6] >> (key & 63) & 1))
      continue; /* no phrase starts with this form */
    uint64_t h = hash_bytes(HASH_START, pre, npre);
    h = hash_bytes(h, w + f[c].off, wl - f[c].off);
    int64_t node = find_child(lx, 0, hash_end(h), pre, npre, w + f[c].off);
    size_t j = i + 1;
    while (node >= 0) {
      const trie_node *tn = &lx->nodes[node];
      for (int k = 0; k < 4 && tn->entry[k] >= 0; k++) {
        if (kinds & (1u << lx->entries[tn->entry[k]].kind)) {
          if (j - i > best_n) {
            best = tn->entry[k];
            best_n = j - i;
            best_letters = f[c].letters;
          }
          break;
        }
      }
      if (!tn->nkids)
        break; /* no longer phrase goes on from here */
      while (j < t->ntoks && t->toks[j].sent == sent && is_hyphen(t, j) &&
             j + 1 < t->ntoks)
        j++;
      if (j >= t->ntoks || t->toks[j].sent != sent)
        break;
      node = child_of(lx, (uint32_t)node, pl_text_norm(t, j));
      j++;
    }
  }
  if (best >= 0) {
    *ntok = best_n;
    *skip = best_letters ? letter_bytes(t, i, best_letters) : 0;
  }
  return best;
}

int pl_lexicon_is_stop(const pl_lexicon *lx, const char *w) {
  unsigned bit = stop_bit(w);
  if (!(lx->stop_bloom[bit >> 6] & ((uint64_t)1 << (bit & 63))))
    return 0; /* most words: no stop form hashes here */
  int64_t node = child_of(lx, 0, w);
  if (node < 0)
    return 0;
  const trie_node *tn = &lx->nodes[node];
  for (int k = 0; k < 4 && tn->entry[k] >= 0; k++)
    if (lx->entries[tn->entry[k]].kind == LEX_STOP)
      return 1;
  return 0;
}
