"""The district console's pages (``/console/``): server-rendered Jinja2, no JavaScript, every
asset served from ``static/``.

Security, in one place:
- Sessions: ``officers.login`` makes a new random id at every login (the id the browser held
  before is ended); the cookie is HttpOnly, SameSite=Lax, Path=/console, Secure when the
  request came over HTTPS (as the socket or a trusted proxy, FIELDREG_SERVER_TRUSTED_PROXIES,
  says). Idle timeout and logout in ``officers``.
- Every POST: a form (``application/x-www-form-urlencoded``, at most ``MAX_FORM_BYTES``) whose
  ``csrf`` field equals the session's token (``hmac.compare_digest``); the login form's token is
  a double-submit cookie. A browser's ``Sec-Fetch-Site: cross-site`` POST is refused too.
- Roles: one dependency, ``require_role(minimum)``; an officer sees only their district's
  records (another district's record is a 404, as if it did not exist).
- Output: Jinja2 autoescaping; a strict Content-Security-Policy (no inline script or style),
  no framing, no caching of pages.
"""

# No ``from __future__ import annotations``: FastAPI resolves the endpoints' annotations, and
# the dependencies defined inside make_router are not module globals.
import contextlib
import hmac
import secrets
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import segno
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from fieldreg.domain import participant_number as numbers
from fieldreg.domain.nik import display_nik, mask_nik
from fieldreg.domain.occupations import get_occupations
from fieldreg.domain.passwords import MIN_PASSWORD_LENGTH
from fieldreg.domain.regions import get_regions
from fieldreg.server import models as m
from fieldreg.server.config import LOCAL_OFFSET, Settings
from fieldreg.server.console.i18n import LANG_COOKIE, LANGS, Translator, choose
from fieldreg.server.db import Database
from fieldreg.server.service import (
    dashboard,
    duplicates,
    laptops,
    officers,
    participants,
    targets,
)
from fieldreg.server.service.common import audit
from fieldreg.server.service.errors import AdminError

PREFIX = "/console"
HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "fieldreg_console"
LOGIN_COOKIE = "fieldreg_console_login"  # the login form's double-submit token
MAX_FORM_BYTES = 16 * 1024
MAX_FORM_FIELDS = 16
MAX_BIG_FORM_BYTES = 64 * 1024
MAX_FIELD_CHARS = 1000
MAX_STALE_DAYS = 365

# viewer < operator < admin; a province officer reads (every district).
RANK = {m.ROLE_VIEWER: 1, m.ROLE_PROVINCE: 1, m.ROLE_OPERATOR: 2, m.ROLE_ADMIN: 3}

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'self'; img-src 'self'; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class ConsoleError(Exception):
    """Answered as the console's error page: ``status`` and a message key."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.params = params


class ConsoleRedirect(Exception):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def allowed(role: str, minimum: str) -> bool:
    return RANK.get(role, 0) >= RANK[minimum]


def wib(value: datetime | None) -> str:
    """A stored (naive UTC) time as Jambi's local time."""
    return "-" if value is None else f"{value + LOCAL_OFFSET:%d/%m/%Y %H:%M}"


def number_format(n: int | None) -> str:
    return "-" if n is None else f"{n:,}".replace(",", ".")


def day(value: str | None) -> str:
    """An ISO date or date-time text (from a payload) as ``dd/mm/yyyy[ HH:MM]``; anything
    else as it is."""
    text = (value or "").strip()
    try:
        if len(text) == 10:
            return f"{date.fromisoformat(text):%d/%m/%Y}"
        if len(text) >= 16:
            return f"{datetime.fromisoformat(text):%d/%m/%Y %H:%M}"
    except ValueError:
        pass
    return text


def dash(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if text.strip() else "–"


def pnum(value: str | None) -> str:
    """A participant number grouped for reading aloud (``CW63 VX00 0FV``)."""
    if not value:
        return "–"
    try:
        return numbers.display(value)
    except numbers.NumberError:
        return value


def district_label(code: str | None) -> str:
    if code is None:
        return ""
    region = get_regions().regency(code)
    return region.display_name if region is not None else code


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["wib"] = wib
    env.filters["num"] = number_format
    env.filters["day"] = day
    env.filters["dash"] = dash
    env.filters["pnum"] = pnum
    return env


@dataclass
class Page:
    """What every page's frame needs."""

    request: Request
    t: Translator
    who: officers.Current | None


def translator(request: Request) -> Translator:
    return Translator(choose(request.cookies.get(LANG_COOKIE),
                             request.headers.get("accept-language", "")))


def is_https(request: Request) -> bool:
    # The scheme is the socket's, or a trusted proxy's X-Forwarded-Proto (app.py adds uvicorn's
    # ProxyHeadersMiddleware only for FIELDREG_SERVER_TRUSTED_PROXIES).
    return request.url.scheme == "https"


def set_cookie(response: Response, request: Request, name: str, value: str, *,
               max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path=PREFIX, httponly=True,
                        samesite="lax", secure=is_https(request))


def clear_cookie(response: Response, request: Request, name: str) -> None:
    response.delete_cookie(name, path=PREFIX, httponly=True, samesite="lax",
                           secure=is_https(request))


def here(request: Request) -> str:
    """The page's own path and query (the language link comes back to it); a login form's
    page is its GET address."""
    query = request.url.query if request.method == "GET" else ""
    return request.url.path + (f"?{query}" if query else "")


def local_path(target: str) -> str:
    """``target`` when it is one of the console's own pages (a path, no scheme or host, no
    back-slash tricks), else the home page: a link can never send an officer elsewhere."""
    parts = urlsplit(target)
    ok = (not parts.scheme and not parts.netloc and is_console(parts.path)
          and not target.startswith("//") and "\\" not in target
          and all(c.isprintable() for c in target) and len(target) <= 2000)
    return target if ok else f"{PREFIX}/"


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def state_of(request: Request) -> tuple[Database, Settings]:
    """The app's database and settings (``create_app`` puts them in ``app.state``)."""
    db, settings = request.app.state.db, request.app.state.settings
    assert isinstance(db, Database) and isinstance(settings, Settings)
    return db, settings


def current_officer(request: Request) -> officers.Current:
    """Dependency: the logged-in officer; the login page otherwise. Until the first password
    change, only the password page (and logout) opens."""
    db, settings = state_of(request)
    sid = request.cookies.get(SESSION_COOKIE)
    who = officers.current(db, settings, sid)
    if who is None:
        raise ConsoleRedirect(f"{PREFIX}/login" + ("?expired=1" if sid else ""))
    if who.must_change and request.url.path not in (f"{PREFIX}/password", f"{PREFIX}/logout"):
        raise ConsoleRedirect(f"{PREFIX}/password")
    return who


def require_role(minimum: str) -> Callable[..., officers.Current]:
    """The console's one role check, a dependency for every page and action:
    ``Depends(require_role("operator"))`` lets operators and admins through, a viewer (or a
    province officer) gets the 403 page. ``minimum``: viewer, operator or admin."""
    if minimum not in RANK:
        raise ValueError(minimum)

    def check(who: Annotated[officers.Current, Depends(current_officer)]) -> officers.Current:
        if not allowed(who.role, minimum):
            raise ConsoleError(403, "forbidden", role=who.role)
        return who

    return check


async def form(request: Request) -> dict[str, str]:
    """Dependency: the posted form, bounded (``MAX_FORM_BYTES``, ``MAX_FORM_FIELDS``), first
    value of each field, capped in length; URL-encoded only; no NUL."""
    return await read_form(request, MAX_FORM_BYTES, MAX_FIELD_CHARS)


async def big_form(request: Request) -> dict[str, str]:
    """``form`` for the one form that carries a list (the targets' preview, applied):
    ``MAX_BIG_FORM_BYTES``, a field as long as that."""
    return await read_form(request, MAX_BIG_FORM_BYTES, MAX_BIG_FORM_BYTES)


async def read_form(request: Request, max_bytes: int, max_field: int) -> dict[str, str]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/x-www-form-urlencoded", ""):
        raise ConsoleError(400, "bad_form")
    if request.headers.get("sec-fetch-site", "").lower() == "cross-site":
        raise ConsoleError(403, "csrf")
    body = await read_body(request, max_bytes)
    if not kind:  # no form at all: an empty one (its CSRF token is missing)
        if body:
            raise ConsoleError(400, "bad_form")
        return {}
    request._body = body  # request.form() parses what was read (python-multipart)
    try:
        parsed = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    except Exception as exc:  # python-multipart's and Starlette's parse errors
        raise ConsoleError(400, "bad_form") from exc
    out: dict[str, str] = {}
    for key, value in parsed.multi_items():
        if not isinstance(value, str):
            raise ConsoleError(400, "bad_form")
        if "\x00" in key or "\x00" in value:  # no form of ours has one (nor PostgreSQL)
            raise ConsoleError(400, "bad_form")
        if key not in out:
            out[key] = value[:max_field]
    return out


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request's body, refused (413) past ``max_bytes`` as declared or as read."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ConsoleError(413, "too_large")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise ConsoleError(413, "too_large")
    return body


@dataclass
class Upload:
    fields: dict[str, str]
    filename: str
    content: bytes


async def upload(request: Request) -> Upload:
    """Dependency: a ``multipart/form-data`` post with one file, at most
    ``targets.MAX_UPLOAD_BYTES`` (refused before anything is parsed), its text fields capped
    like ``form``'s; no NUL."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.headers.get("sec-fetch-site", "").lower() == "cross-site":
        raise ConsoleError(403, "csrf")
    if kind != "multipart/form-data":
        raise ConsoleError(400, "bad_form")
    body = await read_body(request, targets.MAX_UPLOAD_BYTES + 8 * 1024)
    request._body = body
    try:
        parsed = await request.form(max_files=1, max_fields=MAX_FORM_FIELDS)
    except Exception as exc:  # python-multipart's and Starlette's parse errors
        raise ConsoleError(400, "bad_form") from exc
    fields: dict[str, str] = {}
    filename, content = "", b""
    for key, value in parsed.multi_items():
        if isinstance(value, str):
            if "\x00" in key or "\x00" in value:
                raise ConsoleError(400, "bad_form")
            fields.setdefault(key, value[:MAX_FIELD_CHARS])
        elif not filename:
            filename = (value.filename or "")[:200]
            content = await value.read(targets.MAX_UPLOAD_BYTES + 1)
            await value.close()
    await parsed.close()
    if len(content) > targets.MAX_UPLOAD_BYTES:
        raise ConsoleError(413, "too_large")
    return Upload(fields, filename, content)


Form = Annotated[dict[str, str], Depends(form)]


def check_csrf(who: officers.Current, data: Mapping[str, str]) -> None:
    """403 unless the form's ``csrf`` field is the session's token."""
    sent = data.get("csrf", "")
    if not sent or not hmac.compare_digest(sent.encode(), who.csrf.encode()):
        raise ConsoleError(403, "csrf")


def make_router(db: Database, settings: Settings) -> APIRouter:
    env = make_env()
    router = APIRouter(prefix=PREFIX, include_in_schema=False)

    def render(page: Page, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        who = page.who
        html = env.get_template(template).render(
            t=page.t, lang=page.t.lang, who=who, prefix=PREFIX,
            path=page.request.url.path, here=here(page.request),
            is_admin=who is not None and allowed(who.role, m.ROLE_ADMIN),
            district_name=district_label(who.district) if who is not None else "",
            **context)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    def redirect(url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)

    # -------------------------------------------------------------- dependencies

    officer = current_officer

    Viewer = Annotated[officers.Current, Depends(require_role(m.ROLE_VIEWER))]
    Admin = Annotated[officers.Current, Depends(require_role(m.ROLE_ADMIN))]

    def page_of(request: Request, who: officers.Current | None) -> Page:
        return Page(request, translator(request), who)

    # -------------------------------------------------------------- login, logout, password

    @router.get("", include_in_schema=False)
    def root() -> RedirectResponse:
        return redirect(f"{PREFIX}/")

    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, expired: str = "", out: str = "") -> Response:
        # Always the form, even to a browser holding a live session: a login replaces it (a
        # planted session id is never carried into the officer's login).
        return login_form(request, "expired" if expired else "", "logged_out" if out else "")

    def login_form(request: Request, error: str = "", notice: str = "", status: int = 200,
                   name: str = "", **params: Any) -> HTMLResponse:
        token = secrets.token_urlsafe(32)
        page = page_of(request, None)
        response = render(page, "login.html", status,
                          error=page.t(error, **params) if error else "",
                          notice=page.t(notice) if notice else "", login_token=token,
                          name=name)
        set_cookie(response, request, LOGIN_COOKIE, token, max_age=3600)
        return response

    @router.post("/login", response_class=HTMLResponse)
    def login_post(request: Request, data: Form) -> Response:
        sent, kept = data.get("csrf", ""), request.cookies.get(LOGIN_COOKIE, "")
        if not sent or not kept or not hmac.compare_digest(sent.encode(), kept.encode()):
            return login_form(request, "login_form_stale", status=403)
        name, password = data.get("name", "").strip(), data.get("password", "")
        if not name or not password:
            return login_form(request, "name_required", status=400, name=name[:40])
        try:
            done = officers.login(db, settings, name, password,
                                  address=client_address(request),
                                  replaces=request.cookies.get(SESSION_COOKIE))
        except officers.LoginRefused as refused:
            until = wib(refused.until)[-5:] if refused.until else ""
            return login_form(request, refused.code, status=403 if refused.code != "bad_login"
                              else 401, name=name[:40], until=until)
        response = redirect(f"{PREFIX}/password" if done.must_change else f"{PREFIX}/")
        set_cookie(response, request, SESSION_COOKIE, done.session_id)
        clear_cookie(response, request, LOGIN_COOKIE)
        return response

    @router.post("/logout")
    def logout(request: Request, data: Form,
               who: Annotated[officers.Current, Depends(officer)]) -> Response:
        check_csrf(who, data)
        officers.end_session(db, settings, request.cookies.get(SESSION_COOKIE, ""))
        response = redirect(f"{PREFIX}/login?out=1")
        clear_cookie(response, request, SESSION_COOKIE)
        return response

    @router.get("/password", response_class=HTMLResponse)
    def password_page(request: Request,
                      who: Annotated[officers.Current, Depends(officer)],
                      done: str = "") -> Response:
        return render(page_of(request, who), "password.html", notice="password_changed"
                      if done else "", error="", min_length=MIN_PASSWORD_LENGTH)

    def password_error(page: Page, code: str) -> str:
        n = officers.MAX_PASSWORD_LENGTH if code == "too_long" else MIN_PASSWORD_LENGTH
        return page.t(code, n=n)

    @router.post("/password", response_class=HTMLResponse)
    def password_post(request: Request, data: Form,
                      who: Annotated[officers.Current, Depends(officer)]) -> Response:
        check_csrf(who, data)
        try:
            officers.change_password(db, settings, who, data.get("current", ""),
                                     data.get("new", ""), data.get("again", ""))
        except officers.PasswordRefused as refused:
            page = page_of(request, who)
            return render(page, "password.html", 400, error=password_error(page, refused.code),
                          notice="", min_length=MIN_PASSWORD_LENGTH)
        return redirect(f"{PREFIX}/?password=1" if who.must_change
                        else f"{PREFIX}/password?done=1")

    @router.get("/lang/{code}")
    def set_language(request: Request, code: str, next: str = "") -> Response:
        response = redirect(local_path(next))
        if code in LANGS:
            set_cookie(response, request, LANG_COOKIE, code, max_age=365 * 24 * 3600)
        return response

    # -------------------------------------------------------------- Beranda

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

    # -------------------------------------------------------------- Peserta

    def masked(who: officers.Current) -> bool:
        return not allowed(who.role, m.ROLE_OPERATOR)

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
        filters = participants.Filters(q=q.get("q", "")[:participants.MAX_QUERY]
                                       .replace("\x00", ""),
                                       kecamatan=kecamatan, village=village, status=status,
                                       device=device, page=int(raw_page or 1))
        result = participants.search(db, who.district, filters)
        if result.search_kind == "nik":
            record_action(who, "participants.searched", "registration", "",
                          kind="nik", nik=mask_nik(participants.search_kind(filters.q)[1]),
                          found=result.total)
        choices = participants.choices(db, who.district)
        base = {k: v for k, v in (("q", filters.q), ("kecamatan", kecamatan),
                                  ("desa", village), ("status", status),
                                  ("laptop", device)) if v}

        def page_url(n: int) -> str:
            return f"{PREFIX}/peserta?" + urlencode({**base, "hal": n})

        return render(page, "participants.html", r=result, f=filters, choices=choices,
                      statuses=participants.STATUSES, bad=bad, masked=masked(who),
                      show_nik=(lambda nik: display_nik(nik)) if masked(who) else str,
                      prev_url=page_url(result.page - 1) if result.page > 1 else "",
                      next_url=page_url(result.page + 1) if result.page < result.pages
                      else "")

    def record_action(who: officers.Current, action: str, entity: str, entity_id: str,
                      **detail: Any) -> None:
        with db.writer() as s:
            audit(s, settings.clock(), who.actor, action, entity, entity_id,
                  district=who.district or "*", **detail)
            s.commit()

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

    # -------------------------------------------------------------- Petugas (admin)

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

    # -------------------------------------------------------------- Laptop

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

    # -------------------------------------------------------------- Ganda

    Operator = Annotated[officers.Current, Depends(require_role(m.ROLE_OPERATOR))]

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

    # -------------------------------------------------------------- Target

    BigForm = Annotated[dict[str, str], Depends(big_form)]
    Uploaded = Annotated[Upload, Depends(upload)]

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

    return router


def html_error(request: Request, status: int, key: str, **params: Any) -> HTMLResponse:
    """The console's error page, in the officer's frame when they are logged in."""
    t = translator(request)
    role = params.pop("role", "")
    if role:
        params["role"] = t(f"role_{role}")
    who = officers.current(*state_of(request), request.cookies.get(SESSION_COOKIE))
    title = {403: "forbidden_title", 404: "not_found_title"}.get(status, "error_title")
    html = make_env().get_template("error.html").render(
        t=t, lang=t.lang, who=who, prefix=PREFIX, path=request.url.path, here=f"{PREFIX}/",
        is_admin=who is not None and allowed(who.role, m.ROLE_ADMIN),
        district_name=district_label(who.district) if who is not None else "",
        status=status, title=t(title), message=t(key, **params))
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


STATUS_KEYS = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def install(app: FastAPI, db: Database, settings: Settings) -> None:
    """Mount the console on ``app``: its pages, its static files and its error pages."""

    async def console_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ConsoleError)
        return await run_in_threadpool(html_error, request, exc.status, exc.key, **exc.params)

    async def console_redirect(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ConsoleRedirect)
        return RedirectResponse(exc.url, status_code=303, headers=SECURITY_HEADERS)

    app.add_exception_handler(ConsoleError, console_error)
    app.add_exception_handler(ConsoleRedirect, console_redirect)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"),
              name="console-static")
    app.include_router(make_router(db, settings))


def status_page(request: Request, status: int) -> HTMLResponse:
    """A console path's HTTP error (an unknown page, a wrong method) as a page."""
    return html_error(request, status, STATUS_KEYS.get(status, "error_title"))


def is_console(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")

