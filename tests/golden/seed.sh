#!/usr/bin/env bash
# Golden test: the bundled seed article (Astana 11, Al Jazeera, Arabic,
# published 2018-11-28) end to end: ingest (twice: idempotent), timeline,
# extract, DOT and GraphML export. Needs $PARLEY (binary) and $PARLEY_SRC.
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
: "${PARLEY_SRC:?set PARLEY_SRC to the source root}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

# Relative path so recorded sources do not depend on the checkout location.
cd "$PARLEY_SRC" || exit 1
ART=examples/astana-11-aljazeera-ar.txt
DB=$tmp/seed.db

# 1. ingest
if "$PARLEY" ingest --db "$DB" --published 2018-11-28 "$ART" >"$tmp/ing1" 2>"$tmp/err"; then
  pass "ingest exits 0"
else
  fail "ingest exit $?: $(cat "$tmp/err")"
  exit 1
fi
[ -s "$DB" ] || { fail "ingest created no store at $DB"; exit 1; }

snapshot() { # $1: output file; the store's visible contents
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$DB" "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name" |
      while read -r t; do
        printf '%s\t%s\n' "$t" "$(sqlite3 "$DB" "SELECT count(*) FROM \"$t\"")"
      done >"$1"
  else
    : >"$1"
  fi
  "$PARLEY" actors --db "$DB" --format json >>"$1" &&
    "$PARLEY" timeline --db "$DB" --format json >>"$1"
}

# 2. ingest again: nothing changes
snapshot "$tmp/before" || fail "actors/timeline failed after first ingest"
if "$PARLEY" ingest --db "$DB" --published 2018-11-28 "$ART" >"$tmp/ing2" 2>"$tmp/err"; then
  pass "second ingest exits 0"
else
  fail "second ingest exit $?: $(cat "$tmp/err")"
fi
snapshot "$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then
  pass "second ingest leaves the store unchanged"
else
  fail "second ingest changed the store:"
  diff "$tmp/before" "$tmp/after" | head -20 >&2
fi
grep -q '1 new' "$tmp/ing2" && fail "second ingest reports the document as new: $(cat "$tmp/ing2")"

# 3. timeline --format json
if "$PARLEY" timeline --db "$DB" --format json >"$tmp/timeline.json" 2>"$tmp/err"; then
  if "$PY" - "$tmp/timeline.json" <<'PYEOF'; then pass "timeline json content"; else fail "timeline json content"; fi
import json, sys
ev = json.load(open(sys.argv[1], encoding="utf-8"))
bad = []
def check(cond, msg):
    if not cond:
        bad.append(msg)
check(isinstance(ev, list) and ev, "timeline is a non-empty array")
def parts(e):
    return set(e.get("participants") or [])
summit = [e for e in ev if e["type"] == "meeting" and e["date_from"] == "2018-10-27"
          and e["place"] == "Istanbul"
          and {"Turkey", "France", "Russia", "Germany"} <= parts(e)]
check(summit, "an Istanbul meeting of 2018-10-27 with Turkey, France, Russia, Germany")
m28 = [e for e in ev if e["type"] == "meeting" and e["date_from"] == "2018-11-28"]
check(m28, "meetings dated 2018-11-28")
check(any(parts(e) == {"Russia", "Syria"} for e in m28),
      "a 2018-11-28 meeting between Russia and Syria")
# Russia, Iran and Turkey hold a trilateral meeting (اجتماعا ثلاثيا) that day,
# distinct from Turkey's (undated) bilaterals with Russia and with Iran.
check(any(parts(e) == {"Russia", "Iran", "Turkey"} and e["kind"] == "trilateral"
          for e in m28),
      "a 2018-11-28 trilateral meeting of Russia, Iran and Turkey")
check(not any(e["type"] == "meeting" and e["kind"] == "bilateral" and len(parts(e)) != 2
              for e in ev),
      "every bilateral meeting has two participants")
check(any(e["type"] == "meeting" and parts(e) == {"Turkey", "Russia"} for e in ev),
      "a Turkey-Russia bilateral meeting")
props = [e for e in ev if e["type"] == "proposal" and e["date_from"] == "2018-11-28"]
check(any({"Turkey", "Syrian opposition"} <= set(e.get("by") or []) for e in props),
      "a 2018-11-28 proposal by Turkey and the Syrian opposition")
for e in ev:
    check(e["sources"] == ["examples/astana-11-aljazeera-ar.txt"],
          "event %s sources %r" % (e["id"], e["sources"]))
dated = [e["date_from"] for e in ev if e["date_from"]]
check(dated == sorted(dated), "events sorted by date")
seen_undated = False
for e in ev:
    if not e["date_from"]:
        seen_undated = True
    elif seen_undated:
        check(False, "dated event %s after an undated one" % e["id"])
for m in bad:
    print("  timeline:", m, file=sys.stderr)
sys.exit(1 if bad else 0)
PYEOF
else
  fail "timeline --format json exit $?: $(cat "$tmp/err")"
fi

# 4. timeline --format csv against the golden file
if "$PARLEY" timeline --db "$DB" --format csv >"$tmp/timeline.csv" 2>"$tmp/err"; then
  if cmp -s "$PARLEY_SRC/tests/golden/seed/timeline.csv" "$tmp/timeline.csv"; then
    pass "timeline csv matches tests/golden/seed/timeline.csv"
  else
    fail "timeline csv differs from tests/golden/seed/timeline.csv:"
    diff "$PARLEY_SRC/tests/golden/seed/timeline.csv" "$tmp/timeline.csv" >&2
  fi
else
  fail "timeline --format csv exit $?: $(cat "$tmp/err")"
fi

# 5. extract --format json: the schema's keys, evidence quoted exactly
if "$PARLEY" extract --format json --published 2018-11-28 "$ART" >"$tmp/extract.json" 2>"$tmp/err"; then
  if "$PY" - "$tmp/extract.json" "$ART" <<'PYEOF'; then pass "extract json content"; else fail "extract json content"; fi
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
raw = open(sys.argv[2], "rb").read()
text = raw.decode("utf-8")
bad = []
def check(cond, msg):
    if not cond:
        bad.append(msg)
for k in ("actors", "delegations", "roles", "meetings", "proposals"):
    check(isinstance(d.get(k), list) and d[k], "non-empty list %r" % k)
check(d.get("published") == "2018-11-28", "published is 2018-11-28")
for a in d.get("actors", []):
    for m in a.get("mentions", []):
        check(m and m in text, "mention %r of %s not in the article" % (m, a.get("name")))
    for s, e in a.get("offsets", []):
        check(raw[s:e].decode("utf-8", "replace") in a.get("mentions", []),
              "offsets [%d,%d) of %s are not one of its mentions" % (s, e, a.get("name")))
for k in ("delegations", "roles", "meetings", "proposals"):
    for r in d.get(k, []):
        ev = r.get("evidence")
        check(isinstance(ev, str) and ev and ev in text, "%s evidence %r not in the article" % (k, ev))
        s = r.get("sentence")
        check(s is None or s in text, "%s sentence not in the article" % k)
        if ev and s:
            check(ev in s, "%s evidence not in its sentence" % k)
        off = r.get("offsets")
        if off:
            check(raw[off[0]:off[1]].decode("utf-8", "replace") == ev,
                  "%s offsets %r do not give the evidence" % (k, off))
for m in bad:
    print("  extract:", m, file=sys.stderr)
sys.exit(1 if bad else 0)
PYEOF
else
  fail "extract exit $?: $(cat "$tmp/err")"
fi

# 6. export dot renders with Graphviz
if "$PARLEY" export dot --db "$DB" >"$tmp/g.dot" 2>"$tmp/err"; then
  if command -v dot >/dev/null; then
    if dot -Tsvg "$tmp/g.dot" >"$tmp/g.svg" 2>"$tmp/doterr" && grep -q '<svg' "$tmp/g.svg"; then
      pass "export dot renders with dot -Tsvg"
    else
      fail "dot -Tsvg rejects the export: $(head -5 "$tmp/doterr")"
    fi
  else
    echo "SKIP: dot not installed (export dot not rendered)"
  fi
else
  fail "export dot exit $?: $(cat "$tmp/err")"
fi

# 7. export graphml loads in networkx
if "$PARLEY" export graphml --db "$DB" >"$tmp/g.graphml" 2>"$tmp/err"; then
  if "$PY" -c 'import networkx' 2>/dev/null; then
    if n=$("$PY" -c 'import sys, networkx; print(networkx.read_graphml(sys.argv[1]).number_of_nodes())' "$tmp/g.graphml" 2>"$tmp/pyerr") &&
      [ "$n" -gt 5 ]; then
      pass "export graphml loads in networkx ($n nodes)"
    else
      fail "graphml: networkx gave '${n:-}' nodes: $(tail -3 "$tmp/pyerr")"
    fi
  else
    echo "SKIP: networkx missing (graphml not loaded)"
  fi
else
  fail "export graphml exit $?: $(cat "$tmp/err")"
fi

if [ "$fails" -ne 0 ]; then
  echo "$fails check(s) failed" >&2
  exit 1
fi
echo "all seed checks passed"
