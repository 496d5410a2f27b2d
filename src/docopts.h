/* Options shared by the commands that read articles (ingest, extract):
 * one table entry each, parsed in one place. */
#ifndef PARLEY_DOCOPTS_H
#define PARLEY_DOCOPTS_H

#include <getopt.h>
#include <parley/doc.h>
#include <parley/extract.h>

typedef struct docopts {
  pl_read_opts read;        /* reader choice, encoding, overrides */
  const char *lexicons[16]; /* --lexicon files */
  size_t nlexicons;         /* used */
  char published[11];       /* --published, normalised */
} docopts;

enum {
  DOCOPT_PUBLISHED = 1000, DOCOPT_LANG, DOCOPT_TITLE, DOCOPT_READER,
  DOCOPT_ENCODING, DOCOPT_MAXSIZE, DOCOPT_LEXICON
};

#define DOCOPTS_LONG                                                         \
  {"published", required_argument, NULL, DOCOPT_PUBLISHED},                  \
      {"lang", required_argument, NULL, DOCOPT_LANG},                        \
      {"title", required_argument, NULL, DOCOPT_TITLE},                      \
      {"reader", required_argument, NULL, DOCOPT_READER},                    \
      {"encoding", required_argument, NULL, DOCOPT_ENCODING},                \
      {"max-size", required_argument, NULL, DOCOPT_MAXSIZE},                 \
      {"lexicon", required_argument, NULL, DOCOPT_LEXICON}

#define DOCOPTS_HELP                                                         \
  "  --published DATE  publication date (YYYY-MM-DD) for relative dates\n"   \
  "  --lang ar|en      the articles' language (default: from the text)\n"    \
  "  --title TEXT      the title to record\n"                                \
  "  --reader R        auto (default), text, html, feed or jsonl\n"          \
  "  --encoding E      the input encoding (default: detected)\n"             \
  "  --max-size BYTES  refuse larger documents (default 16 MiB)\n"           \
  "  --lexicon FILE    add a lexicon file (TSV, as ingest/lexicon/*.tsv)\n"

/* Handles option c (with optarg) if it is one of these. Returns 1 when
 * handled, 0 when not one of them, or EXIT_USAGE after reporting. */
int docopts_handle(docopts *d, const char *cmd, int c, const char *arg);

/* Makes the extractor these options ask for. Reports errors; returns 0 or
 * EXIT_FAIL. */
int docopts_extractor(const docopts *d, pl_extractor **out);

#endif
