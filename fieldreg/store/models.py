"""The local database's tables (SQLAlchemy 2.0 typed models).

All times are naive UTC. A registration has a stable integer ``pk`` (the row id the name-search
index points at) and its client-generated UUID ``id``, which is what every other table and the
server use.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """A model's Table, for Core statements (bulk INSERTs as one executemany)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Device(Base):
    """This laptop. Exactly one row, written at first run."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    regency_code: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)  # Ed25519 private key, raw 32 bytes
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    # The last participant-number sequence this device handed out (fieldreg.cards.numbers).
    participant_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AppRelease(Base):
    """An app version that opened this database: first and last time (migration 0005)."""

    __tablename__ = "app_release"

    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    first_opened_at: Mapped[datetime] = mapped_column(DateTime)
    last_opened_at: Mapped[datetime] = mapped_column(DateTime)


class Volunteer(Base):
    __tablename__ = "volunteer"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16), default="volunteer")  # volunteer | supervisor
    created_at: Mapped[datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class RegistrationRow(Base):
    __tablename__ = "registration"
    __table_args__ = (
        # One active registration per NIK on this device (drafts without a NIK excepted).
        Index(
            "uq_registration_active_nik",
            "nik",
            unique=True,
            sqlite_where=text("status != 'voided' AND nik != ''"),
        ),
        Index("ix_registration_status_updated", "status", "updated_at"),
        # Look-ups by NIK (the unique one is partial); with the name, a NIK-prefix search in
        # name order is answered from this index alone (no row read to sort ~9,000 matches).
        Index("ix_registration_nik", "nik", "name_key"),
        # Lists sorted by name and filtered by the usual filters are answered from this index
        # alone (it covers them), stopping after a page: no row is read until the page is known.
        # Participant numbers are made on this device and never repeat (NULL for drafts).
        Index("uq_registration_participant_number", "participant_number", unique=True),
        Index(
            "ix_registration_browse",
            "name_key", "status", "village_code", "occupation_code", "funding_source",
        ),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    device_id: Mapped[str] = mapped_column(String(36))
    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteer.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    # identity
    nik: Mapped[str] = mapped_column(String(32), default="")
    full_name: Mapped[str] = mapped_column(String(100), default="")
    name_key: Mapped[str] = mapped_column(String(100), default="")
    birth_place: Mapped[str] = mapped_column(String(60), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    mother_maiden_name: Mapped[str] = mapped_column(String(100), default="")
    kk_number: Mapped[str] = mapped_column(String(32), default="")
    # address
    street: Mapped[str] = mapped_column(String(120), default="")
    rt: Mapped[str] = mapped_column(String(8), default="")
    rw: Mapped[str] = mapped_column(String(8), default="")
    village_code: Mapped[str] = mapped_column(String(16), default="", index=True)
    village_name: Mapped[str] = mapped_column(String(100), default="")
    regions_version: Mapped[str] = mapped_column(String(64), default="")
    # contact and work
    phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    email: Mapped[str] = mapped_column(String(120), default="")
    work_location: Mapped[str] = mapped_column(String(120), default="")
    occupation_code: Mapped[str] = mapped_column(String(32), default="", index=True)
    sector: Mapped[str] = mapped_column(String(16), default="")
    reported_income: Mapped[int | None] = mapped_column(Integer)
    # protection
    programmes: Mapped[str] = mapped_column(String(16), default="JKK+JKM")
    funding_source: Mapped[str | None] = mapped_column(String(16), index=True)
    coverage_start: Mapped[date | None] = mapped_column(Date)
    coverage_end: Mapped[date | None] = mapped_column(Date)
    # consent and override
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    consent_method: Mapped[str | None] = mapped_column(String(8))
    consent_notice_version: Mapped[str | None] = mapped_column(String(16))
    consent_volunteer_id: Mapped[str | None] = mapped_column(String(36))
    override_reason: Mapped[str | None] = mapped_column(String(200))
    override_supervisor: Mapped[str | None] = mapped_column(String(80))
    override_at: Mapped[datetime | None] = mapped_column(DateTime)
    # life cycle and server outcome
    void_reason: Mapped[str] = mapped_column(String(200), default="")
    participant_number: Mapped[str | None] = mapped_column(String(16))
    kpj: Mapped[str | None] = mapped_column(String(32))
    server_version: Mapped[int | None] = mapped_column(Integer)
    outcome_code: Mapped[str] = mapped_column(String(32), default="")
    outcome_detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON

    heirs: Mapped[list[HeirRow]] = relationship(
        back_populates="registration",
        cascade="all, delete-orphan",
        order_by="HeirRow.position",
        lazy="selectin",
    )


class HeirRow(Base):
    __tablename__ = "heir"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    registration_id: Mapped[str] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    relation: Mapped[str | None] = mapped_column(String(20))  # HeirRelationship
    nik: Mapped[str] = mapped_column(String(32), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(32), default="")

    registration: Mapped[RegistrationRow] = relationship(back_populates="heirs")


class OutboxEntry(Base):
    """What is waiting to be sent: one entry per write of a record that has left draft.

    ``seq`` is the device's monotonic sequence (AUTOINCREMENT: never reused, even after a
    delete). ``payload_hash`` is the SHA-256 of the canonical JSON payload.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_state_seq", "state", "seq"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("registration.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int | None] = mapped_column(Integer)  # server version the edit was on
    payload: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending|done|quarantined
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Times the sync engine sent it (a resend after a lost answer counts), and the last
    # technical reason it was not answered or was refused (a code, never personal data).
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(String(64), default="", server_default="")


class AuditEntry(Base):
    """Who did what to which record, when. Never a full NIK in ``detail``."""

    __tablename__ = "audit"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    volunteer_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(24))
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[str | None] = mapped_column(String(64), index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON


class ImportRun(Base):
    """A village list that was imported (not dry runs)."""

    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    volunteer_id: Mapped[str] = mapped_column(String(36))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    rows_total: Mapped[int] = mapped_column(Integer)
    rows_imported: Mapped[int] = mapped_column(Integer)
    rows_rejected: Mapped[int] = mapped_column(Integer)


class CardPrint(Base):
    """One card printed (to paper or to a PDF): who printed it, when, and why when a reprint.

    Every print has its own ``serial`` (the participant number and the print's generation), the
    value signed into the QR as the CWT ``cti``; a revocation list names old serials.
    """

    __tablename__ = "card_print"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    registration_id: Mapped[str] = mapped_column(ForeignKey("registration.id"), index=True)
    serial: Mapped[str] = mapped_column(String(24), unique=True)
    generation: Mapped[int] = mapped_column(Integer)
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    volunteer_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(200), default="")  # required for a reprint
    layout: Mapped[str] = mapped_column(String(8))  # a4 | card
    target: Mapped[str] = mapped_column(String(120), default="")  # "pdf" or the printer's name
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class SyncState(Base):
    """Where this laptop syncs and how far it got. Exactly one row (id 1), written at enrolment.

    The token sits here because the database is encrypted; the server keeps only its hash.
    ``pull_cursor`` moves only in the transaction that stores what it covers; ``paused`` is set
    by a 401 and cleared by enrolling again.
    """

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str] = mapped_column(String(255), default="")
    token: Mapped[str] = mapped_column(String(255), default="")
    district_code: Mapped[str] = mapped_column(String(8), default="")
    district_name: Mapped[str] = mapped_column(String(100), default="")
    number_prefix: Mapped[str] = mapped_column(String(8), default="")
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime)
    pull_cursor: Mapped[str] = mapped_column(Text, default="")
    applied_through: Mapped[int] = mapped_column(Integer, default=0)
    paused: Mapped[str] = mapped_column(String(16), default="")  # "" | unauthorized | revoked
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime)
    reference: Mapped[str] = mapped_column(Text, default="{}")  # ReferenceData JSON
    # SHA-256 of the superseded card serials the server last acknowledged ("" = never sent).
    serials_sent_hash: Mapped[str] = mapped_column(String(64), default="")


class DistrictKey(Base):
    """A device key the district trusts (the full list arrives with a pull when it changes)."""

    __tablename__ = "district_key"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_name: Mapped[str] = mapped_column(String(80), default="")
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class DistrictRevokedSerial(Base):
    """A card serial the district revoked (pulls bring the new ones since the cursor)."""

    __tablename__ = "district_revoked_serial"

    serial: Mapped[str] = mapped_column(String(24), primary_key=True)


class SyncRunRow(Base):
    """One sync run: a row at its start (result ``running``), completed at its end, so a run
    cut short by a crash or a power cut shows as ``interrupted``."""

    __tablename__ = "sync_run"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    trigger: Mapped[str] = mapped_column(String(8))  # manual | auto | cli
    result: Mapped[str] = mapped_column(String(16), default="running")
    sent: Mapped[int] = mapped_column(Integer, default=0)
    applied: Mapped[int] = mapped_column(Integer, default=0)
    duplicate: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    conflict: Mapped[int] = mapped_column(Integer, default=0)
    pulled: Mapped[int] = mapped_column(Integer, default=0)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    bytes_up: Mapped[int] = mapped_column(Integer, default=0)
    bytes_down: Mapped[int] = mapped_column(Integer, default=0)
    detail: Mapped[str] = mapped_column(Text, default="")
