"""First run: a short wizard — language, this laptop, the first volunteer, the recovery key."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldreg.domain.passwords import MIN_PASSWORD_LENGTH, long_enough
from ui import i18n
from ui.tasks import TaskRunner
from ui.widgets import Banner, FieldBox, button, card, label

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

DEFAULT_PROVINCE = "15"  # Jambi
DEFAULT_REGENCY = "15.05"  # Muaro Jambi


class FirstRunWindow(QWidget):
    finished = Signal(object)  # the unlocked Context
    language_chosen = Signal(str)

    STEPS = 4

    def __init__(self, home: Path, runner: TaskRunner) -> None:
        super().__init__()
        self.setObjectName("FirstRun")
        self.home = home
        self.runner = runner
        self.ctx: Any = None
        self.recovery_key = ""
        self.setWindowTitle(self.tr("fieldreg — set up this laptop"))
        self.resize(760, 600)

        # One centred column: on a wide screen the lines stay short enough to read.
        page = QHBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addStretch(1)
        column = QWidget()
        column.setMaximumWidth(980)
        page.addWidget(column, 100)
        page.addStretch(1)
        outer = QVBoxLayout(column)
        outer.setContentsMargins(40, 24, 40, 24)
        self.step_label = label("", "subtitle")
        outer.addWidget(self.step_label)
        self.stack = QStackedWidget()
        outer.addWidget(card(self.stack, margins=24), 1)
        self.banner = Banner()
        outer.addWidget(self.banner)
        nav = QHBoxLayout()
        self.back = button(self.tr("Back"), on_click=self._back)
        self.next = button(self.tr("Next"), primary=True, on_click=self._next)
        nav.addWidget(self.back)
        nav.addStretch(1)
        nav.addWidget(self.next)
        outer.addLayout(nav)

        # The first page only: the others (the laptop's page loads the regions) are built when
        # the volunteer moves on, after the window is on screen (bench/bench_ui.py).
        self.stack.addWidget(self._welcome_page())
        self._pages_built = False
        self._show_step(0)

    def _build_pages(self) -> None:
        if self._pages_built:
            return
        self._pages_built = True
        self.stack.addWidget(self._device_page())
        self.stack.addWidget(self._volunteer_page())
        self.stack.addWidget(self._recovery_page())

    # -- pages ----------------------------------------------------------------------------
    def _welcome_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(label(self.tr("Welcome"), "title"))
        lay.addWidget(label(self.tr(
            "This laptop will register informal workers into BPJS Ketenagakerjaan (JKK and "
            "JKM) for the Gerakan Desa Peduli Jaminan Sosial, also without internet. Setting it "
            "up takes three short steps."), wrap=True))
        lay.addSpacing(12)
        lay.addWidget(label(self.tr("Language"), "fieldlabel"))
        self.lang_id = QRadioButton("Bahasa Indonesia")
        self.lang_en = QRadioButton("English")
        (self.lang_id if i18n.lang() == "id" else self.lang_en).setChecked(True)
        self.lang_id.toggled.connect(lambda on: self._language_toggled(on, "id"))
        self.lang_en.toggled.connect(lambda on: self._language_toggled(on, "en"))
        lay.addWidget(self.lang_id)
        lay.addWidget(self.lang_en)
        lay.addSpacing(16)
        lay.addWidget(label(self.tr("A new laptop for data you already have?"), "fieldlabel"))
        lay.addWidget(label(self.tr(
            "If this laptop replaces another one, restore its backup (a file ending in "
            ".fieldreg-backup, for example on the USB stick) instead of setting up anew."),
            "hint", wrap=True))
        restore_row = QHBoxLayout()
        restore_row.addWidget(button(self.tr("Restore a backup…"), on_click=self._restore))
        restore_row.addStretch(1)
        lay.addLayout(restore_row)
        lay.addStretch(1)
        return page

    def _language_toggled(self, on: bool, lang: str) -> None:
        if on:
            self.language_chosen.emit(lang)

    def _restore(self) -> None:
        from fieldreg.services.errors import ServiceError
        from ui.problems import error_text
        from ui.restore_dialog import RestoreDialog, choose_backup_file

        path = choose_backup_file(self, Path.home())
        if path is None:
            return
        try:
            dlg = RestoreDialog(self.home, self.runner, path, self)
        except ServiceError as exc:
            self.banner.show_message("error", error_text(exc))
            return
        dlg.restored.connect(self.finished)
        dlg.open()

    def _device_page(self) -> QWidget:
        import platform  # here, built after the window is drawn: 1.5 ms less before it

        from fieldreg.domain.regions import get_regions

        regions = get_regions()
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(label(self.tr("This laptop"), "title"))
        lay.addWidget(label(self.tr(
            "Give the laptop a name the district office will recognise, and the regency "
            "where it registers workers."), "subtitle", wrap=True))
        self.device_name = QLineEdit(f"Laptop {platform.node()[:40]}".strip())
        self.device_name.setMaxLength(80)
        self.device_box = FieldBox(self.tr("Laptop name"), self.device_name, required=True,
                                   hint=self.tr("For example: Laptop Desa Sungai Gelam 1"))
        lay.addWidget(self.device_box)
        self.province = QComboBox()
        for p in regions.provinces():
            self.province.addItem(p.display_name, p.code)
        self.province.setCurrentIndex(max(0, self.province.findData(DEFAULT_PROVINCE)))
        self.province.currentIndexChanged.connect(self._fill_regencies)
        lay.addWidget(FieldBox(self.tr("Province"), self.province))
        self.regency = QComboBox()
        self.regency_box = FieldBox(self.tr("Home regency"), self.regency, required=True)
        lay.addWidget(self.regency_box)
        self._fill_regencies()
        self.regency.setCurrentIndex(max(0, self.regency.findData(DEFAULT_REGENCY)))
        lay.addStretch(1)
        return page

    def _fill_regencies(self) -> None:
        from fieldreg.domain.regions import get_regions

        self.regency.clear()
        for r in get_regions().regencies_of(self.province.currentData() or DEFAULT_PROVINCE):
            self.regency.addItem(f"{r.display_name} ({r.code})", r.code)

    def _volunteer_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(label(self.tr("First volunteer"), "title"))
        lay.addWidget(label(self.tr(
            "The first volunteer is this laptop's supervisor: they can add other volunteers "
            "and approve corrections. The password protects the data if the laptop is lost."),
            "subtitle", wrap=True))
        self.vol_name = QLineEdit()
        self.vol_name.setMaxLength(80)
        self.vol_box = FieldBox(self.tr("Your name"), self.vol_name, required=True)
        lay.addWidget(self.vol_box)
        self.pw1 = QLineEdit()
        self.pw1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw_box = FieldBox(self.tr("Password"), self.pw1, required=True,
                               hint=self.tr("At least 8 characters. Easy to remember, hard "
                                            "to guess: for example three words."))
        lay.addWidget(self.pw_box)
        self.pw2 = QLineEdit()
        self.pw2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw2_box = FieldBox(self.tr("Password again"), self.pw2, required=True)
        lay.addWidget(self.pw2_box)
        self.show_pw = QCheckBox(self.tr("Show the password"))
        self.show_pw.toggled.connect(self._toggle_echo)
        lay.addWidget(self.show_pw)
        lay.addStretch(1)
        return page

    def _toggle_echo(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.pw1.setEchoMode(mode)
        self.pw2.setEchoMode(mode)

    def _recovery_page(self) -> QWidget:
        from PySide6.QtCore import Qt

        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(label(self.tr("Recovery key"), "title"))
        lay.addWidget(label(self.tr(
            "If every password is forgotten, this key is the only way to open the data. "
            "It is shown only now. Write it on paper (or print it) and keep it somewhere "
            "safe, away from the laptop."), wrap=True))
        self.key_label = QLabel()
        f = QFont("DejaVu Sans Mono")
        f.setStyleHint(QFont.StyleHint.Monospace)
        f.setPointSize(20)
        f.setBold(True)
        self.key_label.setFont(f)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setStyleSheet(
            "background: #fffbe6; border: 2px dashed #d9c68c; padding: 18px;")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.key_label)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print the key…"))
        self.print_button.clicked.connect(self._print_key)
        row.addWidget(self.print_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.key_written = QCheckBox(self.tr(
            "I have written down or printed the recovery key and will keep it safe."))
        self.key_written.toggled.connect(self._update_buttons)
        lay.addWidget(self.key_written)
        lay.addStretch(1)
        return page

    # -- navigation -----------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter moves on from anywhere on the page (a field, a choice, a list; the line
        edits pass their Enter up to here): on a button it presses that button."""
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            focus = self.focusWidget()
            if isinstance(focus, QPushButton) and focus.isVisible():
                if focus.isEnabled():
                    focus.click()
            else:
                self._next()
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_step(self, i: int) -> None:
        if i > 0:
            self._build_pages()
        self.stack.setCurrentIndex(i)
        self.step_label.setText(self.tr("Step {0} of {1}").format(i + 1, self.STEPS))
        self.banner.hide()
        focus = {1: "device_name", 2: "vol_name", 3: "key_written"}.get(i)
        if focus is not None:
            getattr(self, focus).setFocus()
        self._update_buttons()

    def _update_buttons(self) -> None:
        i = self.stack.currentIndex()
        self.back.setVisible(0 < i < 3)
        if i == 2:
            self.next.setText(self.tr("Set up the laptop"))
        elif i == 3:
            self.next.setText(self.tr("Start working"))
            self.next.setEnabled(self.key_written.isChecked())
            return
        else:
            self.next.setText(self.tr("Next"))
        self.next.setEnabled(True)

    def _back(self) -> None:
        i = self.stack.currentIndex()
        if 0 < i < 3:
            self._show_step(i - 1)

    def _next(self) -> None:
        i = self.stack.currentIndex()
        if not self.next.isEnabled():
            return
        if i == 0:
            self._show_step(1)
        elif i == 1 and self._check_device():
            self._show_step(2)
        elif i == 2 and self._check_volunteer():
            self._create()
        elif i == 3 and self.key_written.isChecked() and self.ctx is not None:
            self.finished.emit(self.ctx)

    def _check_device(self) -> bool:
        ok = True
        if not self.device_name.text().strip():
            self.device_box.set_problem(self.tr("Write a name for this laptop."))
            ok = False
        else:
            self.device_box.clear_problem()
        if not self.regency.currentData():
            self.regency_box.set_problem(self.tr("Choose the regency."))
            ok = False
        return ok

    def _check_volunteer(self) -> bool:
        from ui.problems import text

        ok = True
        self.vol_box.clear_problem()
        self.pw_box.clear_problem()
        self.pw2_box.clear_problem()
        if not self.vol_name.text().strip():
            self.vol_box.set_problem(text("required"))
            ok = False
        if not long_enough(self.pw1.text()):
            self.pw_box.set_problem(text("password_too_short", {"min": MIN_PASSWORD_LENGTH}))
            ok = False
        elif self.pw1.text() != self.pw2.text():
            self.pw2_box.set_problem(text("password_repeat"))
            ok = False
        return ok

    def _create(self) -> None:
        home = self.home
        device = self.device_name.text()
        regency = str(self.regency.currentData())
        name = self.vol_name.text()
        password = self.pw1.text()

        def job() -> tuple[str, object]:
            from fieldreg.services import accounts

            res = accounts.initialise(home, device_name=device, regency_code=regency,
                                      volunteer_name=name, password=password)
            ctx = accounts.unlock(home, res.volunteer_id, password)
            return res.recovery_key, ctx

        self.next.setEnabled(False)
        self.back.setEnabled(False)
        self.banner.show_message("info", self.tr("Setting up the encrypted database…"))
        self.runner.run(job, on_done=self._created, on_error=self._failed, owner=self,
                        label="initialise")

    def _created(self, result: tuple[str, object]) -> None:
        self.recovery_key, self.ctx = result
        self.key_label.setText(self.recovery_key)
        self.pw1.clear()
        self.pw2.clear()
        self.back.setEnabled(True)
        self._show_step(3)

    def _failed(self, exc: BaseException) -> None:
        from ui.problems import error_text

        self.back.setEnabled(True)
        self.next.setEnabled(True)
        field = getattr(exc, "params", {}).get("field", "")
        box = {"device_name": self.device_box, "volunteer_name": self.vol_box,
               "password": self.pw_box, "regency": self.regency_box}.get(field)
        if box is not None:
            self.banner.hide()
            box.set_problem(error_text(exc))
            if field in ("device_name", "regency"):
                self._show_step(1)
        else:
            self.banner.show_message("error", error_text(exc))

    def _print_key(self) -> None:
        from ui.print_key import print_recovery_key

        print_recovery_key(self, self.recovery_key, self.device_name.text())
