"""Logging in and out, the password change, the language switch."""

# No ``from __future__ import annotations``: FastAPI resolves the endpoints' annotations.
import hmac
import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fieldreg.domain.passwords import MIN_PASSWORD_LENGTH
from fieldreg.server.console.i18n import LANG_COOKIE, LANGS
from fieldreg.server.console.web import (
    LOGIN_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    Form,
    Kit,
    Officer,
    Page,
    check_csrf,
    clear_cookie,
    client_address,
    local_path,
    set_cookie,
    wib,
)
from fieldreg.server.service import officers


def add_routes(router: APIRouter, kit: Kit) -> None:
    db = kit.db
    settings = kit.settings
    render = kit.render
    redirect = kit.redirect
    page_of = kit.page_of

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
               who: Officer) -> Response:
        check_csrf(who, data)
        officers.end_session(db, settings, request.cookies.get(SESSION_COOKIE, ""))
        response = redirect(f"{PREFIX}/login?out=1")
        clear_cookie(response, request, SESSION_COOKIE)
        return response

    @router.get("/password", response_class=HTMLResponse)
    def password_page(request: Request,
                      who: Officer,
                      done: str = "") -> Response:
        return render(page_of(request, who), "password.html", notice="password_changed"
                      if done else "", error="", min_length=MIN_PASSWORD_LENGTH)

    def password_error(page: Page, code: str) -> str:
        n = officers.MAX_PASSWORD_LENGTH if code == "too_long" else MIN_PASSWORD_LENGTH
        return page.t(code, n=n)

    @router.post("/password", response_class=HTMLResponse)
    def password_post(request: Request, data: Form,
                      who: Officer) -> Response:
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
