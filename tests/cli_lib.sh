# Shared by the CLI test scripts (tests/cli/*.sh, which source it; it is
# not a test itself): a scratch folder $tmp removed on exit, the failure
# count $fails, and the checks. A script ends with [ "$fails" -eq 0 ].
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect CODE CMD... : runs CMD, checks the exit status; output in $tmp/out,
# $tmp/err.
expect() {
  local want=$1
  shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "$* exited $got, expected $want: $(cat "$tmp/err")"
}

# contains FILE TEXT / lacks FILE TEXT: TEXT (fixed) is / is not in FILE.
contains() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 2000 "$1")"; }
lacks() { ! grep -qF -- "$2" "$1" || fail "$1 has '$2': $(head -c 2000 "$1")"; }
