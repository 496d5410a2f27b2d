#!/bin/bash
# The npm clients: loads the exports in DIR (see check.js) with
# graphology-gexf, graphology-graphml and the cytoscape package, headless.
# Usage: tests/interop/run.sh DIR
# Installs the pinned packages (package-lock.json) into tests/interop/
# node_modules when they are missing. Without node/npm, or when the install
# fails (no network), it exits 77 (skipped), unless CI is set: there the
# clients must run, so it fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: run.sh DIR}
skip() {
  if [ -n "${CI:-}" ]; then
    echo "FAIL npm interop: $* (CI is set: the clients must run)"
    exit 1
  fi
  echo "SKIP npm interop: $*"
  exit 77
}
command -v node >/dev/null || skip "node is not installed"
if ! (cd "$here" && node -e 'require("graphology"); require("graphology-gexf");
    require("graphology-graphml"); require("cytoscape")') 2>/dev/null; then
  command -v npm >/dev/null || skip "npm is not installed"
  log=$(mktemp)
  # npm ci installs exactly the lock file (never rewrites it)
  if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    tail -5 "$log"
    rm -f "$log"
    skip "npm could not install the packages (offline?)"
  fi
  rm -f "$log"
fi
exec node "$here/check.js" "$dir"
