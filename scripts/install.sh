#!/usr/bin/env bash
# Installs everything nianbao needs on a fresh Debian machine: the system packages (Chromium for
# pages that need a browser and the web UI tests, poppler and tesseract for PDFs and OCR, qpdf for
# the encrypted-PDF test fixture, CJK fonts, pandas and openpyxl to read the exports back in the
# tests as users do, the sqlite3 shell as the export benchmark's baseline) and the npm dependencies
# (npm ci also compiles the command into dist/). Run as root (or with sudo) from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium poppler-utils poppler-data qpdf tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk python3-pandas python3-openpyxl sqlite3)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
