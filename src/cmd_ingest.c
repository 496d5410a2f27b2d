/* parley ingest — read articles, extract their facts, store them. */
#include "cli.h"
#include "buf.h"
#include "docopts.h"

#include <parley/extract.h>
#include <parley/store.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

static const char usage_text[] =
    "Usage: parley ingest [OPTIONS] FILE...\n"
    "Reads articles (text, HTML pages, RSS/Atom feeds, JSON Lines, folders\n"
    "read recursively, or - for stdin), extracts actors, roles, delegations,\n"
    "meetings and proposals, and stores them in the graph. Each document is\n"
    "stored whole or not at all; documents are committed in batches (1024, or\n"
    "one second), so an interrupted ingest loses at most the last batch and\n"
    "running it again completes the store: a document already stored (the\n"
    "same text) changes nothing and is not extracted again. Into an empty\n"
    "store, the indexes only queries use are built once at the end (a store\n"
    "opened for writing builds any an interrupted ingest left out).\n\n"
    "Options:\n"
    "  --db FILE         the store (default $PARLEY_DB, else ./parley.db)\n" DOCOPTS_HELP
    "  -q, --quiet       no per-file report\n"
    "  -h, --help        show this help\n";

typedef struct run {
  pl_extractor *ex;   /* the extractor */
  pl_store *st;       /* the store */
  long docs;          /* documents read from the current input */
  long added;         /* ... of which new */
  long facts;         /* facts stored from the current input */
  long total_docs;    /* documents over all inputs */
  size_t bytes;       /* body bytes over all inputs */
  size_t in_total;    /* input bytes of all inputs (0: unknown, stdin) */
  size_t in_before;   /* input bytes of the inputs already read */
  struct timespec t0; /* start, for the progress line */
  int progress;       /* stderr is a terminal */
  const char *db;     /* the store's path */
  int store_failed;   /* the store could not be opened */
  long in_batch;      /* documents in the open batch transaction */
  struct timespec batch_t0; /* when it was opened */
} run;

/* Documents are committed in batches of this many, or of one second, which
 * spares SQLite's journal most of its writes; an interrupted ingest loses
 * at most the open batch, and running it again completes the store. */
enum { BATCH_DOCS = 1024 };

static double since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Bytes of a file, or of the regular files under a folder (hidden ones
 * skipped, as the readers do); 0 for stdin or what cannot be read. */
static size_t input_size(const char *path, int depth) {
  struct stat st;
  if (!strcmp(path, "-") || stat(path, &st) < 0)
    return 0;
  if (S_ISREG(st.st_mode))
    return (size_t)st.st_size;
  if (!S_ISDIR(st.st_mode) || depth > 64)
    return 0;
  DIR *d = opendir(path);
  if (!d)
    return 0;
  size_t sum = 0;
  struct dirent *e;
  pl_buf sub = {0};
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    sub.len = 0;
    if (pl_buf_printf(&sub, "%s/%s", path, e->d_name) < 0)
      break;
    sum += input_size(sub.data, depth + 1);
  }
  pl_buf_free(&sub);
  closedir(d);
  return sum;
}

/* The progress line: documents, throughput, and the time left when the
 * total is known. */
static void show_progress(const run *r, size_t input_pos) {
  double s = since(&r->t0);
  fprintf(stderr, "\r%ld documents, %.1f MB/s", r->total_docs,
          s > 0 ? (double)r->bytes / 1e6 / s : 0.0);
  size_t done = r->in_before + input_pos;
  if (r->in_total && done > 0 && done <= r->in_total && s > 1) {
    double left = s * (double)(r->in_total - done) / (double)done;
    fprintf(stderr, ", %3.0f%%, ETA %ld:%02ld", 100.0 * done / r->in_total,
            (long)left / 60, (long)left % 60);
  }
  fputs("   ", stderr);
}

static int on_doc(void *ctx, const pl_doc *doc, pl_error *err) {
  run *r = ctx;
  pl_facts *f = NULL;
  int added = 0;
  /* the store is opened with the first document: a run that reads nothing
     leaves no store behind */
  if (!r->st) {
    /* into an empty store, the indexes only queries read are built once
       at the end (pl_store_defer_indexes) */
    if (pl_store_open(&r->st, r->db, PL_STORE_CREATE, err) < 0 ||
        pl_store_defer_indexes(r->st, err) < 0) {
      r->store_failed = 1;
      return err ? err->code : PL_EDB;
    }
  }
  if (!r->in_batch) {
    if (pl_store_batch_begin(r->st, err) < 0) {
      r->store_failed = 1;
      return err ? err->code : PL_EDB;
    }
    clock_gettime(CLOCK_MONOTONIC, &r->batch_t0);
  }
  /* a document already stored changes nothing (pl_store_add), so it is
     not extracted again: following a feed re-reads mostly known items */
  int rc = pl_store_has_document(r->st, doc->id, err);
  if (rc < 0) {
    r->store_failed = 1;
    return rc;
  }
  if (rc == 1) {
    rc = 0; /* known: counted below, not added */
  } else {
    if ((rc = pl_extract(r->ex, doc, &f, err)) < 0)
      return rc;
    rc = pl_store_add(r->st, doc, f, &added, err);
  }
  r->in_batch++;
  if (rc < 0 && !pl_store_batch_open(r->st)) {
    /* a write failed and took the batch with it: nothing more is stored
       (the message says so; running the ingest again completes it) */
    r->in_batch = 0;
    r->store_failed = 1;
  }
  if (rc == 0 && (r->in_batch >= BATCH_DOCS || since(&r->batch_t0) >= 1.0)) {
    r->in_batch = 0;
    if ((rc = pl_store_batch_commit(r->st, err)) < 0)
      r->store_failed = 1;
  }
  if (rc == 0) {
    r->docs++;
    r->added += added;
    if (added)
      r->facts += (long)(f->nroles + f->ndelegations + f->nmeetings +
                         f->nproposals);
    r->total_docs++;
    r->bytes += doc->body_len;
    if (r->progress && r->total_docs % 100 == 0)
      show_progress(r, doc->input_pos);
  }
  pl_facts_free(f);
  return rc;
}

int cmd_ingest(int argc, char **argv) {
  static const struct option longopts[] = {
      {"db", required_argument, NULL, 'd'},
      {"quiet", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},
      DOCOPTS_LONG,
      {NULL, 0, NULL, 0}};
  docopts d;
  memset(&d, 0, sizeof d);
  d.read.warn = cli_warn;
  const char *db = NULL;
  int quiet = 0, c, rc;
  while ((c = getopt_long(argc, argv, "d:qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'd':
      db = optarg;
      break;
    case 'q':
      quiet = 1;
      break;
    case 'h':
      fputs(usage_text, stdout);
      return EXIT_OK;
    case '?':
    case ':':
      return cli_bad_option("ingest");
    default:
      if ((rc = docopts_handle(&d, "ingest", c, optarg)) != 1)
        return rc ? rc : cli_bad_option("ingest");
    }
  }
  if (optind >= argc)
    return cli_usage("ingest", "no input files");
  if (!db)
    db = pl_store_default_path();
  run r;
  memset(&r, 0, sizeof r);
  r.progress = cli_stderr_tty() && !quiet;
  clock_gettime(CLOCK_MONOTONIC, &r.t0);
  if ((rc = docopts_extractor(&d, &r.ex)) != 0)
    return rc;
  r.db = db;
  if (r.progress)
    for (int i = optind; i < argc; i++) {
      size_t n = input_size(argv[i], 0);
      if (!n) { /* stdin or unreadable: no ETA */
        r.in_total = 0;
        break;
      }
      r.in_total += n;
    }
  int status = EXIT_OK;
  for (int i = optind; i < argc; i++) {
    pl_error e = {0};
    r.docs = r.added = r.facts = 0;
    rc = pl_read_path(argv[i], &d.read, on_doc, &r, &e);
    if (r.progress)
      r.in_before += input_size(argv[i], 0);
    if (rc < 0) {
      if (r.progress)
        fputc('\n', stderr);
      cli_report(&e, r.store_failed ? db : argv[i]);
      status = EXIT_FAIL;
      if (r.store_failed || e.code == PL_EDB || e.code == PL_ENOMEM)
        break; /* the store cannot take more */
    } else if (!r.docs) {
      cli_fail(argv[i], "no articles found");
      status = EXIT_FAIL;
    }
    if (!quiet && r.docs)
      printf("%s: %ld document%s (%ld new, %ld already stored), %ld facts\n",
             argv[i], r.docs, r.docs == 1 ? "" : "s", r.added,
             r.docs - r.added, r.facts);
  }
  if (r.progress && r.total_docs >= 100)
    fputc('\n', stderr);
  pl_error cerr = {0};
  if (r.st && pl_store_batch_commit(r.st, &cerr) < 0) {
    cli_report(&cerr, db);
    status = EXIT_FAIL;
  }
  pl_error_clear(&cerr);
  if (r.st && pl_store_build_indexes(r.st, &cerr) < 0) {
    cli_report(&cerr, db);
    status = EXIT_FAIL;
  }
  pl_store_close(r.st);
  pl_extractor_free(r.ex);
  return status;
}
