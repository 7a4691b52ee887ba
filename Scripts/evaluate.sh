#!/usr/bin/env bash
# Accuracy reports. Builds release, then:
#   - spans: character-level agreement, span-boundary F1 and line labels on Corpora/gold, and the
#     false-split rate on lingua's English and Bengali sentences (skipped if ../shared/data is absent).
#
#   ./Scripts/evaluate.sh [--json] [--data DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/setup.sh
swift build -c release >/dev/null
BIN="$(swift build -c release --show-bin-path)/bhasha"
python3 Scripts/check-gold.py >/dev/null
python3 Scripts/evaluate-spans.py "$BIN" "$@"
