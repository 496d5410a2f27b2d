#!/usr/bin/env bash
# parley show / meetings / delegations / evidence / path / stats: help and
# usage errors, then real values read back from stores built with
# `parley ingest` from the seed article (examples/) and from short Arabic
# and English reports written here.
set -u
PARLEY=${PARLEY:?set PARLEY to the parley binary}
SRC=${PARLEY_SRC:?set PARLEY_SRC to the source root}
. "$(dirname "$0")/../cli_lib.sh"

# json FILE PYTHON-EXPR: asserts the expression over the parsed file `j`
# (skipped without python3; the grep checks still run).
PY=$(command -v python3 || true)
json() {
  [ -n "$PY" ] || return 0
  "$PY" - "$1" "$2" <<'EOF' || fail "json check failed on $1: $2"
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
ok = eval(sys.argv[2])
if not ok:
    sys.stderr.write("  value: %s\n" % json.dumps(j, ensure_ascii=False)[:1500])
sys.exit(0 if ok else 1)
EOF
}

# ---- help and usage -------------------------------------------------------
for cmd in show meetings delegations evidence path stats; do
  expect 0 "$PARLEY" "$cmd" --help
  contains "$tmp/out" "Usage: parley $cmd"
  contains "$tmp/out" "--format"
  contains "$tmp/out" "--db FILE"
  expect 2 "$PARLEY" "$cmd" --no-such-option
  contains "$tmp/err" "Try 'parley $cmd --help'."
  expect 2 "$PARLEY" "$cmd" --format yaml --db "$tmp/none.db"
  contains "$tmp/err" "unknown format 'yaml'"
done
expect 2 "$PARLEY" show
expect 2 "$PARLEY" evidence
expect 2 "$PARLEY" path OnlyOne
expect 2 "$PARLEY" path A B --max-depth zero
expect 2 "$PARLEY" stats stray
for cmd in "show Syria" "meetings" "delegations" "evidence r1" "path A B" "stats"; do
  # shellcheck disable=SC2086
  expect 1 "$PARLEY" $cmd --db "$tmp/none.db"
  contains "$tmp/err" "$tmp/none.db: no such store"
  [ ! -e "$tmp/none.db" ] || fail "$cmd created a store"
done

# ---- the seed article -----------------------------------------------------
seed="$tmp/seed.db"
expect 0 "$PARLEY" ingest -q --db "$seed" --published 2018-11-29 \
  "$SRC/examples/astana-11-aljazeera-ar.txt"

# The government's delegation, named in three ways, was headed by Bashar
# al-Jaafari in round 11.
for who in Syria النظام state:SY; do
  expect 0 "$PARLEY" delegations --db "$seed" --of "$who" --format csv
  contains "$tmp/out" "id,date,round,meeting_id,head,head_ar,of,sources"
  contains "$tmp/out" ",2018-11-29,11,"
  contains "$tmp/out" "بشار الجعفري"
  contains "$tmp/out" ",Syria,"
  lacks "$tmp/out" "سيدات أونال"
done
expect 0 "$PARLEY" delegations --db "$seed" --of تركيا --format json
json "$tmp/out" 'len(j) == 1 and j[0]["head"] == "سيدات أونال" and j[0]["of"] == "Turkey" and j[0]["round"] == "11" and j[0]["sources"][0].endswith("astana-11-aljazeera-ar.txt")'
expect 0 "$PARLEY" delegations --db "$seed" --format json
json "$tmp/out" 'sorted(r["head"] for r in j) == sorted(["بشار الجعفري", "سيدات أونال", "أحمد طعمة"])'
expect 0 "$PARLEY" delegations --db "$seed" --to 2018-11-01 --format json
json "$tmp/out" 'j == []'
expect 1 "$PARLEY" delegations --db "$seed" --of "Nobody Atall"
contains "$tmp/err" "no actor in the store matches 'Nobody Atall'"
expect 2 "$PARLEY" delegations --db "$seed" --from 2018-13-40
contains "$tmp/err" "not a date"

# show: the person by a part of the name, with the role and delegation.
expect 0 "$PARLEY" show --db "$seed" الجعفري --format json
contains "$tmp/out" '"name": "بشار الجعفري"'
json "$tmp/out" 'len(j) == 1 and j[0]["type"] == "person" and j[0]["name_ar"] == "بشار الجعفري"'
json "$tmp/out" 'any(r["role"] == "head of delegation" and r["of"] == "Syria" and r["date_from"] == "2018-11-29" for r in j[0]["roles"])'
json "$tmp/out" '[(d["of"], d["round"]) for d in j[0]["delegations"]] == [("Syria", "11")]'
json "$tmp/out" 'all(x in j[0] for x in ("aliases", "meetings", "proposals", "mentions", "documents", "first", "last", "key", "translit"))'
# show: a state in Arabic, with its meetings and proposals.
expect 0 "$PARLEY" show --db "$seed" تركيا --format json
json "$tmp/out" 'j[0]["name"] == "Turkey" and j[0]["key"] == "state:TR" and "تركيا" in j[0]["aliases"]'
json "$tmp/out" 'any(m["kind"] == "trilateral" and sorted(m["participants"]) == ["Iran", "Russia", "Turkey"] for m in j[0]["meetings"])'
json "$tmp/out" 'any(m["place"] == "Istanbul" and m["date_from"] == "2018-10-27" for m in j[0]["meetings"])'
json "$tmp/out" 'any("اتفاق دائم لوقف إطلاق النار" in p["content"] and "Turkey" in p["by"] for p in j[0]["proposals"])'
expect 0 "$PARLEY" show --db "$seed" تركيا --from 2018-11-01
contains "$tmp/out" "Turkey  (e"
contains "$tmp/out" "سيدات أونال"
lacks "$tmp/out" "Istanbul"
expect 0 "$PARLEY" show --db "$seed" Turkey --format csv
contains "$tmp/out" "entity_id,entity,section,id,date_from,date_to,what,with,place,round,status,sources"
contains "$tmp/out" ",Turkey,delegation,"
contains "$tmp/out" ",Turkey,meeting,"
expect 1 "$PARLEY" show --db "$seed" "Nobody Atall"
contains "$tmp/err" "no actor in the store matches"
[ ! -s "$tmp/out" ] || fail "show wrote output for an unknown actor"

# meetings: filters by round, actors (all of them), place and dates.
expect 0 "$PARLEY" meetings --db "$seed" --round 11 --actor روسيا --actor Iran --format json
json "$tmp/out" 'len(j) == 1 and j[0]["kind"] == "trilateral" and j[0]["date_from"] == "2018-11-29" and j[0]["status"] == "planned" and j[0]["place"] == "Astana" and j[0]["round"] == "11"'
expect 0 "$PARLEY" meetings --db "$seed" --place Istanbul --format csv
contains "$tmp/out" "id,date_from,date_to,kind,place,round,status,participants,sources"
contains "$tmp/out" ",2018-10-27,2018-10-27,summit,Istanbul,,held,"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "meetings --place Istanbul: $(cat "$tmp/out")"
expect 0 "$PARLEY" meetings --db "$seed" --to 2018-11-01 --format json
json "$tmp/out" 'len(j) == 1 and j[0]["place"] == "Istanbul"'
expect 0 "$PARLEY" meetings --db "$seed" --round 99 --format json
[ "$(cat "$tmp/out")" = "[]" ] || fail "meetings --round 99: $(cat "$tmp/out")"
expect 0 "$PARLEY" meetings --db "$seed" --actor Syria
contains "$tmp/out" "ID   DATE"
contains "$tmp/out" "Syria, Iran"
expect 1 "$PARLEY" meetings --db "$seed" --place Atlantis
contains "$tmp/err" "no place in the store matches 'Atlantis'"
# The process of a round: round 11 is Astana's (the article names the
# Astana talks); --process selects it in any case; the Istanbul summit has
# none.
expect 0 "$PARLEY" meetings --db "$seed" --process astana --format json
json "$tmp/out" 'len(j) >= 2 and all(m["process"] == "Astana" and m["round"] == "11" for m in j)'
n_astana=$(grep -c '"process": "Astana"' "$tmp/out")
expect 0 "$PARLEY" meetings --db "$seed" --round 11 --format json
[ "$(grep -c '"process": "Astana"' "$tmp/out")" = "$n_astana" ] ||
  fail "meetings --process Astana and --round 11 differ"
expect 0 "$PARLEY" meetings --db "$seed" --place Istanbul --format json
json "$tmp/out" 'len(j) == 1 and j[0]["process"] is None'
expect 0 "$PARLEY" meetings --db "$seed" --process Geneva --format json
[ "$(cat "$tmp/out")" = "[]" ] || fail "meetings --process Geneva: $(cat "$tmp/out")"
expect 0 "$PARLEY" meetings --db "$seed" --process Astana
contains "$tmp/out" "PROCESS"
contains "$tmp/out" "Astana   11"
expect 0 "$PARLEY" meetings --db "$seed" --process Astana --format csv
contains "$tmp/out" "id,date_from,date_to,kind,place,round,status,participants,sources,process"
contains "$tmp/out" "astana-11-aljazeera-ar.txt,Astana"
expect 2 "$PARLEY" meetings --db "$seed" --process ""
expect 0 "$PARLEY" show --db "$seed" Russia --format json
json "$tmp/out" 'any(m["process"] == "Astana" and m["round"] == "11" for m in j[0]["meetings"])'

# evidence: the sentence behind the government's delegation, exactly.
expect 0 "$PARLEY" delegations --db "$seed" --of Syria --format json
rid=$(grep -o '"id": "r[0-9]*"' "$tmp/out" | head -1 | grep -o 'r[0-9]*')
[ -n "$rid" ] || fail "no delegation id"
expect 0 "$PARLEY" evidence --db "$seed" "$rid" --format json
json "$tmp/out" 'len(j) >= 1 and all(e["edge_id"] == "'"$rid"'" and e["edge_type"] == "heads" for e in j)'
json "$tmp/out" 'any("برئاسة بشار الجعفري" in e["sentence"] for e in j)'
json "$tmp/out" 'j[0]["published"] == "2018-11-29" and j[0]["lang"] == "ar" and j[0]["title"].startswith("مفاوضات أستانا") and j[0]["rule"] and j[0]["end"] > j[0]["start"]'
if command -v sqlite3 >/dev/null; then
  # The offsets point into the stored text, inside the quoted sentence.
  n=$(sqlite3 "$seed" "SELECT count(*) FROM evidence x JOIN documents d ON d.id = x.doc_id WHERE instr(x.sentence, CAST(substr(CAST(d.body AS BLOB), x.start + 1, x.end - x.start) AS TEXT)) = 0")
  [ "$n" = 0 ] || fail "$n evidence spans are not inside their sentences"
fi
expect 0 "$PARLEY" meetings --db "$seed" --round 11 --actor Russia --actor Iran --format csv
mid=$(sed -n 2p "$tmp/out" | cut -d, -f1)
expect 0 "$PARLEY" evidence --db "$seed" "$mid" --format csv
contains "$tmp/out" "edge_id,edge_type,src,dst,doc_id,source,title,published,lang,start,end,rule,sentence"
[ "$(grep -c ',participates_in,' "$tmp/out")" -eq 3 ] || fail "evidence $mid: $(cat "$tmp/out")"
contains "$tmp/out" ",held_in,"
contains "$tmp/out" "اجتماعا ثلاثيا"
expect 0 "$PARLEY" evidence --db "$seed" "$mid"
contains "$tmp/out" "SENTENCE"
expect 2 "$PARLEY" evidence --db "$seed" x12
contains "$tmp/err" "'x12' is not an id"
expect 1 "$PARLEY" evidence --db "$seed" r999999
contains "$tmp/err" "no relation 'r999999'"

# path: a chain from Jaafari to Ünal, each hop joined to the next.
expect 0 "$PARLEY" path --db "$seed" "بشار الجعفري" "سيدات أونال" --format json
json "$tmp/out" 'j["length"] == len(j["hops"]) >= 2 and j["hops"][0]["from"] == "بشار الجعفري" and j["hops"][-1]["to"] == "سيدات أونال"'
json "$tmp/out" 'all(a["to_id"] == b["from_id"] for a, b in zip(j["hops"], j["hops"][1:]))'
json "$tmp/out" 'all(h["edge_id"].startswith("r") and h["sources"] for h in j["hops"]) and not any(h["to_type"] == "place" for h in j["hops"])'
expect 0 "$PARLEY" path --db "$seed" Turkey Iran --format csv
contains "$tmp/out" "step,from,edge_id,edge_type,forward,detail,to,date_from,date_to,sources"
contains "$tmp/out" "1,Turkey,"
contains "$tmp/out" ",participates_in,"
[ "$(wc -l <"$tmp/out")" -eq 3 ] || fail "Turkey-Iran is two hops: $(cat "$tmp/out")"
expect 0 "$PARLEY" path --db "$seed" Syria سوريا --format json
json "$tmp/out" 'j["length"] == 0 and j["hops"] == []'
expect 1 "$PARLEY" path --db "$seed" "بشار الجعفري" "سيدات أونال" --max-depth 1
contains "$tmp/err" "no chain of relations"
[ ! -s "$tmp/out" ] || fail "path wrote output without a chain"
expect 1 "$PARLEY" path --db "$seed" Turkey Germany --from 2018-11-01
contains "$tmp/err" "no chain of relations"
expect 0 "$PARLEY" path --db "$seed" Turkey Germany
contains "$tmp/out" "summit"

# stats.
expect 0 "$PARLEY" stats --db "$seed" --format json
json "$tmp/out" 'j["documents"] == {"total": 1, "by_lang": {"ar": 1}, "published_from": "2018-11-29", "published_to": "2018-11-29"}'
json "$tmp/out" 'j["events"]["date_from"] == "2018-10-27" and j["events"]["date_to"] == "2018-11-29" and j["edges"]["by_type"]["heads"] == 3'
json "$tmp/out" 'j["entities"]["total"] == sum(j["entities"]["by_type"].values()) and j["entities"]["by_type"]["state"] >= 7'
expect 0 "$PARLEY" stats --db "$seed" --format csv
contains "$tmp/out" "section,name,value"
contains "$tmp/out" "documents,ar,1"
contains "$tmp/out" "edges,heads,3"
expect 0 "$PARLEY" stats --db "$seed"
contains "$tmp/out" "events     date_from"

# No colour, even where NO_COLOR is unset and output is captured.
for cmd in "show Turkey" "meetings" "delegations" "stats"; do
  # shellcheck disable=SC2086
  expect 0 "$PARLEY" $cmd --db "$seed"
  ! grep -q $'\033' "$tmp/out" || fail "$cmd wrote an escape sequence"
done

# ---- an Arabic and two English reports ----------------------------------
cat >"$tmp/en1.txt" <<'EOF'
Astana talks: guarantors meet as round 11 opens

ASTANA - The eleventh round of the Astana talks on Syria opened on Wednesday in the Kazakh capital.

The delegation of the Syrian government led by Bashar al-Jaafari met the Russian delegation in Astana on Wednesday.

Turkey proposed a permanent ceasefire in Idlib to Russia.

UN Special Envoy Staffan de Mistura met the Iranian delegation in Astana on Wednesday.
EOF
cat >"$tmp/ar1.txt" <<'EOF'
انطلاق الجولة الجديدة من محادثات أستانا

انطلقت اليوم الأربعاء في العاصمة الكازاخية أستانا الجولة الـ11 من محادثات أستانا بشأن سوريا.

والتقى وفد النظام السوري برئاسة بشار الجعفري الوفد الروسي برئاسة ألكسندر لافرينتيف.

والتقى المبعوث الأممي ستيفان دي ميستورا الوفد الإيراني.
EOF
cat >"$tmp/en2.txt" <<'EOF'
Geneva round ends without agreement

GENEVA - The delegation of the Syrian government led by Bashar al-Jaafari left Geneva on Friday.

UN Special Envoy Staffan de Mistura met the delegation of the Syrian opposition in Geneva on Thursday.
EOF
fx="$tmp/fx.db"
expect 0 "$PARLEY" ingest -q --db "$fx" --published 2018-11-28 "$tmp/en1.txt" "$tmp/ar1.txt"
expect 0 "$PARLEY" ingest -q --db "$fx" --published 2017-12-15 "$tmp/en2.txt"

# Round by round: Geneva (no round, 2017) then Astana round 11 (2018).
expect 0 "$PARLEY" delegations --db "$fx" --of "النظام السوري" --format json
json "$tmp/out" '[r["date"] for r in j] == sorted(r["date"] for r in j) and len(j) >= 2'
json "$tmp/out" 'any(r["date"] == "2017-12-15" and r["round"] is None and "Jaafari" in r["head"] and r["sources"] == ["'"$tmp"'/en2.txt"] for r in j)'
json "$tmp/out" 'any(r["date"] == "2018-11-28" and r["round"] == "11" and r["meeting_id"] and "Jaafari" in r["head"] for r in j)'
json "$tmp/out" 'any(r["round"] == "11" and "بشار الجعفري" in (r["head"], r["head_ar"]) for r in j)'
expect 0 "$PARLEY" delegations --db "$fx" --of Syria --from 2018-01-01 --format json
json "$tmp/out" 'j and all(r["date"] >= "2018-01-01" for r in j)'
expect 0 "$PARLEY" delegations --db "$fx" --head "Bashar al-Jaafari" --format csv
contains "$tmp/out" "2017-12-15"
lacks "$tmp/out" "لافرينتيف"

# One envoy under both spellings; his Astana meeting has both sources.
expect 0 "$PARLEY" show --db "$fx" "Staffan de Mistura" --format json
id_en=$(grep -o '"id": "e[0-9]*"' "$tmp/out" | head -1)
json "$tmp/out" 'len(j) == 1 and any(m["place"] == "Astana" and len(m["sources"]) == 2 for m in j[0]["meetings"])'
json "$tmp/out" 'any(r["role"] == "envoy" and r["of"] == "United Nations" and len(r["sources"]) == 3 for r in j[0]["roles"])'
expect 0 "$PARLEY" show --db "$fx" "ستيفان دي ميستورا" --format json
[ "$(grep -o '"id": "e[0-9]*"' "$tmp/out" | head -1)" = "$id_en" ] ||
  fail "the two spellings of de Mistura are two actors"
expect 0 "$PARLEY" meetings --db "$fx" --actor "المعارضة السورية" --place Geneva --format json
json "$tmp/out" 'len(j) == 1 and j[0]["date_from"] == "2017-12-14" and "Syrian opposition" in j[0]["participants"]'
expect 0 "$PARLEY" path --db "$fx" "Syrian opposition" إيران --format json
json "$tmp/out" 'j["length"] >= 2 and j["hops"][0]["from"] == "Syrian opposition" and j["hops"][-1]["to"] == "Iran"'
expect 1 "$PARLEY" path --db "$fx" "Syrian opposition" Iran --to 2018-01-01
contains "$tmp/err" "no chain of relations"
expect 0 "$PARLEY" stats --db "$fx" --format json
json "$tmp/out" 'j["documents"]["by_lang"] == {"ar": 1, "en": 2} and j["documents"]["published_from"] == "2017-12-15"'

# Ingesting again changes none of the answers.
expect 0 "$PARLEY" delegations --db "$fx" --format csv
cp "$tmp/out" "$tmp/before"
expect 0 "$PARLEY" ingest -q --db "$fx" --published 2018-11-28 "$tmp/en1.txt" "$tmp/ar1.txt"
expect 0 "$PARLEY" delegations --db "$fx" --format csv
cmp -s "$tmp/out" "$tmp/before" || fail "re-ingesting changed the delegations"

echo "queries: $fails failure(s)"
[ "$fails" -eq 0 ]
