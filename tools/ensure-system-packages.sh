#!/usr/bin/env bash
# The system libraries `make build` needs that pip cannot install: Pango, which WeasyPrint uses to lay
# out the printable packs (Debian's libpango-1.0-0 and libpangoft2-1.0-0). Installs them when they are
# missing and we are root (as in the GitHub Actions workflow, .github/workflows/site.yml); otherwise says
# what to install and stops.
set -uo pipefail
LDCONFIG="${LDCONFIG:-$(command -v ldconfig || echo /sbin/ldconfig)}"
# without ldconfig (macOS, for example) there is no way to look: carry on, WeasyPrint says if Pango is missing
[ -x "$LDCONFIG" ] || exit 0
have() { "$LDCONFIG" -p 2>/dev/null | grep -q 'libpangoft2-1\.0\.so\.0'; }
if have; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Pango is missing: installing Debian's libpango-1.0-0 and libpangoft2-1.0-0 (WeasyPrint uses them for the packs)."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
  have && exit 0
fi
cat >&2 <<MSG
Pango is not installed, and WeasyPrint needs it to make the printable packs. To install it:
  Debian or Ubuntu:  sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0
  Fedora:            sudo dnf install pango
  macOS (Homebrew):  brew install pango
MSG
exit 1
