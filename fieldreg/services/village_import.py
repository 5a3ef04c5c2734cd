"""Importing the village government's list of workers (CSV or XLSX), and its template.

Every row is read and checked before anything is written; rows with errors are left out and
reported, the others become drafts (consent still to take) or, with a paper consent form, records
ready to send. A NIK repeated in the file or already on this laptop is an error on that row, so
importing the same file twice adds nothing.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from fieldreg.domain.codes import ConsentMethod, FundingSource, HeirRelationship, Programme, Sex
from fieldreg.domain.codes import Status as St
from fieldreg.domain.problems import Problem, error, has_errors, warning
from fieldreg.domain.registration import Consent, Heir, RegistrationData
from fieldreg.domain.validation import CURRENT_NOTICE_VERSION, normalize, validate
from fieldreg.i18n.messages import message
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.services.registrations import add_new
from fieldreg.services.spreadsheet_reader import Cell, read_table
from fieldreg.spreadsheets import write_csv
from fieldreg.store.models import ImportRun

log = logging.getLogger(__name__)

# Template column → registration field, in template order.
COLUMNS: dict[str, str] = {
    "nik": "nik",
    "nama_lengkap": "full_name",
    "tempat_lahir": "birth_place",
    "tanggal_lahir": "birth_date",
    "jenis_kelamin": "sex",
    "no_hp": "phone",
    "alamat": "street",
    "rt": "rt",
    "rw": "rw",
    "kode_desa": "village_code",
    "pekerjaan": "occupation_code",
    "penghasilan": "reported_income",
    "program": "programmes",
    "sumber_iuran": "funding_source",
    "nama_ibu_kandung": "mother_maiden_name",
    "no_kk": "kk_number",
    "ahli_waris_nama": "heirs.0.name",
    "ahli_waris_hubungan": "heirs.0.relationship",
}
OPTIONAL_COLUMNS = {"mulai_kepesertaan": "coverage_start", "akhir_kepesertaan": "coverage_end"}
REQUIRED_COLUMNS = (
    "nik", "nama_lengkap", "tanggal_lahir", "jenis_kelamin", "kode_desa", "pekerjaan",
    "sumber_iuran",
)
ALIASES = {
    "nama": "nama_lengkap",
    "no_telp": "no_hp",
    "no_telepon": "no_hp",
    "hp": "no_hp",
    "tgl_lahir": "tanggal_lahir",
    "jk": "jenis_kelamin",
    "desa": "kode_desa",
    "nomor_kk": "no_kk",
    "ibu_kandung": "nama_ibu_kandung",
}
FIELD_COLUMN = {f: c for c, f in {**COLUMNS, **OPTIONAL_COLUMNS}.items()}
REPORT_HEADER = ("baris", "kolom", "tingkat", "kode", "pesan")
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


def column_key(name: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    return ALIASES.get(key, key)


def column_for(field_path: str) -> str:
    return FIELD_COLUMN.get(field_path, field_path)


@dataclass
class ImportRow:
    row: int
    data: RegistrationData | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not has_errors(self.problems)


@dataclass
class ImportPreview:
    file_name: str
    sha256: str
    rows: list[ImportRow]
    file_problems: list[Problem] = field(default_factory=list)
    imported_before: datetime | None = None
    options: ImportOptions | None = None  # what the rows were checked with

    @property
    def valid(self) -> list[ImportRow]:
        return [r for r in self.rows if r.ok]

    @property
    def rejected(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.ok]


@dataclass
class ImportResult:
    preview: ImportPreview
    imported: int
    status: St | None  # what the imported records became (None on a dry run)


# -- cell parsing ---------------------------------------------------------------------------
def _text(v: Cell) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _parse_date(v: Cell, fld: str, out: list[Problem]) -> date | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    text = _text(v)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    out.append(error(fld, "date_format", value=text))
    return None


def _parse_income(v: Cell, out: list[Problem]) -> int | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, int | float) and not isinstance(v, bool):
        if v < 0:
            out.append(error("reported_income", "income_negative"))
            return None
        return int(v)
    text = re.sub(r"(?i)^rp\.?\s*", "", _text(v)).replace(" ", "")
    text = re.sub(r"[.,]00$", "", text) if re.search(r"\d[.,]\d{3}[.,]00$", text) else text
    if text.startswith("-"):
        out.append(error("reported_income", "income_negative"))
        return None
    if not re.fullmatch(r"\d{1,3}([.,]\d{3})*|\d+", text):
        out.append(error("reported_income", "income_invalid", value=_text(v)))
        return None
    return int(re.sub(r"\D", "", text))


def _parse_nik_cell(v: Cell, fld: str, out: list[Problem]) -> str:
    """Excel keeps 15 significant digits: a 16-digit NIK typed as a number ends in a 0 that was
    not typed. A numeric cell that ends in 0 is refused with that explanation."""
    if isinstance(v, int | float) and not isinstance(v, bool):
        text = _text(v)
        if len(text) >= 16 and text.endswith("0"):
            out.append(error(fld, "nik_excel_number"))
        return text
    text = _text(v)
    # A CSV saved by Excel with the NIK column as numbers: 1.50501E+15. The digits are gone.
    if re.fullmatch(r"\d[.,]\d+[eE]\+?\d+", text):
        out.append(error(fld, "nik_excel_number"))
    return text


def parse_row(
    cells: dict[str, Cell], defaults: ImportOptions
) -> tuple[RegistrationData, list[Problem]]:
    """One row of the village list → registration data and the problems of reading it."""
    out: list[Problem] = []
    g = cells.get
    sex = Sex.parse(_text(g("jenis_kelamin"))) if _text(g("jenis_kelamin")) else None
    if _text(g("jenis_kelamin")) and sex is None:
        out.append(error("sex", "sex_invalid", value=_text(g("jenis_kelamin"))))
    programmes = Programme.parse_set(_text(g("program"))) if _text(g("program")) else None
    if _text(g("program")) and programmes is None:
        out.append(error("programmes", "programme_unknown", value=_text(g("program"))))
    funding = FundingSource.parse(_text(g("sumber_iuran"))) if _text(g("sumber_iuran")) else None
    if _text(g("sumber_iuran")) and funding is None:
        out.append(error("funding_source", "funding_unknown", value=_text(g("sumber_iuran"))))
    heirs: list[Heir] = []
    heir_name, heir_rel = _text(g("ahli_waris_nama")), _text(g("ahli_waris_hubungan"))
    if heir_name or heir_rel:
        rel = HeirRelationship.parse(heir_rel) if heir_rel else None
        if heir_rel and rel is None:
            out.append(error("heirs.0.relationship", "heir_relationship_unknown", value=heir_rel))
        heirs.append(Heir(name=heir_name, relationship=rel))
    start = _parse_date(g("mulai_kepesertaan"), "coverage_start", out) or defaults.coverage_start
    end = _parse_date(g("akhir_kepesertaan"), "coverage_end", out)
    if end is None and funding not in (None, FundingSource.MANDIRI):
        end = defaults.coverage_end or date(start.year, 12, 31)
    data = RegistrationData(
        nik=_parse_nik_cell(g("nik"), "nik", out),
        full_name=_text(g("nama_lengkap")),
        birth_place=_text(g("tempat_lahir")),
        birth_date=_parse_date(g("tanggal_lahir"), "birth_date", out),
        sex=sex,
        mother_maiden_name=_text(g("nama_ibu_kandung")),
        kk_number=_parse_nik_cell(g("no_kk"), "kk_number", out),
        street=_text(g("alamat")),
        rt=_text(g("rt")),
        rw=_text(g("rw")),
        village_code=_text(g("kode_desa")),
        phone=_text(g("no_hp")),
        occupation_code=_text(g("pekerjaan")),
        reported_income=_parse_income(g("penghasilan"), out),
        programmes=programmes if programmes is not None else RegistrationData().programmes,
        funding_source=funding,
        coverage_start=start,
        coverage_end=end,
        heirs=heirs,
    )
    return data, out


@dataclass
class ImportOptions:
    consent_paper: bool = False
    coverage_start: date = field(default_factory=lambda: date.today().replace(day=1))
    coverage_end: date | None = None


def _column_letter(index: int) -> str:
    """A, B, …, Z, AA, … for the 0-based column ``index``."""
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("A") + r) + letters
    return letters


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _refuse_duplicate_columns(path: Path, header: list[str], keys: list[str]) -> None:
    """A known column twice (``nik`` and ``NIK``, or ``nama`` beside ``nama_lengkap``) is
    refused, naming every header involved: which of the two holds the data is a guess."""
    known = set(COLUMNS) | set(OPTIONAL_COLUMNS)
    where: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if k in known:
            where.setdefault(k, []).append(i)
    twice = [
        f"{k}: " + ", ".join(f"'{_short(header[i])}' ({_column_letter(i)})" for i in idx)
        for k, idx in where.items() if len(idx) > 1
    ]
    if twice:
        raise ServiceError("columns_duplicate", file=path.name, columns="; ".join(twice))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def preview(
    ctx: Context,
    path: Path,
    options: ImportOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPreview:
    """Read and check every row; write nothing."""
    options = options or ImportOptions()
    table = read_table(path)
    keys = [column_key(h) for h in table.header]
    _refuse_duplicate_columns(path, table.header, keys)
    missing = [c for c in REQUIRED_COLUMNS if c not in keys]
    if missing:
        raise ServiceError("columns_missing", file=path.name, columns=", ".join(missing))
    known = set(COLUMNS) | set(OPTIONAL_COLUMNS)
    file_problems = [
        warning(h, "column_ignored", column=h) for h, k in zip(table.header, keys, strict=True)
        if k and k not in known
    ]
    vctx = ctx.validation()
    sha256 = _sha256(path)
    paper_consent = Consent(
        ctx.clock(), ConsentMethod.PAPER, CURRENT_NOTICE_VERSION, ctx.volunteer_id
    )
    total = len(table.rows)
    parsed: list[tuple[int, RegistrationData, list[Problem]]] = []
    for i, (n, cells) in enumerate(table.rows):
        by_col = {k: v for k, v in zip(keys, cells, strict=False) if k}
        data, problems = parse_row(by_col, options)
        data = normalize(data)
        if options.consent_paper:
            data = replace(data, consent=paper_consent)
        unreadable = {p.field for p in problems}
        problems += [
            p for p in validate(data, vctx, complete=True)
            if p.field not in unreadable and p.code != "consent_required"
        ]
        parsed.append((n, data, problems))
        if progress and (i % 200 == 0 or i == total - 1):
            progress(i + 1, total)
    with ctx.db.reader() as uow:
        # only the file's NIKs are looked up (not every registration of the laptop)
        on_device = uow.registrations.active_niks_among(d.nik for _n, d, _p in parsed)
        phones = uow.registrations.active_phones_among(
            d.phone for _n, d, _p in parsed if d.phone.startswith("+"))
        run = uow.imports.by_hash(sha256)
        before = run.at if run else None  # read now: the row is expired once the uow closes
    seen: dict[str, int] = {}
    rows: list[ImportRow] = []
    for n, data, problems in parsed:
        if data.nik:
            if data.nik in on_device:
                problems.append(error("nik", "nik_already_on_device"))
            elif data.nik in seen:
                problems.append(error("nik", "nik_repeated_in_file", first_row=seen[data.nik]))
            else:
                seen[data.nik] = n
        if data.phone.startswith("+"):
            if data.phone in phones:
                problems.append(warning("phone", "phone_repeated", count=1))
            phones.add(data.phone)
        rows.append(ImportRow(n, data, problems))
    return ImportPreview(
        file_name=path.name,
        sha256=sha256,
        rows=rows,
        file_problems=file_problems,
        imported_before=before,
        options=options,
    )


def import_file(
    ctx: Context,
    path: Path,
    options: ImportOptions | None = None,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    checked: ImportPreview | None = None,
) -> ImportResult:
    """Preview, then (unless ``dry_run``) write every valid row in one transaction.

    ``checked`` is a preview already shown to the volunteer: it is used instead of reading and
    checking the file again when the file and the options are unchanged. NIKs are checked
    against the laptop again inside the writing transaction, so a record saved since the
    preview is still caught.
    """
    options = options or ImportOptions()
    if checked is not None and checked.options == options and checked.sha256 == _sha256(path):
        pv = checked
    else:
        pv = preview(ctx, path, options, progress=progress)
    if dry_run:
        return ImportResult(pv, 0, None)
    status = St.READY if options.consent_paper else St.DRAFT
    now = ctx.clock()
    with ctx.db.uow() as uow:
        uow.large_page_cache()
        on_device = uow.registrations.active_niks_among(
            r.data.nik for r in pv.valid if r.data is not None)
        for r in pv.valid:
            assert r.data is not None
            if r.data.nik in on_device:
                r.problems.append(error("nik", "nik_already_on_device"))
        regs = add_new(uow, ctx, [r.data for r in pv.valid if r.data is not None],
                       status=status, now=now, audit={"source": "import"})
        uow.imports.add(
            ImportRun(
                at=now, volunteer_id=ctx.volunteer_id, file_name=pv.file_name,
                file_sha256=pv.sha256, rows_total=len(pv.rows), rows_imported=len(regs),
                rows_rejected=len(pv.rejected),
            )
        )
        uow.audit.record(ctx.volunteer_id, "import", "village_list", pv.sha256[:16],
                         rows=len(pv.rows), imported=len(regs), rejected=len(pv.rejected))
        uow.commit()
    log.info("imported %d of %d rows from a village list", len(regs), len(pv.rows))
    return ImportResult(pv, len(regs), status)


def report_rows(pv: ImportPreview, lang: str = "id") -> list[tuple[object, ...]]:
    """One line per problem: baris, kolom, tingkat (galat/peringatan), kode, pesan."""
    level = {"error": "galat", "warning": "peringatan"} if lang == "id" else {}
    out: list[tuple[object, ...]] = [
        (1, column_for(p.field), level.get(p.severity.value, p.severity.value), p.code,
         message(p.code, p.params, lang))
        for p in pv.file_problems
    ]
    for r in pv.rows:
        for p in r.problems:
            out.append(
                (r.row, column_for(p.field), level.get(p.severity.value, p.severity.value),
                 p.code, message(p.code, p.params, lang))
            )
    return out


def write_report(pv: ImportPreview, out: Path, lang: str = "id") -> int:
    return write_csv(out, REPORT_HEADER, report_rows(pv, lang))
