"""The `fieldreg` command line's grammar: every command's arguments, in one place (the commands
are in the modules beside this one)."""

from __future__ import annotations

import argparse

from fieldreg import __version__
from fieldreg.cli.sync import SYNC_EXITS_HELP
from fieldreg.domain.codes import Status


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

    s = sub.add_parser("backup", help="cadangkan data sekarang / back up the data now")
    s.add_argument("--to", metavar="DIR", action="append",
                   help="folder lain, mis. flashdisk / another folder, e.g. a USB stick "
                   "(default: the data folder and the backup folder in the settings)")

    s = sub.add_parser("backups", help="daftar cadangan / list backups")
    s.add_argument("folder", nargs="?", help="folder (default: the data folder's backups)")

    s = sub.add_parser(
        "restore", help="pulihkan dari cadangan / restore a backup",
        description="Pulihkan data dari berkas cadangan. Data sekarang disimpan dulu di "
        "backups/replaced-…; tidak ada yang dihapus. Restore the data from a backup file; the "
        "current data is first moved aside to backups/replaced-…, nothing is deleted.")
    s.add_argument("file", metavar="FILE.fieldreg-backup")
    s.add_argument("--replace-other", action="store_true",
                   help="ganti juga data yang tidak bisa dibuka cadangan ini (laptop lain atau "
                   "rusak) / also replace data this backup cannot open (another laptop's, or "
                   "damaged); it is kept in backups/replaced-…")
    s.add_argument("--recovery", action="store_true",
                   help="buka dengan kunci pemulihan / open with the recovery key "
                   "(FIELDREG_RECOVERY_KEY)")

    s = sub.add_parser(
        "passwd", help="ganti kata sandi / change the password",
        description="Ganti kata sandi relawan ini (FIELDREG_PASSWORD: yang sekarang, "
        "FIELDREG_NEW_PASSWORD: yang baru). Dengan --rekey kunci basis data juga diganti: "
        "cadangan lama dan kata sandi lama tidak lagi membuka data sekarang. Change this "
        "volunteer's password; with --rekey the database key changes too, so old backups "
        "with old passwords no longer open today's data.")
    s.add_argument("--rekey", action="store_true",
                   help="ganti juga kunci basis data (kata sandi lama mungkin diketahui orang "
                   "lain) / also change the database key (the old password may be known)")
    s.add_argument("--new-recovery-key", action="store_true",
                   help="dengan --rekey: buat kunci pemulihan baru juga / with --rekey: make a "
                   "new recovery key too (printed once)")

    s = sub.add_parser("diagnostics", help="berkas diagnostik untuk kantor kabupaten / a "
                       "diagnostics file for the district office (no personal data)")
    s.add_argument("out", metavar="OUT.txt")
    s.add_argument("--without-database", action="store_true",
                   help="jangan buka basis data (tanpa kata sandi) / do not open the database")
    return p
