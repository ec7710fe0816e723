#!/usr/bin/env bash
# Prints the path of kiwix-serve, which the ZIM browser test (tests/browser/test_zim_browser.py) starts;
# installs Debian's kiwix-tools when we are root and it is missing. Instant when installed.
# Prints nothing (and says why, in Vietnamese, on stderr) when it cannot: that test is skipped.
set -uo pipefail
if path=$(command -v kiwix-serve); then echo "$path"; exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Đang cài kiwix-serve (gói kiwix-tools) để thử tệp ZIM như trong Kiwix..." >&2
  { apt-get install -y -qq kiwix-tools >&2 || { apt-get update -qq >&2 && apt-get install -y -qq kiwix-tools >&2; }; } \
    && command -v kiwix-serve && exit 0
fi
echo "Không có kiwix-serve nên bỏ qua phép thử tệp ZIM trong Kiwix. Hãy cài: sudo apt install kiwix-tools (Debian, Ubuntu), hoặc tải kiwix-tools ở trang của Kiwix, rồi chạy lại make test." >&2
exit 1
