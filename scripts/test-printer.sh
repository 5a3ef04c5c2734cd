#!/usr/bin/env bash
# A virtual printer for the print test: starts CUPS when it is not running and adds the
# cups-pdf queue "fieldreg-pdf" (prints land as PDF files in the printing user's ~/PDF).
# Best effort: without root or CUPS the print test skips and says why.
set -uo pipefail
if ! command -v lpadmin >/dev/null || ! command -v cupsd >/dev/null; then
  echo "test-printer: CUPS is not installed; the print test will be skipped"; exit 0
fi
# lpstat -r exits 0 either way: read what it says.
running() { lpstat -r 2>/dev/null | grep -q "scheduler is running"; }
if ! running; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test-printer: CUPS is not running and this user cannot start it; skipped"; exit 0
  fi
  cupsd || { echo "test-printer: cupsd did not start"; exit 0; }
  for _ in $(seq 1 40); do running && break; sleep 0.5; done
  running || { echo "test-printer: cupsd started but is not answering"; exit 0; }
fi
if ! lpstat -v fieldreg-pdf >/dev/null 2>&1; then
  ppd=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt.ppd/ {print $1; exit}')
  lpadmin -p fieldreg-pdf -E -v cups-pdf:/ ${ppd:+-m "$ppd"} -o PageSize=A4 2>/dev/null \
    || { echo "test-printer: could not add the cups-pdf queue"; exit 0; }
fi
echo "test-printer: fieldreg-pdf ready"
