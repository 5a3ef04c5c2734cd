"""Reading the spreadsheets volunteers bring (village lists): CSV (any common Excel dialect) and
XLSX. Writing them is ``fieldreg.spreadsheets``.

A village list comes from outside and may be damaged or made to do harm, so it is measured
before it is parsed and refused (one clear ``ServiceError``, nothing read, nothing changed) when it
is more than a village list can be: over ``MAX_FILE_BYTES`` on disk, over ``MAX_ROWS`` rows of
data, data beyond column ``MAX_COLUMNS`` or below row ``MAX_SHEET_ROW``, a cell over
``MAX_CELL_CHARS`` characters (Excel's own limit). An XLSX is a zip: its directory is inspected
first (number of members, each member's and the total uncompressed size, the compression ratio),
then every member is inflated in small steps (never past the size the directory declares) and
checked against its CRC into a copy with our own headers, every XML member scanned on the way by
a streaming parser (no DTD or entities, bounded nesting and text, where each cell with a value
lies). Only that copy is read, by calamine (``python-calamine``, a Rust reader: a 10,000-row
list in a fraction of a second, where openpyxl took seconds); it holds the first sheet as one
block from A1 to its last value, which the scan has bounded to ``MAX_SHEET_ROW`` ×
``MAX_COLUMNS`` cells.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.parsers import expat

from fieldreg.services.errors import ServiceError

Cell = str | int | float | date | datetime | None

MiB = 1 << 20
MAX_FILE_BYTES = 16 * MiB  # a village list of 20,000 rows is 2-4 MB as CSV or XLSX
MAX_ROWS = 20_000  # rows of data: a village's list, or a kecamatan's
MAX_COLUMNS = 100  # the template has 20
# The lowest row a value may sit in: blank rows between the data are skipped, but the reader
# holds the sheet as one block down to its last value.
MAX_SHEET_ROW = 2 * MAX_ROWS
MAX_CELL_CHARS = 32_767  # the most Excel puts in one cell
# XLSX (a zip of XML parts)
MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 64 * MiB  # uncompressed; 20,000 rows of the template are about 20 MB
MAX_TOTAL_BYTES = 128 * MiB
MAX_RATIO = 200  # real sheets compress 5-20 times; zeros compress 1000 times
RATIO_FLOOR = 1 * MiB  # small members may compress any amount
MAX_XML_DEPTH = 64  # OOXML nests about 10 deep
MAX_TEXT_RUN = 1 * MiB  # characters of text between two tags, anywhere
_SNIFF_CHARS = 4096  # csv.Sniffer is quadratic in its sample


@dataclass
class Table:
    header: list[str]  # as written in the file
    rows: list[tuple[int, list[Cell]]]  # (row number as a spreadsheet shows it, cells)


class _Rows:
    """Collects the header and the rows of data of a sheet, enforcing the caps as it goes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.header: list[str] | None = None
        self.rows: list[tuple[int, list[Cell]]] = []

    def add(self, n: int, cells: list[Any]) -> None:
        if len(cells) > MAX_COLUMNS:
            if any(not _blank(v) for v in cells[MAX_COLUMNS:]):
                raise ServiceError("file_too_many_columns", file=self.file, row=n,
                                   max=MAX_COLUMNS)
            del cells[MAX_COLUMNS:]
        while cells and _blank(cells[-1]):
            cells.pop()
        if not cells:
            return
        if self.header is None:
            self.header = ["" if v is None else str(v).strip() for v in cells]
            return
        if len(self.rows) >= MAX_ROWS:
            raise ServiceError("file_too_many_rows", file=self.file, max=MAX_ROWS)
        self.rows.append((n, cells))

    def table(self) -> Table:
        if self.header is None:
            raise ServiceError("file_empty", file=self.file)
        return Table(self.header, self.rows)


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _decode(raw: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _sniff(text: str) -> Any:
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _read_csv(path: Path) -> Table:
    text = _decode(path.read_bytes())
    if "\x00" in text:
        raise ServiceError("file_unreadable", file=path.name, reason="binary")
    reader = csv.reader(io.StringIO(text, newline=""), _sniff(text))
    out = _Rows(path.name)
    n = 0
    try:
        for n, cells in enumerate(reader, start=1):
            if any(len(c) > MAX_CELL_CHARS for c in cells):
                raise ServiceError("cell_too_long", file=path.name, row=n, max=MAX_CELL_CHARS)
            out.add(n, list(cells))
    except csv.Error as exc:
        # the csv module's own limit (128 KiB) is reached before a row is whole
        if "field larger than field limit" in str(exc):
            raise ServiceError("cell_too_long", file=path.name, row=n + 1,
                               max=MAX_CELL_CHARS) from None
        raise ServiceError("file_unreadable", file=path.name, reason="csv") from None
    return out.table()


# -- XLSX -----------------------------------------------------------------------------------
def _check_zip_directory(path: Path) -> None:
    """Count the zip's members from its end record before zipfile reads the directory (a
    forged directory of a million entries would take hundreds of MB just to list)."""
    end_record = getattr(zipfile, "_EndRecData", None)
    if end_record is None:  # pragma: no cover - every CPython since 2.x has it
        return
    try:
        with path.open("rb") as f:
            rec = end_record(f)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ServiceError("file_unreadable", file=path.name, reason="zip") from exc
    if rec is None:
        raise ServiceError("file_unreadable", file=path.name, reason="zip")
    count = int(rec[4])  # total number of entries (Zip64 end record included)
    if count > MAX_MEMBERS:
        raise ServiceError("xlsx_members", file=path.name, count=count, max=MAX_MEMBERS)


def _check_members(path: Path, zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ServiceError("xlsx_members", file=path.name, count=len(infos), max=MAX_MEMBERS)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            raise ServiceError("xlsx_too_large", file=path.name, max=MAX_MEMBER_BYTES // MiB)
        if total > MAX_TOTAL_BYTES:
            raise ServiceError("xlsx_too_large", file=path.name, max=MAX_TOTAL_BYTES // MiB)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
            raise ServiceError("xlsx_ratio", file=path.name, max=MAX_RATIO)


class _Hostile(Exception):
    """Raised inside the XML scan; becomes a ServiceError naming the file."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _ref_number(value: Any, default: int) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        return default
    return n if n > 0 else default


def _cell_ref(ref: Any) -> tuple[int, int]:
    """(column, row) of an A1-style reference, 1-based; 0 for a part that is not there."""
    if not isinstance(ref, str):
        return 0, 0
    col = i = 0
    while i < len(ref) and i < 4 and "A" <= ref[i] <= "Z":
        col = col * 26 + ord(ref[i]) - 64
        i += 1
    digits = ref[i:]
    row = int(digits) if digits.isdigit() and len(digits) <= 8 else 0
    return col, row


class _XmlScan:
    """A streaming check of one XML part: no DTD (so no entities), bounded nesting, no cell
    (shared string ``si``, cell ``c``) over MAX_CELL_CHARS, no text run over MAX_TEXT_RUN."""

    def __init__(self) -> None:
        self.depth = 0
        self.cell_depth = 0  # depth of the open si/c element; 0: outside any
        self.cell_chars = 0
        self.run = 0
        # Where the sheet's cells lie (a cell's "r", or one right of the last; a row's "r", or
        # one below the last): a cell with a value past MAX_COLUMNS or MAX_SHEET_ROW refuses
        # the file before the reader makes the sheet one block that large.
        self.row = 0
        self.col = 0
        self.in_cell = False
        self.cell_valued = False
        self.far: tuple[str, int] | None = None  # ("column"|"row", the row) once one is found
        p = expat.ParserCreate(namespace_separator=" ")
        p.buffer_text = False
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        p.StartDoctypeDeclHandler = self._doctype
        p.EntityDeclHandler = self._doctype
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._text
        self.parser = p

    def _doctype(self, *_args: Any) -> None:
        raise _Hostile("xlsx_structure")

    def _start(self, name: str, attrs: Any) -> None:
        self.depth += 1
        self.run = 0
        if self.depth > MAX_XML_DEPTH:
            raise _Hostile("xlsx_structure")
        local = name.rsplit(" ", 1)[-1]
        if not self.cell_depth and local in ("si", "c"):
            self.cell_depth, self.cell_chars = self.depth, 0
        if local == "row":
            self.row = _ref_number(attrs.get("r"), self.row + 1)
            self.col = 0
        elif local == "c":
            col, row = _cell_ref(attrs.get("r"))
            self.col = col if col else self.col + 1
            if row:
                self.row = row
            self.in_cell, self.cell_valued = True, False
        elif self.in_cell and local in ("v", "is", "f"):
            self.cell_valued = True

    def _end(self, name: str) -> None:
        if self.depth == self.cell_depth:
            self.cell_depth = 0
        self.depth -= 1
        self.run = 0
        if self.in_cell and name.rsplit(" ", 1)[-1] == "c":
            self.in_cell = False
            if self.cell_valued and self.far is None:
                if self.col > MAX_COLUMNS:
                    self.far = ("column", self.row)
                elif self.row > MAX_SHEET_ROW:
                    self.far = ("row", self.row)

    def _text(self, data: str) -> None:
        self.run += len(data)
        if self.run > MAX_TEXT_RUN:
            raise _Hostile("xlsx_structure")
        if self.cell_depth:
            self.cell_chars += len(data)
            if self.cell_chars > MAX_CELL_CHARS:
                raise _Hostile("xlsx_cell_too_long")

    def feed(self, chunk: bytes) -> None:
        self.parser.Parse(chunk, False)

    def finish(self) -> None:
        self.parser.Parse(b"", True)


def _may_be_xml(first: bytes) -> bool:
    """Whether an XML parser could take a part starting with ``first`` (any size): "<" after
    byte-order marks, whitespace and the NULs of UTF-16/32, nothing but those, or EBCDIC."""
    head = first.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return not head or head.startswith(b"<") or first.startswith(b"\x4c\x6f\xa7\x94")


def _checked_copy(path: Path, zf: zipfile.ZipFile) -> io.BytesIO:
    """The workbook rebuilt from its members, each inflated in 64 KiB steps (never past the
    size its directory declares) and checked against its CRC; every member an XML parser could
    take (whatever its name: the workbook's relationships may point anywhere) scanned on the
    way. The reader reads only this copy, whose headers are our own: a member cannot inflate
    further when the reader reads it whole, whatever the original's compressed stream held.
    A cell with a value past ``MAX_COLUMNS`` or ``MAX_SHEET_ROW`` refuses the file here."""
    names = [i.filename for i in zf.infolist()]
    if len(set(names)) != len(names):
        raise ServiceError("file_unreadable", file=path.name, reason="duplicate_member")
    if "xl/workbook.xml" not in names:  # an ODS or another zip: not a workbook we read
        raise ServiceError("file_unreadable", file=path.name, reason="not_xlsx")
    size = path.stat().st_size
    far: tuple[str, int] | None = None
    buf = io.BytesIO()
    try:
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            for info in zf.infolist():
                if info.compress_size > size or info.header_offset > size:
                    raise ServiceError("file_unreadable", file=path.name, reason="directory")
                if info.is_dir():
                    continue
                with zf.open(info) as src, out.open(info.filename, "w") as dst:
                    chunk = src.read(1 << 16)
                    scan = _XmlScan() if chunk and _may_be_xml(chunk) else None
                    while chunk:
                        if scan is not None:
                            scan.feed(chunk)
                        dst.write(chunk)
                        chunk = src.read(1 << 16)
                    if scan is not None:
                        scan.finish()
                        if scan.far is not None and far is None:
                            far = scan.far
    except _Hostile as exc:
        code = exc.code
        if code == "xlsx_cell_too_long":
            raise ServiceError(code, file=path.name, max=MAX_CELL_CHARS) from None
        raise ServiceError(code, file=path.name) from None
    except (ServiceError, MemoryError):
        raise
    except Exception as exc:  # BadZipFile (CRC), zlib.error, ExpatError, encrypted…
        raise ServiceError("file_unreadable", file=path.name,
                           reason=type(exc).__name__) from None
    if far is not None:
        kind, row = far
        if kind == "column":
            raise ServiceError("file_too_many_columns", file=path.name, row=row, max=MAX_COLUMNS)
        raise ServiceError("file_far_row", file=path.name, row=row, max=MAX_ROWS)
    buf.seek(0)
    return buf


def _cell(v: Any) -> Cell:
    """A value as calamine gives it, as the rest of the import takes it: whole numbers as int
    (calamine gives every number as a float), empty cells as None."""
    if isinstance(v, str):
        return v if v else None
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return int(v) if v.is_integer() and abs(v) < 2**53 else v
    if isinstance(v, int | date):  # date and datetime
        return v
    return None if v is None else str(v)  # a time or a duration: as written


def _read_xlsx(path: Path) -> Table:
    from python_calamine import CalamineWorkbook

    _check_zip_directory(path)
    try:
        zf = zipfile.ZipFile(path)
    except MemoryError:
        raise
    except Exception as exc:  # BadZipFile, NotImplementedError (zip version), OSError…
        raise ServiceError("file_unreadable", file=path.name, reason=type(exc).__name__) from exc
    with zf:
        _check_members(path, zf)
        copy = _checked_copy(path, zf)
    out = _Rows(path.name)
    try:
        wb = CalamineWorkbook.from_filelike(copy)
        if not wb.sheet_names:
            raise ServiceError("file_empty", file=path.name)
        # From A1 (blank rows and columns included, so row numbers are the sheet's) to the
        # last value, which the scan has bounded.
        rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (ServiceError, MemoryError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # CalamineError, XmlError, ZipError; a Rust panic
        raise ServiceError("file_unreadable", file=path.name, reason=type(exc).__name__) from exc
    for n, cells in enumerate(rows, start=1):
        out.add(n, [_cell(v) for v in cells[: MAX_COLUMNS + 1]])
    return out.table()


def read_table(path: Path) -> Table:
    """The first sheet of an XLSX, or a CSV; anything else is one clear ``file_unreadable``,
    anything bigger than a village list one clear refusal naming what is too big."""
    if not path.is_file():
        raise ServiceError("file_not_found", file=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ServiceError("file_too_large", file=path.name, size=-(-size // MiB),
                           max=MAX_FILE_BYTES // MiB)
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
