/* Extraction: a small rule engine over chunks (lexicon matches, dates,
 * names) in the manner of the event coders TABARI and PETRARCH. The rules
 * are data (ingest/lexicon/rules.*); this file knows how to match the few
 * element types they are written in and how to turn captures into facts.
 *
 * pl_extract segments the article, finds its dates, then runs the rules
 * twice: pass 1 discovers persons (so that pass 2 knows them, and their
 * short forms, everywhere), pass 2 records facts. A rule is tried only on
 * sentences holding every cue it needs and at chunks its first element can
 * start at. finish() then works on the article as a whole: generic actors
 * join the one specific body of their kind, roles get their state from
 * context, the talks become one meeting of those taking part, rounds,
 * processes and venues are assigned, repeats are dropped, and states named
 * only as scenery leave the actors. */
#include <parley/extract.h>
#include <parley/text.h>
#include <parley/when.h>

#include "buf.h"
#include "hash.h"
#include "facts_int.h"
#include "lexicon.h"
#include "translit.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- rules ------------------------------------------------------------ */

enum {
  E_ROLE, E_NAME, E_PARTY, E_PARTIES, E_ACTOR, E_REST, E_DATE, E_PLACE,
  E_ORD, E_NUM, E_SUBJ, E_CUE, E_LIT, E_GAP, E_COMMA
};

/* What a chunk of text is (see build_chunks). */
enum {
  CH_WORD, CH_NUM, CH_PUNCT, CH_ACTOR, CH_PLACE, CH_ROLE, CH_ROLEMOD,
  CH_CUE, CH_ORD, CH_STOP, CH_DATE,
  CH_COMMA /* not a type: a CH_PUNCT that is a comma, in sentence masks */
};

typedef struct elem {
  int kind;          /* E_* */
  int opt;           /* "?": may be absent */
  int neg;           /* "!": must not match here (consumes nothing) */
  int gap;           /* E_GAP: at most this many chunks */
  char cue[48];      /* E_CUE: cue id, or ids separated by '|' */
  uint64_t cues;     /* E_CUE: the bits of those ids in the cue table */
  char val[24];      /* E_CUE: required value, or "" */
  char lit[64];      /* E_LIT: folded word */
  int litbit;        /* E_LIT: its bit in the extractor's literal table,
                        or -1 */
} elem;

#define MAX_ELEMS 16
#define MAX_ACTS 4
#define MAX_ARGS 6

typedef struct act_arg {
  char key[12];  /* "of", "head", "with" ... */
  char val[64];  /* "3", "3,5", or a literal */
} act_arg;

typedef struct action {
  char name[20];          /* "role", "delegation" ... */
  act_arg args[MAX_ARGS]; /* key=value pairs */
  int nargs;              /* used */
} action;

typedef struct rule {
  char id[48];            /* "ar.deleg.head" */
  elem elems[MAX_ELEMS];  /* the pattern */
  int nelems;             /* used */
  action acts[MAX_ACTS];  /* what a match makes */
  int nacts;              /* used */
  int lang;               /* 1 ar, 2 en, 3 both */
  uint64_t need;          /* cues (bits of the extractor's cue table) a
                             sentence must hold for the rule to match */
  uint64_t need_lits;     /* literals (bits of the literal table) ... */
  uint32_t need_types;    /* ... and chunk types (bits of CH_*, CH_COMMA)
                             it needs in the sentence */
  uint32_t first;         /* chunk types (bits of CH_*) a match can start
                             at */
  int party_first;        /* its first element is a required PARTY or
                             PARTIES: a match starts only where
                             party_start holds at the chunk or the next */
} rule;

struct pl_extractor {
  pl_lexicon *lex;      /* general knowledge */
  rule *rules;          /* rules of every language, in file order */
  size_t nrules;        /* used */
  pl_segmenter *seg;    /* ICU break iterators, reused */
  pl_translit *latin;   /* Arabic names in Latin letters, compiled when
                           first needed (about 40 ms) */
  char cues[64][24];    /* cue ids the rules name, by bit */
  int8_t *cue_of;       /* per lexicon entry: its bit in cues, or -1 */
  char lits[64][64];    /* the rules' literals, by bit */
  uint32_t lit_hash[64];/* ... their hashes */
  int nlits;            /* used */
  int8_t lit_slot[128]; /* open-addressing table: hash -> bit, or -1 */
  uint64_t lit_filter[1024]; /* bits of pl_key16 of every literal: a clear
                                bit means "no literal" without hashing */
  int ncues;            /* used */
  pl_text text;         /* segmentation buffers, reused */
  /* pl_extract's per-document arrays, kept from one document to the next
   * (their size bounded by the largest document): allocating and zeroing
   * them anew cost 4 % of extraction. */
  size_t *resume;       /* per rule (ctx.resume) */
  size_t *cand;         /* per rule and chunk type (ctx.cand) */
  size_t *lrules;       /* per rule (ctx.lrules) */
  struct tokinfo *tok;  /* per token (ctx.tok) */
  size_t captok;        /* entries allocated in tok */
  struct chunk *ch;     /* chunks (ctx.ch) */
  size_t capch;         /* entries allocated in ch */
  unsigned char *memo;  /* two bytes per chunk (ctx.memo) */
  size_t capmemo;       /* bytes allocated in memo */
};

static int parse_elem(const char *w, elem *e, pl_lexicon *lx) {
  memset(e, 0, sizeof *e);
  if (*w == '!') {
    e->neg = 1;
    w++;
  }
  char buf[96];
  snprintf(buf, sizeof buf, "%s", w);
  size_t n = strlen(buf);
  if (n > 1 && buf[n - 1] == '?') {
    e->opt = 1;
    buf[--n] = '\0';
  }
  static const struct { const char *name; int kind; } names[] = {
      {"ROLE", E_ROLE},   {"NAME", E_NAME},   {"PARTY", E_PARTY},
      {"PARTIES", E_PARTIES}, {"ACTOR", E_ACTOR}, {"REST", E_REST},
      {"DATE", E_DATE},   {"PLACE", E_PLACE}, {"ORD", E_ORD},
      {"NUM", E_NUM},     {"SUBJ", E_SUBJ},   {",", E_COMMA}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (!strcmp(buf, names[i].name)) {
      e->kind = names[i].kind;
      return 0;
    }
  if (buf[0] == '~') {
    e->kind = E_GAP;
    e->gap = atoi(buf + 1);
    return e->gap > 0 && e->gap <= 20 ? 0 : -1;
  }
  if (buf[0] == '@') {
    e->kind = E_CUE;
    char *colon = strchr(buf, ':');
    if (colon)
      *colon = '\0';
    if (strlen(buf + 1) >= sizeof e->cue ||
        (colon && strlen(colon + 1) >= sizeof e->val))
      return -1;
    memcpy(e->cue, buf + 1, strlen(buf + 1) + 1);
    if (colon)
      memcpy(e->val, colon + 1, strlen(colon + 1) + 1);
    return 0;
  }
  if (buf[0] == '"' && n > 2 && buf[n - 1] == '"') {
    e->kind = E_LIT;
    pl_buf f = {0};
    if (pl_text_fold(buf + 1, n - 2, &f) < 0)
      return -1;
    snprintf(e->lit, sizeof e->lit, "%s", f.data ? f.data : "");
    pl_buf_free(&f);
    return 0;
  }
  (void)lx;
  return -1;
}

static int parse_action(char *s, action *a) {
  memset(a, 0, sizeof *a);
  char *tok = strtok(s, " ");
  if (!tok)
    return -1;
  snprintf(a->name, sizeof a->name, "%s", tok);
  while ((tok = strtok(NULL, " ")) && a->nargs < MAX_ARGS) {
    char *eq = strchr(tok, '=');
    act_arg *g = &a->args[a->nargs++];
    if (eq) {
      *eq = '\0';
      snprintf(g->key, sizeof g->key, "%s", tok);
      snprintf(g->val, sizeof g->val, "%s", eq + 1);
    } else {
      snprintf(g->key, sizeof g->key, "%s", tok);
      g->val[0] = '\0';
    }
  }
  return 0;
}

/* The bit of cue id name in ex's table (added when new), or -1 when the
 * table is full: such a cue does not filter sentences. */
static int cue_bit(pl_extractor *ex, const char *name) {
  for (int i = 0; i < ex->ncues; i++)
    if (!strcmp(ex->cues[i], name))
      return i;
  if (ex->ncues == 64 || strlen(name) >= sizeof ex->cues[0])
    return -1;
  snprintf(ex->cues[ex->ncues], sizeof ex->cues[0], "%s", name);
  return ex->ncues++;
}

/* The bit of literal w in ex's table (added when new), or -1 when the
 * table is full. */
static int lit_bit(pl_extractor *ex, const char *w) {
  uint32_t h = pl_fnv1a32(w, strlen(w));
  for (int i = 0; i < ex->nlits; i++)
    if (ex->lit_hash[i] == h && !strcmp(ex->lits[i], w))
      return i;
  if (ex->nlits == 64 || strlen(w) >= sizeof ex->lits[0])
    return -1;
  if (!ex->nlits)
    memset(ex->lit_slot, -1, sizeof ex->lit_slot);
  snprintf(ex->lits[ex->nlits], sizeof ex->lits[0], "%s", w);
  ex->lit_hash[ex->nlits] = h;
  size_t n = strlen(w);
  unsigned key = pl_key16((unsigned char)w[0], n > 1 ? (unsigned char)w[1] : 0,
                         n ? (unsigned char)w[n - 1] : 0, n);
  ex->lit_filter[key >> 6] |= (uint64_t)1 << (key & 63);
  uint32_t slot = h & 127;
  while (ex->lit_slot[slot] >= 0)
    slot = (slot + 1) & 127;
  ex->lit_slot[slot] = (int8_t)ex->nlits;
  return ex->nlits++;
}

/* The bit of the n-byte string w (with "ال" before it when al) in ex's
 * literal table, or -1. */
static int lit_find(const pl_extractor *ex, const char *w, size_t n, int al) {
  if (!ex->nlits)
    return -1;
  /* the filter first: most words are no literal */
  const unsigned char *u = (const unsigned char *)w;
  unsigned key =
      al ? pl_key16(0xD8, 0xA7, n ? u[n - 1] : 0x84, n + 4)
         : pl_key16(n ? u[0] : 0, n > 1 ? u[1] : 0, n ? u[n - 1] : 0, n);
  if (!(ex->lit_filter[key >> 6] >> (key & 63) & 1))
    return -1;
  char buf[160];
  if (al) {
    if (n + 4 > sizeof buf)
      return -1;
    memcpy(buf, "\xd8\xa7\xd9\x84", 4);
    memcpy(buf + 4, w, n);
    w = buf;
    n += 4;
  }
  uint32_t h = pl_fnv1a32(w, n);
  for (uint32_t slot = h & 127; ex->lit_slot[slot] >= 0; slot = (slot + 1) & 127) {
    int b = ex->lit_slot[slot];
    if (ex->lit_hash[b] == h && strlen(ex->lits[b]) == n &&
        !memcmp(ex->lits[b], w, n))
      return b;
  }
  return -1;
}

/* What a sentence must hold for r to match there: the literals and chunk
 * types its required elements accept only. */
static void rule_needs_more(pl_extractor *ex, rule *r) {
  for (int i = 0; i < r->nelems; i++) {
    elem *e = &r->elems[i];
    e->litbit = e->kind == E_LIT ? lit_bit(ex, e->lit) : -1;
    if (e->opt || e->neg)
      continue;
    switch (e->kind) {
    case E_LIT:
      if (e->litbit >= 0)
        r->need_lits |= (uint64_t)1 << e->litbit;
      break;
    case E_COMMA: r->need_types |= 1u << CH_COMMA; break;
    case E_ROLE: r->need_types |= 1u << CH_ROLE; break; /* scan_role */
    case E_DATE: r->need_types |= 1u << CH_DATE; break;
    case E_PLACE: r->need_types |= 1u << CH_PLACE; break;
    case E_ORD: r->need_types |= 1u << CH_ORD; break;
    case E_NUM: r->need_types |= 1u << CH_NUM; break;
    case E_ACTOR: r->need_types |= 1u << CH_ACTOR; break;
    default: break;
    }
  }
}

/* The chunk types a match of r can start at, from its first element (what
 * each matcher accepts first; everything when it may be absent). */
static uint32_t rule_first(const rule *r) {
  const elem *e = &r->elems[0];
#define B(t) (1u << (t))
  if (e->opt || e->neg)
    return ~0u;
  switch (e->kind) {
  case E_CUE: return B(CH_CUE);
  case E_COMMA: return B(CH_PUNCT);
  case E_DATE: return B(CH_DATE);
  case E_PLACE: return B(CH_PLACE);
  case E_ORD: return B(CH_ORD);
  case E_NUM: return B(CH_NUM) | B(CH_WORD) | B(CH_STOP);
  case E_ACTOR: return B(CH_ACTOR);
  case E_NAME: return B(CH_WORD) | B(CH_ACTOR) | B(CH_CUE);
  case E_ROLE: return B(CH_ACTOR) | B(CH_ROLE) | B(CH_ROLEMOD);
  case E_PARTY:
  case E_PARTIES:
    return B(CH_WORD) | B(CH_STOP) | B(CH_CUE) | B(CH_PLACE) | B(CH_ACTOR) |
           B(CH_ROLE) | B(CH_ROLEMOD);
  default: return ~0u; /* a literal, SUBJ, REST, a gap */
  }
#undef B
}

/* The cues rule r cannot match without: its plain @cue elements. */
static uint64_t rule_needs(pl_extractor *ex, const rule *r) {
  uint64_t need = 0;
  for (int i = 0; i < r->nelems; i++) {
    const elem *e = &r->elems[i];
    if (e->kind != E_CUE || e->opt || e->neg || strchr(e->cue, '|'))
      continue;
    int b = cue_bit(ex, e->cue);
    if (b >= 0)
      need |= (uint64_t)1 << b;
  }
  return need;
}

/* The bits of a cue element's ids ("meet_n|round"), or 0 when one has no
 * bit (it is then compared by name). */
static uint64_t elem_cues(pl_extractor *ex, const elem *e) {
  uint64_t m = 0;
  for (const char *p = e->cue; *p;) {
    char id[sizeof e->cue];
    size_t n = strcspn(p, "|");
    memcpy(id, p, n);
    id[n] = '\0';
    int b = cue_bit(ex, id);
    if (b < 0)
      return 0;
    m |= (uint64_t)1 << b;
    p += n;
    if (*p == '|')
      p++;
  }
  return m;
}

static int load_rules(pl_extractor *ex, const char *path, int lang,
                      pl_error *err) {
  FILE *f = fopen(path, "r");
  if (!f)
    return pl_error_set(err, PL_EIO, path, "%s", strerror(errno));
  char *line = NULL;
  size_t cap = 0, capr = ex->nrules;
  ssize_t n;
  int lineno = 0, rc = 0;
  while ((n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (!n || line[0] == '#')
      continue;
    char where[256];
    snprintf(where, sizeof where, "%s:%d", path, lineno);
    char *id = line, *pat = strchr(line, '\t');
    char *acts = pat ? strchr(pat + 1, '\t') : NULL;
    if (!pat || !acts) {
      rc = pl_error_set(err, PL_EINPUT, where,
                        "expected id, pattern and actions separated by tabs");
      break;
    }
    *pat++ = '\0';
    *acts++ = '\0';
    if (ex->nrules == capr) {
      capr = capr ? capr * 2 : 64;
      rule *p = realloc(ex->rules, capr * sizeof *p);
      if (!p) {
        rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
        break;
      }
      ex->rules = p;
    }
    rule *r = &ex->rules[ex->nrules];
    memset(r, 0, sizeof *r);
    snprintf(r->id, sizeof r->id, "%s", id);
    r->lang = lang;
    /* pattern: elements separated by spaces; quoted literals may not
       contain spaces */
    for (char *w = strtok(pat, " "); w; w = strtok(NULL, " ")) {
      if (r->nelems == MAX_ELEMS || parse_elem(w, &r->elems[r->nelems], ex->lex) < 0) {
        rc = pl_error_set(err, PL_EINPUT, where, "bad pattern element '%s'", w);
        break;
      }
      r->nelems++;
    }
    if (rc)
      break;
    char *save = acts;
    while (save && *save) {
      char *semi = strchr(save, ';');
      if (semi)
        *semi = '\0';
      while (*save == ' ')
        save++;
      if (*save) {
        if (r->nacts == MAX_ACTS || parse_action(save, &r->acts[r->nacts]) < 0) {
          rc = pl_error_set(err, PL_EINPUT, where, "bad action '%s'", save);
          break;
        }
        r->nacts++;
      }
      save = semi ? semi + 1 : NULL;
    }
    if (rc)
      break;
    if (!r->nelems || !r->nacts) {
      rc = pl_error_set(err, PL_EINPUT, where, "a rule needs a pattern and an action");
      break;
    }
    r->need = rule_needs(ex, r);
    rule_needs_more(ex, r);
    r->first = rule_first(r);
    r->party_first =
        !r->elems[0].opt && !r->elems[0].neg &&
        (r->elems[0].kind == E_PARTY || r->elems[0].kind == E_PARTIES);
    for (int i = 0; i < r->nelems; i++)
      if (r->elems[i].kind == E_CUE)
        r->elems[i].cues = elem_cues(ex, &r->elems[i]);
    ex->nrules++;
  }
  free(line);
  fclose(f);
  return rc;
}

static const char *find_data_dir(const pl_extract_opts *o) {
  static char buf[4096];
  const char *cands[3] = {o ? o->data_dir : NULL, getenv("PARLEY_LEXICON_DIR"),
                          NULL};
  for (int i = 0; i < 2; i++)
    if (cands[i] && *cands[i])
      return cands[i];
  struct stat st;
  /* installed: <prefix>/bin/parley finds <prefix>/share/parley/lexicon,
     wherever the prefix was moved */
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 40);
  if (n > 0) {
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash) {
      snprintf(slash, sizeof buf - (size_t)(slash - buf),
               "/../share/parley/lexicon");
      if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
        return buf;
    }
  }
  snprintf(buf, sizeof buf, "%s", PARLEY_LEXICON_INSTALL_DIR);
  if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
    return buf;
  return PARLEY_LEXICON_DIR;
}

int pl_extractor_new(pl_extractor **out, const pl_extract_opts *opts,
                     pl_error *err) {
  *out = NULL;
  pl_extractor *ex = calloc(1, sizeof *ex);
  if (!ex)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  const char *dir = find_data_dir(opts);
  int rc = pl_lexicon_load(&ex->lex, dir, opts ? opts->lexicons : NULL,
                           opts ? opts->nlexicons : 0, err);
  char path[4200];
  if (!rc) {
    snprintf(path, sizeof path, "%s/rules.ar", dir);
    rc = load_rules(ex, path, 1, err);
  }
  if (!rc) {
    snprintf(path, sizeof path, "%s/rules.en", dir);
    rc = load_rules(ex, path, 2, err);
  }
  if (!rc) { /* each cue entry's bit, for the matchers */
    size_t n = pl_lexicon_count(ex->lex);
    if (!(ex->cue_of = malloc(n ? n : 1)))
      rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
      const lex_entry *e = pl_lexicon_entry(ex->lex, (int)i);
      ex->cue_of[i] = -1;
      for (int b = 0; e->kind == LEX_CUE && b < ex->ncues; b++)
        if (!strcmp(ex->cues[b], e->id))
          ex->cue_of[i] = (int8_t)b;
    }
  }
  if (!rc)
    rc = pl_segmenter_new(&ex->seg, err);
  if (rc < 0) {
    pl_extractor_free(ex);
    return rc;
  }
  *out = ex;
  return 0;
}

void pl_extractor_free(pl_extractor *ex) {
  if (!ex)
    return;
  pl_lexicon_free(ex->lex);
  pl_segmenter_free(ex->seg);
  pl_translit_free(ex->latin);
  pl_text_clear(&ex->text);
  free(ex->rules);
  free(ex->cue_of);
  free(ex->resume);
  free(ex->cand);
  free(ex->lrules);
  free(ex->tok);
  free(ex->ch);
  free(ex->memo);
  free(ex);
}

/* ---- chunks ------------------------------------------------------------ */

typedef struct chunk {
  uint8_t type;    /* CH_* */
  uint8_t conj;    /* the first token carried a و/ف proclitic */
  uint8_t prep;    /* ... or a ب/ل/ك proclitic */
  uint8_t person;  /* CH_ACTOR made of a person's name */
  int8_t cue;      /* CH_CUE: its bit in the extractor's cue table, or -1 */
  uint8_t npeel;   /* one-token chunk: its word's forms without
                      proclitics (pl_lexicon_peel_forms, the word itself
                      not counted) */
  pl_peel peel[3]; /* ... those forms */
  uint64_t lits;   /* one-token chunk: the rules' literals is_lit would
                      find in it (bits of the extractor's literal table) */
  uint32_t t0, t1; /* tokens [t0, t1) */
  uint32_t start;  /* first byte (after proclitics) */
  uint32_t end;    /* one past the last byte */
  int entry;       /* lexicon entry, or -1 */
  int actor;       /* facts actor index (CH_ACTOR, metonymic CH_PLACE) */
  int date;        /* index into the document's dates (CH_DATE) */
} chunk;

/* What build_chunks learns of a token that does not change between the
 * two passes: the lexicon's longest match there, and (for a chunk of this
 * one token) the word's forms and literals. */
typedef struct tokinfo {
  int entry;       /* pl_lexicon_match's entry, or -1 */
  uint32_t skip;   /* ... its proclitic bytes */
  uint16_t ntok;   /* ... its tokens */
  uint8_t known;   /* 1: entry/skip/ntok set; 2: npeel/peel/lits set */
  uint8_t nameword; /* name_word's answers for a word chunk of this token
                       (bits as in ctx.memo: 1 known, 2 yes; 4 and 8 for
                       a first word), or 0 */
  uint8_t npeel;   /* see chunk */
  pl_peel peel[3]; /* see chunk */
  uint64_t lits;   /* see chunk */
} tokinfo;

typedef struct person {
  char *key;       /* folded tokens, space-separated */
  char *shortkey;  /* the short form (last name), or NULL when ambiguous */
  char skel[2][192]; /* skeletons of key and shortkey (see skeleton) */
  size_t skel_n[2];  /* bytes of their first words */
  int skel_ok;     /* skel is up to date with key and shortkey */
  int actor;       /* facts actor index */
  int ntok;        /* tokens in key */
} person;

/* A capture: what one pattern element matched. */
typedef struct cap {
  int set;          /* matched something */
  uint32_t c0, c1;  /* chunks [c0, c1) */
  int actors[12];   /* actors it stands for */
  int nactors;      /* used */
  const char *role; /* E_ROLE: the composed role, in the arena */
  int role_of;      /* E_ROLE: of whom, or -1 */
  int num;          /* E_ORD, E_NUM */
  const char *val;  /* E_CUE: the cue's value */
  uint32_t nt0, nt1;/* E_NAME: a new name's tokens, made a person on apply */
} cap;

typedef struct ctx {
  pl_extractor *ex;   /* the extractor */
  const pl_doc *doc;  /* the document */
  pl_text *t;         /* its segmentation */
  pl_facts *f;        /* the facts being built */
  facts_impl *fi;     /* their private side */
  chunk *ch;          /* chunks of the whole document */
  size_t nch, capch;  /* used, allocated */
  pl_when *dates;     /* date expressions of the document */
  size_t ndates;      /* used */
  person *persons;    /* persons found so far */
  size_t npersons;    /* used */
  int final;          /* second pass: record facts */
  int subject[12];    /* the current subject */
  int nsubject;       /* used */
  uint32_t subj_sent; /* sentence the subject was set in */
  int last_deleg;     /* actor of the last delegation mentioned, or -1 */
  int home_state;     /* the state the article is most about ("the
                         government"), or -1 */
  int round;          /* round number of the document, or 0 */
  int lang;           /* 1 ar, 2 en */
  const rule *rule;   /* the rule being applied */
  size_t s_c0, s_c1;  /* chunks of the current sentence */
  uint32_t sent;      /* index of the current sentence */
  size_t roles_sent0; /* first role recorded in the current sentence */
  size_t *resume;     /* per rule: first chunk it may match at again */
  uint8_t *memo;      /* per chunk: name_word's answers (see there) */
  uint8_t *names;     /* per chunk: scan_name's answers (see there) */
  tokinfo *tok;       /* per token: what both passes share */
  size_t *cand;       /* per sentence: the rules that may match in it, by
                         chunk type (see run_rules) */
  size_t *lrules;     /* the rules of the document's language, in file
                         order */
  size_t nlrules;     /* used */
  int attend[24];     /* actors said to take part in the document's talks */
  int nattend;        /* used */
  int talks;          /* a talks rule fired: the document reports talks */
  int talks_planned;  /* ... still to come */
  pl_when talks_when; /* when the talks start (precision 0: not said) */
  const char *talks_date_text; /* the phrase of that date */
  pl_evidence talks_ev; /* where the talks are named (start 0: nowhere) */
  uint64_t person_first[1024]; /* bits of letter_key of the first letter of
                                  every person's skeletons (set by
                                  index_persons) */
} ctx;

/* p (*cap entries of size bytes) with room for entry n, doubled as often
 * as needed; NULL when out of memory (p unchanged). */
static void *grow(void *p, size_t *cap, size_t n, size_t size) {
  if (n < *cap)
    return p;
  size_t c = *cap ? *cap * 2 : 16;
  while (c <= n)
    c *= 2;
  void *q = realloc(p, c * size);
  if (q)
    *cap = c;
  return q;
}

static const char *norm(const ctx *c, size_t tok) { return pl_text_norm(c->t, tok); }

static const lex_entry *entry_of(const ctx *c, const chunk *k) {
  return k->entry >= 0 ? pl_lexicon_entry(c->ex->lex, k->entry) : NULL;
}

/* A region ("the Middle East": places.tsv's fifth column says "region") is
 * never where a meeting is. */
static int is_region(const lex_entry *e) {
  return e && e->actor && !strcmp(e->actor, "region");
}

/* ---- actors ------------------------------------------------------------ */

static int add_mention(ctx *c, int a, uint32_t s, uint32_t e) {
  pl_actor *ac = &c->f->actors[a];
  /* mentions stay in text order: the place of [s, e) by binary search
     (most arrive at the end), and a span already there is not added */
  size_t lo = 0, hi = ac->nmentions;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const pl_span *x = &ac->mentions[mid];
    if (x->start < s || (x->start == s && x->end < e))
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < ac->nmentions && ac->mentions[lo].start == s &&
      ac->mentions[lo].end == e)
    return 0;
  /* room for 4, then doubling at each power of two: an actor named a
     hundred thousand times costs no quadratic copying */
  size_t n = ac->nmentions;
  pl_span *m = ac->mentions;
  if (n == 0 || (n >= 4 && !(n & (n - 1)))) {
    m = realloc(ac->mentions, (n ? 2 * n : 4) * sizeof *m);
    if (!m)
      return PL_ENOMEM;
  }
  memmove(m + lo + 1, m + lo, (n - lo) * sizeof *m);
  m[lo].start = s;
  m[lo].end = e;
  ac->mentions = m;
  ac->nmentions++;
  return 0;
}

/* snprintf(out, cap, "%s%s%s", a, b, d) without the format machinery
 * (chunking asks for an actor's key at every mention): truncated to cap -
 * 1 bytes, always terminated. */
static void key_cat(char *out, size_t cap, const char *a, const char *b,
                    const char *d) {
  const char *part[3] = {a, b, d};
  size_t o = 0;
  for (int i = 0; i < 3; i++)
    for (const char *p = part[i]; *p && o + 1 < cap; p++)
      out[o++] = *p;
  out[o] = '\0';
}

/* The actor for a lexicon entry (kind and id), created on first use. */
static int actor_for_entry(ctx *c, const lex_entry *e, const char *state_id) {
  char key[96];
  int type;
  const lex_entry *use = e;
  if (state_id) { /* a capital standing for its state */
    int idx = pl_lexicon_find(c->ex->lex, LEX_STATE, state_id);
    if (idx < 0)
      return -1;
    use = pl_lexicon_entry(c->ex->lex, idx);
  }
  switch (use->kind) {
  case LEX_STATE: type = PL_ACTOR_STATE; break;
  case LEX_ORG: type = PL_ACTOR_ORG; break;
  case LEX_GROUP: type = PL_ACTOR_GROUP; break;
  case LEX_MEDIA: type = PL_ACTOR_MEDIA; break;
  default: return -1;
  }
  key_cat(key, sizeof key, pl_actor_type_name(type), ":", use->id);
  for (size_t i = 0; i < c->f->nactors; i++)
    if (c->f->actors[i].key && !strcmp(c->f->actors[i].key, key))
      return (int)i;
  pl_actor *p = grow(c->f->actors, &c->fi->capactors, c->f->nactors, sizeof *p);
  if (!p)
    return PL_ENOMEM;
  c->f->actors = p;
  pl_actor *a = &p[c->f->nactors];
  memset(a, 0, sizeof *a);
  a->name = pl_arena_strdup(&c->fi->arena, use->name);
  a->name_ar = use->name_ar ? pl_arena_strdup(&c->fi->arena, use->name_ar) : NULL;
  a->key = pl_arena_strdup(&c->fi->arena, key);
  a->type = type;
  if (!a->name || !a->key)
    return PL_ENOMEM;
  return (int)c->f->nactors++;
}

/* The actor for a state's ministry ("وزارة الخارجية الروسية", "Kazakh
 * MFA"): an organisation keyed by the ministry's cue value and the state. */
static int actor_for_ministry(ctx *c, const lex_entry *min, int state) {
  const pl_actor *st = &c->f->actors[state];
  const char *iso = st->key ? strchr(st->key, ':') : NULL;
  if (!iso)
    return -1;
  char key[96];
  snprintf(key, sizeof key, "organization:%s-%s", min->name, iso + 1);
  for (size_t i = 0; i < c->f->nactors; i++)
    if (c->f->actors[i].key && !strcmp(c->f->actors[i].key, key))
      return (int)i;
  pl_actor *p = grow(c->f->actors, &c->fi->capactors, c->f->nactors, sizeof *p);
  if (!p)
    return PL_ENOMEM;
  c->f->actors = p;
  pl_actor *a = &p[c->f->nactors];
  memset(a, 0, sizeof *a);
  size_t n = strlen(min->name) + strlen(p[state].name) + 5;
  char *name = pl_arena_alloc(&c->fi->arena, n);
  if (!name)
    return PL_ENOMEM;
  snprintf(name, n, "%s of %s", min->name, p[state].name);
  a->name = name;
  a->key = pl_arena_strdup(&c->fi->arena, key);
  a->type = PL_ACTOR_ORG;
  if (!a->key)
    return PL_ENOMEM;
  return (int)c->f->nactors++;
}

/* Is chunk k a ministry cue? */
static const lex_entry *ministry_of(const ctx *c, const chunk *k) {
  if (k->type != CH_CUE || k->entry < 0)
    return NULL;
  const lex_entry *e = pl_lexicon_entry(c->ex->lex, k->entry);
  return strcmp(e->id, "ministry") ? NULL : e;
}

/* Joins a state and a ministry cue next to it into the ministry: "وزارة
 * الخارجية" + "الروسية", "Kazakh" + "MFA", "Ministry of Foreign Affairs" +
 * "of" + "Kazakhstan". k is the chunk about to be pushed. Returns 1 when k
 * was folded into the chunk before it, 0 when not, or PL_ENOMEM. */
static int fold_ministry(ctx *c, chunk *k) {
  if (!c->nch)
    return 0;
  chunk *prev = &c->ch[c->nch - 1];
  int is_state = k->type == CH_ACTOR && !k->person && k->actor >= 0 &&
                 c->f->actors[k->actor].type == PL_ACTOR_STATE;
  const lex_entry *min = ministry_of(c, prev);
  if (is_state && min && prev->t1 == k->t0 && !k->conj) {
    /* Arabic order, or "Ministry of Foreign Affairs of X" */
    int a = actor_for_ministry(c, min, k->actor);
    if (a < -1)
      return PL_ENOMEM;
    if (a < 0)
      return 0;
    prev->type = CH_ACTOR;
    prev->actor = a;
    prev->t1 = k->t1;
    prev->end = k->end;
    return 1;
  }
  if (is_state && c->nch >= 2 && prev->t1 == k->t0 &&
      prev->t1 - prev->t0 == 1 && !strcmp(norm(c, prev->t0), "of") &&
      (min = ministry_of(c, &c->ch[c->nch - 2])) &&
      c->ch[c->nch - 2].t1 == prev->t0) {
    int a = actor_for_ministry(c, min, k->actor);
    if (a < -1)
      return PL_ENOMEM;
    if (a < 0)
      return 0;
    c->nch--;
    prev = &c->ch[c->nch - 1];
    prev->type = CH_ACTOR;
    prev->actor = a;
    prev->t1 = k->t1;
    prev->end = k->end;
    return 1;
  }
  min = ministry_of(c, k);
  int prev_state = prev->type == CH_ACTOR && !prev->person && prev->actor >= 0 &&
                   c->f->actors[prev->actor].type == PL_ACTOR_STATE;
  if (min && prev_state && prev->t1 == k->t0) {
    /* English order: the state's mention becomes the ministry's */
    pl_actor *st = &c->f->actors[prev->actor];
    if (c->final && st->nmentions &&
        st->mentions[st->nmentions - 1].start == prev->start)
      st->nmentions--;
    int a = actor_for_ministry(c, min, prev->actor);
    if (a < -1)
      return PL_ENOMEM;
    if (a < 0)
      return 0;
    prev->actor = a;
    prev->entry = k->entry;
    prev->t1 = k->t1;
    prev->end = k->end;
    if (c->final && add_mention(c, a, prev->start, prev->end) < 0)
      return PL_ENOMEM;
    return 1;
  }
  return 0;
}

/* A consonant skeleton of a folded Arabic word: long vowels dropped, so
 * that ستفان and ستيفان meet. Latin words are kept. */
/* Reads the character of w (n bytes) at *i, moving *i past it. Returns
 * whether it is one of the long vowels ا و ي (U+0627, U+0648, U+064A).
 * ASCII and two-byte sequences (all of Arabic) are read here, anything
 * else by pl_utf8_next, which agrees with this. */
static int skel_next(const char *w, size_t n, size_t *i) {
  size_t at = *i;
  unsigned char b0 = (unsigned char)w[at], b1;
  if (b0 < 0x80) {
    *i = at + 1;
    return 0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF && at + 1 < n &&
      ((b1 = (unsigned char)w[at + 1]) & 0xC0) == 0x80) {
    *i = at + 2;
    return (b0 == 0xD8 && b1 == 0xA7) ||
           (b0 == 0xD9 && (b1 == 0x88 || b1 == 0x8A));
  }
  pl_utf8_next(w, n, i);
  return 0;
}

static void skeleton(const char *w, char *out, size_t cap) {
  size_t o = 0;
  size_t n = strlen(w), i = 0;
  int first = 1; /* the next character starts a word */
  while (i < n && o + 4 < cap) {
    size_t at = i;
    if (skel_next(w, n, &i) && !first)
      continue;
    first = w[at] == ' ';
    while (at < i) /* a character is 1 to 4 bytes: no memcpy call */
      out[o++] = w[at++];
  }
  out[o] = '\0';
}

/* A skeleton compared as it is made (see skel_feed), so that a word
 * that differs stops at its first differing letter. */
typedef struct skel_cmp {
  const char *k; /* the skeleton expected */
  size_t m;      /* its bytes */
  size_t o;      /* bytes of it matched so far */
  int first;     /* skeleton's state: the next character starts a word */
} skel_cmp;

/* Feeds the n bytes of s (whole characters) to the comparison; returns 0
 * as soon as the skeleton made so far is not a prefix of sc->k. After the
 * last piece, the skeleton of the pieces equals sc->k when sc->o ==
 * sc->m. The pieces must make fewer than 250 bytes (skeleton's limit is
 * not applied). */
static int skel_feed(skel_cmp *sc, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t at = i;
    if (skel_next(s, n, &i) && !sc->first)
      continue;
    sc->first = s[at] == ' ';
    for (; at < i; at++, sc->o++)
      if (sc->o >= sc->m || sc->k[sc->o] != s[at])
        return 0;
  }
  return 1;
}

static int same_name(const char *a, const char *b) {
  char sa[256], sb[256];
  skeleton(a, sa, sizeof sa);
  skeleton(b, sb, sizeof sb);
  return !strcmp(sa, sb);
}

/* Is suffix the tail of key at a word boundary? */
static int tail_of(const char *key, const char *suffix) {
  size_t k = strlen(key), s = strlen(suffix);
  return s < k && key[k - s - 1] == ' ' && !strcmp(key + k - s, suffix);
}

/* The person actor for a name spanning tokens [t0, t1), created or
 * merged with a spelling variant or a longer form. */
static int person_for(ctx *c, size_t t0, size_t t1) {
  pl_buf key = {0};
  for (size_t i = t0; i < t1; i++) {
    if (c->t->toks[i].kind == PL_TOK_PUNCT)
      continue;
    if (key.len && pl_buf_putc(&key, ' ') < 0)
      goto oom;
    if (pl_buf_puts(&key, norm(c, i)) < 0)
      goto oom;
  }
  if (!key.data)
    return -1;
  for (size_t i = 0; i < c->npersons; i++) {
    person *p = &c->persons[i];
    if (same_name(p->key, key.data) || tail_of(p->key, key.data)) {
      pl_buf_free(&key);
      return p->actor;
    }
    if (tail_of(key.data, p->key)) { /* a longer form of a known short one */
      free(p->key);
      p->key = pl_buf_take(&key);
      p->skel_ok = 0;
      return p->actor;
    }
  }
  if (c->npersons >= 256) {
    pl_buf_free(&key);
    return -1;
  }
  person *pp = realloc(c->persons, (c->npersons + 1) * sizeof *pp);
  if (!pp)
    goto oom;
  c->persons = pp;
  pl_actor *ap = grow(c->f->actors, &c->fi->capactors, c->f->nactors, sizeof *ap);
  if (!ap)
    goto oom;
  c->f->actors = ap;
  pl_actor *a = &ap[c->f->nactors];
  memset(a, 0, sizeof *a);
  uint32_t s = c->t->toks[t0].start, e = c->t->toks[t1 - 1].end;
  a->name = pl_arena_strndup(&c->fi->arena, c->doc->body + s, e - s);
  a->type = PL_ACTOR_PERSON;
  if (!a->name)
    goto oom;
  person *p = &c->persons[c->npersons++];
  p->ntok = (int)(t1 - t0);
  p->actor = (int)c->f->nactors++;
  p->shortkey = NULL;
  p->skel_ok = 0;
  p->key = pl_buf_take(&key);
  return p->actor;
oom:
  pl_buf_free(&key);
  return PL_ENOMEM;
}

/* ---- chunking ---------------------------------------------------------- */

static int is_prep_word(const char *w) {
  static const char *const preps[] = {
      "\xd9\x81\xd9\x8a", "\xd8\xa7\xd9\x84\xd9\x8a", "\xd9\x85\xd9\x86",
      "\xd8\xb9\xd9\x86", "\xd8\xb9\xd9\x84\xd9\x8a", "\xd9\x84\xd8\xaf\xd9\x8a",
      "in", "to", "at", "from", "for", "into", "near", "via", NULL};
  for (int i = 0; preps[i]; i++)
    if (!strcmp(w, preps[i]))
      return 1;
  return 0;
}

/* Does the original token i consist of capitals only (an acronym)? */
static int is_acronym_token(const ctx *c, size_t i) {
  const pl_token *tk = &c->t->toks[i];
  int letters = 0;
  for (uint32_t p = tk->start; p < tk->end; p++) {
    unsigned char ch = (unsigned char)c->doc->body[p];
    if (ch >= 'a' && ch <= 'z')
      return 0;
    if (ch >= 'A' && ch <= 'Z')
      letters++;
  }
  return letters >= 1;
}

/* A token's folded word and its forms without proclitics, made once for
 * both the lexicon and push_chunk. */
typedef struct word_forms {
  const char *w; /* pl_text_norm's word */
  size_t wl;     /* its bytes */
  pl_peel f[4];  /* pl_lexicon_peel_forms(w, wl, f) */
  int n;         /* ... its count */
} word_forms;

static void word_forms_of(const ctx *c, size_t tok, word_forms *wf) {
  wf->w = norm(c, tok);
  /* the folded form's length, kept by the segmenter (capped at 65535) */
  uint16_t nl = c->t->toks[tok].norm_len;
  wf->wl = nl < 65535 ? nl : strlen(wf->w);
  wf->n = pl_lexicon_peel_forms(wf->w, wf->wl, wf->f);
}

/* Appends chunk k; wf is k's token's word_forms when k is one token and
 * the caller has them, else NULL. */
static int push_chunk(ctx *c, const chunk *k, const word_forms *wf) {
  chunk *p = grow(c->ch, &c->capch, c->nch, sizeof *p);
  if (!p)
    return PL_ENOMEM;
  c->ch = p;
  chunk *q = &p[c->nch++];
  *q = *k;
  q->cue = q->type == CH_CUE && q->entry >= 0 ? c->ex->cue_of[q->entry] : -1;
  q->npeel = 0;
  q->lits = 0;
  tokinfo *ti = c->tok ? &c->tok[q->t0] : NULL;
  if (ti && (ti->known & 2) && q->t1 - q->t0 == 1) {
    q->npeel = ti->npeel;
    memcpy(q->peel, ti->peel, sizeof q->peel);
    q->lits = ti->lits;
  } else if (q->t1 - q->t0 == 1) { /* what is_lit compares */
    word_forms own;
    if (!wf) {
      word_forms_of(c, q->t0, &own);
      wf = &own;
    }
    const char *w = wf->w;
    size_t wl = wf->wl;
    const pl_peel *f = wf->f;
    for (int i = 0; i < wf->n; i++) {
      if (i)
        q->peel[q->npeel++] = f[i];
      int b = lit_find(c->ex, w + f[i].off, wl - f[i].off, f[i].al);
      if (b >= 0)
        q->lits |= (uint64_t)1 << b;
    }
    if (ti) {
      ti->known |= 2;
      ti->npeel = q->npeel;
      memcpy(ti->peel, q->peel, sizeof ti->peel);
      ti->lits = q->lits;
    }
  }
  return 0;
}

/* The first letter of a word as match_person compares it: a byte below
 * 0xC0 alone, else with the byte after it. */
static unsigned letter_key(const char *w) {
  unsigned char b0 = (unsigned char)w[0];
  return b0 >= 0xC0 ? (unsigned)b0 << 8 | (unsigned char)w[1]
                    : (unsigned)b0 << 8;
}

/* Makes ps's skeletons when its names changed. */
static void person_skel(person *ps) {
  if (ps->skel_ok)
    return;
  skeleton(ps->key, ps->skel[0], sizeof ps->skel[0]);
  skeleton(ps->shortkey ? ps->shortkey : "", ps->skel[1], sizeof ps->skel[1]);
  ps->skel_n[0] = strcspn(ps->skel[0], " ");
  ps->skel_n[1] = strcspn(ps->skel[1], " ");
  ps->skel_ok = 1;
}

/* Brings the persons' skeletons up to date and notes their first letters
 * in c->person_first, so that match_person passes over a word no person
 * can start at without looking at each. */
static void index_persons(ctx *c) {
  memset(c->person_first, 0, sizeof c->person_first);
  for (size_t p = 0; p < c->npersons; p++) {
    person *ps = &c->persons[p];
    person_skel(ps);
    for (int form = 0; form < 2; form++)
      if (ps->skel[form][0]) {
        unsigned b = letter_key(ps->skel[form]);
        c->person_first[b >> 6] |= (uint64_t)1 << (b & 63);
      }
  }
}

/* Known persons: full names and unambiguous last names. c->person_first
 * must be up to date (index_persons). */
static size_t match_person(const ctx *c, size_t i, int *actor) {
  size_t best = 0;
  /* the first word with and without its proclitics; a skeleton keeps a
     word's first letter, so its skeleton is made only when that letter
     starts a person's */
  const char *w = norm(c, i);
  size_t wl = strlen(w);
  if (wl >= 128)
    return 0;
  pl_peel f[4];
  int nc = pl_lexicon_peel_forms(w, wl, f);
  int maybe = 0;
  for (int q = 0; q < nc && !maybe; q++) {
    unsigned b = letter_key(f[q].al ? "\xd8\xa7\xd9\x84" : w + f[q].off);
    maybe = (c->person_first[b >> 6] >> (b & 63)) & 1;
  }
  if (!maybe)
    return 0; /* no person's first letter */
  for (size_t p = 0; p < c->npersons; p++) {
    person *ps = &c->persons[p];
    person_skel(ps);
    for (int form = 0; form < 2; form++) {
      const char *k = ps->skel[form];
      if (!*k)
        continue;
      size_t n = ps->skel_n[form];
      int hit = 0;
      for (int q = 0; q < nc && !hit; q++) {
        const char *cw = f[q].al ? "\xd8\xa7\xd9\x84" : w + f[q].off;
        if (cw[0] != k[0] || ((unsigned char)cw[0] >= 0xC0 && cw[1] != k[1]))
          continue; /* another first letter */
        /* the skeleton of the form (under 132 bytes) is k's first word */
        skel_cmp sc = {k, n, 0, 1};
        hit = (!f[q].al || skel_feed(&sc, "\xd8\xa7\xd9\x84", 4)) &&
              skel_feed(&sc, w + f[q].off, wl - f[q].off) && sc.o == n;
      }
      if (!hit)
        continue;
      /* the following words, without proclitics */
      size_t j = i + 1;
      k += n;
      while (*k == ' ')
        k++;
      int ok = 1;
      while (*k && ok) {
        while (j < c->t->ntoks && c->t->toks[j].kind == PL_TOK_PUNCT &&
               norm(c, j)[0] == '-')
          j++;
        n = strcspn(k, " ");
        if (j >= c->t->ntoks || c->t->toks[j].sent != c->t->toks[i].sent) {
          ok = 0;
          break;
        }
        char sx[256];
        skeleton(norm(c, j), sx, sizeof sx);
        ok = strlen(sx) == n && !strncmp(sx, k, n);
        j++;
        k += n;
        while (*k == ' ')
          k++;
      }
      if (ok && j - i > best) {
        best = j - i;
        *actor = ps->actor;
      }
    }
  }
  return best;
}

/* Computes unambiguous short forms of the persons found. */
static void person_short_forms(ctx *c) {
  for (size_t p = 0; p < c->npersons; p++) {
    person *ps = &c->persons[p];
    free(ps->shortkey);
    ps->shortkey = NULL;
    ps->skel_ok = 0;
    const char *sp = strrchr(ps->key, ' ');
    if (!sp)
      continue;
    /* keep a particle with the last name: "دي ميستورا", "de mistura" */
    const char *start = sp + 1;
    const char *prev = sp;
    while (prev > ps->key && prev[-1] != ' ')
      prev--;
    size_t plen = (size_t)(sp - prev);
    static const char *const particles[] = {"\xd8\xaf\xd9\x8a", "de", "van",
                                            "von", "di", "da", "la", "le", NULL};
    for (int k = 0; particles[k]; k++)
      if (strlen(particles[k]) == plen && !strncmp(prev, particles[k], plen))
        start = prev;
    /* "محمد بن سلمان": the last word is the father's name, no short form */
    static const char *const patronyms[] = {
        "\xd8\xa8\xd9\x86", "\xd8\xa7\xd8\xa8\xd9\x86", "bin", "ibn", "ben",
        "bint", NULL};
    int patronym = 0;
    for (int k = 0; patronyms[k]; k++)
      patronym |= strlen(patronyms[k]) == plen && !strncmp(prev, patronyms[k], plen);
    if (patronym || strlen(start) < 4 || pl_lexicon_is_stop(c->ex->lex, start))
      continue;
    int ambiguous = 0;
    for (size_t q = 0; q < c->npersons; q++)
      if (q != p && (tail_of(c->persons[q].key, start) ||
                     !strcmp(c->persons[q].key, start)))
        ambiguous = 1;
    if (!ambiguous)
      ps->shortkey = strdup(start);
  }
}

static int build_chunks(ctx *c) {
  const pl_text *t = c->t;
  c->nch = 0;
  size_t di = 0;
  if (c->npersons)
    index_persons(c); /* no person is found or renamed while chunking */
  unsigned actor_kinds = (1u << LEX_STATE) | (1u << LEX_ORG) |
                         (1u << LEX_GROUP) | (1u << LEX_MEDIA) |
                         (1u << LEX_PLACE) | (1u << LEX_ROLE) |
                         (1u << LEX_ROLEMOD) | (1u << LEX_CUE) |
                         (1u << LEX_ORDINAL) | (1u << LEX_STOP);
  for (size_t i = 0; i < t->ntoks;) {
    const pl_token *tk = &t->toks[i];
    chunk k;
    memset(&k, 0, sizeof k);
    k.entry = k.actor = k.date = -1;
    k.t0 = (uint32_t)i;
    k.start = tk->start;
    while (di < c->ndates && c->dates[di].end <= tk->start)
      di++;
    if (di < c->ndates && c->dates[di].start < tk->end) {
      size_t j = i;
      while (j < t->ntoks && t->toks[j].start < c->dates[di].end)
        j++;
      k.type = CH_DATE;
      k.t1 = (uint32_t)j;
      k.end = t->toks[j - 1].end;
      k.date = (int)di++;
      if (push_chunk(c, &k, NULL) < 0)
        return PL_ENOMEM;
      i = j;
      continue;
    }
    int pa = -1;
    size_t pn = c->npersons ? match_person(c, i, &pa) : 0;
    size_t n = 0;
    uint32_t skip = 0;
    int e;
    tokinfo *ti = c->tok ? &c->tok[i] : NULL;
    word_forms wf;
    int have_wf = 0;
    if (ti && (ti->known & 1)) {
      e = ti->entry;
      n = ti->ntok;
      skip = ti->skip;
    } else {
      word_forms_of(c, i, &wf);
      have_wf = 1;
      e = pl_lexicon_match_forms(c->ex->lex, t, i, wf.w, wf.wl, wf.f, wf.n,
                                 actor_kinds, &n, &skip);
      if (ti && n < 65536) {
        ti->known |= 1;
        ti->entry = e;
        ti->ntok = (uint16_t)n;
        ti->skip = skip;
      }
    }
    const lex_entry *le = e >= 0 ? pl_lexicon_entry(c->ex->lex, e) : NULL;
    if (le && le->kind <= LEX_MEDIA && n == 1 && (tk->flags & PL_TOKF_LATIN)) {
      /* a Latin acronym form matches capitals only ("US" never "us") */
      if (strlen(norm(c, i)) <= 4 && !is_acronym_token(c, i) &&
          !(tk->flags & PL_TOKF_UPPER))
        le = NULL, e = -1;
    }
    if (pn && pn >= n) {
      k.type = CH_ACTOR;
      k.person = 1;
      k.actor = pa;
      k.t1 = (uint32_t)(i + pn);
      k.end = t->toks[i + pn - 1].end;
    } else if (le) {
      k.entry = e;
      k.t1 = (uint32_t)(i + n);
      k.start = tk->start + skip;
      k.end = t->toks[i + n - 1].end;
      if (skip) {
        unsigned char b0 = (unsigned char)c->doc->body[tk->start + 1];
        k.conj = (b0 == 0x88 || b0 == 0x81); /* و ف */
        k.prep = !k.conj || skip > 2;
      }
      switch (le->kind) {
      case LEX_STATE: case LEX_ORG: case LEX_GROUP: case LEX_MEDIA:
        k.type = CH_ACTOR;
        break;
      case LEX_PLACE: k.type = CH_PLACE; break;
      case LEX_ROLE: k.type = CH_ROLE; break;
      case LEX_ROLEMOD: k.type = CH_ROLEMOD; break;
      case LEX_CUE: k.type = CH_CUE; break;
      case LEX_ORDINAL: k.type = CH_ORD; break;
      default: k.type = CH_STOP; break;
      }
      if (k.type == CH_PLACE && le->actor) {
        /* a capital stands for its state unless it is where something is */
        int after_prep = k.prep;
        const chunk *pv = c->nch ? &c->ch[c->nch - 1] : NULL;
        /* after a verb of speaking, proposing or meeting it is the
           subject: "قالت موسكو", "دعت واشنطن إلى" */
        int verb = 0;
        if (pv && pv->type == CH_CUE && pv->entry >= 0) {
          char bar[40];
          snprintf(bar, sizeof bar, "|%s|",
                   pl_lexicon_entry(c->ex->lex, pv->entry)->id);
          verb = strstr("|say|propose_v|meet_v|offer_v|", bar) != NULL;
        }
        if (pv && pv->t1 == i && !verb &&
            (is_prep_word(norm(c, pv->t0)) || pv->type == CH_WORD ||
             pv->type == CH_CUE || pv->type == CH_ACTOR || pv->type == CH_DATE))
          after_prep = 1;
        if (!after_prep && c->final) {
          k.actor = actor_for_entry(c, le, le->actor);
          if (k.actor < -1)
            return PL_ENOMEM;
        }
      }
    } else {
      k.t1 = (uint32_t)(i + 1);
      k.end = tk->end;
      k.type = tk->kind == PL_TOK_NUM ? CH_NUM
               : tk->kind == PL_TOK_PUNCT ? CH_PUNCT : CH_WORD;
    }
    if (k.type == CH_ACTOR && !k.person) {
      k.actor = actor_for_entry(c, le, NULL);
      if (k.actor < -1)
        return PL_ENOMEM;
    }
    int folded = fold_ministry(c, &k);
    if (folded < 0)
      return PL_ENOMEM;
    if (folded) {
      chunk *m = &c->ch[c->nch - 1];
      if (c->final && m->type == CH_ACTOR && k.type == CH_ACTOR &&
          add_mention(c, m->actor, m->start, m->end) < 0)
        return PL_ENOMEM;
      i = k.t1;
      continue;
    }
    if (c->final && k.actor >= 0 &&
        add_mention(c, k.actor, k.start, k.end) < 0)
      return PL_ENOMEM;
    if (push_chunk(c, &k, have_wf && k.t1 == i + 1 ? &wf : NULL) < 0)
      return PL_ENOMEM;
    i = k.t1;
  }
  return 0;
}

/* ---- element matchers -------------------------------------------------- */

static int is_cue(const ctx *c, size_t ci, const char *id) {
  if (ci >= c->s_c1 || c->ch[ci].type != CH_CUE)
    return 0;
  const char *have = entry_of(c, &c->ch[ci])->id;
  return have[0] == id[0] && !strcmp(have, id); /* most differ at once */
}

/* Is chunk ci a cue of one of the ids in alts ("meet_n|round")? */
static int is_cue_alt(const ctx *c, size_t ci, const char *alts) {
  if (ci >= c->s_c1 || c->ch[ci].type != CH_CUE)
    return 0;
  const char *id = entry_of(c, &c->ch[ci])->id;
  size_t n = strlen(id);
  for (const char *p = alts; *p;) {
    size_t m = strcspn(p, "|");
    if (m == n && !strncmp(p, id, n))
      return 1;
    p += m;
    if (*p == '|')
      p++;
  }
  return 0;
}

/* Is the word w of one-token chunk k the literal lit, or one of its
 * forms without proclitics? */
static int word_is(const chunk *k, const char *w, const char *lit) {
  /* the first bytes are compared before calling strcmp: most differ */
  if (w[0] == lit[0] && !strcmp(w, lit))
    return 1;
  for (int i = 0; i < k->npeel; i++) {
    const pl_peel *f = &k->peel[i];
    if (f->al ? !strncmp(lit, "\xd8\xa7\xd9\x84", 4) &&
                    !strcmp(lit + 4, w + f->off)
              : w[f->off] == lit[0] && !strcmp(lit, w + f->off))
      return 1;
  }
  return 0;
}

static int is_lit(const ctx *c, size_t ci, const char *lit) {
  if (ci >= c->s_c1)
    return 0;
  const chunk *k = &c->ch[ci];
  if (k->t1 - k->t0 != 1)
    return 0;
  return word_is(k, norm(c, k->t0), lit);
}

/* Is chunk ci one of the literals lits (NULL-terminated)? is_lit of each,
 * with the chunk looked at once. */
static int is_lit_any(const ctx *c, size_t ci, const char *const *lits) {
  if (ci >= c->s_c1)
    return 0;
  const chunk *k = &c->ch[ci];
  if (k->t1 - k->t0 != 1)
    return 0;
  const char *w = norm(c, k->t0);
  for (; *lits; lits++)
    if (word_is(k, w, *lits))
      return 1;
  return 0;
}

static int is_comma(const ctx *c, size_t ci) {
  if (ci >= c->s_c1 || c->ch[ci].type != CH_PUNCT)
    return 0;
  const char *w = norm(c, c->ch[ci].t0);
  return !strcmp(w, ",") || !strcmp(w, "\xd8\x8c");
}

static int is_clause_end(const ctx *c, size_t ci) {
  if (ci >= c->s_c1)
    return 1;
  if (c->ch[ci].type != CH_PUNCT)
    return 0;
  const char *w = norm(c, c->ch[ci].t0);
  return strchr(".,;:!?", w[0]) || !strcmp(w, "\xd8\x8c") ||
         !strcmp(w, "\xd8\x9b") || !strcmp(w, "\xd8\x9f");
}

static const char *const name_particles[] = {
    "\xd8\xb9\xd8\xa8\xd8\xaf", "\xd8\xa7\xd8\xa8\xd9\x88",
    "\xd8\xa8\xd9\x86", "\xd8\xa7\xd8\xa8\xd9\x86", "\xd8\xaf\xd9\x8a",
    "\xd8\xa7\xd9\x84", "de", "al", "el", "bin", "ibn", "abu", "van", "von",
    "da", "di", "du", "la", "le", "bint", NULL};

static int is_particle(const char *w) {
  if (strnlen(w, 7) > 6)
    return 0; /* every particle is shorter */
  for (int i = 0; name_particles[i]; i++)
    if (w[0] == name_particles[i][0] && !strcmp(w, name_particles[i]))
      return 1;
  return 0;
}

static int name_word_(const ctx *c, size_t ci, int first);

/* Could word chunk ci be part of a person's name (first: as its first
 * word)? Rules ask this of the same chunks many times: the answers are
 * kept per chunk (bits: 1 known, 2 yes; 4 and 8 the same for first). */
static inline int name_word(const ctx *c, size_t ci, int first) {
  uint8_t known = first ? 4 : 1, yes = first ? 8 : 2;
  int memo = ci < c->s_c1 && c->memo;
  if (memo && (c->memo[ci] & known)) /* the common case: inlined */
    return (c->memo[ci] & yes) != 0;
  int r = name_word_(c, ci, first);
  if (memo)
    c->memo[ci] |= known | (r ? yes : 0);
  return r;
}

/* Does s start with the n bytes of p (which holds no NUL)? strncmp's
 * answer, without the call: it stops at the first differing byte, as at a
 * NUL of s. */
static int begins(const char *s, const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != p[i])
      return 0;
  return 1;
}

static int name_token(const ctx *c, size_t tok, int first);

/* name_word without the chunk memo. A word chunk is one token, and the
 * answer depends on that token only: it is also kept per token, for
 * both passes. */
static int name_word_(const ctx *c, size_t ci, int first) {
  if (ci >= c->s_c1 || c->ch[ci].type != CH_WORD)
    return 0;
  tokinfo *ti = c->tok ? &c->tok[c->ch[ci].t0] : NULL;
  uint8_t known = first ? 4 : 1, yes = first ? 8 : 2;
  if (ti && (ti->nameword & known))
    return (ti->nameword & yes) != 0;
  int r = name_token(c, c->ch[ci].t0, first);
  if (ti)
    ti->nameword |= known | (r ? yes : 0);
  return r;
}

/* Could token tok (of a word chunk) be part of a person's name? */
static int name_token(const ctx *c, size_t tok, int first) {
  const pl_token *tk = &c->t->toks[tok];
  const char *w = norm(c, tok);
  /* a stop word is a one-word phrase of the lexicon: where
     pl_lexicon_match found nothing (and looked: under 128 bytes) there is
     none to look up */
  const tokinfo *ti = c->tok ? &c->tok[tok] : NULL;
  int looked = ti && (ti->known & 1) && ti->entry < 0 && strlen(w) < 128;
  if (!looked && pl_lexicon_is_stop(c->ex->lex, w))
    return 0;
  if (tk->flags & PL_TOKF_ARABIC) {
    size_t n = strlen(w);
    if (n < 4) /* two letters at least */
      return is_particle(w) && !first;
    /* a given name takes no article: "وزير الأوقاف محمد", "رئيس النادي" */
    const char *raw = c->doc->body + tk->start; /* أل: "ألكسندر" is a name */
    if (first && n > 6 &&
        (begins(raw, "\xd8\xa7\xd9\x84", 4) ||
         begins(w, "\xd9\x84\xd9\x84", 4)))
      return 0;
    /* nor a preposition with the article: "بالديوان", "والمحكم" */
    static const struct {
      const char *s; /* the prefix */
      size_t n;      /* its bytes */
    } art[] = {{"\xd8\xa8\xd8\xa7\xd9\x84", 6},
               {"\xd9\x88\xd8\xa7\xd9\x84", 6},
               {"\xd9\x81\xd8\xa7\xd9\x84", 6},
               {"\xd9\x83\xd8\xa7\xd9\x84", 6},
               {"\xd9\x84\xd9\x84", 4}};
    for (size_t i = 0; i < sizeof art / sizeof art[0] && n > 8; i++)
      if (begins(w, art[i].s, art[i].n))
        return 0;
    /* "وستخلف", "وتقول": and + a verb's prefix */
    if (first && n >= 10 && begins(w, "\xd9\x88", 2) &&
        (begins(w + 2, "\xd8\xb3", 2) || begins(w + 2, "\xd8\xaa", 2) ||
         begins(w + 2, "\xd9\x8a", 2) || begins(w + 2, "\xd9\x86", 2)))
      return 0;
    /* future verbs: سي/ست/سن + stem (a name may start so: سيدات) */
    if (!first && begins(w, "\xd8\xb3", 2) && n >= 8 &&
        (begins(w + 2, "\xd9\x8a", 2) || begins(w + 2, "\xd8\xaa", 2) ||
         begins(w + 2, "\xd9\x86", 2)))
      return 0;
    return 1;
  }
  if (tk->flags & PL_TOKF_LATIN)
    return (tk->flags & PL_TOKF_UPPER) || (!first && is_particle(w));
  return 0;
}

/* is_particle of chunk ci's word, kept in the memo (bits 16 known, 32
 * yes). */
static inline int particle_at(const ctx *c, size_t ci) {
  int memo = c->memo && ci < c->nch;
  if (memo && (c->memo[ci] & 16)) /* the common case: inlined */
    return (c->memo[ci] & 32) != 0;
  int r = is_particle(norm(c, c->ch[ci].t0));
  if (memo)
    c->memo[ci] |= 16 | (r ? 32 : 0);
  return r;
}

static size_t scan_name_(const ctx *c, size_t ci);

/* Discovers a name at ci: returns the chunk after it, or 0. The answer
 * depends on the sentence's chunks only: it is kept per chunk (0 not
 * known, 1 no name, 2 + n a name of n chunks). */
static size_t scan_name(const ctx *c, size_t ci) {
  if (!c->names || ci >= c->s_c1)
    return scan_name_(c, ci);
  if (!c->names[ci]) {
    size_t j = scan_name_(c, ci);
    if (j && j - ci > 250)
      return j;
    c->names[ci] = (uint8_t)(j ? 2 + (j - ci) : 1);
  }
  return c->names[ci] == 1 ? 0 : ci + (size_t)(c->names[ci] - 2);
}

static size_t scan_name_(const ctx *c, size_t ci) {
  if (ci > c->s_c0 && name_word(c, ci - 1, 0) &&
      !(strncmp(norm(c, c->ch[ci - 1].t0), "\xd8\xa7\xd9\x84", 4) == 0 &&
        strncmp(norm(c, c->ch[ci].t0), "\xd8\xa7\xd9\x84", 4) != 0))
    return 0; /* inside another name (a word with the article before a
                 given name is a complement: "وزير الأوقاف محمد") */
  /* a name does not start with a particle, but for the compound given
     names "عبد ..." and "أبو ..." */
  if (!name_word(c, ci, 1) ||
      (particle_at(c, ci) &&
       strcmp(norm(c, c->ch[ci].t0), "\xd8\xb9\xd8\xa8\xd8\xaf") &&
       strcmp(norm(c, c->ch[ci].t0), "\xd8\xa7\xd8\xa8\xd9\x88")))
    return 0;
  int latin = (c->t->toks[c->ch[ci].t0].flags & PL_TOKF_LATIN) != 0;
  size_t j = ci, words = 0;
  while (j < c->s_c1 && words < 5) {
    if (latin && c->ch[j].type == CH_PUNCT && norm(c, c->ch[j].t0)[0] == '-' &&
        j > ci && name_word(c, j + 1, 0)) {
      j++;
      continue;
    }
    if (!name_word(c, j, j == ci))
      break;
    const char *w = norm(c, c->ch[j].t0);
    /* و at the start of a third word is "and" */
    if (words >= 2 && !strncmp(w, "\xd9\x88", 2))
      break;
    if (words >= (latin ? 3 : 2) && !particle_at(c, j))
      break;
    if (!particle_at(c, j))
      words++;
    j++;
  }
  while (j > ci && particle_at(c, j - 1))
    j--;
  if (words < 2 || j == ci)
    return 0;
  /* a family name's second word: "جاويش أوغلو" (-oğlu), "خليل زاد" */
  static const char *const suffixes[] = {
      "\xd8\xa7\xd9\x88\xd8\xba\xd9\x84\xd9\x88" /* اوغلو */,
      "\xd8\xb2\xd8\xa7\xd8\xaf\xd9\x87" /* زاده */,
      "\xd8\xb2\xd8\xa7\xd8\xaf" /* زاد */, NULL};
  if (j < c->s_c1 && c->ch[j].type == CH_WORD)
    for (int i = 0; suffixes[i]; i++)
      if (!strcmp(norm(c, c->ch[j].t0), suffixes[i]))
        return j + 1;
  /* a third word when punctuation or a role follows it: "رجب طيب
     أردوغان،", "محمد جواد ظريف نظيره" (but not "حيدر العبادي إلغاء ...") */
  const char *w3 = j < c->s_c1 ? norm(c, c->ch[j].t0) : "";
  if (!latin && words == 2 && j + 1 < c->s_c1 && name_word(c, j, 0) &&
      !particle_at(c, j) &&
      /* not "and ...", nor a verb in the present ("يصل", "تعقد") */
      strncmp(w3, "\xd9\x88", 2) && strncmp(w3, "\xd9\x8a", 2) &&
      strncmp(w3, "\xd8\xaa", 2) &&
      (c->ch[j + 1].type == CH_PUNCT || c->ch[j + 1].type == CH_ROLE ||
       c->ch[j + 1].type == CH_ROLEMOD))
    return j + 1;
  return j;
}

/* "a b" (or a or b alone when the other is empty) in the arena, or NULL
 * when out of memory. */
static const char *arena_cat(ctx *c, const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  char *p = pl_arena_alloc(&c->fi->arena, na + nb + 2);
  if (!p)
    return NULL;
  memcpy(p, a, na);
  if (na && nb)
    p[na++] = ' ';
  memcpy(p + na, b, nb + 1);
  return p;
}

/* A role phrase at ci. Returns the chunk after it (0: none). */
/* Is chunk ci an English possessive ending ("'s", "’s") after a name? */
static int possessive_at(const ctx *c, size_t ci) {
  if (ci >= c->s_c1 || c->ch[ci].end - c->ch[ci].start != 1)
    return 0;
  /* the segmenter drops the apostrophe: "Iran's" is "Iran" + "s" */
  uint32_t st = c->ch[ci].start;
  const char *b = c->doc->body;
  return b[st] == 's' && st >= 1 &&
         (b[st - 1] == '\'' ||
          (st >= 3 && !strncmp(b + st - 3, "\xe2\x80\x99", 3)));
}

static size_t match_name(ctx *c, size_t ci, cap *k, int commit);
static int add_role(ctx *c, int person, const char *role, int of, int weak,
                    uint32_t s, uint32_t e);

static size_t scan_role(ctx *c, size_t ci, cap *out) {
  size_t j = ci;
  int of = -1, tail_of_actor = -1, of_person = -1;
  const char *text = "", *rtext = "";
  int roles = 0;
  /* English: an actor before the role ("French Foreign Minister"), also
     when the match starts at the role word itself */
  if (ci > c->s_c0 && c->ch[ci - 1].type == CH_ACTOR && !c->ch[ci - 1].person &&
      (c->t->toks[c->ch[ci - 1].t0].flags & PL_TOKF_LATIN) &&
      (c->ch[ci].type == CH_ROLE || c->ch[ci].type == CH_ROLEMOD))
    of = c->ch[ci - 1].actor;
  if (j < c->s_c1 && c->ch[j].type == CH_ACTOR && !c->ch[j].person &&
      j + 1 < c->s_c1 &&
      (c->ch[j + 1].type == CH_ROLE || c->ch[j + 1].type == CH_ROLEMOD)) {
    of = c->ch[j].actor;
    j++;
  } else if (j + 2 < c->s_c1 && c->ch[j].type == CH_ACTOR &&
             !c->ch[j].person && possessive_at(c, j + 1) &&
             (c->ch[j + 2].type == CH_ROLE || c->ch[j + 2].type == CH_ROLEMOD)) {
    of = c->ch[j].actor; /* "the European Union's coordinator" */
    j += 2;
  }
  size_t words = j;
  while (j < c->s_c1 && (c->ch[j].type == CH_ROLE || c->ch[j].type == CH_ROLEMOD)) {
    if (j > words && c->ch[j].prep)
      break; /* "للرئيس": the role of someone else */
    const lex_entry *e = entry_of(c, &c->ch[j]);
    if (c->ch[j].type == CH_ROLE)
      roles++;
    /* modifiers read first in English: "special envoy", "deputy ..." */
    if (!(c->ch[j].type == CH_ROLE ? (rtext = arena_cat(c, rtext, e->name))
                                   : (text = arena_cat(c, text, e->name))))
      return 0;
    j++;
    /* Arabic: the actor right after the role word ("وزير خارجية كزاخستان",
       "المبعوث الأممي"); English: "of X" */
    if (j < c->s_c1 && c->ch[j].type == CH_ACTOR && !c->ch[j].person &&
        !c->ch[j].conj && of < 0 && !c->ch[j].prep) {
      of = c->ch[j].actor;
      j++;
    } else if (j + 1 < c->s_c1 && is_lit(c, j, "of") &&
               c->ch[j + 1].type == CH_ACTOR && !c->ch[j + 1].person && of < 0) {
      of = c->ch[j + 1].actor;
      j += 2;
    }
  }
  if (!roles || j == words)
    return 0;
  /* a tail: "إلى سوريا", "لدى الأمم المتحدة", "for Syria", "to X" */
  for (int k = 0; k < 3 && j < c->s_c1; k++) {
    if (is_lit(c, j, "\xd8\xa7\xd9\x84\xd9\x8a") || is_lit(c, j, "\xd9\x84\xd8\xaf\xd9\x8a") ||
        is_lit(c, j, "\xd9\x81\xd9\x8a") /* في */ ||
        is_lit(c, j, "for") || is_lit(c, j, "to") || is_lit(c, j, "on")) {
      size_t q = j + 1;
      if (q < c->s_c1 && (is_lit(c, q, "the") || is_lit(c, q, "a")))
        q++;
      if (q < c->s_c1 && (c->ch[q].type == CH_ACTOR || c->ch[q].type == CH_PLACE)) {
        if (c->ch[q].type == CH_ACTOR && tail_of_actor < 0)
          tail_of_actor = c->ch[q].actor;
        j = q + 1;
        /* "to Iranian Foreign Minister": the rest of a nested role */
        while (j < c->s_c1 && (c->ch[j].type == CH_ROLE || c->ch[j].type == CH_ROLEMOD))
          j++;
        /* English: lower-case words of the tail ("Astana talks") */
        while (j < c->s_c1 && c->ch[j].type == CH_CUE &&
               (c->t->toks[c->ch[j].t0].flags & PL_TOKF_LATIN) &&
               !(c->t->toks[c->ch[j].t0].flags & PL_TOKF_UPPER))
          j++;
        continue;
      }
      break;
    }
    if (c->ch[j].type == CH_ROLEMOD) {
      j++;
      continue;
    }
    /* "للمصالحة في أفغانستان": a word with لل and its own tail */
    if (c->ch[j].type == CH_WORD && j + 2 < c->s_c1 &&
        !strncmp(norm(c, c->ch[j].t0), "\xd9\x84\xd9\x84", 4) &&
        is_lit(c, j + 1, "\xd9\x81\xd9\x8a") &&
        (c->ch[j + 2].type == CH_ACTOR || c->ch[j + 2].type == CH_PLACE)) {
      j++;
      continue;
    }
    /* "للشرق الأوسط", "لسوريا": a region or actor with ل */
    if ((c->ch[j].type == CH_PLACE || (c->ch[j].type == CH_ACTOR &&
                                       !c->ch[j].person)) &&
        c->ch[j].prep && !c->ch[j].conj) {
      if (c->ch[j].type == CH_ACTOR && tail_of_actor < 0)
        tail_of_actor = c->ch[j].actor;
      j++;
      continue;
    }
    /* "المبعوث الشخصي للرئيس فلاديمير بوتين": the envoy of a person, who
       holds a role of their own */
    if (of_person < 0 && c->ch[j].type == CH_ROLE && c->ch[j].prep &&
        !c->ch[j].conj) {
      size_t q = j, r0 = j;
      const char *nested = "";
      while (q < c->s_c1 &&
             (c->ch[q].type == CH_ROLE || c->ch[q].type == CH_ROLEMOD)) {
        nested = arena_cat(c, nested, entry_of(c, &c->ch[q])->name);
        if (!nested)
          return 0;
        q++;
      }
      cap n = {0};
      size_t e = match_name(c, q, &n, 1);
      if (!e || !n.nactors)
        break;
      of_person = n.actors[0];
      if (c->final)
        add_role(c, of_person, nested, -1, 0, c->ch[r0].start,
                 c->ch[e - 1].end);
      j = e;
      continue;
    }
    break;
  }
  /* Arabic: a role's complement before the name ("وزير الأوقاف محمد
     مختار", "رئيس الإقليم مسعود بارزاني"): up to two words with the
     article, then a name */
  for (size_t q = j; q < j + 2 && q + 1 < c->s_c1; q++) {
    if (c->ch[q].type != CH_WORD ||
        !(c->t->toks[c->ch[q].t0].flags & PL_TOKF_ARABIC) ||
        strncmp(norm(c, c->ch[q].t0), "\xd8\xa7\xd9\x84", 4))
      break;
    if (c->ch[q + 1].type == CH_ACTOR && c->ch[q + 1].person) {
      j = q + 1;
      break;
    }
    if (scan_name(c, q + 1) ||
        (is_cue(c, q + 1, "title") && q + 2 < c->s_c1 &&
         ((c->ch[q + 2].type == CH_ACTOR && c->ch[q + 2].person) ||
          scan_name(c, q + 2)))) {
      j = q + 1; /* "رئيس المخابرات العامة اللواء عباس كامل" */
      break;
    }
  }
  out->role = arena_cat(c, text, rtext);
  out->role_of = of >= 0 ? of : tail_of_actor >= 0 ? tail_of_actor : of_person;
  return j;
}

static void cap_add(cap *k, int actor) {
  if (actor < 0)
    return;
  for (int i = 0; i < k->nactors; i++)
    if (k->actors[i] == actor)
      return;
  if (k->nactors < 12)
    k->actors[k->nactors++] = actor;
}

static int add_role(ctx *c, int person, const char *role, int of, int weak,
                    uint32_t s, uint32_t e);
static int add_delegation(ctx *c, int of, int head, uint32_t s, uint32_t e);

/* A name at ci (known person or discovered). Returns the next chunk. */
static size_t match_name(ctx *c, size_t ci, cap *k, int commit) {
  if (ci < c->s_c1 && is_cue(c, ci, "title"))
    ci++; /* "الملا عبد الغني برادر": the title is not the name */
  if (ci >= c->s_c1)
    return 0;
  if (c->ch[ci].type == CH_ACTOR && c->ch[ci].person) {
    cap_add(k, c->ch[ci].actor);
    return ci + 1;
  }
  size_t j = scan_name(c, ci);
  if (!j)
    return 0;
  if (!commit) { /* made a person only if the whole rule matches */
    k->nt0 = c->ch[ci].t0;
    k->nt1 = c->ch[j - 1].t1;
    return j;
  }
  int a = person_for(c, c->ch[ci].t0, c->ch[j - 1].t1);
  if (a < -1)
    return 0;
  if (a >= 0 && c->final)
    add_mention(c, a, c->ch[ci].start, c->ch[j - 1].end);
  cap_add(k, a);
  return j;
}

/* A role phrase at ci that is not followed by a name (which it would
 * belong to): "بشار الجعفري وزير خارجية كزاخستان خيرات ..." */
static size_t role_not_before_name(ctx *c, size_t ci, cap *r) {
  size_t q = scan_role(c, ci, r);
  if (!q)
    return 0;
  size_t n = q < c->s_c1 && is_comma(c, q) ? q + 1 : q;
  if (n < c->s_c1 && ((c->ch[n].type == CH_ACTOR && c->ch[n].person) ||
                      scan_name(c, n)))
    return 0;
  return q;
}

/* One party: an actor, a delegation of one, a role with a name, or a
 * known person; "برئاسة X" after it is consumed (and recorded). */
/* Is English actor chunk ci a state's adjective or short form modifying a
 * common noun ("South Korean carrier", "US officials")? Its surface is not
 * the state's name and a lower-case word follows. */
static int latin_modifier(const ctx *c, size_t ci) {
  const chunk *k = &c->ch[ci];
  if (k->person || k->actor < 0 || !(c->t->toks[k->t0].flags & PL_TOKF_LATIN) ||
      c->f->actors[k->actor].type != PL_ACTOR_STATE || ci + 1 >= c->s_c1 ||
      c->ch[ci + 1].type != CH_WORD)
    return 0;
  const pl_token *nx = &c->t->toks[c->ch[ci + 1].t0];
  if (!(nx->flags & PL_TOKF_LATIN) || (nx->flags & PL_TOKF_UPPER))
    return 0;
  /* people who act for the state: "US officials", "Russian forces" */
  static const char *const agents[] = {
      "officials", "official", "forces", "troops", "diplomats", "diplomat",
      "negotiators", "negotiator", "leaders", "leader", "government",
      "authorities", "army", "military", "side", "counterpart", "envoy",
      "envoys", "administration", "officers", "representatives", NULL};
  const char *w = norm(c, c->ch[ci + 1].t0);
  for (int i = 0; agents[i]; i++)
    if (!strcmp(w, agents[i]))
      return 0;
  const char *name = c->f->actors[k->actor].name;
  size_t n = k->end - k->start;
  return !(strlen(name) == n && !strncmp(name, c->doc->body + k->start, n));
}

/* "الحركة", "the group" (or "البعثة", "the mission"): the group (or
 * organisation) last named before chunk ci, or -1. */
static int named_before(const ctx *c, size_t ci, int type) {
  for (size_t q = ci; q-- > 0 && q + 400 > ci;)
    if (c->ch[q].type == CH_ACTOR && !c->ch[q].person && c->ch[q].actor >= 0 &&
        c->f->actors[c->ch[q].actor].type == type)
      return c->ch[q].actor;
  return -1;
}

/* The actor an anaphoric cue at ci stands for, or -1. */
static int anaphor_at(const ctx *c, size_t ci) {
  return is_cue(c, ci, "anaphor_group") ? named_before(c, ci, PL_ACTOR_GROUP)
         : is_cue(c, ci, "anaphor_org") ? named_before(c, ci, PL_ACTOR_ORG)
                                        : -1;
}

/* Does a role phrase start at ci and a name follow it? (Looks only: the
 * name is not made a person.) */
static int role_then_name(ctx *c, size_t ci) {
  cap r = {0};
  size_t q = scan_role(c, ci, &r);
  if (!q || q >= c->s_c1)
    return 0;
  if (is_cue(c, q, "title"))
    q++;
  return q < c->s_c1 && ((c->ch[q].type == CH_ACTOR && c->ch[q].person) ||
                         scan_name(c, q));
}

/* Can a party start at chunk j (after an article)? Every kind below
 * starts at one of these chunk types. */
static int party_start(const ctx *c, size_t j) {
  if (j >= c->s_c1)
    return 0;
  int t = c->ch[j].type;
  return t == CH_CUE || t == CH_PLACE || t == CH_ACTOR || t == CH_ROLE ||
         t == CH_ROLEMOD;
}

static size_t match_party(ctx *c, size_t ci, cap *k) {
  if (!party_start(c, ci) && !party_start(c, ci + 1))
    return 0;
  size_t j = ci;
  static const char *const articles[] = {"the",   "a",   "his", "her",
                                         "their", "its", NULL};
  if (j < c->s_c1 && is_lit_any(c, j, articles))
    j++;
  if (j >= c->s_c1)
    return 0;
  int deleg = is_cue(c, j, "deleg") || is_cue(c, j, "reps");
  int actor = -1;
  int as_deleg = deleg; /* the party is said as a delegation */
  if (is_cue(c, j, "anaphor_group") || is_cue(c, j, "anaphor_org")) {
    if ((actor = anaphor_at(c, j)) < 0)
      return 0;
    j++;
  } else if (is_cue(c, j, "gov")) {
    /* "الحكومة القطرية", "the government (delegation)": the state it names,
       else the article's own state */
    j++;
    if (j < c->s_c1 && c->ch[j].type == CH_ACTOR && !c->ch[j].person &&
        c->ch[j].actor >= 0 &&
        c->f->actors[c->ch[j].actor].type == PL_ACTOR_STATE)
      actor = c->ch[j++].actor;
    else if (c->home_state >= 0)
      actor = c->home_state;
    else
      return 0;
    if (j < c->s_c1 && is_cue(c, j, "deleg")) {
      c->last_deleg = actor;
      as_deleg = 1;
      if (c->final)
        add_delegation(c, actor, -1, c->ch[ci].start, c->ch[j].end);
      j++;
    }
  } else if (deleg) {
    int bare_deleg = is_cue(c, j, "deleg");
    size_t dpos = j;
    j++;
    if (j < c->s_c1 && (is_lit(c, j, "of") || is_lit(c, j, "from") ||
                        is_lit(c, j, "\xd9\x85\xd9\x86")))
      j++;
    if (j < c->s_c1 && is_lit(c, j, "the"))
      j++;
    if (j < c->s_c1 && c->ch[j].type == CH_ACTOR) {
      actor = c->ch[j].actor;
      j++;
    } else if (j < c->s_c1 && is_cue(c, j, "gov") &&
               (j + 1 < c->s_c1 && c->ch[j + 1].type == CH_ACTOR &&
                !c->ch[j + 1].person && c->ch[j + 1].actor >= 0)) {
      actor = c->ch[j + 1].actor; /* "وفد الحكومة السورية" */
      j += 2;
    } else if (j < c->s_c1 && anaphor_at(c, j) >= 0) {
      actor = anaphor_at(c, j); /* "وفد الحركة" */
      j++;
    } else if (j < c->s_c1 && is_cue(c, j, "gov") && c->home_state >= 0) {
      actor = c->home_state; /* "وفد الحكومة" */
      j++;
    } else if (bare_deleg && c->last_deleg >= 0 &&
               !(dpos > c->s_c0 &&
                 (c->ch[dpos - 1].type == CH_WORD ||
                  c->ch[dpos - 1].type == CH_STOP) &&
                 (c->t->toks[c->ch[dpos - 1].t0].flags & PL_TOKF_LATIN) &&
                 !is_lit(c, dpos - 1, "the"))) {
      /* "the delegation": the one last named (not "a 17-strong
         delegation", whose modifier says it is another) */
      actor = c->last_deleg;
    } else
      return 0;
    if (bare_deleg) {
      c->last_deleg = actor;
      if (c->final && !c->ch[ci].conj)
        add_delegation(c, actor, -1, c->ch[ci].start, c->ch[j - 1].end);
    }
  } else if (c->ch[j].type == CH_PLACE && c->ch[j].actor >= 0) {
    actor = c->ch[j].actor; /* a capital for its state: "دعت واشنطن" */
    j++;
  } else if (c->ch[j].type == CH_ACTOR && !c->ch[j].person &&
             j + 1 < c->s_c1 &&
             (c->ch[j + 1].type == CH_ROLE || c->ch[j + 1].type == CH_ROLEMOD) &&
             (c->t->toks[c->ch[j].t0].flags & PL_TOKF_LATIN) &&
             role_then_name(c, j)) {
    /* "Iranian President Hassan Rouhani": the person, not the state */
    cap r = {0};
    size_t q = scan_role(c, j, &r);
    cap n = {0};
    size_t e = match_name(c, q, &n, 1);
    actor = n.actors[0];
    if (c->final)
      add_role(c, actor, r.role, r.role_of, 0, c->ch[j].start, c->ch[e - 1].end);
    j = e;
  } else if (c->ch[j].type == CH_ACTOR) {
    if (latin_modifier(c, j))
      return 0; /* "South Korean carrier SK Telecom" is not South Korea */
    actor = c->ch[j].actor;
    j++;
    /* "the Qatari government" */
    if (j < c->s_c1 && is_cue(c, j, "gov") &&
        c->f->actors[actor].type == PL_ACTOR_STATE)
      j++;
    /* "Iran's delegation" */
    if (j + 1 < c->s_c1 && possessive_at(c, j) && is_cue(c, j + 1, "deleg"))
      j++;
    /* "the opposition delegation", "the Iranian delegation" */
    if (j < c->s_c1 && is_cue(c, j, "deleg") && actor >= 0 &&
        !c->ch[j - 1].person &&
        (c->t->toks[c->ch[j].t0].flags & PL_TOKF_LATIN)) {
      c->last_deleg = actor;
      as_deleg = 1;
      if (c->final)
        add_delegation(c, actor, -1, c->ch[j - 1].start, c->ch[j].end);
      j++;
    }
  } else if (c->ch[j].type == CH_ROLE || c->ch[j].type == CH_ROLEMOD ||
             (c->ch[j].type == CH_ACTOR)) {
    cap r = {0};
    size_t q = scan_role(c, j, &r);
    if (!q)
      return 0;
    if (q < c->s_c1 && is_comma(c, q))
      q++;
    cap n = {0};
    size_t e = match_name(c, q, &n, 1);
    if (e && n.nactors) {
      actor = n.actors[0];
      if (c->final)
        add_role(c, actor, r.role, r.role_of, 0, c->ch[j].start, c->ch[e - 1].end);
      j = e;
    } else
      return 0;
  } else
    return 0; /* a bare name is a party only once it is known */
  if (actor < 0)
    return 0;
  /* "برئاسة X" / "led by X" / ", headed by X," */
  if (j + 1 < c->s_c1 && is_comma(c, j) && is_cue(c, j + 1, "head"))
    j++;
  /* "is headed by", "was led by", "will be led by" */
  if (as_deleg && j + 1 < c->s_c1 &&
      (is_lit(c, j, "is") || is_lit(c, j, "was") || is_lit(c, j, "are") ||
       is_lit(c, j, "were") || is_lit(c, j, "be")) &&
      is_cue(c, j + 1, "head"))
    j++;
  if (j < c->s_c1 && is_cue(c, j, "head")) {
    size_t q = j + 1;
    /* "headed by its chief negotiator X" */
    if (q < c->s_c1 && (is_lit(c, q, "its") || is_lit(c, q, "his") ||
                        is_lit(c, q, "her") || is_lit(c, q, "their") ||
                        is_lit(c, q, "the")))
      q++;
    cap r = {0};
    size_t rq = scan_role(c, q, &r);
    /* "headed by its chief nuclear negotiator X": plain words before the
       role, when no name stands right there */
    int name_here = q < c->s_c1 && ((c->ch[q].type == CH_ACTOR &&
                                     c->ch[q].person) ||
                                    is_cue(c, q, "title") || scan_name(c, q));
    for (size_t skip = q; !rq && !name_here && skip < q + 4 &&
                          skip < c->s_c1 &&
                          (skip == q || c->ch[skip - 1].type == CH_WORD ||
                           c->ch[skip - 1].type == CH_ROLEMOD);
         skip++)
      if ((c->ch[skip].type == CH_ROLE || c->ch[skip].type == CH_ROLEMOD) &&
          role_then_name(c, skip))
        rq = scan_role(c, skip, &r);
    if (rq)
      q = rq;
    cap n = {0};
    size_t e = match_name(c, q, &n, 1);
    if (e && n.nactors) {
      if (c->final) {
        /* "وفد X برئاسة Y" heads a delegation; "the GNA, led by Prime
           Minister Y" leads X itself */
        if (as_deleg)
          add_delegation(c, actor, n.actors[0], c->ch[ci].start,
                         c->ch[e - 1].end);
        cap r2 = {0};
        size_t after = role_not_before_name(c, e, &r2);
        if (after)
          e = after;
        const char *role = after ? r2.role
                           : rq  ? r.role
                           : as_deleg ? "head of delegation"
                                      : "leader";
        int of = after && r2.role_of >= 0 ? r2.role_of
                 : rq && r.role_of >= 0 ? r.role_of : actor;
        add_role(c, n.actors[0], role, of, !after && !rq, c->ch[ci].start,
                 c->ch[e - 1].end);
      } else {
        cap r2 = {0};
        size_t after = role_not_before_name(c, e, &r2);
        if (after)
          e = after;
      }
      j = e;
    }
  }
  cap_add(k, actor);
  return j;
}

static int is_list_sep(const ctx *c, size_t j) {
  return is_comma(c, j) || is_lit(c, j, "and") || is_lit(c, j, "\xd9\x88") ||
         is_lit(c, j, "&") || is_cue(c, j, "with") || is_lit(c, j, "-");
}

/* ", including X and Y," after a party: members named in passing, skipped
 * to the closing comma. Returns the chunk after it, or j when there is
 * none. */
static size_t skip_including(const ctx *c, size_t j) {
  if (j + 1 >= c->s_c1 || !is_comma(c, j) ||
      !(is_lit(c, j + 1, "including") || is_lit(c, j + 1, "among") ||
        is_cue(c, j + 1, "including")))
    return j;
  for (size_t q = j + 2; q < c->s_c1 && q < j + 24; q++)
    if (is_comma(c, q))
      return q + 1;
  return j;
}

static size_t match_parties(ctx *c, size_t ci, cap *k) {
  size_t j = match_party(c, ci, k);
  if (!j)
    return 0;
  j = skip_including(c, j);
  for (;;) {
    size_t q = j;
    if (q < c->s_c1 && is_list_sep(c, q)) {
      q++;
      if (q < c->s_c1 && is_lit(c, q, "and"))
        q++;
      /* "، إضافة إلى X", ", as well as X" */
      if (q + 1 < c->s_c1 &&
          ((is_lit(c, q, "\xd8\xa7\xd8\xb6\xd8\xa7\xd9\x81\xd9\x87") &&
            is_lit(c, q + 1, "\xd8\xa7\xd9\x84\xd9\x8a")) ||
           (is_lit(c, q, "as") && is_lit(c, q + 1, "well") &&
            is_lit(c, q + 2, "as"))))
        q += is_lit(c, q, "as") ? 3 : 2;
    } else if (q < c->s_c1 && c->ch[q].conj) {
      /* "وإيران": the conjunction is on the word */
    } else if (q < c->s_c1 && c->ch[q].type == CH_WORD &&
               !strncmp(norm(c, c->ch[q].t0), "\xd9\x88", 2) &&
               q + 1 < c->s_c1 && c->ch[q + 1].conj) {
      q++; /* "ونائبه والمبعوث ...": an unnamed member, skipped */
    } else if (q + 1 < c->s_c1 && is_lit(c, q, "\xd8\xa7\xd8\xb6\xd8\xa7\xd9\x81\xd9\x87") &&
               is_lit(c, q + 1, "\xd8\xa7\xd9\x84\xd9\x8a")) {
      q += 2; /* "إضافة إلى" */
      if (q < c->s_c1 && is_comma(c, q))
        q++;
    } else
      break;
    size_t e = match_party(c, q, k);
    if (!e)
      break;
    j = e;
  }
  return j;
}

/* ---- matching a rule --------------------------------------------------- */

static int match_from(ctx *c, const rule *r, int ei, size_t ci, cap *caps,
                      size_t *end);

static int match_elem(ctx *c, const rule *r, int ei, size_t ci, cap *caps,
                      size_t *end) {
  const elem *e = &r->elems[ei];
  cap *k = &caps[ei];
  memset(k, 0, sizeof *k);
  k->role_of = -1;
  size_t j = 0;
  switch (e->kind) {
  case E_CUE:
    if (ci < c->s_c1 && c->ch[ci].type == CH_CUE &&
        (e->cues ? c->ch[ci].cue >= 0 && (e->cues >> c->ch[ci].cue & 1)
                 : is_cue_alt(c, ci, e->cue))) {
      const lex_entry *le = entry_of(c, &c->ch[ci]);
      if (!e->val[0] || !strcmp(le->name, e->val)) {
        k->val = le->name;
        j = ci + 1;
      }
    }
    break;
  case E_LIT:
    if (e->litbit >= 0 ? ci < c->s_c1 && (c->ch[ci].lits >> e->litbit & 1)
                       : is_lit(c, ci, e->lit))
      j = ci + 1;
    break;
  case E_COMMA:
    if (is_comma(c, ci))
      j = ci + 1;
    break;
  case E_DATE:
    if (ci < c->s_c1 && c->ch[ci].type == CH_DATE)
      j = ci + 1;
    break;
  case E_PLACE:
    if (ci < c->s_c1 && c->ch[ci].type == CH_PLACE)
      j = ci + 1;
    break;
  case E_ORD:
    if (ci < c->s_c1 && c->ch[ci].type == CH_ORD) {
      k->num = atoi(entry_of(c, &c->ch[ci])->id);
      j = ci + 1;
    }
    break;
  case E_NUM: {
    size_t q = ci;
    if (q < c->s_c1 && is_lit(c, q, "\xd8\xa7\xd9\x84"))
      q++; /* "الـ 12" */
    if (q < c->s_c1 && c->ch[q].type == CH_NUM) {
      k->num = atoi(norm(c, c->ch[q].t0));
      if (k->num > 0 && k->num < 1000)
        j = q + 1;
    }
    break;
  }
  case E_ACTOR:
    if (ci < c->s_c1 && c->ch[ci].type == CH_ACTOR) {
      cap_add(k, c->ch[ci].actor);
      j = ci + 1;
    }
    break;
  case E_NAME:
    j = match_name(c, ci, k, 0);
    break;
  case E_ROLE:
    j = scan_role(c, ci, k);
    break;
  case E_PARTY:
    j = match_party(c, ci, k);
    break;
  case E_PARTIES:
    j = match_parties(c, ci, k);
    break;
  case E_REST: {
    size_t q = ci;
    while (q < c->s_c1 && q - ci < 30 && !is_clause_end(c, q))
      q++;
    if (q > ci)
      j = q;
    break;
  }
  case E_SUBJ:
    if (c->nsubject && c->subj_sent + 1 >= c->sent) {
      for (int i = 0; i < c->nsubject; i++)
        cap_add(k, c->subject[i]);
    } else {
      for (size_t q = ci; q-- > c->s_c0;)
        if (c->ch[q].type == CH_ACTOR && c->ch[q].actor >= 0 &&
            (c->ch[q].person || entry_of(c, &c->ch[q])->kind != LEX_MEDIA)) {
          cap_add(k, c->ch[q].actor);
          break;
        }
    }
    if (!k->nactors)
      return 0;
    k->set = 1;
    k->c0 = k->c1 = (uint32_t)ci;
    return match_from(c, r, ei + 1, ci, caps, end);
  case E_GAP:
    for (int g = 0; g <= e->gap && ci + (size_t)g <= c->s_c1; g++) {
      if (g && c->ch[ci + g - 1].type == CH_PUNCT &&
          !is_comma(c, ci + g - 1) && norm(c, c->ch[ci + g - 1].t0)[0] != '(' &&
          norm(c, c->ch[ci + g - 1].t0)[0] != ')' &&
          norm(c, c->ch[ci + g - 1].t0)[0] != '"' &&
          norm(c, c->ch[ci + g - 1].t0)[0] != '-')
        break; /* gaps do not cross clause punctuation other than commas */
      if (match_from(c, r, ei + 1, ci + (size_t)g, caps, end))
        return 1;
    }
    return 0;
  }
  if (e->neg) {
    if (j)
      return 0;
    return match_from(c, r, ei + 1, ci, caps, end);
  }
  if (j) {
    k->set = 1;
    k->c0 = (uint32_t)ci;
    k->c1 = (uint32_t)j;
    if (match_from(c, r, ei + 1, j, caps, end))
      return 1;
  }
  if (e->opt) {
    memset(k, 0, sizeof *k);
    k->role_of = -1;
    return match_from(c, r, ei + 1, ci, caps, end);
  }
  return 0;
}

static int match_from(ctx *c, const rule *r, int ei, size_t ci, cap *caps,
                      size_t *end) {
  if (ei == r->nelems) {
    *end = ci;
    return 1;
  }
  return match_elem(c, r, ei, ci, caps, end);
}

/* ---- facts ------------------------------------------------------------- */

static pl_evidence evidence_of(ctx *c, uint32_t s, uint32_t e) {
  pl_evidence ev;
  ev.span.start = s;
  ev.span.end = e;
  ev.sentence.start = c->t->sents[c->sent].start;
  ev.sentence.end = c->t->sents[c->sent].end;
  ev.rule = c->rule ? pl_arena_strdup(&c->fi->arena, c->rule->id) : NULL;
  return ev;
}

static int add_role(ctx *c, int person, const char *role, int of, int weak,
                    uint32_t s, uint32_t e) {
  if (person < 0 || c->f->actors[person].type != PL_ACTOR_PERSON)
    return 0;
  if (of == person)
    of = -1;
  for (size_t i = 0; i < c->f->nroles; i++) {
    pl_role *r = &c->f->roles[i];
    if (r->person == person && (r->of == of || of < 0)) {
      return 0;
    }
    if (r->person == person && r->of < 0 && of >= 0) {
      r->of = of;
      return 0;
    }
  }
  (void)weak;
  /* "HNC head Riad Hijab and chief negotiator Asaad al-Zoubi" */
  if (of < 0 && c->f->nroles) {
    const pl_role *prev = &c->f->roles[c->f->nroles - 1];
    if (prev->ev.sentence.start == c->t->sents[c->sent].start &&
        prev->ev.span.end <= s && s - prev->ev.span.end <= 6)
      of = prev->of;
  }
  pl_role *p = grow(c->f->roles, &c->fi->caproles, c->f->nroles, sizeof *p);
  if (!p)
    return PL_ENOMEM;
  c->f->roles = p;
  pl_role *r = &p[c->f->nroles++];
  r->person = person;
  r->role = role;
  r->of = of;
  r->ev = evidence_of(c, s, e);
  return 0;
}

static int add_delegation(ctx *c, int of, int head, uint32_t s, uint32_t e) {
  if (of < 0 || c->f->actors[of].type == PL_ACTOR_PERSON ||
      c->f->actors[of].type == PL_ACTOR_MEDIA)
    return 0;
  c->last_deleg = of;
  for (size_t i = 0; i < c->f->ndelegations; i++) {
    pl_delegation *d = &c->f->delegations[i];
    if (d->of == of) {
      if (d->head < 0 && head >= 0) {
        d->head = head;
        d->ev = evidence_of(c, s, e);
      }
      return 0;
    }
  }
  pl_delegation *p = grow(c->f->delegations, &c->fi->capdelegs,
                          c->f->ndelegations, sizeof *p);
  if (!p)
    return PL_ENOMEM;
  c->f->delegations = p;
  pl_delegation *d = &p[c->f->ndelegations++];
  memset(d, 0, sizeof *d);
  d->of = of;
  d->head = head;
  d->ev = evidence_of(c, s, e);
  return 0;
}

/* The date governing a fact at bytes [s, e) of the current sentence. */
static void govern_date(ctx *c, uint32_t s, uint32_t e, int planned,
                        pl_when *w, const char **text) {
  int before_only = planned & 2; /* no date after the span */
  planned &= 1;
  const pl_sentence *sn = &c->t->sents[c->sent];
  int best = -1;
  long best_d = 0;
  for (size_t i = 0; i < c->ndates; i++) {
    const pl_when *d = &c->dates[i];
    if (d->start < sn->start || d->end > sn->end ||
        d->precision == PL_PREC_UNKNOWN)
      continue;
    if (d->start >= e &&
        ((before_only && d->precision != PL_PREC_DAY) || d->start - e > 60))
      continue; /* far after the fact: another clause's date; a year or a
                   month inside a proposal's words ("since 2018") */
    long dist = d->start >= s && d->end <= e ? 0
                : d->end <= s ? (long)(s - d->end)
                              : (long)(d->start - e) * 2; /* prefer before */
    if (best < 0 || dist < best_d) {
      best = (int)i;
      best_d = dist;
    }
  }
  if (best < 0 && c->sent > 0) {
    /* the nearest date of the two sentences before */
    uint32_t from = c->t->sents[c->sent >= 2 ? c->sent - 2 : 0].start;
    for (size_t i = c->ndates; i-- > 0;) {
      const pl_when *d = &c->dates[i];
      if (d->end <= sn->start && d->start >= from &&
          d->precision != PL_PREC_UNKNOWN) {
        best = (int)i;
        break;
      }
    }
  }
  memset(w, 0, sizeof *w);
  *text = NULL;
  if (best >= 0) {
    *w = c->dates[best];
    *text = pl_arena_strndup(&c->fi->arena, c->doc->body + w->start,
                             w->end - w->start);
    return;
  }
  /* no resolvable date: keep the phrase of an unresolved one ("tomorrow"
     in an article of unknown date) */
  for (size_t i = 0; i < c->ndates; i++) {
    const pl_when *d = &c->dates[i];
    if (d->precision != PL_PREC_UNKNOWN || (before_only && d->start >= e))
      continue;
    if (d->start >= sn->start && d->end <= sn->end) {
      *text = pl_arena_strndup(&c->fi->arena, c->doc->body + d->start,
                               d->end - d->start);
      w->start = d->start;
      w->end = d->end;
      return;
    }
  }
  if (!planned && c->f->published[0]) {
    memcpy(w->from, c->f->published, 11);
    memcpy(w->to, c->f->published, 11);
    w->precision = PL_PREC_DAY;
  }
}

static int sentence_planned(const ctx *c, size_t c0, size_t c1) {
  for (size_t i = c->s_c0; i < c1 && i < c->s_c1; i++) {
    if (is_cue(c, i, "planned"))
      return 1;
    /* "will meet", "will propose": the future inside a cue */
    if (i >= c0 && c->ch[i].type == CH_CUE && c->ch[i].t1 - c->ch[i].t0 > 1 &&
        !strcmp(norm(c, c->ch[i].t0), "will"))
      return 1;
    if (i >= c0 && c->ch[i].type == CH_CUE) {
      const char *w = norm(c, c->ch[i].t0);
      if (!strncmp(w, "\xd8\xb3", 2) && strlen(w) >= 8)
        return 1; /* سيجتمع، ستقترحان */
      if (!strncmp(w, "\xd9\x88\xd8\xb3", 4) && strlen(w) >= 10)
        return 1; /* وسيجري */
    }
  }
  return 0;
}

static int *arena_ints(ctx *c, const int *v, size_t n) {
  int *p = pl_arena_alloc(&c->fi->arena, (n ? n : 1) * sizeof *p);
  if (p && n)
    memcpy(p, v, n * sizeof *p);
  return p;
}

static const char *span_text(ctx *c, size_t c0, size_t c1) {
  if (c1 <= c0)
    return NULL;
  uint32_t s = c->ch[c0].start, e = c->ch[c1 - 1].end;
  return pl_arena_strndup(&c->fi->arena, c->doc->body + s, e - s);
}

/* Collects the actors of captures named in v ("2" or "2,4"). */
static int collect(const cap *caps, int ncaps, const char *v, int *out, int max) {
  int n = 0;
  for (const char *p = v; *p;) {
    int i = atoi(p) - 1;
    if (i >= 0 && i < ncaps && caps[i].set)
      for (int k = 0; k < caps[i].nactors && n < max; k++) {
        int dup = 0;
        for (int q = 0; q < n; q++)
          dup |= out[q] == caps[i].actors[k];
        if (!dup)
          out[n++] = caps[i].actors[k];
      }
    while (*p && *p != ',')
      p++;
    if (*p == ',')
      p++;
  }
  return n;
}

static const char *arg(const action *a, const char *key) {
  for (int i = 0; i < a->nargs; i++)
    if (!strcmp(a->args[i].key, key))
      return a->args[i].val;
  return NULL;
}

static const cap *arg_cap(const action *a, const char *key, const cap *caps,
                          int ncaps) {
  const char *v = arg(a, key);
  if (!v || !isdigit((unsigned char)v[0]))
    return NULL;
  int i = atoi(v) - 1;
  return i >= 0 && i < ncaps && caps[i].set ? &caps[i] : NULL;
}

static void set_subject(ctx *c, const int *v, int n) {
  if (n <= 0)
    return;
  c->nsubject = n > 12 ? 12 : n;
  memcpy(c->subject, v, (size_t)c->nsubject * sizeof *v);
  c->subj_sent = c->sent;
}

static const char *meeting_kind(const char *val, size_t n) {
  if (val && strcmp(val, "multilateral") && strcmp(val, "-"))
    return val;
  return n == 2 ? "bilateral" : n == 3 ? "trilateral" : "multilateral";
}

/* Do two lists of distinct actors name the same actors, in any order? */
static int same_actors(const int *a, size_t na, const int *b, size_t nb) {
  if (na != nb)
    return 0;
  for (size_t k = 0; k < nb; k++) {
    size_t q = 0;
    while (q < na && a[q] != b[k])
      q++;
    if (q == na)
      return 0;
  }
  return 1;
}

static int add_meeting(ctx *c, const int *parts, int n, const char *kind,
                       uint32_t s, uint32_t e, size_t c0, size_t c1) {
  if (n < 0)
    return 0;
  if (n == 0) /* unnamed participants: only when nothing else is said */
    for (size_t i = 0; i < c->f->nmeetings; i++)
      if (c->f->meetings[i].ev.sentence.start == c->t->sents[c->sent].start)
        return 0;
  /* the same participants in the same sentence: one meeting */
  for (size_t i = 0; i < c->f->nmeetings; i++) {
    pl_meeting *m = &c->f->meetings[i];
    if (m->ev.sentence.start == c->t->sents[c->sent].start &&
        same_actors(m->participants, m->nparticipants, parts, (size_t)n))
      return 0;
  }
  pl_meeting *p = grow(c->f->meetings, &c->fi->capmeetings, c->f->nmeetings,
                       sizeof *p);
  if (!p)
    return PL_ENOMEM;
  c->f->meetings = p;
  pl_meeting *m = &p[c->f->nmeetings++];
  memset(m, 0, sizeof *m);
  m->participants = arena_ints(c, parts, (size_t)n);
  m->nparticipants = (size_t)n;
  m->kind = meeting_kind(kind, (size_t)n);
  int planned = sentence_planned(c, c0, c1);
  m->status = planned ? "planned" : "held";
  govern_date(c, s, e, planned, &m->when, &m->date_text);
  /* the place named in the sentence */
  for (size_t i = c->s_c0; i < c->s_c1; i++)
    if (c->ch[i].type == CH_PLACE && c->ch[i].actor < 0 &&
        !is_region(entry_of(c, &c->ch[i]))) {
      m->place = entry_of(c, &c->ch[i])->name;
      break;
    }
  m->ev = evidence_of(c, s, e);
  return m->participants ? 0 : PL_ENOMEM;
}

/* Do two glosses share at least half of the shorter one's words? */
static int similar_content(const char *a, const char *b) {
  if (!a || !b)
    return a == b;
  pl_buf fa = {0}, fb = {0};
  int sim = 0;
  if (pl_text_fold_phrase(a, strlen(a), &fa) == 0 &&
      pl_text_fold_phrase(b, strlen(b), &fb) == 0 && fa.data && fb.data) {
    size_t na = 0, nb = 0, both = 0;
    for (char *w = fa.data; *w;) {
      size_t n = strcspn(w, " ");
      na++;
      for (char *v = fb.data; *v;) {
        size_t m = strcspn(v, " ");
        if (m == n && !strncmp(v, w, n)) {
          both++;
          break;
        }
        v += m;
        while (*v == ' ')
          v++;
      }
      w += n;
      while (*w == ' ')
        w++;
    }
    for (char *v = fb.data; *v;) {
      size_t m = strcspn(v, " ");
      nb++;
      v += m;
      while (*v == ' ')
        v++;
    }
    size_t shorter = na < nb ? na : nb;
    sim = shorter && 2 * both >= shorter;
  }
  pl_buf_free(&fa);
  pl_buf_free(&fb);
  return sim;
}

static int add_proposal(ctx *c, const int *by, int nby, const int *to,
                        int nto, const char *content, uint32_t s, uint32_t e,
                        uint32_t date_e, size_t c0, size_t c1) {
  if (nby < 1)
    return 0;
  for (size_t i = 0; i < c->f->nproposals; i++) {
    pl_proposal *p = &c->f->proposals[i];
    if (same_actors(p->by, p->nby, by, (size_t)nby) &&
        similar_content(p->content, content))
      return 0; /* the same proposal reported twice in one article */
  }
  pl_proposal *p = grow(c->f->proposals, &c->fi->capproposals,
                        c->f->nproposals, sizeof *p);
  if (!p)
    return PL_ENOMEM;
  c->f->proposals = p;
  pl_proposal *q = &p[c->f->nproposals++];
  memset(q, 0, sizeof *q);
  q->by = arena_ints(c, by, (size_t)nby);
  q->nby = (size_t)nby;
  q->to = arena_ints(c, to, (size_t)nto);
  q->nto = (size_t)nto;
  q->content = content;
  int planned = sentence_planned(c, c0, c1);
  q->status = planned ? "planned" : "proposed";
  /* the date of the proposing, not one inside what is proposed ("lift
     the sanctions imposed since 2018") */
  govern_date(c, s, date_e, date_e < e ? 2 : 0, &q->when, &q->date_text);
  q->ev = evidence_of(c, s, e);
  return q->by ? 0 : PL_ENOMEM;
}

static int host_state(const ctx *c);

static int apply(ctx *c, const rule *r, cap *caps, size_t c0, size_t c1) {
  int nc = r->nelems;
  for (int i = 0; i < nc; i++) {
    cap *k = &caps[i];
    if (k->set && k->nt1 > k->nt0) {
      int a = person_for(c, k->nt0, k->nt1);
      if (a < -1)
        return PL_ENOMEM;
      if (a >= 0 && c->final &&
          add_mention(c, a, c->t->toks[k->nt0].start, c->t->toks[k->nt1 - 1].end) < 0)
        return PL_ENOMEM;
      cap_add(k, a);
      k->nt0 = k->nt1 = 0;
    }
  }
  uint32_t s = c->ch[c0].start, e = c->ch[c1 - 1].end;
  c->rule = r;
  for (int i = 0; i < r->nacts; i++) {
    const action *a = &r->acts[i];
    int v1[24], v2[24];
    int n1, n2;
    const char *subj = arg(a, "subj");
    if (!strcmp(a->name, "round")) {
      /* the round the article reports, not one it says is to come ("a
         second round is planned for January") */
      const cap *k = arg_cap(a, "n", caps, nc);
      if (k && k->num > 0 && !c->round && !sentence_planned(c, c0, c1))
        c->round = k->num;
      continue;
    }
    if (!c->final)
      continue;
    if (!strcmp(a->name, "role")) {
      n1 = collect(caps, nc, arg(a, "person") ? arg(a, "person") : "", v1, 24);
      const cap *rc = arg_cap(a, "role", caps, nc);
      const char *rv = arg(a, "role");
      const char *role = rc ? rc->role : rv && !isdigit((unsigned char)rv[0]) ? rv : NULL;
      if (!role)
        continue;
      int of = rc && rc->role_of >= 0 ? rc->role_of : -1;
      if (of < 0 && arg(a, "of")) {
        n2 = collect(caps, nc, arg(a, "of"), v2, 24);
        if (n2)
          of = v2[0];
      }
      if (n1 && add_role(c, v1[0], role, of, 0, s, e) < 0)
        return PL_ENOMEM;
    } else if (!strcmp(a->name, "delegation")) {
      n1 = collect(caps, nc, arg(a, "of") ? arg(a, "of") : "", v1, 24);
      n2 = collect(caps, nc, arg(a, "head") ? arg(a, "head") : "", v2, 24);
      if (!n1)
        continue;
      if (n2 && c->f->actors[v2[0]].type != PL_ACTOR_PERSON)
        n2 = 0; /* a delegation's head is a person */
      /* headless: "observers from X and Y" are a delegation each */
      for (int k = 0; k < (n2 ? 1 : n1); k++)
        if (add_delegation(c, v1[k], n2 ? v2[0] : -1, s, e) < 0)
          return PL_ENOMEM;
      if (n2) {
        const cap *rc = arg_cap(a, "role", caps, nc);
        const char *rv = arg(a, "role");
        const char *role = rc && rc->role ? rc->role : rv && !isdigit((unsigned char)rv[0]) ? rv : "head of delegation";
        int of = rc && rc->role_of >= 0 ? rc->role_of : v1[0];
        if (add_role(c, v2[0], role, of, !rc, s, e) < 0)
          return PL_ENOMEM;
      }
    } else if (!strcmp(a->name, "meeting") || !strcmp(a->name, "meetings_each")) {
      n1 = collect(caps, nc, arg(a, "with") ? arg(a, "with") : "", v1, 24);
      const cap *kc = arg_cap(a, "kind", caps, nc);
      const char *kind = kc ? kc->val : arg(a, "kind");
      if (subj)
        set_subject(c, v1, n1 > 0 ? 1 : 0);
      if (!strcmp(a->name, "meetings_each")) {
        n2 = collect(caps, nc, arg(a, "each") ? arg(a, "each") : "", v2, 24);
        for (int k = 0; k < n2; k++) {
          int parts[25];
          int np = 0;
          for (int q = 0; q < n1; q++)
            if (v1[q] != v2[k])
              parts[np++] = v1[q];
          parts[np++] = v2[k];
          if (np >= 2 && add_meeting(c, parts, np, kind, s, e, c0, c1) < 0)
            return PL_ENOMEM;
        }
      } else {
        if (subj && !strcmp(subj, "all"))
          set_subject(c, v1, n1);
        if ((n1 >= 2 || !arg(a, "with")) &&
            add_meeting(c, v1, arg(a, "with") ? n1 : 0, kind, s, e, c0, c1) < 0)
          return PL_ENOMEM;
      }
    } else if (!strcmp(a->name, "proposal")) {
      n1 = collect(caps, nc, arg(a, "by") ? arg(a, "by") : "", v1, 24);
      n2 = collect(caps, nc, arg(a, "to") ? arg(a, "to") : "", v2, 24);
      const cap *cc = arg_cap(a, "content", caps, nc);
      size_t k0 = cc ? cc->c0 : 0;
      while (cc && k0 + 1 < cc->c1 && c->ch[k0].type == CH_STOP)
        k0++; /* "فيها إلى ...": the gloss starts at its first word */
      const char *content = cc ? span_text(c, k0, cc->c1) : NULL;
      /* media quoted as sources do not propose */
      int keep = 0;
      for (int k = 0; k < n1; k++)
        if (c->f->actors[v1[k]].type != PL_ACTOR_MEDIA)
          v1[keep++] = v1[k];
      if (subj)
        set_subject(c, v1, keep);
      uint32_t date_e = cc && cc->c1 > k0 ? c->ch[k0].start : e;
      if (add_proposal(c, v1, keep, v2, n2, content, s, e, date_e, c0, c1) < 0)
        return PL_ENOMEM;
    } else if (!strcmp(a->name, "heads_from_roles")) {
      for (size_t k = c->roles_sent0; k < c->f->nroles; k++) {
        pl_role *rr = &c->f->roles[k];
        if (rr->of >= 0 && add_delegation(c, rr->of, rr->person, s, e) < 0)
          return PL_ENOMEM;
      }
    } else if (!strcmp(a->name, "invited")) {
      /* "الائتلاف تلقى دعوة لمحادثات", "X was invited by Y to talks": an
         invitation is a proposal, by whom it names or by the host */
      n1 = collect(caps, nc, arg(a, "to") ? arg(a, "to") : "", v1, 24);
      n2 = collect(caps, nc, arg(a, "by") ? arg(a, "by") : "", v2, 24);
      if (!n2 && (v2[0] = host_state(c)) >= 0)
        n2 = 1;
      const cap *ic = arg_cap(a, "what", caps, nc);
      const char *content = ic ? span_text(c, ic->c0, c1) : NULL;
      int keep = 0;
      for (int q = 0; q < n2; q++)
        if (c->f->actors[v2[q]].type != PL_ACTOR_MEDIA &&
            (n1 == 0 || v2[q] != v1[0]))
          v2[keep++] = v2[q];
      if (keep && n1 &&
          add_proposal(c, v2, keep, v1, n1, content, s, e, e, c0, c1) < 0)
        return PL_ENOMEM;
    } else if (!strcmp(a->name, "attend")) {
      /* actors taking part in the talks the document reports */
      n1 = collect(caps, nc, arg(a, "who") ? arg(a, "who") : "", v1, 24);
      for (int k = 0; k < n1; k++) {
        int dup = c->f->actors[v1[k]].type == PL_ACTOR_MEDIA;
        for (int q = 0; q < c->nattend && !dup; q++)
          dup = c->attend[q] == v1[k];
        if (!dup && c->nattend < 24)
          c->attend[c->nattend++] = v1[k];
      }
      if (n1 && !c->talks_ev.sentence.end)
        c->talks_ev = evidence_of(c, s, e);
    } else if (!strcmp(a->name, "talks")) {
      /* the talks themselves: where they are named and when they start */
      c->talks = 1;
      if (arg(a, "start") && !c->talks_when.precision) {
        pl_when w;
        const char *text;
        int planned = sentence_planned(c, c0, c1);
        govern_date(c, s, e, 1, &w, &text);
        if (w.precision && w.end > w.start) {
          c->talks_when = w;
          c->talks_date_text = text;
          c->talks_planned = planned;
          c->talks_ev = evidence_of(c, s, e);
        }
      }
      if (!c->talks_ev.sentence.end)
        c->talks_ev = evidence_of(c, s, e);
    } else if (!strcmp(a->name, "subject")) {
      n1 = collect(caps, nc, arg(a, "is") ? arg(a, "is") : "", v1, 24);
      set_subject(c, v1, n1);
    }
  }
  return 0;
}

/* Runs every rule at every chunk of every sentence. */
static int run_rules(ctx *c) {
  size_t ci = 0;
  /* two bytes a chunk, zeroed: kept by the extractor between calls */
  pl_extractor *ex = c->ex;
  unsigned char *m = grow(ex->memo, &ex->capmemo, 2 * c->nch, 1);
  if (!m)
    return PL_ENOMEM;
  c->memo = ex->memo = m;
  memset(c->memo, 0, 2 * c->nch + 1);
  c->names = c->nch ? c->memo + c->nch : NULL;
  c->nsubject = 0;
  c->last_deleg = -1;
  for (size_t s = 0; s < c->t->nsents; s++) {
    c->sent = (uint32_t)s;
    c->s_c0 = ci;
    while (ci < c->nch && c->t->toks[c->ch[ci].t0].sent == s)
      ci++;
    c->s_c1 = ci;
    c->roles_sent0 = c->f->nroles;
    if (s && c->t->sents[s].para != c->t->sents[s - 1].para + 0 &&
        c->subj_sent + 2 < s)
      c->nsubject = 0;
    /* the cues the sentence holds: a rule needing another cannot match */
    uint64_t have = 0, have_lits = 0;
    uint32_t have_types = 0;
    for (size_t p = c->s_c0; p < c->s_c1; p++) {
      if (c->ch[p].cue >= 0)
        have |= (uint64_t)1 << c->ch[p].cue;
      have_lits |= c->ch[p].lits;
      have_types |= 1u << c->ch[p].type;
      if (c->ch[p].type == CH_PUNCT && is_comma(c, p))
        have_types |= 1u << CH_COMMA;
    }
    /* the rules of the language whose cues the sentence holds, in one row
       per chunk type a match can start at (c->cand, nr entries a row; in
       file order, so that a chunk sees its rules in the order it would
       among all) */
    size_t nr = c->ex->nrules, ncand = 0;
    size_t nrow[CH_COMMA] = {0};
    for (size_t li = 0; li < c->nlrules; li++) {
      size_t ri = c->lrules[li];
      const rule *r = &c->ex->rules[ri];
      if ((r->need & have) == r->need &&
          (r->need_lits & have_lits) == r->need_lits &&
          (r->need_types & have_types) == r->need_types) {
        ncand++;
        c->resume[ri] = c->s_c0; /* read for candidates only */
        for (int ty = 0; ty < CH_COMMA; ty++)
          if ((have_types >> ty & 1) && (r->first >> ty & 1))
            c->cand[(size_t)ty * nr + nrow[ty]++] = ri;
      }
    }
    for (size_t p = c->s_c0; p < c->s_c1 && ncand; p++) {
      int ty = c->ch[p].type;
      const size_t *row = &c->cand[(size_t)ty * nr];
      for (size_t q = 0; q < nrow[ty]; q++) {
        size_t ri = row[q];
        const rule *r = &c->ex->rules[ri];
        if (p < c->resume[ri])
          continue;
        /* match_party's own first test, without a call per element */
        if (r->party_first && !party_start(c, p) && !party_start(c, p + 1))
          continue;
        cap caps[MAX_ELEMS];
        size_t end = 0;
        c->rule = r;
        if (match_from(c, r, 0, p, caps, &end) && end > p) {
          if (apply(c, r, caps, p, end) < 0)
            return PL_ENOMEM;
          c->resume[ri] = end;
        }
      }
    }
  }
  return 0;
}

/* The talks a document reports, as one multilateral meeting: the actors
 * whose delegations it names and those said to take part. Nothing when
 * fewer than two take part, when nobody is said to take part, or when the
 * document reports no talks. */
static int add_talks(ctx *c) {
  if ((!c->talks && !c->round) || !c->nattend)
    return 0; /* no talks, or nobody said to take part in them */
  int parts[48];
  int n = 0;
  for (size_t i = 0; i < c->f->ndelegations + (size_t)c->nattend; i++) {
    int a = i < c->f->ndelegations ? c->f->delegations[i].of
                                   : c->attend[i - c->f->ndelegations];
    int dup = a < 0 || c->f->actors[a].type == PL_ACTOR_MEDIA;
    for (int q = 0; q < n && !dup; q++)
      dup = parts[q] == a;
    if (!dup && n < 48)
      parts[n++] = a;
  }
  /* a person there for an actor already there (the UN and its envoy) */
  int w = 0;
  for (int i = 0; i < n; i++) {
    int for_other = 0;
    for (size_t r = 0; r < c->f->nroles && !for_other; r++)
      if (c->f->roles[r].person == parts[i] && c->f->roles[r].of >= 0)
        for (int q = 0; q < n && !for_other; q++)
          for_other = q != i && parts[q] == c->f->roles[r].of;
    if (!for_other)
      parts[w++] = parts[i];
  }
  n = w;
  if (n < 2)
    return 0;
  for (size_t i = 0; i < c->f->nmeetings; i++) {
    const pl_meeting *m = &c->f->meetings[i];
    if (same_actors(m->participants, m->nparticipants, parts, (size_t)n))
      return 0; /* already reported as a meeting of its own */
  }
  pl_meeting *p = grow(c->f->meetings, &c->fi->capmeetings, c->f->nmeetings,
                       sizeof *p);
  if (!p)
    return PL_ENOMEM;
  c->f->meetings = p;
  pl_meeting *m = &p[c->f->nmeetings++];
  memset(m, 0, sizeof *m);
  if (!(m->participants = arena_ints(c, parts, (size_t)n)))
    return PL_ENOMEM;
  m->nparticipants = (size_t)n;
  m->kind = "multilateral";
  m->when = c->talks_when;
  m->date_text = c->talks_date_text;
  m->status = c->talks_planned ? "planned" : "held";
  m->ev = c->talks_ev.sentence.end ? c->talks_ev
          : c->f->ndelegations      ? c->f->delegations[0].ev
                                    : c->f->meetings[0].ev;
  m->ev.rule = c->lang == 1 ? "ar.talks.all" : "en.talks.all";
  return 0;
}

/* Removes repeats from a list of actor indices; returns the new length. */
static size_t uniq_ints(int *v, size_t n) {
  size_t w = 0;
  for (size_t i = 0; i < n; i++) {
    size_t q = 0;
    while (q < w && v[q] != v[i])
      q++;
    if (q == w)
      v[w++] = v[i];
  }
  return w;
}

/* Makes actor `from` one with `to`: its mentions and every fact that names
 * it move over. `from` keeps no mentions and so leaves the output. */
static int merge_actor(ctx *c, int from, int to) {
  pl_actor *a = &c->f->actors[from];
  for (size_t i = 0; i < a->nmentions; i++)
    if (add_mention(c, to, a->mentions[i].start, a->mentions[i].end) < 0)
      return PL_ENOMEM;
  a = &c->f->actors[from];
  free(a->mentions);
  a->mentions = NULL;
  a->nmentions = 0;
#define REMAP(x) ((x) == from ? to : (x))
  pl_facts *f = c->f;
  for (size_t i = 0; i < f->nroles; i++) {
    f->roles[i].person = REMAP(f->roles[i].person);
    f->roles[i].of = REMAP(f->roles[i].of);
  }
  for (size_t i = 0; i < f->ndelegations; i++) {
    f->delegations[i].of = REMAP(f->delegations[i].of);
    f->delegations[i].head = REMAP(f->delegations[i].head);
  }
  for (size_t i = 0; i < f->nmeetings; i++) {
    pl_meeting *m = &f->meetings[i];
    for (size_t k = 0; k < m->nparticipants; k++)
      m->participants[k] = REMAP(m->participants[k]);
    m->nparticipants = uniq_ints(m->participants, m->nparticipants);
  }
  for (size_t i = 0; i < f->nproposals; i++) {
    pl_proposal *p = &f->proposals[i];
    for (size_t k = 0; k < p->nby; k++)
      p->by[k] = REMAP(p->by[k]);
    for (size_t k = 0; k < p->nto; k++)
      p->to[k] = REMAP(p->to[k]);
    p->nby = uniq_ints(p->by, p->nby);
    p->nto = uniq_ints(p->to, p->nto);
  }
#undef REMAP
  return 0;
}

/* A generic actor ("the Syrian opposition") is the one specific body of
 * its kind the article names ("the National Coalition"): the lexicon's
 * fifth column gives a group's or organisation's generic parent. */
static int merge_generics(ctx *c) {
  for (size_t g = 0; g < c->f->nactors; g++) {
    const pl_actor *ga = &c->f->actors[g];
    if (!ga->key || !ga->nmentions ||
        (ga->type != PL_ACTOR_GROUP && ga->type != PL_ACTOR_ORG))
      continue;
    const char *gid = strchr(ga->key, ':') + 1;
    int only = -1, n = 0;
    for (size_t s = 0; s < c->f->nactors; s++) {
      const pl_actor *sa = &c->f->actors[s];
      if (s == g || !sa->key || !sa->nmentions || sa->type != ga->type)
        continue;
      int e = pl_lexicon_find(c->ex->lex, sa->type == PL_ACTOR_GROUP ? LEX_GROUP
                                                                    : LEX_ORG,
                              strchr(sa->key, ':') + 1);
      const lex_entry *le = e >= 0 ? pl_lexicon_entry(c->ex->lex, e) : NULL;
      if (le && le->actor && !strcmp(le->actor, gid)) {
        only = (int)s;
        n++;
      }
    }
    if (n == 1 && merge_actor(c, (int)g, only) < 0)
      return PL_ENOMEM;
  }
  return 0;
}

/* A delegation said without its head is the same as one with a head. */
static void drop_headless_repeats(ctx *c) {
  pl_facts *f = c->f;
  size_t w = 0;
  for (size_t i = 0; i < f->ndelegations; i++) {
    const pl_delegation *d = &f->delegations[i];
    int repeat = 0;
    for (size_t q = 0; q < f->ndelegations && !repeat; q++)
      if (q != i && f->delegations[q].of == d->of &&
          (d->head < 0 ? f->delegations[q].head >= 0 || q < i
                       : f->delegations[q].head == d->head && q < i))
        repeat = 1;
    if (!repeat)
      f->delegations[w++] = *d;
  }
  f->ndelegations = w;
}

/* Is a role (its English words) an office of a state's government? */
static int state_office(const char *role) {
  static const char *const words[] = {"minister", "president", "king", "emir",
                                      "chancellor", "secretary of state",
                                      "crown prince", NULL};
  if (!role || strstr(role, "envoy") || strstr(role, "ambassador") ||
      strstr(role, "representative"))
    return 0;
  for (int i = 0; words[i]; i++)
    if (strstr(role, words[i]))
      return 1;
  return 0;
}

/* The state whose capital the article is set in (its most named capital:
 * a delegation visiting Moscow meets Russia), as an actor, or -1. */
static int host_state(const ctx *c) {
  int counts[64] = {0};
  int host = -1, best = 0;
  for (size_t i = 0; i < c->nch; i++) {
    const lex_entry *le = entry_of(c, &c->ch[i]);
    if (c->ch[i].type != CH_PLACE || !le || !le->actor || is_region(le))
      continue;
    int h = c->ch[i].entry % 64;
    if (++counts[h] > best) {
      best = counts[h];
      host = c->ch[i].entry;
    }
  }
  int host_actor = -1;
  if (host >= 0) {
    const lex_entry *le = pl_lexicon_entry(c->ex->lex, host);
    int s = pl_lexicon_find(c->ex->lex, LEX_STATE, le->actor);
    if (s >= 0) {
      char key[64];
      snprintf(key, sizeof key, "state:%s", le->actor);
      for (size_t i = 0; i < c->f->nactors && host_actor < 0; i++)
        if (c->f->actors[i].key && !strcmp(c->f->actors[i].key, key) &&
            c->f->actors[i].nmentions)
          host_actor = (int)i;
    }
  }
  return host_actor;
}

/* Roles said without whose they are. A state office ("وزير الخارجية
 * سيرجي لافروف") in an article set in one capital is that state's: a
 * delegation visiting Moscow meets Russia's foreign minister. A role of a
 * person ("envoy of President Putin") is of that person's state. */
static void roles_in_context(ctx *c) {
  int host_actor = host_state(c);
  pl_facts *f = c->f;
  for (size_t i = 0; i < f->nroles; i++) {
    pl_role *r = &f->roles[i];
    if (r->of >= 0 || host_actor < 0 || !state_office(r->role))
      continue;
    int other = 0; /* the person's state is said elsewhere */
    for (size_t q = 0; q < f->nroles; q++)
      other |= q != i && f->roles[q].person == r->person && f->roles[q].of >= 0;
    if (!other)
      r->of = host_actor;
  }
  for (size_t i = 0; i < f->nroles; i++) {
    pl_role *r = &f->roles[i];
    if (r->of < 0 || f->actors[r->of].type != PL_ACTOR_PERSON)
      continue;
    int of = -1;
    for (size_t q = 0; q < f->nroles && of < 0; q++)
      if (f->roles[q].person == r->of && f->roles[q].of >= 0 &&
          f->actors[f->roles[q].of].type != PL_ACTOR_PERSON)
        of = f->roles[q].of;
    r->of = of;
  }
}

/* Is state mention chunk ci only where or what something is about, not
 * who acts: "arrived in Kazakhstan", "International Meeting on Syria",
 * "the Syrian conflict", "عاصمة كازاخستان", "إلى سوريا"? */
static int locative_mention(const ctx *c, size_t ci) {
  static const char *const preps[] = {
      "in", "to", "from", "at", "on", "for", "into", "across", "inside",
      "near", "over", "about", "against", "\xd9\x81\xd9\x8a" /* في */,
      "\xd8\xa7\xd9\x84\xd9\x8a" /* إلى */, "\xd9\x85\xd9\x86" /* من */,
      "\xd8\xb9\xd9\x86" /* عن */, "\xd8\xad\xd9\x88\xd9\x84" /* حول */,
      "\xd8\xaf\xd8\xa7\xd8\xae\xd9\x84" /* داخل */,
      "\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x85\xd9\x87" /* عاصمه */,
      "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd8\xb5\xd9\x85\xd9\x87" /* العاصمه */,
      "capital", "city", NULL};
  const chunk *k = &c->ch[ci];
  if (k->prep)
    return 1; /* بسوريا، لتركيا */
  if (ci > 0 && c->ch[ci - 1].t1 == k->t0 && c->ch[ci - 1].t1 - c->ch[ci - 1].t0 == 1) {
    const char *w = norm(c, c->ch[ci - 1].t0);
    for (int i = 0; preps[i]; i++)
      if (!strcmp(w, preps[i]))
        return 1;
  }
  /* an English adjective before a common noun: "the Syrian conflict" */
  const pl_token *tk = &c->t->toks[k->t0];
  if ((tk->flags & PL_TOKF_LATIN) && ci + 1 < c->nch &&
      c->ch[ci + 1].type == CH_WORD) {
    const pl_token *nx = &c->t->toks[c->ch[ci + 1].t0];
    if ((nx->flags & PL_TOKF_LATIN) && !(nx->flags & PL_TOKF_UPPER))
      return 1;
  }
  return 0;
}

/* Does any fact name actor a? */
static int in_facts(const ctx *c, int a) {
  const pl_facts *f = c->f;
  for (size_t i = 0; i < f->nroles; i++)
    if (f->roles[i].person == a || f->roles[i].of == a)
      return 1;
  for (size_t i = 0; i < f->ndelegations; i++)
    if (f->delegations[i].of == a || f->delegations[i].head == a)
      return 1;
  for (size_t i = 0; i < f->nmeetings; i++)
    for (size_t k = 0; k < f->meetings[i].nparticipants; k++)
      if (f->meetings[i].participants[k] == a)
        return 1;
  for (size_t i = 0; i < f->nproposals; i++) {
    for (size_t k = 0; k < f->proposals[i].nby; k++)
      if (f->proposals[i].by[k] == a)
        return 1;
    for (size_t k = 0; k < f->proposals[i].nto; k++)
      if (f->proposals[i].to[k] == a)
        return 1;
  }
  return 0;
}

/* States named only as places or topics, in no fact, are not actors of
 * the article: their mentions go. */
static void drop_scenery(ctx *c) {
  for (size_t a = 0; a < c->f->nactors; a++) {
    pl_actor *ac = &c->f->actors[a];
    if (ac->type != PL_ACTOR_STATE || !ac->nmentions || in_facts(c, (int)a))
      continue;
    int agent = 0;
    for (size_t i = 0; i < c->nch && !agent; i++)
      if (c->ch[i].actor == (int)a &&
          (c->ch[i].type != CH_ACTOR || !locative_mention(c, i)))
        agent = 1;
    if (!agent) {
      free(ac->mentions);
      ac->mentions = NULL;
      ac->nmentions = 0;
    }
  }
}

/* Leaves out actors with no mention that no fact names (generic ones merged
 * into a specific body, pass-1 leftovers): indices are renumbered. */
static int compact_actors(ctx *c) {
  pl_facts *f = c->f;
  if (!f->nactors)
    return 0;
  int *map = malloc(f->nactors * sizeof *map);
  if (!map)
    return PL_ENOMEM;
  size_t w = 0;
  for (size_t i = 0; i < f->nactors; i++) {
    if (f->actors[i].nmentions || in_facts(c, (int)i)) {
      map[i] = (int)w;
      f->actors[w++] = f->actors[i];
    } else {
      map[i] = -1;
      free(f->actors[i].mentions);
    }
  }
  f->nactors = w;
#define MAP(x) ((x) >= 0 ? map[x] : (x))
  for (size_t i = 0; i < f->nroles; i++) {
    f->roles[i].person = MAP(f->roles[i].person);
    f->roles[i].of = MAP(f->roles[i].of);
  }
  for (size_t i = 0; i < f->ndelegations; i++) {
    pl_delegation *d = &f->delegations[i];
    d->of = MAP(d->of);
    d->head = MAP(d->head);
    for (size_t k = 0; k < d->nmembers; k++)
      d->members[k] = MAP(d->members[k]);
  }
  for (size_t i = 0; i < f->nmeetings; i++)
    for (size_t k = 0; k < f->meetings[i].nparticipants; k++)
      f->meetings[i].participants[k] = MAP(f->meetings[i].participants[k]);
  for (size_t i = 0; i < f->nproposals; i++) {
    for (size_t k = 0; k < f->proposals[i].nby; k++)
      f->proposals[i].by[k] = MAP(f->proposals[i].by[k]);
    for (size_t k = 0; k < f->proposals[i].nto; k++)
      f->proposals[i].to[k] = MAP(f->proposals[i].to[k]);
  }
#undef MAP
  free(map);
  return 0;
}

/* The process the document's rounds belong to: the venue named with the
 * talks or the round ("محادثات أستانا", "the Astana talks", "Astana-11",
 * "جولة جنيف"), the most named if several; NULL when none is. */
static const char *talks_process(const ctx *c) {
  int best = -1, best_n = 0;
  int counts[64] = {0};
  for (size_t i = 0; i < c->nch; i++) {
    if (c->ch[i].type != CH_CUE)
      continue;
    const char *id = entry_of(c, &c->ch[i])->id;
    if (strcmp(id, "round") && strcmp(id, "meet_n"))
      continue;
    uint32_t sent = c->t->toks[c->ch[i].t0].sent;
    /* the venue right after ("محادثات أستانا", "round of Geneva talks")
       or right before ("Astana talks", "Astana-11") */
    size_t lo = i >= 2 ? i - 2 : 0, hi = i + 4 < c->nch ? i + 4 : c->nch;
    for (size_t q = lo; q < hi; q++) {
      const chunk *k = &c->ch[q];
      if (k->type != CH_PLACE || k->entry < 0 || k->actor >= 0 ||
          c->t->toks[k->t0].sent != sent || is_region(entry_of(c, k)) ||
          entry_of(c, k)->actor)
        continue; /* capitals stand for states, not processes */
      int h = k->entry % 64;
      if (++counts[h] > best_n) {
        best_n = counts[h];
        best = k->entry;
      }
      break;
    }
  }
  return best >= 0 ? pl_lexicon_entry(c->ex->lex, best)->name : NULL;
}

/* The state most named as an actor (not as a place) in the first pass's
 * chunks: "the government" of an article about Yemen is Yemen's. */
static int home_state(const ctx *c) {
  int best = -1;
  size_t *n = calloc(c->f->nactors ? c->f->nactors : 1, sizeof *n);
  if (!n)
    return -1; /* only a guess is lost */
  for (size_t i = 0; i < c->nch; i++) {
    int a = c->ch[i].actor;
    if (c->ch[i].type != CH_ACTOR || c->ch[i].person || a < 0 ||
        c->f->actors[a].type != PL_ACTOR_STATE || locative_mention(c, i))
      continue;
    if (++n[a] > (best >= 0 ? n[best] : 0))
      best = a;
  }
  free(n);
  return best;
}

/* The same meeting told twice in one article (the title and the lead):
 * the same participants, kind, date and round. The first telling stays. */
static uint64_t meeting_hash(const pl_meeting *m) {
  uint64_t h = 1469598103934665603ull, sum = 0;
  for (size_t k = 0; k < m->nparticipants; k++)
    sum += (uint64_t)(m->participants[k] + 1) * 0x9E3779B97F4A7C15ull;
  const char *parts[4] = {m->kind, m->when.from, m->when.to,
                          m->round ? m->round : "-"};
  for (int i = 0; i < 4; i++)
    for (const char *p = parts[i]; *p; p++)
      h = (h ^ (unsigned char)*p) * 1099511628211ull;
  return (h ^ sum ^ m->nparticipants) * 1099511628211ull;
}

static void drop_repeated_meetings(ctx *c) {
  pl_facts *f = c->f;
  size_t w = 0, cap = 16;
  while (cap < 2 * f->nmeetings)
    cap *= 2;
  /* kept meetings by hash: open addressing, index + 1 (0: empty) */
  size_t *slot = calloc(cap, sizeof *slot);
  if (!slot)
    return; /* repeats stay: nothing is lost */
  for (size_t i = 0; i < f->nmeetings; i++) {
    const pl_meeting *m = &f->meetings[i];
    int repeat = 0;
    size_t s = (size_t)meeting_hash(m) & (cap - 1);
    for (; slot[s] && !repeat; s = (s + 1) & (cap - 1)) {
      const pl_meeting *o = &f->meetings[slot[s] - 1];
      if (o->nparticipants != m->nparticipants || !m->nparticipants ||
          strcmp(o->kind, m->kind) || strcmp(o->when.from, m->when.from) ||
          strcmp(o->when.to, m->when.to) ||
          (o->round == NULL) != (m->round == NULL) ||
          (o->round && strcmp(o->round, m->round)))
        continue;
      repeat = same_actors(o->participants, o->nparticipants,
                           m->participants, m->nparticipants);
    }
    if (!repeat) {
      f->meetings[w++] = *m;
      slot[s] = w;
    }
  }
  free(slot);
  f->nmeetings = w;
}

/* The article as a whole, once every rule has run (see the file's head):
 * generics, roles in context, the talks, rounds and processes of the
 * meetings near the publication date, venues, transliterations, repeats,
 * scenery, and the actors left without mention or fact. */
static int finish(ctx *c) {
  if (merge_generics(c) < 0)
    return PL_ENOMEM;
  drop_headless_repeats(c);
  roles_in_context(c);
  if (add_talks(c) < 0)
    return PL_ENOMEM;
  if (c->round > 0) {
    char *r = pl_arena_alloc(&c->fi->arena, 16);
    if (r) {
      snprintf(r, 16, "%d", c->round);
      const char *process = talks_process(c);
      for (size_t i = 0; i < c->f->nmeetings; i++) {
        pl_meeting *m = &c->f->meetings[i];
        if (!m->when.from[0] || !c->f->published[0] ||
            !strncmp(m->when.from, c->f->published, 7)) {
          m->round = r;
          m->process = process;
        }
      }
    }
  }
  /* the most-named venue is where undated-place meetings of the day are:
     a place, or a state said as where ("talks in Sweden") */
  const char *names[32];
  int counts[32] = {0}, nv = 0, best = -1;
  for (size_t i = 0; i < c->nch; i++) {
    const chunk *k = &c->ch[i];
    const char *name = NULL;
    if (k->type == CH_PLACE && k->entry >= 0 && k->actor < 0 &&
        !is_region(entry_of(c, k)))
      name = entry_of(c, k)->name;
    else if (k->type == CH_ACTOR && !k->person && k->actor >= 0 &&
             c->f->actors[k->actor].type == PL_ACTOR_STATE && i > 0 &&
             c->ch[i - 1].t1 == k->t0 &&
             (is_lit(c, i - 1, "in") || is_lit(c, i - 1, "at") ||
              is_lit(c, i - 1, "\xd9\x81\xd9\x8a")))
      name = c->f->actors[k->actor].name;
    if (!name)
      continue;
    int v = 0;
    while (v < nv && names[v] != name)
      v++;
    if (v == nv) {
      if (nv == 32)
        continue;
      names[nv++] = name;
    }
    if (++counts[v] > (best >= 0 ? counts[best] : 0))
      best = v;
  }
  if (best >= 0) {
    const char *venue = names[best];
    for (size_t i = 0; i < c->f->nmeetings; i++) {
      pl_meeting *m = &c->f->meetings[i];
      if (!m->place && (!m->when.from[0] || !c->f->published[0] ||
                        !strncmp(m->when.from, c->f->published, 7)))
        m->place = venue;
    }
  }
  /* a discovered person's Arabic name is its name_ar */
  for (size_t i = 0; i < c->f->nactors; i++) {
    pl_actor *a = &c->f->actors[i];
    if (a->type == PL_ACTOR_PERSON && (unsigned char)a->name[0] >= 0xD8 &&
        (unsigned char)a->name[0] <= 0xDB) {
      a->name_ar = a->name;
      if (!c->ex->latin) {
        int rc = pl_translit_new(&c->ex->latin);
        if (rc < 0)
          return rc == PL_ENOMEM ? rc : PL_EINPUT;
      }
      pl_buf lat = {0};
      int rc = pl_translit_ar(c->ex->latin, a->name, strlen(a->name), &lat);
      if (rc == PL_ENOMEM) {
        pl_buf_free(&lat);
        return PL_ENOMEM;
      }
      if (rc == 0 && lat.len)
        a->translit = pl_arena_strndup(&c->fi->arena, lat.data, lat.len);
      pl_buf_free(&lat);
    }
  }
  drop_repeated_meetings(c);
  drop_scenery(c);
  return compact_actors(c);
}

int pl_extract(pl_extractor *ex, const pl_doc *doc, pl_facts **out,
               pl_error *err) {
  *out = NULL;
  int rc = 0;
  pl_facts *f = calloc(1, sizeof *f);
  facts_impl *fi = calloc(1, sizeof *fi);
  ctx c;
  memset(&c, 0, sizeof c);
  c.home_state = -1;
  if (!f || !fi) {
    free(f);
    free(fi);
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  f->impl = fi;
  f->body = doc->body;
  f->body_len = doc->body_len;
  snprintf(f->lang, sizeof f->lang, "%s", doc->lang[0] ? doc->lang : "und");
  memcpy(f->published, doc->published, sizeof f->published);
  c.ex = ex;
  c.doc = doc;
  c.t = &ex->text;
  c.f = f;
  c.fi = fi;
  c.lang = !strcmp(f->lang, "ar") ? 1 : !strcmp(f->lang, "en") ? 2 : 3;
  c.ch = ex->ch; /* chunks: each is written whole when pushed */
  c.capch = ex->capch;
  /* per-rule arrays, made with the first document: every entry is written
   * before it is read */
  if (!ex->lrules) {
    size_t nr = ex->nrules ? ex->nrules : 1;
    ex->resume = calloc(nr, sizeof *ex->resume);
    ex->cand = calloc(nr * CH_COMMA, sizeof *ex->cand);
    ex->lrules = calloc(nr, sizeof *ex->lrules);
    if (!ex->resume || !ex->cand || !ex->lrules) {
      free(ex->resume);
      free(ex->cand);
      free(ex->lrules);
      ex->resume = ex->cand = ex->lrules = NULL;
      goto nomem;
    }
  }
  c.resume = ex->resume;
  c.cand = ex->cand;
  c.lrules = ex->lrules;
  for (size_t ri = 0; ri < ex->nrules; ri++)
    if (ex->rules[ri].lang & c.lang)
      c.lrules[c.nlrules++] = ri;
  if ((rc = pl_text_segment(ex->seg, doc->body, doc->body_len, &ex->text, err)) < 0)
    goto done;
  tokinfo *tk = grow(ex->tok, &ex->captok, ex->text.ntoks, sizeof *tk);
  if (!tk)
    goto nomem;
  c.tok = ex->tok = tk; /* zeroed: what is known of each token so far */
  memset(c.tok, 0, (ex->text.ntoks + 1) * sizeof *c.tok);
  if ((rc = pl_dates_find(doc->body, doc->body_len, doc->published,
                          c.lang == 1 ? "ar" : c.lang == 2 ? "en" : NULL,
                          &c.dates, &c.ndates, err)) < 0)
    goto done;
  /* pass 1 finds people; pass 2 knows them everywhere and records facts */
  if ((rc = build_chunks(&c)) < 0 || (rc = run_rules(&c)) < 0)
    goto nomem;
  f->nroles = f->ndelegations = f->nmeetings = f->nproposals = 0;
  person_short_forms(&c);
  c.home_state = home_state(&c);
  c.final = 1;
  c.round = 0;
  c.nattend = c.talks = c.talks_planned = 0;
  memset(&c.talks_when, 0, sizeof c.talks_when);
  c.talks_date_text = NULL;
  memset(&c.talks_ev, 0, sizeof c.talks_ev);
  if ((rc = build_chunks(&c)) < 0 || (rc = run_rules(&c)) < 0)
    goto nomem;
  if ((rc = finish(&c)) == PL_EINPUT) {
    rc = pl_error_set(err, PL_EINPUT, NULL, "cannot compile the transliteration");
    goto done;
  }
  if (rc < 0)
    goto nomem;
  /* drop actors nobody mentions (pass-1 leftovers) by keeping them: their
     indices are referenced; mentions are empty only for merged names */
  *out = f;
  f = NULL;
  goto done;
nomem:
  rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
done:
  for (size_t i = 0; i < c.npersons; i++) {
    free(c.persons[i].key);
    free(c.persons[i].shortkey);
  }
  free(c.persons);
  ex->ch = c.ch; /* kept for the next document, perhaps grown */
  ex->capch = c.capch;
  free(c.dates);
  pl_facts_free(f);
  return rc;
}
