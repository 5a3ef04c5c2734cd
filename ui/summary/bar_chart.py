"""A bar chart drawn with QPainter (QtCharts is not in PySide6-Essentials).

Horizontal bars with the label on the left and the number on the right (a target, when given,
is drawn as a mark and written as "n / target"); or vertical columns for days."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import style
from ui.labels import number

ROW_H = 24


class BarChart(QWidget):
    def __init__(self, *, vertical: bool = False) -> None:
        super().__init__()
        self.vertical = vertical
        self.items: list[tuple[str, int, int | None]] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: list[tuple[str, int, int | None]], empty_text: str = "") -> None:
        self.items = items
        self.empty_text = empty_text
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        if self.vertical:
            return QSize(400, 190)
        return QSize(400, max(1, len(self.items)) * ROW_H + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.items:
            p.setPen(QColor(style.MUTED))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        if self.vertical:
            self._columns(p)
        else:
            self._bars(p)
        p.end()

    def _bars(self, p: QPainter) -> None:
        fm = QFontMetrics(self.font())
        w = self.width()
        label_w = min(int(w * 0.38), max(fm.horizontalAdvance(t) for t, _, _ in self.items) + 12)
        value_w = max(fm.horizontalAdvance(self._value_text(v, t)) for _, v, t in self.items) + 12
        bar_w = max(20, w - label_w - value_w - 8)
        top = max(max(v, t or 0) for _, v, t in self.items) or 1
        for i, (text, value, target) in enumerate(self.items):
            y = 4 + i * ROW_H
            p.setPen(QColor(style.TEXT))
            p.drawText(QRectF(0, y, label_w - 8, ROW_H),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       fm.elidedText(text, Qt.TextElideMode.ElideRight, label_w - 8))
            length = bar_w * value / top
            reached = target is not None and target > 0 and value >= target
            colour = QColor(style.PRIMARY if target is None or reached else "#3f8fc9")
            p.fillRect(QRectF(label_w, y + 4, max(1.0, length), ROW_H - 8), colour)
            if target:
                x = label_w + bar_w * target / top
                p.setPen(QPen(QColor(style.ERROR), 2))
                p.drawLine(int(x), y + 1, int(x), y + ROW_H - 1)
            p.setPen(QColor(style.TEXT))
            p.drawText(QRectF(label_w + bar_w + 6, y, value_w, ROW_H),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       self._value_text(value, target))

    @staticmethod
    def _value_text(value: int, target: int | None) -> str:
        return f"{number(value)} / {number(target)}" if target else number(value)

    def _columns(self, p: QPainter) -> None:
        fm = QFontMetrics(self.font())
        n = len(self.items)
        w, h = self.width(), self.height()
        base = h - fm.height() - 6
        top_space = fm.height() + 4
        slot = w / n
        peak = max(v for _, v, _ in self.items) or 1
        every = max(1, int(fm.horizontalAdvance("00-00") * 1.4 / slot) + 1)
        for i, (text, value, _t) in enumerate(self.items):
            x = i * slot
            height = (base - top_space) * value / peak
            p.fillRect(QRectF(x + slot * 0.15, base - height, slot * 0.7, height),
                       QColor(style.PRIMARY))
            if value and slot >= fm.horizontalAdvance(number(value)) + 2:
                p.setPen(QColor(style.TEXT))
                p.drawText(QRectF(x, base - height - fm.height() - 2, slot, fm.height()),
                           Qt.AlignmentFlag.AlignCenter, number(value))
            if i % every == 0:
                p.setPen(QColor(style.MUTED))
                p.drawText(QRectF(x - slot, base + 3, slot * 3, fm.height()),
                           Qt.AlignmentFlag.AlignCenter, text)
        p.setPen(QColor(style.BORDER))
        p.drawLine(0, int(base), w, int(base))
