#!/usr/bin/env bash
# The man page docs/parley.1 documents every command `parley --help' lists
# (a subsection "parley CMD" under COMMANDS) and every long option in the
# option table of each command's --help; it formats without a warning from
# groff; its EXAMPLES run. Needs $PARLEY (binary) and $PARLEY_SRC.
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
: "${PARLEY_SRC:?set PARLEY_SRC to the source root}"
PAGE=$PARLEY_SRC/docs/parley.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

[ -s "$PAGE" ] || { echo "FAIL: no $PAGE" >&2; exit 1; }

# The commands, from the help's "Commands:" block.
"$PARLEY" --help >"$tmp/help" || { echo "FAIL: parley --help exit $?" >&2; exit 1; }
cmds=$(awk '/^Commands:/ {f = 1; next} f && /^$/ {exit} f {print $1}' "$tmp/help")
[ "$(echo "$cmds" | wc -w)" -ge 10 ] || fail "parley --help lists only: $cmds"

# The text of one command's subsection, hyphens unescaped.
section() { # $1 command
  awk -v want="$1" '
    /^\.S[SH] / {
      s = $0; gsub(/\\-/, "-", s)
      on = (index(s, ".SS \"parley " want " ") == 1 || s == ".SS \"parley " want "\"")
      next
    }
    on { gsub(/\\-/, "-"); print }' "$PAGE"
}

for c in $cmds; do
  section "$c" >"$tmp/sec"
  if [ ! -s "$tmp/sec" ]; then
    fail "command '$c' (in parley --help) has no subsection .SS \"parley $c ...\" in docs/parley.1"
    continue
  fi
  "$PARLEY" "$c" --help >"$tmp/chelp" 2>&1 || fail "parley $c --help exit $?"
  # Long options of the option table: lines that start with an option.
  opts=$(grep -E '^ {1,}(-[A-Za-z0-9], +)?--[a-z]' "$tmp/chelp" |
    grep -oE -- '--[a-z][a-z0-9-]*' | sort -u | grep -vx -- '--help')
  missing=""
  for o in $opts; do
    grep -qE -- "(^|[^a-z-])$o([^a-z-]|$)" "$tmp/sec" || missing="$missing $o"
  done
  if [ -n "$missing" ]; then
    fail "docs/parley.1: 'parley $c' does not document$missing (from parley $c --help)"
  else
    pass "parley $c documented ($(echo $opts | wc -w) long options)"
  fi
done

# Sections a man page is expected to have.
for s in NAME SYNOPSIS DESCRIPTION COMMANDS FILES ENVIRONMENT '"EXIT STATUS"' EXAMPLES '"SEE ALSO"'; do
  grep -q "^\.SH $s\$" "$PAGE" || fail "docs/parley.1 has no .SH $s"
done
for v in PARLEY_DB NO_COLOR; do
  sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$PAGE" | grep -q "^\.B $v\$" ||
    fail "ENVIRONMENT does not describe $v"
done

# groff: no warning at all.
if command -v groff >/dev/null; then
  if groff -man -Tutf8 -wall "$PAGE" >"$tmp/out" 2>"$tmp/warn" && [ ! -s "$tmp/warn" ]; then
    pass "groff -man -wall: no warnings"
  else
    fail "groff warns: $(head -5 "$tmp/warn")"
  fi
  grep -q "parley - build a knowledge graph" "$tmp/out" || fail "the formatted page has no NAME line"
else
  echo "skip: groff is not installed (apt-get install groff-base): formatting not checked"
fi
if command -v man >/dev/null; then
  MANWIDTH=80 man -l "$PAGE" 2>"$tmp/manerr" | grep -q "EXIT STATUS" ||
    fail "man -l docs/parley.1: $(head -3 "$tmp/manerr")"
fi

# The EXAMPLES run: each .EX block, roff escapes undone, continuation lines
# joined, with `parley' the binary under test, in a scratch directory that
# holds the example article (also as articles/).
mkdir -p "$tmp/run/examples" "$tmp/run/articles"
cp "$PARLEY_SRC/examples/astana-11-aljazeera-ar.txt" "$tmp/run/examples/"
cp "$PARLEY_SRC/examples/astana-11-aljazeera-ar.txt" "$tmp/run/articles/"
sed -n '/^\.SH EXAMPLES/,/^\.SH /p' "$PAGE" |
  awk '/^\.EX/ {on = 1; next} /^\.EE/ {on = 0; next} on' |
  sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\e/\\/g' >"$tmp/examples.sh"
nex=$(grep -c '^parley ' "$tmp/examples.sh")
[ "$nex" -ge 4 ] || fail "EXAMPLES has only $nex commands"
if (cd "$tmp/run" && parley() { "$PARLEY" "$@"; } && set -e && . "$tmp/examples.sh") \
  >"$tmp/exout" 2>"$tmp/exerr"; then
  pass "the $nex EXAMPLES commands run"
  grep -q '"type": "proposal"' "$tmp/exout" ||
    fail "the EXAMPLES timeline of Turkey and the Syrian opposition printed no proposal"
  [ -s "$tmp/run/talks.graphml" ] && [ -s "$tmp/run/talks.svg" ] ||
    fail "the EXAMPLES exports wrote no talks.graphml / talks.svg"
else
  fail "an EXAMPLES command failed: $(tail -3 "$tmp/exerr")"
fi

echo "manpage: $fails failed"
[ "$fails" -eq 0 ]
