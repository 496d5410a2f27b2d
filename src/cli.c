#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

int cli_fail(const char *where, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("parley: ", stderr);
  if (where && *where)
    fprintf(stderr, "%s: ", where);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return EXIT_FAIL;
}

int cli_usage(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "parley %s: ", cmd);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\nTry 'parley %s --help'.\n", cmd);
  va_end(ap);
  return EXIT_USAGE;
}

int cli_report(const pl_error *err, const char *fallback) {
  const char *where = err->where[0] ? err->where : fallback;
  cli_fail(where, "%s", err->msg[0] ? err->msg : "failed");
  return err->code == PL_EUSAGE ? EXIT_USAGE : EXIT_FAIL;
}

void cli_warn(void *ctx, const char *where, const char *msg) {
  (void)ctx;
  if (where && *where)
    fprintf(stderr, "parley: %s: warning: %s\n", where, msg);
  else
    fprintf(stderr, "parley: warning: %s\n", msg);
}

int cli_bad_option(const char *cmd) {
  fprintf(stderr, "Try 'parley %s --help'.\n", cmd);
  return EXIT_USAGE;
}

FILE *cli_open_out(const char *path) {
  if (!path || strcmp(path, "-") == 0)
    return stdout;
  FILE *f = fopen(path, "wb");
  if (!f)
    cli_fail(path, "%s", strerror(errno));
  return f;
}

int cli_stderr_tty(void) { return isatty(2); }
