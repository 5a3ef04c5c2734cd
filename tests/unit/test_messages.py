"""Every problem and error code raised anywhere in fieldreg/ has words, Indonesian and English.

The codes are found by reading the source (ast): calls of ``error(field, "code", …)``,
``warning(…)``, ``Problem(field, "code", {params}, …)``, ``ServiceError("code", …)`` and
``KeySlotError("code", …)``; f-string codes like ``f"{prefix}_length"`` are expanded with the
string values passed for ``prefix`` where the function is called.
"""

from __future__ import annotations

import ast
import string
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from fieldreg.domain.problems import Problem, error
from fieldreg.i18n.messages import FIELDS, MESSAGES, describe, field_label, message

SOURCE = Path(__file__).resolve().parents[2] / "fieldreg"
# call name → index of the positional argument holding the code
CODE_ARG = {"error": 1, "warning": 1, "Problem": 1, "ServiceError": 0, "KeySlotError": 0}


@dataclass
class Site:
    where: str
    params: set[str] | None  # None: unknown (a **mapping is passed on)


@dataclass
class Catalogue:
    sites: dict[str, list[Site]] = field(default_factory=lambda: defaultdict(list))


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _prefix_values(trees: dict[Path, ast.Module]) -> dict[str, set[str]]:
    """For every parameter of every function: the string constants callers pass for it."""
    params: dict[str, list[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                params[node.name] = [a.arg for a in node.args.args]
    values: dict[str, set[str]] = defaultdict(set)
    for tree in trees.values():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name not in params:
                continue
            for i, arg in enumerate(node.args):
                if i < len(params[name]) and _is_text(arg):
                    values[params[name][i]].add(arg.value)  # type: ignore[attr-defined]
            for kw in node.keywords:
                if kw.arg and _is_text(kw.value):
                    values[kw.arg].add(kw.value.value)  # type: ignore[attr-defined]
    return values


def _codes_of(arg: ast.expr, prefixes: dict[str, set[str]]) -> list[str]:
    if isinstance(arg, ast.JoinedStr):
        out = [""]
        for part in arg.values:
            if isinstance(part, ast.Constant):
                out = [o + str(part.value) for o in out]
            elif isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name):
                options = sorted(prefixes.get(part.value.id, set()))
                assert options, f"cannot expand {{{part.value.id}}} in {ast.unparse(arg)}"
                out = [o + v for o in out for v in options]
            else:  # pragma: no cover - nothing like this in the source today
                raise AssertionError(f"cannot expand {ast.unparse(arg)}")
        return out
    # a constant, or a conditional choosing between constants
    return [
        n.value for n in ast.walk(arg) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _params_of(node: ast.Call, name: str) -> set[str] | None:
    if any(kw.arg is None for kw in node.keywords):
        return None
    params = {kw.arg for kw in node.keywords if kw.arg}
    params -= {"problems"}  # ServiceError's field-level detail, not a message parameter
    if name == "Problem" and len(node.args) > 2:
        mapping = node.args[2]
        if not isinstance(mapping, ast.Dict):
            return None
        params |= {k.value for k in mapping.keys if isinstance(k, ast.Constant)}
    return params


def scan(root: Path = SOURCE) -> Catalogue:
    trees = {p: ast.parse(p.read_text("utf-8"), str(p)) for p in sorted(root.rglob("*.py"))}
    prefixes = _prefix_values(trees)
    cat = Catalogue()
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name not in CODE_ARG or len(node.args) <= CODE_ARG[name]:
                continue
            arg = node.args[CODE_ARG[name]]
            if isinstance(arg, ast.Attribute | ast.Name):  # re-raising exc.code
                continue
            for code in _codes_of(arg, prefixes):
                where = f"{path.relative_to(root.parent)}:{node.lineno}"
                cat.sites[code].append(Site(where, _params_of(node, name)))
    return cat


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return scan()


def placeholders(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


# ---------------------------------------------------------------- the scan itself


def test_the_scan_finds_the_codes_it_should(catalogue: Catalogue) -> None:
    """Guards the scanner: codes from every kind of call site, f-strings expanded."""
    for code in (
        "nik_length", "kk_length", "nik_province_unknown", "kk_district_unknown",  # f-strings
        "age_below_min", "heir_missing",  # error / warning
        "nik_already_registered", "volunteer_unknown", "volunteer_ambiguous",  # ServiceError
        "wrong_password", "throttled", "locked_out", "keyfile_corrupt",  # KeySlotError
    ):
        assert code in catalogue.sites, code
    assert len(catalogue.sites) > 60
    assert catalogue.sites["nik_province_unknown"][0].params == {"code"}
    assert catalogue.sites["age_below_min"][0].params == {"min", "age"}


def test_the_scan_sees_a_code_without_words(tmp_path: Path) -> None:
    (tmp_path / "mod.py").write_text(
        "def f(field, prefix):\n"
        "    error(field, f'{prefix}_odd', n=1)\n"
        "    raise ServiceError('brand_new_code', file='x')\n"
        "f('nik', 'zz')\n",
        "utf-8",
    )
    cat = scan(tmp_path)
    assert set(cat.sites) == {"zz_odd", "brand_new_code"}
    assert cat.sites["zz_odd"][0].params == {"n"}
    assert "brand_new_code" not in MESSAGES


# ---------------------------------------------------------------- the catalogue


def test_every_code_in_the_source_has_both_languages(catalogue: Catalogue) -> None:
    missing = {
        code: [s.where for s in sites] for code, sites in catalogue.sites.items()
        if code not in MESSAGES
    }
    assert missing == {}
    for code in catalogue.sites:
        indonesian, english = MESSAGES[code]
        assert indonesian.strip() and english.strip(), code
        assert indonesian != english or code in {"required"}, code


def test_placeholders_use_only_the_params_the_code_is_raised_with(catalogue: Catalogue) -> None:
    wrong = {}
    for code, sites in catalogue.sites.items():
        known = [s.params for s in sites]
        if code not in MESSAGES or any(p is None for p in known):
            continue  # params passed on from elsewhere: cannot tell
        offered = set().union(*known)
        for lang, text in zip(("id", "en"), MESSAGES[code], strict=True):
            extra = placeholders(text) - offered
            if extra:
                wrong[(code, lang)] = sorted(extra)
    assert wrong == {}


def test_both_languages_use_the_same_placeholders() -> None:
    differ = {
        code: (placeholders(ind), placeholders(en))
        for code, (ind, en) in MESSAGES.items()
        if placeholders(ind) != placeholders(en)
    }
    assert differ == {}


def test_placeholders_are_plain_names() -> None:
    for code, pair in MESSAGES.items():
        for text in pair:
            for name in placeholders(text):
                assert name.isidentifier(), (code, name)


# ---------------------------------------------------------------- rendering


def test_message_fills_params_in_each_language() -> None:
    assert message("nik_length", {"length": 15}) == (
        "NIK harus 16 angka, ini 15 angka. Periksa KTP."
    )
    english = message("nik_length", {"length": 15}, "en")
    assert english.startswith("A NIK has 16 digits; this has 15")


def test_a_missing_param_leaves_a_mark_rather_than_failing() -> None:
    text = message("nik_length", {})
    assert "{" not in text and "…" in text


def test_an_unknown_code_is_shown_as_itself() -> None:
    assert message("no_such_code", {"x": 1}) == "no_such_code"


def test_iso_dates_read_dd_mm_yyyy_in_indonesian() -> None:
    text = message("nik_birth_date_mismatch", {"nik_date": "1990-03-12"})
    assert "12-03-1990" in text and "1990-03-12" not in text
    assert "1990-03-12" in message("nik_birth_date_mismatch", {"nik_date": "1990-03-12"}, "en")
    assert "30-02-1990" in message("nik_date", {"date": "1990-02-30"})


def test_date_objects_read_dd_mm_yyyy_in_indonesian() -> None:
    until = datetime(2026, 1, 15, 9, 45, tzinfo=UTC).astimezone()  # the laptop's own zone
    text = message("locked_out", {"until": until})
    assert "15-01-2026" in text, text
    assert "2026-01-15" not in text and "+00:00" not in text, text
    assert "09:45" in text or until.strftime("%H:%M") in text
    assert "15-01-2026" in message("nik_birth_date_mismatch", {"nik_date": date(2026, 1, 15)})


def test_describe_names_the_field() -> None:
    assert describe(error("nik", "nik_length", length=15)).startswith("NIK: NIK harus 16")
    assert describe(Problem("heirs.1.relationship", "heir_relationship_required")) == (
        "Ahli waris 2 – Hubungan: Pilih hubungan ahli waris."
    )
    assert field_label("heirs.0.name", "en") == "Heirs 1 – Name"


def test_every_field_validation_reports_has_a_label() -> None:
    for fld in ("nik", "full_name", "birth_date", "sex", "village_code", "occupation_code",
                "funding_source", "coverage_start", "coverage_end", "consent", "programmes",
                "phone", "rt", "rw", "email", "reported_income", "kk_number", "street",
                "birth_place", "mother_maiden_name", "heirs"):
        assert fld in FIELDS, fld
    assert field_label("nik_override.reason") == "Persetujuan supervisor"


def test_a_code_can_have_its_own_words_for_one_field() -> None:
    """A lock-out of the recovery key (its own counter) does not advise the recovery key."""
    until = datetime(2026, 1, 15, 9, 45, tzinfo=UTC)
    on_password = message("locked_out", {"field": "password", "until": until})
    on_key = message("locked_out", {"field": "recovery_key", "until": until})
    assert "kata sandi salah" in on_password and "Pakai kunci pemulihan" in on_password
    assert "kunci pemulihan salah" in on_key and "Pakai kunci pemulihan" not in on_key
    assert "wrong passwords" in message("locked_out", {"field": "password"}, "en")
    assert "wrong recovery keys" in message("locked_out", {"field": "recovery_key"}, "en")
    assert message("locked_out", {}) == message("locked_out", {"field": "nik"})


def test_no_indonesian_jargon_in_the_enrolment_refusals() -> None:
    for code in ("enrol_signature_invalid", "enrol_challenge_stale",
                 "enrol_code_other_district", "restored_new_identity"):
        words = message(code, {}).lower()
        for jargon in ("tanda tangan", "signature", "challenge", "fingerprint", "mesin"):
            assert jargon not in words, (code, jargon)


# -- codes shown as words (issue 15) ----------------------------------------------------------
@pytest.mark.parametrize(("lang", "code", "word"), [
    ("id", "L", "laki-laki"), ("id", "P", "perempuan"),
    ("en", "L", "male"), ("en", "P", "female"),
])
def test_sex_mismatch_names_the_sex_in_words(lang: str, code: str, word: str) -> None:
    words = message("nik_sex_mismatch", {"nik_sex": code}, lang)
    assert f"({word})" in words
    assert f"({code})" not in words


def test_sex_in_words_also_from_english_letters() -> None:
    assert "(perempuan)" in message("nik_sex_mismatch", {"nik_sex": "F"}, "id")
    assert "(laki-laki)" in message("nik_sex_mismatch", {"nik_sex": "M"}, "id")


@pytest.mark.parametrize(("lang", "status", "word"), [
    ("id", "ready", "Menunggu kirim"), ("id", "draft", "Draf"), ("id", "accepted", "Diterima"),
    ("en", "ready", "Waiting to send"), ("en", "voided", "Voided"),
])
def test_duplicate_nik_names_the_status_in_words(lang: str, status: str, word: str) -> None:
    words = message("nik_already_registered",
                    {"name": "SITI", "village": "Gerunggung", "status": status}, lang)
    assert f"(Gerunggung, {word})" in words
    assert f"{status})" not in words


def test_status_already_in_words_is_kept() -> None:
    assert "(Gerunggung, Draf)" in message(
        "nik_already_registered", {"name": "SITI", "village": "Gerunggung", "status": "Draf"})
