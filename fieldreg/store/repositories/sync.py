"""The sync state's SQL: the one sync_state row, the district's keys and revoked cards, the sync
history, and the record rows that outcomes update. Takes a Session like every repository."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from fieldreg.domain.codes import NEEDS_FIXING
from fieldreg.domain.codes import Status as St
from fieldreg.store.models import (
    DistrictKey,
    DistrictRevokedSerial,
    RegistrationRow,
    SyncRunRow,
    SyncState,
)


class SyncRepository:
    """The sync state (one row), the district's keys and revoked cards, the sync history, and
    the record updates that outcomes bring."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def state(self) -> SyncState | None:
        return self.session.get(SyncState, 1)

    def state_for_update(self) -> SyncState:
        st = self.session.get(SyncState, 1)
        if st is None:
            st = SyncState(
                id=1, server_url="", token="", district_code="", district_name="",
                number_prefix="", pull_cursor="", applied_through=0, paused="",
                reference="{}", serials_sent_hash="",
            )
            self.session.add(st)
            self.session.flush()
        return st

    def forget_enrolment(self) -> None:
        """A new identity: the token, number prefix, cursor and what the server acknowledged
        belonged to the old device; the server address and district stay for enrolling
        again, the district's keys for verifying cards meanwhile."""
        st = self.state()
        if st is None:
            return
        st.token = ""
        st.number_prefix = ""
        st.pull_cursor = ""
        st.applied_through = 0
        st.paused = ""
        st.serials_sent_hash = ""

    # -- records ---------------------------------------------------------------------------
    def record_row(self, record_id: str) -> RegistrationRow | None:
        return self.session.scalars(
            select(RegistrationRow).where(RegistrationRow.id == record_id)
        ).one_or_none()

    def record_rows(self, record_ids: Iterable[str]) -> dict[str, RegistrationRow]:
        ids = list(set(record_ids))
        out: dict[str, RegistrationRow] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            out.update(
                (r.id, r)
                for r in self.session.scalars(
                    select(RegistrationRow).where(RegistrationRow.id.in_(chunk))
                )
            )
        return out

    def rows_with_outcome(self, code: str, *, limit: int = 10_000) -> list[RegistrationRow]:
        """Rejected records whose outcome is ``code`` (the engine renumbers the ones whose
        participant number was taken)."""
        return list(self.session.scalars(
            select(RegistrationRow)
            .where(RegistrationRow.status == St.REJECTED.value,
                   RegistrationRow.outcome_code == code)
            .order_by(RegistrationRow.created_at, RegistrationRow.id)
            .limit(limit)
        ))

    def needs_fixing(self) -> int:
        return int(
            self.session.execute(
                select(func.count()).select_from(RegistrationRow).where(
                    RegistrationRow.status.in_([s.value for s in NEEDS_FIXING])
                )
            ).scalar_one()
        )

    # -- district keys and revoked cards ---------------------------------------------------
    def replace_keys(self, keys: Iterable[tuple[str, str, bytes, bool]]) -> None:
        self.session.execute(delete(DistrictKey))
        rows = [
            {"device_id": d, "device_name": n, "public_key": k, "revoked": r}
            for d, n, k, r in keys
        ]
        if rows:
            self.session.execute(insert(DistrictKey), rows)

    def district_keys(self) -> list[DistrictKey]:
        return list(self.session.scalars(select(DistrictKey).order_by(DistrictKey.device_id)))

    def add_revoked_serials(self, serials: Iterable[str]) -> None:
        new = sorted(set(serials))
        if not new:
            return
        have = set(
            self.session.scalars(
                select(DistrictRevokedSerial.serial).where(DistrictRevokedSerial.serial.in_(new))
            )
        )
        rows = [{"serial": s} for s in new if s not in have]
        if rows:
            self.session.execute(insert(DistrictRevokedSerial), rows)

    def revoked_serials(self) -> list[str]:
        return list(
            self.session.scalars(
                select(DistrictRevokedSerial.serial).order_by(DistrictRevokedSerial.serial)
            )
        )

    # -- history ---------------------------------------------------------------------------
    def start_run(self, trigger: str, now: datetime) -> int:
        # A run left "running" was cut short (the caller holds the sync lock, so it is dead).
        self.session.execute(
            update(SyncRunRow).where(SyncRunRow.result == "running").values(result="interrupted")
        )
        run = SyncRunRow(
            started_at=now, trigger=trigger, result="running", sent=0, applied=0, duplicate=0,
            rejected=0, conflict=0, pulled=0, requests=0, bytes_up=0, bytes_down=0, detail="",
        )
        self.session.add(run)
        self.session.flush()
        return run.id

    def finish_run(self, run_id: int, **values: Any) -> None:
        self.session.execute(update(SyncRunRow).where(SyncRunRow.id == run_id).values(**values))

    def add_run(self, **values: Any) -> None:
        self.session.add(SyncRunRow(**values))

    def runs(self, limit: int = 50) -> list[SyncRunRow]:
        return list(
            self.session.scalars(select(SyncRunRow).order_by(SyncRunRow.id.desc()).limit(limit))
        )

    def prune_runs(self, keep: int = 1000) -> None:
        cutoff = self.session.scalar(
            select(SyncRunRow.id).order_by(SyncRunRow.id.desc()).offset(keep).limit(1)
        )
        if cutoff is not None:
            self.session.execute(delete(SyncRunRow).where(SyncRunRow.id <= cutoff))
