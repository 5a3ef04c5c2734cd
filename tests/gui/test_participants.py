"""Participants: the lazy table, search and filters, edit, void, hand-over to printing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel

from fieldreg.domain.codes import Status
from fieldreg.services import registrations
from tests.gui.conftest import seed, wait_idle
from ui.participants.model import COLUMNS


def open_participants(qtbot: Any, main: Any, controller: Any) -> Any:
    main.show_page("participants")
    page = main.page("participants")
    wait_idle(qtbot, controller)
    return page


def test_table_is_lazy_and_searchable(qtbot: Any, main: Any, controller: Any) -> None:
    seed(controller.ctx, 1500)
    main.data_changed.emit()
    page = open_participants(qtbot, main, controller)
    assert page.model.rowCount() == 1500
    assert "1.500" in page.count.text()
    page.table.viewport().repaint()
    first = page.model.fetches
    assert 1 <= first <= 3  # only the rows on screen were read
    assert len(page.model._cache) < 400
    page.table.scrollToBottom()
    page.table.viewport().repaint()
    assert page.model.fetches > first
    last = page.model.row_at(1499)
    assert last is not None
    # infix name search
    name = page.model.row_at(10).full_name
    part = name.split()[-1][1:5]
    page.search.setText(part)
    page.reload()
    wait_idle(qtbot, controller)
    n = page.model.rowCount()
    assert 0 < n < 1500
    assert all(part.upper() in page.model.row_at(r).full_name.upper() for r in range(n))
    # status filter
    page.search.clear()
    page.status.setCurrentIndex(page.status.findData("draft"))
    page.reload()
    wait_idle(qtbot, controller)
    assert page.model.rowCount() > 0
    assert {page.model.row_at(r).status for r in range(page.model.rowCount())} == {Status.DRAFT}
    assert page.model.data(page.model.index(0, COLUMNS.index("status"))) == "Draf"


def test_search_by_nik(qtbot: Any, main: Any, controller: Any) -> None:
    seed(controller.ctx, 50)
    page = open_participants(qtbot, main, controller)
    row = page.model.row_at(7)
    page.search.setText(row.nik)
    page.reload()
    wait_idle(qtbot, controller)
    assert page.model.rowCount() == 1
    assert page.model.row_at(0).id == row.id


def test_open_edit_save_makes_new_version(qtbot: Any, main: Any, controller: Any) -> None:
    seed(controller.ctx, 30)
    page = open_participants(qtbot, main, controller)
    page.status.setCurrentIndex(page.status.findData("ready"))
    page.reload()
    wait_idle(qtbot, controller)
    page.table.selectRow(0)
    rid = page.model.row_at(0).id
    page.open_selected()
    wait_idle(qtbot, controller)
    reg_page = main.page("register")
    assert main.current_page_key() == "register"
    assert reg_page.record_id == rid
    assert not reg_page.side.draft_button.isEnabled()  # ready records cannot go back to draft
    reg_page.form.street.setText("Dusun Baru")
    reg_page.form._user_edit("street", immediate=True)
    with qtbot.waitSignal(reg_page.saved, timeout=10_000):
        reg_page.save(ready=True)
    reg = registrations.get(controller.ctx, rid)
    assert reg.version == 2 and reg.data.street == "Dusun Baru"
    assert reg.status is Status.READY


def test_void_needs_a_reason(qtbot: Any, main: Any, controller: Any) -> None:
    seed(controller.ctx, 20)
    page = open_participants(qtbot, main, controller)
    page.table.selectRow(3)
    rid = page.model.row_at(3).id
    page.void_selected()
    dlg = page.void_dialog
    dlg.ok.click()
    assert dlg.isVisible() or dlg.result() == 0
    assert "alasan" in dlg.reason_box.problem_text.lower()
    dlg.reason.setText("Terdaftar dua kali")
    dlg.ok.click()
    wait_idle(qtbot, controller)
    reg = registrations.get(controller.ctx, rid)
    assert reg.status is Status.VOIDED and reg.void_reason == "Terdaftar dua kali"
    assert "Dibatalkan" in page.banner.text.text()


def test_multi_select_goes_to_card_printing(qtbot: Any, main: Any, controller: Any) -> None:
    seed(controller.ctx, 20)
    page = open_participants(qtbot, main, controller)
    sm = page.table.selectionModel()
    for r in (1, 2, 5):
        sm.select(page.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                  | QItemSelectionModel.SelectionFlag.Rows)
    ids = [page.model.row_at(r).id for r in (1, 2, 5)]
    assert "(3)" in page.print_button.text()
    page.print_selected()
    wait_idle(qtbot, controller)
    assert main.current_page_key() == "print"
    assert main.page("print").record_ids == ids
