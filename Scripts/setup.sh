#!/usr/bin/env bash
# Installs what Bhasha needs to build: ICU's development files and pkg-config.
# Safe to run again; does nothing when they are present.
set -euo pipefail
if pkg-config --exists icu-i18n 2>/dev/null; then
  exit 0
fi
echo "setup: installing libicu-dev and pkg-config" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libicu-dev pkg-config >/dev/null
pkg-config --exists icu-i18n || { echo "setup: icu-i18n still not found by pkg-config" >&2; exit 1; }
