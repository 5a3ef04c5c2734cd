"""Review before save (issue 15): a read-back of the record in plain words before it leaves
draft; Enter saves, Esc goes back to the form with nothing lost; a setting turns it off."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fieldreg.domain.codes import Status
from fieldreg.services import registrations
from fieldreg.services import settings as settings_service
from tests.gui.conftest import wait_idle
from tests.gui.test_registration import NIK, fill_by_keyboard


def focus_form(qtbot: Any, main: Any, page: Any) -> None:
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=3000)
    page.form.nik.setFocus()


def saved_count(controller: Any) -> int:
    return len(registrations.search(controller.ctx, registrations.SearchFilter(text=NIK)))


def test_the_review_reads_the_record_back_enter_saves_esc_goes_back(
        qtbot: Any, main: Any, controller: Any) -> None:
    controller.settings.review_before_save = True
    page = main.page("register")
    fill_by_keyboard(qtbot, page)
    qtbot.keyClick(page.form.nik, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.review is not None and page.review.isVisible(), timeout=5000)
    words = page.review.text()
    for expected in ("NUR HALIMAH", "150501••••••0003", "Sengeti, 26-07-1990", "Perempuan",
                     "0812", "AHMAD (Suami)", "Rp", "Persetujuan"):
        assert expected in words, expected
    assert NIK not in words  # the full NIK is not shown again
    # Esc: back to the form, nothing saved, nothing lost
    qtbot.keyClick(page.review, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.review is None or not page.review.isVisible(), timeout=3000)
    wait_idle(qtbot, controller)
    assert saved_count(controller) == 0
    assert page.form.full_name.text() == "NUR HALIMAH" and page.form.consent.isChecked()
    assert page.dirty
    # again, and Enter saves
    focus_form(qtbot, main, page)
    qtbot.keyClick(page.form.nik, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.review is not None and page.review.isVisible(), timeout=5000)
    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.keyClick(page.review.focusWidget() or page.review, Qt.Key.Key_Return)
    regs = registrations.search(controller.ctx, registrations.SearchFilter(text=NIK))
    assert len(regs) == 1 and regs[0].status is Status.READY


def test_review_is_a_setting_on_by_default(qtbot: Any, main: Any, controller: Any) -> None:
    assert settings_service.Settings().review_before_save is True
    main.show_page("settings")
    sp = main.page("settings")
    assert sp.review.text() == "Tinjau sebelum menyimpan"
    sp.review.setChecked(False)
    sp.save()
    wait_idle(qtbot, controller)
    assert settings_service.load(controller.ctx.home).review_before_save is False
    assert controller.settings.review_before_save is False
    main.show_page("register")
    page = main.page("register")
    fill_by_keyboard(qtbot, page)
    focus_form(qtbot, main, page)
    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.keyClick(page.form.nik, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.review is None
    assert saved_count(controller) == 1


def test_no_review_for_a_draft_save(qtbot: Any, main: Any, controller: Any) -> None:
    controller.settings.review_before_save = True
    page = main.page("register")
    fill_by_keyboard(qtbot, page)
    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.keyClick(page.form.nik, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert page.review is None
