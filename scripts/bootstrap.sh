#!/usr/bin/env bash
# Create .venv with the newest Python >= 3.12 found on this machine and install Dateline into it.
# Usage: scripts/bootstrap.sh [EXTRAS]   e.g. scripts/bootstrap.sh dev
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
venv=".venv"

find_python() {
  local best="" best_ver=0 candidate ver
  local candidates=(python3.14 python3.13 python3.12 python3 python)
  for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin /usr/local/bin /usr/bin; do
    for name in python3.14 python3.13 python3.12; do
      [ -x "$dir/$name" ] && candidates+=("$dir/$name")
    done
  done
  for candidate in "${candidates[@]}"; do
    # A pyenv shim may exist and still fail to run: ask the interpreter itself.
    ver=$("$candidate" -c 'import sys; print(sys.version_info[0]*100+sys.version_info[1]) if sys.version_info >= (3, 12) else print(0)' 2>/dev/null) || continue
    if [ "${ver:-0}" -gt "$best_ver" ]; then best="$candidate"; best_ver="$ver"; fi
  done
  [ -n "$best" ] && echo "$best"
}

if [ ! -x "$venv/bin/python" ]; then
  python=$(find_python) || true
  if [ -z "${python:-}" ]; then
    echo "Dateline needs Python 3.12 or newer (Django 6), and none was found." >&2
    echo "Install one (e.g. 'apt-get install python3.12' or 'pyenv install 3.13') and run this again." >&2
    exit 1
  fi
  echo "Using $("$python" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
  "$python" -m venv "$venv"
fi

spec="."
[ -n "$extras" ] && spec=".[$extras]"
stamp="$venv/.installed-${extras:-base}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -e "$spec"
  touch "$stamp"
fi
