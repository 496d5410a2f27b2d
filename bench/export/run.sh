#!/bin/bash
# Streams a 1M-edge GraphML export through parley's exporter and times it
# against NetworkX's write_graphml on the same graph (build time excluded).
# Usage: bench/export/run.sh [BUILD_DIR] [NODES] [EDGES]
# Needs a built libparley.a in BUILD_DIR (default: build) and Debian's
# /usr/bin/python3 with python3-networkx. Not part of CTest.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:-$src/build}
nodes=${2:-100000}
edges=${3:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gvdir=$(pkg-config --variable=libdir libgvc)/graphviz
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$src/include" \
  "$here/bench_graphml.c" "$build/libparley.a" \
  $(pkg-config --libs libgvc libcgraph libxml-2.0 sqlite3 icu-uc icu-i18n) -licudata \
  -L"$gvdir" -lgvplugin_dot_layout -lgvplugin_neato_layout -lgvplugin_core \
  -Wl,-rpath,"$gvdir" -lm -o "$tmp/bench_graphml"
echo "graph: $nodes nodes, $edges edges"
p=$("$tmp/bench_graphml" "$nodes" "$edges" "$tmp/parley.graphml")
echo "parley   : ${p}s, $(stat -c %s "$tmp/parley.graphml") bytes," \
  "peak RSS $( (command time -f %M "$tmp/bench_graphml" "$nodes" "$edges" /dev/null >/dev/null) 2>&1 | tail -1) KB"
n=$(/usr/bin/python3 "$here/networkx_graphml.py" "$nodes" "$edges" "$tmp/nx.graphml")
echo "networkx : ${n}s, $(stat -c %s "$tmp/nx.graphml") bytes (write_graphml only)"
/usr/bin/python3 -c "print(f'ratio    : networkx / parley = {$n / $p:.1f}x')"
