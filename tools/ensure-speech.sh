#!/usr/bin/env bash
# Make sure the programs that read the easy-read pages aloud are installed: espeak-ng (the computer voice)
# and opusenc (Debian's opus-tools, which makes small Opus files). Installs Debian's packages when they are
# missing and we are root (as in the GitHub Actions workflow); otherwise says what to install and carries
# on: the site is built all the same, without audio (the build says so too). Never fails.
set -uo pipefail
have() { command -v espeak-ng >/dev/null 2>&1 && command -v opusenc >/dev/null 2>&1; }
if have; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "espeak-ng or opusenc is missing: installing Debian's espeak-ng and opus-tools (they read the easy-read pages aloud)."
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends espeak-ng opus-tools >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends espeak-ng opus-tools >/dev/null || true
  fi
  have && exit 0
fi
cat >&2 <<MSG
Note: espeak-ng and opus-tools are not installed, so the easy-read pages will be published without
audio (recordings in framework_data/audio/ are still used). To add the computer voice, install them:
  Debian or Ubuntu:  sudo apt-get install espeak-ng opus-tools
  Fedora:            sudo dnf install espeak-ng opus-tools
  macOS (Homebrew):  brew install espeak-ng opus-tools
Or build without audio: .venv/bin/charterkit build --no-audio
MSG
exit 0
