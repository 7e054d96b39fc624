#!/usr/bin/env bash
# Makes sure Debian's chromium is installed: the report module's browser test renders report.html
# with /usr/bin/chromium (headless). Idempotent and quiet: does nothing when chromium is present,
# otherwise installs the `chromium` package with apt-get (as root, or through sudo) and prints
# apt-get's output only if that fails.
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
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { "${SUDO[@]}" apt-get update -qq && "${SUDO[@]}" apt-get install -y -qq chromium; } >"$log" 2>&1; then
  echo "ensure-chromium: 'apt-get install chromium' failed; last lines:" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
if [[ ! -x /usr/bin/chromium ]]; then
  echo "ensure-chromium: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
