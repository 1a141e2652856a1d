#!/usr/bin/env bash
# Indexing throughput of newsdesk-index against Xapian's own scriptindex on
# the same text fields (id, title x3 and S-prefixed, body, with positions and
# stored text), side by side in one run, on Reuters-21578 from ../shared.
#
#   bench/index_throughput.sh [--scale N]
#
# --scale N indexes N copies of the collection (NEWIDs made unique per copy).
# Prints wall time, articles/s and peak memory of each, the ratio, and the
# time of a second newsdesk-index run over the unchanged input.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scale=1
[ "${1:-}" = "--scale" ] && scale=${2:?--scale needs a number}

reuters="$root/../shared/corpora/reuters21578"
if [ ! -d "$reuters" ]; then
  echo "skipped: $reuters is absent"
  exit 0
fi
for tool in scriptindex /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install xapian-omega time"; exit 1; }
done

cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" >/dev/null
bin="$root/build/release/bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$root/bench/reuters_inputs.sh"
reuters_inputs "$reuters" "$scale" "$work"

"$bin/newsdesk-export-scriptindex" "${inputs[@]}" >"$work/scriptindex.txt" 2>"$work/export.log"
articles=$(tail -1 "$work/export.log" | cut -d' ' -f1)
sync

# Each round runs every command once, in turn (scriptindex, newsdesk-index
# without and with extraction, then an unchanged re-run), REPEAT rounds
# (default 3); the medians of wall seconds and the largest peak memory are
# reported. Interleaving matters: the speed of a shared virtual machine
# drifts by 30% over minutes, which would bias one command's runs if they
# ran back to back.
repeat=${REPEAT:-3}
declare -A times peaks
run() {  # label, output folder to remove first ("" = keep), command...
  local label=$1 out=$2
  shift 2
  [ -n "$out" ] && rm -rf "$out"
  /usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" >"$work/$label.out" 2>"$work/$label.err" || true
  read -r s kb <"$work/$label.time"
  times[$label]+="$s "
  if [ "$kb" -gt "${peaks[$label]:-0}" ]; then peaks[$label]=$kb; fi
}
median() { printf '%s\n' $1 | sort -n | sed -n "$(((repeat + 1) / 2))p"; }
for ((r = 0; r < repeat; r++)); do
  run scriptindex "" scriptindex --overwrite "$work/si.db" "$root/bench/scriptindex.index" \
    "$work/scriptindex.txt"
  run no-extract "$work/nx.db" "$bin/newsdesk-index" --db "$work/nx.db" --no-progress --quiet \
    --no-extract "${inputs[@]}"
  run newsdesk "$work/nd.db" "$bin/newsdesk-index" --db "$work/nd.db" --no-progress --quiet \
    "${inputs[@]}"
  run rerun "" "$bin/newsdesk-index" --db "$work/nd.db" --no-progress --quiet "${inputs[@]}"
done
si_s=$(median "${times[scriptindex]}") si_kb=${peaks[scriptindex]}
nx_s=$(median "${times[no-extract]}") nx_kb=${peaks[no-extract]}
nd_s=$(median "${times[newsdesk]}") nd_kb=${peaks[newsdesk]}
re_s=$(median "${times[rerun]}")
nd_docs=$(index_doccount "$work/nd.db")

awk -v n="$articles" -v si="$si_s" -v sik="$si_kb" -v nd="$nd_s" -v ndk="$nd_kb" \
  -v nx="$nx_s" -v nxk="$nx_kb" \
  -v re="$re_s" -v docs="$nd_docs" -v cores="$(nproc)" -v runs="$repeat" 'BEGIN {
  printf "Reuters-21578 x%d: %d articles, %d cores, median of %d interleaved runs\n", n / 21578 + 0.5, n, cores, runs
  printf "%-34s %8s %12s %10s\n", "", "seconds", "articles/s", "peak MB"
  printf "%-34s %8.2f %12.0f %10.0f\n", "scriptindex (Xapian, same fields)", si, n / si, sik / 1024
  printf "%-34s %8.2f %12.0f %10.0f\n", "newsdesk-index --no-extract", nx, n / nx, nxk / 1024
  printf "%-34s %8.2f %12.0f %10.0f\n", "newsdesk-index (all facets)", nd, n / nd, ndk / 1024
  printf "%-34s %8.2f %12s %10s\n", "newsdesk-index, unchanged re-run", re, "-", "-"
  printf "throughput vs scriptindex: %.2fx without extraction, %.2fx with all facets (target >= 3x)\n", si / nx, si / nd
  printf "unchanged re-run / first run: %.1f%% (target < 5%%)\n", 100 * re / nd
  printf "articles in the newsdesk index: %s\n", docs
}'
echo "every run, in order (seconds): scriptindex ${times[scriptindex]}| no-extract ${times[no-extract]}| all facets ${times[newsdesk]}"
