#!/usr/bin/env bash
# Hostile markup: HTML nested 100,000 deep, XXE entities naming a local file
# (their content never appears anywhere), billion laughs (refused or
# unexpanded in under a second), an external DTD (never fetched or read),
# huge attributes. Each: a result or a clear error naming the file, no
# hang, bounded memory.
source "$(dirname "$0")/lib.bash"
fx=$tmp/fx
cp -r "$HOSTILE/fixtures" "$fx"
secret=TOPSECRET-hostile-7f3a
passwd_line=$(head -n1 /etc/passwd)

# HTML, a feed and JSON nested 100,000 deep (generated): bounded time and
# memory.
python3 - "$tmp" <<'PY'
import sys
t, n = sys.argv[1], 100000
with open(t + "/deep.html", "w") as f:
    f.write("<html><body>" + "<div>" * n +
            "<p>The delegation headed by John Smith met in Geneva.</p></body></html>")
with open(t + "/deep.xml", "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><item><description>' +
            "<b>" * n + "text" + "</b>" * n + "</description></item></channel></rss>")
with open(t + "/deep.jsonl", "w") as f:
    f.write('{"text": "The delegation met in Geneva.", "extra": ' + "[" * n + "]" * n + "}\n")
PY
start=$(date +%s%N)
run 20 "$PARLEY" read "$tmp/deep.html"
ms=$((($(date +%s%N) - start) / 1000000))
[ "$rc" -eq 0 ] || { expect_rc 1 "deep HTML"; err_names "$tmp/deep.html" "deep HTML"; }
[ "$ms" -lt 10000 ] || fail "deep HTML took ${ms} ms"
run 30 "$PARLEY" ingest -q --db "$tmp/deep.db" "$tmp/deep.html"
[ "$rc" -le 1 ] || fail "deep HTML ingest exit $rc"
run 20 "$PARLEY" read "$tmp/deep.xml"
[ "$rc" -eq 0 ] || { expect_rc 1 "deep feed"; err_names "$tmp/deep.xml" "deep feed"; }
run 20 "$PARLEY" read "$tmp/deep.jsonl"
[ "$rc" -le 1 ] || fail "deep JSON exit $rc"
pass "deep nesting"

# XXE: a page and a feed naming a local file and /etc/passwd; run from the
# fixtures folder so that the relative name would resolve.
for f in xxe.html xxe.xml; do
  cd "$fx" || exit 1
  run 20 "$PARLEY" read --format json "$f"
  cd - >/dev/null || exit 1
  [ "$rc" -le 1 ] || fail "$f: exit $rc"
  no_text "$secret" "$tmp/out" "$tmp/err"
  no_text "$passwd_line" "$tmp/out" "$tmp/err"
  cd "$fx" || exit 1
  run 30 "$PARLEY" ingest -q --db "$tmp/xxe.db" "$f"
  cd - >/dev/null || exit 1
  if [ -e "$tmp/xxe.db" ]; then
    sqlite3 "$tmp/xxe.db" .dump >"$tmp/xxe.dump"
    no_text "$secret" "$tmp/xxe.dump"
    no_text "$passwd_line" "$tmp/xxe.dump"
    run 30 "$PARLEY" export graphml --db "$tmp/xxe.db" -o "$tmp/xxe.graphml"
    no_text "$secret" "$tmp/xxe.graphml"
  fi
  rm -f "$tmp/xxe.db"*
done
pass "XXE"

# External DTDs: never fetched (a closed local port: no hang) nor read
# (an entity defined in a local DTD stays undefined).
for f in external-dtd.xml external-dtd-local.xml; do
  cd "$fx" || exit 1
  run 20 "$PARLEY" read --format json "$f"
  cd - >/dev/null || exit 1
  [ "$rc" -le 1 ] || fail "$f: exit $rc"
  [ "$rc" -eq 0 ] || err_names "$f" "$f"
  no_text TOPSECRET-dtd-91c2 "$tmp/out" "$tmp/err"
done
pass "external DTD"

# Billion laughs, in a feed and in a page: refused or left unexpanded,
# in under a second.
for f in laughs.xml laughs.html; do
  start=$(date +%s%N)
  run 10 "$PARLEY" read --format json "$fx/$f"
  ms=$((($(date +%s%N) - start) / 1000000))
  [ "$ms" -lt 1000 ] || fail "$f took ${ms} ms"
  [ "$rc" -eq 0 ] || { expect_rc 1 "$f"; err_names "$fx/$f" "$f"; }
  [ "$(wc -c <"$tmp/out")" -lt 100000 ] || fail "$f: entities expanded ($(wc -c <"$tmp/out") bytes)"
done
pass "billion laughs"

# Huge attributes: a 20 MB class attribute (over the 16 MiB default limit:
# refused), and 8 MB of attributes in a page under the limit.
python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
with open(t + "/huge-attr.html", "w") as f:
    f.write('<html><body><div class="' + "x" * (20 << 20) + '"><p>The delegation met in Geneva.</p></div></body></html>')
with open(t + "/many-attr.html", "w") as f:
    f.write('<html><head><meta name="date" content="' + "2018-" * 200000 + '"><title>' + "T" * 100000 + '</title></head><body><p ' +
            " ".join('a%d="%s"' % (i, "v" * 100) for i in range(60000)) +
            '>The delegation headed by John Smith met in Geneva.</p></body></html>')
with open(t + "/huge-attr.xml", "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><item><link href="' + "h" * (4 << 20) +
            '"/><title>t</title><description>The delegation met.</description></item></channel></rss>')
PY
run 20 "$PARLEY" read "$tmp/huge-attr.html"
expect_rc 1 "huge attribute over the size limit"
err_names "$tmp/huge-attr.html" "huge attribute"
grep -q 'size limit' "$tmp/err" || fail "huge attribute: no size-limit message: $(cat "$tmp/err")"
for f in many-attr.html huge-attr.xml; do
  run 30 "$PARLEY" read --format json "$tmp/$f"
  [ "$rc" -eq 0 ] || { expect_rc 1 "$f"; err_names "$tmp/$f" "$f"; }
done
pass "huge attributes"
finish
