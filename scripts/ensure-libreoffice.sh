#!/usr/bin/env bash
# Installs Debian's LibreOffice Writer (soffice), with which a test opens the
# report's DOCX as a reader would and converts it to PDF, when it is missing.
# Idempotent.
set -euo pipefail
if command -v soffice >/dev/null 2>&1; then
	echo "ensure-libreoffice: $(soffice --version 2>/dev/null | head -n 1)"
	exit 0
fi
echo "ensure-libreoffice: installing Debian's libreoffice-writer-nogui"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null
command -v soffice >/dev/null || { echo "ensure-libreoffice: LibreOffice did not install"; exit 1; }
echo "ensure-libreoffice: $(soffice --version 2>/dev/null | head -n 1)"
