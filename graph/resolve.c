/* Adding a document: normalised alias keys, actor resolution, events merged
 * across documents, edges and their evidence — one transaction each. */
#include "store_int.h"

#include <parley/text.h>

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ---- normalised keys ---------------------------------------------------- */

/* Alias keys are the extractor's own phrase folding (ingest/text.c), so a
 * name the store keeps and a name the extractor matched fold alike. */
int pl_store__norm_key(const char *s, size_t n, pl_buf *out, pl_error *err) {
  if (n == (size_t)-1)
    n = strlen(s);
  if (pl_text_fold_phrase(s, n, out) < 0)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  return 0;
}

/* ---- small SQLite helpers ----------------------------------------------- */

/* Binds s, or NULL when s is NULL or empty. */
static void bind_str(sqlite3_stmt *s, int i, const char *v) {
  if (v && *v)
    sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(s, i);
}

/* s, or NULL when s is NULL or empty. */
static const char *nz(const char *s) { return s && *s ? s : NULL; }

/* Binds id, or NULL when id is 0. */
static void bind_id(sqlite3_stmt *s, int i, long long id) {
  if (id)
    sqlite3_bind_int64(s, i, id);
  else
    sqlite3_bind_null(s, i);
}

/* Steps a statement that returns no row. */
static int step_done(pl_store *st, sqlite3_stmt *s, pl_error *err) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE)
    return pl_store__dberr(st, err, "write");
  return 0;
}

/* Steps once: 1 for a row, 0 at the end, PL_EDB. */
static int step_row(pl_store *st, sqlite3_stmt *s, pl_error *err) {
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW)
    return 1;
  sqlite3_reset(s);
  if (rc == SQLITE_DONE)
    return 0;
  return pl_store__dberr(st, err, "read");
}

/* Copies column i as a malloc'ed string (NULL stays NULL). */
static char *col_dup(sqlite3_stmt *s, int i, int *fail) {
  const unsigned char *t = sqlite3_column_text(s, i);
  if (!t)
    return NULL;
  size_t n = (size_t)sqlite3_column_bytes(s, i);
  char *p = malloc(n + 1);
  if (!p) {
    *fail = 1;
    return NULL;
  }
  memcpy(p, t, n);
  p[n] = '\0';
  return p;
}

/* ---- adding ------------------------------------------------------------- */

/* The keys of one surface form of a person: its folded key, and its Latin
 * and Arabic consonant skeletons ("" when none). */
typedef struct name_keys {
  char *key;   /* folded (pl_store__norm_key) */
  char *lat;   /* Latin skeleton */
  char *ar;    /* Arabic skeleton */
  int ntok;    /* words in key */
  int nlat;    /* words in lat */
  int extra;   /* from pl_actor_extra: matched on, not recorded (the raw
                  keys are recorded as they are) */
} name_keys;

/* What one pl_store_add works with. */
typedef struct add_ctx {
  pl_store *st;          /* the store */
  const pl_doc *doc;     /* the document */
  const pl_facts *f;     /* its facts */
  const pl_actor_extra *extra; /* per-actor extras, or NULL */
  const char *body;      /* the text spans refer to */
  size_t body_len;       /* its length */
  const char *date;      /* publication date, or NULL */
  long long *ids;        /* actor index → entity id */
  pl_buf key;            /* scratch: a normalised key */
  pl_buf key2;           /* scratch: a second key */
  pl_buf tmp;            /* scratch: names, attrs */
  pl_buf reason;         /* scratch: why an actor joined an entity */
  name_keys *nk;         /* the current actor's distinct keys */
  size_t nnk, capnk;     /* used, allocated */
  long long *made;       /* events created for this document: two events
                            of one article are never the same */
  size_t nmade, capmade; /* used, allocated */
  pl_error *err;         /* where failures go */
} add_ctx;

static const char *const actor_types[] = {
    "person", "state", "organization", "group", "media", "place"};

static int span_ok(const add_ctx *c, pl_span sp) {
  return sp.start <= sp.end && sp.end <= c->body_len;
}

static int bad(add_ctx *c, const char *fmt, const char *what, long i) {
  char msg[128];
  snprintf(msg, sizeof msg, fmt, what, i);
  return pl_error_set(c->err, PL_EINPUT, c->doc->source, "%s", msg);
}

static int oom(add_ctx *c) {
  return pl_error_set(c->err, PL_ENOMEM, NULL, "out of memory");
}

/* The entity id of actor index i, or PL_EINPUT for a bad index. */
static int actor_id(add_ctx *c, int i, const char *what, long long *out) {
  if (i < 0 || (size_t)i >= c->f->nactors)
    return bad(c, "facts: %s refers to actor %ld, which does not exist", what,
               i);
  *out = c->ids[i];
  return 0;
}

/* Number of space-separated tokens in a key. */
static int tokens(const char *k) {
  int n = *k ? 1 : 0;
  for (; *k; k++)
    n += *k == ' ';
  return n;
}

/* Whether a consonant skeleton is a full name worth merging on: two words
 * of two letters or more, five letters in all ("stfn d mstr", "sdt nl";
 * not "l hsn", which Ali and Ola Hassan share, nor "d mstr", a surname). */
static int strong_skeleton(const char *k) {
  size_t letters = 0, word = 0;
  int long_words = 0;
  for (;; k++) {
    if (!*k || *k == ' ') {
      long_words += word >= 2;
      word = 0;
      if (!*k)
        break;
    } else {
      letters++;
      word++;
    }
  }
  return long_words >= 2 && letters >= 5;
}

/* Whether a Latin skeleton is a first and a last name, each of two letters
 * or more, if short ("jn kr": John Kerry and جون كيري): worth a merge when
 * the other side's key is such a full name too (a "lat:" key of two words
 * only comes from a name of two words or more) and only one person has
 * it. A lone surname ("kr") or an initial ("l hsn") never is. */
static int full_name_skeleton(const char *k) {
  size_t word = 0;
  int words = 0, short_word = 0;
  for (;; k++) {
    if (!*k || *k == ' ') {
      words++;
      short_word |= word < 2;
      word = 0;
      if (!*k)
        break;
    } else {
      word++;
    }
  }
  return words == 2 && !short_word;
}

/* The surface forms of actor i: name, Arabic name, transliteration, each
 * mention, then the extras' surfaces. */
static size_t nsurfaces(const add_ctx *c, size_t i) {
  const pl_actor *a = &c->f->actors[i];
  return 3 + a->nmentions + (c->extra ? c->extra[i].nkeys : 0);
}

static int surface(add_ctx *c, size_t ai, size_t i, const char **s,
                   size_t *n) {
  const pl_actor *a = &c->f->actors[ai];
  *s = NULL;
  *n = 0;
  if (i < 3) {
    const char *v = i == 0 ? a->name : i == 1 ? a->name_ar : a->translit;
    if (v) {
      *s = v;
      *n = strlen(v);
    }
    return 0;
  }
  if (i - 3 >= a->nmentions) {
    *s = c->extra[ai].keys[i - 3 - a->nmentions];
    *n = *s ? strlen(*s) : 0;
    return 0;
  }
  pl_span sp = a->mentions[i - 3];
  if (!span_ok(c, sp))
    return bad(c, "facts: a mention of %s lies outside the text%.0ld",
               a->name ? a->name : "an actor", 0);
  *s = c->body + sp.start;
  *n = sp.end - sp.start;
  return 0;
}

static void keys_clear(add_ctx *c) {
  for (size_t i = 0; i < c->nnk; i++) {
    free(c->nk[i].key);
    free(c->nk[i].lat);
    free(c->nk[i].ar);
  }
  c->nnk = 0;
}

static char *dup_buf(const pl_buf *b) {
  char *p = malloc(b->len + 1);
  if (p) {
    if (b->len)
      memcpy(p, b->data, b->len);
    p[b->len] = '\0';
  }
  return p;
}

/* Whether an alias key is a derived one ("lat:", "ar:", "sur:", "user:"). */
static int is_derived(const char *k) {
  return !strncmp(k, "lat:", 4) || !strncmp(k, "ar:", 3) ||
         !strncmp(k, "sur:", 4) || !strncmp(k, "user:", 5);
}

/* Collects the distinct keys of actor i into c->nk; skeletons for persons
 * only (the transliterator is slow and other actors have lexicon keys). */
static int collect_keys(add_ctx *c, size_t ai) {
  int person = c->f->actors[ai].type == PL_ACTOR_PERSON, rc;
  /* An article repeats a name as written: a surface equal byte for byte
   * to one already taken has nothing new (its key is the same), and is
   * not folded again. The first few distinct surfaces are remembered. */
  enum { RAW_MAX = 16 };
  const char *raw[RAW_MAX];
  size_t raw_len[RAW_MAX], nraw = 0;
  keys_clear(c);
  for (size_t i = 0; i < nsurfaces(c, ai); i++) {
    const char *v;
    size_t n;
    if ((rc = surface(c, ai, i, &v, &n)) < 0)
      return rc;
    if (!v)
      continue;
    int again = 0;
    for (size_t r = 0; r < nraw && !again; r++)
      again = raw_len[r] == n && !memcmp(raw[r], v, n);
    if (again)
      continue;
    if (nraw < RAW_MAX) {
      raw[nraw] = v;
      raw_len[nraw++] = n;
    }
    int extra = i >= 3 + c->f->actors[ai].nmentions;
    if (extra && is_derived(v))
      continue;
    c->key.len = 0;
    if ((rc = pl_store__norm_key(v, n, &c->key, c->err)) < 0)
      return rc;
    if (!c->key.len)
      continue;
    int seen = 0;
    for (size_t k = 0; k < c->nnk && !seen; k++)
      seen = !strcmp(c->nk[k].key, c->key.data);
    if (seen)
      continue;
    if (c->nnk == c->capnk) {
      size_t cap = c->capnk ? 2 * c->capnk : 8;
      name_keys *p = realloc(c->nk, cap * sizeof *p);
      if (!p)
        return oom(c);
      c->nk = p;
      c->capnk = cap;
    }
    name_keys *k = &c->nk[c->nnk];
    memset(k, 0, sizeof *k);
    c->key2.len = 0;
    if (person && (rc = pl_store__latin_key(c->st, c->key.data, c->key.len,
                                            &c->key2, c->err)) < 0)
      return rc;
    k->lat = dup_buf(&c->key2);
    c->key2.len = 0;
    if (person && (rc = pl_store__arabic_key(c->key.data, c->key.len,
                                             &c->key2, c->err)) < 0) {
      free(k->lat);
      return rc;
    }
    k->ar = dup_buf(&c->key2);
    k->key = dup_buf(&c->key);
    if (!k->key || !k->lat || !k->ar) {
      free(k->key);
      free(k->lat);
      free(k->ar);
      return oom(c);
    }
    k->ntok = tokens(k->key);
    k->nlat = tokens(k->lat);
    k->extra = extra;
    c->nnk++;
  }
  return 0;
}

/* Looks key up among the aliases of entities of type: *count distinct
 * entities, the lowest in *id. */
static int lookup(add_ctx *c, const char *prefix, const char *key,
                  const char *type, long long *count, long long *id) {
  int rc;
  *count = 0;
  *id = 0;
  c->tmp.len = 0;
  if (pl_buf_puts(&c->tmp, prefix) < 0 || pl_buf_puts(&c->tmp, key) < 0)
    return oom(c);
  sqlite3_stmt *s = pl_store__stmt(c->st, S_ALIAS_COUNT, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_text(s, 1, c->tmp.data, (int)c->tmp.len, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 2, type, -1, SQLITE_STATIC);
  if ((rc = step_row(c->st, s, c->err)) < 0)
    return rc;
  if (rc == 1) {
    *count = sqlite3_column_int64(s, 0);
    *id = sqlite3_column_int64(s, 1);
    sqlite3_reset(s);
  }
  return 0;
}

/* Whether any "user:" alias exists (users' corrections make them) into
 * *out: without one, looking each name up as a user alias finds nothing.
 * A batch keeps the answer until pl_store__forget. */
static int user_aliases(add_ctx *c, int *out) {
  pl_store *st = c->st;
  if (st->batch && st->user_aliases >= 0) {
    *out = st->user_aliases;
    return 0;
  }
  sqlite3_stmt *s = pl_store__stmt(st, S_USER_ALIASES, c->err);
  if (!s)
    return PL_EDB;
  int rc = step_row(st, s, c->err);
  if (rc < 0)
    return rc;
  *out = rc == 1 && sqlite3_column_int(s, 0) != 0;
  sqlite3_reset(s);
  if (st->batch)
    st->user_aliases = *out;
  return 0;
}

/* Whether entity id already stands for another actor of this document: the
 * extractor kept them apart, which is evidence against a weak match. */
static int taken(const add_ctx *c, size_t ai, long long id) {
  for (size_t i = 0; i < ai; i++)
    if (c->ids[i] == id)
      return 1;
  return 0;
}

/* Finds the entity an unkeyed actor designates (0 when none) and says why
 * in c->reason. Persons: a user alias; the same full name (two words or
 * more); the same Latin or Arabic consonant skeleton of a full name, when
 * it is long enough (or, in Latin, a first and a last name of two letters
 * or more each) and designates one person only; else, for a person
 * named by a surname only, the one person whose name ends so, unless that
 * person is another actor of this article. Never a weak key alone. */
static int match_actor(add_ctx *c, size_t ai, const char *type,
                       long long *out) {
  const pl_actor *a = &c->f->actors[ai];
  int person = a->type == PL_ACTOR_PERSON, rc;
  long long n, id;
  int user;
  *out = 0;
  c->reason.len = 0;
  if ((rc = user_aliases(c, &user)) < 0)
    return rc;
  for (size_t i = 0; user && i < c->nnk; i++) {
    if ((rc = lookup(c, "user:", c->nk[i].key, type, &n, &id)) < 0)
      return rc;
    if (n >= 1) {
      *out = id;
      return pl_buf_printf(&c->reason, "user alias '%s'", c->nk[i].key) < 0
                 ? oom(c)
                 : 0;
    }
  }
  int full = 0;
  for (size_t i = 0; i < c->nnk; i++) {
    if (person && c->nk[i].ntok < 2)
      continue;
    full = 1;
    if ((rc = lookup(c, "", c->nk[i].key, type, &n, &id)) < 0)
      return rc;
    if (n >= 1) {
      *out = id;
      return pl_buf_printf(&c->reason, "same name '%s'", c->nk[i].key) < 0
                 ? oom(c)
                 : 0;
    }
  }
  if (!person)
    return 0;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < c->nnk; i++) {
      const char *k = pass == 0 ? c->nk[i].lat : c->nk[i].ar;
      if (c->nk[i].ntok < 2 ||
          !(strong_skeleton(k) || (pass == 0 && full_name_skeleton(k))))
        continue;
      if ((rc = lookup(c, pass == 0 ? "lat:" : "ar:", k, type, &n, &id)) < 0)
        return rc;
      if (n == 1 && !taken(c, ai, id)) {
        *out = id;
        return pl_buf_printf(&c->reason, "same %s consonant skeleton '%s'"
                             " (of '%s')", pass == 0 ? "Latin" : "Arabic", k,
                             c->nk[i].key) < 0
                   ? oom(c)
                   : 0;
      }
    }
  }
  /* A surname only: every form of it must end the name of one and the same
   * person, and that person must not be another actor here. */
  long long cand = 0;
  for (size_t i = 0; i < c->nnk; i++) {
    const char *k = c->nk[i].lat[0] ? c->nk[i].lat : c->nk[i].key;
    const char *prefix = c->nk[i].lat[0] ? "sur:" : "";
    if (full && !c->nk[i].lat[0])
      return 0;
    if ((rc = lookup(c, prefix, k, type, &n, &id)) < 0)
      return rc;
    if (n != 1 || (cand && cand != id))
      return 0;
    cand = id;
  }
  if (cand && !taken(c, ai, cand)) {
    *out = cand;
    return pl_buf_printf(&c->reason, "surname '%s' of one person only",
                         c->nk[0].key) < 0
               ? oom(c)
               : 0;
  }
  return 0;
}

#ifndef NDEBUG
/* Whether s is one of the n strings of list: the schema's CHECKs, which
 * batches skip (pl_store_batch_begin), hold for what this file writes. */
static int one_of(const char *s, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(s, list[i]))
      return 1;
  return 0;
}

static const char *const entity_types[] = {
    "person", "state",   "organization", "group",
    "media",  "place",   "meeting",      "proposal"};

static const char *const edge_types[] = {
    "participates_in", "heads",    "holds_role", "member_of",
    "proposes",        "addressed_to", "held_in"};
#endif

static int insert_entity(add_ctx *c, const char *type, const char *name,
                         const char *name_ar, const char *key,
                         const char *translit, long long *out) {
  assert(one_of(type, entity_types,
                sizeof entity_types / sizeof *entity_types));
  sqlite3_stmt *s = pl_store__stmt(c->st, S_ENT_INSERT, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_text(s, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 2, name && *name ? name : "?", -1, SQLITE_TRANSIENT);
  bind_str(s, 3, name_ar);
  bind_str(s, 4, key);
  bind_str(s, 5, translit);
  int rc = step_done(c->st, s, c->err);
  if (rc == 0)
    *out = sqlite3_last_insert_rowid(c->st->db);
  return rc;
}

/* In a batch (which holds the write lock) an alias already inserted is
 * not inserted again: the common names of a feed recur in most of its
 * documents. The cache outlives a batch while no other connection wrote
 * (pl_store_batch_begin). */
static int insert_alias(add_ctx *c, const char *prefix, const char *k,
                        size_t n, long long id) {
  c->tmp.len = 0;
  if (pl_buf_puts(&c->tmp, prefix) < 0 || pl_buf_append(&c->tmp, k, n) < 0)
    return oom(c);
  size_t alias_len = c->tmp.len;
  if (c->st->batch) { /* the cache's key: alias, 0x1F, entity id */
    if (pl_buf_putc(&c->tmp, '\x1f') < 0 ||
        pl_buf_put_uint(&c->tmp, (unsigned long long)id) < 0)
      return oom(c);
    if (pl_strcache_get(c->st->aliases, c->tmp.data, c->tmp.len))
      return 0;
  }
  sqlite3_stmt *s = pl_store__stmt(c->st, S_ALIAS_INSERT, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_text(s, 1, c->tmp.data, (int)alias_len, SQLITE_TRANSIENT);
  sqlite3_bind_int64(s, 2, id);
  int rc = step_done(c->st, s, c->err);
  if (rc == 0 && c->st->batch &&
      pl_strcache_put(&c->st->aliases, c->tmp.data, c->tmp.len, "") < 0)
    return oom(c);
  return rc;
}

/* Records the keys of one surface as aliases of entity id. A person's full
 * name also records its last word (the surname), and the skeletons of its
 * last word and last two words ("sur:"), which a later surname-only
 * mention may attach to while they designate one person only. */
static int add_alias(add_ctx *c, const name_keys *k, long long id,
                     int person) {
  int rc;
  if ((rc = insert_alias(c, "", k->key, strlen(k->key), id)) < 0)
    return rc;
  if (!person)
    return 0;
  const char *last = strrchr(k->key, ' ');
  if (last && last[1] &&
      (rc = insert_alias(c, "", last + 1, strlen(last + 1), id)) < 0)
    return rc;
  if (k->lat[0] && (rc = insert_alias(c, "lat:", k->lat, strlen(k->lat),
                                      id)) < 0)
    return rc;
  if (k->ar[0] &&
      (rc = insert_alias(c, "ar:", k->ar, strlen(k->ar), id)) < 0)
    return rc;
  if (k->nlat < 2)
    return 0;
  /* Suffixes: the last word, and the last two of a longer name. */
  size_t len = strlen(k->lat);
  int words = 0;
  for (size_t i = len; i-- > 0 && words < 2;) {
    if (k->lat[i] != ' ')
      continue;
    words++;
    if (words == 2 && k->nlat < 3)
      break;
    if ((rc = insert_alias(c, "sur:", k->lat + i + 1, len - i - 1, id)) < 0)
      return rc;
  }
  return 0;
}

/* Records in merges why surface alias joined entity id in this document. */
static int note_merge(add_ctx *c, long long id, const char *alias,
                      const char *reason) {
  sqlite3_stmt *s = pl_store__stmt(c->st, S_MERGE_NOTE, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int64(s, 1, id);
  sqlite3_bind_text(s, 2, alias, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 4, c->doc->id, -1, SQLITE_STATIC);
  return step_done(c->st, s, c->err);
}

/* ---- what a batch already knows ----------------------------------------
 * In a batch (which holds the write lock) the entity of a lexicon key and
 * which names an entity already has are kept in st->entities: most
 * documents of a feed name the same states and organisations. Emptied
 * with the alias cache (pl_store__forget). */

/* The entity id cached for lexicon key, or 0. */
static long long cached_key(add_ctx *c, const char *key) {
  if (!c->st->batch)
    return 0;
  c->tmp.len = 0;
  if (pl_buf_putc(&c->tmp, 'k') < 0 || pl_buf_puts(&c->tmp, key) < 0)
    return 0; /* out of memory: the query answers */
  const char *v = pl_strcache_get(c->st->entities, c->tmp.data, c->tmp.len);
  return v ? strtoll(v, NULL, 10) : 0;
}

/* The names (1 name_ar, 2 translit) entity id is known to have. */
static int cached_names(add_ctx *c, long long id) {
  if (!c->st->batch)
    return 0;
  c->tmp.len = 0;
  if (pl_buf_putc(&c->tmp, 'f') < 0 ||
      pl_buf_put_uint(&c->tmp, (unsigned long long)id) < 0)
    return 0;
  const char *v = pl_strcache_get(c->st->entities, c->tmp.data, c->tmp.len);
  return v ? v[0] - '0' : 0;
}

/* Caches lexicon key -> id (key NULL: none) and the names id has. Returns
 * 0 or PL_ENOMEM. */
static int cache_entity(add_ctx *c, const char *key, long long id,
                        int names) {
  if (!c->st->batch)
    return 0;
  char num[24];
  snprintf(num, sizeof num, "%lld", id);
  c->tmp.len = 0;
  if (key && *key &&
      (pl_buf_putc(&c->tmp, 'k') < 0 || pl_buf_puts(&c->tmp, key) < 0 ||
       pl_strcache_put(&c->st->entities, c->tmp.data, c->tmp.len, num) < 0))
    return oom(c);
  char v[2] = {(char)('0' + names), '\0'};
  c->tmp.len = 0;
  if (pl_buf_putc(&c->tmp, 'f') < 0 || pl_buf_puts(&c->tmp, num) < 0 ||
      pl_strcache_put(&c->st->entities, c->tmp.data, c->tmp.len, v) < 0)
    return oom(c);
  return 0;
}

/* Gives entity id the Arabic name (name_ar_len bytes; NULL: none) and the
 * transliteration (NULL or empty: none) it lacks. An entity known to have
 * them already (or given none) is not asked: the UPDATE would find nothing
 * to change. */
static int fill_names(add_ctx *c, long long id, const char *name_ar,
                      size_t name_ar_len, const char *translit) {
  int give = (name_ar ? 1 : 0) | (translit && *translit ? 2 : 0);
  int known = cached_names(c, id);
  if ((give & ~known) == 0)
    return 0;
  sqlite3_stmt *s = pl_store__stmt(c->st, S_ENT_FILL, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int64(s, 1, id);
  if (give & 1)
    sqlite3_bind_text(s, 2, name_ar, (int)name_ar_len, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(s, 2);
  bind_str(s, 3, translit);
  int rc = step_done(c->st, s, c->err);
  /* Either way the entity now has what was given. */
  return rc < 0 ? rc : cache_entity(c, NULL, id, known | give);
}

/* Resolves actor i to an entity (creating it when new), records its aliases
 * and its mentions in this document, and why its names joined. */
static int resolve_actor(add_ctx *c, size_t i) {
  const pl_actor *a = &c->f->actors[i];
  int rc, matched = 0;
  long long id = 0;
  sqlite3_stmt *s;
  if (a->type < 0 || a->type > PL_ACTOR_PLACE)
    return bad(c, "facts: actor %s has an unknown type (%ld)",
               a->name ? a->name : "?", a->type);
  if (a->nmentions && !a->mentions)
    return bad(c, "facts: actor %s has no mention array%.0ld",
               a->name ? a->name : "?", 0);
  const char *type = actor_types[a->type];
  if ((rc = collect_keys(c, i)) < 0)
    return rc;
  c->reason.len = 0;
  if (a->key && *a->key) {
    if (!(id = cached_key(c, a->key))) {
      if (!(s = pl_store__stmt(c->st, S_ENT_BY_KEY, c->err)))
        return PL_EDB;
      sqlite3_bind_text(s, 1, a->key, -1, SQLITE_TRANSIENT);
      if ((rc = step_row(c->st, s, c->err)) < 0)
        return rc;
      if (rc == 1) {
        id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        if ((rc = cache_entity(c, a->key, id, cached_names(c, id))) < 0)
          return rc;
      }
    }
    if (id && pl_buf_printf(&c->reason, "lexicon entry %s", a->key) < 0)
      return oom(c);
  } else if ((rc = match_actor(c, i, type, &id)) < 0) {
    return rc;
  }
  matched = id != 0;
  const char *name = a->name;
  if ((!name || !*name) && a->nmentions) {
    /* No canonical name: the first mention stands for it. */
    pl_span sp = a->mentions[0];
    if (!span_ok(c, sp))
      return bad(c, "facts: a mention of %s lies outside the text%.0ld",
                 "an actor", 0);
    c->key2.len = 0;
    if (pl_buf_append(&c->key2, c->body + sp.start, sp.end - sp.start) < 0)
      return oom(c);
    name = c->key2.data;
  }
  if (!id) {
    if ((rc = insert_entity(c, type, name, a->name_ar, a->key, a->translit,
                            &id)) < 0 ||
        (rc = cache_entity(c, a->key, id,
                           (a->name_ar && *a->name_ar ? 1 : 0) |
                               (a->translit && *a->translit ? 2 : 0))) < 0)
      return rc;
  } else if ((rc = fill_names(c, id, nz(a->name_ar),
                              a->name_ar ? strlen(a->name_ar) : 0,
                              a->translit)) < 0) {
    return rc;
  }
  if (!a->key || a->type == PL_ACTOR_PERSON) {
    /* Why: the way this article's name for it joined (or began) it, and
     * the other spellings the extractor gave the same actor. */
    if ((rc = note_merge(c, id, name ? name : "?",
                         matched ? c->reason.data : "first seen")) < 0)
      return rc;
    c->key.len = 0; /* the name's own key, which needs no note */
    if (name &&
        (rc = pl_store__norm_key(name, (size_t)-1, &c->key, c->err)) < 0)
      return rc;
    for (size_t k = 0; k < c->nnk; k++) {
      if (c->nk[k].extra)
        continue;
      if (c->key.len && !strcmp(c->key.data, c->nk[k].key))
        continue;
      if ((rc = note_merge(c, id, c->nk[k].key,
                           "another spelling of one actor in the same "
                           "article")) < 0)
        return rc;
    }
  }
  for (size_t k = 0; k < c->nnk; k++)
    if (!c->nk[k].extra &&
        (rc = add_alias(c, &c->nk[k], id, a->type == PL_ACTOR_PERSON)) < 0)
      return rc;
  for (size_t k = 0; c->extra && k < c->extra[i].nkeys; k++) {
    const char *v = c->extra[i].keys[k];
    if (v && *v && strncmp(v, "user:", 5) &&
        (rc = insert_alias(c, "", v, strlen(v), id)) < 0)
      return rc;
  }
  if (!(s = pl_store__stmt(c->st, S_MENTION_ADD, c->err)))
    return PL_EDB;
  long nm = (long)a->nmentions;
  if (c->extra && c->extra[i].nmentions >= 0)
    nm = c->extra[i].nmentions;
  sqlite3_bind_int64(s, 1, id);
  sqlite3_bind_text(s, 2, c->doc->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 3, (sqlite3_int64)nm);
  if ((rc = step_done(c->st, s, c->err)) < 0)
    return rc;
  c->ids[i] = id;
  return 0;
}

/* Gives place id the lexicon's forms of its name as aliases and its Arabic
 * name (when it has none), and counts the document naming it as a venue
 * as a mention of it. */
static int place_names(add_ctx *c, long long id, const char *name) {
  pl_place_forms f;
  int rc;
  if ((rc = pl_store__place_forms(c->st, name, &f, c->err)) < 0)
    return rc;
  for (size_t i = 0; i < f.n; i++) {
    c->key2.len = 0;
    if ((rc = pl_store__norm_key(f.form[i], f.len[i], &c->key2, c->err)) < 0)
      return rc;
    if (c->key2.len &&
        (rc = insert_alias(c, "", c->key2.data, c->key2.len, id)) < 0)
      return rc;
  }
  sqlite3_stmt *s;
  if (f.name_ar &&
      (rc = fill_names(c, id, f.name_ar, f.name_ar_len, NULL)) < 0)
    return rc;
  if (!(s = pl_store__stmt(c->st, S_MENTION_ADD, c->err)))
    return PL_EDB;
  sqlite3_bind_int64(s, 1, id);
  sqlite3_bind_text(s, 2, c->doc->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 3, 1);
  return step_done(c->st, s, c->err);
}

/* The place entity named name (type place), created when new; either way
 * with the lexicon's names of it (place_names). */
static int resolve_place(add_ctx *c, const char *name, long long *out) {
  int rc;
  *out = 0;
  if (!name || !*name)
    return 0;
  c->key.len = 0;
  if ((rc = pl_store__norm_key(name, (size_t)-1, &c->key, c->err)) < 0)
    return rc;
  if (c->key.len) {
    sqlite3_stmt *s = pl_store__stmt(c->st, S_ALIAS_LOOKUP, c->err);
    if (!s)
      return PL_EDB;
    sqlite3_bind_text(s, 1, c->key.data, (int)c->key.len, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, "place", -1, SQLITE_STATIC);
    if ((rc = step_row(c->st, s, c->err)) < 0)
      return rc;
    if (rc == 1) {
      *out = sqlite3_column_int64(s, 0);
      sqlite3_reset(s);
      return place_names(c, *out, name);
    }
  }
  if ((rc = insert_entity(c, "place", name, NULL, NULL, NULL, out)) < 0)
    return rc;
  if (c->key.len) {
    c->key2.len = 0;
    if (pl_buf_append(&c->key2, c->key.data, c->key.len) < 0)
      return oom(c);
    if ((rc = insert_alias(c, "", c->key2.data, c->key2.len, *out)) < 0)
      return rc;
  }
  return place_names(c, *out, name);
}

/* Adds the evidence row of edge for ev. */
static int add_evidence(add_ctx *c, long long edge, const pl_evidence *ev) {
  if (!span_ok(c, ev->span) || !span_ok(c, ev->sentence))
    return bad(c, "facts: evidence of %s lies outside the text%.0ld",
               ev->rule ? ev->rule : "a fact", 0);
  pl_span sent = ev->sentence.end > ev->sentence.start ? ev->sentence
                                                       : ev->span;
  sqlite3_stmt *s = pl_store__stmt(c->st, S_EVID_INSERT, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int64(s, 1, edge);
  sqlite3_bind_text(s, 2, c->doc->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 3, ev->span.start);
  sqlite3_bind_int64(s, 4, ev->span.end);
  if (sent.end > sent.start)
    sqlite3_bind_text(s, 5, c->body + sent.start, (int)(sent.end - sent.start),
                      SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(s, 5);
  bind_str(s, 6, ev->rule);
  return step_done(c->st, s, c->err);
}

/* Adds (or finds: same ends, type and attributes) an edge, widens its dates
 * and records ev. dst 0 is none. */
static int add_edge(add_ctx *c, long long src, long long dst, const char *type,
                    const char *from, const char *to, int prec,
                    const char *attrs, const pl_evidence *ev) {
  int rc;
  long long id = 0;
  if (from && !*from)
    from = NULL;
  if (!from)
    prec = 0;
  if (!to || !*to)
    to = from;
  assert(one_of(type, edge_types, sizeof edge_types / sizeof *edge_types));
  sqlite3_stmt *s = pl_store__stmt(c->st, S_EDGE_FIND, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int64(s, 1, src);
  bind_id(s, 2, dst);
  sqlite3_bind_text(s, 3, type, -1, SQLITE_STATIC);
  bind_str(s, 4, attrs);
  if ((rc = step_row(c->st, s, c->err)) < 0)
    return rc;
  if (rc == 1) {
    id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (from) {
      if (!(s = pl_store__stmt(c->st, S_EDGE_DATES, c->err)))
        return PL_EDB;
      sqlite3_bind_int64(s, 1, id);
      sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 3, to, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(s, 4, prec);
      if ((rc = step_done(c->st, s, c->err)) < 0)
        return rc;
    }
  } else {
    if (!(s = pl_store__stmt(c->st, S_EDGE_INSERT, c->err)))
      return PL_EDB;
    sqlite3_bind_int64(s, 1, src);
    bind_id(s, 2, dst);
    sqlite3_bind_text(s, 3, type, -1, SQLITE_STATIC);
    bind_str(s, 4, from);
    bind_str(s, 5, to);
    sqlite3_bind_int(s, 6, prec);
    bind_str(s, 7, attrs);
    if ((rc = step_done(c->st, s, c->err)) < 0)
      return rc;
    id = sqlite3_last_insert_rowid(c->st->db);
  }
  return add_evidence(c, id, ev);
}

/* {"<name>":"<value>"} in c->tmp. */
static const char *attrs1(add_ctx *c, const char *name, const char *value) {
  c->tmp.len = 0;
  if (pl_buf_puts(&c->tmp, "{\"") < 0 || pl_buf_puts(&c->tmp, name) < 0 ||
      pl_buf_puts(&c->tmp, "\":") < 0 || pl_json_str(&c->tmp, value) < 0 ||
      pl_buf_putc(&c->tmp, '}') < 0)
    return NULL;
  return c->tmp.data;
}

static int add_role(add_ctx *c, const pl_role *r) {
  long long person = 0, of = 0;
  int rc;
  if ((rc = actor_id(c, r->person, "a role", &person)) < 0)
    return rc;
  if (r->of != -1 && (rc = actor_id(c, r->of, "a role", &of)) < 0)
    return rc;
  const char *attrs = attrs1(c, "role", r->role ? r->role : "");
  if (!attrs)
    return pl_error_set(c->err, PL_ENOMEM, NULL, "out of memory");
  return add_edge(c, person, of, "holds_role", c->date, c->date,
                  c->date ? PL_PREC_DAY : 0, attrs, &r->ev);
}

static int add_delegation(add_ctx *c, const pl_delegation *d) {
  long long of = 0, head = 0;
  int rc;
  if ((rc = actor_id(c, d->of, "a delegation", &of)) < 0)
    return rc;
  const char *attrs = attrs1(c, "kind", "delegation");
  if (!attrs)
    return pl_error_set(c->err, PL_ENOMEM, NULL, "out of memory");
  int prec = c->date ? PL_PREC_DAY : 0;
  if (d->head != -1) {
    if ((rc = actor_id(c, d->head, "a delegation", &head)) < 0 ||
        (rc = add_edge(c, head, of, "heads", c->date, c->date, prec, attrs,
                       &d->ev)) < 0)
      return rc;
  }
  if (d->nmembers && !d->members)
    return bad(c, "facts: %s has no member array%.0ld", "a delegation", 0);
  for (size_t i = 0; i < d->nmembers; i++) {
    long long m = 0;
    if ((rc = actor_id(c, d->members[i], "a delegation", &m)) < 0 ||
        (rc = add_edge(c, m, of, "member_of", c->date, c->date, prec, attrs,
                       &d->ev)) < 0)
      return rc;
  }
  return 0;
}

/* ---- events (meetings and proposals) ------------------------------------ */

/* An event as a document reports it, with its actors resolved. */
typedef struct event_in {
  int meeting;          /* 1 meeting, 0 proposal */
  long long *members;   /* participants or proposers: sorted, distinct */
  size_t n;             /* entries in members */
  const char *from;     /* date or NULL */
  const char *to;       /* date or NULL */
  int prec;             /* pl_precision */
  const char *kind;     /* meeting kind, or NULL */
  long long place;      /* place entity, or 0 */
  const char *round;    /* round, or NULL */
  const char *process;  /* meetings: the process of the round, or NULL */
  const char *status;   /* status, or NULL */
  const char *content;  /* proposal content, or NULL */
  const char *date_text;/* date phrase, or NULL */
  const char *place_name;/* the place as the document names it, or NULL */
  const pl_evidence *ev; /* the evidence of the report */
  long long *xmembers;   /* members with their affiliations (expand) */
  size_t nx;             /* entries in xmembers */
} event_in;

/* Days since 1970-01-01 of a "YYYY-MM-DD" date (H. Hinnant's algorithm). */
static long days(const char *d) {
  long y = atol(d), m = atol(d + 5), dd = atol(d + 8);
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int cmp_ll(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
}

/* Sorts and dedupes v[0..*n). */
static void sort_unique(long long *v, size_t *n) {
  if (*n < 2)
    return;
  if (*n)
    qsort(v, *n, sizeof *v, cmp_ll);
  size_t w = 1;
  for (size_t i = 1; i < *n; i++)
    if (v[i] != v[w - 1])
      v[w++] = v[i];
  *n = w;
}

static int push(long long **v, size_t *n, size_t *cap, long long x) {
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 8;
    long long *p = realloc(*v, nc * sizeof *p);
    if (!p)
      return PL_ENOMEM;
    *v = p;
    *cap = nc;
  }
  (*v)[(*n)++] = x;
  return 0;
}

static int str_eq(const char *a, const char *b) {
  return a && b && strcmp(a, b) == 0;
}

/* Adds to the sorted set v the actors each member holds a role of, heads
 * or is a member of (stored edges), and sorts it again. */
static int expand(add_ctx *c, long long **v, size_t *n, size_t *cap) {
  size_t n0 = *n;
  int rc = 0;
  for (size_t i = 0; i < n0 && rc >= 0; i++) {
    sqlite3_stmt *s = pl_store__stmt(c->st, S_AFFILIATIONS, c->err);
    if (!s)
      return PL_EDB;
    sqlite3_bind_int64(s, 1, (*v)[i]);
    while ((rc = step_row(c->st, s, c->err)) == 1)
      if (push(v, n, cap, sqlite3_column_int64(s, 0)) < 0) {
        sqlite3_reset(s);
        return oom(c);
      }
  }
  if (rc < 0)
    return rc;
  sort_unique(*v, n);
  return 0;
}

/* Whether event cand (already stored) is the one e reports. */
static int same_event(add_ctx *c, const event_in *e, long long cand,
                      int *same) {
  const char *etype = e->meeting ? "participates_in" : "proposes";
  int rc, fail = 0;
  char *from = NULL, *to = NULL, *round = NULL, *content = NULL;
  char *process = NULL;
  long long place = 0;
  long long *m = NULL;
  size_t nm = 0, cap = 0;
  *same = 0;
  sqlite3_stmt *s = pl_store__stmt(c->st, S_EVENT_GET, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int64(s, 1, cand);
  if ((rc = step_row(c->st, s, c->err)) <= 0)
    return rc;
  from = col_dup(s, 0, &fail);
  to = col_dup(s, 1, &fail);
  place = sqlite3_column_int64(s, 3);
  round = col_dup(s, 4, &fail);
  content = col_dup(s, 6, &fail);
  process = col_dup(s, 8, &fail);
  sqlite3_reset(s);
  if (fail) {
    rc = pl_error_set(c->err, PL_ENOMEM, NULL, "out of memory");
    goto done;
  }
  /* Dates: overlapping, or one of them unknown; two meetings whose dates
   * disagree are one when the same round (within a month) or the same
   * place (within three days) says so: both claims are kept. */
  if (e->from && from) {
    const char *eto = e->to ? e->to : e->from, *cto = to ? to : from;
    if (strcmp(e->from, cto) > 0 || strcmp(from, eto) > 0) {
      long gap = strcmp(e->from, cto) > 0 ? days(e->from) - days(cto)
                                          : days(from) - days(eto);
      int ok = e->meeting &&
               ((str_eq(e->round, round) && gap <= 30) ||
                (e->place && e->place == place && gap <= 3));
      if (!ok)
        goto done;
    }
  }
  if (e->meeting) {
    if (e->place && place && e->place != place)
      goto done;
    if (e->round && round && strcmp(e->round, round) != 0)
      goto done;
    /* Round 11 of Astana is not round 11 of Geneva. */
    if (e->process && process && strcmp(e->process, process) != 0)
      goto done;
    int anchor = (e->place && e->place == place) || str_eq(e->round, round) ||
                 (e->from && from);
    if (!anchor)
      goto done;
  } else {
    /* Proposals: the same words (as keys). */
    if (!e->content || !content)
      goto done;
    c->key.len = 0;
    c->key2.len = 0;
    if ((rc = pl_store__norm_key(e->content, (size_t)-1, &c->key, c->err)) <
            0 ||
        (rc = pl_store__norm_key(content, (size_t)-1, &c->key2, c->err)) < 0)
      goto done;
    if (c->key.len != c->key2.len ||
        (c->key.len && memcmp(c->key.data, c->key2.data, c->key.len) != 0))
      goto done;
  }
  /* Members: Jaccard >= 0.5. */
  if (!(s = pl_store__stmt(c->st, S_EV_MEMBERS, c->err))) {
    rc = PL_EDB;
    goto done;
  }
  sqlite3_bind_int64(s, 1, cand);
  sqlite3_bind_text(s, 2, etype, -1, SQLITE_STATIC);
  while ((rc = step_row(c->st, s, c->err)) == 1) {
    if (push(&m, &nm, &cap, sqlite3_column_int64(s, 0)) < 0) {
      sqlite3_reset(s);
      rc = pl_error_set(c->err, PL_ENOMEM, NULL, "out of memory");
      goto done;
    }
  }
  if (rc < 0)
    goto done;
  /* A person counts as the actors he speaks for too (a minister for his
   * state), as a delegation counts as its actor: one report names
   * "Lavrov", another "Russia". */
  if ((rc = expand(c, &m, &nm, &cap)) < 0)
    goto done;
  size_t inter = 0, i = 0, j = 0;
  while (i < e->nx && j < nm) {
    if (e->xmembers[i] == m[j]) {
      inter++;
      i++;
      j++;
    } else if (e->xmembers[i] < m[j]) {
      i++;
    } else {
      j++;
    }
  }
  size_t uni = e->nx + nm - inter;
  *same = uni > 0 && 2 * inter >= uni;
done:
  free(from);
  free(to);
  free(round);
  free(content);
  free(process);
  free(m);
  return rc < 0 ? rc : 0;
}

/* The stored event e reports (lowest id), or 0. Any match holds at least
 * half of e's members, so probing the first n/2+1 of them finds it. */
static int find_event(add_ctx *c, event_in *e, long long *out) {
  const char *etype = e->meeting ? "participates_in" : "proposes";
  long long *cand = NULL;
  size_t nc = 0, cap = 0;
  int rc = 0;
  *out = 0;
  if (!e->xmembers) {
    size_t xcap = 0;
    for (size_t i = 0; i < e->n; i++)
      if (push(&e->xmembers, &e->nx, &xcap, e->members[i]) < 0)
        return oom(c);
    if ((rc = expand(c, &e->xmembers, &e->nx, &xcap)) < 0)
      return rc;
  }
  size_t probe = e->n / 2 + 1;
  if (probe > e->n)
    probe = e->n;
  for (size_t i = 0; i < probe && rc >= 0; i++) {
    sqlite3_stmt *s = pl_store__stmt(c->st, S_EV_CANDIDATES, c->err);
    if (!s) {
      rc = PL_EDB;
      break;
    }
    sqlite3_bind_int64(s, 1, e->members[i]);
    sqlite3_bind_text(s, 2, etype, -1, SQLITE_STATIC);
    while ((rc = step_row(c->st, s, c->err)) == 1) {
      if (push(&cand, &nc, &cap, sqlite3_column_int64(s, 0)) < 0) {
        sqlite3_reset(s);
        rc = pl_error_set(c->err, PL_ENOMEM, NULL, "out of memory");
        break;
      }
    }
  }
  if (rc >= 0) {
    sort_unique(cand, &nc);
    for (size_t i = 0; i < nc && !*out; i++) {
      int same, mine = 0;
      for (size_t k = 0; k < c->nmade && !mine; k++)
        mine = c->made[k] == cand[i];
      if (mine)
        continue;
      if ((rc = same_event(c, e, cand[i], &same)) < 0)
        break;
      if (same)
        *out = cand[i];
    }
  }
  free(cand);
  return rc < 0 ? rc : 0;
}

/* The display name of a meeting or proposal from its stored fields. */
static int event_name(add_ctx *c, long long id, int meeting) {
  int rc, fail = 0;
  char *from = NULL, *kind = NULL, *round = NULL, *content = NULL;
  long long place = 0;
  sqlite3_stmt *s = pl_store__stmt(c->st, S_EVENT_GET, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int64(s, 1, id);
  if ((rc = step_row(c->st, s, c->err)) <= 0)
    return rc;
  from = col_dup(s, 0, &fail);
  kind = col_dup(s, 2, &fail);
  place = sqlite3_column_int64(s, 3);
  round = col_dup(s, 4, &fail);
  content = col_dup(s, 6, &fail);
  sqlite3_reset(s);
  c->tmp.len = 0;
  if (meeting) {
    fail |= pl_buf_puts(&c->tmp, kind ? kind : "meeting") < 0;
    if (place) {
      if (!(s = pl_store__stmt(c->st, S_PLACE_NAME, c->err))) {
        rc = PL_EDB;
        goto done;
      }
      sqlite3_bind_int64(s, 1, place);
      if ((rc = step_row(c->st, s, c->err)) < 0)
        goto done;
      if (rc == 1) {
        fail |= pl_buf_printf(&c->tmp, " in %s",
                              (const char *)sqlite3_column_text(s, 0)) < 0;
        sqlite3_reset(s);
      }
    }
    if (round)
      fail |= pl_buf_printf(&c->tmp, ", round %s", round) < 0;
    if (from)
      fail |= pl_buf_printf(&c->tmp, ", %s", from) < 0;
  } else if (content) {
    /* At most 80 bytes, cut on a character boundary. */
    size_t n = strlen(content);
    if (n > 80) {
      n = 80;
      while (n > 0 && ((unsigned char)content[n] & 0xC0) == 0x80)
        n--;
    }
    fail |= pl_buf_append(&c->tmp, content, n) < 0;
    if (n < strlen(content))
      fail |= pl_buf_puts(&c->tmp, "...") < 0;
  } else {
    fail |= pl_buf_puts(&c->tmp, "proposal") < 0;
  }
  if (fail) {
    rc = pl_error_set(c->err, PL_ENOMEM, NULL, "out of memory");
    goto done;
  }
  if (!(s = pl_store__stmt(c->st, S_ENT_RENAME, c->err))) {
    rc = PL_EDB;
    goto done;
  }
  sqlite3_bind_int64(s, 1, id);
  sqlite3_bind_text(s, 2, c->tmp.data, (int)c->tmp.len, SQLITE_TRANSIENT);
  rc = step_done(c->st, s, c->err);
done:
  free(from);
  free(kind);
  free(round);
  free(content);
  return rc < 0 ? rc : 0;
}

/* The dates of a stored event that e reports too: a date learnt when none
 * was known; a finer one inside the known interval ("November" becomes
 * "28 November"); overlapping ones of equal precision widen it (28 and
 * 28-29 November: 28-29); a date that disagrees changes nothing here (the
 * claims keep it with its source). */
static int event_dates(add_ctx *c, long long id, const event_in *e) {
  int rc, fail = 0, prec;
  sqlite3_stmt *s = pl_store__stmt(c->st, S_EVENT_GET, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int64(s, 1, id);
  if ((rc = step_row(c->st, s, c->err)) <= 0)
    return rc;
  char *from = col_dup(s, 0, &fail), *to = col_dup(s, 1, &fail);
  prec = sqlite3_column_int(s, 7);
  sqlite3_reset(s);
  const char *eto = e->to ? e->to : e->from;
  int set = 0;
  if (fail) {
    rc = oom(c);
    goto done;
  }
  const char *cto = to ? to : from;
  const char *nf = e->from, *nt = eto;
  if (!from) {
    set = 1;
  } else if (strcmp(e->from, cto) > 0 || strcmp(from, eto) > 0) {
    set = 0; /* disjoint: a conflicting claim, kept in event_claims */
  } else if (e->prec && (prec == 0 || e->prec < prec)) {
    set = strcmp(e->from, from) >= 0 && strcmp(eto, cto) <= 0; /* finer */
  } else if (e->prec == prec) {
    /* Overlapping reports of equal precision: the event spans both. */
    nf = strcmp(e->from, from) < 0 ? e->from : from;
    nt = strcmp(eto, cto) > 0 ? eto : cto;
    set = strcmp(nf, from) != 0 || strcmp(nt, cto) != 0;
  }
  if (set) {
    if (!(s = pl_store__stmt(c->st, S_EVENT_DATES_SET, c->err))) {
      rc = PL_EDB;
      goto done;
    }
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, nf, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, nt, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 4, e->prec);
    rc = step_done(c->st, s, c->err);
  }
done:
  free(from);
  free(to);
  return rc < 0 ? rc : 0;
}

/* Records what this document says about event id. */
static int add_claim(add_ctx *c, long long id, const event_in *e) {
  sqlite3_stmt *s = pl_store__stmt(c->st, S_CLAIM_INSERT, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_int64(s, 1, id);
  sqlite3_bind_text(s, 2, c->doc->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 3, e->ev ? e->ev->span.start : 0);
  sqlite3_bind_int64(s, 4, e->ev ? e->ev->span.end : 0);
  bind_str(s, 5, e->from);
  bind_str(s, 6, e->to ? e->to : e->from);
  sqlite3_bind_int(s, 7, e->from ? e->prec : 0);
  bind_str(s, 8, e->kind);
  bind_str(s, 9, e->place_name);
  bind_str(s, 10, e->round);
  bind_str(s, 11, e->status);
  bind_str(s, 12, e->content);
  bind_str(s, 13, e->date_text);
  bind_str(s, 14, e->process);
  return step_done(c->st, s, c->err);
}

/* Finds or creates the event entity for e; returns its id in *out. */
static int store_event(add_ctx *c, event_in *e, long long *out) {
  int rc;
  sqlite3_stmt *s;
  long long id = 0;
  if ((rc = find_event(c, e, &id)) < 0)
    return rc;
  int create = id == 0;
  if (create &&
      (rc = insert_entity(c, e->meeting ? "meeting" : "proposal",
                          e->meeting ? "meeting" : "proposal", NULL, NULL,
                          NULL, &id)) < 0)
    return rc;
  if (create && push(&c->made, &c->nmade, &c->capmade, id) < 0)
    return pl_error_set(c->err, PL_ENOMEM, NULL, "out of memory");
  if (!(s = pl_store__stmt(c->st, create ? S_EVENT_INSERT : S_EVENT_UPDATE,
                           c->err)))
    return PL_EDB;
  sqlite3_bind_int64(s, 1, id);
  bind_str(s, 2, e->from);
  bind_str(s, 3, e->to ? e->to : e->from);
  sqlite3_bind_int(s, 4, e->from ? e->prec : 0);
  bind_str(s, 5, e->kind);
  bind_id(s, 6, e->place);
  bind_str(s, 7, e->round);
  bind_str(s, 8, e->status);
  bind_str(s, 9, e->content);
  bind_str(s, 10, e->date_text);
  bind_str(s, 11, e->process);
  if ((rc = step_done(c->st, s, c->err)) < 0)
    return rc;
  if (!create && e->from && (rc = event_dates(c, id, e)) < 0)
    return rc;
  if ((rc = add_claim(c, id, e)) < 0)
    return rc;
  if (!create && e->from) {
    /* A date learnt now dates the edges stored without one. */
    if (!(s = pl_store__stmt(c->st, S_EVENT_EDGE_DATES, c->err)))
      return PL_EDB;
    sqlite3_bind_int64(s, 1, id);
    bind_str(s, 2, e->from);
    bind_str(s, 3, e->to ? e->to : e->from);
    sqlite3_bind_int(s, 4, e->prec);
    if ((rc = step_done(c->st, s, c->err)) < 0)
      return rc;
  }
  if ((rc = event_name(c, id, e->meeting)) < 0)
    return rc;
  *out = id;
  return 0;
}

/* Resolves n actor indices into a sorted distinct id list (malloc'ed). */
static int resolve_list(add_ctx *c, const int *idx, size_t n,
                        const char *what, long long **out, size_t *nout) {
  *out = NULL;
  *nout = 0;
  if (!n)
    return 0;
  if (!idx)
    return bad(c, "facts: %s has no actor array%.0ld", what, 0);
  long long *v = malloc(n * sizeof *v);
  if (!v)
    return pl_error_set(c->err, PL_ENOMEM, NULL, "out of memory");
  for (size_t i = 0; i < n; i++) {
    int rc = actor_id(c, idx[i], what, &v[i]);
    if (rc < 0) {
      free(v);
      return rc;
    }
  }
  sort_unique(v, &n);
  *out = v;
  *nout = n;
  return 0;
}

static int add_meeting(add_ctx *c, const pl_meeting *m) {
  event_in e;
  memset(&e, 0, sizeof e);
  int rc;
  long long id;
  e.meeting = 1;
  if ((rc = resolve_list(c, m->participants, m->nparticipants, "a meeting",
                         &e.members, &e.n)) < 0)
    return rc;
  e.from = nz(m->when.from);
  e.to = nz(m->when.to);
  e.prec = e.from ? m->when.precision : 0;
  e.kind = nz(m->kind);
  e.round = nz(m->round);
  e.process = nz(m->process);
  e.status = nz(m->status);
  e.date_text = nz(m->date_text);
  e.place_name = nz(m->place);
  e.ev = &m->ev;
  if ((rc = resolve_place(c, m->place, &e.place)) < 0 ||
      (rc = store_event(c, &e, &id)) < 0)
    goto done;
  /* Participants in the order the article names them. */
  for (size_t i = 0; i < m->nparticipants; i++) {
    long long a = c->ids[m->participants[i]];
    if ((rc = add_edge(c, a, id, "participates_in", e.from, e.to, e.prec,
                       NULL, &m->ev)) < 0)
      goto done;
  }
  if (e.place && (rc = add_edge(c, id, e.place, "held_in", e.from, e.to,
                                e.prec, NULL, &m->ev)) < 0)
    goto done;
done:
  free(e.members);
  free(e.xmembers);
  return rc;
}

static int add_proposal(add_ctx *c, const pl_proposal *p) {
  event_in e;
  memset(&e, 0, sizeof e);
  long long *to = NULL, id;
  size_t nto = 0;
  int rc;
  if ((rc = resolve_list(c, p->by, p->nby, "a proposal", &e.members, &e.n)) <
          0 ||
      (rc = resolve_list(c, p->to, p->nto, "a proposal", &to, &nto)) < 0)
    goto done;
  e.from = nz(p->when.from);
  e.to = nz(p->when.to);
  e.prec = e.from ? p->when.precision : 0;
  e.status = nz(p->status);
  e.content = nz(p->content);
  e.date_text = nz(p->date_text);
  e.ev = &p->ev;
  if ((rc = store_event(c, &e, &id)) < 0)
    goto done;
  for (size_t i = 0; i < p->nby; i++)
    if ((rc = add_edge(c, c->ids[p->by[i]], id, "proposes", e.from, e.to,
                       e.prec, NULL, &p->ev)) < 0)
      goto done;
  for (size_t i = 0; i < p->nto; i++)
    if ((rc = add_edge(c, id, c->ids[p->to[i]], "addressed_to", e.from, e.to,
                       e.prec, NULL, &p->ev)) < 0)
      goto done;
done:
  free(e.members);
  free(e.xmembers);
  free(to);
  return rc;
}

/* Is every index of idx[0..n) an actor of the facts? */
static int indexes_ok(const add_ctx *c, const int *idx, size_t n) {
  if (n && !idx)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (idx[i] < 0 || (size_t)idx[i] >= c->f->nactors)
      return 0;
  return 1;
}

/* Refuses a fact (what: "a role") whose actors are not all among the
 * facts' (actors_ok 0) or whose evidence lies outside the text. */
static int check_fact(add_ctx *c, const char *what, int actors_ok,
                      const pl_evidence *ev) {
  if (!actors_ok)
    return bad(c, "facts: %s refers to an actor that does not exist%.0ld",
               what, 0);
  if (!span_ok(c, ev->span) || !span_ok(c, ev->sentence))
    return bad(c, "facts: evidence of %s lies outside the text%.0ld", what,
               0);
  return 0;
}

/* Refuses, before anything is written, facts that contradict themselves
 * (an actor index or a span out of range): inside a batch a document has
 * no savepoint of its own (which copied every page the document touched
 * into its journal, a twentieth of ingest), so bad facts must be found
 * before the first write. Returns 0 or PL_EINPUT. */
static int check_facts(add_ctx *c) {
  const pl_facts *f = c->f;
  if (!f)
    return 0;
  if ((f->nactors && !f->actors) || (f->nroles && !f->roles) ||
      (f->ndelegations && !f->delegations) || (f->nmeetings && !f->meetings) ||
      (f->nproposals && !f->proposals))
    return bad(c, "facts: %s with a count but no array%.0ld", "a list", 0);
  for (size_t i = 0; i < f->nactors; i++) {
    const pl_actor *a = &f->actors[i];
    const char *name = a->name ? a->name : "?";
    if (a->type < 0 || a->type > PL_ACTOR_PLACE)
      return bad(c, "facts: actor %s has an unknown type (%ld)", name,
                 a->type);
    if (a->nmentions && !a->mentions)
      return bad(c, "facts: actor %s has no mention array%.0ld", name, 0);
    for (size_t k = 0; k < a->nmentions; k++)
      if (!span_ok(c, a->mentions[k]))
        return bad(c, "facts: a mention of %s lies outside the text%.0ld",
                   a->name ? a->name : "an actor", 0);
  }
  int rc;
  for (size_t i = 0; i < f->nroles; i++) {
    const pl_role *r = &f->roles[i];
    if ((rc = check_fact(c, "a role",
                         indexes_ok(c, &r->person, 1) &&
                             (r->of == -1 || indexes_ok(c, &r->of, 1)),
                         &r->ev)) < 0)
      return rc;
  }
  for (size_t i = 0; i < f->ndelegations; i++) {
    const pl_delegation *d = &f->delegations[i];
    if (d->nmembers && !d->members)
      return bad(c, "facts: %s has no member array%.0ld", "a delegation", 0);
    if ((rc = check_fact(c, "a delegation",
                         indexes_ok(c, &d->of, 1) &&
                             (d->head == -1 || indexes_ok(c, &d->head, 1)) &&
                             indexes_ok(c, d->members, d->nmembers),
                         &d->ev)) < 0)
      return rc;
  }
  for (size_t i = 0; i < f->nmeetings; i++) {
    const pl_meeting *m = &f->meetings[i];
    if ((rc = check_fact(c, "a meeting",
                         indexes_ok(c, m->participants, m->nparticipants),
                         &m->ev)) < 0)
      return rc;
  }
  for (size_t i = 0; i < f->nproposals; i++) {
    const pl_proposal *p = &f->proposals[i];
    if ((rc = check_fact(c, "a proposal",
                         indexes_ok(c, p->by, p->nby) &&
                             indexes_ok(c, p->to, p->nto),
                         &p->ev)) < 0)
      return rc;
  }
  return 0;
}

/* Everything pl_store_add writes, inside its transaction. */
static int add_all(add_ctx *c, int *added) {
  int rc;
  const pl_doc *d = c->doc;
  if ((rc = pl_store_has_document(c->st, d->id, c->err)) != 0)
    return rc < 0 ? rc : 0;
  sqlite3_stmt *s = pl_store__stmt(c->st, S_DOC_INSERT, c->err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
  bind_str(s, 2, d->source);
  bind_str(s, 3, d->url);
  bind_str(s, 4, d->title);
  bind_str(s, 5, d->lang[0] ? d->lang : (c->f ? c->f->lang : NULL));
  bind_str(s, 6, c->date);
  if (d->body)
    sqlite3_bind_text(s, 7, d->body, (int)d->body_len, SQLITE_STATIC);
  else
    sqlite3_bind_null(s, 7);
  if ((rc = step_done(c->st, s, c->err)) < 0)
    return rc;
  *added = 1;
  const pl_facts *f = c->f;
  if (!f)
    return 0; /* the facts were checked (check_facts) */
  for (size_t i = 0; i < f->nactors; i++)
    if ((rc = resolve_actor(c, i)) < 0)
      return rc;
  for (size_t i = 0; i < f->nroles; i++)
    if ((rc = add_role(c, &f->roles[i])) < 0)
      return rc;
  for (size_t i = 0; i < f->ndelegations; i++)
    if ((rc = add_delegation(c, &f->delegations[i])) < 0)
      return rc;
  for (size_t i = 0; i < f->nmeetings; i++)
    if ((rc = add_meeting(c, &f->meetings[i])) < 0)
      return rc;
  for (size_t i = 0; i < f->nproposals; i++)
    if ((rc = add_proposal(c, &f->proposals[i])) < 0)
      return rc;
  /* Users' corrections hold for what this document brought too. */
  return pl_store__apply_corrections(c->st, c->err);
}

int pl_store_has_document(pl_store *st, const char *id, pl_error *err) {
  sqlite3_stmt *s = pl_store__stmt(st, S_DOC_EXISTS, err);
  if (!s)
    return PL_EDB;
  sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
  int rc = step_row(st, s, err);
  if (rc == 1)
    sqlite3_reset(s);
  return rc;
}

int pl_store_batch_begin(pl_store *st, pl_error *err) {
  if (st->readonly)
    return pl_error_set(err, PL_EUSAGE, st->path,
                        "the store is open read-only");
  if (st->batch)
    return 0;
  /* The schema's CHECKs on entities.type and edges.type are lists of more
   * than two strings, which SQLite tests by building a temporary b-tree of
   * the list on every insert: three quarters of the cost of adding an
   * entity. Inside a batch every write is pl_store_add's, which binds
   * those types from fixed strings only (asserted in insert_entity and
   * add_edge), so the checks are skipped until the batch ends. Other
   * writes (corrections, merge-db, the sqlite3 shell) keep them.
   * Foreign keys likewise: every id pl_store_add writes is one it has just
   * inserted or looked up in this transaction (or cached, while no other
   * connection has written), so the parent lookup each insert makes (a
   * tenth of the store's time) is skipped too; the one delete that can
   * happen inside a batch, a user's merge applied after a document
   * (pl_store__merge_entities), deletes the rows the cascades would. */
  int rc = pl_store__exec(st,
                          "PRAGMA ignore_check_constraints = ON;"
                          " PRAGMA foreign_keys = OFF;"
                          " BEGIN IMMEDIATE",
                          err);
  if (rc < 0) {
    sqlite3_exec(st->db,
                 "PRAGMA ignore_check_constraints = OFF;"
                 " PRAGMA foreign_keys = ON",
                 NULL, NULL, NULL);
    return rc;
  }
  /* The aliases cached in earlier batches still hold unless another
   * connection committed since (it may have merged or deleted entities):
   * data_version changes exactly then. */
  long long v = -1;
  if (st->data_version < 0 ||
      pl_store__query_int(st, "PRAGMA data_version", &v, NULL) < 0 ||
      v != st->data_version)
    pl_store__forget(st);
  st->batch = 1;
  return 0;
}

/* Rolls back the open transaction: statements reset first (one left
 * mid-step would keep the rollback from finishing), what was cached of the
 * store forgotten (it may name what is undone). */
static void roll_back(pl_store *st) {
  for (int i = 0; i < S_COUNT; i++)
    if (st->stmt[i])
      sqlite3_reset(st->stmt[i]);
  pl_store__forget(st);
  st->data_version = -1;
  sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Ends the batch: outside batches the schema's checks and foreign keys
 * hold again (pragmas, which cannot fail here: no transaction is open). */
static void end_batch(pl_store *st) {
  st->batch = 0;
  sqlite3_exec(st->db,
               "PRAGMA ignore_check_constraints = OFF;"
               " PRAGMA foreign_keys = ON",
               NULL, NULL, NULL);
}

int pl_store_batch_commit(pl_store *st, pl_error *err) {
  if (!st->batch)
    return 0;
  int rc = pl_store__exec(st, "COMMIT", err);
  if (rc == 0 &&
      pl_store__query_int(st, "PRAGMA data_version", &st->data_version,
                          NULL) < 0)
    st->data_version = -1;
  if (rc < 0)
    roll_back(st);
  end_batch(st);
  return rc;
}

int pl_store_batch_open(const pl_store *st) { return st && st->batch; }

int pl_store_add(pl_store *st, const pl_doc *doc, const pl_facts *facts,
                 int *added, pl_error *err) {
  return pl_store__add_ex(st, doc, facts, NULL, added, err);
}

int pl_store__add_ex(pl_store *st, const pl_doc *doc, const pl_facts *facts,
                     const pl_actor_extra *extra, int *added, pl_error *err) {
  int dummy, rc;
  if (!added)
    added = &dummy;
  *added = 0;
  if (st->readonly)
    return pl_error_set(err, PL_EUSAGE, st->path,
                        "the store is open read-only");
  if (!doc->id[0])
    return pl_error_set(err, PL_EINPUT, doc->source,
                        "document without an id");
  add_ctx c;
  memset(&c, 0, sizeof c);
  c.st = st;
  c.doc = doc;
  c.f = facts;
  c.extra = extra;
  c.err = err;
  c.body = facts && facts->body ? facts->body : doc->body;
  c.body_len = facts && facts->body ? facts->body_len : doc->body_len;
  if (!c.body)
    c.body_len = 0;
  c.date = doc->published[0] ? doc->published
           : facts && facts->published[0] ? facts->published
                                           : NULL;
  if (facts && facts->nactors) {
    c.ids = calloc(facts->nactors, sizeof *c.ids);
    if (!c.ids)
      return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  /* The facts are checked before anything is written. */
  if ((rc = check_facts(&c)) < 0)
    goto done;
  if (st->batch) {
    /* In the open batch: a failure past the checks (the disk, memory)
     * takes the batch with it. */
    if ((rc = add_all(&c, added)) < 0) {
      roll_back(st);
      end_batch(st);
      if (err) { /* the failure's own message first, then what it cost */
        size_t n = strlen(err->msg);
        snprintf(err->msg + n, sizeof err->msg - n,
                 "; the documents of the open batch were not stored (run"
                 " the ingest again to store them)");
      }
      *added = 0;
    }
    goto done;
  }
  /* one transaction per document */
  if ((rc = pl_store__exec(st, "BEGIN IMMEDIATE", err)) < 0)
    goto done;
  rc = add_all(&c, added);
  if (rc == 0)
    rc = pl_store__exec(st, "COMMIT", err);
  if (rc < 0) {
    roll_back(st);
    *added = 0;
  }
done:
  free(c.ids);
  pl_buf_free(&c.key);
  pl_buf_free(&c.key2);
  pl_buf_free(&c.tmp);
  pl_buf_free(&c.reason);
  keys_clear(&c);
  free(c.nk);
  free(c.made);
  if (rc < 0)
    pl_error_where(err, doc->source);
  return rc;
}
