#!/usr/bin/env bash
# `cmake --install` of the build under test into a scratch prefix: the
# installed binary extracts the example article, from another directory,
# exactly as the build tree's does, also with the installed lexicon named
# outright; man reads the installed page; the completion is in place;
# programs compiled with `pkg-config --cflags --libs parley` link the
# installed library (--static for the parts that need SQLite, ICU ...).
# Needs $PARLEY (the build tree's binary: its directory is the build
# directory) and $PARLEY_SRC.
set -u
: "${PARLEY:?set PARLEY to the parley binary}"
: "${PARLEY_SRC:?set PARLEY_SRC to the source root}"
BUILD=$(cd "$(dirname "$PARLEY")" && pwd)
[ -f "$BUILD/cmake_install.cmake" ] || { echo "skip: $BUILD is not a CMake build directory"; exit 0; }
command -v cmake >/dev/null || { echo "FAIL: no cmake" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

P=$tmp/p
if cmake --install "$BUILD" --prefix "$P" >"$tmp/install.log" 2>&1; then
  pass "cmake --install --prefix"
else
  echo "FAIL: cmake --install: $(tail -5 "$tmp/install.log")" >&2
  exit 1
fi
for f in bin/parley lib/libparley.a include/parley/store.h include/parley/when.h \
  share/man/man1/parley.1 share/bash-completion/completions/parley \
  lib/pkgconfig/parley.pc share/parley/lexicon/rules.ar share/parley/lexicon/rules.en \
  share/parley/lexicon/states.tsv; do
  [ -s "$P/$f" ] || fail "not installed: $f"
done
for h in "$PARLEY_SRC"/include/parley/*.h; do
  cmp -s "$h" "$P/include/parley/$(basename "$h")" || fail "header $(basename "$h") not installed as is"
done
diff -r "$PARLEY_SRC/ingest/lexicon" "$P/share/parley/lexicon" >/dev/null ||
  fail "the installed lexicon differs from ingest/lexicon"

# The installed binary, run from elsewhere, extracts what the build's does.
ART=$PARLEY_SRC/examples/astana-11-aljazeera-ar.txt
mkdir -p "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 1
cp "$ART" art.txt
"$PARLEY" extract --published 2018-11-28 art.txt >"$tmp/build.json" 2>"$tmp/err" ||
  fail "build tree extract: $(cat "$tmp/err")"
if env -u PARLEY_LEXICON_DIR "$P/bin/parley" extract --published 2018-11-28 art.txt \
  >"$tmp/inst.json" 2>"$tmp/err"; then
  if cmp -s "$tmp/build.json" "$tmp/inst.json"; then
    pass "installed extract = build extract ($(wc -c <"$tmp/inst.json") bytes)"
  else
    fail "installed extract differs: $(diff "$tmp/build.json" "$tmp/inst.json" | head -5)"
  fi
else
  fail "installed extract: $(cat "$tmp/err")"
fi
grep -q '"actors"' "$tmp/inst.json" || fail "installed extract printed no actors"
# With the installed lexicon named outright (the binary's own search looks
# in the configured prefix, which a scratch --prefix is not).
PARLEY_LEXICON_DIR=$P/share/parley/lexicon "$P/bin/parley" extract --published 2018-11-28 \
  art.txt >"$tmp/inst2.json" 2>"$tmp/err" || fail "installed extract with its lexicon: $(cat "$tmp/err")"
cmp -s "$tmp/build.json" "$tmp/inst2.json" && pass "installed extract with the installed lexicon = build extract" ||
  fail "installed extract with the installed lexicon differs"
conf=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$BUILD/CMakeCache.txt")
if [ "$conf" != "$P" ]; then
  echo "note: the binary looks for its lexicon in $conf/share/parley/lexicon (the configured prefix), then in the source tree; PARLEY_LEXICON_DIR overrides both"
fi
"$P/bin/parley" --version | grep -q '^parley ' || fail "installed parley --version"

# The installed man page.
if command -v man >/dev/null; then
  MANWIDTH=80 man -l "$P/share/man/man1/parley.1" 2>"$tmp/err" | grep -q "EXIT STATUS" &&
    pass "man -l reads the installed page" || fail "man -l: $(cat "$tmp/err")"
fi
if command -v groff >/dev/null; then
  groff -man -Tutf8 -wall "$P/share/man/man1/parley.1" >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ] &&
    pass "groff formats the installed page without warnings" || fail "groff: $(head -3 "$tmp/err")"
  MANPATH=$P/share/man man -w parley 2>/dev/null | grep -q "^$P/share/man/man1/parley.1" ||
    fail "man -w parley (MANPATH=$P/share/man) does not find the installed page"
fi
bash -c ". '$P/share/bash-completion/completions/parley' && complete -p parley" >/dev/null 2>&1 ||
  fail "the installed completion does not register for parley"

# pkg-config and the library, compiled with the build's compiler.
CC=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
[ -n "$CC" ] || CC=cc
if ! command -v pkg-config >/dev/null || ! command -v "$CC" >/dev/null; then
  echo "skip: no pkg-config or $CC: the library is not linked"
elif grep -Eq '^PARLEY_FUZZ:BOOL=(ON|1|TRUE)' "$BUILD/CMakeCache.txt"; then
  echo "skip: a PARLEY_FUZZ build's library needs libFuzzer's runtime: not linked"
else
  export PKG_CONFIG_PATH=$P/lib/pkgconfig
  # A library built with the sanitizers needs them in the program too.
  SAN=""
  grep -Eq '^PARLEY_SANITIZE:BOOL=(ON|1|TRUE)' "$BUILD/CMakeCache.txt" &&
    SAN="-fsanitize=address,undefined"
  pkg-config --exists parley || fail "pkg-config does not find parley in $PKG_CONFIG_PATH"
  [ "$(pkg-config --modversion parley)" = "$("$P/bin/parley" --version | cut -d' ' -f2)" ] ||
    fail "pkg-config --modversion parley is not the binary's version"
  pkg-config --print-requires-private parley | grep -q sqlite3 || fail "parley.pc lacks Requires.private sqlite3"
  cat >"$tmp/date.c" <<'EOF'
#include <parley/when.h>
#include <stdio.h>
#include <string.h>
int main(void) {
  char out[11];
  if (pl_date_parse("Wed, 28 Nov 2018 10:00:00 GMT", out) != 0 ||
      strcmp(out, "2018-11-28") != 0)
    return 1;
  if (pl_date_parse("2018-02-30", out) == 0)
    return 1; /* not a calendar date */
  puts(out);
  return 0;
}
EOF
  # shellcheck disable=SC2046
  if "$CC" -std=c11 -Wall -Wextra -pedantic $SAN -o "$tmp/date" "$tmp/date.c" \
    $(pkg-config --cflags --libs parley) 2>"$tmp/err"; then
    "$tmp/date" >/dev/null && pass "pkg-config --cflags --libs: pl_date_parse links and runs" ||
      fail "the pl_date_parse program failed"
  else
    fail "compiling with pkg-config --cflags --libs parley: $(head -5 "$tmp/err")"
  fi
  # The whole library: open a store the installed binary made and read its
  # timeline (SQLite, ICU, libxml2 and Graphviz come from Requires.private).
  "$P/bin/parley" ingest -q --db "$tmp/s.db" --published 2018-11-28 art.txt ||
    fail "installed ingest"
  cat >"$tmp/store.c" <<'EOF'
#include <parley/query.h>
#include <parley/store.h>
#include <stdio.h>
static int count(void *ctx, const pl_timeline_row *row, pl_error *err) {
  (void)row;
  (void)err;
  ++*(int *)ctx;
  return 0;
}
int main(int argc, char **argv) {
  pl_store *st;
  pl_error err = {0};
  int n = 0;
  if (argc < 2 || pl_store_open(&st, argv[1], PL_STORE_READONLY, &err) < 0 ||
      pl_query_timeline(st, NULL, count, &n, &err) < 0) {
    fprintf(stderr, "%s\n", err.msg);
    return 1;
  }
  pl_store_close(st);
  printf("%d\n", n);
  return 0;
}
EOF
  # shellcheck disable=SC2046
  if "$CC" -std=c11 -Wall -Wextra -pedantic $SAN -o "$tmp/store" "$tmp/store.c" \
    $(pkg-config --static --cflags --libs parley) 2>"$tmp/err"; then
    n=$("$tmp/store" "$tmp/s.db" 2>"$tmp/err") || fail "the store program: $(cat "$tmp/err")"
    want=$("$P/bin/parley" timeline --db "$tmp/s.db" --format csv | tail -n +2 | wc -l)
    if [ "${n:-0}" -gt 0 ] && [ "$n" = "$want" ]; then
      pass "pkg-config --static: pl_store_open + pl_query_timeline link and run ($n events)"
    else
      fail "the store program counted ${n:-nothing} events, parley timeline $want"
    fi
  else
    fail "compiling with pkg-config --static --cflags --libs parley: $(head -5 "$tmp/err")"
  fi
fi

echo "install: $fails failed"
[ "$fails" -eq 0 ]
