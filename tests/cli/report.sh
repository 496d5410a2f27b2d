#!/usr/bin/env bash
# parley report: the HTML timeline and the SVG, checked on the command line
# and in a real browser (headless Chromium driven by playwright-core).
# Needs PARLEY (the binary) and PARLEY_SRC (the source root). The browser
# part needs /usr/bin/chromium (or $CHROMIUM) and node with
# tests/browser/node_modules (npm ci in tests/browser); without them the test
# is skipped (exit 77) -- except under CI=true, where it fails instead.
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
: "${PARLEY_SRC:?set PARLEY_SRC to the source root}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok - $1"; }
fail() { echo "FAIL - $1"; fails=$((fails + 1)); }
expect_rc() { # want what cmd...
  local want=$1 what=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$what"; else
    fail "$what (exit $rc, wanted $want): $(head -c 300 "$tmp/err")"
  fi
}

# The page's script and style are built in from export/report_page.{js,css}.
bash "$PARLEY_SRC/tests/browser/embed-assets.sh" "$PARLEY_SRC" "$tmp/assets.c"
cmp -s "$tmp/assets.c" "$PARLEY_SRC/export/report_assets.c" &&
  ok "export/report_assets.c matches report_page.js and .css" ||
  fail "export/report_assets.c is stale: run tests/browser/embed-assets.sh"

db=$tmp/t.db
ex=$PARLEY_SRC/examples/astana-11-aljazeera-ar.txt
en=$PARLEY_SRC/tests/browser/fixtures/geneva-en.txt
# a second article on one meeting of the Arabic example (Russia and the
# Syrian government in Astana, round 11): the report shows both sentences
ar2=$PARLEY_SRC/tests/browser/fixtures/astana-sana-ar.txt
expect_rc 0 "ingest the Arabic example" \
  "$PARLEY" ingest -q --db "$db" --published 2018-11-28 "$ex"
expect_rc 0 "ingest the English text" \
  "$PARLEY" ingest -q --db "$db" --published 2018-12-14 "$en"
expect_rc 0 "ingest a second report of one meeting" \
  "$PARLEY" ingest -q --db "$db" --published 2018-11-28 "$ar2"

# --- command line ---
expect_rc 0 "--help exits 0" "$PARLEY" report --help
grep -q -- "--format html|svg" "$tmp/out" && ok "--help names --format" ||
  fail "--help names --format"
expect_rc 2 "unknown option is a usage error" "$PARLEY" report --bogus
expect_rc 2 "bad --format is a usage error" \
  "$PARLEY" report --db "$db" --format pdf
expect_rc 2 "bad --from is a usage error" \
  "$PARLEY" report --db "$db" --from 2018-13
expect_rc 2 "--from after --to is a usage error" \
  "$PARLEY" report --db "$db" --from 2019-01-01 --to 2018-01-01
expect_rc 1 "a missing store fails" \
  "$PARLEY" report --db "$tmp/none.db" -o "$tmp/x.html"
grep -q "none.db" "$tmp/err" && ok "the error names the store" ||
  fail "the error names the store: $(cat "$tmp/err")"
[ ! -e "$tmp/x.html" ] && ok "no half file after a failure" ||
  fail "no half file after a failure"
expect_rc 1 "an unknown actor fails" \
  "$PARLEY" report --db "$db" --actor "Nobody At All" -o "$tmp/x.html"

html=$tmp/report.html
expect_rc 0 "write the HTML report" \
  "$PARLEY" report --db "$db" -o "$html" --title "Astana & Geneva talks, late 2018"
grep -q "<title>Astana &amp; Geneva talks, late 2018</title>" "$html" &&
  ok "the title is escaped" || fail "the title is escaped"
"$PARLEY" report --db "$db" --title '<b>x</b>' 2>/dev/null |
  grep -q '<h1 dir="auto">&lt;b&gt;x&lt;/b&gt;</h1>' &&
  ok "markup in the title stays text" || fail "markup in the title stays text"
if grep -Eiq '(src|href)="https?:|@import|url\(https?:' "$html"; then
  fail "the page loads nothing from the network"
else ok "the page loads nothing from the network"; fi
n=$(grep -c '<script type="application/json" id="parley-data">' "$html")
[ "$n" = 1 ] && ok "data embedded once as JSON" || fail "data embedded once ($n)"
# No raw '<' inside the JSON: nothing in the data can close the script.
sed -n '/id="parley-data">/,/<\/script>/p' "$html" |
  sed -e 's/.*id="parley-data">//' -e 's/<\/script>.*//' >"$tmp/data.json"
grep -q '<' "$tmp/data.json" && fail "JSON has no raw '<'" ||
  ok "JSON has no raw '<'"
grep -q 'اجتماعا ثلاثيا' "$tmp/data.json" &&
  ok "evidence sentences are in the page" || fail "evidence in the page"
# Issue 10: rounds belong to their process (bands "Astana 11"), events carry
# status and the date as written, and every report of an event is there.
grep -q '"r":"11","pr":"Astana"' "$tmp/data.json" &&
  ok "round 11 is Astana's" || fail "round 11 is Astana's"
grep -q '"dt":"اليوم الأربعاء","st":"held"' "$tmp/data.json" &&
  ok "events carry the date phrase and the status" ||
  fail "events carry the date phrase and the status"
node -e '
const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const has = (e, f) => (e.ev || []).some((p) => d.sentences[p[0]].includes(f));
const e = d.events.find((e) => has(e, "وجرى اللقاء الأول بين ممثلي روسيا") &&
  has(e, "التقى الوفد الروسي وفد الحكومة السورية"));
const srcs = e ? e.ev.map((p) => d.sources[p[1]].s) : [];
process.exit(e && e.pr === "Astana" && e.r === "11" &&
  srcs.some((s) => s.endsWith("astana-11-aljazeera-ar.txt")) &&
  srcs.some((s) => s.endsWith("astana-sana-ar.txt")) ? 0 : 1);
' "$tmp/data.json" && ok "a meeting reported by two articles has both sentences and sources" ||
  fail "a meeting reported by two articles has both sentences and sources"

svg=$tmp/report.svg
expect_rc 0 "write the SVG timeline" \
  "$PARLEY" report --db "$db" --format svg -o "$svg"
if command -v xmllint >/dev/null; then
  xmllint --noout "$svg" 2>"$tmp/err" && ok "the SVG is well-formed XML" ||
    fail "the SVG is well-formed XML: $(head -c 300 "$tmp/err")"
fi
grep -q '<svg' "$svg" && ! grep -q '<script' "$svg" &&
  ok "the SVG is static" || fail "the SVG is static"
expect_rc 0 "--actor and --from narrow the report" \
  "$PARLEY" report --db "$db" --actor Turkey --from 2018-11-01 -o "$tmp/tr.html"
grep -q '"en":"Turkey"' "$tmp/tr.html" && ! grep -q '"en":"France"' "$tmp/tr.html" &&
  ok "--from drops the October summit's France" ||
  fail "--from drops the October summit's France"
grep -q '"seed":1' "$tmp/tr.html" && ok "the actor asked for is marked" ||
  fail "the actor asked for is marked"
"$PARLEY" report --db "$db" --actor Turkey >"$tmp/stdout.html" 2>/dev/null &&
  head -c 15 "$tmp/stdout.html" | grep -q '<!DOCTYPE html>' &&
  ok "without -o the page goes to stdout" || fail "without -o: stdout"

# The expected counts, from the timeline (not from the page): meetings,
# proposals and delegations with someone in them; one lane per actor in them.
"$PARLEY" timeline --db "$db" --format json >"$tmp/timeline.json"

# --- in a browser ---
chromium=${CHROMIUM:-/usr/bin/chromium}
bdir=$PARLEY_SRC/tests/browser
skip=""
[ -x "$chromium" ] || skip="no Chromium at $chromium"
command -v node >/dev/null || skip="${skip:+$skip; }no node"
[ -d "$bdir/node_modules/playwright-core" ] ||
  skip="${skip:+$skip; }no playwright-core (run npm ci in tests/browser)"
if [ -n "$skip" ]; then
  if [ "$fails" -ne 0 ]; then exit 1; fi
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL - browser checks cannot run under CI: $skip"
    exit 1
  fi
  echo "SKIP - browser checks: $skip"
  exit 77
fi
node -e '
const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const ev = t.filter(r => ["meeting", "proposal", "delegation"].includes(r.type) && r.participants.length);
const names = new Set(); ev.forEach(r => r.participants.forEach(n => names.add(n)));
process.stdout.write(JSON.stringify({ events: ev.length, lanes: names.size, evidence: "اجتماعا ثلاثيا",
  both: [{ text: "وجرى اللقاء الأول بين ممثلي روسيا", source: "astana-11-aljazeera-ar.txt" },
         { text: "التقى الوفد الروسي وفد الحكومة السورية", source: "astana-sana-ar.txt" }],
  date_text: "اليوم الأربعاء", status: "held" }));
' "$tmp/timeline.json" >"$tmp/expect.json" || fail "expected counts"
echo "# expected: $(cat "$tmp/expect.json")"
(cd "$bdir" && CHROMIUM=$chromium node check-report.mjs "$html" "$tmp/expect.json" \
  ${REPORT_SCREENSHOT:+--screenshot "$REPORT_SCREENSHOT"}) || fails=$((fails + 1))
[ "$fails" -eq 0 ]
