"""The card prints: each print's generation and serial, and the serials replaced by reprints."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldreg.store.models import CardPrint


class CardPrintRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: CardPrint) -> None:
        self.session.add(entry)

    def last_generations(self, record_ids: Iterable[str]) -> dict[str, int]:
        """The newest print generation of each record that was printed before."""
        ids = list(record_ids)
        out: dict[str, int] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.session.execute(
                select(CardPrint.registration_id, func.max(CardPrint.generation))
                .where(CardPrint.registration_id.in_(chunk))
                .group_by(CardPrint.registration_id)
            )
            out.update((rid, gen) for rid, gen in rows)  # (a Result has keys(): not a mapping)
        return out

    def last_serials(self, record_ids: Iterable[str]) -> dict[str, str]:
        """The serial of each record's newest print (records printed before)."""
        ids = list(record_ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            newest = (
                select(CardPrint.registration_id, func.max(CardPrint.generation).label("g"))
                .where(CardPrint.registration_id.in_(ids[i : i + 500]))
                .group_by(CardPrint.registration_id)
                .subquery()
            )
            rows = self.session.execute(
                select(CardPrint.registration_id, CardPrint.serial)
                .join(newest, (newest.c.registration_id == CardPrint.registration_id)
                      & (newest.c.g == CardPrint.generation))
            )
            out.update((rid, serial) for rid, serial in rows)
        return out

    def history(self, record_id: str) -> list[CardPrint]:
        return list(
            self.session.scalars(
                select(CardPrint)
                .where(CardPrint.registration_id == record_id)
                .order_by(CardPrint.generation)
            )
        )

    def superseded_serials(self) -> list[str]:
        """Serials of cards replaced by a newer print: the ones a verifier should refuse."""
        newest = (
            select(CardPrint.registration_id, func.max(CardPrint.generation).label("g"))
            .group_by(CardPrint.registration_id)
            .subquery()
        )
        return list(
            self.session.scalars(
                select(CardPrint.serial)
                .join(newest, newest.c.registration_id == CardPrint.registration_id)
                .where(CardPrint.generation < newest.c.g)
                .order_by(CardPrint.serial)
            )
        )
