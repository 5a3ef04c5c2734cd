"""`fieldreg cards`, `verify-card` and `keys-export`: participant cards and their keys."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from fieldreg.cli.common import EXIT_FAIL, EXIT_OK, EXIT_USAGE, Cli
from fieldreg.i18n.messages import message
from fieldreg.services.errors import ServiceError


def cmd_cards(cli: Cli) -> int:
    from fieldreg.cards.sheets import Layout
    from fieldreg.services import cards

    try:
        layout = Layout.parse(cli.args.layout)
    except ValueError:
        raise ServiceError("layout_unknown", value=cli.args.layout) from None
    out = Path(cli.args.out)
    ctx = cli.unlock()
    try:
        ids = None if cli.args.all else cards.resolve_ids(ctx, cli.args.ids)

        def progress(done: int, total: int) -> None:
            cli.progress(cli.t(f"  {done}/{total} kartu", f"  {done}/{total} cards"))

        batch = cards.export_pdf(
            ctx, ids, out, layout=layout, reprint_reason=cli.args.reprint_reason or "",
            only_new=cli.args.only_new, progress=progress,
        )
    finally:
        ctx.close()
    for s in batch.skipped:
        cli.progress(f"  {s.record_id}  {s.name}: {message(s.reason, {}, cli.lang)}")
    cli.say(cli.t(
        f"{len(batch.cards)} kartu ditulis ke {out} ({batch.reprints} cetak ulang, "
        f"{len(batch.skipped)} dilewati)",
        f"{len(batch.cards)} cards written to {out} ({batch.reprints} reprints, "
        f"{len(batch.skipped)} skipped)",
    ))
    return EXIT_OK


def cmd_verify_card(cli: Cli) -> int:
    from fieldreg.cards.credential import verify
    from fieldreg.cards.scan import read_qr_texts
    from fieldreg.services import cards

    if cli.args.image:
        image = Path(cli.args.image)
        if not image.exists():
            raise ServiceError("file_not_found", file=image.name)
        try:
            texts = read_qr_texts(image)
        except OSError as exc:
            raise ServiceError("file_unreadable", file=image.name) from exc
        if not texts:
            raise ServiceError("qr_not_found", file=image.name)
    elif cli.args.text:
        texts = [cli.args.text]
    else:
        print(cli.t("Beri teks QR atau --image FILE.", "Give the QR text or --image FILE."),
              file=sys.stderr)
        return EXIT_USAGE
    trust = cards.trust_from(cli.home, [Path(p) for p in cli.args.keys or []])
    all_valid = True
    for text in texts:
        v = verify(text, trust)
        all_valid &= v.ok
        if cli.args.json:
            cli.say(cards.describe(v))
            continue
        if v.claims is not None:
            c = v.claims
            rows = [
                (cli.t("Nama", "Name"), c.full_name),
                (cli.t("No. peserta", "Participant no."), c.participant_number),
                (cli.t("Desa", "Village"), _village(c.village_code)),
                (cli.t("Program", "Programmes"), c.programmes),
                (cli.t("Sumber iuran", "Who pays"), c.funding_source),
                (cli.t("Perlindungan", "Coverage"),
                 f"{c.coverage_start or '-'} .. {c.coverage_end or '-'}"),
                (cli.t("Terbit", "Issued"), c.issued_at.date().isoformat()),
                (cli.t("Berlaku s.d.", "Valid until"), c.expires_at.date().isoformat()),
                (cli.t("Seri kartu", "Card serial"), c.serial),
                (cli.t("Penerbit", "Issuer"), c.issuer),
            ]
            for label, value in rows:
                cli.say(f"{label:16} {value}")
        cli.say(message(f"verdict_{v.verdict.value}", {"signer": v.signer or "?"},
                        cli.lang))
    return EXIT_OK if all_valid else EXIT_FAIL


def cmd_keys_export(cli: Cli) -> int:
    from fieldreg.services import cards

    ctx = cli.unlock()
    try:
        text = cards.export_keys(ctx)
    finally:
        ctx.close()
    out = Path(cli.args.out)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ServiceError("file_write_failed", file=out.name,
                           reason=exc.strerror or "") from exc
    cli.say(cli.t(f"Kunci publik laptop ini ditulis ke {out}",
                  f"This laptop's public key written to {out}"))
    return EXIT_OK


def _village(code: str) -> str:
    from fieldreg.domain.regions import get_regions

    try:
        names = [r.display_name for r in reversed(get_regions().path(code)[1:])]
    except ValueError:
        names = []
    return f"{', '.join(names)} ({code})" if names else code


COMMANDS: dict[str, Callable[[Cli], int]] = {
    "cards": cmd_cards,
    "verify-card": cmd_verify_card,
    "keys-export": cmd_keys_export,
}
