/* pl_date_parse: the publication dates found in metadata — ISO 8601 dates
 * and datetimes ("2018-11-28", "2018-11-28T10:00:00+03:00", "20181128"),
 * RFC 822/1123 dates ("Wed, 28 Nov 2018 10:00:00 GMT"), and the written
 * English forms "November 28, 2018" and "28 November 2018". The date is
 * taken as written (no time-zone shift): it is the day the publisher
 * printed. */
#include <parley/when.h>

#include <ctype.h>
#include <string.h>

static int is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int valid_ymd(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= days_in_month(y, m);
}

static int emit(int y, int m, int d, char out[11]) {
  if (!valid_ymd(y, m, d))
    return PL_EINPUT;
  /* Written by hand: the ranges are checked, snprintf cannot know. */
  out[0] = (char)('0' + y / 1000);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  out[4] = '-';
  out[5] = (char)('0' + m / 10);
  out[6] = (char)('0' + m % 10);
  out[7] = '-';
  out[8] = (char)('0' + d / 10);
  out[9] = (char)('0' + d % 10);
  out[10] = '\0';
  return 0;
}

/* Reads exactly n digits at *s; returns the value or -1. */
static int digits(const char **s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (!isdigit((unsigned char)(*s)[i]))
      return -1;
    v = v * 10 + ((*s)[i] - '0');
  }
  *s += n;
  return v;
}

/* Reads 1 to max digits; returns the value or -1. */
static int number(const char **s, int max, int *count) {
  int v = 0, n = 0;
  while (n < max && isdigit((unsigned char)(*s)[n])) {
    v = v * 10 + ((*s)[n] - '0');
    n++;
  }
  if (!n || isdigit((unsigned char)(*s)[n]))
    return -1;
  *s += n;
  if (count)
    *count = n;
  return v;
}

static const char *const months[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

/* Reads an English month name (3-letter abbreviation, optionally with a
 * period, or full name); returns 1..12 or 0. */
static int month_name(const char **s) {
  char w[16];
  size_t n = 0;
  while (isalpha((unsigned char)(*s)[n]) && n < sizeof w - 1) {
    w[n] = (char)tolower((unsigned char)(*s)[n]);
    n++;
  }
  if (isalpha((unsigned char)(*s)[n]))
    return 0;
  w[n] = '\0';
  if (n < 3)
    return 0;
  for (int i = 0; i < 12; i++) {
    size_t full = strlen(months[i]);
    if ((n == 3 && !strncmp(w, months[i], 3)) ||
        (n == full && !strcmp(w, months[i])) ||
        (n == 4 && !strcmp(w, "sept") && i == 8)) {
      *s += n;
      if (**s == '.')
        (*s)++;
      return i + 1;
    }
  }
  return 0;
}

static void skip_space(const char **s) {
  while (isspace((unsigned char)**s))
    (*s)++;
}

/* True when what follows a date is acceptable: the end, or a time part
 * after 'T'/space. The time itself is not interpreted. */
static int tail_ok(const char *s) {
  if (!*s)
    return 1;
  if (*s == 'T' || *s == 't')
    return isdigit((unsigned char)s[1]);
  return isspace((unsigned char)*s);
}

static int parse_iso(const char *s, char out[11]) {
  const char *p = s;
  int y = digits(&p, 4);
  if (y < 0)
    return PL_EINPUT;
  int m, d;
  if (*p == '-' || *p == '/' || *p == '.') {
    char sep = *p++;
    if ((m = number(&p, 2, NULL)) < 0 || *p++ != sep ||
        (d = number(&p, 2, NULL)) < 0)
      return PL_EINPUT;
  } else {
    /* Basic format: YYYYMMDD. */
    if ((m = digits(&p, 2)) < 0 || (d = digits(&p, 2)) < 0 ||
        isdigit((unsigned char)*p))
      return PL_EINPUT;
  }
  if (!tail_ok(p))
    return PL_EINPUT;
  return emit(y, m, d, out);
}

static int year_of(const char **p) {
  int n;
  int y = number(p, 4, &n);
  if (y < 0 || n == 3 || n == 1)
    return -1;
  if (n == 2) /* RFC 822's two-digit years */
    y += y < 50 ? 2000 : 1900;
  return y;
}

static int parse_words(const char *s, char out[11]) {
  const char *p = s;
  /* An optional weekday: "Wed," or "Wednesday,". */
  if (isalpha((unsigned char)*p)) {
    const char *q = p;
    while (isalpha((unsigned char)*q))
      q++;
    if (*q == ',') {
      static const char *const wd[7] = {"mon", "tue", "wed", "thu",
                                        "fri", "sat", "sun"};
      char w[4] = {0};
      for (int i = 0; i < 3 && p + i < q; i++)
        w[i] = (char)tolower((unsigned char)p[i]);
      int ok = 0;
      for (int i = 0; i < 7; i++)
        if (!strcmp(w, wd[i]))
          ok = 1;
      if (!ok)
        return PL_EINPUT;
      p = q + 1;
      skip_space(&p);
    }
  }
  int y, m, d;
  if (isdigit((unsigned char)*p)) {
    /* "28 Nov 2018 ..." */
    if ((d = number(&p, 2, NULL)) < 0)
      return PL_EINPUT;
    if (*p == ' ' || *p == '-')
      p++;
    else
      return PL_EINPUT;
    skip_space(&p);
    if (!(m = month_name(&p)))
      return PL_EINPUT;
    if (*p == ' ' || *p == '-' || *p == ',')
      p++;
    else
      return PL_EINPUT;
    skip_space(&p);
    if ((y = year_of(&p)) < 0)
      return PL_EINPUT;
  } else {
    /* "November 28, 2018" */
    if (!(m = month_name(&p)))
      return PL_EINPUT;
    skip_space(&p);
    if ((d = number(&p, 2, NULL)) < 0)
      return PL_EINPUT;
    if (*p == ',')
      p++;
    skip_space(&p);
    int n;
    if ((y = number(&p, 4, &n)) < 0 || n != 4)
      return PL_EINPUT;
  }
  if (*p && !isspace((unsigned char)*p))
    return PL_EINPUT;
  return emit(y, m, d, out);
}

int pl_date_parse(const char *s, char out[11]) {
  char tmp[11];
  if (!s)
    return PL_EINPUT;
  skip_space(&s);
  /* Trailing white space is fine; anything else is checked by the forms. */
  int rc = isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
                   isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3])
               ? parse_iso(s, tmp)
               : parse_words(s, tmp);
  if (rc < 0)
    return PL_EINPUT;
  memcpy(out, tmp, 11);
  return 0;
}
