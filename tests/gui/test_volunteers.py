"""Settings → Volunteers: a supervisor adds a volunteer, anyone changes their own password;
the Argon2 work runs in the background, mistakes are explained under the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldreg.services import accounts
from fieldreg.services.errors import ServiceError
from tests.gui.conftest import PASSWORD, SUPERVISOR, wait_idle


@pytest.fixture
def section(qtbot: Any, main: Any, controller: Any) -> Any:
    main.show_page("settings")
    s = main.page("settings").volunteers
    wait_idle(qtbot, controller)
    return s


def test_lists_who_can_open(section: Any) -> None:
    assert f"{SUPERVISOR} (Anda)" in section.who.text()


def test_supervisor_adds_a_volunteer(qtbot: Any, section: Any, controller: Any,
                                     initialised: Path) -> None:
    section.name.setText("  Budi   Santoso ")
    section.role.setCurrentIndex(section.role.findData("volunteer"))
    section.add_pw.setText("sawit-pagi-2")
    section.add_pw2.setText("sawit-pagi-2")
    section.add_button.click()
    assert not section.add_button.isEnabled()  # busy while Argon2 works
    wait_idle(qtbot, controller)
    assert section.banner.kind == "success"
    assert "Budi Santoso" in section.banner.text.text()
    assert section.name.text() == "" and section.add_pw.text() == ""
    assert "Budi Santoso" in section.who.text()
    ctx = accounts.unlock(initialised, "Budi Santoso", "sawit-pagi-2")
    try:
        assert ctx.role == "volunteer"
    finally:
        ctx.close()


def test_add_refuses_mistakes_before_any_work(qtbot: Any, section: Any,
                                              controller: Any) -> None:
    section.add_button.click()
    assert "Wajib diisi" in section.name_box.problem_text
    assert "paling sedikit" in section.add_pw_box.problem_text
    section.name.setText("Budi")
    section.add_pw.setText("sawit-pagi-2")
    section.add_pw2.setText("sawit-pagi-3")
    section.add_button.click()
    assert section.name_box.problem_text == ""
    assert "tidak sama" in section.add_pw2_box.problem_text
    assert controller.runner.idle()
    assert [v.name for v in accounts.volunteers(controller.ctx.home)] == [SUPERVISOR]


def test_add_an_existing_name_is_refused(qtbot: Any, section: Any, controller: Any) -> None:
    section.name.setText(SUPERVISOR.upper())
    section.add_pw.setText("sawit-pagi-2")
    section.add_pw2.setText("sawit-pagi-2")
    section.add_button.click()
    wait_idle(qtbot, controller)
    assert "sudah ada" in section.name_box.problem_text
    assert section.add_button.isEnabled()
    assert section.add_pw.text() == "sawit-pagi-2"  # nothing typed is lost


def test_change_own_password(qtbot: Any, section: Any, controller: Any,
                             initialised: Path) -> None:
    section.old_pw.setText(PASSWORD)
    section.new_pw.setText("kopi-sore-77")
    section.new_pw2.setText("kopi-sore-77")
    section.change_button.click()
    assert not section.change_button.isEnabled()
    wait_idle(qtbot, controller)
    assert section.banner.kind == "success"
    assert section.old_pw.text() == section.new_pw.text() == ""
    accounts.unlock(initialised, "", "kopi-sore-77").close()
    with pytest.raises(ServiceError) as err:
        accounts.unlock(initialised, "", PASSWORD)
    assert err.value.code == "wrong_password"


def test_change_password_wrong_old_one(qtbot: Any, section: Any, controller: Any,
                                       initialised: Path) -> None:
    section.old_pw.setText("bukan-sandi-ku")
    section.new_pw.setText("kopi-sore-77")
    section.new_pw2.setText("kopi-sore-77")
    section.change_button.click()
    wait_idle(qtbot, controller)
    assert "Kata sandi salah" in section.old_box.problem_text
    assert section.old_pw.text() == "" and section.new_pw.text() == "kopi-sore-77"
    assert section.change_button.isEnabled()
    assert section.banner.kind != "success"
    accounts.unlock(initialised, "", PASSWORD).close()  # unchanged


def test_change_password_too_short_or_mismatch(qtbot: Any, section: Any,
                                               controller: Any) -> None:
    section.old_pw.setText(PASSWORD)
    section.new_pw.setText("pendek")
    section.new_pw2.setText("pendek")
    section.change_button.click()
    assert "paling sedikit" in section.new_box.problem_text
    section.new_pw.setText("kopi-sore-77")
    section.new_pw2.setText("kopi-sore-78")
    section.change_button.click()
    assert section.new_box.problem_text == ""
    assert "tidak sama" in section.new2_box.problem_text
    section.new_pw2.setText(PASSWORD)
    section.new_pw.setText(PASSWORD)
    section.change_button.click()
    assert "sama dengan yang sekarang" in section.new_box.problem_text
    section.old_pw.setText("")
    section.change_button.click()
    assert section.old_box.problem_text
    assert controller.runner.idle()  # nothing was started


def test_a_volunteer_cannot_add(qtbot: Any, controller: Any, initialised: Path) -> None:
    ctx = accounts.unlock(initialised, "", PASSWORD)
    accounts.add_volunteer(ctx, "Budi", "sawit-pagi-2")
    ctx.close()
    controller.start()
    u = controller.window
    u.volunteer.setCurrentIndex(u.volunteer.findText("Budi"))
    u.password.setText("sawit-pagi-2")
    u.try_unlock()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
    controller.main.show_page("settings")
    s = controller.main.page("settings").volunteers
    wait_idle(qtbot, controller)
    assert s.add_button is None
    assert "Budi (Anda)" in s.who.text()
    s.add_volunteer()  # nothing happens
    assert controller.runner.idle()


# -- a new database key with the password (issue 11, item 5) --------------------------------


def test_change_password_with_a_new_key_runs_off_the_gui_thread(
        qtbot: Any, section: Any, controller: Any, initialised: Path, tmp_path: Path) -> None:
    import threading
    import zipfile

    from PySide6.QtWidgets import QMessageBox

    from fieldreg.services import backups
    from fieldreg.store import rekey
    from fieldreg.store.keyslots import KeyFile

    old_ctx = controller.ctx
    old_backup = backups.make_backup(old_ctx)[0]
    with zipfile.ZipFile(old_backup) as z:
        z.extract("keyslots.json", tmp_path)
    old_slots = KeyFile.load(tmp_path / "keyslots.json")
    old_key = old_slots.open_password(old_ctx.volunteer_id, PASSWORD)
    threads: list[threading.Thread] = []
    hook = lambda _name: threads.append(threading.current_thread())  # noqa: E731
    rekey._STEPS.append(hook)
    try:
        section.old_pw.setText(PASSWORD)
        section.new_pw.setText("kopi-sore-77")
        section.new_pw2.setText("kopi-sore-77")
        section.rekey.setChecked(True)
        section.change_button.click()
        wait_idle(qtbot, controller)  # the current password is proved first, off the thread
        dlg = section.rekey_dialog
        assert dlg.isVisible() and controller.ctx is old_ctx  # nothing closed yet
        assert "Old backups still open with the old password" in dlg.old_backups_note.text() \
            or "Cadangan lama masih bisa dibuka dengan kata sandi lama" in \
            dlg.old_backups_note.text()
        dlg.ok.click()
        qtbot.waitUntil(lambda: controller.ctx is not None and controller.ctx is not old_ctx,
                        timeout=20_000)
    finally:
        rekey._STEPS.remove(hook)
    wait_idle(qtbot, controller)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert controller.main is not None  # the app is open again, under the new key
    assert controller.ctx.db_key != old_key
    assert not rekey.opens(initialised / "fieldreg.db", old_key)
    boxes = [b for b in controller.window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "kata sandi lama" in boxes[0].text().lower()
    accounts.unlock(initialised, "", "kopi-sore-77").close()
    with pytest.raises(ServiceError) as err:
        accounts.unlock(initialised, "", PASSWORD)
    assert err.value.code == "wrong_password"


def test_a_wrong_current_password_closes_nothing_before_a_new_key(
        qtbot: Any, section: Any, controller: Any) -> None:
    ctx = controller.ctx
    section.old_pw.setText("bukan-sandi-ku")
    section.new_pw.setText("kopi-sore-77")
    section.new_pw2.setText("kopi-sore-77")
    section.rekey.setChecked(True)
    section.change_button.click()
    wait_idle(qtbot, controller)
    assert "Kata sandi salah" in section.old_box.problem_text
    assert controller.ctx is ctx and not ctx.db.closed
    assert getattr(section, "rekey_dialog", None) is None


def test_the_rekey_dialog_grows_for_its_progress_and_keeps_every_line(
        qtbot: Any, section: Any, controller: Any) -> None:
    """While the key is changed the dialog shows a progress bar and says not to turn the
    laptop off; the words above keep every line (before, they were squeezed into the
    dialog's first height and cut off)."""
    import threading

    from PySide6.QtWidgets import QLabel

    from fieldreg.store import rekey

    go_on = threading.Event()
    hook = lambda _name: go_on.wait(20)  # noqa: E731  (holds the worker mid-way)
    rekey._STEPS.append(hook)
    try:
        section.old_pw.setText(PASSWORD)
        section.new_pw.setText("kopi-sore-77")
        section.new_pw2.setText("kopi-sore-77")
        section.rekey.setChecked(True)
        section.change_button.click()
        wait_idle(qtbot, controller)
        dlg = section.rekey_dialog
        dlg.renew.setChecked(True)
        dlg.ok.click()
        qtbot.waitUntil(lambda: dlg.progress.value() >= 1, timeout=20_000)
        qtbot.wait(50)  # the layout settles
        assert dlg.progress.isVisible()
        for w in dlg.findChildren(QLabel):
            if w.isVisible() and w.wordWrap():
                assert w.height() >= w.heightForWidth(w.width()), w.text()
        assert dlg.working.isVisible()
        assert "Jangan tutup aplikasi atau matikan laptop" in dlg.working.text()
    finally:
        go_on.set()
        rekey._STEPS.remove(hook)
    qtbot.waitUntil(lambda: controller.ctx is not None and controller.main is not None,
                    timeout=20_000)
    wait_idle(qtbot, controller)


def test_a_new_recovery_key_is_shown_until_it_is_written_down(qtbot: Any, main: Any) -> None:
    """The new recovery key is shown once, large and selectable; OK, Escape and closing the
    window do nothing until the volunteer ticks that it is written down."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from ui.rekey_dialog import show_result

    key = "JR5H-WYWP-NPP8-KR6Y-42XP-EZ4J"
    box = show_result(main, key, [])
    qtbot.waitUntil(box.isVisible)
    assert key in box.text() and "Kunci pemulihan baru" in box.text()
    assert box.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    ok = box.button(QMessageBox.StandardButton.Ok)
    written = box.checkBox()
    assert written is not None and "Saya sudah mencatat" in written.text()
    assert not ok.isEnabled()
    ok.click()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    box.close()
    qtbot.wait(50)
    assert box.isVisible()
    qtbot.keyClick(written, Qt.Key.Key_Space)  # by keyboard: tick, then Enter is OK
    assert written.isChecked() and ok.isEnabled()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())


def test_without_a_new_recovery_key_the_result_closes_at_once(qtbot: Any, main: Any) -> None:
    from PySide6.QtCore import Qt

    from ui.rekey_dialog import show_result

    box = show_result(main, None, ["Budi <Santoso>"])
    qtbot.waitUntil(box.isVisible)
    assert box.checkBox() is None
    assert "Budi &lt;Santoso&gt;" in box.text()  # rich text: a name is never markup
    assert "kata sandi lama tidak bisa lagi" in box.text().lower()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible())
