"""Help: About shows the version and the data folder; Export diagnostics writes the file off
the GUI thread and says where it is; the version is always in the status bar."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from fieldreg import __version__
from fieldreg.services import registrations
from tests.gui.conftest import SUPERVISOR, wait_idle
from tools.sample_data import SampleFactory


def test_the_status_bar_shows_the_version_and_opens_about(qtbot: Any, main: Any) -> None:
    v = main.status.version
    assert __version__ in v.text() and v.isVisible()
    qtbot.mouseClick(v, Qt.MouseButton.LeftButton)
    dlg = main.help.about_dialog
    assert dlg is not None and dlg.isVisible()
    dlg.accept()


def test_about_shows_the_version_folder_and_licences(qtbot: Any, main: Any,
                                                     initialised: Path) -> None:
    actions = main.help_button.menu().actions()
    assert len(actions) == 2
    actions[0].trigger()  # About
    dlg = main.help.about_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.version.text() == __version__
    assert dlg.folder.text() == str(initialised)
    assert dlg.portable.text()  # installed (tests never run frozen)
    assert "ODbL" in dlg.attribution.text() and "idn-area-data" in dlg.attribution.text()
    assert "kemendagri-idn-area-data-3.1.2" in dlg.attribution.text()
    assert dlg.licence.text()
    dlg.close_button.click()
    assert not dlg.isVisible()
    # F1 opens it again
    qtbot.keyClick(main, Qt.Key.Key_F1)
    again = main.help.about_dialog
    assert again is not dlg and again.isVisible()
    again.close_button.click()


def _save_to(monkeypatch: pytest.MonkeyPatch, out: Path) -> list[str]:
    asked: list[str] = []

    def fake(_parent: Any, _title: str, default: str, _filter: str) -> tuple[str, str]:
        asked.append(default)
        return str(out), "*.txt"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_export_diagnostics_writes_the_file_and_says_where(
        qtbot: Any, main: Any, controller: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = controller.ctx
    data = SampleFactory(5, today=ctx.today_fn()).data()
    registrations.save(ctx, data, ready=True)
    out = tmp_path / "kirim ke kabupaten" / "diag.txt"
    asked = _save_to(monkeypatch, out)
    main.help_button.menu().actions()[1].trigger()  # Export diagnostics…
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: main.help.message is not None and main.help.message.isVisible())
    # the suggested name: the laptop's name and today's date
    assert Path(asked[0]).name == f"fieldreg-diagnostik-Laptop-Uji-{ctx.today_fn():%Y%m%d}.txt"
    text = out.read_text("utf-8")
    assert re.search(rf"^fieldreg:\s+{re.escape(__version__)}$", text, re.MULTILINE)
    assert "PySide6:" in text and "Qt:" in text
    assert "  ready:" in text and "quick_check" in text
    for personal in (data.full_name, data.nik, data.phone, SUPERVISOR):
        assert personal not in text
    box = main.help.message
    assert box.icon() == QMessageBox.Icon.Information
    assert out.name in box.text() and str(out.parent) in box.text()
    assert "NIK" in box.informativeText()  # "no personal data: no names, NIKs, …"
    box.accept()


def test_the_about_box_offers_the_export(qtbot: Any, main: Any, controller: Any,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    out = tmp_path / "d.txt"
    _save_to(monkeypatch, out)
    dlg = main.help.show_about()
    dlg.export_button.click()
    assert not dlg.isVisible()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: main.help.message is not None and main.help.message.isVisible())
    assert out.exists()
    main.help.message.accept()


def test_a_cancelled_dialog_writes_nothing(qtbot: Any, main: Any, controller: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    main.help.export_diagnostics()
    wait_idle(qtbot, controller)
    assert main.help.message is None and not main.help.saving


def test_a_folder_that_cannot_be_written_is_said_plainly(
        qtbot: Any, main: Any, controller: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    main.help.save_diagnostics(blocker / "diag.txt")  # its "folder" is a file
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: main.help.message is not None and main.help.message.isVisible())
    box = main.help.message
    assert box.icon() == QMessageBox.Icon.Warning
    assert not main.help.saving
    box.accept()
