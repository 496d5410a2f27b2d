/* Growable byte buffers, an arena, and a JSON writer: the small tools every
 * stage shares. Internal to libparley. */
#ifndef PARLEY_BUF_H
#define PARLEY_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct pl_buf {
  char *data; /* NUL-terminated while len < cap; NULL until first append */
  size_t len; /* bytes used, not counting the NUL */
  size_t cap; /* bytes allocated */
} pl_buf;

/* Each returns 0 or PL_ENOMEM; on failure the buffer is unchanged. */
int pl_buf_append(pl_buf *b, const void *p, size_t n);
int pl_buf_puts(pl_buf *b, const char *s);
int pl_buf_putc(pl_buf *b, char c);
int pl_buf_printf(pl_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int pl_buf_reserve(pl_buf *b, size_t extra);
/* Appends the code point cp (at most U+10FFFF) encoded as UTF-8. */
int pl_buf_put_cp(pl_buf *b, uint32_t cp);
/* Detaches the contents (caller frees; never NULL on success). */
char *pl_buf_take(pl_buf *b);
void pl_buf_free(pl_buf *b);

/* An arena: many small allocations freed at once. */
typedef struct pl_arena_block pl_arena_block;
typedef struct pl_arena {
  pl_arena_block *head; /* newest block first */
} pl_arena;

/* Returns zeroed memory aligned for any type, or NULL when out of memory. */
void *pl_arena_alloc(pl_arena *a, size_t n);
/* Copies s (n bytes, or strlen when n is (size_t)-1) and NUL-terminates. */
char *pl_arena_strndup(pl_arena *a, const char *s, size_t n);
char *pl_arena_strdup(pl_arena *a, const char *s);
void pl_arena_free(pl_arena *a);

/* JSON writing into a buffer. Strings are escaped; invalid UTF-8 bytes are
 * replaced with U+FFFD so the output is always valid JSON. */
int pl_json_str(pl_buf *b, const char *s);
int pl_json_strn(pl_buf *b, const char *s, size_t n);
/* Writes s as a JSON string, or null when s is NULL. */
int pl_json_str_or_null(pl_buf *b, const char *s);

/* Reads a whole file into a NUL-terminated buffer. Returns 0, PL_EIO (with
 * errno's text), or PL_ETOOBIG past max bytes (0: no limit). "-" is stdin. */
struct pl_error;
int pl_file_read(const char *path, size_t max, char **out, size_t *len,
                 struct pl_error *err);

/* Appends v in decimal, as printf's "%llu" would, without the cost of
 * printf. Returns 0 or PL_ENOMEM (the buffer then unchanged). */
int pl_buf_put_uint(pl_buf *b, unsigned long long v);
/* Appends each string argument in turn, up to a terminating null pointer
 * (pass it as (const char *)NULL): pl_buf_putv(b, ",", nl, "\"key\": ",
 * (const char *)NULL). Returns 0 or PL_ENOMEM (the buffer then unchanged). */
int pl_buf_putv(pl_buf *b, ...)
#if defined(__GNUC__)
    __attribute__((sentinel))
#endif
    ;

#endif
