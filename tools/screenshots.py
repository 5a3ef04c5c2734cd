"""Walk every screen of the desktop app with sample data and save a PNG of each.

    .venv/bin/python tools/screenshots.py [--out screenshots] [--size 1366x768]
    .venv/bin/python tools/screenshots.py --size 1920x1080
    .venv/bin/python tools/screenshots.py --all-sizes     # 1366x768 and 1920x1080
    .venv/bin/python tools/screenshots.py --only help     # first run, then only these steps

Each screen size is walked in its own process and saved in ``<out>/<size>/``.

Runs on a virtual X screen (re-runs itself under ``xvfb-run`` when there is no display) so that
dialogs and pop-ups are captured as a person sees them; falls back to Qt's offscreen platform.
Uses a throw-away data folder with synthetic workers (tools/sample_data.py), never real people.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _maybe_xvfb(argv: list[str], size: str) -> None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    if os.environ.get("_FIELDREG_XVFB") or not shutil.which("xvfb-run"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    env = dict(os.environ, _FIELDREG_XVFB="1")
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable, *argv]
    sys.exit(subprocess.call(cmd, env=env))



def wait(app: Any, runner: Any, ms: int = 250) -> None:
    """Let the event loop run until the task runner is idle, then a little more."""
    end = time.monotonic() + 30
    while not runner.idle() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    stop = time.monotonic() + ms / 1000
    while time.monotonic() < stop:
        app.processEvents()
        time.sleep(0.01)


class Walk:
    def __init__(self, home: Path, out: Path, size: tuple[int, int], records: int) -> None:
        from fieldreg.services import settings as settings_service
        from ui import i18n
        from ui.app import AppController, create_app

        self.home, self.out, self.size, self.records = home, out, size, records
        out.mkdir(parents=True, exist_ok=True)
        self.saved: list[Path] = []
        self.app = create_app([])
        i18n.install("id")
        self.c = AppController(home, settings_service.load(home))
        self.c.window_changed.connect(self._place)
        self.password = "kopi-pagi-sawit"  # the first volunteer's (the security step changes it)

    def _place(self, w: Any) -> None:
        w.setGeometry(0, 0, *self.size)

    @property
    def screen_grab(self) -> bool:
        return self.app.platformName() == "xcb"

    def shot(self, name: str, widget: Any = None, dialog: Any = None, *,
             idle: bool = True) -> None:
        """``idle=False``: now, while a task runs (a sync waiting to retry)."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QColor, QPainter

        if idle:
            wait(self.app, self.c.runner)
        target = widget or self.c.window
        if self.screen_grab and widget is None:
            pix = self.app.primaryScreen().grabWindow(0, 0, 0, *self.size)
        else:
            pix = target.grab()
            if dialog is not None:
                d = dialog.grab()
                p = QPainter(pix)
                p.fillRect(pix.rect(), QColor(0, 0, 0, 60))
                p.drawPixmap(QPoint((pix.width() - d.width()) // 2,
                                    (pix.height() - d.height()) // 3), d)
                p.end()
        path = self.out / f"{name}.png"
        pix.save(str(path))
        self.saved.append(path)
        print("saved", path.name)

    def _center(self, dialog: Any) -> None:
        dialog.adjustSize()
        dialog.move((self.size[0] - dialog.width()) // 2, (self.size[1] - dialog.height()) // 3)
        wait(self.app, self.c.runner, 150)

    STEPS = ("register", "participants", "sync", "importing", "summary_settings", "backups",
             "help", "unlock", "english", "security")

    def run(self, only: list[str] | None = None) -> None:
        self.first_run()
        for step in self.STEPS:
            if not only or step in only:
                getattr(self, step)()

    def first_run(self) -> None:
        c = self.c
        c.start()
        fr = c.window
        self.shot("01-first-run-welcome")
        fr._next()
        fr.device_name.setText("Laptop Desa Sungai Gelam 1")
        self.shot("02-first-run-laptop")
        fr._next()
        fr.vol_name.setText("Siti Rahmawati")
        fr.pw1.setText("kopi-pagi-sawit")
        fr.pw2.setText("kopi-pagi-saw")
        fr._next()
        self.shot("03-first-run-volunteer-password-differs")
        fr.pw2.setText("kopi-pagi-sawit")
        fr._next()
        wait(self.app, c.runner)
        self.shot("04-first-run-recovery-key")
        fr.key_written.setChecked(True)
        fr._next()
        wait(self.app, c.runner, 400)
        sys.path.insert(0, str(ROOT / "bench"))
        from seed import seed, void_some

        seed(c.ctx, self.records)
        void_some(c.ctx, 5)
        c.main.data_changed.emit()

    def register(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        main = self.c.main
        page = main.page("register")
        self.shot("05-register-empty")
        f = page.form
        QTest.keyClicks(f.nik, "1505016607")
        QTest.keyClick(f.nik, Qt.Key.Key_Tab)
        QTest.keyClicks(f.full_name, "Nur Halimah 2")
        QTest.keyClick(f.full_name, Qt.Key.Key_Tab)
        QTest.keyClicks(f.phone, "0812 34")
        QTest.keyClick(f.phone, Qt.Key.Key_Tab)
        for name in ("nik", "full_name", "phone"):  # no window manager: no focus-out here
            f._user_edit(name, immediate=True)
        page.validate()
        page.scroll_area.verticalScrollBar().setValue(0)
        self.shot("06-register-problems-as-you-type")
        self.fill_valid(page)
        self.shot("07-register-nik-mismatch")
        f.birth_date.setText("26-07-1990")
        f._user_edit("birth_date", immediate=True)
        page.validate()
        page.scroll_area.ensureWidgetVisible(f.groups["work"], 0, 0)
        self.shot("08-register-contribution")
        f.funding.showPopup()  # a drop-down shows its last entry whole
        self.shot("08b-register-payer-list")
        f.funding.hidePopup()
        page.scroll_area.ensureWidgetVisible(f.groups["consent"], 0, 0)
        self.shot("09-register-heirs-consent")
        main.show_page("participants")  # unsaved changes: the form asks first
        prompt = page.prompt
        self._center(prompt)
        self.shot("09b-register-leave-asks", main, prompt)
        prompt.escapeButton().click()  # "Kembali ke formulir"
        page.save(ready=True)
        review = page.review  # the read-back before it leaves draft (Settings: on)
        if review is not None:
            self._center(review)
            self.shot("09c-register-review", main, review)
            review.accept()
        wait(self.app, self.c.runner)
        page.scroll_area.verticalScrollBar().setValue(0)
        self.shot("10-register-saved-ready-for-next")

    def fill_valid(self, page: Any) -> None:
        from fieldreg.domain.codes import FundingSource, HeirRelationship
        from fieldreg.domain.registration import Heir
        from ui.registration.inputs import format_date

        f = page.form
        f.nik.setText("1505016607900003")
        f.full_name.setText("NUR HALIMAH")
        f.birth_place.setText("Sengeti")
        f.birth_date.setText("26-08-1990")
        f.sex_female.setChecked(True)
        f.mother.setText("AMINAH")
        villages = f.village.search("sungai")
        f.village.set_code(villages[0][0])
        f._village_picked(villages[0][0])
        f.street.setText("Dusun II")
        f.rt.setText("3")
        f.rw.setText("1")
        f.phone.setText("0812-3456-7890")
        f.occupation.set_code("SAWIT_PANEN")
        f.income.set_value(1_500_000)
        f.funding.setCurrentIndex(f.funding.findData(FundingSource.MANDIRI.value))
        f.start.setText(format_date(page.ctx.today_fn().replace(day=1)))
        f.heirs.set_heirs([Heir("AHMAD SAPUTRA", HeirRelationship.SUAMI)])
        f.consent.setChecked(True)
        for name in ("nik", "full_name", "birth_date", "sex", "village_code", "phone",
                     "occupation_code", "funding_source", "coverage_start", "heirs"):
            f._user_edit(name, immediate=True)
        page.validate()

    def participants(self) -> None:
        from PySide6.QtCore import QItemSelectionModel

        main = self.c.main
        main.show_page("participants")
        p = main.page("participants")
        wait(self.app, self.c.runner)
        self.shot("11-participants")
        p.status.showPopup()  # every status, the last one whole
        self.shot("11b-participants-status-list")
        p.status.hidePopup()
        p.search.setText("siti")
        p.reload()
        wait(self.app, self.c.runner)
        self.shot("12-participants-search")
        p.search.setText("")
        p.status.setCurrentIndex(p.status.findData("ready"))
        p.reload()
        wait(self.app, self.c.runner)
        p.table.selectRow(2)
        p.void_selected()
        dlg = p.void_dialog
        self._center(dlg)
        dlg.ok.click()
        self.shot("13-void-needs-reason", main, dlg)
        dlg.reject()
        p.clear_filters()
        wait(self.app, self.c.runner)
        sm = p.table.selectionModel()
        for r in (1, 3, 4):
            sm.select(p.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                      | QItemSelectionModel.SelectionFlag.Rows)
        self.shot("14-participants-multi-select")
        self.print_cards()
        main.show_page("participants")
        p.table.selectRow(0)
        p.open_selected()
        wait(self.app, self.c.runner)
        self.shot("16-edit-record")
        main.page("register").new_form()  # "Stop editing": back to the list
        wait(self.app, self.c.runner)
        self.voided_and_drafts()

    def voided_and_drafts(self) -> None:
        """A voided record (no card, read-only) and walking through imported drafts."""
        from dataclasses import replace

        from fieldreg.domain.codes import Status
        from fieldreg.services import registrations
        from tools.sample_data import SampleFactory

        main, ctx = self.c.main, self.c.ctx
        p = main.page("participants")
        p.status.setCurrentIndex(p.status.findData(Status.VOIDED.value))
        p.reload()
        wait(self.app, self.c.runner)
        p.table.selectRow(0)
        self.shot("17-participants-voided-no-card")
        p.open_selected()
        wait(self.app, self.c.runner)
        self.shot("18-voided-read-only")
        page = main.page("register")
        page.new_form()
        wait(self.app, self.c.runner)
        p.clear_filters()
        # three workers of a village list, imported without consent (drafts)
        factory = SampleFactory(21, regency=ctx.regency_code, today=ctx.today_fn())
        first = factory.data(consent=False)
        items = [replace(factory.data(consent=False), full_name=n,
                         village_code=first.village_code)
                 for n in ("ANI LUBIS", "BUDI NASUTION", "CICI SIREGAR")]
        with ctx.db.uow() as uow:
            regs = registrations.add_new(uow, ctx, items, status=Status.DRAFT, now=ctx.clock(),
                                         audit={"source": "import"})
            uow.commit()
        main.data_changed.emit()
        main.open_record(regs[0].id)
        wait(self.app, self.c.runner)
        page.form.consent.setChecked(True)
        page.form._user_edit("consent", immediate=True)
        page.save(ready=True)
        if page.review is not None:
            page.review.accept()
        wait(self.app, self.c.runner, 400)
        page.scroll_area.verticalScrollBar().setValue(0)
        self.shot("19-register-next-draft-offered")

    def _engine(self, **options: Any) -> None:
        """The app's sync calls with these engine options (short or long retry waits)."""
        from fieldreg.services import sync as sync_service
        from fieldreg.sync.engine import EngineOptions

        real = getattr(self, "_real_sync", None) or sync_service.sync
        self._real_sync = real
        opts = EngineOptions(**options)

        def with_options(ctx: Any, **kw: Any) -> Any:
            kw.setdefault("options", opts)
            return real(ctx, **kw)

        sync_service.sync = with_options  # type: ignore[assignment]

    def sync(self) -> None:
        """A real district server on loopback: not enrolled, a wrong code, enrolled, a run with
        accepted, duplicate (another laptop had the NIK), rejected (an entry written under
        older rules) and changed-by-the-district records; Participants with the answers;
        waiting to retry with Cancel; the server down; a revoked laptop."""
        from dataclasses import replace

        from fieldreg.services import accounts, registrations
        from fieldreg.services import sync as sync_service
        from tests.live_server import start_server
        from tests.sync.conftest import rewrite_pending_payload
        from tools.sample_data import SampleFactory

        c, main = self.c, self.c.main
        ctx = c.ctx
        main.auto_sync.stop()
        self._engine(backoff_base=0.2, backoff_cap=1.0, max_failures=2, connect_timeout=2.0)
        server_home = Path(tempfile.mkdtemp(prefix="fieldreg-shots-server-"))
        server = start_server(server_home / "server")
        try:
            # records saved through the form's service: a few to be accepted, two whose NIK
            # another laptop of the district registered first, one written under older rules
            fac = SampleFactory(57, today=ctx.today_fn())
            datas = [fac.data() for _ in range(8)]
            regs = [registrations.save(ctx, d, ready=True).registration for d in datas]
            other = server_home / "laptop-2"
            accounts.initialise(other, device_name="Laptop Desa Mekar Jaya", regency_code="15.05",
                                volunteer_name="Budi Santoso", password="sandi-laptop-2")
            octx = accounts.unlock(other, "Budi Santoso", "sandi-laptop-2")
            sync_service.enrol(octx, server.url, server.enrolment_code())
            for d in datas[:2]:
                registrations.save(octx, d, ready=True)
            sync_service.sync(octx)
            octx.close()

            def old_village(doc: dict[str, Any]) -> None:
                doc["data"]["village_code"] = "15.05.01.2999"

            rewrite_pending_payload(ctx, regs[3].id, old_village)
            main.data_changed.emit()
            main.show_page("sync")
            page = main.page("sync")
            wait(self.app, c.runner)
            self.shot("17-sync-not-enrolled")
            panel = page.enrol_panel
            panel.server.setText(server.url)
            panel.code.setText("K7M2-QX9P")
            panel.enrol()
            wait(self.app, c.runner)
            self.shot("17b-sync-wrong-code")
            panel.code.setText(server.enrolment_code())
            panel.enrol()
            wait(self.app, c.runner, 500)
            self.shot("17c-sync-enrolled")
            page.sync_now()
            wait(self.app, c.runner, 500)
            # the district verifies one while the volunteer edits it: a conflict next time
            server.admin("registrations", "verify", regs[5].participant_number or "")
            registrations.save(ctx, replace(datas[5], street="Jl. Baru 1"), ready=True,
                               record_id=regs[5].id)
            registrations.save(ctx, fac.data(), ready=True)
            main.data_changed.emit()
            page.sync_now()
            wait(self.app, c.runner, 500)
            self.shot("17d-sync-after-run-mixed")
            main.show_needs_fixing()
            wait(self.app, c.runner, 500)
            p = main.page("participants")
            from PySide6.QtCore import Qt

            from ui.participants.model import COLUMNS

            # newest first: this walk's records (the seeded ones carry made-up statuses)
            p.table.sortByColumn(COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder)
            wait(self.app, c.runner, 300)
            ids = [p.model.row_at(r).id for r in range(4)]
            p.table.selectRow(ids.index(regs[0].id))
            wait(self.app, c.runner, 300)
            self.shot("17e-participants-needs-fixing")
            p.table.selectRow(ids.index(regs[3].id))
            wait(self.app, c.runner, 300)
            self.shot("17f-participants-needs-fixing-rejected")
            p.table.selectRow(ids.index(regs[5].id))
            wait(self.app, c.runner, 300)
            self.shot("17f2-participants-changed-by-district")
            p.status.setCurrentIndex(p.status.findData("accepted"))
            p.reload()
            wait(self.app, c.runner, 300)
            p.table.selectRow(1)
            self.shot("17g-participants-accepted-numbers")
            p.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
            p.clear_filters()
            wait(self.app, c.runner)
            # the server down: waiting to retry, then Cancel; then the offline result
            for d in (fac.data(), fac.data()):
                registrations.save(ctx, d, ready=True)
            main.data_changed.emit()
            server.stop()
            main.show_page("sync")
            self._engine(backoff_base=30.0, backoff_cap=30.0, max_failures=3,
                         connect_timeout=2.0, rng=_Longest())
            page.sync_now()
            end = time.monotonic() + 30
            while time.monotonic() < end and not (
                    main.sync.progress is not None and main.sync.progress.phase == "wait"):
                self.app.processEvents()
                time.sleep(0.02)
            stop = time.monotonic() + 1.2
            while time.monotonic() < stop:
                self.app.processEvents()
                time.sleep(0.02)
            self.shot("17h-sync-waiting-to-retry", idle=False)
            page.cancel()
            wait(self.app, c.runner)
            self._engine(backoff_base=0.2, backoff_cap=1.0, max_failures=2, connect_timeout=2.0)
            page.sync_now()
            wait(self.app, c.runner, 300)
            self.shot("17i-sync-offline")
            # revoked by the district (the server back on its old port: the laptop's address)
            import tests.live_server as live

            port = int(server.url.rsplit(":", 1)[1])
            free_port, live._free_port = live._free_port, lambda: port  # type: ignore[assignment]
            try:
                server.start()
            finally:
                live._free_port = free_port  # type: ignore[assignment]
            server.admin("devices", "revoke", ctx.device_id)
            page.sync_now()
            wait(self.app, c.runner, 300)
            self.shot("17j-sync-revoked")
        finally:
            server.stop()
            sync_service.sync = self._real_sync  # type: ignore[assignment]
            shutil.rmtree(server_home, ignore_errors=True)

    def print_cards(self) -> None:
        """Cards for workers saved through the form (the seeded ones have no device numbers):
        two of them printed before, one a draft."""
        from fieldreg.services import cards, registrations
        from tools.sample_data import SampleFactory

        ctx, main = self.c.ctx, self.c.main
        fac = SampleFactory(31, today=ctx.today_fn())
        ids = [registrations.save(ctx, fac.data(), ready=True).registration.id
               for _ in range(12)]
        draft = registrations.save(ctx, fac.data(consent=False), ready=False).registration.id
        cards.export_pdf(ctx, ids[2:4], self.home / "dicetak.pdf")
        main.hand_to_print([*ids, draft])
        page = main.page("print")
        wait(self.app, self.c.runner, 500)
        self.shot("15-print-cards")
        page.start("pdf")  # what is the PDF for?
        kind = page.pdf_dialog
        self._center(kind)
        self.shot("15a-print-cards-pdf-kind", main, kind)
        kind.reject()
        page.start("pdf-cards")  # printed before: asks why first
        dlg = page.reason_dialog
        dlg.choices[0].setChecked(True)
        self._center(dlg)
        self.shot("15b-print-cards-reprint-reason", main, dlg)
        dlg.reject()
        page.save_pdf(self.home / "kartu.pdf", "Kartu hilang")
        wait(self.app, self.c.runner, 500)
        page.table.selectRow(2)
        page.show_history()
        wait(self.app, self.c.runner)
        hist = page.history_dialog
        self._center(hist)
        self.shot("15c-print-cards-done-history", main, hist)
        hist.accept()

    def importing(self) -> None:
        from tools.sample_data import SampleFactory, village_list_row, write_village_list

        main = self.c.main
        main.show_page("import")
        p = main.page("import")
        self.shot("18-import-empty")
        fac = SampleFactory(99, today=self.c.ctx.today_fn())
        rows = [village_list_row(fac.data()) for _ in range(40)]
        rows[3]["nik"] = "15050112345"
        rows[7]["tanggal_lahir"] = "31-02-1980"
        rows[11]["kode_desa"] = "15.05.99.2999"
        rows[15]["no_hp"] = "0812"
        rows[20]["nik"] = rows[19]["nik"]
        rows[25]["jenis_kelamin"] = "X"
        path = self.home / "daftar-desa-sungai-gelam.xlsx"
        write_village_list(path, rows)
        p.load_file(path)
        wait(self.app, self.c.runner)
        self.shot("19-import-preview")
        p.only_problems.setChecked(True)
        self.shot("20-import-only-problems")
        p.only_problems.setChecked(False)
        p.do_import()
        wait(self.app, self.c.runner)
        self.shot("21-import-done")

    def summary_settings(self) -> None:
        from PySide6.QtWidgets import QScrollArea

        main = self.c.main
        s = self.c.settings
        s.targets = {d: 120 for d in ("15.05.01", "15.05.02", "15.05.03", "15.05.04")}
        main.show_page("summary")
        wait(self.app, self.c.runner)
        self.shot("22-summary")
        main.show_page("settings")
        self.shot("23-settings")
        page = main.page("settings")
        vol = page.volunteers
        vol.name.setText("Budi Santoso")
        vol.add_pw.setText("sawit-pagi-2")
        vol.add_pw2.setText("sawit-pagi")
        vol.add_volunteer()
        vol.old_pw.setText("salah-sandi")
        vol.new_pw.setText("kopi-sore-77")
        vol.new_pw2.setText("kopi-sore-77")
        vol.change_password()
        wait(self.app, self.c.runner)
        page.findChild(QScrollArea).ensureWidgetVisible(vol, 0, 0)
        self.shot("23b-settings-volunteers-mistakes")
        vol.add_pw2.setText("sawit-pagi-2")
        vol.add_volunteer()
        wait(self.app, self.c.runner)
        page.findChild(QScrollArea).ensureWidgetVisible(vol, 0, 0)
        self.shot("23c-settings-volunteer-added")

    def backups(self) -> None:
        """Settings → Backups after Back up now, and the restore dialog."""
        from PySide6.QtWidgets import QScrollArea

        from fieldreg.services import backups
        from ui.restore_dialog import RestoreDialog

        main = self.c.main
        main.show_page("settings")
        page = main.page("settings")
        page.backups.backup_now()
        wait(self.app, self.c.runner, 300)
        page.findChild(QScrollArea).ensureWidgetVisible(page.backups, 0, 0)
        self.shot("23g-settings-backups")
        made = backups.list_backups(backups.backup_folder(self.home))[0].path
        dlg = RestoreDialog(self.home, self.c.runner, made, main,
                            before_restore=self.c.close_for_restore)
        dlg.show()
        self._center(dlg)
        self.shot("23h-restore-dialog", main, dlg)
        dlg.password.setText("salah-sandi")
        dlg._go()
        wait(self.app, self.c.runner, 300)
        self._center(dlg)
        self.shot("23i-restore-wrong-password", main, dlg)
        dlg.reject()

    def help(self) -> None:
        """The Help menu, About, and the message after the diagnostics file is saved."""
        from PySide6.QtCore import QPoint

        main = self.c.main
        main.show_page("register")
        wait(self.app, self.c.runner)
        b = main.help_button
        menu = b.menu()
        menu.popup(b.mapToGlobal(QPoint(0, b.height())))
        wait(self.app, self.c.runner, 300)
        if self.screen_grab:
            self.shot("23d-help-menu")
        else:  # offscreen: the pop-up is drawn onto the window where it would be
            from PySide6.QtGui import QPainter

            pix = main.grab()
            p = QPainter(pix)
            p.drawPixmap(main.mapFromGlobal(menu.pos()), menu.grab())
            p.end()
            path = self.out / "23d-help-menu.png"
            pix.save(str(path))
            self.saved.append(path)
            print("saved", path.name)
        menu.hide()
        dlg = main.help.show_about()
        self._center(dlg)
        self.shot("23e-help-about", main, dlg)
        dlg.accept()
        main.help.save_diagnostics(self.home / "fieldreg-diagnostik-Laptop-Desa.txt")
        wait(self.app, self.c.runner, 300)
        box = main.help.message
        self._center(box)
        self.shot("23f-help-diagnostics-saved", main, box)
        box.accept()

    def unlock(self) -> None:
        from datetime import UTC, datetime, timedelta

        from fieldreg.services.errors import ServiceError

        self.c.lock("user")
        wait(self.app, self.c.runner)
        self.shot("24-unlock-after-lock")
        u = self.c.window
        u.password.setText("salah-sandi")
        u.try_unlock()
        wait(self.app, self.c.runner)
        self.shot("25-unlock-wrong-password")
        u._failed(ServiceError("locked_out", until=datetime.now(UTC) + timedelta(minutes=15)))
        self.shot("26-unlock-locked-out")
        u._wait_until = None
        u._update_wait()
        u.password_box.clear_problem()
        u.password.setText(self.password)
        u.try_unlock()
        wait(self.app, self.c.runner, 500)

    def english(self) -> None:
        c = self.c
        c.switch_language_live("en")
        wait(self.app, c.runner)
        self.shot("27-english-register")
        c.main.show_page("participants")
        wait(self.app, c.runner)
        self.shot("28-english-participants")
        c.main.show_page("settings")
        wait(self.app, c.runner)
        self.shot("29-english-settings")
        c.main.show_page("sync")
        wait(self.app, c.runner)
        self.shot("30-english-sync")
        dlg = c.main.help.show_about()
        self._center(dlg)
        self.shot("31-english-about", c.main, dlg)
        dlg.accept()
        c.switch_language_live("id")
        wait(self.app, c.runner)

    def _modal(self, name: str, after_ms: int = 600) -> None:
        """Shoot the next application-modal box (a static QMessageBox that blocks) and close it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def grab() -> None:
            box = QApplication.activeModalWidget()
            if box is None:
                QTimer.singleShot(100, grab)
                return
            self._center(box)
            self.shot(name, self.c.window, box, idle=False)
            box.accept()  # type: ignore[attr-defined]

        QTimer.singleShot(after_ms, grab)

    def security(self) -> None:
        """Issue 11's screens: waits and lock-outs (unlock, recovery, restore), a password change
        with a new database key, a restore of a backup made on another machine, the new
        enrolment refusals and the hostile village lists."""
        self.security_guesses()
        self.security_rekey()
        self.security_other_machine()
        self.security_enrol_refusals()
        self.security_hostile_lists()

    def security_guesses(self) -> None:
        from datetime import UTC, datetime, timedelta

        from fieldreg.services import backups
        from fieldreg.services.errors import ServiceError
        from ui.recover_dialog import RecoverDialog
        from ui.restore_dialog import RestoreDialog

        c = self.c
        if not backups.list_backups(backups.backup_folder(self.home)):
            backups.make_backup(c.ctx, folders=[])
        c.lock("user")
        wait(self.app, c.runner)
        u = c.window
        for _ in range(3):  # three free attempts, then a wait of a few seconds
            u.password.setText("salah-sandi")
            u.try_unlock()
            wait(self.app, c.runner)
        self.shot("40-unlock-wrong-third-time")
        u.password.setText("salah-sandi")
        u.try_unlock()
        wait(self.app, c.runner)
        self.shot("41-unlock-throttled")
        u._recover()
        wait(self.app, c.runner)
        rec = u.findChild(RecoverDialog)
        rec.key.setText("ABCD-EFGH-JKMN-PQRS-TVWX-YZ23")
        rec.pw1.setText("sandi-baru-sekali")
        rec.pw2.setText("sandi-baru-sekali")
        rec._go()
        wait(self.app, c.runner)
        self._center(rec)
        self.shot("42-recover-wrong-key", u, rec)
        rec._failed(ServiceError("locked_out", field="recovery_key",
                                 until=datetime.now(UTC) + timedelta(minutes=15)))
        self._center(rec)
        self.shot("43-recover-locked-out", u, rec)
        rec.reject()
        made = backups.list_backups(backups.backup_folder(self.home))[0].path
        dlg = RestoreDialog(self.home, c.runner, made, u)
        dlg.show()
        dlg.password.setText("salah-sandi")
        dlg._go()  # a guess against the backup counts in this laptop's lock-out: a wait
        wait(self.app, c.runner)
        self._center(dlg)
        self.shot("44-restore-throttled", u, dlg)
        dlg._refused(ServiceError("locked_out", field="password",
                                  until=datetime.now(UTC) + timedelta(minutes=15)))
        self._center(dlg)
        self.shot("45-restore-locked-out", u, dlg)
        dlg.reject()
        end = time.monotonic() + 8  # the throttle's wait runs out
        while time.monotonic() < end and not u.unlock_button.isEnabled():
            self.app.processEvents()
            time.sleep(0.05)
        u.password.setText(self.password)
        u.try_unlock()
        wait(self.app, c.runner, 500)

    def security_rekey(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

        c = self.c
        main = c.main
        main.show_page("settings")
        page = main.page("settings")
        vol = page.volunteers
        new = "teh-manis-sore-hari"
        vol.old_pw.setText(self.password)
        vol.new_pw.setText(new)
        vol.new_pw2.setText(new)
        vol.rekey.setChecked(True)
        page.findChild(QScrollArea).ensureWidgetVisible(vol, 0, 0)
        self.shot("46-settings-password-new-key")
        vol.change_password()
        wait(self.app, c.runner)
        dlg = vol.rekey_dialog
        self._center(dlg)
        self.shot("47-rekey-dialog", main, dlg)
        dlg.renew.setChecked(True)
        real = dlg._progressed

        def progressed(p: Any) -> None:
            real(p)
            if p.done == 2:
                self.shot("48-rekey-progress", main, dlg, idle=False)

        dlg._progressed = progressed  # type: ignore[method-assign]
        dlg.start()
        wait(self.app, c.runner, 500)
        self.password = new
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        self._center(box)
        self.shot("49-rekey-done-new-recovery-key", c.main, box)
        box.checkBox().setChecked(True)
        self.shot("49b-rekey-key-written", c.main, box)
        box.button(QMessageBox.StandardButton.Ok).click()
        main = c.main
        main.show_page("settings")
        page = main.page("settings")
        page.findChild(QScrollArea).ensureWidgetVisible(page.backups, 0, 0)
        self.shot("50-settings-backups-old-passwords")

    def security_other_machine(self) -> None:
        """A backup restored as if on another machine: the laptop becomes a new device."""
        from fieldreg.services import backups, identity
        from ui.restore_dialog import RestoreDialog

        c = self.c
        made = backups.make_backup(c.ctx, folders=[])[0]
        os.environ[identity.ENV] = "another-machine-for-screenshots"
        main = c.main
        dlg = RestoreDialog(self.home, c.runner, made, main, before_restore=c.close_for_restore)
        dlg.restored.connect(c.open_restored)
        dlg.failed_after_close.connect(c.restore_failed)
        dlg.show()
        dlg.password.setText(self.password)
        self._center(dlg)
        self.shot("51-restore-other-machine", main, dlg)
        self._modal("52-restored-new-device")
        dlg._go()
        end = time.monotonic() + 30
        while time.monotonic() < end and (c.main is None or c.main is main):
            self.app.processEvents()
            time.sleep(0.02)
        wait(self.app, c.runner, 500)

    def security_enrol_refusals(self) -> None:
        from fieldreg.services.errors import ServiceError

        c = self.c
        main = c.main
        main.auto_sync.stop()
        main.show_page("sync")
        page = main.page("sync")
        wait(self.app, c.runner)
        panel = page.enrol_panel
        panel.server.setText("https://bpjs-sync.jambiprov.go.id")
        panel.code.setText("K7M2-QX9P")
        for n, code in (("53", "enrol_code_other_district"), ("54", "enrol_signature_invalid"),
                        ("55", "enrol_challenge_stale")):
            panel.clear()
            panel._failed(ServiceError(code))
            self.shot(f"{n}-sync-{code.replace('_', '-')}")
        panel.clear()

    def security_hostile_lists(self) -> None:
        import csv

        from fieldreg.services.village_import import COLUMNS
        from tests.hostile_tables import SHEET, sheet_xml, xlsx_parts, xlsx_with, zeros_member
        from tools.sample_data import SampleFactory, village_list_row

        c = self.c
        main = c.main
        main.show_page("import")
        p = main.page("import")
        fac = SampleFactory(7, today=c.ctx.today_fn())
        header = list(COLUMNS)
        rows = [village_list_row(fac.data()) for _ in range(2)]
        parts = xlsx_parts([header, *[[r[k] for k in header] for r in rows]])
        head, _, tail = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>nik</t></is></c>'
                                  "</row>@", dimension=None).partition(b"@")
        bomb = self.home / "daftar-desa-bom.xlsx"
        bomb.write_bytes(xlsx_with(parts, {SHEET: zeros_member(
            SHEET, 1200, unit=b"<row/>", prefix=head, suffix=tail)}))
        p.load_file(bomb)
        wait(self.app, c.runner)
        self.shot("56-import-zip-bomb")
        twice = self.home / "daftar-desa-nik-ganda.csv"
        with twice.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow([*header, "NIK"])
            for r in rows:
                w.writerow([*(r.get(k, "") for k in header), r["nik"]])
        p.load_file(twice)
        wait(self.app, c.runner)
        self.shot("57-import-nik-twice")

    def close(self) -> None:
        c = self.c
        if c.main is not None:
            c.main.page("register").dirty = False
        c.shutdown()



class _Longest:
    """Retry waits at their longest (the waiting state stays on screen to be captured)."""

    def uniform(self, a: float, b: float) -> float:
        return b


SIZES = ("1366x768", "1920x1080")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "screenshots"))
    ap.add_argument("--size", default="1366x768", help="screen size, e.g. 1920x1080")
    ap.add_argument("--all-sizes", action="store_true", help=" and ".join(SIZES))
    ap.add_argument("--records", type=int, default=600)
    ap.add_argument("--only", nargs="+", choices=Walk.STEPS, metavar="STEP",
                    help="after the first run, only these steps: " + ", ".join(Walk.STEPS))
    args = ap.parse_args()
    if args.all_sizes:  # one process per size: each gets a virtual screen of that size
        me = str(Path(__file__).resolve())
        only = ["--only", *args.only] if args.only else []
        rcs = [subprocess.call([sys.executable, me, "--out", args.out, "--size", size,
                                "--records", str(args.records), *only]) for size in SIZES]
        return max(rcs)
    _maybe_xvfb([str(Path(__file__).resolve()), *sys.argv[1:]], args.size)
    os.environ.setdefault("FIELDREG_ARGON2_COST", "1,8,1")
    home = Path(tempfile.mkdtemp(prefix="fieldreg-shots-"))
    os.environ["FIELDREG_HOME"] = str(home)
    w, h = (int(x) for x in args.size.split("x"))
    walk = Walk(home, Path(args.out) / args.size, (w, h), args.records)
    try:
        walk.run(args.only)
    finally:
        walk.close()
        shutil.rmtree(home, ignore_errors=True)
    print(f"{len(walk.saved)} screenshots in {Path(args.out) / args.size}")
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    rc = main()
    print(f"done in {time.perf_counter() - t0:.1f} s")
    sys.exit(rc)
