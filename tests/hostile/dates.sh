#!/usr/bin/env bash
# Impossible dates: 31/02/2018, 0000-00-00, year 99999, month 13, 29/02 of
# a common year. In text they resolve to nothing (never to a wrong day);
# as an input's publication date they are dropped (unknown), as an option
# they are a usage error.
source "$(dirname "$0")/lib.bash"
bad=(31/02/2018 0000-00-00 99999-01-01 2018-13-45 29/02/2019 2018-02-31 "31 February 2018" "Feb 30, 2018")
for d in "${bad[@]}"; do
  run 10 "$PARLEY" dates --published 2018-11-28 "The talks of $d ended."
  expect_rc 0 "dates '$d'"
  if grep -q '"from": "[0-9]' "$tmp/out"; then
    fail "'$d' resolved to a date: $(cat "$tmp/out")"
  fi
  run 10 "$PARLEY" dates --published "$d" "today"
  expect_rc 2 "--published '$d'"
  run 10 "$PARLEY" ingest --db "$tmp/x.db" --published "$d" "$HOSTILE/fixtures/evil.txt"
  expect_rc 2 "ingest --published '$d'"
  [ ! -e "$tmp/x.db" ] || fail "ingest --published '$d' created a store"
done
# A leap day is fine; 99999 in a year phrase is no year.
run 10 "$PARLEY" dates --published 2018-11-28 "on 29/02/2020, in the year 99999"
grep -q '"from": "2020-02-29"' "$tmp/out" || fail "29/02/2020 not resolved: $(cat "$tmp/out")"
grep -q '9999' "$tmp/out" && fail "year 99999 resolved: $(cat "$tmp/out")"
# Arabic.
run 10 "$PARLEY" dates --lang ar --published 2018-11-28 "في 31/02/2018 و 0000-00-00 وفي عام 99999 و 30 شباط 2018"
expect_rc 0 "Arabic impossible dates"
grep -q '"from": "[0-9]' "$tmp/out" && fail "Arabic impossible date resolved: $(cat "$tmp/out")"

# Publication dates inside inputs: dropped, never stored as written.
en='The delegation headed by John Smith met Staffan de Mistura in Geneva today.'
{
  for d in "${bad[@]}"; do printf '{"text": "%s %s", "published": "%s"}\n' "$en" "$d" "$d"; done
} >"$tmp/dates.jsonl"
printf '<html><head><meta property="article:published_time" content="0000-00-00T00:00:00Z"></head><body><article><p>%s (page)</p></article></body></html>' "$en" >"$tmp/zero.html"
printf '<?xml version="1.0"?><rss version="2.0"><channel><item><pubDate>Wed, 31 Feb 99999 10:00:00 GMT</pubDate><description>%s</description></item></channel></rss>' "$en" >"$tmp/y99999.xml"
for f in dates.jsonl zero.html y99999.xml; do
  run 30 "$PARLEY" ingest -q --db "$tmp/d.db" "$tmp/$f"
  expect_rc 0 "ingest $f"
done
n=$(sqlite3 "$tmp/d.db" "SELECT count(*) FROM documents")
[ "$n" -eq $((${#bad[@]} + 2)) ] || fail "expected $((${#bad[@]} + 2)) documents, got $n"
wrong=$(sqlite3 "$tmp/d.db" "SELECT published FROM documents WHERE published IS NOT NULL AND published <> '' AND date(published) IS NOT published")
[ -z "$wrong" ] || fail "invalid publication dates stored: $wrong"
wrong=$(sqlite3 "$tmp/d.db" "SELECT date_from FROM events WHERE date_from IS NOT NULL AND date_from <> '' AND date(date_from) IS NOT date_from UNION ALL SELECT date_to FROM edges WHERE date_to IS NOT NULL AND date_to <> '' AND date(date_to) IS NOT date_to")
[ -z "$wrong" ] || fail "invalid event dates stored: $wrong"
run 30 "$PARLEY" timeline --db "$tmp/d.db"
expect_rc 0 "timeline over undated events"
finish
