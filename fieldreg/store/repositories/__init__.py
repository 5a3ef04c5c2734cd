"""All SQL of the local database lives in these repositories (docs/ARCHITECTURE.md, rule 2),
one module per repository; each takes a Session. The unit of work (``store/uow.py``) carries
one of each.

- ``registrations``: the registrations, search and counts (``SearchFilter``, ``Summary``)
- ``outbox``: the queue of versions to send and the engine's bookkeeping (``QueuedEntry``)
- ``audit``: the audit log
- ``device``: this laptop's device row, its key and participant-number counter, releases
- ``volunteers``, ``imports``, ``cards`` (card prints)
- ``sync``: the sync state, the district's keys and revoked cards, the sync history
- ``clock``: ``utcnow``, the naive UTC every time is stored in
"""

from fieldreg.store.repositories.audit import AuditRepository
from fieldreg.store.repositories.cards import CardPrintRepository
from fieldreg.store.repositories.clock import utcnow
from fieldreg.store.repositories.device import DeviceRepository
from fieldreg.store.repositories.imports import ImportRepository
from fieldreg.store.repositories.outbox import OutboxRepository, QueuedEntry
from fieldreg.store.repositories.registrations import (
    RegistrationRepository,
    SearchFilter,
    Summary,
)
from fieldreg.store.repositories.sync import SyncRepository
from fieldreg.store.repositories.volunteers import VolunteerRepository

__all__ = [
    "AuditRepository",
    "CardPrintRepository",
    "DeviceRepository",
    "ImportRepository",
    "OutboxRepository",
    "QueuedEntry",
    "RegistrationRepository",
    "SearchFilter",
    "Summary",
    "SyncRepository",
    "VolunteerRepository",
    "utcnow",
]
