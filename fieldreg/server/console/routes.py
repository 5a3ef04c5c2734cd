"""The district console (``/console/``) assembled: its pages (``pages/``, one module per page),
static files and error pages, mounted on the server's app by ``install``. What the pages share
is in ``web.py``."""

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from fieldreg.server.config import Settings
from fieldreg.server.console.pages import (
    access,
    duplicates,
    home,
    laptops,
    officers,
    participants,
    targets,
)
from fieldreg.server.console.web import (
    HERE,
    PREFIX,
    SECURITY_HEADERS,
    ConsoleError,
    ConsoleRedirect,
    Kit,
    html_error,
)
from fieldreg.server.db import Database

PAGES = (access, home, participants, officers, laptops, duplicates, targets)


def make_router(db: Database, settings: Settings) -> APIRouter:
    router = APIRouter(prefix=PREFIX, include_in_schema=False)
    kit = Kit(db, settings)
    for page in PAGES:
        page.add_routes(router, kit)
    return router


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


