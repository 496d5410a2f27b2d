/* Tests of the ICU text pipeline (include/parley/text.h): segmentation of
 * the seed article into sentences and tokens, and folding for matching. */
#include "harness.h"

#include <parley/error.h>
#include <parley/text.h>

#include "buf.h"

#include <stdlib.h>
#include <string.h>

/* Returns the folded form of s in a static buffer ("" on failure). */
static const char *fold(const char *s) {
  static char out[256];
  pl_buf b = {0};
  out[0] = '\0';
  if (pl_text_fold(s, strlen(s), &b) == 0 && b.data) {
    size_t n = b.len < sizeof out - 1 ? b.len : sizeof out - 1;
    memcpy(out, b.data, n);
    out[n] = '\0';
  }
  pl_buf_free(&b);
  return out;
}

/* Checks that fold(a) equals fold(b) and is not empty. */
static void fold_same(const char *a, const char *b) {
  char fa[256];
  snprintf(fa, sizeof fa, "%s", fold(a));
  OK(fa[0] != '\0');
  STR_EQ(fa, fold(b));
}

static void test_fold(void) {
  fold_same("أحمد", "احمد");
  fold_same("إيران", "ايران");
  STR_EQ(fold("Önal"), "onal");
  STR_EQ(fold("ONAL"), "onal");
  fold_same("ستيفانُ", "ستيفان");
  fold_same("ستـيفان", "ستيفان"); /* tatweel */
  {
    char a[256]; /* letters still count: ya is not dropped */
    snprintf(a, sizeof a, "%s", fold("ستيفان"));
    OK(strcmp(a, fold("ستفان")) != 0);
  }
  STR_EQ(fold("٢٠١٨"), "2018");
  STR_EQ(fold("۲۰۱۸"), "2018"); /* Persian digits */
  STR_EQ(fold("2254"), "2254");
  {
    pl_buf b = {0};
    const char *p = "Staffan de Mistura, said:";
    OK(pl_text_fold_phrase(p, strlen(p), &b) == 0);
    STR_EQ(b.data, "staffan de mistura said");
    pl_buf_free(&b);
  }
}

/* Reads the seed article from $PARLEY_SRC/examples or ../examples. */
static char *read_seed(size_t *len) {
  const char *rel = "examples/astana-11-aljazeera-ar.txt";
  char path[1024];
  const char *root = getenv("PARLEY_SRC");
  char *data = NULL;
  snprintf(path, sizeof path, "%s/%s", root ? root : "..", rel);
  if (pl_file_read(path, 0, &data, len, NULL) == 0)
    return data;
  snprintf(path, sizeof path, "../%s", rel);
  if (pl_file_read(path, 0, &data, len, NULL) == 0)
    return data;
  return NULL;
}

static void test_seed(pl_segmenter *seg) {
  size_t len = 0;
  char *src = read_seed(&len);
  pl_text t;
  pl_error err = {0};
  OK(src != NULL);
  if (!src)
    return;
  memset(&t, 0, sizeof t);
  INT_EQ(pl_text_segment(seg, src, len, &t, &err), 0);
  OK(t.nsents > 10);
  OK(t.ntoks > 300);
  size_t bad_tok = 0, bad_order = 0, bad_sent = 0, bad_newline = 0;
  size_t covered = 0;
  for (size_t i = 0; i < t.ntoks; i++) {
    const pl_token *k = &t.toks[i];
    if (!(k->start < k->end && k->end <= len))
      bad_tok++;
    if (i && k->start < t.toks[i - 1].end)
      bad_order++;
    if (k->sent >= t.nsents) {
      bad_sent++;
      continue;
    }
    const pl_sentence *s = &t.sents[k->sent];
    if (k->start < s->start || k->end > s->end || i < s->first ||
        i >= (size_t)s->first + s->count)
      bad_sent++;
    if (k->kind > PL_TOK_PUNCT)
      bad_tok++;
    if (k->norm + k->norm_len > t.norm_len ||
        strlen(pl_text_norm(&t, i)) != k->norm_len)
      bad_tok++;
  }
  INT_EQ(bad_tok, 0);
  INT_EQ(bad_order, 0);
  INT_EQ(bad_sent, 0);
  for (size_t j = 0; j < t.nsents; j++) {
    const pl_sentence *s = &t.sents[j];
    OK(s->start < s->end && s->end <= len);
    if (j) {
      OK(s->start >= t.sents[j - 1].end);
      OK(s->para >= t.sents[j - 1].para);
      INT_EQ(s->first, t.sents[j - 1].first + t.sents[j - 1].count);
    }
    if (memchr(src + s->start, '\n', s->end - s->start))
      bad_newline++;
    covered += s->count;
  }
  INT_EQ(bad_newline, 0);
  INT_EQ(covered, t.ntoks);
  /* The folded forms in the text agree with pl_text_fold, and the headline
   * word تركيا is found folded. */
  int found_turkey = 0, found_2254 = 0;
  for (size_t i = 0; i < t.ntoks; i++) {
    const pl_token *k = &t.toks[i];
    if (!strcmp(pl_text_norm(&t, i), fold("تركيا")))
      found_turkey = 1;
    if (k->kind == PL_TOK_NUM && !strcmp(pl_text_norm(&t, i), "2254"))
      found_2254 = 1;
  }
  OK(found_turkey);
  OK(found_2254);
  /* The first token starts a paragraph and is Arabic. */
  OK(t.ntoks && (t.toks[0].flags & PL_TOKF_PARA));
  OK(t.ntoks && (t.toks[0].flags & PL_TOKF_ARABIC));
  pl_text_clear(&t);
  free(src);
}

/* Returns the number of sentences of s. */
static size_t count_sentences(pl_segmenter *seg, const char *s) {
  pl_text t;
  pl_error err = {0};
  size_t n;
  memset(&t, 0, sizeof t);
  if (pl_text_segment(seg, s, strlen(s), &t, &err) < 0)
    return 0;
  n = t.nsents;
  pl_text_clear(&t);
  return n;
}

static void test_english(pl_segmenter *seg) {
  INT_EQ(count_sentences(seg, "U.S. Secretary of State John Kerry said."), 1);
  INT_EQ(count_sentences(seg, "The talks began. They ended on Friday."), 2);
  INT_EQ(count_sentences(seg, "One line\nanother line"), 2);
  {
    const char *s = "Kerry met Lavrov in Geneva.";
    pl_text t;
    memset(&t, 0, sizeof t);
    INT_EQ(pl_text_segment(seg, s, strlen(s), &t, NULL), 0);
    INT_EQ(t.ntoks, 6);
    if (t.ntoks == 6) {
      OK(t.toks[0].flags & PL_TOKF_UPPER);
      OK(t.toks[0].flags & PL_TOKF_LATIN);
      OK(!(t.toks[1].flags & PL_TOKF_UPPER));
      INT_EQ(t.toks[5].kind, PL_TOK_PUNCT);
      STR_EQ(pl_text_norm(&t, 2), "lavrov");
      INT_EQ(t.toks[2].start, 10);
      INT_EQ(t.toks[2].end, 16);
    }
    pl_text_clear(&t);
  }
}

int main(void) {
  pl_segmenter *seg = NULL;
  pl_error err = {0};
  test_fold();
  INT_EQ(pl_segmenter_new(&seg, &err), 0);
  if (seg) {
    test_seed(seg);
    test_english(seg);
  }
  pl_segmenter_free(seg);
  return HARNESS_DONE();
}
