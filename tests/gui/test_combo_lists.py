"""Drop-downs open with every entry in view, the last one too (issue 15): the heirs'
relationship list has 12 entries and Qt shows 10, so 'Saudara kandung'... were below the
popup's edge until scrolled."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from tests.gui.conftest import wait_idle


def combos(page: Any) -> list[QComboBox]:
    return [c for c in page.findChildren(QComboBox) if c.count()]


def assert_last_item_shown(qtbot: Any, combo: QComboBox) -> None:
    assert combo.maxVisibleItems() >= combo.count(), (combo, combo.count())
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    last = view.visualRect(combo.model().index(combo.count() - 1, 0))
    shown = view.viewport().rect()
    assert last.top() >= 0 and last.bottom() <= shown.bottom(), (combo, last, shown)
    combo.hidePopup()


def test_every_drop_down_of_the_form_shows_its_last_entry(qtbot: Any, main: Any) -> None:
    page = main.page("register")
    page.form.heirs.add_button.click()
    found = combos(page)
    assert page.form.funding in found and page.form.district in found
    assert any(c.count() >= 11 for c in found)  # the heir's relationship
    for c in found:
        assert_last_item_shown(qtbot, c)


def test_the_participants_filters_show_their_last_entry(qtbot: Any, main: Any,
                                                        controller: Any) -> None:
    main.show_page("participants")
    wait_idle(qtbot, controller)
    page = main.page("participants")
    for c in (page.status, page.funding):
        assert_last_item_shown(qtbot, c)
