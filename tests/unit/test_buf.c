/* The buffer helpers the output paths write with (decimal numbers, pieces
 * appended in order, JSON strings) and the UTF-8 sequence check the
 * readers share. */
#include "harness.h"

#include "buf.h"
#include "reader.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static void test_put_uint(void) {
  pl_buf b = {0};
  INT_EQ(pl_buf_put_uint(&b, 0), 0);
  STR_EQ(b.data, "0");
  INT_EQ(pl_buf_putc(&b, ','), 0);
  INT_EQ(pl_buf_put_uint(&b, 1234567890), 0);
  INT_EQ(pl_buf_putc(&b, ','), 0);
  INT_EQ(pl_buf_put_uint(&b, ULLONG_MAX), 0);
  STR_EQ(b.data, "0,1234567890,18446744073709551615");
  INT_EQ(b.len, strlen(b.data));
  pl_buf_free(&b);
}

static void test_putv(void) {
  pl_buf b = {0};
  INT_EQ(pl_buf_puts(&b, "{"), 0);
  INT_EQ(pl_buf_putv(&b, "\"a\"", ": ", "", "1", (const char *)NULL), 0);
  INT_EQ(pl_buf_putv(&b, (const char *)NULL), 0); /* nothing to add */
  INT_EQ(pl_buf_putv(&b, "}", (const char *)NULL), 0);
  STR_EQ(b.data, "{\"a\": 1}");
  INT_EQ(b.len, 8);
  pl_buf_free(&b);
}

/* pl_json_strn of s into a fresh buffer, returned (static). */
static const char *json(const char *s, size_t n) {
  static char out[256];
  pl_buf b = {0};
  out[0] = '\0';
  if (pl_json_strn(&b, s, n) == 0 && b.len < sizeof out)
    memcpy(out, b.data, b.len + 1);
  pl_buf_free(&b);
  return out;
}

static void test_json_strings(void) {
  /* Arabic (two-byte runs) and ASCII copied as they are */
  const char ar[] = "\xd9\x85\xd8\xad\xd8\xa7\xd8\xaf\xd8\xab\xd8\xa7\xd8\xaa"
                    " Astana";
  char want[64];
  snprintf(want, sizeof want, "\"%s\"", ar);
  STR_EQ(json(ar, strlen(ar)), want);
  /* escapes, a control character, three- and four-byte sequences */
  STR_EQ(json("a\"b\\c\nd\te\x01", 10), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  STR_EQ(json("\xe2\x80\x94\xf0\x9f\x98\x80", 7),
         "\"\xe2\x80\x94\xf0\x9f\x98\x80\"");
  /* invalid bytes become U+FFFD, each on its own: a lone continuation, a
     lead byte without its continuation, an overlong form, a surrogate */
  STR_EQ(json("x\x80y", 3), "\"x\xef\xbf\xbdy\"");
  STR_EQ(json("\xd9 ", 2), "\"\xef\xbf\xbd \"");
  STR_EQ(json("\xc0\xaf", 2), "\"\xef\xbf\xbd\xef\xbf\xbd\"");
  STR_EQ(json("\xed\xa0\x80", 3),
         "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
  /* a two-byte sequence cut at the end of the string */
  STR_EQ(json("ab\xd8", 3), "\"ab\xef\xbf\xbd\"");
}

static void test_utf8_seq(void) {
  const unsigned char s[] = "a\xd8\xa7\xe2\x80\x94\xf0\x9f\x98\x80";
  size_t n = sizeof s - 1;
  INT_EQ(pl_text__utf8_seq(s, n, 0), 1);
  INT_EQ(pl_text__utf8_seq(s, n, 1), 2);
  INT_EQ(pl_text__utf8_seq(s, n, 3), 3);
  INT_EQ(pl_text__utf8_seq(s, n, 6), 4);
  INT_EQ(pl_text__utf8_seq(s, n, 2), 0); /* a continuation byte */
  INT_EQ(pl_text__utf8_seq(s, n - 1, 6), 0); /* cut short */
  const unsigned char bad[][4] = {{0xC1, 0xBF}, {0xE0, 0x9F, 0xBF},
                                  {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80},
                                  {0xF5, 0x80, 0x80, 0x80}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    INT_EQ(pl_text__utf8_seq(bad[i], 4, 0), 0);
  OK(pl_text__valid_utf8((const char *)s, n));
  OK(!pl_text__valid_utf8("a\xed\xa0\x80", 4));
}

int main(void) {
  test_put_uint();
  test_putv();
  test_json_strings();
  test_utf8_seq();
  return HARNESS_DONE();
}
