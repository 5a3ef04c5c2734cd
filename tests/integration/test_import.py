"""Importing a village list (CSV or XLSX) and its template (fieldreg/services/village_import.py,
exports.write_template)."""

from __future__ import annotations

import csv
import io
import random
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from fieldreg.domain.codes import ConsentMethod
from fieldreg.domain.codes import Status as St
from fieldreg.domain.regions import get_regions
from fieldreg.domain.validation import CURRENT_NOTICE_VERSION, normalize
from fieldreg.i18n.messages import message
from fieldreg.services import accounts, exports, registrations, village_import
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.services.village_import import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ImportOptions,
    import_file,
    write_report,
)
from fieldreg.store.repositories import SearchFilter
from tools.sample_data import SampleFactory, village_list_row

HEADER = list(COLUMNS)


# ---------------------------------------------------------------- writing files


def write_csv(path: Path, rows: list[dict[str, Any]], *, header: list[str] | None = None,
              delimiter: str = ",", encoding: str = "utf-8-sig") -> Path:
    header = header or HEADER
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(c.strip().lower().replace(" ", "_"), "") for c in header])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[dict[str, Any]], *, header: list[str] | None = None,
               raw: bool = False) -> Path:
    """Cells as a volunteer types them in Excel: ID columns as text unless ``raw``."""
    header = header or HEADER
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    for r in rows:
        ws.append([r.get(c, "") if raw else _excel_cell(c, r.get(c, "")) for c in header])
    wb.save(path)
    return path


def _excel_cell(column: str, value: Any) -> Any:
    if column == "tanggal_lahir" and isinstance(value, str) and value:
        d, m, y = value.split("-")
        return date(int(y), int(m), int(d))  # a real date cell
    return value


def rows_of(factory: SampleFactory, n: int) -> list[dict[str, Any]]:
    return [village_list_row(factory.data()) for _ in range(n)]


def all_regs(ctx: Context) -> list:
    with ctx.db.reader() as uow:
        return list(uow.registrations.iter_all())


def table_counts(ctx: Context) -> dict[str, int]:
    with ctx.db.engine.connect() as conn:
        return {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
            for t in ("registration", "heir", "outbox", "import_run", "audit")
        }


def read_report(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        assert header == ["baris", "kolom", "tingkat", "kode", "pesan"]
        return [dict(zip(header, row, strict=True)) for row in reader]


@pytest.fixture
def opts() -> ImportOptions:
    return ImportOptions(coverage_start=date(2026, 1, 1))


# ---------------------------------------------------------------- the template


def test_template_explains_every_column_in_indonesian(tmp_path: Path) -> None:
    out = tmp_path / "templat.xlsx"
    exports.write_template(out)
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["Data", "Petunjuk"]
    assert "Kode Desa" in wb.sheetnames and "Kode Pekerjaan" in wb.sheetnames

    data = wb["Data"]
    header = [c.value for c in data[1]]
    assert header == [*COLUMNS, *OPTIONAL_COLUMNS]
    nik_col = header.index("nik") + 1
    assert data.cell(row=2, column=nik_col).number_format == "@"  # NIK typed as text

    help_rows = [[c.value for c in row] for row in wb["Petunjuk"].iter_rows()]
    assert help_rows[0] == ["kolom", "wajib", "penjelasan"]
    explained = {r[0]: (r[1], r[2]) for r in help_rows[1:] if r[0]}
    assert set(explained) == set(header)
    for column, (required, text) in explained.items():
        assert required == ("ya" if column in REQUIRED_COLUMNS else "tidak"), column
        assert text and len(text) > 10, column
    # Indonesian words, not English ones
    assert "angka" in explained["nik"][1] and "KTP" in explained["nik"][1]
    assert "laki-laki" in explained["jenis_kelamin"][1]
    every = " ".join(t for _, t in explained.values()).lower()
    for english in (" the ", " must ", " number ", " date of birth"):
        assert english not in every


def test_template_lists_the_regencys_village_codes(tmp_path: Path) -> None:
    out = tmp_path / "templat.xlsx"
    exports.write_template(out, regency_code="15.05")
    sheet = load_workbook(out, read_only=True)["Kode Desa"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "kode_desa"
    codes = {r[0]: r[1] for r in rows[1:]}
    regions = get_regions()
    expected = {v.code for d in regions.districts_of("15.05") for v in regions.villages_of(d.code)}
    assert set(codes) == expected
    assert codes["15.05.01.2002"] == "Sungai Bertam"


def test_a_filled_in_template_imports(ctx: Context, factory: SampleFactory, tmp_path: Path,
                                      opts: ImportOptions) -> None:
    out = tmp_path / "templat.xlsx"
    exports.write_template(out)
    wb = load_workbook(out)
    ws = wb["Data"]
    header = [c.value for c in ws[1]]
    rows = rows_of(factory, 2)
    for i, r in enumerate(rows, start=2):
        for j, column in enumerate(header, start=1):
            if r.get(column) not in (None, ""):
                ws.cell(row=i, column=j, value=r[column])
    wb.save(out)
    res = import_file(ctx, out, opts)
    assert res.imported == 2, village_import.report_rows(res.preview)
    assert {r.data.nik for r in all_regs(ctx)} == {r["nik"] for r in rows}


# ---------------------------------------------------------------- reading the file


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8-sig"), (";", "utf-8-sig"), (",", "utf-8"), (";", "cp1252"), (",", "cp1252")],
)
def test_csv_dialects_and_encodings(ctx: Context, factory: SampleFactory, tmp_path: Path,
                                    opts: ImportOptions, delimiter: str, encoding: str) -> None:
    rows = rows_of(factory, 3)
    rows[0]["nama_lengkap"] = "ANDRÉ SIREGAR"
    rows[1]["alamat"] = "Jl. Lintas Timur, Dusun II"  # a comma inside a cell
    rows[2]["penghasilan"] = "Rp 1.500.000"
    path = write_csv(tmp_path / "desa.csv", rows, delimiter=delimiter, encoding=encoding)
    res = import_file(ctx, path, opts)
    assert res.imported == 3, village_import.report_rows(res.preview)
    by_nik = {r.data.nik: r for r in all_regs(ctx)}
    assert by_nik[rows[0]["nik"]].data.full_name == "ANDRÉ SIREGAR"
    assert by_nik[rows[1]["nik"]].data.street == "Jl. Lintas Timur, Dusun II"
    assert by_nik[rows[2]["nik"]].data.reported_income == 1_500_000


def test_xlsx_with_date_cells_and_numbers(ctx: Context, factory: SampleFactory, tmp_path: Path,
                                          opts: ImportOptions) -> None:
    rows = rows_of(factory, 3)
    rows[0]["rt"], rows[0]["rw"] = 3, 12  # typed as numbers
    rows[1]["penghasilan"] = 2_000_000
    path = write_xlsx(tmp_path / "desa.xlsx", rows)
    res = import_file(ctx, path, opts)
    assert res.imported == 3, village_import.report_rows(res.preview)
    by_nik = {r.data.nik: r for r in all_regs(ctx)}
    first = by_nik[rows[0]["nik"]]
    assert (first.data.rt, first.data.rw) == ("003", "012")
    assert by_nik[rows[1]["nik"]].data.reported_income == 2_000_000
    for r in rows:
        d, m, y = r["tanggal_lahir"].split("-")
        assert by_nik[r["nik"]].data.birth_date == date(int(y), int(m), int(d))


def test_header_names_are_case_insensitive(ctx: Context, factory: SampleFactory, tmp_path: Path,
                                           opts: ImportOptions) -> None:
    header = [" NIK", "Nama Lengkap", "TANGGAL_LAHIR", "Jenis-Kelamin", "Kode_Desa",
              "PEKERJAAN", "Sumber Iuran", "No_HP", "Ahli_Waris_Nama", "AHLI WARIS HUBUNGAN"]
    rows = rows_of(factory, 2)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    keys = ["nik", "nama_lengkap", "tanggal_lahir", "jenis_kelamin", "kode_desa", "pekerjaan",
            "sumber_iuran", "no_hp", "ahli_waris_nama", "ahli_waris_hubungan"]
    for r in rows:
        w.writerow([r[k] for k in keys])
    path = tmp_path / "desa.csv"
    path.write_text(buf.getvalue(), "utf-8")
    res = import_file(ctx, path, opts)
    assert res.imported == 2, village_import.report_rows(res.preview)
    assert res.preview.file_problems == []


def test_an_unknown_column_is_a_warning(ctx: Context, factory: SampleFactory, tmp_path: Path,
                                        opts: ImportOptions) -> None:
    path = write_csv(tmp_path / "desa.csv", rows_of(factory, 1), header=[*HEADER, "catatan"])
    res = import_file(ctx, path, opts)
    assert res.imported == 1
    assert [(p.code, p.params) for p in res.preview.file_problems] == [
        ("column_ignored", {"column": "catatan"})
    ]


@pytest.mark.parametrize("fmt", ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"])
def test_dates_in_the_three_formats(ctx: Context, factory: SampleFactory, tmp_path: Path,
                                    opts: ImportOptions, fmt: str) -> None:
    data = factory.data()
    row = village_list_row(data)
    assert data.birth_date is not None
    row["tanggal_lahir"] = data.birth_date.strftime(fmt)
    res = import_file(ctx, write_csv(tmp_path / "desa.csv", [row]), opts)
    assert res.imported == 1, village_import.report_rows(res.preview)
    assert all_regs(ctx)[0].data.birth_date == data.birth_date


def test_coverage_columns_and_defaults(ctx: Context, factory: SampleFactory, tmp_path: Path,
                                       opts: ImportOptions) -> None:
    rows = rows_of(factory, 2)
    rows[0]["sumber_iuran"], rows[1]["sumber_iuran"] = "APBD_KAB", "APBD_KAB"
    rows[1]["mulai_kepesertaan"], rows[1]["akhir_kepesertaan"] = "01-04-2026", "31/12/2026"
    header = [*HEADER, "mulai_kepesertaan", "akhir_kepesertaan"]
    res = import_file(ctx, write_csv(tmp_path / "desa.csv", rows, header=header), opts)
    assert res.imported == 2
    by_nik = {r.data.nik: r.data for r in all_regs(ctx)}
    first, second = by_nik[rows[0]["nik"]], by_nik[rows[1]["nik"]]
    assert (first.coverage_start, first.coverage_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert (second.coverage_start, second.coverage_end) == (date(2026, 4, 1), date(2026, 12, 31))


# ---------------------------------------------------------------- rows with problems


def test_rows_with_errors_are_left_out_and_reported(ctx: Context, factory: SampleFactory,
                                                    tmp_path: Path, opts: ImportOptions) -> None:
    rows = rows_of(factory, 6)
    rows[1]["nik"] = rows[1]["nik"][:15]  # spreadsheet row 3
    rows[2]["tanggal_lahir"] = "31-02-1980"  # row 4: no such date
    rows[3]["kode_desa"] = "15.05.01.2999"  # row 5
    rows[4]["no_hp"] = ""  # row 6: only a warning
    rows[5]["ahli_waris_hubungan"] = "TETANGGA"  # row 7
    path = write_csv(tmp_path / "desa.csv", rows)
    res = import_file(ctx, path, opts)
    assert res.imported == 2 and res.status is St.DRAFT
    assert [r.row for r in res.preview.rejected] == [3, 4, 5, 7]
    assert {r.data.nik for r in all_regs(ctx)} == {rows[0]["nik"], rows[4]["nik"]}

    report = tmp_path / "laporan.csv"
    write_report(res.preview, report)
    lines = read_report(report)
    got = {(int(x["baris"]), x["kolom"], x["tingkat"], x["kode"]) for x in lines}
    assert {
        (3, "nik", "galat", "nik_length"),
        (4, "tanggal_lahir", "galat", "date_format"),
        (5, "kode_desa", "galat", "village_unknown"),
        (6, "no_hp", "peringatan", "phone_missing"),
        (7, "ahli_waris_hubungan", "galat", "heir_relationship_unknown"),
    } <= got
    assert all(x["tingkat"] in ("galat", "peringatan") for x in lines)
    for x in lines:
        assert x["pesan"] and x["pesan"] != x["kode"]
    nik_line = next(x for x in lines if x["kode"] == "nik_length")
    assert nik_line["pesan"] == message("nik_length", {"length": 15}, "id")
    assert "harus 16 angka" in nik_line["pesan"]
    # row 2 imported without any line in the report
    assert 2 not in {int(x["baris"]) for x in lines}


def test_report_row_numbers_follow_the_spreadsheet(ctx: Context, factory: SampleFactory,
                                                   tmp_path: Path, opts: ImportOptions) -> None:
    """Blank lines and a title above nothing: the row numbers are the ones Excel shows."""
    rows = rows_of(factory, 2)
    rows[1]["jenis_kelamin"] = "X"
    path = tmp_path / "desa.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)  # row 1
    ws.append([rows[0].get(c, "") for c in HEADER])  # row 2
    ws.append([])  # row 3 left empty
    ws.append([rows[1].get(c, "") for c in HEADER])  # row 4
    wb.save(path)
    res = import_file(ctx, path, opts)
    assert res.imported == 1
    assert [(r.row, [p.code for p in r.problems]) for r in res.preview.rejected] == [
        (4, ["sex_invalid"])
    ]


def test_paper_consent_makes_ready_records_in_the_queue(ctx: Context, factory: SampleFactory,
                                                        tmp_path: Path) -> None:
    rows = rows_of(factory, 3)
    opts = ImportOptions(consent_paper=True, coverage_start=date(2026, 1, 1))
    res = import_file(ctx, write_csv(tmp_path / "desa.csv", rows), opts)
    assert (res.imported, res.status) == (3, St.READY)
    regs = all_regs(ctx)
    for reg in regs:
        assert reg.status is St.READY and reg.version == 1
        c = reg.data.consent
        assert c is not None
        assert (c.method, c.volunteer_id, c.notice_version) == (
            ConsentMethod.PAPER, ctx.volunteer_id, CURRENT_NOTICE_VERSION
        )
    with ctx.db.reader() as uow:
        pending = sorted(e.record_id for e in uow.outbox.pending())
    assert pending == sorted(r.id for r in regs)


def test_without_consent_rows_become_drafts(ctx: Context, factory: SampleFactory,
                                            tmp_path: Path, opts: ImportOptions) -> None:
    res = import_file(ctx, write_csv(tmp_path / "desa.csv", rows_of(factory, 2)), opts)
    assert res.status is St.DRAFT
    assert {r.status for r in all_regs(ctx)} == {St.DRAFT}
    assert all(r.data.consent is None for r in all_regs(ctx))
    assert table_counts(ctx)["outbox"] == 0
    # the imported records are searchable by name at once
    name = all_regs(ctx)[0].data.full_name
    assert registrations.count(ctx, SearchFilter(text=name)) >= 1


def test_a_nik_repeated_in_the_file_or_on_the_device(ctx: Context, factory: SampleFactory,
                                                     tmp_path: Path, opts: ImportOptions) -> None:
    on_device = factory.data()
    registrations.save(ctx, on_device, ready=True)
    rows = rows_of(factory, 3)
    rows.append(dict(rows[0], nama_lengkap="ORANG LAIN"))  # row 5 repeats row 2's NIK
    rows.append(village_list_row(on_device))  # row 6 is already on this laptop
    res = import_file(ctx, write_csv(tmp_path / "desa.csv", rows), opts)
    assert res.imported == 3
    problems = {r.row: [(p.code, dict(p.params)) for p in r.problems if p.is_error]
                for r in res.preview.rejected}
    assert problems == {
        5: [("nik_repeated_in_file", {"first_row": 2})],
        6: [("nik_already_on_device", {})],
    }


def test_a_phone_on_the_device_or_earlier_in_the_file_is_a_warning(
        ctx: Context, factory: SampleFactory, tmp_path: Path, opts: ImportOptions) -> None:
    on_device = factory.data()
    registrations.save(ctx, on_device, ready=True)
    voided = registrations.save(ctx, factory.data(), ready=True)
    registrations.void(ctx, voided.registration.id, "salah orang")
    rows = rows_of(factory, 4)
    rows[0]["no_hp"] = on_device.phone  # row 2: a phone an active record has
    rows[1]["no_hp"] = rows[2]["no_hp"]  # row 3 and row 4: the same phone
    rows[3]["no_hp"] = voided.registration.data.phone  # row 5: only a voided record's
    pv = village_import.preview(ctx, write_csv(tmp_path / "desa.csv", rows), opts)
    warned = [r.row for r in pv.rows if any(p.code == "phone_repeated" for p in r.problems)]
    assert warned == [2, 4]


def test_importing_the_same_file_again_adds_nothing(ctx: Context, factory: SampleFactory,
                                                    tmp_path: Path) -> None:
    opts = ImportOptions(consent_paper=True, coverage_start=date(2026, 1, 1))
    path = write_xlsx(tmp_path / "desa.xlsx", rows_of(factory, 4))
    first = import_file(ctx, path, opts)
    assert first.imported == 4 and first.preview.imported_before is None
    before = table_counts(ctx)
    again = import_file(ctx, path, opts)
    assert again.imported == 0
    assert again.preview.imported_before is not None
    assert {p.code for r in again.preview.rows for p in r.problems if p.is_error} == {
        "nik_already_on_device"
    }
    after = table_counts(ctx)
    for table in ("registration", "heir", "outbox"):
        assert after[table] == before[table], table


def test_dry_run_writes_nothing(ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    before = table_counts(ctx)
    opts = ImportOptions(consent_paper=True, coverage_start=date(2026, 1, 1))
    res = import_file(ctx, write_csv(tmp_path / "desa.csv", rows_of(factory, 5)), opts,
                      dry_run=True)
    assert (res.imported, res.status) == (0, None)
    assert len(res.preview.valid) == 5
    assert table_counts(ctx) == before
    # and the real import afterwards is not "imported before"
    res = import_file(ctx, tmp_path / "desa.csv", opts)
    assert res.imported == 5 and res.preview.imported_before is None


def test_progress_is_reported(ctx: Context, factory: SampleFactory, tmp_path: Path,
                              opts: ImportOptions) -> None:
    seen: list[tuple[int, int]] = []
    import_file(ctx, write_csv(tmp_path / "desa.csv", rows_of(factory, 3)), opts,
                progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)
    assert all(total == 3 for _, total in seen)


# ---------------------------------------------------------------- files that are not a table


def _pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
            b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _zip_of_text() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("catatan.txt", "bukan tabel")
    return buf.getvalue()


NOT_TABLES = {
    "random.csv": random.Random(7).randbytes(4096),
    "random.xlsx": random.Random(8).randbytes(4096),
    "laporan.pdf": _pdf(),
    "laporan.csv": _pdf(),  # a PDF renamed
    "kosong.csv": b"",
    "kosong.xlsx": b"",
    "spasi.csv": b"\r\n  \r\n",
    "teks.xlsx": b"nik,nama_lengkap\n1505014107850003,SITI\n",
    "arsip.xlsx": _zip_of_text(),
    "gambar.png": b"\x89PNG\r\n\x1a\n" + random.Random(9).randbytes(200),
}


@pytest.mark.parametrize("name", sorted(NOT_TABLES))
def test_a_file_that_is_not_a_table_is_one_clear_error(ctx: Context, tmp_path: Path,
                                                       name: str) -> None:
    path = tmp_path / name
    path.write_bytes(NOT_TABLES[name])
    before = table_counts(ctx)
    with pytest.raises(ServiceError) as info:
        import_file(ctx, path, ImportOptions(consent_paper=True))
    assert info.value.code in ("file_unreadable", "file_empty"), info.value.code
    assert info.value.params["file"] == name
    text = message(info.value.code, info.value.params, "id")
    assert name in text and "{" not in text
    assert table_counts(ctx) == before


def test_a_missing_file(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(ServiceError) as info:
        import_file(ctx, tmp_path / "tidak-ada.csv")
    assert info.value.code == "file_not_found"


def test_missing_required_columns(ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    header = [c for c in HEADER if c not in ("tanggal_lahir", "kode_desa")]
    path = write_csv(tmp_path / "desa.csv", rows_of(factory, 2), header=header)
    before = table_counts(ctx)
    with pytest.raises(ServiceError) as info:
        import_file(ctx, path)
    assert info.value.code == "columns_missing"
    assert info.value.params == {"file": "desa.csv", "columns": "tanggal_lahir, kode_desa"}
    assert table_counts(ctx) == before


def test_a_nik_that_excel_stored_as_a_number(ctx: Context, factory: SampleFactory,
                                             tmp_path: Path, opts: ImportOptions) -> None:
    rows = rows_of(factory, 2)
    typed = rows[0]["nik"]
    rows[0]["nik"] = int(typed[:15] + "0")  # what Excel keeps of a 16-digit number
    rows[1]["nik"] = float(rows[1]["nik"][:15] + "0")
    path = write_xlsx(tmp_path / "desa.xlsx", rows, raw=True)
    res = import_file(ctx, path, opts)
    assert res.imported == 0
    for r in res.preview.rejected:
        assert next(p.code for p in r.problems if p.field == "nik") == "nik_excel_number"
    report = tmp_path / "laporan.csv"
    write_report(res.preview, report)
    lines = [x for x in read_report(report) if x["kode"] == "nik_excel_number"]
    assert [int(x["baris"]) for x in lines] == [2, 3]
    assert "Teks" in lines[0]["pesan"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_imports_on_another_laptop(ctx: Context, factory: SampleFactory,
                                             tmp_path: Path, password: str,
                                             opts: ImportOptions, suffix: str) -> None:
    """The export starts with the template's columns: another laptop can read it back."""
    originals = [factory.data() for _ in range(3)]
    for d in originals:
        registrations.save(ctx, d, ready=True)
    exported = tmp_path / f"semua{suffix}"
    assert exports.export_registrations(ctx, exported) == 3

    other_home = tmp_path / "laptop2"
    accounts.initialise(other_home, device_name="Laptop 2", regency_code="15.05",
                        volunteer_name="Siti", password=password)
    other = accounts.unlock(other_home, "", password)
    try:
        res = import_file(other, exported, opts)
        assert res.imported == 3, village_import.report_rows(res.preview)
        with other.db.reader() as uow:
            back = {r.data.nik: r.data for r in uow.registrations.iter_all()}
    finally:
        other.close()
    for d in map(normalize, originals):
        got = back[d.nik]
        assert (got.full_name, got.birth_date, got.sex, got.village_code, got.phone,
                got.occupation_code, got.funding_source, got.rt, got.heirs[0].name) == (
            d.full_name, d.birth_date, d.sex, d.village_code, d.phone, d.occupation_code,
            d.funding_source, d.rt, d.heirs[0].name)


def test_a_nik_that_excel_saved_in_scientific_notation(ctx: Context, factory: SampleFactory,
                                                       tmp_path: Path,
                                                       opts: ImportOptions) -> None:
    """A CSV saved by Excel with the NIK column as numbers reads 1.50501E+15: explained, not
    reported as a stray letter."""
    rows = rows_of(factory, 2)
    rows[0]["nik"] = "1.50501E+15"
    path = write_csv(tmp_path / "desa.csv", rows)
    res = import_file(ctx, path, opts)
    assert res.imported == 1
    [bad] = res.preview.rejected
    assert [p.code for p in bad.problems if p.field == "nik"] == ["nik_excel_number"]


def test_the_preview_shown_is_imported_without_reading_the_file_again(
    ctx: Context, factory: SampleFactory, tmp_path: Path, opts: ImportOptions
) -> None:
    path = write_csv(tmp_path / "desa.csv", rows_of(factory, 3))
    shown = village_import.preview(ctx, path, opts)
    # A row typed on the form between the preview and the import, with the first row's NIK.
    first = shown.rows[0].data
    assert first is not None
    saved = registrations.save(ctx, first, ready=False)
    res = import_file(ctx, path, opts, checked=shown)
    assert res.preview is shown  # the checked rows were used as they were
    assert res.imported == 2  # the NIK saved meanwhile is still refused
    assert [p.code for p in shown.rows[0].problems] == ["nik_already_on_device"]
    assert len([r for r in all_regs(ctx) if r.data.nik == first.nik]) == 1
    assert saved.registration.data.nik == first.nik


def test_a_preview_of_another_file_or_other_options_is_not_reused(
    ctx: Context, factory: SampleFactory, tmp_path: Path, opts: ImportOptions
) -> None:
    path = write_csv(tmp_path / "desa.csv", rows_of(factory, 2))
    shown = village_import.preview(ctx, path, opts)
    paper = ImportOptions(coverage_start=opts.coverage_start, consent_paper=True)
    res = import_file(ctx, path, paper, checked=shown)
    assert res.preview is not shown
    assert res.status is St.READY and res.imported == 2

    other = write_csv(tmp_path / "desa2.csv", rows_of(factory, 2))
    shown2 = village_import.preview(ctx, other, opts)
    write_csv(other, rows_of(factory, 3))  # the file changed after the preview
    res2 = import_file(ctx, other, opts, checked=shown2)
    assert res2.preview is not shown2
    assert res2.imported == 3
