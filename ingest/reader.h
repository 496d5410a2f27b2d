/* parley — the readers' internal interface: the reader table and the helpers
 * the readers share (emitting a document, decoding text, extracting HTML).
 * Internal to libparley; the public contract is include/parley/doc.h. */
#ifndef PARLEY_READER_H
#define PARLEY_READER_H

#include <parley/doc.h>

#include <stddef.h>
#include <stdio.h>

/* How sure a sniffer is that an input is its kind. */
enum {
  PL_SNIFF_NO = 0,      /* not this kind (as far as it can tell) */
  PL_SNIFF_CONTENT = 1, /* the first bytes look like this kind */
  PL_SNIFF_EXT = 2      /* the file name's extension names this kind */
};

/* What a reader reads from and where its documents go. */
typedef struct pl_read_job {
  const char *name;         /* the input's name: path, or "-" */
  const pl_read_opts *opts; /* never NULL (defaults filled in) */
  size_t max_size;          /* effective size limit in bytes */
  pl_doc_fn fn;             /* called for each document */
  void *ctx;                /* passed to fn */
  size_t emitted;           /* documents passed to fn so far */
  char published[11];       /* the --published override, normalised, or "" */
  size_t done;              /* bytes of earlier files of a folder walk */
  size_t file_len;          /* size of the current file (0: unknown) */
  size_t pos;               /* bytes of the current file consumed, when a
                               stream reader knows (0: the whole file) */
} pl_read_job;

/* One reader: a name for --reader, a sniffer and a reader. */
typedef struct pl_reader {
  const char *name; /* "text", "html", "feed", "jsonl" */
  /* Returns PL_SNIFF_EXT when name's extension is this kind, else
   * PL_SNIFF_CONTENT when the first len bytes of head look like it, else
   * PL_SNIFF_NO. name may be "-". */
  int (*sniff)(const char *name, const char *head, size_t len);
  /* Reads len bytes of data (NUL-terminated at data[len]) and emits each
   * document through pl_read__emit. Returns 0 or a negative pl_code. */
  int (*read)(pl_read_job *job, const char *data, size_t len, pl_error *err);
  /* Optional: reads a stream whose first head_len bytes were already read
   * into head (memory then bounded by one record). NULL when the reader
   * needs the whole input in memory. */
  int (*read_stream)(pl_read_job *job, const char *head, size_t head_len,
                     FILE *f, pl_error *err);
} pl_reader;

extern const pl_reader pl_reader_text;
extern const pl_reader pl_reader_html;
extern const pl_reader pl_reader_feed;
extern const pl_reader pl_reader_jsonl;

/* True when needle (lower case ASCII) occurs in the first len bytes of
 * hay, ignoring ASCII case. */
int pl_read__find(const char *hay, size_t len, const char *needle);

/* True when name ends with ext (".html"), ignoring ASCII case. */
int pl_read__has_ext(const char *name, const char *ext);

/* Applies the overrides of job->opts to doc, strips NUL bytes from the
 * body, calls pl_doc_finish and job->fn. The doc stays the caller's: it is
 * not cleared. Returns what fn returned, or PL_EUSAGE for a malformed
 * override. A doc whose body is empty (only white space) is not emitted:
 * returns 1 so that the reader can warn or fail. */
int pl_read__emit(pl_read_job *job, pl_doc *doc, pl_error *err);

/* Sends a warning through job->opts->warn (if any); where may be NULL (then
 * job->name). */
void pl_read__warn(pl_read_job *job, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Decodes the bytes of a text input to UTF-8: a forced encoding
 * (job->opts->encoding), a BOM (UTF-8, UTF-16LE/BE), valid UTF-8, or a
 * legacy encoding guessed with ICU (warned when unsure; html: the guess
 * ignores markup). *out is malloc'ed and NUL-terminated (caller frees),
 * without BOM. Returns 0, PL_EINPUT for binary data ("not text (binary
 * data)"), PL_EUSAGE for an unknown forced encoding, PL_ENOMEM. */
int pl_text__decode(pl_read_job *job, const char *data, size_t len, int html,
                    char **out, size_t *out_len, pl_error *err);

/* Guesses the legacy encoding of data with ICU (tags ignored when html).
 * Writes the ICU name into name[64] and returns the confidence 0..100, or
 * -1 when ICU could not guess. */
int pl_text__guess(const char *data, size_t len, int html, char name[64]);

/* True when data is valid UTF-8. */
int pl_text__valid_utf8(const char *data, size_t len);

/* Length of the valid UTF-8 sequence at s[i] (n bytes in all; 1 for
 * ASCII), or 0 when it is not valid: a bad lead or continuation byte, an
 * overlong form, a surrogate, past U+10FFFF or cut short. */
size_t pl_text__utf8_seq(const unsigned char *s, size_t n, size_t i);

/* Makes *s (a malloc'ed, NUL-terminated string of *len bytes; *s may be
 * NULL) valid UTF-8: when it is not, replaces it by a malloc'ed copy in
 * which each invalid byte is U+FFFD, frees the old string and updates *len
 * (len may be NULL: then strlen). Parsers given bad bytes (libxml2 in
 * recovery mode) pass them through. Returns 0 or PL_ENOMEM (then *s is
 * unchanged). */
int pl_text__repair_utf8(char **s, size_t *len);

/* Extracts an article from HTML bytes into doc: body (paragraphs separated
 * by blank lines), and unless already set, title, published, lang and url.
 * whole: take all the text (a feed's content fragment) instead of looking
 * for the article block. encoding: the bytes' encoding, or NULL to detect.
 * Strings are malloc'ed into doc (free with pl_doc_clear). Returns 0,
 * PL_ENOMEM, or PL_EINPUT when libxml2 could not parse at all. */
int pl_html__extract(pl_read_job *job, const char *data, size_t len,
                     const char *encoding, int whole, pl_doc *doc,
                     pl_error *err);

/* libxml2 checks each attribute of a tag against all earlier ones: a tag
 * with tens of thousands of attributes takes minutes. When a start tag in
 * data (HTML or XML, any ASCII-compatible encoding) has more than
 * PL_MAX_ATTRS attributes, *out is a malloc'ed copy (same length, NUL at
 * data[len]) in which the excess attributes are blanked with spaces; else
 * *out is NULL. Linear in len. Returns 0 or PL_ENOMEM. */
#define PL_MAX_ATTRS 64
int pl_read__tame_attrs(const char *data, size_t len, char **out);

/* Writes the primary subtag of a language tag ("ar-SY", "en_US", "AR")
 * lower-cased into out[8]; returns 0 when tag is not a language tag. */
int pl_read__lang_code(const char *tag, char out[8]);

/* libxml2's global error handlers, saved while parley parses quietly. */
typedef struct pl_xml_quiet {
  void (*generic)(void);    /* the saved xmlGenericError */
  void *generic_ctx;        /* its context */
  void (*structured)(void); /* the saved xmlStructuredError */
  void *structured_ctx;     /* its context */
} pl_xml_quiet;

/* Silences libxml2's error output (encoding errors are printed through
 * its global handlers, whatever the parser options say) until
 * pl_xml__quiet_end restores the handlers saved in q. The library never
 * prints. */
void pl_xml__quiet_begin(pl_xml_quiet *q);
void pl_xml__quiet_end(const pl_xml_quiet *q);

/* Collapses runs of white space in s (in place) to one space and trims it.
 * Returns s. */
char *pl_read__squash(char *s);

#endif
