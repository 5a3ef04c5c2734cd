"""Import preview and import, the summary and its export, settings and the language switch."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from fieldreg.services import registrations
from tests.gui.conftest import seed, wait_idle
from tools.sample_data import SampleFactory, village_list_row, write_village_list
from ui import style


def village_file(tmp_path: Path) -> Path:
    fac = SampleFactory(11)
    rows = [village_list_row(fac.data()) for _ in range(12)]
    rows[2]["nik"] = "15050112345"
    rows[5]["jenis_kelamin"] = "X"
    path = tmp_path / "daftar.csv"
    write_village_list(path, rows)
    return path


def test_import_preview_then_import(qtbot: Any, main: Any, controller: Any,
                                    tmp_path: Path) -> None:
    main.show_page("import")
    page = main.page("import")
    page.load_file(village_file(tmp_path))
    wait_idle(qtbot, controller)
    assert registrations.count(controller.ctx) == 0  # nothing written by the preview
    m = page.model
    assert m.rowCount() == 12
    bad = [r for r in range(12) if m.data(m.index(r, 4)) == "Galat — tidak diimpor"]
    assert len(bad) == 2
    bg = m.data(m.index(bad[0], 0), Qt.ItemDataRole.BackgroundRole)
    assert bg.color().name() == style.ERROR_BG
    assert "NIK harus 16 angka" in m.data(m.index(bad[0], 5))
    assert "10" in page.import_button.text()
    page.only_problems.setChecked(True)
    assert m.rowCount() == 2
    page.do_import()
    wait_idle(qtbot, controller)
    assert registrations.count(controller.ctx) == 10
    assert "10" in page.banner.text.text()
    report = tmp_path / "laporan.csv"
    page.save_report(report)
    wait_idle(qtbot, controller)
    text = report.read_text("utf-8-sig")
    assert "nik_length" in text and "sex_invalid" in text
    tpl = tmp_path / "templat.xlsx"
    page.save_template(tpl)
    wait_idle(qtbot, controller)
    assert tpl.stat().st_size > 1000


def test_import_unreadable_file(qtbot: Any, main: Any, controller: Any, tmp_path: Path) -> None:
    main.show_page("import")
    page = main.page("import")
    bad = tmp_path / "kosong.csv"
    bad.write_text("a;b\n1;2\n")
    page.load_file(bad)
    wait_idle(qtbot, controller)
    assert page.banner.kind == "error"
    assert not page.import_button.isEnabled()


def test_summary_counts_and_export(qtbot: Any, main: Any, controller: Any,
                                   tmp_path: Path) -> None:
    seed(controller.ctx, 200)
    main.show_page("summary")
    page = main.page("summary")
    wait_idle(qtbot, controller)
    counts = dict(registrations.status_counts(controller.ctx))
    status_items = {lab: n for lab, n, _t in page.charts["status"].items}
    assert status_items["Draf"] == counts.get("draft", 0)
    assert sum(n for _l, n, _t in page.charts["district"].items) == page.counts.total_active
    assert len(page.charts["day"].items) == 30
    out = tmp_path / "ringkasan.csv"
    page.export(out)
    wait_idle(qtbot, controller)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["bagian", "kode", "nama", "jumlah", "target"]
    assert any(r[1] == "draft" and int(r[3]) == counts.get("draft", 0) for r in rows[1:])


def test_summary_uses_the_targets_the_server_sent(qtbot: Any, main: Any, controller: Any) -> None:
    """Targets typed in Settings serve until a pull brings the district's (per village); then
    the summary measures against the server's, per kecamatan and per village."""
    from fieldreg.domain.regions import get_regions
    from fieldreg.services import settings as settings_service

    ctx = controller.ctx
    kec = get_regions().districts_of(ctx.regency_code)[0]
    villages = [v.code for v in get_regions().villages_of(kec.code)][:2]
    s = settings_service.load(ctx.home)
    s.targets = {kec.code: 999}
    settings_service.save(ctx.home, s)
    controller.settings = s
    main.show_page("summary")
    page = main.page("summary")
    wait_idle(qtbot, controller)
    assert page.targets.source == "settings"
    assert "Pengaturan" in page.notes["district"].text()
    assert page.targets.per_kecamatan == {kec.code: 999}
    # a pull brings the district's targets for two villages of that kecamatan
    with ctx.db.uow() as uow:
        st = uow.sync.state_for_update()
        st.reference = json.dumps({
            "regions_version": "x", "occupations_version": "x", "contributions_version": "x",
            "targets": [{"village_code": villages[0], "target": 120},
                        {"village_code": villages[1], "target": 80}]})
        uow.commit()
    main.data_changed.emit()
    wait_idle(qtbot, controller)
    assert page.targets.source == "server"
    assert page.targets.per_kecamatan == {kec.code: 200}
    assert page.targets.per_village == {villages[0]: 120, villages[1]: 80}
    assert "server kabupaten" in page.notes["district"].text()
    assert (kec.display_name, 0, 200) in [(lab, n, t) for lab, n, t in
                                          page.charts["district"].items]


def test_settings_saved_and_bad_server_refused(qtbot: Any, main: Any, controller: Any,
                                               initialised: Path) -> None:
    main.show_page("settings")
    page = main.page("settings")
    page.server.setText("bpjs-kab.example")
    page.save()
    wait_idle(qtbot, controller)
    assert page.server_box.problem_text
    page.server.setText("https://bpjs-kab.example.id/")
    page.idle.setValue(5)
    page.targets["15.05.01"].setValue(250)
    page.save()
    wait_idle(qtbot, controller)
    saved = json.loads((initialised / "settings.json").read_text())
    assert saved["server_url"] == "https://bpjs-kab.example.id"
    assert saved["idle_lock_minutes"] == 5 and saved["targets"] == {"15.05.01": 250}
    assert controller.settings.idle_lock_minutes == 5


def test_language_switch_is_live_and_keeps_the_form(qtbot: Any, main: Any, controller: Any,
                                                    initialised: Path) -> None:
    main.show_page("settings")
    page = main.page("settings")
    assert main.nav.item(1).text() == "Peserta"
    page.language.setCurrentIndex(page.language.findData("en"))
    page.save()
    wait_idle(qtbot, controller)
    new = controller.main
    assert new is not main
    assert new.nav.item(1).text() == "Participants"
    assert new.current_page_key() == "settings"
    assert json.loads((initialised / "settings.json").read_text())["language"] == "en"
    # a form being typed comes along (the switch itself never asks about it)
    new.show_page("register")
    new.page("register").form.full_name.setText("NUR HALIMAH")
    new.page("register").form._user_edit("full_name")
    controller.switch_language_live("id")
    controller.switch_language_live("en")
    new = controller.main
    assert new.current_page_key() == "register"
    assert new.page("register").form.full_name.text() == "NUR HALIMAH"
    assert new.page("register").dirty
    # problem words follow the language too
    f = new.page("register").form
    f.nik.setText("123")
    f._user_edit("nik", immediate=True)
    new.page("register").validate()
    assert "A NIK has 16 digits" in f.boxes["nik"].problem_text


def test_language_switch_keeps_an_empty_form_quiet(qtbot: Any, main: Any,
                                                   controller: Any) -> None:
    controller.switch_language_live("en")
    f = controller.main.page("register").form
    assert not controller.main.page("register").dirty
    assert [n for n, b in f.boxes.items() if b.problem_text] == []
