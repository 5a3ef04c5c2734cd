"""The desktop app: start-up, first run or unlock, the main window, locking and language.

``AppController`` owns the one top-level window at a time and the unlocked ``Context``. The
unlock window needs only PySide6 and ``fieldreg.services.startup`` (bench/bench_ui.py measures
it; tests/gui/test_startup.py checks the imports): the settings, the log file, the database
layer and the regions data load in the background while the password is typed, and the main
window's modules when it opens.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

import ui.qt_imports  # noqa: F401  (first: PySide6 no longer keeps the source of what follows)

# isort: split
from fieldreg.services import startup
from ui import i18n, style
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    import argparse

    from PySide6.QtCore import QEvent

    from fieldreg.services.context import Context
    from fieldreg.services.settings import Settings
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def _activity_events() -> frozenset[QEvent.Type]:
    # Built when first unlocked: Qt's enums are made on first use, and cost at start-up.
    from PySide6.QtCore import QEvent

    return frozenset({
        QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
        QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    })


def warm_up(home: Path | None = None) -> None:
    """Open the log file, import the database layer and load regions while the person types
    (a worker thread, after the first window is on screen)."""
    if home is not None:
        from fieldreg.logs import setup_logging

        setup_logging(home)
    from fieldreg.domain.occupations import get_occupations
    from fieldreg.domain.regions import get_regions
    from fieldreg.services import accounts, registrations  # noqa: F401

    get_regions().warm()
    get_occupations()


_frozen = False


def _freeze_long_lived() -> None:
    """Once, at the first unlock: what exists now (the modules, the regions, the main window)
    lives as long as the app, and the collector's full passes no longer go over it (one pass
    over it took 35 ms, in the middle of opening Participants on 100,000 records)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


class AppController(QObject):
    """Which window is showing, who is unlocked, idle locking, language switches."""

    window_changed = Signal(QWidget)
    locked = Signal(str)  # reason: "idle" | "user" | "switch"

    def __init__(self, home: Path, settings: Settings | None = None, *,
                 log_to_file: bool = False) -> None:
        super().__init__()
        self.home = home
        self._settings = settings  # loaded on first use (not needed by the unlock window)
        self._log_to_file = log_to_file
        self._activity: frozenset[QEvent.Type] = frozenset()
        self.runner = TaskRunner(self)
        self.ctx: Context | None = None
        self.window: QWidget | None = None
        self.main: MainWindow | None = None
        self.clock: Callable[[], float] = time.monotonic
        self._last_activity = self.clock()
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(5_000)
        self._idle_timer.timeout.connect(self.check_idle)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from fieldreg.services import settings as settings_service

            self._settings = settings_service.load(self.home)
        return self._settings

    @settings.setter
    def settings(self, s: Settings) -> None:
        self._settings = s

    # -- start ----------------------------------------------------------------------------
    def start(self) -> None:
        if startup.is_initialised(self.home):
            self.show_unlock()
        else:
            self.show_first_run()
        # After the window is on screen: the imports would compete for the GIL with it.
        home = self.home if self._log_to_file else None
        QTimer.singleShot(300, lambda: self.runner.run(lambda: warm_up(home), label="warm-up"))

    def _replace_window(self, window: QWidget) -> None:
        old = self.window
        self.window = window
        window.show()
        if old is not None and old is not window:
            old.close()
            old.deleteLater()
        self.window_changed.emit(window)

    def show_first_run(self) -> None:
        from ui.first_run import FirstRunWindow

        w = FirstRunWindow(self.home, self.runner)
        w.finished.connect(self._on_first_run_done)
        w.language_chosen.connect(self._first_run_language)
        self._replace_window(w)

    def _first_run_language(self, lang: str) -> None:
        self.set_language(lang, persist=True)
        self.show_first_run()

    def _on_first_run_done(self, ctx: Context) -> None:
        self.open_main(ctx)

    def show_unlock(self, *, volunteer_id: str = "", reason: str = "") -> None:
        from ui.unlock import UnlockWindow

        w = UnlockWindow(self.home, self.runner, volunteer_id=volunteer_id, reason=reason)
        w.unlocked.connect(self.open_main)
        w.language_chosen.connect(self._unlock_language)
        self._replace_window(w)

    def _unlock_language(self, lang: str) -> None:
        current = self.window
        vid = getattr(current, "selected_volunteer_id", lambda: "")()
        self.set_language(lang, persist=True)
        self.show_unlock(volunteer_id=vid)

    # -- unlocked -------------------------------------------------------------------------
    def open_main(self, ctx: Context, *, page: str = "", form_state: dict[str, Any] | None = None
                  ) -> None:
        from fieldreg.services import settings as settings_service
        from ui.main_window import MainWindow

        self.ctx = ctx
        self.settings = settings_service.load(self.home)
        main = MainWindow(ctx, self, page=page, form_state=form_state)
        self.main = main
        self._replace_window(main)
        _freeze_long_lived()
        self.note_activity()
        self._idle_timer.start()
        app = QApplication.instance()
        if app is not None:  # only while unlocked: it sees every event of the app
            app.installEventFilter(self)
        QTimer.singleShot(3_000, lambda: self.daily_backup(ctx))

    def daily_backup(self, ctx: Context) -> None:
        """The day's first unlock makes the daily backup, off the GUI thread; what happened is
        said in the status bar (an unplugged USB stick is a note, not an alarm)."""
        if self.ctx is not ctx or self.main is None:
            return
        from fieldreg.services import backups

        main = self.main

        def done(res: backups.DailyResult) -> None:
            if self.main is not main:
                return
            if res.folder_missing and res.made:
                main.status.show_note(self.tr(
                    "Today's backup is made. The backup folder {0} is not there (USB stick "
                    "not plugged in?).").format(res.folder_missing), 20_000,
                    colour=style.WARNING)
            elif res.folder_failed:
                main.status.show_note(self.tr(
                    "Today's backup is made, but it could not be copied to {0}.").format(
                        res.folder_failed), 20_000, colour=style.WARNING)
            elif res.made:
                main.status.show_note(self.tr("Today's backup is made."), 10_000)

        def failed(exc: BaseException) -> None:
            from ui.problems import error_text

            log.warning("daily backup failed: %s", getattr(exc, "code", type(exc).__name__))
            if self.main is main:
                main.status.show_note(error_text(exc), 30_000, colour=style.ERROR)

        self.runner.run(lambda: backups.backup_if_due(ctx), on_done=done, on_error=failed,
                        owner=main, label="daily backup")

    # -- restoring a backup while unlocked ------------------------------------------------
    def close_for_restore(self) -> bool:
        """Close the open database (a restore is about to replace it); the main window stays
        on screen, blocked by the restore dialog, until ``open_restored`` or
        ``restore_failed``. False (nothing closed) while other work does not finish."""
        if self.ctx is None:
            return True
        self.runner.cancel_all()  # the pages' own jobs; the restore job starts after this
        if not self.runner.wait(10_000):
            return False
        ctx = self.ctx
        if self.main is not None:
            self.main.prepare_to_close()
        self._stop_watching_activity()
        self.ctx = None
        ctx.close()
        log.info("database closed for a restore")
        return True

    def open_restored(self, ctx: Context) -> None:
        if self.main is not None:
            self.main.allow_close()
        self.main = None
        self.open_main(ctx)

    def restore_failed(self, words: str) -> None:
        if self.main is not None:
            self.main.allow_close()
        self.main = None
        self.show_unlock(reason=words)

    def _stop_watching_activity(self) -> None:
        """Unregister the app-wide event filter. A controller left registered after it is gone
        is freed by the garbage collector in the middle of Qt calling it: a crash."""
        self._idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def note_activity(self) -> None:
        self._last_activity = self.clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._activity:
            self._activity = _activity_events()
        if event.type() in self._activity:
            self._last_activity = self.clock()
        return False

    def check_idle(self) -> bool:
        """Lock when nothing was touched for the configured minutes. True when it locked."""
        if self.ctx is None or self.main is None:
            return False
        idle = self.clock() - self._last_activity
        if idle >= self.settings.idle_lock_minutes * 60:
            self.lock("idle")
            return True
        return False

    def lock(self, reason: str = "user") -> None:
        """Keep the form being typed (encrypted), close the database, show the unlock window.

        Locking by hand or switching volunteer asks first about unsaved changes in the form
        (and locks after the choice); an idle lock does not: nobody is there to answer, and
        the form is kept encrypted and comes back at unlock."""
        if self.ctx is None:
            return
        if reason != "idle" and self.main is not None and not self.main.can_lock(
                reason, lambda: self.lock(reason)):
            return
        ctx = self.ctx
        if self.main is not None:
            self.main.prepare_to_close()
        self._stop_watching_activity()
        self.runner.cancel_all()
        self.runner.wait(5_000)
        QApplication.processEvents()  # deliver finished jobs before their context goes
        self.main = None
        self.ctx = None
        ctx.close()
        log.info("locked (%s)", reason)
        self.show_unlock(volunteer_id="" if reason == "switch" else ctx.volunteer_id,
                         reason=reason)
        self.locked.emit(reason)

    # -- language -------------------------------------------------------------------------
    def set_language(self, lang: str, *, persist: bool) -> None:
        i18n.install(lang)
        if self._settings is not None:
            self._settings.language = lang
        if persist:
            from fieldreg.services import settings as settings_service

            s = settings_service.load(self.home)
            s.language = lang
            try:
                settings_service.save(self.home, s)
            except OSError:
                log.warning("could not save the language setting")

    def switch_language_live(self, lang: str) -> None:
        """Rebuild the main window in the new language, keeping the page and the form."""
        if self.main is None or self.ctx is None:
            self.set_language(lang, persist=True)
            return
        page = self.main.current_page_key()
        state = self.main.form_state()
        self.main.allow_close()
        self.set_language(lang, persist=False)
        self.open_main(self.ctx, page=page, form_state=state)

    def bring_forward(self) -> None:
        """Another launch on this data folder: show the window there is, in front."""
        w = self.window
        if w is None:
            return
        if w.isMinimized():
            w.showNormal()
        w.show()
        w.raise_()
        w.activateWindow()

    def settings_changed(self, s: Settings) -> None:
        old_lang = self.settings.language
        self.settings = s
        if s.language != old_lang:
            self.switch_language_live(s.language)

    def shutdown(self) -> None:
        self._stop_watching_activity()
        self.runner.cancel_all()
        self.runner.wait(10_000)
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    import argparse

    p = argparse.ArgumentParser(prog="fieldreg-app", description="fieldreg desktop app")
    p.add_argument("--home", help="data folder (default: FIELDREG_HOME or the user's folder)")
    p.add_argument("--lang", choices=i18n.LANGUAGES, help="language for this run")
    return p.parse_known_args(argv)[0]


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        args = list(argv) if argv is not None else sys.argv[:1]
        # The house style by name: QApplication.setStyle() would build Python wrappers for
        # QStyle and its enums (~6 ms) before the first window.
        app = QApplication([*args[:1], "-style", style.QT_STYLE, *args[1:]])
        style.apply(app, set_style=False)
    else:
        style.apply(app)
    app.setApplicationName("fieldreg")
    app.setOrganizationName("Gerakan Desa Peduli Jaminan Sosial")
    return app


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(argv if argv is not None else sys.argv[1:])
    # Started from its icon there is nothing to parse: a parser and gettext cost ~4 ms.
    home_arg, lang_arg = None, None
    if argv:
        args = parse_args(argv)
        home_arg, lang_arg = args.home, args.lang
    if home_arg:
        os.environ["FIELDREG_HOME"] = str(Path(home_arg).expanduser())
    from fieldreg.paths import data_dir

    home = data_dir()
    home.mkdir(parents=True, exist_ok=True)
    app = create_app(sys.argv[:1])
    i18n.install(lang_arg or startup.language(home))
    from ui.single_instance import SingleInstance, ask_running_app

    instance = SingleInstance(home)
    if not instance.claim():  # the app is already open on this data folder
        if not ask_running_app(home):
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(None, "fieldreg", QCoreApplication.translate(
                "App", "fieldreg is already open on this laptop (perhaps still starting, or "
                "behind another window). Use the window that is open; to start it again, "
                "close it first."))
        return 0
    # The log file opens in the warm-up, once the first window is on screen.
    controller = AppController(home, log_to_file=True)
    instance.activated.connect(controller.bring_forward)
    app.aboutToQuit.connect(controller.shutdown)
    app.aboutToQuit.connect(instance.release)
    controller.start()
    # A second later: QtNetwork loads and the socket opens after the first window is drawn
    # (a launch meanwhile waits for the answer).
    QTimer.singleShot(1_000, instance.listen)
    # main.py and the bundle's entry turned the cyclic garbage collector off for the start-up
    QTimer.singleShot(1_000, gc.enable)
    if os.environ.get("FIELDREG_EXIT_WHEN_READY"):  # bench/bench_ui.py: start-up time
        _exit_when_painted(app, controller.window)
    return int(app.exec())


def _exit_when_painted(app: QApplication, window: QWidget | None) -> None:
    """Say "ready" and quit once the first window has been painted (on a real screen: drawn,
    after the window manager mapped it), as a person sees it. bench/bench_ui.py."""
    from PySide6.QtCore import QEvent

    def ready() -> None:
        if sys.stdout:  # a windowed executable (the Windows bundle) has no stdout
            print("ready", flush=True)
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                window.removeEventFilter(self)
                QTimer.singleShot(0, ready)
            return False

    if window is None:
        QTimer.singleShot(0, ready)
        return
    watcher = FirstPaint(app)
    window.installEventFilter(watcher)
