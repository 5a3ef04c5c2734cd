"""Words for the closed lists (status, funding, sex, heirs, consent), translated by Qt.

Written as literal ``QCoreApplication.translate("Labels", ...)`` calls so that lupdate finds them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldreg.domain.codes import ConsentMethod, FundingSource, HeirRelationship, Sex, Status


def status_label(status: Status | str) -> str:
    s = Status(status)
    return {
        Status.DRAFT: QCoreApplication.translate("Labels", "Draft"),
        Status.READY: QCoreApplication.translate("Labels", "Waiting to send"),
        Status.SENT: QCoreApplication.translate("Labels", "Sent"),
        Status.ACCEPTED: QCoreApplication.translate("Labels", "Accepted"),
        Status.DUPLICATE: QCoreApplication.translate("Labels", "Duplicate"),
        Status.REJECTED: QCoreApplication.translate("Labels", "Rejected"),
        Status.VERIFIED: QCoreApplication.translate("Labels", "Verified"),
        Status.VOIDED: QCoreApplication.translate("Labels", "Voided"),
    }[s]


def status_help(status: Status | str) -> str:
    s = Status(status)
    return {
        Status.DRAFT: QCoreApplication.translate(
            "Labels", "Kept on this laptop only; not sent until it is complete and has consent."),
        Status.READY: QCoreApplication.translate(
            "Labels", "Complete; waiting for the next sync."),
        Status.SENT: QCoreApplication.translate(
            "Labels", "Sent to the district server; waiting for its answer."),
        Status.ACCEPTED: QCoreApplication.translate(
            "Labels", "Accepted by the district server."),
        Status.DUPLICATE: QCoreApplication.translate(
            "Labels", "This NIK was already registered elsewhere."),
        Status.REJECTED: QCoreApplication.translate(
            "Labels", "Refused by the server; open it to see why and correct it."),
        Status.VERIFIED: QCoreApplication.translate("Labels", "Verified by BPJS."),
        Status.VOIDED: QCoreApplication.translate("Labels", "Cancelled, with a reason."),
    }[s]


def funding_label(f: FundingSource | str | None) -> str:
    if not f:
        return ""
    src = FundingSource(f)
    return {
        FundingSource.MANDIRI: QCoreApplication.translate("Labels", "The worker (mandiri)"),
        FundingSource.APBD_KAB: QCoreApplication.translate("Labels", "Regency budget (APBD)"),
        FundingSource.APBD_PROV: QCoreApplication.translate(
            "Labels", "Province (DUMISAKE / BKBK)"),
        FundingSource.DBH_SAWIT: QCoreApplication.translate(
            "Labels", "Palm-oil revenue sharing (DBH sawit)"),
        FundingSource.CSR: QCoreApplication.translate("Labels", "Company (CSR)"),
        FundingSource.LAINNYA: QCoreApplication.translate("Labels", "Other"),
    }[src]


def sex_label(s: Sex | str | None) -> str:
    if not s:
        return ""
    return {
        Sex.MALE: QCoreApplication.translate("Labels", "Male"),
        Sex.FEMALE: QCoreApplication.translate("Labels", "Female"),
    }[Sex(s)]


def heir_label(h: HeirRelationship | str | None) -> str:
    if not h:
        return ""
    return {
        HeirRelationship.SUAMI: QCoreApplication.translate("Labels", "Husband"),
        HeirRelationship.ISTRI: QCoreApplication.translate("Labels", "Wife"),
        HeirRelationship.ANAK: QCoreApplication.translate("Labels", "Child"),
        HeirRelationship.AYAH: QCoreApplication.translate("Labels", "Father"),
        HeirRelationship.IBU: QCoreApplication.translate("Labels", "Mother"),
        HeirRelationship.CUCU: QCoreApplication.translate("Labels", "Grandchild"),
        HeirRelationship.KAKEK: QCoreApplication.translate("Labels", "Grandfather"),
        HeirRelationship.NENEK: QCoreApplication.translate("Labels", "Grandmother"),
        HeirRelationship.SAUDARA_KANDUNG: QCoreApplication.translate("Labels", "Sibling"),
        HeirRelationship.MERTUA: QCoreApplication.translate("Labels", "Parent-in-law"),
        HeirRelationship.PIHAK_DITUNJUK: QCoreApplication.translate(
            "Labels", "Person named in a will"),
    }[HeirRelationship(h)]


def consent_label(m: ConsentMethod | str) -> str:
    return {
        ConsentMethod.SCREEN: QCoreApplication.translate(
            "Labels", "The worker read or heard the notice here"),
        ConsentMethod.PAPER: QCoreApplication.translate(
            "Labels", "The worker signed the paper form"),
    }[ConsentMethod(m)]


def rupiah(amount: int | None) -> str:
    """``16800`` → ``Rp16.800`` (Indonesian grouping whatever the UI language)."""
    if amount is None:
        return "–"
    return "Rp" + f"{amount:,}".replace(",", ".")


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def date_text(d: object) -> str:
    """Dates as Indonesians write them: 31-12-1980."""
    from datetime import date, datetime

    if isinstance(d, datetime):
        return d.strftime("%d-%m-%Y %H:%M")
    if isinstance(d, date):
        return d.strftime("%d-%m-%Y")
    return ""
