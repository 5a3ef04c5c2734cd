"""Sync: send the records waiting on this laptop to the district server and bring back their
numbers and statuses.

Not enrolled yet: the one-time registration (server address and the district officer's code).
Enrolled: the district and the server, what is waiting, one big button, progress with Cancel,
the result of the last run in plain words (with the way to the records that need fixing, or
what to do when sending is paused), and the history of runs. Everything goes through the sync
controller, which runs it on the task runner: the window never freezes.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldreg.services.sync import Progress, Result, SyncReport, SyncStatus
from ui import style
from ui.labels import number
from ui.problems import error_text
from ui.sync.enrol import EnrolPanel
from ui.sync.history import HistoryTable
from ui.sync.words import paused_text, report_text, size_text, when_text
from ui.widgets import Banner, PageHeader, box_layout, button, card, label, selectable

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.main_window import MainWindow
    from ui.sync.controller import SyncController

_PAUSING = (Result.REVOKED, Result.UNAUTHORIZED)


class ResultBox(QFrame):
    """The last run's result in words, coloured like a banner, with an optional action."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("ResultBox")
        self.kind = ""
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 10, 10, 10)
        col = QVBoxLayout()
        col.setSpacing(2)
        self.heading = label("", "fieldlabel")
        self.text = label("", wrap=True)
        selectable(self.text)
        col.addWidget(self.heading)
        col.addWidget(self.text)
        lay.addLayout(col, 1)
        self.action = button("")
        self.action.hide()
        lay.addWidget(self.action)
        self._on_action: Callable[[], None] | None = None
        self.action.clicked.connect(self._run_action)
        self.hide()

    def _run_action(self) -> None:
        if self._on_action is not None:
            self._on_action()

    def show_result(self, kind: str, heading: str, text: str, action: str = "",
                    on_action: Callable[[], None] | None = None) -> None:
        fg, bg = {
            "success": (style.PRIMARY, style.SUCCESS_BG),
            "warning": (style.WARNING, style.WARNING_BG),
            "error": (style.ERROR, style.ERROR_BG),
        }.get(kind, (style.INFO, style.INFO_BG))
        self.kind = kind
        self.setStyleSheet(f"#ResultBox {{ background: {bg}; border: 1px solid {fg}; "
                           f"border-radius: 8px; }}")
        self.heading.setStyleSheet(f"color: {fg};")
        self.heading.setText(heading)
        self.text.setText(text)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self._on_action = on_action
        self.show()


class SyncPage(QWidget):
    def __init__(self, main: MainWindow) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.main = main
        self.sync: SyncController = main.sync
        self._wait_left = 0
        self._wait_sizes = ""
        self._again = False  # registering again after a refusal

        v = QVBoxLayout(self)
        v.setContentsMargins(20, 14, 20, 10)
        v.addWidget(PageHeader(self.tr("Sync"), self.tr(
            "Send the records waiting on this laptop to the district server and bring back "
            "their participant numbers and statuses.")))
        self.banner = Banner()
        v.addWidget(self.banner)
        self.stack = QStackedWidget()
        v.addWidget(self.stack, 1)
        self.stack.addWidget(self._enrol_view())
        self.stack.addWidget(self._enrolled_view())

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick_wait)
        s = self.sync
        s.status_changed.connect(self._status_changed)
        s.history_changed.connect(self.history.set_runs)
        s.reachability_changed.connect(lambda _ok: self._show_server())
        s.started.connect(self._started)
        s.progressed.connect(self._progressed)
        s.finished.connect(self._finished)
        s.failed.connect(self._broke)
        self._status_changed(s.status)
        self.history.set_runs(s.history)
        if s.report is not None:
            self._show_report(s.report)
        if s.running:
            self._started(s.trigger)

    # -- building -------------------------------------------------------------------------
    def _enrol_view(self) -> QWidget:
        w = QWidget()
        h = QHBoxLayout(w)
        h.setContentsMargins(0, 6, 0, 0)
        h.setSpacing(16)
        self.enrol_panel = EnrolPanel(self.sync, self.main.controller.settings.server_url)
        self.enrol_panel.enrolled.connect(self._enrolled)
        self.enrol_panel.cancelled.connect(lambda: self._show_enrol(False))
        enrol_card = card(self.enrol_panel, margins=20)
        enrol_card.setMaximumWidth(720)
        h.addWidget(enrol_card, 5)
        self.enrol_waiting = label("", "big")
        self.enrol_waiting_note = label(self.tr(
            "They are kept safely on this laptop until it is registered and can reach the "
            "district server."), "hint", wrap=True)
        side = card(label(self.tr("Waiting to be sent"), "fieldlabel"), self.enrol_waiting,
                    self.enrol_waiting_note, margins=20)
        side.setMaximumWidth(360)
        col = QVBoxLayout()  # the note as tall as its words, not as the form beside it
        col.addWidget(side)
        col.addStretch(1)
        h.addLayout(col, 3)
        h.addStretch(1)
        outer = QWidget()
        ov = QVBoxLayout(outer)
        ov.setContentsMargins(0, 0, 0, 0)
        ov.addWidget(w)
        ov.addStretch(1)
        return outer

    def _enrolled_view(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(0, 4, 0, 0)
        v.setSpacing(10)

        top = QHBoxLayout()
        top.setSpacing(14)
        # what is waiting, the button, the progress
        self.waiting = label("", "big")
        self.fixing = label("", "warning", wrap=True)
        self.sync_button = button(self.tr("Sync now"), primary=True, on_click=self.sync_now)
        self.sync_button.setMinimumHeight(46)
        self.sync_button.setMinimumWidth(220)
        self.sync_button.setStyleSheet("font-size: 13pt;")
        self.fix_button = button(self.tr("Show the records that need fixing"),
                                 on_click=self.show_needs_fixing)
        brow = QHBoxLayout()
        brow.addWidget(self.sync_button)
        brow.addWidget(self.fix_button)
        brow.addStretch(1)
        self.progress_text = label("", "info", wrap=True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.cancel_button = button(self.tr("Cancel"), on_click=self.cancel)
        prow = QHBoxLayout()
        prow.addWidget(self.progress_bar, 1)
        prow.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        pv = QVBoxLayout(self.progress_box)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.setSpacing(4)
        pv.addWidget(self.progress_text)
        pv.addLayout(prow)
        self.progress_box.hide()
        send = card(label(self.tr("Waiting to be sent"), "fieldlabel"), self.waiting,
                    self.fixing, margins=16)
        sl = send.layout()
        assert isinstance(sl, QVBoxLayout)
        sl.addLayout(brow)
        sl.addWidget(self.progress_box)
        sl.addStretch(1)
        top.addWidget(send, 3)

        # where it goes
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        self.district = label("", wrap=True)
        self.server_url = label("", wrap=True)
        selectable(self.server_url)
        self.connection = label("")
        self.last_sync = label("")
        self.auto_text = label("", "hint", wrap=True)
        for r, (title, value) in enumerate((
                (self.tr("District"), self.district), (self.tr("Server"), self.server_url),
                (self.tr("Connection"), self.connection),
                (self.tr("Last sync"), self.last_sync))):
            grid.addWidget(label(title, "fieldlabel"), r, 0)
            grid.addWidget(value, r, 1)
        grid.setColumnStretch(1, 1)
        info = QWidget()
        info.setLayout(grid)
        where = card(label(self.tr("District server"), "fieldlabel"), info, self.auto_text,
                     margins=16)
        box_layout(where).addStretch(1)
        top.addWidget(where, 2)
        v.addLayout(top)

        self.result = ResultBox()
        v.addWidget(self.result)
        self.paused_box = ResultBox()
        v.addWidget(self.paused_box)

        v.addWidget(label(self.tr("Sync history"), "section"))
        self.history = HistoryTable()
        self.history.setMinimumHeight(120)
        v.addWidget(self.history, 1)
        return w

    # -- the page protocol ----------------------------------------------------------------
    def activate(self) -> None:
        self.sync.refresh()
        self._show_auto()

    def can_leave(self, then: Callable[[], None]) -> bool:
        return True  # a sync goes on in the background; its result waits here

    # -- status ---------------------------------------------------------------------------
    def _status_changed(self, status: SyncStatus | None) -> None:
        if status is None:
            err = self.sync.error
            if err is not None and not isinstance(err, NotImplementedError):
                self.banner.show_message("error", error_text(err))
            self._show_enrol_view()
            self.enrol_waiting.setText("…")
            return
        if not status.enrolled:
            self._show_enrol_view()
        elif not self._again:
            self.stack.setCurrentIndex(1)
        people, n = status.pending_people, status.pending
        words = self.tr("{0} people").format(number(people))
        if n != people:  # records edited before a sync: one person, several changes
            words = self.tr("{0} people ({1} changes)").format(number(people), number(n))
        self.enrol_waiting.setText(words)
        self.waiting.setText(words if n else self.tr("Nothing"))
        fix = status.needs_fixing
        self.fixing.setText(self.tr(
            "{0} records came back from the district server and need fixing.").format(
                number(fix)) if fix else "")
        self.fixing.setVisible(bool(fix))
        self.fix_button.setText(self.tr("Show the records that need fixing ({0})").format(
            number(fix)))
        self.district.setText(f"{status.district_name} ({status.district_code})"
                              if status.district_code else status.district_name or "—")
        self.server_url.setText(status.server_url or "—")
        self.last_sync.setText(when_text(status.last_success_at))
        self._show_server()
        self._show_auto()
        if status.paused == "revoked":  # the server never takes this laptop back
            self.paused_box.show_result("error", self.tr("Sending is paused"),
                                        paused_text(status.paused))
        elif status.paused:  # a refused token: a new code from the officer lifts it
            self.paused_box.show_result(
                "error", self.tr("Sending is paused"), paused_text(status.paused),
                self.tr("Register again with a new code…"), lambda: self._show_enrol(True))
        else:
            self.paused_box.hide()
            if self._again and status.enrolled:
                self._show_enrol(False)
        if status.paused and self.result.kind == "error" and self.sync.report is not None \
                and self.sync.report.result in _PAUSING:
            self.result.hide()  # the paused box says it, and what to do
        self._update_buttons()

    def _show_enrol_view(self) -> None:
        self.enrol_panel.set_again(False)
        self._again = False
        self.stack.setCurrentIndex(0)

    def _show_enrol(self, again: bool) -> None:
        """Register again after a refusal (``again``), or back to the enrolled view."""
        self._again = again
        self.enrol_panel.set_again(again)
        self.enrol_panel.clear()
        self.stack.setCurrentIndex(0 if again else 1)
        if again:
            self.enrol_panel.code.setFocus()

    def _show_server(self) -> None:
        s, ok = self.sync.status, self.sync.reachable
        if s is not None and s.paused == "revoked":
            text, colour = self.tr("Paused: access withdrawn"), style.ERROR
        elif s is not None and s.paused:
            text, colour = self.tr("Paused: refused by the server"), style.ERROR
        elif self.sync.running:
            text, colour = self.tr("Sending…"), style.INFO
        elif ok is None:
            text, colour = self.tr("Not checked yet"), style.MUTED
        elif ok:
            text, colour = self.tr("The server can be reached"), style.PRIMARY
        else:
            text, colour = self.tr("The server cannot be reached now"), style.WARNING
        self.connection.setText(text)
        self.connection.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def _show_auto(self) -> None:
        on = bool(getattr(self.main.controller.settings, "auto_sync", True))
        self.auto_text.setText(self.tr(
            "Automatic sending is on: when the server can be reached, waiting records go by "
            "themselves (checked every minute).") if on else self.tr(
            "Automatic sending is off (Settings): records go only when you press Sync now."))

    def _update_buttons(self) -> None:
        running, paused = self.sync.running, self.sync.paused
        self.sync_button.setEnabled(not running and self.sync.enrolled and not paused)
        self.sync_button.setText(self.tr("Sending…") if running else self.tr("Sync now"))
        self.sync_button.setToolTip(self.tr(
            "Sending is paused: see the message below.") if paused else self.tr(
            "Send the waiting records and bring back the answers of the district server."))
        # one way to the records that need fixing: the result's own button when it has one
        fix = self.sync.status.needs_fixing if self.sync.status is not None else 0
        self.fix_button.setVisible(bool(fix) and not (self.result.isVisibleTo(self)
                                                      and self.result.action.isVisibleTo(self)))

    # -- enrolment ------------------------------------------------------------------------
    def _enrolled(self, status: SyncStatus) -> None:
        self._again = False
        self.stack.setCurrentIndex(1)
        self.banner.show_message("success", self.tr(
            "This laptop is registered with the district server of {0}. Press Sync now to "
            "send the waiting records.").format(status.district_name or status.district_code))
        self._remember_server(status.server_url)

    def _remember_server(self, url: str) -> None:
        """The address that worked is the one the settings show (the service wrote it)."""
        c = self.main.controller
        if url and c.settings.server_url != url:
            from dataclasses import replace

            c.settings = replace(c.settings, server_url=url)

    # -- running --------------------------------------------------------------------------
    def sync_now(self) -> None:
        self.banner.hide()
        if not self.sync.start("manual"):
            return

    def cancel(self) -> None:
        self.sync.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_text.setText(self.tr("Stopping after the current step…"))

    def _started(self, trigger: str) -> None:
        self._countdown.stop()
        self.progress_box.show()
        self.cancel_button.setEnabled(True)
        self.progress_bar.setRange(0, 0)
        self.progress_text.setText(
            self.tr("Sending by itself: the server can be reached.") if trigger == "auto"
            else self.tr("Connecting to the district server…"))
        self._show_server()
        self._update_buttons()

    def _progressed(self, p: Progress) -> None:
        if not self.cancel_button.isEnabled():
            return  # stopping: keep saying so
        sizes = self.tr("{0} sent, {1} received").format(size_text(p.bytes_up),
                                                        size_text(p.bytes_down))
        if p.total > 0:
            self.progress_bar.setRange(0, p.total)
            self.progress_bar.setValue(min(p.sent, p.total))
        if p.phase == "wait":
            self._wait_left = max(1, math.ceil(p.wait_seconds))
            self._wait_sizes = sizes
            self._show_wait()
            self._countdown.start()
            return
        self._countdown.stop()
        if p.phase == "pull":
            self.progress_text.setText(self.tr(
                "Bringing back numbers and statuses from the district server… ({0})").format(
                    sizes))
            if p.total <= 0:
                self.progress_bar.setRange(0, 0)
            return
        self.progress_text.setText(self.tr("Sending: {0} of {1} records ({2})").format(
            number(p.sent), number(p.total), sizes))

    def _show_wait(self) -> None:
        self.progress_text.setText(self.tr(
            "The server did not answer in time. Trying again in {0} seconds… ({1})").format(
                self._wait_left, self._wait_sizes))

    def _tick_wait(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0 or not self.sync.running:
            self._countdown.stop()
            if self.sync.running and self.cancel_button.isEnabled():
                self.progress_text.setText(self.tr("Trying again…"))
            return
        if self.cancel_button.isEnabled():
            self._show_wait()

    def _finished(self, report: SyncReport) -> None:
        self._countdown.stop()
        self.progress_box.hide()
        self._show_report(report)
        self._show_server()
        self._update_buttons()

    def _show_report(self, report: SyncReport) -> None:
        kind, words = report_text(report)
        fix = report.duplicate + report.rejected + report.conflict
        heading = self.tr("Result of the last sync ({0})").format(
            when_text(report.finished_at or report.started_at) if (
                report.finished_at or report.started_at) else self.tr("just now"))
        if fix:
            self.result.show_result(kind, heading, words, self.tr(
                "Show the records that need fixing"), self.show_needs_fixing)
        else:
            self.result.show_result(kind, heading, words)
        self._update_buttons()

    def _broke(self, exc: BaseException) -> None:
        self._countdown.stop()
        self.progress_box.hide()
        self._update_buttons()
        self.result.show_result("error", self.tr("The sync stopped with an error"),
                                error_text(exc))

    def show_needs_fixing(self) -> None:
        self.main.show_needs_fixing()


__all__ = ["SyncPage"]
