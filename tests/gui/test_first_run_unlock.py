"""First run by keyboard, unlocking, lock-out, idle lock, lock on demand, switching volunteer."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.gui.conftest import PASSWORD, wait_idle


def test_first_run_wizard_by_keyboard(qtbot: Any, controller: Any, home: Path) -> None:
    from ui.main_window import MainWindow

    controller.start()
    w = controller.window
    w.show()
    qtbot.keyClick(w.next, Qt.Key.Key_Space)  # welcome → laptop
    assert w.stack.currentIndex() == 1
    assert w.regency.currentData() == "15.05"  # Muaro Jambi preselected
    w.device_name.clear()
    qtbot.keyClicks(w.device_name, "Laptop Desa Sungai Gelam")
    qtbot.keyClick(w.device_name, Qt.Key.Key_Return)
    assert w.stack.currentIndex() == 2
    qtbot.keyClicks(w.vol_name, "Siti")
    qtbot.keyClicks(w.pw1, "rahasia-desa")
    qtbot.keyClicks(w.pw2, "rahasia-des")
    qtbot.keyClick(w.pw2, Qt.Key.Key_Return)
    assert w.stack.currentIndex() == 2
    assert "tidak sama" in w.pw2_box.problem_text
    qtbot.keyClicks(w.pw2, "a")
    qtbot.keyClick(w.pw2, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.stack.currentIndex() == 3, timeout=15_000)
    key = w.key_label.text()
    assert len(key) == 29 and key.count("-") == 5
    assert not w.next.isEnabled()  # not before the key is written down
    w.key_written.setChecked(True)
    qtbot.keyClick(w.next, Qt.Key.Key_Space)
    assert isinstance(controller.window, MainWindow)
    assert controller.ctx.volunteer_name == "Siti"
    assert controller.ctx.regency_code == "15.05"


def test_first_run_short_password_refused(qtbot: Any, controller: Any) -> None:
    controller.start()
    w = controller.window
    w._next()
    w._next()
    w.vol_name.setText("Siti")
    w.pw1.setText("pendek")
    w.pw2.setText("pendek")
    w._next()
    assert w.stack.currentIndex() == 2
    assert "8" in w.pw_box.problem_text


def test_wrong_password_then_right(qtbot: Any, controller: Any, initialised: Path) -> None:
    from ui.main_window import MainWindow

    controller.start()
    u = controller.window
    qtbot.keyClicks(u.password, "salah-sekali")
    qtbot.keyClick(u.password, Qt.Key.Key_Return)
    wait_idle(qtbot, controller)
    assert "Kata sandi salah" in u.password_box.problem_text
    assert "4" in u.password_box.problem_text
    qtbot.keyClicks(u.password, PASSWORD)
    qtbot.keyClick(u.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow), timeout=15_000)


def test_lockout_after_repeated_failures(qtbot: Any, controller: Any, initialised: Path,
                                         monkeypatch: Any) -> None:
    import fieldreg.store.lockout as lo

    clock = [datetime.now(UTC)]
    monkeypatch.setattr(lo, "_now", lambda: clock[0])
    controller.start()
    u = controller.window
    for _ in range(5):
        clock[0] += timedelta(seconds=30)  # past any throttle wait
        u.password.setText("salah-lagi")
        u.try_unlock()
        wait_idle(qtbot, controller)
    assert "Terkunci" in u.password_box.problem_text
    assert not u.unlock_button.isEnabled()
    assert not u.password.isEnabled()


def test_locked_volunteer_shown_locked_on_open(qtbot: Any, controller: Any,
                                               initialised: Path) -> None:
    data = json.loads((initialised / "keyslots.json").read_text())
    until = (datetime.now(UTC) + timedelta(minutes=15)).isoformat()
    counters = {f"pw:{s['volunteer_id']}": {"failures": 0, "locked_until": until, "lockouts": 1}
                for s in data["slots"] if s["kind"] == "password"}
    (initialised / "lockout.json").write_text(json.dumps({"format": 1, "counters": counters}))
    controller.start()
    u = controller.window
    assert "Terkunci" in u.password_box.problem_text
    assert not u.unlock_button.isEnabled()


def test_idle_lock_keeps_the_form(qtbot: Any, main: Any, controller: Any) -> None:
    from ui.unlock import UnlockWindow

    page = main.page("register")
    page.form.full_name.setText("NUR HALIMAH")
    page.form._user_edit("full_name")
    now = [1000.0]
    controller.clock = lambda: now[0]
    controller.note_activity()
    now[0] += controller.settings.idle_lock_minutes * 60 - 1
    assert not controller.check_idle()
    now[0] += 2
    assert controller.check_idle()
    assert isinstance(controller.window, UnlockWindow)
    assert controller.ctx is None
    u = controller.window
    assert "lama tidak dipakai" in u.reason.text.text()
    u.password.setText(PASSWORD)
    u.try_unlock()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
    wait_idle(qtbot, controller)
    p2 = controller.main.page("register")
    qtbot.waitUntil(lambda: p2.form.full_name.text() == "NUR HALIMAH", timeout=5000)
    assert p2.dirty


def test_lock_on_demand_and_switch_volunteer(qtbot: Any, main: Any, controller: Any) -> None:
    from ui.unlock import UnlockWindow

    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(controller.window, UnlockWindow)
    assert controller.window.selected_volunteer_id()
    controller.window.password.setText(PASSWORD)
    controller.window.try_unlock()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
    controller.lock("switch")
    assert isinstance(controller.window, UnlockWindow)


def test_recovery_dialog_shows_the_wait_under_the_key(qtbot: Any, controller: Any,
                                                       initialised: Path) -> None:
    """Wrong recovery keys are throttled like passwords (issue 11, item 4), and the wait is
    said under the recovery key, not under the new password."""
    from fieldreg.services import accounts
    from ui.recover_dialog import RecoverDialog

    controller.start()
    u = controller.window
    (vol,) = accounts.volunteers(initialised)
    dlg = RecoverDialog(initialised, controller.runner, vol.volunteer_id, vol.name, u)
    problems = []
    for _ in range(4):
        dlg.key.setText(accounts.new_recovery_key())
        dlg.pw1.setText("sandi-baru-123")
        dlg.pw2.setText("sandi-baru-123")
        dlg._go()
        wait_idle(qtbot, controller)
        problems.append(dlg.key_box.problem_text)
    assert all("Kunci pemulihan salah" in p for p in problems[:3])
    assert "Tunggu" in problems[3]
    assert dlg.pw_box.problem_text == ""


def test_recovery_key_lock_out_speaks_of_the_recovery_key(qtbot: Any, controller: Any,
                                                          initialised: Path,
                                                          monkeypatch: Any) -> None:
    """Locked out of the recovery key, the dialog does not say "use the recovery key" (the
    password lock-out's advice): it says the recovery key is locked and until when."""
    import fieldreg.store.lockout as lo
    from fieldreg.services import accounts
    from ui.recover_dialog import RecoverDialog

    clock = [datetime.now(UTC)]
    monkeypatch.setattr(lo, "_now", lambda: clock[0])
    controller.start()
    u = controller.window
    (vol,) = accounts.volunteers(initialised)
    dlg = RecoverDialog(initialised, controller.runner, vol.volunteer_id, vol.name, u)
    for _ in range(lo.LOCK_AFTER):
        clock[0] += timedelta(seconds=30)  # past any throttle wait
        dlg.key.setText(accounts.new_recovery_key())
        dlg.pw1.setText("sandi-baru-123")
        dlg.pw2.setText("sandi-baru-123")
        dlg._go()
        wait_idle(qtbot, controller)
    words = dlg.key_box.problem_text
    assert "Terkunci karena terlalu banyak kunci pemulihan salah" in words
    assert "Pakai kunci pemulihan" not in words and "kata sandi salah" not in words
    assert dlg.pw_box.problem_text == ""


def test_first_run_enter_moves_on_from_any_field(qtbot: Any, controller: Any,
                                                 home: Path) -> None:
    """Enter goes to the next page wherever the focus is (a language choice, a list), once."""
    controller.start()
    w = controller.window
    w.show()
    w.activateWindow()
    w.lang_id.setFocus()
    qtbot.keyClick(w.lang_id, Qt.Key.Key_Return)
    assert w.stack.currentIndex() == 1
    w.regency.setFocus()
    qtbot.keyClick(w.regency, Qt.Key.Key_Return)
    assert w.stack.currentIndex() == 2  # one page, not two
    w.back.setFocus()
    qtbot.keyClick(w.back, Qt.Key.Key_Return)  # Enter on a button presses that button
    assert w.stack.currentIndex() == 1
