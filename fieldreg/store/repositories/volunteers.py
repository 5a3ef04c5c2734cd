"""The volunteers of this laptop."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldreg.store.models import Volunteer


class VolunteerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, volunteer_id: str) -> Volunteer | None:
        return self.session.get(Volunteer, volunteer_id)

    def all(self) -> list[Volunteer]:
        return list(self.session.scalars(select(Volunteer).order_by(Volunteer.name)))

    def add(self, volunteer: Volunteer) -> None:
        self.session.add(volunteer)
