/* parley read — prints the documents parley would ingest (source, date,
 * language, size, title, first words) without touching a store. */
#include "cli.h"

#include "buf.h"

#include <parley/doc.h>
#include <parley/when.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_WORDS 12

enum {
  OPT_READER = 'r',
  OPT_ENCODING = 'e',
  OPT_FORMAT = 'f',
  OPT_HELP = 'h',
  OPT_PUBLISHED = 256,
  OPT_LANG,
  OPT_TITLE,
  OPT_MAX_SIZE
};

static const struct option options[] = {
    {"reader", required_argument, NULL, OPT_READER},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"published", required_argument, NULL, OPT_PUBLISHED},
    {"lang", required_argument, NULL, OPT_LANG},
    {"title", required_argument, NULL, OPT_TITLE},
    {"max-size", required_argument, NULL, OPT_MAX_SIZE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0}};

static void help(void) {
  fputs(
      "Usage: parley read [OPTIONS] FILE...\n"
      "Prints the documents parley would ingest from each FILE (a file, a\n"
      "folder read recursively in name order, or - for standard input):\n"
      "source, publication date, language, size in bytes, title and first\n"
      "words. Never opens a store.\n"
      "\n"
      "Options:\n"
      "  -r, --reader R     auto (default), text, html, feed or jsonl; auto\n"
      "                     goes by extension (.txt .html .htm .xml .rss\n"
      "                     .atom .jsonl .ndjson), then by content\n"
      "  -e, --encoding E   read the input as E (windows-1256, ISO-8859-6,\n"
      "                     UTF-16 ...) instead of detecting it\n"
      "      --published D  publication date YYYY-MM-DD for every document\n"
      "      --lang L       language (ar, en ...) for every document\n"
      "      --title T      title for every document\n"
      "      --max-size N   refuse documents above N bytes (suffixes K, M,\n"
      "                     G; default 16M); a JSONL file is limited per "
      "line\n"
      "  -f, --format F     table (default: tab-separated, with a header) or\n"
      "                     json (an array of objects)\n"
      "  -h, --help         show this help\n"
      "\n"
      "Metadata given here overrides what a reader finds. Feeds and pages\n"
      "never reach the network or the file system (no external entities).\n"
      "Exit status: 0 when every FILE was read, 1 when one failed, 2 for a\n"
      "usage error.\n",
      stdout);
}

typedef struct out_ctx {
  FILE *out;   /* where documents go */
  int json;    /* --format json */
  size_t docs; /* documents printed */
} out_ctx;

/* Writes s with tabs and line breaks turned into spaces (table cells). */
static void cell(FILE *f, const char *s) {
  if (!s || !*s) {
    fputc('-', f);
    return;
  }
  for (; *s; s++)
    fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

/* The first n words of body, "..." after them when more follow. */
static int first_words(pl_buf *b, const char *body, size_t len, int n) {
  size_t i = 0;
  int words = 0;
  while (i < len) {
    while (i < len && isspace((unsigned char)body[i]))
      i++;
    if (i >= len)
      break;
    if (words == n)
      return pl_buf_puts(b, "...");
    size_t s = i;
    while (i < len && !isspace((unsigned char)body[i]))
      i++;
    if ((words && pl_buf_putc(b, ' ') < 0) ||
        pl_buf_append(b, body + s, i - s) < 0)
      return PL_ENOMEM;
    words++;
  }
  return pl_buf_reserve(b, 0);
}

static int print_doc(void *ctx, const pl_doc *doc, pl_error *err) {
  out_ctx *o = ctx;
  pl_buf w = {0};
  if (first_words(&w, doc->body, doc->body_len, FIRST_WORDS) < 0) {
    pl_buf_free(&w);
    return pl_error_set(err, PL_ENOMEM, doc->source, "out of memory");
  }
  if (o->json) {
    pl_buf j = {0};
    int rc =
        pl_buf_puts(&j, o->docs ? ",\n  {\"source\": " : "  {\"source\": ");
    rc |= pl_json_str(&j, doc->source);
    rc |= pl_buf_puts(&j, ", \"id\": ");
    rc |= pl_json_str(&j, doc->id);
    rc |= pl_buf_puts(&j, ", \"url\": ");
    rc |= pl_json_str_or_null(&j, doc->url);
    rc |= pl_buf_puts(&j, ", \"title\": ");
    rc |= pl_json_str_or_null(&j, doc->title);
    rc |= pl_buf_puts(&j, ", \"published\": ");
    rc |= pl_json_str_or_null(&j, doc->published[0] ? doc->published : NULL);
    rc |= pl_buf_puts(&j, ", \"language\": ");
    rc |= pl_json_str(&j, doc->lang);
    rc |=
        pl_buf_printf(&j, ", \"size\": %zu, \"first_words\": ", doc->body_len);
    rc |= pl_json_str(&j, w.data ? w.data : "");
    rc |= pl_buf_puts(&j, "}");
    if (rc < 0) {
      pl_buf_free(&j);
      pl_buf_free(&w);
      return pl_error_set(err, PL_ENOMEM, doc->source, "out of memory");
    }
    fwrite(j.data, 1, j.len, o->out);
    pl_buf_free(&j);
  } else {
    cell(o->out, doc->source);
    fputc('\t', o->out);
    cell(o->out, doc->published);
    fputc('\t', o->out);
    cell(o->out, doc->lang);
    fprintf(o->out, "\t%zu\t", doc->body_len);
    cell(o->out, doc->title);
    fputc('\t', o->out);
    cell(o->out, w.data);
    fputc('\n', o->out);
  }
  pl_buf_free(&w);
  o->docs++;
  if (ferror(o->out))
    return pl_error_set(err, PL_EIO, "standard output", "%s", strerror(errno));
  return 0;
}

/* "16M", "500K", "1048576" → bytes; 0 when malformed or zero. */
static size_t parse_size(const char *s) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || !isdigit((unsigned char)*s))
    return 0;
  unsigned long long mult = 1;
  switch (toupper((unsigned char)*end)) {
  case 'K':
    mult = 1ULL << 10;
    end++;
    break;
  case 'M':
    mult = 1ULL << 20;
    end++;
    break;
  case 'G':
    mult = 1ULL << 30;
    end++;
    break;
  default:
    break;
  }
  if (mult > 1 && (*end == 'i' || *end == 'I'))
    end++;
  if (*end == 'B' || *end == 'b')
    end++;
  if (*end || !v || v > SIZE_MAX / mult)
    return 0;
  return (size_t)(v * mult);
}

int cmd_read(int argc, char **argv) {
  const char *cmd = "read";
  pl_read_opts opts = {0};
  int json = 0, c;
  char published[11];
  opts.warn = cli_warn;
  optind = 1;
  while ((c = getopt_long(argc, argv, "+r:e:f:h", options, NULL)) != -1) {
    switch (c) {
    case OPT_READER:
      if (strcmp(optarg, "auto") && strcmp(optarg, "text") &&
          strcmp(optarg, "html") && strcmp(optarg, "feed") &&
          strcmp(optarg, "jsonl"))
        return cli_usage(cmd,
                         "unknown reader '%s' (auto, text, html, feed, "
                         "jsonl)",
                         optarg);
      opts.reader = optarg;
      break;
    case OPT_ENCODING:
      if (!*optarg)
        return cli_usage(cmd, "empty --encoding");
      opts.encoding = optarg;
      break;
    case OPT_PUBLISHED:
      if (cli_date_arg(cmd, "--published", optarg, 0, published))
        return EXIT_USAGE;
      opts.published = published;
      break;
    case OPT_LANG: {
      size_t n = strlen(optarg), i;
      for (i = 0;
           i < n && (isalpha((unsigned char)optarg[i]) || optarg[i] == '-');
           i++)
        ;
      if (n < 2 || n > 7 || i < n)
        return cli_usage(cmd,
                         "invalid --lang '%s' (expected a code such as "
                         "ar or en)",
                         optarg);
      opts.lang = optarg;
      break;
    }
    case OPT_TITLE:
      opts.title = optarg;
      break;
    case OPT_MAX_SIZE:
      if (!(opts.max_size = parse_size(optarg)))
        return cli_usage(cmd,
                         "invalid --max-size '%s' (expected bytes, such "
                         "as 16M or 500K)",
                         optarg);
      break;
    case OPT_FORMAT:
      if (!strcmp(optarg, "json"))
        json = 1;
      else if (!strcmp(optarg, "table"))
        json = 0;
      else
        return cli_usage(cmd, "unknown format '%s' (table, json)", optarg);
      break;
    case OPT_HELP:
      help();
      return EXIT_OK;
    default:
      return cli_bad_option(cmd);
    }
  }
  if (optind >= argc)
    return cli_usage(cmd, "no FILE given");
  out_ctx o = {stdout, json, 0};
  int status = EXIT_OK;
  if (json)
    fputs("[\n", stdout);
  else
    fputs("source\tpublished\tlanguage\tsize\ttitle\tfirst words\n", stdout);
  for (int i = optind; i < argc; i++) {
    pl_error err = {0};
    int rc = pl_read_path(argv[i], &opts, print_doc, &o, &err);
    if (rc < 0) {
      int exit = cli_report(&err, argv[i]);
      if (exit == EXIT_USAGE ||
          (rc == PL_EIO && !strcmp(err.where, "standard output"))) {
        status = exit;
        break;
      }
      status = EXIT_FAIL;
    }
  }
  if (json)
    fputs(o.docs ? "\n]\n" : "]\n", stdout);
  if (fflush(stdout) != 0 || ferror(stdout))
    return cli_fail("standard output", "%s", strerror(errno));
  return status;
}
