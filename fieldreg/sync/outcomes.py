"""What the server's answers do to a local record: the rules of the engine's docstring, on one
registration row at a time, inside the caller's transaction (no SQL here, no HTTP).

``outcome_detail`` holds ``{"holder": {…}}`` for a duplicate (never a NIK or a name) and
``{"problems": [{field, code, params}]}`` for a refusal, a conflict or a district void.
"""

from __future__ import annotations

import logging
from typing import Any

from fieldreg.domain.codes import Status
from fieldreg.store.mapping import set_outcome, status_of
from fieldreg.store.models import RegistrationRow
from fieldreg.sync import protocol as p

log = logging.getLogger(__name__)

ENTRY_PROBLEM = "_entry"
# The server refused a record only because another record holds its participant number (a
# cloned laptop handed the same numbers out): the engine renumbers it by itself.
NUMBER_TAKEN = "participant_number_taken"


def _problems(items: list[p.WireProblem]) -> dict[str, Any]:
    return {"problems": [pr.model_dump() for pr in items]}


def set_refused(row: RegistrationRow, version: int, code: str) -> None:
    """The entry of ``version`` was refused for good (quarantined): the record shows why, when
    that version is still the record's and it was not voided since."""
    if row.version == version and status_of(row) is not Status.VOIDED:
        set_outcome(row, Status.REJECTED, code,
                    _problems([p.WireProblem(field=ENTRY_PROBLEM, code=code)]))


def apply_outcome(row: RegistrationRow, version: int, r: p.EntryResult) -> bool:
    """Store the effective outcome of the entry of ``version`` on its record. True when the
    server applied it and gave a server version that later queued edits should build on."""
    eff = r.effective
    current = row.version == version  # no newer local edit since that entry
    voided = status_of(row) is Status.VOIDED
    newer_server = r.server_version is not None and (
        row.server_version is None or r.server_version >= row.server_version
    )
    if newer_server and eff in (p.Outcome.APPLIED, p.Outcome.CONFLICT):
        # applied: later edits build on it; conflict: the district's, so a fix builds on it
        row.server_version = r.server_version
    if not current or voided:
        # A newer edit waits (it will be answered) or the record was voided here: only the
        # server version is kept.
        return eff is p.Outcome.APPLIED and newer_server
    if eff is p.Outcome.APPLIED:
        set_outcome(row, Status.ACCEPTED, "")
        if r.participant_number and row.participant_number != r.participant_number:
            if row.participant_number is None:
                row.participant_number = r.participant_number
            else:  # the number printed on the card stays; the district sees both in its logs
                log.warning("sync: record %s has number %s here, %s on the server", row.id,
                            row.participant_number, r.participant_number)
        return newer_server
    if eff is p.Outcome.DUPLICATE:
        set_outcome(row, Status.DUPLICATE, "duplicate",
                    {"holder": r.holder.model_dump() if r.holder else {}})
        return False
    code = "conflict" if eff is p.Outcome.CONFLICT else "rejected"
    if eff is p.Outcome.REJECTED and r.problems and all(
        pr.code == NUMBER_TAKEN for pr in r.problems
    ):
        code = NUMBER_TAKEN  # nothing for the volunteer to fix
    set_outcome(row, Status.REJECTED, code, _problems(r.problems))
    return False


def number_taken(row: RegistrationRow) -> bool:
    """Whether the record waits to be renumbered (its number is another record's)."""
    return status_of(row) is Status.REJECTED and row.outcome_code == NUMBER_TAKEN


def apply_status(row: RegistrationRow, rs: p.RecordStatus, *, queued: bool) -> None:
    """The district's view of one record (a pull). An edit still queued here, a conflict the
    volunteer has to look at and a record voided here keep their status; the server version
    is kept in any case (so the next edit builds on the district's)."""
    if row.server_version is not None and rs.server_version < row.server_version:
        return  # older than what this laptop already knows
    row.server_version = rs.server_version
    if rs.participant_number and row.participant_number is None:
        row.participant_number = rs.participant_number
    if status_of(row) is Status.VOIDED or queued:
        return
    status = Status(rs.status)
    if row.outcome_code == "conflict" and status is not Status.VOIDED:
        return
    if status is Status.DUPLICATE:
        set_outcome(row, status, "duplicate",
                    {"holder": rs.holder.model_dump() if rs.holder else {}})
    elif status is Status.REJECTED:
        set_outcome(row, status, "rejected", _problems(rs.problems))
    elif status is Status.VOIDED:
        set_outcome(row, status, "voided_by_district",
                    _problems(rs.problems) if rs.problems else {})
        for pr in rs.problems:
            if pr.code == "voided_by_district" and pr.params.get("reason"):
                row.void_reason = str(pr.params["reason"])[:200]
    else:
        set_outcome(row, status, "")
