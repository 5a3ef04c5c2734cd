"""Reading and writing the tables volunteers exchange: CSV (any common Excel dialect) and XLSX."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fieldreg.services.errors import ServiceError
from fieldreg.spreadsheets import write_csv as write_csv
from fieldreg.spreadsheets import write_xlsx as write_xlsx

Cell = str | int | float | date | datetime | None


@dataclass
class Table:
    header: list[str]  # as written in the file
    rows: list[tuple[int, list[Cell]]]  # (row number as a spreadsheet shows it, cells)


def _decode(raw: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _read_csv(path: Path) -> Table:
    text = _decode(path.read_bytes())
    if "\x00" in text:
        raise ServiceError("file_unreadable", file=path.name, reason="binary")
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[Cell]]] = []
    header: list[str] | None = None
    for n, cells in enumerate(reader, start=1):
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip() for c in cells]
            continue
        rows.append((n, list(cells)))
    if header is None:
        raise ServiceError("file_empty", file=path.name)
    return Table(header, rows)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException…
        raise ServiceError("file_unreadable", file=path.name, reason=type(exc).__name__) from exc
    try:
        ws = wb.worksheets[0]
        header: list[str] | None = None
        rows: list[tuple[int, list[Cell]]] = []
        for n, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            values = list(cells)
            if not any(v is not None and str(v).strip() for v in values):
                continue
            if header is None:
                header = ["" if v is None else str(v).strip() for v in values]
                continue
            rows.append((n, values))
    finally:
        wb.close()
    if header is None:
        raise ServiceError("file_empty", file=path.name)
    return Table(header, rows)


def read_table(path: Path) -> Table:
    """The first sheet of an XLSX, or a CSV; anything else is one clear ``file_unreadable``."""
    if not path.is_file():
        raise ServiceError("file_not_found", file=str(path))
    with path.open("rb") as f:
        magic = f.read(4)
    if magic == b"PK\x03\x04":
        return _read_xlsx(path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise ServiceError("file_unreadable", file=path.name, reason="not_xlsx")
    if magic.startswith(_NOT_TEXT):  # a PDF or an image can be plain ASCII: not a CSV
        raise ServiceError("file_unreadable", file=path.name, reason="not_text")
    return _read_csv(path)


# Signatures of files volunteers mistake for a list: PDF, old Excel/Word (OLE2), images, gzip.
_NOT_TEXT = (b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")
