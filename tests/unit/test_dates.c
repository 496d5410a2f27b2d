/* Date resolver: every row of tests/dates/table.tsv, then edge cases
 * (offsets into the original text, invalid dates, no publication date,
 * bad arguments, a large text in linear time). */
#include "harness.h"

#include <parley/when.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Finds the expression whose phrase is exactly phrase in text. */
static const pl_when *find_phrase(const char *text, const pl_when *w, size_t n,
                                  const char *phrase) {
  size_t pl = strlen(phrase);
  for (size_t i = 0; i < n; i++)
    if (w[i].end - w[i].start == pl &&
        memcmp(text + w[i].start, phrase, pl) == 0)
      return &w[i];
  return NULL;
}

static const char *PREC[] = {"unknown", "day", "month", "year"};

/* Splits line in place at tabs into at most max fields. */
static int split_tabs(char *line, char **f, int max) {
  int n = 0;
  f[n++] = line;
  for (char *p = line; *p && n < max; p++)
    if (*p == '\t') {
      *p = '\0';
      f[n++] = p + 1;
    }
  return n;
}

static void test_table(void) {
  const char *src = getenv("PARLEY_SRC");
  char path[4096];
  snprintf(path, sizeof path, "%s/tests/dates/table.tsv", src ? src : "..");
  FILE *f = fopen(path, "rb");
  OK(f != NULL);
  if (!f)
    return;
  char line[8192];
  int rows = 0, ar = 0, en = 0, good = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0')
      continue;
    char *fl[8];
    int nf = split_tabs(line, fl, 8);
    INT_EQ(nf, 8);
    if (nf != 8)
      continue;
    rows++;
    if (strcmp(fl[0], "ar") == 0)
      ar++;
    else
      en++;
    pl_when *w = NULL;
    size_t n = 0;
    pl_error err = {0};
    int rc = pl_dates_find(fl[2], strlen(fl[2]), fl[1], NULL, &w, &n, &err);
    INT_EQ(rc, 0);
    const pl_when *h = find_phrase(fl[2], w, n, fl[3]);
    int ok = h && strcmp(h->from, fl[4]) == 0 && strcmp(h->to, fl[5]) == 0 &&
             strcmp(PREC[h->precision], fl[6]) == 0 &&
             (h->flags & PL_WHEN_WEEKDAY_MISMATCH) == (atoi(fl[7]) ? 1 : 0);
    OK(ok);
    if (!ok) {
      fprintf(stderr, "  row '%s' (published %s): want '%s' %s..%s %s\n",
              fl[2], fl[1], fl[3], fl[4], fl[5], fl[6]);
      for (size_t i = 0; i < n; i++)
        fprintf(stderr, "    got '%.*s' %s..%s %s flags %d\n",
                (int)(w[i].end - w[i].start), fl[2] + w[i].start, w[i].from,
                w[i].to, PREC[w[i].precision], w[i].flags);
    } else {
      good++;
    }
    free(w);
  }
  fclose(f);
  fprintf(stderr, "table: %d/%d rows right (%d ar, %d en)\n", good, rows, ar,
          en);
  OK(rows >= 100);
  OK(ar >= 50 && en >= 50);
}

/* Runs text and expects exactly the listed phrases (NULL-terminated
 * triples phrase, from, to; from "" for unresolved). */
static void expect(const char *text, const char *published, const char *lang,
                   const char *const *want) {
  pl_when *w = NULL;
  size_t n = 0, k = 0;
  INT_EQ(pl_dates_find(text, strlen(text), published, lang, &w, &n, NULL), 0);
  for (; want[3 * k]; k++) {
    OK(k < n);
    if (k >= n)
      break;
    char got[512];
    snprintf(got, sizeof got, "%.*s", (int)(w[k].end - w[k].start),
             text + w[k].start);
    STR_EQ(got, want[3 * k]);
    STR_EQ(w[k].from, want[3 * k + 1]);
    STR_EQ(w[k].to, want[3 * k + 2]);
  }
  INT_EQ(n, k);
  OK((n == 0) == (w == NULL));
  free(w);
}

static void test_invalid_dates(void) {
  /* none of these is a date: no expression, no crash */
  static const char *const none[] = {NULL};
  expect("on 31/02/2018 and 0000-00-00 and 99999-10-27 and 2018-13-01",
         "2018-11-28", NULL, none);
  expect("on 31 February 2018, 30 فبراير 2019", "2018-11-28", NULL, none);
  expect("version 1.2.2018.4 and 10.0.2018.1", "2018-11-28", NULL, none);
  static const char *const leap[] = {"29/02/2016", "2016-02-29",
                                     "2016-02-29", NULL};
  expect("29/02/2016 and 29/02/2018", "2018-11-28", NULL, leap);
  /* Rabi' al-awwal 1440 has 29 days in Umm al-Qura (1 Rabi' al-akhir is
     2018-12-08); Safar 1440 has 30 */
  static const char *const hij[] = {"30 صفر 1440 هـ", "2018-11-08",
                                    "2018-11-08", "1 ربيع الآخر 1440 هـ",
                                    "2018-12-08", "2018-12-08", NULL};
  expect("30 صفر 1440 هـ و30 ربيع الأول 1440 هـ و1 ربيع الآخر 1440 هـ",
         "2018-11-28", NULL, hij);
}

static void test_offsets_and_normalisation(void) {
  /* diacritics, tatweel and a proclitic: offsets stay in the original */
  static const char *const a[] = {"غداً", "2018-11-29", "2018-11-29",
                                  "الأربعـــاء المقبل", "2018-12-05",
                                  "2018-12-05", NULL};
  expect("وغداً يبدأ الاجتماع، ويعقد آخر الأربعـــاء المقبل", "2018-11-28",
         NULL, a);
  /* Persian digits */
  static const char *const p[] = {"۲۰۱۸-۱۰-۲۷", "2018-10-27", "2018-10-27",
                                  NULL};
  expect("في ۲۰۱۸-۱۰-۲۷", "2018-11-28", NULL, p);
}

static void test_unpublished_and_lang(void) {
  /* relative expressions stay unresolved without a publication date;
     absolute ones are resolved */
  static const char *const u[] = {"yesterday", "", "", "on 27 October 2018",
                                  "2018-10-27", "2018-10-27", NULL};
  expect("yesterday and on 27 October 2018", NULL, NULL, u);
  static const char *const en[] = {"yesterday", "2018-11-27", "2018-11-27",
                                   NULL};
  expect("أمس and yesterday", "2018-11-28", "en", en);
  static const char *const ar[] = {"أمس", "2018-11-27", "2018-11-27", NULL};
  expect("أمس and yesterday", "2018-11-28", "ar", ar);
  /* no signal: a bare weekday is the most recent one, or today */
  static const char *const wd[] = {"Wednesday", "2018-11-28", "2018-11-28",
                                   NULL};
  expect("Wednesday", "2018-11-28", NULL, wd);
}

static void test_bad_arguments(void) {
  pl_when *w = (pl_when *)&w;
  size_t n = 7;
  pl_error err = {0};
  INT_EQ(pl_dates_find("x", 1, "2018-02-30", NULL, &w, &n, &err), PL_EUSAGE);
  OK(w == NULL);
  INT_EQ(n, 0);
  OK(strstr(err.msg, "2018-02-30") != NULL);
  pl_error_clear(&err);
  INT_EQ(pl_dates_find("x", 1, "28/11/2018", NULL, &w, &n, &err), PL_EUSAGE);
  pl_error_clear(&err);
  INT_EQ(pl_dates_find("x", 1, "2018-11-28", "fr", &w, &n, &err), PL_EUSAGE);
  INT_EQ(pl_dates_find("", 0, "2018-11-28", NULL, &w, &n, NULL), 0);
  INT_EQ(n, 0);
  OK(w == NULL);
}

/* Scans text of size bytes built from unit; returns seconds. */
static double time_scan(const char *unit, size_t size, size_t *found) {
  size_t ul = strlen(unit), reps = size / ul;
  char *t = malloc(reps * ul + 1);
  if (!t)
    return -1;
  for (size_t i = 0; i < reps; i++)
    memcpy(t + i * ul, unit, ul);
  t[reps * ul] = '\0';
  pl_when *w = NULL;
  clock_t c0 = clock();
  int rc = pl_dates_find(t, reps * ul, "2018-11-28", NULL, &w, found, NULL);
  clock_t c1 = clock();
  free(w);
  free(t);
  return rc < 0 ? -1 : (double)(c1 - c0) / CLOCKS_PER_SEC;
}

static void test_linear(void) {
  /* repeated words that each start a candidate: 1 MiB and 5 MiB must
     scale about linearly (a quadratic scan would take 25 times longer) */
  static const char *const units[] = {"يوم ", "اليوم ", "من 12 و ", "on the ",
                                      "12 ", "الأربعاء "};
  for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
    size_t n1 = 0, n5 = 0;
    double t1 = time_scan(units[u], 1u << 20, &n1);
    double t5 = time_scan(units[u], 5u << 20, &n5);
    OK(t1 >= 0 && t5 >= 0);
    OK(t5 < 20.0); /* generous: sanitizer builds run ~5x slower */
    OK(t5 < 12 * t1 + 0.05);
    if (t5 >= 12 * t1 + 0.05 || t5 >= 20.0)
      fprintf(stderr, "  '%s': 1 MiB %.3fs, 5 MiB %.3fs\n", units[u], t1, t5);
  }
}

int main(void) {
  test_table();
  test_invalid_dates();
  test_offsets_and_normalisation();
  test_unpublished_and_lang();
  test_bad_arguments();
  test_linear();
  return HARNESS_DONE();
}
