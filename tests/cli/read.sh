#!/bin/bash
# parley read: options, exit codes, every reader through the CLI, stdin,
# safety (XXE, billion laughs), errors naming the file, and no store.
set -u
P=${PARLEY:?set PARLEY to the parley binary}
SRC=${PARLEY_SRC:?set PARLEY_SRC to the source root}
F=$SRC/tests/fixtures/read
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
passes=0

check() { # check NAME COMMAND...: the command must succeed
  local name=$1
  shift
  if "$@"; then
    passes=$((passes + 1))
  else
    echo "FAIL: $name" >&2
    fails=$((fails + 1))
  fi
}

run() { # run ARGS...: sets rc, out, err
  "$P" read "$@" >"$T/out" 2>"$T/err"
  rc=$?
  out=$(cat "$T/out")
  err=$(cat "$T/err")
}

# --help, usage errors.
run --help
check "help exits 0" test "$rc" -eq 0
check "help on stdout" grep -q "^Usage: parley read" "$T/out"
run
check "no file is a usage error" test "$rc" -eq 2
check "usage says how to get help" grep -q "Try 'parley read --help'" "$T/err"
for bad in "--reader pdf" "--format xml" "--published 2018-02-31" \
  "--max-size abc" "--max-size 0" "--lang x" "--no-such-option"; do
  # shellcheck disable=SC2086
  run $bad "$F/page-og.html"
  check "usage error: $bad" test "$rc" -eq 2
done
run --encoding no-such-encoding "$F/arabic-1256.txt"
check "unknown encoding is a usage error" test "$rc" -eq 2
check "unknown encoding is named" grep -q "no-such-encoding" "$T/err"

# A page: title, date, language, size, first words.
run "$F/page-og.html"
check "page read" test "$rc" -eq 0
check "table header" grep -q "^source	published	language	size	title	first words$" "$T/out"
check "page row" grep -q "page-og.html	2018-11-28	en	[0-9]*	Envoys meet in Geneva for a second round	Envoys meet" "$T/out"

# JSON output is valid JSON with the fields.
run --format json "$F/feed-rss.xml" "$F/news.jsonl"
check "json read" test "$rc" -eq 0
if command -v python3 >/dev/null; then
  check "json parses" python3 -c '
import json, sys
docs = json.load(open(sys.argv[1]))
assert len(docs) == 6, len(docs)
for d in docs:
    assert set(d) == {"source", "id", "url", "title", "published", "language", "size", "first_words"}, d
    assert len(d["id"]) == 32
assert docs[0]["published"] == "2018-11-28" and docs[0]["language"] == "ar"
assert docs[2]["source"].endswith("news.jsonl#a1")
' "$T/out"
else
  check "json array" grep -q '^\[$' "$T/out"
fi

# Feeds, stdin.
run - <"$F/feed-atom.atom"
check "stdin read" test "$rc" -eq 0
check "stdin items" test "$(grep -c '^-#' "$T/out")" -eq 3

# Safety: external entities never load; a billion laughs fails fast.
run "$F/xxe.xml"
check "xxe feed read" test "$rc" -eq 0
check "xxe secret never appears" bash -c "! grep -q XXE-SECRET '$T/out' '$T/err'"
start=$(date +%s%N)
run "$F/laughs.xml"
end=$(date +%s%N)
check "billion laughs fails" test "$rc" -eq 1
check "billion laughs error names file" grep -q "laughs.xml: entity expansion too large" "$T/err"
check "billion laughs within a second" test $(((end - start) / 1000000)) -lt 1000

# JSONL with a broken line: warned with FILE:LINE, the others read.
run "$F/news.jsonl"
check "jsonl read" test "$rc" -eq 0
check "jsonl broken line warned" grep -q "news.jsonl:3: warning: invalid JSON" "$T/err"
check "jsonl documents" test "$(grep -c 'news.jsonl#' "$T/out")" -eq 4

# Encodings.
run "$F/arabic-1256.txt" "$F/arabic-utf16.txt"
check "encodings read" test "$rc" -eq 0
check "windows-1256 decoded" grep -q "arabic-1256.txt	-	ar	[0-9]*	محادثات جديدة" "$T/out"
check "utf-16 decoded" grep -q "arabic-utf16.txt	-	ar	[0-9]*	محادثات جديدة" "$T/out"

# Overrides.
run --published 2020-01-02 --lang fr --title "Given title" "$F/page-og.html"
check "overrides" grep -q "page-og.html	2020-01-02	fr	[0-9]*	Given title	" "$T/out"
run --reader text "$F/page-og.html"
check "forced reader" grep -q "<!DOCTYPE" "$T/out"

# Errors name the file; the other files are still read.
printf '\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0' >"$T/binary.txt"
: >"$T/empty.txt"
run "$T/missing.txt" "$T/binary.txt" "$T/empty.txt" "$F/page-meta.html"
check "failures exit 1" test "$rc" -eq 1
check "missing file named" grep -q "^parley: $T/missing.txt: No such file or directory$" "$T/err"
check "binary refused" grep -q "^parley: $T/binary.txt: not text (binary data)$" "$T/err"
check "empty refused" grep -q "^parley: $T/empty.txt: empty file$" "$T/err"
check "later file still read" grep -q "page-meta.html	2019-04-25" "$T/out"
run --max-size 100 "$F/page-og.html"
check "size limit exit" test "$rc" -eq 1
check "size limit message" grep -q "page-og.html: larger than the size limit of 100 bytes" "$T/err"

# Folders: recursive, sorted; a bad file inside is a warning.
mkdir -p "$T/dir/sub"
echo "Second text here." >"$T/dir/b.txt"
echo "First text here." >"$T/dir/a.txt"
echo "Third text here." >"$T/dir/sub/c.txt"
cp "$T/binary.txt" "$T/dir/junk.txt"
run "$T/dir"
check "folder read" test "$rc" -eq 0
check "folder order" test "$(cut -f1 "$T/out" | tail -n +2 | tr '\n' ' ')" = "$T/dir/a.txt $T/dir/b.txt $T/dir/sub/c.txt "
check "folder bad file warned" grep -q "junk.txt: warning: skipped: not text" "$T/err"

# Never touches a store.
(cd "$T" && PARLEY_DB="$T/store.db" "$P" read "$F/page-og.html" >/dev/null 2>&1)
check "no store created" test ! -e "$T/store.db" -a ! -e "$T/parley.db"

# The benchmark crawls, when shared/ is beside the source.
B=$SRC/../shared/corpus/bench
if [ -r "$B/en-news.jsonl" ] && [ -r "$B/ar-news.jsonl" ]; then
  run "$B/en-news.jsonl" "$B/ar-news.jsonl"
  check "bench read" test "$rc" -eq 0
  check "bench no warnings" test ! -s "$T/err"
  check "bench documents" test "$(tail -n +2 "$T/out" | wc -l)" -eq 4500
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
