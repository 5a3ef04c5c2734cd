"""Peserta: the searched, filtered list of registrations and one record's page."""

# No ``from __future__ import annotations``: FastAPI resolves the endpoints' annotations.
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from fieldreg.domain.nik import display_nik, mask_nik
from fieldreg.domain.occupations import get_occupations
from fieldreg.server.console.web import (
    PREFIX,
    ConsoleError,
    Kit,
    Viewer,
    masked,
)
from fieldreg.server.service import participants


def add_routes(router: APIRouter, kit: Kit) -> None:
    db = kit.db
    render = kit.render
    page_of = kit.page_of
    record_action = kit.record_action

    @router.get("/peserta", response_class=HTMLResponse)
    def participants_page(request: Request, who: Viewer) -> Response:
        page = page_of(request, who)
        q = request.query_params
        bad: list[str] = []

        def param(name: str, ok: Callable[[str], bool]) -> str:
            value = q.get(name, "").strip()[:100]
            if value and ("\x00" in value or not ok(value)):
                bad.append(name)
                return ""
            return value

        status = param("status", participants.status_ok)
        kecamatan = param("kecamatan", participants.is_kecamatan)
        village = param("desa", participants.is_village)
        device = param("laptop", lambda v: len(v) <= 36)
        raw_page = param("hal", lambda v: v.isascii() and v.isdigit() and len(v) <= 6)
        after = param("sesudah", lambda v: participants.parse_cursor(v) is not None)
        before = param("sebelum", lambda v: participants.parse_cursor(v) is not None)
        filters = participants.Filters(q=q.get("q", "")[:participants.MAX_QUERY]
                                       .replace("\x00", ""),
                                       kecamatan=kecamatan, village=village, status=status,
                                       device=device, page=int(raw_page or 1),
                                       after=after, before=before)
        result = participants.search(db, who.district, filters)
        if result.search_kind == "nik":
            record_action(who, "participants.searched", "registration", "",
                          kind="nik", nik=mask_nik(participants.search_kind(filters.q)[1]),
                          found=result.total)
        choices = participants.choices(db, who.district)
        base = {k: v for k, v in (("q", filters.q), ("kecamatan", kecamatan),
                                  ("desa", village), ("status", status),
                                  ("laptop", device)) if v}

        def page_url(n: int, **cursor: str) -> str:
            return f"{PREFIX}/peserta?" + urlencode({**base, "hal": n, **cursor})

        return render(page, "participants.html", r=result, f=filters, choices=choices,
                      statuses=participants.STATUSES, bad=bad, masked=masked(who),
                      show_nik=(lambda nik: display_nik(nik)) if masked(who) else str,
                      prev_url=page_url(result.page - 1, sebelum=result.prev_cursor)
                      if result.prev_cursor else "",
                      next_url=page_url(result.page + 1, sesudah=result.next_cursor)
                      if result.next_cursor else "")

    @router.get("/peserta/{record_id}", response_class=HTMLResponse)
    def participant_page(request: Request, record_id: str, who: Viewer) -> Response:
        found = participants.detail(db, who.district, record_id)
        if found is None:
            raise ConsoleError(404, "not_found")
        record_action(who, "registration.viewed", "registration", found.id,
                      participant_number=found.participant_number or "")
        data = found.data
        occupation = get_occupations().find(str(data.get("occupation_code") or ""))
        hide = masked(who)

        def shown(value: Any) -> str:
            return "" if value is None else str(value)

        nik = display_nik(found.nik) if hide else found.nik
        kk = shown(data.get("kk_number"))
        phone = shown(data.get("phone"))
        heirs = [h for h in data.get("heirs") or [] if isinstance(h, dict)]
        return render(page_of(request, who), "participant.html", p=found, data=data,
                      nik=nik, kk=display_nik(kk) if hide else kk,
                      phone=(phone[:4] + "•" * max(0, len(phone) - 7) + phone[-3:]
                             if hide and len(phone) > 7 else phone),
                      hide=hide, shown=shown, heirs=heirs,
                      occupation=occupation.label_id if occupation else
                      shown(data.get("occupation_code")),
                      consent=data.get("consent") if isinstance(data.get("consent"), dict)
                      else None,
                      back=request.headers.get("referer", "") if _same_list(request)
                      else f"{PREFIX}/peserta")

    def _same_list(request: Request) -> bool:
        ref = request.headers.get("referer", "")
        own = f"{request.url.scheme}://{request.url.netloc}{PREFIX}/peserta"
        return ref.startswith(own + "?") or ref == own
