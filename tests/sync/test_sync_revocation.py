"""Card revocations from the laptop against a live server: a laptop updated from a release whose
server kept revoked serials by the serial alone (where another device's row could swallow this
laptop's own revocation) sends its superseded serials once more, and they reach the district; a
laptop whose serials the server did not take yet (restored onto another machine, before the
district transfers the first laptop to it) keeps sending them until they are taken."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldreg.paths import DISTRICT_KEYS_FILE
from fieldreg.services import backups, cards, identity, restore, sync
from fieldreg.services.context import Context
from fieldreg.services.sync import Result
from fieldreg.sync.client import SyncClient
from fieldreg.sync.wire import serials_hash
from tests.conftest import PASSWORD, VOLUNTEER, fix_clock
from tests.live_server import LiveServer
from tests.sync.conftest import enrol, save_ready
from tools.sample_data import SampleFactory


def rule_1_digest(serials: list[str]) -> str:
    """The digest a laptop stored when the old server acknowledged its list."""
    return hashlib.sha256("\n".join(sorted(serials)).encode("utf-8")).hexdigest()


def test_serials_acknowledged_under_the_old_rule_are_sent_once_more(
    ctx: Context, factory: SampleFactory, live_server: LiveServer,
    other_laptop: Callable[[str], Context], monkeypatch: pytest.MonkeyPatch
) -> None:
    (a,) = save_ready(ctx, factory, 1)
    first = cards.prepare(ctx, [a.id])
    cards.confirm(ctx, first, target="pdf")
    again = cards.prepare(ctx, [a.id], reprint_reason="Kartu hilang")
    cards.confirm(ctx, again, target="pdf")
    old_serial = first.cards[0].claims.serial
    enrol(ctx, live_server)
    # As if the old server had acknowledged the list (and swallowed it behind a bogus row):
    # the laptop stored the old digest and would never send it again.
    with ctx.db.uow() as uow:
        uow.sync.state_for_update().serials_sent_hash = rule_1_digest([old_serial])
        uow.commit()

    sent: list[list[str]] = []
    real_push = SyncClient.push_raw

    def watch(self: SyncClient, body: bytes) -> object:
        sent.append(json.loads(body)["revoked_serials"])
        return real_push(self, body)

    monkeypatch.setattr(SyncClient, "push_raw", watch)
    assert sync.sync(ctx).result is Result.OK
    assert sent == [[old_serial]]  # sent once more …
    assert sync.sync(ctx).requests == 1  # … and then not again
    with ctx.db.reader() as uow:
        state = uow.sync.state()
        assert state is not None and state.serials_sent_hash == serials_hash([old_serial])

    laptop2 = other_laptop("Laptop Desa 2")
    enrol(laptop2, live_server)
    assert sync.sync(laptop2).result is Result.OK
    keys = json.loads((laptop2.home / DISTRICT_KEYS_FILE).read_text("utf-8"))
    assert keys["revoked_cards"] == [old_serial]


def test_a_restored_laptops_revocation_reaches_the_district_once_transferred(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup restored onto another machine (a new device) reprints a card of the first
    laptop's: the server takes the old serial's revocation only once the district has
    transferred the first laptop to it, and the restored laptop keeps sending it until then."""
    monkeypatch.setenv(identity.ENV, "machine-a")
    enrol(ctx, live_server)
    (a,) = save_ready(ctx, factory, 1)
    first = cards.prepare(ctx, [a.id])
    cards.confirm(ctx, first, target="pdf")
    assert sync.sync(ctx).applied == 1
    (made,) = backups.make_backup(ctx, folders=[])

    monkeypatch.setenv(identity.ENV, "machine-b")
    res = restore.restore(tmp_path / "laptop-b", made, volunteer=VOLUNTEER, password=PASSWORD)
    b = fix_clock(res.context)
    try:
        enrol(b, live_server)
        again = cards.prepare(b, [a.id], reprint_reason="Kartu hilang")
        cards.confirm(b, again, target="pdf")
        old_serial = first.cards[0].claims.serial
        assert sync.sync(b).result is Result.OK
        assert sync.sync(ctx).result is Result.OK
        assert old_serial not in district_serials(ctx)  # not taken before the transfer

        live_server.admin("devices", "transfer", "--still-in-use", ctx.device_id, b.device_id)
        assert sync.sync(b).result is Result.OK  # sent again, taken now
        assert sync.sync(ctx).result is Result.OK
        assert old_serial in district_serials(ctx)
        assert sync.sync(b).requests == 1  # taken: not sent again
    finally:
        b.close()


def district_serials(ctx: Context) -> list[str]:
    doc = json.loads((ctx.home / DISTRICT_KEYS_FILE).read_text("utf-8"))
    return list(doc["revoked_cards"])
