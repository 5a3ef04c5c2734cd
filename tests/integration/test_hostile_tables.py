"""Village lists that are damaged or made to do harm (issue 11, item 6): zip bombs, forged zip
directories, huge cells, DTDs, forged sheet dimensions, oversized CSVs, duplicate and alias
columns. Each is refused with one clear error naming the file, before anything big is read,
and nothing on the laptop changes (fieldreg/services/spreadsheet_reader.py, village_import.py)."""

from __future__ import annotations

import csv
import io
import random
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from fieldreg.i18n.messages import message
from fieldreg.services import spreadsheet_reader as reader
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.services.village_import import COLUMNS, ImportOptions, import_file
from tests.hostile_tables import (
    SHEET,
    Member,
    MiB,
    member,
    member_with_tail,
    sheet_xml,
    with_shared_strings,
    xlsx_parts,
    xlsx_with,
    zeros_member,
)
from tests.integration.test_import import table_counts
from tools.sample_data import SampleFactory, village_list_row

HEADER = list(COLUMNS)
SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def refused(ctx: Context, path: Path) -> ServiceError:
    """Import ``path``; it must be refused with words in both languages and change nothing."""
    before = table_counts(ctx)
    with pytest.raises(ServiceError) as info:
        import_file(ctx, path, ImportOptions(consent_paper=True))
    err = info.value
    assert err.params.get("file") == path.name, err.params
    for lang in ("id", "en"):
        text = message(err.code, err.params, lang)
        assert path.name in text and "{" not in text and "…" not in text, text
    assert table_counts(ctx) == before
    return err


def refused_with_peak(ctx: Context, path: Path) -> tuple[ServiceError, int]:
    """The refusal, and the most memory Python held while reaching it."""
    tracemalloc.start()
    try:
        err = refused(ctx, path)
        return err, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def list_parts(factory: SampleFactory, n: int = 2) -> dict[str, bytes]:
    rows = [village_list_row(factory.data()) for _ in range(n)]
    return xlsx_parts([HEADER, *[[r[c] for c in HEADER] for r in rows]])


# ---------------------------------------------------------------- zip bombs and forged zips


def test_a_sheet_that_inflates_to_1_2_gb_is_refused_without_inflating_it(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    """Well-formed: a header row, then 1.2 GB of empty rows and no dimension to stop at (it
    used to run for minutes)."""
    head, _, tail = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>nik</t></is></c></row>'
                              "@", dimension=None).partition(b"@")
    bomb = zeros_member(SHEET, 1200, unit=b"<row/>", prefix=head, suffix=tail)
    path = tmp_path / "bom.xlsx"
    path.write_bytes(xlsx_with(list_parts(factory), {SHEET: bomb}))
    assert path.stat().st_size < 4 * MiB  # 1.2 GB inside a file of about 2 MB
    err, peak = refused_with_peak(ctx, path)
    assert err.code == "xlsx_too_large"
    assert err.params["max"] == reader.MAX_MEMBER_BYTES // MiB
    assert peak < 32 * MiB, peak  # nothing was inflated


def test_a_forged_directory_declaring_a_huge_member_is_refused(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    parts = list_parts(factory)
    path = tmp_path / "palsu.xlsx"
    forged = member(SHEET, parts[SHEET], declared_size=1_200_000_000)
    path.write_bytes(xlsx_with(parts, {SHEET: forged}))
    assert refused(ctx, path).code == "xlsx_too_large"


def test_members_adding_up_past_the_total_are_refused(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    """Three members declared at 60 MiB each (under the member cap, 180 MiB in all), each
    compressed a plausible 150 times."""
    noise = random.Random(3).randbytes(60 * MiB // 150)
    extra: dict[str, Member | bytes] = {
        name: member(name, noise, declared_size=60 * MiB, method=zipfile.ZIP_STORED)
        for name in (f"xl/media/image{i}.bin" for i in range(3))
    }
    path = tmp_path / "banyak.xlsx"
    path.write_bytes(xlsx_with(list_parts(factory), extra))
    err = refused(ctx, path)
    assert (err.code, err.params["max"]) == ("xlsx_too_large", reader.MAX_TOTAL_BYTES // MiB)


def test_a_member_compressed_a_thousand_times_over_is_refused(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    path = tmp_path / "padat.xlsx"
    path.write_bytes(xlsx_with(list_parts(factory),
                               {"xl/media/image1.bin": zeros_member("xl/media/image1.bin", 20)}))
    err = refused(ctx, path)
    assert err.code == "xlsx_ratio" and err.params["max"] == reader.MAX_RATIO


def test_a_member_that_inflates_past_its_declared_size_is_unreadable(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    """zipfile stops at the declared size; the CRC then fails: no 1 GB is ever produced."""
    bomb = zeros_member(SHEET, 1024, declared_size=1000)
    path = tmp_path / "bohong.xlsx"
    path.write_bytes(xlsx_with(list_parts(factory), {SHEET: bomb}))
    assert refused(ctx, path).code == "file_unreadable"


def test_too_many_members_is_refused(ctx: Context, factory: SampleFactory,
                                     tmp_path: Path) -> None:
    parts = list_parts(factory)
    parts.update({f"xl/junk/{i}.xml": b"<a/>" for i in range(reader.MAX_MEMBERS + 1)})
    path = tmp_path / "serpih.xlsx"
    path.write_bytes(xlsx_with(parts))
    err = refused(ctx, path)
    assert err.code == "xlsx_members" and err.params["count"] == len(parts)


# ---------------------------------------------------------------- cells and XML


def test_a_huge_shared_string_is_refused_before_it_is_parsed(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    body = ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>1</v></c></row>')
    letters = "".join(random.Random(5).choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ", k=MiB))
    parts = with_shared_strings(list_parts(factory), ["nik", letters], body)
    path = tmp_path / "panjang.xlsx"
    path.write_bytes(xlsx_with(parts))
    err = refused(ctx, path)
    assert err.code == "xlsx_cell_too_long" and err.params["max"] == 32_767


def test_a_shared_string_split_into_many_runs_counts_as_one_cell(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    runs = "".join(f"<r><t>{'B' * 10_000}</t></r>" for _ in range(4))  # 40,000 in one cell
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    parts = with_shared_strings(list_parts(factory), ["nik"], body)
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
        b"</sst>", f"<si>{runs}</si></sst>".encode())
    path = tmp_path / "potong.xlsx"
    path.write_bytes(xlsx_with(parts))
    assert refused(ctx, path).code == "xlsx_cell_too_long"


def test_an_inline_cell_over_excels_limit_is_refused(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    body = ('<row r="1"><c r="A1" t="inlineStr"><is><t>nik</t></is></c></row>'
            f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"7" * 40_000}</t></is></c></row>')
    path = tmp_path / "sel.xlsx"
    path.write_bytes(xlsx_with(list_parts(factory), {SHEET: sheet_xml(body)}))
    assert refused(ctx, path).code == "xlsx_cell_too_long"


def test_entities_are_refused(ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">'
                        for i in range(9))
              + f']><worksheet {SHEET_NS}><sheetData><row r="1"><c r="A1" t="inlineStr">'
              '<is><t>&lol8;</t></is></c></row></sheetData></worksheet>')
    path = tmp_path / "tawa.xlsx"
    path.write_bytes(xlsx_with(list_parts(factory),
                               {SHEET: laughs.encode()}))
    assert refused(ctx, path).code == "xlsx_structure"


def test_deep_nesting_is_refused(ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    deep = f"<worksheet {SHEET_NS}>" + "<a>" * 10_000 + "</a>" * 10_000 + "</worksheet>"
    path = tmp_path / "dalam.xlsx"
    path.write_bytes(xlsx_with(list_parts(factory), {SHEET: deep.encode()}))
    assert refused(ctx, path).code == "xlsx_structure"


def test_a_forged_dimension_materialises_no_more_than_the_columns_read(
        factory: SampleFactory, tmp_path: Path) -> None:
    """``<dimension ref="A1:XFD3"/>`` used to make every row 16,384 cells wide."""
    def row(r: int, a: str, b: str) -> str:
        return (f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{a}</t></is></c>'
                f'<c r="B{r}" t="inlineStr"><is><t>{b}</t></is></c></row>')

    body = row(1, "nik", "nama_lengkap") + row(2, "1", "SITI") + row(3, "2", "BUDI")
    path = tmp_path / "lebar.xlsx"
    path.write_bytes(xlsx_with(xlsx_parts([["x"]]),
                               {SHEET: sheet_xml(body, dimension="A1:XFD3")}))
    table = reader.read_table(path)
    assert table.header == ["nik", "nama_lengkap"]
    assert table.rows == [(2, ["1", "SITI"]), (3, ["2", "BUDI"])]


def test_data_beyond_the_last_column_read_is_refused(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    far = reader.MAX_COLUMNS + 1  # column CW
    row = [""] * far
    row[0], row[far - 1] = "nik", "catatan"
    csv_path = tmp_path / "lebar.csv"
    csv_path.write_text(",".join(HEADER) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    err = refused(ctx, csv_path)
    assert err.code == "file_too_many_columns" and err.params["row"] == 2
    xlsx_path = tmp_path / "lebar.xlsx"
    xlsx_path.write_bytes(xlsx_with(xlsx_parts([HEADER, row])))
    err = refused(ctx, xlsx_path)
    assert err.code == "file_too_many_columns" and err.params["row"] == 2


def _far_cell_sheet(ref: str, *, valued: bool) -> bytes:
    cell = (f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>' if valued
            else f'<c r="{ref}" s="0"/>')  # formatted, no value
    row = "".join(ch for ch in ref if ch.isdigit())
    return sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>nik</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c></row>'
        f'<row r="{row}">{cell}</row>', dimension=None)


@pytest.mark.parametrize("ref, code", [("XFD2", "file_too_many_columns"),
                                       ("A1048576", "file_far_row"),
                                       ("XFD1048576", "file_too_many_columns")])
def test_a_value_far_away_is_refused_before_the_sheet_is_read(
        ctx: Context, tmp_path: Path, ref: str, code: str) -> None:
    """The reader holds a sheet as one block from A1 to its last value: one value at XFD or at
    row 1,048,576 would make it billions of cells. The scan finds it first."""
    path = tmp_path / "jauh.xlsx"
    path.write_bytes(xlsx_with(xlsx_parts([["x"]]), {SHEET: _far_cell_sheet(ref, valued=True)}))
    err, peak = refused_with_peak(ctx, path)
    assert err.code == code and peak < 64 * 2**20
    assert str(err.params["file"]) == "jauh.xlsx"
    assert message(err.code, err.params, "id")  # worded, in both languages
    assert message(err.code, err.params, "en")


def test_a_formatted_empty_cell_far_away_is_harmless(tmp_path: Path) -> None:
    """Read in a child process limited to 1 GiB of address space: the reader's block ends at
    the last value, not at a formatted empty cell (calamine's memory is not Python's, so
    tracemalloc would not see it)."""
    path = tmp_path / "format.xlsx"
    path.write_bytes(xlsx_with(xlsx_parts([["x"]]),
                               {SHEET: _far_cell_sheet("XFD1048576", valued=False)}))
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
            "from pathlib import Path; from fieldreg.services import spreadsheet_reader as r; "
            "t = r.read_table(Path(sys.argv[1])); print(t.header, t.rows)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "['nik'] [(2, ['1'])]"


def test_a_zip_that_is_no_workbook_is_unreadable(ctx: Context, tmp_path: Path) -> None:
    """An OpenDocument sheet (a zip too) or any other zip is not read as a village list."""
    path = tmp_path / "daftar.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    err = refused(ctx, path)
    assert err.code == "file_unreadable" and err.params["reason"] == "not_xlsx"


def test_empty_columns_beyond_the_last_read_are_harmless(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    """Excel writes trailing separators for formatted but empty columns."""
    r = village_list_row(factory.data())
    path = tmp_path / "koma.csv"
    path.write_text(",".join(HEADER) + "," * 300 + "\n"
                    + ",".join(str(r[c]) for c in HEADER) + "," * 300 + "\n", encoding="utf-8")
    assert import_file(ctx, path, ImportOptions(consent_paper=True)).imported == 1


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize("length", [40_000, 200_000])
def test_a_csv_cell_over_the_limit_is_refused_with_its_row(
        ctx: Context, factory: SampleFactory, tmp_path: Path, length: int) -> None:
    """200,000 characters is past the csv module's own 128 KiB limit (a traceback before)."""
    rows = [village_list_row(factory.data()) for _ in range(3)]
    rows[1]["alamat"] = "Dusun " + "x" * length
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows([[r[c] for c in HEADER] for r in rows])
    path = tmp_path / "sel.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    err = refused(ctx, path)
    assert (err.code, err.params["row"], err.params["max"]) == ("cell_too_long", 3, 32_767)


def test_a_csv_bigger_than_a_village_list_is_refused_unread(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "besar.csv"
    with path.open("wb") as f:
        f.write((",".join(HEADER) + "\n").encode())
        f.truncate(reader.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    err = refused(ctx, path)
    assert (err.code, err.params["size"], err.params["max"]) == ("file_too_large", 17, 16)


def test_more_rows_than_a_village_list_is_refused(ctx: Context, factory: SampleFactory,
                                                  tmp_path: Path) -> None:
    r = village_list_row(factory.data())
    line = ",".join(str(r[c]) for c in HEADER) + "\n"
    path = tmp_path / "panjang.csv"
    path.write_text(",".join(HEADER) + "\n" + line * (reader.MAX_ROWS + 1), encoding="utf-8")
    err = refused(ctx, path)
    assert (err.code, err.params["max"]) == ("file_too_many_rows", reader.MAX_ROWS)


def test_the_sniffer_only_reads_whole_lines_of_a_short_sample(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    """csv.Sniffer is quadratic; a hostile first 20 KB used to cost seconds per file."""
    rows = [village_list_row(factory.data()) for _ in range(40)]
    path = tmp_path / "titik-koma.csv"
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(HEADER)
    w.writerows([[r[c] for c in HEADER] for r in rows])
    assert len(buf.getvalue()) > 4096
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert import_file(ctx, path, ImportOptions(consent_paper=True)).imported == 40


# ---------------------------------------------------------------- duplicate and alias columns


DUPLICATES = {
    "nik twice": (["nik", *HEADER[1:], "NIK"], "nik: 'nik' (A), 'NIK' (S)"),
    "alias beside the column": ([*HEADER, "Nama"], "nama_lengkap: 'nama_lengkap' (B), 'Nama' (S)"),
    "two aliases": ([*HEADER, "hp", "No Telp"],
                    "no_hp: 'no_hp' (F), 'hp' (S), 'No Telp' (T)"),
}


@pytest.mark.parametrize("case", sorted(DUPLICATES))
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_column_given_twice_is_refused_naming_both(
        ctx: Context, factory: SampleFactory, tmp_path: Path, case: str, suffix: str) -> None:
    header, named = DUPLICATES[case]
    r = village_list_row(factory.data())
    values = [r.get(c, "") for c in HEADER]
    other = village_list_row(factory.data())
    # the extra columns hold another worker's data: importing either would be a guess
    extra = {"NIK": other["nik"], "Nama": other["nama_lengkap"], "hp": other["no_hp"],
             "No Telp": other["no_hp"]}
    row = [*values, *(extra[h] for h in header[len(HEADER):])]
    path = tmp_path / f"ganda{suffix}"
    if suffix == ".csv":
        buf = io.StringIO()
        csv.writer(buf).writerows([header, row])
        path.write_text(buf.getvalue(), encoding="utf-8")
    else:
        path.write_bytes(xlsx_with(xlsx_parts([header, row])))
    err = refused(ctx, path)
    assert err.code == "columns_duplicate"
    assert err.params["columns"] == named
    assert named in message(err.code, err.params, "id")


def test_a_compressed_stream_going_on_past_the_declared_size_is_never_inflated(
        ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    """Found by the fuzz test: [Content_Types].xml declared honestly (size, CRC) but its
    deflate stream carries 300 MiB more; openpyxl reads such parts whole, and zipfile inflated
    all of it before cutting at the declared size. openpyxl now reads a checked copy."""
    parts = list_parts(factory, 3)
    name = "[Content_Types].xml"
    path = tmp_path / "ekor.xlsx"
    path.write_bytes(xlsx_with(parts, {name: member_with_tail(name, parts[name], 300)}))
    tracemalloc.start()
    try:
        table = reader.read_table(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(table.rows) == 3
    assert peak < 64 * MiB, peak
