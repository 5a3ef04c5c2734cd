"""Summary: registrations per kecamatan against targets, per village, occupation, payer,
status and day — numbers and bars — and the summary as CSV."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.labels import funding_label, number, status_label
from ui.problems import error_text
from ui.summary.bar_chart import BarChart
from ui.widgets import Banner, PageHeader, button, card, label

if TYPE_CHECKING:
    from collections.abc import Callable

    from fieldreg.services.browse import SummaryCounts
    from ui.main_window import MainWindow

TOP_VILLAGES = 15


class SummaryPage(QWidget):
    def __init__(self, main: MainWindow) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.main = main
        self.ctx = main.ctx
        self.runner = main.runner
        self.counts: SummaryCounts | None = None
        self.sections: dict[str, list[tuple[str, str, int, int | None]]] = {}
        self._stale = True

        v = QVBoxLayout(self)
        v.setContentsMargins(20, 14, 20, 10)
        head = QHBoxLayout()
        head.addWidget(PageHeader(self.tr("Summary"), self.tr(
            "Registrations on this laptop (voided ones left out).")), 1)
        self.export_button = button(self.tr("Export as CSV…"), on_click=self.choose_export)
        head.addWidget(self.export_button)
        head.addWidget(button(self.tr("Refresh"), on_click=self.reload))
        v.addLayout(head)
        self.banner = Banner()
        v.addWidget(self.banner)
        self.totals = label("", "fieldlabel", wrap=True)
        v.addWidget(self.totals)

        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setSpacing(12)
        self.charts: dict[str, BarChart] = {}
        self.notes: dict[str, Any] = {}
        titles = {
            "district": self.tr("Per kecamatan, against the target"),
            "village": self.tr("Per village (busiest {0})").format(TOP_VILLAGES),
            "occupation": self.tr("Per occupation"),
            "funding": self.tr("Per payer"),
            "status": self.tr("Per status (all records)"),
            "day": self.tr("Per day, last 30 days"),
        }
        self.section_titles = titles
        places = {"district": (0, 0), "village": (0, 1), "occupation": (1, 0),
                  "funding": (1, 1), "status": (2, 0), "day": (2, 1)}
        for key, (r, c) in places.items():
            chart = BarChart(vertical=key == "day")
            self.charts[key] = chart
            note = label("", "hint", wrap=True)
            note.hide()
            self.notes[key] = note
            box = card(label(titles[key], "fieldlabel"), note, chart, margins=12)
            lay = box.layout()
            assert isinstance(lay, QVBoxLayout)
            lay.addStretch(1)
            grid.addWidget(box, r, c)
        grid.setRowStretch(3, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        v.addWidget(scroll, 1)
        main.data_changed.connect(self._data_changed)

    def activate(self) -> None:
        if self._stale:
            self.reload()

    def can_leave(self, then: Callable[[], None]) -> bool:
        return True  # nothing here is lost by leaving

    def _data_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        self._stale = False
        ctx = self.ctx

        def job() -> tuple[SummaryCounts, dict[str, int] | None]:
            from fieldreg.services import browse, sync

            return browse.summary(ctx), sync.village_targets(ctx)

        self.runner.run(job, on_done=lambda r: self._show(*r),
                        on_error=lambda e: self.banner.show_message("error", error_text(e)),
                        owner=self, label="summary")

    def _show(self, s: SummaryCounts, server_targets: dict[str, int] | None = None) -> None:
        from fieldreg.domain.occupations import get_occupations
        from fieldreg.services import progress
        from ui import i18n

        self.counts = s
        chosen = progress.choose_targets(server_targets, self.main.controller.settings.targets)
        self.targets = chosen
        targets = chosen.per_kecamatan
        district_rows = [
            (p.code, p.name if p.name is not None else self.tr("(no village)"), p.registered,
             p.target)
            for p in progress.per_kecamatan(s.by_village, targets, self.ctx.regency_code)
        ]
        occ = get_occupations()
        lang = i18n.lang()

        def occ_label(code: str) -> str:
            o = occ.find(code)
            return (o.label_en if lang == "en" else o.label_id) if o else (code or "–")

        days = dict(s.by_day)
        today = self.ctx.today_fn()
        day_rows: list[tuple[str, str, int, int | None]] = [
            ((today - timedelta(days=i)).isoformat(), (today - timedelta(days=i)).strftime("%d-%m"),
             days.get(today - timedelta(days=i), 0), None) for i in range(29, -1, -1)]
        self.sections = {
            "district": district_rows,
            "village": [(c, n or c or "–", k, chosen.per_village.get(c))
                        for c, n, k in s.by_village],
            "occupation": [(c, occ_label(c), k, None) for c, k in s.by_occupation],
            "funding": [(c, funding_label(c) if c else self.tr("(not chosen)"), k, None)
                        for c, k in s.by_funding],
            "status": [(c, status_label(c), k, None) for c, k in s.by_status],
            "day": day_rows,
        }
        empty = self.tr("Nothing registered yet.")
        for key, rows in self.sections.items():
            shown = rows[:TOP_VILLAGES] if key == "village" else rows
            self.charts[key].set_items([(lab, k, t) for _c, lab, k, t in shown], empty)
        rest = len(self.sections["village"]) - TOP_VILLAGES
        self.notes["village"].setText(self.tr("{0} more villages in the CSV export.").format(
            rest) if rest > 0 else "")
        self.notes["village"].setVisible(rest > 0)
        if chosen.source == "server":
            note = self.tr("Targets from the district server (they come with every sync).")
        elif chosen.source == "settings":
            note = self.tr("Targets typed on this laptop in Settings. The district server's "
                           "targets replace them once a sync brings them.")
        else:
            note = self.tr("No targets yet: the district server sends them with a sync (or "
                           "type them in Settings until then).")
        self.notes["district"].setText(note)
        self.notes["district"].show()
        total_t = sum(targets.values())
        self.totals.setText(self.tr("{0} registrations · target {1}").format(
            number(s.total_active), number(total_t)) if total_t else
            self.tr("{0} registrations").format(number(s.total_active)))

    # -- export ---------------------------------------------------------------------------
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the summary"),
            str(Path.home() / f"ringkasan-{self.ctx.today_fn():%Y%m%d}.csv"), "CSV (*.csv)")
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        rows = [(self.section_titles[k], code, lab, k_, "" if t is None else t)
                for k, items in self.sections.items() for code, lab, k_, t in items]
        header = (self.tr("section"), self.tr("code"), self.tr("name"), self.tr("count"),
                  self.tr("target"))

        def job() -> int:
            from fieldreg.spreadsheets import write_csv

            return write_csv(path, header, rows)

        self.runner.run(job, on_done=lambda _n: self.banner.show_message(
            "success", self.tr("Summary saved: {0}").format(path)),
            on_error=lambda e: self.banner.show_message("error", error_text(e)),
            owner=self, label="export summary")
