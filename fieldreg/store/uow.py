"""Unit of work: one transaction, the repositories over it, one commit (cosmicpython's shape)."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from fieldreg.store.engine import writer
from fieldreg.store.repositories import (
    AuditRepository,
    CardPrintRepository,
    DeviceRepository,
    ImportRepository,
    OutboxRepository,
    RegistrationRepository,
    SyncRepository,
    VolunteerRepository,
)


class UnitOfWork:
    """``with uow: ...; uow.commit()``. Leaving the block without commit rolls everything back."""

    session: Session
    registrations: RegistrationRepository
    outbox: OutboxRepository
    audit: AuditRepository
    device: DeviceRepository
    volunteers: VolunteerRepository
    imports: ImportRepository
    cards: CardPrintRepository
    sync: SyncRepository

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._cache_before: int | None = None  # the page cache size to put back

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.registrations = RegistrationRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.device = DeviceRepository(self.session)
        self.volunteers = VolunteerRepository(self.session)
        self.imports = ImportRepository(self.session)
        self.cards = CardPrintRepository(self.session)
        self.sync = SyncRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._usual_page_cache()
        finally:
            self.session.rollback()
            self.session.close()

    def commit(self) -> None:
        self._usual_page_cache()
        self.session.commit()

    def large_page_cache(self, mib: int = 32) -> None:
        """A bigger page cache on this transaction's connection, for a bulk write (an import
        of 10,000 records: inserts at random places in ten indexes of a 100,000-record table
        kept reading and decrypting the same pages again through SQLite's usual 8 MB). It is
        back to the usual size at commit or rollback, which frees the pages above it."""
        conn = self.session.connection()
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql(f"PRAGMA cache_size=-{int(mib) * 1024}")
        if self._cache_before is None:
            self._cache_before = int(before) if before is not None else None

    def _usual_page_cache(self) -> None:
        if self._cache_before is not None:
            before, self._cache_before = self._cache_before, None
            self.session.connection().exec_driver_sql(f"PRAGMA cache_size={before}")

    def rollback(self) -> None:
        self.session.rollback()


class Database:
    """An open local database: hands out units of work for writing and for reading."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._write = sessionmaker(bind=writer(engine), expire_on_commit=False)
        self._read = sessionmaker(bind=engine, expire_on_commit=False)

    closed = False

    def before_write_flush(self, fn: Callable[[Session], None]) -> None:
        """Call ``fn`` before each flush of a writing unit of work, inside its transaction (an
        exception stops the flush): ``fieldreg.services.identity`` keeps the participant
        counter's high-water mark ahead of it this way."""
        event.listen(self._write, "before_flush", lambda session, _ctx, _objs: fn(session))

    def uow(self) -> UnitOfWork:
        """A unit of work that will write: takes the write lock at its first statement."""
        self._check_open()
        return UnitOfWork(self._write)

    def reader(self) -> UnitOfWork:
        """A unit of work for reading only (a consistent snapshot; never blocks writers)."""
        self._check_open()
        return UnitOfWork(self._read)

    def _check_open(self) -> None:
        # A disposed engine would quietly open the file again: after a lock or a restore,
        # that could be another database in the same place.
        if self.closed:
            raise RuntimeError("the database is closed")

    def close(self) -> None:
        self.closed = True
        self.engine.dispose()
