#!/usr/bin/env bash
# Installs what is missing, then runs the whole test suite (unit, property, golden and
# end-to-end tests). Tests that read ../shared skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/setup.sh
# Style: .swift-format at the root (2-space indent, 100 columns).
swift format lint --strict -r Sources Tests Fuzz/Sources Fuzz/Package.swift
swift build --build-tests
# The man page (docs/bhasha.1) must match the commands' help.
./Scripts/make-manual.sh --check
# Every test is a Swift Testing test: without XCTest's runner there are no "Executed 0 tests"
# lines, and the last line is Swift Testing's one summary ("Test run with N tests ... passed").
swift test --skip-build --disable-xctest "$@"
