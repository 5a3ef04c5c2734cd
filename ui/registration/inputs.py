"""Editors of the registration form: dates typed the Indonesian way, rupiah amounts, and
pickers with type-ahead for the village and the occupation (the core's own search ranking)."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QLineEdit, QWidget

_DATE_RES = (
    (re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$"), "dmy"),
    (re.compile(r"^(\d{2})(\d{2})(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"),
)


def parse_date_text(text: str) -> date | None:
    """``21-07-1985``, ``21/7/1985``, ``21.07.1985``, ``21071985`` or ``1985-07-21``; None when
    empty. Raises ValueError when the text is not a real date."""
    t = text.strip()
    if not t:
        return None
    for rx, kind in _DATE_RES:
        m = rx.match(t)
        if m:
            a, b, c = (int(x) for x in m.groups())
            return date(c, b, a) if kind == "dmy" else date(a, b, c)
    raise ValueError(t)


def format_date(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else ""


class EnterMovesOn(QLineEdit):
    """Enter goes to the next field, as many first-time users expect (past the buttons
    marked ``enter_skips``, which Tab still reaches: typing goes on into a field)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup() if self.completer() else None
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not (popup and popup.isVisible())
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            super().keyPressEvent(event)
            self.focusNextChild()
            for _ in range(5):
                w = QApplication.focusWidget()
                if w is None or w is self or not w.property("enter_skips"):
                    break
                w.focusNextChild()
            return
        super().keyPressEvent(event)


class DateEdit(EnterMovesOn):
    """A date typed as HH-BB-TTTT; tidied to 21-07-1985 when leaving the field."""

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText(self.tr("DD-MM-YYYY"))
        self.setMaxLength(10)
        self.setMaximumWidth(170)
        self.editingFinished.connect(self._tidy)

    def value(self) -> date | None:
        """The date, None when empty; ValueError when it is not a date."""
        return parse_date_text(self.text())

    def set_value(self, d: date | None) -> None:
        self.setText(format_date(d))

    def _tidy(self) -> None:
        try:
            d = self.value()
        except ValueError:
            return
        if d is not None and self.text() != format_date(d):
            self.setText(format_date(d))


class MoneyEdit(EnterMovesOn):
    """Whole rupiah; shown grouped (1.500.000) when leaving the field."""

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText("1.500.000")
        self.setMaxLength(15)
        self.setMaximumWidth(200)
        self.editingFinished.connect(self._tidy)

    def value(self) -> int | None:
        digits = re.sub(r"[^\d]", "", re.sub(r"(?i)^rp\.?", "", self.text().strip()))
        if not self.text().strip():
            return None
        if not digits or re.search(r"[^\d.,\s]", re.sub(r"(?i)^rp\.?", "", self.text().strip())):
            raise ValueError(self.text())
        return int(digits)

    def set_value(self, v: int | None) -> None:
        self.setText("" if v is None else f"{v:,}".replace(",", "."))

    def _tidy(self) -> None:
        try:
            v = self.value()
        except ValueError:
            return
        if v is not None:
            self.set_value(v)


class SearchPicker(EnterMovesOn):
    """A line edit whose pop-up lists what a search function finds for the text typed.

    ``code()`` is the chosen item's code, '' when nothing was typed, None when the text does
    not name an item (the form says "pick one from the list")."""

    picked = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._model = QStringListModel(self)
        self._codes: list[str] = []
        self._labels: dict[str, str] = {}
        comp = QCompleter(self._model, self)
        comp.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        comp.setMaxVisibleItems(12)
        # the activated(QString) overload; PySide6's stubs do not type a signal's [str]
        comp.activated[str].connect(self._activated)  # type: ignore[index]
        self.setCompleter(comp)
        self._code = ""
        self.textEdited.connect(self._edited)

    # to override
    def search(self, text: str) -> list[tuple[str, str]]:  # (code, label)
        return []

    def label_for(self, code: str) -> str:
        return code

    def code_for_text(self, text: str) -> str | None:
        return None

    # --
    def _fill(self, text: str) -> None:
        hits = self.search(text)
        self._codes = [c for c, _ in hits]
        for c, lab in hits:
            self._labels[lab] = c
        self._model.setStringList([lab for _, lab in hits])

    def _edited(self, text: str) -> None:
        self._code = ""
        self._fill(text)
        if self._codes:
            self.completer().complete()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup()
        if event.key() == Qt.Key.Key_Down and popup is not None and not popup.isVisible():
            self._fill(self.text() if not self._code else "")
            self.completer().complete()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self._code and self.text().strip():
            code = self.code_for_text(self.text())
            if code:
                self.set_code(code)
                self.picked.emit(code)

    def _activated(self, text: str) -> None:
        code = self._labels.get(text, "")
        if code:
            self._code = code
            self.setText(text)
            self.picked.emit(code)

    def code(self) -> str | None:
        if self._code:
            return self._code
        if not self.text().strip():
            return ""
        found = self.code_for_text(self.text())
        return found if found else None

    def set_code(self, code: str) -> None:
        self._code = code
        self.setText(self.label_for(code) if code else "")


class VillagePicker(SearchPicker):
    def __init__(self, regency_code: str) -> None:
        super().__init__()
        self.scope = regency_code  # a regency or a kecamatan code
        self.setPlaceholderText(self.tr("Type part of the village name"))

    def search(self, text: str) -> list[tuple[str, str]]:
        from fieldreg.domain.regions import get_regions

        r = get_regions()
        out = []
        for v in r.search_villages(self.scope, text, limit=40):
            out.append((v.code, self.label_for(v.code)))
        return out

    def label_for(self, code: str) -> str:
        from fieldreg.domain.regions import get_regions

        r = get_regions()
        v = r.village(code)
        if v is None:
            return code
        d = r.district(code[:8])
        kind = self.tr("Kelurahan") if r.village_type(code) == "kelurahan" else self.tr("Desa")
        return f"{kind} {v.display_name} — {self.tr('Kec.')} {d.display_name if d else ''}"

    def code_for_text(self, text: str) -> str | None:
        from fieldreg.domain.regions import get_regions

        t = " ".join(text.split()).casefold()
        if t in self._labels_casefold():
            return self._labels_casefold()[t]
        hits = get_regions().search_villages(self.scope, text, limit=3)
        exact = [h for h in hits if h.display_name.casefold() == t]
        return exact[0].code if len(exact) == 1 else None

    def _labels_casefold(self) -> dict[str, str]:
        return {k.casefold(): v for k, v in self._labels.items()}


class OccupationPicker(SearchPicker):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.setPlaceholderText(self.tr("Type: ojek, sawit, nelayan, pedagang…"))

    def search(self, text: str) -> list[tuple[str, str]]:
        from fieldreg.domain.occupations import get_occupations

        return [(o.code, self.label_for(o.code)) for o in get_occupations().search(text, 30)]

    def label_for(self, code: str) -> str:
        from fieldreg.domain.occupations import get_occupations

        o = get_occupations().find(code)
        if o is None:
            return code
        return o.label_en if self.lang == "en" else o.label_id

    def code_for_text(self, text: str) -> str | None:
        from fieldreg.domain.occupations import get_occupations

        t = text.strip()
        if t in self._labels:
            return self._labels[t]
        o = get_occupations().find(t)
        if o is not None:
            return o.code
        hits = get_occupations().search(t, 2)
        return hits[0].code if len(hits) == 1 else None


class TypedChoice(QComboBox):
    """A list whose entries may also be typed, any part of the name (names have spaces, which
    open a plain list's pop-up): ``finished`` when Enter is pressed or the focus leaves (the
    line edit is the box's focus proxy, and a Tab that closes the type-ahead pop-up leaves
    without a focus-out event: the application's focus change is watched instead)."""

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.lineEdit()
        assert edit is not None  # editable
        self.edit: QLineEdit = edit
        self.type_ahead = QCompleter(self.model(), self)
        self.type_ahead.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.type_ahead.setFilterMode(Qt.MatchFlag.MatchContains)
        self.type_ahead.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(self.type_ahead)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _mine(self, w: QWidget | None) -> bool:
        return w is not None and (w is self or self.isAncestorOf(w)
                                  or w is self.type_ahead.popup())

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._mine(old) and not self._mine(new):
            self.finished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finished.emit()
