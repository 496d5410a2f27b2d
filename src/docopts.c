#include "docopts.h"

#include "cli.h"

#include <parley/when.h>
#include <stdlib.h>
#include <string.h>

int docopts_handle(docopts *d, const char *cmd, int c, const char *arg) {
  switch (c) {
  case DOCOPT_PUBLISHED:
    if (cli_date_arg(cmd, "--published", arg, 0, d->published))
      return EXIT_USAGE;
    d->read.published = d->published;
    return 1;
  case DOCOPT_LANG:
    if (strcmp(arg, "ar") && strcmp(arg, "en") && strcmp(arg, "und"))
      return cli_usage(cmd, "--lang: '%s' is not one of ar, en, und", arg);
    d->read.lang = arg;
    return 1;
  case DOCOPT_TITLE:
    d->read.title = arg;
    return 1;
  case DOCOPT_READER:
    if (strcmp(arg, "auto") && strcmp(arg, "text") && strcmp(arg, "html") &&
        strcmp(arg, "feed") && strcmp(arg, "jsonl"))
      return cli_usage(cmd, "--reader: '%s' is not one of auto, text, html, "
                            "feed, jsonl", arg);
    d->read.reader = arg;
    return 1;
  case DOCOPT_ENCODING:
    d->read.encoding = arg;
    return 1;
  case DOCOPT_MAXSIZE: {
    char *end;
    unsigned long long v = strtoull(arg, &end, 10);
    if (*end == 'k' || *end == 'K')
      v <<= 10, end++;
    else if (*end == 'm' || *end == 'M')
      v <<= 20, end++;
    if (*end || !v)
      return cli_usage(cmd, "--max-size: '%s' is not a size in bytes", arg);
    d->read.max_size = (size_t)v;
    return 1;
  }
  case DOCOPT_LEXICON:
    if (d->nlexicons == sizeof d->lexicons / sizeof *d->lexicons)
      return cli_usage(cmd, "too many --lexicon files");
    d->lexicons[d->nlexicons++] = arg;
    return 1;
  default:
    return 0;
  }
}

int docopts_extractor(const docopts *d, pl_extractor **out) {
  pl_extract_opts o = {NULL, d->lexicons, d->nlexicons};
  pl_error err = {0};
  if (pl_extractor_new(out, &o, &err) < 0)
    return cli_report(&err, "lexicon");
  return 0;
}
