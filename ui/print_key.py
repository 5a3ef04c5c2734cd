"""Printing the recovery key on paper (never to a file on this laptop)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QRectF, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QWidget


def print_recovery_key(parent: QWidget, key: str, device: str) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        w = page.width()
        f = QFont("DejaVu Sans", 14)
        painter.setFont(f)
        title = QCoreApplication.translate("PrintKey", "fieldreg recovery key")
        painter.drawText(QRectF(0, 0, w, page.height() * 0.1),
                         Qt.AlignmentFlag.AlignCenter, title)
        mono = QFont("DejaVu Sans Mono", 22)
        mono.setBold(True)
        painter.setFont(mono)
        painter.drawText(QRectF(0, page.height() * 0.12, w, page.height() * 0.1),
                         Qt.AlignmentFlag.AlignCenter, key)
        painter.setFont(f)
        note = QCoreApplication.translate(
            "PrintKey", "Laptop: {0}. Printed {1}. Keep this paper safe, away from the laptop."
        ).format(device, QDate.currentDate().toString("dd-MM-yyyy"))
        painter.drawText(QRectF(0, page.height() * 0.25, w, page.height() * 0.1),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, note)
    finally:
        painter.end()
    return True
