"""Beranda: the district's progress against its targets, counts, laptops not synced."""

# No ``from __future__ import annotations``: FastAPI resolves the endpoints' annotations.

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from fieldreg.server.console.web import (
    MAX_STALE_DAYS,
    Kit,
    Viewer,
)
from fieldreg.server.service import dashboard


def add_routes(router: APIRouter, kit: Kit) -> None:
    db = kit.db
    settings = kit.settings
    render = kit.render
    page_of = kit.page_of

    @router.get("/", response_class=HTMLResponse)
    def home(request: Request, who: Viewer) -> Response:
        page = page_of(request, who)
        t = page.t
        labels = {**t.words("status_"), **t.words("funding_"), "others": t("others"),
                  "none": t("none")}
        # ?hari=N: laptops not synced for N days (1 to 365; 7 when absent or not a number).
        raw = request.query_params.get("hari", "")
        days = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 3 else 0
        bad_days = bool(raw) and not 1 <= days <= MAX_STALE_DAYS
        data = dashboard.summary(db, who.district, now=settings.clock(),
                                 today=settings.today(), labels=labels,
                                 stale_days=days if not bad_days and days else
                                 dashboard.STALE_DAYS)
        notice = "password_changed" if request.query_params.get("password") else ""
        return render(page, "home.html", d=data, notice=notice, bad_days=bad_days,
                      max_days=MAX_STALE_DAYS,
                      kec_max=dashboard.bar_max([k.registered for k in data.kecamatan]),
                      day_max=dashboard.bar_max([c.n for c in data.per_day]))
