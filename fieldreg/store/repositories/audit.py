"""The audit log: who did what, never a full NIK."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from fieldreg.domain.nik import mask_nik
from fieldreg.store.models import AuditEntry, table_of
from fieldreg.store.repositories.clock import utcnow


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @staticmethod
    def _values(
        volunteer_id: str | None, action: str, entity: str, entity_id: str | None,
        detail: dict[str, Any],
    ) -> dict[str, Any]:
        if isinstance(detail.get("nik"), str):
            detail["nik"] = mask_nik(detail["nik"])  # never a full NIK in the log
        return {
            "at": utcnow(),
            "volunteer_id": volunteer_id,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "detail": json.dumps(detail, sort_keys=True, default=str),
        }

    def record(
        self,
        volunteer_id: str | None,
        action: str,
        entity: str,
        entity_id: str | None = None,
        **detail: Any,
    ) -> None:
        self.session.add(AuditEntry(**self._values(volunteer_id, action, entity, entity_id,
                                                   detail)))

    def record_many(
        self, volunteer_id: str | None, action: str, entity: str,
        items: Iterable[tuple[str | None, dict[str, Any]]],
    ) -> None:
        """One entry per (entity_id, detail), in one bulk INSERT."""
        rows = [self._values(volunteer_id, action, entity, eid, d) for eid, d in items]
        if rows:
            self.session.execute(insert(table_of(AuditEntry)), rows)  # one executemany

    def recent(self, limit: int = 100) -> list[AuditEntry]:
        return list(
            self.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
        )
