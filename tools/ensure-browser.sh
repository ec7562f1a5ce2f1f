#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests. Playwright drives it
# through its executable path; no browser is ever downloaded by Playwright itself.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is not installed, so the browser tests will be skipped." >&2
    echo "Install it with: sudo apt-get install chromium" >&2
    exit 0
fi
echo "Installing Chromium from Debian packages for the browser tests..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
