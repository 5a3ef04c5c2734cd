"""Push bodies as they go on the wire: the queue's stored canonical payloads written in as they
are (never parsed and dumped again), and the digest of the card serials already sent."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from fieldreg.store.repositories import QueuedEntry
from fieldreg.sync import protocol as p

# What the digest of the sent serials covers: the list *and* the rule the server kept it under.
# Rule 2: the server keeps a revocation per (district, serial, issuing device) (its migration
# 0002); under rule 1 (the serial alone) another device's earlier row could swallow this
# laptop's own revocation. A list acknowledged under rule 1 no longer matches, so an updated
# laptop sends its superseded serials once more and every one of them reaches the district.
SERIALS_RULE = "fieldreg-serials/2"


def serials_hash(serials: Sequence[str]) -> str:
    if not serials:
        return ""
    text = "\n".join([SERIALS_RULE, *sorted(serials)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
