#!/usr/bin/env bash
# Creates (or refreshes) the TVM backend's project-local Python environment tvm/.venv from
# requirements.txt. Idempotent: when the stamp matches the requirements and the interpreter it
# returns at once, so builds on a warm machine pay nothing. Prints the venv's python path last.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${RECURBENCH_TVM_VENV:-$(dirname "$HERE")/.venv}"
REQ="$HERE/requirements.txt"
STAMP="$VENV/.recurbench-stamp"

PY="${RECURBENCH_PYTHON:-}"
if [[ -n "$PY" && ! -x "$PY" ]]; then
  echo "recurbench setup tvm: python3 not found: RECURBENCH_PYTHON=$PY is not an executable file" >&2
  exit 2
fi
if [[ -z "$PY" ]]; then
  for c in python3 python; do
    if command -v "$c" >/dev/null 2>&1; then PY="$(command -v "$c")"; break; fi
  done
fi
if [[ -z "$PY" ]]; then
  echo "recurbench setup tvm: python3 not found on PATH; install Python >= 3.10 (Debian: apt-get install python3 python3-venv) or set RECURBENCH_PYTHON" >&2
  exit 2
fi
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "recurbench setup tvm: $PY is $("$PY" --version 2>&1); apache-tvm 0.27 needs Python >= 3.10" >&2
  exit 2
fi

want="$( (cat "$REQ"; "$PY" --version 2>&1; uname -m) | sha256sum | cut -d' ' -f1)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -x "$VENV/bin/python" ]]; then
  echo "$VENV/bin/python"
  exit 0
fi

echo "recurbench setup tvm: creating $VENV (apache-tvm, ~100 MB download on a cold machine)…" >&2
if ! "$PY" -m venv --clear "$VENV" >&2; then
  echo "recurbench setup tvm: '$PY -m venv' failed; install the venv module (Debian: apt-get install python3-venv)" >&2
  exit 2
fi
if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  echo "recurbench setup tvm: pip is missing in the new environment; install it (Debian: apt-get install python3-pip python3-venv)" >&2
  exit 2
fi
"$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQ" >&2
echo "$want" > "$STAMP.tmp" && mv "$STAMP.tmp" "$STAMP"
echo "recurbench setup tvm: ready" >&2
echo "$VENV/bin/python"
