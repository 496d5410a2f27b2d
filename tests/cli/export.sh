#!/bin/bash
# parley export: --help, usage errors (exit 2), a missing store (exit 1), and
# with a store made by 'parley ingest' every format end to end, written
# atomically. Needs PARLEY (the binary).
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check NAME WANT_RC CMD... : runs CMD, compares its exit code
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, expected $want"; cat "$tmp/err"; fail=1
  fi
}
has() { # has NAME FILE TEXT
  grep -qF -- "$3" "$2" || { echo "FAIL $1: no '$3' in $2"; cat "$2"; fail=1; }
}

check help 0 "$PARLEY" export --help
for f in dot graphml gexf json svg png; do has help-lists-$f "$tmp/out" "  $f "; done
has help-memory "$tmp/out" "whole graph in memory"
has help-stream "$tmp/out" "stream"

check unknown-format 2 "$PARLEY" export pdf --db "$tmp/none.db"
has unknown-format-msg "$tmp/err" "unknown format 'pdf'"
has unknown-format-try "$tmp/err" "parley export --help"
check no-format 2 "$PARLEY" export --db "$tmp/none.db"
check bad-extension 2 "$PARLEY" export -o "$tmp/g.txt" --db "$tmp/none.db"
check bad-layout 2 "$PARLEY" export dot --layout circo --db "$tmp/none.db"
check bad-view 2 "$PARLEY" export dot --view people --db "$tmp/none.db"
check bad-depth 2 "$PARLEY" export dot --depth x --db "$tmp/none.db"
check bad-date 2 "$PARLEY" export dot --from 2018-13 --db "$tmp/none.db"
check bad-option 2 "$PARLEY" export dot --bogus
check extra-arg 2 "$PARLEY" export dot graphml --db "$tmp/none.db"

check missing-store 1 "$PARLEY" export dot --db "$tmp/none.db"
has missing-store-msg "$tmp/err" \
  "parley: $tmp/none.db: no such store (run 'parley ingest' first)"
check missing-store-by-ext 1 "$PARLEY" export -o "$tmp/g.graphml" --db "$tmp/none.db"
[ -e "$tmp/g.graphml" ] && { echo "FAIL missing-store left a file"; fail=1; }

# End to end, when ingest works in this build.
cat >"$tmp/article.txt" <<'TXT'
Astana, 28 November 2018. The UN envoy Staffan de Mistura met the delegations
of Russia, Turkey and Iran in Astana on Wednesday for the eleventh round of
talks on Syria.
TXT
if "$PARLEY" ingest --db "$tmp/p.db" "$tmp/article.txt" >/dev/null 2>&1 &&
  [ -s "$tmp/p.db" ]; then
  for f in dot graphml gexf json svg; do
    check "e2e-$f" 0 "$PARLEY" export --db "$tmp/p.db" -o "$tmp/g.$f"
    [ -s "$tmp/g.$f" ] || { echo "FAIL e2e-$f: empty output"; fail=1; }
  done
  check e2e-stdout 0 "$PARLEY" export json --db "$tmp/p.db"
  has e2e-json "$tmp/out" '"elements"'
  check e2e-timeline 0 "$PARLEY" export dot --layout timeline --db "$tmp/p.db"
  has e2e-timeline-lr "$tmp/out" "rankdir=LR"
  # same store, same bytes
  "$PARLEY" export dot --db "$tmp/p.db" -o "$tmp/again.dot"
  cmp -s "$tmp/g.dot" "$tmp/again.dot" || { echo "FAIL dot not deterministic"; fail=1; }
  # a failed export keeps the old file and leaves no temporary behind
  echo old >"$tmp/keep.dot"
  check e2e-unknown-actor 1 "$PARLEY" export --db "$tmp/p.db" -o "$tmp/keep.dot" \
    --actor 'Nobody Atall Zzyzx'
  [ "$(cat "$tmp/keep.dot")" = old ] || { echo "FAIL failed export replaced the file"; fail=1; }
  ls -A "$tmp" | grep -q '^\.keep\.dot\.' && { echo "FAIL temporary left behind"; fail=1; }
  if command -v dot >/dev/null; then
    dot -Tsvg "$tmp/g.dot" >/dev/null || { echo "FAIL dot -Tsvg on export"; fail=1; }
  fi
  if command -v xmllint >/dev/null; then
    xmllint --noout "$tmp/g.graphml" "$tmp/g.gexf" "$tmp/g.svg" || { echo "FAIL xml"; fail=1; }
  fi
else
  echo "SKIP end-to-end: 'parley ingest' did not make a store in this build"
fi
exit $fail
