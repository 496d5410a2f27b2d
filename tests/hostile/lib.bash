# Shared by tests/hostile/*.sh (sourced; not a test itself).
# PARLEY is the binary under test; each script gets a private $tmp.
PARLEY=$(realpath "${PARLEY:?set PARLEY to the parley binary}")
PARLEY_SRC=${PARLEY_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
HOSTILE=$PARLEY_SRC/tests/hostile
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parley-hostile.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
export LC_ALL=C.UTF-8

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

# run LIMIT_S CMD... : runs CMD with a time limit (seconds) and a 4 GiB
# address-space limit, output in $tmp/out and $tmp/err; sets $rc. A
# timeout (124), or a signal (>128) is always a failure: no hang, no crash.
# AddressSanitizer reserves terabytes of shadow address space: no address
# limit for an instrumented binary (its memory is checked by other means).
vlimit=4194304
if grep -q __asan_init "$PARLEY" 2>/dev/null; then vlimit=unlimited; fi
run() {
  local limit=$1
  shift
  (ulimit -v "$vlimit" 2>/dev/null; exec timeout -k 2 "$limit" "$@") \
    >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -gt 128 ]; then
    fail "$* : hung or crashed (exit $rc): $(head -c 500 "$tmp/err")"
  fi
  if grep -q 'AddressSanitizer\|runtime error:\|LeakSanitizer' "$tmp/err"; then
    fail "$* : sanitizer report: $(head -c 800 "$tmp/err")"
  fi
}

# expect_rc WANT WHAT : the last run exited WANT.
expect_rc() {
  [ "$rc" -eq "$1" ] || fail "$2: exit $rc, expected $1: $(head -c 500 "$tmp/err")"
}

# err_names FILE WHAT : the error output is 'parley: FILE...' lines.
err_names() {
  grep -qF "parley: $1" "$tmp/err" || fail "$2: error does not name $1: $(head -c 300 "$tmp/err")"
}

# no_text PATTERN FILE... : PATTERN appears in none of the files.
no_text() {
  local pat=$1
  shift
  for f in "$@"; do
    [ -e "$f" ] || continue
    if grep -aqF -- "$pat" "$f"; then fail "'$pat' leaked into $f"; fi
  done
}

# counts DB : "documents entities edges" of a store.
counts() {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM documents)||' '||(SELECT count(*) FROM entities)||' '||(SELECT count(*) FROM edges);"
}

finish() {
  if [ "$fails" -ne 0 ]; then
    echo "$fails failure(s)" >&2
    exit 1
  fi
  echo "all passed"
  exit 0
}
