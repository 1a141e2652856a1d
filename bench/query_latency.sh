#!/usr/bin/env bash
# Query latency of newsdesk against plain Xapian on Reuters-21578 from
# ../shared, side by side in one run: every query of ../shared/bench/queries.tsv,
# single-threaded and in process (newsdesk-bench-queries).
#
#   bench/query_latency.sh [--scale N] [--index-dir DIR] [--preset NAME] [--warmup W]
#                          [--rounds R] [--spy-slots 0,3] [--baseline-snippets MODE]
#                          [--only ENGINE] [--json]
#
# --scale N     indexes N copies of the collection (as bench/index_throughput.sh does).
# --index-dir   keeps the index in DIR; a later run with the same DIR and scale
#               reuses it instead of indexing again (x20 takes about 4 minutes).
#               Without it the index goes to a temporary folder.
# --preset      the CMake preset to build with (default: release).
# --warmup W, --rounds R   untimed and timed rounds over all queries (default 2 and 5).
# --spy-slots, --baseline-snippets, --only, --json   passed to newsdesk-bench-queries (see its --help).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scale=1
index_dir=
preset=release
args=()
usage="usage: bench/query_latency.sh [--scale N] [--index-dir DIR] [--preset NAME] [--warmup W] [--rounds R] [--spy-slots 0,3] [--baseline-snippets default|no-background|none] [--only ENGINE] [--json]"
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=${2:?--scale needs a number}; shift 2 ;;
    --index-dir) index_dir=${2:?--index-dir needs a folder}; shift 2 ;;
    --preset) preset=${2:?--preset needs a name}; shift 2 ;;
    --warmup | --rounds | --spy-slots | --baseline-snippets | --only) args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --json) args+=(--json); shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done

reuters="$root/../shared/corpora/reuters21578"
queries="$root/../shared/bench/queries.tsv"
for needed in "$reuters" "$queries"; do
  if [ ! -e "$needed" ]; then
    echo "skipped: $needed is absent"
    exit 0
  fi
done

cmake --preset "$preset" >/dev/null
cmake --build "build/$preset" -j"$(nproc)" --target newsdesk-index newsdesk-bench-queries >/dev/null
bin="$root/build/$preset/bin"
. "$root/bench/reuters_inputs.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${index_dir:-$work/db}
expected=$((21578 * scale))
have=$(index_doccount "$db")
if [ "$have" -eq "$expected" ]; then
  echo "reusing the index in $db ($have articles)" >&2
else
  if [ -e "$db" ] && [ -n "$(ls -A "$db")" ]; then
    echo "$db holds $have articles, not $expected: remove it or choose another --index-dir" >&2
    exit 1
  fi
  reuters_inputs "$reuters" "$scale" "$work"
  echo "indexing Reuters-21578 x$scale into $db ..." >&2
  start=$(date +%s)
  # Exit code 1 only means some records were skipped (reut2-017 has invalid bytes).
  "$bin/newsdesk-index" --db "$db" --no-progress --quiet "${inputs[@]}" >&2 || [ $? -eq 1 ]
  echo "indexed $(index_doccount "$db") articles in $(($(date +%s) - start)) s" >&2
  rm -rf "$work/in"
fi
"$bin/newsdesk-bench-queries" --db "$db" --queries "$queries" "${args[@]}"
