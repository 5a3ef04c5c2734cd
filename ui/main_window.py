"""The main window: navigation on the left, one page at a time, the status bar below."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, overload

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.help import Help
from ui.status_bar import StatusBar
from ui.widgets import button, label

if TYPE_CHECKING:
    from fieldreg.services.context import Context
    from ui.app import AppController
    from ui.cards.page import PrintCardsPage
    from ui.participants.page import ParticipantsPage
    from ui.registration.page import RegistrationPage

PAGES = ("register", "participants", "import", "print", "sync", "summary", "settings")


class MainWindow(QMainWindow):
    # A record was written: counts and lists are stale. Emitted here only, when the task runner
    # says a job started with ``writes=True`` succeeded (a save, a void, an import, a sync, the
    # settings); the pages listen.
    data_changed = Signal()

    def __init__(self, ctx: Context, controller: AppController, *, page: str = "",
                 form_state: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.controller = controller
        self.runner = controller.runner
        self._pages: dict[str, QWidget] = {}
        self._form_state = form_state
        self._closing_ok = False
        self.setWindowTitle(self.tr("fieldreg — {0}").format(ctx.device_name))
        self.help = Help(self)
        self.setMinimumSize(QSize(1024, 640))
        self.resize(1366, 740)

        central = QWidget()
        h = QHBoxLayout(central)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(0)
        h.addWidget(self._nav_panel())
        self.stack = QStackedWidget()
        h.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status = StatusBar(ctx.volunteer_name, ctx.role, self.runner)
        self.setStatusBar(self.status)
        self.status.version_clicked.connect(self.help.show_about)
        self.data_changed.connect(self.refresh_counts)
        self.runner.wrote.connect(self._wrote)
        self.runner.failed.connect(self._task_failed)
        self._start_sync()

        shortcuts: list[tuple[str, Callable[[], object]]] = [
            ("Ctrl+N", lambda: self.show_page("register")),
            ("Ctrl+F", self._find),
            ("Ctrl+L", lambda: self.controller.lock("user")),
            ("F1", self.help.show_about),
        ]
        for i, key in enumerate(PAGES, start=1):
            shortcuts.append((f"Alt+{i}", partial(self.show_page, key)))
        for seq, fn in shortcuts:
            QShortcut(QKeySequence(seq), self).activated.connect(fn)

        self.show_page(page or "register")
        self.refresh_counts()

    # -- navigation -----------------------------------------------------------------------
    def _nav_panel(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("NavPanel")
        panel.setFixedWidth(232)
        v = QVBoxLayout(panel)
        v.setContentsMargins(0, 14, 0, 12)
        name = label("fieldreg", "")
        name.setStyleSheet("font-size: 15pt; font-weight: bold; color: white; padding: 0 16px;")
        v.addWidget(name)
        dev = label(self.ctx.device_name, "", wrap=True)
        dev.setStyleSheet("padding: 0 16px 10px 16px; color: #9fb6cc;")
        v.addWidget(dev)
        self.nav = QListWidget()
        self.nav.setObjectName("Nav")
        self.nav.setUniformItemSizes(True)
        titles = {
            "register": self.tr("New registration"),
            "participants": self.tr("Participants"),
            "import": self.tr("Import village list"),
            "print": self.tr("Print cards"),
            "sync": self.tr("Sync"),
            "summary": self.tr("Summary"),
            "settings": self.tr("Settings"),
        }
        self.page_titles = titles
        for i, key in enumerate(PAGES, start=1):
            item = QListWidgetItem(titles[key])
            item.setSizeHint(QSize(220, 40))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(self.tr("Alt+{0}").format(i))
            self.nav.addItem(item)
        self.nav.currentItemChanged.connect(self._nav_changed)
        v.addWidget(self.nav, 1)
        self.help_button = button(self.tr("Help"))
        self.help_button.setMenu(self.help.menu(self.help_button))
        self.help_button.setToolTip(self.tr(
            "About fieldreg, and a diagnostics file for the district office (F1)"))
        self.help_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        wrap = QWidget()
        hl = QHBoxLayout(wrap)
        hl.setContentsMargins(12, 2, 12, 8)
        hl.addWidget(self.help_button)
        v.addWidget(wrap)
        who = label(self.ctx.volunteer_name, "", wrap=True)
        who.setStyleSheet("padding: 4px 16px; color: white; font-weight: bold;")
        v.addWidget(who)
        for text, fn in (
            (self.tr("Lock (Ctrl+L)"), lambda: self.controller.lock("user")),
            (self.tr("Switch volunteer"), lambda: self.controller.lock("switch")),
        ):
            b = button(text, on_click=fn)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            wrap = QWidget()
            hl = QHBoxLayout(wrap)
            hl.setContentsMargins(12, 2, 12, 2)
            hl.addWidget(b)
            v.addWidget(wrap)
        return panel

    def _nav_changed(self, cur: QListWidgetItem | None, prev: QListWidgetItem | None) -> None:
        if cur is None:
            return
        key = str(cur.data(Qt.ItemDataRole.UserRole))
        if key != self.current_page_key():
            self.show_page(key)

    def current_page_key(self) -> str:
        w = self.stack.currentWidget()
        for k, p in self._pages.items():
            if p is w:
                return k
        return ""

    @overload
    def page(self, key: Literal["register"]) -> RegistrationPage: ...
    @overload
    def page(self, key: Literal["participants"]) -> ParticipantsPage: ...
    @overload
    def page(self, key: Literal["print"]) -> PrintCardsPage: ...
    @overload
    def page(self, key: str) -> QWidget: ...

    def page(self, key: str) -> QWidget:
        """The page for ``key``, created on first use (typed for the pages handed work here)."""
        if key not in self._pages:
            w = self._make_page(key)
            self._pages[key] = w
            self.stack.addWidget(w)
        return self._pages[key]

    def _make_page(self, key: str) -> QWidget:
        if key == "register":
            from ui.registration.page import RegistrationPage

            p = RegistrationPage(self, restore=self._form_state)
            self._form_state = None
            return p
        if key == "participants":
            from ui.participants.page import ParticipantsPage

            return ParticipantsPage(self)
        if key == "import":
            from ui.import_page import ImportPage

            return ImportPage(self)
        if key == "summary":
            from ui.summary.page import SummaryPage

            return SummaryPage(self)
        if key == "settings":
            from ui.settings_page import SettingsPage

            return SettingsPage(self)
        if key == "print":
            from ui.cards.page import PrintCardsPage

            return PrintCardsPage(self)
        if key == "sync":
            from ui.sync.page import SyncPage

            return SyncPage(self)
        raise KeyError(key)

    def show_page(self, key: str, *, then: Callable[[], None] | None = None) -> bool:
        """Show the page for ``key`` and run ``then``. A page with unsaved changes asks first;
        False when it did (the switch and ``then`` follow once the person has chosen)."""
        current = self.stack.currentWidget()
        if current is not None and current is not self._pages.get(key):
            can_leave = getattr(current, "can_leave", None)
            if can_leave is not None and not can_leave(lambda: self.show_page(key, then=then)):
                self._select_nav(self.current_page_key())
                return False
        w = self.page(key)
        self.stack.setCurrentWidget(w)
        self._select_nav(key)
        activate = getattr(w, "activate", None)
        if activate is not None:
            activate()
        if then is not None:
            then()
        return True

    def _select_nav(self, key: str) -> None:
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                self.nav.blockSignals(True)
                self.nav.setCurrentItem(item)
                self.nav.blockSignals(False)

    def _find(self) -> None:
        self.show_page("participants", then=lambda: self.page("participants").focus_search())

    # -- hand-overs between pages ---------------------------------------------------------
    def open_record(self, record_id: str, *, back_to: str = "") -> None:
        """The record in the form; ``back_to``: the page to return to once it is saved."""
        if self.show_page("register"):
            self.page("register").load_record(record_id, back_to=back_to)

    def hand_to_print(self, record_ids: list[str]) -> None:
        self.page("print").set_selection(record_ids)
        self.show_page("print")

    def show_needs_fixing(self) -> None:
        """The Participants list, only the records the district server sent back."""
        self.show_page("participants",
                       then=lambda: self.page("participants").show_needs_fixing())

    # -- sync -----------------------------------------------------------------------------
    def _start_sync(self) -> None:
        """The sync controller (every sync call, off the GUI thread), the automatic sync and
        the status bar's server and last-sync words."""
        from ui.sync.auto import AutoSync
        from ui.sync.controller import SyncController

        self.sync = SyncController(self.ctx, self.runner, self)
        self.auto_sync = AutoSync(
            self.sync, lambda: bool(getattr(self.controller.settings, "auto_sync", True)))
        st, s = self.status, self.sync
        s.status_changed.connect(st.set_sync_status)
        s.reachability_changed.connect(st.set_reachable)
        s.started.connect(lambda _t: st.set_sending(None))
        s.progressed.connect(st.set_sending)
        s.finished.connect(self._sync_finished)
        s.failed.connect(lambda _e: st.sending_done())
        st.server_clicked.connect(lambda: self.show_page("sync"))
        self.auto_sync.start()

    def _sync_finished(self, _report: object) -> None:
        self.status.sending_done()  # lists and counts: the sync task writes (data_changed)

    def _wrote(self, _label: str) -> None:
        self.data_changed.emit()

    # -- counts ---------------------------------------------------------------------------
    def refresh_counts(self) -> None:
        ctx = self.ctx

        def job() -> tuple[int, int]:
            from fieldreg.services import sync

            return sync.waiting(ctx)

        self.runner.run(job, on_done=lambda w: self.status.set_waiting(*w), owner=self,
                        label="queue count")

    def _task_failed(self, label_text: str, exc: object) -> None:
        from ui.problems import error_text

        page = self.stack.currentWidget()
        banner = getattr(page, "banner", None)
        if banner is not None and isinstance(exc, BaseException):
            banner.show_message("error", error_text(exc))

    # -- closing and locking --------------------------------------------------------------
    def _register_page(self) -> RegistrationPage | None:
        """The registration page, when it was made (its form may hold unsaved typing)."""
        p = self._pages.get("register")
        if p is None:
            return None
        from ui.registration.page import RegistrationPage  # loaded already: p is one

        assert isinstance(p, RegistrationPage)
        return p

    def form_state(self) -> dict[str, Any] | None:
        p = self._register_page()
        if p is None:
            return self._form_state
        return p.snapshot()

    def can_lock(self, reason: str, then: Callable[[], None]) -> bool:
        """Before the person locks or hands over to another volunteer: a form with unsaved
        changes asks first (False; ``then`` follows the choice). An idle lock never asks."""
        p = self._register_page()
        if p is None:
            return True
        return p.can_lock(reason, then)

    def prepare_to_close(self) -> None:
        """Before locking: the form being typed is saved encrypted, to come back after. No
        more automatic sync (a running one is cancelled with every other task)."""
        self.auto_sync.stop()
        p = self._register_page()
        if p is not None:
            p.autosave_now()
        self._closing_ok = True

    def allow_close(self) -> None:
        """The window is being replaced (language switch): its form state was taken."""
        self.auto_sync.stop()
        self._closing_ok = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_ok:
            p = self._register_page()
            if p is not None and not p.can_close():
                event.ignore()
                return
            self._closing_ok = True
        self.auto_sync.stop()
        super().closeEvent(event)
