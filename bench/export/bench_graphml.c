/* Times parley's streamed GraphML exporter on a synthetic view of N nodes and
 * M edges generated on the fly (no graph in memory), the same graph that
 * networkx_graphml.py builds. Usage: bench_graphml NODES EDGES OUT.graphml
 * Prints the seconds the export took (view iteration included). Not part
 * of CTest: bench/export/run.sh builds and runs it. */
#include <parley/export.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The synthetic graph: node i is "n<i>", a person or a meeting; edge j goes
 * from node j % N to node (j * 7919 + 1) % N. */
typedef struct synth {
  long nodes;     /* node count */
  long edges;     /* edge count */
  long node_pos;  /* next node */
  long edge_pos;  /* next edge */
  char id[32];    /* buffers the borrowed strings point into ... */
  char label[64]; /*  */
  char src[32];   /*  */
  char dst[32];   /*  */
  char date[16];  /*  */
} synth;

static int next_node(void *impl, pl_vnode *out, pl_error *err) {
  synth *s = impl;
  (void)err;
  if (s->node_pos >= s->nodes)
    return 0;
  long i = s->node_pos++;
  snprintf(s->id, sizeof s->id, "n%ld", i);
  snprintf(s->label, sizeof s->label, "Actor %ld", i);
  snprintf(s->date, sizeof s->date, "2018-%02ld-%02ld", 1 + i % 12, 1 + i % 28);
  *out = (pl_vnode){.id = s->id,
                    .type = i % 10 ? "person" : "meeting",
                    .label = s->label,
                    .label_en = s->label,
                    .date_from = s->date,
                    .count = i % 50,
                    .process = i % 10 ? NULL : "Astana"};
  return 1;
}

static int next_edge(void *impl, pl_vedge *out, pl_error *err) {
  synth *s = impl;
  (void)err;
  if (s->edge_pos >= s->edges)
    return 0;
  long j = s->edge_pos++;
  snprintf(s->id, sizeof s->id, "e%ld", j);
  snprintf(s->src, sizeof s->src, "n%ld", j % s->nodes);
  snprintf(s->dst, sizeof s->dst, "n%ld", (j * 7919 + 1) % s->nodes);
  snprintf(s->date, sizeof s->date, "2018-%02ld-%02ld", 1 + j % 12, 1 + j % 28);
  *out = (pl_vedge){.id = s->id,
                    .src = s->src,
                    .dst = s->dst,
                    .type = "met",
                    .date_from = s->date,
                    .weight = 1 + j % 5};
  return 1;
}

static int rewind_synth(void *impl, pl_error *err) {
  synth *s = impl;
  (void)err;
  s->node_pos = s->edge_pos = 0;
  return 0;
}

static const pl_view_ops synth_ops = {next_node, next_edge, rewind_synth, free};

int main(int argc, char **argv) {
  struct timespec t0, t1;
  pl_error err = {0};
  if (argc != 4) {
    fprintf(stderr, "usage: bench_graphml NODES EDGES OUT.graphml\n");
    return 2;
  }
  synth *s = calloc(1, sizeof *s);
  if (!s)
    return 1;
  s->nodes = atol(argv[1]);
  s->edges = atol(argv[2]);
  pl_view *v = pl_view_wrap(&synth_ops, s);
  FILE *f = fopen(argv[3], "wb");
  if (!v || !f || s->nodes <= 0)
    return 1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = pl_exporter_find("graphml")->write(v, NULL, f, &err);
  if (fclose(f) != 0)
    rc = -1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (rc < 0) {
    fprintf(stderr, "bench_graphml: %s\n", err.msg);
    return 1;
  }
  printf("%.3f\n", (double)(t1.tv_sec - t0.tv_sec) +
                       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  pl_view_free(v);
  return 0;
}
