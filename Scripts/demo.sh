#!/usr/bin/env bash
# Sets up a new machine, builds bhasha (release) and runs split and stats on Corpora/.
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/setup.sh
swift build -c release --product bhasha
BIN="$(swift build -c release --show-bin-path)/bhasha"
OUT="${1:-out/demo}"
mkdir -p "$OUT"
"$BIN" split Corpora/*.txt -o "$OUT" --force
"$BIN" stats --per-file Corpora/*.txt | tee "$OUT/stats.txt"
"$BIN" stats --format json Corpora/*.txt > "$OUT/stats.json"
echo
echo "demo: streams, stats.txt and stats.json are in $OUT/"
ls -1 "$OUT"
