"""Unsaved changes in the registration form are never lost silently: going to another page,
locking, switching volunteer and closing ask first (save, discard or go back); an idle lock
keeps the form encrypted instead (tests/gui/test_first_run_unlock.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from fieldreg.domain.codes import Status
from fieldreg.services import registrations
from tests.gui.conftest import wait_idle

SAVE_DRAFT, DISCARD, BACK = "Simpan sebagai draf", "Buang perubahan", "Kembali ke formulir"


def type_name(page: Any, name: str = "NUR HALIMAH") -> None:
    page.form.full_name.setText(name)
    page.form._user_edit("full_name")
    assert page.dirty


def answer(qtbot: Any, page: Any, choice: str) -> None:
    qtbot.waitUntil(lambda: page.prompt is not None and page.prompt.isVisible(), timeout=3000)
    buttons = {b.text(): b for b in page.prompt.buttons() if b.isVisible()}
    assert set(buttons) == {SAVE_DRAFT, DISCARD, BACK}
    buttons[choice].click()


def test_navigation_asks_and_go_back_keeps_the_form(qtbot: Any, main: Any) -> None:
    page = main.page("register")
    type_name(page)
    assert not main.show_page("participants")
    assert "pindah ke halaman lain" in page.prompt.informativeText()
    answer(qtbot, page, BACK)
    assert main.current_page_key() == "register"
    assert main.nav.currentRow() == 0
    assert page.form.full_name.text() == "NUR HALIMAH" and page.dirty
    assert page.prompt is None


def test_navigation_by_the_list_and_discard(qtbot: Any, main: Any, controller: Any,
                                            initialised: Path) -> None:
    page = main.page("register")
    type_name(page)
    page._autosave_in_background()
    wait_idle(qtbot, controller)
    assert list((initialised / "autosave").glob("*.bin"))
    main.nav.setCurrentRow(1)  # a click on "Peserta"
    assert main.current_page_key() == "register"  # not before the answer
    assert main.nav.currentRow() == 0
    answer(qtbot, page, DISCARD)
    assert main.current_page_key() == "participants"
    assert main.nav.currentRow() == 1
    assert page.form.full_name.text() == "" and not page.dirty
    wait_idle(qtbot, controller)
    assert not list((initialised / "autosave").glob("*.bin"))
    assert registrations.count(controller.ctx) == 0


def test_navigation_save_as_draft_then_goes(qtbot: Any, main: Any, controller: Any) -> None:
    page = main.page("register")
    type_name(page, "BUDI SANTOSO")
    qtbot.keyClick(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # find: Peserta
    answer(qtbot, page, SAVE_DRAFT)
    qtbot.waitUntil(lambda: main.current_page_key() == "participants", timeout=10_000)
    regs = registrations.search(controller.ctx, registrations.SearchFilter(text="budi"))
    assert [r.status for r in regs] == [Status.DRAFT]
    assert not page.dirty
    search = main.page("participants").search
    qtbot.waitUntil(lambda: main.focusWidget() is search, timeout=3000)


def test_a_draft_that_cannot_be_saved_stays_on_the_form(qtbot: Any, main: Any,
                                                         controller: Any) -> None:
    page = main.page("register")
    page.form.birth_date.setText("31-02-1990")  # no such day: not even a draft
    page.form._user_edit("birth_date", immediate=True)
    main.show_page("summary")
    answer(qtbot, page, SAVE_DRAFT)
    wait_idle(qtbot, controller)
    assert main.current_page_key() == "register"
    assert page.dirty and page.form.birth_date.text() == "31-02-1990"
    assert page.banner.kind == "error"
    assert registrations.count(controller.ctx) == 0


def test_lock_asks_and_locks_after_saving(qtbot: Any, main: Any, controller: Any) -> None:
    from ui.unlock import UnlockWindow

    page = main.page("register")
    type_name(page, "SITI AMINAH")
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert controller.main is main and controller.ctx is not None
    assert "dikunci" in page.prompt.informativeText()
    answer(qtbot, page, BACK)
    assert controller.main is main and page.dirty
    ctx = controller.ctx
    controller.lock("user")
    answer(qtbot, page, SAVE_DRAFT)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=10_000)
    assert controller.ctx is None
    from fieldreg.services import accounts

    ctx = accounts.unlock(ctx.home, ctx.volunteer_id, "kata-sandi-1")
    try:
        regs = registrations.search(ctx, registrations.SearchFilter(text="siti aminah"))
        assert [r.status for r in regs] == [Status.DRAFT]
    finally:
        ctx.close()


def test_switch_volunteer_asks_and_discard_forgets(qtbot: Any, main: Any, controller: Any,
                                                   initialised: Path) -> None:
    from ui.unlock import UnlockWindow

    page = main.page("register")
    type_name(page)
    page._autosave_in_background()
    wait_idle(qtbot, controller)
    controller.lock("switch")
    assert controller.main is main
    assert "relawan lain" in page.prompt.informativeText()
    answer(qtbot, page, DISCARD)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=10_000)
    wait_idle(qtbot, controller)
    assert not list((initialised / "autosave").glob("*.bin"))


def test_close_asks_and_go_back_keeps_the_window(qtbot: Any, main: Any) -> None:
    page = main.page("register")
    type_name(page)
    assert not main.close()
    assert "ditutup" in page.prompt.informativeText()
    answer(qtbot, page, BACK)
    assert main.isVisible() and page.dirty


def test_clean_form_never_asks(qtbot: Any, main: Any, controller: Any) -> None:
    from ui.unlock import UnlockWindow

    page = main.page("register")
    assert main.show_page("participants")
    assert main.show_page("register")
    controller.lock("user")
    assert page.prompt is None
    assert isinstance(controller.window, UnlockWindow)
