"""Printing a batch of cards through Qt's print system, at the printer's own resolution.

The core draws each card face (fieldreg.cards.render) at a resolution that divides the
printer's exactly, so the QR modules stay sharp; this module places the faces on the page in
millimetres (the same grid and crop marks as the PDF) and hands the pages to Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from fieldreg.cards.render import CARD_H_MM, CARD_W_MM, CardFace, render_back, render_front
from fieldreg.cards.sheets import (
    MARK_WIDTH_MM,
    PER_SHEET,
    Layout,
    crop_marks_mm,
    slot_origin_mm,
)

MAX_RENDER_DPI = 600  # a card drawn finer than this only costs time and memory


def render_dpi(printer_dpi: int) -> int:
    """The largest whole fraction of the printer's resolution that is at most 600 dpi."""
    dpi = max(72, printer_dpi)
    k = 1
    while dpi // k > MAX_RENDER_DPI:
        k += 1
    return dpi // k


def page_layout(layout: Layout) -> QPageLayout:
    if layout is Layout.A4:
        size = QPageSize(QPageSize.PageSizeId.A4)
        orientation = QPageLayout.Orientation.Portrait
    else:
        size = QPageSize(QSizeF(CARD_W_MM, CARD_H_MM), QPageSize.Unit.Millimeter, "CR80")
        orientation = QPageLayout.Orientation.Landscape
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def prepare_printer(printer: QPrinter, layout: Layout) -> None:
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(layout))


def to_qimage(img: Image.Image) -> QImage:
    rgb = img.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    return QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888).copy()


def _mm_rect(painter: QPainter, x_mm: float, y_mm: float, w_mm: float, h_mm: float,
             dots_per_mm: float) -> QRectF:
    return QRectF(x_mm * dots_per_mm, y_mm * dots_per_mm, w_mm * dots_per_mm, h_mm * dots_per_mm)


def paint(
    printer: QPrinter,
    faces: list[CardFace],
    layout: Layout,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Paint every page of ``faces`` on ``printer`` (a real printer, a PDF or a preview).

    Returns the number of cards painted (fewer than asked when cancelled between sheets).
    """
    dpi = render_dpi(printer.resolution())
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        # Logical coordinates in printer dots, page origin at the paper's corner (full page).
        dots_per_mm = printer.resolution() / 25.4
        done = 0
        first = True
        groups = ([faces[i : i + PER_SHEET] for i in range(0, len(faces), PER_SHEET)]
                  if layout is Layout.A4 else [[f] for f in faces])
        for group in groups:
            if cancelled():
                break
            for back in (False, True):
                if not first:
                    printer.newPage()
                first = False
                for i, face in enumerate(group):
                    img = render_back(face, dpi) if back else render_front(face, dpi)
                    if layout is Layout.A4:
                        x, y = slot_origin_mm(i, back=back)
                    else:
                        x, y = 0.0, 0.0
                    target = _mm_rect(painter, x, y, CARD_W_MM, CARD_H_MM, dots_per_mm)
                    painter.drawImage(target, to_qimage(img))
                if layout is Layout.A4:
                    pen = QPen()
                    pen.setWidthF(MARK_WIDTH_MM * dots_per_mm)
                    painter.setPen(pen)
                    for (x1, y1), (x2, y2) in crop_marks_mm():
                        painter.drawLine(QPointF(x1 * dots_per_mm, y1 * dots_per_mm),
                                         QPointF(x2 * dots_per_mm, y2 * dots_per_mm))
            done += len(group)
            if progress:
                progress(done, len(faces))
        return done
    finally:
        painter.end()

