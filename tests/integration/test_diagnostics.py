"""Help → Export diagnostics: the report file holds versions, settings, sync state, counts,
backups and the log's end, and none of the personal data the data folder holds
(docs/DOMAIN.md: names, NIKs, birth dates, phones, addresses, heirs, volunteers' names)."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

import fieldreg
from fieldreg.domain.codes import Status as St
from fieldreg.domain.registration import RegistrationData
from fieldreg.logs import setup_logging
from fieldreg.services import accounts, cards, diagnostics, registrations, settings, village_import
from fieldreg.services.context import Context
from fieldreg.store import migrate
from tests.conftest import PASSWORD, VOLUNTEER
from tools.sample_data import SampleFactory, village_list_row, write_village_list

ROOT = Path(__file__).resolve().parents[2]
SECOND_VOLUNTEER = "Kartini Wulandari"
LOG_NIK = "1505014107850009"
LOG_PHONE = "0813-7766-5544"
LOG_EMAIL = "zubaidah.kenanga@example.id"


@dataclass
class Folder:
    """A data folder with records of every kind, and every personal string it holds."""

    personal: list[str]
    record_ids: list[str]


def _person(factory: SampleFactory, i: int) -> RegistrationData:
    """A worker with names, address and phone that nothing else in a report could contain."""
    d = factory.data()
    letter = "ABCDEFGH"[i]
    return d.copy(
        full_name=f"ZUBAIDAH KENANGA {letter}",
        mother_maiden_name=f"MARLINA SEROJA {letter}",
        street=f"Jalan Melati Wangi {i + 1}",
        phone=f"0852{i}1{i}4{i}6{i}8{i}",
        email=f"pekerja{i}@contoh.id",
        birth_place="KAMPUNG TELUK JAYA",
        heirs=[replace(d.heirs[0], name=f"RAHMAT HIDAYATULLAH {letter}")],
    )


def _unlogged(ctx: Context) -> None:
    """Close the root logger's file handler of this data folder (tests share a process)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if isinstance(h, RotatingFileHandler) and Path(h.baseFilename).parent == \
                ctx.home / "logs":
            root.removeHandler(h)
            h.close()


@pytest.fixture
def folder(home: Path, ctx: Context, factory: SampleFactory, tmp_path: Path) -> Folder:
    accounts.add_volunteer(ctx, SECOND_VOLUNTEER, "sandi-kedua-22")
    datas = [_person(factory, i) for i in range(7)]
    saved = []
    for i, d in enumerate(datas):
        ready = i not in (4, 5)  # two drafts
        saved.append(registrations.save(ctx, d, ready=ready).registration)
    # one the district server refused (as a sync outcome would leave it), one voided
    with ctx.db.uow() as uow:
        row = uow.sync.record_row(saved[2].id)
        assert row is not None
        row.status = St.REJECTED.value
        row.outcome_code = "rejected"
        seqs = [e.seq for e in uow.outbox.pending(limit=100) if e.record_id == saved[2].id]
        uow.outbox.finish(seqs, "done")
        # enrolled, with one sync run in the history
        st = uow.sync.state_for_update()
        st.server_url, st.token = "http://10.0.0.5:8750", "t0ken-rahasia"
        st.district_code, st.district_name = "15.05", "Muaro Jambi"
        uow.sync.add_run(started_at=datetime(2026, 1, 15, 2, 0), finished_at=datetime(
            2026, 1, 15, 2, 1), trigger="manual", result="ok", sent=4, applied=3, duplicate=0,
            rejected=1, conflict=0, pulled=2, requests=3, bytes_up=20480, bytes_down=4096,
            detail="")
        uow.commit()
    registrations.void(ctx, saved[6].id, "Terdaftar dua kali")
    # a card printed, and printed again
    cards.export_pdf(ctx, [saved[0].id], tmp_path / "kartu.pdf")
    cards.export_pdf(ctx, [saved[0].id], tmp_path / "kartu2.pdf", reprint_reason="Kartu hilang")
    # a village list of three imported as drafts
    fac2 = SampleFactory(seed=515, today=factory.today)
    rows = [village_list_row(fac2.data()) for _ in range(3)]
    write_village_list(tmp_path / "daftar.csv", rows)
    res = village_import.import_file(ctx, tmp_path / "daftar.csv")
    assert res.imported == 3
    # settings, with a backup folder on a "USB stick" holding a backup
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "laptop-desa-1-0a1b2c3d-20260114-090000-manual.fieldreg-backup").write_bytes(
        b"x" * 2048)
    (home / "backups").mkdir()
    (home / "backups" / "laptop-desa-1-0a1b2c3d-20260115-080000-daily.fieldreg-backup"
     ).write_bytes(b"y" * 4096)
    settings.save(home, settings.Settings(
        server_url="http://10.0.0.5:8750", idle_lock_minutes=17, printer_name="EPSON-L3110",
        backup_folder=str(usb), targets={"15.05.01": 250}))
    # a log with a full NIK, a phone and an e-mail: through logging (the filter masks the
    # NIK) and written straight into the file (defence in depth: the report masks again)
    level = logging.getLogger().level
    setup_logging(home)
    try:
        logging.getLogger("fieldreg.test").warning("checking NIK %s phone %s", LOG_NIK,
                                                   LOG_PHONE)
    finally:
        _unlogged(ctx)
        logging.getLogger().setLevel(level)
    with (home / "logs" / "fieldreg.log").open("a", encoding="utf-8") as f:
        f.write(f"2026-01-15 09:00:00,000 WARNING slipped: NIK {LOG_NIK} / "
                f"{LOG_NIK[:4]} {LOG_NIK[4:8]} {LOG_NIK[8:12]} {LOG_NIK[12:]} hp {LOG_PHONE} "
                f"+62 813 7766 5544 mail {LOG_EMAIL}\n")
        f.write("2026-01-15 09:00:01,000 INFO fieldreg.sync: sent 4 entries in 1 batch\n")
    personal: list[str] = [VOLUNTEER, SECOND_VOLUNTEER, "t0ken-rahasia", LOG_EMAIL,
                           LOG_NIK, LOG_PHONE, re.sub(r"\D", "", LOG_PHONE)]
    personal += [r["nama_lengkap"] for r in rows] + [r["nik"] for r in rows]
    for reg in saved:
        d = reg.data
        personal += [d.full_name, d.nik, d.mother_maiden_name, d.street, d.phone, d.email,
                     d.birth_place, reg.id]
        assert d.birth_date is not None
        personal += [d.birth_date.isoformat(), f"{d.birth_date:%d-%m-%Y}"]
        personal += [h.name for h in d.heirs]
        if reg.participant_number:
            personal.append(reg.participant_number)
    return Folder(personal=personal, record_ids=[r.id for r in saved])


def _kv(text: str, key: str) -> str:
    m = re.search(rf"^{re.escape(key)}:\s+(.*)$", text, re.MULTILINE)
    assert m, f"{key!r} not in the report"
    return m.group(1).strip()


def _count(text: str, key: str) -> int:
    return int(_kv(text, key).split()[0])


def test_the_report_holds_versions_settings_counts_and_no_personal_data(
        home: Path, ctx: Context, folder: Folder, tmp_path: Path) -> None:
    out = tmp_path / "kirim" / "diagnostik.txt"
    assert diagnostics.write_report(home, out, ctx=ctx,
                                    versions={"Qt": "6.9.9", "PySide6": "6.9.8"}) == out
    text = out.read_text("utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["diagnostik.txt"]  # no temp file left

    # headings in both languages
    for heading in ("== Versi / Versions ==", "== Pengaturan / Settings ==",
                    "== Sinkronisasi / Sync ==", "== Basis data / Database ==",
                    "== Cadangan / Backups ==", "== Log (300 baris terakhir / last 300 lines) =="):
        assert heading in text
    # versions
    assert _kv(text, "fieldreg") == fieldreg.__version__
    assert _kv(text, "Qt") == "6.9.9" and _kv(text, "PySide6") == "6.9.8"
    assert _kv(text, "Python").startswith(sys.version.split()[0])
    assert re.match(r"\d+\.\d+", _kv(text, "SQLCipher"))
    assert _kv(text, "Skema basis data / database schema") == migrate.HEAD
    assert _kv(text, "Portabel / portable") == "tidak / no"
    # settings: every one of them
    for name in ("language", "server_url", "auto_sync", "idle_lock_minutes", "printer_name",
                 "paper_size", "duplex", "card_layout", "backup_folder", "targets"):
        assert re.search(rf"^{name}:", text, re.MULTILINE), name
    assert _kv(text, "idle_lock_minutes") == "17"
    assert _kv(text, "printer_name") == "EPSON-L3110"
    assert _kv(text, "targets") == "15.05.01=250"
    # sync
    assert _kv(text, "Terdaftar di server / enrolled") == "ya / yes"
    assert _kv(text, "Server") == "http://10.0.0.5:8750"
    assert _kv(text, "ID laptop / device id") == ctx.device_id
    assert _kv(text, "Dijeda / paused") == "tidak / no"
    assert "manual ok" in re.sub(r"\s+", " ", text)
    assert "sent 4, applied 3, duplicate 0, rejected 1, conflict 0, pulled 2" in text
    # counts: 7 saved (2 drafts, 1 rejected, 1 voided, 3 ready) + 3 imported drafts
    assert _count(text, "  draft") == 5
    assert _count(text, "  ready") == 3
    assert _count(text, "  rejected") == 1
    assert _count(text, "  voided") == 1
    assert _count(text, "  total") == 10
    # queued: every write of a record that left draft, but the rejected one's (answered)
    assert _count(text, "  pending") == registrations.queue_counts(ctx)["pending"] == 5
    assert _count(text, "  done") == 1
    assert _kv(text, "Perlu diperbaiki / needs fixing") == "1 (rejected, duplicate)"
    assert _kv(text, "Kartu dicetak / card prints") == "2 (cetak ulang / reprints 1)"
    assert _kv(text, "Impor daftar desa / village lists imported") == "1 (3 baris / rows)"
    assert _kv(text, "Relawan / volunteers") == "2 (aktif / active 2, supervisor 1)"
    assert _kv(text, "Pemeriksaan / PRAGMA quick_check") == "ok"
    assert re.search(r"fieldreg\.db: \d+(\.\d)? (B|KB|MB)", text)
    # backups, in the data folder and in the chosen folder
    assert "laptop-desa-1-0a1b2c3d-20260115-080000-daily.fieldreg-backup  4.0 KB" in text
    assert "laptop-desa-1-0a1b2c3d-20260114-090000-manual.fieldreg-backup  2.0 KB" in text
    # the log's end, scrubbed
    assert "sent 4 entries in 1 batch" in text
    assert "************0009" in text  # masked as the log filter does
    assert "08**********" in text and "***@***" in text

    # no personal data anywhere
    assert len(folder.personal) > 80
    leaks = [p for p in folder.personal if p and p in text]
    assert leaks == []
    digits = re.sub(r"\D", "", text)
    assert LOG_NIK not in digits
    assert "081377665544" not in digits and "6281377665544" not in digits


def test_without_the_database(home: Path, init: accounts.InitResult, tmp_path: Path) -> None:
    """Locked or broken: versions, folder, settings, backups and log still come."""
    settings.save(home, settings.Settings(idle_lock_minutes=23))
    (home / "logs").mkdir(exist_ok=True)
    (home / "logs" / "fieldreg.log").write_text(
        f"2026-01-15 08:00:00,000 ERROR fieldreg.x: could not open ({LOG_PHONE})\n", "utf-8")
    out = diagnostics.write_report(home, tmp_path / "d.txt")
    text = out.read_text("utf-8")
    assert _kv(text, "fieldreg") == fieldreg.__version__
    assert re.match(r"\d+\.\d+", _kv(text, "SQLCipher"))  # from an in-memory connection
    assert "tidak dibuka / not opened" in _kv(text, "Skema basis data / database schema")
    assert _kv(text, "idle_lock_minutes") == "23"
    assert "The database was not opened" in text
    assert "Data per status" not in text and "quick_check" not in text
    assert "could not open (08**********)" in text
    assert "(tidak ada cadangan / no backups)" in text or "(folder tidak ada" in text
    assert VOLUNTEER not in text


def test_a_failing_section_does_not_stop_the_report(home: Path, tmp_path: Path, ctx: Context,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A part that fails says so; the rest of the report is still written. An existing
    report is replaced."""
    from fieldreg.services import sync

    def broken(*_a: object, **_k: object) -> list[object]:
        raise RuntimeError("sync history unreadable")

    monkeypatch.setattr(sync, "history", broken)
    out = tmp_path / "d.txt"
    out.write_text("old", "utf-8")
    diagnostics.write_report(home, out, ctx=ctx)
    text = out.read_text("utf-8")
    assert "(gagal / failed: RuntimeError: sync history unreadable)" in text
    assert _count(text, "  total") == 0
    assert "== Log (300 baris terakhir / last 300 lines) ==" in text
    assert _kv(text, "Terdaftar di server / enrolled") == "tidak / no"


@pytest.mark.parametrize(("raw", "masked"), [
    ("nik 1505016607900003.", "nik ************0003."),
    ("kk 1505 0166 0790 0003", "kk ************0003"),
    ("hp 0812-3456-7890, lagi 081234567", "hp 08**********, lagi 08*******"),
    ("hp +62 812 3456 7890", "hp +62***********"),
    ("mail siti.a+1@mail.co.id ok", "mail ***@*** ok"),
    ("2026-01-15 08:00:01,123 INFO sent 12 of 3000 (0.8 MB)",
     "2026-01-15 08:00:01,123 INFO sent 12 of 3000 (0.8 MB)"),
    ("http://10.0.0.5:8750 v6.1.0-18", "http://10.0.0.5:8750 v6.1.0-18"),
])
def test_scrub(raw: str, masked: str) -> None:
    assert diagnostics.scrub(raw) == masked


# ---------------------------------------------------------------- the command


def _fieldreg(home: Path, *args: str, password: str | None = PASSWORD
              ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HOME=str(home), FIELDREG_ARGON2_COST="1,8,1", PYTHONPATH=str(ROOT))
    if password is not None:
        env["FIELDREG_PASSWORD"] = password
    script = Path(sys.executable).parent / "fieldreg"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "fieldreg.cli"]
    return subprocess.run([*cmd, *args], cwd=ROOT, env=env, text=True, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


def test_the_command(home: Path, ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    data = _person(factory, 1)
    reg = registrations.save(ctx, data, ready=True).registration
    ctx.close()
    out = tmp_path / "diagnostik.txt"
    done = _fieldreg(home, "diagnostics", str(out))
    assert done.returncode == 0, done.stderr
    assert "Berkas diagnostik disimpan" in done.stdout and "tanpa data pribadi" in done.stdout
    text = out.read_text("utf-8")
    assert _kv(text, "fieldreg") == fieldreg.__version__
    assert _count(text, "  ready") == 1 and _count(text, "  pending") == 1
    for p in (reg.data.full_name, reg.data.nik, reg.data.phone, reg.id, VOLUNTEER,
              reg.data.heirs[0].name):
        assert p not in text

    bare = tmp_path / "tanpa-db.txt"
    done = _fieldreg(home, "diagnostics", str(bare), "--without-database", password=None)
    assert done.returncode == 0, done.stderr
    text = bare.read_text("utf-8")
    assert "The database was not opened" in text and "  ready" not in text
    assert _kv(text, "fieldreg") == fieldreg.__version__


def test_the_command_with_a_wrong_password(home: Path, init: accounts.InitResult,
                                           tmp_path: Path) -> None:
    out = tmp_path / "d.txt"
    done = _fieldreg(home, "diagnostics", str(out), password="salah-sandi-9")
    assert done.returncode != 0
    assert not out.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_report_is_readable_by_its_owner_only(home: Path, init: accounts.InitResult,
                                                  tmp_path: Path) -> None:
    """Written through a temporary file made 0600 (issue 11 item 8), whatever the umask."""
    umask = os.umask(0o022)
    try:
        out = diagnostics.write_report(home, tmp_path / "diag.txt")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o600
