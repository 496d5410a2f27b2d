#!/bin/bash
# parley export: --help, usage errors (exit 2), a missing store (exit 1), and
# with a store made by 'parley ingest' every format end to end, written
# atomically. Needs PARLEY (the binary).
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check NAME WANT_RC CMD... : runs CMD, compares its exit code
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, expected $want"; cat "$tmp/err"; fail=1
  fi
}
has() { # has NAME FILE TEXT
  grep -qF -- "$3" "$2" || { echo "FAIL $1: no '$3' in $2"; cat "$2"; fail=1; }
}

check help 0 "$PARLEY" export --help
for f in dot graphml gexf json svg png; do has help-lists-$f "$tmp/out" "  $f "; done
has help-memory "$tmp/out" "whole graph in memory"
has help-stream "$tmp/out" "stream"
has help-dot-memory "$tmp/out" "DOT, svg and png hold the whole graph in memory"
has help-sfdp "$tmp/out" "lay pictures out with sfdp"
has help-engines "$tmp/out" "dot, neato and sfdp"

check unknown-format 2 "$PARLEY" export pdf --db "$tmp/none.db"
has unknown-format-msg "$tmp/err" "unknown format 'pdf'"
has unknown-format-try "$tmp/err" "parley export --help"
check no-format 2 "$PARLEY" export --db "$tmp/none.db"
check bad-extension 2 "$PARLEY" export -o "$tmp/g.txt" --db "$tmp/none.db"
check bad-layout 2 "$PARLEY" export dot --layout circo --db "$tmp/none.db"
check bad-view 2 "$PARLEY" export dot --view people --db "$tmp/none.db"
check bad-depth 2 "$PARLEY" export dot --depth x --db "$tmp/none.db"
check bad-date 2 "$PARLEY" export dot --from 2018-13 --db "$tmp/none.db"
check bad-option 2 "$PARLEY" export dot --bogus
check extra-arg 2 "$PARLEY" export dot graphml --db "$tmp/none.db"

check missing-store 1 "$PARLEY" export dot --db "$tmp/none.db"
has missing-store-msg "$tmp/err" \
  "parley: $tmp/none.db: no such store (run 'parley ingest' first)"
check missing-store-by-ext 1 "$PARLEY" export -o "$tmp/g.graphml" --db "$tmp/none.db"
[ -e "$tmp/g.graphml" ] && { echo "FAIL missing-store left a file"; fail=1; }

py=/usr/bin/python3
[ -x "$py" ] || py=python3
# summary DB ARGS...: exports the JSON of a view and prints "NODES EDGES",
# then the node types and the edge interactions, each as sorted distinct
# words, and the English labels (one line each)
summary() {
  local db=$1
  shift
  "$PARLEY" export json --db "$db" "$@" | "$py" -c '
import json, sys
e = json.load(sys.stdin)["elements"]
n = [x["data"] for x in e["nodes"]]
g = [x["data"] for x in e["edges"]]
print(len(n), len(g))
print(" ".join(sorted({x["type"] for x in n})))
print(" ".join(sorted({x["interaction"] for x in g})))
print("|".join(sorted(x.get("label_en", "") for x in n)))
ev = [x for x in n if x["type"] in ("meeting", "proposal") and x.get("date_from")]
print(min((x["date_from"] for x in ev), default="-"),
      max((x.get("date_to") or x["date_from"] for x in ev), default="-"))'
}
# views DB: the view options and the DOT shapes on a store of the seed
# article (Arabic, Astana round 11) and the English one
views() {
  local db=$1 s
  "$PARLEY" ingest -q --db "$db" --published 2018-11-28 \
    "${PARLEY_SRC:-.}/examples/astana-11-aljazeera-ar.txt" >/dev/null 2>&1 ||
    { echo "SKIP views: no seed article"; return; }
  summary "$db" >"$tmp/all.sum" || { echo "FAIL view: whole graph"; fail=1; return; }
  summary "$db" --view events >"$tmp/events.sum"
  cmp -s "$tmp/all.sum" "$tmp/events.sum" || { echo "FAIL view: events is not the default"; fail=1; }
  has view-events-meetings "$tmp/events.sum" "meeting"
  has view-events-participates "$tmp/events.sum" "participates_in"
  summary "$db" --view actors >"$tmp/actors.sum"
  s=$(sed -n 2p "$tmp/actors.sum")
  case " $s " in *" meeting "*|*" proposal "*|*" place "*)
    echo "FAIL view actors has event nodes: $s"; fail=1 ;; esac
  s=$(sed -n 3p "$tmp/actors.sum")
  [ "$s" = "heads met proposed_jointly" ] || [ "$s" = "met proposed_jointly" ] ||
    [ "$s" = "heads met" ] || [ "$s" = "met" ] ||
    { echo "FAIL view actors relations: '$s'"; fail=1; }
  summary "$db" --actor Turkey >"$tmp/ego1.sum"
  summary "$db" --actor 'تركيا' --depth 2 >"$tmp/ego2.sum"
  has actor-ego "$tmp/ego1.sum" "Turkey"
  has actor-ego-arabic "$tmp/ego2.sum" "Turkey"
  local all1 ego1 ego2
  all1=$(head -1 "$tmp/all.sum" | cut -d' ' -f1)
  ego1=$(head -1 "$tmp/ego1.sum" | cut -d' ' -f1)
  ego2=$(head -1 "$tmp/ego2.sum" | cut -d' ' -f1)
  [ "$ego1" -le "$ego2" ] && [ "$ego2" -le "$all1" ] && [ "$ego1" -lt "$all1" ] ||
    { echo "FAIL --actor/--depth sizes: depth1 $ego1, depth2 $ego2, all $all1"; fail=1; }
  check actor-unknown 1 "$PARLEY" export json --db "$db" --actor 'Nobody Atall Zzyzx'
  summary "$db" --from 2018-11-28 >"$tmp/from.sum"
  s=$(sed -n 5p "$tmp/from.sum")
  [ "${s#* }" \> "2018-11-27" ] || { echo "FAIL --from: events end $s"; fail=1; }
  summary "$db" --to 2018-11-27 >"$tmp/to.sum"
  s=$(sed -n 5p "$tmp/to.sum")
  [ "${s%% *}" = "-" ] || [ "${s%% *}" \< "2018-11-28" ] ||
    { echo "FAIL --to: events start $s"; fail=1; }
  summary "$db" --type meeting >"$tmp/type.sum"
  s=$(sed -n 2p "$tmp/type.sum")
  case " $s " in *" meeting "*) ;; *) echo "FAIL --type meeting: no meetings"; fail=1 ;; esac
  case " $s " in *" proposal "*) echo "FAIL --type meeting kept proposals"; fail=1 ;; esac
  # DOT: meetings clustered by process, then round (the seed article names
  # the Astana talks), the timeline layout, every engine
  check dot-clusters 0 "$PARLEY" export dot --db "$db"
  has dot-process-cluster "$tmp/out" "subgraph cluster_process_Astana {"
  has dot-round-cluster "$tmp/out" "subgraph cluster_process_Astana_round_11 {"
  has dot-round-label "$tmp/out" 'label="Astana — round 11"'
  has dot-says-so "$tmp/out" 'comment="meetings clustered by process, then by round within it"'
  cp "$tmp/out" "$tmp/v.dot"
  # the process as a typed attribute of meetings in the other formats
  check graphml-process 0 "$PARLEY" export graphml --db "$db"
  has graphml-process-key "$tmp/out" '<key id="process" for="node" attr.name="process" attr.type="string"/>'
  has graphml-process-data "$tmp/out" '<data key="process">Astana</data>'
  check gexf-process 0 "$PARLEY" export gexf --db "$db"
  has gexf-process-attr "$tmp/out" '<attribute id="process" title="process" type="string"/>'
  has gexf-process-value "$tmp/out" '<attvalue for="process" value="Astana"/>'
  check json-process 0 "$PARLEY" export json --db "$db"
  has json-process-field "$tmp/out" '"type":"meeting",'
  has json-process-value "$tmp/out" '"process":"Astana"'
  check dot-timeline 0 "$PARLEY" export dot --db "$db" --layout timeline -o "$tmp/t.dot"
  has timeline-lr "$tmp/t.dot" "rankdir=LR"
  has timeline-newrank "$tmp/t.dot" "newrank=true"
  has timeline-rank "$tmp/t.dot" "rank=same"
  has timeline-axis "$tmp/t.dot" '"date 2018-11-28"'
  for engine in dot neato sfdp; do
    command -v "$engine" >/dev/null || continue
    for f in v t; do
      "$engine" -Tsvg "$tmp/$f.dot" -o "$tmp/$f.$engine.svg" 2>"$tmp/err" &&
        grep -q '</svg>' "$tmp/$f.$engine.svg" ||
        { echo "FAIL $engine on $f.dot"; cat "$tmp/err"; fail=1; }
    done
  done
  # the format from the extension, any case; pictures in-process
  check ext-upper 0 "$PARLEY" export --db "$db" -o "$tmp/G.GEXF"
  has ext-upper-gexf "$tmp/G.GEXF" 'xmlns="http://gexf.net/1.3"'
  for layout in dot neato sfdp timeline; do
    check "png-$layout" 0 "$PARLEY" export --db "$db" --layout "$layout" -o "$tmp/g-$layout.png"
    head -c 4 "$tmp/g-$layout.png" | grep -q PNG || { echo "FAIL png-$layout: not a PNG"; fail=1; }
  done
  check svg-actors 0 "$PARLEY" export svg --db "$db" --view actors --actor Turkey
  has svg-actors-out "$tmp/out" "</svg>"
}

# End to end, when ingest works in this build.
cat >"$tmp/article.txt" <<'TXT'
Astana, 28 November 2018. The UN envoy Staffan de Mistura met the delegations
of Russia, Turkey and Iran in Astana on Wednesday for the eleventh round of
talks on Syria.
TXT
if "$PARLEY" ingest --db "$tmp/p.db" "$tmp/article.txt" >/dev/null 2>&1 &&
  [ -s "$tmp/p.db" ]; then
  for f in dot graphml gexf json svg; do
    check "e2e-$f" 0 "$PARLEY" export --db "$tmp/p.db" -o "$tmp/g.$f"
    [ -s "$tmp/g.$f" ] || { echo "FAIL e2e-$f: empty output"; fail=1; }
  done
  check e2e-stdout 0 "$PARLEY" export json --db "$tmp/p.db"
  has e2e-json "$tmp/out" '"elements"'
  check e2e-timeline 0 "$PARLEY" export dot --layout timeline --db "$tmp/p.db"
  has e2e-timeline-lr "$tmp/out" "rankdir=LR"
  # same store, same bytes
  "$PARLEY" export dot --db "$tmp/p.db" -o "$tmp/again.dot"
  cmp -s "$tmp/g.dot" "$tmp/again.dot" || { echo "FAIL dot not deterministic"; fail=1; }
  # a failed export keeps the old file and leaves no temporary behind
  echo old >"$tmp/keep.dot"
  check e2e-unknown-actor 1 "$PARLEY" export --db "$tmp/p.db" -o "$tmp/keep.dot" \
    --actor 'Nobody Atall Zzyzx'
  [ "$(cat "$tmp/keep.dot")" = old ] || { echo "FAIL failed export replaced the file"; fail=1; }
  ls -A "$tmp" | grep -q '^\.keep\.dot\.' && { echo "FAIL temporary left behind"; fail=1; }
  if command -v dot >/dev/null; then
    dot -Tsvg "$tmp/g.dot" >/dev/null || { echo "FAIL dot -Tsvg on export"; fail=1; }
  fi
  if command -v xmllint >/dev/null; then
    xmllint --noout "$tmp/g.graphml" "$tmp/g.gexf" "$tmp/g.svg" || { echo "FAIL xml"; fail=1; }
  fi
  views "$tmp/p.db"
else
  echo "SKIP end-to-end: 'parley ingest' did not make a store in this build"
fi
exit $fail
