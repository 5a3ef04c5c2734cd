"""Cards through Qt's print system: to a PDF file, and through CUPS to the cups-pdf virtual
printer (set up by scripts/test-printer.sh), each read back with zbar and verified."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
import uuid
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from fieldreg.cards import credential
from fieldreg.cards.sheets import Layout
from fieldreg.services import cards, registrations
from fieldreg.services.context import Context
from tests.scanning import scan_pdf_sheets
from tools.sample_data import SampleFactory


def _ids(ctx: Context, factory: SampleFactory, n: int) -> list[str]:
    return [registrations.save(ctx, factory.data(), ready=True).registration.id
            for _ in range(n)]


def _check(pages: list[list[str]], batch: cards.CardBatch, ctx: Context) -> None:
    trust = cards.trust_from(ctx.home, [])
    now = ctx.clock().replace(tzinfo=UTC)
    fronts, backs = pages[0::2], pages[1::2]
    assert all(b == [] for b in backs)
    found = {credential.verify(t, trust, now=now).claims.serial  # type: ignore[union-attr]
             for page in fronts for t in page
             if credential.verify(t, trust, now=now).ok}
    assert found == {c.claims.serial for c in batch.cards}


def test_a_sheet_painted_by_qt_into_a_pdf_scans(
    qapp: Any, ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from ui.cards.printing import paint, prepare_printer

    batch = cards.prepare(ctx, _ids(ctx, factory, 11), layout=Layout.A4)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "qt.pdf"
    printer.setOutputFileName(str(out))
    prepare_printer(printer, Layout.A4)
    seen: list[tuple[int, int]] = []
    assert paint(printer, batch.faces, Layout.A4, progress=lambda d, t: seen.append((d, t))) == 11
    assert seen == [(10, 11), (11, 11)]
    pages = scan_pdf_sheets(out, tmp_path)
    assert [len(p) for p in pages] == [10, 0, 1, 0]
    _check(pages, batch, ctx)


def _cups_pdf_queue() -> str | None:
    if shutil.which("lpstat") is None:
        return None
    out = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, check=False)
    for line in out.stdout.splitlines():  # "device for fieldreg-pdf: cups-pdf:/"
        if "cups-pdf:/" in line:
            return line.split("device for ", 1)[1].split(":", 1)[0]
    return None


def _cups_pdf_folders() -> list[Path]:
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    return [home / "PDF", Path("/var/spool/cups-pdf") / pwd.getpwuid(os.getuid()).pw_name,
            Path("/var/spool/cups-pdf/ANONYMOUS")]


def test_a_sheet_printed_through_cups_scans(
    qapp: Any, ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    from ui.cards.printing import paint, prepare_printer

    queue = _cups_pdf_queue()
    if queue is None:
        pytest.skip("no cups-pdf printer: CUPS is not running here or has no cups-pdf queue "
                    "(bash scripts/test-printer.sh sets one up, as root)")
    info = QPrinterInfo.printerInfo(queue)
    if info.isNull():
        pytest.skip(f"Qt's CUPS plugin does not see the printer {queue}")
    batch = cards.prepare(ctx, _ids(ctx, factory, 10), layout=Layout.A4)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    job = f"fieldregtest{uuid.uuid4().hex[:10]}"
    printer.setDocName(job)
    prepare_printer(printer, Layout.A4)
    assert paint(printer, batch.faces, Layout.A4) == 10

    deadline = time.monotonic() + 120
    printed: Path | None = None
    while time.monotonic() < deadline and printed is None:
        for folder in _cups_pdf_folders():
            hits = sorted(folder.glob(f"*{job}*.pdf")) if folder.is_dir() else []
            if hits and hits[0].stat().st_size > 0:
                time.sleep(1)  # cups-pdf may still be writing
                printed = hits[0]
        time.sleep(0.5)
    assert printed is not None, f"cups-pdf wrote no file for job {job} in 120 s"
    try:
        pages = scan_pdf_sheets(printed, tmp_path)
    finally:
        printed.unlink(missing_ok=True)
    assert [len(p) for p in pages] == [10, 0]
    _check(pages, batch, ctx)
