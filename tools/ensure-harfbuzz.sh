#!/usr/bin/env bash
# Make sure WeasyPrint finds HarfBuzz's font subsetter (Debian's libharfbuzz-subset0).
# Without it WeasyPrint subsets fonts with fontTools instead (slower) and warns "Using fontTools instead of
# HarfBuzz-Subset" for every font of every pack. Installs the package when it is missing and we are root;
# otherwise says what to install and carries on: the packs are right either way.
set -uo pipefail
LDCONFIG="${LDCONFIG:-$(command -v ldconfig || echo /sbin/ldconfig)}"
if "$LDCONFIG" -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so\.0'; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "HarfBuzz-Subset is missing: installing Debian's libharfbuzz-subset0 (WeasyPrint uses it to put fonts in the packs)."
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0 >/dev/null || true
  fi
  "$LDCONFIG" -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so\.0' && exit 0
fi
cat >&2 <<MSG
Note: HarfBuzz-Subset is not installed, so WeasyPrint puts fonts in the packs with fontTools instead
(slower, same packs). To install it:
  Debian or Ubuntu:  sudo apt-get install libharfbuzz-subset0
  Fedora:            sudo dnf install harfbuzz
  macOS (Homebrew):  brew install harfbuzz
MSG
exit 0
