"""No keyboard dead ends (issue 15): Tab through the heirs table and on, the sex as one radio
group, kecamatan names typed with spaces, Enter in Participants and in the first-run wizard,
the void dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import seed, wait_idle


def focused() -> Any:
    return QApplication.focusWidget()


def test_tab_leaves_the_heirs_table_and_reaches_consent(qtbot: Any, main: Any) -> None:
    """Before: Tab in the last cell went round to the first one: the consent box could not be
    reached by keyboard."""
    f = main.page("register").form
    main.activateWindow()
    table = f.heirs.table
    f.heirs.add_button.setFocus()
    qtbot.keyClick(f.heirs.add_button, Qt.Key.Key_Space)  # a row, its name being typed
    editor = focused()
    qtbot.keyClicks(editor, "AHMAD")
    for _ in range(12):  # Tab along the row (name, relationship, NIK, date, phone) and out
        w = focused()
        if w is None or not (w is table or table.isAncestorOf(w)):
            break
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    assert table.item(0, 0).text() == "AHMAD"
    w = focused()
    assert w is not None and w is not table and not table.isAncestorOf(w)
    for _ in range(8):  # on to the consent box
        if focused() is f.consent:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is f.consent
    qtbot.keyClick(f.consent, Qt.Key.Key_Space)
    assert f.consent.isChecked()


def test_shift_tab_leaves_the_heirs_table_backwards(qtbot: Any, main: Any) -> None:
    f = main.page("register").form
    main.activateWindow()
    table = f.heirs.table
    f.heirs.add_row(focus=False)
    table.setCurrentCell(0, 0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    w = focused()
    assert w is not None and w is not table and not table.isAncestorOf(w)
    # and Tab from the last cell (not editing) leaves forwards
    table.setCurrentCell(0, table.columnCount() - 1)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert focused() is f.heirs.add_button


def test_sex_is_one_radio_group_tab_lands_on_the_chosen_one(qtbot: Any, main: Any) -> None:
    f = main.page("register").form
    main.activateWindow()
    assert f.sex_group.exclusive()
    assert set(f.sex_group.buttons()) == {f.sex_male, f.sex_female}
    f.sex_female.setChecked(True)  # as a record opened, or "Isi dari NIK", sets it
    f.birth_date.setFocus()
    qtbot.keyClick(f.birth_date, Qt.Key.Key_Tab)
    assert focused() is f.sex_female
    qtbot.keyClick(f.sex_female, Qt.Key.Key_Left)  # arrows choose
    assert f.sex_male.isChecked() and not f.sex_female.isChecked()
    assert focused() is f.sex_male
    qtbot.keyClick(f.sex_male, Qt.Key.Key_Tab)  # one stop for the group: on to the next field
    assert focused() is f.mother
    qtbot.keyClick(f.mother, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is f.sex_male
    # nothing chosen yet (a new form): an arrow chooses too, as Space does
    f.sex_group.setExclusive(False)
    f.sex_male.setChecked(False)
    f.sex_group.setExclusive(True)
    f.sex_male.setFocus()
    qtbot.keyClick(f.sex_male, Qt.Key.Key_Right)
    assert f.sex_female.isChecked() and focused() is f.sex_female
    assert "sex" in f.touched


def test_kecamatan_typed_with_spaces(qtbot: Any, main: Any) -> None:
    f = main.page("register").form
    main.activateWindow()
    f.district.setFocus()
    qtbot.keyClicks(focused(), "kumpeh u")
    assert QApplication.activePopupWidget() is f.district.type_ahead.popup()
    # the keys go where a real screen sends them: to the type-ahead pop-up while it is open
    qtbot.keyClick(QApplication.activePopupWidget() or focused(), Qt.Key.Key_Tab)
    assert f.district.currentText() == "Kumpeh Ulu"
    assert not f.district.type_ahead.popup().isVisible()
    assert focused() is f.village
    assert f.village.scope == f.district.currentData() != ""
    # the whole name and Enter, the pop-up still open with nothing picked in it
    f.district.setFocus()
    f.district.edit.selectAll()
    qtbot.keyClicks(focused(), "jambi luar kota")
    qtbot.keyClick(QApplication.activePopupWidget() or focused(), Qt.Key.Key_Return)
    assert f.district.currentText() == "Jambi Luar Kota"
    # a name that is no kecamatan leaves the choice as it was
    f.district.edit.selectAll()
    qtbot.keyClicks(focused(), "tidak ada")
    qtbot.keyClick(QApplication.activePopupWidget() or focused(), Qt.Key.Key_Tab)
    assert f.district.currentText() == "Jambi Luar Kota"


def open_participants(qtbot: Any, main: Any, controller: Any) -> Any:
    main.show_page("participants")
    page = main.page("participants")
    wait_idle(qtbot, controller)
    return page


def test_enter_in_participants_search_opens_the_only_row(qtbot: Any, main: Any,
                                                         controller: Any) -> None:
    seed(controller.ctx, 30)
    page = open_participants(qtbot, main, controller)
    main.activateWindow()
    row = page.model.row_at(4)
    page.search.setFocus()
    qtbot.keyClicks(page.search, row.nik)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # before the search has even run
    qtbot.waitUntil(lambda: main.current_page_key() == "register", timeout=5000)
    wait_idle(qtbot, controller)
    assert main.page("register").record_id == row.id


def test_enter_in_participants_table_opens_the_selected_row(qtbot: Any, main: Any,
                                                            controller: Any) -> None:
    seed(controller.ctx, 30)
    page = open_participants(qtbot, main, controller)
    main.activateWindow()
    page.table.setFocus()
    page.table.selectRow(2)
    rid = page.model.row_at(2).id
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page_key() == "register", timeout=5000)
    wait_idle(qtbot, controller)
    assert main.page("register").record_id == rid


def test_void_dialog_enter_without_reason_stays_and_says_why(qtbot: Any, main: Any,
                                                             controller: Any) -> None:
    """Before: Enter on an empty reason pressed "Jangan batalkan" (the dialog's first button)
    and closed the dialog; the confirm button read "Batalkan pendaftaran", next to "Batal"."""
    seed(controller.ctx, 10)
    page = open_participants(qtbot, main, controller)
    page.table.selectRow(1)
    page.void_selected()
    dlg = page.void_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=3000)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow, timeout=3000)
    assert dlg.reason.hasFocus()  # the dialog opens on the reason
    dlg.ok.setFocus()  # wherever the focus went, Enter without a reason comes back to it
    qtbot.keyClick(dlg.ok, Qt.Key.Key_Return)
    assert dlg.isVisible() and dlg.result() == 0
    assert "alasan" in dlg.reason_box.problem_text.lower()
    assert dlg.reason_box.message.isVisibleTo(dlg)
    assert dlg.reason.hasFocus()
    assert dlg.ok.property("danger") is True
    assert "batal" not in dlg.ok.text().lower()
    qtbot.keyClicks(dlg.reason, "Terdaftar dua kali")
    qtbot.keyClick(dlg.reason, Qt.Key.Key_Return)
    assert dlg.result() == 1


def test_override_dialog_enter_without_reason_stays_on_the_reason(qtbot: Any,
                                                                   main: Any) -> None:
    from ui.registration.override_dialog import OverrideDialog

    page = main.page("register")
    page._override("Tanggal lahir tidak sama dengan NIK")
    dlg = page.findChildren(OverrideDialog)[-1]
    qtbot.waitUntil(dlg.isVisible, timeout=3000)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow, timeout=3000)
    dlg.ok.setFocus()
    qtbot.keyClick(dlg.ok, Qt.Key.Key_Return)
    assert dlg.isVisible() and "alasan" in dlg.reason_box.problem_text.lower()
    assert dlg.reason.hasFocus()
    qtbot.keyClicks(dlg.reason, "KTP salah cetak")
    qtbot.keyClick(dlg.reason, Qt.Key.Key_Return)  # Enter accepts
    assert dlg.result() == 1
    assert page.form.override is not None
