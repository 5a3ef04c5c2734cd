"""The registration form's right-hand panel: the monthly contribution and who pays it, a
checklist of the five groups (click to go to a problem), and the Save buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout

from ui import style
from ui.labels import funding_label, rupiah
from ui.widgets import button, label

if TYPE_CHECKING:
    from fieldreg.domain.contributions import Quote
    from fieldreg.domain.problems import Problem


class SidePanel(QFrame):
    go_to_group = Signal(str)

    def __init__(self, group_titles: dict[str, str]) -> None:
        super().__init__()
        self.setObjectName("SidePanel")
        self.setFixedWidth(290)
        v = QVBoxLayout(self)
        v.setContentsMargins(16, 16, 16, 16)
        v.setSpacing(8)
        v.addWidget(label(self.tr("Contribution per month"), "fieldlabel"))
        self.total = label("–", "big")
        v.addWidget(self.total)
        self.breakdown = label("", "hint", wrap=True)
        v.addWidget(self.breakdown)
        self.payer = label("", wrap=True)
        v.addWidget(self.payer)
        v.addSpacing(10)
        v.addWidget(label(self.tr("Checklist"), "fieldlabel"))
        self.group_titles = group_titles
        self.checks: dict[str, QPushButton] = {}
        for g, title in group_titles.items():
            b = QPushButton(title.replace("&", "&&"))
            b.setStyleSheet("text-align: left; padding: 5px 8px;")
            b.clicked.connect(lambda _=False, g=g: self.go_to_group.emit(g))
            self.checks[g] = b
            v.addWidget(b)
        v.addStretch(1)
        self.save_button = button(self.tr("Save (Ctrl+S)"), primary=True)
        self.save_button.setMinimumHeight(40)
        self.save_button.setToolTip(self.tr(
            "Complete and with consent: ready to send at the next sync."))
        self.draft_button = button(self.tr("Save as draft (Ctrl+D)"))
        self.draft_button.setToolTip(self.tr("Keep it on this laptop to finish later."))
        self.clear_button = button(self.tr("Empty form"))
        v.addWidget(self.save_button)
        v.addWidget(self.draft_button)
        v.addWidget(self.clear_button)

    def show_quote(self, q: Quote | None) -> None:
        if q is None:
            self.total.setText("–")
            self.breakdown.setText(self.tr("Choose who pays to see the amount."))
            self.payer.setText("")
            return
        self.total.setText(rupiah(q.total))
        parts = [f"JKK {rupiah(q.jkk)}", f"JKM {rupiah(q.jkm)}"]
        if q.jht:
            parts.append(f"JHT {rupiah(q.jht)}")
        text = " + ".join(parts)
        text += "\n" + self.tr("Income bracket {0}").format(rupiah(q.bracket_nominal))
        if q.discount:
            text += "\n" + self.tr("Discount {0}: −{1}").format(q.discount_name or "",
                                                                rupiah(q.discount))
        self.breakdown.setText(text)
        self.payer.setText(self.tr("Paid by: {0}").format(funding_label(q.payer)))

    def show_checklist(self, per_group: dict[str, list[Problem]]) -> None:
        for g, b in self.checks.items():
            ps = per_group.get(g, [])
            errs = sum(1 for p in ps if p.is_error)
            warns = len(ps) - errs
            title = self.group_titles[g].replace("&", "&&")
            if errs:
                b.setText("✗  " + self.tr("{0}: {1} to fix").format(title, errs))
                b.setStyleSheet(f"text-align: left; padding: 5px 8px; color: {style.ERROR};")
            elif warns:
                b.setText("!  " + self.tr("{0}: {1} to check").format(title, warns))
                b.setStyleSheet(f"text-align: left; padding: 5px 8px; color: {style.WARNING};")
            else:
                b.setText("✓  " + title)
                b.setStyleSheet(f"text-align: left; padding: 5px 8px; color: {style.PRIMARY};")
