"""The Sync page against a real district server process (tests/live_server.py): enrol with the
district officer's code, send, see the result, the history and the statuses in Participants;
a wrong code, a server that is down, a revoked laptop, Cancel while waiting to retry, and the
automatic sync. The engine runs as in the app; only its retry waits are shortened."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from fieldreg.domain.codes import Status
from fieldreg.services import accounts, registrations
from fieldreg.services import sync as sync_service
from fieldreg.services.sync import Progress, Result, SyncReport
from tests.gui.conftest import PASSWORD, wait_idle
from tests.live_server import LiveServer, start_server
from tools.sample_data import SampleFactory

SYNC_TIMEOUT = 60_000


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    s = start_server(tmp_path / "server-home")
    try:
        yield s
    finally:
        s.stop()


def engine_options(**kw: Any) -> Any:
    from fieldreg.sync.engine import EngineOptions

    base = dict(backoff_base=0.05, backoff_cap=0.2, max_failures=2, connect_timeout=2.0,
                read_timeout=20.0)
    base.update(kw)
    return EngineOptions(**base)


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The app's own sync and enrol calls, with short waits between retries."""
    opts: dict[str, Any] = {"options": engine_options()}
    real_sync, real_enrol = sync_service.sync, sync_service.enrol

    def fast_sync(ctx: Any, **kw: Any) -> Any:
        kw.setdefault("options", opts["options"])
        return real_sync(ctx, **kw)

    def fast_enrol(ctx: Any, url: str, code: str, **kw: Any) -> Any:
        kw.setdefault("options", opts["options"])
        return real_enrol(ctx, url, code, **kw)

    monkeypatch.setattr(sync_service, "sync", fast_sync)
    monkeypatch.setattr(sync_service, "enrol", fast_enrol)
    return opts


@pytest.fixture
def page(qtbot: Any, main: Any, controller: Any, fast_retries: Any) -> Any:
    main.auto_sync.stop()  # the tests tick it by hand
    main.show_page("sync")
    wait_idle(qtbot, controller)
    p = main.page("sync")
    qtbot.waitUntil(lambda: main.sync.status is not None)
    return p


def save_ready(ctx: Any, n: int, seed: int = 7) -> list[Any]:
    factory = SampleFactory(seed=seed, today=ctx.today_fn())
    return [registrations.save(ctx, factory.data(), ready=True).registration for _ in range(n)]


def enrol(qtbot: Any, page: Any, controller: Any, server: LiveServer) -> None:
    panel = page.enrol_panel
    panel.server.setText(server.url)
    panel.code.setText(server.enrolment_code())
    qtbot.mouseClick(panel.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 1, timeout=SYNC_TIMEOUT)
    wait_idle(qtbot, controller)


def press_sync(qtbot: Any, page: Any, controller: Any) -> SyncReport:
    sync = page.main.sync
    with qtbot.waitSignal(sync.finished, timeout=SYNC_TIMEOUT) as blocker:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller, SYNC_TIMEOUT)
    report: SyncReport = blocker.args[0]
    return report


def other_laptop_registers(tmp_path: Path, server: LiveServer, data: Any) -> str:
    """A second laptop of the district registers ``data`` and syncs: its participant number."""
    home = tmp_path / "other-laptop"
    accounts.initialise(home, device_name="Laptop Desa Kedua", regency_code="15.05",
                        volunteer_name="Budi Santoso", password=PASSWORD)
    ctx = accounts.unlock(home, "Budi Santoso", PASSWORD)
    try:
        sync_service.enrol(ctx, server.url, server.enrolment_code(), options=engine_options())
        reg = registrations.save(ctx, data, ready=True).registration
        report = sync_service.sync(ctx, options=engine_options())
        assert report.result is Result.OK and report.applied == 1, report
        number = registrations.get(ctx, reg.id).participant_number
        assert number
        return number
    finally:
        ctx.close()


# -- the main path ---------------------------------------------------------------------------
def test_enrol_send_result_history_and_participants(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer, tmp_path: Path
) -> None:
    ctx = controller.ctx
    # not enrolled: the first step, and the status bar says so
    assert page.stack.currentIndex() == 0
    title = page.enrol_panel.code_box.title.text()
    assert "Kode pendaftaran laptop dari petugas kabupaten" in title
    assert "belum didaftarkan" in main.status.server.text()
    # three records, and one whose NIK another laptop of the district registered first
    factory = SampleFactory(seed=99, today=ctx.today_fn())
    taken = factory.data()
    holder_number = other_laptop_registers(tmp_path, server, taken)
    mine = save_ready(ctx, 3)
    dup = registrations.save(ctx, taken, ready=True).registration
    main.data_changed.emit()

    enrol(qtbot, page, controller, server)
    assert page.banner.kind == "success" and "Muaro Jambi" in page.banner.text.text()
    assert "Muaro Jambi" in page.district.text() and page.server_url.text() == server.url
    assert page.waiting.text() == "4 orang"
    assert main.status.server.text() == "Server: terjangkau"
    assert controller.settings.server_url == server.url

    report = press_sync(qtbot, page, controller)
    assert report.result is Result.OK and report.applied == 3 and report.duplicate == 1
    # the result in words, with the way to the record that needs fixing
    assert page.result.isVisible() and page.result.kind == "warning"
    words = page.result.text.text()
    assert "3 diterima" in words and "1 sudah terdaftar di tempat lain" in words
    assert page.result.action.isVisible()
    assert page.waiting.text() == "Tidak ada"
    assert page.fixing.text() == "1 data dikembalikan oleh server kabupaten dan perlu diperbaiki."
    assert not page.fix_button.isVisible()  # one way there: the result's own button
    # the history row
    h = page.history.history
    assert h.rowCount() == 1
    assert [h.data(h.index(0, c)) for c in (1, 2, 3, 4, 5)] == [
        "Tombol", "Terkirim, ada yang perlu diperbaiki", "4", "3", "1"]
    assert " KB / " in h.data(h.index(0, 7))
    # the status bar after the run
    assert main.status.last_sync.text().startswith("Sinkron terakhir: hari ini")
    assert main.status.queue.text() == "Menunggu kirim: 0 orang"

    # Participants: only the one that needs fixing, with who holds the NIK (never a NIK)
    qtbot.mouseClick(page.result.action, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller)
    part = main.page("participants")
    assert main.current_page_key() == "participants"
    assert part.status.currentData() == "needs_fixing"
    assert part.model.rowCount() == 1 and part.model.row_at(0).id == dup.id
    assert part.outcome_column_visible()
    assert part.model.row_at(0).outcome_code == "duplicate"  # comes with the row
    from ui.participants.model import OUTCOME_COLUMN

    said = part.model.data(part.model.index(0, OUTCOME_COLUMN))
    assert said.startswith("Sudah terdaftar:")
    assert holder_number[:4] in said.replace(" ", "")
    assert taken.nik not in said
    part.table.selectRow(0)
    assert part.outcome.isVisible() and part.outcome.open_button.isVisible()
    assert "Laptop Desa Kedua" in part.outcome.text.text()  # the holder's laptop, in full
    assert taken.nik not in part.outcome.text.text()
    # the accepted ones show their numbers
    part.status.setCurrentIndex(part.status.findData("accepted"))
    part.reload()
    wait_idle(qtbot, controller)
    assert part.model.rowCount() == 3
    numbers = {registrations.get(ctx, r.id).participant_number for r in mine}
    shown = {part.model.data(part.model.index(r, OUTCOME_COLUMN)) for r in range(3)}
    assert {s.replace("No. ", "").replace(" ", "") for s in shown} == numbers

    # opening the duplicate to fix it and saving it queues it again
    part.show_needs_fixing()
    wait_idle(qtbot, controller)
    part.table.selectRow(0)
    qtbot.mouseClick(part.outcome.open_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller)
    reg_page = main.page("register")
    assert reg_page.record_id == dup.id
    # the volunteer finds the NIK was typed wrongly: the right one (with its birth date)
    from ui.registration import form_io

    right = factory.data()
    fixed = replace(taken, nik=right.nik, birth_date=right.birth_date, sex=right.sex)
    form_io.set_data(reg_page.form, fixed)
    for name in ("nik", "birth_date", "sex"):
        reg_page.form._user_edit(name, immediate=True)
    with qtbot.waitSignal(reg_page.saved, timeout=10_000):
        reg_page.save(ready=True)
    wait_idle(qtbot, controller)
    assert registrations.get(ctx, dup.id).status is Status.READY
    main.show_page("sync")
    wait_idle(qtbot, controller)
    assert page.waiting.text() == "1 orang"
    assert not page.fix_button.isVisible()


def test_rejected_and_changed_by_the_district_say_why_in_participants(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer
) -> None:
    from tests.sync.conftest import rewrite_pending_payload
    from ui.participants.model import COLUMNS, OUTCOME_COLUMN

    ctx = controller.ctx
    a, b, _c = save_ready(ctx, 3)

    def old_village(doc: dict[str, Any]) -> None:  # written under older rules
        doc["data"]["village_code"] = "15.05.01.2999"

    rewrite_pending_payload(ctx, b.id, old_village)
    enrol(qtbot, page, controller, server)
    report = press_sync(qtbot, page, controller)
    assert (report.applied, report.rejected) == (2, 1)
    # the district verifies one while the volunteer edits it: a conflict
    server.admin("registrations", "verify", a.participant_number or "")
    registrations.save(ctx, replace(a.data, street="Jl. Baru 1"), ready=True, record_id=a.id)
    report = press_sync(qtbot, page, controller)
    assert report.conflict == 1
    assert page.fix_button.text() == "Lihat data yang perlu diperbaiki (2)"
    qtbot.mouseClick(page.fix_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller)
    part = main.page("participants")
    assert part.model.rowCount() == 2
    rows = {part.model.row_at(r).id: r for r in range(2)}
    assert all(part.model.row_at(r).outcome_code for r in rows.values())  # with the rows
    said = {rid: part.model.data(part.model.index(r, OUTCOME_COLUMN))
            for rid, r in rows.items()}
    assert said[a.id] == "Diubah kabupaten: buka, periksa, simpan lagi"
    assert said[b.id].startswith("Desa/kelurahan: Kode desa 15.05.01.2999 tidak ada")
    part.table.selectRow(rows[b.id])
    assert "Buka datanya, perbaiki, lalu simpan lagi" in part.outcome.text.text()
    tip = part.model.data(part.model.index(rows[b.id], COLUMNS.index("status")),
                          Qt.ItemDataRole.ToolTipRole)
    assert "Server kabupaten menolak data ini" in tip


# -- refusals and trouble -------------------------------------------------------------------
def test_wrong_code_and_bad_address_are_said_next_to_their_field(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer
) -> None:
    panel = page.enrol_panel
    panel.server.setText("bpjs-sync.jambiprov.go.id")
    panel.code.setText("ABCD-1234")
    panel.enrol()
    assert panel.server_box.problem_text and not panel.code_box.problem_text
    assert panel.task is None  # refused before asking anyone
    panel.server.setText(server.url)
    panel.code.setText("")
    panel.enrol()
    assert "kode pendaftaran" in panel.code_box.problem_text.lower()
    panel.code.setText("SALAH-KODE-99")
    qtbot.mouseClick(panel.enrol_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller, SYNC_TIMEOUT)
    assert panel.code_box.problem_text
    assert not panel.server_box.problem_text
    assert panel.enrol_button.isEnabled()
    assert page.stack.currentIndex() == 0
    assert not main.sync.enrolled


def test_a_code_of_another_district_is_said_under_the_code(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer
) -> None:
    server.admin("district", "add", "15.06", "Tanjung Jabung Timur")
    panel = page.enrol_panel
    panel.server.setText(server.url)
    panel.code.setText(server.enrolment_code("15.06"))  # this laptop is Muaro Jambi's
    qtbot.mouseClick(panel.enrol_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller, SYNC_TIMEOUT)
    assert "untuk kabupaten lain" in panel.code_box.problem_text
    assert not panel.server_box.problem_text
    assert page.stack.currentIndex() == 0 and not main.sync.enrolled


def test_unreachable_address_is_said_under_the_address(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer
) -> None:
    url = server.url
    code = server.enrolment_code()
    server.stop()
    panel = page.enrol_panel
    panel.server.setText(url)
    panel.code.setText(code)
    panel.enrol()
    wait_idle(qtbot, controller, SYNC_TIMEOUT)
    assert panel.server_box.problem_text
    assert not panel.code_box.problem_text
    assert page.stack.currentIndex() == 0


def test_server_down_says_offline_and_keeps_the_queue(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer
) -> None:
    ctx = controller.ctx
    enrol(qtbot, page, controller, server)
    save_ready(ctx, 2)
    main.data_changed.emit()
    server.stop()
    report = press_sync(qtbot, page, controller)
    assert report.result is Result.OFFLINE
    assert page.result.kind == "warning"
    words = page.result.text.text()
    assert "tidak bisa dihubungi" in words and "2 data" in words
    assert main.sync.status.pending == 2
    assert page.waiting.text() == "2 orang"
    assert main.status.server.text() == "Server: tidak terjangkau"
    assert page.connection.text() == "Server tidak bisa dihubungi saat ini"
    h = page.history.history
    assert h.data(h.index(0, 2)) == "Tidak ada koneksi"
    assert page.sync_button.isEnabled()


def test_revoked_laptop_pauses_and_keeps_the_queue(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer
) -> None:
    ctx = controller.ctx
    enrol(qtbot, page, controller, server)
    save_ready(ctx, 1)
    server.admin("devices", "revoke", ctx.device_id)
    report = press_sync(qtbot, page, controller)
    assert report.result is Result.REVOKED
    assert page.paused_box.isVisible()
    assert page.paused_box.heading.text() == "Pengiriman dijeda"
    assert "mencabut akses" in page.paused_box.text.text()
    assert "Hubungi petugas kabupaten" in page.paused_box.text.text()
    assert not page.paused_box.action.isVisible()  # a revoked laptop is never taken back
    assert not page.result.isVisible()  # said once, in the paused box
    assert not page.sync_button.isEnabled()  # pressing again cannot help
    assert main.status.server.text() == "Server: pengiriman dijeda"
    assert page.connection.text() == "Dijeda: akses dicabut"
    assert main.sync.status.pending == 1  # nothing lost
    # no automatic sync while paused, even when reachable and something waits
    assert not main.auto_sync.should_send(main.sync.status, True)
    assert main.auto_sync.tick()  # a check reads the status, never pings
    wait_idle(qtbot, controller)
    assert main.sync.reachable is None and main.sync.report.result is Result.REVOKED
    assert main.sync.status.pending == 1


def test_refused_token_offers_a_new_enrolment(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer
) -> None:
    """A token the server no longer knows (not a revocation): a new code lifts the pause."""
    enrol(qtbot, page, controller, server)
    main.sync.status = replace(main.sync.status, paused="unauthorized")
    page._status_changed(main.sync.status)
    assert page.paused_box.isVisible() and page.paused_box.action.isVisible()
    assert page.connection.text() == "Dijeda: ditolak oleh server"
    assert "kode pendaftaran baru" in page.paused_box.text.text()
    qtbot.mouseClick(page.paused_box.action, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 0 and page.enrol_panel.back_button.isVisible()
    assert page.enrol_panel.title.text() == "Daftarkan ulang laptop ini dengan kode baru"
    qtbot.mouseClick(page.enrol_panel.back_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 1
    qtbot.mouseClick(page.paused_box.action, Qt.MouseButton.LeftButton)
    page.enrol_panel.code.setText(server.enrolment_code())
    qtbot.mouseClick(page.enrol_panel.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 1, timeout=SYNC_TIMEOUT)
    wait_idle(qtbot, controller)
    assert not page.paused_box.isVisible()
    assert main.sync.status.enrolled and not main.sync.status.paused


def test_cancel_while_waiting_to_retry(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer,
    fast_retries: dict[str, Any]
) -> None:
    ctx = controller.ctx
    enrol(qtbot, page, controller, server)
    save_ready(ctx, 3)
    main.data_changed.emit()
    server.stop()
    fast_retries["options"] = engine_options(backoff_base=20.0, backoff_cap=30.0,
                                             max_failures=5, rng=_Fixed())
    sync = main.sync
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert not page.sync_button.isEnabled() and page.sync_button.text() == "Mengirim…"
    qtbot.waitUntil(lambda: sync.progress is not None and sync.progress.phase == "wait",
                    timeout=SYNC_TIMEOUT)
    qtbot.waitUntil(lambda: "Mencoba lagi dalam" in page.progress_text.text())
    assert page.progress_box.isVisible() and page.cancel_button.isEnabled()
    assert main.status.server.text().startswith("Mengirim")
    with qtbot.waitSignal(sync.finished, timeout=10_000) as blocker:
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].result is Result.CANCELLED
    wait_idle(qtbot, controller)
    assert not page.progress_box.isVisible()
    assert page.result.kind == "info" and "Dihentikan" in page.result.text.text()
    assert main.sync.status.pending == 3
    assert page.sync_button.isEnabled()


def test_locking_stops_a_sync_waiting_to_retry(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer,
    fast_retries: dict[str, Any]
) -> None:
    """Locking cancels every task: a sync waiting 30 s to retry stops at once, the queue kept."""
    import time

    ctx = controller.ctx
    enrol(qtbot, page, controller, server)
    save_ready(ctx, 2)
    server.stop()
    fast_retries["options"] = engine_options(backoff_base=30.0, backoff_cap=30.0,
                                             max_failures=5, rng=_Fixed())
    sync = main.sync
    sync.start("manual")
    qtbot.waitUntil(lambda: sync.progress is not None and sync.progress.phase == "wait",
                    timeout=SYNC_TIMEOUT)
    t0 = time.monotonic()
    controller.lock("user")
    assert time.monotonic() - t0 < 4.0
    assert controller.main is None
    u = controller.window
    u.password.setText(PASSWORD)
    u.try_unlock()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
    wait_idle(qtbot, controller)
    st = sync_service.status(controller.ctx)
    assert st.pending == 2 and st.enrolled and not st.paused
    runs = sync_service.history(controller.ctx)
    assert runs[0].result == "cancelled"


class _Fixed:
    """A jitter that always waits the longest: the wait is long enough to be seen."""

    def random(self) -> float:
        return 1.0

    def uniform(self, a: float, b: float) -> float:
        return b


# -- automatic sync -------------------------------------------------------------------------
def test_automatic_sync_sends_when_reachable_and_waiting(
    qtbot: Any, main: Any, controller: Any, page: Any, server: LiveServer
) -> None:
    ctx = controller.ctx
    auto = main.auto_sync
    enrol(qtbot, page, controller, server)
    # nothing waiting: a check, no sync
    with qtbot.waitSignal(main.sync.status_changed, timeout=SYNC_TIMEOUT):
        assert auto.tick()
    wait_idle(qtbot, controller)
    assert main.sync.report is None and main.sync.reachable is True
    # off in the settings: records wait for the button
    save_ready(ctx, 2)
    controller.settings = replace(controller.settings, auto_sync=False)
    auto.tick()
    wait_idle(qtbot, controller)
    assert main.sync.report is None
    # on: they go by themselves
    controller.settings = replace(controller.settings, auto_sync=True)
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_TIMEOUT) as blocker:
        auto.tick()
    assert blocker.args[0].result is Result.OK and blocker.args[0].applied == 2
    wait_idle(qtbot, controller)
    h = page.history.history
    assert h.data(h.index(0, 1)) == "Otomatis"
    assert main.status.queue.text() == "Menunggu kirim: 0 orang"
    # down: the status bar says so, and nothing starts
    save_ready(ctx, 1, seed=8)
    server.stop()
    auto.tick()
    wait_idle(qtbot, controller, SYNC_TIMEOUT)
    assert main.sync.reachable is False
    assert main.status.server.text() == "Server: tidak terjangkau"
    assert main.sync.status.pending == 1


def test_automatic_sync_waits_longer_after_a_failed_run(qtbot: Any, main: Any) -> None:
    from fieldreg.services.sync import SyncStatus

    auto = main.auto_sync
    auto.stop()
    now = [1000.0]
    auto.clock = lambda: now[0]
    st = SyncStatus(enrolled=True, server_url="http://x", pending=3)
    assert auto.should_send(st, True)
    assert not auto.should_send(st, False)
    assert not auto.should_send(replace(st, pending=0), True)
    assert not auto.should_send(replace(st, paused="revoked"), True)
    assert not auto.should_send(SyncStatus(enrolled=False, pending=3), True)
    main.sync.trigger = "auto"
    main.sync.finished.emit(SyncReport(Result.SERVER_ERROR, remaining=3))
    assert not auto.should_send(st, True)
    now[0] += 121
    assert auto.should_send(st, True)
    main.sync.finished.emit(SyncReport(Result.SERVER_ERROR, remaining=3))
    now[0] += 121
    assert not auto.should_send(st, True)  # 4 minutes the second time
    main.sync.finished.emit(SyncReport(Result.OK))
    assert auto.should_send(st, True)


# -- words ----------------------------------------------------------------------------------
def test_results_in_plain_indonesian(qtbot: Any, main: Any) -> None:
    from ui.sync.words import report_text, size_text

    assert report_text(SyncReport(Result.OK, sent=5, applied=5)) == (
        "success", "Semua terkirim: 5 diterima.")
    kind, words = report_text(SyncReport(Result.OK, sent=4, applied=2, duplicate=1,
                                         rejected=1))
    assert kind == "warning"
    assert "2 diterima, 1 sudah terdaftar di tempat lain (ganda), 1 ditolak" in words
    assert "tidak bisa dihubungi" in report_text(SyncReport(Result.OFFLINE, remaining=7))[1]
    assert "7 data" in report_text(SyncReport(Result.OFFLINE, remaining=7))[1]
    assert "login Wi-Fi" in report_text(SyncReport(Result.NOT_OUR_SERVER))[1]
    for r in (Result.REVOKED, Result.UNAUTHORIZED):
        kind, words = report_text(SyncReport(r))
        assert kind == "error" and "Hubungi petugas kabupaten" in words.replace(
            "petugas kabupaten:", "petugas kabupaten")
    assert size_text(0) == "0 KB" and size_text(1500) == "2 KB"
    assert size_text(3 * 1024 * 1024 + 200_000) == "3,2 MB"


def test_outcome_words_for_each_answer(qtbot: Any, main: Any) -> None:
    from ui.participants.outcome import outcome_words

    short, full = outcome_words(Status.REJECTED, "X", "rejected", {"problems": [
        {"field": "phone", "code": "phone_invalid", "params": {}},
        {"field": "birth_date", "code": "date_in_future", "params": {}}]})
    assert short.startswith("No. HP:") and "(dan 1 lainnya)" in short
    assert "Tanggal lahir: Tanggal tidak boleh di masa depan." in full
    assert "simpan lagi" in full
    short, _full = outcome_words(Status.REJECTED, None, "conflict", {"problems": [
        {"field": "_entry", "code": "changed_by_district", "params": {}}]})
    assert short == "Diubah kabupaten: buka, periksa, simpan lagi"
    short, full = outcome_words(Status.DUPLICATE, None, "duplicate", {"holder": {
        "participant_number": None, "village_name": "Sungai Gelam", "device_name": "Laptop 2",
        "same_device": False}})
    assert short == "Sudah terdaftar: (belum bernomor) (Sungai Gelam)"
    assert "(Sungai Gelam, Laptop 2)" in full
    short, _full = outcome_words(Status.DUPLICATE, None, "duplicate", {"holder": {
        "participant_number": None, "same_device": True}})
    assert short.startswith("Sudah ada di laptop ini")
    assert outcome_words(Status.READY, "X", "", None) == ("", "")


def test_settings_auto_sync_and_server_address(qtbot: Any, main: Any, controller: Any,
                                               initialised: Path) -> None:
    import json

    main.show_page("settings")
    sp = main.page("settings")
    assert sp.auto_sync.isChecked()  # on by default
    assert sp.auto_sync.text() == "Kirim otomatis saat server terjangkau"
    for bad in ("bpjs-sync.jambiprov.go.id", "https://", "http://server:99999",
                "ftp://server", "https://server kab"):
        sp.server.setText(bad)
        sp.save()
        wait_idle(qtbot, controller)
        assert sp.server_box.problem_text, bad
    sp.server.setText("http://192.168.1.20:8750/")
    sp.auto_sync.setChecked(False)
    sp.save()
    wait_idle(qtbot, controller)
    saved = json.loads((initialised / "settings.json").read_text())
    assert saved["server_url"] == "http://192.168.1.20:8750" and saved["auto_sync"] is False
    assert controller.settings.auto_sync is False
    main.show_page("sync")
    assert "Kirim otomatis mati" in main.page("sync").auto_text.text()


def test_progress_in_words(qtbot: Any, main: Any, controller: Any) -> None:
    """The progress strip as the engine reports (push, wait, pull), without a server."""
    main.auto_sync.stop()
    main.show_page("sync")
    p = main.page("sync")
    p._started("manual")
    p._progressed(Progress("push", 40, 120, 52_000, 3_000))
    assert p.progress_text.text() == "Mengirim: 40 dari 120 data (51 KB dikirim, 3 KB diterima)"
    assert p.progress_bar.maximum() == 120 and p.progress_bar.value() == 40
    p._progressed(Progress("wait", 40, 120, 52_000, 3_000, wait_seconds=7.2))
    assert p.progress_text.text().startswith("Server belum menjawab. Mencoba lagi dalam 8 detik")
    p._tick_wait()
    p._countdown.stop()
    p._progressed(Progress("pull", 120, 120, 150_000, 9_000))
    assert p.progress_text.text().startswith("Mengambil nomor dan status")
    p._finished(SyncReport(Result.PARTIAL, sent=120, applied=120, remaining=0,
                           stop=Result.OFFLINE))
    assert not p.progress_box.isVisible()
    assert "statusnya" in p.result.text.text() or "status" in p.result.text.text()
