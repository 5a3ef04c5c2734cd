"""Print cards: the chosen participants (or all without a card yet), what each card will look
like, then Qt's print preview and the printer, or a PDF. The print history is written only
after the print job or the PDF succeeded (``cards.confirm``)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldreg.cards.sheets import Layout
from ui import style
from ui.cards.dialogs import HistoryDialog, PdfKindDialog, ReprintDialog
from ui.cards.model import ALL, CHOSEN, NEW, CardListModel, CardPlan, make_plan
from ui.labels import number
from ui.problems import error_text
from ui.tasks import Cancelled, Progress, Task
from ui.widgets import (
    Banner,
    FieldBox,
    PageHeader,
    ProgressStrip,
    box_layout,
    button,
    card,
    label,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtPrintSupport import QPrinter

    from fieldreg.cards.render import CardFace
    from fieldreg.services.cards import CardBatch, PrintRecord
    from ui.main_window import MainWindow

PREVIEW_DPI = 150  # the card on screen: sharp at the size shown, quick to draw


class CardImage(QWidget):
    """One card face, scaled to the space it has, keeping its proportions."""

    def __init__(self, placeholder: str = "") -> None:
        super().__init__()
        self.placeholder = placeholder  # said in the empty frame while there is no card
        self.pixmap: QPixmap | None = None
        self.setMinimumSize(QSize(200, 126))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage | None) -> None:
        self.pixmap = QPixmap.fromImage(image) if image is not None else None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(330, 208)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        w, h = self.width(), self.height()
        ratio = 54.0 / 85.6
        cw = min(w - 2, (h - 2) / ratio)
        ch = cw * ratio
        rect = QRectF((w - cw) / 2, (h - ch) / 2, cw, ch)
        if self.pixmap is None:
            p.setPen(QColor(style.BORDER))
            p.drawRoundedRect(rect, 8, 8)
            p.setPen(QColor(style.MUTED))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.placeholder)
        else:
            p.drawPixmap(rect, self.pixmap, QRectF(self.pixmap.rect()))
            p.setPen(Qt.GlobalColor.lightGray)
            p.drawRect(rect)
        p.end()


def _render_preview(face: CardFace) -> tuple[QImage, QImage]:
    """Runs on a worker thread (QImage, unlike QPixmap, may be made there)."""
    from fieldreg.cards.render import render_back, render_front
    from ui.cards.printing import to_qimage

    return to_qimage(render_front(face, PREVIEW_DPI)), to_qimage(render_back(face, PREVIEW_DPI))


class PrintCardsPage(QWidget):
    def __init__(self, main: MainWindow) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.main = main
        self.ctx = main.ctx
        self.runner = main.runner
        self.record_ids: list[str] = []
        self.plan: CardPlan | None = None
        self._stale = True
        self._busy = False
        self._preview_id: str | None = None  # the record shown ("" none; None not yet)
        self._preview_token = 0
        self.reason_dialog: ReprintDialog | None = None
        self.pdf_dialog: PdfKindDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.print_dialog: QDialog | None = None
        self._printer: QPrinter | None = None
        self._painted: tuple[int, BaseException | None] = (0, None)

        v = QVBoxLayout(self)
        v.setContentsMargins(20, 14, 20, 10)
        v.addWidget(PageHeader(self.tr("Print cards"), self.tr(
            "Each card carries a signed QR code that can be checked without internet. Check the "
            "list and the card, then print on paper or save a PDF to print elsewhere.")))
        self.banner = Banner()
        v.addWidget(self.banner)

        opts = QHBoxLayout()
        self.source = QComboBox()
        self.source.setMinimumWidth(340)
        self._fill_sources()
        self.source.activated.connect(lambda _i: self.reload())
        opts.addWidget(FieldBox(self.tr("Whose cards"), self.source))
        self.layout_choice = QComboBox()
        self.layout_choice.addItem(self.tr("A4 paper (10 cards per sheet)"), Layout.A4.value)
        self.layout_choice.addItem(self.tr("Card printer (CR80, one card per page)"),
                                   Layout.CARD.value)
        self.layout_choice.setCurrentIndex(
            max(0, self.layout_choice.findData(self._saved_layout())))
        self.layout_choice.activated.connect(lambda _i: self._remember_layout())
        opts.addWidget(FieldBox(self.tr("Layout"), self.layout_choice))
        opts.addStretch(1)
        v.addLayout(opts)

        self.progress = ProgressStrip()
        v.addWidget(self.progress)
        self.summary = label("", "fieldlabel", wrap=True)
        v.addWidget(self.summary)

        body = QHBoxLayout()
        body.setSpacing(14)
        self.model = CardListModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        for i, w in enumerate((190, 150, 230)):
            self.table.setColumnWidth(i, w)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(True)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())
        self.table.doubleClicked.connect(lambda _i: self.show_history())
        body.addWidget(self.table, 1)

        self.preview_title = label(self.tr("The card that will print"), "fieldlabel")
        self.preview_name = label("", "hint", wrap=True)
        self.front = CardImage(self.tr("Front"))
        self.back = CardImage(self.tr("Back"))
        self.preview_box = card(self.preview_title, self.preview_name, self.front, self.back,
                                margins=10)
        self.preview_box.setFixedWidth(350)
        box_layout(self.preview_box).setSpacing(6)
        body.addWidget(self.preview_box)
        v.addLayout(body, 1)

        actions = QHBoxLayout()
        self.print_button = button(self.tr("Preview and print…"), primary=True,
                                   on_click=lambda: self.start("print"))
        self.pdf_button = button(self.tr("Save as PDF…"), on_click=lambda: self.start("pdf"))
        self.history_button = button(self.tr("Print history…"), on_click=self.show_history)
        actions.addWidget(self.print_button)
        actions.addWidget(self.pdf_button)
        actions.addStretch(1)
        actions.addWidget(self.history_button)
        v.addLayout(actions)

        main.data_changed.connect(self._data_changed)
        self._update_buttons()

    # -- the page protocol ----------------------------------------------------------------
    def activate(self) -> None:
        if self._stale:
            self.reload()

    def can_leave(self, then: Callable[[], None]) -> bool:
        return True  # a PDF being written goes on; its banner waits here

    def set_selection(self, record_ids: list[str]) -> None:
        """Records handed over from the Participants list."""
        self.record_ids = list(record_ids)
        self._fill_sources()
        self.source.setCurrentIndex(max(0, self.source.findData(CHOSEN)))
        self.banner.hide()
        self._stale = True
        if self.isVisible():
            self.reload()

    def _data_changed(self) -> None:
        self._stale = True
        if self.isVisible() and not self._busy:
            self.reload()

    # -- choices --------------------------------------------------------------------------
    def _fill_sources(self) -> None:
        current = self.source.currentData()
        self.source.clear()
        if self.record_ids:
            self.source.addItem(self.tr("Chosen in the Participants list ({0})").format(
                number(len(self.record_ids))), CHOSEN)
        self.source.addItem(self.tr("Everyone without a card yet"), NEW)
        self.source.addItem(self.tr("Everyone (also those printed before)"), ALL)
        self.source.setCurrentIndex(max(0, self.source.findData(current)))

    def source_key(self) -> str:
        return str(self.source.currentData() or NEW)

    def card_layout(self) -> Layout:
        return Layout(self.layout_choice.currentData())

    def set_layout(self, layout: Layout) -> None:
        self.layout_choice.setCurrentIndex(self.layout_choice.findData(layout.value))
        self._remember_layout()

    def _saved_layout(self) -> str:
        s = getattr(self.main.controller, "settings", None)
        value = str(getattr(s, "card_layout", "") or "")
        return value if value in (Layout.A4.value, Layout.CARD.value) else Layout.A4.value

    def _remember_layout(self) -> None:
        """Kept in the device settings once they have a ``card_layout`` field; until then for
        as long as the window is open."""
        from dataclasses import fields

        from fieldreg.services import settings as settings_service

        s = getattr(self.main.controller, "settings", None)
        if s is None or "card_layout" not in {f.name for f in fields(s)}:
            return
        s.card_layout = self.card_layout().value
        with contextlib.suppress(OSError, ValueError):  # a choice, not worth an error
            settings_service.save(self.main.controller.home, s)

    # -- the list -------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        ctx, source, ids = self.ctx, self.source_key(), list(self.record_ids)
        layout = self.card_layout()
        keep = self._current_row_id()
        self._set_busy(True)

        def job() -> CardPlan:
            return make_plan(ctx, source, ids, layout)

        task = self.runner.run(job, on_done=lambda p: self._planned(p, keep),
                               on_error=self._list_failed, owner=self, label="card list")
        self.progress.start(task, self.tr("Reading the list…"), cancellable=False)

    def _planned(self, plan: CardPlan, keep: str) -> None:
        self.progress.finish()
        self._set_busy(False)
        self.plan = plan
        self.model.set_rows(plan.rows)
        self.summary.setText(self._summary_text(plan))
        row = next((i for i, r in enumerate(plan.rows) if r.record_id == keep), 0)
        if plan.rows:
            self.table.selectRow(row)
        self._row_changed()

    def _summary_text(self, plan: CardPlan) -> str:
        n = len(plan.card_ids)
        if not plan.rows:
            if plan.source == NEW and plan.already_printed:
                return self.tr("Everyone complete already has a card ({0}). To print one "
                               "again, choose it in the Participants list.").format(
                                   number(plan.already_printed))
            return self.tr("No complete registrations yet: a card is printed once a record "
                           "is complete and has consent.")
        parts = [self.tr("{0} cards to print").format(number(n))]
        if plan.reprints:
            parts.append(self.tr("{0} reprints (a reason is asked)").format(
                number(plan.reprints)))
        if plan.skipped:
            parts.append(self.tr("{0} without a card (see why in the list)").format(
                number(plan.skipped)))
        if plan.source == NEW and plan.already_printed:
            parts.append(self.tr("{0} already have a card (not shown)").format(
                number(plan.already_printed)))
        if self.card_layout() is Layout.A4 and n:
            sheets = (n + 9) // 10
            parts.append(self.tr("{0} A4 sheets, both sides").format(number(sheets)))
        return " · ".join(parts)

    def _list_failed(self, exc: BaseException) -> None:
        self.progress.finish()
        self._set_busy(False)
        self.banner.show_message("error", error_text(exc))

    def _current_row_id(self) -> str:
        r = self.model.row_at(self.table.currentIndex().row())
        return r.record_id if r else ""

    def _row_changed(self) -> None:
        self._update_buttons()
        self._show_preview()

    # -- the card preview -----------------------------------------------------------------
    def _show_preview(self) -> None:
        plan = self.plan
        faces = plan.faces if plan else {}
        rid = self._current_row_id()
        if rid not in faces:
            rid = plan.card_ids[0] if plan and plan.card_ids else ""
        if rid == self._preview_id:
            return
        self._preview_id = rid
        self._preview_token += 1
        token = self._preview_token
        if not rid:
            self.front.set_image(None)
            self.back.set_image(None)
            self.preview_name.setText(self.tr("No card to show."))
            return
        face = faces[rid]
        self.preview_name.setText(self.tr("{0} · front and back").format(face.full_name))

        def done(images: tuple[QImage, QImage]) -> None:
            if token == self._preview_token:
                self.front.set_image(images[0])
                self.back.set_image(images[1])

        self.runner.run(lambda: _render_preview(face), on_done=done,
                        on_error=self._list_failed, owner=self, label="card preview")

    def preview_ready(self) -> bool:
        return self.front.pixmap is not None and self.back.pixmap is not None

    # -- printing and PDFs ----------------------------------------------------------------
    def start(self, how: str, reason: str = "") -> None:
        """``how``: "print" (Qt's print preview, then the printer), "pdf" (asks what the PDF
        is for first), "pdf-cards" or "specimen". Cards printed before need a reason first,
        except in a specimen."""
        plan = self.plan
        if plan is None or not plan.card_ids or self._busy:
            return
        if how == "pdf":
            self.ask_pdf_kind(len(plan.card_ids))
            return
        if how == "specimen":
            path = self.choose_pdf_path(specimen=True)
            if path is not None:
                self.save_specimen(path)
            return
        if plan.reprints and not reason:
            self.ask_reason(plan.reprints, lambda r: self.start(how, r))
            return
        if how == "pdf-cards":
            path = self.choose_pdf_path()
            if path is not None:
                self.save_pdf(path, reason)
        else:
            self.prepare_print(reason)

    def ask_pdf_kind(self, count: int) -> None:
        dlg = PdfKindDialog(count, self)
        self.pdf_dialog = dlg
        dlg.accepted.connect(lambda: self.start("pdf-cards" if dlg.kind == "cards"
                                                else "specimen"))
        dlg.open()

    def ask_reason(self, count: int, then: Callable[[str], None]) -> None:
        dlg = ReprintDialog(count, self)
        self.reason_dialog = dlg
        dlg.accepted.connect(lambda: then(dlg.reason()))
        dlg.open()

    def choose_pdf_path(self, *, specimen: bool = False) -> Path | None:
        name = f"{'contoh-' if specimen else ''}kartu-peserta-{self.ctx.today_fn().isoformat()}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the cards as a PDF"),
                                              str(Path.home() / name), "PDF (*.pdf)")
        if not path:
            return None
        out = Path(path)
        return out if out.suffix.lower() == ".pdf" else out.with_name(out.name + ".pdf")

    def save_pdf(self, path: Path, reason: str = "") -> None:
        plan = self.plan
        if plan is None:
            return
        ctx, ids, layout = self.ctx, plan.card_ids, self.card_layout()

        def job(task: Task[Progress]) -> CardBatch:
            from fieldreg.services import cards

            return cards.export_pdf(ctx, ids, path, layout=layout, reprint_reason=reason,
                                    progress=task.progress)

        self._set_busy(True)
        self.banner.hide()
        task = self.runner.run(
            job, on_done=lambda b: self._printed(b, pdf=path),
            on_error=lambda e: self._print_failed(e, lambda r: self.save_pdf(path, r)),
            on_progress=self.progress.update_progress, owner=self, label="cards pdf")
        self.progress.start(task, self.tr("Writing the PDF of {0} cards…").format(
            number(len(ids))))

    def save_specimen(self, path: Path) -> None:
        plan = self.plan
        if plan is None:
            return
        ctx, ids, layout = self.ctx, plan.card_ids, self.card_layout()

        def job(task: Task[Progress]) -> CardBatch:
            from fieldreg.services import cards

            return cards.export_specimen_pdf(ctx, ids, path, layout=layout,
                                             progress=task.progress)

        self._set_busy(True)
        self.banner.hide()
        task = self.runner.run(
            job, on_done=lambda b: self._specimen_saved(b, path),
            on_error=lambda e: self._print_failed(e, None),
            on_progress=self.progress.update_progress, owner=self, label="cards specimen")
        self.progress.start(task, self.tr("Writing the specimen PDF of {0} cards…").format(
            number(len(ids))))

    def _specimen_saved(self, batch: CardBatch, path: Path) -> None:
        self.progress.finish()
        self._set_busy(False)
        self.banner.show_message("success", self.tr(
            "Specimen of {0} cards saved in {1}. It is marked CONTOH and has no QR code; "
            "nothing was counted as printed.").format(number(len(batch.cards)), str(path)))

    def prepare_print(self, reason: str = "") -> None:
        """Sign the cards off the GUI thread, then open the print preview."""
        plan = self.plan
        if plan is None:
            return
        ctx, ids, layout = self.ctx, plan.card_ids, self.card_layout()

        def job() -> CardBatch:
            from fieldreg.services import cards

            return cards.prepare(ctx, ids, layout=layout, reprint_reason=reason)

        self._set_busy(True)
        self.banner.hide()
        task = self.runner.run(
            job, on_done=self._open_print_dialog,
            on_error=lambda e: self._print_failed(e, self.prepare_print),
            owner=self, label="cards prepare")
        self.progress.start(task, self.tr("Preparing {0} cards…").format(number(len(ids))),
                            cancellable=False)

    def make_printer(self, layout: Layout) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        from ui.cards.printing import prepare_printer

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        s = getattr(self.main.controller, "settings", None)
        if s is not None and s.printer_name and \
                s.printer_name in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(s.printer_name)  # else the system's default printer
        if layout is Layout.A4:  # the backs are mirrored for a long-edge flip
            duplex = s is None or s.duplex
            printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide if duplex
                              else QPrinter.DuplexMode.DuplexNone)
        printer.setDocName("Kartu peserta")
        prepare_printer(printer, layout)
        return printer

    def make_print_dialog(self, printer: QPrinter) -> QDialog:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        dlg = QPrintPreviewDialog(printer, self)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            dlg.resize(min(1200, screen.width() - 40), min(900, screen.height() - 40))
        return dlg

    def _open_print_dialog(self, batch: CardBatch) -> None:
        self.progress.finish()
        self._set_busy(False)
        if not batch.cards:
            self.banner.show_message("warning", error_text(_no_cards(len(batch.skipped))))
            self.reload()
            return
        printer = self.make_printer(batch.layout)
        dlg = self.make_print_dialog(printer)
        dlg.setWindowTitle(self.tr("Preview and print {0} cards").format(
            number(len(batch.cards))))
        self._printer, self.print_dialog, self._painted = printer, dlg, (0, None)
        # a QPrintPreviewDialog (the tests' stand-in: a QDialog with the same signal)
        dlg.paintRequested.connect(lambda p: self._paint(p, batch))  # type: ignore[attr-defined]
        dlg.finished.connect(lambda result: self._print_dialog_closed(dlg, batch, result))
        dlg.open()

    def _paint(self, printer: QPrinter, batch: CardBatch) -> None:
        """The preview's pages and then the print job itself (Qt asks on the GUI thread)."""
        from ui.cards.printing import paint

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._painted = (paint(printer, batch.faces, batch.layout), None)
        except OSError as exc:
            self._painted = (0, exc)
        finally:
            QApplication.restoreOverrideCursor()
        self._make_pdf_private(printer)

    @staticmethod
    def _make_pdf_private(printer: QPrinter) -> None:
        """Cards printed to a PDF file hold names: readable by this user only (POSIX)."""
        from PySide6.QtPrintSupport import QPrinter

        from fieldreg.files import make_private

        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and \
                printer.outputFileName():
            make_private(Path(printer.outputFileName()))

    def _print_dialog_closed(self, dlg: QDialog, batch: CardBatch, result: int) -> None:
        self.print_dialog = None
        printer = self._printer
        dlg.deleteLater()
        if result != QDialog.DialogCode.Accepted or printer is None:
            return  # closed without printing: nothing recorded
        painted, error = self._painted
        if error is not None or painted < len(batch.cards):
            self.banner.show_message("error", self.tr(
                "The printer could not print the cards ({0}). No card was recorded as "
                "printed; check the printer and try again.").format(
                    str(error) if error else self.tr("stopped")))
            return
        from PySide6.QtPrintSupport import QPrinter

        target = ("pdf" if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
                  else printer.printerName() or "printer")
        ctx = self.ctx

        def job() -> None:
            from fieldreg.services import cards

            cards.confirm(ctx, batch, target=target)

        self._set_busy(True)
        self.runner.run(job, on_done=lambda _r: self._printed(batch, printer_name=target),
                        on_error=lambda e: self._print_failed(e, None), owner=self,
                        label="cards confirm")

    def _printed(self, batch: CardBatch, *, pdf: Path | None = None,
                 printer_name: str = "") -> None:
        self.progress.finish()
        self._set_busy(False)
        n = number(len(batch.cards))
        again = (" " + self.tr("{0} of them are reprints with a new serial number.").format(
            number(batch.reprints))) if batch.reprints else ""
        if pdf is not None:
            self.banner.show_message(
                "success", self.tr("{0} cards saved in the PDF {1}.").format(n, pdf) + again,
                self.tr("Open the PDF"),
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf))))
        else:
            where = self.tr("a PDF file") if printer_name == "pdf" else printer_name
            self.banner.show_message("success", self.tr(
                "{0} cards printed on {1}. Check the sheets before cutting.").format(n, where)
                + again)
        self.reload()

    def _print_failed(self, exc: BaseException, retry: Callable[[str], None] | None) -> None:
        self.progress.finish()
        self._set_busy(False)
        code = getattr(exc, "code", "")
        if code == "reprint_reason_required" and retry is not None:
            # printed meanwhile (another window, the command line): ask, then go on
            count = int(getattr(exc, "params", {}).get("count", 1))
            self.ask_reason(count, retry)
            return
        if isinstance(exc, Cancelled):
            self.banner.show_message("info", self.tr(
                "Stopped. No PDF was written and no card was recorded as printed."))
            return
        self.banner.show_message("error", error_text(exc))

    # -- history --------------------------------------------------------------------------
    def show_history(self) -> None:
        r = self.model.row_at(self.table.currentIndex().row())
        if r is None or r.skip == "card_not_found":
            return
        ctx, rid, name = self.ctx, r.record_id, r.name

        def job() -> list[PrintRecord]:
            from fieldreg.services import cards

            return cards.history(ctx, rid)

        def done(records: list[PrintRecord]) -> None:
            dlg = HistoryDialog(name, records, self)
            self.history_dialog = dlg
            dlg.open()

        self.runner.run(job, on_done=done, on_error=self._list_failed, owner=self,
                        label="card history")

    # -- buttons --------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        plan = self.plan
        n = len(plan.card_ids) if plan else 0
        ready = n > 0 and not self._busy
        self.print_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)
        self.print_button.setText(self.tr("Preview and print {0} cards…").format(number(n))
                                  if n else self.tr("Preview and print…"))
        r = self.model.row_at(self.table.currentIndex().row())
        self.history_button.setEnabled(r is not None and r.skip != "card_not_found")
        self.source.setEnabled(not self._busy)


def _no_cards(skipped: int) -> BaseException:
    from fieldreg.services.errors import ServiceError

    return ServiceError("no_cards", skipped=skipped)


__all__ = ["PrintCardsPage"]
