#!/usr/bin/env bash
# Create the virtual environment and install lurewatch with its test extras; install the Debian
# packages the browser capture and evidence reports need when they are missing. Idempotent.
set -euo pipefail  # (no grep -q after a pipe: its early exit would fail the pipeline)
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need_apt+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i "DejaVu Sans" >/dev/null || need_apt+=(fonts-dejavu-core)
command -v openssl >/dev/null || need_apt+=(openssl)
command -v wget >/dev/null || need_apt+=(wget)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages: ${need_apt[*]}" >&2
  fi
fi

stamp="$VENV/.lurewatch-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[test]"
  touch "$stamp"
fi
echo "setup: ready ($VENV)"
