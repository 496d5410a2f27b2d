#!/usr/bin/env bash
# Bash completion (scripts/parley.bash): sourced in bash, _parley fills
# COMPREPLY for commands, options, option values and arguments, reading
# `parley --help` and `parley CMD --help` of the binary under test.
# Needs $PARLEY (binary) and $PARLEY_SRC.
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
: "${PARLEY_SRC:?set PARLEY_SRC to the source root}"
. "$(dirname "$0")/../cli_lib.sh"
pass() { echo "ok: $*"; }

# `parley` on PATH is the binary under test.
mkdir -p "$tmp/bin" "$tmp/work/sub"
ln -s "$PARLEY" "$tmp/bin/parley"
export PATH="$tmp/bin:$PATH"
cd "$tmp/work" || exit 1
: >talks.db
: >other.db
: >notes.txt

# shellcheck source=../../scripts/parley.bash
. "$PARLEY_SRC/scripts/parley.bash" || { echo "FAIL: sourcing scripts/parley.bash" >&2; exit 1; }
complete -p parley 2>/dev/null | grep -q -- '-F _parley' || fail "complete -F _parley parley not registered"

# complete LINE: COMPREPLY for the line, the cursor at its end (a trailing
# space starts an empty word), sorted, one per line.
complete_line() {
  local line=$1
  read -r -a COMP_WORDS <<<"$line"
  [[ $line == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE=$line
  COMP_POINT=${#line}
  COMPREPLY=()
  _parley parley "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  printf '%s\n' "${COMPREPLY[@]}" | sort | sed '/^$/d'
}

expect() { # LINE EXPECTED (words, space-separated, sorted)
  local got
  got=$(complete_line "$1" | tr '\n' ' ' | sed 's/ $//')
  if [[ $got == "$2" ]]; then
    pass "'$1<TAB>' -> $2"
  else
    fail "'$1<TAB>': expected [$2], got [$got]"
  fi
}
expect_has() { # LINE WORD...: every WORD is among the completions
  local got w missing=""
  got=$(complete_line "$1")
  for w in "${@:2}"; do
    grep -qx -- "$w" <<<"$got" || missing="$missing $w"
  done
  if [[ -z $missing ]]; then
    pass "'$1<TAB>' offers ${*:2}"
  else
    fail "'$1<TAB>' lacks$missing (got: $(echo $got))"
  fi
}

# Commands, from parley --help: every one, and prefixes.
all=$("$PARLEY" --help | awk '/^Commands:/ {f = 1; next} f && /^$/ {exit} f {print $1}' | sort | tr '\n' ' ' | sed 's/ $//')
expect "parley " "$all"
expect "parley ti" "timeline"
expect "parley me" "meetings merge merge-db"
expect "parley --" "--help --version"

# Long options, from the command's --help.
expect "parley timeline --fo" "--format"
expect "parley export --la" "--layout"
expect_has "parley timeline --" --actor --db --format --from --help --output --to --type
# export has no --format (its FORMAT is the first argument): nothing.
expect "parley export --fo" ""
expect "parley ingest --pub" "--published"

# Option values.
expect "parley timeline --format " "csv json table"
expect "parley timeline -f " "csv json table"
expect "parley extract --format " "json jsonl"
expect "parley read --format " "json table"
expect "parley report --format " "html svg"
expect "parley timeline --format=j" "json"
expect "parley timeline --type " "delegation meeting proposal role"
expect "parley export --view " "actors events"
expect "parley export --layout " "dot neato sfdp timeline"
expect "parley ingest --reader " "auto feed html jsonl text"
expect "parley stats --db " "other.db sub/ talks.db"
expect "parley stats --db t" "talks.db"
expect "parley ingest --lang " "ar en"
expect "parley timeline --actor " ""

# Arguments.
expect "parley export " "dot gexf graphml json png svg"
expect "parley export --db talks.db g" "gexf graphml"
expect "parley export svg " ""
expect "parley alias " "add list why"
expect "parley ingest n" "notes.txt"
expect "parley merge-db " "other.db sub/ talks.db"
expect "parley ingest --db talks.db --published 2018-11-28 no" "notes.txt"
expect "parley ingest -q no" "notes.txt"

echo "completion: $fails failed"
[ "$fails" -eq 0 ]
