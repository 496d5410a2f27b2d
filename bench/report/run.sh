#!/bin/bash
# A 10,000-event timeline report: builds a synthetic store, writes the report
# with parley, and opens it in headless Chromium to time a frame, a filter
# and the page load. Prints the file sizes and the timings.
# Usage: bench/report/run.sh [PARLEY_BINARY] [EVENTS] [ACTORS]
# Needs sqlite3, node, /usr/bin/chromium and tests/browser/node_modules
# (npm ci in tests/browser). Not part of CTest.
#
# The store is made the way parley makes one (an ingest creates the schema),
# then filled with SQL: EVENTS events over eight years -- 70% meetings of 2
# to 4 actors, 20% proposals, 10% delegation heads --, ACTORS actors (states,
# groups and people, half with Arabic names), a round every quarter, one
# evidence sentence per edge from one of 400 documents, 3% undated.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
parley=${1:-$src/build/parley}
events=${2:-10000}
actors=${3:-150}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/bench.db

"$parley" ingest -q --db "$db" --published 2018-11-28 \
  "$src/examples/astana-11-aljazeera-ar.txt"
# events already there (the example's), counted from the timeline
base=$("$parley" timeline --db "$db" --format json | node -e '
const t = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(t.filter(r => ["meeting", "proposal", "delegation"].includes(r.type) && r.participants.length).length);')
meet=$((events * 7 / 10))
prop=$((events * 2 / 10))
dele=$((events - meet - prop))
t0=$(date +%s.%N)
sqlite3 "$db" <<SQL
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $events * 4)
INSERT INTO n SELECT i FROM c;
-- documents
INSERT INTO documents(id, source, title, lang, published, body, ingested_at)
  SELECT printf('bench%04d', i), printf('https://news.example/%04d.html', i),
         printf('Bench article %d', i), CASE i % 2 WHEN 0 THEN 'ar' ELSE 'en' END,
         date('2012-01-01', printf('+%d days', i * 7)), '', '2026-01-01'
  FROM n WHERE i <= 400;
-- actors: ids 100000 + i
INSERT INTO entities(id, type, name, name_ar, translit)
  SELECT 100000 + i,
         CASE i % 5 WHEN 0 THEN 'group' WHEN 1 THEN 'person' WHEN 2 THEN 'person' ELSE 'state' END,
         CASE i % 2 WHEN 0 THEN printf('الطرف رقم %d', i) ELSE printf('Party %d', i) END,
         CASE i % 2 WHEN 0 THEN printf('الطرف رقم %d', i) ELSE NULL END,
         CASE i % 2 WHEN 0 THEN printf('Party %d', i) ELSE NULL END
  FROM n WHERE i <= $actors;
INSERT INTO entities(id, type, name) VALUES (99999, 'place', 'Geneva');
-- events: ids 200000 + i (meetings then proposals)
INSERT INTO entities(id, type, name)
  SELECT 200000 + i, CASE WHEN i <= $meet THEN 'meeting' ELSE 'proposal' END,
         printf('synthetic event %d', i)
  FROM n WHERE i <= $meet + $prop;
INSERT INTO events(entity_id, date_from, date_to, precision, kind, place_id, round, status, content)
  SELECT 200000 + i,
         CASE WHEN i % 33 = 0 THEN NULL ELSE date('2012-01-01', printf('+%d days', (i * 2917) % 2920)) END,
         CASE WHEN i % 33 = 0 THEN NULL ELSE date('2012-01-01', printf('+%d days', (i * 2917) % 2920 + (i % 9 = 0))) END,
         CASE WHEN i % 33 = 0 THEN 0 ELSE 1 END,
         CASE WHEN i <= $meet THEN CASE i % 3 WHEN 0 THEN 'bilateral' WHEN 1 THEN 'trilateral' ELSE 'session' END ELSE 'proposed' END,
         CASE WHEN i <= $meet THEN 99999 END,
         CAST(((i * 2917) % 2920) / 91 + 1 AS TEXT),
         CASE WHEN i <= $meet THEN 'held' ELSE 'proposed' END,
         CASE WHEN i > $meet THEN printf('a ceasefire in zone %d', i % 40) END
  FROM n WHERE i <= $meet + $prop;
-- participants: 2 to 4 actors per event, skewed so some actors are busy
INSERT INTO edges(src, dst, type, date_from, date_to, precision)
  SELECT 100000 + 1 + ((e.entity_id * 7 + k.i * k.i * 13 + (e.entity_id % 11) * k.i) % $actors),
         e.entity_id, CASE WHEN e.entity_id - 200000 <= $meet THEN 'participates_in' ELSE 'proposes' END,
         e.date_from, e.date_to, e.precision
  FROM events e JOIN n k ON k.i <= 2 + (e.entity_id % 3)
  WHERE e.entity_id >= 200000
  GROUP BY 1, 2;
-- delegation heads: person -> state
INSERT INTO edges(src, dst, type, date_from, date_to, precision)
  SELECT 100000 + 1 + ((i * 5) % $actors), 100000 + 1 + ((i * 17 + 3) % $actors), 'heads',
         date('2012-01-01', printf('+%d days', (i * 1231) % 2920)),
         date('2012-01-01', printf('+%d days', (i * 1231) % 2920)), 1
  FROM n WHERE i <= $dele;
-- evidence: one sentence per edge
INSERT OR IGNORE INTO evidence(edge_id, doc_id, start, end, sentence, rule)
  SELECT g.id, printf('bench%04d', 1 + g.dst % 400), 0, 10,
         CASE g.dst % 2 WHEN 0
           THEN printf('وذكرت مصادر أن الأطراف اجتمعت في جنيف لبحث الملف رقم %d في إطار الجولة الجديدة من المحادثات.', g.dst)
           ELSE printf('Delegations met in Geneva to discuss file %d as the new round of talks opened.', g.dst) END,
         'bench'
  FROM edges g WHERE g.src >= 100000;
INSERT OR IGNORE INTO mentions(entity_id, doc_id, n)
  SELECT g.src, x.doc_id, count(*) FROM edges g JOIN evidence x ON x.edge_id = g.id
  WHERE g.src >= 100000 GROUP BY 1, 2;
COMMIT;
SQL
t1=$(date +%s.%N)
echo "store: $events events, $actors actors in $(echo "$t1 - $t0" | bc) s; $(du -h "$db" | cut -f1)"

t0=$(date +%s.%N)
"$parley" report --db "$db" -o "$tmp/bench.html" --title "Synthetic: $events events"
t1=$(date +%s.%N)
"$parley" report --db "$db" --format svg -o "$tmp/bench.svg"
t2=$(date +%s.%N)
gzip -9 -k "$tmp/bench.html"
echo "report: html $(du -h "$tmp/bench.html" | cut -f1) ($(du -h "$tmp/bench.html.gz" | cut -f1) gzipped) in $(echo "$t1 - $t0" | bc) s;" \
  "svg $(du -h "$tmp/bench.svg" | cut -f1) in $(echo "$t2 - $t1" | bc) s"
n=$("$parley" timeline --db "$db" --type meeting --format csv | tail -n +2 | wc -l)
echo "{\"events\": $((events + base)), \"render_ms\": 50}" >"$tmp/expect.json"
echo "store meetings (timeline): $n; page events: $(grep -o '"t":"[mpd]"' "$tmp/bench.html" | wc -l)"
cd "$src/tests/browser"
node check-report.mjs "$tmp/bench.html" "$tmp/expect.json" --bench \
  ${BENCH_SCREENSHOT:+--screenshot "$BENCH_SCREENSHOT"}
