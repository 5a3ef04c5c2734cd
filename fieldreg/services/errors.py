"""A refusal from a service: a code and parameters (words are the caller's job)."""

from __future__ import annotations

from typing import Any

from fieldreg.domain.problems import Problem


class ServiceError(Exception):
    """Something the user asked for cannot be done. ``problems`` carries field-level detail."""

    def __init__(
        self, code: str, /, *, problems: list[Problem] | None = None, **params: Any
    ) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
        self.problems = problems or []
