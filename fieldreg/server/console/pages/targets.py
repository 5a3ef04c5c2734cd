"""Target: villages' targets, listed, edited, uploaded from CSV/XLSX."""

# No ``from __future__ import annotations``: FastAPI resolves the endpoints' annotations.
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from fieldreg.server.console.web import (
    PREFIX,
    Admin,
    BigForm,
    ConsoleError,
    Form,
    Kit,
    Uploaded,
    Viewer,
    check_csrf,
)
from fieldreg.server.service import (
    officers,
    targets,
)
from fieldreg.server.service.errors import AdminError


def add_routes(router: APIRouter, kit: Kit) -> None:
    db = kit.db
    settings = kit.settings
    render = kit.render
    redirect = kit.redirect
    page_of = kit.page_of

    def targets_page_of(request: Request, who: officers.Current, *, done: str = "",
                        error: str = "", status: int = 200) -> HTMLResponse:
        rows = targets.list_targets(db, who.district) if who.district else []
        return render(page_of(request, who), "targets.html", status, rows=rows, done=done,
                      error=error, with_target=sum(1 for r in rows if r.target is not None),
                      total=sum(r.target or 0 for r in rows),
                      max_kb=targets.MAX_UPLOAD_BYTES // 1024)

    @router.get("/target", response_class=HTMLResponse)
    def targets_page(request: Request, who: Viewer, done: str = "") -> Response:
        page = page_of(request, who)
        n = done if done.isascii() and done.isdigit() and len(done) <= 6 else ""
        return targets_page_of(request, who, done=page.t("targets_saved", n=n) if n else "")

    @router.post("/target/unggah", response_class=HTMLResponse)
    def targets_upload(request: Request, sent: Uploaded, who: Admin) -> Response:
        check_csrf(who, sent.fields)
        page = page_of(request, who)
        if who.district is None:
            raise ConsoleError(404, "not_found")
        if not sent.content:
            return targets_page_of(request, who, status=400, error=page.t("upload_empty"))
        suffix = ".xlsx" if sent.content[:4] == b"PK\x03\x04" else ".csv"
        fd, name = tempfile.mkstemp(prefix="fieldreg-target-", suffix=suffix)  # mode 0600
        path = Path(name)
        try:
            with open(fd, "wb") as f:
                f.write(sent.content)
            preview = targets.read_upload(db, who.district, path)
        except AdminError as exc:
            key = f"upload_{exc}"
            return targets_page_of(request, who, status=400, error=page.t(
                "upload_unreadable",
                reason=page.t(key if page.t.known(key) else "upload_file_unreadable")))
        finally:
            path.unlink(missing_ok=True)
        carried = ";".join(f"{r.village_code}={r.target}" for r in preview.good)
        return render(page, "targets_preview.html", p=preview, carried=carried,
                      filename=sent.filename)

    @router.post("/target/terapkan", response_class=HTMLResponse)
    def targets_apply(request: Request, data: BigForm, who: Admin) -> Response:
        check_csrf(who, data)
        if who.district is None:
            raise ConsoleError(404, "not_found")
        pairs: list[tuple[str, object]] = []
        for item in data.get("baris", "").split(";"):
            code, sep, value = item.partition("=")
            if sep:
                pairs.append((code, value))
        if not pairs:
            raise ConsoleError(400, "bad_form")
        done = targets.apply(db, settings, who.district, pairs, actor=who.actor)
        return redirect(f"{PREFIX}/target?done={len(done.good)}")

    @router.post("/target/ubah", response_class=HTMLResponse)
    def target_edit(request: Request, data: Form, who: Admin) -> Response:
        check_csrf(who, data)
        if who.district is None:
            raise ConsoleError(404, "not_found")
        result = targets.apply(db, settings, who.district,
                               [(data.get("desa", ""), data.get("target", ""))],
                               actor=who.actor, source="edit")
        if result.refused:
            page = page_of(request, who)
            return targets_page_of(request, who, status=400, error=page.t(
                "target_refused_" + result.refused[0].problem))
        return redirect(f"{PREFIX}/target?done=1")
