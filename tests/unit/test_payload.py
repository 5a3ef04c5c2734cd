"""Property tests of the registration's wire form: dict round trip and the canonical hash."""

from __future__ import annotations

import json
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldreg.domain.codes import ConsentMethod, FundingSource, HeirRelationship, Programme, Sex
from fieldreg.domain.codes import Status as St
from fieldreg.domain.registration import (
    Consent,
    Heir,
    NikOverride,
    Registration,
    RegistrationData,
    canonical_json,
    data_from_dict,
    data_to_dict,
    payload_hash,
    to_payload,
)

PROPERTY = settings(max_examples=100, deadline=None)

text = st.text(max_size=24)  # any unicode, quotes and newlines included
days = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
# the wire form keeps whole seconds (consent and override times are shown to the second)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)
).map(lambda t: t.replace(microsecond=0))

heirs = st.builds(
    Heir,
    name=text,
    relationship=st.none() | st.sampled_from(HeirRelationship),
    nik=text,
    birth_date=days,
    phone=text,
)
consents = st.builds(
    Consent,
    given_at=moments,
    method=st.sampled_from(ConsentMethod),
    notice_version=text,
    volunteer_id=text,
)
overrides = st.builds(NikOverride, reason=text, supervisor=text, at=moments)
datas = st.builds(
    RegistrationData,
    nik=text,
    full_name=text,
    birth_place=text,
    birth_date=days,
    sex=st.none() | st.sampled_from(Sex),
    mother_maiden_name=text,
    kk_number=text,
    street=text,
    rt=text,
    rw=text,
    village_code=text,
    phone=text,
    email=text,
    work_location=text,
    occupation_code=text,
    reported_income=st.none() | st.integers(min_value=0, max_value=10**12),
    programmes=st.frozensets(st.sampled_from(Programme)),
    funding_source=st.none() | st.sampled_from(FundingSource),
    coverage_start=days,
    coverage_end=days,
    heirs=st.lists(heirs, max_size=3),
    consent=st.none() | consents,
    nik_override=st.none() | overrides,
)
registrations = st.builds(
    Registration,
    id=st.uuids().map(str),
    device_id=st.uuids().map(str),
    volunteer_id=st.uuids().map(str),
    created_at=moments,
    updated_at=moments,
    version=st.integers(min_value=1, max_value=10**6),
    status=st.sampled_from(St),
    data=datas,
    village_name=text,
    regions_version=text,
    participant_number=st.none() | text,
    void_reason=text,
)


@PROPERTY
@given(datas)
def test_data_survives_a_json_round_trip(data: RegistrationData) -> None:
    wire = json.loads(json.dumps(data_to_dict(data)))
    assert data_from_dict(wire) == data


@PROPERTY
@given(datas)
def test_data_to_dict_is_json_ready(data: RegistrationData) -> None:
    d = data_to_dict(data)
    assert json.loads(json.dumps(d)) == d


@PROPERTY
@given(registrations)
def test_payload_hash_is_stable_and_order_free(reg: Registration) -> None:
    payload = to_payload(reg)
    h = payload_hash(payload)
    assert len(h) == 64 and int(h, 16) >= 0
    assert payload_hash(to_payload(reg)) == h  # same record, same hash
    # a JSON round trip (the outbox stores the text) and key order change nothing
    reread = json.loads(canonical_json(payload))
    assert payload_hash(reread) == h
    shuffled = dict(reversed(list(payload.items())))
    shuffled["data"] = dict(reversed(list(payload["data"].items())))
    assert canonical_json(shuffled) == canonical_json(payload)
    assert payload_hash(shuffled) == h


@PROPERTY
@given(registrations, registrations)
def test_payload_hash_tells_records_apart(a: Registration, b: Registration) -> None:
    assert (payload_hash(to_payload(a)) == payload_hash(to_payload(b))) == (
        to_payload(a) == to_payload(b)
    )


@PROPERTY
@given(registrations, st.sampled_from(["full_name", "nik", "phone", "rt", "village_code"]), text)
def test_any_change_of_the_data_changes_the_hash(reg: Registration, fld: str, value: str) -> None:
    before = payload_hash(to_payload(reg))
    changed = Registration(**{**reg.__dict__, "data": reg.data.copy(**{fld: value})})
    assert (payload_hash(to_payload(changed)) == before) == (getattr(reg.data, fld) == value)


def test_canonical_json_is_compact_sorted_and_keeps_unicode() -> None:
    assert canonical_json({"b": 1, "a": {"d": "é", "c": None}}) == '{"a":{"c":null,"d":"é"},"b":1}'
