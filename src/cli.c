/* realpath() is an X/Open extension of POSIX */
#define _XOPEN_SOURCE 700
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <parley/when.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* getopt reports nothing itself (main sets opterr to 0): every command's
 * message comes from cli_bad_option_at, prefixed "parley CMD:" like
 * cli_usage. */

int cli_bad_option_at(const char *cmd, int argc, char **argv) {
  const char *arg = optind >= 1 && optind <= argc ? argv[optind - 1] : NULL;
  if (arg && arg[0] == '-' && arg[1] == '-' && arg[2]) {
    /* A long option: getopt_long leaves optopt 0 for an unknown one and
     * the option's value for one with a missing or unwanted argument. */
    const char *eq = strchr(arg, '=');
    int len = eq ? (int)(eq - arg) : (int)strlen(arg);
    if (!optopt)
      return cli_usage(cmd, "unrecognized option '%.*s'", len, arg);
    return cli_usage(cmd,
                     eq ? "option '%.*s' doesn't allow an argument"
                        : "option '%.*s' requires an argument",
                     len, arg);
  }
  if (optopt > ' ' && optopt < 127) {
    /* A short option: the last one of the last word may also lack its
     * argument (getopt then says the same '?'). */
    const char *last = argc > 0 ? argv[argc - 1] : "";
    size_t n = strlen(last);
    int at_end =
        optind == argc && n > 1 && last[0] == '-' && last[n - 1] == optopt;
    return cli_usage(cmd,
                     at_end ? "invalid option, or one lacking its argument "
                              "-- '%c'"
                            : "invalid option -- '%c'",
                     optopt);
  }
  return cli_usage(cmd, "unrecognized option '%s'", arg ? arg : "");
}

int cli_date_arg(const char *cmd, const char *opt, const char *arg, int iso,
                 char *out) {
  static const char shape[] = "dddd-dd-dd";
  char norm[11];
  int ymd = strlen(arg) == 10;
  for (size_t i = 0; ymd && i < 10; i++)
    ymd = shape[i] == 'd' ? (arg[i] >= '0' && arg[i] <= '9') : arg[i] == '-';
  if ((iso && !ymd) || pl_date_parse(arg, norm) < 0)
    return cli_usage(cmd, "%s: '%s' is not a date (%s)", opt, arg,
                     ymd ? "no such day" : "YYYY-MM-DD");
  if (out)
    memcpy(out, norm, sizeof norm);
  return 0;
}

FILE *cli_open_out(const char *path) {
  if (!path || strcmp(path, "-") == 0)
    return stdout;
  FILE *f = fopen(path, "wb");
  if (!f)
    cli_fail(path, "%s", strerror(errno));
  return f;
}

const struct option cli_db_options[] = {{"db", required_argument, NULL, 'd'},
                                        {"help", no_argument, NULL, 'h'},
                                        {NULL, 0, NULL, 0}};

const struct option cli_db_quiet_options[] = {
    {"db", required_argument, NULL, 'd'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

int cli_db_option(const char *cmd, int c, const char *help, const char **db,
                  int *quiet, int argc, char **argv) {
  if (c == 'd') {
    *db = optarg;
    return -1;
  }
  if (c == 'q' && quiet) {
    *quiet = 1;
    return -1;
  }
  if (c == 'h') {
    fputs(help, stdout);
    return EXIT_OK;
  }
  return cli_bad_option(cmd);
}

int cli_store_open(pl_store **st, const char **db, int flags) {
  pl_error e = {0};
  if (!*db)
    *db = pl_store_default_path();
  if (pl_store_open(st, *db, flags, &e) < 0)
    return cli_report(&e, *db);
  return EXIT_OK;
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
    rc =
        pl_error_set(err, PL_EIO, o->name, "cannot write: %s", strerror(errno));
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
