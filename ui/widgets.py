"""Small building blocks shared by every screen: a field with its message under it, an inline
banner (never a modal wall of text), page headers and a progress strip with Cancel.

The unlock window is built from these before anything else, so they stay clear of the ``Qt``
namespace until needed: PySide6 builds all of its ~100 enums on first use (~15 ms of start-up).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import style
from ui.tasks import Progress, Task

if TYPE_CHECKING:
    from PySide6.QtGui import QEnterEvent


def label(text: str = "", role: str = "", *, wrap: bool = False) -> QLabel:
    lab = QLabel(text)
    if role:
        lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    return lab


def selectable(lab: QLabel) -> None:
    """Let the person select (and copy) a label's text with the mouse."""
    from PySide6.QtCore import Qt

    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


class LinkButton(QPushButton):
    """A flat button drawn as a link, with the pointing hand over it (set when the mouse first
    comes: the unlock window has two of these and is built before anything else)."""

    _hand = False

    def enterEvent(self, event: QEnterEvent) -> None:
        if not self._hand:
            from PySide6.QtCore import Qt

            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self._hand = True
        super().enterEvent(event)


WHOLE_LIST = 24  # entries a drop-down shows before it scrolls (Qt's own is 10)


_Combo = TypeVar("_Combo", bound=QComboBox)


def whole_list(combo: _Combo) -> _Combo:
    """The drop-down opens with every entry in view, the last one too (Qt shows 10: the
    kecamatan list, 12, and the heir's relationship, 12, hid their last ones below the edge)."""
    combo.setMaxVisibleItems(max(WHOLE_LIST, combo.count()))
    return combo


def button(text: str, *, primary: bool = False, danger: bool = False, flat: bool = False,
           on_click: Callable[[], None] | None = None) -> QPushButton:
    b = LinkButton(text) if flat else QPushButton(text)
    if primary:
        b.setProperty("primary", True)
    if danger:
        b.setProperty("danger", True)
    if flat:
        b.setProperty("flat", True)
    if on_click is not None:
        b.clicked.connect(lambda _=False: on_click())
    return b


class _ArrowsChoose(QObject):
    """The arrow keys choose the next or previous button of a radio group, also while none is
    chosen (Qt then only moves the focus)."""

    def __init__(self, group: QButtonGroup) -> None:
        super().__init__(group)
        self.group = group

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeyEvent

        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1,
                Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
        buttons = [b for b in self.group.buttons() if b.isEnabled() and b.isVisible()]
        if step is None or watched not in buttons or event.modifiers() != \
                Qt.KeyboardModifier.NoModifier:
            return False
        target = buttons[(buttons.index(watched) + step) % len(buttons)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if not target.isChecked():
            target.click()
        return True


def one_tab_stop(group: QButtonGroup) -> None:
    """An exclusive radio group is one stop for Tab, on the chosen button (the first while
    none is), however it was chosen (a click, the arrows, a record opened); the arrows move
    and choose within it. Qt alone keeps the stop on the button focused last."""
    from PySide6.QtCore import Qt

    group.setExclusive(True)
    arrows = _ArrowsChoose(group)
    for b in group.buttons():
        b.installEventFilter(arrows)

    def update() -> None:
        buttons = group.buttons()
        chosen = group.checkedButton() or (buttons[0] if buttons else None)
        for b in buttons:
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus if b is chosen
                             else Qt.FocusPolicy.ClickFocus)

    group.buttonToggled.connect(lambda _b, _on: update())
    update()


def set_problem_look(widget: QWidget, severity: str) -> None:
    """Red (error) or amber (warning) border on an editor; '' clears it."""
    if (widget.property("problem") or "") != severity:
        widget.setProperty("problem", severity)
        style.repolish(widget)


class FieldBox(QWidget):
    """A label, an editor and, under it, the field's message: red error, amber warning, or a
    grey hint. The label is the editor's buddy, so Alt+underlined letter jumps to it."""

    def __init__(self, text: str, editor: QWidget, *, hint: str = "",
                 required: bool = False) -> None:
        super().__init__()
        self.editor = editor
        self._hint = hint
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 2)
        lay.setSpacing(2)
        self.title = label(text + (" *" if required else ""), "fieldlabel")
        self.title.setBuddy(editor)
        lay.addWidget(self.title)
        lay.addWidget(editor)
        self.message = label(hint, "hint", wrap=True)
        self.message.setVisible(bool(hint))
        self._selectable = False
        if hint:
            self._make_selectable()
        lay.addWidget(self.message)
        lay.addStretch(1)

    def set_problem(self, text: str, severity: str = "error") -> None:
        if not text:
            self.clear_problem()
            return
        self._make_selectable()
        self._set_role("error" if severity == "error" else "warning")
        self.message.setText(text)
        self.message.setVisible(True)
        set_problem_look(self.editor, severity)

    def clear_problem(self) -> None:
        self._set_role("hint")
        self.message.setText(self._hint)
        self.message.setVisible(bool(self._hint))
        set_problem_look(self.editor, "")

    def _set_role(self, role: str) -> None:
        if self.message.property("role") != role:
            self.message.setProperty("role", role)
            style.repolish(self.message)

    def _make_selectable(self) -> None:
        if not self._selectable:  # on first text: the unlock window shows none at start
            selectable(self.message)
            self._selectable = True

    def set_hint(self, hint: str) -> None:
        if hint:
            self._make_selectable()
        self._hint = hint
        if self.message.property("role") == "hint":
            self.message.setText(hint)
            self.message.setVisible(bool(hint))

    @property
    def problem_text(self) -> str:
        role = self.message.property("role")
        return self.message.text() if role in ("error", "warning") else ""


class Banner(QFrame):
    """A one-line message at the top of a page, with an optional action and a close button."""

    action_clicked = Signal()
    KINDS: ClassVar[dict[str, tuple[str, str]]] = {
        "info": (style.INFO, style.INFO_BG),
        "success": (style.PRIMARY, style.SUCCESS_BG),
        "warning": (style.WARNING, style.WARNING_BG),
        "error": (style.ERROR, style.ERROR_BG),
    }

    def __init__(self) -> None:
        super().__init__()
        self.kind = ""
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 8, 8, 8)
        self.text = label("", wrap=True)
        self._selectable = False
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.text, 1)
        self.action = QPushButton()
        self.action.setVisible(False)
        self.action.clicked.connect(self.action_clicked)
        lay.addWidget(self.action)
        # a second, optional action after the first ("Berikutnya: <name>" after a save)
        self.extra = QPushButton()
        self.extra.setProperty("primary", True)  # the way on: stands out from "Open it again"
        self.extra.setVisible(False)
        self.extra.clicked.connect(self._run_extra)
        lay.addWidget(self.extra)
        self.close_button = QPushButton("✕")
        self.close_button.setFixedWidth(34)
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.clicked.connect(self.hide)
        lay.addWidget(self.close_button)
        self.hide()
        self._action: Callable[[], object] | None = None
        self._extra: Callable[[], object] | None = None
        self.action_clicked.connect(self._run_action)

    def show_message(self, kind: str, text: str, action: str = "",
                     on_action: Callable[[], object] | None = None) -> None:
        fg, bg = self.KINDS.get(kind, self.KINDS["info"])
        self.kind = kind
        self.setStyleSheet(
            f"Banner {{ background: {bg}; border: 1px solid {fg}; border-radius: 6px; }}"
            f"QLabel {{ color: {fg if kind == 'error' else style.TEXT}; }}"
        )
        if not self._selectable:
            selectable(self.text)
            self._selectable = True
        self.text.setText(text)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self._action = on_action
        self.extra.setVisible(False)
        self._extra = None
        self.show()

    def add_extra(self, words: str, on_click: Callable[[], object]) -> None:
        """A second button on the message shown now (gone with the next message)."""
        self.extra.setText(words)
        self._extra = on_click
        self.extra.setVisible(True)

    def _run_action(self) -> None:
        if self._action is not None:
            self._action()

    def _run_extra(self) -> None:
        if self._extra is not None:
            self._extra()


class PageHeader(QWidget):
    def __init__(self, title: str, subtitle: str = "") -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 4)
        lay.setSpacing(2)
        self.title = label(title, "title")
        lay.addWidget(self.title)
        self.subtitle = label(subtitle, "subtitle", wrap=True)
        self.subtitle.setVisible(bool(subtitle))
        lay.addWidget(self.subtitle)


class ProgressStrip(QWidget):
    """Progress of one long job with a Cancel button; hidden when idle."""

    def __init__(self) -> None:
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        from PySide6.QtWidgets import QProgressBar

        self.text = label("")
        lay.addWidget(self.text)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        lay.addWidget(self.bar, 1)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self._cancel)
        lay.addWidget(self.cancel)
        self._task: Task[Any] | None = None
        self.hide()

    def start(self, task: Task[Any], text: str, *, cancellable: bool = True) -> None:
        self._task = task
        self.text.setText(text)
        self.bar.setRange(0, 0)
        self.cancel.setEnabled(cancellable)
        self.cancel.setVisible(cancellable)
        # Short jobs finish before the strip would only flicker.
        QTimer.singleShot(150, self._show_if_running)

    def _show_if_running(self) -> None:
        if self._task is not None and not self._task.done:
            self.show()

    def update_progress(self, p: Progress) -> None:
        if p.total > 0:
            self.bar.setRange(0, p.total)
            self.bar.setValue(p.done)

    def finish(self) -> None:
        self._task = None
        self.hide()

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel.setEnabled(False)
            self.text.setText(self.tr("Cancelling…"))


def box_layout(widget: QWidget) -> QBoxLayout:
    """The box layout a widget was made with (a ``card``): Qt's ``layout()`` may be None."""
    lay = widget.layout()
    assert isinstance(lay, QBoxLayout), widget
    return lay


def card(*widgets: QWidget, margins: int = 16) -> QFrame:
    frame = QFrame()
    frame.setObjectName("Card")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(margins, margins, margins, margins)
    for w in widgets:
        lay.addWidget(w)
    return frame
