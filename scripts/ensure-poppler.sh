#!/usr/bin/env bash
# Installs Debian's poppler-utils (pdftotext, pdftoppm), with which a test
# opens the report's PDF as a reader would, when they are missing. Idempotent.
set -euo pipefail
if command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	echo "ensure-poppler: $(pdftoppm -v 2>&1 | head -n 1)"
	exit 0
fi
echo "ensure-poppler: installing Debian's poppler-utils"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq poppler-utils >/dev/null
command -v pdftoppm >/dev/null || { echo "ensure-poppler: poppler-utils did not install"; exit 1; }
echo "ensure-poppler: $(pdftoppm -v 2>&1 | head -n 1)"
