/* A shim that lets bench/run reuse bench/export/bench_graphml.c for every
 * export format: bench/run compiles bench_graphml.c with
 * -Dpl_exporter_find=bench_exporter_find and links this file, so the
 * exporter it times is the one named by $BENCH_FORMAT (dot, graphml,
 * gexf, json), or the one it asks for when the variable is unset. */
#include <parley/export.h>

#include <stdlib.h>

/* The exporter named by $BENCH_FORMAT, else the one called name; NULL
 * when there is no such exporter. */
const pl_exporter *bench_exporter_find(const char *name);

const pl_exporter *bench_exporter_find(const char *name) {
  const char *f = getenv("BENCH_FORMAT");
  return pl_exporter_find(f && *f ? f : name);
}
