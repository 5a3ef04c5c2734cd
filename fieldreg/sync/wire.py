"""Push bodies as they go on the wire: the queue's stored canonical payloads written in as they
are (never parsed and dumped again), and the digest of the card serials already sent."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from fieldreg.store.repositories import QueuedEntry
from fieldreg.sync import protocol as p


def serials_hash(serials: Sequence[str]) -> str:
    if not serials:
        return ""
    return hashlib.sha256("\n".join(sorted(serials)).encode("utf-8")).hexdigest()


def entry_json(e: QueuedEntry) -> str:
    """A PushEntry as JSON, with the stored canonical payload written in as it is."""
    base = "null" if e.base_version is None else str(int(e.base_version))
    return (
        f'{{"seq":{int(e.seq)},"record_id":{json.dumps(e.record_id)},'
        f'"version":{int(e.version)},"base_version":{base},"payload":{e.payload}}}'
    )


def push_body(entries: Sequence[QueuedEntry], serials: Sequence[str]) -> bytes:
    return (
        f'{{"protocol":{json.dumps(p.PROTOCOL)},"entries":['
        + ",".join(entry_json(e) for e in entries)
        + f'],"revoked_serials":{json.dumps(list(serials))}}}'
    ).encode("utf-8")
