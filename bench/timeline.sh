#!/usr/bin/env bash
# Bench: a one-actor timeline on a store of at least 100,000 documents.
#
#   bench/timeline.sh [ACTOR]          (default ACTOR: state:SY)
#
# The store is bench/.cache/100k.db, reused when it exists (another bench may
# have built it). Otherwise it is built from the bench crawls
# ($PARLEY_BENCH_CORPUS, default /work/shared/corpus/bench/*.jsonl): a
# document is identified by a hash of its body, so the crawls are ingested
# COPIES times (default 23: 4,478 distinct documents each, 102,994 in all),
# copy k with " [k]" appended to every body and "-k" to every id. Building
# takes about 10-15 minutes on 2 cores and about 0.7 GB of disk.
#
# Prints the store's size, the EXPLAIN QUERY PLAN of the query
# pl_query_timeline runs for one actor (taken from graph/query.c, so it is
# the code's own SQL) and the median of 5 runs of
# `parley timeline --actor ACTOR` (whole process: start-up included), then of
# the whole timeline for contrast. Exits 1 when the plan scans events, edges
# or entities in full.
#
# The binary: $PARLEY, else build/parley, else one built in
# bench/.cache/build.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=$ROOT/bench/.cache
DB=$CACHE/100k.db
ACTOR=${1:-state:SY}
COPIES=${COPIES:-23}
CORPUS=${PARLEY_BENCH_CORPUS:-/work/shared/corpus/bench}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
mkdir -p "$CACHE"

PARLEY=${PARLEY:-}
if [ -z "$PARLEY" ]; then
  if [ -x "$ROOT/build/parley" ]; then
    PARLEY=$ROOT/build/parley
  else
    echo "building parley in $CACHE/build ..." >&2
    cmake -S "$ROOT" -B "$CACHE/build" -DCMAKE_BUILD_TYPE=Release >/dev/null &&
      cmake --build "$CACHE/build" -j2 --target parley >/dev/null ||
      { echo "bench: build failed" >&2; exit 1; }
    PARLEY=$CACHE/build/parley
  fi
fi
command -v sqlite3 >/dev/null || { echo "bench: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }

ndocs() { sqlite3 "$1" "SELECT count(*) FROM documents" 2>/dev/null || echo 0; }

if [ -e "$DB" ]; then
  echo "reusing $DB"
else
  ls "$CORPUS"/*.jsonl >/dev/null 2>&1 || { echo "bench: no $CORPUS/*.jsonl" >&2; exit 1; }
  tmpdb=$CACHE/100k.tmp-$$.db
  rm -f "$tmpdb" "$tmpdb-wal" "$tmpdb-shm"
  echo "building $DB: $COPIES copies of $CORPUS/*.jsonl ..." >&2
  t0=$(date +%s)
  # One copy at a time (a pipe: no copy is written to disk).
  for k in $(seq 0 $((COPIES - 1))); do
    "$PY" - "$k" "$CORPUS"/*.jsonl <<'EOF' |
import json, sys
k = sys.argv[1]
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            if k != "0":
                d["text"] = d.get("text", "") + " [" + k + "]"
                if "id" in d:
                    d["id"] = str(d["id"]) + "-" + k
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
EOF
      "$PARLEY" ingest -q --reader jsonl --db "$tmpdb" - ||
      { echo "bench: ingest of copy $k failed" >&2; rm -f "$tmpdb"*; exit 1; }
    echo "  copy $((k + 1))/$COPIES: $(ndocs "$tmpdb") documents, $(($(date +%s) - t0)) s" >&2
  done
  sqlite3 "$tmpdb" "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;" >/dev/null
  # Another bench may have finished the same store meanwhile: keep theirs.
  if [ -e "$DB" ]; then
    rm -f "$tmpdb" "$tmpdb-wal" "$tmpdb-shm"
  else
    mv "$tmpdb" "$DB"
    rm -f "$tmpdb-wal" "$tmpdb-shm"
  fi
fi

n=$(ndocs "$DB")
echo "store: $DB, $n documents, $(sqlite3 "$DB" "SELECT count(*) FROM edges") edges, $(sqlite3 "$DB" "SELECT count(*) FROM events") events, $(du -h "$DB" | cut -f1)"
if [ "$n" -lt 100000 ]; then
  echo "bench: $DB has only $n documents (a build in progress, or an old cache: remove it to rebuild)" >&2
  exit 1
fi

# The SQL of graph/query.c's timeline_actor_sql, string literals and the
# TL_ macros joined as the compiler would.
sql=$("$PY" - "$ROOT/graph/query.c" <<'EOF'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
macros = {m.group(1): m.group(2) for m in
          re.finditer(r'#define (\w+)\s*\\\n((?:.*\\\n)*.*\n)', src)}
def lit(text):
    out = []
    for t in re.finditer(r'"((?:[^"\\]|\\.)*)"|\b([A-Z_][A-Z0-9_]+)\b', text):
        if t.group(1) is not None:
            out.append(t.group(1).encode().decode("unicode_escape"))
        elif t.group(2) in macros:
            out.append(lit(macros[t.group(2)]))
    return "".join(out)
m = re.search(r'static const char timeline_actor_sql\[\] =(.*?);\n', src, re.S)
print(lit(m.group(1)) if m else "")
EOF
)
[ -n "$sql" ] || { echo "bench: no timeline_actor_sql in graph/query.c" >&2; exit 1; }
ids=$("$PARLEY" show --db "$DB" "$ACTOR" --format json 2>/dev/null |
  "$PY" -c 'import json,sys; print(",".join(a["id"][1:] for a in json.load(sys.stdin)))')
[ -n "$ids" ] || { echo "bench: no actor '$ACTOR' in $DB" >&2; exit 1; }
echo
echo "EXPLAIN QUERY PLAN of the one-actor timeline (?4 = [$ids], $ACTOR):"
plan=$(sqlite3 "$DB" ".param set ?4 '[$ids]'" "EXPLAIN QUERY PLAN $sql")
echo "$plan"
status=0
if echo "$plan" | grep -Eq 'SCAN (events|edges|entities|[gevp])( |$)'; then
  echo "bench: FULL SCAN in the plan" >&2
  status=1
fi

median5() { # command...: prints the median wall time of 5 runs, in ms
  local t=()
  for _ in 1 2 3 4 5; do
    local a b
    a=$(date +%s%N)
    "$@" >/dev/null || { echo "bench: failed: $*" >&2; return 1; }
    b=$(date +%s%N)
    t+=($(((b - a) / 1000000)))
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n 3p
}
echo
rows=$("$PARLEY" timeline --db "$DB" --actor "$ACTOR" --format csv | tail -n +2 | wc -l)
ms=$(median5 "$PARLEY" timeline --db "$DB" --actor "$ACTOR") || exit 1
echo "timeline --actor $ACTOR: $rows events, median of 5: $ms ms"
rows=$("$PARLEY" timeline --db "$DB" --format csv | tail -n +2 | wc -l)
ms=$(median5 "$PARLEY" timeline --db "$DB") || exit 1
echo "timeline (every event, for contrast): $rows events, median of 5: $ms ms"
exit $status
