#!/usr/bin/env bash
# Sets up everything the app and its tests need on a fresh Debian/Ubuntu machine:
# system libraries (Qt's xcb/EGL/fontconfig, Xvfb, zbar, poppler, CUPS) when we may install them,
# a virtual environment in .venv with the project and its test tools, and the compiled
# translations. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt 6 (PySide6-Essentials wheels) runtime libraries
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1
  libxrender1 libxi6 libsm6 libice6 libcups2
  # a virtual screen for screenshots; fonts; QR decoding; PDF rasterising; a print system
  xvfb xauth fonts-dejavu-core libzbar0 poppler-utils cups cups-bsd printer-driver-cups-pdf
  # the district console's browser test (Playwright drives this Chromium)
  chromium
)

source scripts/apt-install.sh
apt_install setup "${APT_PACKAGES[@]}" || true

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.fieldreg-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[server,test]"
  touch "$stamp"
fi
if [ -f tools/build_translations.py ]; then
  .venv/bin/python tools/build_translations.py
fi
