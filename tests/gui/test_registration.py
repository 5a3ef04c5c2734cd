"""The registration form: keyboard entry, live checks, save, next, drafts, overrides,
duplicates, autosave (encrypted) and unsaved changes on close."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from fieldreg.domain.codes import Status
from fieldreg.services import registrations
from tests.gui.conftest import wait_idle

NIK = "1505016607900003"  # Kec. Sekernan? born 26-07-1990, woman


def fill_by_keyboard(qtbot: Any, page: Any, nik: str = NIK) -> None:
    f = page.form
    page.window().activateWindow()
    for w, text in ((f.nik, nik), (f.full_name, "NUR HALIMAH"), (f.birth_place, "Sengeti"),
                    (f.birth_date, "26071990")):
        w.setFocus()
        qtbot.keyClicks(w, text)
        qtbot.keyClick(w, Qt.Key.Key_Return)  # Enter moves on, as Tab does
    assert f.birth_date.text() == "26-07-1990"
    f.sex_female.setFocus()
    qtbot.keyClick(f.sex_female, Qt.Key.Key_Space)
    if not f.village.code():  # kept from the previous registration
        f.village.setFocus()
        qtbot.keyClicks(f.village, "sungai gelam")
        qtbot.waitUntil(lambda: f.village.completer().popup().isVisible(), timeout=3000)
        popup = f.village.completer().popup()
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert f.village.code()
    f.phone.setFocus()
    qtbot.keyClicks(f.phone, "0812 3456 7890")
    f.occupation.setFocus()
    qtbot.keyClicks(f.occupation, "pemanen")
    qtbot.waitUntil(lambda: f.occupation.completer().popup().isVisible(), timeout=3000)
    popup = f.occupation.completer().popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert f.occupation.code() == "SAWIT_PANEN"
    f.funding.setFocus()
    f.funding.setCurrentIndex(f.funding.findData("APBD_KAB"))
    f.end.setFocus()
    f.end.clear()
    qtbot.keyClicks(f.end, "31-12-" + str(page.ctx.today_fn().year))
    qtbot.keyClick(f.end, Qt.Key.Key_Return)
    f.heirs.add_button.click()
    f.heirs.table.item(0, 0).setText("AHMAD")
    combo = f.heirs.table.cellWidget(0, 1)
    combo.setCurrentIndex(combo.findData("SUAMI"))
    f.consent.setFocus()
    qtbot.keyClick(f.consent, Qt.Key.Key_Space)
    assert f.consent.isChecked()


def test_form_by_keyboard_save_and_next(qtbot: Any, main: Any, controller: Any) -> None:
    page = main.page("register")
    fill_by_keyboard(qtbot, page)
    village = page.form.village.code()
    page.validate()
    assert [p for p in page.problems if p.is_error] == []
    assert "Rp" in page.side.total.text()
    with qtbot.waitSignal(page.ready_for_next, timeout=10_000):
        qtbot.keyClick(page.form.nik, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    regs = registrations.search(controller.ctx, registrations.SearchFilter(text=NIK))
    assert len(regs) == 1 and regs[0].status is Status.READY
    reg = registrations.get(controller.ctx, regs[0].id)
    assert reg.data.heirs[0].name == "AHMAD"
    assert reg.data.consent is not None
    assert reg.data.phone == "+6281234567890"
    # next registration: village and payer kept, the rest empty, NIK focused
    f = page.form
    assert f.nik.text() == "" and f.full_name.text() == ""
    assert f.village.code() == village
    assert f.funding.currentData() == "APBD_KAB"
    assert not f.consent.isChecked()
    assert not page.dirty
    assert "Tersimpan" in page.banner.text.text()
    wait_idle(qtbot, controller)
    assert main.status.waiting == 1


def test_bad_nik_refused_with_its_message(qtbot: Any, main: Any) -> None:
    page = main.page("register")
    f = page.form
    f.nik.setFocus()
    qtbot.keyClicks(f.nik, "15050166079")
    qtbot.keyClick(f.nik, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: bool(f.boxes["nik"].problem_text), timeout=3000)
    assert "NIK harus 16 angka, ini 11 angka" in f.boxes["nik"].problem_text
    page.save(ready=True)
    assert "Belum disimpan" in page.banner.text.text()
    assert page.form.nik.hasFocus() or f.boxes["nik"].problem_text


def test_nik_is_read_back(qtbot: Any, main: Any) -> None:
    f = main.page("register").form
    qtbot.keyClicks(f.nik, NIK)
    hint = read_back(f)
    assert "26-07-1990" in hint and "Perempuan" in hint and "Muaro Jambi" in hint


def test_consent_missing_stays_draft(qtbot: Any, main: Any, controller: Any) -> None:
    page = main.page("register")
    fill_by_keyboard(qtbot, page)
    page.form.consent.setChecked(False)
    page.save(ready=True)
    assert "Persetujuan peserta belum dicatat" in page.form.boxes["consent"].problem_text
    assert registrations.count(controller.ctx) == 0
    with qtbot.waitSignal(page.saved, timeout=10_000) as sig:
        page.save(ready=False)
    assert sig.args[0].status is Status.DRAFT


def test_birth_date_mismatch_needs_override(qtbot: Any, main: Any, controller: Any) -> None:
    page = main.page("register")
    fill_by_keyboard(qtbot, page)
    f = page.form
    f.birth_date.setText("27-07-1990")
    f._user_edit("birth_date", immediate=True)
    page.validate()
    assert "tidak sama dengan NIK" in f.boxes["birth_date"].problem_text
    assert f.override_button.isVisibleTo(f)
    page.save(ready=True)
    assert registrations.count(controller.ctx) == 0
    page._override("x")
    from ui.registration.override_dialog import OverrideDialog

    dlg = page.findChildren(OverrideDialog)[-1]
    dlg.ok.click()
    assert "alasan" in dlg.reason_box.problem_text.lower()
    dlg.reason.setText("KTP salah cetak, sedang diperbaiki")
    dlg.ok.click()
    assert f.override is not None and f.override.supervisor == controller.ctx.volunteer_name
    with qtbot.waitSignal(page.saved, timeout=10_000) as sig:
        page.save(ready=True)
    reg = registrations.get(controller.ctx, sig.args[0].id)
    assert reg.data.nik_override is not None
    assert reg.status is Status.READY


def test_duplicate_nik_points_to_the_record(qtbot: Any, main: Any, controller: Any) -> None:
    page = main.page("register")
    fill_by_keyboard(qtbot, page)
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save(ready=True)
    fill_by_keyboard(qtbot, page)
    page.save(ready=True)
    wait_idle(qtbot, controller)
    assert "sudah terdaftar" in page.form.boxes["nik"].problem_text
    assert page.banner.action.isVisible()


def test_autosave_is_encrypted_and_restored(qtbot: Any, main: Any, controller: Any,
                                            initialised: Path) -> None:
    page = main.page("register")
    page.form.full_name.setText("RAHASIA PERSONAL")
    page.form._user_edit("full_name")
    page._autosave_in_background()
    wait_idle(qtbot, controller)
    files = list((initialised / "autosave").glob("*.bin"))
    assert len(files) == 1
    assert b"RAHASIA" not in files[0].read_bytes()
    # a crash: the window goes away without saving; the next one gets the form back
    main.allow_close()
    controller.open_main(controller.ctx)
    p2 = controller.main.page("register")
    qtbot.waitUntil(lambda: p2.form.full_name.text() == "RAHASIA PERSONAL", timeout=5000)
    assert p2.banner.isVisible()


def test_close_with_unsaved_changes_asks(qtbot: Any, main: Any) -> None:
    page = main.page("register")
    page.form.full_name.setText("BELUM DISIMPAN")
    page.form._user_edit("full_name")
    assert not main.close()
    assert page.prompt is not None
    buttons = {b.text(): b for b in page.prompt.buttons()}
    buttons["Buang perubahan"].click()
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=3000)


def test_a_save_checks_the_record_once(qtbot: Any, main: Any, controller: Any,
                                       monkeypatch: Any) -> None:
    """The form checks as it is typed (without the database); the phone's background check
    reads only the database; Save reuses the form's checks of the same data, and the service
    checks the record once on its way to the store (before: three runs)."""
    import fieldreg.domain.validation as validation
    import fieldreg.services.registrations as service

    runs: list[tuple[str, str]] = []

    def counted(where: str, real: Any) -> Any:
        def validate(data: Any, *a: Any, **kw: Any) -> Any:
            runs.append((where, data.nik))
            return real(data, *a, **kw)
        return validate

    monkeypatch.setattr(validation, "validate", counted("form", validation.validate))
    monkeypatch.setattr(service, "validate", counted("service", service.validate))
    page = main.page("register")
    fill_by_keyboard(qtbot, page)
    page.validate()
    wait_idle(qtbot, controller)  # the phone's background check has answered
    assert ("service", NIK) not in runs  # the phone check did not run the whole check again
    runs.clear()
    with qtbot.waitSignal(page.ready_for_next, timeout=10_000):
        qtbot.keyClick(page.form.nik, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [r for r in runs if r[1] == NIK] == [("service", NIK)]
    regs = registrations.search(controller.ctx, registrations.SearchFilter(text=NIK))
    assert len(regs) == 1 and regs[0].status is Status.READY


NIK_MAN = "1505011203859001"  # Kec. 15.05.01, born 12-03-1985, man


def read_back(form: Any) -> str:
    """The words "Menurut NIK: …" as shown on the form now ('' when none is shown)."""
    from PySide6.QtWidgets import QLabel

    return " ".join(lab.text() for lab in form.groups["identity"].findChildren(QLabel)
                    if lab.isVisibleTo(form) and "Menurut NIK" in lab.text())


def test_nik_read_back_describes_only_the_nik_in_the_field(qtbot: Any, main: Any,
                                                            controller: Any) -> None:
    """The read-back never outlives its NIK: not under 15 digits, not under another NIK, not on
    a new form, not under a record opened from Participants (before: the first NIK's birth
    date and sex stayed)."""
    page = main.page("register")
    f = page.form
    f.nik.setFocus()
    qtbot.keyClicks(f.nik, NIK)
    assert "26-07-1990" in read_back(f) and "Perempuan" in read_back(f)
    qtbot.keyClick(f.nik, Qt.Key.Key_Backspace)  # 15 digits
    assert read_back(f) == ""
    f.nik.selectAll()
    qtbot.keyClicks(f.nik, NIK_MAN)  # another NIK
    assert "12-03-1985" in read_back(f) and "Laki-laki" in read_back(f)
    assert "26-07-1990" not in read_back(f)
    f.nik.selectAll()
    qtbot.keyClick(f.nik, Qt.Key.Key_Delete)
    assert read_back(f) == ""
    qtbot.keyClicks(f.nik, NIK)
    page._reset()  # "Formulir kosong": a new form
    assert f.nik.text() == "" and read_back(f) == ""
    # a record opened from Participants: its own NIK, not the one typed before
    from fieldreg.domain.registration import RegistrationData

    other = registrations.save(controller.ctx, RegistrationData(
        nik=NIK_MAN, full_name="BUDI SANTOSO"), ready=False).registration
    qtbot.keyClicks(f.nik, NIK)
    page.dirty = False
    page.load_record(other.id)
    wait_idle(qtbot, controller)
    assert page.record_id == other.id
    assert "12-03-1985" in read_back(f) and "26-07-1990" not in read_back(f)
    # and a record whose NIK is not complete shows nothing
    draft = registrations.save(controller.ctx, RegistrationData(
        nik="150501120385", full_name="TANPA NIK LENGKAP"), ready=False).registration
    page.load_record(draft.id)
    wait_idle(qtbot, controller)
    assert page.record_id == draft.id and read_back(f) == ""


def test_fill_birth_date_and_sex_from_the_nik(qtbot: Any, main: Any) -> None:
    """"Isi dari NIK" fills date of birth and sex in one step; it is on only while the NIK is
    complete, valid and says something else than what is filled in."""
    f = main.page("register").form
    assert not f.fill_from_nik.isEnabled()
    f.nik.setFocus()
    qtbot.keyClicks(f.nik, NIK[:15])
    assert not f.fill_from_nik.isEnabled()
    qtbot.keyClicks(f.nik, NIK[15])
    assert f.fill_from_nik.isEnabled() and f.fill_from_nik.isVisibleTo(f)
    assert f.fill_from_nik.text() == "Isi dari NIK"
    qtbot.keyClick(f.nik, Qt.Key.Key_Tab)  # Tab reaches the button, Space presses it
    assert f.fill_from_nik.hasFocus()
    qtbot.keyClick(f.fill_from_nik, Qt.Key.Key_Space)
    assert f.birth_date.text() == "26-07-1990" and f.sex_female.isChecked()
    assert not f.sex_male.isChecked()
    assert not f.fill_from_nik.isEnabled()  # nothing left to fill
    assert not f.fill_from_nik.isVisibleTo(f)
    assert {"birth_date", "sex"} <= f.touched
    f.sex_male.click()  # differs again
    assert f.fill_from_nik.isEnabled()
    f.nik.selectAll()
    qtbot.keyClicks(f.nik, NIK_MAN)
    f.fill_from_nik.click()
    assert f.birth_date.text() == "12-03-1985" and f.sex_male.isChecked()


def test_enter_in_the_nik_goes_to_the_name_not_the_fill_button(qtbot: Any, main: Any) -> None:
    f = main.page("register").form
    main.activateWindow()
    f.nik.setFocus()
    qtbot.keyClicks(f.nik, NIK)
    qtbot.keyClick(f.nik, Qt.Key.Key_Return)
    assert f.full_name.hasFocus()


def test_duplicate_nik_is_found_as_soon_as_it_is_typed(qtbot: Any, main: Any,
                                                       controller: Any) -> None:
    """16 digits typed: the form says at once which record of this laptop holds the NIK (name,
    village, status in Indonesian) and offers to open it (before: only at Save, with the
    status as a code, '(ready)')."""
    from fieldreg.domain.regions import get_regions
    from fieldreg.domain.registration import RegistrationData

    village = get_regions().search_villages("15.05", "sungai gelam", limit=1)[0]
    other = registrations.save(controller.ctx, RegistrationData(
        nik=NIK_MAN, full_name="BUDI SANTOSO", village_code=village.code),
        ready=False).registration
    page = main.page("register")
    f = page.form
    f.nik.setFocus()
    qtbot.keyClicks(f.nik, NIK_MAN)  # no Tab, no Save
    qtbot.waitUntil(lambda: "sudah terdaftar" in f.boxes["nik"].problem_text, timeout=5000)
    words = f.boxes["nik"].problem_text
    assert "BUDI SANTOSO" in words and village.display_name in words and "Draf" in words
    assert "(draft)" not in words
    assert page.banner.isVisible() and "BUDI SANTOSO" in page.banner.text.text()
    assert page.banner.action.isVisible()
    # another NIK: the warning goes
    qtbot.keyClick(f.nik, Qt.Key.Key_Backspace)
    page.validate()
    assert "sudah terdaftar" not in f.boxes["nik"].problem_text
    assert not page.banner.isVisible()
    qtbot.keyClicks(f.nik, NIK_MAN[-1])
    qtbot.waitUntil(lambda: page.banner.action.isVisible(), timeout=5000)
    page.dirty = False
    page.banner.action.click()  # "Buka data itu"
    wait_idle(qtbot, controller)
    assert page.record_id == other.id
    page.validate()
    wait_idle(qtbot, controller)
    assert "sudah terdaftar" not in f.boxes["nik"].problem_text  # its own NIK


def test_discarding_a_recovered_form_asks_first(qtbot: Any, main: Any, controller: Any) -> None:
    """"Buang" on the banner of a form that came back after a crash asks before the typing is
    thrown away (before: gone at one click, next to the banner's close button)."""
    page = main.page("register")
    page.form.full_name.setText("RAHASIA PERSONAL")
    page.form._user_edit("full_name")
    page._autosave_in_background()
    wait_idle(qtbot, controller)
    main.allow_close()
    controller.open_main(controller.ctx)
    p2 = controller.main.page("register")
    qtbot.waitUntil(lambda: p2.form.full_name.text() == "RAHASIA PERSONAL", timeout=5000)
    assert p2.banner.action.text().startswith("Buang")
    p2.banner.action.click()
    assert p2.form.full_name.text() == "RAHASIA PERSONAL"  # not yet: it asks
    box = p2.discard_prompt
    assert box is not None and box.isVisible()
    assert box.defaultButton() is box.escapeButton()  # Enter and Esc keep the form
    box.escapeButton().click()
    assert p2.form.full_name.text() == "RAHASIA PERSONAL" and p2.dirty
    p2.banner.action.click()
    buttons = {b.text(): b for b in p2.discard_prompt.buttons()}
    buttons["Ya, buang formulir ini"].click()
    assert p2.form.full_name.text() == "" and not p2.dirty
