"""Fill an unlocked data folder with synthetic registrations in bulk (screenshots, benchmarks).

One unit of work for all of them: ``registrations.add_many`` + ``outbox.append_many`` (rule 3:
records and their outbox entries in the same transaction). Creation times are spread over the
last ``days`` days; a few records get the statuses only sync would give, so every status shows.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from typing import Any

from fieldreg.domain.codes import Status
from fieldreg.domain.occupations import get_occupations
from fieldreg.domain.regions import get_regions
from fieldreg.domain.registration import Registration, new_id
from tools.sample_data import SampleFactory

LATER = (Status.SENT, Status.ACCEPTED, Status.DUPLICATE, Status.REJECTED)


def seed(ctx: Any, n: int, *, seed_value: int = 7, days: int = 30, batch: int = 5000,
         progress: Any = None, draft_share: float = 0.08, later_share: float = 0.35) -> int:
    """Add ``n`` records: ``draft_share`` of them drafts, ``later_share`` of the rest with a
    status only sync would give (0 and 0 for a queue of ``n`` records waiting to be sent)."""
    rng = random.Random(seed_value)
    factory = SampleFactory(seed_value, regency=ctx.regency_code, today=ctx.today_fn())
    regions, occs = get_regions(), get_occupations()
    now = ctx.clock()
    done = 0
    while done < n:
        regs = []
        for _ in range(min(batch, n - done)):
            draft = rng.random() < draft_share
            data = factory.data(consent=not draft, volunteer_id=ctx.volunteer_id)
            when = now - timedelta(days=rng.randrange(days), minutes=rng.randrange(600))
            village = regions.village(data.village_code)
            occ = occs.find(data.occupation_code)
            status = Status.DRAFT if draft else Status.READY
            if not draft and rng.random() < later_share:
                status = rng.choice(LATER)
            regs.append(Registration(
                id=new_id(), device_id=ctx.device_id, volunteer_id=ctx.volunteer_id,
                created_at=when, updated_at=when, version=1, status=status, data=data,
                village_name=village.display_name if village else "",
                regions_version=regions.version, sector=occ.sector if occ else "",
                outcome_code="nik_taken" if status is Status.DUPLICATE else "",
            ))
        with ctx.db.uow() as uow:
            numbers = iter(uow.device.take_participant_numbers(
                sum(1 for r in regs if r.status is not Status.DRAFT)))
            regs = [r if r.status is Status.DRAFT else replace(r, participant_number=next(numbers))
                    for r in regs]
            uow.registrations.add_many(regs)
            uow.outbox.append_many([r for r in regs if r.status is Status.READY])
            uow.commit()
        done += len(regs)
        if progress:
            progress(done, n)
    return done


def void_some(ctx: Any, k: int) -> None:
    from fieldreg.services import browse, registrations

    keys = browse.ids(ctx, browse.SearchFilter(status=(Status.READY,)), audit=False)[:k]
    for rid in browse.record_ids(ctx, keys):
        registrations.void(ctx, rid, "Terdaftar dua kali")

