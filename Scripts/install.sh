#!/usr/bin/env bash
# Builds Bhasha in release mode with the Swift runtime linked in statically and installs it:
#   Scripts/install.sh [PREFIX]        (default /usr/local)
# writes PREFIX/bin/bhasha, PREFIX/share/bhasha/languages.bin and PREFIX/share/man/man1/bhasha.1 (the language model, found
# from the executable as ../share/bhasha/languages.bin). The binary then runs from anywhere on a
# machine with the system's ICU (Debian/Ubuntu: libicu72 or the libicu of the build machine).
# BHASHA_MODEL=FILE points to a model elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:-/usr/local}
./Scripts/setup.sh
swift build -c release --static-swift-stdlib --product bhasha >&2
BIN=$(swift build -c release --static-swift-stdlib --show-bin-path)
install -d "$PREFIX/bin" "$PREFIX/share/bhasha"
# Stripped: symbols are most of the unstripped 90 MB, and nothing at run time reads them.
install -m 0755 -s "$BIN/bhasha" "$PREFIX/bin/bhasha"
install -m 0644 Sources/BhashaKit/Resources/languages.bin "$PREFIX/share/bhasha/languages.bin"
install -m 0644 Sources/BhashaKit/Resources/languages.info "$PREFIX/share/bhasha/languages.info"
install -d "$PREFIX/share/man/man1"
install -m 0644 docs/bhasha.1 "$PREFIX/share/man/man1/bhasha.1"
echo "install: $PREFIX/bin/bhasha and $PREFIX/share/bhasha/languages.bin" >&2
"$PREFIX/bin/bhasha" --version
