#!/usr/bin/env bash
# parley dates: output format, stdin, --help, usage errors.
set -u
P=${PARLEY:?set PARLEY to the parley binary}
fail=0
check() { # name, expected, actual
  if [ "$2" != "$3" ]; then
    printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3" >&2
    fail=$((fail + 1))
  fi
}

out=$("$P" dates --published 2018-11-28 'بدأت في أستانا اليوم الأربعاء اللقاءات، وتختتم غدا')
check arabic-args '{"text": "اليوم الأربعاء", "from": "2018-11-28", "to": "2018-11-28", "precision": "day"}
{"text": "غدا", "from": "2018-11-29", "to": "2018-11-29", "precision": "day"}' "$out"

out=$(printf 'peace talks that started on Friday in Geneva\n' | "$P" dates --published 2016-01-30 -)
check stdin-dash '{"text": "on Friday", "from": "2016-01-29", "to": "2016-01-29", "precision": "day"}' "$out"

out=$(printf 'Delegations arrived yesterday.' | "$P" dates --published 2018-11-28 --lang en)
check stdin-none '{"text": "yesterday", "from": "2018-11-27", "to": "2018-11-27", "precision": "day"}' "$out"

out=$("$P" dates --lang ar --published 2018-11-28 yesterday أمس)
check lang-ar '{"text": "أمس", "from": "2018-11-27", "to": "2018-11-27", "precision": "day"}' "$out"

out=$("$P" dates 'yesterday, in March 2011')
check unpublished '{"text": "yesterday", "from": null, "to": null, "precision": null}
{"text": "March 2011", "from": "2011-03-01", "to": "2011-03-31", "precision": "month"}' "$out"

out=$("$P" dates --published 2018-11-27 'اليوم الأربعاء')
check mismatch '{"text": "اليوم الأربعاء", "from": "2018-11-27", "to": "2018-11-27", "precision": "day", "weekday_mismatch": true}' "$out"

out=$("$P" dates --published 2018-11-28 'nothing here, 31/02/2018')
check nothing '' "$out"

"$P" dates --help > /dev/null; check help-exit 0 $?
"$P" dates --help | grep -q -- '--published' || { echo "FAIL help text" >&2; fail=$((fail + 1)); }
for bad in 2018-02-30 28/11/2018 2018-1-1 yesterday ''; do
  "$P" dates --published "$bad" x > /dev/null 2> err.$$; rc=$?
  check "bad-published-exit[$bad]" 2 "$rc"
  grep -q "Try 'parley dates --help'" err.$$ || { echo "FAIL bad-published-message[$bad]" >&2; fail=$((fail + 1)); }
done
"$P" dates --lang fr x > /dev/null 2>&1; check bad-lang 2 $?
"$P" dates --nope x > /dev/null 2>&1; check bad-option 2 $?
rm -f err.$$

if [ "$fail" -ne 0 ]; then echo "dates.sh: $fail failed" >&2; exit 1; fi
echo "dates.sh: all passed"
