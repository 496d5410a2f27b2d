/* Readers: text (encodings), HTML (article block, metadata), feeds (RSS,
 * Atom, no external entities, bounded expansion), JSONL (broken lines),
 * folders, sniffing, overrides, the size limit, ids and languages, dates. */
#include "harness.h"

#include <parley/doc.h>
#include <parley/when.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FIX "fixtures/read/"
#define MAX_DOCS 64

typedef struct got {
  int n;                  /* documents seen */
  char *source[MAX_DOCS]; /* copies of each field */
  char *title[MAX_DOCS];
  char *url[MAX_DOCS];
  char *body[MAX_DOCS];
  size_t body_len[MAX_DOCS];
  char lang[MAX_DOCS][8];
  char published[MAX_DOCS][11];
  char id[MAX_DOCS][33];
  int warnings;           /* warnings seen */
  char last_where[256];   /* where of the last warning */
  char last_warning[512]; /* its message */
  int stop_after;         /* fn fails after this many (0: never) */
} got;

static char *copy_str(const char *s) {
  if (!s)
    return NULL;
  char *p = malloc(strlen(s) + 1);
  strcpy(p, s);
  return p;
}

static int collect(void *ctx, const pl_doc *d, pl_error *err) {
  got *g = ctx;
  if (g->stop_after && g->n >= g->stop_after)
    return pl_error_set(err, PL_EDB, NULL, "stop");
  if (g->n >= MAX_DOCS)
    return 0;
  int i = g->n++;
  g->source[i] = copy_str(d->source);
  g->title[i] = copy_str(d->title);
  g->url[i] = copy_str(d->url);
  g->body[i] = copy_str(d->body);
  g->body_len[i] = d->body_len;
  memcpy(g->lang[i], d->lang, 8);
  memcpy(g->published[i], d->published, 11);
  memcpy(g->id[i], d->id, 33);
  /* The body is NUL-terminated where body_len says, with no NUL inside. */
  OK(strlen(d->body) == d->body_len);
  return 0;
}

static void warned(void *ctx, const char *where, const char *msg) {
  got *g = ctx;
  g->warnings++;
  snprintf(g->last_where, sizeof g->last_where, "%s", where);
  snprintf(g->last_warning, sizeof g->last_warning, "%s", msg);
}

static void reset(got *g) {
  for (int i = 0; i < g->n && i < MAX_DOCS; i++) {
    free(g->source[i]);
    free(g->title[i]);
    free(g->url[i]);
    free(g->body[i]);
  }
  memset(g, 0, sizeof *g);
}

static int read_path(got *g, const char *path, pl_read_opts *o, pl_error *err) {
  reset(g);
  pl_read_opts dflt = {0};
  if (!o)
    o = &dflt;
  o->warn = warned;
  o->warn_ctx = g;
  pl_error_clear(err);
  return pl_read_path(path, o, collect, g, err);
}

static int read_mem(got *g, const char *name, const char *s, size_t len,
                    pl_read_opts *o, pl_error *err) {
  reset(g);
  pl_read_opts dflt = {0};
  if (!o)
    o = &dflt;
  o->warn = warned;
  o->warn_ctx = g;
  pl_error_clear(err);
  return pl_read_memory(name, s, len, o, collect, g, err);
}

static int has(const char *hay, const char *needle) {
  return hay && strstr(hay, needle) != NULL;
}

static void test_dates(void) {
  char d[11];
  INT_EQ(pl_date_parse("2018-11-28", d), 0);
  STR_EQ(d, "2018-11-28");
  INT_EQ(pl_date_parse("2018-11-28T10:00:00+03:00", d), 0);
  STR_EQ(d, "2018-11-28");
  INT_EQ(pl_date_parse(" 2017-02-23 09:30:00 ", d), 0);
  STR_EQ(d, "2017-02-23");
  INT_EQ(pl_date_parse("20181128", d), 0);
  STR_EQ(d, "2018-11-28");
  INT_EQ(pl_date_parse("Wed, 28 Nov 2018 10:00:00 GMT", d), 0);
  STR_EQ(d, "2018-11-28");
  INT_EQ(pl_date_parse("Thu, 1 Feb 18 10:00:00 +0000", d), 0);
  STR_EQ(d, "2018-02-01");
  INT_EQ(pl_date_parse("November 28, 2018", d), 0);
  STR_EQ(d, "2018-11-28");
  INT_EQ(pl_date_parse("28 September 2018", d), 0);
  STR_EQ(d, "2018-09-28");
  INT_EQ(pl_date_parse("2020-02-29", d), 0);
  INT_EQ(pl_date_parse("2000-02-29", d), 0);
  INT_EQ(pl_date_parse("9999-12-31", d), 0);
  /* Rejected: impossible days, months, years; junk. */
  strcpy(d, "unchanged");
  INT_EQ(pl_date_parse("2018-02-31", d), PL_EINPUT);
  STR_EQ(d, "unchanged");
  INT_EQ(pl_date_parse("2019-02-29", d), PL_EINPUT);
  INT_EQ(pl_date_parse("1900-02-29", d), PL_EINPUT);
  INT_EQ(pl_date_parse("2018-13-01", d), PL_EINPUT);
  INT_EQ(pl_date_parse("2018-04-31", d), PL_EINPUT);
  INT_EQ(pl_date_parse("0000-01-01", d), PL_EINPUT);
  INT_EQ(pl_date_parse("Sat, 31 Feb 2018 10:00:00 GMT", d), PL_EINPUT);
  INT_EQ(pl_date_parse("Xyz, 28 Nov 2018", d), PL_EINPUT);
  INT_EQ(pl_date_parse("2018-11-28abc", d), PL_EINPUT);
  INT_EQ(pl_date_parse("yesterday", d), PL_EINPUT);
  INT_EQ(pl_date_parse("", d), PL_EINPUT);
  INT_EQ(pl_date_parse(NULL, d), PL_EINPUT);
}

static void test_doc(void) {
  pl_doc a = {0}, b = {0};
  a.body = "hello";
  a.body_len = 5;
  pl_doc_finish(&a);
  INT_EQ(strlen(a.id), 32);
  OK(strspn(a.id, "0123456789abcdef") == 32);
  /* The id's definition is frozen: stores keep it. */
  STR_EQ(a.id, "597c55e166fe33f7034d46888c1c5c70");
  b.body = "hellp";
  b.body_len = 5;
  pl_doc_finish(&b);
  OK(strcmp(a.id, b.id) != 0);
  pl_doc c = {0};
  c.body = "hello";
  c.body_len = 5;
  pl_doc_finish(&c);
  STR_EQ(c.id, a.id);
  STR_EQ(a.lang, "en");
  pl_doc ar = {0};
  ar.body = "وصل الوفد إلى جنيف (Geneva) مساء السبت";
  ar.body_len = strlen(ar.body);
  pl_doc_finish(&ar);
  STR_EQ(ar.lang, "ar");
  pl_doc zh = {0};
  zh.body = "日内瓦和平谈判今天开始";
  zh.body_len = strlen(zh.body);
  pl_doc_finish(&zh);
  STR_EQ(zh.lang, "und");
  pl_doc empty = {0};
  empty.body = "";
  pl_doc_finish(&empty);
  STR_EQ(empty.lang, "und");
  pl_doc kept = {0};
  kept.body = "hello world";
  kept.body_len = 11;
  strcpy(kept.lang, "fr");
  pl_doc_finish(&kept);
  STR_EQ(kept.lang, "fr");
  pl_doc_clear(NULL);
}

static void test_text(void) {
  got g = {0};
  pl_error err;
  const char *t =
      "Envoy meets both delegations in Geneva\n\nThe envoy met both "
      "delegations on Monday.\n";
  INT_EQ(read_mem(&g, "a.txt", t, strlen(t), NULL, &err), 0);
  INT_EQ(g.n, 1);
  STR_EQ(g.source[0], "a.txt");
  STR_EQ(g.title[0], "Envoy meets both delegations in Geneva");
  STR_EQ(g.lang[0], "en");
  STR_EQ(g.published[0], "");
  /* No title from a first line that is a sentence. */
  const char *s = "The envoy met both delegations on Monday.\nThen he left.\n";
  INT_EQ(read_mem(&g, "b.txt", s, strlen(s), NULL, &err), 0);
  OK(g.title[0] == NULL);
  /* NUL bytes inside a text are dropped, never truncating it. */
  char withnul[200];
  memset(withnul, 'a', sizeof withnul);
  memcpy(withnul, "Start of text ", 14);
  withnul[50] = '\0';
  memcpy(withnul + 190, " end.", 5);
  withnul[195] = 'z';
  INT_EQ(read_mem(&g, "n.txt", withnul, 196, NULL, &err), 0);
  INT_EQ(g.body_len[0], 195);
  OK(has(g.body[0], "end.z"));
  /* Binary and empty inputs. */
  const char bin[] = "\x7f"
                     "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
  INT_EQ(read_mem(&g, "bin.txt", bin, sizeof bin - 1, NULL, &err), PL_EINPUT);
  STR_EQ(err.msg, "not text (binary data)");
  STR_EQ(err.where, "bin.txt");
  INT_EQ(read_mem(&g, "e.txt", "", 0, NULL, &err), PL_EINPUT);
  STR_EQ(err.msg, "empty file");
  INT_EQ(read_mem(&g, "w.txt", " \n\t\n", 4, NULL, &err), PL_EINPUT);
  INT_EQ(g.n, 0);
}

static void test_encodings(void) {
  got g = {0};
  pl_error err;
  INT_EQ(read_path(&g, FIX "arabic-1256.txt", NULL, &err), 0);
  INT_EQ(g.n, 1);
  STR_EQ(g.lang[0], "ar");
  OK(has(g.body[0], "بدأت اليوم الجولة الجديدة"));
  STR_EQ(g.title[0], "محادثات جديدة في أستانا بحضور الدول الضامنة");
  char id1256[33];
  memcpy(id1256, g.id[0], 33);
  /* UTF-16 with a BOM: the same text, so the same id. */
  INT_EQ(read_path(&g, FIX "arabic-utf16.txt", NULL, &err), 0);
  INT_EQ(g.n, 1);
  STR_EQ(g.id[0], id1256);
  /* Forced encoding. */
  pl_read_opts o = {0};
  o.encoding = "windows-1256";
  INT_EQ(read_path(&g, FIX "arabic-1256.txt", &o, &err), 0);
  STR_EQ(g.id[0], id1256);
  o.encoding = "no-such-encoding";
  INT_EQ(read_path(&g, FIX "arabic-1256.txt", &o, &err), PL_EUSAGE);
  OK(has(err.msg, "no-such-encoding"));
  /* windows-1252 English. */
  INT_EQ(read_path(&g, FIX "english-latin1.txt", NULL, &err), 0);
  OK(has(g.body[0], "Café talks in Genève"));
  STR_EQ(g.lang[0], "en");
  /* An HTML page in windows-1256 without a charset declaration. */
  INT_EQ(read_path(&g, FIX "page-1256.html", NULL, &err), 0);
  OK(has(g.body[0], "بدأت اليوم الجولة الجديدة"));
  STR_EQ(g.title[0], "محادثات جديدة في أستانا");
  reset(&g);
}

static void test_html(void) {
  got g = {0};
  pl_error err;
  INT_EQ(read_path(&g, FIX "page-og.html", NULL, &err), 0);
  INT_EQ(g.n, 1);
  STR_EQ(g.title[0], "Envoys meet in Geneva for a second round");
  STR_EQ(g.published[0], "2018-11-28");
  STR_EQ(g.lang[0], "en");
  STR_EQ(g.url[0], "https://news.example.org/2018/11/envoys-geneva");
  OK(has(g.body[0], "ceasefire.\n\nThe government delegation"));
  OK(!has(g.body[0], "MARKER"));
  OK(!has(g.body[0], "\n\n\n"));

  INT_EQ(read_path(&g, FIX "page-meta.html", NULL, &err), 0);
  STR_EQ(g.title[0], "Ministers agree on a road map for the next talks");
  STR_EQ(g.published[0], "2019-04-25");
  OK(g.url[0] == NULL);
  OK(has(g.body[0], "constitutional committee\nand a date"));
  OK(!has(g.body[0], "Politics"));
  OK(!has(g.body[0], "summary that is not"));

  INT_EQ(read_path(&g, FIX "page-jsonld.html", NULL, &err), 0);
  STR_EQ(g.published[0], "2017-02-23");
  STR_EQ(g.title[0], "Talks resume after a pause");
  OK(has(g.body[0], "Delegations returned to the negotiating table"));
  OK(!has(g.body[0], "Most read"));
  OK(!has(g.body[0], "Short teaser"));

  INT_EQ(read_path(&g, FIX "page-time.html", NULL, &err), 0);
  STR_EQ(g.published[0], "2016-01-30");
  STR_EQ(g.lang[0], "ar");
  STR_EQ(g.url[0], "https://ar.example.org/news/12345");
  STR_EQ(g.title[0], "وفد المعارضة يصل إلى جنيف للمشاركة في المحادثات");
  OK(has(g.body[0], "وصل وفد المعارضة إلى جنيف"));
  OK(!has(g.body[0], "نشر في"));

  INT_EQ(read_path(&g, FIX "broken.html", NULL, &err), 0);
  STR_EQ(g.title[0], "Broken page");
  OK(has(g.body[0], "cell one cell two"));
  OK(has(g.body[0], "The last paragraph has no end"));
  OK(has(g.body[0], "& an entity"));
  OK(!has(g.body[0], "SCRIPT-IN-P-MARKER"));

  /* Truncated garbage is recovered, never a crash. */
  const char *junk = "<html><body><p>Some text <b><i><table><tr><td><p>x</p"
                     "<<<>>>&&&;<!-- never closed";
  int rc = read_mem(&g, "junk.html", junk, strlen(junk), NULL, &err);
  OK(rc == 0 || rc == PL_EINPUT);
  reset(&g);
}

static void test_feeds(void) {
  got g = {0};
  pl_error err;
  INT_EQ(read_path(&g, FIX "feed-rss.xml", NULL, &err), 0);
  INT_EQ(g.n, 2);
  STR_EQ(g.source[0], FIX "feed-rss.xml#1");
  STR_EQ(g.source[1], FIX "feed-rss.xml#2");
  STR_EQ(g.published[0], "2018-11-28");
  STR_EQ(g.published[1], "2018-11-29");
  STR_EQ(g.url[0], "https://ar.example.org/news/1");
  STR_EQ(g.url[1], "https://ar.example.org/news/2");
  STR_EQ(g.lang[0], "ar");
  STR_EQ(g.lang[1], "en"); /* the channel says ar; the text says en */
  OK(has(g.body[0], "الجولة الثانية"));
  OK(!has(g.body[0], "ملخص قصير")); /* content:encoded wins */
  OK(!has(g.body[0], "MARKER"));
  OK(has(g.body[1], "missing persons.\n\nBoth delegations"));
  INT_EQ(g.warnings, 1);
  STR_EQ(g.last_where, FIX "feed-rss.xml#3");

  INT_EQ(read_path(&g, FIX "feed-atom.atom", NULL, &err), 0);
  INT_EQ(g.n, 3);
  STR_EQ(g.title[0], "Guarantors meet in Nur-Sultan");
  STR_EQ(g.url[0], "https://news.example.org/guarantors");
  STR_EQ(g.published[0], "2019-04-25");
  STR_EQ(g.published[1], "2019-04-24");
  OK(has(g.body[0], "Thursday.\n\nThey agreed"));
  OK(has(g.body[1], "<angle brackets> kept as text"));
  STR_EQ(g.lang[2], "ar");
  OK(has(g.body[2], "اجتمع الوفدان في جنيف يوم الثلاثاء"));
  OK(g.url[2] == NULL);

  /* External entities are never loaded, by name or by path. */
  INT_EQ(read_path(&g, FIX "xxe.xml", NULL, &err), 0);
  INT_EQ(g.n, 1);
  OK(has(g.body[0], "Before the entity."));
  OK(!has(g.body[0], "XXE-SECRET"));
  OK(!has(g.title[0], "XXE-SECRET"));
  OK(!has(g.body[0], "root:"));

  /* A billion laughs fails fast with a clear error. */
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  INT_EQ(read_path(&g, FIX "laughs.xml", NULL, &err), PL_EINPUT);
  clock_gettime(CLOCK_MONOTONIC, &b);
  OK(has(err.msg, "entity expansion too large"));
  STR_EQ(err.where, FIX "laughs.xml");
  OK((b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9 < 1.0);
  INT_EQ(g.n, 0);

  /* Not a feed; malformed XML. */
  const char *other = "<?xml version=\"1.0\"?><catalog><book/></catalog>";
  INT_EQ(read_mem(&g, "c.xml", other, strlen(other), NULL, &err), PL_EINPUT);
  OK(has(err.msg, "not an RSS or Atom feed"));
  const char *bad = "<?xml version=\"1.0\"?><rss><channel><item><title>T & U"
                    "</title><description>Recovered text here.</description>"
                    "</item></channel></rss>";
  INT_EQ(read_mem(&g, "bad.rss", bad, strlen(bad), NULL, &err), 0);
  INT_EQ(g.n, 1);
  OK(g.warnings >= 1);
  reset(&g);
}

static void test_jsonl(void) {
  got g = {0};
  pl_error err;
  INT_EQ(read_path(&g, FIX "news.jsonl", NULL, &err), 0);
  INT_EQ(g.n, 4);
  INT_EQ(g.warnings, 3);
  STR_EQ(g.last_where, FIX "news.jsonl:7");
  STR_EQ(g.source[0], FIX "news.jsonl#a1");
  STR_EQ(g.url[0], "https://news.example.org/a1");
  STR_EQ(g.published[0], "2018-11-27");
  STR_EQ(g.body[0], "The delegations arrived in Astana on Tuesday.\n\nTalks "
                    "open on Wednesday.");
  STR_EQ(g.title[1], "Escapes: \"quoted\" \\ slash / tab and é and 😀 and "
                     "السلام");
  STR_EQ(g.published[1], "2018-11-28");
  STR_EQ(g.source[2], FIX "news.jsonl#a4");
  STR_EQ(g.lang[2], "ar");
  STR_EQ(g.title[2], "صفحة");
  STR_EQ(g.published[2], "2019-01-15");
  OK(has(g.body[2], "نص المقال"));
  STR_EQ(g.body[3], "Lone surrogate \xEF\xBF\xBD here and a NUL  dropped.");
  STR_EQ(g.lang[3], "en");
  STR_EQ(g.published[3], "2018-11-29");

  /* Lines longer than the limit are skipped, not fatal. */
  pl_read_opts o = {0};
  o.max_size = 200;
  INT_EQ(read_path(&g, FIX "news.jsonl", &o, &err), 0);
  OK(g.n >= 1 && g.n < 4);
  OK(has(g.last_warning, "size limit") || g.warnings > 3);

  /* A stream whose lines cross the reader's 1 MiB blocks. */
  char path[] = "/tmp/parley-test-read-XXXXXX";
  int fd = mkstemp(path);
  OK(fd >= 0);
  FILE *f = fdopen(fd, "w");
  char pad[3001];
  memset(pad, 'x', 3000);
  pad[3000] = '\0';
  for (int i = 0; i < 1000; i++)
    fprintf(f, "{\"id\": \"n%d\", \"text\": \"Line %d %s end\"}\n", i, i, pad);
  fclose(f);
  reset(&g);
  got *big = calloc(1, sizeof *big);
  pl_read_opts bo = {0};
  bo.reader = "jsonl";
  bo.warn = warned;
  bo.warn_ctx = big;
  pl_error_clear(&err);
  /* collect keeps the first MAX_DOCS documents of the 1000. */
  INT_EQ(pl_read_path(path, &bo, collect, big, &err), 0);
  INT_EQ(big->n, MAX_DOCS);
  INT_EQ(big->warnings, 0);
  OK(has(big->body[MAX_DOCS - 1], " end"));
  INT_EQ(big->body_len[0], strlen("Line 0 ") + 3000 + 4);
  reset(big);
  free(big);
  unlink(path);
}

static void test_sniff_and_overrides(void) {
  got g = {0};
  pl_error err;
  const char *feed = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                     "<item><title>T</title><description>Some words here."
                     "</description></item></channel></rss>";
  INT_EQ(read_mem(&g, "-", feed, strlen(feed), NULL, &err), 0);
  STR_EQ(g.source[0], "-#1");
  const char *html = "  <!DOCTYPE html><html><head><title>H</title></head>"
                     "<body><p>Body words.</p></body></html>";
  INT_EQ(read_mem(&g, "-", html, strlen(html), NULL, &err), 0);
  STR_EQ(g.title[0], "H");
  STR_EQ(g.body[0], "Body words.");
  const char *jsonl = "\n{\"text\": \"Json words.\"}\n";
  INT_EQ(read_mem(&g, "-", jsonl, strlen(jsonl), NULL, &err), 0);
  STR_EQ(g.body[0], "Json words.");
  STR_EQ(g.source[0], "-:2");
  /* A page beside the text: the text is read (the page only checked); a
   * page alone, or beside an empty text, is read as HTML, escapes and
   * all; a page that is not valid JSON makes the line invalid. */
  const char *pages =
      "{\"text\": \"Text wins.\", \"html\": \"<p>Page</p>\"}\n"
      "{\"html\": \"<p>Caf\\u00e9 \\\"quoted\\\"</p>\", \"id\": \"p2\"}\n"
      "{\"text\": \"\", \"html\": \"<p>From the page.</p>\"}\n"
      "{\"text\": \"Never read.\", \"html\": \"<p>\\x</p>\"}\n";
  INT_EQ(read_mem(&g, "pages.jsonl", pages, strlen(pages), NULL, &err), 0);
  INT_EQ(g.n, 3);
  STR_EQ(g.body[0], "Text wins.");
  STR_EQ(g.body[1], "Caf\xC3\xA9 \"quoted\"");
  STR_EQ(g.body[2], "From the page.");
  INT_EQ(g.warnings, 1); /* line 4: an invalid escape in the page */
  /* Extension first: a .txt holding markup is text. */
  INT_EQ(read_mem(&g, "x.txt", html, strlen(html), NULL, &err), 0);
  OK(has(g.body[0], "<title>"));
  /* A forced reader. */
  pl_read_opts o = {0};
  o.reader = "text";
  INT_EQ(read_mem(&g, "-", feed, strlen(feed), &o, &err), 0);
  OK(has(g.body[0], "<rss"));
  o.reader = "pdf";
  INT_EQ(read_mem(&g, "-", feed, strlen(feed), &o, &err), PL_EUSAGE);

  /* Overrides win over what readers find. */
  pl_read_opts ov = {0};
  ov.published = "2020-01-02";
  ov.lang = "fr";
  ov.title = "Given title";
  INT_EQ(read_path(&g, FIX "page-og.html", &ov, &err), 0);
  STR_EQ(g.published[0], "2020-01-02");
  STR_EQ(g.lang[0], "fr");
  STR_EQ(g.title[0], "Given title");
  ov.published = "2020-02-30";
  INT_EQ(read_path(&g, FIX "page-og.html", &ov, &err), PL_EUSAGE);
  INT_EQ(g.n, 0);

  /* The size limit. */
  pl_read_opts small = {0};
  small.max_size = 100;
  INT_EQ(read_path(&g, FIX "page-og.html", &small, &err), PL_ETOOBIG);
  OK(has(err.msg, "size limit"));
  STR_EQ(err.where, FIX "page-og.html");

  /* Missing paths; fn's errors stop reading. */
  INT_EQ(read_path(&g, FIX "no-such-file.txt", NULL, &err), PL_EIO);
  STR_EQ(err.where, FIX "no-such-file.txt");
  reset(&g);
  g.stop_after = 1;
  pl_read_opts so = {0};
  pl_error_clear(&err);
  INT_EQ(pl_read_path(FIX "feed-atom.atom", &so, collect, &g, &err), PL_EDB);
  INT_EQ(g.n, 1);
  reset(&g);
}

static void write_file(const char *path, const char *s) {
  FILE *f = fopen(path, "w");
  fputs(s, f);
  fclose(f);
}

static void test_folders(void) {
  got g = {0};
  pl_error err;
  char dir[] = "/tmp/parley-test-dir-XXXXXX";
  OK(mkdtemp(dir) != NULL);
  char p[256];
  snprintf(p, sizeof p, "%s/b.txt", dir);
  write_file(p, "Second file text.\n");
  snprintf(p, sizeof p, "%s/a.txt", dir);
  write_file(p, "First file text.\n");
  snprintf(p, sizeof p, "%s/empty.txt", dir);
  write_file(p, "");
  snprintf(p, sizeof p, "%s/logo.png", dir);
  write_file(p, "\x89PNG\r\n\x1a\n\x01\x02\x03");
  snprintf(p, sizeof p, "%s/.hidden.txt", dir);
  write_file(p, "Hidden text.\n");
  snprintf(p, sizeof p, "%s/sub", dir);
  mkdir(p, 0700);
  snprintf(p, sizeof p, "%s/sub/c.txt", dir);
  write_file(p, "Third file text.\n");
  INT_EQ(read_path(&g, dir, NULL, &err), 0);
  INT_EQ(g.n, 3);
  if (g.n == 3) {
    OK(has(g.source[0], "/a.txt"));
    OK(has(g.source[1], "/b.txt"));
    OK(has(g.source[2], "/sub/c.txt"));
  }
  INT_EQ(g.warnings, 1); /* the empty file */
  OK(has(g.last_where, "empty.txt"));
  /* A folder with nothing to read. */
  char empty[] = "/tmp/parley-test-empty-XXXXXX";
  OK(mkdtemp(empty) != NULL);
  INT_EQ(read_path(&g, empty, NULL, &err), PL_EEMPTY);
  rmdir(empty);
  const char *names[] = {"b.txt",       "a.txt",     "empty.txt", "logo.png",
                         ".hidden.txt", "sub/c.txt", "sub"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    remove(p);
  }
  rmdir(dir);
  reset(&g);
}

int main(void) {
  test_dates();
  test_doc();
  test_text();
  test_encodings();
  test_html();
  test_feeds();
  test_jsonl();
  test_sniff_and_overrides();
  test_folders();
  return HARNESS_DONE();
}
