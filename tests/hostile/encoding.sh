#!/usr/bin/env bash
# Hostile bytes: invalid UTF-8, NUL bytes, binary files, invalid UTF-8 in
# feeds and pages. Each is read correctly (valid UTF-8 out) or refused with
# an error naming the file; a refused ingest leaves no store behind.
source "$(dirname "$0")/lib.bash"

en='The delegation headed by John Smith met Staffan de Mistura in Geneva on 28 November 2018.'

# Invalid UTF-8 inside an otherwise English text: read (as a legacy
# encoding, with a warning) and the output is valid UTF-8.
printf 'Talks \xc3\x28 \xff\xfe \xe2\x82 \xed\xa0\x80 \xc0\xaf. %s\n' "$en" >"$tmp/bad.txt"
run 20 "$PARLEY" read --format json "$tmp/bad.txt"
expect_rc 0 "invalid UTF-8 text"
iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 || fail "read output of invalid UTF-8 is not UTF-8"
run 30 "$PARLEY" ingest -q --db "$tmp/bad.db" "$tmp/bad.txt"
expect_rc 0 "ingest invalid UTF-8"
[ "$(sqlite3 "$tmp/bad.db" 'SELECT count(*) FROM documents')" = 1 ] || fail "invalid UTF-8: not stored"
sqlite3 "$tmp/bad.db" 'SELECT body FROM documents' | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 ||
  fail "stored body is not valid UTF-8"

# The same bytes in a page declaring UTF-8, and in a feed item.
printf '<html><head><meta charset="utf-8"><title>T\xff\xfeitle</title></head><body><article><p>Bad \xc3\x28 bytes \xe2\x82. %s</p></article></body></html>' "$en" >"$tmp/bad.html"
printf '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><item><title>x\xffy</title><description>Bad \xc3\x28 bytes. %s</description></item></channel></rss>' "$en" >"$tmp/bad.xml"
for f in bad.html bad.xml; do
  run 20 "$PARLEY" read --format json "$tmp/$f"
  if [ "$rc" -eq 0 ]; then
    iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 || fail "$f: output is not valid UTF-8"
  else
    expect_rc 1 "$f"
    err_names "$tmp/$f" "$f"
  fi
done

# Invalid UTF-8 and a lone surrogate escape inside JSON Lines.
printf '{"text": "Bad \xc3\x28 bytes. %s"}\n{"text": "lone \\ud800 surrogate \\udfff here. %s"}\n' "$en" "$en" >"$tmp/bad.jsonl"
run 20 "$PARLEY" read --format json "$tmp/bad.jsonl"
if [ "$rc" -eq 0 ]; then
  iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 || fail "jsonl: output is not valid UTF-8"
else
  err_names "$tmp/bad.jsonl" "jsonl"
fi

# NUL bytes: in a text file (refused as binary, or read without them), in
# a JSON string (\u0000) and in a page.
printf 'The\0 delegation\0 met.\0 %s\n' "$en" >"$tmp/nul.txt"
run 20 "$PARLEY" read --format json "$tmp/nul.txt"
if [ "$rc" -eq 0 ]; then
  tr -d '\n' <"$tmp/out" | grep -q $'\x00' && fail "NUL byte in output"
else
  expect_rc 1 "nul.txt"
  err_names "$tmp/nul.txt" "nul.txt"
fi
printf '{"text": "The\\u0000delegation met \\u0000 here. %s"}\n' "$en" >"$tmp/nul.jsonl"
run 20 "$PARLEY" ingest -q --db "$tmp/nul.db" "$tmp/nul.jsonl"
expect_rc 0 "NUL escape in JSON"
[ "$(sqlite3 "$tmp/nul.db" "SELECT count(*) FROM documents WHERE instr(body, char(0)) = 0 AND length(body) > 50")" = 1 ] ||
  fail "NUL escape: body not stored whole without NUL"
printf '<html><body><p>The\0 delegation\0 met. %s</p></body></html>' "$en" >"$tmp/nul.html"
run 20 "$PARLEY" read "$tmp/nul.html"
[ "$rc" -eq 0 ] || err_names "$tmp/nul.html" "nul.html"

# Binary files: an ELF, random bytes, a PNG header, a gzip. Refused with a
# clear error naming the file; ingest creates no store.
head -c 65536 "$(command -v sqlite3)" >"$tmp/elf.txt"
head -c 100000 /dev/urandom >"$tmp/random.txt"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' >"$tmp/image.html"
printf 'text' | gzip >"$tmp/text.jsonl"
for f in elf.txt random.txt image.html text.jsonl; do
  run 20 "$PARLEY" ingest -q --db "$tmp/bin.db" "$tmp/$f"
  expect_rc 1 "binary $f"
  err_names "$tmp/$f" "binary $f"
  [ ! -e "$tmp/bin.db" ] || fail "binary $f: a store was created"
  # Every reader forced on it: an error or a document, never a crash.
  for r in text html feed jsonl; do
    run 20 "$PARLEY" read --reader "$r" "$tmp/$f"
    [ "$rc" -le 1 ] || fail "binary $f with --reader $r: exit $rc"
  done
done
# A folder with one binary file among articles: skipped with a warning.
mkdir "$tmp/mixed"
cp "$tmp/random.txt" "$tmp/mixed/a.txt"
printf '%s\n' "$en" >"$tmp/mixed/b.txt"
run 30 "$PARLEY" ingest -q --db "$tmp/mixed.db" "$tmp/mixed"
expect_rc 0 "folder with a binary file"
err_names "$tmp/mixed/a.txt" "folder warning"
[ "$(sqlite3 "$tmp/mixed.db" 'SELECT count(*) FROM documents')" = 1 ] || fail "folder: wrong document count"
finish
