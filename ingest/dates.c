/* Date expressions in Arabic and English, resolved against a publication
 * date (issue 5).
 *
 * One pass turns the text into tokens (words, numbers, single punctuation
 * marks), each with its byte span in the original text and a normalised form
 * (Arabic alef/ta-marbuta/ya folded, marks and tatweel dropped, Eastern
 * Arabic and Persian digits made ASCII, Latin lower-cased). Each word is
 * looked up once in a small hash of lexicon entries (with Arabic proclitics
 * peeled off), then a left-to-right scan tries a handful of matchers at each
 * token; every matcher looks at a bounded number of tokens, so the whole is
 * linear in the text.
 *
 * Gregorian arithmetic is plain civil-day arithmetic (days since
 * 1970-01-01); Hijri dates go through ICU's islamic-umalqura calendar.
 *
 * Weeks: an Arabic expression counts weeks from Sunday to Saturday with the
 * weekend on Friday and Saturday; an English one from Monday to Sunday with
 * the weekend on Saturday and Sunday. */
#include <parley/when.h>

#include "hash.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include <unicode/ucal.h>
#include <unicode/utypes.h>

/* ---------------------------------------------------------------------- */
/* Civil-day arithmetic (proleptic Gregorian). */

static long long days_from_civil(long long y, int m, int d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long long *y, int *m, int *d) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static int is_leap(long long y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long long y, int m) {
  static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : md[m - 1];
}

/* 1 when y-m-d is a real date this module may print (years 1..9999). */
static int valid_ymd(long long y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= month_days(y, m);
}

/* 0 = Sunday .. 6 = Saturday. */
static int weekday_of(long long days) {
  long long w = (days + 4) % 7;
  return (int)(w < 0 ? w + 7 : w);
}

/* ---------------------------------------------------------------------- */
/* UTF-8 and normalisation. */

/* Decodes one code point at s (n > 0 bytes left); stores its length in
 * *len. An invalid sequence is U+FFFD of length 1. */
static inline unsigned utf8_next(const unsigned char *s, size_t n,
                                 size_t *len) {
  unsigned c = s[0];
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  int k = c >= 0xF0 && c < 0xF5 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : -1;
  if (k < 0 || c >= 0xF5 || (size_t)k >= n) {
    *len = 1;
    return 0xFFFD;
  }
  unsigned cp = c & (0x3F >> k);
  for (int i = 1; i <= k; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (k == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
    *len = 1;
    return 0xFFFD;
  }
  *len = (size_t)k + 1;
  return cp;
}

static size_t utf8_put(char *o, unsigned cp) {
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  o[0] = (char)(0xE0 | (cp >> 12));
  o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[2] = (char)(0x80 | (cp & 0x3F));
  return 3;
}

enum { CH_SPACE, CH_NL, CH_AR, CH_MARK, CH_LAT, CH_DIGIT, CH_PUNCT };

static inline int char_class(unsigned cp) {
  if (cp < 0x80) { /* the common cases first */
    if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
      return CH_LAT;
    if (cp == ' ')
      return CH_SPACE;
  } else if (cp >= 0x621 && cp <= 0x63A) {
    return CH_AR;
  }
  if (cp == '\n')
    return CH_NL;
  if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f' ||
      cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x200E ||
      cp == 0x200F || (cp >= 0x202A && cp <= 0x202F) ||
      (cp >= 0x2066 && cp <= 0x2069) || cp == 0x3000 || cp == 0xFEFF ||
      cp == 0x061C || cp == 0x2028 || cp == 0x2029)
    return cp == 0x2028 || cp == 0x2029 ? CH_NL : CH_SPACE;
  if ((cp >= '0' && cp <= '9') || (cp >= 0x660 && cp <= 0x669) ||
      (cp >= 0x6F0 && cp <= 0x6F9))
    return CH_DIGIT;
  if ((cp >= 0x64B && cp <= 0x65F) || cp == 0x670 || cp == 0x640 ||
      (cp >= 0x6D6 && cp <= 0x6ED) || cp == 0x200C)
    return CH_MARK;
  if ((cp >= 0x621 && cp <= 0x63A) || (cp >= 0x641 && cp <= 0x64A) ||
      (cp >= 0x66E && cp <= 0x66F) || (cp >= 0x671 && cp <= 0x6D3) ||
      cp == 0x6D5 || (cp >= 0x6FA && cp <= 0x6FC))
    return CH_AR;
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
      (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7))
    return CH_LAT;
  return CH_PUNCT;
}

static unsigned fold_letter(unsigned cp) {
  switch (cp) {
  case 0x622: case 0x623: case 0x625: case 0x671: return 0x627; /* alef */
  case 0x629: return 0x647;                                      /* ta marbuta */
  case 0x649: case 0x6CC: return 0x64A;                          /* ya */
  case 0x6A9: return 0x643;                                      /* keheh */
  default: break;
  }
  if (cp >= 'A' && cp <= 'Z')
    return cp + 32;
  return cp;
}

static unsigned digit_value(unsigned cp) {
  if (cp <= '9')
    return cp - '0';
  if (cp <= 0x669)
    return cp - 0x660;
  return cp - 0x6F0;
}

/* Appends code point cp of a word, normalised, to out (o bytes used of
 * cap); returns the new length, or cap when it does not fit (and from then
 * on). Marks are dropped. */
static size_t norm_put(char *out, size_t o, size_t cap, unsigned cp) {
  if (o >= cap || char_class(cp) == CH_MARK)
    return o;
  char tmp[4];
  size_t k = utf8_put(tmp, fold_letter(cp));
  if (o + k >= cap)
    return cap;
  memcpy(out + o, tmp, k);
  return o + k;
}

/* Normalises the word s[0..n) (letters and marks only) into out (cap
 * bytes); returns the length, or cap when it did not fit. */
static size_t norm_word(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0, i = 0;
  while (i < n && o < cap) {
    size_t l;
    unsigned cp = utf8_next((const unsigned char *)s + i, n - i, &l);
    i += l;
    o = norm_put(out, o, cap, cp);
  }
  if (o < cap)
    out[o] = '\0';
  return o;
}

/* ---------------------------------------------------------------------- */
/* The lexicon. */

enum lexclass {
  C_WDAY = 1, /* weekday, val 0 = Sunday */
  C_MON,      /* Gregorian month name, val 1..12 */
  C_MONABBR,  /* English month abbreviation */
  C_LEV,      /* Levantine (Syriac) month, one word */
  C_LEV1,     /* first word of كانون (1) / تشرين (2) */
  C_HIJ,      /* Hijri month, one word */
  C_HIJ1,     /* first word of ربيع (1), جمادى (2), ذو/ذي (3) */
  C_ORDW,     /* ordinal word, val 1..20 or 30 */
  C_TENS,     /* عشر (10), (و)العشرين (20), (و)الثلاثين (30), twenty.. */
  C_REL,      /* today 0, yesterday -1, tomorrow 1 */
  C_GHAD,     /* غد: tomorrow after يوم/صباح/بعد */
  C_DAYPART,  /* صباح, مساء (before) / morning (after) */
  C_UNIT,     /* val unit*10 + form: unit 1 day 2 week 3 month 4 year;
                 form 1 one, 2 two (dual), 3 plural */
  C_NUMW,     /* cardinal word, val 1..12 */
  C_MOD,      /* -1 last/الماضي, 1 next/المقبل, 0 this/الجاري */
  C_PART,     /* 1 early, 2 mid, 3 late/end */
  C_PERIOD,   /* definite Arabic period: 2 الأسبوع, 3 الشهر, 4 العام */
  C_FUT,      /* a future-tense signal */
  C_PAST,     /* a past-tense signal */
  C_NOTFUT,   /* a س-word that is no future verb */
  C_NOTPAST,  /* an -ed word that is no past verb */
  C_DAYSUF,   /* st nd rd th */
  C_W         /* a function word, val one of W_* */
};

enum {
  W_THE = 1, W_DAY, W_AFTER, W_BEFORE, W_ON, W_YAWM, W_YAWMAY, W_BAAD,
  W_AWWAL, W_MIN, W_ULA, W_OF, W_IN, W_FROM, W_BETWEEN, W_BAYN, W_TO,
  W_UNTIL, W_ILA, W_AND, W_WA, W_FI, W_HADHA, W_EARLIER, W_LATER, W_AGO,
  W_MUNDHU, W_QABL, W_ABOUT, W_SHAHR, W_AAM, W_HIJRI, W_M, W_WEEKEND, W_THIS,
  W_WAQT, W_SABIQ, W_LAHIQ, W_SINCE, W_DURING, W_BY, W_AWWAL_DEF, W_THANI,
  W_AKHAR, W_THANIYA, W_QIDA, W_HIJJA, W_SAME, W_AMS, W_GHADAN
};

enum { LA = 1, LE = 2, LB = 3 }; /* language of an entry: ar, en, both */

typedef struct lexent {
  const char *w; /* the word as written (normalised at start) */
  unsigned char cls; /* enum lexclass */
  unsigned char lang; /* LA, LE or LB */
  short val;          /* class-specific value */
} lexent;

static const lexent LEX[] = {
    /* weekdays */
    {"الأحد", C_WDAY, LA, 0}, {"الاثنين", C_WDAY, LA, 1},
    {"الإثنين", C_WDAY, LA, 1}, {"الثلاثاء", C_WDAY, LA, 2},
    {"الأربعاء", C_WDAY, LA, 3}, {"الخميس", C_WDAY, LA, 4},
    {"الجمعة", C_WDAY, LA, 5}, {"السبت", C_WDAY, LA, 6},
    {"sunday", C_WDAY, LE, 0}, {"monday", C_WDAY, LE, 1},
    {"tuesday", C_WDAY, LE, 2}, {"wednesday", C_WDAY, LE, 3},
    {"thursday", C_WDAY, LE, 4}, {"friday", C_WDAY, LE, 5},
    {"saturday", C_WDAY, LE, 6},
    /* Gregorian months, Arabic spellings (Egyptian, Gulf, Maghrebi) */
    {"يناير", C_MON, LA, 1}, {"جانفي", C_MON, LA, 1},
    {"فبراير", C_MON, LA, 2}, {"فيفري", C_MON, LA, 2},
    {"مارس", C_MON, LA, 3}, {"أبريل", C_MON, LA, 4},
    {"إبريل", C_MON, LA, 4}, {"أفريل", C_MON, LA, 4},
    {"مايو", C_MON, LA, 5}, {"يونيو", C_MON, LA, 6},
    {"يونيه", C_MON, LA, 6}, {"جوان", C_MON, LA, 6},
    {"يوليو", C_MON, LA, 7}, {"يوليه", C_MON, LA, 7},
    {"يوليوز", C_MON, LA, 7}, {"جويلية", C_MON, LA, 7},
    {"أغسطس", C_MON, LA, 8}, {"غشت", C_MON, LA, 8},
    {"سبتمبر", C_MON, LA, 9}, {"شتنبر", C_MON, LA, 9},
    {"أكتوبر", C_MON, LA, 10}, {"نوفمبر", C_MON, LA, 11},
    {"نونبر", C_MON, LA, 11}, {"ديسمبر", C_MON, LA, 12},
    {"دجنبر", C_MON, LA, 12},
    /* Gregorian months, English */
    {"january", C_MON, LE, 1}, {"february", C_MON, LE, 2},
    {"march", C_MON, LE, 3}, {"april", C_MON, LE, 4}, {"may", C_MON, LE, 5},
    {"june", C_MON, LE, 6}, {"july", C_MON, LE, 7},
    {"august", C_MON, LE, 8}, {"september", C_MON, LE, 9},
    {"october", C_MON, LE, 10}, {"november", C_MON, LE, 11},
    {"december", C_MON, LE, 12}, {"jan", C_MONABBR, LE, 1},
    {"feb", C_MONABBR, LE, 2}, {"mar", C_MONABBR, LE, 3},
    {"apr", C_MONABBR, LE, 4}, {"jun", C_MONABBR, LE, 6},
    {"jul", C_MONABBR, LE, 7}, {"aug", C_MONABBR, LE, 8},
    {"sep", C_MONABBR, LE, 9}, {"sept", C_MONABBR, LE, 9},
    {"oct", C_MONABBR, LE, 10}, {"nov", C_MONABBR, LE, 11},
    {"dec", C_MONABBR, LE, 12},
    /* Levantine months */
    {"كانون", C_LEV1, LA, 1}, {"شباط", C_LEV, LA, 2}, {"آذار", C_LEV, LA, 3},
    {"نيسان", C_LEV, LA, 4}, {"أيار", C_LEV, LA, 5},
    {"حزيران", C_LEV, LA, 6}, {"تموز", C_LEV, LA, 7}, {"آب", C_LEV, LA, 8},
    {"أيلول", C_LEV, LA, 9}, {"تشرين", C_LEV1, LA, 2},
    /* Hijri months */
    {"محرم", C_HIJ, LA, 1}, {"صفر", C_HIJ, LA, 2}, {"ربيع", C_HIJ1, LA, 1},
    {"جمادى", C_HIJ1, LA, 2}, {"رجب", C_HIJ, LA, 7}, {"شعبان", C_HIJ, LA, 8},
    {"رمضان", C_HIJ, LA, 9}, {"شوال", C_HIJ, LA, 10}, {"ذو", C_HIJ1, LA, 3},
    {"ذي", C_HIJ1, LA, 3},
    {"muharram", C_HIJ, LE, 1}, {"safar", C_HIJ, LE, 2},
    {"rajab", C_HIJ, LE, 7}, {"shaban", C_HIJ, LE, 8},
    {"sha'ban", C_HIJ, LE, 8}, {"ramadan", C_HIJ, LE, 9},
    {"ramadhan", C_HIJ, LE, 9}, {"shawwal", C_HIJ, LE, 10},
    {"ah", C_W, LE, W_HIJRI},
    /* second words of two-word months */
    {"الأول", C_W, LA, W_AWWAL_DEF}, {"الثاني", C_W, LA, W_THANI},
    {"الآخر", C_W, LA, W_AKHAR}, {"الآخرة", C_W, LA, W_AKHAR},
    {"الأولى", C_W, LA, W_ULA}, {"الثانية", C_W, LA, W_THANIYA},
    {"القعدة", C_W, LA, W_QIDA}, {"الحجة", C_W, LA, W_HIJJA},
    /* ordinal words */
    {"الأول", C_ORDW, LA, 1}, {"الحادي", C_ORDW, LA, 1},
    {"الثاني", C_ORDW, LA, 2}, {"الثالث", C_ORDW, LA, 3},
    {"الرابع", C_ORDW, LA, 4}, {"الخامس", C_ORDW, LA, 5},
    {"السادس", C_ORDW, LA, 6}, {"السابع", C_ORDW, LA, 7},
    {"الثامن", C_ORDW, LA, 8}, {"التاسع", C_ORDW, LA, 9},
    {"العاشر", C_ORDW, LA, 10}, {"عشر", C_TENS, LA, 10},
    {"العشرين", C_TENS, LA, 20}, {"الثلاثين", C_TENS, LA, 30},
    {"first", C_ORDW, LE, 1}, {"second", C_ORDW, LE, 2},
    {"third", C_ORDW, LE, 3}, {"fourth", C_ORDW, LE, 4},
    {"fifth", C_ORDW, LE, 5}, {"sixth", C_ORDW, LE, 6},
    {"seventh", C_ORDW, LE, 7}, {"eighth", C_ORDW, LE, 8},
    {"ninth", C_ORDW, LE, 9}, {"tenth", C_ORDW, LE, 10},
    {"eleventh", C_ORDW, LE, 11}, {"twelfth", C_ORDW, LE, 12},
    {"thirteenth", C_ORDW, LE, 13}, {"fourteenth", C_ORDW, LE, 14},
    {"fifteenth", C_ORDW, LE, 15}, {"sixteenth", C_ORDW, LE, 16},
    {"seventeenth", C_ORDW, LE, 17}, {"eighteenth", C_ORDW, LE, 18},
    {"nineteenth", C_ORDW, LE, 19}, {"twentieth", C_ORDW, LE, 20},
    {"thirtieth", C_ORDW, LE, 30}, {"twenty", C_TENS, LE, 20},
    {"thirty", C_TENS, LE, 30},
    /* relative days */
    {"اليوم", C_REL, LA, 0}, {"أمس", C_REL, LA, -1}, {"الأمس", C_REL, LA, -1},
    {"البارحة", C_REL, LA, -1}, {"غدا", C_REL, LA, 1}, {"غد", C_GHAD, LA, 1},
    {"أمس", C_W, LA, W_AMS}, {"الأمس", C_W, LA, W_AMS},
    {"غدا", C_W, LA, W_GHADAN}, {"غد", C_W, LA, W_GHADAN},
    {"today", C_REL, LE, 0}, {"tonight", C_REL, LE, 0},
    {"yesterday", C_REL, LE, -1}, {"tomorrow", C_REL, LE, 1},
    {"صباح", C_DAYPART, LA, 1}, {"مساء", C_DAYPART, LA, 1},
    {"ليل", C_DAYPART, LA, 1}, {"ليلة", C_DAYPART, LA, 1},
    {"ظهر", C_DAYPART, LA, 1}, {"عصر", C_DAYPART, LA, 1},
    {"فجر", C_DAYPART, LA, 1}, {"ظهيرة", C_DAYPART, LA, 1},
    {"morning", C_DAYPART, LE, 1}, {"afternoon", C_DAYPART, LE, 1},
    {"evening", C_DAYPART, LE, 1}, {"night", C_DAYPART, LE, 1},
    /* units */
    {"يوم", C_UNIT, LA, 11}, {"يوما", C_UNIT, LA, 11},
    {"يومين", C_UNIT, LA, 12}, {"يومان", C_UNIT, LA, 12},
    {"أيام", C_UNIT, LA, 13}, {"أسبوع", C_UNIT, LA, 21},
    {"أسبوعا", C_UNIT, LA, 21}, {"أسبوعين", C_UNIT, LA, 22},
    {"أسابيع", C_UNIT, LA, 23}, {"شهر", C_UNIT, LA, 31},
    {"شهرا", C_UNIT, LA, 31}, {"شهرين", C_UNIT, LA, 32},
    {"أشهر", C_UNIT, LA, 33}, {"شهور", C_UNIT, LA, 33},
    {"عام", C_UNIT, LA, 41}, {"عاما", C_UNIT, LA, 41},
    {"عامين", C_UNIT, LA, 42}, {"أعوام", C_UNIT, LA, 43},
    {"سنة", C_UNIT, LA, 41}, {"سنتين", C_UNIT, LA, 42},
    {"سنوات", C_UNIT, LA, 43}, {"سنين", C_UNIT, LA, 43},
    {"day", C_UNIT, LE, 11}, {"days", C_UNIT, LE, 13},
    {"week", C_UNIT, LE, 21}, {"weeks", C_UNIT, LE, 23},
    {"month", C_UNIT, LE, 31}, {"months", C_UNIT, LE, 33},
    {"year", C_UNIT, LE, 41}, {"years", C_UNIT, LE, 43},
    {"الأسبوع", C_PERIOD, LA, 2}, {"الشهر", C_PERIOD, LA, 3},
    {"العام", C_PERIOD, LA, 4}, {"السنة", C_PERIOD, LA, 4},
    /* cardinal words */
    {"واحد", C_NUMW, LA, 1}, {"ثلاثة", C_NUMW, LA, 3},
    {"ثلاث", C_NUMW, LA, 3}, {"أربعة", C_NUMW, LA, 4},
    {"أربع", C_NUMW, LA, 4}, {"خمسة", C_NUMW, LA, 5},
    {"خمس", C_NUMW, LA, 5}, {"ستة", C_NUMW, LA, 6}, {"ست", C_NUMW, LA, 6},
    {"سبعة", C_NUMW, LA, 7}, {"سبع", C_NUMW, LA, 7},
    {"ثمانية", C_NUMW, LA, 8}, {"ثماني", C_NUMW, LA, 8},
    {"تسعة", C_NUMW, LA, 9}, {"تسع", C_NUMW, LA, 9},
    {"عشرة", C_NUMW, LA, 10}, {"عشر", C_NUMW, LA, 10},
    {"a", C_NUMW, LE, 1}, {"an", C_NUMW, LE, 1}, {"one", C_NUMW, LE, 1},
    {"two", C_NUMW, LE, 2}, {"three", C_NUMW, LE, 3},
    {"four", C_NUMW, LE, 4}, {"five", C_NUMW, LE, 5},
    {"six", C_NUMW, LE, 6}, {"seven", C_NUMW, LE, 7},
    {"eight", C_NUMW, LE, 8}, {"nine", C_NUMW, LE, 9},
    {"ten", C_NUMW, LE, 10}, {"eleven", C_NUMW, LE, 11},
    {"twelve", C_NUMW, LE, 12},
    /* modifiers */
    {"الماضي", C_MOD, LA, -1}, {"الماضية", C_MOD, LA, -1},
    {"المنصرم", C_MOD, LA, -1}, {"المنصرمة", C_MOD, LA, -1},
    {"الفائت", C_MOD, LA, -1}, {"الفائتة", C_MOD, LA, -1},
    {"المقبل", C_MOD, LA, 1}, {"المقبلة", C_MOD, LA, 1},
    {"القادم", C_MOD, LA, 1}, {"القادمة", C_MOD, LA, 1},
    {"الجاري", C_MOD, LA, 0}, {"الجارية", C_MOD, LA, 0},
    {"الحالي", C_MOD, LA, 0}, {"الحالية", C_MOD, LA, 0},
    {"last", C_MOD, LE, -1}, {"previous", C_MOD, LE, -1},
    {"next", C_MOD, LE, 1}, {"coming", C_MOD, LE, 1},
    {"this", C_MOD, LE, 0}, {"current", C_MOD, LE, 0},
    /* parts */
    {"مطلع", C_PART, LA, 1}, {"أوائل", C_PART, LA, 1},
    {"بداية", C_PART, LA, 1}, {"مستهل", C_PART, LA, 1},
    {"منتصف", C_PART, LA, 2}, {"أواسط", C_PART, LA, 2},
    {"أواخر", C_PART, LA, 3}, {"نهاية", C_PART, LA, 3},
    {"early", C_PART, LE, 1}, {"beginning", C_PART, LE, 1},
    {"start", C_PART, LE, 1}, {"mid", C_PART, LE, 2},
    {"middle", C_PART, LE, 2}, {"late", C_PART, LE, 3},
    {"end", C_PART, LE, 3},
    /* function words */
    {"the", C_W, LE, W_THE}, {"day", C_W, LE, W_DAY},
    {"after", C_W, LE, W_AFTER}, {"before", C_W, LE, W_BEFORE},
    {"on", C_W, LE, W_ON}, {"يوم", C_W, LA, W_YAWM},
    {"يومي", C_W, LA, W_YAWMAY}, {"بعد", C_W, LA, W_BAAD},
    {"أول", C_W, LA, W_AWWAL}, {"من", C_W, LA, W_MIN}, {"of", C_W, LE, W_OF},
    {"in", C_W, LE, W_IN}, {"from", C_W, LE, W_FROM},
    {"between", C_W, LE, W_BETWEEN}, {"بين", C_W, LA, W_BAYN},
    {"to", C_W, LE, W_TO}, {"until", C_W, LE, W_UNTIL},
    {"till", C_W, LE, W_UNTIL}, {"through", C_W, LE, W_UNTIL},
    {"إلى", C_W, LA, W_ILA}, {"حتى", C_W, LA, W_UNTIL},
    {"and", C_W, LE, W_AND}, {"و", C_W, LA, W_WA}, {"في", C_W, LA, W_FI},
    {"هذا", C_W, LA, W_HADHA}, {"هذه", C_W, LA, W_HADHA},
    {"earlier", C_W, LE, W_EARLIER}, {"later", C_W, LE, W_LATER},
    {"ago", C_W, LE, W_AGO}, {"منذ", C_W, LA, W_MUNDHU},
    {"قبل", C_W, LA, W_QABL}, {"نحو", C_W, LA, W_ABOUT},
    {"حوالي", C_W, LA, W_ABOUT}, {"قرابة", C_W, LA, W_ABOUT},
    {"about", C_W, LE, W_ABOUT}, {"nearly", C_W, LE, W_ABOUT},
    {"almost", C_W, LE, W_ABOUT}, {"some", C_W, LE, W_ABOUT},
    {"around", C_W, LE, W_ABOUT}, {"شهر", C_W, LA, W_SHAHR},
    {"عام", C_W, LA, W_AAM}, {"العام", C_W, LA, W_AAM},
    {"سنة", C_W, LA, W_AAM}, {"ه", C_W, LA, W_HIJRI},
    {"هجري", C_W, LA, W_HIJRI}, {"هجرية", C_W, LA, W_HIJRI},
    {"م", C_W, LA, W_M}, {"weekend", C_W, LE, W_WEEKEND},
    {"this", C_W, LE, W_THIS}, {"وقت", C_W, LA, W_WAQT},
    {"سابق", C_W, LA, W_SABIQ}, {"لاحق", C_W, LA, W_LAHIQ},
    {"since", C_W, LE, W_SINCE}, {"during", C_W, LE, W_DURING},
    {"خلال", C_W, LA, W_DURING}, {"by", C_W, LE, W_BY},
    {"التالي", C_W, LA, W_SAME}, {"نفسه", C_W, LA, W_SAME},
    {"ذاته", C_W, LA, W_SAME}, {"الوطني", C_W, LA, W_SAME},
    {"العالمي", C_W, LA, W_SAME}, {"الدولي", C_W, LA, W_SAME},
    {"st", C_DAYSUF, LE, 1}, {"nd", C_DAYSUF, LE, 1},
    {"rd", C_DAYSUF, LE, 1}, {"th", C_DAYSUF, LE, 1},
    /* tense: Arabic future */
    {"سوف", C_FUT, LA, 1}, {"المقبل", C_FUT, LA, 1},
    {"المقبلة", C_FUT, LA, 1}, {"القادم", C_FUT, LA, 1},
    {"القادمة", C_FUT, LA, 1}, {"المزمع", C_FUT, LA, 1},
    {"المزمعة", C_FUT, LA, 1}, {"المقرر", C_FUT, LA, 1},
    {"المنتظر", C_FUT, LA, 1}, {"المرتقب", C_FUT, LA, 1},
    {"المرتقبة", C_FUT, LA, 1}, {"يعتزم", C_FUT, LA, 1},
    {"تعتزم", C_FUT, LA, 1}, {"غدا", C_FUT, LA, 1},
    /* tense: Arabic past */
    {"قال", C_PAST, LA, 1}, {"قالت", C_PAST, LA, 1}, {"قالوا", C_PAST, LA, 1},
    {"أعلن", C_PAST, LA, 1}, {"أعلنت", C_PAST, LA, 1},
    {"التقى", C_PAST, LA, 1}, {"التقت", C_PAST, LA, 1},
    {"التقوا", C_PAST, LA, 1}, {"اجتمع", C_PAST, LA, 1},
    {"اجتمعت", C_PAST, LA, 1}, {"اجتمعوا", C_PAST, LA, 1},
    {"عقد", C_PAST, LA, 1}, {"عقدت", C_PAST, LA, 1},
    {"عقدوا", C_PAST, LA, 1}, {"بدأ", C_PAST, LA, 1},
    {"بدأت", C_PAST, LA, 1}, {"جرى", C_PAST, LA, 1}, {"جرت", C_PAST, LA, 1},
    {"وصل", C_PAST, LA, 1}, {"وصلت", C_PAST, LA, 1},
    {"وصلوا", C_PAST, LA, 1}, {"أكد", C_PAST, LA, 1},
    {"أكدت", C_PAST, LA, 1}, {"ذكر", C_PAST, LA, 1}, {"ذكرت", C_PAST, LA, 1},
    {"أفاد", C_PAST, LA, 1}, {"أفادت", C_PAST, LA, 1},
    {"كان", C_PAST, LA, 1}, {"كانت", C_PAST, LA, 1},
    {"أجرى", C_PAST, LA, 1}, {"أجرت", C_PAST, LA, 1},
    {"شارك", C_PAST, LA, 1}, {"شاركت", C_PAST, LA, 1},
    {"انطلقت", C_PAST, LA, 1}, {"انطلق", C_PAST, LA, 1},
    {"انتهت", C_PAST, LA, 1}, {"انتهى", C_PAST, LA, 1},
    {"اختتم", C_PAST, LA, 1}, {"اختتمت", C_PAST, LA, 1},
    {"غادر", C_PAST, LA, 1}, {"غادرت", C_PAST, LA, 1},
    {"زار", C_PAST, LA, 1}, {"زارت", C_PAST, LA, 1}, {"نقلت", C_PAST, LA, 1},
    {"نقل", C_PAST, LA, 1}, {"تلقى", C_PAST, LA, 1},
    {"صرح", C_PAST, LA, 1}, {"صرحت", C_PAST, LA, 1},
    {"أوضح", C_PAST, LA, 1}, {"أضاف", C_PAST, LA, 1},
    {"أضافت", C_PAST, LA, 1}, {"شهد", C_PAST, LA, 1},
    {"شهدت", C_PAST, LA, 1}, {"اتفق", C_PAST, LA, 1},
    {"اتفقت", C_PAST, LA, 1}, {"وقع", C_PAST, LA, 1},
    {"وقعت", C_PAST, LA, 1}, {"قاطع", C_PAST, LA, 1},
    {"رفض", C_PAST, LA, 1}, {"رفضت", C_PAST, LA, 1},
    {"التقى", C_PAST, LA, 1}, {"وافق", C_PAST, LA, 1},
    {"وافقت", C_PAST, LA, 1}, {"حضر", C_PAST, LA, 1},
    {"حضرت", C_PAST, LA, 1}, {"أمس", C_PAST, LA, 1},
    {"عقدتا", C_PAST, LA, 1}, {"جرتا", C_PAST, LA, 1},
    {"التقيا", C_PAST, LA, 1}, {"اجتمعا", C_PAST, LA, 1},
    {"لم", C_PAST, LA, 1}, {"لن", C_FUT, LA, 1},
    {"الماضي", C_PAST, LA, 1}, {"الماضية", C_PAST, LA, 1},
    {"المنصرم", C_PAST, LA, 1}, {"الفائت", C_PAST, LA, 1},
    /* س-words that are not future verbs */
    {"سياسي", C_NOTFUT, LA, 1}, {"سياسية", C_NOTFUT, LA, 1},
    {"سياسيا", C_NOTFUT, LA, 1}, {"سياسات", C_NOTFUT, LA, 1},
    {"سياسيين", C_NOTFUT, LA, 1}, {"سيطرة", C_NOTFUT, LA, 1},
    {"سيارة", C_NOTFUT, LA, 1}, {"سيارات", C_NOTFUT, LA, 1},
    {"سنة", C_NOTFUT, LA, 1}, {"سنوات", C_NOTFUT, LA, 1},
    {"سنتين", C_NOTFUT, LA, 1}, {"سنين", C_NOTFUT, LA, 1},
    {"ستة", C_NOTFUT, LA, 1}, {"ستين", C_NOTFUT, LA, 1},
    {"ستيفان", C_NOTFUT, LA, 1}, {"ستفان", C_NOTFUT, LA, 1},
    {"سيرجي", C_NOTFUT, LA, 1}, {"سيناء", C_NOTFUT, LA, 1},
    /* given names that read like future verbs */
    {"سيرغي", C_NOTFUT, LA, 1}, {"سيرجيه", C_NOTFUT, LA, 1},
    {"سيدات", C_NOTFUT, LA, 1}, {"ستافان", C_NOTFUT, LA, 1},
    {"سيمون", C_NOTFUT, LA, 1}, {"سيريل", C_NOTFUT, LA, 1},
    {"ستيفن", C_NOTFUT, LA, 1}, {"ستيف", C_NOTFUT, LA, 1},
    {"سيباستيان", C_NOTFUT, LA, 1}, {"ستانلي", C_NOTFUT, LA, 1},
    {"سيف", C_NOTFUT, LA, 1}, {"سيدي", C_NOTFUT, LA, 1},
    {"سيغريد", C_NOTFUT, LA, 1}, {"سيلفان", C_NOTFUT, LA, 1},
    {"سيادة", C_NOTFUT, LA, 1}, {"سياق", C_NOTFUT, LA, 1},
    {"سيناريو", C_NOTFUT, LA, 1}, {"سيد", C_NOTFUT, LA, 1},
    {"سيدة", C_NOTFUT, LA, 1}, {"سيول", C_NOTFUT, LA, 1},
    {"ستوكهولم", C_NOTFUT, LA, 1}, {"سنوية", C_NOTFUT, LA, 1},
    {"سنوي", C_NOTFUT, LA, 1}, {"سنويا", C_NOTFUT, LA, 1},
    /* tense: English */
    {"will", C_FUT, LE, 1}, {"would", C_FUT, LE, 1}, {"shall", C_FUT, LE, 1}, {"ll", C_FUT, LE, 1},
    {"due", C_FUT, LE, 1}, {"expected", C_FUT, LE, 1},
    {"scheduled", C_FUT, LE, 1}, {"planned", C_FUT, LE, 1},
    {"upcoming", C_FUT, LE, 1}, {"going", C_FUT, LE, 1},
    {"next", C_FUT, LE, 1}, {"tomorrow", C_FUT, LE, 1},
    {"plans", C_FUT, LE, 1}, {"intends", C_FUT, LE, 1},
    {"met", C_PAST, LE, 1}, {"said", C_PAST, LE, 1}, {"held", C_PAST, LE, 1},
    {"was", C_PAST, LE, 1}, {"were", C_PAST, LE, 1}, {"had", C_PAST, LE, 1},
    {"did", C_PAST, LE, 1}, {"told", C_PAST, LE, 1}, {"began", C_PAST, LE, 1},
    {"flew", C_PAST, LE, 1}, {"went", C_PAST, LE, 1}, {"came", C_PAST, LE, 1},
    {"gave", C_PAST, LE, 1}, {"took", C_PAST, LE, 1}, {"made", C_PAST, LE, 1},
    {"left", C_PAST, LE, 1}, {"saw", C_PAST, LE, 1}, {"sent", C_PAST, LE, 1},
    {"spoke", C_PAST, LE, 1}, {"wrote", C_PAST, LE, 1},
    {"broke", C_PAST, LE, 1}, {"won", C_PAST, LE, 1}, {"lost", C_PAST, LE, 1},
    {"fell", C_PAST, LE, 1}, {"led", C_PAST, LE, 1}, {"ran", C_PAST, LE, 1},
    {"brought", C_PAST, LE, 1}, {"sought", C_PAST, LE, 1},
    {"last", C_PAST, LE, 1}, {"yesterday", C_PAST, LE, 1},
    {"ago", C_PAST, LE, 1}, {"has", C_PAST, LE, 1}, {"have", C_PAST, LE, 1},
    /* -ed words that are not past verbs */
    {"united", C_NOTPAST, LE, 1}, {"hundred", C_NOTPAST, LE, 1},
    {"need", C_NOTPAST, LE, 1}, {"indeed", C_NOTPAST, LE, 1},
    {"speed", C_NOTPAST, LE, 1}, {"proceed", C_NOTPAST, LE, 1},
    {"limited", C_NOTPAST, LE, 1}, {"armed", C_NOTPAST, LE, 1},
    {"red", C_NOTPAST, LE, 1}, {"based", C_NOTPAST, LE, 1},
    {"backed", C_NOTPAST, LE, 1}, {"related", C_NOTPAST, LE, 1},
    {"succeed", C_NOTPAST, LE, 1}, {"seed", C_NOTPAST, LE, 1},
    {"feed", C_NOTPAST, LE, 1}, {"creed", C_NOTPAST, LE, 1},
};

enum { NLEX = sizeof LEX / sizeof LEX[0], HBITS = 11, HSIZE = 1 << HBITS };

/* Bit of lexicon class cls in a class mask, and of function word wid in a
 * word mask: the matchers test a token's classes and words with one AND. */
#define CB(cls) ((uint32_t)1 << (cls))
#define WB(wid) ((uint64_t)1 << (wid))
_Static_assert(C_W < 32, "lexicon classes must fit a 32-bit mask");
_Static_assert(W_GHADAN < 64, "function words must fit a 64-bit mask");

/* ---------------------------------------------------------------------- */
/* Tokens and the per-call state. */

enum { K_AR = 1, K_LAT, K_NUM, K_PUNCT };
enum { F_SPACE = 1, F_BREAK = 2, F_UPPER = 4 };

typedef struct tok {
  uint32_t s, e; /* byte span in the original text */
  int32_t lex;   /* first lexicon entry of the word's chain, or -1 */
  int32_t val;   /* number value (K_NUM; -1 past 7 digits) or code point */
  uint32_t cm;   /* CB() of the classes of its usable entries, or 0 */
  uint16_t mm;   /* bit m: MATCHERS[m] may start here; MM_AT: a word that
                    match_at looks past; 0: no phrase starts here */
  uint8_t kind;  /* K_* */
  uint8_t fl;    /* F_* bits */
  uint8_t ndig;  /* digits in a number (capped at 9) */
  int8_t sig;    /* tense signal: 1 future, -1 past, 0 none */
  uint8_t peel;  /* proclitic letters peeled off to find the word */
} tok;

typedef struct lexkey {
  char k[48];   /* normalised key */
  uint8_t n;    /* its length in bytes */
  int32_t next; /* next entry with the same key, or -1 */
} lexkey;

typedef struct ctx {
  const char *text;          /* the text searched */
  tok *t;                    /* tokens */
  size_t nt;                 /* number of tokens */
  int langs;                 /* LA, LE or LB */
  const lexkey *keys;        /* normalised lexicon keys and chains */
  const uint32_t *cm;        /* per entry: CB() of its chain's usable classes */
  const uint64_t *wm;        /* per entry: WB() of its chain's usable words */
  const uint16_t *mm;        /* per entry: tok.mm of a word of its chain */
  int has_pub;               /* 1 when a publication date is known */
  long long pub;             /* publication date, days since 1970-01-01 */
  long long py;              /* its year */
  int pm, pd, pw;            /* its month, day and weekday (0 = Sunday) */
  UCalendar *hij;            /* islamic-umalqura calendar, opened lazily */
  int hij_failed;            /* 1 when ICU could not open the calendar */
} ctx;

typedef struct hit {
  size_t ts, te;     /* token span [ts, te) */
  long long from, to; /* days since 1970-01-01 */
  int prec;          /* pl_precision; PL_PREC_UNKNOWN when unresolved */
  int flags;         /* PL_WHEN_* */
  int dayish;        /* 1 when the phrase names a day (for 'on'/'يوم') */
  int reject;        /* 1 for an invalid date: consumed, never reported */
} hit;

/* The hash of a normalised word w[0..n): its length and its first and
 * last four bytes (the whole word when shorter), mixed by murmur3's
 * finaliser. Constant time, unlike a hash over every byte: the tokeniser
 * looks every word up, an Arabic one in up to five forms (proclitics
 * peeled off), and hashing each form whole was its largest cost. */
static inline uint32_t key_hash(const char *w, size_t n) {
  uint32_t a = 0, b = 0;
  if (n >= 4) {
    memcpy(&a, w, 4);
    memcpy(&b, w + n - 4, 4);
  } else {
    for (size_t i = 0; i < n; i++)
      a = a << 8 | (unsigned char)w[i];
  }
  uint32_t x = a * 0x9E3779B1u ^ (b + (uint32_t)n) * 0x85EBCA77u;
  x ^= x >> 16;
  x *= 0x85EBCA6Bu;
  x ^= x >> 13;
  x *= 0xC2B2AE35u;
  x ^= x >> 16;
  return x;
}

/* A one-bit-per-slot filter of the lexicon keys by key_sieve, cheaper
 * than key_hash: nearly every word looked up is no key, and most of them
 * are rejected here without hashing and probing. */
enum { SIEVE_BITS = 14 };

/* The filter slot of a normalised word w[0..n) (n >= 1): its length, its
 * first two bytes (the first letter) and its last byte, mixed by one
 * multiply (the filter's selectivity pays for it). */
static inline uint32_t key_sieve(const char *w, size_t n) {
  uint32_t x = (uint32_t)(unsigned char)w[0] |
               (uint32_t)(unsigned char)w[n > 1] << 8 |
               (uint32_t)(unsigned char)w[n - 1] << 16 | (uint32_t)n << 24;
  return (x * 0x9E3779B1u) >> (32 - SIEVE_BITS);
}

/* cp_info of a code point from U+0800 up: its class, and INFO_SLOW for
 * its normalised form (norm_put). */
enum { INFO_SLOW = 0xFF00 };

/* The normalised lexicon, built once per process (lex_table_build) and
 * shared read-only by every call, with the tokeniser's tables. */
static struct {
  lexkey keys[NLEX];     /* normalised lexicon keys and chains */
  int16_t hash[HSIZE];   /* key_hash of a key -> first entry, -1 empty */
  uint32_t cm[4][NLEX];  /* by language set LA, LE, LB: CB() of the classes
                            of the usable entries on the chain from each
                            entry */
  uint64_t wm[4][NLEX];  /* likewise WB() of the usable function words */
  uint16_t mm[4][NLEX];  /* likewise tok.mm of a word of that chain */
  uint16_t num_mm;       /* tok.mm of a number */
  uint64_t sieve[(1 << SIEVE_BITS) / 64]; /* bit key_sieve() of each key */
  uint32_t info[0x800];  /* per code point below U+0800: its char_class
                            (bits 0-7), the length of its normalised
                            UTF-8 form (bits 8-15; 0 for a mark, which
                            norm_put drops) and that form's bytes (bits
                            16-23, 24-31) */
} lex_table;
static once_flag lex_once = ONCE_FLAG_INIT;

static void starts_build(void);

static void lex_table_build(void) {
  /* Below U+0800 lie ASCII and every two-byte UTF-8 sequence: all of
     Arabic and most of Latin text goes through these two tables. */
  for (unsigned cp = 0; cp < 0x800; cp++) {
    int cc = char_class(cp);
    char out[4] = {0, 0, 0, 0};
    size_t k = cc == CH_MARK ? 0 : utf8_put(out, fold_letter(cp));
    lex_table.info[cp] = (uint32_t)cc | (uint32_t)k << 8 |
                         (uint32_t)(unsigned char)out[0] << 16 |
                         (uint32_t)(unsigned char)out[1] << 24;
  }
  for (size_t i = 0; i < HSIZE; i++)
    lex_table.hash[i] = -1;
  for (int i = NLEX - 1; i >= 0; i--) {
    lexkey *k = &lex_table.keys[i];
    size_t n = norm_word(LEX[i].w, strlen(LEX[i].w), k->k, sizeof k->k);
    k->n = (uint8_t)n;
    k->next = -1;
    if (n > 0) {
      uint32_t f = key_sieve(k->k, n);
      lex_table.sieve[f / 64] |= UINT64_C(1) << (f % 64);
    }
    uint32_t h = key_hash(k->k, n) & (HSIZE - 1);
    while (lex_table.hash[h] >= 0 &&
           (lex_table.keys[lex_table.hash[h]].n != n ||
            memcmp(lex_table.keys[lex_table.hash[h]].k, k->k, n) != 0))
      h = (h + 1) & (HSIZE - 1);
    if (lex_table.hash[h] >= 0)
      k->next = lex_table.hash[h];
    lex_table.hash[h] = (int16_t)i;
  }
  for (int langs = LA; langs <= LB; langs++)
    for (int i = 0; i < NLEX; i++) {
      uint32_t cm = 0;
      uint64_t wm = 0;
      for (int e = i; e >= 0; e = lex_table.keys[e].next) {
        if (!(LEX[e].lang & langs))
          continue;
        cm |= CB(LEX[e].cls);
        if (LEX[e].cls == C_W)
          wm |= WB(LEX[e].val);
      }
      lex_table.cm[langs][i] = cm;
      lex_table.wm[langs][i] = wm;
    }
  starts_build();
}

/* Points c at the shared lexicon for its languages, building it on the
 * first call (thread-safe through call_once). */
static void lex_build(ctx *c) {
  call_once(&lex_once, lex_table_build);
  c->keys = lex_table.keys;
  c->cm = lex_table.cm[c->langs];
  c->wm = lex_table.wm[c->langs];
  c->mm = lex_table.mm[c->langs];
}

/* The chain of entries for the normalised word w[0..n), or -1. w must
 * have eight readable bytes (the tokeniser's word buffer and
 * lex_find_ar's copy do): the first eight bytes of word and key are
 * compared in one load each, masked to n, instead of calling memcmp. */
static inline int lex_find(const char *w, size_t n) {
  uint32_t f = key_sieve(w, n);
  if (!(lex_table.sieve[f / 64] >> (f % 64) & 1))
    return -1;
  uint32_t h = key_hash(w, n) & (HSIZE - 1);
  for (int e; (e = lex_table.hash[h]) >= 0; h = (h + 1) & (HSIZE - 1)) {
    const lexkey *k = &lex_table.keys[e];
    if (k->n != n)
      continue;
    uint64_t mask = n >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << 8 * n) - 1;
    if (((pl_load_le64((const unsigned char *)w) ^
          pl_load_le64((const unsigned char *)k->k)) & mask) == 0 &&
        (n <= 8 || memcmp(k->k + 8, w + 8, n - 8) == 0))
      return e;
  }
  return -1;
}

static int lex_usable(const ctx *c, int e) {
  return (LEX[e].lang & c->langs) != 0;
}

static const char WAW[] = "\xd9\x88", FA[] = "\xd9\x81", BA[] = "\xd8\xa8",
                  KAF[] = "\xd9\x83", LAM[] = "\xd9\x84";

/* Looks up the normalised Arabic word w[0..n) (n < 48), peeling the
 * proclitics و ف then ب ك ل (and لل for ل+ال). Returns the chain or -1;
 * *peel is the number of letters peeled off. */
static int lex_find_ar(const char *w, size_t n, uint8_t *peel) {
  int e = lex_find(w, n);
  *peel = 0;
  if (e >= 0 || n < 6)
    return e;
  /* most words (those with the article ال first) start with none of the
     five proclitics: out before the comparisons below */
  unsigned l0 = (unsigned char)w[0], l1 = (unsigned char)w[1];
  if (l0 == 0xD8 ? l1 != 0xA8 /* ب */
                 : l0 != 0xD9 || (l1 != 0x81 && l1 != 0x83 && l1 != 0x84 &&
                                  l1 != 0x88)) /* ف ك ل و */
    return -1;
  int waw = memcmp(w, WAW, 2) == 0 || memcmp(w, FA, 2) == 0;
  if (waw) {
    *peel = 1;
    if ((e = lex_find(w + 2, n - 2)) >= 0)
      return e;
  }
  for (int b = 0; b <= waw; b++) {
    const char *s = w + 2 * b; /* the base: the word, or it after و/ف */
    size_t sn = n - 2 * (size_t)b;
    if (sn < 6)
      continue;
    *peel = (uint8_t)(b + 1);
    if (memcmp(s, BA, 2) == 0 || memcmp(s, KAF, 2) == 0 ||
        memcmp(s, LAM, 2) == 0) {
      if ((e = lex_find(s + 2, sn - 2)) >= 0)
        return e;
      if (memcmp(s, LAM, 2) == 0 && memcmp(s + 2, LAM, 2) == 0) {
        char tmp[48]; /* alef: لل+x -> الx */
        memcpy(tmp, "\xd8\xa7", 2);
        memcpy(tmp + 2, s + 2, sn - 2);
        if ((e = lex_find(tmp, sn)) >= 0) {
          *peel = (uint8_t)b; /* the phrase keeps its لل */
          return e;
        }
      }
    }
  }
  *peel = 0;
  return -1;
}

/* 1 when token i carries an entry of class cls (storing its value). */
static int L(const ctx *c, size_t i, int cls, int *val) {
  if (i >= c->nt || !(c->t[i].cm & CB(cls)))
    return 0;
  if (!val)
    return 1;
  for (int e = c->t[i].lex; e >= 0; e = c->keys[e].next)
    if (LEX[e].cls == cls && lex_usable(c, e)) {
      *val = LEX[e].val;
      return 1;
    }
  return 0; /* not reached: the mask says the chain holds one */
}

/* 1 when token i is the function word wid. */
static int W(const ctx *c, size_t i, int wid) {
  return i < c->nt && (c->t[i].cm & CB(C_W)) &&
         (c->wm[c->t[i].lex] & WB(wid)) != 0;
}

static int P(const ctx *c, size_t i, unsigned cp) {
  return i < c->nt && c->t[i].kind == K_PUNCT && (unsigned)c->t[i].val == cp;
}

static int is_dash(const ctx *c, size_t i) {
  return P(c, i, '-') || P(c, i, 0x2013) || P(c, i, 0x2014);
}

/* 1 when token i is a number of at most maxdig digits (value in *v). */
static int NUM(const ctx *c, size_t i, int maxdig, int *v) {
  if (i >= c->nt || c->t[i].kind != K_NUM || c->t[i].ndig > maxdig ||
      c->t[i].val < 0)
    return 0;
  *v = c->t[i].val;
  return 1;
}

static int adjacent(const ctx *c, size_t i) {
  return i < c->nt && !(c->t[i].fl & F_SPACE);
}

/* ---------------------------------------------------------------------- */
/* Tokenising. */

/* norm_put's cap for a word: one normalised to WORD_CAP bytes or more is
 * too long for the lexicon (its length is then WORD_CAP). */
enum { WORD_CAP = 48 };

/* Decodes the code point at s (n > 0 bytes left) as utf8_next does, with
 * ASCII and two-byte sequences (Arabic, accented Latin: nearly all of the
 * text) decoded inline. */
static inline unsigned next_cp(const unsigned char *s, size_t n,
                               size_t *len) {
  unsigned b = s[0];
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  if (b >= 0xC2 && b < 0xE0 && n > 1 && (s[1] & 0xC0) == 0x80) {
    *len = 2;
    return (b & 0x1F) << 6 | (s[1] & 0x3F);
  }
  return utf8_next(s, n, len);
}

/* The class and normalised form of cp as lex_table.info packs them;
 * from U+0800 up only the class, with INFO_SLOW. */
static inline uint32_t cp_info(unsigned cp) {
  return cp < 0x800 ? lex_table.info[cp]
                     : (uint32_t)char_class(cp) | INFO_SLOW;
}

/* Stores the low two bytes of v at p, low first: one store where the
 * machine is little-endian. */
static inline void store_le16(char *p, uint32_t v) {
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint16_t h = (uint16_t)v;
  memcpy(p, &h, 2);
#else
  p[0] = (char)(v & 0xFF);
  p[1] = (char)(v >> 8 & 0xFF);
#endif
}

/* norm_put of code point cp (cp_info inf) into a word of WORD_CAP bytes
 * (with one spare byte after them); returns the new length. */
static inline size_t word_put(char *out, size_t o, unsigned cp,
                              uint32_t inf) {
  size_t k = inf >> 8 & 0xFF;
  if (k == INFO_SLOW >> 8)
    return norm_put(out, o, WORD_CAP, cp);
  if (o + k >= WORD_CAP)
    return WORD_CAP; /* too long (or was), as norm_put */
  /* both bytes, whatever k: the second may be scratch past the end */
  store_le16(out + o, inf >> 16);
  return o + k;
}

/* Eight bytes at a time over the ASCII letters of a Latin word (most of
 * English text): the byte loop spent some 17 instructions a letter. */
#define ONES UINT64_C(0x0101010101010101)

/* Stores v at p as pl_load_le64 reads it. */
static inline void store_le64(char *p, uint64_t v) {
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  memcpy(p, &v, 8);
#else
  for (int i = 0; i < 8; i++, v >>= 8)
    p[i] = (char)(v & 0xFF);
#endif
}

/* How many of the eight bytes of x (pl_load_le64 order) from the first are
 * ASCII letters, 0..8. Per byte, with its top bit cleared and its case
 * bit set (y <= 0x7F: no carry between bytes), y + 0x1F reaches 0x80 iff
 * y >= 'a' and y + 0x05 iff y > 'z'; a byte is no letter when the first
 * fails, the second holds or x had its top bit (not ASCII). */
static inline size_t ascii_letters(uint64_t x) {
  uint64_t hi = 0x80 * ONES;
  uint64_t y = (x | 0x20 * ONES) & 0x7F * ONES;
  uint64_t no = (~(y + 0x1F * ONES) | (y + 0x05 * ONES) | x) & hi;
  /* the bits below the first non-letter's top bit: bytes 0..k-1 whole;
     then count their top bits (k <= 8, so the product's top byte) */
  uint64_t below = (no - 1) & ~no;
  return (size_t)((((below & hi) >> 7) * ONES) >> 56);
}

/* The tense signal of word token t whose normalised form is w[0..wn)
 * (wn == WORD_CAP: too long): 1 future, -1 past, 0 none. */
static int word_sig(const tok *t, const char *w, size_t wn) {
  if (t->cm & CB(C_FUT))
    return 1;
  if (t->cm & CB(C_PAST))
    return -1;
  if (wn >= WORD_CAP)
    return 0;
  if (t->kind == K_AR) {
    if (wn < 8 || (t->cm & CB(C_NOTFUT)))
      return 0;
    /* سـ + imperfect prefix (ي ت ن ا), after an optional و/ف */
    if (memcmp(w, WAW, 2) == 0 || memcmp(w, FA, 2) == 0) {
      w += 2;
      wn -= 2;
    }
    return wn >= 8 && memcmp(w, "\xd8\xb3", 2) == 0 &&
           (memcmp(w + 2, "\xd9\x8a", 2) == 0 ||
            memcmp(w + 2, "\xd8\xaa", 2) == 0 ||
            memcmp(w + 2, "\xd9\x86", 2) == 0 ||
            memcmp(w + 2, "\xd8\xa7", 2) == 0) &&
           memcmp(w, "\xd8\xb3\xd9\x8a\xd8\xa7\xd8\xb3", 8) != 0;
  }
  if (wn >= 5 && w[wn - 2] == 'e' && w[wn - 1] == 'd' &&
      !(t->cm & CB(C_NOTPAST)))
    return -1;
  return 0;
}

static int tokenise(ctx *c, const char *text, size_t len, size_t *cap) {
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  int space = 1, brk = 1;
  /* the tokens in locals, stored back at the end: through c the compiler
     reloads them after every store to a token */
  tok *toks = c->t;
  size_t nt = c->nt, tc = *cap;
  const uint32_t *cm = c->cm;
  const uint16_t *mm = c->mm;
  char word[WORD_CAP + 8]; /* + 8: word_put's and store_le64's scratch */
  while (i < len) {
    if (s[i] == ' ') { /* the commonest separator, without decoding */
      space = 1;
      i++;
      continue;
    }
    size_t l;
    unsigned cp = next_cp(s + i, len - i, &l);
    uint32_t inf = cp_info(cp);
    int cc = (int)(inf & 0xFF);
    if (cc == CH_SPACE || cc == CH_NL) {
      space = 1;
      if (cc == CH_NL)
        brk = 1;
      i += l;
      continue;
    }
    if (nt == tc) {
      /* news text runs at five to ten bytes a token: start near that */
      size_t nc = tc ? tc * 2 : len / 8 + 256;
      tok *nr = realloc(toks, nc * sizeof *nr);
      if (!nr) {
        c->nt = nt;
        return PL_ENOMEM;
      }
      c->t = toks = nr;
      *cap = tc = nc;
    }
    tok *t = &toks[nt];
    memset(t, 0, sizeof *t);
    t->s = (uint32_t)i;
    t->lex = -1;
    t->fl = (uint8_t)((space ? F_SPACE : 0) | (brk ? F_BREAK : 0));
    space = brk = 0;
    if (cc == CH_DIGIT) {
      long long v = 0;
      int nd = 0;
      while (i < len) {
        cp = next_cp(s + i, len - i, &l);
        if ((cp_info(cp) & 0xFF) != CH_DIGIT)
          break;
        if (nd < 9)
          v = v * 10 + digit_value(cp);
        nd++;
        i += l;
      }
      t->kind = K_NUM;
      t->mm = lex_table.num_mm;
      t->ndig = (uint8_t)(nd > 9 ? 9 : nd);
      t->val = nd > 7 ? -1 : (int32_t)v;
    } else if (cc == CH_AR || cc == CH_LAT || cc == CH_MARK) {
      int script = cc == CH_LAT ? CH_LAT : CH_AR;
      if (cc == CH_LAT && cp >= 'A' && cp <= 'Z')
        t->fl |= F_UPPER;
      /* the word, normalised as norm_word does while it is read; cp is
         its first code point */
      size_t wn = 0;
      for (;;) {
        i += l;
        wn = word_put(word, wn, cp, inf);
        /* the bulk of a word without the general decoder: a run of ASCII
           letters in a Latin word, of two-byte letters in an Arabic one;
           whatever else comes goes round the general loop */
        if (script == CH_LAT) {
          /* eight letters at a time, stored lower-cased (the bytes past
             the run are scratch, overwritten or past wn) */
          size_t run = 8;
          while (run == 8 && i + 8 <= len) {
            uint64_t x = pl_load_le64(s + i);
            run = ascii_letters(x);
            if (wn + run < WORD_CAP) {
              store_le64(word + wn, x | 0x20 * ONES);
              wn += run;
            } else {
              wn = WORD_CAP;
            }
            i += run;
          }
          unsigned b;
          while (run == 8 && i < len &&
                 (unsigned)(((b = s[i]) | 0x20) - 'a') < 26u) {
            /* norm_put of an ASCII letter: lower case, one byte */
            if (wn + 1 < WORD_CAP)
              word[wn++] = (char)(b | 0x20);
            else
              wn = WORD_CAP;
            i++;
          }
        } else {
          /* word_put inlined by hand: below U+0800 a letter's normalised
             form is at most two bytes, never INFO_SLOW */
          while (i + 1 < len) {
            /* a continuation byte 10xxxxxx as y = xxxxxx, then the code
               point, below U+0800 only after a lead byte 110xxxxx (the
               overlong leads 0xC0 and 0xC1 give an ASCII code point,
               neither Arabic nor a mark, so the loop stops there as the
               lead-byte test did) */
            unsigned y = s[i + 1] ^ 0x80u;
            if (y >= 0x40)
              break;
            unsigned cp2 = (s[i] << 6) + y - 0x3000u;
            if (cp2 >= 0x800)
              break;
            uint32_t in2 = lex_table.info[cp2];
            unsigned c2 = in2 & 0xFF;
            if (c2 != CH_MARK && c2 != CH_AR)
              break;
            size_t k = in2 >> 8 & 0xFF;
            if (wn + k < WORD_CAP) {
              store_le16(word + wn, in2 >> 16);
              wn += k;
            } else {
              wn = WORD_CAP;
            }
            i += 2;
          }
        }
        if (i >= len)
          break;
        cp = next_cp(s + i, len - i, &l);
        inf = cp_info(cp);
        cc = (int)(inf & 0xFF);
        if (cc != CH_MARK && cc != script)
          break;
      }
      t->kind = script == CH_LAT ? K_LAT : K_AR;
      if (wn < WORD_CAP && wn > 0) {
        t->lex = t->kind == K_AR
                     ? lex_find_ar(word, wn, &t->peel)
                     : lex_find(word, wn);
        if (t->lex >= 0) {
          t->cm = cm[t->lex];
          t->mm = mm[t->lex];
        }
      }
      t->sig = (int8_t)word_sig(t, word, wn);
    } else {
      /* one punctuation code point; a full stop breaks a sentence unless
         it ends a short capitalised abbreviation or sits inside a number */
      i += l;
      t->kind = K_PUNCT;
      t->val = (int32_t)cp;
      if (cp == '!' || cp == '?' || cp == 0x61F)
        brk = 1;
      else if (cp == '.') {
        const tok *p = nt ? &toks[nt - 1] : NULL;
        int abbr = p && p->kind == K_LAT && (p->fl & F_UPPER) &&
                   p->e - p->s <= 4 && !(t->fl & F_SPACE);
        int numeric = p && p->kind == K_NUM && i < len &&
                      (cp_info(s[i]) & 0xFF) == CH_DIGIT;
        if (!abbr && !numeric)
          brk = 1;
      }
    }
    t->e = (uint32_t)i;
    nt++;
  }
  c->nt = nt;
  return 0;
}

/* ---------------------------------------------------------------------- */
/* Resolution helpers. */

static void set_days(hit *h, long long a, long long b, int prec) {
  h->from = a;
  h->to = b;
  h->prec = prec;
}

static long long month_start(long long y, int m) {
  return days_from_civil(y, m, 1);
}

static long long month_end(long long y, int m) {
  return days_from_civil(y, m, month_days(y, m));
}

/* Adds k months to (y, m). */
static void month_add(long long *y, int *m, long long k) {
  long long t = *y * 12 + (*m - 1) + k;
  *y = t >= 0 ? t / 12 : -((-t + 11) / 12);
  *m = (int)(t - *y * 12) + 1;
}

/* Sets h to month m of year y (a month interval); 0 when out of range. */
static int set_month(hit *h, long long y, int m) {
  if (y < 1 || y > 9999)
    return 0;
  set_days(h, month_start(y, m), month_end(y, m), PL_PREC_MONTH);
  return 1;
}

/* Sets h to a third of month m of year y: part 1 days 1-10, 2 days
 * 11-20, 3 days 21 to the end. */
static int set_month_part(hit *h, long long y, int m, int part) {
  if (y < 1 || y > 9999)
    return 0;
  int a = part == 1 ? 1 : part == 2 ? 11 : 21;
  int b = part == 1 ? 10 : part == 2 ? 20 : month_days(y, m);
  set_days(h, days_from_civil(y, m, a), days_from_civil(y, m, b),
           PL_PREC_DAY);
  return 1;
}

/* Sets h to a third of year y: early Jan-Apr, mid May-Aug, late Sep-Dec. */
static int set_year_part(hit *h, long long y, int part) {
  if (y < 1 || y > 9999)
    return 0;
  int a = part == 1 ? 1 : part == 2 ? 5 : 9;
  set_days(h, month_start(y, a), month_end(y, a + 3), PL_PREC_MONTH);
  return 1;
}

static int set_year(hit *h, long long y) {
  if (y < 1 || y > 9999)
    return 0;
  set_days(h, days_from_civil(y, 1, 1), days_from_civil(y, 12, 31),
           PL_PREC_YEAR);
  return 1;
}

/* The first day of the week holding day x: Sunday for Arabic, Monday for
 * English. */
static long long week_start(long long x, int arabic) {
  int first = arabic ? 0 : 1;
  return x - (weekday_of(x) - first + 7) % 7;
}

/* The nearest tense signal around tokens [ts, te) within the sentence:
 * 1 future, -1 past, 0 none. Looks at most 30 tokens each way, so the
 * cost per expression is bounded. Ties go to the left. */
static int tense_dir(const ctx *c, size_t ts, size_t te) {
  int best = 0;
  size_t bd = (size_t)-1;
  for (size_t k = ts, n = 0; k > 0 && n < 30; n++) {
    if (c->t[k].fl & F_BREAK)
      break;
    k--;
    if (c->t[k].sig) {
      best = c->t[k].sig;
      bd = ts - k;
      break;
    }
  }
  for (size_t k = te, n = 0; k < c->nt && n < 30; k++, n++) {
    if (c->t[k].fl & F_BREAK)
      break;
    if (c->t[k].sig) {
      if (k - te + 1 < bd)
        best = c->t[k].sig;
      break;
    }
  }
  return best;
}

/* Picks the year of a year-less day m/d: dir -2 the latest before the
 * publication date, -1 on or before, 1 on or after, 2 after, 0 the
 * nearest (ties to the past). Returns the day, or -1 when none fits. */
static long long pick_day(const ctx *c, int m, int d, int dir) {
  long long best = -1, bestd = 0;
  int found = 0;
  for (long long y = c->py - 1; y <= c->py + 1; y++) {
    if (!valid_ymd(y, m, d))
      continue;
    long long x = days_from_civil(y, m, d);
    long long diff = x - c->pub;
    int ok = dir == -2   ? diff < 0
             : dir == -1 ? diff <= 0
             : dir == 1  ? diff >= 0
             : dir == 2  ? diff > 0
                         : 1;
    if (!ok)
      continue;
    long long score = dir < 0 ? -diff : dir > 0 ? diff : (diff < 0 ? -diff : diff);
    if (!found || score < bestd || (score == bestd && x < best)) {
      best = x;
      bestd = score;
      found = 1;
    }
  }
  return found ? best : -1;
}

/* Picks the year of a year-less month, as pick_day. Returns the year or
 * -1. */
static long long pick_month(const ctx *c, int m, int dir) {
  long long best = -1, bests = 0;
  int found = 0;
  for (long long y = c->py - 1; y <= c->py + 1; y++) {
    if (y < 1 || y > 9999)
      continue;
    long long a = month_start(y, m), b = month_end(y, m);
    int ok = dir == -2   ? b < c->pub
             : dir == -1 ? a <= c->pub
             : dir == 1  ? b >= c->pub
             : dir == 2  ? a > c->pub
                         : 1;
    if (!ok)
      continue;
    long long score = c->pub >= a && c->pub <= b ? 0
                      : c->pub < a               ? a - c->pub
                                                 : c->pub - b;
    if (!found || score < bests || (score == bests && y < best)) {
      best = y;
      bests = score;
      found = 1;
    }
  }
  return found ? best : -1;
}

static int hijri_open(ctx *c) {
  static const UChar utc[] = {'U', 'T', 'C', 0};
  if (c->hij)
    return 1;
  if (c->hij_failed)
    return 0;
  UErrorCode st = U_ZERO_ERROR;
  c->hij = ucal_open(utc, -1, "@calendar=islamic-umalqura", UCAL_DEFAULT, &st);
  if (U_FAILURE(st)) {
    if (c->hij)
      ucal_close(c->hij);
    c->hij = NULL;
    c->hij_failed = 1;
    return 0;
  }
  ucal_setAttribute(c->hij, UCAL_LENIENT, 0);
  return 1;
}

/* A process-wide memo of Hijri conversions. Each costs ICU some 150,000
 * instructions (its Umm al-Qura calendar walks a table of years), and news
 * repeats the same few dates and publication days, so a conversion is
 * asked of ICU once per process. The answers depend on nothing but the
 * arguments (and ICU's data), so the memo cannot change a result; a full
 * table just stops remembering. A mutex guards it, as calls may run in
 * parallel. */
enum { HMEMO = 1024 }; /* slots of each table, a power of two */

typedef struct hmemo {
  long long key[HMEMO]; /* the argument */
  long long val[HMEMO]; /* the answer, when state is 2 */
  uint8_t state[HMEMO]; /* 0 empty, 1 no answer (invalid), 2 answered */
  size_t n;             /* slots in use */
} hmemo;

static struct {
  mtx_t mu;    /* guards both tables */
  int usable;  /* 1 once mu is initialised */
  hmemo days;  /* (hy * 13 + hm) * 31 + hd -> days since 1970-01-01 */
  hmemo year;  /* publication day -> its Hijri year */
} hij_memo;
static once_flag hij_memo_once = ONCE_FLAG_INIT;

static void hij_memo_init(void) {
  hij_memo.usable = mtx_init(&hij_memo.mu, mtx_plain) == thrd_success;
}

/* The slot of key in m: where it is, or the empty slot it would take. */
static size_t hmemo_slot(const hmemo *m, long long key) {
  size_t h = (size_t)(((unsigned long long)key * 0x9E3779B97F4A7C15ull) >>
                      54) & (HMEMO - 1);
  while (m->state[h] && m->key[h] != key)
    h = (h + 1) & (HMEMO - 1);
  return h;
}

/* Looks key up: 0 when unknown, else 1 with *ok (0 no answer, 1 answer in
 * *val). */
static int hmemo_get(hmemo *m, long long key, int *ok, long long *val) {
  call_once(&hij_memo_once, hij_memo_init);
  if (!hij_memo.usable)
    return 0;
  int found = 0;
  mtx_lock(&hij_memo.mu);
  size_t h = hmemo_slot(m, key);
  if (m->state[h]) {
    found = 1;
    *ok = m->state[h] == 2;
    *val = m->val[h];
  }
  mtx_unlock(&hij_memo.mu);
  return found;
}

/* Remembers the answer for key (ok 0: none), while the table is under
 * three quarters full. */
static void hmemo_put(hmemo *m, long long key, int ok, long long val) {
  if (!hij_memo.usable)
    return;
  mtx_lock(&hij_memo.mu);
  size_t h = hmemo_slot(m, key);
  if (!m->state[h] && m->n < HMEMO / 4 * 3) {
    m->key[h] = key;
    m->val[h] = val;
    m->state[h] = (uint8_t)(ok ? 2 : 1);
    m->n++;
  }
  mtx_unlock(&hij_memo.mu);
}

/* Converts Hijri (Umm al-Qura) hy-hm-hd to days since 1970-01-01. Returns
 * 1, or 0 for an invalid date or when ICU fails. */
static int hijri_days(ctx *c, long long hy, int hm, int hd, long long *out) {
  if (hy < 1 || hy > 2000 || hm < 1 || hm > 12 || hd < 1 || hd > 30)
    return 0;
  long long key = (hy * 13 + hm) * 31 + hd, val;
  int ok;
  if (hmemo_get(&hij_memo.days, key, &ok, &val)) {
    if (ok)
      *out = val;
    return ok;
  }
  if (!hijri_open(c))
    return 0;
  UErrorCode st = U_ZERO_ERROR;
  ucal_clear(c->hij);
  ucal_setDate(c->hij, (int32_t)hy, (int32_t)hm - 1, (int32_t)hd, &st);
  UDate ms = ucal_getMillis(c->hij, &st);
  /* the round trip rejects a day past the month's end */
  ok = !U_FAILURE(st) && ucal_get(c->hij, UCAL_DATE, &st) == hd &&
       !U_FAILURE(st);
  if (ok) {
    double days = ms / 86400000.0;
    val = (long long)(days < 0 ? days - 0.5 : days + 0.5);
    *out = val;
  } else {
    val = 0;
  }
  hmemo_put(&hij_memo.days, key, ok, val);
  return ok;
}

/* The Hijri year holding the publication date, or -1. */
static long long hijri_pub_year(ctx *c) {
  int ok;
  long long y;
  if (hmemo_get(&hij_memo.year, c->pub, &ok, &y))
    return ok ? y : -1;
  if (!hijri_open(c))
    return -1;
  UErrorCode st = U_ZERO_ERROR;
  ucal_setMillis(c->hij, (double)c->pub * 86400000.0, &st);
  y = ucal_get(c->hij, UCAL_YEAR, &st);
  ok = !U_FAILURE(st);
  hmemo_put(&hij_memo.year, c->pub, ok, ok ? y : 0);
  return ok ? y : -1;
}

/* ---------------------------------------------------------------------- */
/* Pieces of phrases. */

/* A month name at i, one word or two, Gregorian, Levantine or Hijri
 * (without pairing). Returns the token after it, or 0. *cal is 1 for
 * Hijri; *strong is 0 for names that are also common words. */
static size_t month_one(const ctx *c, size_t i, int *mon, int *cal,
                        int *strong) {
  int v;
  *cal = 0;
  *strong = 0;
  if (L(c, i, C_MON, &v) || L(c, i, C_MONABBR, &v)) {
    int en = c->t[i].kind == K_LAT;
    if (en && !(c->t[i].fl & F_UPPER))
      return 0;
    size_t j = i + 1;
    if (en && !L(c, i, C_MON, NULL) && P(c, j, '.') && adjacent(c, j))
      j++;
    *mon = v;
    *strong = !en && v != 3; /* مارس is also a verb */
    return j;
  }
  if (L(c, i, C_LEV, &v)) {
    *mon = v;
    *strong = v != 8; /* آب is also 'father' */
    return i + 1;
  }
  if (L(c, i, C_LEV1, &v)) {
    if (W(c, i + 1, W_THANI))
      *mon = v == 1 ? 1 : 11;
    else if (W(c, i + 1, W_AWWAL_DEF))
      *mon = v == 1 ? 12 : 10;
    else
      return 0;
    *strong = 1;
    return i + 2;
  }
  if (L(c, i, C_HIJ, &v)) {
    *cal = 1;
    *mon = v;
    return i + 1;
  }
  if (L(c, i, C_HIJ1, &v)) {
    *cal = 1;
    *strong = 1;
    size_t k = i + 1;
    if (v == 1 && W(c, k, W_AWWAL_DEF))
      *mon = 3;
    else if (v == 1 && (W(c, k, W_THANI) || W(c, k, W_AKHAR)))
      *mon = 4;
    else if (v == 2 && (W(c, k, W_ULA) || W(c, k, W_AWWAL_DEF)))
      *mon = 5;
    else if (v == 2 && (W(c, k, W_AKHAR) || W(c, k, W_THANIYA) ||
                        W(c, k, W_THANI)))
      *mon = 6;
    else if (v == 3 && W(c, k, W_QIDA))
      *mon = 11;
    else if (v == 3 && W(c, k, W_HIJJA))
      *mon = 12;
    else
      return 0;
    return i + 2;
  }
  return 0;
}

/* A month name with an optional second name of the same month:
 * "أكتوبر/تشرين الأول", "آب (أغسطس)". */
static size_t month_spec(const ctx *c, size_t i, int *mon, int *cal,
                         int *strong) {
  size_t j = month_one(c, i, mon, cal, strong);
  if (!j || *cal)
    return j;
  int m2, cal2, st2;
  if (P(c, j, '/') || P(c, j, '-')) {
    size_t k = month_one(c, j + 1, &m2, &cal2, &st2);
    if (k && !cal2 && m2 == *mon) {
      *strong = 1;
      return k;
    }
  } else if (P(c, j, '(')) {
    size_t k = month_one(c, j + 1, &m2, &cal2, &st2);
    if (k && !cal2 && m2 == *mon && P(c, k, ')')) {
      *strong = 1;
      return k + 1;
    }
  }
  return j;
}

/* A year after a month at j: "2018", ", 2018", "2018م", "1440 هـ" (an
 * absolute year in *y), or "من العام الماضي", "of last year", "last year",
 * "this year" (*rel = 1, offset in *roff). Returns the token after it, or j
 * when there is none. */
static size_t year_spec(const ctx *c, size_t j, int cal, long long *y,
                        int *rel, int *roff) {
  int v;
  size_t k = j;
  *y = 0;
  *rel = 0;
  if (P(c, k, ','))
    k++;
  if (NUM(c, k, 4, &v) && c->t[k].ndig >= 3) {
    *y = v;
    k++;
    if (W(c, k, W_M) && adjacent(c, k))
      k++;
    else if (cal == 1 && W(c, k, W_HIJRI))
      k++;
    return k;
  }
  k = j;
  if (W(c, k, W_MIN) || W(c, k, W_OF))
    k++;
  if (W(c, k, W_HADHA) && L(c, k + 1, C_PERIOD, &v) && v == 4) {
    *rel = 1;
    *roff = 0;
    return k + 2;
  }
  if (L(c, k, C_PERIOD, &v) && v == 4 && L(c, k + 1, C_MOD, roff)) {
    *rel = 1;
    return k + 2;
  }
  if (c->t[k < c->nt ? k : 0].kind == K_LAT && L(c, k, C_MOD, roff) &&
      L(c, k + 1, C_UNIT, &v) && v == 41) {
    *rel = 1;
    return k + 2;
  }
  return j;
}

/* A day of the month at i: "27", "15th", "الثالث", "الثامن والعشرين",
 * "twenty-first". Returns the token after it, or 0; *word is 1 for an
 * ordinal word. */
static size_t day_spec(const ctx *c, size_t i, int *d, int *word) {
  int v, t;
  *word = 0;
  if (NUM(c, i, 2, &v)) {
    if (v < 1 || v > 31)
      return 0;
    *d = v;
    size_t k = i + 1;
    if (L(c, k, C_DAYSUF, NULL) && adjacent(c, k))
      k++;
    return k;
  }
  if (i >= c->nt)
    return 0;
  *word = 1;
  if (c->t[i].kind == K_AR) {
    if (L(c, i, C_ORDW, &v)) {
      if (v <= 9 && L(c, i + 1, C_TENS, &t)) {
        *d = v + t;
        return *d <= 31 ? i + 2 : 0;
      }
      if (c->t[i].lex >= 0 && v >= 1) {
        /* الحادي alone is no day */
        if (v == 1 && !W(c, i, W_AWWAL_DEF))
          return 0;
        *d = v;
        return i + 1;
      }
    }
    if (L(c, i, C_TENS, &t) && t >= 20) {
      *d = t;
      return i + 1;
    }
    return 0;
  }
  if (L(c, i, C_ORDW, &v)) {
    *d = v;
    return i + 1;
  }
  if (L(c, i, C_TENS, &t) && is_dash(c, i + 1) && L(c, i + 2, C_ORDW, &v) &&
      v <= 9) {
    *d = t + v;
    return *d <= 31 ? i + 3 : 0;
  }
  return 0;
}

/* A range connector at i between two days or two dates. */
static int range_conn(const ctx *c, size_t i, int with_and) {
  return is_dash(c, i) || W(c, i, W_TO) || W(c, i, W_UNTIL) ||
         W(c, i, W_ILA) ||
         (with_and && (W(c, i, W_AND) || W(c, i, W_WA)));
}

/* Resolves day d1 (to d2) of month m: calendar cal, year y (0: none),
 * relative year (rel, roff), direction modifier dir (-2, 0, 2). Returns 1,
 * or 0 when the date is invalid (then it is no expression). */
static int resolve_dm(ctx *c, hit *h, int cal, long long y, int rel, int roff,
                      int m, int d1, int d2, int dir) {
  h->dayish = 1;
  if (cal == 1) {
    long long a, b;
    if (!y && !rel) {
      if (!c->has_pub) {
        h->prec = PL_PREC_UNKNOWN;
        return d2 <= 30;
      }
      long long hy = hijri_pub_year(c);
      if (hy < 0)
        return 0;
      long long best = -1, bests = 0;
      for (long long cy = hy - 1; cy <= hy + 1; cy++) {
        if (!hijri_days(c, cy, m, d1, &a))
          continue;
        long long diff = a - c->pub;
        if ((dir < 0 && diff >= 0) || (dir > 0 && diff <= 0))
          continue;
        long long s = diff < 0 ? -diff : diff;
        if (best < 0 || s < bests) {
          best = cy;
          bests = s;
        }
      }
      if (best < 0)
        return 0;
      y = best;
    } else if (rel) {
      return 0; /* "of last year" means a Gregorian year */
    }
    if (!hijri_days(c, y, m, d1, &a) || !hijri_days(c, y, m, d2, &b))
      return 0;
    set_days(h, a, b, PL_PREC_DAY);
    return 1;
  }
  if (rel) {
    if (!c->has_pub) {
      h->prec = PL_PREC_UNKNOWN;
      return d1 <= month_days(2000, m) && d2 <= month_days(2000, m);
    }
    y = c->py + roff;
  }
  if (y) {
    if (!valid_ymd(y, m, d1) || !valid_ymd(y, m, d2))
      return 0;
    set_days(h, days_from_civil(y, m, d1), days_from_civil(y, m, d2),
             PL_PREC_DAY);
    return 1;
  }
  if (d1 > month_days(2000, m) || d2 > month_days(2000, m))
    return 0;
  if (!c->has_pub) {
    h->prec = PL_PREC_UNKNOWN;
    return 1;
  }
  long long a = pick_day(c, m, d1, dir);
  if (a < 0)
    return 0;
  long long ay;
  int am, ad;
  civil_from_days(a, &ay, &am, &ad);
  if (!valid_ymd(ay, m, d2))
    return 0;
  set_days(h, a, days_from_civil(ay, m, d2), PL_PREC_DAY);
  return 1;
}

/* ---------------------------------------------------------------------- */
/* Matchers: each looks at token i, returns 1 and fills h (token span and
 * resolution) or returns 0. */

/* 27/10/2018, 2018-10-27, 2018/10/27, 27.10.2018 (digits in any script). */
static int m_numeric(ctx *c, size_t i, hit *h) {
  int a, b, d3;
  if (!NUM(c, i, 4, &a) || i + 4 >= c->nt)
    return 0;
  const tok *t = c->t;
  unsigned sep = t[i + 1].kind == K_PUNCT ? (unsigned)t[i + 1].val : 0;
  if (!(sep == '/' || sep == '-' || sep == '.'))
    return 0;
  if (!adjacent(c, i + 1) || !adjacent(c, i + 2) || !adjacent(c, i + 3) ||
      !adjacent(c, i + 4) || !P(c, i + 3, sep) || !NUM(c, i + 2, 2, &b) ||
      !NUM(c, i + 4, 4, &d3))
    return 0;
  /* part of a longer chain of numbers (an IP address, a version) */
  if (i + 5 < c->nt && adjacent(c, i + 5) &&
      (t[i + 5].kind == K_NUM ||
       (t[i + 5].kind == K_PUNCT && (P(c, i + 5, sep)) && i + 6 < c->nt &&
        t[i + 6].kind == K_NUM && adjacent(c, i + 6))))
    return 0;
  if (i > 0 && adjacent(c, i) &&
      (t[i - 1].kind == K_NUM || P(c, i - 1, sep)))
    return 0;
  long long y;
  int m, d;
  if (t[i].ndig == 4 && t[i + 4].ndig <= 2) {
    y = a, m = b, d = d3;
  } else if (t[i + 4].ndig == 4 && t[i].ndig <= 2) {
    y = d3, d = a, m = b;
    if (m > 12 && d <= 12) {
      int x = m;
      m = d;
      d = x;
    }
  } else {
    return 0;
  }
  if (!valid_ymd(y, m, d))
    return 0;
  h->ts = i;
  h->te = i + 5;
  long long x = days_from_civil(y, m, d);
  set_days(h, x, x, PL_PREC_DAY);
  h->dayish = 1;
  return 1;
}

/* 27 أكتوبر/تشرين الأول الماضي, 12 و13 آب (أغسطس), the 15th of September,
 * الثامن والعشرين من نوفمبر, 10-11 December 2018, 20 ربيع الأول 1440 هـ. */
static int m_dmy(ctx *c, size_t i, hit *h) {
  size_t j = i;
  int d1, d2, word, word2, mon, cal, strong, roff = 0, rel, mv, dir = 0;
  long long y;
  if (W(c, j, W_THE))
    j++;
  size_t k = day_spec(c, j, &d1, &word);
  if (!k)
    return 0;
  d2 = d1;
  if (range_conn(c, k, 1)) {
    size_t k2 = day_spec(c, k + 1, &d2, &word2);
    if (k2 && d2 > d1 && word2 == word)
      k = k2;
    else
      d2 = d1;
  }
  if (W(c, k, W_MIN) || W(c, k, W_OF))
    k++;
  else if (word && c->t[j].kind == K_LAT)
    return 0;
  size_t mk = month_spec(c, k, &mon, &cal, &strong);
  if (!mk)
    return 0;
  size_t yk = year_spec(c, mk, cal, &y, &rel, &roff);
  if (yk == mk && L(c, yk, C_MOD, &mv) && c->t[yk].kind == K_AR && mv) {
    dir = mv < 0 ? -2 : 2;
    yk++;
  }
  h->ts = i;
  h->te = yk;
  if (!resolve_dm(c, h, cal, y, rel, roff, mon, d1, d2, dir))
    h->reject = 1;
  return 1;
}

/* October 27, 2018; Oct. 27; Dec 10-11; September 15th. */
static int m_mdy(ctx *c, size_t i, hit *h) {
  int mon, cal, strong, d1, d2, word, roff = 0, rel;
  long long y;
  if (i >= c->nt || c->t[i].kind != K_LAT)
    return 0;
  size_t k = month_spec(c, i, &mon, &cal, &strong);
  if (!k || !NUM(c, k, 2, &d1))
    return 0;
  k = day_spec(c, k, &d1, &word);
  if (!k)
    return 0;
  d2 = d1;
  if (range_conn(c, k, 1)) {
    size_t k2 = day_spec(c, k + 1, &d2, &word);
    if (k2 && !word && d2 > d1)
      k = k2;
    else
      d2 = d1;
  }
  size_t yk = year_spec(c, k, 0, &y, &rel, &roff);
  if (yk != k && !rel && !P(c, k, ',') && y && c->t[k].ndig != 4)
    yk = k;
  h->ts = i;
  h->te = yk;
  if (!resolve_dm(c, h, 0, y, rel, roff, mon, d1, d2, 0))
    h->reject = 1;
  return 1;
}

/* A month without a day: في مارس 2011, كانون الثاني (يناير), in December,
 * October last year, أكتوبر الماضي. */
static int m_month(ctx *c, size_t i, hit *h) {
  int mon, cal, strong, roff = 0, rel, mv = 0, has_mod = 0;
  long long y;
  size_t k = month_spec(c, i, &mon, &cal, &strong);
  if (!k)
    return 0;
  size_t yk = year_spec(c, k, cal, &y, &rel, &roff);
  if (yk == k && L(c, k, C_MOD, &mv) && c->t[k].kind == K_AR) {
    has_mod = 1;
    yk++;
  }
  int ctx_before = i > 0 && (W(c, i - 1, W_IN) || W(c, i - 1, W_FI) ||
                             W(c, i - 1, W_SINCE) || W(c, i - 1, W_MUNDHU) ||
                             W(c, i - 1, W_UNTIL) || W(c, i - 1, W_DURING) ||
                             W(c, i - 1, W_SHAHR) || W(c, i - 1, W_BY) ||
                             W(c, i - 1, W_FROM) || W(c, i - 1, W_OF));
  if (cal == 1 && !y)
    return 0;
  if (!y && !rel && !has_mod && !strong && !ctx_before)
    return 0;
  h->ts = i;
  h->te = yk;
  if (cal == 1) {
    long long a, b;
    int last = 29;
    if (!hijri_days(c, y, mon, 1, &a))
      return 0;
    while (last < 30 && hijri_days(c, y, mon, last + 1, &b))
      last++;
    if (!hijri_days(c, y, mon, last, &b))
      return 0;
    set_days(h, a, b, PL_PREC_MONTH);
    return 1;
  }
  if (y)
    return set_month(h, y, mon);
  if (!c->has_pub) {
    h->prec = PL_PREC_UNKNOWN;
    return 1;
  }
  if (rel)
    return set_month(h, c->py + roff, mon);
  int dir = has_mod ? (mv < 0 ? -2 : mv > 0 ? 2 : 0) : tense_dir(c, i, yk);
  long long py = pick_month(c, mon, dir);
  return py > 0 && set_month(h, py, mon);
}

/* Resolves a relative period: unit 2 week, 3 month, 4 year, 5 weekend;
 * off -1/0/1; part 0 whole, 1 early, 2 mid, 3 late. */
static int resolve_period(ctx *c, hit *h, int unit, int off, int part,
                          int arabic) {
  if (!c->has_pub) {
    h->prec = PL_PREC_UNKNOWN;
    return 1;
  }
  if (unit == 2 || unit == 5) {
    long long ws = week_start(c->pub, arabic) + 7LL * off;
    if (unit == 5 || part == 3)
      set_days(h, ws + 5, ws + 6, PL_PREC_DAY);
    else if (part == 1)
      set_days(h, ws, ws + 1, PL_PREC_DAY);
    else if (part == 2)
      set_days(h, ws + 2, ws + 4, PL_PREC_DAY);
    else
      set_days(h, ws, ws + 6, PL_PREC_DAY);
    return 1;
  }
  if (unit == 3) {
    long long y = c->py;
    int m = c->pm;
    month_add(&y, &m, off);
    return part ? set_month_part(h, y, m, part) : set_month(h, y, m);
  }
  if (unit == 4)
    return part ? set_year_part(h, c->py + off, part)
                : set_year(h, c->py + off);
  return 0;
}

/* A relative period at i: "الشهر الماضي", "هذا الأسبوع", "last year",
 * "next week", "this weekend". Returns the token after it, or 0. */
static size_t period_spec(const ctx *c, size_t i, int *unit, int *off) {
  int v, m;
  if (i >= c->nt)
    return 0;
  if (c->t[i].kind == K_AR) {
    if (W(c, i, W_HADHA) && L(c, i + 1, C_PERIOD, &v)) {
      *unit = v;
      *off = 0;
      return i + 2;
    }
    if (L(c, i, C_PERIOD, &v) && L(c, i + 1, C_MOD, &m)) {
      *unit = v;
      *off = m;
      return i + 2;
    }
    return 0;
  }
  if (L(c, i, C_MOD, &m) && i + 1 < c->nt) {
    if (W(c, i + 1, W_WEEKEND)) {
      *unit = 5;
      *off = m;
      return i + 2;
    }
    if (L(c, i + 1, C_UNIT, &v) && v % 10 == 1 && v > 11) {
      *unit = v / 10;
      *off = m;
      return i + 2;
    }
  }
  if (W(c, i, W_THE) && L(c, i + 1, C_UNIT, &v) && v % 10 == 1 && v > 11) {
    *unit = v / 10;
    *off = 0;
    return i + 2;
  }
  return 0;
}

static int m_period(ctx *c, size_t i, hit *h) {
  int unit, off;
  size_t k;
  if (i < c->nt && c->t[i].kind == K_LAT && W(c, i, W_THE))
    return 0; /* "the month" alone is too vague */
  if ((k = period_spec(c, i, &unit, &off))) {
    h->ts = i;
    h->te = k;
    return resolve_period(c, h, unit, off, 0, c->t[i].kind == K_AR);
  }
  /* earlier / later this month */
  if ((W(c, i, W_EARLIER) || W(c, i, W_LATER)) &&
      (k = period_spec(c, i + 1, &unit, &off)) && off == 0 && unit >= 2 &&
      unit <= 4) {
    int early = W(c, i, W_EARLIER);
    h->ts = i;
    h->te = k;
    if (!resolve_period(c, h, unit, 0, 0, 0))
      return 0;
    if (h->prec != PL_PREC_UNKNOWN) {
      if (early)
        h->to = c->pub;
      else
        h->from = c->pub;
      h->prec = PL_PREC_DAY;
    }
    return 1;
  }
  /* في وقت سابق / لاحق من هذا الشهر */
  if (W(c, i, W_FI) && W(c, i + 1, W_WAQT) &&
      (W(c, i + 2, W_SABIQ) || W(c, i + 2, W_LAHIQ)) && W(c, i + 3, W_MIN) &&
      (k = period_spec(c, i + 4, &unit, &off)) && off == 0 && unit >= 2 &&
      unit <= 4) {
    int early = W(c, i + 2, W_SABIQ);
    h->ts = i;
    h->te = k;
    if (!resolve_period(c, h, unit, 0, 0, 1))
      return 0;
    if (h->prec != PL_PREC_UNKNOWN) {
      if (early)
        h->to = c->pub;
      else
        h->from = c->pub;
      h->prec = PL_PREC_DAY;
    }
    return 1;
  }
  return 0;
}

/* A part of a month, a year or a week: مطلع الشهر المقبل, منتصف ديسمبر,
 * أواخر العام الماضي, نهاية الأسبوع الماضي, mid-December, late last year,
 * early 2018, the end of next month. */
static int m_part(ctx *c, size_t i, hit *h) {
  size_t j = i;
  int part, unit, off, mon, cal, strong, rel, roff = 0, v;
  long long y;
  if (W(c, j, W_THE))
    j++;
  if (!L(c, j, C_PART, &part))
    return 0;
  int arabic = c->t[j].kind == K_AR;
  j++;
  if (W(c, j, W_OF))
    j++;
  else if (is_dash(c, j) && adjacent(c, j))
    j++;
  if (W(c, j, W_SHAHR))
    j++;
  size_t k;
  h->ts = i;
  if ((k = month_spec(c, j, &mon, &cal, &strong)) && !cal) {
    size_t yk = year_spec(c, k, 0, &y, &rel, &roff);
    int mv = 0, has_mod = 0;
    if (yk == k && L(c, k, C_MOD, &mv) && arabic) {
      has_mod = 1;
      yk++;
    }
    h->te = yk;
    if (y)
      return set_month_part(h, y, mon, part);
    if (!c->has_pub) {
      h->prec = PL_PREC_UNKNOWN;
      return 1;
    }
    if (rel)
      return set_month_part(h, c->py + roff, mon, part);
    int dir = has_mod ? (mv < 0 ? -2 : mv > 0 ? 2 : 0) : tense_dir(c, i, yk);
    long long py = pick_month(c, mon, dir);
    return py > 0 && set_month_part(h, py, mon, part);
  }
  if ((k = period_spec(c, j, &unit, &off))) {
    h->te = k;
    if (unit == 5)
      return 0;
    return resolve_period(c, h, unit, off, part, arabic);
  }
  if (W(c, j, W_AAM) && NUM(c, j + 1, 4, &v) && c->t[j + 1].ndig == 4) {
    h->te = j + 2;
    return set_year_part(h, v, part);
  }
  if (NUM(c, j, 4, &v) && c->t[j].ndig == 4) {
    h->te = j + 1;
    return set_year_part(h, v, part);
  }
  return 0;
}

/* منذ ثلاثة أيام, قبل أسبوعين, three days ago, a week ago. */
static int m_ago(ctx *c, size_t i, hit *h) {
  int n = 0, u, form;
  size_t j = i;
  if (W(c, i, W_MUNDHU) || W(c, i, W_QABL)) {
    j++;
    if (W(c, j, W_ABOUT))
      j++;
    if ((NUM(c, j, 3, &n) || (c->t[j < c->nt ? j : 0].kind == K_AR &&
                              L(c, j, C_NUMW, &n))) &&
        L(c, j + 1, C_UNIT, &u)) {
      j += 2;
    } else if (L(c, j, C_UNIT, &u) && u % 10 != 3) {
      n = u % 10;
      j++;
    } else {
      return 0;
    }
  } else if (i < c->nt && c->t[i].kind == K_NUM ? NUM(c, i, 3, &n)
                                                  : L(c, i, C_NUMW, &n)) {
    if (i >= c->nt || !L(c, i + 1, C_UNIT, &u) || !W(c, i + 2, W_AGO))
      return 0;
    j = i + 3;
  } else {
    return 0;
  }
  form = u / 10;
  if (n < 1 || n > 400)
    return 0;
  h->ts = i;
  h->te = j;
  if (!c->has_pub) {
    h->prec = PL_PREC_UNKNOWN;
    h->dayish = form <= 2;
    return 1;
  }
  if (form == 1 || form == 2) {
    long long x = c->pub - (long long)n * (form == 1 ? 1 : 7);
    set_days(h, x, x, PL_PREC_DAY);
    h->dayish = 1;
    return 1;
  }
  if (form == 3) {
    long long y = c->py;
    int m = c->pm;
    month_add(&y, &m, -n);
    return set_month(h, y, m);
  }
  return set_year(h, c->py - n);
}

/* عام 2018, in 2011, منذ 2011. */
static int m_year(ctx *c, size_t i, hit *h) {
  int v;
  if (W(c, i, W_AAM) && NUM(c, i + 1, 4, &v) && c->t[i + 1].ndig == 4) {
    h->ts = i;
    h->te = i + 2;
  } else if (i > 0 && NUM(c, i, 4, &v) && c->t[i].ndig == 4 && v >= 1900 &&
             v <= 2100 &&
             (W(c, i - 1, W_IN) || W(c, i - 1, W_FI) ||
              W(c, i - 1, W_SINCE) || W(c, i - 1, W_MUNDHU) ||
              W(c, i - 1, W_UNTIL) || W(c, i - 1, W_BY) ||
              W(c, i - 1, W_DURING))) {
    h->ts = i;
    h->te = i + 1;
  } else {
    return 0;
  }
  if (W(c, h->te, W_M) && adjacent(c, h->te))
    h->te++;
  /* not the start of a numeric date or a number range */
  if (h->te < c->nt && adjacent(c, h->te) &&
      (P(c, h->te, '/') || P(c, h->te, '-') || P(c, h->te, '.')) &&
      h->te + 1 < c->nt && c->t[h->te + 1].kind == K_NUM)
    return 0;
  /* "عام 1433 هـ", "عام 1433": a Hijri year (news never dates events in
     the fourteenth Gregorian century) spans parts of two Gregorian ones */
  int said_hijri = W(c, h->te, W_HIJRI);
  if (said_hijri || (v >= 1300 && v <= 1500)) {
    long long a, b;
    if (!hijri_days(c, v, 1, 1, &a) || !hijri_days(c, v + 1, 1, 1, &b))
      return 0;
    if (said_hijri)
      h->te++;
    set_days(h, a, b - 1, PL_PREC_YEAR);
    return 1;
  }
  if (v < 1800)
    return 0; /* "عام 1200" is history, not a date of these talks */
  return set_year(h, v);
}

/* Checks a weekday said of the resolved day in h. */
static void check_weekday(hit *h, int wd) {
  if (h->prec == PL_PREC_DAY && h->from == h->to && weekday_of(h->from) != wd)
    h->flags |= PL_WHEN_WEEKDAY_MISMATCH;
}

/* اليوم, صباح اليوم, أمس, البارحة, غدا, يوم غد, بعد غد, أول أمس, البارحة
 * الأولى, today, yesterday, the day after tomorrow; with an optional
 * weekday after it ("اليوم الأربعاء", "يوم غد الخميس"). */
static int m_relday(ctx *c, size_t i, hit *h) {
  size_t j = i;
  int off = 0, v, lead = 0, found = 0;
  if (i >= c->nt)
    return 0;
  int arabic = c->t[i].kind == K_AR;
  if (arabic) {
    if (L(c, j, C_DAYPART, NULL) || W(c, j, W_YAWM)) {
      lead = 1;
      j++;
    }
    if (W(c, j, W_BAAD) && W(c, j + 1, W_GHADAN)) {
      off = 2, j += 2, found = 1;
    } else if (W(c, j, W_AWWAL) && W(c, j + 1, W_AMS)) {
      off = -2, j += 2, found = 1;
    } else if (W(c, j, W_AWWAL) && W(c, j + 1, W_MIN) && W(c, j + 2, W_AMS)) {
      off = -2, j += 3, found = 1;
    } else if (L(c, j, C_REL, &v)) {
      int bariha = v == -1 && !W(c, j, W_AMS);
      off = v, j++, found = 1;
      if (bariha && W(c, j, W_ULA))
        off = -2, j++;
      if (v == 0 && (W(c, j, W_SAME) || L(c, j, C_ORDW, NULL) ||
                     W(c, j, W_AWWAL)))
        return 0;
    } else if (lead && L(c, j, C_GHAD, &v)) {
      off = 1, j++, found = 1;
    }
  } else {
    if (W(c, j, W_THE) && W(c, j + 1, W_DAY) && L(c, j + 3, C_REL, &v) &&
        ((W(c, j + 2, W_AFTER) && v == 1) ||
         (W(c, j + 2, W_BEFORE) && v == -1))) {
      off = 2 * v, j += 4, found = 1;
    } else if (L(c, j, C_REL, &v)) {
      off = v, j++, found = 1;
      if (L(c, j, C_DAYPART, NULL))
        j++;
    }
  }
  if (!found)
    return 0;
  h->ts = i;
  h->dayish = 1;
  int wd = -1;
  size_t k = j;
  if (!arabic && P(c, k, ','))
    k++;
  if (L(c, k, C_WDAY, &wd) && c->t[k].kind == c->t[i].kind)
    j = k + 1;
  else
    wd = -1;
  h->te = j;
  if (!c->has_pub) {
    h->prec = PL_PREC_UNKNOWN;
    return 1;
  }
  long long x = c->pub + off;
  set_days(h, x, x, PL_PREC_DAY);
  if (wd >= 0)
    check_weekday(h, wd);
  return 1;
}

static int m_dated(ctx *c, size_t i, hit *h);

/* الخميس المقبل, السبت الماضي, next Monday, last Saturday, Friday (from
 * the tense), الأربعاء 28 نوفمبر (a weekday said of a date). */
static int m_weekday(ctx *c, size_t i, hit *h) {
  size_t j = i;
  int wd, mv, dir = 0;
  if (i >= c->nt)
    return 0;
  int arabic = c->t[i].kind == K_AR;
  if (!arabic && L(c, j, C_MOD, &mv) && L(c, j + 1, C_WDAY, NULL)) {
    dir = mv < 0 ? -2 : mv > 0 ? 2 : 0;
    j++;
  }
  if (!L(c, j, C_WDAY, &wd))
    return 0;
  j++;
  if (arabic && L(c, j, C_MOD, &mv) && mv) {
    dir = mv < 0 ? -2 : 2;
    j++;
  }
  h->ts = i;
  h->dayish = 1;
  /* a date right after the weekday: the weekday only checks it */
  if (!dir) {
    size_t k = j;
    hit d;
    memset(&d, 0, sizeof d);
    if (P(c, k, ','))
      k++;
    if (m_dated(c, k, &d) && d.ts == k && !d.reject) {
      *h = d;
      h->ts = i;
      check_weekday(h, wd);
      return 1;
    }
  }
  h->te = j;
  if (!c->has_pub) {
    h->prec = PL_PREC_UNKNOWN;
    return 1;
  }
  if (!dir) {
    dir = tense_dir(c, i, j);
    if (!dir)
      dir = -1;
  }
  long long x;
  if (dir < 0) {
    int back = (c->pw - wd + 7) % 7;
    if (dir == -2 && back == 0)
      back = 7;
    x = c->pub - back;
  } else {
    int fwd = (wd - c->pw + 7) % 7;
    if (dir == 2 && fwd == 0)
      fwd = 7;
    x = c->pub + fwd;
  }
  set_days(h, x, x, PL_PREC_DAY);
  return 1;
}

/* The date matchers a weekday may precede. */
static int m_dated(ctx *c, size_t i, hit *h) {
  return m_numeric(c, i, h) || m_dmy(c, i, h) || m_mdy(c, i, h);
}

typedef int (*matcher)(ctx *, size_t, hit *);

/* A matcher with the tokens it can start at: its first test of token i
 * needs a number, a word of one of the classes or one of the function
 * words, so anywhere else it returns 0 and is not called. */
typedef struct starter {
  matcher fn;   /* the matcher */
  int num;      /* 1 when it may start at a number */
  uint32_t cls; /* CB() of the classes it may start at */
  uint64_t w;   /* WB() of the function words it may start at */
} starter;

#define MONTHS                                                              \
  (CB(C_MON) | CB(C_MONABBR) | CB(C_LEV) | CB(C_LEV1) | CB(C_HIJ) |        \
   CB(C_HIJ1))

static const starter MATCHERS[] = {
    {m_numeric, 1, 0, 0},
    {m_relday, 0, CB(C_DAYPART) | CB(C_REL),
     WB(W_YAWM) | WB(W_BAAD) | WB(W_AWWAL) | WB(W_THE)},
    {m_weekday, 0, CB(C_MOD) | CB(C_WDAY), 0},
    {m_dmy, 1, CB(C_ORDW) | CB(C_TENS), WB(W_THE)},
    {m_mdy, 0, MONTHS, 0},
    {m_month, 0, MONTHS, 0},
    {m_part, 0, CB(C_PART), WB(W_THE)},
    {m_period, 0, CB(C_PERIOD) | CB(C_MOD),
     WB(W_HADHA) | WB(W_THE) | WB(W_EARLIER) | WB(W_LATER) | WB(W_FI)},
    {m_ago, 1, CB(C_NUMW), WB(W_MUNDHU) | WB(W_QABL)},
    {m_year, 1, 0, WB(W_AAM)},
};
enum { NMATCHERS = sizeof MATCHERS / sizeof MATCHERS[0] };

enum { MM_AT = 1 << 15 }; /* tok.mm: a word match_at looks past */
_Static_assert(NMATCHERS < 15, "tok.mm holds a bit per matcher");

/* Fills lex_table.mm and num_mm from the starters: the matchers that may
 * start at a number and at a word of each chain, in each language set. */
static void starts_build(void) {
  const uint64_t at = WB(W_ON) | WB(W_YAWM) | WB(W_YAWMAY) | WB(W_FROM) |
                      WB(W_MIN) | WB(W_BETWEEN) | WB(W_BAYN);
  for (size_t m = 0; m < NMATCHERS; m++)
    if (MATCHERS[m].num)
      lex_table.num_mm |= (uint16_t)(1u << m);
  for (int langs = LA; langs <= LB; langs++)
    for (int i = 0; i < NLEX; i++) {
      uint32_t cm = lex_table.cm[langs][i];
      uint64_t wm = lex_table.wm[langs][i];
      unsigned mm = wm & at ? MM_AT : 0;
      for (size_t m = 0; m < NMATCHERS; m++)
        if ((cm & MATCHERS[m].cls) || (wm & MATCHERS[m].w))
          mm |= 1u << m;
      lex_table.mm[langs][i] = (uint16_t)mm;
    }
}

/* The longest expression starting at token i. */
static int match_core(ctx *c, size_t i, hit *best) {
  int found = 0;
  if (i >= c->nt)
    return 0; /* every matcher fails past the end */
  /* the matchers whose bit is set, lowest first (on a tie in length the
     first hit stays): the lowest bit's index by a de Bruijn sequence,
     rather than a test of every bit */
  static const unsigned char DEBRUIJN[32] = {
      0,  1,  28, 2,  29, 14, 24, 3, 30, 22, 20, 15, 25, 17, 4,  8,
      31, 27, 13, 23, 21, 19, 16, 7, 26, 12, 18, 6,  11, 5,  10, 9};
  uint32_t mm = c->t[i].mm & ((1u << NMATCHERS) - 1);
  while (mm) {
    uint32_t low = mm & (0u - mm);
    mm ^= low;
    const starter *st =
        &MATCHERS[DEBRUIJN[(uint32_t)(low * UINT32_C(0x077CB531)) >> 27]];
    hit h;
    memset(&h, 0, sizeof h);
    if (st->fn(c, i, &h) && h.te > i && (!found || h.te > best->te)) {
      *best = h;
      found = 1;
    }
  }
  return found;
}

/* An expression at i with its leading 'on'/'يوم', and a range "from X to
 * Y" / "بين X و Y" merged into one interval. */
static int match_at(ctx *c, size_t i, hit *h) {
  int found = match_core(c, i, h);
  hit h2;
  if (W(c, i, W_ON) || W(c, i, W_YAWM) || W(c, i, W_YAWMAY)) {
    memset(&h2, 0, sizeof h2);
    if (match_core(c, i + 1, &h2) && h2.dayish && !h2.reject &&
        (!found || h2.te > h->te)) {
      *h = h2;
      h->ts = i;
      found = 1;
    }
  }
  int from = W(c, i, W_FROM) || W(c, i, W_MIN);
  int between = W(c, i, W_BETWEEN) || W(c, i, W_BAYN);
  if (!found && (from || between)) {
    /* only a range makes these words part of the phrase */
    memset(&h2, 0, sizeof h2);
    if (!match_core(c, i + 1, &h2) || h2.reject)
      return 0;
    if (h2.from != h2.to && h2.prec == PL_PREC_DAY) {
      *h = h2;
      h->ts = i;
      return 1;
    }
    size_t j = h2.te;
    hit h3;
    memset(&h3, 0, sizeof h3);
    if (range_conn(c, j, between) && match_core(c, j + 1, &h3) &&
        !h3.reject && h3.prec == h2.prec && h2.prec != PL_PREC_UNKNOWN &&
        h3.to >= h2.from) {
      *h = h2;
      h->ts = i;
      h->to = h3.to;
      h->te = h3.te;
      h->flags |= h3.flags;
      return 1;
    }
    return 0;
  }
  if (!found)
    return 0;
  if (h->reject)
    return 1;
  /* X to Y without 'from' */
  size_t j = h->te;
  if (is_dash(c, j) || W(c, j, W_TO) || W(c, j, W_UNTIL) || W(c, j, W_ILA)) {
    hit h3;
    memset(&h3, 0, sizeof h3);
    if (match_core(c, j + 1, &h3) && !h3.reject && h3.prec == h->prec &&
        h->prec != PL_PREC_UNKNOWN && h3.from > h->to &&
        h3.prec == PL_PREC_DAY) {
      h->to = h3.to;
      h->te = h3.te;
      h->flags |= h3.flags;
    }
  }
  return 1;
}

/* ---------------------------------------------------------------------- */

static int parse_published(const char *s, long long *days) {
  int y, m, d;
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return 0;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
      (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  if (!valid_ymd(y, m, d))
    return 0;
  *days = days_from_civil(y, m, d);
  return 1;
}

static void format_day(char out[11], long long x) {
  long long y;
  int m, d;
  civil_from_days(x, &y, &m, &d);
  out[0] = (char)('0' + y / 1000 % 10);
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
}

/* The byte where a phrase starting at token t starts: after the
 * proclitics peeled off its first word ("وغدا" -> "غدا"). */
static uint32_t phrase_start(const char *text, const tok *t) {
  size_t i = t->s, l;
  int left = t->peel;
  while (left > 0 && i < t->e) {
    utf8_next((const unsigned char *)text + i, t->e - i, &l);
    i += l;
    left--;
    while (i < t->e) {
      unsigned cp = utf8_next((const unsigned char *)text + i, t->e - i, &l);
      if (char_class(cp) != CH_MARK)
        break;
      i += l;
    }
  }
  return (uint32_t)i;
}

static int day_printable(long long x) {
  long long y;
  int m, d;
  civil_from_days(x, &y, &m, &d);
  return y >= 1 && y <= 9999;
}

int pl_dates_find(const char *text, size_t len, const char *published,
                  const char *lang, pl_when **out, size_t *n, pl_error *err) {
  int rc = 0;
  size_t tcap = 0, ocap = 0;
  pl_when *res = NULL;
  *out = NULL;
  *n = 0;
  if (!text && len)
    return pl_error_set(err, PL_EUSAGE, NULL, "no text given");
  if (len > UINT32_MAX)
    return pl_error_set(err, PL_ETOOBIG, NULL,
                        "text of %zu bytes is above the 4 GiB limit", len);
  ctx *c = calloc(1, sizeof *c);
  if (!c)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  if (!lang || !*lang || strcmp(lang, "auto") == 0)
    c->langs = LB;
  else if (strcmp(lang, "ar") == 0)
    c->langs = LA;
  else if (strcmp(lang, "en") == 0)
    c->langs = LE;
  else {
    rc = pl_error_set(err, PL_EUSAGE, NULL,
                      "unknown language '%s' (want ar, en or auto)", lang);
    goto done;
  }
  if (published && *published) {
    if (!parse_published(published, &c->pub)) {
      rc = pl_error_set(err, PL_EUSAGE, NULL,
                        "malformed publication date '%s' (want YYYY-MM-DD)",
                        published);
      goto done;
    }
    c->has_pub = 1;
    civil_from_days(c->pub, &c->py, &c->pm, &c->pd);
    c->pw = weekday_of(c->pub);
  }
  lex_build(c);
  c->text = text;
  if ((rc = tokenise(c, text, len, &tcap)) < 0) {
    pl_error_set(err, rc, NULL, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < c->nt;) {
    hit h;
    /* every phrase starts at a number or a word of the lexicon that some
       matcher or match_at may start at */
    if (!c->t[i].mm) {
      i++;
      continue;
    }
    memset(&h, 0, sizeof h);
    if (!match_at(c, i, &h) || h.te <= i) {
      i++;
      continue;
    }
    if (h.reject) {
      i = h.te;
      continue;
    }
    if (*n == ocap) {
      size_t nc = ocap ? ocap * 2 : 16;
      pl_when *nr = realloc(res, nc * sizeof *nr);
      if (!nr) {
        rc = pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
        goto done;
      }
      res = nr;
      ocap = nc;
    }
    pl_when *w = &res[(*n)++];
    memset(w, 0, sizeof *w);
    w->start = phrase_start(text, &c->t[h.ts]);
    w->end = c->t[h.te - 1].e;
    w->flags = h.flags;
    if (h.prec != PL_PREC_UNKNOWN && day_printable(h.from) &&
        day_printable(h.to) && h.from <= h.to) {
      w->precision = h.prec;
      format_day(w->from, h.from);
      format_day(w->to, h.to);
    } else {
      w->precision = PL_PREC_UNKNOWN;
    }
    i = h.te;
  }
done:
  if (c->hij)
    ucal_close(c->hij);
  free(c->t);
  free(c);
  if (rc < 0) {
    free(res);
    *n = 0;
    return rc;
  }
  if (*n == 0) {
    free(res);
    res = NULL;
  }
  *out = res;
  return 0;
}
