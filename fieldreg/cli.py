"""The `fieldreg` command: the core without a window.

Progress goes to stderr, the summary to stdout; the exit status is non-zero on failure. The
password comes from FIELDREG_PASSWORD or a prompt, the data folder from FIELDREG_HOME or the
platform's default, the volunteer from --volunteer / FIELDREG_VOLUNTEER (not needed when the laptop
has one volunteer). Messages are Indonesian unless FIELDREG_LANG=en or --lang en.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fieldreg import __version__, cli_maintenance
from fieldreg.domain.codes import FundingSource, Status
from fieldreg.i18n.messages import describe, message
from fieldreg.logs import setup_logging
from fieldreg.paths import data_dir
from fieldreg.services import accounts, exports, registrations, village_import
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.store.repositories import SearchFilter

if TYPE_CHECKING:
    from fieldreg.services.sync import SyncReport

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
# `fieldreg sync` (and `enrol` when the server cannot be reached): see SYNC_EXITS below.
EXIT_OFFLINE, EXIT_PAUSED, EXIT_BUSY, EXIT_PARTIAL, EXIT_NOT_ENROLLED = 3, 4, 5, 6, 7
EXIT_INTERRUPTED = 130

SYNC_EXITS_HELP = """exit status / kode keluar:
  0  semua terkirim / everything sent (nothing left to send)
  1  gagal lain / other failure (wrong password, …)
  3  server tidak terjangkau, sibuk, atau bukan server kabupaten / server unreachable, in
     trouble, or not the district server (captive portal): nothing lost, try again later
  4  sinkronisasi dihentikan: laptop ditolak atau dicabut; daftar ulang / sync paused: token
     refused or laptop revoked; enrol again with a new code
  5  sinkronisasi lain sedang berjalan / another sync is running
  6  sebagian terkirim, sisanya menunggu / partly sent, the rest waits
  7  laptop belum didaftarkan / laptop not enrolled (fieldreg enrol URL CODE)
  130 dibatalkan / cancelled (Ctrl-C)
"""


class Cli:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.lang = args.lang or os.environ.get("FIELDREG_LANG", "id")
        self.home = data_dir()

    # -- output ---------------------------------------------------------------------------
    def say(self, text: str) -> None:
        print(text, flush=True)

    def progress(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def t(self, id_text: str, en_text: str) -> str:
        return en_text if self.lang == "en" else id_text

    def fail(self, exc: ServiceError) -> int:
        print(message(exc.code, exc.params, self.lang), file=sys.stderr)
        for p in exc.problems:
            print("  - " + describe(p, self.lang), file=sys.stderr)
        return EXIT_FAIL

    # -- secrets --------------------------------------------------------------------------
    def password(self, prompt: str, env: str = "FIELDREG_PASSWORD", confirm: bool = False) -> str:
        value = os.environ.get(env)
        if value is not None:
            return value
        if not sys.stdin.isatty():
            line = sys.stdin.readline()
            return line.rstrip("\r\n")
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass(self.t("Ulangi: ", "Again: ")) != first:
            raise ServiceError("password_mismatch")
        return first

    def unlock(self) -> Context:
        volunteer = self.args.volunteer or os.environ.get("FIELDREG_VOLUNTEER", "")
        ctx = accounts.unlock(
            self.home, volunteer, self.password(self.t("Kata sandi: ", "Password: "))
        )
        if (fresh := ctx.new_identity) is not None:  # a data folder copied to this machine
            self.progress(self.t(
                f"Data ini dibuat di mesin lain: laptop ini kini perangkat baru "
                f"({fresh.device_id}) dengan nomor peserta baru ({fresh.prefix}…), agar tidak "
                f"pernah sama dengan laptop asal ({fresh.old_device_id}). Daftarkan laptop ini "
                "lagi ke server kabupaten (fieldreg enrol), lalu minta admin: fieldreg-server "
                f"devices transfer {fresh.old_device_id} {fresh.device_id}",
                f"This data was made on another machine: this laptop is now a new device "
                f"({fresh.device_id}) with new participant numbers ({fresh.prefix}…), so they "
                f"never match the first laptop's ({fresh.old_device_id}). Enrol this laptop "
                "again (fieldreg enrol), then ask the district admin to run: fieldreg-server "
                f"devices transfer {fresh.old_device_id} {fresh.device_id}"))
        return ctx

    # -- commands -------------------------------------------------------------------------
    def cmd_init(self) -> int:
        pw = self.password(
            self.t("Kata sandi baru: ", "New password: "), confirm=True
        )
        res = accounts.initialise(
            self.home, device_name=self.args.device_name, regency_code=self.args.regency,
            volunteer_name=self.args.volunteer_name, password=pw,
        )
        self.say(self.t(f"Laptop siap. Data disimpan di {self.home}",
                        f"Laptop set up. Data is kept in {self.home}"))
        self.say(self.t(
            "KUNCI PEMULIHAN (tulis di kertas dan simpan di tempat aman; hanya ditampilkan "
            "sekali ini):",
            "RECOVERY KEY (write it on paper and keep it safe; shown this once only):"))
        self.say(res.recovery_key)
        return EXIT_OK

    def cmd_template(self) -> int:
        out = Path(self.args.out)
        exports.write_template(out, regency_code=self.args.regency)
        self.say(self.t(f"Templat disimpan: {out}", f"Template saved: {out}"))
        return EXIT_OK

    def cmd_import(self) -> int:
        ctx = self.unlock()
        try:
            opts = village_import.ImportOptions(consent_paper=self.args.consent == "paper")
            if self.args.coverage_start:
                opts.coverage_start = date.fromisoformat(self.args.coverage_start)
            if self.args.coverage_end:
                opts.coverage_end = date.fromisoformat(self.args.coverage_end)

            def progress(done: int, total: int) -> None:
                self.progress(self.t(f"memeriksa baris {done}/{total}",
                                     f"checking row {done}/{total}"))

            res = village_import.import_file(
                ctx, Path(self.args.file), opts, dry_run=self.args.dry_run, progress=progress
            )
        finally:
            ctx.close()
        pv = res.preview
        if self.args.report:
            village_import.write_report(pv, Path(self.args.report), self.lang)
        elif pv.rejected or pv.file_problems:
            for row in village_import.report_rows(pv, self.lang)[:50]:
                self.progress(f"  {self.t('baris', 'row')} {row[0]} [{row[1]}] {row[4]}")
        if pv.imported_before:
            self.progress(self.t(
                "Catatan: berkas yang sama sudah pernah diimpor pada "
                f"{pv.imported_before:%Y-%m-%d}.",
                f"Note: the same file was imported before, on {pv.imported_before:%Y-%m-%d}."))
        valid, rejected = len(pv.valid), len(pv.rejected)
        if self.args.dry_run:
            self.say(self.t(
                f"Uji coba: {len(pv.rows)} baris, {valid} bisa diimpor, {rejected} ditolak. "
                "Tidak ada yang disimpan.",
                f"Dry run: {len(pv.rows)} rows, {valid} can be imported, {rejected} refused. "
                "Nothing was saved."))
        else:
            kind = self.t("siap kirim", "ready to send") if res.status is Status.READY else \
                self.t("draf (persetujuan belum dicatat)", "drafts (consent still to record)")
            self.say(self.t(
                f"{res.imported} dari {len(pv.rows)} baris diimpor sebagai {kind}; "
                f"{rejected} ditolak.",
                f"{res.imported} of {len(pv.rows)} rows imported as {kind}; {rejected} refused."))
        if self.args.report:
            self.say(self.t(f"Laporan: {self.args.report}", f"Report: {self.args.report}"))
        return EXIT_OK if not pv.rejected else EXIT_FAIL

    def cmd_export(self) -> int:
        ctx = self.unlock()
        try:
            n = exports.export_registrations(ctx, Path(self.args.out))
        finally:
            ctx.close()
        self.say(self.t(f"{n} data diekspor ke {self.args.out}",
                        f"{n} registrations exported to {self.args.out}"))
        return EXIT_OK

    def cmd_list(self) -> int:
        statuses = []
        for s in self.args.status or []:
            try:
                statuses.append(Status(s))
            except ValueError:
                print(self.t(f"Status tidak dikenal: {s}", f"Unknown status: {s}"),
                      file=sys.stderr)
                return EXIT_USAGE
        funding = FundingSource.parse(self.args.funding) if self.args.funding else None
        f = SearchFilter(
            text=self.args.search or "", status=statuses, village_code=self.args.village or "",
            occupation_code=self.args.occupation or "", funding_source=funding,
        )
        ctx = self.unlock()
        try:
            rows = registrations.search(ctx, f, limit=self.args.limit)
            total = registrations.count(ctx, f)
        finally:
            ctx.close()
        from fieldreg.domain.nik import mask_nik

        for r in rows:
            nik = r.nik if self.args.full_nik else mask_nik(r.nik)
            self.say(f"{r.id}  {nik:16}  {r.status.value:9}  {r.full_name}  [{r.village_name}]"
                     + (f"  {r.participant_number}" if r.participant_number else ""))
        self.progress(self.t(f"{len(rows)} dari {total} ditampilkan",
                             f"{len(rows)} of {total} shown"))
        return EXIT_OK

    def cmd_status(self) -> int:
        from fieldreg.services import sync

        ctx = self.unlock()
        try:
            counts = registrations.status_counts(ctx)
            queue = registrations.queue_counts(ctx)
            sync_state = sync.status(ctx)
        finally:
            ctx.close()
        self.say(self.t(f"Perangkat: {ctx.device_name} (kabupaten {ctx.regency_code})",
                        f"Device: {ctx.device_name} (regency {ctx.regency_code})"))
        for s in Status:
            if counts.get(s.value):
                self.say(f"  {s.value:10} {counts[s.value]}")
        self.say(self.t(f"Antrian kirim: {queue.get('pending', 0)}",
                        f"Waiting to be sent: {queue.get('pending', 0)}"))
        st = sync_state
        if not st.enrolled:
            self.say(self.t("Sinkronisasi: laptop belum didaftarkan ke server kabupaten "
                            "(fieldreg enrol URL KODE)",
                            "Sync: this laptop is not enrolled with a district server "
                            "(fieldreg enrol URL CODE)"))
            return EXIT_OK
        self.say(self.t(f"Server: {st.server_url} (kabupaten {st.district_name}, "
                        f"{st.district_code})",
                        f"Server: {st.server_url} (district {st.district_name}, "
                        f"{st.district_code})"))
        self.say(self.t(f"Perlu diperbaiki: {st.needs_fixing}",
                        f"Needs fixing: {st.needs_fixing}"))
        when = (_local_time(st.last_success_at) if st.last_success_at
                else self.t("belum pernah", "never"))
        self.say(self.t(f"Sinkron terakhir berhasil: {when}", f"Last successful sync: {when}"))
        if st.paused:
            self.say(message(f"sync_{'revoked' if st.paused == 'revoked' else 'unauthorized'}",
                             {}, self.lang))
        return EXIT_OK

    def cmd_enrol(self) -> int:
        from fieldreg.services import sync

        ctx = self.unlock()
        try:
            st = sync.enrol(ctx, self.args.url, self.args.code)
        finally:
            ctx.close()
        self.say(self.t(
            f"Laptop ini terdaftar di server kabupaten {st.district_name} ({st.district_code}): "
            f"{st.server_url}",
            f"This laptop is enrolled with the district server of {st.district_name} "
            f"({st.district_code}): {st.server_url}"))
        if st.pending:
            self.say(self.t(f"{st.pending} data menunggu dikirim. Jalankan: fieldreg sync",
                            f"{st.pending} records wait to be sent. Run: fieldreg sync"))
        return EXIT_OK

    def cmd_sync(self) -> int:
        import threading

        from fieldreg.services import sync
        from fieldreg.services.sync import Progress, Result

        ctx = self.unlock()
        cancel = threading.Event()
        box: list[SyncReport | BaseException] = []
        last_phase = [""]

        def progress(pr: Progress) -> None:
            if pr.phase == "wait":
                self.progress(self.t(
                    f"  server belum menjawab; coba lagi dalam {pr.wait_seconds:.0f} detik",
                    f"  no answer yet; trying again in {pr.wait_seconds:.0f} s"))
            elif pr.phase == "push" and (pr.sent or last_phase[0] != "push"):
                self.progress(self.t(f"  mengirim {pr.sent}/{pr.total}",
                                     f"  sending {pr.sent}/{pr.total}"))
            elif pr.phase == "pull" and last_phase[0] != "pull":
                self.progress(self.t("  mengambil kabar dari kabupaten",
                                     "  fetching news from the district"))
            last_phase[0] = pr.phase

        def work() -> None:
            try:
                box.append(sync.sync(ctx, trigger="cli", progress=progress, cancel=cancel))
            except BaseException as exc:  # handed to the main thread
                box.append(exc)

        worker = threading.Thread(target=work, name="sync", daemon=True)
        try:
            worker.start()
            try:
                while worker.is_alive():
                    worker.join(0.2)
            except KeyboardInterrupt:
                self.progress(self.t("Menghentikan…", "Stopping…"))
                cancel.set()
                worker.join()
        finally:
            ctx.close()
        outcome = box[0]
        if isinstance(outcome, BaseException):
            raise outcome
        rep = outcome
        self.say(self.t(
            f"Terkirim {rep.sent}: diterima {rep.applied}, ganda {rep.duplicate}, ditolak "
            f"{rep.rejected}, bentrok {rep.conflict}. Kabar dari kabupaten: {rep.pulled}. "
            f"Masih menunggu: {rep.remaining}.",
            f"Sent {rep.sent}: accepted {rep.applied}, duplicate {rep.duplicate}, rejected "
            f"{rep.rejected}, conflict {rep.conflict}. News from the district: {rep.pulled}. "
            f"Still waiting: {rep.remaining}."))
        result = rep.stop if rep.result is Result.PARTIAL and rep.stop else rep.result
        word = message(f"sync_{result.value}", {}, self.lang)
        if rep.result is Result.PARTIAL:
            word = message("sync_partial", {}, self.lang) + " " + word
        if not rep.ok:
            print(word, file=sys.stderr)
        return sync_exit(rep)

    def cmd_cards(self) -> int:
        from fieldreg.cards.sheets import Layout
        from fieldreg.services import cards

        try:
            layout = Layout.parse(self.args.layout)
        except ValueError:
            raise ServiceError("layout_unknown", value=self.args.layout) from None
        out = Path(self.args.out)
        ctx = self.unlock()
        try:
            ids = None if self.args.all else cards.resolve_ids(ctx, self.args.ids)

            def progress(done: int, total: int) -> None:
                self.progress(self.t(f"  {done}/{total} kartu", f"  {done}/{total} cards"))

            batch = cards.export_pdf(
                ctx, ids, out, layout=layout, reprint_reason=self.args.reprint_reason or "",
                only_new=self.args.only_new, progress=progress,
            )
        finally:
            ctx.close()
        for s in batch.skipped:
            self.progress(f"  {s.record_id}  {s.name}: {message(s.reason, {}, self.lang)}")
        self.say(self.t(
            f"{len(batch.cards)} kartu ditulis ke {out} ({batch.reprints} cetak ulang, "
            f"{len(batch.skipped)} dilewati)",
            f"{len(batch.cards)} cards written to {out} ({batch.reprints} reprints, "
            f"{len(batch.skipped)} skipped)",
        ))
        return EXIT_OK

    def cmd_verify_card(self) -> int:
        from fieldreg.cards.credential import verify
        from fieldreg.cards.scan import read_qr_texts
        from fieldreg.services import cards

        if self.args.image:
            image = Path(self.args.image)
            if not image.exists():
                raise ServiceError("file_not_found", file=image.name)
            try:
                texts = read_qr_texts(image)
            except OSError as exc:
                raise ServiceError("file_unreadable", file=image.name) from exc
            if not texts:
                raise ServiceError("qr_not_found", file=image.name)
        elif self.args.text:
            texts = [self.args.text]
        else:
            print(self.t("Beri teks QR atau --image FILE.", "Give the QR text or --image FILE."),
                  file=sys.stderr)
            return EXIT_USAGE
        trust = cards.trust_from(self.home, [Path(p) for p in self.args.keys or []])
        all_valid = True
        for text in texts:
            v = verify(text, trust)
            all_valid &= v.ok
            if self.args.json:
                self.say(cards.describe(v))
                continue
            if v.claims is not None:
                c = v.claims
                rows = [
                    (self.t("Nama", "Name"), c.full_name),
                    (self.t("No. peserta", "Participant no."), c.participant_number),
                    (self.t("Desa", "Village"), _village(c.village_code)),
                    (self.t("Program", "Programmes"), c.programmes),
                    (self.t("Sumber iuran", "Who pays"), c.funding_source),
                    (self.t("Perlindungan", "Coverage"),
                     f"{c.coverage_start or '-'} .. {c.coverage_end or '-'}"),
                    (self.t("Terbit", "Issued"), c.issued_at.date().isoformat()),
                    (self.t("Berlaku s.d.", "Valid until"), c.expires_at.date().isoformat()),
                    (self.t("Seri kartu", "Card serial"), c.serial),
                    (self.t("Penerbit", "Issuer"), c.issuer),
                ]
                for label, value in rows:
                    self.say(f"{label:16} {value}")
            self.say(message(f"verdict_{v.verdict.value}", {"signer": v.signer or "?"},
                             self.lang))
        return EXIT_OK if all_valid else EXIT_FAIL

    def cmd_keys_export(self) -> int:
        from fieldreg.services import cards

        ctx = self.unlock()
        try:
            text = cards.export_keys(ctx)
        finally:
            ctx.close()
        out = Path(self.args.out)
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ServiceError("file_write_failed", file=out.name,
                               reason=exc.strerror or "") from exc
        self.say(self.t(f"Kunci publik laptop ini ditulis ke {out}",
                        f"This laptop's public key written to {out}"))
        return EXIT_OK

    def cmd_volunteer_add(self) -> int:
        ctx = self.unlock()
        try:
            pw = self.password(self.t("Kata sandi relawan baru: ", "New volunteer's password: "),
                               env="FIELDREG_NEW_PASSWORD", confirm=True)
            accounts.add_volunteer(ctx, self.args.name, pw, role=self.args.role)
        finally:
            ctx.close()
        self.say(self.t(f"Relawan {self.args.name} ditambahkan.",
                        f"Volunteer {self.args.name} added."))
        return EXIT_OK

    def cmd_recover(self) -> int:
        key = os.environ.get("FIELDREG_RECOVERY_KEY") or input(
            self.t("Kunci pemulihan: ", "Recovery key: "))
        pw = self.password(self.t("Kata sandi baru: ", "New password: "),
                           env="FIELDREG_NEW_PASSWORD", confirm=True)
        volunteer = self.args.volunteer or os.environ.get("FIELDREG_VOLUNTEER", "")
        accounts.recover(self.home, key, volunteer, pw).close()
        self.say(self.t("Kata sandi baru sudah berlaku.", "The new password is in force."))
        return EXIT_OK


def sync_exit(rep: SyncReport) -> int:
    """The exit status of `fieldreg sync` (SYNC_EXITS_HELP)."""
    from fieldreg.services.sync import Result

    if rep.ok:
        return EXIT_OK
    return {
        Result.OK: EXIT_PARTIAL,  # done, but new entries arrived meanwhile
        Result.PARTIAL: EXIT_PARTIAL,
        Result.OFFLINE: EXIT_OFFLINE,
        Result.SERVER_ERROR: EXIT_OFFLINE,
        Result.NOT_OUR_SERVER: EXIT_OFFLINE,
        Result.UNAUTHORIZED: EXIT_PAUSED,
        Result.REVOKED: EXIT_PAUSED,
        Result.BUSY: EXIT_BUSY,
        Result.NOT_ENROLLED: EXIT_NOT_ENROLLED,
        Result.CANCELLED: EXIT_INTERRUPTED,
    }[rep.result]


def _local_time(t: datetime) -> str:
    """A stored naive-UTC time in the laptop's own time zone, to the minute."""
    return t.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _village(code: str) -> str:
    from fieldreg.domain.regions import get_regions

    try:
        names = [r.display_name for r in reversed(get_regions().path(code)[1:])]
    except ValueError:
        names = []
    return f"{', '.join(names)} ({code})" if names else code


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fieldreg",
        description="Pendaftaran pekerja informal ke BPJS Ketenagakerjaan (JKK/JKM), tanpa "
        "jaringan. Registration of informal workers, offline.",
    )
    p.add_argument("--version", action="version", version=f"fieldreg {__version__}")
    p.add_argument("--lang", choices=["id", "en"], help="bahasa pesan / message language")
    p.add_argument("--volunteer", help="nama relawan / volunteer name (FIELDREG_VOLUNTEER)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("init", help="siapkan laptop ini / first-run setup")
    s.add_argument("--device-name", required=True)
    s.add_argument("--regency", required=True, help="kode kabupaten, mis. 15.05")
    s.add_argument("--volunteer", dest="volunteer_name", required=True)

    s = sub.add_parser("template", help="templat daftar desa / village-list template (XLSX)")
    s.add_argument("out")
    s.add_argument("--regency", default="15.05", help="kabupaten untuk lembar Kode Desa")

    s = sub.add_parser("import", help="impor daftar desa / import a village list")
    s.add_argument("file")
    s.add_argument("--dry-run", action="store_true")
    s.add_argument("--report", metavar="OUT.csv")
    s.add_argument("--consent", choices=["paper"])
    s.add_argument("--coverage-start", metavar="YYYY-MM-DD")
    s.add_argument("--coverage-end", metavar="YYYY-MM-DD")

    s = sub.add_parser("export", help="ekspor semua data / export every registration")
    s.add_argument("out", metavar="OUT.csv|OUT.xlsx")

    s = sub.add_parser("list", help="cari data / find registrations")
    s.add_argument("--search", metavar="TEXT", help="NIK atau nama")
    s.add_argument("--status", action="append", choices=[x.value for x in Status])
    s.add_argument("--village", metavar="CODE")
    s.add_argument("--occupation", metavar="CODE")
    s.add_argument("--funding", metavar="SOURCE")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--full-nik", action="store_true", help="tampilkan NIK lengkap")

    sub.add_parser("status", help="jumlah per status dan antrian / counts and queue")

    s = sub.add_parser("volunteer-add", help="tambah relawan / add a volunteer (supervisor)")
    s.add_argument("name")
    s.add_argument("--role", choices=["volunteer", "supervisor"], default="volunteer")

    sub.add_parser("recover", help="lupa kata sandi / forgotten password (recovery key)")

    s = sub.add_parser("cards", help="kartu peserta ke PDF / participant cards as a PDF")
    which = s.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true",
                       help="semua data yang sudah lengkap / every record that left draft")
    which.add_argument("--ids", nargs="+", metavar="ID",
                       help="id data atau nomor peserta / record ids or participant numbers")
    s.add_argument("--layout", default="a4", help="a4 (10 per lembar) atau card (CR80)")
    s.add_argument("--out", required=True, metavar="FILE.pdf")
    s.add_argument("--reprint-reason", metavar="TEXT",
                   help="alasan cetak ulang / why cards printed before are printed again")
    s.add_argument("--only-new", action="store_true",
                   help="lewati yang sudah dicetak / skip cards printed before")

    s = sub.add_parser("enrol", help="daftarkan laptop ke server kabupaten / enrol this laptop "
                       "with the district server")
    s.add_argument("url", help="alamat server, mis. https://bpjs-kab.example.id")
    s.add_argument("code", help="kode sekali pakai dari admin kabupaten / one-time code")

    sub.add_parser(
        "sync", help="kirim antrian dan ambil kabar / send the queue and fetch outcomes",
        description="Kirim data yang menunggu ke server kabupaten dan ambil hasilnya. Send the "
        "records waiting in the queue to the district server and bring the outcomes back.",
        epilog=SYNC_EXITS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )

    s = sub.add_parser("verify-card", help="periksa kartu / verify a card's QR code")
    s.add_argument("text", nargs="?", help="teks kode QR / the QR code's text")
    s.add_argument("--image", metavar="FILE", help="foto atau pindaian / a photo or scan")
    s.add_argument("--keys", action="append", metavar="FILE",
                   help="berkas kunci (fieldreg-keys/1) / keys file; may repeat")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("keys-export", help="kunci publik laptop ini / this laptop's public key")
    s.add_argument("out", metavar="OUT.json")
    cli_maintenance.add_parsers(sub)
    return p


COMMANDS: dict[str, Callable[[Cli], int]] = {
    "init": Cli.cmd_init,
    "template": Cli.cmd_template,
    "import": Cli.cmd_import,
    "export": Cli.cmd_export,
    "list": Cli.cmd_list,
    "status": Cli.cmd_status,
    "volunteer-add": Cli.cmd_volunteer_add,
    "recover": Cli.cmd_recover,
    "cards": Cli.cmd_cards,
    "enrol": Cli.cmd_enrol,
    "sync": Cli.cmd_sync,
    "verify-card": Cli.cmd_verify_card,
    "keys-export": Cli.cmd_keys_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {**COMMANDS, **cli_maintenance.COMMANDS}
    cli = Cli(args)
    try:
        cli.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        setup_logging(cli.home)
        return commands[args.command](cli)
    except ServiceError as exc:
        return cli.fail(exc)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
