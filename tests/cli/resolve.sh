#!/usr/bin/env bash
# Resolution across documents: an Arabic and an English report of one
# meeting become one meeting with two sources; de Mistura's spellings one
# actor; two persons who share a surname stay apart; conflicting dates are
# both kept; re-ingesting changes nothing; corrections (merge, alias add,
# rename) survive re-ingestion; `load` of extract's JSON Lines equals
# ingest; `merge-db` of two stores equals one store built from both.
set -u
PARLEY=${PARLEY:?set PARLEY to the parley binary}
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed" >&2; exit 1; }
. "$(dirname "$0")/../cli_lib.sh"

q() { sqlite3 "$1" "$2"; }
# A checksum of the graph: counts, then every edge by the names and types
# of its ends, its dates, attributes and evidence (document ids aside).
graphsum() {
  sqlite3 "$1" "
    SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM edges),
           (SELECT count(*) FROM evidence), (SELECT count(*) FROM aliases),
           (SELECT count(*) FROM event_claims);
    SELECT x FROM (SELECT s.type || ':' || s.name || ' -' || g.type || '-> '
      || coalesce(d.type || ':' || d.name, '') || ' ' || coalesce(g.date_from, '')
      || '..' || coalesce(g.date_to, '') || ' p' || g.precision || ' '
      || coalesce(g.attrs, '') || ' ' || (SELECT group_concat(v, ';') FROM
        (SELECT start || '-' || end || '|' || coalesce(sentence, '') || '|'
          || coalesce(rule, '') AS v FROM evidence WHERE edge_id = g.id
          ORDER BY v)) AS x
      FROM edges g JOIN entities s ON s.id = g.src
      LEFT JOIN entities d ON d.id = g.dst) ORDER BY x;" | md5sum
}

mkdir "$tmp/a" "$tmp/b"
# Round 11 in Astana, reported in Arabic (28 Nov: "today Wednesday") and in
# English (29 Nov): one meeting, two sources, two dates kept.
cat >"$tmp/a/ar-astana.txt" <<'EOF'
بدأت في أستانا اليوم الأربعاء الجولة الحادية عشرة من المحادثات، والتقى المبعوث الأممي إلى سوريا ستفان دي ميستورا وزير الخارجية الروسي سيرغي لافروف في أستانا اليوم الأربعاء.
وقال دي ميستورا إن الاجتماع كان مثمرا.
EOF
cat >"$tmp/b/en-astana.txt" <<'EOF'
UN Special Envoy for Syria Staffan de Mistura met Russian Foreign Minister Sergei Lavrov in Astana on Thursday, November 29, 2018, during the 11th round of the Astana talks.
EOF
# Another spelling (ستيفان) in a later article, and Nur-Sultan for Astana.
cat >"$tmp/a/ar-geneva.txt" <<'EOF'
وصل المبعوث الأممي إلى سوريا ستيفان دي ميستورا إلى جنيف اليوم الاثنين للقاء وفد المعارضة.
EOF
cat >"$tmp/b/en-nursultan.txt" <<'EOF'
UN Special Envoy for Syria Staffan de Mistura met Russian Foreign Minister Sergei Lavrov in Nur-Sultan on Thursday, November 29, 2018.
EOF
# Two persons who share a surname.
cat >"$tmp/b/en-anna.txt" <<'EOF'
Anna Lavrov, a spokeswoman of the Russian delegation, met Iranian Foreign Minister Mohammad Javad Zarif in Geneva on Tuesday, March 5, 2019.
EOF
cat >"$tmp/a/en-cavusoglu.txt" <<'EOF'
Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Mevlut Cavusoglu in Moscow on Monday, March 4, 2019.
EOF
cat >"$tmp/b/ar-cavusoglu.txt" <<'EOF'
التقى وزير الخارجية التركي مولود جاويش أوغلو وزير الخارجية الروسي سيرغي لافروف في موسكو اليوم الاثنين.
EOF

db=$tmp/all.db
expect 0 "$PARLEY" ingest -q --db "$db" --published 2018-11-28 "$tmp/a/ar-astana.txt"
# the indexes queries read, deferred while ingesting into an empty store,
# are there at the end
[ "$(q "$db" "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN ('entities_type', 'aliases_entity', 'evidence_doc', 'mentions_doc', 'merges_entity')")" = 5 ] ||
  fail "ingest into an empty store left query indexes unbuilt"
expect 0 "$PARLEY" ingest -q --db "$db" --published 2018-11-29 "$tmp/b/en-astana.txt" "$tmp/b/en-nursultan.txt"
expect 0 "$PARLEY" ingest -q --db "$db" --published 2018-12-03 "$tmp/a/ar-geneva.txt"
expect 0 "$PARLEY" ingest -q --db "$db" --published 2019-03-05 "$tmp/b/en-anna.txt"
expect 0 "$PARLEY" ingest -q --db "$db" --published 2019-03-04 "$tmp/a/en-cavusoglu.txt" "$tmp/b/ar-cavusoglu.txt"

# One meeting in Astana with evidence from the Arabic and the English report.
[ "$(q "$db" "SELECT count(*) FROM entities WHERE type = 'meeting' AND id IN
    (SELECT event_id FROM event_claims WHERE round = '11')")" = 1 ] ||
  fail "round 11 is not one meeting: $(q "$db" "SELECT id, name FROM entities WHERE type = 'meeting'")"
m=$(q "$db" "SELECT event_id FROM event_claims WHERE round = '11' LIMIT 1")
[ "$(q "$db" "SELECT count(DISTINCT d.lang) FROM evidence x JOIN edges g ON
    g.id = x.edge_id JOIN documents d ON d.id = x.doc_id WHERE g.dst = $m AND
    g.type = 'participates_in'")" = 2 ] || fail "meeting e$m lacks an Arabic and an English source"
# Conflicting dates: both kept, with their sources.
[ "$(q "$db" "SELECT group_concat(DISTINCT date_from) FROM (SELECT date_from FROM
    event_claims WHERE event_id = $m ORDER BY date_from)")" = "2018-11-28,2018-11-29" ] ||
  fail "the two dates of e$m are not both kept: $(q "$db" "SELECT * FROM event_claims")"
expect 0 "$PARLEY" alias --db "$db" list "e$m"
contains "$tmp/out" "date 2018-11-28, round 11, in Astana"
contains "$tmp/out" "date 2018-11-29, round 11, in Astana"
contains "$tmp/out" "en-astana.txt"
# Nur-Sultan is Astana: one place.
[ "$(q "$db" "SELECT count(*) FROM entities WHERE type = 'place' AND name IN ('Astana', 'Nur-Sultan')")" = 1 ] ||
  fail "Astana and Nur-Sultan are two places"

# de Mistura's spellings: one actor, and why.
[ "$(q "$db" "SELECT count(DISTINCT entity_id) FROM aliases WHERE norm_key IN
    ('ستفان دي ميستورا', 'ستيفان دي ميستورا', 'دي ميستورا', 'staffan de mistura')")" = 1 ] ||
  fail "de Mistura's spellings are several actors"
expect 0 "$PARLEY" alias --db "$db" why "ستيفان دي ميستورا" "Staffan de Mistura"
contains "$tmp/out" "are one entity"
contains "$tmp/out" "same Latin consonant skeleton 'stfn d mstr'"
contains "$tmp/out" "another spelling of one actor in the same article"
# Sergei Lavrov in Arabic and English: one actor.
expect 0 "$PARLEY" alias --db "$db" why "سيرغي لافروف" "Sergei Lavrov"
# Two persons sharing a surname stay apart; the surname alone is ambiguous.
expect 1 "$PARLEY" alias --db "$db" why "Anna Lavrov" "Sergei Lavrov"
contains "$tmp/out" "are two entities"
expect 2 "$PARLEY" alias --db "$db" list Lavrov
contains "$tmp/err" "designates several entities"

# A surname-only mention (facts written by hand, loaded): it joins the one
# person of that surname, but not when two persons share it.
cat >"$tmp/surname.jsonl" <<'EOF'
{"article": "surname-1", "language": "ar", "published": "2018-12-05", "actors": [{"name": "ميستورا", "type": "person", "mentions": ["ميستورا"], "offsets": [[0, 14]]}], "meetings": []}
{"article": "surname-2", "language": "en", "published": "2019-03-06", "actors": [{"name": "Lavrov", "type": "person", "mentions": ["Lavrov"], "offsets": [[0, 6]]}], "meetings": []}
EOF
expect 0 "$PARLEY" load --db "$db" "$tmp/surname.jsonl"
contains "$tmp/out" "2 documents (2 new, 0 already stored)"
expect 0 "$PARLEY" alias --db "$db" why "ميستورا" "Staffan de Mistura"
contains "$tmp/out" "surname 'ميستورا' of one person only"
[ "$(q "$db" "SELECT count(*) FROM entities WHERE type = 'person' AND name = 'Lavrov'")" = 1 ] ||
  fail "the lone 'Lavrov' joined one of two Lavrovs"

# Re-ingesting everything changes nothing.
before=$(graphsum "$db")
expect 0 "$PARLEY" ingest --db "$db" --published 2018-11-28 "$tmp/a" "$tmp/b"
# ... and extracts nothing again: no document is new, no fact is counted
contains "$tmp/out" "3 documents (0 new, 3 already stored), 0 facts"
contains "$tmp/out" "4 documents (0 new, 4 already stored), 0 facts"
! grep -Eq "[1-9][0-9]* new|, [1-9][0-9]* facts" "$tmp/out" ||
  fail "re-ingesting counted new documents or facts: $(cat "$tmp/out")"
expect 0 "$PARLEY" load --db "$db" "$tmp/surname.jsonl"
[ "$(graphsum "$db")" = "$before" ] || fail "re-ingesting changed the store"

# Corrections: Cavusoglu's Arabic name did not
# meet his English one; the user merges them, adds an alias, renames.
[ "$(q "$db" "SELECT count(*) FROM entities WHERE name IN ('Mevlut Cavusoglu', 'مولود جاويش أوغلو')")" = 2 ] ||
  fail "fixture: Cavusoglu's names already met"
expect 2 "$PARLEY" merge --db "$db" "Mevlut Cavusoglu"
expect 1 "$PARLEY" merge --db "$db" "Mevlut Cavusoglu" "No Such Person"
contains "$tmp/err" "no entity in the store matches 'No Such Person'"
expect 0 "$PARLEY" merge --db "$db" "Mevlut Cavusoglu" "مولود جاويش أوغلو"
expect 0 "$PARLEY" alias --db "$db" why "Mevlut Cavusoglu" "مولود جاويش أوغلو"
contains "$tmp/out" "user merge (parley merge)"
expect 0 "$PARLEY" alias --db "$db" add "Mevlut Cavusoglu" "جاويش أوغلو"
expect 0 "$PARLEY" rename --db "$db" "Mevlut Cavusoglu" "Mevlüt Çavuşoğlu"
after=$(graphsum "$db")
# ... and they survive re-ingestion, and route new documents.
expect 0 "$PARLEY" ingest --db "$db" --published 2018-11-28 "$tmp/a" "$tmp/b"
[ "$(graphsum "$db")" = "$after" ] || fail "re-ingesting undid the corrections"
cat >"$tmp/new.jsonl" <<'EOF'
{"article": "new-1", "language": "ar", "published": "2019-04-01", "actors": [{"name": "جاويش أوغلو", "type": "person", "mentions": ["جاويش أوغلو"], "offsets": [[0, 21]]}, {"name": "مولود جاويش أوغلو", "type": "person", "mentions": ["مولود جاويش أوغلو"], "offsets": [[30, 62]]}], "meetings": []}
EOF
expect 0 "$PARLEY" load --db "$db" "$tmp/new.jsonl"
[ "$(q "$db" "SELECT count(DISTINCT m.entity_id) FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE d.source = 'new-1'")" = 1 ] ||
  fail "the new article's names of Cavusoglu are not one entity"
[ "$(q "$db" "SELECT e.name FROM mentions m JOIN documents d ON d.id = m.doc_id JOIN entities e ON e.id = m.entity_id WHERE d.source = 'new-1'")" = "Mevlüt Çavuşoğlu" ] ||
  fail "the alias or the rename did not hold for a new article"

# load of extract's JSON Lines equals ingest.
ing=$tmp/ing.db
expect 0 "$PARLEY" ingest -q --db "$ing" --published 2018-11-28 "$tmp/a" "$tmp/b"
"$PARLEY" extract --format jsonl --published 2018-11-28 "$tmp/a" "$tmp/b" >"$tmp/facts.jsonl" ||
  fail "extract failed"
expect 0 "$PARLEY" load --db "$tmp/load.db" "$tmp/facts.jsonl"
contains "$tmp/out" "7 documents (7 new, 0 already stored)"
[ "$(graphsum "$ing")" = "$(graphsum "$tmp/load.db")" ] || fail "load differs from ingest"
# From stdin, and pretty JSON of one document.
expect 0 "$PARLEY" load --db "$tmp/load2.db" - <"$tmp/facts.jsonl"
[ "$(graphsum "$tmp/load2.db")" = "$(graphsum "$tmp/load.db")" ] || fail "load - differs"
"$PARLEY" extract --published 2018-11-28 "$tmp/a/ar-astana.txt" >"$tmp/one.json"
expect 0 "$PARLEY" load --db "$tmp/one.db" "$tmp/one.json"
contains "$tmp/out" "1 document (1 new"
# Bad input: the file and line named.
printf '%s\n' "$(head -1 "$tmp/facts.jsonl")" '{"article": "x", "actors": [' >"$tmp/bad.jsonl"
expect 1 "$PARLEY" load --db "$tmp/bad.db" "$tmp/bad.jsonl"
contains "$tmp/err" "bad.jsonl:2: not JSON"
echo '{"article": "x", "actors": [], "meetings": [{"participants": ["Nobody"], "offsets": [0, 1]}]}' >"$tmp/bad2.jsonl"
expect 1 "$PARLEY" load --db "$tmp/bad.db" "$tmp/bad2.jsonl"
contains "$tmp/err" "bad2.jsonl:1"
contains "$tmp/err" "'Nobody', which is not among the actors"
expect 1 "$PARLEY" load --db "$tmp/bad.db" "$tmp/none.jsonl"
expect 2 "$PARLEY" load
expect 0 "$PARLEY" load --help
contains "$tmp/out" "Usage: parley load"

# merge-db of two stores equals one store built from both.
expect 0 "$PARLEY" ingest -q --db "$tmp/sa.db" --published 2018-11-28 "$tmp/a"
expect 0 "$PARLEY" ingest -q --db "$tmp/sb.db" --published 2018-11-28 "$tmp/b"
expect 0 "$PARLEY" merge-db --db "$tmp/sa.db" "$tmp/sb.db"
contains "$tmp/out" "4 documents (4 new, 0 already stored)"
[ "$(graphsum "$tmp/sa.db")" = "$(graphsum "$ing")" ] || fail "merge-db differs from one store of both"
expect 0 "$PARLEY" merge-db --db "$tmp/sa.db" "$tmp/sb.db"
contains "$tmp/out" "(0 new, 4 already stored)"
[ "$(graphsum "$tmp/sa.db")" = "$(graphsum "$ing")" ] || fail "merge-db twice changed the store"
# A shard's corrections come along.
expect 0 "$PARLEY" merge --db "$tmp/sb.db" "Sergei Lavrov" "Anna Lavrov"
expect 0 "$PARLEY" merge-db --db "$tmp/sa.db" "$tmp/sb.db"
expect 0 "$PARLEY" alias --db "$tmp/sa.db" why "Sergei Lavrov" "Anna Lavrov"
echo "not a store" >"$tmp/junk.db"
expect 1 "$PARLEY" merge-db --db "$tmp/sa.db" "$tmp/junk.db"
contains "$tmp/err" "junk.db: not a parley store"
expect 1 "$PARLEY" merge-db --db "$tmp/sa.db" "$tmp/missing.db"
expect 2 "$PARLEY" merge-db --db "$tmp/sa.db"

for cmd in merge alias rename merge-db; do
  expect 0 "$PARLEY" "$cmd" --help
  contains "$tmp/out" "Usage: parley $cmd"
  expect 2 "$PARLEY" "$cmd" --no-such-option
  contains "$tmp/err" "Try 'parley $cmd --help'."
done
expect 2 "$PARLEY" alias --db "$db" frobnicate x
expect 1 "$PARLEY" rename --db "$tmp/none.db" a b

[ "$fails" -eq 0 ] || { echo "$fails failure(s)" >&2; exit 1; }
echo "resolve: all passed"
