#!/usr/bin/env bash
# Leave-one-source-out rows for the sources the romanized lexicon learns from: for each of
# banglish-app-reviews, code-mixed-dialog and trac1-hindi, builds the lexicon without it
# (Scripts/build-lexicon.sh --leave-out) and the language model without it
# (Scripts/build-model.sh --leave-out, into a temporary file that BHASHA_MODEL points to), builds
# release, and measures that source's rows (Scripts/evaluate-sources.py --only SOURCE --held-out).
# Restores the full lexicon and the release build at the end, also when interrupted; the shipped
# model is never touched.
#
#   ./Scripts/evaluate-loso.sh [--data DIR] [--json]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data
if [[ " $* " == *" --data "* ]]; then
  DATA=$(echo " $* " | sed -E 's/.* --data ([^ ]+) .*/\1/')
fi
if [ ! -d "$DATA" ]; then
  echo "evaluate-loso: $DATA is absent; skipped"
  exit 0
fi
BIN="$(swift build -c release --show-bin-path)/bhasha"
MODEL="$(mktemp -d)"
restore() {
  rm -rf "$MODEL"
  ./Scripts/build-lexicon.sh --data "$DATA" 2>/dev/null
  swift build -c release --product bhasha >/dev/null
}
trap restore EXIT
first=1
for source in banglish-app-reviews code-mixed-dialog trac1-hindi; do
  ./Scripts/build-lexicon.sh --data "$DATA" --leave-out "$source" 2>/dev/null
  swift build -c release --product bhasha >/dev/null
  ./Scripts/build-model.sh --data "$DATA" --leave-out "$source" --bhasha "$BIN" \
    --output "$MODEL/languages.bin" >/dev/null
  BHASHA_MODEL="$MODEL/languages.bin" \
    python3 Scripts/evaluate-sources.py "$BIN" --only "$source" --held-out "$@" |
    if [ $first = 1 ]; then cat; else tail -n +3; fi
  first=0
done
