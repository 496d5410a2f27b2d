#!/usr/bin/env bash
# CLI behaviour of ingest, extract and friends: --help, --version, usage
# errors (exit 2), bad inputs (exit 1, message naming the file, store left
# alone), PARLEY_DB. Needs $PARLEY and $PARLEY_SRC.
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
: "${PARLEY_SRC:?set PARLEY_SRC to the source root}"
ART="$PARLEY_SRC/examples/astana-11-aljazeera-ar.txt"

tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

# run CMD...: sets rc, leaves stdout in out, stderr in err
run() {
  "$@" >out 2>err
  rc=$?
}
# expect RC WHAT CMD...
expect() {
  local want=$1 what=$2
  shift 2
  run "$@"
  if [ "$rc" -eq "$want" ]; then
    pass "$what: exit $want"
    return 0
  fi
  fail "$what: exit $rc, expected $want (stderr: $(head -c 300 err))"
  return 1
}
err_has() { # err_has WHAT STRING
  if grep -qF -- "$2" err; then pass "$1: stderr has '$2'"; else
    fail "$1: stderr lacks '$2': $(head -c 300 err)"; fi
}

# --help everywhere: stdout, exit 0, nothing on stderr
for c in ingest extract read timeline actors export dates; do
  if expect 0 "$c --help" "$PARLEY" "$c" --help; then
    [ -s out ] || fail "$c --help printed nothing on stdout"
    grep -q "parley $c" out || fail "$c --help does not show 'parley $c' usage"
    [ -s err ] && fail "$c --help wrote to stderr: $(head -c 200 err)"
  fi
done
expect 0 "--help" "$PARLEY" --help && { [ -s out ] || fail "parley --help printed nothing"; }
expect 0 "--version" "$PARLEY" --version && { grep -q '[0-9]' out || fail "--version prints no version"; }

# usage errors: exit 2 and a pointer to --help
expect 2 "unknown command" "$PARLEY" no-such-command && err_has "unknown command" "Try 'parley --help'"
for c in ingest extract read timeline actors export dates; do
  expect 2 "$c --no-such-option" "$PARLEY" "$c" --no-such-option &&
    err_has "$c --no-such-option" "Try 'parley $c --help'"
done
expect 2 "ingest without files" "$PARLEY" ingest --db none.db && err_has "ingest without files" "Try 'parley ingest --help'"
[ -e none.db ] && fail "ingest without files created the store"
expect 2 "bad --published" "$PARLEY" ingest --db none.db --published 2018-02-31 "$ART" &&
  err_has "bad --published" "2018-02-31"
[ -e none.db ] && fail "ingest with bad --published created the store"
expect 2 "extract bad --published" "$PARLEY" extract --published 2018-13-01 "$ART"

# a missing file: exit 1, named, no store created
expect 1 "missing file" "$PARLEY" ingest --db fresh.db missing.txt && err_has "missing file" "parley: missing.txt: "
[ -e fresh.db ] && fail "ingest of a missing file created the store fresh.db"

# an existing store is left byte-identical by failures
"$PARLEY" ingest -q --db s.db --published 2018-11-28 "$ART" >/dev/null 2>&1 || fail "cannot make a store"
cp s.db s0.db
check_store() { cmp -s s.db s0.db || fail "$1 changed the store"; }
expect 1 "missing file into a store" "$PARLEY" ingest --db s.db missing.txt && err_has "missing file into a store" "missing.txt"
check_store "a missing file"

mkdir emptydir
expect 1 "folder without articles" "$PARLEY" ingest --db s.db emptydir && err_has "folder without articles" "parley: emptydir: "
check_store "an empty folder"

: >empty.txt
expect 1 "empty file" "$PARLEY" ingest --db s.db empty.txt && err_has "empty file" "parley: empty.txt: "
check_store "an empty file"

head -c 4096 /dev/urandom >random.txt
expect 1 "random bytes" "$PARLEY" ingest --db s.db random.txt && err_has "random bytes" "parley: random.txt: "
check_store "a binary file"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\10\6\0\0\0' >image.png
expect 1 "PNG header" "$PARLEY" ingest --db s.db image.png && err_has "PNG header" "parley: image.png: "
grep -qi 'binary\|not text' err || fail "PNG: message does not say binary/not text: $(cat err)"
check_store "a PNG"
expect 1 "extract of a PNG" "$PARLEY" extract image.png && err_has "extract of a PNG" "image.png"

# --db that is not an SQLite file
printf 'these are my notes, not a database\n' >notes.txt
cp notes.txt notes0.txt
expect 1 "--db not SQLite" "$PARLEY" ingest --db notes.txt "$ART" && err_has "--db not SQLite" "notes.txt"
cmp -s notes.txt notes0.txt || fail "--db on a non-SQLite file modified it"
expect 1 "timeline --db not SQLite" "$PARLEY" timeline --db notes.txt
cmp -s notes.txt notes0.txt || fail "timeline on a non-SQLite file modified it"

# a store from the future
if command -v sqlite3 >/dev/null; then
  cp s.db future.db
  sqlite3 future.db 'PRAGMA user_version=999;' || fail "sqlite3 could not set user_version"
  cp future.db future0.db
  expect 1 "user_version 999" "$PARLEY" ingest --db future.db "$ART" && err_has "user_version 999" "future.db"
  cmp -s future.db future0.db || fail "ingest changed a store of schema 999"
  expect 1 "timeline on user_version 999" "$PARLEY" timeline --db future.db
else
  echo "SKIP: sqlite3 CLI missing (user_version check)"
fi

# a store that does not exist is not created by readers
expect 1 "timeline without a store" "$PARLEY" timeline --db nowhere.db
[ -e nowhere.db ] && fail "timeline created nowhere.db"

# extract touches no store
mkdir x && cd x || exit 1
expect 0 "extract" "$PARLEY" extract --published 2018-11-28 "$ART"
[ -s out ] || fail "extract printed nothing"
[ -e parley.db ] && fail "extract left parley.db in the working directory"
unset PARLEY_DB
expect 0 "read" "$PARLEY" read "$ART"
[ -e parley.db ] && fail "read left parley.db in the working directory"
cd .. || exit 1

# PARLEY_DB is honoured by ingest and timeline
mkdir y && cd y || exit 1
PARLEY_DB="$tmp/env.db" expect 0 "ingest with PARLEY_DB" "$PARLEY" ingest -q --published 2018-11-28 "$ART"
[ -s "$tmp/env.db" ] || fail "ingest ignored PARLEY_DB (no $tmp/env.db)"
[ -e parley.db ] && fail "ingest with PARLEY_DB wrote ./parley.db"
PARLEY_DB="$tmp/env.db" expect 0 "timeline with PARLEY_DB" "$PARLEY" timeline --format csv
grep -q 'Istanbul' out || fail "timeline with PARLEY_DB does not show the seed's events"
[ -e parley.db ] && fail "timeline with PARLEY_DB touched ./parley.db"
# --db wins over PARLEY_DB
PARLEY_DB="$tmp/env.db" expect 1 "--db over PARLEY_DB" "$PARLEY" timeline --db "$tmp/nowhere2.db"
cd .. || exit 1

# an unreadable file
if [ "$(id -u)" -eq 0 ]; then
  echo "SKIP: running as root (chmod 000 does not stop reads)"
else
  cp "$ART" locked.txt && chmod 000 locked.txt
  expect 1 "unreadable file" "$PARLEY" ingest --db s.db locked.txt && err_has "unreadable file" "parley: locked.txt: "
  check_store "an unreadable file"
fi

if [ "$fails" -ne 0 ]; then
  echo "$fails check(s) failed" >&2
  exit 1
fi
echo "all ingest/extract CLI checks passed"
