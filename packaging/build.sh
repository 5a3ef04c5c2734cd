#!/usr/bin/env bash
# Builds the one-folder bundle on Linux: dist/fieldreg/ with fieldreg-app (the desktop app) and
# fieldreg (the command line) sharing dist/fieldreg/_internal/.
#
#   bash packaging/build.sh            # build, or say the bundle is up to date
#   FORCE=1 bash packaging/build.sh    # build even when nothing changed
#   PYTHON=python3.11 ...              # the Python of the build environment (default python3.11)
#
# It installs what it lacks (system libraries PyInstaller collects into the bundle, binutils for
# PyInstaller's objdump) with apt-get when run as root or with password-less sudo, and uses its
# own virtual environment, build/venv, holding only the project's dependencies and the pinned
# PyInstaller (packaging/requirements-build.txt): no test tool can end up in the bundle. Safe to
# run again: the environment is reinstalled only when pyproject.toml or the pins change, and
# PyInstaller runs only when a source, resource or packaging file changed (a hash of them is kept
# in dist/fieldreg/.build-inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$SECONDS

# shellcheck source=scripts/apt-install.sh
source "$ROOT/scripts/apt-install.sh"
APT_PACKAGES=(
  # PyInstaller reads binaries' dependencies with objdump and ldd
  binutils
  # Qt 6's runtime libraries (as scripts/setup.sh): the bundle carries them, so they must be here
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1
  libxrender1 libxi6 libsm6 libice6 libcups2
)

apt_install build "${APT_PACKAGES[@]}"

# pip's notes about index locations it cannot read are noise here; everything else is shown.
quiet_pip() { grep -v "is ignored: it is neither a file nor a directory" || true; }

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || { echo "build: $PY not found (set PYTHON=...)" >&2; exit 1; }
VENV=build/venv
stamp=$VENV/.fieldreg-build-installed
if [ ! -x "$VENV/bin/python" ]; then
  echo "build: creating $VENV with $("$PY" --version)" >&2
  "$PY" -m venv "$VENV"
  rm -f "$stamp"
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] \
    || [ packaging/requirements-build.txt -nt "$stamp" ]; then
  echo "build: installing the project's dependencies and PyInstaller into $VENV" >&2
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  # Only the project (no [test] or [server] extras) and the pinned build tools. The bundle is
  # made from the source tree (the spec puts it first on the path); the installed copy only
  # brings the dependencies in.
  "$VENV/bin/python" -m pip install -q . -r packaging/requirements-build.txt 2>&1 | quiet_pip
  touch "$stamp"
fi

# The compiled translations the bundle carries (resources/i18n/*.qm are not committed).
"$VENV/bin/python" tools/build_translations.py --qm-only

inputs_hash() {
  {
    find fieldreg ui resources packaging/fieldreg.spec packaging/entry_app.py \
      packaging/entry_cli.py packaging/hooks -type f ! -path '*/__pycache__/*' ! -name '*.pyc' \
      -print0 | sort -z | xargs -0 sha256sum
    sha256sum pyproject.toml
    "$VENV/bin/python" -m pip freeze --all 2>/dev/null
    echo "trim=${FIELDREG_BUNDLE_TRIM:-1}"
  } | sha256sum | cut -d' ' -f1
}
hash=$(inputs_hash)
if [ -z "${FORCE:-}" ] && [ -x dist/fieldreg/fieldreg ] && [ -x dist/fieldreg/fieldreg-app ] \
    && [ "$(cat dist/fieldreg/.build-inputs 2>/dev/null)" = "$hash" ]; then
  echo "build: dist/fieldreg is up to date ($(du -sh dist/fieldreg | cut -f1))"
  exit 0
fi

echo "build: running PyInstaller (packaging/fieldreg.spec)" >&2
rm -f dist/fieldreg/.build-inputs
# build/pyinstaller keeps PyInstaller's work files: a re-run reuses its analysis where it can.
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist \
  --workpath build/pyinstaller packaging/fieldreg.spec
echo "$hash" > dist/fieldreg/.build-inputs

echo "build: dist/fieldreg built in $((SECONDS - started)) s: $(du -sh dist/fieldreg | cut -f1)"
echo "build: largest items:"
du -sh dist/fieldreg/fieldreg dist/fieldreg/fieldreg-app dist/fieldreg/_internal/* 2>/dev/null \
  | sort -rh | head -12 | sed 's/^/  /'
