"""What every page of the district console (``/console/``) shares: its frame (``Kit``: render,
redirect, audit), the officer and role dependencies, bounded form and upload readers, CSRF,
cookies, the error page. The pages themselves live in ``pages/``, one module per page, and
``routes.py`` mounts them. Server-rendered Jinja2, no JavaScript, every asset served from
``static/``.

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

# No ``from __future__ import annotations``: FastAPI resolves the endpoints' annotations.
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from fieldreg.domain import participant_number as numbers
from fieldreg.domain.regions import get_regions
from fieldreg.server import models as m
from fieldreg.server.config import LOCAL_OFFSET, Settings
from fieldreg.server.console.i18n import LANG_COOKIE, Translator, choose
from fieldreg.server.db import Database
from fieldreg.server.service import (
    officers,
    targets,
)
from fieldreg.server.service.common import audit

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


Viewer = Annotated[officers.Current, Depends(require_role(m.ROLE_VIEWER))]
Operator = Annotated[officers.Current, Depends(require_role(m.ROLE_OPERATOR))]
Admin = Annotated[officers.Current, Depends(require_role(m.ROLE_ADMIN))]
Officer = Annotated[officers.Current, Depends(current_officer)]  # any role, even before the
# first password change
BigForm = Annotated[dict[str, str], Depends(big_form)]
Uploaded = Annotated[Upload, Depends(upload)]


def masked(who: officers.Current) -> bool:
    """Whether ``who`` sees NIKs, KK numbers and phones masked (viewers and province)."""
    return not allowed(who.role, m.ROLE_OPERATOR)


class Kit:
    """A page module's tools: the database and settings, its templates, the audit."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.settings = db, settings
        self.env = make_env()

    def render(self, page: Page, template: str, status: int = 200,
               **context: Any) -> HTMLResponse:
        who = page.who
        html = self.env.get_template(template).render(
            t=page.t, lang=page.t.lang, who=who, prefix=PREFIX,
            path=page.request.url.path, here=here(page.request),
            is_admin=who is not None and allowed(who.role, m.ROLE_ADMIN),
            district_name=district_label(who.district) if who is not None else "",
            **context)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    @staticmethod
    def redirect(url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)

    @staticmethod
    def page_of(request: Request, who: officers.Current | None) -> Page:
        return Page(request, translator(request), who)

    def record_action(self, who: officers.Current, action: str, entity: str, entity_id: str,
                      **detail: Any) -> None:
        """Audit what ``who`` did (or looked at) in its own transaction."""
        with self.db.writer() as s:
            audit(s, self.settings.clock(), who.actor, action, entity, entity_id,
                  district=who.district or "*", **detail)
            s.commit()


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


def status_page(request: Request, status: int) -> HTMLResponse:
    """A console path's HTTP error (an unknown page, a wrong method) as a page."""
    return html_error(request, status, STATUS_KEYS.get(status, "error_title"))


def is_console(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")

