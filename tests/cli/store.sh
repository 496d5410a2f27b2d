#!/usr/bin/env bash
# parley timeline / actors: help, usage errors, missing and foreign stores,
# and queries over a small store (written in the version-1 schema, so the
# first query also migrates it).
set -u
PARLEY=${PARLEY:?set PARLEY to the parley binary}
. "$(dirname "$0")/../cli_lib.sh"

for cmd in timeline actors; do
  expect 0 "$PARLEY" "$cmd" --help
  contains "$tmp/out" "Usage: parley $cmd"
  expect 2 "$PARLEY" "$cmd" --no-such-option
  contains "$tmp/err" "Try 'parley $cmd --help'."
  expect 2 "$PARLEY" "$cmd" --format yaml --db "$tmp/none.db"
  expect 2 "$PARLEY" "$cmd" --type spaceship --db "$tmp/none.db"
  expect 2 "$PARLEY" "$cmd" stray-argument

  # A missing store: one clear line, exit 1, nothing created.
  expect 1 "$PARLEY" "$cmd" --db "$tmp/none.db"
  [ "$(cat "$tmp/err")" = "parley: $tmp/none.db: no such store (run 'parley ingest' first)" ] ||
    fail "missing store message: $(cat "$tmp/err")"
  [ ! -e "$tmp/none.db" ] || fail "$cmd created $tmp/none.db"
  PARLEY_DB="$tmp/env.db" expect 1 "$PARLEY" "$cmd"
  contains "$tmp/err" "$tmp/env.db: no such store"

  # Not a store: refused, the file untouched.
  printf 'my notes\n' >"$tmp/notes.db"
  cp "$tmp/notes.db" "$tmp/notes.orig"
  expect 1 "$PARLEY" "$cmd" --db "$tmp/notes.db"
  contains "$tmp/err" "not a parley store"
  cmp -s "$tmp/notes.db" "$tmp/notes.orig" || fail "$cmd changed notes.db"
done

if ! command -v sqlite3 >/dev/null; then
  echo "sqlite3 not found: skipping the queries" >&2
  exit $((fails > 0))
fi

db="$tmp/v1.db"
sqlite3 "$db" <<'EOF'
CREATE TABLE documents(id TEXT PRIMARY KEY, source TEXT, url TEXT, title TEXT,
  lang TEXT, published TEXT, body TEXT, ingested_at TEXT NOT NULL);
CREATE TABLE entities(id INTEGER PRIMARY KEY, type TEXT NOT NULL, name TEXT
  NOT NULL, name_ar TEXT, key TEXT);
CREATE TABLE aliases(norm_key TEXT NOT NULL, entity_id INTEGER NOT NULL,
  PRIMARY KEY(norm_key, entity_id)) WITHOUT ROWID;
CREATE TABLE events(entity_id INTEGER PRIMARY KEY, date_from TEXT, date_to
  TEXT, precision INTEGER NOT NULL DEFAULT 0, kind TEXT, place_id INTEGER,
  round TEXT, status TEXT, content TEXT, date_text TEXT);
CREATE TABLE edges(id INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER,
  type TEXT NOT NULL, date_from TEXT, date_to TEXT, precision INTEGER NOT NULL
  DEFAULT 0, attrs TEXT);
CREATE TABLE evidence(edge_id INTEGER NOT NULL, doc_id TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, sentence TEXT);
INSERT INTO documents VALUES('d1', 'geneva.txt', NULL, NULL, 'en',
  '2016-02-01', 'Staffan de Mistura, heading the UN team, met the HNC.', 'x');
INSERT INTO entities VALUES(1, 'person', 'Staffan de Mistura', NULL, NULL),
  (2, 'organization', 'United Nations', 'الأمم المتحدة', 'org:UN'),
  (3, 'group', 'High Negotiations Committee', NULL, NULL),
  (4, 'meeting', 'session in Geneva', NULL, NULL),
  (5, 'place', 'Geneva', NULL, NULL);
INSERT INTO aliases VALUES('staffan de mistura', 1), ('united nations', 2),
  ('الامم المتحده', 2), ('high negotiations committee', 3), ('hnc', 3),
  ('geneva', 5);
INSERT INTO events VALUES(4, '2016-02-01', '2016-02-01', 1, 'session', 5,
  '3', 'held', NULL, 'Monday');
INSERT INTO edges VALUES(1, 1, 2, 'heads', '2016-02-01', '2016-02-01', 1,
  '{"kind":"delegation"}'),
  (2, 1, 4, 'participates_in', '2016-02-01', '2016-02-01', 1, NULL),
  (3, 3, 4, 'participates_in', '2016-02-01', '2016-02-01', 1, NULL),
  (4, 4, 5, 'held_in', '2016-02-01', '2016-02-01', 1, NULL);
INSERT INTO evidence VALUES(1, 'd1', 0, 37, 'Staffan de Mistura, heading the UN team, met the HNC.'),
  (2, 'd1', 0, 50, 'Staffan de Mistura, heading the UN team, met the HNC.'),
  (3, 'd1', 0, 50, 'Staffan de Mistura, heading the UN team, met the HNC.'),
  (4, 'd1', 0, 50, 'Staffan de Mistura, heading the UN team, met the HNC.');
PRAGMA user_version = 1;
EOF

expect 0 "$PARLEY" timeline --db "$db"
contains "$tmp/out" "Staffan de Mistura heads the delegation of United Nations"
contains "$tmp/out" "Staffan de Mistura, High Negotiations Committee"
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = 5 ] || fail "v1 store not migrated"
[ "$(sqlite3 "$db" "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'process'")" = 1 ] || fail "no events.process after migration"
[ "$(head -n 1 "$tmp/out" | awk '{print $1, $2, $3}')" = "ID DATE TYPE" ] || fail "table has no header"
[ "$(sqlite3 "$db" "SELECT count(*) FROM pragma_table_info('event_claims') WHERE name = 'process'")" = 1 ] || fail "no event_claims.process after migration"

# Actor filter: Arabic spelling of the UN, HNC by its acronym; both at once.
expect 0 "$PARLEY" timeline --db "$db" --actor "الأمم المتحدة"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "UN timeline: $(cat "$tmp/out")"
expect 0 "$PARLEY" timeline --db "$db" -a HNC -a "staffan de mistura" --type meeting
contains "$tmp/out" "session"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "HNC timeline: $(cat "$tmp/out")"
expect 0 "$PARLEY" timeline --db "$db" -a HNC --type delegation
[ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "HNC delegations: $(cat "$tmp/out")"
expect 1 "$PARLEY" timeline --db "$db" --actor Atlantis
contains "$tmp/err" "no actor in the store matches 'Atlantis'"
expect 2 "$PARLEY" timeline --db "$db" --from 2016-13-45
expect 0 "$PARLEY" timeline --db "$db" --from 2016-02-02
[ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "--from kept old events"

expect 0 "$PARLEY" timeline --db "$db" --format csv
[ "$(head -n 1 "$tmp/out" | tr -d '\r')" = "date_from,date_to,type,kind,status,place,round,participants,summary,sources,id,process" ] ||
  fail "csv header: $(head -n 1 "$tmp/out")"
contains "$tmp/out" 'Staffan de Mistura; High Negotiations Committee'

expect 0 "$PARLEY" timeline --db "$db" --format json
if command -v /usr/bin/python3 >/dev/null; then
  /usr/bin/python3 - "$tmp/out" <<'EOF' || fail "timeline json"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 2, rows
assert [r["type"] for r in rows] == ["delegation", "meeting"], rows
m = rows[1]
assert m["place"] == "Geneva" and m["round"] == "3" and m["precision"] == "day", m
assert m["sources"] == ["geneva.txt"], m
EOF
fi

expect 0 "$PARLEY" actors --db "$db"
contains "$tmp/out" "Staffan de Mistura"
contains "$tmp/out" "الأمم المتحدة"
if grep -q "Geneva" "$tmp/out"; then fail "places listed as actors"; fi
expect 0 "$PARLEY" actors --db "$db" --type place
contains "$tmp/out" "Geneva"
expect 0 "$PARLEY" actors --db "$db" --format csv --type group
[ "$(tr -d '\r' <"$tmp/out")" = "id,name,name_ar,key,type,mentions,documents,first,last
e3,High Negotiations Committee,,,group,1,1,2016-02-01,2016-02-01" ] ||
  fail "actors csv: $(cat "$tmp/out")"
expect 0 "$PARLEY" actors --db "$db" --format json
if command -v /usr/bin/python3 >/dev/null; then
  /usr/bin/python3 - "$tmp/out" <<'EOF' || fail "actors json"
import json, sys
rows = json.load(open(sys.argv[1]))
assert {r["name"] for r in rows} == {"Staffan de Mistura", "United Nations",
                                      "High Negotiations Committee"}, rows
un = [r for r in rows if r["key"] == "org:UN"][0]
assert un["name_ar"] == "الأمم المتحدة" and un["id"] == "e2", un
EOF
fi

exit $((fails > 0))
