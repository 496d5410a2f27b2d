#!/usr/bin/env bash
# Crash safety: kill -9 at random moments during an ingest, then the same
# ingest again, gives the store of an uninterrupted run (counts and a
# checksum over the edges); a full disk (a file-size limit) gives a clear
# error and an intact store; queries during an ingest see no "database is
# locked"; a store of a newer parley or a corrupt file is refused and left
# byte for byte as it was.
source "$(dirname "$0")/lib.bash"
KILLS=${KILLS:-4}
DOCS=${DOCS:-150}

# The input: DOCS articles made by varying a few texts.
python3 - "$tmp/in.jsonl" "$DOCS" <<'PY'
import sys, json
people = ["John Smith", "Staffan de Mistura", "Alexander Lavrentiev", "Bashar al-Jaafari", "Nasr al-Hariri", "Geir Pedersen"]
places = ["Geneva", "Astana", "Sochi", "Vienna", "Riyadh"]
months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        a, b = people[i % 6], people[(i * 5 + 1) % 6]
        p = places[i % 5]
        d = "%d %s %d" % (1 + i % 28, months[i % 12], 2016 + i % 4)
        text = ("The delegation headed by %s met %s in %s on %s. "
                "The Russian delegation, led by %s, proposed a new round in %s. "
                "Turkey and Iran met the opposition delegation in %s. Article %d." %
                (a, b, p, d, people[(i + 2) % 6], places[(i + 1) % 5], p, i))
        f.write(json.dumps({"id": str(i), "text": text, "published": "2018-11-%02d" % (1 + i % 28), "language": "en"}) + "\n")
PY

# state DB : counts and a checksum over the edges by entity names (ids
# may be numbered differently).
state() {
  echo "$(counts "$1") $(sqlite3 "$1" "SELECT s.type||':'||s.name||'|'||e.type||'|'||coalesce(d.type||':'||d.name,'')||'|'||coalesce(e.date_from,'')||'|'||coalesce(e.date_to,'')||'|'||e.precision FROM edges e JOIN entities s ON s.id=e.src LEFT JOIN entities d ON d.id=e.dst ORDER BY 1" | md5sum | cut -c1-32)"
}

start=$(date +%s%N)
run 120 "$PARLEY" ingest -q --db "$tmp/ref.db" "$tmp/in.jsonl"
expect_rc 0 "uninterrupted ingest"
ms=$((($(date +%s%N) - start) / 1000000))
ref=$(state "$tmp/ref.db")
echo "reference: $ref (${ms} ms)"
[ "$(counts "$tmp/ref.db" | cut -d' ' -f1)" -eq "$DOCS" ] || fail "reference: not $DOCS documents"

# kill -9 at random moments within the run's duration, KILLS times.
db=$tmp/crash.db
killed=0
for k in $(seq "$KILLS"); do
  "$PARLEY" ingest -q --db "$db" "$tmp/in.jsonl" >/dev/null 2>"$tmp/kerr" &
  pid=$!
  delay=$((RANDOM % (ms > 50 ? ms : 50)))
  sleep "$(printf '0.%03d' "$delay")" 2>/dev/null || sleep 0.1
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null
  if [ -e "$db" ]; then
    ic=$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1)
    [ "$ic" = ok ] || fail "after kill $k: integrity_check: $ic"
    echo "kill $k after ${delay} ms: $(counts "$db") stored"
  fi
done
run 120 "$PARLEY" ingest -q --db "$db" "$tmp/in.jsonl"
expect_rc 0 "ingest after kills"
got=$(state "$db")
[ "$got" = "$ref" ] || fail "store after $killed kills: $got, uninterrupted: $ref"
pass "kill -9 x$killed then re-ingest equals the uninterrupted store"

# Queries while an ingest runs: consistent, never "database is locked".
rm -f "$tmp/live.db"*
"$PARLEY" ingest -q --db "$tmp/live.db" "$tmp/in.jsonl" >/dev/null 2>"$tmp/ingest.err" &
pid=$!
queries=0
while kill -0 "$pid" 2>/dev/null; do
  if [ -e "$tmp/live.db" ]; then
    "$PARLEY" timeline --db "$tmp/live.db" --format json >"$tmp/q.out" 2>"$tmp/q.err"
    qrc=$?
    queries=$((queries + 1))
    if grep -qi "locked\|busy" "$tmp/q.err"; then fail "query during ingest: $(cat "$tmp/q.err")"; fi
    [ "$qrc" -eq 0 ] || grep -q "no such store\|not a parley store" "$tmp/q.err" ||
      fail "query during ingest exited $qrc: $(cat "$tmp/q.err")"
    [ "$qrc" -ne 0 ] || python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/q.out" ||
      fail "query during ingest: output is not whole JSON"
  fi
  sleep 0.05
done
wait "$pid"
irc=$?
[ "$irc" -eq 0 ] || fail "ingest with concurrent queries exited $irc: $(cat "$tmp/ingest.err")"
grep -qi "locked\|busy" "$tmp/ingest.err" && fail "ingest saw a lock: $(cat "$tmp/ingest.err")"
[ "$(state "$tmp/live.db")" = "$ref" ] || fail "store with concurrent queries differs"
pass "$queries queries during an ingest"

# Disk full: a file-size limit (SIGXFSZ ignored, so writes fail with
# EFBIG) hit part way. Clear error, store intact, and usable afterwards.
head -n 20 "$tmp/in.jsonl" >"$tmp/first.jsonl"
run 60 "$PARLEY" ingest -q --db "$tmp/full.db" "$tmp/first.jsonl"
expect_rc 0 "ingest before disk full"
before=$(state "$tmp/full.db")
size=$(($(stat -c %s "$tmp/full.db") / 1024 + 8))
(trap '' XFSZ; ulimit -f "$size"; exec "$PARLEY" ingest -q --db "$tmp/full.db" "$tmp/in.jsonl") >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "disk full: exit $rc, expected 1: $(cat "$tmp/err")"
grep -q "parley: " "$tmp/err" || fail "disk full: no error message"
echo "disk full said: $(head -n1 "$tmp/err")"
ic=$(sqlite3 "$tmp/full.db" "PRAGMA integrity_check" 2>&1)
[ "$ic" = ok ] || fail "disk full: integrity_check: $ic"
after=$(state "$tmp/full.db")
docs_before=${before%% *}
docs_after=${after%% *}
[ "$docs_after" -ge "$docs_before" ] || fail "disk full lost documents: $before -> $after"
run 120 "$PARLEY" ingest -q --db "$tmp/full.db" "$tmp/in.jsonl"
expect_rc 0 "ingest after disk full"
[ "$(state "$tmp/full.db")" = "$ref" ] || fail "store after disk full then re-ingest differs"
pass "disk full"

# A store written by a newer parley, and corrupt files: refused, untouched.
cp "$tmp/ref.db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version = 999" || fail "cannot set user_version"
cp "$tmp/ref.db" "$tmp/header.db"
printf 'this is not an SQLite header at all, just garbage bytes....' | dd of="$tmp/header.db" conv=notrunc status=none
cp "$tmp/ref.db" "$tmp/trunc.db"
truncate -s 3000 "$tmp/trunc.db"
cp "$tmp/ref.db" "$tmp/pages.db"
pagesz=$(sqlite3 "$tmp/ref.db" "PRAGMA page_size")
# pages 2-7: the documents table and its indexes, and the roots of
# entities and its key index, which every query reads
dd if=/dev/urandom of="$tmp/pages.db" bs="$pagesz" seek=1 count=6 conv=notrunc status=none
head -c 50000 /dev/urandom >"$tmp/random.db"
printf 'SQLite format 3\0' >"$tmp/magic.db"
head -c 5000 /dev/zero >>"$tmp/magic.db"
for f in newer header trunc pages random magic; do
  sum=$(md5sum <"$tmp/$f.db")
  run 30 "$PARLEY" ingest -q --db "$tmp/$f.db" "$tmp/first.jsonl"
  expect_rc 1 "ingest into $f.db"
  err_names "$tmp/$f.db" "ingest into $f.db"
  [ "$f" != newer ] || grep -q "newer" "$tmp/err" || fail "newer store: message does not say so: $(cat "$tmp/err")"
  run 30 "$PARLEY" timeline --db "$tmp/$f.db"
  expect_rc 1 "timeline on $f.db"
  run 30 "$PARLEY" export graphml --db "$tmp/$f.db" -o "$tmp/$f.graphml"
  expect_rc 1 "export from $f.db"
  [ ! -s "$tmp/$f.graphml" ] || fail "export from $f.db left a half-written file"
  [ "$(md5sum <"$tmp/$f.db")" = "$sum" ] || fail "$f.db was modified"
  [ ! -e "$tmp/$f.db-wal" ] || [ ! -s "$tmp/$f.db-wal" ] || fail "$f.db got a WAL"
done
pass "newer and corrupt stores refused untouched"
finish
