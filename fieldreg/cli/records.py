"""`fieldreg template`, `import`, `export`, `list` and `status`: the registrations."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from fieldreg.cli.common import EXIT_FAIL, EXIT_OK, EXIT_USAGE, Cli
from fieldreg.domain.codes import FundingSource, Status
from fieldreg.i18n.messages import message
from fieldreg.services import exports, registrations, village_import
from fieldreg.store.repositories import SearchFilter


def cmd_template(cli: Cli) -> int:
    out = Path(cli.args.out)
    exports.write_template(out, regency_code=cli.args.regency)
    cli.say(cli.t(f"Templat disimpan: {out}", f"Template saved: {out}"))
    return EXIT_OK


def cmd_import(cli: Cli) -> int:
    ctx = cli.unlock()
    try:
        opts = village_import.ImportOptions(consent_paper=cli.args.consent == "paper")
        if cli.args.coverage_start:
            opts.coverage_start = date.fromisoformat(cli.args.coverage_start)
        if cli.args.coverage_end:
            opts.coverage_end = date.fromisoformat(cli.args.coverage_end)

        def progress(done: int, total: int) -> None:
            cli.progress(cli.t(f"memeriksa baris {done}/{total}",
                               f"checking row {done}/{total}"))

        res = village_import.import_file(
            ctx, Path(cli.args.file), opts, dry_run=cli.args.dry_run, progress=progress
        )
    finally:
        ctx.close()
    pv = res.preview
    if cli.args.report:
        village_import.write_report(pv, Path(cli.args.report), cli.lang)
    elif pv.rejected or pv.file_problems:
        for row in village_import.report_rows(pv, cli.lang)[:50]:
            cli.progress(f"  {cli.t('baris', 'row')} {row[0]} [{row[1]}] {row[4]}")
    if pv.imported_before:
        cli.progress(cli.t(
            "Catatan: berkas yang sama sudah pernah diimpor pada "
            f"{pv.imported_before:%Y-%m-%d}.",
            f"Note: the same file was imported before, on {pv.imported_before:%Y-%m-%d}."))
    valid, rejected = len(pv.valid), len(pv.rejected)
    if cli.args.dry_run:
        cli.say(cli.t(
            f"Uji coba: {len(pv.rows)} baris, {valid} bisa diimpor, {rejected} ditolak. "
            "Tidak ada yang disimpan.",
            f"Dry run: {len(pv.rows)} rows, {valid} can be imported, {rejected} refused. "
            "Nothing was saved."))
    else:
        kind = cli.t("siap kirim", "ready to send") if res.status is Status.READY else \
            cli.t("draf (persetujuan belum dicatat)", "drafts (consent still to record)")
        cli.say(cli.t(
            f"{res.imported} dari {len(pv.rows)} baris diimpor sebagai {kind}; "
            f"{rejected} ditolak.",
            f"{res.imported} of {len(pv.rows)} rows imported as {kind}; {rejected} refused."))
    if cli.args.report:
        cli.say(cli.t(f"Laporan: {cli.args.report}", f"Report: {cli.args.report}"))
    return EXIT_OK if not pv.rejected else EXIT_FAIL


def cmd_export(cli: Cli) -> int:
    ctx = cli.unlock()
    try:
        n = exports.export_registrations(ctx, Path(cli.args.out))
    finally:
        ctx.close()
    cli.say(cli.t(f"{n} data diekspor ke {cli.args.out}",
                  f"{n} registrations exported to {cli.args.out}"))
    return EXIT_OK


def cmd_list(cli: Cli) -> int:
    statuses = []
    for s in cli.args.status or []:
        try:
            statuses.append(Status(s))
        except ValueError:
            print(cli.t(f"Status tidak dikenal: {s}", f"Unknown status: {s}"),
                  file=sys.stderr)
            return EXIT_USAGE
    funding = FundingSource.parse(cli.args.funding) if cli.args.funding else None
    f = SearchFilter(
        text=cli.args.search or "", status=statuses, village_code=cli.args.village or "",
        occupation_code=cli.args.occupation or "", funding_source=funding,
    )
    ctx = cli.unlock()
    try:
        rows = registrations.search(ctx, f, limit=cli.args.limit)
        total = registrations.count(ctx, f)
    finally:
        ctx.close()
    from fieldreg.domain.nik import mask_nik

    for r in rows:
        nik = r.nik if cli.args.full_nik else mask_nik(r.nik)
        cli.say(f"{r.id}  {nik:16}  {r.status.value:9}  {r.full_name}  [{r.village_name}]"
                + (f"  {r.participant_number}" if r.participant_number else ""))
    cli.progress(cli.t(f"{len(rows)} dari {total} ditampilkan",
                       f"{len(rows)} of {total} shown"))
    return EXIT_OK


def cmd_status(cli: Cli) -> int:
    from fieldreg.services import sync

    ctx = cli.unlock()
    try:
        counts = registrations.status_counts(ctx)
        queue = registrations.queue_counts(ctx)
        sync_state = sync.status(ctx)
    finally:
        ctx.close()
    cli.say(cli.t(f"Perangkat: {ctx.device_name} (kabupaten {ctx.regency_code})",
                  f"Device: {ctx.device_name} (regency {ctx.regency_code})"))
    for s in Status:
        if counts.get(s.value):
            cli.say(f"  {s.value:10} {counts[s.value]}")
    cli.say(cli.t(f"Antrian kirim: {queue.get('pending', 0)}",
                  f"Waiting to be sent: {queue.get('pending', 0)}"))
    st = sync_state
    if not st.enrolled:
        cli.say(cli.t("Sinkronisasi: laptop belum didaftarkan ke server kabupaten "
                      "(fieldreg enrol URL KODE)",
                      "Sync: this laptop is not enrolled with a district server "
                      "(fieldreg enrol URL CODE)"))
        return EXIT_OK
    cli.say(cli.t(f"Server: {st.server_url} (kabupaten {st.district_name}, "
                  f"{st.district_code})",
                  f"Server: {st.server_url} (district {st.district_name}, "
                  f"{st.district_code})"))
    cli.say(cli.t(f"Perlu diperbaiki: {st.needs_fixing}",
                  f"Needs fixing: {st.needs_fixing}"))
    when = (_local_time(st.last_success_at) if st.last_success_at
            else cli.t("belum pernah", "never"))
    cli.say(cli.t(f"Sinkron terakhir berhasil: {when}", f"Last successful sync: {when}"))
    if st.paused:
        cli.say(message(f"sync_{'revoked' if st.paused == 'revoked' else 'unauthorized'}",
                        {}, cli.lang))
    return EXIT_OK


def _local_time(t: datetime) -> str:
    """A stored naive-UTC time in the laptop's own time zone, to the minute."""
    return t.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


COMMANDS: dict[str, Callable[[Cli], int]] = {
    "template": cmd_template,
    "import": cmd_import,
    "export": cmd_export,
    "list": cmd_list,
    "status": cmd_status,
}
