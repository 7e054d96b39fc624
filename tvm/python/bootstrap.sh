#!/usr/bin/env bash
# Creates (or refreshes) the TVM backend's project-local Python environment tvm/.venv from
# requirements.txt. Idempotent: when the stamp matches the requirements and the interpreter it
# returns at once, so builds on a warm machine pay nothing. Prints the venv's python path last.
# With --cuda it also installs requirements-cuda.txt (NVRTC, CUDA headers, libcudart), under a
# stamp of its own, so only a cuda target pays for those wheels.
set -euo pipefail
CUDA=0
case "${1:-}" in
  "") ;;
  --cuda) CUDA=1 ;;
  *) echo "recurbench setup tvm: unknown argument '$1' (expected nothing or --cuda)" >&2; exit 2 ;;
esac
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${RECURBENCH_TVM_VENV:-$(dirname "$HERE")/.venv}"
REQ="$HERE/requirements.txt"
REQ_CUDA="$HERE/requirements-cuda.txt"
STAMP="$VENV/.recurbench-stamp"
CUDA_STAMP="$VENV/.recurbench-stamp-cuda"

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
want_cuda="$( (echo "$want"; cat "$REQ_CUDA") | sha256sum | cut -d' ' -f1)"

# The cuda extras on top of a ready base environment (their stamp also names the base's).
ensure_cuda() {
  if [[ "$CUDA" == 1 && ! ( -f "$CUDA_STAMP" && "$(cat "$CUDA_STAMP")" == "$want_cuda" ) ]]; then
    echo "recurbench setup tvm: adding the cuda wheels (NVRTC, CUDA headers, libcudart; ~65 MB download)…" >&2
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQ_CUDA" >&2
    echo "$want_cuda" > "$CUDA_STAMP.tmp" && mv "$CUDA_STAMP.tmp" "$CUDA_STAMP"
  fi
}

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -x "$VENV/bin/python" ]]; then
  ensure_cuda
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
ensure_cuda
echo "$VENV/bin/python"
