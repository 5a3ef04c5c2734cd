#!/usr/bin/env bash
# Sets up the app on a fresh Debian/Ubuntu machine; with --test, its tests and tools too.
#   bash scripts/setup.sh          # what the app needs to run (scripts/start.sh)
#   bash scripts/setup.sh --test   # and what the tests need (scripts/test.sh)
# System libraries when we may install them (root or password-less sudo), a virtual environment
# in .venv with the project, and the compiled translations. Safe to run again: it only does
# what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=app
case "${1:-}" in
  --test) MODE=test ;;
  "") ;;
  *) echo "usage: bash scripts/setup.sh [--test]" >&2; exit 2 ;;
esac

APP_PACKAGES=(
  # Qt 6 (PySide6-Essentials wheels) runtime libraries, CUPS's client library for printing
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1
  libxrender1 libxi6 libsm6 libice6 libcups2
  # a font for Qt to draw text with on a machine that has none
  fonts-dejavu-core
)
TEST_PACKAGES=(
  # a virtual screen for the GUI tests and screenshots; QR decoding (zbar); PDF rasterising;
  # a print system with a PDF printer (the print test); the console's browser test (Playwright
  # drives Debian's Chromium)
  xvfb xauth libzbar0 poppler-utils cups cups-bsd printer-driver-cups-pdf chromium
)

source scripts/apt-install.sh
if [ "$MODE" = test ]; then
  apt_install setup "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}" || true
else
  apt_install setup "${APP_PACKAGES[@]}" || true
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# The app alone: the project. The tests: the project with the district server and test tools
# (which includes everything the app needs, so it satisfies the app's setup too).
app_stamp=.venv/.fieldreg-installed-app
test_stamp=.venv/.fieldreg-installed-test
fresh() { [ -f "$1" ] && [ ! pyproject.toml -nt "$1" ]; }
if [ "$MODE" = test ] && ! fresh "$test_stamp"; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[server,test]"
  touch "$test_stamp" "$app_stamp"
elif [ "$MODE" = app ] && ! fresh "$app_stamp" && ! fresh "$test_stamp"; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e .
  touch "$app_stamp"
fi
# The .qm files the app loads, from the committed .ts sources (tools/build_translations.py
# without --qm-only also updates the .ts files from the code: a developer's step).
.venv/bin/python tools/build_translations.py --qm-only
