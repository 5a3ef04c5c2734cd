"""New registration / edit: the form, live checks, the contribution, Save and Save as draft.

Checks run as you type (pure domain code, no database); saving runs off the GUI thread. After a
save the form is ready for the next worker with the village and funding kept. The form being
typed is autosaved encrypted and comes back after a crash, a lock or a language switch.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldreg.domain.codes import Status
from fieldreg.domain.problems import Problem
from ui import i18n
from ui.labels import funding_label, rupiah, status_label
from ui.participants.outcome import grouped
from ui.problems import error_text, text
from ui.registration import form_io
from ui.registration.form import FIELD_GROUP, RegistrationForm, collect
from ui.registration.side_panel import SidePanel
from ui.widgets import Banner, PageHeader, label

if TYPE_CHECKING:
    from fieldreg.domain.registration import Registration, RegistrationData
    from fieldreg.services.registrations import SaveResult
    from ui.main_window import MainWindow

AUTOSAVE_MS = 2500
CHECK_MS = 120


class RegistrationPage(QWidget):
    saved = Signal(object)  # the saved Registration
    ready_for_next = Signal()

    def __init__(self, main: MainWindow, *, restore: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.main = main
        self.ctx = main.ctx
        self.runner = main.runner
        self.record_id: str | None = None
        self.record_status: Status | None = None
        # the page the open record was opened from ("participants"): saving it, or "Stop
        # editing", goes back there (its search, filters and selection as they were)
        self.back_to = ""
        self.dirty = False
        self._saving = False
        self.problems: list[Problem] = []
        # (NIK text, the problem): the NIK is held by another record of this laptop, found
        # as soon as 16 digits were typed (or by a refused save); gone when the NIK changes
        self._duplicate: tuple[str, Problem] | None = None
        self._duplicate_words = ""  # the banner's words about it
        self._nik_key: object = None
        self._db_problems: list[Problem] = []
        self._db_key: object = None
        # The domain's checks of the data last collected (and the day and rules they ran
        # with): Save and a repaint reuse them, so a save runs the checks once, in the service.
        self._core_key: object = None
        self._core: list[Problem] = []
        self.prompt: QMessageBox | None = None
        self.discard_prompt: QMessageBox | None = None  # "discard the form that came back?"
        self.review: QDialog | None = None  # the read-back before a record leaves draft

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(20, 14, 8, 8)
        head = QHBoxLayout()
        self.header = PageHeader(self.tr("New registration"))
        head.addWidget(self.header, 1)
        self.unsaved = label(self.tr("Not saved yet"), "warning")
        self.unsaved.hide()
        head.addWidget(self.unsaved)
        lv.addLayout(head)
        self.banner = Banner()
        lv.addWidget(self.banner)
        self.form = RegistrationForm(self.ctx, i18n.lang())
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.form)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lv.addWidget(self.scroll_area, 1)
        outer.addWidget(left, 1)
        self.side = SidePanel(self.form.group_titles)
        outer.addWidget(self.side)

        self.side.save_button.clicked.connect(lambda: self.save(ready=True))
        self.side.draft_button.clicked.connect(lambda: self.save(ready=False))
        self.side.clear_button.clicked.connect(self.new_form)
        self.side.go_to_group.connect(self.go_to_group)
        self.form.changed.connect(self._changed)
        self.form.override_requested.connect(self._override)
        for seq, fn in (("Ctrl+S", lambda: self.save(ready=True)),
                        ("Ctrl+D", lambda: self.save(ready=False))):
            sc = QShortcut(QKeySequence(seq), self)
            sc.activated.connect(fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_MS)
        self._check_timer.timeout.connect(self.validate)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self._autosave_in_background)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

        form_io.clear(self.form, keep_for_next=False)
        if restore:
            self._restore(restore)
        else:
            self._load_autosave()
        self.validate()

    # -- page protocol --------------------------------------------------------------------
    def activate(self) -> None:
        if not self.form.nik.text():
            self.form.nik.setFocus()

    def can_leave(self, then: Callable[[], None]) -> bool:
        """Going to another page with unsaved changes asks first; ``then`` follows a choice
        that saved or discarded them (never after "Go back to the form")."""
        if not self.dirty:
            return True
        self._confirm_discard(then, reason="page")
        return False

    def can_lock(self, reason: str, then: Callable[[], None]) -> bool:
        if not self.dirty:
            return True
        self._confirm_discard(then, reason="switch" if reason == "switch" else "lock")
        return False

    def can_close(self) -> bool:
        if not self.dirty:
            return True
        self._confirm_discard(self._close_main, reason="close")
        return False

    def _close_main(self) -> None:
        self.dirty = False
        self.main.close()

    # -- typing ---------------------------------------------------------------------------
    def _changed(self) -> None:
        self.dirty = True
        self.unsaved.show()
        self._check_timer.start()
        self._autosave_timer.start()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.form.isAncestorOf(new):
            self.scroll_area.ensureWidgetVisible(new, 40, 90)

    def validate(self) -> list[Problem]:
        """Pure checks at once (no database); what needs the database (a phone shared with
        other records) comes from a background check and is merged in when it arrives."""
        from fieldreg.domain.validation import normalize, validate
        from fieldreg.services import registrations

        data, local = collect(self.form)
        local_fields = {p.field for p in local}
        vctx = self.ctx.validation()
        key = (data, vctx.today, vctx.rules)
        if key != self._core_key:
            self._core = validate(normalize(data), vctx, complete=True)
            self._core_key = key
        core = [p for p in self._core if p.field not in local_fields]
        self.problems = local + core + [p for p in self._db_problems
                                        if p.field not in local_fields]
        self._schedule_db_check(data)
        self._schedule_nik_check()
        if self._duplicate is not None:
            if self._duplicate[0] == self.form.nik.text():
                self.problems.append(self._duplicate[1])
            else:
                self._forget_duplicate()
        per_group = form_io.show_problems(self.form, self.problems)
        self.side.show_checklist(per_group)
        q = registrations.quote(self.ctx, data)
        self.side.show_quote(q)
        self.form.quote_label.setText(
            self.tr("{0} per month, paid by: {1}").format(rupiah(q.total), funding_label(q.payer))
            if q else "")
        return self.problems

    def _schedule_db_check(self, data: Any) -> None:
        key = (data.phone, self.record_id)
        if key == self._db_key:
            return
        self._db_key = key
        if not data.phone.strip():
            self._db_problems = []
            return
        ctx, rid = self.ctx, self.record_id

        def job() -> list[Problem]:
            from fieldreg.services import registrations

            return [p for p in registrations.phone_check(ctx, data, record_id=rid)
                    if p.code == "phone_repeated"]

        def done(found: list[Problem]) -> None:
            if self._db_key == key and found != self._db_problems:
                self._db_problems = found
                self.validate()

        self.runner.run(job, on_done=done, on_error=lambda e: None, owner=self,
                        label="phone check")

    def _schedule_nik_check(self) -> None:
        """As soon as the NIK has 16 digits: is it held by another record of this laptop?
        (In the background; the answer counts only while the NIK is still the same.)"""
        from fieldreg.domain.nik import normalize_digits

        digits = normalize_digits(self.form.nik.text())
        key = (digits, self.record_id)
        if key == self._nik_key:
            return
        self._nik_key = key
        self._forget_duplicate()
        if len(digits) != 16 or not digits.isdigit():
            return
        ctx, rid = self.ctx, self.record_id

        def job() -> Registration | None:
            from fieldreg.services import registrations

            return registrations.nik_holder(ctx, digits, rid)

        def done(other: Registration | None) -> None:
            if other is not None and self._nik_key == key:
                self._show_duplicate(other.id, other.full_name, other.village_name,
                                     other.status)

        self.runner.run(job, on_done=done, on_error=lambda e: None, owner=self,
                        label="NIK check")

    def _show_duplicate(self, record_id: str, name: str, village: str,
                        status: Status | str) -> None:
        """The NIK is another record's: words under the NIK (name, village, status in this
        language) and a banner that opens that record."""
        try:
            status_words = status_label(status)
        except ValueError:
            status_words = str(status)
        params = {"field": "nik", "record_id": record_id, "name": name or "?",
                  "village": village or "?", "status": status_words or "?"}
        problem = Problem("nik", "nik_already_registered" if record_id  # else: the save's race
                          else "nik_already_on_device", params)
        self._duplicate = (self.form.nik.text(), problem)
        self.form.touched.add("nik")
        self.validate()
        # the banner says whose it is and opens it; the whole advice is under the NIK
        self._duplicate_words = self.tr("{0} ({1}, {2}) is already registered with this NIK.")\
            .format(params["name"], params["village"], params["status"]) if record_id \
            else text(problem.code, params)
        self.banner.show_message(
            "error", self._duplicate_words, self.tr("Open that record") if record_id else "",
            (lambda: self.load_record(record_id)) if record_id else None)

    def _forget_duplicate(self) -> None:
        self._duplicate = None
        if self._duplicate_words and self.banner.isVisible() and \
                self.banner.text.text() == self._duplicate_words:
            self.banner.hide()
        self._duplicate_words = ""

    def go_to_group(self, group: str) -> None:
        box = self.form.groups[group]
        self.scroll_area.ensureWidgetVisible(box, 0, 0)
        for p in self.problems:
            name = p.field.split(".")[0]
            if FIELD_GROUP.get(name) == group and name in self.form.boxes:
                self.form.boxes[name].editor.setFocus()
                return
        box.setFocus()

    # -- saving ---------------------------------------------------------------------------
    def save(self, *, ready: bool, then: Callable[[], None] | None = None) -> None:
        if self._saving or self.record_status is Status.VOIDED:
            return
        if not ready and self.record_status is not None and self.record_status.left_draft:
            self.banner.show_message("warning", text("cannot_return_to_draft"))
            return
        data, local = collect(self.form)
        problems = self.validate()
        blocking = [p for p in (problems if ready else local) if p.is_error]
        if blocking:
            self.form.show_all = True
            self.validate()
            n = len({p.field for p in blocking})
            self.banner.show_message("error", self.tr(
                "Not saved yet: {0} field(s) to correct, shown in red. You can also save it as "
                "a draft and finish later.").format(n) if ready else self.tr(
                "Not saved: correct the fields shown in red first."))
            self._focus_first(blocking)
            return
        leaves_draft = ready and (self.record_status is None
                                  or self.record_status is Status.DRAFT)
        if leaves_draft and then is None and self._review_wanted():
            self._review(data)
            return
        self._start_save(data, ready=ready, then=then)

    def _review_wanted(self) -> bool:
        settings = getattr(self.main.controller, "settings", None)
        return bool(getattr(settings, "review_before_save", True))

    def _review(self, data: RegistrationData) -> None:
        """The record read back in plain words before it leaves draft: Enter saves it as it
        was when the review opened, Esc goes back to the form with nothing lost."""
        from fieldreg.domain.regions import get_regions
        from fieldreg.services import registrations
        from ui.registration import review_dialog

        if self.review is not None:
            self.review.raise_()
            return
        village = self.form.village.label_for(data.village_code) \
            if data.village_code and get_regions().village(data.village_code) else ""
        words = self.form.occupation.label_for(data.occupation_code) \
            if data.occupation_code else ""

        def closed() -> None:
            self.review = None

        self.review = review_dialog.ask(
            self, data, registrations.quote(self.ctx, data),
            village, words,
            lambda: self._start_save(data, ready=True, then=None), closed)

    def _start_save(self, data: RegistrationData, *, ready: bool,
                    then: Callable[[], None] | None) -> None:
        if self._saving:
            return
        ctx, record_id = self.ctx, self.record_id

        def job() -> SaveResult:
            from fieldreg.services import registrations

            return registrations.save(ctx, data, ready=ready, record_id=record_id)

        self._saving = True
        self.side.save_button.setEnabled(False)
        self.side.draft_button.setEnabled(False)
        self.runner.run(job, on_done=lambda r: self._saved(r, then),
                        on_error=self._save_failed, owner=self, label="save registration",
                        writes=True)

    def _saved(self, result: SaveResult, then: Callable[[], None] | None) -> None:
        self._saving = False
        reg = result.registration
        was_edit = self.record_id is not None
        was_draft = was_edit and self.record_status is Status.DRAFT
        back_to, self.back_to = self.back_to, ""
        self._clear_autosave()
        self._set_record(None, None)
        form_io.clear(self.form, keep_for_next=True)
        self.dirty = False
        self.unsaved.hide()
        self.validate()
        words = self.tr("Saved: {0} — {1}.").format(reg.full_name or "?",
                                                    status_label(reg.status))
        if reg.status is Status.DRAFT:
            words += " " + self.tr("It stays on this laptop until it is complete.")
        if not was_edit:
            words += " " + self.tr("Ready for the next worker (village and payer kept).")
        rid = reg.id
        banner = self.banner
        if back_to == "participants" and then is None:
            # back to the list it was opened from, as it was left
            self.main.show_page("participants")
            banner = self.main.page("participants").banner
            banner.show_message("success", words, self.tr("Open it again"),
                                lambda: self.main.open_record(rid, back_to=back_to))
        else:
            banner.show_message("success", words, self.tr("Open it again"),
                                lambda: self.load_record(rid))
            self.form.nik.setFocus()
        if was_draft and then is None:
            self._offer_next_draft(rid, words, banner, back_to)
        self.saved.emit(reg)
        self.ready_for_next.emit()
        if then is not None:
            then()

    def _offer_next_draft(self, record_id: str, words: str, banner: Banner,
                          back_to: str) -> None:
        """After a draft is saved (an imported one awaiting consent, say): the next draft of
        the village that awaits consent gets a button on the save's message, to walk through
        a village list's drafts one after the other."""
        ctx = self.ctx

        def job() -> Registration | None:
            from fieldreg.services import registrations

            return registrations.next_awaiting_consent(ctx, record_id)

        def done(nxt: Registration | None) -> None:
            if nxt is None or not banner.isVisible() or banner.text.text() != words:
                return  # none, or the message is gone
            nid = nxt.id
            banner.add_extra(self.tr("Next: {0}").format(nxt.full_name or "?"),
                             lambda: self.main.open_record(nid, back_to=back_to))

        self.runner.run(job, on_done=done, on_error=lambda e: None, owner=self,
                        label="next draft")

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._update_buttons()
        code = getattr(exc, "code", "")
        problems = list(getattr(exc, "problems", []) or [])
        if code == "invalid" and problems:
            self.form.show_all = True
            form_io.show_problems(self.form, problems)
            self.banner.show_message("error", error_text(exc))
            self._focus_first([p for p in problems if p.is_error])
        elif code == "nik_already_registered":
            params = dict(getattr(exc, "params", {}))
            self._show_duplicate(str(params.get("record_id", "")), str(params.get("name", "")),
                                 str(params.get("village", "")), str(params.get("status", "")))
            self.form.nik.setFocus()
        else:
            self.banner.show_message("error", error_text(exc))

    def _focus_first(self, problems: list[Problem]) -> None:
        order = list(self.form.boxes)
        names = sorted({p.field.split(".")[0] for p in problems},
                       key=lambda n: order.index(n) if n in order else 999)
        for n in names:
            if n in self.form.boxes and self.form.boxes[n].isVisible():
                self.form.boxes[n].editor.setFocus()
                self.scroll_area.ensureWidgetVisible(self.form.boxes[n], 40, 90)
                return
            if n == "heirs":
                self.form.heirs.table.setFocus()
                return
            if n == "consent":
                self.form.consent.setFocus()
                return

    # -- new / edit -----------------------------------------------------------------------
    def new_form(self) -> None:
        back_to = self.back_to if self.record_id is not None else ""

        def go() -> None:
            self._reset()
            if back_to:
                self.main.show_page(back_to)
            else:
                self.form.nik.setFocus()

        self._confirm_discard(go)

    def _reset(self) -> None:
        """An empty form for the next worker (village and payer kept); nothing unsaved."""
        self._set_record(None, None)
        self.back_to = ""
        form_io.clear(self.form, keep_for_next=True)
        self.dirty = False
        self.unsaved.hide()
        self._clear_autosave()
        self.banner.hide()
        self.validate()

    def load_record(self, record_id: str, *, back_to: str = "") -> None:
        """Open a record to edit (read-only when voided); ``back_to``: the page it was opened
        from, where saving it returns."""
        ctx = self.ctx

        def job() -> Registration:
            from fieldreg.services import registrations

            return registrations.get(ctx, record_id)

        def loaded(reg: Registration) -> None:
            self.back_to = back_to
            self._set_record(reg.id, reg.status, reg.full_name, reg.participant_number)
            form_io.set_data(self.form, reg.data)
            self.dirty = False
            self.unsaved.hide()
            self.validate()
            if reg.status is Status.VOIDED:
                self.banner.show_message("error", self.tr(
                    "This record was voided: it is shown read-only, cannot be changed and gets "
                    "no card. Reason: {0}").format(reg.void_reason or "?"))
            elif reg.status.left_draft:
                self.banner.show_message("info", self.tr(
                    "Saving changes makes a new version that is sent again at the next sync."))
            else:
                self.banner.hide()
            self.form.full_name.setFocus()

        def open_it() -> None:
            self.runner.run(job, on_done=loaded, on_error=lambda e: self.banner.show_message(
                "error", error_text(e)), owner=self, label="open record")

        self._confirm_discard(open_it)

    def _set_record(self, record_id: str | None, status: Status | None, name: str = "",
                    number: str | None = None) -> None:
        self.record_id = record_id
        self.record_status = status
        if record_id is None:
            self.header.title.setText(self.tr("New registration"))
        else:
            words = self.tr("View: {0} ({1})") if status is Status.VOIDED \
                else self.tr("Edit: {0} ({1})")
            title = words.format(name, status_label(status or Status.DRAFT))
            if number:
                title += " · " + self.tr("Participant no. {0}").format(grouped(number))
            self.header.title.setText(title)
        # a voided record is read-only: every input off (the scroll area still scrolls)
        self.form.setEnabled(status is not Status.VOIDED)
        self._update_buttons()

    def _update_buttons(self) -> None:
        voided = self.record_status is Status.VOIDED
        self.side.save_button.setEnabled(not voided and not self._saving)
        self.side.draft_button.setEnabled(
            not voided and not self._saving
            and not (self.record_status is not None and self.record_status.left_draft))
        self.side.clear_button.setText(
            self.tr("Empty form") if self.record_id is None else self.tr("Stop editing"))

    def _confirm_discard(self, then: Callable[[], None], *, reason: str = "") -> None:
        """Run ``then`` at once, or after asking what to do with unsaved changes: save them
        (as a draft, or as a new version of a record that left draft), discard them, or go
        back to the form (``then`` is dropped). A failed save stays on the form."""
        if not self.dirty:
            then()
            return
        if self.prompt is not None:  # already asking: that question stands
            self.prompt.raise_()
            return
        left_draft = self.record_status is not None and self.record_status.left_draft
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("The form has changes that are not saved."),
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText({
            "page": self.tr("Save them before going to another page, or discard them."),
            "lock": self.tr("Save them before locking, or discard them."),
            "switch": self.tr("Save them before another volunteer opens the app, or discard "
                              "them."),
            "close": self.tr("Save them before closing, or discard them."),
        }.get(reason, self.tr("Save them first, or discard them.")))
        draft = box.addButton(self.tr("Save") if left_draft else self.tr("Save as draft"),
                              QMessageBox.ButtonRole.AcceptRole)
        draft.setVisible(self.record_status is not Status.VOIDED)  # cannot be saved
        discard = box.addButton(self.tr("Discard the changes"),
                                QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Go back to the form"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)

        def chosen(b: object) -> None:
            self.prompt = None
            if b is draft:
                self.save(ready=left_draft, then=then)
            elif b is discard:
                self._reset()
                then()

        box.buttonClicked.connect(chosen)
        box.finished.connect(lambda _r: self._prompt_closed(box))
        self.prompt = box
        box.open()

    def _prompt_closed(self, box: QMessageBox) -> None:
        if self.prompt is box:  # closed without a button (the window's close box)
            self.prompt = None

    def _override(self, mismatch: str) -> None:
        from ui.registration.override_dialog import OverrideDialog

        dlg = OverrideDialog(self.ctx, self.runner, mismatch, self)
        dlg.accepted.connect(lambda: self.form.set_override(dlg.reason.text().strip(),
                                                            dlg.supervisor_name))
        dlg.open()

    # -- autosave (encrypted) -------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        s = form_io.snapshot(self.form)
        s.update(record_id=self.record_id,
                 record_status=self.record_status.value if self.record_status else None,
                 dirty=self.dirty, saved_at=datetime.now().isoformat(timespec="seconds"))
        return s

    def _restore(self, s: dict[str, Any]) -> None:
        form_io.restore(self.form, s)
        st = s.get("record_status")
        self._set_record(s.get("record_id"), Status(st) if st else None,
                         self.form.full_name.text())
        self.dirty = bool(s.get("dirty", True))
        self.unsaved.setVisible(self.dirty)

    def autosave_now(self) -> None:
        """Synchronous (the context is about to close): a small encrypted file."""
        from fieldreg.services import autosave

        self._autosave_timer.stop()
        if self.dirty:
            autosave.save_form(self.ctx, self.snapshot())

    def _autosave_in_background(self) -> None:
        if not self.dirty:
            return
        ctx, snap = self.ctx, self.snapshot()

        def job() -> None:
            from fieldreg.services import autosave

            autosave.save_form(ctx, snap)

        self.runner.run(job, owner=self, label="autosave",
                        on_error=lambda e: None)

    def _clear_autosave(self) -> None:
        self._autosave_timer.stop()
        ctx = self.ctx

        def job() -> None:
            from fieldreg.services import autosave

            autosave.clear_form(ctx)

        self.runner.run(job, label="clear autosave", on_error=lambda e: None)

    def _load_autosave(self) -> None:
        ctx = self.ctx

        def job() -> dict[str, Any] | None:
            from fieldreg.services import autosave

            return autosave.load_form(ctx)

        def loaded(s: dict[str, Any] | None) -> None:
            if not s or self.dirty or form_io.is_blank(s, ctx.today_fn()):
                return
            self._restore(s)
            self.dirty = True
            self.unsaved.show()
            self.validate()
            when = str(s.get("saved_at", ""))[11:16]
            self.banner.show_message("info", self.tr(
                "The form you were typing ({0}) was not saved; it is back.").format(when),
                self.tr("Discard it…"), self._discard_restored)

        self.runner.run(job, on_done=loaded, owner=self, label="load autosave")

    def _discard_restored(self) -> None:
        """The form that came back is thrown away only once that is confirmed (Enter and Esc
        keep it)."""
        if self.discard_prompt is not None:
            self.discard_prompt.raise_()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard the form?"),
                          self.tr("Discard the form that came back?"),
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(self.tr(
            "What was typed in it is lost and cannot be brought back."))
        yes = box.addButton(self.tr("Yes, discard this form"),
                            QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("No, go on typing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def chosen(b: object) -> None:
            self.discard_prompt = None
            if b is yes:
                self.dirty = False
                self.new_form()

        box.buttonClicked.connect(chosen)
        box.finished.connect(lambda _r: self._discard_prompt_closed(box))
        self.discard_prompt = box
        box.open()

    def _discard_prompt_closed(self, box: QMessageBox) -> None:
        if self.discard_prompt is box:
            self.discard_prompt = None
