"""Issuing participant cards: which records get one, their signed QR, the print history.

Printing is two steps, so the history only holds cards that really came out:

    batch = prepare(ctx, ids, …)        # faces with signed QR codes and their new serials
    …write the PDF or print the pages…
    confirm(ctx, batch, target="pdf")  # the history and the audit, in one transaction

A card printed before gets a new serial (participant number + generation) and needs a reason;
the old serials are what a revocation list will name.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

from fieldreg.cards import credential
from fieldreg.cards.credential import CardClaims, TrustStore, Verification
from fieldreg.cards.render import CardFace
from fieldreg.cards.sheets import Layout, write_pdf
from fieldreg.domain import participant_number
from fieldreg.domain.codes import FundingSource, Programme, Status
from fieldreg.domain.nik import mask_nik
from fieldreg.domain.regions import get_regions
from fieldreg.domain.registration import Registration
from fieldreg.paths import DISTRICT_KEYS_FILE, OWN_KEY_FILE
from fieldreg.services.card_keys import own_trust
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.store.models import CardPrint, Device

log = logging.getLogger(__name__)

WIB = timezone(timedelta(hours=7), "WIB")  # Jambi's time zone
REASON_MAX = 200
RENUMBERED_REASON = "Nomor peserta diganti"  # the reprint of a renumbered record's card

PAYER_LABELS = {
    FundingSource.MANDIRI: "Mandiri (dibayar sendiri)",
    FundingSource.APBD_KAB: "APBD Kabupaten/Kota",
    FundingSource.APBD_PROV: "APBD Provinsi Jambi",
    FundingSource.DBH_SAWIT: "DBH Sawit (APBD)",
    FundingSource.CSR: "CSR perusahaan",
    FundingSource.LAINNYA: "Lainnya",
}


@dataclass(frozen=True)
class Skipped:
    record_id: str
    name: str
    reason: str  # an i18n message code: card_draft, card_voided, card_not_found, card_printed


@dataclass(frozen=True)
class PreparedCard:
    record_id: str
    face: CardFace
    claims: CardClaims
    generation: int


@dataclass
class CardBatch:
    layout: Layout
    cards: list[PreparedCard]
    skipped: list[Skipped] = field(default_factory=list)
    reprint_reason: str = ""
    # Reprints of cards whose participant number changed since they were printed (the sync
    # renumbered the record: its number was taken by another record).
    renumbered: int = 0

    @property
    def faces(self) -> list[CardFace]:
        return [c.face for c in self.cards]

    @property
    def reprints(self) -> int:
        return sum(1 for c in self.cards if c.generation > 1)


def _day(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else "-"


def card_expiry(reg: Registration, issued: date) -> datetime:
    """The end of the coverage period (end of that day in Jambi), else a year from issue."""
    end = reg.data.coverage_end or issued.replace(year=issued.year + 1) - timedelta(days=1)
    return datetime.combine(end + timedelta(days=1), time(0, 0), WIB).astimezone(UTC)


def _place_lines(village_code: str) -> tuple[str, str]:
    regions = get_regions()
    path = {r.level: r for r in regions.path(village_code)}
    village, district = path.get("village"), path.get("district")
    regency, province = path.get("regency"), path.get("province")
    kind = "Kel." if regions.village_type(village_code) == "kelurahan" else "Desa"
    first = ", ".join(
        p for p in (
            f"{kind} {village.display_name}" if village else village_code,
            f"Kec. {district.display_name}" if district else "",
        ) if p
    )
    reg_name = regency.display_name if regency else ""
    reg_name = reg_name.replace("Kabupaten ", "Kab. ")
    second = ", ".join(p for p in (reg_name, province.display_name if province else "") if p)
    return first, second


def face_for(reg: Registration, claims: CardClaims, generation: int, qr_text: str) -> CardFace:
    d = reg.data
    village_line, regency_line = _place_lines(d.village_code)
    payer = PAYER_LABELS.get(d.funding_source, "-") if d.funding_source else "-"
    masked = mask_nik(d.nik)
    grouped = " ".join(masked[i : i + 4] for i in range(0, len(masked), 4))
    return CardFace(
        participant_number=participant_number.display(claims.participant_number),
        full_name=d.full_name,
        masked_nik=grouped,
        village_line=village_line,
        regency_line=regency_line,
        programmes=" + ".join(p.value for p in sorted(d.programmes, key=_programme_order)),
        payer=payer,
        coverage=(f"{_day(d.coverage_start)} s.d. {_day(d.coverage_end)}" if d.coverage_end
                  else f"mulai {_day(d.coverage_start)}"),
        issued=_day(claims.issued_at.astimezone(WIB).date()),
        generation=generation,
        serial=claims.serial,
        qr_text=qr_text,
    )


def _programme_order(p: Programme) -> int:
    return [Programme.JKK, Programme.JKM, Programme.JHT].index(p)


def resolve_ids(ctx: Context, tokens: Sequence[str]) -> list[str]:
    """Record ids from record ids or participant numbers (as typed: spaces, lower case…)."""
    out: list[str] = []
    with ctx.db.reader() as uow:
        for token in tokens:
            token = token.strip()
            if participant_number.is_valid(token):
                rid = uow.registrations.id_by_participant_number(
                    participant_number.normalize(token))
                out.append(rid or token)
            else:
                out.append(token)
    return out


def _device(ctx: Context) -> Device:
    with ctx.db.reader() as uow:
        device = uow.device.get()
        if device is None:
            raise ServiceError("keyfile_mismatch")
        uow.session.expunge(device)
        return device


def prepare(
    ctx: Context,
    ids: Sequence[str] | None,
    *,
    layout: Layout = Layout.A4,
    reprint_reason: str = "",
    only_new: bool = False,
) -> CardBatch:
    """Cards for ``ids`` (None: every record that has left draft and is not voided).

    Drafts and voided records are skipped with a reason. Records printed before are reprinted
    with a new serial when ``reprint_reason`` is given; without one they are refused
    (``reprint_reason_required``), or skipped when ``only_new``.
    """
    reason = " ".join(reprint_reason.split())
    if len(reason) > REASON_MAX:
        raise ServiceError("text_too_long", field="reprint_reason", max=REASON_MAX)
    batch = plan(ctx, ids, layout=layout, only_new=only_new)
    if batch.reprints and not reason and batch.reprints == batch.renumbered:
        reason = RENUMBERED_REASON  # the old card carries a number that is not the record's
    if batch.reprints and not reason:
        raise ServiceError("reprint_reason_required", field="reprint_reason",
                           count=batch.reprints)
    batch.reprint_reason = reason
    return batch


def plan(
    ctx: Context,
    ids: Sequence[str] | None,
    *,
    layout: Layout = Layout.A4,
    only_new: bool = False,
) -> CardBatch:
    """The batch as it would print, to show before printing: cards printed before are in it
    at their next generation and no reason is asked. ``confirm`` refuses such a batch until it
    has a reprint reason; ``prepare`` is the way to print."""
    device = _device(ctx)
    issued_at = ctx.clock().replace(tzinfo=UTC, microsecond=0)
    issued_day = issued_at.astimezone(WIB).date()
    skipped: list[Skipped] = []
    with ctx.db.reader() as uow:
        if ids is None:
            regs = [r for r in uow.registrations.iter_all()
                    if r.status.left_draft and r.status is not Status.VOIDED]
        else:
            wanted = list(dict.fromkeys(ids))
            found = {r.id: r for r in uow.registrations.get_many(wanted)}
            regs = []
            for rid in wanted:
                reg = found.get(rid)
                if reg is None:
                    skipped.append(Skipped(rid, "", "card_not_found"))
                elif reg.status is Status.VOIDED:
                    skipped.append(Skipped(rid, reg.data.full_name, "card_voided"))
                elif not reg.status.left_draft or not reg.participant_number:
                    skipped.append(Skipped(rid, reg.data.full_name, "card_draft"))
                else:
                    regs.append(reg)
        # A number this laptop cannot have made (another system's) gets no card, and does not
        # stop the others.
        bad = [r for r in regs if not participant_number.is_valid(r.participant_number or "")]
        skipped += [Skipped(r.id, r.data.full_name, "card_number_invalid") for r in bad]
        regs = [r for r in regs if r not in bad]
        printed = uow.cards.last_generations(r.id for r in regs)
        serials = uow.cards.last_serials(printed)
    # Printed with another number (renumbered since): the card must be printed again, and
    # counts as new for ``only_new``.
    renumbered = {r.id for r in regs if r.id in serials
                  and not serials[r.id].startswith(f"{r.participant_number}-")}
    if only_new:
        skipped += [Skipped(r.id, r.data.full_name, "card_printed") for r in regs
                    if r.id in printed and r.id not in renumbered]
        regs = [r for r in regs if r.id not in printed or r.id in renumbered]
    issuer = credential.issuer_for(ctx.regency_code)
    cards: list[PreparedCard] = []
    for reg in regs:
        assert reg.participant_number is not None
        generation = printed.get(reg.id, 0) + 1
        claims = CardClaims(
            participant_number=reg.participant_number,
            full_name=reg.data.full_name,
            village_code=reg.data.village_code,
            programmes=Programme.format_set(reg.data.programmes),
            funding_source=reg.data.funding_source.value if reg.data.funding_source else "",
            coverage_start=reg.data.coverage_start,
            coverage_end=reg.data.coverage_end,
            issuer=issuer,
            issued_at=issued_at,
            expires_at=card_expiry(reg, issued_day),
            serial=f"{reg.participant_number}-{generation}",
        )
        qr = credential.encode(claims, device.signing_key)
        cards.append(PreparedCard(reg.id, face_for(reg, claims, generation, qr), claims,
                                  generation))
    return CardBatch(layout, cards, skipped,
                     renumbered=sum(1 for c in cards if c.record_id in renumbered))


def confirm(ctx: Context, batch: CardBatch, *, target: str) -> None:
    """Record that ``batch`` was printed (to ``target``: "pdf" or the printer's name)."""
    if batch.reprints and not batch.reprint_reason:
        raise ServiceError("reprint_reason_required", field="reprint_reason",
                           count=batch.reprints)
    now = ctx.clock()
    with ctx.db.uow() as uow:
        for c in batch.cards:
            uow.cards.add(
                CardPrint(
                    registration_id=c.record_id, serial=c.claims.serial,
                    generation=c.generation, printed_at=now, volunteer_id=ctx.volunteer_id,
                    reason=batch.reprint_reason if c.generation > 1 else "",
                    layout=batch.layout.value, target=target[:120],
                    expires_at=c.claims.expires_at.astimezone(UTC).replace(tzinfo=None),
                )
            )
        uow.audit.record_many(
            ctx.volunteer_id, "print_card", "registration",
            ((c.record_id, {"serial": c.claims.serial, "generation": c.generation,
                            "target": target[:40],
                            **({"reason": batch.reprint_reason} if c.generation > 1 else {})})
             for c in batch.cards),
        )
        uow.commit()
    log.info("%d cards printed to %s (%d reprints)", len(batch.cards), target, batch.reprints)


def export_pdf(
    ctx: Context,
    ids: Sequence[str] | None,
    out: Path,
    *,
    layout: Layout = Layout.A4,
    reprint_reason: str = "",
    only_new: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> CardBatch:
    """Prepare, write the PDF, then record the prints. Nothing is recorded if writing fails."""
    batch = prepare(ctx, ids, layout=layout, reprint_reason=reprint_reason, only_new=only_new)
    if not batch.cards:
        raise ServiceError("no_cards", skipped=len(batch.skipped))
    try:
        write_pdf(batch.faces, layout, out, progress=progress)
    except OSError as exc:
        raise ServiceError("file_write_failed", file=out.name, reason=exc.strerror or "") from exc
    confirm(ctx, batch, target="pdf")
    return batch


def export_specimen_pdf(
    ctx: Context,
    ids: Sequence[str] | None,
    out: Path,
    *,
    layout: Layout = Layout.A4,
    progress: Callable[[int, int], None] | None = None,
) -> CardBatch:
    """A PDF to check or share how the cards will look: every card marked CONTOH on both
    sides, with no QR code, and nothing recorded as printed, so the later print on paper is
    still the cards' first (no reprint, no new serial). Audited (it holds names)."""
    batch = plan(ctx, ids, layout=layout)
    if not batch.cards:
        raise ServiceError("no_cards", skipped=len(batch.skipped))
    faces = [replace(c.face, qr_text="", specimen=True) for c in batch.cards]
    try:
        write_pdf(faces, layout, out, progress=progress)
    except OSError as exc:
        raise ServiceError("file_write_failed", file=out.name, reason=exc.strerror or "") from exc
    with ctx.db.uow() as uow:
        uow.audit.record(ctx.volunteer_id, "card_specimen_pdf", "registration", None,
                         cards=len(batch.cards), layout=layout.value)
        uow.commit()
    log.info("%d specimen cards written to a PDF", len(batch.cards))
    return batch


@dataclass(frozen=True)
class PrintRecord:
    serial: str
    generation: int
    printed_at: datetime
    volunteer_name: str
    reason: str
    layout: str
    target: str


def history(ctx: Context, record_id: str) -> list[PrintRecord]:
    with ctx.db.reader() as uow:
        names = {v.id: v.name for v in uow.volunteers.all()}
        return [
            PrintRecord(p.serial, p.generation, p.printed_at, names.get(p.volunteer_id, "?"),
                        p.reason, p.layout, p.target)
            for p in uow.cards.history(record_id)
        ]


# ------------------------------------------------------------------ keys and verification
def export_keys(ctx: Context) -> str:
    """A keys file: this device's key and the serials of the cards it has replaced."""
    device = _device(ctx)
    store = own_trust(device)
    with ctx.db.reader() as uow:
        store.revoked_serials = set(uow.cards.superseded_serials())
    return store.to_json(district=device.regency_code)


def trust_from(home: Path | None, key_files: Sequence[Path]) -> TrustStore:
    """Keys from the given files, plus this device's own key file and the district's keys file
    (written by each sync's pull: every laptop of the district, revoked cards) when ``home``
    has them."""

    store = TrustStore()
    local = [home / OWN_KEY_FILE, home / DISTRICT_KEYS_FILE] if home else []
    paths = [p for p in local if p.exists()] + list(key_files)
    for p in paths:
        try:
            store.merge(TrustStore.from_json(p.read_text(encoding="utf-8")))
        except OSError as exc:
            raise ServiceError("file_unreadable", file=p.name, reason=exc.strerror or "") from exc
        except ValueError as exc:
            raise ServiceError("keys_file_invalid", file=p.name, reason=str(exc)) from exc
    return store


def describe(v: Verification) -> str:
    """JSON for --json output: the verdict and the claims (nothing more is in a card)."""
    return json.dumps(
        {"verdict": v.verdict.value, "reason": v.reason, "signer": v.signer,
         "claims": v.claims.as_dict() if v.claims else None},
        ensure_ascii=False, indent=2,
    )
