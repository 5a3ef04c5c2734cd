"""Cards end to end on a real data folder: numbers, issuing, PDFs read back by zbar, reprints,
revocation, the keys file and the command line."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import text as sql

from fieldreg.cards import credential
from fieldreg.cards.credential import Verdict
from fieldreg.cards.render import render_front
from fieldreg.cards.sheets import Layout
from fieldreg.domain import participant_number
from fieldreg.domain.codes import Status
from fieldreg.services import cards, registrations, village_import
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.services.village_import import ImportOptions
from tests.integration.test_cli import fieldreg
from tests.scanning import rasterise, scan_sheet, zbar
from tools.sample_data import SampleFactory, village_list_row, write_village_list


def pdf_info(pdf: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def save_ready(ctx: Context, factory: SampleFactory, n: int) -> list[str]:
    return [registrations.save(ctx, factory.data(), ready=True).registration.id
            for _ in range(n)]


def device_key(ctx: Context) -> bytes:
    with ctx.db.reader() as uow:
        device = uow.device.get()
        assert device is not None
        return device.public_key


def when(ctx: Context) -> datetime:
    return ctx.clock().replace(tzinfo=UTC)


# ---------------------------------------------------------------- numbers


def test_records_get_a_number_when_they_leave_draft(ctx: Context, factory: SampleFactory) -> None:
    draft = registrations.save(ctx, factory.data(), ready=False).registration
    assert draft.participant_number is None
    ready = registrations.save(ctx, draft.data, ready=True, record_id=draft.id).registration
    assert ready.participant_number and participant_number.made_by(ready.participant_number,
                                                                   device_key(ctx))
    edited = registrations.save(ctx, replace(ready.data, phone=""), ready=True,
                                record_id=ready.id).registration
    assert edited.participant_number == ready.participant_number  # an edit keeps it
    with ctx.db.reader() as uow:  # and the queued payload carries it
        entry = uow.outbox.pending()[-1]
        assert json.loads(entry.payload)["participant_number"] == ready.participant_number


def test_an_import_numbers_every_row_and_numbers_never_repeat(
    ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    saved = save_ready(ctx, factory, 3)
    path = tmp_path / "desa.xlsx"
    write_village_list(path, [village_list_row(factory.data()) for _ in range(25)])
    village_import.import_file(ctx, path, ImportOptions(consent_paper=True))
    with ctx.db.reader() as uow:
        regs = list(uow.registrations.iter_all())
    numbers = [r.participant_number for r in regs]
    assert len(regs) == 28 and all(numbers) and len(set(numbers)) == 28
    seqs = sorted(participant_number.split(n)[1] for n in numbers if n)
    assert seqs == list(range(1, 29))
    assert {r.id for r in regs} >= set(saved)


# ---------------------------------------------------------------- issuing and reading back


def test_an_a4_pdf_scans_and_verifies_card_by_card(
    ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    ids = save_ready(ctx, factory, 12)
    draft = registrations.save(ctx, factory.data(consent=False), ready=False).registration
    out = tmp_path / "kartu.pdf"
    batch = cards.export_pdf(ctx, [*ids, draft.id], out, layout=Layout.A4)
    assert [c.record_id for c in batch.cards] == ids
    assert [(s.record_id, s.reason) for s in batch.skipped] == [(draft.id, "card_draft")]
    info = pdf_info(out)
    assert info["Pages"].strip() == "4"  # two sheets, each front and back
    assert "(A4)" in info["Page size"]
    assert out.stat().st_size / len(ids) <= 150 * 1024

    trust = cards.trust_from(ctx.home, [])
    pages = rasterise(out, tmp_path)
    fronts = [scan_sheet(Image.open(p)) for p in pages[0::2]]
    backs = [scan_sheet(Image.open(p)) for p in pages[1::2]]
    assert [len(f) for f in fronts] == [10, 2] and backs == [[], []]
    serials = set()
    for text in (t for page in fronts for t in page):
        v = credential.verify(text, trust, now=when(ctx))
        assert v.verdict is Verdict.VALID, v.reason
        assert v.claims is not None
        serials.add(v.claims.serial)
    with ctx.db.reader() as uow:
        expected = {f"{uow.registrations.get(i).participant_number}-1" for i in ids}  # type: ignore[union-attr]
    assert serials == expected


def test_the_png_front_scans_and_holds_no_nik(ctx: Context, factory: SampleFactory) -> None:
    ids = save_ready(ctx, factory, 1)
    batch = cards.prepare(ctx, ids)
    card = batch.cards[0]
    texts = zbar(render_front(card.face, 300))
    assert texts == [card.face.qr_text]
    reg = registrations.get(ctx, ids[0])
    assert reg.data.nik[-4:] in card.face.masked_nik
    assert reg.data.nik not in card.face.masked_nik.replace(" ", "")
    v = credential.verify(texts[0], cards.trust_from(ctx.home, []), now=when(ctx))
    assert v.ok and v.claims is not None
    assert reg.data.nik not in json.dumps(v.claims.as_dict())


def test_card_layout_is_one_cr80_card_per_page(
    ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    ids = save_ready(ctx, factory, 2)
    out = tmp_path / "kartu.pdf"
    cards.export_pdf(ctx, ids, out, layout=Layout.CARD)
    info = pdf_info(out)
    assert info["Pages"].strip() == "4"
    w, h = (float(x) for x in info["Page size"].split("pts")[0].split("x"))
    assert abs(w / 72 * 25.4 - 85.6) < 0.3 and abs(h / 72 * 25.4 - 54) < 0.3
    fronts = [zbar(Image.open(p)) for p in rasterise(out, tmp_path)[0::2]]
    assert [len(f) for f in fronts] == [1, 1]


def test_a_reprint_needs_a_reason_and_revokes_the_old_card(
    ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    ids = save_ready(ctx, factory, 2)
    first = cards.export_pdf(ctx, ids, tmp_path / "a.pdf")
    with pytest.raises(ServiceError) as err:
        cards.prepare(ctx, ids[:1])
    assert err.value.code == "reprint_reason_required"
    assert cards.prepare(ctx, ids, only_new=True).cards == []
    listed = cards.plan(ctx, ids)  # to show before printing: no reason asked…
    assert [c.generation for c in listed.cards] == [2, 2]
    with pytest.raises(ServiceError) as err:  # …but it cannot be recorded without one
        cards.confirm(ctx, listed, target="pdf")
    assert err.value.code == "reprint_reason_required"
    second = cards.export_pdf(ctx, ids[:1], tmp_path / "b.pdf", reprint_reason="Kartu hilang")
    assert second.cards[0].generation == 2
    assert second.cards[0].claims.serial.endswith("-2")

    history = cards.history(ctx, ids[0])
    assert [(h.generation, h.reason, h.target) for h in history] == [
        (1, "", "pdf"), (2, "Kartu hilang", "pdf")]
    assert history[0].volunteer_name == ctx.volunteer_name

    keys = tmp_path / "keys.json"
    keys.write_text(cards.export_keys(ctx), encoding="utf-8")
    trust = cards.trust_from(None, [keys])
    old = credential.verify(first.cards[0].face.qr_text, trust, now=when(ctx))
    new = credential.verify(second.cards[0].face.qr_text, trust, now=when(ctx))
    untouched = credential.verify(first.cards[1].face.qr_text, trust, now=when(ctx))
    assert (old.verdict, new.verdict, untouched.verdict) == (
        Verdict.REVOKED, Verdict.VALID, Verdict.VALID)
    with ctx.db.reader() as uow:
        actions = [a.action for a in uow.audit.recent(10)]
    assert actions.count("print_card") == 3


def test_nothing_is_recorded_when_the_pdf_cannot_be_written(
    ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    ids = save_ready(ctx, factory, 1)
    with pytest.raises(ServiceError) as err:
        cards.export_pdf(ctx, ids, tmp_path / "no-such-folder" / "kartu.pdf")
    assert err.value.code == "file_write_failed"
    assert cards.history(ctx, ids[0]) == []
    assert cards.prepare(ctx, ids).cards[0].generation == 1


def test_the_pdf_is_readable_by_its_owner_only(ctx: Context, factory: SampleFactory,
                                               tmp_path: Path) -> None:
    """Names and masked NIKs: 0600 whatever the umask, also over an older world-readable
    file, and no half-written PDF beside it."""
    import os

    ids = save_ready(ctx, factory, 1)
    folder = tmp_path / "cetak"
    folder.mkdir()
    out = folder / "kartu.pdf"
    out.write_bytes(b"an older PDF")
    out.chmod(0o644)
    umask = os.umask(0o022)
    try:
        cards.export_pdf(ctx, ids, out)
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o600
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in folder.iterdir()) == ["kartu.pdf"]


def test_voided_and_unknown_records_get_no_card(ctx: Context, factory: SampleFactory) -> None:
    ids = save_ready(ctx, factory, 2)
    registrations.void(ctx, ids[0], "Pindah desa")
    batch = cards.prepare(ctx, [ids[0], "nope", ids[1]])
    assert [c.record_id for c in batch.cards] == [ids[1]]
    assert [s.reason for s in batch.skipped] == ["card_voided", "card_not_found"]
    everyone = cards.prepare(ctx, None)
    assert [c.record_id for c in everyone.cards] == [ids[1]]
    assert registrations.get(ctx, ids[0]).status is Status.VOIDED


def test_a_number_from_elsewhere_skips_that_card_only(ctx: Context, factory: SampleFactory) -> None:
    ids = save_ready(ctx, factory, 2)
    with ctx.db.uow() as uow:
        uow.session.execute(
            sql("UPDATE registration SET participant_number = 'P1234567' WHERE id = :i"),
            {"i": ids[0]},
        )
        uow.commit()
    batch = cards.prepare(ctx, None)
    assert [c.record_id for c in batch.cards] == [ids[1]]
    assert [(s.record_id, s.reason) for s in batch.skipped] == [(ids[0], "card_number_invalid")]


def test_participant_numbers_select_records(ctx: Context, factory: SampleFactory) -> None:
    ids = save_ready(ctx, factory, 2)
    number = registrations.get(ctx, ids[1]).participant_number
    assert number
    typed = participant_number.display(number).lower()
    assert cards.resolve_ids(ctx, [typed, ids[0]]) == [ids[1], ids[0]]


# ---------------------------------------------------------------- command line


def test_cli_cards_and_verify_card(ctx: Context, factory: SampleFactory, tmp_path: Path) -> None:
    ids = save_ready(ctx, factory, 3)
    home = ctx.home
    ctx.close()
    out = tmp_path / "kartu.pdf"
    done = fieldreg(home, "cards", "--all", "--layout", "a4", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "3 kartu" in done.stdout
    again = fieldreg(home, "cards", "--ids", ids[0], "--out", str(tmp_path / "x.pdf"))
    assert again.returncode == 1 and "alasan cetak ulang" in again.stderr

    page = rasterise(out, tmp_path)[0]
    ok = fieldreg(home, "verify-card", "--image", str(page), password=None)
    assert ok.returncode == 0, ok.stderr
    # the sample records are covered in 2026: valid until the end of their coverage
    assert ok.stdout.count("SAH") == 3

    text = zbar(Image.open(page))[0]
    forged = text[:40] + ("A" if text[40] != "A" else "B") + text[41:]
    bad = fieldreg(home, "verify-card", forged, "--json", password=None)
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["verdict"] == "tampered"

    stranger = tmp_path / "stranger"
    stranger.mkdir()
    unknown = fieldreg(stranger, "verify-card", text, password=None, lang="en")
    assert unknown.returncode == 1 and "UNKNOWN KEY" in unknown.stdout

    keys = tmp_path / "keys.json"
    assert fieldreg(home, "keys-export", str(keys)).returncode == 0
    with_keys = fieldreg(stranger, "verify-card", text, "--keys", str(keys), password=None)
    assert with_keys.returncode == 0, with_keys.stdout
    blank = tmp_path / "blank.png"
    Image.new("RGB", (200, 200), "white").save(blank)
    none = fieldreg(home, "verify-card", "--image", str(blank), password=None)
    assert none.returncode == 1 and "Tidak ada kode QR" in none.stderr


def test_a_specimen_pdf_has_no_qr_and_counts_nothing(
    ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    """A PDF to check how the cards look: marked CONTOH, no QR code a verifier could read, no
    print recorded, so the later print on paper is the cards' first (no reprint reason)."""
    ids = save_ready(ctx, factory, 3)
    out = tmp_path / "contoh.pdf"
    batch = cards.export_specimen_pdf(ctx, ids, out, layout=Layout.A4)
    assert len(batch.cards) == 3
    assert pdf_info(out)["Pages"].strip() == "2"
    assert out.stat().st_mode & 0o777 == 0o600  # names on it
    assert [scan_sheet(Image.open(p)) for p in rasterise(out, tmp_path)] == [[], []]
    front = render_front(replace(batch.cards[0].face, qr_text="", specimen=True), dpi=100)
    assert zbar(front) == []
    for rid in ids:
        assert cards.history(ctx, rid) == []
    with ctx.db.reader() as uow:
        assert any(e.action == "card_specimen_pdf" for e in uow.audit.recent(5))
    # printing for real afterwards: the first print, no reason asked
    real = cards.export_pdf(ctx, ids, tmp_path / "kartu.pdf")
    assert real.reprints == 0 and [c.generation for c in real.cards] == [1, 1, 1]
