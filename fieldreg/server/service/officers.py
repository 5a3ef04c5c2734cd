"""District console officers: accounts (admin CLI), logins with lock-out, sessions, password
changes. Every change leaves an audit row with the officer (``officer:NAME``) or the admin as
actor.

- Passwords are Argon2id (argon2-cffi's defaults). A new or reset password is one-time: it is
  printed once by the CLI and must be changed at the first login.
- ``MAX_FAILURES`` wrong passwords in a row lock the account for ``LOCK_MINUTES``; the count
  is per officer (in the database, so every server process sees it), audited.
- Sessions: a random id in the cookie, its SHA-256 in ``officer_session``; a new one at every
  login (never a fixed id), ended by logout, by ``IDLE_MINUTES`` without a request, after
  ``MAX_SESSION_HOURS``, and when the officer is disabled or their password reset.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from fieldreg.domain.passwords import long_enough
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.common import audit
from fieldreg.server.service.errors import AdminError

MAX_FAILURES = 5
LOCK_MINUTES = 15
IDLE_MINUTES = 30
MAX_SESSION_HOURS = 12
# last_seen_at is written at most this often per session (a write per page is waste).
TOUCH_EVERY = timedelta(seconds=60)
MAX_PASSWORD_LENGTH = 256
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
# One-time passwords: 12 characters without look-alikes (0/O, 1/l/I), in groups of four.
OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

hasher = PasswordHasher()  # Argon2id
# Verified when the name is unknown, so that a wrong name costs the same time as a wrong
# password (no telling which names exist).
_DUMMY_HASH = hasher.hash(secrets.token_hex(16))


def actor_of(name: str) -> str:
    return f"officer:{name}"


def session_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()


def one_time_password() -> str:
    raw = "".join(secrets.choice(OTP_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def normalize_name(name: str) -> str:
    return name.strip().lower()


def check_name(name: str) -> str:
    name = normalize_name(name)
    if not NAME_RE.match(name):
        raise AdminError(f"{name!r} is not a valid officer name: 3 to 40 characters, lower-case "
                         "letters, digits, '.', '_' or '-', starting with a letter or digit")
    return name


# ------------------------------------------------------------------ accounts (admin CLI)


@dataclass(frozen=True)
class NewPassword:
    name: str
    password: str  # one-time: shown once, changed at the first login


def add_officer(db: Database, settings: Settings, name: str, *, district: str | None,
                role: str, actor: str) -> NewPassword:
    name = check_name(name)
    if role not in m.ROLES:
        raise AdminError(f"unknown role {role!r}: one of {', '.join(m.ROLES)}")
    if role == m.ROLE_PROVINCE:
        if district:
            raise AdminError("a province officer sees every district: leave out --district")
        district = None
    elif not district:
        raise AdminError(f"a {role} needs --district")
    password = one_time_password()
    now = settings.clock()
    with db.writer() as s:
        if district is not None and s.get(m.District, district) is None:
            raise AdminError(f"unknown district {district!r} (add it with: fieldreg-server "
                             "district add CODE NAME)")
        if s.scalar(select(m.Officer.id).where(m.Officer.name == name)) is not None:
            raise AdminError(f"officer {name} already exists")
        s.add(m.Officer(name=name, district_code=district, role=role,
                        password_hash=hasher.hash(password), must_change=True,
                        failed_logins=0, created_at=now))
        audit(s, now, actor, "officer.added", "officer", name, district=district or "*",
              role=role)
        s.commit()
    return NewPassword(name, password)


def list_officers(db: Database, district: str | None = None) -> list[m.Officer]:
    with db.reader() as s:
        query = select(m.Officer).order_by(m.Officer.district_code, m.Officer.name)
        if district:
            query = query.where(m.Officer.district_code == district)
        return list(s.scalars(query))


def _officer(s: Session, name: str) -> m.Officer:
    officer = s.scalars(select(m.Officer).where(m.Officer.name == normalize_name(name))
                        .with_for_update()).first()
    if officer is None:
        raise AdminError(f"unknown officer {normalize_name(name)!r}")
    return officer


def disable_officer(db: Database, settings: Settings, name: str, *, actor: str,
                    district: str | None = None) -> m.Officer:
    """Disable an account and end its sessions. ``district``: the district the acting console
    admin manages (an officer of another district is unknown to them)."""
    now = settings.clock()
    if "\x00" in name:
        raise AdminError(f"unknown officer {name!r}")
    with db.writer() as s:
        officer = _officer(s, name)
        if district is not None and officer.district_code != district:
            raise AdminError(f"unknown officer {officer.name!r}")
        if officer.disabled_at is not None:
            raise AdminError(f"officer {officer.name} is already disabled")
        officer.disabled_at = now
        s.execute(delete(m.OfficerSession).where(m.OfficerSession.officer_id == officer.id))
        audit(s, now, actor, "officer.disabled", "officer", officer.name,
              district=officer.district_code or "*")
        s.commit()
        return officer


def reset_password(db: Database, settings: Settings, name: str, *,
                   actor: str) -> NewPassword:
    """A new one-time password; the account is enabled and unlocked, its sessions ended."""
    password = one_time_password()
    now = settings.clock()
    with db.writer() as s:
        officer = _officer(s, name)
        officer.password_hash = hasher.hash(password)
        officer.must_change = True
        officer.failed_logins = 0
        officer.locked_until = None
        officer.disabled_at = None
        s.execute(delete(m.OfficerSession).where(m.OfficerSession.officer_id == officer.id))
        audit(s, now, actor, "officer.password_reset", "officer", officer.name,
              district=officer.district_code or "*")
        s.commit()
        return NewPassword(officer.name, password)


# ------------------------------------------------------------------ logins


class LoginRefused(Exception):
    """Why a login did not open a session: ``code`` is a console message key
    (``bad_login``, ``locked``, ``disabled``); ``until`` the end of a lock-out."""

    def __init__(self, code: str, until: datetime | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.until = until


@dataclass(frozen=True)
class Login:
    session_id: str  # for the cookie; only its hash is stored
    officer_id: int
    must_change: bool


def _verify(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def login(db: Database, settings: Settings, name: str, password: str, *,
          address: str = "", replaces: str | None = None) -> Login:
    """Check a name and password; a new session on success. ``replaces``: the session id the
    browser held before, ended here (a login never keeps an old id). Raises LoginRefused."""
    name = normalize_name(name)[:40]
    password = password[:MAX_PASSWORD_LENGTH]
    if "\x00" in name:  # no name holds one (and PostgreSQL text cannot)
        name = ""
    now = settings.clock()
    with db.writer() as s:
        if replaces:
            s.execute(delete(m.OfficerSession)
                      .where(m.OfficerSession.id_hash == session_hash(replaces)))
        # Sessions nobody came back to are swept here, so the table stays small.
        s.execute(delete(m.OfficerSession).where(
            or_(m.OfficerSession.last_seen_at < now - timedelta(minutes=IDLE_MINUTES),
                m.OfficerSession.created_at < now - timedelta(hours=MAX_SESSION_HOURS))))
        officer = s.scalars(select(m.Officer).where(m.Officer.name == name)
                            .with_for_update()).first() if name else None
        if officer is None:
            _verify(_DUMMY_HASH, password)
            # The typed name is not recorded: it may be a password typed in the wrong box.
            audit(s, now, "console", "console.login_failed", "officer", "",
                  reason="unknown_name", address=address)
            s.commit()
            raise LoginRefused("bad_login")
        actor = actor_of(officer.name)
        if officer.disabled_at is not None:
            # Said only to whoever knows the password: to anyone else, a wrong login.
            right = _verify(officer.password_hash, password)
            audit(s, now, actor, "console.login_refused", "officer", officer.name,
                  reason="disabled", address=address)
            s.commit()
            raise LoginRefused("disabled" if right else "bad_login")
        if officer.locked_until is not None and officer.locked_until > now:
            audit(s, now, actor, "console.login_refused", "officer", officer.name,
                  reason="locked", address=address)
            s.commit()
            raise LoginRefused("locked", officer.locked_until)
        if not _verify(officer.password_hash, password):
            officer.failed_logins += 1
            audit(s, now, actor, "console.login_failed", "officer", officer.name,
                  reason="bad_password", failures=officer.failed_logins, address=address)
            if officer.failed_logins >= MAX_FAILURES:
                officer.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                officer.failed_logins = 0
                audit(s, now, actor, "console.locked_out", "officer", officer.name,
                      until=officer.locked_until.isoformat(timespec="seconds"),
                      failures=MAX_FAILURES, address=address)
                s.commit()
                raise LoginRefused("locked", officer.locked_until)
            s.commit()
            raise LoginRefused("bad_login")
        officer.failed_logins = 0
        officer.locked_until = None
        officer.last_login_at = now
        if hasher.check_needs_rehash(officer.password_hash):
            officer.password_hash = hasher.hash(password)
        session_id = secrets.token_urlsafe(32)
        s.add(m.OfficerSession(id_hash=session_hash(session_id), officer_id=officer.id,
                               csrf=secrets.token_urlsafe(32), created_at=now,
                               last_seen_at=now))
        audit(s, now, actor, "console.login", "officer", officer.name, address=address)
        s.commit()
        return Login(session_id, officer.id, officer.must_change)


@dataclass(frozen=True)
class Current:
    """The officer behind a live session, as the console's pages need them."""

    officer_id: int
    name: str
    role: str
    district: str | None  # None: every district (province)
    must_change: bool
    csrf: str
    session_hash: str

    @property
    def actor(self) -> str:
        return actor_of(self.name)


def current(db: Database, settings: Settings, session_id: str | None) -> Current | None:
    """The live session's officer, or None (unknown id, idle too long, too old, officer
    disabled). A dead session is deleted; a live one's last_seen_at is moved on."""
    if not session_id or len(session_id) > 100:
        return None
    key = session_hash(session_id)
    now = settings.clock()
    with db.reader() as s:
        row = s.execute(select(m.OfficerSession, m.Officer)
                        .join(m.Officer, m.Officer.id == m.OfficerSession.officer_id)
                        .where(m.OfficerSession.id_hash == key)).first()
    if row is None:
        return None
    sess, officer = row
    dead = (now - sess.last_seen_at > timedelta(minutes=IDLE_MINUTES)
            or now - sess.created_at > timedelta(hours=MAX_SESSION_HOURS)
            or officer.disabled_at is not None)
    if dead:
        end_session(db, settings, session_id, reason="expired")
        return None
    if now - sess.last_seen_at >= TOUCH_EVERY:
        with db.writer() as s:
            live = s.get(m.OfficerSession, key)
            if live is not None:
                live.last_seen_at = now
            s.commit()
    return Current(officer.id, officer.name, officer.role, officer.district_code,
                   officer.must_change, sess.csrf, key)


def end_session(db: Database, settings: Settings, session_id: str, *,
                reason: str = "logout") -> bool:
    key = session_hash(session_id)
    now = settings.clock()
    with db.writer() as s:
        row = s.execute(select(m.OfficerSession, m.Officer.name)
                        .join(m.Officer, m.Officer.id == m.OfficerSession.officer_id)
                        .where(m.OfficerSession.id_hash == key)).first()
        if row is None:
            return False
        s.execute(delete(m.OfficerSession).where(m.OfficerSession.id_hash == key))
        action = "console.logout" if reason == "logout" else "console.session_expired"
        audit(s, now, actor_of(row[1]), action, "officer", row[1])
        s.commit()
        return True


class PasswordRefused(Exception):
    """``code``: ``wrong_current``, ``too_short``, ``too_long``, ``mismatch``, ``same``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def change_password(db: Database, settings: Settings, who: Current, current_password: str,
                    new: str, again: str) -> None:
    """Change the officer's own password (the first login's one-time one included). Other
    sessions of the officer end; this one stays."""
    if len(new) > MAX_PASSWORD_LENGTH:
        raise PasswordRefused("too_long")
    if not long_enough(new):
        raise PasswordRefused("too_short")
    if new != again:
        raise PasswordRefused("mismatch")
    if new == current_password:
        raise PasswordRefused("same")
    now = settings.clock()
    with db.writer() as s:
        officer = s.scalars(select(m.Officer).where(m.Officer.id == who.officer_id)
                            .with_for_update()).one()
        if not _verify(officer.password_hash, current_password[:MAX_PASSWORD_LENGTH]):
            audit(s, now, who.actor, "console.password_change_failed", "officer",
                  officer.name, reason="wrong_current")
            s.commit()
            raise PasswordRefused("wrong_current")
        officer.password_hash = hasher.hash(new)
        officer.must_change = False
        officer.password_changed_at = now
        s.execute(delete(m.OfficerSession).where(m.OfficerSession.officer_id == officer.id,
                                                 m.OfficerSession.id_hash != who.session_hash))
        audit(s, now, who.actor, "console.password_changed", "officer", officer.name)
        s.commit()

