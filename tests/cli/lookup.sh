#!/usr/bin/env bash
# Reviewer's defects (as a new user): name look-up by spelling (skeleton
# keys, surnames, ambiguity), places by their Arabic names, cross-script
# persons of one full name, calendar-checked dates on every command, the
# timeline's ID and PROCESS columns, the process through merge-db and
# merge, and getopt's messages in parley's words. Facts are loaded from
# JSON lines written here (no extractor involved).
set -u
PARLEY=${PARLEY:?set PARLEY to the parley binary}
: "${PARLEY_SRC:?set PARLEY_SRC to the source root}"
. "$(dirname "$0")/../cli_lib.sh"

cat >"$tmp/facts.jsonl" <<'EOF'
{"article": "fx-ar-1", "language": "ar", "published": "2018-11-28", "actors": [{"name": "Russia", "type": "state", "name_ar": "روسيا", "key": "state:RU", "mentions": ["روسيا"], "offsets": [[0, 10]]}, {"name": "ستفان دي ميستورا", "type": "person", "translit": "Stfan Di Mistura", "mentions": ["ستفان دي ميستورا", "دي ميستورا"], "offsets": [[11, 41], [42, 61]]}, {"name": "سيرجي لافروف", "type": "person", "translit": "Sirji Lafruf", "mentions": ["سيرجي لافروف"], "offsets": [[62, 85]]}], "meetings": [{"participants": ["Russia", "ستفان دي ميستورا"], "kind": "bilateral", "place": "Astana", "date": "2018-11-28", "round": "11", "process": "Astana", "status": "held", "offsets": [0, 61], "rule": "test"}]}
{"article": "fx-en-1", "language": "en", "published": "2016-01-30", "actors": [{"name": "John Kerry", "type": "person", "mentions": ["John Kerry"], "offsets": [[0, 10]]}, {"name": "Ali Hassan", "type": "person", "mentions": ["Ali Hassan"], "offsets": [[11, 21]]}], "meetings": []}
{"article": "fx-ar-2", "language": "ar", "published": "2015-08-07", "actors": [{"name": "جون كيري", "type": "person", "translit": "Jun Kiri", "mentions": ["جون كيري"], "offsets": [[0, 15]]}, {"name": "Ola Hassan", "type": "person", "mentions": ["Ola Hassan"], "offsets": [[16, 26]]}, {"name": "Anna Kerry", "type": "person", "mentions": ["Anna Kerry"], "offsets": [[27, 37]]}], "meetings": []}
EOF
db=$tmp/f.db
expect 0 "$PARLEY" load --db "$db" "$tmp/facts.jsonl"

# 1. Names by spelling: the Latin skeleton of an Arabic-only person, a
# surname, a first name; several matches are an error naming them.
for name in "de Mistura" "Staffan" "Mistura"; do
  expect 0 "$PARLEY" show --db "$db" "$name"
  contains "$tmp/out" "ستفان دي ميستورا  (e"
done
for name in Lavrov "Sergei Lavrov" "لافروف"; do
  expect 0 "$PARLEY" show --db "$db" "$name"
  contains "$tmp/out" "سيرجي لافروف  (e"
done
expect 0 "$PARLEY" timeline --db "$db" --actor "de Mistura"
contains "$tmp/out" "bilateral in Astana"
expect 0 "$PARLEY" meetings --db "$db" --actor "de Mistura"
contains "$tmp/out" "Astana"
expect 0 "$PARLEY" export dot --db "$db" --actor "de Mistura" -o "$tmp/g.dot"
expect 0 "$PARLEY" path --db "$db" "de Mistura" Russia
expect 2 "$PARLEY" show --db "$db" Hasan
contains "$tmp/err" "'Hasan' matches 2 actors: e"
contains "$tmp/err" "Ali Hassan"
contains "$tmp/err" "Ola Hassan"
contains "$tmp/err" "use an id"
expect 2 "$PARLEY" timeline --db "$db" --actor Hasan
contains "$tmp/err" "matches 2 actors"
expect 1 "$PARLEY" show --db "$db" Gao
contains "$tmp/err" "no actor in the store matches 'Gao'"

# 2. Places carry the lexicon's names: Arabic, English, other forms.
for place in أستانا Astana Nur-Sultan; do
  expect 0 "$PARLEY" meetings --db "$db" --place "$place"
  contains "$tmp/out" "bilateral"
done
expect 0 "$PARLEY" actors --db "$db" --type place
contains "$tmp/out" "أستانا"
grep -q "Astana .* place  *1  *1 " "$tmp/out" || fail "Astana's mentions: $(cat "$tmp/out")"

# 3. One person in two scripts (a full first and last name); another person
# sharing the surname stays apart.
expect 0 "$PARLEY" alias --db "$db" why "John Kerry" "جون كيري"
contains "$tmp/out" "are one entity"
contains "$tmp/out" "same Latin consonant skeleton 'jn kr'"
expect 1 "$PARLEY" alias --db "$db" why "Anna Kerry" "John Kerry"
contains "$tmp/out" "are two entities"
expect 1 "$PARLEY" alias --db "$db" why "Ali Hassan" "Ola Hassan"

# 4. Dates: calendar-checked, the option named, exit 2, on every command.
for cmd in "timeline" "meetings" "delegations" "show Russia" "path Russia e2" \
  "export dot" "report"; do
  # shellcheck disable=SC2086
  expect 2 "$PARLEY" $cmd --db "$db" --from 2018-02-31
  name=${cmd%% *}
  [ "$(head -n 1 "$tmp/err")" = "parley $name: --from: '2018-02-31' is not a date (no such day)" ] ||
    fail "$cmd --from 2018-02-31: $(cat "$tmp/err")"
  # shellcheck disable=SC2086
  expect 2 "$PARLEY" $cmd --db "$db" --to 2019-02-29
  contains "$tmp/err" "--to: '2019-02-29' is not a date (no such day)"
done
expect 2 "$PARLEY" timeline --db "$db" --from 2018-2-3
contains "$tmp/err" "--from: '2018-2-3' is not a date (YYYY-MM-DD)"
expect 0 "$PARLEY" timeline --db "$db" --from 2016-02-29 --to 2020-02-29
expect 2 "$PARLEY" ingest --db "$tmp/none.db" --published 2018-02-30 "$tmp/facts.jsonl"
contains "$tmp/err" "--published: '2018-02-30' is not a date (no such day)"
expect 2 "$PARLEY" read --published 2018-02-30 "$tmp/facts.jsonl"
contains "$tmp/err" "--published: '2018-02-30' is not a date (no such day)"
expect 2 "$PARLEY" dates --published 2018-02-30 "today"
contains "$tmp/err" "--published: '2018-02-30' is not a date (no such day)"

# 5. The timeline's ID (for `parley evidence ID`) and PROCESS; show's.
expect 0 "$PARLEY" timeline --db "$db" --type meeting
read -r -a head <"$tmp/out"
[ "${head[*]:0:6}" = "ID DATE TYPE KIND PLACE PROCESS" ] || fail "timeline header: ${head[*]}"
id=$(awk 'NR == 2 {print $1}' "$tmp/out")
awk 'NR == 2 {exit !($6 == "Astana")}' "$tmp/out" || fail "no process: $(cat "$tmp/out")"
expect 0 "$PARLEY" evidence --db "$db" "$id"
contains "$tmp/out" "participates_in"
expect 0 "$PARLEY" timeline --db "$db" --format csv
[ "$(head -n 1 "$tmp/out" | tr -d '\r')" = "date_from,date_to,type,kind,status,place,round,participants,summary,sources,id,process" ] ||
  fail "csv header: $(head -n 1 "$tmp/out")"
contains "$tmp/out" ",fx-ar-1,$id,Astana"
expect 0 "$PARLEY" timeline --db "$db" --format json
contains "$tmp/out" '"process": "Astana"'
expect 0 "$PARLEY" show --db "$db" Russia
contains "$tmp/out" "PROCESS"
grep -q "^$id .*Astana  *Astana  *11" "$tmp/out" || fail "show: no process: $(cat "$tmp/out")"
expect 0 "$PARLEY" show --db "$db" Russia --format csv
[ "$(head -n 1 "$tmp/out" | tr -d '\r')" = "entity_id,entity,section,id,date_from,date_to,what,with,place,round,status,sources,process" ] ||
  fail "show csv header: $(head -n 1 "$tmp/out")"
contains "$tmp/out" ",fx-ar-1,Astana"

# 6. merge-db and merge keep a meeting's process.
expect 0 "$PARLEY" merge-db --db "$tmp/m.db" "$db"
expect 0 "$PARLEY" meetings --db "$tmp/m.db" --format json
contains "$tmp/out" '"process": "Astana"'
cat >"$tmp/more.jsonl" <<'EOF'
{"article": "fx-ar-3", "language": "ar", "published": "2018-11-29", "actors": [{"name": "Russia", "type": "state", "name_ar": "روسيا", "key": "state:RU", "mentions": ["روسيا"], "offsets": [[0, 10]]}, {"name": "Turkey", "type": "state", "name_ar": "تركيا", "key": "state:TR", "mentions": ["تركيا"], "offsets": [[11, 21]]}], "meetings": [{"participants": ["Russia", "Turkey"], "kind": "bilateral", "place": "Sochi", "date": "2018-09-17", "process": "Sochi", "status": "held", "offsets": [0, 21], "rule": "test"}, {"participants": ["Russia", "Turkey"], "kind": "summit", "place": "Geneva", "date": "2018-03-01", "status": "held", "offsets": [0, 10], "rule": "test"}]}
EOF
expect 0 "$PARLEY" load --db "$tmp/m.db" "$tmp/more.jsonl"
expect 0 "$PARLEY" meetings --db "$tmp/m.db" --format csv
sochi=$(grep -a Sochi "$tmp/out" | head -n 1 | cut -d, -f1)
geneva=$(grep -a Geneva "$tmp/out" | head -n 1 | cut -d, -f1)
if [ -n "$sochi" ] && [ -n "$geneva" ]; then
  expect 0 "$PARLEY" merge --db "$tmp/m.db" "$geneva" "$sochi"
  expect 0 "$PARLEY" merge-db --db "$tmp/m2.db" "$tmp/m.db"
  expect 0 "$PARLEY" meetings --db "$tmp/m2.db" --process Sochi
  contains "$tmp/out" "Russia, Turkey"
else
  fail "meetings csv: no Sochi or Geneva meeting: $(cat "$tmp/out")"
fi

# 7. A wrong option: parley's prefix, the option named, no getopt text.
expect 2 "$PARLEY" ingest --bogus
[ "$(head -n 1 "$tmp/err")" = "parley ingest: unrecognized option '--bogus'" ] ||
  fail "ingest --bogus: $(cat "$tmp/err")"
contains "$tmp/err" "Try 'parley ingest --help'."
for cmd in timeline show meetings export report merge-db alias dates; do
  expect 2 "$PARLEY" "$cmd" --bogus=1
  [ "$(head -n 1 "$tmp/err")" = "parley $cmd: unrecognized option '--bogus'" ] ||
    fail "$cmd --bogus=1: $(cat "$tmp/err")"
done
expect 2 "$PARLEY" timeline --from
[ "$(head -n 1 "$tmp/err")" = "parley timeline: option '--from' requires an argument" ] ||
  fail "timeline --from: $(cat "$tmp/err")"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)" >&2; exit 1; }
echo "ok"
