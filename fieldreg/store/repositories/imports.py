"""The village lists imported so far (by their file's hash)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldreg.store.models import ImportRun


class ImportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, run: ImportRun) -> None:
        self.session.add(run)

    def by_hash(self, sha256: str) -> ImportRun | None:
        return self.session.scalars(
            select(ImportRun).where(ImportRun.file_sha256 == sha256).order_by(ImportRun.id)
        ).first()
