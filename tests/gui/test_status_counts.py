"""The status bar and the Sync page count people, not outbox entries; a passing note (today's
backup) never hides the volunteer and the queue."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fieldreg.services import registrations
from tests.gui.conftest import wait_idle
from tools.sample_data import SampleFactory


def test_a_record_edited_before_a_sync_is_one_person(qtbot: Any, main: Any,
                                                      controller: Any) -> None:
    ctx = main.ctx
    factory = SampleFactory(seed=5, today=ctx.today_fn())
    first = registrations.save(ctx, factory.data(), ready=True).registration
    data = registrations.get(ctx, first.id).data
    registrations.save(ctx, replace(data, phone="+6281299990000"), ready=True,
                       record_id=first.id)  # edited before any sync: a second change
    registrations.save(ctx, factory.data(), ready=True)  # another person
    main.data_changed.emit()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: main.status.waiting == 2, timeout=10_000)
    assert main.status.queue.text() == "Menunggu kirim: 2 orang"
    assert "3 perubahan untuk 2 orang" in main.status.queue.toolTip()
    main.show_page("sync")
    page = main.page("sync")
    qtbot.waitUntil(lambda: page.enrol_waiting.text() != "…", timeout=10_000)
    assert page.enrol_waiting.text() == "2 orang (3 perubahan)"


def test_the_backup_note_leaves_the_volunteer_and_queue_in_view(qtbot: Any, main: Any,
                                                                 controller: Any) -> None:
    bar = main.status
    qtbot.waitUntil(lambda: bar.note.isVisible(), timeout=15_000)  # today's backup is made
    assert "cadangan" in bar.note.text().lower()
    assert bar.volunteer.isVisible() and bar.queue.isVisible()
    assert bar.currentMessage() == ""
