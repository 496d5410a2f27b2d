#!/usr/bin/env bash
# A 100 MiB article (generated into $TMPDIR): refused by the default size
# limit with an error naming the file (from a file and from stdin, and
# leaving no store behind); with --max-size raised, read in bounded time
# and memory.
source "$(dirname "$0")/lib.bash"
big=$tmp/big.txt
python3 - "$big" <<'PY'
import sys
line = 'The delegation headed by John Smith met Staffan de Mistura in Geneva on 28 November 2018. '
with open(sys.argv[1], 'w') as f:
    f.write((line * (((100 << 20) // len(line)) + 1))[:100 << 20])
PY
[ "$(stat -c %s "$big")" -eq $((100 << 20)) ] || fail "fixture is not 100 MiB"

run 20 "$PARLEY" read "$big"
expect_rc 1 "100 MiB read"
grep -qF "parley: $big: larger than the size limit" "$tmp/err" || fail "no size-limit error: $(cat "$tmp/err")"
run 20 "$PARLEY" ingest --db "$tmp/s.db" "$big"
expect_rc 1 "100 MiB ingest"
err_names "$big" "100 MiB ingest"
[ ! -e "$tmp/s.db" ] || fail "refused ingest left a store"
run 20 sh -c '"$0" read - <"$1"' "$PARLEY" "$big"
expect_rc 1 "100 MiB from stdin"
grep -qF "parley: -: larger than the size limit" "$tmp/err" || fail "stdin: no size-limit error: $(cat "$tmp/err")"
# The same in a folder: skipped with a warning, the other article read.
mkdir "$tmp/dir"
ln -s "$big" "$tmp/dir/big.txt"
printf 'The delegation met in Geneva.\n' >"$tmp/dir/small.txt"
run 20 "$PARLEY" read "$tmp/dir"
expect_rc 0 "folder with a 100 MiB file"
grep -q "big.txt.*size limit" "$tmp/err" || fail "folder: no warning for big.txt: $(cat "$tmp/err")"

# Raised limit: read whole, bounded (under 15 s and 1 GiB resident).
run 20 /usr/bin/time -f '%M' -o "$tmp/rss" "$PARLEY" read --max-size 128M --format json "$big"
expect_rc 0 "100 MiB with --max-size 128M"
grep -q '"size": 104857600' "$tmp/out" || fail "100 MiB not read whole: $(head -c 300 "$tmp/out")"
rss=$(tail -n1 "$tmp/rss")
[ "$rss" -lt $((1 << 20)) ] || fail "100 MiB read used ${rss} KiB"
echo "ok: 100 MiB read in bounded memory (${rss} KiB)"
# A JSON Lines file is limited per line: 1 MiB lines under a 2M
# limit are read one at a time, in bounded memory.
python3 - "$tmp/big.jsonl" <<'PY'
import sys, json
body = 'The delegation met in Geneva. ' * (1 << 15)
with open(sys.argv[1], 'w') as f:
    for i in range(20):
        f.write(json.dumps({"id": str(i), "text": str(i) + body}) + "\n")
PY
run 30 /usr/bin/time -f '%M' -o "$tmp/rss" "$PARLEY" read --max-size 2M "$tmp/big.jsonl"
expect_rc 0 "JSONL of 1 MiB lines"
[ "$(grep -c 'big.jsonl#' "$tmp/out")" -eq 20 ] || fail "JSONL: not 20 documents"
rss=$(tail -n1 "$tmp/rss")
[ "$rss" -lt $((256 << 10)) ] || fail "JSONL read used ${rss} KiB"
run 30 "$PARLEY" read --max-size 512K "$tmp/big.jsonl"
[ "$rc" -le 1 ] || fail "JSONL with small limit: exit $rc"
grep -q 'big.jsonl' "$tmp/err" || fail "JSONL lines over the limit not reported"
finish
