"""The console's Target page: the district's village targets, listed, edited one by one, and
uploaded from a CSV or XLSX (preview, then apply).

A browser upload is hostile: the route caps its size before anything is parsed and writes it to
a private temporary file, which ``fieldreg.services.spreadsheet_reader.read_table`` reads (it
refuses damaged or oversized files safely). Every row is reported: its village, the target
before and after, or why it is refused (no village code, an unknown code, a village of another
district, a target that is not a whole number from 0, the same village twice).

Applying re-checks every row (the preview's rows come back from the browser) and writes them in
one transaction with one reference entry in the district's feed: the laptops receive the new
targets at their next pull (``ReferenceData.targets``). Targets are per village (the server
keeps no kecamatan target: a kecamatan's is the sum of its villages').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from fieldreg.domain.regions import get_regions, normalize_code
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.common import FeedBuffer, audit
from fieldreg.server.service.errors import AdminError
from fieldreg.services.errors import ServiceError
from fieldreg.services.spreadsheet_reader import read_table

MAX_TARGET = 1_000_000
MAX_UPLOAD_BYTES = 1 << 20  # a district's villages are a few hundred rows: tens of KB
CODE_COLUMNS = ("kode_desa", "village_code", "kode", "desa")
TARGET_COLUMNS = ("target", "sasaran")
THOUSANDS = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")


@dataclass(frozen=True)
class TargetRow:
    village_code: str
    village: str
    kecamatan: str
    target: int | None  # None: the village has none yet
    updated_at: datetime | None


def list_targets(db: Database, district: str) -> list[TargetRow]:
    """Every village of the district, with its target when it has one."""
    with db.reader() as s:
        have = {t.village_code: t for t in s.scalars(
            select(m.Target).where(m.Target.district_code == district))}
    regions = get_regions()
    out = []
    for kec in regions.districts_of(district):
        for v in regions.villages_of(kec.code):
            t = have.get(v.code)
            out.append(TargetRow(v.code, v.display_name, kec.display_name,
                                 t.target if t else None, t.updated_at if t else None))
    return out


@dataclass(frozen=True)
class RowReport:
    line: int  # as the spreadsheet shows it
    code: str  # as written
    village_code: str  # normalised, "" when refused before
    village: str
    before: int | None
    target: int | None
    problem: str  # "" when the row is good: missing_code | unknown_village | other_district
    #               | not_a_number | twice


@dataclass(frozen=True)
class Preview:
    rows: list[RowReport]

    @property
    def good(self) -> list[RowReport]:
        return [r for r in self.rows if not r.problem]

    @property
    def refused(self) -> list[RowReport]:
        return [r for r in self.rows if r.problem]


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        n = value
    elif isinstance(value, float) and value.is_integer():
        n = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if THOUSANDS.match(text):  # "1.250", as Indonesian spreadsheets write it
            text = text.replace(".", "")
        if not (text.isascii() and text.isdigit() and len(text) <= 9):
            return None
        n = int(text)
    else:
        return None
    return n if 0 <= n <= MAX_TARGET else None


def check(db: Database, district: str, pairs: Sequence[tuple[int, str, object]]) -> Preview:
    """Each (line, village code as written, target as written) checked for ``district``."""
    with db.reader() as s:
        before = {t.village_code: t.target for t in s.scalars(
            select(m.Target).where(m.Target.district_code == district))}
    regions = get_regions()
    seen: set[str] = set()
    rows = []
    for line, raw_code, raw_target in pairs:
        written = ("" if raw_code is None else str(raw_code)).strip()[:40]
        code, name, problem = "", "", ""
        if not written:
            problem = "missing_code"
        else:
            try:
                code = normalize_code(written)
            except ValueError:
                code = ""
            village = regions.village(code) if code else None
            if village is None:
                problem, code = "unknown_village", ""
            else:
                name = village.display_name
                if not code.startswith(district + "."):
                    problem = "other_district"
        target = _number(raw_target)
        if not problem and target is None:
            problem = "not_a_number"
        if not problem and code in seen:
            problem = "twice"
        if not problem:
            seen.add(code)
        rows.append(RowReport(line, written, code, name, before.get(code) if code else None,
                              target, problem))
    return Preview(rows)


def read_upload(db: Database, district: str, path: Path) -> Preview:
    """A CSV or XLSX of targets (columns ``kode_desa`` and ``target``, any case) checked row by
    row; AdminError(code) when the file cannot be read (``spreadsheet_reader``'s code) or has
    neither column (``target_columns``)."""
    try:
        table = read_table(path)
    except ServiceError as exc:
        raise AdminError(exc.code) from exc
    header = [str(h or "").strip().lower() for h in table.header]
    code_at = next((header.index(c) for c in CODE_COLUMNS if c in header), None)
    target_at = next((header.index(c) for c in TARGET_COLUMNS if c in header), None)
    if code_at is None or target_at is None:
        raise AdminError("target_columns")
    pairs = []
    for line, cells in table.rows:
        code = cells[code_at] if code_at < len(cells) else None
        target = cells[target_at] if target_at < len(cells) else None
        if (code is None or str(code).strip() == "") and (target is None or
                                                          str(target).strip() == ""):
            continue  # an empty row
        pairs.append((line, "" if code is None else str(code), target))
    return check(db, district, pairs)


def apply(db: Database, settings: Settings, district: str,
          pairs: list[tuple[str, object]], *, actor: str, source: str = "upload") -> Preview:
    """Check again and write every good row in one transaction, one reference entry in the
    feed, one audit row. Returns what was checked (refused rows are not written)."""
    preview = check(db, district, [(i + 1, c, t) for i, (c, t) in enumerate(pairs)])
    good = preview.good
    if not good:
        return preview
    now = settings.clock()
    with db.writer() as s:
        if s.get(m.District, district) is None:
            raise AdminError("not_found")
        have = {t.village_code: t for t in s.scalars(
            select(m.Target).where(m.Target.district_code == district).with_for_update())}
        for r in good:
            assert r.target is not None
            row = have.get(r.village_code)
            if row is None:
                s.add(m.Target(district_code=district, village_code=r.village_code,
                               target=r.target, updated_at=now))
            else:
                row.target = r.target
                row.updated_at = now
        s.flush()
        feed = FeedBuffer()
        feed.add(district, m.FEED_REFERENCE)
        feed.flush(s)
        audit(s, now, actor, "targets.set", "district", district, source=source,
              villages=len(good), refused=len(preview.refused),
              changes={r.village_code: r.target for r in good[:50]})
        s.commit()
    return preview
