"""The registration form's right-hand panel: the monthly contribution and who pays it, a
checklist of the five groups (click to go to a problem), and the Save buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout

from ui import style
from ui.labels import funding_label, rupiah
from ui.widgets import button, label

if TYPE_CHECKING:
    from fieldreg.domain.contributions import Quote
    from fieldreg.domain.problems import Problem


class CheckItem(QFrame):
    """One line of the checklist: a mark and words that wrap (a push button's text would be
    cut at the panel's width: "Pekerjaan & Iuran: 2 perlu diperba…"). Clicked with the mouse,
    Enter or Space; reached with Tab, like a button."""

    clicked = Signal()

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.setObjectName("CheckItem")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 5, 8, 5)
        lay.setSpacing(6)
        self.mark = label("")
        self.mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.mark.setFixedWidth(14)
        lay.addWidget(self.mark)
        self.words = label("", wrap=True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.words, 1)
        self._colour: str | None = None
        self.set_state("", text, "")

    def set_state(self, mark: str, text: str, colour: str) -> None:
        self.mark.setText(mark)
        self.words.setText(text)
        self.setAccessibleName(f"{mark} {text}".strip())
        if colour == self._colour:  # a new stylesheet costs a re-polish: only on change
            return
        self._colour = colour
        colour_rule = f"color: {colour};" if colour else ""
        self.setStyleSheet(
            f"#CheckItem {{ background: white; border: 1px solid {style.BORDER}; "
            "border-radius: 4px; }"
            f"#CheckItem:hover {{ background: #eef3f7; }}"
            f"#CheckItem:focus {{ border: 2px solid {style.PRIMARY}; }}"
            f"#CheckItem QLabel {{ {colour_rule} }}")

    def text(self) -> str:
        return f"{self.mark.text()}  {self.words.text()}".strip()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)

    def click(self) -> None:
        self.clicked.emit()


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
        self.checks: dict[str, CheckItem] = {}
        for g, title in group_titles.items():
            b = CheckItem(title)
            b.clicked.connect(lambda g=g: self.go_to_group.emit(g))
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
        # one line per programme, before → after the discount, so that the lines add up to
        # the total above ("JKK Rp10.000 → Rp5.000 (diskon 50%)")
        pct = (f"{(q.discount_rate * 100).normalize():f}%" if q.discount_rate is not None
               else "")
        lines = []
        for name, before, after in (("JKK", q.jkk_before, q.jkk), ("JKM", q.jkm_before, q.jkm),
                                    ("JHT", q.jht_before, q.jht)):
            if not before and not after:
                continue
            if before and before != after:
                lines.append(f"{name} {rupiah(before)} → {rupiah(after)} "
                             + self.tr("(discount {0})").format(pct))
            else:
                lines.append(f"{name} {rupiah(after)}")
        if q.discount:
            lines.append(self.tr("{0} discount: {1} less per month").format(
                q.discount_name or "", rupiah(q.discount)))
        lines.append(self.tr("Income bracket {0}").format(rupiah(q.bracket_nominal)))
        self.breakdown.setText("\n".join(lines))
        self.payer.setText(self.tr("Paid by: {0}").format(funding_label(q.payer)))

    def show_checklist(self, per_group: dict[str, list[Problem]]) -> None:
        for g, b in self.checks.items():
            ps = per_group.get(g, [])
            errs = sum(1 for p in ps if p.is_error)
            warns = len(ps) - errs
            title = self.group_titles[g]  # plain text: "&" shown as written
            if errs:
                b.set_state("✗", self.tr("{0}: {1} to fix").format(title, errs), style.ERROR)
            elif warns:
                b.set_state("!", self.tr("{0}: {1} to check").format(title, warns),
                            style.WARNING)
            else:
                b.set_state("✓", title, style.PRIMARY)
