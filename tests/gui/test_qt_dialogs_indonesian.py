"""Qt's own dialogs speak Indonesian: message-box buttons, the text fields' menu, the print
preview's toolbar. Qt ships no Indonesian (resources/i18n/qtbase_id.ts is ours)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMessageBox

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "qtbase_id.ts"


def _messages() -> Iterator[tuple[str, str, str, ET.Element]]:
    for c in ET.parse(TS).getroot().iter("context"):
        for m in c.iter("message"):
            yield (c.findtext("name") or "", m.findtext("source") or "",
                   m.findtext("comment") or "", m)


def test_every_entry_is_translated_and_keeps_its_placeholders() -> None:
    entries = list(_messages())
    assert len(entries) > 200
    for ctx, src, _comment, m in entries:
        tr = m.find("translation")
        assert tr is not None and tr.get("type") is None, (ctx, src)
        text = "".join(tr.itertext())
        assert text.strip(), (ctx, src)
        assert sorted(re.findall(r"%L?\d|%n", src)) == sorted(re.findall(r"%L?\d|%n", text)), \
            (ctx, src, text)


def test_the_sources_are_strings_this_qt_looks_up() -> None:
    """Each source is one Qt's German catalogue translates: a source that is not Qt's own
    (a typo, a string of another Qt version) would never be shown. After a Qt upgrade, a
    failure here names the strings whose wording Qt changed."""
    de = QTranslator()
    assert de.load("qtbase_de", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    unknown = [(ctx, src) for ctx, src, comment, _m in _messages()
               if not de.translate(ctx, src, comment or None)]
    assert unknown == []


@pytest.fixture
def indonesian(qapp: Any) -> Iterator[None]:
    assert i18n.install("id")
    yield
    i18n.install("id")


def test_message_box_buttons_are_indonesian(qtbot: Any, indonesian: None) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "fieldreg", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    words = {box.button(b).text() for b in (QMessageBox.StandardButton.Yes,
                                            QMessageBox.StandardButton.No,
                                            QMessageBox.StandardButton.Cancel)}
    assert words == {"&Ya", "&Tidak", "Batal"}


def test_text_field_menu_is_indonesian(qtbot: Any, indonesian: None) -> None:
    field = QLineEdit("NIK")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
    assert "Salin" in texts and "Tempel" in texts and "Copy" not in texts


def test_print_preview_toolbar_is_indonesian(qtbot: Any, indonesian: None) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # kept: the dialog uses it
    dlg = QPrintPreviewDialog(printer)
    qtbot.addWidget(dlg)
    tips = {a.toolTip() for a in dlg.findChildren(QAction)}
    assert "Halaman berikutnya" in tips and "Next page" not in tips
    assert dlg.windowTitle() == "Pratinjau Cetak"
