/* The CLI's shared helpers: error reporting and exit codes. Only src/ writes
 * to stderr or picks an exit code. */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include <getopt.h>
#include <parley/error.h>
#include <parley/store.h>
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Prints "parley: WHERE: message" (or "parley: message" when where is NULL
 * or empty) and returns EXIT_FAIL. */
int cli_fail(const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints "parley CMD: message" and "Try 'parley CMD --help'." and returns
 * EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Reports err as "parley: WHERE: msg"; returns EXIT_USAGE for PL_EUSAGE,
 * else EXIT_FAIL. fallback names the input when err has no where. */
int cli_report(const pl_error *err, const char *fallback);

/* Prints a warning "parley: WHERE: warning: msg" (a pl_warn_fn). */
void cli_warn(void *ctx, const char *where, const char *msg);

/* Handles getopt_long's '?' and ':' results for cmd, after the loop ran
 * with opterr = 0 (getopt prints nothing): prints "parley CMD: unrecognized
 * option '--bogus'" (or "option '--from' requires an argument", "invalid
 * option -- 'x'") and "Try 'parley CMD --help'." from optopt, optind and
 * the argv the command gave getopt_long. Returns EXIT_USAGE. Called as
 * cli_bad_option(cmd) inside a command (the macro passes argc and argv). */
int cli_bad_option_at(const char *cmd, int argc, char **argv);
#define cli_bad_option(cmd) cli_bad_option_at((cmd), argc, argv)

/* Checks the date arg of option opt ("--from") of cmd. With iso, only
 * "YYYY-MM-DD" is a date; without, whatever pl_date_parse reads (when.h:
 * "28 November 2018", RFC 822). It must be a day of the calendar. Writes the
 * normalised date to out (may be NULL) and returns 0; else prints "parley
 * CMD: --from: '2018-02-31' is not a date (no such day)" (or "(YYYY-MM-DD)"
 * for another shape) with the help hint and returns EXIT_USAGE. */
int cli_date_arg(const char *cmd, const char *opt, const char *arg, int iso,
                 char *out);

/* Opens the output named path ("-" or NULL: stdout). Returns NULL after
 * reporting the error. */
FILE *cli_open_out(const char *path);

/* A file written whole or not at all. For a regular file (or a new one) the
 * bytes go to a hidden temporary beside it, renamed over it on success,
 * keeping its permissions; a symbolic link is followed to its file. Any
 * other path (a device such as /dev/null, a FIFO, "-" for stdout) is
 * written in place, never replaced. */
typedef struct cli_out {
  FILE *f;          /* where to write */
  char *tmp;        /* the temporary's path, or NULL when in place */
  char *path;       /* the file to replace (the link's target), or NULL */
  const char *name; /* the path as given, for messages */
} cli_out;

/* Opens o for path. Returns EXIT_OK, or reports the error and returns
 * EXIT_FAIL. */
int cli_out_open(cli_out *o, const char *path);

/* Finishes o: with ok, flushes and checks every write, then renames the
 * temporary into place; without ok (or when a write failed), removes the
 * temporary and leaves the old file as it was. Returns 0, or PL_EIO with
 * err set. */
int cli_out_close(cli_out *o, int ok, pl_error *err);

/* Option tables of the commands that change a store: --db and --help,
 * and the same with -q/--quiet between them. */
extern const struct option cli_db_options[];
extern const struct option cli_db_quiet_options[];

/* Handles the getopt_long result c of the command cmd, which takes --db
 * (-d), --help (-h) and, when quiet is not NULL, -q/--quiet: stores optarg
 * in *db or 1 in *quiet and returns -1 (parsing goes on); prints help to
 * stdout and returns EXIT_OK for --help; else reports the bad option
 * (cli_bad_option_at) and returns EXIT_USAGE. */
int cli_db_option(const char *cmd, int c, const char *help, const char **db,
                  int *quiet, int argc, char **argv);

/* Opens the store *db (NULL: pl_store_default_path(), written back to *db)
 * with flags (pl_store_open) into *st. Returns EXIT_OK, or reports the
 * error naming the store (cli_report) and returns its exit code. */
int cli_store_open(pl_store **st, const char **db, int flags);

/* True when stderr is a terminal (progress lines go there only then). */
int cli_stderr_tty(void);

/* The commands. argv[0] is the command's name. */
int cmd_ingest(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_read(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_meetings(int argc, char **argv);
int cmd_delegations(int argc, char **argv);
int cmd_evidence(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_dates(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_merge_db(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_alias(int argc, char **argv);
int cmd_rename(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
