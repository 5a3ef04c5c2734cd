#!/usr/bin/env bash
# Smoke-tests the built bundle (dist/fieldreg, from packaging/build.sh) the way a volunteer's
# laptop runs it: every command runs from a scratch folder outside the repository, in a minimal
# environment (env -i: PATH=/usr/bin:/bin, no virtual environment, no PYTHONPATH), so the bundle
# can only use what it carries.
#
#   bash packaging/smoke.sh              # exit 0 only when every check passed
#   KEEP=1 bash packaging/smoke.sh       # keep the scratch folder for a look afterwards
#
# What the checks need from the repository itself is made by the build environment's Python
# (build/venv), outside the clean environment: the sample village list and the conversion of
# the screenshots. The screenshots, the cards PDF and the logs land in dist/smoke/.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUNDLE=$ROOT/dist/fieldreg
OUT=$ROOT/dist/smoke
HARNESS_PY=$ROOT/build/venv/bin/python
started=$SECONDS

# shellcheck source=scripts/apt-install.sh
source "$ROOT/scripts/apt-install.sh"
APT_PACKAGES=(
  xvfb xauth x11-utils xdotool  # a virtual screen, finding and typing into the app's window
  poppler-utils                 # pdfinfo, pdftoppm: the cards PDF
  fonts-dejavu-core             # the app's window text (Qt uses the system's fonts)
)
apt_install smoke "${APT_PACKAGES[@]}" || exit 1

for f in "$BUNDLE/fieldreg" "$BUNDLE/fieldreg-app" "$HARNESS_PY"; do
  [ -x "$f" ] || { echo "smoke: $f is missing: run bash packaging/build.sh first" >&2; exit 1; }
done

VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' fieldreg/__init__.py)
PASSWORD="sandi-uji-smoke-1"
scratch=$(mktemp -d /tmp/fieldreg-smoke.XXXXXX)
mkdir -p "$scratch/home" "$scratch/work" "$OUT"
rm -f "$OUT"/*
XVFB_PID="" APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  wait 2>/dev/null
  if [ -n "${KEEP:-}" ]; then echo "smoke: scratch folder kept: $scratch"; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

passed=() failed=()
ok() { passed+=("$1"); echo "  ok    $1"; }
bad() { failed+=("$1"); echo "  FAIL  $1"; shift; for line in "$@"; do echo "        $line"; done; }

# The bundle's command in the clean environment, from the scratch folder; output in $scratch/out
# and $scratch/err. Extra VAR=value words before the arguments go into the environment.
clean_env() {
  env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@"
}
fr() {
  local envs=()
  while [[ $# -gt 0 && $1 == *=* ]]; do envs+=("$1"); shift; done
  (cd "$scratch/work" && clean_env FIELDREG_HOME="$scratch/data" FIELDREG_PASSWORD="$PASSWORD" \
    FIELDREG_ARGON2_COST=1,8192,1 "${envs[@]}" "$BUNDLE/fieldreg" "$@" \
    >"$scratch/out" 2>"$scratch/err" </dev/null)
}
# the last lines of the command's output, for a failure message
said() { tail -n 5 "$scratch/out" "$scratch/err" 2>/dev/null | sed '/^$/d'; }
readarray_said() { mapfile -t SAID < <(said); }

echo "smoke: testing $BUNDLE ($(du -sh "$BUNDLE" | cut -f1)) in $scratch"

# ------------------------------------------------------------------ the command line
if fr --version && grep -qx "fieldreg $VERSION" "$scratch/out"; then
  ok "fieldreg --version says $VERSION"
else readarray_said; bad "fieldreg --version (expected 'fieldreg $VERSION')" "${SAID[@]}"; fi

if fr init --device-name "Laptop Smoke" --regency 15.05 --volunteer "Siti Aminah" \
    && [ -f "$scratch/data/keyslots.json" ] && [ -f "$scratch/data/fieldreg.db" ] \
    && grep -Eq '\b([0-9A-Z]{4}-){5}[0-9A-Z]{4}\b' "$scratch/out"; then
  ok "init: a new encrypted data folder (keyslots.json, fieldreg.db) and a recovery key"
else readarray_said; bad "init" "${SAID[@]}"; fi

if fr template "$scratch/work/template.xlsx" && fr import "$scratch/work/template.xlsx" --dry-run
then ok "template writes the village-list workbook, import --dry-run reads it back"
else readarray_said; bad "template / import --dry-run" "${SAID[@]}"; fi

# A village list of 12 valid rows, made from the current source by the build environment.
ROWS=12
if (cd "$scratch/work" && PYTHONPATH="$ROOT" "$HARNESS_PY" -c "
import sys
from pathlib import Path
from tools.sample_data import SampleFactory, village_list_row, write_village_list
f = SampleFactory(seed=169)
write_village_list(Path('daftar.xlsx'), [village_list_row(f.data()) for _ in range($ROWS)])
") && fr import "$scratch/work/daftar.xlsx" --report "$scratch/work/laporan.csv" --consent paper \
    && grep -q "^$ROWS dari $ROWS baris diimpor" "$scratch/out"; then
  ok "import: $ROWS rows of an XLSX village list imported, ready to send"
else readarray_said; bad "import of a $ROWS-row village list" "${SAID[@]}"; fi

if fr status && grep -Eq "^ +ready +$ROWS$" "$scratch/out" \
    && grep -q "^Antrian kirim: $ROWS$" "$scratch/out"; then
  ok "status: $ROWS ready, $ROWS in the queue"
else readarray_said; bad "status (expected $ROWS ready and queued)" "${SAID[@]}"; fi

pages=""
if fr cards --all --out "$scratch/work/cards.pdf"; then
  pages=$(pdfinfo "$scratch/work/cards.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
fi
if [ -n "$pages" ] && [ "$pages" -gt 0 ]; then
  cp "$scratch/work/cards.pdf" "$OUT/cards.pdf"
  ok "cards --all: a PDF of $pages pages (dist/smoke/cards.pdf)"
else readarray_said; bad "cards --all (no PDF, or no pages)" "${SAID[@]}"; fi

# One card on its own page, rendered at 300 dpi as a printer would, read back from the image.
record=""
fr list --limit 1 && record=$(awk 'NR == 1 {print $1}' "$scratch/out")
if [ -n "$record" ] \
    && fr cards --ids "$record" --layout card --reprint-reason "uji paket" \
         --out "$scratch/work/one.pdf" \
    && pdftoppm -r 300 -png -f 1 -l 1 "$scratch/work/one.pdf" "$scratch/work/one" \
    && fr verify-card --image "$scratch/work/one-1.png" && grep -q "^SAH" "$scratch/out"; then
  ok "verify-card --image: a printed card's QR read back and its signature valid"
else readarray_said; bad "cards --ids + verify-card --image" "${SAID[@]}"; fi

if fr diagnostics "$scratch/work/diag.txt" --without-database \
    && grep -Eq "frozen.*: +ya / yes" "$scratch/work/diag.txt"; then
  cp "$scratch/work/diag.txt" "$OUT/diagnostics.txt"
  ok "diagnostics --without-database: written, and it says the code runs frozen"
else readarray_said; bad "diagnostics --without-database" "${SAID[@]}"; fi

backup=""
if fr backup; then
  backup=$(ls -t "$scratch/data/backups/"*.fieldreg-backup 2>/dev/null | head -n 1)
fi
if [ -n "$backup" ]; then
  ok "backup: $(basename "$backup")"
else readarray_said; bad "backup (no .fieldreg-backup file in the data folder)" "${SAID[@]}"; fi
if [ -n "$backup" ] && fr restore "$backup" && fr status \
    && grep -Eq "^ +ready +$ROWS$" "$scratch/out"; then
  ok "restore: the backup restored, $ROWS records still ready"
else readarray_said; bad "restore" "${SAID[@]}"; fi

# ------------------------------------------------------------------ portable mode
usb=$scratch/usb
mkdir -p "$usb" && cp -a "$BUNDLE" "$usb/fieldreg" && touch "$usb/fieldreg/portable.txt"
if (cd "$scratch/work" && clean_env FIELDREG_PASSWORD="$PASSWORD" FIELDREG_ARGON2_COST=1,8192,1 \
      "$usb/fieldreg/fieldreg" init --device-name "Laptop USB" --regency 15.05 \
      --volunteer "Budi" >"$scratch/out" 2>"$scratch/err" </dev/null) \
    && [ -f "$usb/fieldreg/fieldreg-data/keyslots.json" ] \
    && [ ! -e "$scratch/home/.local/share/fieldreg" ]; then
  ok "portable: with portable.txt, init put the data in <copy>/fieldreg-data"
else readarray_said; bad "portable mode (expected $usb/fieldreg/fieldreg-data/keyslots.json)" \
  "${SAID[@]}"; fi
rm -rf "$usb"

# ------------------------------------------------------------------ the desktop app
# Xvfb picks a free display and writes its number to fd 3; -fbdir keeps the screen as an XWD
# file we can copy at any moment.
mkdir -p "$scratch/fb"
Xvfb -displayfd 3 -screen 0 1440x900x24 -fbdir "$scratch/fb" -nolisten tcp \
  3>"$scratch/display" >"$scratch/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 50); do [ -s "$scratch/display" ] && break; sleep 0.1; done
DISPLAY_NUM=":$(cat "$scratch/display" 2>/dev/null)"

window_id() {  # the id of the viewable top-level window whose title starts with $1, or nothing
  local id
  for id in $(xwininfo -display "$DISPLAY_NUM" -root -tree 2>/dev/null \
                | grep -F "\"$1" | awk '{print $1}'); do
    if xwininfo -display "$DISPLAY_NUM" -id "$id" 2>/dev/null | grep -q "Map State: IsViewable" \
        && xwininfo -display "$DISPLAY_NUM" -id "$id" | awk '/Width:/ {exit !($2 > 100)}'; then
      echo "$id"; return 0
    fi
  done
  return 1
}
wait_window() {  # wait_window TITLE-START SECONDS
  local i
  for i in $(seq 1 $(($2 * 4))); do
    WIN=$(window_id "$1") && return 0
    kill -0 "$APP_PID" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}
xdo() { DISPLAY=$DISPLAY_NUM xdotool "$@"; }
screenshot() {  # screenshot NAME: the whole virtual screen to dist/smoke/NAME.png
  "$HARNESS_PY" packaging/xwd2png.py "$scratch/fb/Xvfb_screen0" "$OUT/$1.png" >/dev/null
}

if [ "$DISPLAY_NUM" = ":" ]; then
  bad "the desktop app: Xvfb did not start" "$(tail -n 3 "$scratch/xvfb.log")"
else
  (cd "$scratch/work" && exec env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=C.UTF-8 \
     DISPLAY="$DISPLAY_NUM" QT_QPA_PLATFORM=xcb FIELDREG_HOME="$scratch/data" \
     "$BUNDLE/fieldreg-app" >"$OUT/app-output.txt" 2>&1 </dev/null) &
  APP_PID=$!
  app_started=$SECONDS
  if wait_window "fieldreg — " 60; then
    sleep 1.5  # let it paint
    screenshot app-unlock
    ok "fieldreg-app: its unlock window is on the screen after $((SECONDS - app_started)) s (dist/smoke/app-unlock.png)"
    # Unlock: the password field has the focus; the main window's title is the laptop's name.
    xdo windowfocus --sync "$WIN"
    xdo type --delay 15 "$PASSWORD"
    xdo key Return
    if wait_window "fieldreg — Laptop Smoke" 60; then
      sleep 2
      screenshot app-main
      ok "fieldreg-app: unlocked with the password, the main window is shown (dist/smoke/app-main.png)"
      # The card printing page (Qt's print support and the CUPS plugin): click it in the
      # sidebar; the check is that the app lives on without an error (look at the picture).
      xdo mousemove --window "$WIN" 60 215 click 1
      sleep 3
      screenshot app-cards
      if kill -0 "$APP_PID" 2>/dev/null; then
        ok "fieldreg-app: the card printing page was opened (dist/smoke/app-cards.png)"
        # One app per data folder (QtNetwork's local socket is in the bundle): a second
        # launch asks the running app to show its window and exits.
        if (cd "$scratch/work" && env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=C.UTF-8 \
              DISPLAY="$DISPLAY_NUM" QT_QPA_PLATFORM=xcb FIELDREG_HOME="$scratch/data" \
              timeout 30 "$BUNDLE/fieldreg-app" >"$OUT/app-second.txt" 2>&1 </dev/null) \
            && kill -0 "$APP_PID" 2>/dev/null; then
          ok "fieldreg-app: a second launch on the same data folder shows the first and exits"
        else
          bad "fieldreg-app: a second launch did not hand over to the first" \
            "$(tail -n 5 "$OUT/app-second.txt")"
        fi
      else
        bad "fieldreg-app: it died when the card printing page was opened" \
          "$(tail -n 5 "$OUT/app-output.txt")"
      fi
    else
      screenshot app-failed
      bad "fieldreg-app: no main window after typing the password" \
        "$(tail -n 5 "$OUT/app-output.txt")"
    fi
  else
    screenshot app-failed
    bad "fieldreg-app: no window within 60 s" "$(tail -n 5 "$OUT/app-output.txt")"
  fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    bad "fieldreg-app: it exited by itself" "$(tail -n 5 "$OUT/app-output.txt")"
  elif grep -Eq "Traceback|Error:" "$OUT/app-output.txt"; then
    bad "fieldreg-app: errors in its output (dist/smoke/app-output.txt)" \
      "$(grep -E "Traceback|Error:" "$OUT/app-output.txt" | head -n 3)"
  fi
  kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; APP_PID=""
fi
cp "$scratch/data/logs/fieldreg.log" "$OUT/fieldreg.log" 2>/dev/null

# ------------------------------------------------------------------ summary
echo "smoke: took $((SECONDS - started)) s; screenshots, cards and output in dist/smoke/"
echo "smoke: ${#passed[@]} passed, ${#failed[@]} failed"
if ((${#failed[@]})); then
  echo "smoke: FAILED:" >&2
  printf '  - %s\n' "${failed[@]}" >&2
  exit 1
fi
