"""Errors the server answers with: an HTTP status and a stable code (``ErrorCode``)."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException

from fieldreg.sync.protocol import ErrorCode


class ApiError(HTTPException):
    """Answered as ``ErrorBody``. Subclasses Starlette's HTTPException so that it passes through
    FastAPI's body reading untouched (raised while a gzip body is inflated)."""

    def __init__(
        self,
        status: int,
        code: ErrorCode | str,
        message: str = "",
        *,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status_code=status, detail=message or str(code), headers=headers)
        self.code = str(code)
        self.message = message
        self.params = params or {}


class AdminError(Exception):
    """An admin command that cannot be done (unknown district, device…): exit code 2."""


def refuse_nul(*texts: str) -> None:
    """PostgreSQL text cannot hold NUL: such a value is a malformed request (400)."""
    if any("\x00" in t for t in texts):
        raise ApiError(400, ErrorCode.BAD_REQUEST, "text must not contain NUL characters")
