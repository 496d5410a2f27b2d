/* Replays fuzz corpora without libFuzzer: every file named on the command
 * line (folders read one level deep) goes once through this binary's
 * LLVMFuzzerTestOneInput. Built with the ordinary compiler, it runs the
 * corpora as a plain test (the sanitizers, when on, still watch it).
 * Usage: replay FILE|DIR...   Exit 0 when every input ran (a crash aborts),
 * 1 when a path could not be read, 2 for no arguments. */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

/* Reads a whole file into a malloc'ed buffer; returns 0 or -1. */
static int slurp(const char *path, uint8_t **out, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  size_t cap = 4096, n = 0, r;
  uint8_t *b = malloc(cap);
  while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
    n += r;
    if (n == cap) {
      uint8_t *nb = realloc(b, cap *= 2);
      if (!nb) {
        free(b);
        b = NULL;
      }
      b = nb;
    }
  }
  int bad = ferror(f) || !b;
  fclose(f);
  if (bad) {
    free(b);
    return -1;
  }
  *out = b;
  *len = n;
  return 0;
}

static int run_file(const char *path) {
  uint8_t *data;
  size_t len;
  if (slurp(path, &data, &len) < 0) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  /* A copy of exactly len bytes, so that ASan catches a read past it. */
  uint8_t *exact = malloc(len ? len : 1);
  if (exact) {
    memcpy(exact, data, len);
    LLVMFuzzerTestOneInput(exact, len);
  }
  free(exact);
  free(data);
  return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "Usage: replay FILE|DIR...\n");
    return 2;
  }
  int status = 0;
  size_t runs = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) < 0) {
      fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      status |= run_file(argv[i]) < 0;
      runs++;
      continue;
    }
    struct dirent **list;
    int n = scandir(argv[i], &list, NULL, by_name);
    if (n < 0) {
      fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    for (int k = 0; k < n; k++) {
      if (list[k]->d_name[0] != '.') {
        size_t pl = strlen(argv[i]) + strlen(list[k]->d_name) + 2;
        char *p = malloc(pl);
        if (p) {
          snprintf(p, pl, "%s/%s", argv[i], list[k]->d_name);
          struct stat fs;
          if (stat(p, &fs) == 0 && S_ISREG(fs.st_mode)) {
            status |= run_file(p) < 0;
            runs++;
          }
        }
        free(p);
      }
      free(list[k]);
    }
    free(list);
  }
  printf("replay: %zu inputs\n", runs);
  if (!runs) {
    fprintf(stderr, "replay: no inputs\n");
    status = 1;
  }
  return status;
}
