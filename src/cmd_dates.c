/* parley dates: find and resolve the date expressions of a text. */
#include "cli.h"

#include "buf.h"

#include <getopt.h>
#include <parley/when.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "Usage: parley dates [--published YYYY-MM-DD] [--lang ar|en|auto] "
    "[TEXT...|-]\n"
    "Finds the date expressions of TEXT (the arguments joined by spaces, or\n"
    "standard input when TEXT is '-' or absent) and prints one JSON object\n"
    "per expression, in text order:\n"
    "  {\"text\": ..., \"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\",\n"
    "   \"precision\": \"day|month|year\"}\n"
    "from, to and precision are null when the expression cannot be resolved\n"
    "(a relative one without --published); \"weekday_mismatch\": true is\n"
    "added when a weekday contradicts the date it is said of.\n"
    "\n"
    "Options:\n"
    "  -p, --published DATE  the publication date relative expressions\n"
    "                        are resolved against\n"
    "  -l, --lang LANG       ar, en or auto (both; the default)\n"
    "  -h, --help            print this help and exit\n";

static const struct option OPTIONS[] = {
    {"published", required_argument, NULL, 'p'},
    {"lang", required_argument, NULL, 'l'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static const char *PREC[] = {NULL, "day", "month", "year"};

int cmd_dates(int argc, char **argv) {
  const char *published = NULL, *lang = NULL;
  int opt;
  optind = 1;
  while ((opt = getopt_long(argc, argv, "p:l:h", OPTIONS, NULL)) != -1) {
    switch (opt) {
    case 'p':
      published = optarg;
      break;
    case 'l':
      lang = optarg;
      break;
    case 'h':
      fputs(USAGE, stdout);
      return EXIT_OK;
    default:
      return cli_bad_option("dates");
    }
  }
  if (published && cli_date_arg("dates", "--published", published, 1, NULL))
    return EXIT_USAGE;
  if (lang && strcmp(lang, "ar") != 0 && strcmp(lang, "en") != 0 &&
      strcmp(lang, "auto") != 0)
    return cli_usage("dates", "bad --lang '%s': want ar, en or auto", lang);

  char *text = NULL;
  size_t len = 0;
  pl_error err = {0};
  const char *where = "-";
  if (optind >= argc || (argc - optind == 1 && strcmp(argv[optind], "-") == 0)) {
    if (pl_file_read("-", 0, &text, &len, &err) < 0)
      return cli_report(&err, "-");
  } else {
    pl_buf b = {0};
    for (int i = optind; i < argc; i++)
      if ((i > optind && pl_buf_putc(&b, ' ') < 0) ||
          pl_buf_puts(&b, argv[i]) < 0) {
        pl_buf_free(&b);
        return cli_fail(NULL, "out of memory");
      }
    len = b.len;
    text = pl_buf_take(&b);
    where = "arguments";
  }

  pl_when *w = NULL;
  size_t n = 0;
  int rc = EXIT_OK;
  if (pl_dates_find(text, len, published, lang, &w, &n, &err) < 0) {
    rc = cli_report(&err, where);
    goto done;
  }
  pl_buf o = {0};
  for (size_t i = 0; i < n; i++) {
    int ok = pl_buf_puts(&o, "{\"text\": ") == 0 &&
             pl_json_strn(&o, text + w[i].start, w[i].end - w[i].start) == 0;
    int known = w[i].precision != PL_PREC_UNKNOWN;
    ok = ok && pl_buf_puts(&o, ", \"from\": ") == 0 &&
         pl_json_str_or_null(&o, known ? w[i].from : NULL) == 0 &&
         pl_buf_puts(&o, ", \"to\": ") == 0 &&
         pl_json_str_or_null(&o, known ? w[i].to : NULL) == 0 &&
         pl_buf_puts(&o, ", \"precision\": ") == 0 &&
         pl_json_str_or_null(&o, known ? PREC[w[i].precision] : NULL) == 0;
    if (ok && (w[i].flags & PL_WHEN_WEEKDAY_MISMATCH))
      ok = pl_buf_puts(&o, ", \"weekday_mismatch\": true") == 0;
    ok = ok && pl_buf_puts(&o, "}\n") == 0;
    if (!ok) {
      pl_buf_free(&o);
      rc = cli_fail(NULL, "out of memory");
      goto done;
    }
  }
  if (o.len && fwrite(o.data, 1, o.len, stdout) != o.len)
    rc = cli_fail("stdout", "write failed");
  pl_buf_free(&o);
  if (fflush(stdout) != 0)
    rc = cli_fail("stdout", "write failed");
done:
  free(w);
  free(text);
  return rc;
}
