"""Filling the registration form from a record or a snapshot, clearing it for the next worker,
and showing problems under their fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldreg.domain.codes import Programme, Sex
from fieldreg.domain.problems import Problem
from fieldreg.domain.registration import Consent, NikOverride, RegistrationData
from ui.problems import problem_text
from ui.registration.form import FIELD_GROUP, TEXT_FIELDS, RegistrationForm, box_for, collect

SNAPSHOT_VERSION = 1


def _editors(form: RegistrationForm) -> dict[str, Any]:
    return {
        "nik": form.nik, "full_name": form.full_name, "birth_place": form.birth_place,
        "mother_maiden_name": form.mother, "kk_number": form.kk, "street": form.street,
        "rt": form.rt, "rw": form.rw, "phone": form.phone, "email": form.email,
        "work_location": form.work_location,
    }


def set_data(form: RegistrationForm, d: RegistrationData) -> None:
    from fieldreg.domain.phone import format_phone

    form._loading = True
    try:
        ed = _editors(form)
        for name in TEXT_FIELDS:
            ed[name].setText(getattr(d, name) or "")
        form.phone.setText(format_phone(d.phone) if d.phone else "")
        form.birth_date.set_value(d.birth_date)
        form.sex_group.setExclusive(False)
        form.sex_male.setChecked(d.sex is Sex.MALE)
        form.sex_female.setChecked(d.sex is Sex.FEMALE)
        form.sex_group.setExclusive(True)
        _set_village(form, d.village_code)
        form.occupation.set_code(d.occupation_code)
        form.income.set_value(d.reported_income)
        form.jht.setChecked(Programme.JHT in d.programmes)
        form.funding.setCurrentIndex(max(0, form.funding.findData(
            d.funding_source.value if d.funding_source else "")))
        form.start.set_value(d.coverage_start)
        form.end.set_value(d.coverage_end)
        form.heirs.set_heirs(d.heirs)
        form.loaded_consent = d.consent
        form.consent.setChecked(d.consent is not None)
        form.consent_at = d.consent.given_at if d.consent else None
        if d.consent is not None:
            (form.method_paper if d.consent.method.value == "paper"
             else form.method_screen).setChecked(True)
        form.override = d.nik_override
    finally:
        form._loading = False
    reset_touch(form)


def _set_village(form: RegistrationForm, code: str) -> None:
    i = form.district.findData(code[:8]) if code else 0
    form.district.setCurrentIndex(max(0, i))
    form.village.scope = code[:8] if code and i > 0 else form.ctx.regency_code
    form.village.set_code(code)
    form._district_text()  # Qt writes the name in again even when the index stays


def reset_touch(form: RegistrationForm) -> None:
    form.touched.clear()
    form._edited.clear()
    form.show_all = False


def clear(form: RegistrationForm, *, keep_for_next: bool) -> None:
    """Empty the form; for the next worker of the same day keep village, who pays, coverage
    dates and how consent is taken."""
    keep: dict[str, Any] = {}
    if keep_for_next:
        data, _ = collect(form)
        keep = {
            "village": data.village_code, "funding": data.funding_source,
            "start": data.coverage_start, "end": data.coverage_end,
            "paper": form.method_paper.isChecked(),
        }
    today = form.ctx.today_fn()
    default_start = today.replace(day=1)
    set_data(form, RegistrationData(
        village_code=keep.get("village", ""),
        funding_source=keep.get("funding"),
        coverage_start=keep.get("start") or default_start,
        coverage_end=keep.get("end"),
    ))
    form.loaded_consent = None
    form.consent_at = None
    (form.method_paper if keep.get("paper") else form.method_screen).setChecked(True)
    show_problems(form, [])


# -- snapshots (autosave, language switch) ---------------------------------------------------
def snapshot(form: RegistrationForm) -> dict[str, Any]:
    ed = _editors(form)
    ov = form.override
    lc = form.loaded_consent
    return {
        "v": SNAPSHOT_VERSION,
        "text": {k: ed[k].text() for k in TEXT_FIELDS},
        "birth_date": form.birth_date.text(),
        "sex": "L" if form.sex_male.isChecked() else "P" if form.sex_female.isChecked() else "",
        "district": form.district.currentData() or "",
        "village": form.village.code() or "",
        "village_text": form.village.text(),
        "occupation": form.occupation.code() or "",
        "occupation_text": form.occupation.text(),
        "income": form.income.text(),
        "jht": form.jht.isChecked(),
        "funding": form.funding.currentData() or "",
        "start": form.start.text(),
        "end": form.end.text(),
        "heirs": form.heirs.raw_rows(),
        "consent": form.consent.isChecked(),
        "consent_at": form.consent_at.isoformat() if form.consent_at else None,
        "paper": form.method_paper.isChecked(),
        "loaded_consent": None if lc is None else {
            "given_at": lc.given_at.isoformat(), "method": lc.method.value,
            "notice_version": lc.notice_version, "volunteer_id": lc.volunteer_id},
        "override": None if ov is None else {
            "reason": ov.reason, "supervisor": ov.supervisor, "at": ov.at.isoformat()},
    }


def restore(form: RegistrationForm, s: dict[str, Any]) -> None:
    from fieldreg.domain.codes import ConsentMethod

    if s.get("v") != SNAPSHOT_VERSION:
        return
    form._loading = True
    try:
        ed = _editors(form)
        for k, v in (s.get("text") or {}).items():
            if k in ed:
                ed[k].setText(str(v))
        form.birth_date.setText(s.get("birth_date", ""))
        form.sex_group.setExclusive(False)
        form.sex_male.setChecked(s.get("sex") == "L")
        form.sex_female.setChecked(s.get("sex") == "P")
        form.sex_group.setExclusive(True)
        if s.get("village"):
            _set_village(form, s["village"])
        else:
            form.district.setCurrentIndex(max(0, form.district.findData(s.get("district", ""))))
            form._district_text()
            form.village.set_code("")
            form.village.setText(s.get("village_text", ""))
        if s.get("occupation"):
            form.occupation.set_code(s["occupation"])
        else:
            form.occupation.set_code("")
            form.occupation.setText(s.get("occupation_text", ""))
        form.income.setText(s.get("income", ""))
        form.jht.setChecked(bool(s.get("jht")))
        form.funding.setCurrentIndex(max(0, form.funding.findData(s.get("funding", ""))))
        form.start.setText(s.get("start", ""))
        form.end.setText(s.get("end", ""))
        form.heirs.set_raw_rows(s.get("heirs") or [])
        (form.method_paper if s.get("paper") else form.method_screen).setChecked(True)
        form.consent.setChecked(bool(s.get("consent")))
        form.consent_at = _dt(s.get("consent_at"))
        lc = s.get("loaded_consent")
        form.loaded_consent = None if not lc else Consent(
            given_at=datetime.fromisoformat(lc["given_at"]),
            method=ConsentMethod(lc["method"]), notice_version=lc["notice_version"],
            volunteer_id=lc["volunteer_id"])
        ov = s.get("override")
        form.override = None if not ov else NikOverride(
            reason=ov["reason"], supervisor=ov["supervisor"], at=datetime.fromisoformat(ov["at"]))
    finally:
        form._loading = False
    reset_touch(form)
    # what was restored was typed by someone: show its problems (but a clean or empty form
    # carried over a language switch stays as quiet as a new one)
    if s.get("dirty", True) and not is_blank(s, date.min):
        form.touched.update(FIELD_GROUP)


def _dt(v: Any) -> datetime | None:
    return datetime.fromisoformat(v) if isinstance(v, str) and v else None


def is_blank(s: dict[str, Any], default_start: date) -> bool:
    """A snapshot with nothing a person typed (only what a fresh form holds)."""
    return not any((s.get("text") or {}).values()) and not s.get("birth_date") and \
        not s.get("sex") and not s.get("occupation_text") and not s.get("heirs") and \
        not s.get("income")


# -- problems ---------------------------------------------------------------------------------
def show_problems(form: RegistrationForm, problems: list[Problem]) -> dict[str, list[Problem]]:
    """Words under the fields that are finished with (all after a Save). Returns the errors
    and warnings per group (for the checklist), shown or not."""
    by_box: dict[str, list[Problem]] = {}
    per_group: dict[str, list[Problem]] = {g: [] for g in
                                           ("identity", "address", "work", "heirs", "consent")}
    heir_rows: list[tuple[int, str, str]] = []
    heir_general = ""
    for p in problems:
        name = box_for(p.field)
        per_group[FIELD_GROUP.get(name, "identity")].append(p)
        visible = form.show_all or name in form.touched or (
            name == "nik" and "nik" in form.touched)
        if p.field.startswith("heirs."):
            parts = p.field.split(".")
            if visible or "heirs" in form.touched:
                heir_rows.append((int(parts[1]), parts[2] if len(parts) > 2 else "",
                                  _heir_words(p)))
            continue
        if name == "heirs":
            if visible:
                heir_general = problem_text(p)
            continue
        if name == "nik_override":
            name = "nik"
        if visible:
            by_box.setdefault(name, []).append(p)
    for name, box in form.boxes.items():
        ps = by_box.get(name, [])
        errs = [p for p in ps if p.is_error]
        shown = errs[0] if errs else (ps[0] if ps else None)
        if shown is None:
            if box.problem_text or box.editor.property("problem"):
                box.clear_problem()
        else:
            box.set_problem(problem_text(shown), "error" if shown.is_error else "warning")
    form.heirs.show_problems(heir_rows, heir_general)
    _show_override(form, problems)
    return per_group


def _heir_words(p: Problem) -> str:
    from ui.problems import label_of

    return f"{label_of(p.field)}: {problem_text(p)}"


def _show_override(form: RegistrationForm, problems: list[Problem]) -> None:
    mismatch = [p for p in problems if p.code in ("nik_birth_date_mismatch", "nik_sex_mismatch")]
    ov = form.override
    if ov is not None and ov.reason.strip():
        form.override_label.setText(QCoreApplication.translate(
            "RegistrationForm", "Override by {0}: {1}").format(
            ov.supervisor, ov.reason))
        form.override_button.hide()
        form.override_clear.show()
        form.override_row.show()
    elif mismatch:
        form.override_label.setText("")  # the words are already under the field
        form.override_button.show()
        form.override_clear.hide()
        form.override_row.show()
    else:
        form.override_row.hide()
