#!/usr/bin/env bash
# Rebuilds Sources/BhashaKit/Resources/languages.bin from wordfreq 3.1.1 (PyPI) and ICU.
# Deterministic: the same versions give the same bytes (checked by comparing checksums).
#
#   ./Scripts/build-model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/setup.sh
VENV=.build-model/venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q wordfreq==3.1.1
fi
swift build >/dev/null
BIN="$(swift build --show-bin-path)/bhasha"
"$VENV/bin/python" Scripts/build-model.py "$BIN" Sources/BhashaKit/Resources/languages.bin
sha256sum Sources/BhashaKit/Resources/languages.bin
