/* Word boundaries by UAX #29's rules as ICU's word.txt states them, for
 * the code points whose classes need no dictionary, no Hebrew rules and
 * no emoji sequences (wordbreak.h). One table lookup a unit; a segment is
 * found by scanning forward from its start, as ICU's iterator does.
 *
 * Classes are ICU's Word_Break values, merged where the rules cannot tell
 * them apart without the unhandled classes: Single_Quote acts as
 * MidNumLet and Double_Quote as Other (they differ only next to Hebrew
 * letters), Format as Extend (WB4 treats them alike; ZWJ, which WB3c
 * tells apart, is not handled). */
#include "wordbreak.h"

#include <string.h>
#include <threads.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

enum {
  WB_OTHER,     /* no rule joins it to a neighbour (and Double_Quote) */
  WB_ALETTER,   /* letters: WB5-WB7, WB9, WB10, WB13a-b */
  WB_NUMERIC,   /* digits: WB8-WB12, WB13a-b */
  WB_ENL,       /* ExtendNumLet ("_"): WB13a-b */
  WB_MIDLETTER, /* between letters only (U+00B7, U+05F4, U+2027) */
  WB_MIDNUM,    /* between digits only ("," ";") */
  WB_MIDNUMLET, /* between letters or digits ("." "'" U+2019) */
  WB_EXTEND,    /* Extend and Format: ignored after a character (WB4) */
  WB_CR,
  WB_LF,
  WB_NEWLINE,   /* VT, FF, NEL, U+2028, U+2029 */
  WB_SPACE,     /* WSegSpace: runs kept together (WB3d) */
  WB_UNSUP      /* a class or a script this module does not handle */
};

/* Classes of the units below TABLE_END, from ICU once; between it and
 * FORMS_START (CJK, surrogates: texts left to ICU's iterator) ICU is asked
 * each time. */
#define TABLE_END 0x3000
static unsigned char table[TABLE_END];
/* ... and of the presentation forms and the rest of the BMP's end
 * (U+FB00-U+FFFF: Arabic ligatures in texts converted from PDFs, full-width
 * forms), which would otherwise ask ICU for every unit. */
#define FORMS_START 0xFB00
static unsigned char forms[0x10000 - FORMS_START];
static once_flag table_once = ONCE_FLAG_INIT;

/* The class of a BMP code point (a surrogate: unhandled). Dictionary
 * scripts (CJK, Thai and the other Complex_Context scripts) get status 400
 * or dictionary breaks from ICU, Hebrew letters rules 7a-7c, and Katakana,
 * regional indicators, ZWJ and the emoji classes rules of their own. */
static unsigned char class_of(UChar32 c) {
  if (c >= 0xD800 && c <= 0xDFFF)
    return WB_UNSUP;
  UErrorCode ec = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &ec);
  if (U_FAILURE(ec) || sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
      sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL ||
      u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) ||
      u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT)
    return WB_UNSUP;
  int wb = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
  /* ICU's root rules take the colons out of MidLetter ("a:b" is three
   * segments; CLDR keeps them for Swedish and Finnish only). */
  if (c == 0x003A || c == 0xFE55 || c == 0xFF1A)
    wb = U_WB_OTHER;
  if (c == '@') /* and add "@" to ALetter: "user@example" is one word */
    wb = U_WB_ALETTER;
  /* An Extended_Pictographic character of class Other (the copyright
   * sign) breaks like Other unless a ZWJ precedes it, and ZWJ is not
   * handled; of any other class it is left to ICU. */
  if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) &&
      wb != U_WB_OTHER)
    return WB_UNSUP;
  switch (wb) {
  case U_WB_OTHER:
  case U_WB_DOUBLE_QUOTE:
    return WB_OTHER;
  case U_WB_ALETTER:
    return WB_ALETTER;
  case U_WB_NUMERIC:
    return WB_NUMERIC;
  case U_WB_EXTENDNUMLET:
    return WB_ENL;
  case U_WB_MIDLETTER:
    return WB_MIDLETTER;
  case U_WB_MIDNUM:
    return WB_MIDNUM;
  case U_WB_MIDNUMLET:
  case U_WB_SINGLE_QUOTE:
    return WB_MIDNUMLET;
  case U_WB_EXTEND:
  case U_WB_FORMAT:
    return WB_EXTEND;
  case U_WB_CR:
    return WB_CR;
  case U_WB_LF:
    return WB_LF;
  case U_WB_NEWLINE:
    return WB_NEWLINE;
  case U_WB_WSEGSPACE:
    return WB_SPACE;
  default:
    return WB_UNSUP;
  }
}

static void table_init(void) {
  for (UChar32 c = 0; c < TABLE_END; c++)
    table[c] = class_of(c);
  for (UChar32 c = FORMS_START; c < 0x10000; c++)
    forms[c - FORMS_START] = class_of(c);
}

void pl_wb_init(void) { call_once(&table_once, table_init); }

static inline unsigned char cls(UChar c) {
  return c < TABLE_END       ? table[c]
         : c >= FORMS_START ? forms[c - FORMS_START]
                            : class_of(c);
}

int pl_wb_supported(const UChar *u, int32_t n) {
  pl_wb_init();
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    /* four ASCII units at once (every ASCII class is handled) */
    uint64_t w;
    memcpy(&w, u + i, sizeof w);
    if (!(w & 0xFF80FF80FF80FF80ULL))
      continue;
    if (cls(u[i]) == WB_UNSUP || cls(u[i + 1]) == WB_UNSUP ||
        cls(u[i + 2]) == WB_UNSUP || cls(u[i + 3]) == WB_UNSUP)
      return 0;
  }
  for (; i < n; i++)
    if (cls(u[i]) == WB_UNSUP)
      return 0;
  return 1;
}

/* The first index at or after i that is not Extend or Format (WB4). */
static int32_t skip_ext(const UChar *u, int32_t n, int32_t i) {
  while (i < n && cls(u[i]) == WB_EXTEND)
    i++;
  return i;
}

/* The segment from a (pl_wb_next), inlined in pl_wb_all's loop. */
static inline int32_t next_segment(const UChar *u, int32_t n, int32_t a,
                                   int *word) {
  int32_t i = a + 1;
  int x = cls(u[a]);
  *word = 0;
  switch (x) {
  case WB_CR: /* WB3, WB3a */
    return i < n && u[i] == '\n' ? i + 1 : i;
  case WB_LF:
  case WB_NEWLINE: /* WB3a: nothing attaches to them, not even Extend */
    return i;
  case WB_SPACE: /* WB3d, then WB4 */
    while (i < n && cls(u[i]) == WB_SPACE)
      i++;
    return skip_ext(u, n, i);
  case WB_ALETTER:
  case WB_NUMERIC:
    *word = 1;
    break;
  case WB_ENL: /* a word only when it joins something (ICU tags no lone
                  ExtendNumLet) */
    break;
  default: /* Other, the Mid classes, a run of Extend after a line break
              or at the start of the text: WB4, then WB999 */
    return skip_ext(u, n, i);
  }
  /* x is the class of the last character that is not Extend or Format:
   * letters, digits and underscores join (WB5, WB8-WB10, WB13a-b); a
   * MidLetter or MidNumLet between letters, a MidNum or MidNumLet between
   * digits, joins them too (WB6-WB7, WB11-WB12). */
  int32_t last = i; /* just after the last character not Extend */
  for (;;) {
    /* the common case first: a run of letters and digits, no marks */
    int32_t run = i;
    while (i < n && u[i] < TABLE_END &&
           (unsigned)(table[u[i]] - WB_ALETTER) <= WB_ENL - WB_ALETTER)
      i++;
    if (i > run) {
      x = table[u[i - 1]];
      *word = 1;
      last = i;
    }
    int y = WB_OTHER;
    while (i < n && (y = cls(u[i])) == WB_EXTEND)
      i++;
    if (i >= n)
      break;
    if (y == WB_ALETTER || y == WB_NUMERIC || y == WB_ENL) {
      x = y;
      *word = 1;
      last = ++i;
      continue;
    }
    if (x == WB_ENL || !(y == WB_MIDNUMLET ||
                         y == (x == WB_ALETTER ? WB_MIDLETTER : WB_MIDNUM)))
      break;
    int32_t j = i + 1; /* a Mid class joins when x follows it */
    while (j < n && (y = cls(u[j])) == WB_EXTEND)
      j++;
    if (j >= n || y != x)
      break;
    last = i = j + 1;
  }
  /* ICU's tables tag no segment that ends in ExtendNumLet followed by
   * Extend or Format ("a_" + U+0301 has status 0, "a_" 200): the same
   * here, so that the tokens are ICU's. */
  if (x == WB_ENL && i > last)
    *word = 0;
  return i;
}

int32_t pl_wb_next(const UChar *u, int32_t n, int32_t a, int *word) {
  return next_segment(u, n, a, word);
}

int32_t pl_wb_all(const UChar *u, int32_t n, uint32_t *out) {
  int32_t k = 0;
  for (int32_t a = 0; a < n;) {
    int word;
    int32_t b = next_segment(u, n, a, &word);
    out[k++] = (uint32_t)b | (uint32_t)word << 31;
    a = b;
  }
  return k;
}
