#!/usr/bin/env bash
# Throughput and memory of bhasha against baselines in the same run (machines are noisy: read
# the ratios, not the seconds).
#
#   ./Scripts/bench.sh [SIZE_MB]      # default 100; builds release; makes a file by repeating Corpora/
#
# Prints, for each command: seconds, MB/s, ratio to `wc -l`, and peak resident memory (KB, from
# /usr/bin/time when present).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB="${1:-100}"
./Scripts/setup.sh
swift build -c release >/dev/null
BIN="$(swift build -c release --show-bin-path)/bhasha"
WORK="${BENCH_DIR:-.build-bench}"
mkdir -p "$WORK"
INPUT="$WORK/input-${SIZE_MB}mb.txt"
if [ ! -f "$INPUT" ]; then
  seed="$WORK/seed.txt"
  cat Corpora/*.txt > "$seed"
  target=$((SIZE_MB * 1024 * 1024))
  : > "$INPUT"
  chunk="$WORK/chunk.txt"
  # Grow a chunk to about 8 MB, then append it until the target size.
  cp "$seed" "$chunk"
  while [ "$(stat -c %s "$chunk")" -lt 8388608 ]; do cat "$chunk" "$chunk" > "$chunk.2"; mv "$chunk.2" "$chunk"; done
  while [ "$(stat -c %s "$INPUT")" -lt "$target" ]; do cat "$chunk" >> "$INPUT"; done
  truncate -s "$target" "$INPUT"
fi
BYTES=$(stat -c %s "$INPUT")
echo "input: $INPUT ($BYTES bytes), bhasha $("$BIN" --version)"

run() {
  local name="$1"; shift
  local start end secs rss=""
  if [ -x /usr/bin/time ]; then
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$WORK/rss" "$@" > "$WORK/out"  # not /dev/null: grep stops early there
    end=$(date +%s.%N)
    rss=$(tail -1 "$WORK/rss")
  else
    start=$(date +%s.%N); "$@" > "$WORK/out"; end=$(date +%s.%N)
  fi
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}')
  echo "$name $secs $rss"
}

results=()
results+=("$(run 'wc-l' wc -l "$INPUT")")
results+=("$(run 'wc-m' wc -m "$INPUT")")
results+=("$(run 'grep-bengali' env LC_ALL=C.UTF-8 grep -acP '[\x{0980}-\x{09FF}]' "$INPUT")")
results+=("$(run 'bhasha-classify' "$BIN" classify "$INPUT")")
results+=("$(run 'bhasha-stats' "$BIN" stats "$INPUT")")
results+=("$(run 'bhasha-stats-script' "$BIN" stats --script-only "$INPUT")")
base=$(echo "${results[0]}" | awk '{print $2}')
printf '%-18s %9s %9s %10s %12s\n' command seconds MB/s ratio/wc-l peak-RSS-KB
for r in "${results[@]}"; do
  set -- $r
  printf '%-18s %9.2f %9.1f %10.1f %12s\n' "$1" "$2" "$(awk -v b="$BYTES" -v s="$2" 'BEGIN{print b/1048576/s}')" \
    "$(awk -v s="$2" -v w="$base" 'BEGIN{print s/w}')" "${3:-n/a}"
done
