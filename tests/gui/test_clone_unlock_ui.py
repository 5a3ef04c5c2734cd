"""What the app says after two review findings of issue 11, item 7: a data folder copied to
another machine (a disk image, not a restore) is a new device at unlock, and a backup from
before a password change with a new database key brings the old passwords back."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.gui.conftest import PASSWORD, SUPERVISOR, seed
from tests.gui.test_backups_ui import _ids, _run_restore_dialog


def _boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """The message boxes the app shows (kind, title, text), answered at once."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda _parent, title, body, *a, _k=kind: shown.append((_k, title, body))))

    def exec_(box: QMessageBox) -> int:
        shown.append(("box", box.windowTitle(), box.text()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def test_a_copied_data_folder_is_a_new_device_at_unlock_and_the_app_says_so(
        qtbot: Any, controller: Any, home: Path, _template_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldreg.domain import participant_number
    from fieldreg.services import accounts, identity

    first = tmp_path / "first-laptop"
    shutil.copytree(_template_home, first)
    ctx = accounts.unlock(first, SUPERVISOR, PASSWORD)
    seed(ctx, 2)
    kept, old_id = _ids(ctx), ctx.device_id
    ctx.close()
    shutil.copytree(first, home)  # a disk image of the first laptop, opened elsewhere

    monkeypatch.setenv(identity.ENV, "another-machine")
    shown = _boxes(monkeypatch)
    controller.start()
    u = controller.window
    u.password.setText(PASSWORD)
    u.try_unlock()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=20_000)
    assert _ids(controller.ctx) == kept
    new_id = controller.ctx.device_id
    assert new_id != old_id
    with controller.ctx.db.reader() as uow:
        prefix = participant_number.device_part(uow.device.get().public_key)
    ((_kind, title, body),) = shown
    assert title == "Laptop ini kini perangkat baru"
    assert "disalin" in body and prefix in body
    assert f"fieldreg-server devices transfer {old_id} {new_id}" in body


def test_restoring_a_backup_from_before_a_key_change_says_the_old_passwords_are_back(
        qtbot: Any, controller: Any, initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldreg.services import accounts, backups

    ctx = accounts.unlock(initialised, SUPERVISOR, PASSWORD)
    seed(ctx, 2)
    kept = _ids(ctx)
    backup = backups.make_backup(ctx, folders=[])[0]
    ctx.close()
    accounts.change_password_rekey(initialised, SUPERVISOR, PASSWORD,
                                   "kata-sandi-baru-2").context.close()

    shown = _boxes(monkeypatch)
    controller.start()
    u = controller.window
    monkeypatch.setattr("ui.restore_dialog.choose_backup_file", lambda *_a: backup)
    u.restore_link.click()
    _run_restore_dialog(qtbot, u, PASSWORD)  # the password as it was in the backup
    qtbot.waitUntil(lambda: controller.main is not None, timeout=20_000)
    assert _ids(controller.ctx) == kept
    assert controller.ctx.new_identity is None  # this same laptop
    ((kind, title, body),) = shown
    assert (kind, title) == ("warning", "Kata sandi lama berlaku lagi")
    assert "Pengaturan → Relawan" in body
