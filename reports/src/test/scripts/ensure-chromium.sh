#!/usr/bin/env bash
# Makes sure Debian's chromium is installed: the report module's browser test renders report.html
# with /usr/bin/chromium (headless). Idempotent and quiet: does nothing when chromium is present,
# otherwise installs the `chromium` package with apt-get (as root, or through sudo).
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing and apt-get is not available; install Chromium by hand" >&2
  exit 1
fi
SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  SUDO=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >/dev/null
"${SUDO[@]}" apt-get install -y -qq chromium >/dev/null
[[ -x /usr/bin/chromium ]] || { echo "ensure-chromium: apt-get finished but /usr/bin/chromium is still missing" >&2; exit 1; }
