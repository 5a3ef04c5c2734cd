"""Ganda: the queue of NIKs claimed by more than one laptop, compared; keep one."""

# No ``from __future__ import annotations``: FastAPI resolves the endpoints' annotations.

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from fieldreg.domain.nik import display_nik
from fieldreg.domain.occupations import get_occupations
from fieldreg.server import models as m
from fieldreg.server.console.web import (
    PREFIX,
    ConsoleError,
    Form,
    Kit,
    Operator,
    Viewer,
    allowed,
    check_csrf,
    day,
    masked,
)
from fieldreg.server.service import (
    duplicates,
    officers,
)
from fieldreg.server.service.errors import AdminError


def add_routes(router: APIRouter, kit: Kit) -> None:
    db = kit.db
    settings = kit.settings
    render = kit.render
    redirect = kit.redirect
    page_of = kit.page_of

    @router.get("/ganda", response_class=HTMLResponse)
    def duplicates_page(request: Request, who: Viewer, done: str = "") -> Response:
        groups, total = duplicates.queue(db, who.district) if who.district else ([], 0)
        return render(page_of(request, who), "duplicates.html", groups=groups, total=total,
                      done=bool(done), show_nik=display_nik if masked(who) else str)

    def duplicate_page_of(request: Request, who: officers.Current, g: duplicates.Group,
                          error: str = "", status: int = 200) -> HTMLResponse:
        hide = masked(who)

        page = page_of(request, who)

        def value(claim: duplicates.Claim, key: str) -> str:
            """A compared field in words: a village's name, a date as dd/mm/yyyy, a sex and
            an occupation as words."""
            raw = claim.data.get(key)
            text = "" if raw is None else str(raw)
            if key == "village_code":
                return claim.village
            if key == "birth_date":
                return day(text)
            if key == "sex" and text in ("L", "P"):
                return page.t(f"sex_{text}")
            if key == "occupation_code":
                found = get_occupations().find(text)
                return found.label_id if found else text
            if key == "phone" and hide and len(text) > 7:
                return text[:4] + "•" * (len(text) - 7) + text[-3:]
            return text

        return render(page, "duplicate.html", status, g=g, error=error,
                      fields=duplicates.PUBLIC if hide else duplicates.COMPARED,
                      can_decide=allowed(who.role, m.ROLE_OPERATOR) and who.district is not None,
                      value=value, show_nik=display_nik if hide else str)

    @router.get("/ganda/{record_id}", response_class=HTMLResponse)
    def duplicate_page(request: Request, record_id: str, who: Viewer) -> Response:
        g = duplicates.group_of(db, who.district, record_id) if who.district else None
        if g is None:
            raise ConsoleError(404, "not_found")
        return duplicate_page_of(request, who, g)

    @router.post("/ganda/{record_id}/pakai", response_class=HTMLResponse)
    def duplicate_keep(request: Request, record_id: str, data: Form,
                       who: Operator) -> Response:
        check_csrf(who, data)
        if who.district is None:
            raise ConsoleError(404, "not_found")
        try:
            duplicates.keep(db, settings, who.district, record_id, actor=who.actor)
        except AdminError as exc:
            g = duplicates.group_of(db, who.district, record_id)
            if str(exc) == "not_found" or g is None:
                raise ConsoleError(404, "not_found") from exc
            page = page_of(request, who)
            return duplicate_page_of(request, who, g, page.t("duplicate_not_decided"), 409)
        return redirect(f"{PREFIX}/ganda?done=1")
