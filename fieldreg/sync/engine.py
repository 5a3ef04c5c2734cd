"""The sync engine: the outbox pushed in batches, outcomes stored, the district's news pulled.

One run (``SyncEngine.run``):

1. Takes ``<home>/sync.lock`` without waiting (another sync in the app or the command line:
   ``BUSY``). Refuses when not enrolled, or paused by an earlier 401.
2. **Push.** Pending outbox entries are read a page at a time (``seq`` > the last one read,
   never the whole queue) and packed into batches of at most ``batch_bytes`` of entry JSON.
   The first request also carries this laptop's superseded card serials when they changed
   since the server last acknowledged them (an empty-entries push when nothing else waits).
   Each answer must name exactly the batch's seqs, else nothing of it is stored
   (``NOT_OUR_SERVER``). The answer is stored in ONE local transaction: entries done, each
   record's status from the effective outcome (a ``replayed`` entry counts as the outcome the
   server stored the first time):

   - applied → ``accepted`` with its number and server version, but only when the record has
     not been edited since (its version is the entry's); a newer edit stays queued and the
     server version is kept so later edits build on it;
   - duplicate → ``duplicate``, ``outcome_detail = {"holder": …}`` (never the NIK);
   - rejected → ``rejected``, ``outcome_detail = {"problems": […]}``; conflict (the district
     changed the record) → ``rejected`` with ``outcome_code = "conflict"``. The entry is done
     and the record shows why: it never blocks the rest, and saving it again re-queues it;
   - a voided record stays voided;
   - (records go from ``ready`` straight to their outcome: one whose answer was lost stays
     ``ready`` until the resend answers it; the engine does not use ``sent``);
   - a protocol problem about one entry (``problems[0].field == "_entry"``): ``sequence_reused``
     means this laptop reused seqs the server already holds (the data folder was restored
     from an older backup): the entry gets a new seq above the server's ``applied_through``
     and above every seq used, and goes again in the same run. ``payload_mismatch`` and
     ``not_your_record`` quarantine the entry (state ``quarantined``) and mark the record
     ``rejected`` with that code. ``not_transferred`` (a record of the laptop this one was
     restored from, onto another machine: ``fieldreg.services.identity``) leaves the entry
     queued and untouched until the district transfers that laptop to this one (the server
     keeps no receipt of it), and it is not sent again in the same run;
   - a record refused only because another record holds its participant number (a cloned
     laptop handed the same numbers out) is marked ``participant_number_taken`` and, after the
     pull (which brings the highest number the server holds from this device), renumbered by
     the engine itself: the next number of this laptop, a new version queued, an audit entry
     saying that its card must be printed again (``_renumber_taken``).

   A request refused as a whole with a permanent 4xx (too large, unprocessable) is split in
   halves down to the one entry at fault, which is quarantined the same way; a refusal that is
   not about the entries (the empty probe is refused too) stops the run with the queue intact.
   Transient trouble (no connection, timeouts, 5xx, 429) retries the same batch after a
   full-jitter exponential wait (Retry-After honoured, capped; the wait ends at once on
   cancel); the ``max_failures``-th transient failure of a run ends it ``OFFLINE`` (no answer
   at all) or ``SERVER_ERROR`` (5xx/429), and the queue waits. A 401 pauses sync
   (``sync_state.paused``), touches no entry, and later runs refuse until enrolled again.
3. **Pull**, after a push that reached its end: pages from the stored cursor; each page's record
   statuses, reference data, keys and revoked serials and the new cursor are stored in ONE
   transaction. Then ``<home>/district-keys.json`` is rewritten when it changed. A push that
   stopped (offline, server error, paused, not our server, cancelled) skips the pull: the server
   is not answering properly, and the next run pulls. A pull that fails after a push that sent
   entries makes the run ``PARTIAL`` (everything was sent; statuses come next time).
4. New entries saved meanwhile are pushed in another round (at most ``rounds``).

Crash safety: nothing is marked done before its answer is stored, so a kill at any point
leaves the entries pending; the next run resends them and the server's receipts answer
``replayed`` with the stored outcome, applied like the original. The cursor only moves with
what it covers. A run's history row is written at its start and completed at its end (a run
cut short shows as ``interrupted``).

Logs name seqs, record ids (UUIDs) and counts, never a NIK or a name.
"""

from __future__ import annotations

import logging
import random
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import requests
from filelock import FileLock
from filelock import Timeout as LockTimeout

from fieldreg import __version__
from fieldreg.domain.codes import Status
from fieldreg.paths import SYNC_LOCK_FILE
from fieldreg.store.repositories import QueuedEntry, utcnow
from fieldreg.store.uow import Database
from fieldreg.sync import outcomes
from fieldreg.sync import protocol as p
from fieldreg.sync.client import (
    Backoff,
    NotOurServer,
    Permanent,
    Retry,
    SyncClient,
    Transient,
    Unauthorized,
)
from fieldreg.sync.results import Progress, ProgressFn, Result, SyncReport
from fieldreg.sync.trust import district_trust, write_district_keys
from fieldreg.sync.wire import entry_json, push_body, serials_hash

log = logging.getLogger(__name__)

SEQUENCE_REUSED = "sequence_reused"
# A record of the laptop this one was restored from (onto another machine, so it is a new
# device): the server takes it once the district has transferred that laptop to this one.
NOT_TRANSFERRED = "not_transferred"
# Permanent refusals that are about the request's entries (split and find the one at fault).
_ENTRY_FAULTS = {p.ErrorCode.TOO_LARGE.value, p.ErrorCode.BAD_REQUEST.value, "unprocessable"}

T = TypeVar("T")


@dataclass
class EngineOptions:
    batch_bytes: int = p.DEFAULT_BATCH_BYTES  # JSON of the entries in one push
    batch_entries: int = p.MAX_BATCH_ENTRIES
    page_rows: int = 200  # outbox rows read per query
    pull_limit: int = p.DEFAULT_PULL_LIMIT
    max_failures: int = 5  # transient failures tolerated in one run
    backoff_base: float = 1.0
    backoff_cap: float = 60.0
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    rounds: int = 3  # push/pull rounds while new entries keep arriving
    max_pull_pages: int = 10_000
    sleep: Callable[[float], None] | None = None  # tests: record waits instead of sleeping
    rng: random.Random | None = None
    session: requests.Session | None = None


class _Stop(Exception):
    """Ends a phase with a result (and an English detail for the log and history)."""

    def __init__(self, result: Result, detail: str = "") -> None:
        super().__init__(result.value)
        self.result = result
        self.detail = detail


@dataclass
class _Tally:
    total: int = 0
    sent: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0
    pulled: int = 0
    notes: list[str] = field(default_factory=list)


class SyncEngine:
    """One laptop's sync. ``run`` never raises for network trouble."""

    def __init__(
        self,
        db: Database,
        home: Path,
        *,
        options: EngineOptions | None = None,
        progress: ProgressFn | None = None,
        cancel: threading.Event | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.home = home
        self.opt = options or EngineOptions()
        self._progress = progress
        self.cancel = cancel or threading.Event()
        self.clock = clock
        # The run's budget of transient failures, under the client's one retry policy.
        self.retry = Retry(self.opt.max_failures,
                           Backoff(self.opt.backoff_base, self.opt.backoff_cap, self.opt.rng),
                           sleep=self.opt.sleep, cancel=self.cancel)
        self.client: SyncClient | None = None
        self.t = _Tally()
        self._buffer: deque[QueuedEntry] = deque()
        self._last_read = 0
        self._requeued: set[int] = set()
        self._held: set[int] = set()  # seqs answered not_transferred: not again this run

    # ------------------------------------------------------------------ the run
    def run(self, trigger: str = "manual") -> SyncReport:
        started = self.clock()
        lock = FileLock(str(self.home / SYNC_LOCK_FILE))
        try:
            lock.acquire(timeout=0)
        except LockTimeout:
            log.info("sync: another sync is running")
            return self._record_refusal(trigger, started, Result.BUSY, "another sync is running")
        try:
            return self._run_locked(trigger, started)
        finally:
            lock.release()

    def _record_refusal(self, trigger: str, started: datetime, result: Result,
                        detail: str) -> SyncReport:
        with self.db.uow() as uow:
            remaining = uow.outbox.pending_count()
            uow.sync.add_run(
                started_at=started, finished_at=self.clock(), trigger=trigger,
                result=result.value, sent=0, applied=0, duplicate=0, rejected=0, conflict=0,
                pulled=0, requests=0, bytes_up=0, bytes_down=0, detail=detail,
            )
            uow.commit()
        return SyncReport(result=result, remaining=remaining, detail=detail,
                          started_at=started, finished_at=self.clock())

    def _run_locked(self, trigger: str, started: datetime) -> SyncReport:
        with self.db.reader() as uow:
            state = uow.sync.state()
            url, token = (state.server_url, state.token) if state else ("", "")
            paused = state.paused if state else ""
        if not token:
            return self._record_refusal(trigger, started, Result.NOT_ENROLLED, "not enrolled")
        if paused:
            result = Result.REVOKED if paused == "revoked" else Result.UNAUTHORIZED
            return self._record_refusal(trigger, started, result, f"paused: {paused}")

        with self.db.uow() as uow:
            run_id = uow.sync.start_run(trigger, started)
            self.t.total = uow.outbox.pending_count()
            uow.commit()
        self.client = SyncClient(
            url, token, connect_timeout=self.opt.connect_timeout,
            read_timeout=self.opt.read_timeout, session=self.opt.session,
            user_agent=f"fieldreg/{__version__}",
        )
        result, detail = Result.OK, ""
        try:
            for _ in range(max(1, self.opt.rounds)):
                self._push()
                self._pull()
                self._renumber_taken()
                if self._pending() == 0:
                    break
        except _Stop as stop:
            result, detail = stop.result, stop.detail
        except BaseException as exc:
            self._finish(run_id, started, Result.SERVER_ERROR, f"error: {type(exc).__name__}",
                         failed=True)
            raise
        finally:
            self.client.close()
        if result in (Result.OFFLINE, Result.SERVER_ERROR, Result.CANCELLED) and (
            self.t.sent or self.t.pulled
        ):
            detail = f"{result.value}: {detail}" if detail else result.value
            return self._finish(run_id, started, Result.PARTIAL, detail, stop=result)
        return self._finish(run_id, started, result, detail)

    def _finish(self, run_id: int, started: datetime, result: Result, detail: str, *,
                stop: Result | None = None, failed: bool = False) -> SyncReport:
        c = self.client
        finished = self.clock()
        if self.t.notes:
            detail = "; ".join([detail, *self.t.notes]) if detail else "; ".join(self.t.notes)
        detail = detail[:2000]
        with self.db.uow() as uow:
            remaining = uow.outbox.pending_count()
            if result is Result.OK and not failed:
                uow.sync.state_for_update().last_success_at = finished
            uow.sync.finish_run(
                run_id, finished_at=finished, result="error" if failed else result.value,
                sent=self.t.sent, applied=self.t.applied, duplicate=self.t.duplicate,
                rejected=self.t.rejected, conflict=self.t.conflict, pulled=self.t.pulled,
                requests=c.requests if c else 0, bytes_up=c.bytes_up if c else 0,
                bytes_down=c.bytes_down if c else 0, detail=detail,
            )
            uow.sync.prune_runs()
            uow.commit()
        report = SyncReport(
            result=result, sent=self.t.sent, applied=self.t.applied,
            duplicate=self.t.duplicate, rejected=self.t.rejected, conflict=self.t.conflict,
            pulled=self.t.pulled, requests=c.requests if c else 0,
            bytes_up=c.bytes_up if c else 0, bytes_down=c.bytes_down if c else 0,
            remaining=remaining, detail=detail, started_at=started, finished_at=finished,
            stop=stop,
        )
        log.info(
            "sync %s: sent %d (applied %d, duplicate %d, rejected %d, conflict %d), pulled %d, "
            "%d requests, %d B up, %d B down, %d waiting%s",
            report.result.value, report.sent, report.applied, report.duplicate,
            report.rejected, report.conflict, report.pulled, report.requests, report.bytes_up,
            report.bytes_down, report.remaining, f" ({detail})" if detail else "",
        )
        return report

    # ------------------------------------------------------------------ helpers
    def _pending(self) -> int:
        with self.db.reader() as uow:
            return uow.outbox.pending_count()

    def _report(self, phase: str, wait_seconds: float = 0.0) -> None:
        if self._progress is None:
            return
        c = self.client
        self._progress(Progress(
            phase=phase, sent=self.t.sent, total=max(self.t.total, self.t.sent),
            bytes_up=c.bytes_up if c else 0, bytes_down=c.bytes_down if c else 0,
            wait_seconds=wait_seconds,
        ))

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise _Stop(Result.CANCELLED, "cancelled")

    def _request(self, phase: str, call: Callable[[], T],
                 on_failure: Callable[[str], None] | None = None) -> T:
        """One request with the run's retry budget. Transient trouble waits and tries again;
        the rest ends the run (or is left to the caller: Permanent)."""
        while True:
            self._check_cancel()
            try:
                return call()
            except Transient as exc:
                more = self.retry.again()
                log.warning("sync %s: %s (%s), failure %d of %d", phase, exc.code, exc.detail,
                            self.retry.failures, self.retry.attempts)
                if on_failure is not None:
                    on_failure(exc.code)
                if not more:
                    result = Result.OFFLINE if exc.offline else Result.SERVER_ERROR
                    raise _Stop(result, f"{phase}: {exc.code} ({exc.detail})") from exc
                delay = self.retry.delay(exc)
                self._report("wait", delay)
                if self.retry.wait(delay):
                    raise _Stop(Result.CANCELLED, "cancelled") from exc
                self._report(phase)
            except Unauthorized as exc:
                self._pause("revoked" if exc.revoked else "unauthorized")
                raise _Stop(Result.REVOKED if exc.revoked else Result.UNAUTHORIZED,
                            f"{phase}: {exc.code}") from exc
            except NotOurServer as exc:
                raise _Stop(Result.NOT_OUR_SERVER, f"{phase}: {exc.detail}") from exc

    def _pause(self, why: str) -> None:
        with self.db.uow() as uow:
            uow.sync.state_for_update().paused = why
            uow.commit()
        log.warning("sync paused: %s", why)

    # ------------------------------------------------------------------ push
    def _next_batch(self) -> list[QueuedEntry]:
        """Entries for the next request: at most batch_bytes of JSON (one entry alone when it
        is bigger), read from the outbox a page at a time."""
        batch: list[QueuedEntry] = []
        size = 0
        while True:
            if not self._buffer:
                with self.db.reader() as uow:
                    page = uow.outbox.pending_page(after_seq=self._last_read,
                                                   limit=self.opt.page_rows)
                if not page:
                    return batch
                self._buffer.extend(page)
                self._last_read = page[-1].seq
            e = self._buffer[0]
            if e.seq in self._held:
                self._buffer.popleft()
                continue
            n = len(entry_json(e).encode("utf-8")) + 1
            if batch and (size + n > self.opt.batch_bytes or len(batch) >= self.opt.batch_entries):
                return batch
            batch.append(self._buffer.popleft())
            size += n

    def _push(self) -> None:
        self._buffer.clear()
        self._last_read = 0
        with self.db.reader() as uow:
            serials = uow.cards.superseded_serials()
            state = uow.sync.state()
            sent_hash = state.serials_sent_hash if state else ""
        serials = serials[-10000:]
        want = serials_hash(serials)
        pending_serials: list[str] | None = serials if want != sent_hash else None
        self._report("push")
        while True:
            self._check_cancel()
            batch = self._next_batch()
            if not batch and pending_serials is None:
                return
            self._send(batch, pending_serials, want)
            pending_serials = None
            self._report("push")

    def _send(self, batch: list[QueuedEntry], serials: list[str] | None, serials_digest: str
              ) -> None:
        body = push_body(batch, serials or [])
        seqs = [e.seq for e in batch]

        def note(code: str) -> None:
            if seqs:
                with self.db.uow() as uow:
                    uow.outbox.note_error(seqs, code)
                    uow.commit()

        try:
            resp = self._request("push", lambda: self._client().push_raw(body), note)
        except Permanent as exc:
            self._refused(batch, serials, serials_digest, exc)
            return
        self._check_answer(batch, resp)
        self._apply_push(batch, resp, serials_digest if serials is not None else None)

    def _client(self) -> SyncClient:
        assert self.client is not None
        return self.client

    def _check_answer(self, batch: Sequence[QueuedEntry], resp: p.PushResponse) -> None:
        want = {e.seq: e.record_id for e in batch}
        got = {r.seq: r.record_id for r in resp.results}
        if len(resp.results) != len(batch) or got != want:
            raise _Stop(Result.NOT_OUR_SERVER,
                        f"push: the answer names {len(resp.results)} entries that are not the "
                        f"batch's {len(batch)}")

    def _refused(self, batch: list[QueuedEntry], serials: list[str] | None,
                 serials_digest: str, exc: Permanent) -> None:
        """A permanent refusal of a whole request: find the entry at fault, or stop."""
        log.warning("sync push: %d entries refused as a whole: %s (HTTP %s)", len(batch),
                    exc.code, exc.status)
        if exc.code not in _ENTRY_FAULTS or not batch:
            raise _Stop(Result.SERVER_ERROR, f"push refused: {exc.code} (HTTP {exc.status})")
        if len(batch) > 1 or serials:
            half = max(1, len(batch) // 2)
            if serials:  # the serials alone first, then the entries without them
                self._send([], serials, serials_digest)
                self._send(batch, None, serials_digest)
                return
            self._send(batch[:half], None, serials_digest)
            self._send(batch[half:], None, serials_digest)
            return
        # One entry refused. Is it the entry, or does the server refuse everything?
        try:
            self._request("push", lambda: self._client().push_raw(push_body([], [])))
        except Permanent as probe:
            raise _Stop(Result.SERVER_ERROR,
                        f"push refused: {exc.code}; an empty push too: {probe.code}") from probe
        e = batch[0]
        with self.db.uow() as uow:
            uow.outbox.finish([e.seq], "quarantined", error=exc.code)
            row = uow.sync.record_row(e.record_id)
            if row is not None:
                outcomes.set_refused(row, e.version, exc.code)
            uow.commit()
        self.t.rejected += 1
        self.t.sent += 1
        self.t.notes.append(f"seq {e.seq} quarantined: {exc.code}")

    def _count(self, outcome: p.Outcome) -> None:
        if outcome is p.Outcome.APPLIED:
            self.t.applied += 1
        elif outcome is p.Outcome.DUPLICATE:
            self.t.duplicate += 1
        elif outcome is p.Outcome.CONFLICT:
            self.t.conflict += 1
        else:
            self.t.rejected += 1

    def _apply_push(self, batch: list[QueuedEntry], resp: p.PushResponse,
                    serials_digest: str | None) -> None:
        """The answer to one batch, in one transaction."""
        by_seq = {e.seq: e for e in batch}
        rebases: list[tuple[str, int, int | None, int]] = []
        requeued: list[int] = []
        held: list[int] = []
        with self.db.uow() as uow:
            rows = uow.sync.record_rows(e.record_id for e in batch)
            done, quarantined = [], []
            for r in resp.results:
                e = by_seq[r.seq]
                problem = r.problems[0] if r.problems else None
                about_entry = problem is not None and problem.field == outcomes.ENTRY_PROBLEM
                if r.effective is p.Outcome.REJECTED and problem and about_entry:
                    # (a seq re-sequenced in this run and refused again is not tried a third
                    # time: quarantined like the other protocol problems)
                    if problem.code == SEQUENCE_REUSED and e.seq not in self._requeued:
                        requeued.append(e.seq)
                        continue
                    if problem.code == NOT_TRANSFERRED:  # stays queued, untouched
                        held.append(e.seq)
                        continue
                    quarantined.append(e)
                    row = rows.get(e.record_id)
                    if row is not None:
                        outcomes.set_refused(row, e.version, problem.code)
                    self.t.rejected += 1
                    continue
                done.append(e.seq)
                self._count(r.effective)
                row = rows.get(e.record_id)
                if row is not None and outcomes.apply_outcome(row, e.version, r):
                    assert r.server_version is not None
                    rebases.append((e.record_id, e.seq, e.base_version, r.server_version))
                if row is not None and outcomes.number_taken(row):
                    self.t.notes.append(f"record {e.record_id}: participant number taken, "
                                        "renumbered after the pull")
            uow.outbox.finish(done, "done")
            for e in quarantined:
                uow.outbox.finish([e.seq], "quarantined", error=_problem_code(resp, e.seq))
            # Only records with later edits still queued need them rebased: one query for the
            # batch, not an UPDATE per record (that made a 10,000-record sync quadratic).
            queued = uow.outbox.pending_record_ids(r[0] for r in rebases)
            rebases = [r for r in rebases if r[0] in queued]
            for record_id, after_seq, old, new in rebases:
                uow.outbox.rebase_pending(record_id, after_seq=after_seq, old_base=old,
                                          new_base=new)
            if held:
                uow.outbox.note_error(held, NOT_TRANSFERRED)
            past = max(resp.applied_through, 0)
            for seq in requeued:
                new_seq = uow.outbox.requeue(seq, past=past)
                self._requeued.add(new_seq)
                log.warning("sync push: seq %d already used on the server (a restored backup?); "
                            "sent again as seq %d", seq, new_seq)
            state = uow.sync.state_for_update()
            state.applied_through = max(state.applied_through, resp.applied_through)
            if serials_digest is not None and not resp.serials_refused:
                # (serials the server did not take yet, e.g. of the laptop this one was restored
                # from before the district transfers it, go again next time)
                state.serials_sent_hash = serials_digest
            uow.commit()
        # Entries still waiting in memory build on the versions just applied, as in the table.
        for record_id, after_seq, old, new in rebases:
            self._buffer = deque(
                replace(b, base_version=new)
                if b.record_id == record_id and b.seq > after_seq and b.base_version == old
                else b
                for b in self._buffer
            )
        self.t.sent += len(resp.results) - len(requeued) - len(held)
        if requeued:
            self.t.notes.append(f"{len(requeued)} entries re-sequenced (sequence_reused)")
        if held:
            self._held.update(held)
            self.t.notes.append(f"{len(held)} records of the laptop this one was restored from "
                                "wait until the district transfers it (not_transferred)")
        log.info("sync push: %d entries answered (seq %d–%d), applied_through %d",
                 len(resp.results), batch[0].seq if batch else 0,
                 batch[-1].seq if batch else 0, resp.applied_through)

    # ------------------------------------------------------------------ pull
    def _pull(self) -> None:
        with self.db.reader() as uow:
            state = uow.sync.state()
            cursor = state.pull_cursor if state else ""
        self._report("pull")
        changed = False
        for _ in range(self.opt.max_pull_pages):
            self._check_cancel()
            try:
                page = self._request("pull", self._pull_call(cursor))
            except Permanent as exc:  # a protocol refusal of the pull itself
                if exc.code == p.ErrorCode.BAD_REQUEST:
                    self._forget_cursor()  # the server no longer knows it: start again
                raise _Stop(Result.SERVER_ERROR, f"pull: {exc.code}") from exc
            changed |= self._apply_pull(page)
            self.t.pulled += len(page.records)
            self._report("pull")
            if not page.more:
                break
            if page.cursor == cursor:
                self.t.notes.append("pull: the server said more without moving the cursor")
                break
            cursor = page.cursor
        self.write_keys_file(force=changed)

    def _forget_cursor(self) -> None:
        with self.db.uow() as uow:
            state = uow.sync.state()
            if state is not None:
                state.pull_cursor = ""
                uow.commit()

    def _pull_call(self, cursor: str) -> Callable[[], p.PullResponse]:
        return lambda: self._client().pull(cursor, self.opt.pull_limit)

    def _apply_pull(self, page: p.PullResponse) -> bool:
        """One page and its cursor, in one transaction. True when keys or serials changed."""
        changed = False
        with self.db.uow() as uow:
            rows = uow.sync.record_rows(rs.record_id for rs in page.records)
            pending = uow.outbox.pending_record_ids(rs.record_id for rs in page.records)
            for rs in page.records:
                row = rows.get(rs.record_id)
                if row is None:
                    log.warning("sync pull: status for unknown record %s ignored", rs.record_id)
                    continue
                self._apply_status(row, rs, queued=rs.record_id in pending)
            state = uow.sync.state_for_update()
            if page.reference is not None:
                state.reference = page.reference.model_dump_json()
            if page.keys is not None:
                uow.sync.replace_keys(
                    (k.device_id, k.device_name, p.unb64(k.public_key), k.revoked)
                    for k in page.keys
                )
                changed = True
            if page.revoked_serials:
                uow.sync.add_revoked_serials(page.revoked_serials)
                changed = True
            if page.number_seq_floor and uow.device.raise_participant_seq(page.number_seq_floor):
                log.warning("participant numbers: counting on from %d, as the server holds "
                            "(a restored backup)", page.number_seq_floor)
            state.pull_cursor = page.cursor
            uow.commit()
        return changed

    def _renumber_taken(self) -> None:
        """Records the server refused only because another record holds their participant
        number (a cloned laptop handed the same numbers out) get this laptop's next number, in
        one transaction: after a pull, so the counter is already past the highest number the
        server holds from this device. Each is saved as a new version (its card must be
        printed again: the audit entry says so), queued, and goes in the next round. Driven
        by the stored status, so a run cut short renumbers them in the next one."""
        with self.db.uow() as uow:
            rows = uow.sync.rows_with_outcome(outcomes.NUMBER_TAKEN)
            if not rows:
                return
            printed = uow.cards.last_generations(r.id for r in rows)
            now = self.clock()
            for row in rows:
                reg = uow.registrations.get(row.id)
                assert reg is not None
                old = reg.participant_number
                (number,) = uow.device.take_participant_numbers(1)
                reg = replace(reg, participant_number=number, version=reg.version + 1,
                              updated_at=now, status=Status.READY, outcome_code="",
                              outcome_detail={})
                uow.registrations.update(reg)
                uow.outbox.append(reg, base_version=reg.server_version)
                uow.audit.record(None, "renumber", "registration", reg.id, old_number=old,
                                 new_number=number, reason=outcomes.NUMBER_TAKEN,
                                 version=reg.version, card_reprint=reg.id in printed)
                log.warning("sync: record %s renumbered %s -> %s (number taken on the server)",
                            reg.id, old, number)
            uow.commit()
        self.t.notes.append(f"{len(rows)} records renumbered (participant number taken)")

    # The district's view of one record (a staticmethod, so tests can interpose).
    _apply_status = staticmethod(outcomes.apply_status)

    def write_keys_file(self, *, force: bool = False) -> Path | None:
        """``<home>/district-keys.json`` from the stored keys and revoked serials."""
        with self.db.reader() as uow:
            state = uow.sync.state()
            district = state.district_code if state else ""
            keys = [(k.public_key, k.device_name, k.revoked) for k in uow.sync.district_keys()]
            serials = uow.sync.revoked_serials()
        if not keys and not serials and not force:
            return None
        return write_district_keys(self.home, district_trust(keys, serials), district=district)


def _problem_code(resp: p.PushResponse, seq: int) -> str:
    for r in resp.results:
        if r.seq == seq and r.problems:
            return r.problems[0].code
    return "refused"

