#!/usr/bin/env bash
# Ranking quality on the bundled corpus/: nDCG@10 and MRR of the judged
# queries in bench/relevance/judgments.tsv, searched in process (top 10).
#
#   bench/relevance.sh [--preset NAME] [--db DIR] [--json] [--relevant GRADE]
#
# Builds newsdesk-index and newsdesk-eval-relevance with the CMake preset
# (default: release), indexes corpus/ into a temporary folder (or uses the
# index given with --db) and prints per-query figures and the means. Exit
# code 1 if a judged title matches no article.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
preset=release
db=
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --preset) preset=${2:?--preset needs a name}; shift 2 ;;
    --db) db=${2:?--db needs a folder}; shift 2 ;;
    --json) args+=(--json); shift ;;
    --relevant) args+=(--relevant "${2:?--relevant needs a grade}"); shift 2 ;;
    *) echo "usage: bench/relevance.sh [--preset NAME] [--db DIR] [--json] [--relevant GRADE]" >&2; exit 2 ;;
  esac
done

cmake --preset "$preset" >/dev/null
cmake --build "build/$preset" -j"$(nproc)" --target newsdesk-index newsdesk-eval-relevance >/dev/null
bin="$root/build/$preset/bin"

if [ -z "$db" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  db="$work/db"
  "$bin/newsdesk-index" --db "$db" --no-progress --quiet "$root/corpus" >"$work/index.log" 2>&1 ||
    { cat "$work/index.log" >&2; exit 1; }
fi
"$bin/newsdesk-eval-relevance" --db "$db" "${args[@]}"
