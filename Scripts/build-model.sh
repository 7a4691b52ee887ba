#!/usr/bin/env bash
# Rebuilds Sources/BhashaKit/Resources/languages.bin from wordfreq 3.1.1 (PyPI), ICU, the
# permissive real romanized sources of ../shared/data (read through Scripts/build-lexicon.py,
# which needs banglish-stopwords 0.1.2 and lemx 0.2.1 from PyPI) and the Assamese word list of
# Debian's tesseract-ocr-asm 1:4.1.0-2 (Apache-2.0; installed with apt-get when missing, together
# with tesseract-ocr for combine_tessdata and dawg2wordlist).
# Deterministic: the same versions and data give the same bytes (checked by comparing checksums).
#
#   ./Scripts/build-model.sh [--data DIR]
#   ./Scripts/build-model.sh [--data DIR] --leave-out SOURCE --output FILE --bhasha BIN
#     (evaluate-loso.sh: a model without one source, beside the shipped one; BIN, an existing
#     bhasha, does the transliteration instead of a fresh debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/setup.sh
OUTPUT=Sources/BhashaKit/Resources/languages.bin
BIN=""
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --output) OUTPUT="$2"; shift 2 ;;
    --bhasha) BIN="$2"; shift 2 ;;
    --data | --leave-out) ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "build-model: unknown argument $1" >&2; exit 64 ;;
  esac
done
VENV=.build-model/venv
if ! "$VENV/bin/python" -c "import wordfreq, lemx, banglish_stopwords" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q wordfreq==3.1.1 banglish-stopwords==0.1.2 lemx==0.2.1
fi
TESSDATA=/usr/share/tesseract-ocr/5/tessdata/asm.traineddata
if [ ! -f "$TESSDATA" ] || ! command -v dawg2wordlist >/dev/null; then
  echo "build-model: installing tesseract-ocr and tesseract-ocr-asm" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq tesseract-ocr tesseract-ocr-asm >/dev/null
fi
VERSION="$(dpkg-query -W -f='${Version}' tesseract-ocr-asm 2>/dev/null || echo unknown)"
if [ "$VERSION" != "1:4.1.0-2" ]; then
  echo "build-model: tesseract-ocr-asm is $VERSION, not 1:4.1.0-2: the model's bytes may differ" >&2
fi
WORK=.build-model/tessdata
mkdir -p "$WORK"
cp "$TESSDATA" "$WORK/asm.traineddata"
combine_tessdata -u "$WORK/asm.traineddata" "$WORK/asm." >/dev/null 2>&1
dawg2wordlist "$WORK/asm.lstm-unicharset" "$WORK/asm.lstm-word-dawg" "$WORK/asm.words.txt" 2>/dev/null
if [ -z "$BIN" ]; then
  swift build --product bhasha >/dev/null
  BIN="$(swift build --show-bin-path)/bhasha"
fi
"$VENV/bin/python" Scripts/build-model.py "${ARGS[@]}" "$BIN" "$WORK/asm.words.txt" "$OUTPUT"
sha256sum "$OUTPUT"
if [ "$OUTPUT" != Sources/BhashaKit/Resources/languages.bin ]; then exit 0; fi
# The build date, for `bhasha --version` (kept beside the model, so the model stays reproducible).
# The second line gives the model's SHA-256 and size, so that a process need not hash 4 MB at
# start-up to name the model it uses (used only while the size matches the file's).
{
  echo "built $(date -u +%Y-%m-%d) by Scripts/build-model.sh (wordfreq 3.1.1, Tesseract asm 4.1.0, real romanized Hindi)"
  echo "sha256 $(sha256sum Sources/BhashaKit/Resources/languages.bin | cut -d' ' -f1) $(stat -c %s Sources/BhashaKit/Resources/languages.bin)"
} >Sources/BhashaKit/Resources/languages.info
