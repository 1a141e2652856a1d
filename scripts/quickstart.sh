#!/usr/bin/env bash
# Quick start: install the dependencies, build, index the bundled corpus and
# serve it on http://127.0.0.1:8080 (Ctrl-C stops the server).
# Environment: NEWSDESK_LISTEN (default 127.0.0.1:8080), NEWSDESK_DB (default build/corpus-index).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"

db="${NEWSDESK_DB:-build/corpus-index}"
rm -rf "$db"
build/release/bin/newsdesk-index --db "$db" corpus
exec build/release/bin/newsdesk-searchd --db "$db" --listen "${NEWSDESK_LISTEN:-127.0.0.1:8080}"
