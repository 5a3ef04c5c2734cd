"""The first-run restore of a lost laptop's backup made on another machine (issue 11, item 7):
the restored laptop is a new device with a new participant-number space, and the app says so
(in Indonesian first) with what to do next."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.gui.conftest import PASSWORD, SUPERVISOR, seed
from tests.gui.test_backups_ui import _ids, _run_restore_dialog


def test_first_run_restore_from_another_machine_is_a_new_device(
        qtbot: Any, controller: Any, home: Path, _template_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldreg.domain import participant_number
    from fieldreg.services import accounts, backups, identity

    monkeypatch.setenv(identity.ENV, "lost-laptop")
    old = tmp_path / "old-laptop"
    shutil.copytree(_template_home, old)
    ctx = accounts.unlock(old, SUPERVISOR, PASSWORD)
    seed(ctx, 2)
    kept = _ids(ctx)
    old_id = ctx.device_id
    with ctx.db.reader() as uow:
        old_key = uow.device.get().public_key  # type: ignore[union-attr]
    backup = backups.make_backup(ctx, folders=[])[0]
    ctx.close()

    monkeypatch.setenv(identity.ENV, "replacement-laptop")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []
    selectable: list[bool] = []

    def exec_(box: QMessageBox) -> int:  # the box is modal: read it instead of waiting
        shown.append((box.windowTitle(), box.text()))
        selectable.append(bool(box.textInteractionFlags()
                               & Qt.TextInteractionFlag.TextSelectableByMouse))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    controller.start()  # an empty data folder: the first-run window
    w = controller.window
    monkeypatch.setattr("ui.restore_dialog.choose_backup_file", lambda *_a: backup)
    w._restore()
    _run_restore_dialog(qtbot, w, PASSWORD)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=20_000)
    assert _ids(controller.ctx) == kept
    new_id = controller.ctx.device_id
    assert new_id != old_id
    with controller.ctx.db.reader() as uow:
        new_key = uow.device.get().public_key
    assert participant_number.device_part(new_key) != participant_number.device_part(old_key)
    ((title, body),) = shown
    assert title == "Laptop ini kini perangkat baru"
    # the admin's command on a line of its own, selectable so it can be copied
    assert f"\n\nfieldreg-server devices transfer {old_id} {new_id}" in body
    assert selectable == [True]
    assert "dibuat di laptop lain" in body
    assert participant_number.device_part(new_key) in body
