#!/usr/bin/env bash
# Make sure a Chromium the accessibility tests can drive is installed.
# Installs Debian's chromium when it is missing and we are root; otherwise says what to install.
set -euo pipefail
for c in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$c" ] && [ -x "$c" ]; then exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package (needed for the accessibility tests)."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
cat >&2 <<MSG
The accessibility tests need Chromium, and it is not installed.
Install it, then run 'make test' again:
  Debian or Ubuntu:  sudo apt-get install chromium
Or set CHROMIUM=/path/to/chromium if it is somewhere else.
MSG
exit 1
