"""Building hostile spreadsheets cheaply, for the import tests and the import fuzz test.

An XLSX is a zip of XML parts. ``xlsx_parts`` gives the parts of a small real workbook (written
by openpyxl), ``zip_bytes`` puts parts back together by hand so that a test can lie in the zip's
directory (declared sizes, CRCs) or add members zipfile would not write, and ``zeros_member``
makes a deflated member of N MiB of zeros in a few milliseconds per GB (one compressed MiB,
flushed to a byte boundary, repeated: zeros compress about 1000:1).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

MiB = 1 << 20


@dataclass
class Member:
    name: str
    data: bytes  # as stored (deflated when ``method`` is 8)
    crc: int
    size: int  # uncompressed size as declared in the zip's headers
    method: int = zipfile.ZIP_DEFLATED


def member(name: str, content: bytes, *, declared_size: int | None = None,
           method: int = zipfile.ZIP_DEFLATED) -> Member:
    """``content`` stored (deflated) under ``name``; ``declared_size`` lies about its size."""
    if method == zipfile.ZIP_DEFLATED:
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = c.compress(content) + c.flush()
    else:
        data = content
    size = len(content) if declared_size is None else declared_size
    return Member(name, data, zlib.crc32(content), size, method)


def zeros_member(name: str, mib: int, *, declared_size: int | None = None,
                 unit: bytes = b"\0", prefix: bytes = b"", suffix: bytes = b"") -> Member:
    """``prefix``, ``mib`` MiB of ``unit`` repeated (zeros by default), ``suffix``: deflated,
    built without ever holding the whole (each piece ends on a byte boundary with no
    back-references across it, so the compressed MiB can simply be repeated)."""
    chunk = unit * (MiB // len(unit))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(suffix) + c.flush()
    crc = zlib.crc32(prefix)
    for _ in range(mib):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + mib * len(chunk) + len(suffix)
    return Member(name, head + block * mib + tail, crc,
                  size if declared_size is None else declared_size)


def zip_bytes(members: list[Member]) -> bytes:
    """A zip file of ``members``, headers written by hand (sizes as declared, no Zip64)."""
    out = io.BytesIO()
    central = io.BytesIO()
    for m in members:
        offset = out.tell()
        name = m.name.encode("utf-8")
        size = min(m.size, 0xFFFFFFFF)
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x800, m.method, 0, 0x21,
                              m.crc, len(m.data), size, len(name), 0))
        out.write(name)
        out.write(m.data)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0x800, m.method, 0,
                                  0x21, m.crc, len(m.data), size, len(name), 0, 0, 0, 0, 0,
                                  offset))
        central.write(name)
    cd = central.getvalue()
    start = out.tell()
    out.write(cd)
    count = min(len(members), 0xFFFF)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(cd), start, 0))
    return out.getvalue()


def xlsx_parts(rows: list[list[Any]]) -> dict[str, bytes]:
    """The parts of a one-sheet workbook holding ``rows`` (the first is the header)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["docProps/core.xml"] = CORE  # openpyxl stamps the time: the same rows, the same bytes
    return parts


CORE = (b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>fieldreg'
        b"</dc:creator></cp:coreProperties>")


def xlsx_with(parts: dict[str, bytes], replaced: dict[str, Member | bytes] | None = None
              ) -> bytes:
    """``parts`` as an XLSX, the parts named in ``replaced`` replaced (or added)."""
    repl = replaced or {}
    members: list[Member] = []
    for name in [*parts, *(k for k in repl if k not in parts)]:
        v = repl.get(name, parts.get(name, b""))
        members.append(v if isinstance(v, Member) else member(name, v))
    return zip_bytes(members)


SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet_xml(body: str, *, dimension: str | None = "A1:B2") -> bytes:
    """A worksheet part; ``dimension`` None leaves the (optional) dimension element out."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}>'
            f"{dim}<sheetData>{body}</sheetData></worksheet>").encode()


def with_shared_strings(parts: dict[str, bytes], strings: list[str], sheet_body: str
                        ) -> dict[str, bytes]:
    """``parts`` with a shared-string table (wired into [Content_Types].xml) and a sheet
    whose cells use it (``<c r="A1" t="s"><v>0</v></c>``)."""
    out = dict(parts)
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    out[STRINGS] = (f'<sst {NS} count="{len(strings)}" uniqueCount="{len(strings)}">'
                    f"{items}</sst>").encode()
    types = out["[Content_Types].xml"].decode()
    override = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    out["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    out[SHEET] = sheet_xml(sheet_body)
    return out


def member_with_tail(name: str, content: bytes, tail_mib: int) -> Member:
    """``content`` deflated, its size and CRC declared honestly, and then the compressed stream
    goes on: ``tail_mib`` MiB more of zeros that a reader taking the member whole inflates."""
    honest = member(name, content)
    bomb = zeros_member(name, tail_mib)
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    head = c.compress(content) + c.flush(zlib.Z_FULL_FLUSH)
    return Member(name, head + bomb.data, honest.crc, honest.size)
