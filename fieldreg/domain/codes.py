"""Closed lists of the registration: sex, status, funding sources, programmes, heirs, consent.

Each parser accepts the code and the Indonesian (and English) labels a village list may carry,
case- and punctuation-insensitively, and returns None for anything else.
"""

from __future__ import annotations

import re
from enum import StrEnum


def _key(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


class Sex(StrEnum):
    MALE = "L"  # laki-laki
    FEMALE = "P"  # perempuan

    @classmethod
    def parse(cls, text: str | None) -> Sex | None:
        k = _key(text or "")
        if k in {"L", "LK", "LAKILAKI", "PRIA", "M", "MALE"}:
            return cls.MALE
        if k in {"P", "PR", "PEREMPUAN", "WANITA", "W", "F", "FEMALE"}:
            return cls.FEMALE
        return None


class Status(StrEnum):
    """Life of a registration: draft → ready (queued) → sent → accepted | duplicate | rejected."""

    DRAFT = "draft"
    READY = "ready"
    SENT = "sent"
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    VERIFIED = "verified"
    VOIDED = "voided"

    @property
    def left_draft(self) -> bool:
        return self not in (Status.DRAFT, Status.VOIDED)

    @property
    def needs_fixing(self) -> bool:
        """Sent back by the district server (rejected or duplicate): the volunteer's to fix."""
        return self in NEEDS_FIXING


# The records the district server sent back to the volunteer: "Needs fixing" in the app.
NEEDS_FIXING: tuple[Status, ...] = (Status.REJECTED, Status.DUPLICATE)


class FundingSource(StrEnum):
    MANDIRI = "MANDIRI"  # the worker pays
    APBD_KAB = "APBD_KAB"  # regency budget
    APBD_PROV = "APBD_PROV"  # provincial programme (DUMISAKE / BKBK)
    DBH_SAWIT = "DBH_SAWIT"  # palm-oil revenue sharing, through the APBD
    CSR = "CSR"
    LAINNYA = "LAINNYA"

    @classmethod
    def parse(cls, text: str | None) -> FundingSource | None:
        return _FUNDING_ALIASES.get(_key(text or ""))


_FUNDING_ALIASES: dict[str, FundingSource] = {
    **{_key(f.value): f for f in FundingSource},
    "PRIBADI": FundingSource.MANDIRI,
    "SENDIRI": FundingSource.MANDIRI,
    "BAYARSENDIRI": FundingSource.MANDIRI,
    "SELF": FundingSource.MANDIRI,
    "APBDKABUPATEN": FundingSource.APBD_KAB,
    "APBDKOTA": FundingSource.APBD_KAB,
    "APBDKABUPATENKOTA": FundingSource.APBD_KAB,
    "PEMKAB": FundingSource.APBD_KAB,
    "APBDPROVINSI": FundingSource.APBD_PROV,
    "PEMPROV": FundingSource.APBD_PROV,
    "DUMISAKE": FundingSource.APBD_PROV,
    "BKBK": FundingSource.APBD_PROV,
    "DBHSAWIT": FundingSource.DBH_SAWIT,
    "DBHKELAPASAWIT": FundingSource.DBH_SAWIT,
    "DANABAGIHASILSAWIT": FundingSource.DBH_SAWIT,
    "CSRPERUSAHAAN": FundingSource.CSR,
    "LAIN": FundingSource.LAINNYA,
    "LAINLAIN": FundingSource.LAINNYA,
    "OTHER": FundingSource.LAINNYA,
}


class Programme(StrEnum):
    JKK = "JKK"  # work accident
    JKM = "JKM"  # death
    JHT = "JHT"  # old-age savings (optional)

    @classmethod
    def parse_set(cls, text: str | None) -> frozenset[Programme] | None:
        """``JKK+JKM``, ``JKK, JKM, JHT``, ``jkk/jkm`` → the set; None when any part is unknown."""
        parts = [p for p in re.split(r"[\s+,;/&]+", (text or "").upper()) if p and p != "DAN"]
        out = set()
        for p in parts:
            if p not in cls.__members__:
                return None
            out.add(cls(p))
        return frozenset(out)

    @staticmethod
    def format_set(programmes: frozenset[Programme] | set[Programme]) -> str:
        order = [Programme.JKK, Programme.JKM, Programme.JHT]
        return "+".join(p.value for p in order if p in programmes)


class HeirRelationship(StrEnum):
    """Who may be an heir (ahli waris) for JKM, grouped by priority (docs/DOMAIN.md)."""

    SUAMI = "SUAMI"
    ISTRI = "ISTRI"
    ANAK = "ANAK"
    AYAH = "AYAH"
    IBU = "IBU"
    CUCU = "CUCU"
    KAKEK = "KAKEK"
    NENEK = "NENEK"
    SAUDARA_KANDUNG = "SAUDARA_KANDUNG"
    MERTUA = "MERTUA"
    PIHAK_DITUNJUK = "PIHAK_DITUNJUK"  # the person named in a will

    @property
    def priority(self) -> int:
        return _HEIR_PRIORITY[self]

    @classmethod
    def parse(cls, text: str | None) -> HeirRelationship | None:
        return _HEIR_ALIASES.get(_key(text or ""))


_HEIR_PRIORITY = {
    HeirRelationship.SUAMI: 1,
    HeirRelationship.ISTRI: 1,
    HeirRelationship.ANAK: 1,
    HeirRelationship.AYAH: 2,
    HeirRelationship.IBU: 2,
    HeirRelationship.CUCU: 2,
    HeirRelationship.KAKEK: 2,
    HeirRelationship.NENEK: 2,
    HeirRelationship.SAUDARA_KANDUNG: 3,
    HeirRelationship.MERTUA: 4,
    HeirRelationship.PIHAK_DITUNJUK: 5,
}

_HEIR_ALIASES: dict[str, HeirRelationship] = {
    **{_key(h.value): h for h in HeirRelationship},
    "SAUDARA": HeirRelationship.SAUDARA_KANDUNG,
    "KAKAK": HeirRelationship.SAUDARA_KANDUNG,
    "ADIK": HeirRelationship.SAUDARA_KANDUNG,
    "BAPAK": HeirRelationship.AYAH,
    "BAPAKKANDUNG": HeirRelationship.AYAH,
    "IBUKANDUNG": HeirRelationship.IBU,
    "ORANGTUA": HeirRelationship.AYAH,
    "ANAKKANDUNG": HeirRelationship.ANAK,
    "ANAKANGKAT": HeirRelationship.ANAK,
    "ISTERI": HeirRelationship.ISTRI,
    "PASANGAN": HeirRelationship.ISTRI,
    "BAPAKMERTUA": HeirRelationship.MERTUA,
    "IBUMERTUA": HeirRelationship.MERTUA,
    "WASIAT": HeirRelationship.PIHAK_DITUNJUK,
    "DITUNJUKWASIAT": HeirRelationship.PIHAK_DITUNJUK,
    "PIHAKYANGDITUNJUK": HeirRelationship.PIHAK_DITUNJUK,
    "HUSBAND": HeirRelationship.SUAMI,
    "WIFE": HeirRelationship.ISTRI,
    "CHILD": HeirRelationship.ANAK,
    "FATHER": HeirRelationship.AYAH,
    "MOTHER": HeirRelationship.IBU,
    "SIBLING": HeirRelationship.SAUDARA_KANDUNG,
}


class ConsentMethod(StrEnum):
    SCREEN = "screen"  # the worker read the notice on the laptop and agreed
    PAPER = "paper"  # the worker signed the paper form; the volunteer keeps it
