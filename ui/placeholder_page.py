"""A reserved place in the navigation for a screen that comes with its own issue."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.labels import number
from ui.widgets import PageHeader, card, label


class PlaceholderPage(QWidget):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.setObjectName("Page")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 20)
        lay.addWidget(PageHeader(title))
        soon = label(self.tr("Coming soon"), "big")
        soon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = label(text, wrap=True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.selection = label("", "info", wrap=True)
        self.selection.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.selection.hide()
        c = card(soon, body, self.selection, margins=40)
        c.setMaximumWidth(640)
        lay.addSpacing(40)
        # Centred by stretches, not by an alignment flag: an aligned widget gets its size
        # hint's width and a height that ignores its wrapped words (text was cut off).
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(c, 3)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(1)
        self.record_ids: list[str] = []

    def set_selection(self, record_ids: list[str]) -> None:
        """Records handed over from the Participants list (cards to print)."""
        self.record_ids = list(record_ids)
        self.selection.setText(self.tr("{0} participants chosen in the list are waiting here "
                                       "for their cards.").format(number(len(record_ids))))
        self.selection.setVisible(bool(record_ids))

    def activate(self) -> None:
        pass

    def can_leave(self, then: Callable[[], None]) -> bool:
        return True  # nothing here is lost by leaving
