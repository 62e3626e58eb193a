#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests and image export, with
# an Arabic typeface (Debian's fonts-noto-core: Noto Naskh Arabic, Noto Sans Arabic) for Arabic and
# Persian pages and exports. Tools that download their own browser (playwright install, kaleido's
# get_chrome) cannot work on machines without internet, so the system package is the one supported browser.
set -euo pipefail
wanted=()
[ -x /usr/bin/chromium ] || wanted+=(chromium)
# Without it Chromium falls back to DejaVu Sans, which shapes Arabic correctly but plainly.
dpkg -s fonts-noto-core >/dev/null 2>&1 || wanted+=(fonts-noto-core)
if [ ${#wanted[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's ${wanted[*]} (once) ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
  exit 0
fi
if [ -x /usr/bin/chromium ]; then
  echo "note: fonts-noto-core is missing (Arabic and Persian use a plainer typeface): sudo apt-get install -y fonts-noto-core" >&2
  exit 0
fi
echo "Chromium is missing: run 'sudo apt-get install -y chromium fonts-noto-core' (needed for browser tests and image export)" >&2
exit 1
