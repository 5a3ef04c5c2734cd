"""Backups in the app: the daily backup after unlocking, Back up now, and restoring a backup from
Settings (while unlocked), from the unlock window and from the first-run window (a new laptop)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.gui.conftest import PASSWORD, ROOT, SUPERVISOR, seed, wait_idle


def _seed(ctx: Any, n: int, seed_value: int) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from seed import seed as seed_more

    seed_more(ctx, n, seed_value=seed_value)


def _ids(ctx: Any) -> set[str]:
    with ctx.db.reader() as uow:
        return set(uow.session.scalars(text("SELECT id FROM registration")))


def _backups(home: Path) -> list[Path]:
    return sorted((home / "backups").glob("*.fieldreg-backup"))


def test_the_day_s_first_unlock_makes_the_daily_backup(qtbot: Any, main: Any,
                                                       controller: Any, home: Path) -> None:
    qtbot.waitUntil(lambda: len(_backups(home)) == 1, timeout=15_000)
    assert "-daily.fieldreg-backup" in _backups(home)[0].name
    wait_idle(qtbot, controller)
    controller.daily_backup(controller.ctx)  # later the same day: nothing more
    wait_idle(qtbot, controller)
    assert len(_backups(home)) == 1


def _settings(qtbot: Any, main: Any) -> Any:
    main.show_page("settings")
    page = main.page("settings")
    qtbot.waitUntil(lambda: page.backups.last.text() != "", timeout=10_000)
    return page


def test_back_up_now_from_settings(qtbot: Any, main: Any, controller: Any, home: Path) -> None:
    seed(main.ctx, 4)
    page = _settings(qtbot, main)
    wait_idle(qtbot, controller)
    before = len(_backups(home))
    page.backups.now_button.click()
    qtbot.waitUntil(lambda: page.backups.banner.isVisible(), timeout=10_000)
    assert page.backups.banner.kind == "success"
    assert len(_backups(home)) == before + 1
    qtbot.waitUntil(lambda: "4" in page.backups.last.text(), timeout=10_000)


def _run_restore_dialog(qtbot: Any, parent: Any, password: str) -> Any:
    from ui.restore_dialog import RestoreDialog

    qtbot.waitUntil(lambda: any(isinstance(w, RestoreDialog) and w.isVisible()
                                for w in parent.findChildren(RestoreDialog)), timeout=5_000)
    dlg = next(w for w in parent.findChildren(RestoreDialog) if w.isVisible())
    assert dlg.volunteer.currentText() == SUPERVISOR
    dlg.password.setText(password)
    dlg.ok.click()
    return dlg


def test_restore_from_settings_while_unlocked(qtbot: Any, main: Any, controller: Any,
                                              home: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    from fieldreg.services import backups

    seed(main.ctx, 5)
    kept = _ids(main.ctx)
    backup = backups.make_backup(main.ctx, folders=[])[0]
    _seed(main.ctx, 2, seed_value=99)  # after the backup
    page = _settings(qtbot, main)
    monkeypatch.setattr("ui.restore_dialog.choose_backup_file", lambda *_a: backup)

    # A wrong password is refused in the dialog, and nothing is closed or changed.
    page.backups.restore()
    dlg = _run_restore_dialog(qtbot, main, "bukan-sandinya")
    qtbot.waitUntil(lambda: dlg.password_box.message.property("role") == "error",
                    timeout=10_000)
    assert controller.ctx is main.ctx and len(_ids(main.ctx)) == 7
    dlg.reject()

    page.backups.restore()
    _run_restore_dialog(qtbot, main, PASSWORD)
    qtbot.waitUntil(lambda: controller.main is not None and controller.main is not main,
                    timeout=20_000)
    assert _ids(controller.ctx) == kept
    assert list((home / "backups").glob("replaced-*"))


def test_restore_from_the_unlock_window_when_the_database_is_broken(
        qtbot: Any, controller: Any, initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldreg.services import accounts, backups

    ctx = accounts.unlock(initialised, SUPERVISOR, PASSWORD)
    seed(ctx, 3)
    kept = _ids(ctx)
    backup = backups.make_backup(ctx, folders=[])[0]
    ctx.close()
    (initialised / "fieldreg.db").write_bytes(b"\0" * 8192)  # the disk lost it

    warned: list[str] = []  # the backup's passwords are in force again: said, and answered
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda _parent, title, *_a: warned.append(title))
    controller.start()
    u = controller.window
    monkeypatch.setattr("ui.restore_dialog.choose_backup_file", lambda *_a: backup)
    u.restore_link.click()
    _run_restore_dialog(qtbot, u, PASSWORD)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=20_000)
    assert _ids(controller.ctx) == kept
    assert warned == ["Kata sandi lama berlaku lagi"]


def test_restore_on_a_new_laptop_from_the_first_run_window(
        qtbot: Any, controller: Any, home: Path, _template_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldreg.services import accounts, backups

    old = tmp_path / "old-laptop"
    shutil.copytree(_template_home, old)
    ctx = accounts.unlock(old, SUPERVISOR, PASSWORD)
    seed(ctx, 2)
    kept = _ids(ctx)
    backup = backups.make_backup(ctx, folders=[])[0]
    ctx.close()

    controller.start()  # an empty data folder: the first-run window
    w = controller.window
    monkeypatch.setattr("ui.restore_dialog.choose_backup_file", lambda *_a: backup)
    w._restore()
    _run_restore_dialog(qtbot, w, PASSWORD)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=20_000)
    assert _ids(controller.ctx) == kept
    assert (home / "keyslots.json").exists()
