/* The lexicon's names of places (ingest/lexicon/places.tsv), for the store:
 * a meeting's facts name its venue once, in English ("Astana"); the store
 * keeps every form the lexicon knows ("أستانا", "Nur-Sultan") as aliases of
 * the place so that a query in any of them finds it. The file is read once
 * per store, from the folder the extractor reads its lexicon from. */
#define _XOPEN_SOURCE 700 /* readlink */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether path is a readable file. */
static int is_file(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The places file, found as the extractor finds its lexicon folder:
 * $PARLEY_LEXICON_DIR, <prefix>/share/parley/lexicon beside the program,
 * the installed folder, the source tree. Writes into buf; 0 when none. */
static int places_path(char *buf, size_t cap) {
  const char *env = getenv("PARLEY_LEXICON_DIR");
  if (env && *env) {
    snprintf(buf, cap, "%s/places.tsv", env);
    return is_file(buf);
  }
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      snprintf(buf, cap, "%s/../share/parley/lexicon/places.tsv", exe);
      if (is_file(buf))
        return 1;
    }
  }
#ifdef PARLEY_LEXICON_INSTALL_DIR
  snprintf(buf, cap, "%s/places.tsv", PARLEY_LEXICON_INSTALL_DIR);
  if (is_file(buf))
    return 1;
#endif
#ifdef PARLEY_LEXICON_DIR
  snprintf(buf, cap, "%s/places.tsv", PARLEY_LEXICON_DIR);
  if (is_file(buf))
    return 1;
#endif
  return 0;
}

/* Whether s (n bytes) has an Arabic letter. */
static int has_arabic(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if ((unsigned char)s[i] == 0xD8 || (unsigned char)s[i] == 0xD9)
      return 1;
  return 0;
}

int pl_store__place_forms(pl_store *st, const char *name,
                          pl_place_forms *out, pl_error *err) {
  memset(out, 0, sizeof *out);
  if (!st->places && !st->places_missing) {
    char path[4300];
    size_t len;
    /* No file (an odd install): places keep the name they are given. */
    if (!places_path(path, sizeof path) ||
        pl_file_read(path, 1 << 20, &st->places, &len, NULL) < 0)
      st->places_missing = 1;
  }
  if (!st->places)
    return 0;
  pl_buf want = {0}, k = {0};
  int rc = pl_store__norm_key(name, (size_t)-1, &want, err);
  if (rc < 0 || !want.len)
    goto done;
  /* Rows: place <TAB> id <TAB> English name <TAB> forms (|) [<TAB> ...]. */
  for (const char *line = st->places; *line && !out->n;) {
    const char *end = strchr(line, '\n');
    size_t ll = end ? (size_t)(end - line) : strlen(line);
    const char *col[4] = {0};
    size_t cl[4] = {0};
    int nc = 0;
    for (const char *p = line; nc < 4 && p <= line + ll;) {
      const char *tab = memchr(p, '\t', (size_t)(line + ll - p));
      const char *stop = tab ? tab : line + ll;
      col[nc] = p;
      cl[nc++] = (size_t)(stop - p);
      p = stop + 1;
    }
    if (nc == 4 && cl[0] == 5 && !memcmp(col[0], "place", 5)) {
      /* Is name the English name or one of the forms? */
      int hit = 0;
      k.len = 0;
      if ((rc = pl_store__norm_key(col[2], cl[2], &k, err)) < 0)
        goto done;
      hit = k.len == want.len && !memcmp(k.data, want.data, k.len);
      for (const char *f = col[3]; !hit && f < col[3] + cl[3];) {
        const char *bar = memchr(f, '|', (size_t)(col[3] + cl[3] - f));
        const char *fe = bar ? bar : col[3] + cl[3];
        k.len = 0;
        if ((rc = pl_store__norm_key(f, (size_t)(fe - f), &k, err)) < 0)
          goto done;
        hit = k.len == want.len && !memcmp(k.data, want.data, k.len);
        f = fe + 1;
      }
      for (const char *f = col[3]; hit && f < col[3] + cl[3] &&
                                   out->n < PL_PLACE_FORMS_MAX;) {
        const char *bar = memchr(f, '|', (size_t)(col[3] + cl[3] - f));
        const char *fe = bar ? bar : col[3] + cl[3];
        out->form[out->n] = f;
        out->len[out->n] = (size_t)(fe - f);
        if (!out->name_ar && has_arabic(f, (size_t)(fe - f))) {
          out->name_ar = f;
          out->name_ar_len = (size_t)(fe - f);
        }
        out->n++;
        f = fe + 1;
      }
    }
    line = end ? end + 1 : line + ll;
  }
done:
  pl_buf_free(&want);
  pl_buf_free(&k);
  return rc < 0 ? rc : 0;
}
