#!/usr/bin/env bash
# Hostile names: quotes, backslashes, <, &, ], ;, braces, DOT and GraphML
# syntax, SQL, bidi overrides and zero-width joiners, given as lexicon
# entries and inside the text. Ingested, then exported as DOT (must pass
# `dot -Tsvg`) and GraphML, GEXF (must pass `xmllint --noout`) and JSON
# (must parse). SQL metacharacters in CLI arguments change nothing.
source "$(dirname "$0")/lib.bash"
fx=$HOSTILE/fixtures
db=$tmp/evil.db
run 60 "$PARLEY" ingest -q --db "$db" --lexicon "$fx/evil.tsv" "$fx/evil.txt"
expect_rc 0 "ingest evil names"
n=$(sqlite3 "$db" "SELECT count(*) FROM entities WHERE name LIKE 'Evil \"quoted\"%' OR name LIKE 'Bidi %' OR name LIKE 'Robert'');%' OR name LIKE '}; digraph%'")
[ "$n" -ge 3 ] || fail "evil names not stored ($n of 4): $(sqlite3 "$db" 'SELECT name FROM entities')"
# The SQL in a name is data: the tables are all there.
[ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name='entities'")" = 1 ] || fail "entities table dropped"
[ "$(sqlite3 "$db" "SELECT name FROM entities WHERE name LIKE 'Robert%'")" = "Robert'); DROP TABLE entities;-- \" OR 1=1 ; \\x00" ] ||
  fail "SQL name not stored verbatim: $(sqlite3 "$db" "SELECT name FROM entities WHERE name LIKE 'Robert%'")"

for view in events actors; do
  run 60 "$PARLEY" export dot --view "$view" --db "$db" -o "$tmp/g.dot"
  expect_rc 0 "export dot --view $view"
  run 60 dot -Tsvg -o "$tmp/g.svg" "$tmp/g.dot"
  expect_rc 0 "dot -Tsvg of the $view DOT export"
  # The names come back whole: DOT ids are quoted, not cut at a quote.
  if [ "$view" = events ]; then
    grep -qF 'Evil \"quoted\"' "$tmp/g.dot" || fail "DOT lost the quoted name"
    run 30 xmllint --noout "$tmp/g.svg"
    expect_rc 0 "svg from the DOT export is XML"
    # Exactly the nodes of the store: no node injected by a name.
    nodes=$(grep -c '<g id="node' "$tmp/g.svg")
    [ "$nodes" -ge 4 ] || fail "svg has $nodes nodes"
  fi
  for fmt in graphml gexf; do
    run 60 "$PARLEY" export "$fmt" --view "$view" --db "$db" -o "$tmp/g.$fmt"
    expect_rc 0 "export $fmt --view $view"
    run 30 xmllint --noout "$tmp/g.$fmt"
    expect_rc 0 "xmllint $fmt --view $view"
  done
  grep -qF 'Evil &quot;quoted&quot; \\ back\\slash &lt;b&gt;&amp;amp; ]]&gt;' "$tmp/g.graphml" ||
    grep -qF 'Evil "quoted" \\ back\\slash &lt;b&gt;&amp;amp; ]]&gt;' "$tmp/g.graphml" ||
    fail "GraphML does not carry the quoted name escaped"
  run 60 "$PARLEY" export json --view "$view" --db "$db" -o "$tmp/g.json"
  expect_rc 0 "export json --view $view"
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/g.json" ||
    fail "JSON export does not parse ($view)"
done
# A query with names: svg rendered in-process too.
run 60 "$PARLEY" export svg --db "$db" -o "$tmp/in.svg"
expect_rc 0 "export svg"
run 30 xmllint --noout "$tmp/in.svg"
expect_rc 0 "in-process svg is XML"
pass "DOT/GraphML/GEXF/JSON injection"

# SQL metacharacters in CLI arguments: a clear answer, the store unchanged.
before=$(sqlite3 "$db" .dump | md5sum)
for arg in "x'; DROP TABLE entities;--" "%" "_" "' OR '1'='1" "\"; DELETE FROM edges; --" "Robert'); DROP TABLE entities;--"; do
  run 30 "$PARLEY" export json --db "$db" --actor "$arg" -o "$tmp/q.json"
  [ "$rc" -le 1 ] || fail "--actor '$arg': exit $rc"
  run 30 "$PARLEY" timeline --db "$db" --actor "$arg"
  [ "$rc" -le 2 ] || fail "timeline --actor '$arg': exit $rc"
  run 30 "$PARLEY" timeline --db "$db" --from "$arg"
  [ "$rc" -le 2 ] || fail "timeline --from '$arg': exit $rc"
  run 30 "$PARLEY" actors --db "$db" --type "$arg"
  [ "$rc" -le 2 ] || fail "actors --type '$arg': exit $rc"
done
# '%' and '_' are not LIKE wildcards: they match no actor.
run 30 "$PARLEY" export json --db "$db" --actor "%" -o "$tmp/q.json"
expect_rc 1 "--actor % matches nothing"
[ "$before" = "$(sqlite3 "$db" .dump | md5sum)" ] || fail "queries changed the store"
# A store path with metacharacters.
weird="$tmp/we'ird \"db\"; rm -rf x.db"
run 60 "$PARLEY" ingest -q --db "$weird" --lexicon "$fx/evil.tsv" "$fx/evil.txt"
expect_rc 0 "store path with quotes"
[ -e "$weird" ] || fail "store with a quoted path not created"
pass "SQL metacharacters"
finish
