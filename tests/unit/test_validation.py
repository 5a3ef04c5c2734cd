"""Every rule of fieldreg/domain/validation.py (normalize + validate), on hand-made records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldreg.domain.codes import ConsentMethod, FundingSource, HeirRelationship, Programme, Sex
from fieldreg.domain.problems import Problem, Severity
from fieldreg.domain.registration import Consent, Heir, NikOverride, RegistrationData
from fieldreg.domain.validation import (
    CURRENT_NOTICE_VERSION,
    Rules,
    ValidationContext,
    age_on,
    normalize,
    validate,
)

TODAY = date(2026, 1, 15)
PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def make_nik(birth: date, sex: Sex, area: str = "150501", serial: str = "0001") -> str:
    day = birth.day + (40 if sex is Sex.FEMALE else 0)
    return f"{area}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial}"


BIRTH = date(1990, 3, 12)
NIK = make_nik(BIRTH, Sex.MALE)  # 1505011203900001, Jambi Luar Kota (Muaro Jambi)
HEIR_NIK = make_nik(date(1992, 7, 1), Sex.FEMALE, serial="0002")


def consent(**changes: object) -> Consent:
    c = Consent(
        given_at=datetime(2026, 1, 15, 9, 30),
        method=ConsentMethod.SCREEN,
        notice_version=CURRENT_NOTICE_VERSION,
        volunteer_id="vol-1",
    )
    return replace(c, **changes)


def valid(**changes: object) -> RegistrationData:
    """A complete registration with no problem at all (as of TODAY)."""
    data = RegistrationData(
        nik=NIK,
        full_name="AHMAD HARAHAP",
        birth_place="Sengeti",
        birth_date=BIRTH,
        sex=Sex.MALE,
        mother_maiden_name="HALIMAH",
        street="Dusun II",
        rt="003",
        rw="001",
        village_code="15.05.01.2002",  # Sungai Bertam, Jambi Luar Kota, Muaro Jambi
        phone="+6281234567890",
        occupation_code="SAWIT_PANEN",
        reported_income=1_000_000,
        programmes=frozenset({Programme.JKK, Programme.JKM}),
        funding_source=FundingSource.APBD_KAB,
        coverage_start=date(2026, 1, 1),
        coverage_end=date(2026, 12, 31),
        heirs=[Heir(name="SITI AMINAH", relationship=HeirRelationship.ISTRI, nik=HEIR_NIK)],
        consent=consent(),
    )
    return data.copy(**changes)


@pytest.fixture(scope="module")
def vctx() -> ValidationContext:
    return ValidationContext(today=TODAY)


def check(data: RegistrationData, vctx: ValidationContext, *, complete: bool = True) -> list:
    return validate(normalize(data), vctx, complete=complete)


def found(problems: list[Problem]) -> set[tuple[str, str, Severity]]:
    return {(p.field, p.code, p.severity) for p in problems}


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def only(problems: list[Problem], code: str) -> Problem:
    hits = [p for p in problems if p.code == code]
    assert len(hits) == 1, problems
    return hits[0]


E, W = Severity.ERROR, Severity.WARNING


# ---------------------------------------------------------------- the baseline


def test_the_baseline_record_has_no_problem(vctx: ValidationContext) -> None:
    assert check(valid(), vctx) == []
    assert check(valid(), vctx, complete=False) == []


# ---------------------------------------------------------------- required fields


REQUIRED_WHEN_COMPLETE = {
    ("nik", "required", E),
    ("full_name", "required", E),
    ("birth_date", "required", E),
    ("sex", "required", E),
    ("village_code", "required", E),
    ("occupation_code", "required", E),
    ("funding_source", "required", E),
    ("coverage_start", "required", E),
    ("consent", "consent_required", E),
    ("phone", "phone_missing", W),
    ("heirs", "heir_missing", W),
}


def test_an_empty_draft_has_no_problem(vctx: ValidationContext) -> None:
    assert check(RegistrationData(), vctx, complete=False) == []


def test_an_empty_complete_record_lists_every_required_field(vctx: ValidationContext) -> None:
    assert found(check(RegistrationData(), vctx, complete=True)) == REQUIRED_WHEN_COMPLETE


@pytest.mark.parametrize(
    ("change", "fld"),
    [
        ({"nik": ""}, "nik"),
        ({"full_name": "  "}, "full_name"),
        ({"birth_date": None}, "birth_date"),
        ({"sex": None}, "sex"),
        ({"village_code": ""}, "village_code"),
        ({"occupation_code": ""}, "occupation_code"),
        ({"funding_source": None}, "funding_source"),
        ({"coverage_start": None}, "coverage_start"),
    ],
)
def test_each_required_field_alone(
    vctx: ValidationContext, change: dict, fld: str
) -> None:
    data = valid(**change)
    complete = check(data, vctx, complete=True)
    assert (fld, "required", E) in found(complete)
    assert "required" not in codes(check(data, vctx, complete=False))


def test_name_rules(vctx: ValidationContext) -> None:
    assert only(check(valid(full_name="A"), vctx), "name_too_short").params == {"min": 2}
    assert only(check(valid(full_name="A" * 101), vctx), "name_too_long").params == {"max": 100}
    assert found(check(valid(full_name="AHMAD 2"), vctx)) == {("full_name", "name_chars", E)}
    assert check(valid(full_name="M. RIZKI O'NEIL-SIREGAR"), vctx) == []
    # the mother's maiden name is optional, but checked when given
    assert found(check(valid(mother_maiden_name="X1"), vctx)) == {
        ("mother_maiden_name", "name_chars", E)
    }
    assert check(valid(mother_maiden_name=""), vctx) == []


def test_text_lengths_and_email(vctx: ValidationContext) -> None:
    assert found(check(valid(birth_place="x" * 61), vctx)) == {
        ("birth_place", "text_too_long", E)
    }
    assert found(check(valid(street="x" * 121), vctx)) == {("street", "text_too_long", E)}
    assert found(check(valid(email="budi@"), vctx)) == {("email", "email_invalid", E)}
    assert check(valid(email=" budi@desa.id "), vctx) == []


# ---------------------------------------------------------------- age window


def years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years)


def with_birth(birth: date, sex: Sex = Sex.MALE, **changes: object) -> RegistrationData:
    return valid(**{"birth_date": birth, "sex": sex, "nik": make_nik(birth, sex), **changes})


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (years_before(TODAY, 15), None),  # 15 today
        (date(2011, 1, 16), ("age_below_min", {"min": 15, "age": 14})),  # 15 tomorrow
        (date(1960, 1, 16), None),  # 65, turns 66 tomorrow
        (years_before(TODAY, 66), ("age_above_max", {"max": 65, "age": 66})),
        (date(1930, 6, 1), ("age_above_max", {"max": 65, "age": 95})),
    ],
)
def test_age_window_15_to_65(vctx: ValidationContext, birth: date, expected: tuple | None) -> None:
    problems = check(with_birth(birth), vctx)
    if expected is None:
        assert problems == []
    else:
        code, params = expected
        assert found(problems) == {("birth_date", code, E)}
        assert only(problems, code).params == params


def test_age_window_is_configurable() -> None:
    strict = ValidationContext(today=TODAY, rules=Rules(min_age=18, max_age=60))
    p = check(with_birth(date(2009, 1, 1)), strict)  # 17
    assert only(p, "age_below_min").params == {"min": 18, "age": 17}
    p = check(with_birth(date(1965, 1, 1)), strict)  # 61
    assert only(p, "age_above_max").params == {"max": 60, "age": 61}
    assert check(with_birth(date(2008, 1, 15)), strict) == []  # 18 today


def test_birth_date_in_the_future(vctx: ValidationContext) -> None:
    problems = check(valid(birth_date=date(2026, 1, 16), nik=""), vctx, complete=False)
    assert found(problems) == {("birth_date", "date_in_future", E)}


def test_age_on_counts_whole_years() -> None:
    assert age_on(date(2000, 2, 29), date(2026, 2, 28)) == 25
    assert age_on(date(2000, 2, 29), date(2026, 3, 1)) == 26
    assert age_on(date(1990, 1, 15), TODAY) == 36


# ---------------------------------------------------------------- NIK against birth date and sex


def test_nik_problems_are_reported(vctx: ValidationContext) -> None:
    problems = check(valid(nik="1505011203900"), vctx)
    assert found(problems) == {("nik", "nik_length", E)}


def test_nik_separators_are_stripped(vctx: ValidationContext) -> None:
    assert normalize(valid(nik=" 15.05.01 120390-0001 ")).nik == NIK
    assert check(valid(nik="150501.120390.0001"), vctx) == []


def test_birth_date_differing_from_nik_is_an_error(vctx: ValidationContext) -> None:
    problems = check(valid(birth_date=date(1990, 3, 13)), vctx)
    assert found(problems) == {("birth_date", "nik_birth_date_mismatch", E)}
    assert only(problems, "nik_birth_date_mismatch").params == {"nik_date": "1990-03-12"}


def test_sex_differing_from_nik_is_an_error(vctx: ValidationContext) -> None:
    problems = check(valid(sex=Sex.FEMALE), vctx)
    assert found(problems) == {("sex", "nik_sex_mismatch", E)}
    assert only(problems, "nik_sex_mismatch").params == {"nik_sex": "L"}


def test_female_nik_day_plus_40(vctx: ValidationContext) -> None:
    birth = date(1988, 9, 21)
    assert check(with_birth(birth, Sex.FEMALE), vctx) == []
    male_nik = make_nik(birth, Sex.MALE)
    problems = check(with_birth(birth, Sex.FEMALE, nik=male_nik), vctx)
    assert found(problems) == {("sex", "nik_sex_mismatch", E)}


OVERRIDE = NikOverride(reason="KTP salah cetak", supervisor="Pak Lurah", at=datetime(2026, 1, 15))


def test_supervisor_override_turns_mismatches_into_warnings(vctx: ValidationContext) -> None:
    data = valid(birth_date=date(1990, 3, 13), sex=Sex.FEMALE, nik_override=OVERRIDE)
    problems = check(data, vctx)
    assert found(problems) == {
        ("birth_date", "nik_mismatch_overridden", W),
        ("sex", "nik_mismatch_overridden", W),
    }
    assert all(p.params == {"supervisor": "Pak Lurah"} for p in problems)


def test_override_without_reason_is_an_error_and_overrides_nothing(
    vctx: ValidationContext,
) -> None:
    data = valid(birth_date=date(1990, 3, 13), nik_override=replace(OVERRIDE, reason="  "))
    assert found(check(data, vctx)) == {
        ("birth_date", "nik_birth_date_mismatch", E),
        ("nik_override.reason", "override_reason_required", E),
    }


def test_override_without_supervisor_overrides_nothing(vctx: ValidationContext) -> None:
    data = valid(birth_date=date(1990, 3, 13), nik_override=replace(OVERRIDE, supervisor=""))
    assert found(check(data, vctx)) == {("birth_date", "nik_birth_date_mismatch", E)}


def test_override_when_nothing_differs_needs_its_reason_only(vctx: ValidationContext) -> None:
    assert check(valid(nik_override=OVERRIDE), vctx) == []
    assert codes(check(valid(nik_override=replace(OVERRIDE, reason="")), vctx)) == [
        "override_reason_required"
    ]


def test_kk_number_is_checked_when_given(vctx: ValidationContext) -> None:
    assert check(valid(kk_number="1505 0112 0315 0003"), vctx) == []
    assert normalize(valid(kk_number="1505.0112.0315.0003")).kk_number == "1505011203150003"
    assert codes(check(valid(kk_number="150501120315"), vctx)) == ["kk_length"]
    assert codes(check(valid(kk_number="1505011203150000"), vctx)) == ["kk_serial_zero"]


# ---------------------------------------------------------------- address


def test_village_must_exist(vctx: ValidationContext) -> None:
    problems = check(valid(village_code="15.05.01.2999"), vctx)
    assert found(problems) == {("village_code", "village_unknown", E)}
    assert only(problems, "village_unknown").params == {"code": "15.05.01.2999"}


def test_village_code_without_dots_is_normalised(vctx: ValidationContext) -> None:
    assert normalize(valid(village_code=" 1505012002 ")).village_code == "15.05.01.2002"
    assert check(valid(village_code="1505012002"), vctx) == []


def test_village_outside_home_regency_is_a_warning() -> None:
    home = ValidationContext(today=TODAY, rules=Rules(home_regency="15.05"))
    assert check(valid(), home) == []
    kota_jambi = "15.71.09.1004"
    problems = check(valid(village_code=kota_jambi), home)
    assert found(problems) == {("village_code", "village_outside_regency", W)}
    assert only(problems, "village_outside_regency").params == {"regency": "15.05"}
    # without a home regency, any village of the country is fine
    assert check(valid(village_code=kota_jambi), ValidationContext(today=TODAY)) == []


def test_a_regency_sharing_the_prefix_digits_is_still_outside() -> None:
    """The comparison is on whole code parts: "15.0" is not the regency of 15.05.01.2002."""
    home = ValidationContext(today=TODAY, rules=Rules(home_regency="15.0"))
    assert codes(check(valid(), home)) == ["village_outside_regency"]


@pytest.mark.parametrize(
    ("typed", "stored"), [("3", "003"), ("12", "012"), (" 7 ", "007"), ("003", "003")]
)
def test_rt_rw_are_padded(typed: str, stored: str) -> None:
    data = normalize(valid(rt=typed, rw=typed))
    assert (data.rt, data.rw) == (stored, stored)


@pytest.mark.parametrize("typed", ["abc", "0", "000", "1234", "3A"])
def test_bad_rt_rw_are_kept_as_typed_and_reported(vctx: ValidationContext, typed: str) -> None:
    data = normalize(valid(rt=typed, rw="2"))
    assert data.rw == "002"
    assert data.rt in (typed, typed.zfill(3))
    assert found(validate(data, vctx)) == {("rt", "rt_rw_invalid", E)}


# ---------------------------------------------------------------- phone


def test_phone_is_normalised_to_e164_through_normalize() -> None:
    for typed in ("0812-3456-7890", "812 3456 7890", "62 812 3456 7890", "+62 (812) 3456.7890"):
        assert normalize(valid(phone=typed)).phone == "+6281234567890"


def test_a_bad_phone_is_kept_as_typed_and_reported(vctx: ValidationContext) -> None:
    data = normalize(valid(phone=" 0812-34 "))
    assert data.phone == "0812-34"
    assert found(validate(data, vctx)) == {("phone", "phone_invalid", E)}
    assert found(check(valid(phone="0812-3456-789x"), vctx)) == {("phone", "phone_chars", E)}
    assert found(check(valid(phone="021-555-1234"), vctx)) == {("phone", "phone_not_mobile", E)}


def test_heir_phone_is_normalised_and_checked(vctx: ValidationContext) -> None:
    heir = Heir(name="SITI", relationship=HeirRelationship.ISTRI, phone="0813 1111 2222")
    assert normalize(valid(heirs=[heir])).heirs[0].phone == "+6281311112222"
    bad = replace(heir, phone="12")
    assert found(check(valid(heirs=[bad]), vctx)) == {("heirs.0.phone", "phone_invalid", E)}


def test_missing_phone_is_only_a_warning(vctx: ValidationContext) -> None:
    assert found(check(valid(phone=""), vctx)) == {("phone", "phone_missing", W)}
    assert check(valid(phone=""), vctx, complete=False) == []


def test_normalize_keeps_the_input_object_unchanged() -> None:
    original = valid(phone="0812-3456-7890", rt="3", heirs=[Heir(name="  SITI   AMINAH ")])
    normalize(original)
    assert original.phone == "0812-3456-7890"
    assert original.rt == "3"
    assert original.heirs[0].name == "  SITI   AMINAH "


def test_normalize_cleans_spaces_in_names() -> None:
    data = normalize(valid(full_name="  ahmad   HARAHAP ", heirs=[Heir(name=" SITI  AMINAH")]))
    assert data.full_name == "ahmad HARAHAP"
    assert data.heirs[0].name == "SITI AMINAH"


# ---------------------------------------------------------------- occupation, income, programmes


def test_occupation_unknown(vctx: ValidationContext) -> None:
    problems = check(valid(occupation_code="ASTRONOT"), vctx)
    assert found(problems) == {("occupation_code", "occupation_unknown", E)}
    assert only(problems, "occupation_unknown").params == {"code": "ASTRONOT"}


def test_occupation_not_informal_is_a_warning(vctx: ValidationContext) -> None:
    problems = check(valid(occupation_code="05"), vctx)  # Pegawai Negeri Sipil
    assert found(problems) == {("occupation_code", "occupation_not_informal", W)}
    assert only(problems, "occupation_not_informal").params == {"label": "Pegawai Negeri Sipil"}


def test_dukcapil_codes_and_subtypes_are_both_accepted(vctx: ValidationContext) -> None:
    for code in ("20", "14", "OJEK_PANGKALAN", "NELAYAN"):
        assert check(valid(occupation_code=code), vctx) == []


def test_negative_income(vctx: ValidationContext) -> None:
    assert found(check(valid(reported_income=-1), vctx)) == {
        ("reported_income", "income_negative", E)
    }
    assert check(valid(reported_income=None), vctx) == []


@pytest.mark.parametrize(
    ("programmes", "missing"),
    [
        (frozenset({Programme.JKK}), "JKM"),
        (frozenset({Programme.JKM, Programme.JHT}), "JKK"),
        (frozenset(), "JKK+JKM"),
    ],
)
def test_programmes_must_include_jkk_and_jkm(
    vctx: ValidationContext, programmes: frozenset, missing: str
) -> None:
    for complete in (True, False):
        problems = check(valid(programmes=programmes), vctx, complete=complete)
        assert found(problems) == {("programmes", "programme_required", E)}
        assert only(problems, "programme_required").params == {"missing": missing}


def test_jht_is_optional(vctx: ValidationContext) -> None:
    assert check(valid(programmes=frozenset(Programme)), vctx) == []


# ---------------------------------------------------------------- coverage


def test_coverage_end_before_start(vctx: ValidationContext) -> None:
    data = valid(coverage_start=date(2026, 4, 1), coverage_end=date(2026, 3, 31))
    for complete in (True, False):
        assert found(check(data, vctx, complete=complete)) == {
            ("coverage_end", "coverage_end_before_start", E)
        }
    assert check(valid(coverage_start=date(2026, 4, 1), coverage_end=date(2026, 4, 1)), vctx) == []


@pytest.mark.parametrize(
    "funding",
    [FundingSource.APBD_KAB, FundingSource.APBD_PROV, FundingSource.DBH_SAWIT,
     FundingSource.CSR, FundingSource.LAINNYA],
)
def test_subsidised_coverage_needs_an_end(vctx: ValidationContext, funding: FundingSource) -> None:
    data = valid(funding_source=funding, coverage_end=None)
    assert found(check(data, vctx)) == {("coverage_end", "coverage_end_required", E)}
    assert check(data, vctx, complete=False) == []


def test_self_paid_coverage_may_run_open_ended(vctx: ValidationContext) -> None:
    assert check(valid(funding_source=FundingSource.MANDIRI, coverage_end=None), vctx) == []


def test_a_month_without_contribution_table(vctx: ValidationContext) -> None:
    data = valid(coverage_start=date(2010, 1, 1), coverage_end=date(2010, 12, 31))
    assert found(check(data, vctx)) == {("coverage_start", "no_contribution_table", E)}


# ---------------------------------------------------------------- heirs


def test_heir_relationship_is_required(vctx: ValidationContext) -> None:
    data = valid(heirs=[Heir(name="SITI AMINAH")])
    for complete in (True, False):
        assert found(check(data, vctx, complete=complete)) == {
            ("heirs.0.relationship", "heir_relationship_required", E)
        }


def test_heir_name_is_required_and_checked(vctx: ValidationContext) -> None:
    assert found(check(valid(heirs=[Heir(relationship=HeirRelationship.ANAK)]), vctx)) == {
        ("heirs.0.name", "required", E)
    }
    second = Heir(name="ANAK 1", relationship=HeirRelationship.ANAK)
    assert found(check(valid(heirs=[*valid().heirs, second]), vctx)) == {
        ("heirs.1.name", "name_chars", E)
    }


def test_heir_nik_is_checked(vctx: ValidationContext) -> None:
    heir = Heir(name="SITI", relationship=HeirRelationship.ISTRI, nik="1505-0141-0792-00")
    problems = check(valid(heirs=[heir]), vctx)
    assert found(problems) == {("heirs.0.nik", "nik_length", E)}
    heir = replace(heir, nik="9905014107920002")  # no province 99
    assert found(check(valid(heirs=[heir]), vctx)) == {("heirs.0.nik", "nik_province_unknown", E)}


def test_heir_nik_equal_to_participant(vctx: ValidationContext) -> None:
    heir = Heir(name="SITI", relationship=HeirRelationship.ISTRI, nik=NIK)
    assert found(check(valid(heirs=[heir]), vctx)) == {
        ("heirs.0.nik", "heir_nik_is_participant", E)
    }
    # also when typed with separators
    heir = replace(heir, nik="1505.0112.0390.0001")
    assert codes(check(valid(heirs=[heir]), vctx)) == ["heir_nik_is_participant"]


def test_repeated_heir_nik(vctx: ValidationContext) -> None:
    spouse = Heir(name="SITI", relationship=HeirRelationship.ISTRI, nik=HEIR_NIK)
    child = Heir(name="RINA", relationship=HeirRelationship.ANAK, nik=HEIR_NIK)
    other = Heir(name="ADI", relationship=HeirRelationship.ANAK)
    problems = check(valid(heirs=[other, spouse, child]), vctx)
    assert found(problems) == {("heirs.1.nik", "heir_nik_repeated", E)}


def test_heir_birth_date_in_the_future(vctx: ValidationContext) -> None:
    heir = Heir(name="RINA", relationship=HeirRelationship.ANAK, birth_date=date(2026, 2, 1))
    assert found(check(valid(heirs=[heir]), vctx)) == {
        ("heirs.0.birth_date", "date_in_future", E)
    }


def test_no_heir_is_a_warning_when_complete(vctx: ValidationContext) -> None:
    assert found(check(valid(heirs=[]), vctx)) == {("heirs", "heir_missing", W)}
    assert check(valid(heirs=[]), vctx, complete=False) == []


# ---------------------------------------------------------------- consent


def test_consent_is_required_to_leave_draft(vctx: ValidationContext) -> None:
    assert found(check(valid(consent=None), vctx)) == {("consent", "consent_required", E)}
    assert check(valid(consent=None), vctx, complete=False) == []


def test_unknown_notice_version(vctx: ValidationContext) -> None:
    data = valid(consent=consent(notice_version="2019-01"))
    for complete in (True, False):
        problems = check(data, vctx, complete=complete)
        assert found(problems) == {("consent", "consent_notice_unknown", E)}
        assert only(problems, "consent_notice_unknown").params == {"version": "2019-01"}


def test_notice_versions_are_configurable() -> None:
    rules = Rules(notice_versions=frozenset({"2026-01", "2026-07"}))
    vctx = ValidationContext(today=TODAY, rules=rules)
    assert check(valid(consent=consent(notice_version="2026-07")), vctx) == []


def test_consent_needs_a_volunteer_and_a_past_date(vctx: ValidationContext) -> None:
    assert found(check(valid(consent=consent(volunteer_id="")), vctx)) == {
        ("consent", "consent_volunteer_required", E)
    }
    late = consent(given_at=datetime(2026, 1, 16, 0, 1))
    assert found(check(valid(consent=late), vctx)) == {("consent", "date_in_future", E)}


def test_paper_consent_is_as_good_as_screen(vctx: ValidationContext) -> None:
    assert check(valid(consent=consent(method=ConsentMethod.PAPER)), vctx) == []


# ---------------------------------------------------------------- properties


names = st.text(alphabet=st.sampled_from("ABCDEFGHIJ abcdé.'-"), max_size=20)
small = st.text(alphabet=st.sampled_from("0123456789 .-()+x"), max_size=18)


@PROPERTY
@given(
    nik=small,
    phone=small,
    rt=small,
    rw=small,
    full_name=names,
    village=st.sampled_from(["", "1505012002", " 15.05.01.2002 ", "15.05.01", "xx", "1505"]),
    heir_phone=small,
    heir_nik=small,
    heir_name=names,
)
def test_normalize_is_idempotent(
    nik: str, phone: str, rt: str, rw: str, full_name: str, village: str,
    heir_phone: str, heir_nik: str, heir_name: str,
) -> None:
    data = RegistrationData(
        nik=nik, phone=phone, rt=rt, rw=rw, full_name=full_name, village_code=village,
        heirs=[Heir(name=heir_name, nik=heir_nik, phone=heir_phone)],
    )
    once = normalize(data)
    assert normalize(once) == once


@PROPERTY
@given(st.dates(min_value=date(1930, 1, 1), max_value=date(2026, 1, 15)), st.sampled_from(Sex))
def test_a_nik_built_from_birth_date_and_sex_always_agrees(birth: date, sex: Sex) -> None:
    """Whatever the birth date and sex, a NIK made from them raises no mismatch; the only
    problems left are the age window's."""
    vctx = ValidationContext(today=TODAY)
    problems = check(with_birth(birth, sex), vctx)
    assert set(codes(problems)) <= {"age_below_min", "age_above_max"}
    assert bool(problems) == (not 15 <= age_on(birth, TODAY) <= 65)
