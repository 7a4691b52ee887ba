#!/usr/bin/env bash
# Writes docs/bhasha.1, the man page, from the command's own help (swift-argument-parser's
# generate-manual plugin) plus docs/bhasha.1.sections (EXIT STATUS, ENVIRONMENT, FILES,
# EXAMPLES). With --check, writes nothing and fails if docs/bhasha.1 is not current.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
swift package --allow-writing-to-directory "$out" generate-manual --configuration debug \
  --date 2026-11-22 --authors "The Bhasha developers" -o "$out" >/dev/null
# Replace the plugin's generic EXIT STATUS with ours, and add the other sections before AUTHORS.
python3 - "$out/bhasha.1" docs/bhasha.1.sections >"$out/bhasha.1.full" <<'PY'
import sys
page = open(sys.argv[1]).read()
extra = open(sys.argv[2]).read()
start = page.index('.Sh "EXIT STATUS"')
end = page.index(".Sh AUTHORS")
sys.stdout.write(page[:start] + extra + page[end:])
PY
if [ "${1:-}" = "--check" ]; then
  if ! cmp -s "$out/bhasha.1.full" docs/bhasha.1; then
    diff -u docs/bhasha.1 "$out/bhasha.1.full" | head -40 >&2 || true
    echo "make-manual: docs/bhasha.1 is not current; run Scripts/make-manual.sh" >&2
    exit 1
  fi
  echo "make-manual: docs/bhasha.1 is current" >&2
else
  cp "$out/bhasha.1.full" docs/bhasha.1
  echo "make-manual: wrote docs/bhasha.1" >&2
fi
