"""The server's tables (SQLAlchemy 2.0 typed models). All times are naive UTC.

The same schema serves SQLite (one laptop at the district office) and PostgreSQL. NIK uniqueness
among active registrations is the database's job: a partial unique index, never a
check-then-insert.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Statuses of a stored registration. "Active" ones hold their NIK.
ACCEPTED = "accepted"
DUPLICATE = "duplicate"
VERIFIED = "verified"
VOIDED = "voided"
ACTIVE_SQL = "status IN ('accepted', 'verified')"
ACTIVE_NIK_INDEX = "uq_registration_active_nik"
DASHBOARD_COLUMNS = ["village_code", "occupation_code", "funding_source", "made_on"]

# Feed entry kinds.
FEED_RECORD = "record"
FEED_KEYS = "keys"
FEED_SERIAL = "serial"
FEED_REFERENCE = "reference"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class District(Base):
    __tablename__ = "district"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)  # regency code, "15.05"
    name: Mapped[str] = mapped_column(String(100))
    # The last feed sequence handed out (numbered at the end of each writing transaction).
    feed_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class EnrolmentCode(Base):
    __tablename__ = "enrolment_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    created_by: Mapped[str] = mapped_column(String(80), default="")


class Device(Base):
    __tablename__ = "device"
    __table_args__ = (
        # A device's participant numbers start with its part: two live devices never share one.
        Index(
            "uq_device_number_prefix_live",
            "number_prefix",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the laptop's own UUID
    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw Ed25519, 32 bytes
    number_prefix: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    app_version: Mapped[str] = mapped_column(String(32), default="")
    # The highest seq with a receipt (kept up to date by each push).
    applied_through: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class Receipt(Base):
    """One per (device, seq), forever: a resent entry gets the stored outcome again."""

    __tablename__ = "receipt"
    __table_args__ = (
        # A record's history (the console) and whether a later receipt followed (migration 0007).
        Index("ix_receipt_record_id", "record_id"),
        # Rejections that never arrived since (the dashboard), without reading every receipt.
        Index("ix_receipt_rejected", "device_id", sqlite_where=text("outcome = 'rejected'"),
              postgresql_where=text("outcome = 'rejected'")),
    )

    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    record_id: Mapped[str] = mapped_column(String(36))
    payload_hash: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    result: Mapped[str] = mapped_column(Text)  # the EntryResult, JSON
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Registration(Base):
    __tablename__ = "registration"
    __table_args__ = (
        Index(
            ACTIVE_NIK_INDEX,
            "nik",
            unique=True,
            sqlite_where=text(ACTIVE_SQL),
            postgresql_where=text(ACTIVE_SQL),
        ),
        Index("ix_registration_nik", "nik"),
        # The dashboard's counts read this index alone (PostgreSQL: INCLUDE; migration 0007).
        Index("ix_registration_district_status", "district_code", "status",
              postgresql_include=DASHBOARD_COLUMNS),
        Index("ix_registration_device", "device_id"),
        # The console's participant list, newest first, paged by (created_at, id): a district's
        # and the province's (migration 0007; it replaced 0004's (district_code, created_at)).
        Index("ix_registration_district_created_id", "district_code", "created_at", "id"),
        Index("ix_registration_created_id", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the client's UUID
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"))
    status: Mapped[str] = mapped_column(String(16))  # accepted|duplicate|verified|voided
    nik: Mapped[str] = mapped_column(String(64))
    participant_number: Mapped[str | None] = mapped_column(String(16), unique=True)
    village_code: Mapped[str] = mapped_column(String(16), default="")
    full_name: Mapped[str] = mapped_column(Text, default="")
    # From the payload, for the dashboard's counts (migration 0007): data.occupation_code,
    # data.funding_source, and the day the laptop made the record (created_at[:10]).
    occupation_code: Mapped[str] = mapped_column(String(40), default="", server_default="")
    funding_source: Mapped[str] = mapped_column(String(20), default="", server_default="")
    made_on: Mapped[str] = mapped_column(String(10), default="", server_default="")
    version: Mapped[int] = mapped_column(BigInteger)  # the client's
    server_version: Mapped[int] = mapped_column(BigInteger)
    # The server_version of the last district-side change (0: none).
    external_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    void_reason: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON, as pushed
    holder: Mapped[str | None] = mapped_column(Text, default=None)  # Holder JSON (duplicate)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


# A name's part (LIKE '%…%' on lower(full_name)): trigrams, PostgreSQL only (pg_trgm; migration
# 0007, which leaves it out when the extension cannot be created).
Index("ix_registration_name_trgm", func.lower(Registration.full_name).label("name_lower"),
      postgresql_using="gin", postgresql_ops={"name_lower": "gin_trgm_ops"}
      ).ddl_if(dialect="postgresql")


class Feed(Base):
    """What a district's laptops pull, in commit order."""

    __tablename__ = "feed"

    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(12))  # record | keys | serial | reference
    ref: Mapped[str] = mapped_column(String(64), default="")  # record id or serial
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)  # record's owner


class RevokedSerial(Base):
    """A revoked card serial, per (district, serial, issuing device): only the laptop that
    issued the card (the one whose record carries the serial's participant number, or whose key
    made the number) or the district itself revokes it, so a row can never stand in for, or
    swallow, another device's revocation of the same text."""

    __tablename__ = "revoked_serial"

    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"), primary_key=True)
    serial: Mapped[str] = mapped_column(String(24), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"), primary_key=True)  # issuer
    at: Mapped[datetime] = mapped_column(DateTime)
    # Who revoked it: "device" (the issuer, by a push) or the district's admin ("admin:…").
    revoked_by: Mapped[str] = mapped_column(String(120), default="device",
                                            server_default="device")


class Target(Base):
    __tablename__ = "target"

    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"), primary_key=True)
    village_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    target: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Audit(Base):
    """Who did what. Never a full NIK (``mask_nik``)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON


class EnrolAttempt(Base):
    """Enrolment attempts per client address, for the rate limit (kept in the database so
    that every server process sees them)."""

    __tablename__ = "enrol_attempt"
    __table_args__ = (Index("ix_enrol_attempt_address_at", "address", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


class DeviceTransfer(Base):
    """A device linked by the district to the laptop it was restored from (onto another
    machine: a new key, a new participant-number space): it may send that laptop's records
    (``fieldreg.server.service.transfer``). Migration 0003."""

    __tablename__ = "device_transfer"

    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"), primary_key=True)  # new
    from_device_id: Mapped[str] = mapped_column(ForeignKey("device.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(120))


# Console officers' roles (``fieldreg.server.service.officers``): a viewer reads, an operator
# also decides on records, an admin also manages devices, officers and targets; a province
# officer reads every district (no district of their own).
ROLE_VIEWER = "viewer"
ROLE_OPERATOR = "operator"
ROLE_ADMIN = "admin"
ROLE_PROVINCE = "province"
ROLES = (ROLE_VIEWER, ROLE_OPERATOR, ROLE_ADMIN, ROLE_PROVINCE)


class Officer(Base):
    """A district officer who logs in to the web console (migration 0004). The password is an
    Argon2id hash; a new or reset password is one-time (``must_change``)."""

    __tablename__ = "officer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)  # the login name, lower case
    # None only for the province role (every district).
    district_code: Mapped[str | None] = mapped_column(ForeignKey("district.code"), index=True,
                                                      default=None)
    role: Mapped[str] = mapped_column(String(12))
    password_hash: Mapped[str] = mapped_column(String(200))
    must_change: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class OfficerSession(Base):
    """A console login. The cookie carries a random id; only its SHA-256 is stored, so a copy
    of the database opens no session. ``csrf`` is the session's form token."""

    __tablename__ = "officer_session"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
