/* Output helpers the query commands share: CSV records and tables aligned
 * on display width. They write only to the stream they are given. */
#include <parley/query.h>

#include "buf.h"

#include <stdlib.h>
#include <string.h>

struct pl_qtable {
  size_t ncols;   /* columns */
  char **cells;   /* (rows + 1) * ncols cells, the header first */
  size_t nrows;   /* rows, not counting the header */
  size_t cap;     /* rows allocated, header included */
  pl_arena arena; /* the cells' text */
};

static void csv_field(FILE *out, const char *s) {
  if (!s)
    return;
  if (!strpbrk(s, ",\"\r\n")) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

int pl_query_csv_row(FILE *out, const char *const *fields, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i)
      fputc(',', out);
    csv_field(out, fields[i]);
  }
  fputs("\r\n", out);
  return ferror(out) ? PL_EIO : 0;
}

/* Appends one row of cells; blank ones become "-" unless raw. */
static int put_row(pl_qtable *t, const char *const *cells, int raw) {
  size_t need = raw ? 1 : t->nrows + 2;
  if (need > t->cap) {
    size_t nc = t->cap ? t->cap * 2 : 32;
    char **p = realloc(t->cells, nc * t->ncols * sizeof *p);
    if (!p)
      return PL_ENOMEM;
    t->cells = p;
    t->cap = nc;
  }
  size_t base = (raw ? 0 : t->nrows + 1) * t->ncols;
  for (size_t i = 0; i < t->ncols; i++) {
    const char *c = cells[i] && *cells[i] ? cells[i] : "-";
    char *s = pl_arena_strdup(&t->arena, c);
    if (!s)
      return PL_ENOMEM;
    /* A cell never breaks a line of the table. */
    for (char *q = s; *q; q++)
      if (*q == '\n' || *q == '\r' || *q == '\t')
        *q = ' ';
    t->cells[base + i] = s;
  }
  if (!raw)
    t->nrows++;
  return 0;
}

int pl_qtable_new(pl_qtable **out, size_t ncols, const char *const *head,
                  pl_error *err) {
  *out = NULL;
  pl_qtable *t = calloc(1, sizeof *t);
  if (!t)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  t->ncols = ncols ? ncols : 1;
  if (put_row(t, head, 1) < 0) {
    pl_qtable_free(t);
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  }
  *out = t;
  return 0;
}

int pl_qtable_add(pl_qtable *t, const char *const *cells, pl_error *err) {
  if (put_row(t, cells, 0) < 0)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  return 0;
}

size_t pl_qtable_rows(const pl_qtable *t) { return t ? t->nrows : 0; }

int pl_qtable_write(const pl_qtable *t, FILE *out, pl_error *err) {
  size_t *w = calloc(t->ncols, sizeof *w);
  if (!w)
    return pl_error_set(err, PL_ENOMEM, NULL, "out of memory");
  for (size_t r = 0; r <= t->nrows; r++)
    for (size_t i = 0; i < t->ncols; i++) {
      size_t x = pl_query_width(t->cells[r * t->ncols + i]);
      if (x > w[i])
        w[i] = x;
    }
  for (size_t r = 0; r <= t->nrows; r++) {
    for (size_t i = 0; i < t->ncols; i++) {
      const char *c = t->cells[r * t->ncols + i];
      fputs(c, out);
      if (i + 1 < t->ncols)
        for (size_t k = pl_query_width(c); k < w[i] + 2; k++)
          fputc(' ', out);
    }
    fputc('\n', out);
  }
  free(w);
  if (ferror(out))
    return pl_error_set(err, PL_EIO, NULL, "write failed");
  return 0;
}

void pl_qtable_free(pl_qtable *t) {
  if (!t)
    return;
  free(t->cells);
  pl_arena_free(&t->arena);
  free(t);
}
