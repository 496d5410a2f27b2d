#!/bin/bash
# Interop: the exports of the small and the nasty-names memory views, as
# dumped by the unit test binary (test_export --dump DIR), read by other
# tools: Graphviz's dot renders the DOT, xmllint checks every XML document
# (and the GraphML against the GraphML 1.0 schema when the schema is at hand:
# $PARLEY_GRAPHML_XSD, else ../shared/schemas), NetworkX reads GraphML back
# with the Arabic names intact, graphml2gv converts it, Python reads the JSON.
# A tool that is not installed is skipped with SKIP; a tool that fails fails.
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
bin=${PARLEY_TEST_EXPORT:-$(dirname "$PARLEY")/tests/test_export}
[ -x "$bin" ] || { echo "FAIL: no test_export binary at $bin"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --dump "$tmp" || { echo "FAIL: test_export --dump"; exit 1; }
fail=0
ar='ستيفان دي ميستورا'

if command -v dot >/dev/null; then
  for f in "$tmp"/*.dot; do
    if ! dot -Tsvg "$f" >"$f.svg" 2>"$tmp/err" || [ -s "$tmp/err" ]; then
      echo "FAIL dot -Tsvg $(basename "$f")"; cat "$tmp/err"; fail=1
    fi
  done
  grep -qF "$ar" "$tmp/three.dot.svg" || { echo "FAIL Arabic lost in dot -Tsvg"; fail=1; }
else
  echo "SKIP dot: not installed"
fi

if command -v xmllint >/dev/null; then
  xmllint --noout "$tmp"/*.graphml "$tmp"/*.gexf "$tmp"/*.svg ||
    { echo "FAIL xmllint well-formedness"; fail=1; }
  xsd=${PARLEY_GRAPHML_XSD:-${PARLEY_SRC:-.}/../shared/schemas/graphml/graphml.xsd}
  if [ -f "$xsd" ]; then
    xmllint --noout --schema "$xsd" "$tmp/three.graphml" "$tmp/nasty.graphml" \
      2>"$tmp/err" || { echo "FAIL GraphML schema"; cat "$tmp/err"; fail=1; }
  else
    echo "SKIP GraphML schema: no graphml.xsd (set PARLEY_GRAPHML_XSD)"
  fi
else
  echo "SKIP xmllint: not installed"
fi

py=/usr/bin/python3
if [ -x "$py" ] && "$py" -c 'import networkx' 2>/dev/null; then
  "$py" - "$tmp" "$ar" <<'PY' || fail=1
import json, sys
import networkx as nx
d, ar = sys.argv[1], sys.argv[2]
g = nx.read_graphml(d + "/three.graphml")
assert g.number_of_nodes() == 3 and g.number_of_edges() == 2, g
assert g.nodes["n1"]["label"] == ar, g.nodes["n1"]
assert g.nodes["n1"]["count"] == 12
assert g.edges["n3", "n2"]["weight"] == 2
assert g.edges["n3", "n2"]["interaction"] == "participates_in"
n = nx.read_graphml(d + "/nasty.graphml")
labels = sorted(v["label"] for _, v in n.nodes(data=True))
assert 'say "hi"' in labels, labels
assert "back\\slash and trailing\\" in labels, labels
assert "line\none\\nnot\\lleft\\N" in labels, labels
assert n.number_of_edges() == 5
y = nx.read_graphml(d + "/three-yed.graphml")
assert y.number_of_nodes() == 3
for f in ("three.json", "nasty.json"):
    els = json.load(open(d + "/" + f, encoding="utf-8"))["elements"]
    ids = {e["data"]["id"] for e in els["nodes"]}
    for e in els["edges"]:
        assert e["data"]["source"] in ids and e["data"]["target"] in ids
j = json.load(open(d + "/three.json", encoding="utf-8"))["elements"]
assert j["nodes"][0]["data"]["label"] == ar
PY
else
  echo "SKIP networkx: /usr/bin/python3 with networkx not installed"
fi

if command -v graphml2gv >/dev/null; then
  for f in three nasty; do
    graphml2gv "$tmp/$f.graphml" >"$tmp/$f.gv" 2>/dev/null ||
      { echo "FAIL graphml2gv $f"; fail=1; }
  done
  grep -q "n1 -> n2" "$tmp/three.gv" || { echo "FAIL graphml2gv edges"; fail=1; }
  if command -v dot >/dev/null; then
    dot -Tsvg "$tmp/nasty.gv" >/dev/null 2>&1 || { echo "FAIL dot on graphml2gv output"; fail=1; }
  fi
else
  echo "SKIP graphml2gv: not installed"
fi
exit $fail
