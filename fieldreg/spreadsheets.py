"""Every spreadsheet the product writes (CSV and XLSX), on the laptop and on the server.

Text that a spreadsheet program would take for a formula is neutralised (the OWASP CSV-injection
rule): a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, so Excel and LibreOffice show it as text and never run it. A sign followed by
digits only (``+6281234567890``, ``-5``) is left alone: it can only ever be that number. Numbers,
dates and empty cells are written as they are. In XLSX the neutralised cells are also typed as
strings, so no writer can turn them into a formula.

The files hold personal data: they are created readable by this user only (0600 on POSIX) and
appear under their name only once completely written (:func:`fieldreg.files.atomic_write`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from fieldreg.files import atomic_write

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` as a spreadsheet may safely show it: formula-like text gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        if value[0] in "+-" and value[1:].isdigit() and value[1:].isascii():
            return value
        return "'" + value
    return value


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """UTF-8 with BOM (Excel opens it right), comma-separated. Returns the number of rows."""
    n = 0
    with atomic_write(path, "w", private=True, encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([neutralise(h) for h in header])
        for row in rows:
            w.writerow(["" if v is None else neutralise(v) for v in row])
            n += 1
    return n


def write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *,
               text_columns: Sequence[str] = (), sheet: str = "Data") -> int:
    """A one-sheet workbook (write-only, streams). ``text_columns`` are stored as text cells
    with the text number format. Returns the number of rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    text_idx = {i for i, h in enumerate(header) if h in text_columns}

    def text_cell(value: str, *, text_format: bool) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # never a formula, whatever the text
        if text_format:
            cell.number_format = "@"
        return cell

    ws.append([text_cell(str(neutralise(h)), text_format=False) for h in header])
    n = 0
    for row in rows:
        out: list[Any] = []
        for i, v in enumerate(row):
            if v is None:
                out.append(None)
            elif i in text_idx:
                out.append(text_cell(str(neutralise(v)), text_format=True))
            elif isinstance(v, str):
                safe = neutralise(v)
                out.append(text_cell(safe, text_format=False) if safe is not v else v)
            else:
                out.append(v)
        ws.append(out)
        n += 1
    with atomic_write(path, "wb", private=True) as f:
        wb.save(f)
    return n
