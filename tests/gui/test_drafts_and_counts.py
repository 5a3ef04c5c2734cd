"""Drafts and counts (issue 15): the next imported draft offered after a save, saving an edit
returns to Participants as it was, the participant number in the list and the form's header,
a voided record read-only and never sent to printing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt

from fieldreg.domain.codes import Status
from fieldreg.domain.participant_number import display
from fieldreg.services import registrations
from tests.gui.conftest import seed, wait_idle
from tools.sample_data import SampleFactory


def add_imported_drafts(ctx: Any, names: list[str]) -> list[str]:
    """Drafts as a village list leaves them: same village, no consent yet."""
    factory = SampleFactory(11, regency=ctx.regency_code, today=ctx.today_fn())
    first = factory.data(consent=False)
    items = [replace(factory.data(consent=False), full_name=n, village_code=first.village_code)
             for n in names]
    with ctx.db.uow() as uow:
        regs = registrations.add_new(uow, ctx, items, status=Status.DRAFT, now=ctx.clock(),
                                     audit={"source": "import"})
        uow.commit()
    return [r.id for r in regs]


def open_participants(qtbot: Any, main: Any, controller: Any) -> Any:
    main.show_page("participants")
    page = main.page("participants")
    wait_idle(qtbot, controller)
    return page


def select(page: Any, rows: list[int]) -> None:
    sm = page.table.selectionModel()
    sm.clearSelection()
    for r in rows:
        sm.select(page.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                  | QItemSelectionModel.SelectionFlag.Rows)


def give_consent_and_save(qtbot: Any, main: Any, controller: Any) -> None:
    reg_page = main.page("register")
    reg_page.form.consent.setChecked(True)
    reg_page.form._user_edit("consent", immediate=True)
    reg_page.validate()
    assert [p for p in reg_page.problems if p.is_error] == []
    with qtbot.waitSignal(reg_page.saved, timeout=10_000):
        reg_page.save(ready=True)
    wait_idle(qtbot, controller)


def test_saving_an_imported_draft_offers_the_next_one(qtbot: Any, main: Any,
                                                      controller: Any) -> None:
    ids = add_imported_drafts(controller.ctx, ["ANI LUBIS", "BUDI NASUTION", "CICI SIREGAR"])
    main.open_record(ids[0])
    wait_idle(qtbot, controller)
    reg_page = main.page("register")
    assert reg_page.record_id == ids[0]
    give_consent_and_save(qtbot, main, controller)
    assert registrations.get(controller.ctx, ids[0]).status is Status.READY
    banner = reg_page.banner
    qtbot.waitUntil(lambda: banner.extra.isVisible(), timeout=5000)
    assert banner.extra.text() == "Berikutnya: BUDI NASUTION"
    banner.extra.click()
    wait_idle(qtbot, controller)
    assert reg_page.record_id == ids[1]
    assert reg_page.form.full_name.text() == "BUDI NASUTION"
    # saved as a draft again (the worker is not there): the one after it is offered
    with qtbot.waitSignal(reg_page.saved, timeout=10_000):
        reg_page.save(ready=False)
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: banner.extra.isVisible(), timeout=5000)
    assert banner.extra.text() == "Berikutnya: CICI SIREGAR"


def test_no_offer_after_the_last_draft_or_a_new_record(qtbot: Any, main: Any,
                                                       controller: Any) -> None:
    ids = add_imported_drafts(controller.ctx, ["DEDI HARAHAP"])
    main.open_record(ids[0])
    wait_idle(qtbot, controller)
    give_consent_and_save(qtbot, main, controller)
    assert not main.page("register").banner.extra.isVisible()


def test_saving_an_edit_returns_to_participants_as_it_was(qtbot: Any, main: Any,
                                                          controller: Any) -> None:
    seed(controller.ctx, 30)
    page = open_participants(qtbot, main, controller)
    page.status.setCurrentIndex(page.status.findData("ready"))
    page.reload()
    wait_idle(qtbot, controller)
    n = page.model.rowCount()
    select(page, [2])
    rid = page.model.row_at(2).id
    page.open_selected()
    wait_idle(qtbot, controller)
    reg_page = main.page("register")
    assert main.current_page_key() == "register" and reg_page.record_id == rid
    reg_page.form.street.setText("Dusun Baru")
    reg_page.form._user_edit("street", immediate=True)
    with qtbot.waitSignal(reg_page.saved, timeout=10_000):
        reg_page.save(ready=True)
    wait_idle(qtbot, controller)
    assert main.current_page_key() == "participants"
    assert page.status.currentData() == "ready" and page.model.rowCount() == n
    assert [page.model.row_at(r).id for r in page.selected_rows()] == [rid]
    assert "Tersimpan" in page.banner.text.text()
    assert registrations.get(controller.ctx, rid).data.street == "Dusun Baru"


def test_participant_number_in_the_list_and_the_form_header(qtbot: Any, main: Any,
                                                            controller: Any) -> None:
    seed(controller.ctx, 20)
    page = open_participants(qtbot, main, controller)
    page.status.setCurrentIndex(page.status.findData("ready"))
    page.reload()
    wait_idle(qtbot, controller)
    row = page.model.row_at(0)
    assert row.participant_number
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    col = headers.index("No. peserta")
    assert not page.table.isColumnHidden(col)
    assert page.model.index(0, col).data() == display(row.participant_number)
    main.open_record(row.id)
    wait_idle(qtbot, controller)
    assert display(row.participant_number) in main.page("register").header.title.text()


def void(ctx: Any, rid: str) -> None:
    registrations.void(ctx, rid, "Terdaftar dua kali")


def test_a_voided_record_opens_read_only(qtbot: Any, main: Any, controller: Any) -> None:
    seed(controller.ctx, 10)
    page = open_participants(qtbot, main, controller)
    page.status.setCurrentIndex(page.status.findData("ready"))
    page.reload()
    wait_idle(qtbot, controller)
    rid = page.model.row_at(0).id
    void(controller.ctx, rid)
    main.open_record(rid)
    wait_idle(qtbot, controller)
    reg_page = main.page("register")
    f = reg_page.form
    for w in (f.nik, f.full_name, f.birth_date, f.sex_female, f.village, f.phone,
              f.occupation, f.funding, f.consent, f.heirs.table, f.heirs.add_button):
        assert not w.isEnabled(), w
    words = reg_page.banner.text.text()
    assert reg_page.banner.isVisible() and "dibatalkan" in words.lower()
    assert "Terdaftar dua kali" in words
    assert not reg_page.side.save_button.isEnabled()
    assert not reg_page.side.draft_button.isEnabled()
    # the next record opened is editable again
    other = page.model.row_at(1).id
    main.open_record(other)
    wait_idle(qtbot, controller)
    assert f.full_name.isEnabled() and f.consent.isEnabled()


def test_voided_rows_cannot_be_sent_to_printing(qtbot: Any, main: Any,
                                                controller: Any) -> None:
    seed(controller.ctx, 10)
    page = open_participants(qtbot, main, controller)
    page.status.setCurrentIndex(page.status.findData("ready"))
    page.reload()
    wait_idle(qtbot, controller)
    voided, kept = page.model.row_at(0).id, page.model.row_at(1).id
    void(controller.ctx, voided)
    page.status.setCurrentIndex(0)
    page.reload()
    wait_idle(qtbot, controller)
    rows = {page.model.row_at(r).id: r for r in range(page.model.rowCount())}
    select(page, [rows[voided]])
    assert not page.print_button.isEnabled()
    select(page, [rows[voided], rows[kept]])
    assert page.print_button.isEnabled() and "(1)" in page.print_button.text()
    page.print_selected()
    wait_idle(qtbot, controller)
    assert main.current_page_key() == "print"
    assert main.page("print").record_ids == [kept]
