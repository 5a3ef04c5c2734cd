"""The HTTP face of the server: FastAPI app factory ``create_app(settings)``.

- Request bodies may be gzip (``Content-Encoding: gzip``): inflated incrementally with caps
  (``MAX_BODY_BYTES`` as sent, ``MAX_INFLATED_BYTES`` inflated → 413 ``too_large``); other
  encodings → 415. Answers are gzip-compressed when the client accepts it.
- Every error answer is ``ErrorBody``; an unexpected exception is a 500 ``server_error`` whose
  log line carries the stack but never the exception's message (it could hold personal data).
  FastAPI's 422 keeps its own shape; a body that is not JSON at all is a 400 ``bad_request``.
- The client's address (enrolment rate limit, audit) is the socket's peer. ``X-Forwarded-For``
  (and ``X-Forwarded-Proto``) count only from the reverse proxies named in
  ``Settings.trusted_proxies`` (FIELDREG_SERVER_TRUSTED_PROXIES); by default from nobody.
"""

# No ``from __future__ import annotations`` here: FastAPI resolves the endpoints' annotations,
# and the dependencies defined inside create_app are not module globals.
import logging
import traceback
import zlib
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import fieldreg
from fieldreg.server import console
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import auth, enrolment, pull, push
from fieldreg.server.service.errors import ApiError
from fieldreg.sync.protocol import (
    API,
    DEFAULT_PULL_LIMIT,
    MAX_BODY_BYTES,
    MAX_INFLATED_BYTES,
    MAX_PULL_LIMIT,
    EnrolChallenge,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    ErrorCode,
    ErrorDetail,
    Ping,
    PullResponse,
    PushRequest,
    PushResponse,
)

log = logging.getLogger("fieldreg.server")

STATUS_CODES: dict[int, str] = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHORIZED,
    403: ErrorCode.FORBIDDEN,
    404: "not_found",
    405: "method_not_allowed",
    413: ErrorCode.TOO_LARGE,
    415: ErrorCode.UNSUPPORTED_ENCODING,
    429: ErrorCode.RATE_LIMITED,
    500: ErrorCode.SERVER_ERROR,
    503: ErrorCode.SERVER_ERROR,
}
GZIP = frozenset({"gzip", "x-gzip"})
IDENTITY = frozenset({"", "identity"})


def error_response(status: int, code: str, message: str = "", *,
                   params: dict[str, Any] | None = None,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message, params=params or {}))
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


# ------------------------------------------------------------------ bodies


def inflate(raw: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """Gunzip ``raw`` a bounded piece at a time: 413 as soon as more than ``limit`` bytes come
    out (a bomb is never inflated whole), 400 for anything that is not one whole gzip member."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    data = raw
    try:
        while True:
            out += d.decompress(data, limit + 1 - len(out))
            if len(out) > limit:
                raise ApiError(413, ErrorCode.TOO_LARGE, "the inflated body is too large",
                               params={"max_inflated_bytes": limit})
            data = d.unconsumed_tail
            if not data:
                break
    except zlib.error as exc:
        raise ApiError(400, ErrorCode.BAD_REQUEST, "the body is not valid gzip") from exc
    if not d.eof or d.unused_data:
        raise ApiError(400, ErrorCode.BAD_REQUEST, "the body is not one whole gzip stream")
    return bytes(out)


class BoundedRequest(Request):
    """A request whose body is capped, and inflated when sent as gzip (FastAPI's "custom
    Request and APIRoute class" recipe)."""

    async def body(self) -> bytes:
        if not hasattr(self, "_body"):
            encoding = self.headers.get("content-encoding", "").strip().lower()
            if encoding not in GZIP | IDENTITY:
                raise ApiError(415, ErrorCode.UNSUPPORTED_ENCODING,
                               "only gzip request bodies are understood")
            declared = self.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
                raise ApiError(413, ErrorCode.TOO_LARGE, "the body is too large",
                               params={"max_body_bytes": MAX_BODY_BYTES})
            parts: list[bytes] = []
            size = 0
            async for chunk in self.stream():
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    raise ApiError(413, ErrorCode.TOO_LARGE, "the body is too large",
                                   params={"max_body_bytes": MAX_BODY_BYTES})
                parts.append(chunk)
            raw = b"".join(parts)
            if encoding in GZIP and raw:
                raw = await run_in_threadpool(inflate, raw)
            self._body = raw
        return self._body


class BoundedRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def bounded_handler(request: Request) -> Response:
            return await handler(BoundedRequest(request.scope, request.receive))

        return bounded_handler


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class DeviceRoute(BoundedRoute):
    """An endpoint for enrolled devices: the token is checked before the body is even read, so
    nobody without a live token learns anything from how a body is judged."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def device_handler(request: Request) -> Response:
            db: Database = request.app.state.db
            await run_in_threadpool(check_token, db, bearer_token(request))
            return await handler(request)

        return device_handler


def check_token(db: Database, token: str | None) -> None:
    with db.reader() as s:
        auth.authenticate(s, token)


# ------------------------------------------------------------------ errors


def log_exception(exc: BaseException) -> None:
    """The stack and the exception types, never their messages (a database error's message
    could quote personal data)."""
    chain: list[str] = []
    e: BaseException | None = exc
    while e is not None and len(chain) < 5:
        chain.append(type(e).__module__ + "." + type(e).__qualname__)
        e = e.__cause__ or e.__context__
    stack = "".join(traceback.format_tb(exc.__traceback__))
    causes = " <- ".join(chain)
    log.error("unhandled %s\n%s", causes, stack)


class CatchAll:
    """Any exception no handler took becomes a 500 ``server_error`` (and is not re-raised, so
    the ASGI server never logs its message)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log_exception(exc)
            if started:
                return
            response = error_response(500, ErrorCode.SERVER_ERROR, "internal error")
            await response(scope, receive, send)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if console.is_console(request.url.path) and not isinstance(exc, ApiError):
        return await run_in_threadpool(console.status_page, request, exc.status_code)
    if isinstance(exc, ApiError):
        return error_response(exc.status_code, exc.code, exc.message, params=exc.params,
                              headers=exc.headers)
    code = STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
    return error_response(exc.status_code, code, str(exc.detail), headers=exc.headers)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if any(err.get("type") == "json_invalid" for err in exc.errors()):
        return error_response(400, ErrorCode.BAD_REQUEST, "the body is not JSON")
    # FastAPI's shape, without the offending input echoed back (it may be a whole entry with
    # its NIK and names) and capped in length.
    errors = [{k: v for k, v in err.items() if k not in ("input", "ctx", "url")}
              for err in exc.errors()[:50]]
    return JSONResponse(status_code=422, content={"detail": jsonable_encoder(errors)})


# ------------------------------------------------------------------ the app

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 413, 415, 500, 503)
}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {**ERRORS, 401: {"model": ErrorBody}}
bearer = HTTPBearer(auto_error=False, description="The device token from enrolment")


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    db = database or Database.open(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if database is None:
            db.close()

    app = FastAPI(
        title="fieldreg district server",
        version=fieldreg.__version__,
        description="Sync between fieldreg laptops and the district (protocol fieldreg-sync/1).",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_middleware(CatchAll)
    app.add_middleware(GZipMiddleware, minimum_size=500)
    if settings.trusted_proxies:
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        # Outermost: everything inside sees the client the trusted proxy names.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))

    router = APIRouter(prefix=API, route_class=BoundedRoute)
    devices = APIRouter(prefix=API, route_class=DeviceRoute)

    def device_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> str:
        """The bearer token (already checked by DeviceRoute; declared here for OpenAPI)."""
        if credentials is None:
            raise ApiError(401, ErrorCode.UNAUTHORIZED, "a device token is required")
        return credentials.credentials

    @router.get("/ping", response_model=Ping)
    def ping() -> Ping:
        now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        return Ping(server_version=fieldreg.__version__, server_time=now)

    @router.get("/enrol/challenge", response_model=EnrolChallenge)
    def enrol_challenge() -> EnrolChallenge:
        return enrolment.challenge(settings)

    @router.post(
        "/enrol",
        response_model=EnrolResponse,
        responses={**ERRORS, **{s: {"model": ErrorBody} for s in (401, 403, 404, 409, 410, 429)}},
    )
    def enrol(body: EnrolRequest, request: Request) -> EnrolResponse:
        address = request.client.host if request.client else "unknown"
        enrolment.check_rate(db, settings, address)
        return enrolment.enrol(db, settings, body, address)

    @devices.post("/sync/push", response_model=PushResponse, responses=AUTH_ERRORS)
    def sync_push(body: PushRequest,
                  token: Annotated[str, Depends(device_token)]) -> PushResponse:
        return push.push(db, settings, token, body)

    @devices.get("/sync/pull", response_model=PullResponse, responses=AUTH_ERRORS)
    def sync_pull(
        token: Annotated[str, Depends(device_token)],
        cursor: Annotated[str | None, Query(max_length=100)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
    ) -> PullResponse:
        return pull.pull(db, settings, token, cursor, limit)

    app.include_router(router)
    app.include_router(devices)
    # The district console's pages (/console/): their own router, errors and static files.
    console.install(app, db, settings)
    return app


def app_from_env() -> FastAPI:
    """The uvicorn factory (``fieldreg.server.app:app_from_env``): settings from the
    environment, so each worker process builds its own app."""
    from fieldreg.server.cli import setup_logging

    settings = Settings.from_env()
    setup_logging(settings)
    return create_app(settings)
