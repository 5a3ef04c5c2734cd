"""Laptop: enrolment codes, devices, revoke, the breach list, transfer."""

# No ``from __future__ import annotations``: FastAPI resolves the endpoints' annotations.
import contextlib
import tempfile
from pathlib import Path

import segno
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from fieldreg.domain.nik import display_nik
from fieldreg.server.console.web import (
    PREFIX,
    SECURITY_HEADERS,
    Admin,
    ConsoleError,
    Form,
    Kit,
    Viewer,
    check_csrf,
    masked,
)
from fieldreg.server.service import (
    laptops,
    officers,
)
from fieldreg.server.service.errors import AdminError


def add_routes(router: APIRouter, kit: Kit) -> None:
    db = kit.db
    settings = kit.settings
    render = kit.render
    redirect = kit.redirect
    page_of = kit.page_of

    def laptops_page_of(request: Request, who: officers.Current, *, done: str = "",
                        error: str = "", status: int = 200) -> HTMLResponse:
        district = who.district or ""
        return render(page_of(request, who), "laptops.html", status,
                      devices=laptops.devices(db, district) if district else [],
                      codes=laptops.codes(db, district, settings.clock()) if district else [],
                      done=done, error=error, default_hours=laptops.DEFAULT_HOURS,
                      min_hours=laptops.MIN_HOURS, max_hours=laptops.MAX_HOURS)

    @router.get("/laptop", response_class=HTMLResponse)
    def laptops_page(request: Request, who: Viewer, done: str = "") -> Response:
        known = {"code_cancelled", "code_not_cancelled"}
        return laptops_page_of(request, who, done=done if done in known else "")

    @router.post("/laptop/kode", response_class=HTMLResponse)
    def code_create(request: Request, data: Form, who: Admin) -> Response:
        check_csrf(who, data)
        raw = data.get("jam", "").strip()
        hours = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else 0
        if who.district is None or not laptops.MIN_HOURS <= hours <= laptops.MAX_HOURS:
            page = page_of(request, who)
            return laptops_page_of(request, who, status=400, error=page.t(
                "bad_hours", low=laptops.MIN_HOURS, high=laptops.MAX_HOURS))
        code = laptops.create_code(db, settings, who.district, hours=hours, actor=who.actor)
        qr = segno.make(code, error="m").svg_inline(scale=6, border=2, title=code)
        return render(page_of(request, who), "laptop_code.html", code=code, qr=qr, hours=hours)

    @router.post("/laptop/kode/{code_id}/batal")
    def code_cancel(request: Request, code_id: str, data: Form, who: Admin) -> Response:
        check_csrf(who, data)
        if not (code_id.isascii() and code_id.isdigit() and len(code_id) <= 9) \
                or who.district is None:
            raise ConsoleError(404, "not_found")
        ok = laptops.cancel_code(db, settings, who.district, int(code_id), actor=who.actor)
        return redirect(f"{PREFIX}/laptop?done=" + ("code_cancelled" if ok
                                                   else "code_not_cancelled"))

    def device_of(who: officers.Current, device_id: str) -> laptops.DeviceRow:
        found = (laptops.device(db, who.district, device_id)
                 if who.district and "\x00" not in device_id else None)
        if found is None:
            raise ConsoleError(404, "not_found")
        return found

    @router.get("/laptop/{device_id}", response_class=HTMLResponse)
    def laptop_page(request: Request, device_id: str, who: Viewer, done: str = "") -> Response:
        d = device_of(who, device_id)
        assert who.district is not None
        records = laptops.held_records(db, who.district, d.id)
        laptops.record_breach_view(db, settings, who.district, d.id, rows=len(records),
                                   actor=who.actor)
        came_from = laptops.device(db, who.district, d.transferred_from) \
            if d.transferred_from else None
        went_to = laptops.device(db, who.district, d.transferred_to) \
            if d.transferred_to else None
        known = {"device_revoked_done", "device_transferred_done"}
        return render(page_of(request, who), "laptop.html", d=d, records=records,
                      volunteers=laptops.volunteers(records), came_from=came_from,
                      went_to=went_to, done=done if done in known else "",
                      show_nik=display_nik if masked(who) else str)

    @router.get("/laptop/{device_id}/daftar.{fmt}")
    def laptop_breach_export(request: Request, device_id: str, fmt: str,
                             who: Viewer) -> Response:
        if fmt not in ("csv", "xlsx"):
            raise ConsoleError(404, "not_found")
        d = device_of(who, device_id)
        assert who.district is not None
        with tempfile.TemporaryDirectory(prefix="fieldreg-breach-") as folder:
            out = Path(folder) / f"breach.{fmt}"
            laptops.write_breach_list(db, settings, who.district, d.id, out, fmt=fmt,
                                      masked=masked(who), actor=who.actor)
            body = out.read_bytes()
        kind = ("text/csv; charset=utf-8" if fmt == "csv" else
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        name = f"data-laptop-{d.id[:8]}-{settings.today():%Y%m%d}.{fmt}"
        return Response(body, media_type=kind, headers={
            **SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})

    @router.get("/laptop/{device_id}/cabut", response_class=HTMLResponse)
    def laptop_revoke_confirm(request: Request, device_id: str, who: Admin) -> Response:
        d = device_of(who, device_id)
        if d.revoked_at is not None:
            raise ConsoleError(404, "not_found")
        return render(page_of(request, who), "laptop_revoke.html", d=d, error="", reason="",
                      max_reason=laptops.MAX_REASON)

    @router.post("/laptop/{device_id}/cabut", response_class=HTMLResponse)
    def laptop_revoke(request: Request, device_id: str, data: Form, who: Admin) -> Response:
        check_csrf(who, data)
        d = device_of(who, device_id)
        assert who.district is not None
        reason = data.get("alasan", "")
        if not reason.strip():
            page = page_of(request, who)
            return render(page, "laptop_revoke.html", 400, d=d, error=page.t("reason_required"),
                          reason="", max_reason=laptops.MAX_REASON)
        if d.revoked_at is None:
            # revoked meanwhile by someone else: it is revoked
            with contextlib.suppress(AdminError):
                laptops.revoke(db, settings, who.district, d.id, reason=reason,
                               actor=who.actor)
        return redirect(f"{PREFIX}/laptop/{d.id}?done=device_revoked_done")

    def transfer_candidates(who: officers.Current, d: laptops.DeviceRow
                            ) -> list[laptops.DeviceRow]:
        return [c for c in laptops.devices(db, who.district or "")
                if c.id != d.id and c.revoked_at is None and not c.transferred_from]

    @router.get("/laptop/{device_id}/pindah", response_class=HTMLResponse)
    def laptop_transfer_page(request: Request, device_id: str, who: Admin) -> Response:
        d = device_of(who, device_id)
        return render(page_of(request, who), "laptop_transfer.html", d=d, error="",
                      candidates=transfer_candidates(who, d))

    @router.post("/laptop/{device_id}/pindah", response_class=HTMLResponse)
    def laptop_transfer(request: Request, device_id: str, data: Form, who: Admin) -> Response:
        check_csrf(who, data)
        d = device_of(who, device_id)
        new = device_of(who, data.get("baru", ""))
        assert who.district is not None
        try:
            laptops.transfer(db, settings, who.district, d.id, new.id, actor=who.actor,
                             still_in_use=data.get("masih_dipakai") == "1")
        except AdminError as exc:
            page = page_of(request, who)
            why = str(exc)
            return render(page, "laptop_transfer.html", 400, d=d,
                          error=page.t("transfer_refused",
                                       reason=page.t(why) if page.t.known(why) else why),
                          candidates=transfer_candidates(who, d))
        return redirect(f"{PREFIX}/laptop/{d.id}?done=device_transferred_done")
