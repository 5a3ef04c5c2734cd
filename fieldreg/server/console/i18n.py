"""The console's words: Indonesian first, English second. The language is the ``fieldreg_lang``
cookie when set (the toggle in the top bar), else the browser's ``Accept-Language``, else
Indonesian. A key with no entry shows as itself (a test checks every key used is here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGS = ("id", "en")
DEFAULT = "id"
LANG_COOKIE = "fieldreg_lang"

# key: (Bahasa Indonesia, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # frame
    "app_name": ("Konsol Kabupaten", "District console"),
    "nav_home": ("Beranda", "Home"),
    "nav_participants": ("Peserta", "Participants"),
    "nav_officers": ("Petugas", "Officers"),
    "logout": ("Keluar", "Log out"),
    "switch_lang": ("English", "Bahasa Indonesia"),
    "role_viewer": ("Pemantau", "Viewer"),
    "role_operator": ("Operator", "Operator"),
    "role_admin": ("Admin", "Admin"),
    "role_province": ("Provinsi", "Province"),
    "all_districts": ("semua kabupaten", "every district"),
    "change_password_link": ("Ganti kata sandi", "Change password"),
    # login
    "login_title": ("Masuk", "Log in"),
    "login_intro": ("Masuk dengan nama petugas dan kata sandi Anda.",
                    "Log in with your officer name and password."),
    "name": ("Nama petugas", "Officer name"),
    "password": ("Kata sandi", "Password"),
    "login_button": ("Masuk", "Log in"),
    "bad_login": ("Nama petugas atau kata sandi salah.", "Wrong officer name or password."),
    "locked": ("Akun ini dikunci karena terlalu banyak kata sandi salah. Coba lagi setelah "
               "pukul {until} WIB, atau minta admin mengatur ulang kata sandi.",
               "This account is locked after too many wrong passwords. Try again after "
               "{until} WIB (Jambi time), or ask an admin to reset the password."),
    "disabled": ("Akun ini dinonaktifkan. Hubungi admin kabupaten.",
                 "This account is disabled. Contact the district admin."),
    "expired": ("Sesi Anda berakhir karena terlalu lama tidak aktif. Silakan masuk lagi.",
                "Your session ended after a while without activity. Please log in again."),
    "logged_out": ("Anda sudah keluar.", "You are logged out."),
    "login_form_stale": ("Halaman masuk sudah kedaluwarsa. Silakan coba lagi.",
                         "The login page had expired. Please try again."),
    "name_required": ("Isi nama petugas dan kata sandi.",
                      "Enter your officer name and password."),
    # password
    "password_title": ("Ganti kata sandi", "Change password"),
    "password_first": ("Ini login pertama Anda (atau kata sandi baru diatur ulang). Ganti "
                       "kata sandi sementara dengan kata sandi Anda sendiri sebelum "
                       "melanjutkan.",
                       "This is your first login (or your password was reset). Replace the "
                       "one-time password with your own before going on."),
    "password_rule": ("Minimal {n} karakter. Jangan gunakan kata sandi laptop relawan.",
                      "At least {n} characters. Do not reuse a volunteer laptop's password."),
    "current_password": ("Kata sandi sekarang", "Current password"),
    "new_password": ("Kata sandi baru", "New password"),
    "new_password_again": ("Ulangi kata sandi baru", "New password again"),
    "save": ("Simpan", "Save"),
    "password_changed": ("Kata sandi sudah diganti.", "Your password was changed."),
    "wrong_current": ("Kata sandi sekarang salah.", "The current password is wrong."),
    "too_short": ("Kata sandi baru terlalu pendek: minimal {n} karakter.",
                  "The new password is too short: at least {n} characters."),
    "too_long": ("Kata sandi baru terlalu panjang: maksimal {n} karakter.",
                 "The new password is too long: at most {n} characters."),
    "mismatch": ("Kedua kata sandi baru tidak sama.", "The two new passwords differ."),
    "same": ("Kata sandi baru harus berbeda dari yang sekarang.",
             "The new password must differ from the current one."),
    # errors
    "error_title": ("Terjadi masalah", "Something went wrong"),
    "forbidden_title": ("Tidak diizinkan", "Not allowed"),
    "not_found_title": ("Tidak ditemukan", "Not found"),
    "forbidden": ("Anda tidak berhak melakukan ini. Peran Anda: {role}.",
                  "You may not do this. Your role: {role}."),
    "csrf": ("Formulir ini sudah tidak berlaku (halaman terlalu lama dibuka atau dikirim dari "
             "situs lain). Muat ulang halaman dan coba lagi.",
             "This form is no longer valid (the page was open too long or it was sent from "
             "another site). Reload the page and try again."),
    "not_found": ("Halaman atau data tidak ditemukan.", "Page or record not found."),
    "bad_form": ("Permintaan tidak dapat dibaca.", "The request could not be read."),
    "too_large": ("Formulir terlalu besar.", "The form is too large."),
    "method_not_allowed": ("Cara membuka halaman ini tidak diizinkan.",
                           "This page cannot be opened that way."),
    "back_home": ("Kembali ke Beranda", "Back to Home"),
    # home
    "home_title": ("Beranda", "Home"),
    "active_registrations": ("Peserta terdaftar", "Registered participants"),
    "active_hint": ("diterima atau terverifikasi", "accepted or verified"),
    "target": ("Target", "Target"),
    "achievement": ("Capaian", "Achieved"),
    "no_target": ("belum ada target", "no target set"),
    "needs_decision": ("Perlu keputusan", "Needs a decision"),
    "duplicates": ("NIK ganda", "Duplicate NIKs"),
    "rejected": ("Ditolak, belum diperbaiki", "Rejected, not fixed yet"),
    "stale_laptops": ("Laptop belum sync ≥ {n} hari", "Laptops not synced for ≥ {n} days"),
    "per_kecamatan": ("Capaian per kecamatan dan desa", "Progress per kecamatan and village"),
    "per_kecamatan_hint": ("Klik nama kecamatan untuk melihat desanya.",
                           "Click a kecamatan to see its villages."),
    "kecamatan": ("Kecamatan", "Kecamatan"),
    "village": ("Desa/Kelurahan", "Village"),
    "registered": ("Terdaftar", "Registered"),
    "nothing_yet": ("Belum ada data.", "No data yet."),
    "by_status": ("Menurut status", "By status"),
    "by_occupation": ("Menurut pekerjaan (10 terbanyak)", "By occupation (top 10)"),
    "by_funding": ("Menurut sumber dana", "By funding source"),
    "per_day": ("Didaftarkan per hari (14 hari terakhir)", "Registered per day (last 14 days)"),
    "per_day_hint": ("Menurut tanggal di laptop relawan; tanpa yang dibatalkan.",
                     "By the date on the volunteer's laptop; voided ones left out."),
    "laptop": ("Laptop", "Laptop"),
    "last_sync": ("Sync terakhir", "Last sync"),
    "never_synced": ("belum pernah", "never"),
    "days_ago": ("{n} hari lalu", "{n} days ago"),
    "all_laptops_synced": ("Semua laptop sudah sync dalam {n} hari terakhir.",
                           "Every laptop synced in the last {n} days."),
    "others": ("Lainnya", "Others"),
    "days_label": ("Belum sync selama (hari)", "Not synced for (days)"),
    "show": ("Tampilkan", "Show"),
    "bad_days": ("Jumlah hari harus angka 1 sampai {max}; ditampilkan 7 hari.",
                 "The number of days must be 1 to {max}; 7 days are shown."),
    "none": ("(kosong)", "(empty)"),
    "total_stored": ("Semua catatan: {n}", "All records: {n}"),
    # statuses and funding
    "status_accepted": ("Diterima", "Accepted"),
    "status_verified": ("Terverifikasi", "Verified"),
    "status_duplicate": ("NIK ganda", "Duplicate NIK"),
    "status_voided": ("Dibatalkan", "Voided"),
    "funding_MANDIRI": ("Mandiri", "Self-paid"),
    "funding_APBD_KAB": ("APBD Kabupaten", "Regency budget"),
    "funding_APBD_PROV": ("APBD Provinsi", "Provincial budget"),
    "funding_DBH_SAWIT": ("DBH Sawit", "Palm-oil revenue share"),
    "funding_CSR": ("CSR", "CSR"),
    "funding_LAINNYA": ("Lainnya", "Other"),
    # participants
    "participants_title": ("Peserta", "Participants"),
    "read_only_note": ("Halaman ini hanya untuk melihat; verifikasi dan pembatalan belum "
                       "tersedia di konsol.",
                       "This page is read-only; verifying and voiding are not in the console "
                       "yet."),
    "search": ("Cari", "Search"),
    "search_placeholder": ("NIK, nomor peserta atau nama", "NIK, participant no. or name"),
    "search_hint": ("NIK: 16 angka, persis. Nama: sebagian nama juga bisa.",
                    "NIK: all 16 digits. Name: part of a name is enough."),
    "all": ("Semua", "All"),
    "status": ("Status", "Status"),
    "reset_filters": ("Hapus filter", "Clear filters"),
    "participant_number": ("No. peserta", "Participant no."),
    "full_name": ("Nama", "Name"),
    "nik": ("NIK", "NIK"),
    "received": ("Diterima server", "Received"),
    "results": ("{total} peserta ditemukan", "{total} participants found"),
    "searched_by_nik": ("dicari menurut NIK", "searched by NIK"),
    "searched_by_number": ("dicari menurut nomor peserta", "searched by participant number"),
    "searched_by_name": ("dicari menurut nama", "searched by name"),
    "page_of": ("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "page_n": ("Halaman {page}", "Page {page}"),
    "results_more": ("Lebih dari {total} peserta ditemukan",
                     "More than {total} participants found"),
    "previous": ("‹ Sebelumnya", "‹ Previous"),
    "next": ("Berikutnya ›", "Next ›"),
    "no_results": ("Tidak ada peserta yang cocok.", "No matching participants."),
    "bad_filter": ("Filter tidak valid: {what}. Filter itu diabaikan.",
                   "Invalid filter: {what}. It was ignored."),
    "nik_masked_note": ("NIK disamarkan untuk peran Pemantau.",
                        "NIKs are masked for the Viewer role."),
    # detail
    "detail_title": ("Data peserta", "Participant record"),
    "back_to_list": ("‹ Kembali ke daftar", "‹ Back to the list"),
    "identity": ("Identitas", "Identity"),
    "birth": ("Tempat, tanggal lahir", "Place and date of birth"),
    "sex": ("Jenis kelamin", "Sex"),
    "sex_L": ("Laki-laki", "Male"),
    "sex_P": ("Perempuan", "Female"),
    "mother": ("Nama ibu kandung", "Mother's maiden name"),
    "kk": ("Nomor KK", "Family card number"),
    "address": ("Alamat", "Address"),
    "street": ("Jalan/dusun", "Street or hamlet"),
    "work": ("Pekerjaan dan perlindungan", "Work and protection"),
    "phone": ("Telepon", "Phone"),
    "email": ("Email", "Email"),
    "work_location": ("Lokasi kerja", "Work location"),
    "occupation": ("Pekerjaan", "Occupation"),
    "income": ("Penghasilan dilaporkan", "Reported income"),
    "programmes": ("Program", "Programmes"),
    "funding": ("Sumber dana", "Funding source"),
    "coverage": ("Masa perlindungan", "Coverage"),
    "heirs": ("Ahli waris", "Heirs"),
    "consent": ("Persetujuan", "Consent"),
    "consent_screen": ("di layar laptop", "on the laptop's screen"),
    "consent_paper": ("formulir kertas", "paper form"),
    "void_reason": ("Alasan pembatalan", "Reason for voiding"),
    "duplicate_of": ("NIK ini sudah dipegang peserta lain:", "This NIK is held by another "
                     "participant:"),
    "device_dates": ("Laptop dan tanggal", "Laptop and dates"),
    "made_on_laptop": ("Dibuat di laptop", "Made on the laptop"),
    "first_received": ("Pertama diterima server", "First received"),
    "last_changed": ("Terakhir berubah", "Last changed"),
    "versions": ("Versi (laptop / server)", "Version (laptop / server)"),
    "history": ("Riwayat", "History"),
    "when": ("Waktu (WIB)", "When (WIB)"),
    "what": ("Kejadian", "Event"),
    "by": ("Oleh", "By"),
    "detail": ("Keterangan", "Detail"),
    "hidden_for_viewer": ("(tersembunyi untuk Pemantau)", "(hidden from viewers)"),
    "event_applied": ("diterima dari laptop", "received from the laptop"),
    "sent_as": ("laptop, kiriman no. {seq}", "laptop, entry no. {seq}"),
    "event_duplicate": ("NIK ganda", "duplicate NIK"),
    "event_rejected": ("ditolak", "rejected"),
    "event_conflict": ("bentrok dengan perubahan kabupaten", "conflict with a district change"),
    "event_replayed": ("dikirim ulang", "sent again"),
    "event_registration.verified": ("diverifikasi", "verified"),
    "event_registration.voided": ("dibatalkan", "voided"),
    # officers (admin)
    "officers_title": ("Petugas", "Officers"),
    "officers_hint": ("Petugas baru dan atur ulang kata sandi: lewat perintah di server, "
                      "misalnya",
                      "New officers and password resets: a command on the server, for "
                      "example"),
    "role": ("Peran", "Role"),
    "state": ("Keadaan", "State"),
    "last_login": ("Terakhir masuk", "Last login"),
    "state_active": ("aktif", "active"),
    "state_disabled": ("nonaktif", "disabled"),
    "state_locked": ("terkunci", "locked"),
    "state_must_change": ("harus ganti kata sandi", "must change password"),
    "disable": ("Nonaktifkan", "Disable"),
    "officer_disabled": ("Petugas {name} dinonaktifkan.", "Officer {name} was disabled."),
    "disable_title": ("Nonaktifkan {name}?", "Disable {name}?"),
    "disable_question": ("{name} ({role}) tidak akan bisa masuk lagi dan sesinya langsung "
                         "berakhir. Mengaktifkan kembali: perintah fieldreg-server officer "
                         "reset-password di server.",
                         "{name} ({role}) will no longer be able to log in and their session "
                         "ends at once. To enable them again: the fieldreg-server officer "
                         "reset-password command on the server."),
    "cancel": ("Batal", "Cancel"),
    "cannot_disable_self": ("Anda tidak dapat menonaktifkan akun Anda sendiri.",
                            "You cannot disable your own account."),
    "you": ("Anda", "you"),
    # Target
    "nav_targets": ("Target", "Targets"),
    "targets_title": ("Target per desa", "Targets per village"),
    "targets_hint": ("Jumlah peserta yang ingin dicapai di setiap desa. Laptop relawan "
                     "menerimanya pada sinkron berikutnya; target kecamatan adalah jumlah "
                     "target desanya.",
                     "How many participants each village should reach. Volunteer laptops "
                     "receive them at their next sync; a kecamatan's target is the sum of its "
                     "villages'."),
    "targets_summary": ("{n} desa memiliki target, jumlah {total}.",
                        "{n} villages have a target, {total} in all."),
    "targets_saved": ("{n} target disimpan.", "{n} targets saved."),
    "upload_title": ("Unggah dari CSV atau XLSX", "Upload from a CSV or XLSX"),
    "upload_hint": ("Kolom kode_desa (mis. 15.05.01.2001) dan target. Maksimal {kb} KB. Anda "
                    "melihat pratinjau setiap baris sebelum disimpan.",
                    "Columns kode_desa (e.g. 15.05.01.2001) and target. At most {kb} KB. You "
                    "see a preview of every row before anything is saved."),
    "upload_file": ("Berkas", "File"),
    "upload_button": ("Pratinjau", "Preview"),
    "upload_empty": ("Pilih berkas dulu.", "Choose a file first."),
    "upload_unreadable": ("Berkas tidak dapat dibaca: {reason}", "The file cannot be read: "
                          "{reason}"),
    "upload_target_columns": ("kolom kode_desa dan target tidak ditemukan.",
                              "no kode_desa and target columns."),
    "upload_file_unreadable": ("bukan CSV atau XLSX yang utuh.",
                               "not a sound CSV or XLSX."),
    "upload_file_too_large": ("terlalu besar.", "too large."),
    "upload_file_empty": ("berkas kosong.", "the file is empty."),
    "upload_file_too_many_rows": ("terlalu banyak baris.", "too many rows."),
    "upload_file_too_many_columns": ("terlalu banyak kolom.", "too many columns."),
    "upload_cell_too_long": ("ada sel yang terlalu panjang.", "a cell is too long."),
    "preview_title": ("Pratinjau target", "Targets preview"),
    "preview_summary": ("{good} baris siap disimpan, {bad} baris ditolak.",
                        "{good} rows ready to save, {bad} rows refused."),
    "preview_apply": ("Simpan {n} target", "Save {n} targets"),
    "preview_nothing": ("Tidak ada baris yang dapat disimpan.", "No row can be saved."),
    "row": ("Baris", "Row"),
    "code_written": ("Kode di berkas", "Code in the file"),
    "target_before": ("Sebelumnya", "Before"),
    "target_new": ("Target", "Target"),
    "row_problem": ("Masalah", "Problem"),
    "row_ok": ("siap", "ready"),
    "target_refused_missing_code": ("Kode desa kosong.", "No village code."),
    "target_refused_unknown_village": ("Kode desa tidak dikenal.", "Unknown village code."),
    "target_refused_other_district": ("Desa ini bukan di kabupaten Anda.",
                                      "This village is not in your district."),
    "target_refused_not_a_number": ("Target harus bilangan bulat 0 sampai 1.000.000.",
                                    "The target must be a whole number from 0 to 1,000,000."),
    "target_refused_twice": ("Desa ini sudah ada di baris sebelumnya.",
                             "This village is already in an earlier row."),
    "kecamatan_col": ("Kecamatan", "Kecamatan"),
    "target_none": ("belum ada", "none yet"),
    "targets_kecamatan": ("{n} dari {villages} desa bertarget, jumlah {total}",
                          "{n} of {villages} villages with a target, {total} in all"),
    "target_updated": ("Diubah", "Changed"),
    # Ganda
    "nav_duplicates": ("Ganda", "Duplicates"),
    "duplicates_title": ("NIK ganda", "Duplicate NIKs"),
    "duplicates_hint": ("NIK yang dikirim oleh lebih dari satu data (dari laptop yang sama "
                        "atau berbeda). Pilih data yang dipakai; yang lain dibatalkan dan "
                        "laptopnya mengetahuinya pada sinkron berikutnya.",
                        "NIKs sent in more than one record (by the same laptop or others). "
                        "Choose the record to keep; the others are voided and their laptops "
                        "learn it at their next sync."),
    "duplicates_count": ("{n} NIK menunggu keputusan.", "{n} NIKs await a decision."),
    "claims": ("Data", "Records"),
    "what_differs": ("Yang berbeda", "What differs"),
    "nothing_differs": ("tidak ada", "nothing"),
    "no_duplicates": ("Tidak ada NIK ganda.", "No duplicate NIK."),
    "back_to_duplicates": ("← Kembali ke daftar ganda", "← Back to the duplicates"),
    "duplicate_nik": ("NIK ganda", "Duplicate NIK"),
    "duplicate_elsewhere": ("{n} data lain dengan NIK ini ada di kabupaten lain. Keputusan "
                            "harus diambil bersama kabupaten itu (tidak dari konsol ini).",
                            "{n} other record(s) with this NIK are in another district. The "
                            "decision is to be taken with that district (not from this "
                            "console)."),
    "keep_hint": ("Bandingkan, lalu pilih \u201cPakai data ini\u201d pada data yang benar. "
                  "Data lain dibatalkan dengan alasan \u201cGanda\u201d; relawan tidak perlu "
                  "menyimpan ulang.",
                  "Compare, then choose \u201cKeep this one\u201d on the right record. The "
                  "others are voided with the reason \u201cDuplicate\u201d; no volunteer "
                  "needs to save again."),
    "keep_operator_only": ("Hanya operator atau admin yang dapat memutuskan.",
                           "Only an operator or an admin can decide."),
    "keep_this": ("Pakai data ini", "Keep this one"),
    "decide_duplicate": ("Bandingkan di Ganda", "Compare on Duplicates"),
    "arrived": ("Diterima server", "Reached the server"),
    "duplicate_kept_done": ("Keputusan disimpan. Laptop-laptop terkait mengetahuinya pada "
                            "sinkron berikutnya.",
                            "Decision saved. The laptops concerned learn it at their next "
                            "sync."),
    "duplicate_not_decided": ("Tidak dapat diputuskan: data ini sudah berubah. Muat ulang.",
                              "Cannot be decided: the records changed. Reload."),
    "field_full_name": ("Nama", "Name"),
    "field_birth_place": ("Tempat lahir", "Place of birth"),
    "field_birth_date": ("Tanggal lahir", "Date of birth"),
    "field_sex": ("Jenis kelamin", "Sex"),
    "field_village_code": ("Desa/Kelurahan", "Village"),
    "field_occupation_code": ("Pekerjaan", "Occupation"),
    "field_street": ("Alamat", "Street"),
    "field_phone": ("Telepon", "Phone"),
    "field_mother_maiden_name": ("Nama ibu kandung", "Mother's maiden name"),
    "field_kk_number": ("No. KK", "Family card no."),
    # Laptop
    "nav_laptops": ("Laptop", "Laptops"),
    "laptops_title": ("Laptop relawan", "Volunteer laptops"),
    "devices_title": ("Laptop kabupaten ini", "This district's laptops"),
    "records_held": ("Data di server", "Records on the server"),
    "records_accepted": ("diterima", "accepted"),
    "device_active": ("Aktif", "Active"),
    "device_revoked": ("Dicabut", "Revoked"),
    "device_transferred": ("dipindahkan ke laptop lain", "transferred to another laptop"),
    "no_devices": ("Belum ada laptop terdaftar.", "No laptop enrolled yet."),
    "codes_title": ("Kode pendaftaran laptop", "Laptop enrolment codes"),
    "codes_hint": ("Relawan mengetik kode ini (atau memindai QR-nya) saat laptop pertama kali "
                   "disiapkan. Satu kode untuk satu laptop.",
                   "A volunteer types this code (or scans its QR) when a laptop is first set "
                   "up. One code per laptop."),
    "code_hours": ("Berlaku (jam)", "Valid (hours)"),
    "code_create": ("Buat kode", "Make a code"),
    "code_made": ("Dibuat", "Made"),
    "code_expires": ("Berlaku sampai", "Valid until"),
    "code_by": ("Oleh", "By"),
    "code_active": ("Belum dipakai", "Not used yet"),
    "code_used": ("Sudah dipakai", "Used"),
    "code_expired": ("Kedaluwarsa atau dibatalkan", "Expired or cancelled"),
    "code_cancel": ("Batalkan", "Cancel it"),
    "code_cancelled": ("Kode dibatalkan: tidak dapat dipakai lagi.",
                       "The code is cancelled: it can no longer be used."),
    "code_not_cancelled": ("Kode ini tidak dapat dibatalkan (sudah dipakai atau kedaluwarsa).",
                           "This code cannot be cancelled (used or expired)."),
    "no_codes": ("Belum ada kode.", "No code yet."),
    "code_new_title": ("Kode pendaftaran baru", "New enrolment code"),
    "code_new_hint": ("Berlaku {hours} jam, untuk satu laptop. Catat sekarang: kode ini tidak "
                      "ditampilkan lagi.",
                      "Valid {hours} hours, for one laptop. Note it now: it is not shown "
                      "again."),
    "code_once": ("Server hanya menyimpan sidik kode ini, bukan kodenya.",
                  "The server keeps only a fingerprint of this code, not the code."),
    "bad_hours": ("Isi jumlah jam antara {low} dan {high}.",
                  "Enter a number of hours from {low} to {high}."),
    "back_to_laptops": ("← Kembali ke daftar laptop", "← Back to the laptops"),
    "device_id": ("ID perangkat", "Device id"),
    "enrolled": ("Didaftarkan", "Enrolled"),
    "revoked_at": ("Dicabut pada", "Revoked on"),
    "app_version": ("Versi aplikasi", "App version"),
    "transferred_from": ("Dipulihkan dari", "Restored from"),
    "transferred_to": ("Dipindahkan ke", "Transferred to"),
    "volunteers": ("Relawan (ID akun)", "Volunteers (account ids)"),
    "volunteers_no_names": ("Server hanya menerima ID akun relawan dari laptop, bukan namanya.",
                            "The server receives only the volunteer's account id from the "
                            "laptop, not their name."),
    "lost_laptop": ("Laptop hilang, dicuri atau diganti", "Laptop lost, stolen or replaced"),
    "lost_laptop_hint": ("Cabut laptop agar tidak dapat mengirim lagi; pindahkan antreannya ke "
                         "laptop pengganti yang dipulihkan dari cadangannya.",
                         "Revoke the laptop so it can no longer send; transfer its queue to "
                         "the replacement restored from its backup."),
    "revoke": ("Cabut laptop", "Revoke laptop"),
    "revoke_title": ("Cabut {name}?", "Revoke {name}?"),
    "revoke_question": ("{name} tidak akan dapat mengirim atau menarik data lagi, segera. "
                        "Laptop lain di kabupaten mengetahuinya pada sinkron berikutnya. Ini "
                        "tidak dapat dibatalkan dari konsol.",
                        "{name} will no longer be able to send or pull, at once. The "
                        "district's other laptops learn it at their next sync. This cannot "
                        "be undone from the console."),
    "revoke_reason": ("Alasan (mis. hilang, dicuri, rusak)",
                      "Reason (e.g. lost, stolen, broken)"),
    "reason_required": ("Isi alasannya.", "Enter the reason."),
    "device_revoked_done": ("Laptop dicabut.", "The laptop is revoked."),
    "breach_title": ("Data yang ada di laptop ini", "Records this laptop held"),
    "breach_hint": ("Untuk laptop yang hilang atau dicuri (UU 27/2022, pelindungan data "
                    "pribadi): pekerja yang datanya tersimpan di laptop ini, menurut data yang "
                    "sudah dikirim ke server (termasuk data laptop asal cadangannya). Data yang "
                    "dibuat setelah sinkron terakhir tidak diketahui server.",
                    "For a lost or stolen laptop (UU 27/2022, personal data protection): the "
                    "workers whose records this laptop held, from what it sent to the server "
                    "(with those of the laptop its backup came from). Records made after its "
                    "last sync are unknown to the server."),
    "breach_none": ("Server belum menerima data dari laptop ini.",
                    "The server has no record from this laptop."),
    "download_csv": ("Unduh CSV", "Download CSV"),
    "download_xlsx": ("Unduh XLSX", "Download XLSX"),
    "transfer": ("Pindahkan ke laptop pengganti", "Transfer to a replacement"),
    "transfer_title": ("Pindahkan antrean {name}", "Transfer {name}'s queue"),
    "transfer_hint": ("Pilih laptop pengganti yang dipulihkan dari cadangan {name} dan sudah "
                      "didaftarkan dengan kode baru. Setelah itu laptop pengganti boleh "
                      "mengirim data {name}. Hanya sekali untuk satu laptop.",
                      "Choose the replacement laptop restored from {name}'s backup and "
                      "enrolled with a new code. It may then send {name}'s records. Once per "
                      "laptop."),
    "transfer_new": ("Laptop pengganti", "Replacement laptop"),
    "transfer_still_in_use": ("Laptop lama masih dipakai (jangan cabut)",
                              "The old laptop is still in use (do not revoke it)"),
    "transfer_revoke_first": ("Laptop lama belum dicabut. Cabut dulu bila hilang atau "
                              "diganti; centang di atas hanya bila masih dipakai.",
                              "The old laptop is not revoked. Revoke it first when it is lost "
                              "or replaced; tick the box above only when it is still in use."),
    "transfer_no_candidates": ("Tidak ada laptop aktif lain di kabupaten ini. Daftarkan dulu "
                               "laptop pengganti dengan kode baru.",
                               "No other active laptop in this district. Enrol the "
                               "replacement with a new code first."),
    "transfer_refused": ("Pemindahan ditolak: {reason}", "Transfer refused: {reason}"),
    "transfer_itself": ("laptop tidak dapat dipindahkan ke dirinya sendiri.",
                        "a laptop cannot be transferred to itself."),
    "transfer_new_revoked": ("laptop pengganti sudah dicabut.",
                             "the replacement is revoked."),
    "transfer_new_taken": ("laptop pengganti sudah menerima antrean laptop lain.",
                           "the replacement already took another laptop's queue."),
    "transfer_once": ("antrean laptop ini sudah dipindahkan ke laptop lain (hanya sekali).",
                      "this laptop's queue was already transferred to another (once only)."),
    "transfer_not_revoked": ("laptop lama belum dicabut. Cabut dulu, atau centang \u201cmasih "
                             "dipakai\u201d bila laptop itu memang masih dipakai.",
                             "the old laptop is not revoked. Revoke it first, or tick "
                             "\u201cstill in use\u201d when it really still is."),
    "device_transferred_done": ("Laptop pengganti sekarang boleh mengirim data laptop ini.",
                                "The replacement may now send this laptop's records."),
}


def choose(cookie: str | None, accept_language: str) -> str:
    """The cookie's language when it is one of ours, else the browser's preferred one of
    ours (``Accept-Language`` q-values), else Indonesian."""
    if cookie in LANGS:
        return str(cookie)
    best, best_q = DEFAULT, 0.0
    for i, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGS:
            continue
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        q -= i * 1e-6  # the earlier of equal weights wins
        if q > best_q:
            best, best_q = primary, q
    return best


class Translator:
    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else DEFAULT
        self.index = LANGS.index(self.lang)

    def __call__(self, key: str, **params: Any) -> str:
        entry = MESSAGES.get(key)
        text = entry[self.index] if entry else key
        return text.format(**params) if params else text

    def words(self, prefix: str = "") -> Mapping[str, str]:
        return {k: v[self.index] for k, v in MESSAGES.items() if k.startswith(prefix)}

    def known(self, key: str) -> bool:
        return key in MESSAGES
