"""Voiding a registration: a reason is required; the server hears of it if it was sent."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ui.problems import text
from ui.widgets import FieldBox, button, label


class VoidDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Void a registration"))
        self.setMinimumWidth(500)
        lay = QVBoxLayout(self)
        lay.addWidget(label(self.tr(
            "Void the registration of {0}? It stays in the list as voided and cannot be "
            "changed any more. If it was already sent, the district server is told at the "
            "next sync.").format(name), wrap=True))
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("For example: registered twice; moved away; "
                                               "passed away"))
        self.reason_box = FieldBox(self.tr("Reason"), self.reason, required=True)
        lay.addWidget(self.reason_box)
        row = QHBoxLayout()
        row.addStretch(1)
        self.keep = button(self.tr("No, keep it"), on_click=self.reject)
        self.keep.setAutoDefault(False)  # Enter never keeps it by chance: Esc does
        row.addWidget(self.keep)
        # red, and in words that cannot be read as "Batal" (cancel)
        self.ok = button(self.tr("Yes, void it"), danger=True, on_click=self._ok)
        self.ok.setDefault(True)  # Enter in the reason field asks for it
        row.addWidget(self.ok)
        lay.addLayout(row)
        self.reason.textEdited.connect(lambda _t: self.reason_box.clear_problem())
        self.reason.setFocus()

    def _ok(self) -> None:
        if not self.reason.text().strip():
            self.reason_box.set_problem(text("void_reason_required"))
            self.reason.setFocus()
            return
        self.accept()
