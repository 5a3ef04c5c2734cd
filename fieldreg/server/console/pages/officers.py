"""Petugas (admin): the district's officers; disable one."""

# No ``from __future__ import annotations``: FastAPI resolves the endpoints' annotations.
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from fieldreg.server.console.web import (
    PREFIX,
    Admin,
    ConsoleError,
    Form,
    Kit,
    check_csrf,
)
from fieldreg.server.service import officers
from fieldreg.server.service.errors import AdminError


def add_routes(router: APIRouter, kit: Kit) -> None:
    db = kit.db
    settings = kit.settings
    render = kit.render
    redirect = kit.redirect
    page_of = kit.page_of

    @router.get("/petugas", response_class=HTMLResponse)
    def officers_page(request: Request, who: Admin, done: str = "") -> Response:
        rows = officers.list_officers(db, who.district) if who.district else []
        return render(page_of(request, who), "officers.html", rows=rows,
                      now=settings.clock(), done=done[:40], error="")

    @router.get("/petugas/{name}/nonaktifkan", response_class=HTMLResponse)
    def officer_disable_confirm(request: Request, name: str, who: Admin) -> Response:
        """Asks before disabling (no script: a page of its own)."""
        target = officers.normalize_name(name)
        if not officers.NAME_RE.match(target):
            raise ConsoleError(404, "not_found")
        rows = officers.list_officers(db, who.district) if who.district else []
        found = next((o for o in rows if o.name == target and o.disabled_at is None), None)
        if found is None or found.name == who.name:
            raise ConsoleError(404, "not_found")
        return render(page_of(request, who), "officer_disable.html", officer=found)

    @router.post("/petugas/{name}/nonaktifkan", response_class=HTMLResponse)
    def officer_disable(request: Request, name: str, data: Form, who: Admin) -> Response:
        check_csrf(who, data)
        if not officers.NAME_RE.match(officers.normalize_name(name)):
            raise ConsoleError(404, "not_found")
        if officers.normalize_name(name) == who.name:
            raise ConsoleError(400, "cannot_disable_self")
        if who.district is None:
            raise ConsoleError(404, "not_found")
        try:
            done = officers.disable_officer(db, settings, name, actor=who.actor,
                                            district=who.district)
        except AdminError as exc:
            raise ConsoleError(404, "not_found") from exc
        return redirect(f"{PREFIX}/petugas?" + urlencode({"done": done.name}))
