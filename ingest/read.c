/* The readers' driver: the reader table, sniffing, files, folders, stdin,
 * the size limit, and the overrides applied to every document. */
#include "reader.h"

#include "buf.h"

#include <parley/when.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_MAX_SIZE ((size_t)16 << 20)
#define HEAD_SIZE ((size_t)65536)
#define MAX_DEPTH 64

/* The readers, in the order content sniffing tries them; text is the last
 * resort. */
static const pl_reader *const readers[] = {&pl_reader_feed, &pl_reader_html,
                                           &pl_reader_jsonl, &pl_reader_text};
#define N_READERS (sizeof readers / sizeof readers[0])

int pl_read__has_ext(const char *name, const char *ext) {
  size_t n = strlen(name), e = strlen(ext);
  if (n <= e)
    return 0;
  for (size_t i = 0; i < e; i++)
    if (tolower((unsigned char)name[n - e + i]) !=
        tolower((unsigned char)ext[i]))
      return 0;
  return 1;
}

int pl_read__find(const char *hay, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++) {
    size_t k = 0;
    while (k < n && tolower((unsigned char)hay[i + k]) == needle[k])
      k++;
    if (k == n)
      return 1;
  }
  return 0;
}

int pl_read__lang_code(const char *lang, char out[8]) {
  size_t n = 0;
  while (lang[n] == ' ')
    lang++;
  while (n < 4 && isalpha((unsigned char)lang[n]))
    n++;
  if (n < 2 || n > 3 || (lang[n] && lang[n] != '-' && lang[n] != '_'))
    return 0;
  for (size_t i = 0; i < n; i++)
    out[i] = (char)tolower((unsigned char)lang[i]);
  out[n] = '\0';
  return 1;
}

char *pl_read__squash(char *s) {
  if (!s)
    return s;
  char *w = s;
  int space = 0;
  for (const char *r = s; *r; r++) {
    unsigned char c = (unsigned char)*r;
    /* ASCII white space, and U+00A0 (C2 A0) as written by many pages. */
    int is_space = isspace(c) || (c == 0xC2 && (unsigned char)r[1] == 0xA0);
    if (is_space) {
      if (c == 0xC2)
        r++;
      space = w != s;
      continue;
    }
    if (space)
      *w++ = ' ';
    space = 0;
    *w++ = (char)c;
  }
  *w = '\0';
  return s;
}

void pl_read__warn(pl_read_job *job, const char *where, const char *fmt, ...) {
  if (!job->opts->warn)
    return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  job->opts->warn(job->opts->warn_ctx, where ? where : job->name, msg);
}

int pl_read__emit(pl_read_job *job, pl_doc *doc, pl_error *err) {
  const pl_read_opts *o = job->opts;
  /* NUL bytes would cut the body short for every C consumer: drop them. */
  if (doc->body && memchr(doc->body, '\0', doc->body_len)) {
    size_t w = 0;
    for (size_t r = 0; r < doc->body_len; r++)
      if (doc->body[r])
        doc->body[w++] = doc->body[r];
    doc->body[w] = '\0';
    doc->body_len = w;
  }
  int blank = 1;
  for (size_t i = 0; doc->body && i < doc->body_len && blank; i++)
    if (!isspace((unsigned char)doc->body[i]))
      blank = 0;
  if (blank)
    return 1;
  pl_doc d = *doc;
  if (!d.source)
    d.source = (char *)job->name;
  if (o->title)
    d.title = (char *)o->title;
  else if (d.title && !d.title[0])
    d.title = NULL;
  if (job->published[0])
    memcpy(d.published, job->published, sizeof d.published);
  if (o->lang)
    snprintf(d.lang, sizeof d.lang, "%s", o->lang);
  else if (!strcmp(d.lang, "ar") || !strcmp(d.lang, "en")) {
    /* A language the input declared (a page, a feed's channel), unless
     * the text plainly says otherwise: templates claim one language for
     * everything. */
    pl_doc probe = {0};
    probe.body = d.body;
    probe.body_len = d.body_len;
    pl_doc_finish(&probe);
    if ((!strcmp(probe.lang, "ar") || !strcmp(probe.lang, "en")) &&
        strcmp(probe.lang, d.lang))
      memcpy(d.lang, probe.lang, sizeof d.lang);
  }
  d.input_pos = job->done + (job->pos ? job->pos : job->file_len);
  pl_doc_finish(&d);
  job->emitted++;
  /* finish may have filled id and lang: keep them for the reader too. */
  memcpy(doc->id, d.id, sizeof doc->id);
  return job->fn(job->ctx, &d, err);
}

/* Fills job from opts; checks the overrides. */
static int job_init(pl_read_job *job, const char *name,
                    const pl_read_opts *opts, pl_doc_fn fn, void *ctx,
                    pl_error *err) {
  static const pl_read_opts defaults = {0};
  memset(job, 0, sizeof *job);
  job->name = name;
  job->opts = opts ? opts : &defaults;
  job->max_size = job->opts->max_size ? job->opts->max_size : DEFAULT_MAX_SIZE;
  job->fn = fn;
  job->ctx = ctx;
  const pl_read_opts *o = job->opts;
  if (o->published && pl_date_parse(o->published, job->published) < 0)
    return pl_error_set(err, PL_EUSAGE, NULL,
                        "invalid publication date '%s' (expected YYYY-MM-DD)",
                        o->published);
  if (o->lang) {
    size_t n = strlen(o->lang);
    int ok = n >= 2 && n < sizeof((pl_doc *)0)->lang;
    for (size_t i = 0; ok && i < n; i++)
      if (!isalpha((unsigned char)o->lang[i]) && o->lang[i] != '-')
        ok = 0;
    if (!ok)
      return pl_error_set(err, PL_EUSAGE, NULL,
                          "invalid language '%s' (expected a code such as "
                          "ar or en)",
                          o->lang);
  }
  if (o->reader && strcmp(o->reader, "auto")) {
    size_t i = 0;
    while (i < N_READERS && strcmp(readers[i]->name, o->reader))
      i++;
    if (i == N_READERS)
      return pl_error_set(err, PL_EUSAGE, NULL,
                          "unknown reader '%s' (auto, text, html, feed, "
                          "jsonl)",
                          o->reader);
  }
  return 0;
}

/* Picks the reader for an input: the forced one, else by extension, else
 * by content, else text. */
static const pl_reader *choose(const pl_read_job *job, const char *head,
                               size_t len) {
  const char *forced = job->opts->reader;
  size_t i;
  if (forced && strcmp(forced, "auto")) {
    for (i = 0; i < N_READERS; i++)
      if (!strcmp(readers[i]->name, forced))
        return readers[i];
  }
  for (i = 0; i < N_READERS; i++)
    if (readers[i]->sniff(job->name, head, len) == PL_SNIFF_EXT)
      return readers[i];
  for (i = 0; i < N_READERS; i++)
    if (readers[i]->sniff(job->name, head, len) == PL_SNIFF_CONTENT)
      return readers[i];
  return &pl_reader_text;
}

static int too_big(const pl_read_job *job, pl_error *err) {
  return pl_error_set(err, PL_ETOOBIG, job->name,
                      "larger than the size limit of %zu bytes", job->max_size);
}

/* Reads one input already in memory. */
static int read_data(pl_read_job *job, const char *data, size_t len,
                     pl_error *err) {
  if (!len)
    return pl_error_set(err, PL_EINPUT, job->name, "empty file");
  const pl_reader *r = choose(job, data, len < HEAD_SIZE ? len : HEAD_SIZE);
  /* A stream reader bounds memory per record, so the limit is its own. */
  if (!r->read_stream && len > job->max_size)
    return too_big(job, err);
  size_t before = job->emitted;
  int rc = r->read(job, data, len, err);
  if (rc < 0) {
    pl_error_where(err, job->name);
    return rc;
  }
  if (job->emitted == before)
    return pl_error_set(err, PL_EINPUT, job->name, "no documents found");
  return 0;
}

int pl_read_memory(const char *name, const char *data, size_t len,
                   const pl_read_opts *opts, pl_doc_fn fn, void *ctx,
                   pl_error *err) {
  pl_read_job job;
  int rc = job_init(&job, name ? name : "-", opts, fn, ctx, err);
  if (rc < 0)
    return rc;
  /* Readers rely on data[len] == '\0': copy unless it already is. */
  char *copy = malloc(len + 1);
  if (!copy)
    return pl_error_set(err, PL_ENOMEM, job.name, "out of memory");
  if (len)
    memcpy(copy, data, len);
  copy[len] = '\0';
  rc = read_data(&job, copy, len, err);
  free(copy);
  return rc;
}

/* Reads one file (or stdin when path is "-"). */
static int read_file(pl_read_job *job, const char *path, pl_error *err) {
  int is_stdin = !strcmp(path, "-");
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f)
    return pl_error_set(err, PL_EIO, path, "%s", strerror(errno));
  job->name = path;
  job->pos = 0;
  struct stat fst;
  job->file_len =
      fstat(fileno(f), &fst) == 0 && S_ISREG(fst.st_mode) ? (size_t)fst.st_size
                                                          : 0;
  pl_buf b = {0};
  int rc = 0;
  size_t n;
  char chunk[65536];
  /* The head: enough to sniff. */
  if (pl_buf_reserve(&b, HEAD_SIZE) < 0) {
    rc = pl_error_set(err, PL_ENOMEM, path, "out of memory");
    goto done;
  }
  while (b.len < HEAD_SIZE &&
         (n = fread(b.data + b.len, 1, HEAD_SIZE - b.len, f)) > 0)
    b.len += n;
  b.data[b.len] = '\0';
  if (ferror(f)) {
    rc = pl_error_set(err, PL_EIO, path, "%s", strerror(errno));
    goto done;
  }
  if (!b.len) {
    rc = pl_error_set(err, PL_EINPUT, path, "empty file");
    goto done;
  }
  const pl_reader *r = choose(job, b.data, b.len);
  if (r->read_stream) {
    size_t before = job->emitted;
    rc = r->read_stream(job, b.data, b.len, f, err);
    if (rc < 0)
      pl_error_where(err, path);
    else if (job->emitted == before)
      rc = pl_error_set(err, PL_EINPUT, path, "no documents found");
    goto done;
  }
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (b.len + n > job->max_size) {
      rc = too_big(job, err);
      goto done;
    }
    if (pl_buf_append(&b, chunk, n) < 0) {
      rc = pl_error_set(err, PL_ENOMEM, path, "out of memory");
      goto done;
    }
  }
  if (ferror(f)) {
    rc = pl_error_set(err, PL_EIO, path, "%s", strerror(errno));
    goto done;
  }
  rc = read_data(job, b.data, b.len, err);
done:
  job->done += job->file_len;
  job->file_len = job->pos = 0;
  if (!is_stdin)
    fclose(f);
  pl_buf_free(&b);
  return rc;
}

/* Files a folder walk passes over: the images, styles and scripts saved
 * next to web pages, archives and office files. */
static int skipped_ext(const char *name) {
  static const char *const exts[] = {
      ".png", ".jpg",  ".jpeg", ".gif",  ".webp", ".svg",   ".ico", ".bmp",
      ".css", ".js",   ".mjs",  ".map",  ".woff", ".woff2", ".ttf", ".otf",
      ".eot", ".pdf",  ".zip",  ".gz",   ".bz2",  ".xz",    ".zst", ".tar",
      ".7z",  ".mp3",  ".mp4",  ".webm", ".avi",  ".mov",   ".wav", ".ogg",
      ".doc", ".docx", ".xls",  ".xlsx", ".ppt",  ".pptx",  ".db",  ".sqlite",
      ".exe", ".so",   ".o",    ".a",    ".bin",  ".swf",   ".php", ".py"};
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
    if (pl_read__has_ext(name, exts[i]))
      return 1;
  return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

static int read_dir(pl_read_job *job, const char *dir, int depth,
                    pl_error *err) {
  if (depth > MAX_DEPTH)
    return pl_error_set(err, PL_EINPUT, dir, "folders nested too deeply");
  struct dirent **list = NULL;
  int n = scandir(dir, &list, NULL, by_name);
  if (n < 0)
    return pl_error_set(err, PL_EIO, dir, "%s", strerror(errno));
  int rc = 0;
  int i;
  for (i = 0; i < n && rc >= 0; i++) {
    const char *base = list[i]->d_name;
    if (base[0] == '.')
      continue; /* ".", "..", hidden files */
    size_t dl = strlen(dir);
    char *path = malloc(dl + strlen(base) + 2);
    if (!path) {
      rc = pl_error_set(err, PL_ENOMEM, dir, "out of memory");
      break;
    }
    sprintf(path, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", base);
    struct stat st;
    if (stat(path, &st) < 0) {
      pl_read__warn(job, path, "%s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
      rc = read_dir(job, path, depth + 1, err);
    } else if (S_ISREG(st.st_mode) && !skipped_ext(base)) {
      pl_error one = {0};
      int r = read_file(job, path, &one);
      if (r == PL_EINPUT || r == PL_ETOOBIG) {
        /* One bad file in a folder is skipped, not fatal. */
        pl_read__warn(job, one.where[0] ? one.where : path, "skipped: %s",
                      one.msg);
      } else if (r < 0) {
        rc = pl_error_set(err, r, one.where[0] ? one.where : path, "%s",
                          one.msg);
      }
    }
    free(path);
  }
  for (i = 0; i < n; i++)
    free(list[i]);
  free(list);
  return rc;
}

int pl_read_path(const char *path, const pl_read_opts *opts, pl_doc_fn fn,
                 void *ctx, pl_error *err) {
  pl_read_job job;
  int rc = job_init(&job, path, opts, fn, ctx, err);
  if (rc < 0)
    return rc;
  if (!strcmp(path, "-"))
    return read_file(&job, path, err);
  struct stat st;
  if (stat(path, &st) < 0)
    return pl_error_set(err, PL_EIO, path, "%s", strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return read_file(&job, path, err);
  rc = read_dir(&job, path, 0, err);
  if (rc < 0)
    return rc;
  if (!job.emitted)
    return pl_error_set(err, PL_EEMPTY, path, "no articles in this folder");
  return 0;
}
