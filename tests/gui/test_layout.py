"""Layout at the two screens the app is made for: nothing a volunteer must read is cut off."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel

SIZES = [(1366, 740), (1920, 1050)]  # the screen less the taskbar


def fully_shown(lab: QLabel) -> bool:
    """A word-wrapped label is as tall as its text needs at its width, and as wide."""
    if lab.wordWrap():
        return lab.height() >= lab.heightForWidth(lab.width())
    return lab.width() >= lab.sizeHint().width()


@pytest.mark.parametrize("size", SIZES)
def test_checklist_words_wrap_instead_of_being_cut(qtbot: Any, main: Any, controller: Any,
                                                  size: tuple[int, int]) -> None:
    main.resize(*size)
    page = main.page("register")
    f = page.form
    f.show_all = True
    f.phone.setText("0812")
    f.birth_date.setText("31-02-1990")
    f._user_edit("birth_date", immediate=True)
    page.validate()
    QApplication.processEvents()
    side = page.side
    texts = {g: item.words.text() for g, item in side.checks.items()}
    assert any("perlu diperbaiki" in t for t in texts.values())
    assert "Pekerjaan & Iuran" in texts["work"]
    for item in side.checks.values():
        qtbot.waitUntil(lambda item=item: fully_shown(item.words), timeout=3000)
        assert item.geometry().right() <= side.contentsRect().right()


def test_checklist_item_goes_to_its_group(qtbot: Any, main: Any) -> None:
    from PySide6.QtCore import Qt

    page = main.page("register")
    seen: list[str] = []
    page.side.go_to_group.connect(seen.append)
    item = page.side.checks["heirs"]
    qtbot.mouseClick(item, Qt.MouseButton.LeftButton)
    item.setFocus()
    qtbot.keyClick(item, Qt.Key.Key_Space)
    assert seen == ["heirs", "heirs"]


@pytest.mark.parametrize("size", SIZES)
def test_participants_columns_fit_names_get_the_room(qtbot: Any, main: Any, controller: Any,
                                                    size: tuple[int, int]) -> None:
    """No NIK or participant number cut short; the names get the spare width (at 1366 the
    other columns took all but 65 px: 'ABDUL…')."""
    from tests.gui.conftest import seed, wait_idle
    from ui.participants.model import COLUMNS

    seed(controller.ctx, 30)
    main.resize(*size)
    main.show_page("participants")
    page = main.page("participants")
    wait_idle(qtbot, controller)
    QApplication.processEvents()
    t = page.table
    fm = t.fontMetrics()
    for col in ("nik", "participant_number", "status"):
        c = COLUMNS.index(col)
        assert not t.isColumnHidden(c)
        for r in range(page.model.rowCount()):
            words = page.model.index(r, c).data() or ""
            assert t.columnWidth(c) >= fm.horizontalAdvance(words) + 8, (col, words)
    name = COLUMNS.index("full_name")
    assert t.columnWidth(name) >= 240
    shown = sum(t.columnWidth(c) for c in range(len(COLUMNS)) if not t.isColumnHidden(c))
    assert shown <= t.viewport().width() + 2  # no sideways scrolling
