/* realpath() is an X/Open extension of POSIX */
#define _XOPEN_SOURCE 700
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
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

int cli_out_open(cli_out *o, const char *path) {
  memset(o, 0, sizeof *o);
  o->name = path;
  if (!path || !strcmp(path, "-")) {
    o->f = stdout;
    return EXIT_OK;
  }
  struct stat st;
  int exists = stat(path, &st) == 0; /* follows a symbolic link */
  if (exists && !S_ISREG(st.st_mode)) {
    /* /dev/null, a FIFO, a terminal: written in place, never replaced */
    if (!(o->f = fopen(path, "wb")))
      return cli_fail(path, "%s", strerror(errno));
    return EXIT_OK;
  }
  o->path = exists ? realpath(path, NULL) : strdup(path);
  if (!o->path)
    return cli_fail(path, "%s", strerror(errno));
  size_t n = strlen(o->path);
  if (!(o->tmp = malloc(n + 16))) {
    free(o->path);
    return cli_fail(path, "out of memory");
  }
  /* ".NAME.XXXXXX" beside NAME: same file system, so rename is atomic */
  const char *slash = strrchr(o->path, '/');
  if (slash)
    snprintf(o->tmp, n + 16, "%.*s.%s.XXXXXX", (int)(slash + 1 - o->path),
             o->path, slash + 1);
  else
    snprintf(o->tmp, n + 16, ".%s.XXXXXX", o->path);
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    int rc = cli_fail(path, "cannot create a file here: %s", strerror(errno));
    free(o->tmp);
    free(o->path);
    return rc;
  }
  mode_t mode;
  if (exists)
    mode = st.st_mode & 07777; /* the file keeps its permissions */
  else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask; /* as fopen would have made it */
  }
  if (fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "wb"))) {
    int rc = cli_fail(path, "%s", strerror(errno));
    close(fd);
    unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    return rc;
  }
  return EXIT_OK;
}

int cli_out_close(cli_out *o, int ok, pl_error *err) {
  int rc = 0;
  if (!o->f)
    return 0;
  if (fflush(o->f) != 0 || ferror(o->f)) {
    if (ok)
      rc = pl_error_set(err, PL_EIO, o->name, "cannot write: %s",
                        strerror(errno));
    ok = 0;
  }
  if (o->f != stdout && fclose(o->f) != 0 && ok) {
    rc = pl_error_set(err, PL_EIO, o->name, "cannot write: %s",
                      strerror(errno));
    ok = 0;
  }
  o->f = NULL;
  if (o->tmp) {
    if (ok && rename(o->tmp, o->path) != 0) {
      rc = pl_error_set(err, PL_EIO, o->name, "cannot replace the file: %s",
                        strerror(errno));
      ok = 0;
    }
    if (!ok)
      unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
  }
  return rc;
}
