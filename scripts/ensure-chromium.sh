#!/usr/bin/env bash
# Installs Debian's chromium, the browser the page tests drive headless,
# when it is missing. Idempotent.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
	echo "ensure-chromium: $(chromium --version 2>/dev/null | head -n 1)"
	exit 0
fi
echo "ensure-chromium: installing Debian's chromium"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null || { echo "ensure-chromium: chromium did not install"; exit 1; }
echo "ensure-chromium: $(chromium --version 2>/dev/null | head -n 1)"
