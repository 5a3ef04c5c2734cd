"""What the Print cards page lists: the participants whose cards would come out, those left out
(drafts, voided) with the reason, and how often each card was printed before.

The list is made by the core's ``cards.plan`` on a worker thread (one query for the records,
one for their print history), so it shows exactly the cards that will print; nothing is
recorded until a real print or PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui import style
from ui.problems import text as message_text

if TYPE_CHECKING:
    from fieldreg.cards.render import CardFace
    from fieldreg.cards.sheets import Layout
    from fieldreg.services.context import Context

Index = QModelIndex | QPersistentModelIndex

# Which participants the page lists.
CHOSEN = "chosen"  # handed over from the Participants list
NEW = "new"  # every complete record that has no card yet
ALL = "all"  # every complete record, also those printed before


@dataclass(frozen=True)
class CardRow:
    record_id: str
    name: str
    number: str  # grouped for reading aloud, "" when skipped
    village: str
    printed: int  # how many times a card was printed before
    skip: str = ""  # the core's reason code when no card is made (card_draft, card_voided…)

    @property
    def gets_card(self) -> bool:
        return not self.skip


@dataclass
class CardPlan:
    source: str
    rows: list[CardRow]
    faces: dict[str, CardFace] = field(default_factory=dict)
    already_printed: int = 0  # NEW: complete records left out because they have a card

    @property
    def card_ids(self) -> list[str]:
        return [r.record_id for r in self.rows if r.gets_card]

    @property
    def reprints(self) -> int:
        return sum(1 for r in self.rows if r.gets_card and r.printed)

    @property
    def skipped(self) -> int:
        return sum(1 for r in self.rows if not r.gets_card)


def make_plan(ctx: Context, source: str, ids: Sequence[str], layout: Layout) -> CardPlan:
    """Runs on a worker thread."""
    from fieldreg.services import cards

    batch = cards.plan(ctx, list(ids) if source == CHOSEN else None, layout=layout,
                       only_new=source == NEW)
    rows = [CardRow(c.record_id, c.face.full_name, c.face.participant_number,
                    c.face.village_line, c.generation - 1) for c in batch.cards]
    printed = [s for s in batch.skipped if s.reason == "card_printed"]
    rows += [CardRow(s.record_id, s.name, "", "", 0, s.reason) for s in batch.skipped
             if s.reason != "card_printed"]
    return CardPlan(source, rows, {c.record_id: c.face for c in batch.cards}, len(printed))


class CardListModel(QAbstractTableModel):
    NAME, NUMBER, VILLAGE, CARD = range(4)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CardRow] = []
        self._headers = [self.tr("Name"), self.tr("Participant number"), self.tr("Village"),
                         self.tr("Card")]

    def set_rows(self, rows: list[CardRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> CardRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def card_text(self, r: CardRow) -> str:
        """A few words that fit the column; ``card_help`` says it in full."""
        if r.skip:
            return {
                "card_draft": self.tr("Draft: no card yet"),
                "card_voided": self.tr("Voided: no card"),
                "card_not_found": self.tr("Not found"),
            }.get(r.skip) or message_text(r.skip)
        if r.printed == 0:
            return self.tr("New card")
        return self.tr("Printed {0}× before").format(r.printed)

    def card_help(self, r: CardRow) -> str:
        if r.skip:
            return message_text(r.skip)
        if r.printed == 0:
            return self.tr("No card was printed for this participant yet.")
        return self.tr("A card was printed {0}× before. Printing it again makes a new card "
                       "with a new serial number; you will be asked why.").format(r.printed)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.skip:
                return QBrush(QColor(style.MUTED))
            if c == self.CARD:
                return QBrush(QColor(style.INFO if r.printed else style.PRIMARY))
            return None
        if role == Qt.ItemDataRole.BackgroundRole and r.skip:
            return QBrush(QColor("#f1f3f5"))
        if role == Qt.ItemDataRole.ToolTipRole and c == self.CARD:
            return self.card_help(r)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if c == self.NAME:
            return r.name or self.tr("(unknown)")
        if c == self.NUMBER:
            return r.number or "—"
        if c == self.VILLAGE:
            return r.village
        return self.card_text(r)
