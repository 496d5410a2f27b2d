#!/bin/bash
# Interop: parley's exports read by the real clients.
#  - the small and the nasty-names memory views, as dumped by the unit test
#    binary (test_export --dump DIR);
#  - a store made by `parley ingest` from an article whose actor (a user
#    lexicon entry), proposal, evidence and file name carry quotes,
#    backslashes, a newline, <, &, ], bidi controls and control characters,
#    exported by the CLI in every format (the format from -o's extension).
# Graphviz: dot renders every DOT (neato and sfdp too), parley's png is the
# picture `dot -Tpng` draws (cairo/pango, Arabic shaped), graphml2gv reads
# the GraphML. xmllint: every XML document is well-formed and the GraphML
# validates against the GraphML 1.0 schema ($PARLEY_GRAPHML_XSD, else
# tests/schemas/graphml/graphml.xsd; --yed files need yEd's own schema,
# validated when $PARLEY_YED_XSD names one). NetworkX (Debian's python3)
# reads the GraphML; Python reads the JSON and the SVGs and finds every name
# drawn as written. graphology-gexf, graphology-graphml and cytoscape (npm,
# tests/interop/run.sh) load GEXF, GraphML and JSON.
# A tool that is not installed is skipped with SKIP; a tool that fails fails.
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
src=${PARLEY_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${PARLEY_TEST_EXPORT:-$(dirname "$PARLEY")/tests/test_export}
[ -x "$bin" ] || { echo "FAIL: no test_export binary at $bin"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --dump "$tmp" || { echo "FAIL: test_export --dump"; exit 1; }
fail=0
ar='ستيفان دي ميستورا'
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# ---- an ingested store with nasty names
ing="$tmp/ing"
mkdir -p "$ing"
# the actor: quotes, backslash, <, &, ], RLM, RLE ... PDF, and U+0001
printf 'group\tzorblax\tThe "Q\\ <b>&amp; ]] \xe2\x80\x8fR\xe2\x80\xabLE\xe2\x80\xac\x01x Front\tZorblax Front|\xd8\xac\xd8\xa8\xd9\x87\xd8\xa9 \xd8\xb2\xd9\x88\xd8\xb1\xd8\xa8\xd9\x84\xd8\xa7\xd9\x83\xd8\xb3\n' \
  >"$ing/lexicon.tsv"
# the document's name: a quote, a backslash, <, &, ]], a newline, U+0001, RLO
art="$ing/$(printf 'art "q\\ <&]]\n\x01\xe2\x80\xae.txt')"
printf 'Astana, 28 November 2018.\nThe Zorblax Front proposed a "ceasefire" <now> & \\ ]]> \x02 \xe2\x80\xabtruce\xe2\x80\xac\nin Astana. The Zorblax Front met Turkey in Astana.\n' >"$art"
if ! "$PARLEY" ingest -q --db "$ing/n.db" --lexicon "$ing/lexicon.tsv" \
  --published 2018-11-28 "$art" 2>"$tmp/err"; then
  echo "FAIL ingest of the nasty article"; cat "$tmp/err"; exit 1
fi
for f in dot graphml gexf json svg png; do
  "$PARLEY" export --db "$ing/n.db" -o "$tmp/ingested.$f" 2>"$tmp/err" ||
    { echo "FAIL export $f of the ingested store"; cat "$tmp/err"; fail=1; }
done
"$PARLEY" export --db "$ing/n.db" --yed -o "$tmp/ingested-yed.graphml" ||
  { echo "FAIL export --yed"; fail=1; }
# the store as seen through parley's JSON: the reference for the other
# formats (tests/interop/check.js reads ingested.expect.json)
"$py" - "$tmp" <<'PY' || { echo "FAIL ingested store"; fail=1; }
import json, sys
d = sys.argv[1]
els = json.load(open(d + "/ingested.json", encoding="utf-8"))["elements"]
name = 'The "Q\\ <b>&amp; ]] \u200fR\u202bLE\u202c\u0001x Front'
doc = 'art "q\\ <&]]\n\u0001\u202e.txt'
groups = [n["data"] for n in els["nodes"] if n["data"].get("type") == "group"]
assert [g["label_en"] for g in groups] == [name], groups
docs = {e["data"].get("document", "").rsplit("/", 1)[-1] for e in els["edges"]}
assert doc in docs, docs
texts = []
for n in els["nodes"]:
    texts += [n["data"][k] for k in ("label", "label_en") if k in n["data"]]
for e in els["edges"]:
    texts += [e["data"][k] for k in ("evidence", "document") if k in e["data"]]
json.dump({"nodes": len(els["nodes"]), "edges": len(els["edges"]),
           "labels": [name], "texts": sorted(set(texts))},
          open(d + "/ingested.expect.json", "w", encoding="utf-8"))
PY

# ---- Graphviz
if command -v dot >/dev/null; then
  for f in "$tmp"/*.dot; do
    if ! dot -Tsvg "$f" >"$f.svg" 2>"$tmp/err" || [ -s "$tmp/err" ]; then
      echo "FAIL dot -Tsvg $(basename "$f")"; cat "$tmp/err"; fail=1
    fi
  done
  grep -qF "$ar" "$tmp/three.dot.svg" || { echo "FAIL Arabic lost in dot -Tsvg"; fail=1; }
  for engine in neato sfdp; do
    for f in three nasty three-timeline ingested; do
      if ! "$engine" -Tsvg "$tmp/$f.dot" >"$tmp/$f.$engine.svg" 2>"$tmp/err" ||
        ! grep -q '</svg>' "$tmp/$f.$engine.svg"; then
        echo "FAIL $engine -Tsvg $f.dot"; cat "$tmp/err"; fail=1
      fi
    done
  done
  # parley's png is Graphviz's own cairo/pango picture (which shapes
  # Arabic), not the gd one (which draws no Arabic at all)
  for f in three three-timeline nasty ingested; do
    png=$tmp/$f.png
    [ -f "$png" ] || continue
    dot -Tpng "$tmp/$f.dot" >"$tmp/$f.ref.png" 2>/dev/null
    cmp -s "$png" "$tmp/$f.ref.png" ||
      { echo "FAIL $f.png differs from dot -Tpng $f.dot"; fail=1; }
  done
  if dot -Tpng:gd "$tmp/three.dot" >"$tmp/three.gd.png" 2>/dev/null; then
    cmp -s "$tmp/three.png" "$tmp/three.gd.png" &&
      { echo "FAIL png drawn by gd (no Arabic shaping)"; fail=1; }
  fi
else
  echo "SKIP dot: not installed"
fi

# ---- xmllint
if command -v xmllint >/dev/null; then
  xmllint --noout "$tmp"/*.graphml "$tmp"/*.gexf "$tmp"/*.svg ||
    { echo "FAIL xmllint well-formedness"; fail=1; }
  xsd=${PARLEY_GRAPHML_XSD:-$src/tests/schemas/graphml/graphml.xsd}
  if [ -f "$xsd" ]; then
    xmllint --noout --schema "$xsd" "$tmp/three.graphml" "$tmp/nasty.graphml" \
      "$tmp/ingested.graphml" 2>"$tmp/err" ||
      { echo "FAIL GraphML schema"; cat "$tmp/err"; fail=1; }
  else
    echo "SKIP GraphML schema: no graphml.xsd (set PARLEY_GRAPHML_XSD)"
  fi
  # --yed files use yEd's elements and its key attribute yfiles.type, which
  # only yEd's schema (ygraphml.xsd, importing GraphML's) allows
  yxsd=${PARLEY_YED_XSD:-$src/../shared/schemas/yed/ygraphml.xsd}
  if [ -f "$yxsd" ]; then
    xmllint --noout --schema "$yxsd" "$tmp/three-yed.graphml" \
      "$tmp/ingested-yed.graphml" 2>"$tmp/err" ||
      { echo "FAIL yEd GraphML schema"; cat "$tmp/err"; fail=1; }
  else
    echo "SKIP yEd schema: no ygraphml.xsd (set PARLEY_YED_XSD); the --yed files are checked well-formed only"
  fi
else
  echo "SKIP xmllint: not installed"
fi

# ---- NetworkX and Python
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import networkx' 2>/dev/null; then
  /usr/bin/python3 - "$tmp" "$ar" <<'PY' || fail=1
import json, re, sys
import xml.etree.ElementTree as ET
import networkx as nx
d, ar = sys.argv[1], sys.argv[2]
def check(cond, what):
    if not cond:
        print("FAIL", what)
        sys.exit(1)
g = nx.read_graphml(d + "/three.graphml")
check(g.number_of_nodes() == 3 and g.number_of_edges() == 2, "networkx three")
check(g.nodes["n1"]["label"] == ar, "networkx Arabic label")
check(g.nodes["n1"]["count"] == 12, "networkx int key")
check(g.edges["n3", "n2"]["weight"] == 2, "networkx edge weight")
check(g.edges["n3", "n2"]["interaction"] == "participates_in", "networkx interaction")
check(g.edges["n1", "n2"]["document"] == "doc1", "networkx document")
n = nx.read_graphml(d + "/nasty.graphml")
labels = sorted(v["label"] for _, v in n.nodes(data=True))
for want in ['say "hi"', "back\\slash and trailing\\", "line\none\\nnot\\lleft\\N",
             "<b>&amp; ]; {x} -> --",
             "\u202b\u062a\u0631\u0643\u064a\u0627\u202c \u2067x\u2069\u200f",
             "ctl bad\ufffd\ufffd\ufffd end"]:
    check(want in labels, "networkx nasty label %r in %r" % (want, labels))
check(n.number_of_edges() == 5, "networkx nasty edges")
y = nx.read_graphml(d + "/three-yed.graphml")
check(y.number_of_nodes() == 3, "networkx yed")
for f in ("three.json", "nasty.json", "ingested.json"):
    els = json.load(open(d + "/" + f, encoding="utf-8"))["elements"]
    ids = {e["data"]["id"] for e in els["nodes"]}
    for e in els["edges"]:
        check(e["data"]["source"] in ids and e["data"]["target"] in ids, f + " edge ends")
        check(e["data"].get("interaction"), f + " interaction")
j = json.load(open(d + "/three.json", encoding="utf-8"))["elements"]
check(j["nodes"][0]["data"]["label"] == ar, "json Arabic label")

# the ingested nasty names, format by format
exp = json.load(open(d + "/ingested.expect.json", encoding="utf-8"))
name = exp["labels"][0]
ctl = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
xname = ctl.sub("", name)          # XML 1.0 cannot carry U+0001
texts = [ctl.sub("", t) for t in exp["texts"]]
i = nx.read_graphml(d + "/ingested.graphml")
check(i.number_of_nodes() == exp["nodes"] and i.number_of_edges() == exp["edges"],
      "networkx ingested counts")
gtexts = [str(v) for _, a in i.nodes(data=True) for v in a.values()]
gtexts += [str(v) for _, _, a in i.edges(data=True) for v in a.values()]
check(xname in gtexts, "networkx ingested name %r" % xname)
for t in texts:
    check(t in gtexts, "networkx ingested text %r" % t)
iy = nx.read_graphml(d + "/ingested-yed.graphml")
check(iy.number_of_nodes() == exp["nodes"], "networkx ingested --yed")

# SVG, parley's and dot's from parley's DOT: every label line drawn as
# written (DOT labels are one line: a newline would be drawn as a space;
# Graphviz writes the second of two spaces as a no-break space)
def svg_texts(path):
    root = ET.parse(path).getroot()
    out = []
    for el in root.iter():
        if el.tag.endswith("}text") and el.text:
            out.append(el.text.replace("\u00a0", " "))
        for k, v in el.attrib.items():
            if k.endswith("}title"):
                out.append(v.replace("\u00a0", " "))
    return out
for f in ("ingested.svg", "ingested.dot.svg"):
    try:
        st = svg_texts(d + "/" + f)
    except FileNotFoundError:
        continue
    check("(" + xname + ")" in st, "%s: name not drawn as written: %r" % (f, st))
    ev = [t for t in texts if t.startswith("The Zorblax Front proposed")]
    for t in ev:
        check(t.replace("\n", " ") in st, "%s: evidence tooltip %r" % (f, t))
for f in ("nasty.svg", "nasty.dot.svg"):
    st = svg_texts(d + "/" + f)
    check("<b>&amp; ]; {x} -> --" in st, f + ": '&amp;' drawn as '&'")
    check("back\\slash and trailing\\" in st, f + ": backslashes")
    check('say "hi"' in st, f + ": quotes")

# GEXF: the name and the texts as attribute values
ns = {"g": "http://gexf.net/1.3"}
root = ET.parse(d + "/ingested.gexf").getroot()
vals = [a.get("value") for a in root.iter("{http://gexf.net/1.3}attvalue")]
vals += [n.get("label") for n in root.iter("{http://gexf.net/1.3}node")]
check(xname in vals, "gexf ingested name")
for t in texts:
    check(t in vals, "gexf ingested text %r" % t)
PY
else
  echo "SKIP networkx: /usr/bin/python3 with networkx not installed"
fi

# ---- graphml2gv
if command -v graphml2gv >/dev/null; then
  for f in three nasty ingested; do
    graphml2gv "$tmp/$f.graphml" >"$tmp/$f.gv" 2>/dev/null ||
      { echo "FAIL graphml2gv $f"; fail=1; }
  done
  grep -q "n1 -> n2" "$tmp/three.gv" || { echo "FAIL graphml2gv edges"; fail=1; }
  if command -v dot >/dev/null; then
    for f in nasty ingested; do
      dot -Tsvg "$tmp/$f.gv" >/dev/null 2>&1 || { echo "FAIL dot on graphml2gv $f"; fail=1; }
    done
  fi
else
  echo "SKIP graphml2gv: not installed"
fi

# ---- npm clients (graphology-gexf, graphology-graphml, cytoscape)
bash "$src/tests/interop/run.sh" "$tmp"
case $? in
0) ;;
77) ;; # run.sh said SKIP
*) echo "FAIL npm interop"; fail=1 ;;
esac
exit $fail
