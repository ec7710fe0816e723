#!/usr/bin/env bash
# Creates the project's virtual environment. Debian and Ubuntu ship venv separately
# (python3-venv): install it when we are root, otherwise say what to run.
set -euo pipefail
python=$1 venv=$2
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Cần Python 3.11 trở lên (đang có: $("$python" --version 2>&1))." >&2; exit 1; }
[ -x "$venv/bin/python" ] && exit 0
if ! "$python" -m venv "$venv" 2>/dev/null; then
  rm -rf "$venv"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    apt-get update -qq && { apt-get install -y -qq "python$version-venv" || apt-get install -y -qq python3-venv; }
    "$python" -m venv "$venv"
  else
    echo "Không tạo được môi trường Python. Hãy chạy: sudo apt install python3-venv, rồi chạy lại lệnh make." >&2
    exit 1
  fi
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
