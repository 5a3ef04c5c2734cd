"""The Print cards page: the list handed over from Participants, the card preview, a PDF with
its print history, reprints that ask why, and printing through the print-preview dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from fieldreg.cards.sheets import Layout
from fieldreg.services import cards, registrations
from tests.gui.conftest import wait_idle
from tools.sample_data import SampleFactory


def _records(ctx: Any, ready: int, drafts: int = 0) -> tuple[list[str], list[str]]:
    factory = SampleFactory(seed=4242, today=ctx.today_fn())
    ids = [registrations.save(ctx, factory.data(), ready=True).registration.id
           for _ in range(ready)]
    draft_ids = [registrations.save(ctx, factory.data(consent=False), ready=False)
                 .registration.id for _ in range(drafts)]
    return ids, draft_ids


def _open(qtbot: Any, main: Any, controller: Any, ids: list[str]) -> Any:
    main.hand_to_print(ids)
    page = main.page("print")
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: page.plan is not None)
    return page


def _pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


def _save_pdf_via_dialog(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "PDF (*.pdf)")))


def test_the_handed_over_participants_are_listed_with_drafts_skipped(
    qtbot: Any, main: Any, controller: Any
) -> None:
    ctx = controller.ctx
    ids, drafts = _records(ctx, 3, 1)
    page = _open(qtbot, main, controller, ids + drafts)
    assert main.current_page_key() == "print"
    assert page.source_key() == "chosen"
    m = page.model
    assert m.rowCount() == 4
    first = m.row_at(0)
    reg = registrations.get(ctx, ids[0])
    assert first.name == reg.data.full_name
    assert first.number.replace(" ", "") == reg.participant_number
    assert len(first.number.split(" ")) == 3  # grouped for reading aloud
    assert first.village.startswith(("Desa ", "Kel. "))
    assert m.data(m.index(0, 3)) == "Kartu baru"
    skipped = m.row_at(3)
    assert skipped.record_id == drafts[0] and skipped.skip == "card_draft"
    assert m.data(m.index(3, 3)) == "Draf: tanpa kartu"
    assert m.data(m.index(3, 3), Qt.ItemDataRole.ToolTipRole).startswith("Masih draf")
    assert m.data(m.index(3, 1)) == "—"
    assert "3 kartu" in page.summary.text() and "1 tanpa kartu" in page.summary.text()
    assert page.print_button.isEnabled() and "3 kartu" in page.print_button.text()
    # the preview of the first card, front and back, drawn off the GUI thread
    qtbot.waitUntil(page.preview_ready)
    assert page.front.pixmap.width() > 400
    assert reg.data.full_name in page.preview_name.text()
    # choosing the draft keeps the first card in the preview
    page.table.selectRow(3)
    assert page.preview_ready()
    assert page.history_button.isEnabled()


def test_save_pdf_records_the_history(
    qtbot: Any, main: Any, controller: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = controller.ctx
    ids, drafts = _records(ctx, 11, 1)
    page = _open(qtbot, main, controller, ids + drafts)
    out = tmp_path / "kartu"
    _save_pdf_via_dialog(monkeypatch, out)
    page.pdf_button.click()
    page.pdf_dialog.cards_button.click()  # cards to print elsewhere: they count
    pdf = tmp_path / "kartu.pdf"
    qtbot.waitUntil(lambda: page.banner.isVisible() and page.banner.kind == "success",
                    timeout=60_000)
    assert "11 kartu" in page.banner.text.text()
    assert pdf.exists() and _pdf_pages(pdf) == 4  # two A4 sheets, fronts and backs
    assert not (tmp_path / "kartu.pdf.part").exists()
    for rid in ids:
        (rec,) = cards.history(ctx, rid)
        assert rec.generation == 1 and rec.target == "pdf" and rec.layout == "a4"
        assert rec.volunteer_name == controller.ctx.volunteer_name
    assert cards.history(ctx, drafts[0]) == []
    # the list shows the new state, and the history of the chosen row
    wait_idle(qtbot, controller)
    assert page.model.row_at(0).printed == 1
    assert "1×" in page.model.data(page.model.index(0, 3))
    page.table.selectRow(0)
    page.history_button.click()
    qtbot.waitUntil(lambda: page.history_dialog is not None and page.history_dialog.isVisible())
    t = page.history_dialog.table
    assert t.rowCount() == 1
    assert t.item(0, 1).text() == f"{registrations.get(ctx, ids[0]).participant_number}-1"
    assert "PDF" in t.item(0, 4).text() and t.item(0, 5).text() == "—"
    page.history_dialog.accept()


def test_a_pdf_asks_what_it_is_for_and_a_specimen_counts_nothing(
    qtbot: Any, main: Any, controller: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving a PDF used to count every card as printed, so printing on paper later became a
    reprint (a reason, a new serial) without the volunteer having been asked."""
    ctx = controller.ctx
    ids, _ = _records(ctx, 3)
    page = _open(qtbot, main, controller, ids)
    out = tmp_path / "contoh.pdf"
    _save_pdf_via_dialog(monkeypatch, out)
    page.pdf_button.click()
    dlg = page.pdf_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.specimen_button.isDefault()  # Enter: the choice that changes nothing
    dlg.specimen_button.click()
    qtbot.waitUntil(lambda: page.banner.isVisible() and page.banner.kind == "success",
                    timeout=60_000)
    assert "CONTOH" in page.banner.text.text() and out.exists()
    assert all(cards.history(ctx, rid) == [] for rid in ids)
    wait_idle(qtbot, controller)
    assert page.plan is not None and page.plan.reprints == 0  # paper printing: no reason


def test_a_reprint_asks_why(
    qtbot: Any, main: Any, controller: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = controller.ctx
    ids, _ = _records(ctx, 2)
    cards.export_pdf(ctx, ids[:1], tmp_path / "first.pdf")
    page = _open(qtbot, main, controller, ids)
    assert page.plan.reprints == 1
    assert "1×" in page.model.data(page.model.index(0, 3))
    out = tmp_path / "again.pdf"
    _save_pdf_via_dialog(monkeypatch, out)
    # cancel: nothing printed
    page.pdf_button.click()
    page.pdf_dialog.cards_button.click()  # cards to print elsewhere: they count
    dlg = page.reason_dialog
    assert dlg is not None and dlg.isVisible()
    dlg.ok.click()  # no reason chosen: stays open, says why
    assert dlg.isVisible() and dlg.details_box.problem_text
    dlg.reject()
    wait_idle(qtbot, controller)
    assert not out.exists()
    assert [r.generation for r in cards.history(ctx, ids[0])] == [1]
    assert cards.history(ctx, ids[1]) == []
    # "another reason" needs words
    page.pdf_button.click()
    page.pdf_dialog.cards_button.click()  # cards to print elsewhere: they count
    dlg = page.reason_dialog
    dlg.choices[3].setChecked(True)
    dlg.ok.click()
    assert dlg.isVisible()
    dlg.choices[0].setChecked(True)
    dlg.details.setText("hilang di pasar")
    dlg.ok.click()
    assert not dlg.isVisible()
    qtbot.waitUntil(lambda: page.banner.kind == "success" and page.banner.isVisible(),
                    timeout=60_000)
    assert out.exists()
    hist = cards.history(ctx, ids[0])
    assert [r.generation for r in hist] == [1, 2]
    assert hist[1].reason == "Kartu hilang: hilang di pasar"
    assert hist[1].serial.endswith("-2")
    assert [r.generation for r in cards.history(ctx, ids[1])] == [1]
    assert "cetak ulang" in page.banner.text.text()


class FakePreviewDialog(QDialog):
    """Stands in for QPrintPreviewDialog: the same signal, no real printer."""

    paintRequested = Signal(QPrinter)

    def __init__(self, printer: QPrinter, parent: Any) -> None:
        super().__init__(parent)
        self._printer = printer

    def printer(self) -> QPrinter:
        return self._printer


def test_printing_through_the_preview_dialog_records_after_the_print(
    qtbot: Any, main: Any, controller: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    import os

    from ui.cards.page import PrintCardsPage

    umask = os.umask(0o022)  # the usual umask: Qt would leave the PDF world-readable
    request.addfinalizer(lambda: os.umask(umask))

    ctx = controller.ctx
    ids, _ = _records(ctx, 2)
    page = _open(qtbot, main, controller, ids)
    page.set_layout(Layout.CARD)
    made: list[QPrinter] = []

    def make(self: Any, printer: QPrinter) -> QDialog:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        made.append(printer)
        return FakePreviewDialog(printer, self)

    monkeypatch.setattr(PrintCardsPage, "make_print_dialog", make)
    # closed without printing: nothing recorded
    page.print_button.click()
    qtbot.waitUntil(lambda: page.print_dialog is not None and page.print_dialog.isVisible())
    page.print_dialog.reject()
    wait_idle(qtbot, controller)
    assert cards.history(ctx, ids[0]) == []
    # printed: painted on the printer, then recorded with the printer as target
    page.print_button.click()
    qtbot.waitUntil(lambda: page.print_dialog is not None and page.print_dialog.isVisible())
    dlg = page.print_dialog
    dlg.paintRequested.emit(dlg.printer())
    dlg.accept()
    qtbot.waitUntil(lambda: page.banner.kind == "success" and page.banner.isVisible())
    assert "2 kartu dicetak" in page.banner.text.text()
    assert _pdf_pages(tmp_path / "printed.pdf") == 4  # CR80: front, back, front, back
    assert (tmp_path / "printed.pdf").stat().st_mode & 0o777 == 0o600  # names on the cards
    (rec,) = cards.history(ctx, ids[0])
    assert rec.layout == "card" and rec.target == "pdf"
    wait_idle(qtbot, controller)
    assert page.model.row_at(1).printed == 1


def test_the_real_print_preview_paints_the_cards_and_a_cancel_records_nothing(
    qtbot: Any, main: Any, controller: Any
) -> None:
    ctx = controller.ctx
    ids, _ = _records(ctx, 1)
    page = _open(qtbot, main, controller, ids)
    page.print_button.click()
    qtbot.waitUntil(lambda: page.print_dialog is not None and page.print_dialog.isVisible(),
                    timeout=30_000)
    qtbot.waitUntil(lambda: page._painted[0] == 1, timeout=60_000)  # the preview's pages
    page.print_dialog.reject()
    wait_idle(qtbot, controller)
    assert cards.history(ctx, ids[0]) == []
    assert not page.banner.isVisible()


def test_everyone_without_a_card_yet(
    qtbot: Any, main: Any, controller: Any, tmp_path: Path
) -> None:
    ctx = controller.ctx
    ids, _drafts = _records(ctx, 3, 2)
    cards.export_pdf(ctx, ids[:1], tmp_path / "one.pdf")
    main.show_page("print")
    page = main.page("print")
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: page.plan is not None)
    assert page.source_key() == "new"  # nothing handed over
    assert {r.record_id for r in page.model.rows} == set(ids[1:])  # drafts never get a card
    assert "1 sudah punya kartu" in page.summary.text()
    page.source.setCurrentIndex(page.source.findData("all"))
    page.reload()
    wait_idle(qtbot, controller)
    assert len(page.model.rows) == 3 and page.plan.reprints == 1
