#!/usr/bin/env bash
# Learns romanized Bengali's and Hindi's own words from the permissive real sources of
# ../shared/data (Scripts/build-lexicon.py says how) and writes
# Sources/BhashaKit/Analysis/RomanizedLexicon.swift. Deterministic: the same data and the same
# pinned packages (wordfreq 3.1.1, banglish-stopwords 0.1.2, lemx 0.2.1, in .build-lexicon/venv) give the
# same file.
#
#   ./Scripts/build-lexicon.sh [--data DIR] [--leave-out SOURCE] [--print]
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.build-lexicon/venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q wordfreq==3.1.1 banglish-stopwords==0.1.2 lemx==0.2.1
fi
"$VENV/bin/python" Scripts/build-lexicon.py "$@"
