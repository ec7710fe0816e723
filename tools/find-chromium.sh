#!/usr/bin/env bash
# Prints the Chromium the browser tests should launch: "playwright" when Playwright's own
# download works, otherwise the path of a system Chromium (installing Debian's package when
# we are root and none is found). Playwright's download host is not reachable everywhere.
set -uo pipefail
python=$1
if timeout 600 "$python" -m playwright install chromium >/dev/null 2>&1; then
  echo playwright; exit 0
fi
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if path=$(command -v "$name"); then echo "$path"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Đang cài Chromium của hệ thống (gói chromium)..." >&2
  apt-get update -qq >&2 && apt-get install -y -qq chromium >&2 && command -v chromium && exit 0
fi
echo "Không tìm thấy Chromium để chạy thử trên trình duyệt. Hãy cài: sudo apt install chromium" >&2
exit 1
