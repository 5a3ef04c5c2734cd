"""Messages for problem and error codes, Indonesian first, English second.

Used by the CLI, the import report and the server; the desktop app shows the same words. Each
message says what is wrong and, where it helps, what to do. ``{name}`` placeholders are filled from
the problem's params; a missing param leaves the placeholder out rather than failing.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from fieldreg.domain.problems import Problem

FIELDS: dict[str, tuple[str, str]] = {
    "nik": ("NIK", "NIK"),
    "full_name": ("Nama lengkap", "Full name"),
    "birth_place": ("Tempat lahir", "Place of birth"),
    "birth_date": ("Tanggal lahir", "Date of birth"),
    "sex": ("Jenis kelamin", "Sex"),
    "mother_maiden_name": ("Nama ibu kandung", "Mother's maiden name"),
    "kk_number": ("No. KK", "Family card no."),
    "street": ("Alamat (jalan/dusun)", "Street or hamlet"),
    "rt": ("RT", "RT"),
    "rw": ("RW", "RW"),
    "village_code": ("Desa/kelurahan", "Village"),
    "phone": ("No. HP", "Mobile phone"),
    "email": ("E-mail", "E-mail"),
    "work_location": ("Lokasi kerja", "Work location"),
    "occupation_code": ("Pekerjaan", "Occupation"),
    "reported_income": ("Penghasilan", "Income"),
    "programmes": ("Program", "Programmes"),
    "funding_source": ("Sumber iuran", "Who pays"),
    "coverage_start": ("Mulai kepesertaan", "Coverage start"),
    "coverage_end": ("Akhir kepesertaan", "Coverage end"),
    "heirs": ("Ahli waris", "Heirs"),
    "name": ("Nama", "Name"),
    "relationship": ("Hubungan", "Relationship"),
    "consent": ("Persetujuan", "Consent"),
    "nik_override": ("Persetujuan supervisor", "Supervisor override"),
    "reason": ("Alasan", "Reason"),
    "password": ("Kata sandi", "Password"),
    "volunteer": ("Relawan", "Volunteer"),
    "volunteer_name": ("Nama relawan", "Volunteer name"),
    "device_name": ("Nama perangkat", "Device name"),
    "regency": ("Kabupaten/kota", "Regency/city"),
    "recovery_key": ("Kunci pemulihan", "Recovery key"),
    "void_reason": ("Alasan pembatalan", "Reason for voiding"),
    "_entry": ("Data", "Record"),
    "participant_number": ("No. peserta", "Participant no."),
    "code": ("Kode pendaftaran", "Enrolment code"),
    "server_url": ("Alamat server", "Server address"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # generic
    "required": ("Wajib diisi.", "Required."),
    "text_too_long": ("Terlalu panjang (paling banyak {max} huruf).",
                      "Too long (at most {max} characters)."),
    "date_in_future": ("Tanggal tidak boleh di masa depan.", "The date cannot be in the future."),
    "date_format": ("Tanggal '{value}' tidak dikenali. Tulis TTTT-BB-HH, HH-BB-TTTT atau "
                    "HH/BB/TTTT.",
                    "Date '{value}' not understood. Write YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY."),
    # names
    "name_too_short": ("Terlalu pendek (paling sedikit {min} huruf).",
                       "Too short (at least {min} letters)."),
    "name_too_long": ("Terlalu panjang (paling banyak {max} huruf).",
                      "Too long (at most {max} letters)."),
    "name_chars": ("Hanya huruf, spasi, titik, koma, tanda petik dan tanda hubung.",
                   "Only letters, spaces, dots, commas, apostrophes and hyphens."),
    # NIK
    "nik_chars": ("NIK hanya boleh berisi angka (ada '{char}').",
                  "A NIK has digits only (found '{char}')."),
    "nik_length": ("NIK harus 16 angka, ini {length} angka. Periksa KTP.",
                   "A NIK has 16 digits; this has {length}. Check the ID card."),
    "nik_day": ("Tanggal lahir di NIK ({day}) tidak mungkin: 01–31 untuk laki-laki, 41–71 untuk "
                "perempuan. Periksa angka ke-7 dan ke-8.",
                "The day in the NIK ({day}) is impossible: 01–31 for men, 41–71 for women. "
                "Check digits 7 and 8."),
    "nik_month": ("Bulan lahir di NIK ({month}) tidak mungkin (01–12). Periksa angka ke-9 dan "
                  "ke-10.",
                  "The month in the NIK ({month}) is impossible (01–12). Check digits 9 and 10."),
    "nik_date": ("Tanggal lahir di NIK ({date}) tidak ada di kalender. Periksa KTP.",
                 "The birth date in the NIK ({date}) does not exist. Check the ID card."),
    "nik_serial_zero": ("Empat angka terakhir NIK tidak boleh 0000.",
                        "The last four digits of a NIK cannot be 0000."),
    "nik_province_unknown": ("Kode provinsi {code} di NIK tidak ada. Periksa dua angka pertama.",
                             "Province code {code} in the NIK does not exist. Check the first "
                             "two digits."),
    "nik_regency_unknown": ("Kode kabupaten {code} di NIK tidak dikenal (mungkin wilayah lama). "
                            "Pastikan sesuai KTP.",
                            "Regency code {code} in the NIK is not known (perhaps an old "
                            "region). Make sure it matches the ID card."),
    "nik_district_unknown": ("Kode kecamatan {code} di NIK tidak dikenal (mungkin wilayah lama). "
                             "Pastikan sesuai KTP.",
                             "District code {code} in the NIK is not known (perhaps an old "
                             "region). Make sure it matches the ID card."),
    "nik_excel_number": ("NIK tersimpan sebagai angka di Excel sehingga angka terakhirnya bisa "
                         "berubah menjadi 0. Format kolom NIK sebagai Teks dan ketik ulang.",
                         "The NIK was stored as a number in Excel, which may turn its last digit "
                         "into 0. Format the NIK column as Text and type it again."),
    "nik_birth_date_mismatch": ("Tanggal lahir tidak sama dengan NIK ({nik_date}). Periksa KTP; "
                                "bila KTP memang salah, minta persetujuan supervisor.",
                                "The date of birth differs from the NIK ({nik_date}). Check the "
                                "ID card; if the card is wrong, ask a supervisor to override."),
    "nik_sex_mismatch": ("Jenis kelamin tidak sama dengan NIK ({nik_sex}). Periksa KTP; bila KTP "
                         "memang salah, minta persetujuan supervisor.",
                         "The sex differs from the NIK ({nik_sex}). Check the ID card; if the "
                         "card is wrong, ask a supervisor to override."),
    "nik_mismatch_overridden": ("Tidak sama dengan NIK, disetujui oleh {supervisor}.",
                                "Differs from the NIK, overridden by {supervisor}."),
    "override_reason_required": ("Tulis alasan persetujuan supervisor.",
                                 "Write the reason for the override."),
    "nik_already_registered": ("NIK ini sudah terdaftar di laptop ini: {name} ({village}, "
                               "{status}). Buka data itu, jangan daftar dua kali.",
                               "This NIK is already registered on this laptop: {name} "
                               "({village}, {status}). Open that record instead of registering "
                               "twice."),
    "nik_already_on_device": ("NIK ini sudah terdaftar di laptop ini.",
                              "This NIK is already registered on this laptop."),
    "nik_repeated_in_file": ("NIK ini sudah ada di baris {first_row} berkas ini.",
                             "This NIK already appears on row {first_row} of this file."),
    # KK
    "kk_chars": ("No. KK hanya boleh berisi angka.", "A family card number has digits only."),
    "kk_length": ("No. KK harus 16 angka, ini {length} angka.",
                  "A family card number has 16 digits; this has {length}."),
    "kk_date": ("Tanggal terbit di No. KK tidak mungkin. Periksa angka ke-7 sampai ke-12.",
                "The issue date in the family card number is impossible. Check digits 7–12."),
    "kk_serial_zero": ("Empat angka terakhir No. KK tidak boleh 0000.",
                       "The last four digits of a family card number cannot be 0000."),
    "kk_province_unknown": ("Kode provinsi {code} di No. KK tidak ada.",
                            "Province code {code} in the family card number does not exist."),
    "kk_regency_unknown": ("Kode kabupaten {code} di No. KK tidak dikenal.",
                           "Regency code {code} in the family card number is not known."),
    "kk_district_unknown": ("Kode kecamatan {code} di No. KK tidak dikenal.",
                            "District code {code} in the family card number is not known."),
    # age, sex
    "age_below_min": ("Umur {age} tahun: peserta paling muda {min} tahun.",
                      "Age {age}: participants must be at least {min}."),
    "age_above_max": ("Umur {age} tahun: peserta paling tua {max} tahun.",
                      "Age {age}: participants must be at most {max}."),
    "sex_invalid": ("Jenis kelamin '{value}' tidak dikenal. Tulis L atau P.",
                    "Sex '{value}' not understood. Write L or P."),
    # phone, e-mail
    "phone_chars": ("Nomor HP hanya boleh berisi angka, spasi, tanda hubung, titik, kurung dan +.",
                    "A phone number has digits, spaces, dashes, dots, brackets and + only."),
    "phone_invalid": ("Nomor HP tidak lengkap atau terlalu panjang. Contoh: 0812-3456-7890.",
                      "The phone number is incomplete or too long. Example: 0812-3456-7890."),
    "phone_not_mobile": ("Ini bukan nomor HP Indonesia (harus 08…). Contoh: 0812-3456-7890.",
                         "This is not an Indonesian mobile number (must start 08…). Example: "
                         "0812-3456-7890."),
    "phone_missing": ("Nomor HP kosong. Isi bila peserta atau keluarganya punya HP.",
                      "No phone number. Fill it in if the worker or the family has one."),
    "phone_repeated": ("Nomor HP ini juga dipakai {count} peserta lain (boleh, bila sekeluarga).",
                       "This phone number is also used by {count} other participants (fine for "
                       "a family)."),
    "email_invalid": ("Alamat e-mail tidak benar.", "The e-mail address is not valid."),
    # address
    "rt_rw_invalid": ("Tulis nomor RT/RW dengan angka, misalnya 003.",
                      "Write the RT/RW number in digits, for example 003."),
    "village_unknown": ("Kode desa {code} tidak ada di daftar Kemendagri. Pilih desa dari daftar.",
                        "Village code {code} is not in the Kemendagri list. Pick the village "
                        "from the list."),
    "village_outside_regency": ("Desa ini di luar kabupaten perangkat ({regency}). Pastikan benar.",
                                "This village is outside the device's regency ({regency}). Make "
                                "sure it is right."),
    # work and contributions
    "occupation_unknown": ("Pekerjaan '{code}' tidak dikenal. Pilih dari daftar pekerjaan.",
                           "Occupation '{code}' not known. Pick one from the list."),
    "occupation_not_informal": ("'{label}' biasanya pekerja penerima upah, bukan BPU. Pastikan "
                                "benar.",
                                "'{label}' is usually a wage earner, not BPU. Make sure it is "
                                "right."),
    "income_negative": ("Penghasilan tidak boleh negatif.", "Income cannot be negative."),
    "income_invalid": ("Penghasilan '{value}' bukan angka rupiah. Tulis angka bulat, misalnya "
                       "1500000.",
                       "Income '{value}' is not a rupiah amount. Write a whole number, for "
                       "example 1500000."),
    "programme_required": ("Program {missing} wajib diikuti.", "Programme {missing} is required."),
    "programme_unknown": ("Program '{value}' tidak dikenal. Tulis JKK+JKM atau JKK+JKM+JHT.",
                          "Programme '{value}' not known. Write JKK+JKM or JKK+JKM+JHT."),
    "funding_unknown": ("Sumber iuran '{value}' tidak dikenal. Pilih MANDIRI, APBD_KAB, "
                        "APBD_PROV, DBH_SAWIT, CSR atau LAINNYA.",
                        "Funding source '{value}' not known. Use MANDIRI, APBD_KAB, APBD_PROV, "
                        "DBH_SAWIT, CSR or LAINNYA."),
    "coverage_end_before_start": ("Akhir kepesertaan sebelum tanggal mulai.",
                                  "Coverage ends before it starts."),
    "coverage_end_required": ("Iuran dibayar pihak lain: isi tanggal akhir kepesertaan.",
                              "Someone else pays: fill in when the coverage ends."),
    "no_contribution_table": ("Belum ada tabel iuran untuk bulan ini. Hubungi kantor kabupaten.",
                              "No contribution table covers this month. Call the district "
                              "office."),
    # heirs
    "heir_relationship_required": ("Pilih hubungan ahli waris.", "Pick the heir's relationship."),
    "heir_relationship_unknown": ("Hubungan '{value}' tidak dikenal. Pilih SUAMI, ISTRI, ANAK, "
                                  "AYAH, IBU, CUCU, KAKEK, NENEK, SAUDARA_KANDUNG, MERTUA atau "
                                  "PIHAK_DITUNJUK.",
                                  "Relationship '{value}' not known. Use SUAMI, ISTRI, ANAK, "
                                  "AYAH, IBU, CUCU, KAKEK, NENEK, SAUDARA_KANDUNG, MERTUA or "
                                  "PIHAK_DITUNJUK."),
    "heir_nik_is_participant": ("NIK ahli waris sama dengan NIK peserta.",
                                "The heir's NIK is the participant's own."),
    "heir_nik_repeated": ("NIK ahli waris ini dipakai dua kali.", "This heir's NIK is used twice."),
    "heir_missing": ("Belum ada ahli waris. Manfaat JKM dibayar kepada ahli waris.",
                     "No heir yet. JKM benefits are paid to the heirs."),
    # consent
    "consent_required": ("Persetujuan peserta belum dicatat. Bacakan pemberitahuan dan centang "
                         "persetujuan; tanpa itu data tetap draf.",
                         "The worker's consent is not recorded. Read the notice and tick "
                         "consent; without it the record stays a draft."),
    "consent_notice_unknown": ("Versi pemberitahuan {version} tidak dikenal.",
                               "Notice version {version} is not known."),
    "consent_volunteer_required": ("Persetujuan harus dicatat oleh relawan.",
                                   "Consent must be recorded by a volunteer."),
    # import
    "column_ignored": ("Kolom '{column}' tidak dikenal dan diabaikan.",
                       "Column '{column}' is not known and was ignored."),
    "columns_missing": ("Berkas {file} tidak punya kolom wajib: {columns}. Pakai templat "
                        "(fieldreg template).",
                        "File {file} lacks required columns: {columns}. Use the template "
                        "(fieldreg template)."),
    "file_unreadable": ("Berkas {file} tidak bisa dibaca sebagai tabel CSV atau Excel (.xlsx).",
                        "File {file} cannot be read as a CSV or Excel (.xlsx) table."),
    "file_empty": ("Berkas {file} kosong.", "File {file} is empty."),
    "file_not_found": ("Berkas {file} tidak ditemukan.", "File {file} not found."),
    "export_format": ("Simpan sebagai .csv atau .xlsx.", "Save as .csv or .xlsx."),
    # hostile or oversized village lists: nothing is read, nothing changes
    "columns_duplicate": ("Berkas {file} punya kolom yang sama lebih dari sekali: {columns}. "
                          "Hapus atau ganti nama salah satunya, lalu impor lagi; tidak ada yang "
                          "diimpor.",
                          "File {file} has the same column more than once: {columns}. Delete or "
                          "rename one of them, then import again; nothing was imported."),
    "file_too_large": ("Berkas {file} terlalu besar ({size} MB; paling besar {max} MB untuk "
                       "daftar desa). Bagi daftar menjadi beberapa berkas, misalnya satu per "
                       "desa, lalu impor satu per satu; tidak ada yang diimpor.",
                       "File {file} is too large ({size} MB; a village list may be at most "
                       "{max} MB). Split the list into several files, e.g. one per village, and "
                       "import them one by one; nothing was imported."),
    "file_too_many_rows": ("Berkas {file} punya lebih dari {max} baris data. Bagi daftar menjadi "
                           "beberapa berkas, misalnya satu per desa, lalu impor satu per satu; "
                           "tidak ada yang diimpor.",
                           "File {file} has more than {max} rows of data. Split the list into "
                           "several files, e.g. one per village, and import them one by one; "
                           "nothing was imported."),
    "file_far_row": ("Berkas {file}: ada isi di baris {row}, jauh di bawah daftar (paling banyak "
                     "{max} baris). Hapus isi di baris-baris bawah itu, simpan, lalu impor lagi; "
                     "tidak ada yang diimpor.",
                     "File {file}: there is something in row {row}, far below the list (at most "
                     "{max} rows). Delete what is in those rows, save, and import again; nothing "
                     "was imported."),
    "file_too_many_columns": ("Berkas {file}: baris {row} berisi data di luar kolom ke-{max}. "
                              "Daftar desa hanya memakai kolom templat; hapus kolom yang tidak "
                              "dipakai, lalu impor lagi; tidak ada yang diimpor.",
                              "File {file}: row {row} has data beyond column {max}. A village "
                              "list uses the template's columns only; delete the unused "
                              "columns, then import again; nothing was imported."),
    "cell_too_long": ("Berkas {file}: baris {row} berisi sel yang lebih dari {max} huruf. "
                      "Periksa sel itu (mungkin isinya tertempel berulang kali), perbaiki, lalu "
                      "impor lagi; tidak ada yang diimpor.",
                      "File {file}: row {row} has a cell longer than {max} characters. Check "
                      "that cell (its text may have been pasted many times), fix it and import "
                      "again; nothing was imported."),
    "xlsx_cell_too_long": ("Berkas {file} berisi sel yang lebih dari {max} huruf (lebih dari "
                           "yang bisa dibuat Excel). Simpan ulang daftar dari Excel, atau "
                           "simpan sebagai .csv, lalu impor lagi; tidak ada yang diimpor.",
                           "File {file} holds a cell longer than {max} characters (more than "
                           "Excel can make). Save the list again from Excel, or as .csv, and "
                           "import again; nothing was imported."),
    "xlsx_too_large": ("Berkas {file} membengkak menjadi lebih dari {max} MB saat dibuka; "
                       "daftar desa tidak sebesar itu (berkas rusak atau sengaja dibuat "
                       "berbahaya). Jangan dibuka; minta daftar yang baru, atau simpan sebagai "
                       ".csv; tidak ada yang diimpor.",
                       "File {file} swells to more than {max} MB when opened; no village list "
                       "is that big (the file is damaged or made to do harm). Do not open it; "
                       "ask for a new list, or save it as .csv; nothing was imported."),
    "xlsx_ratio": ("Isi berkas {file} dipadatkan lebih dari {max} kali, tidak wajar untuk "
                   "daftar desa (berkas rusak atau sengaja dibuat berbahaya). Minta daftar yang "
                   "baru, atau simpan sebagai .csv; tidak ada yang diimpor.",
                   "File {file} is compressed more than {max} times over, which no village list "
                   "is (the file is damaged or made to do harm). Ask for a new list, or save it "
                   "as .csv; nothing was imported."),
    "xlsx_members": ("Berkas {file} berisi terlalu banyak bagian ({count}; paling banyak {max}), "
                     "tidak wajar untuk daftar desa. Simpan ulang daftar dari Excel (hanya lembar "
                     "daftarnya), atau simpan sebagai .csv; tidak ada yang diimpor.",
                     "File {file} holds too many parts ({count}; at most {max}), which no "
                     "village list does. Save the list again from Excel (only the list's "
                     "sheet), or as .csv; nothing was imported."),
    "xlsx_structure": ("Berkas {file} berisi susunan XML yang tidak dibuat oleh Excel (definisi "
                       "DTD/entitas, susunan terlalu dalam, atau teks terlalu panjang). Simpan "
                       "ulang daftar dari Excel, atau simpan sebagai .csv; tidak ada yang "
                       "diimpor.",
                       "File {file} holds XML that Excel does not make (a DTD or entities, "
                       "nesting too deep, or text too long). Save the list again from Excel, "
                       "or as .csv; nothing was imported."),
    # records
    "invalid": ("Data belum lengkap atau ada yang salah.", "The record is incomplete or wrong."),
    "record_not_found": ("Data tidak ditemukan.", "Record not found."),
    "record_voided": ("Data ini sudah dibatalkan dan tidak bisa diubah.",
                      "This record was voided and cannot be changed."),
    "cannot_return_to_draft": ("Data yang sudah siap kirim tidak bisa kembali menjadi draf. "
                               "Batalkan bila salah.",
                               "A record that is ready to send cannot go back to draft. Void it "
                               "if it is wrong."),
    "void_reason_required": ("Tulis alasan pembatalan.", "Write why the record is voided."),
    "file_write_failed": ("Berkas {file} tidak bisa ditulis ({reason}). Periksa foldernya atau "
                          "pilih tempat lain.",
                          "File {file} could not be written ({reason}). Check the folder or "
                          "choose another place."),
    # cards
    "card_draft": ("Masih draf: kartu baru bisa dicetak setelah data lengkap dan disetujui.",
                   "Still a draft: a card can be printed once the record is complete and "
                   "consented."),
    "card_voided": ("Data dibatalkan: tidak ada kartu.", "Record voided: no card."),
    "card_not_found": ("Data tidak ditemukan.", "Record not found."),
    "card_number_invalid": ("Nomor peserta data ini tidak sah: tidak ada kartu. Hubungi kantor "
                            "kabupaten.",
                            "This record's participant number is not valid: no card. Contact "
                            "the district office."),
    "card_printed": ("Kartu sudah pernah dicetak (dilewati).",
                     "A card was printed before (skipped)."),
    "reprint_reason_required": ("{count} kartu sudah pernah dicetak. Tulis alasan cetak ulang "
                                "(misalnya: kartu hilang, rusak, data diperbaiki).",
                                "{count} cards were printed before. Write why they are "
                                "reprinted (for example: lost, damaged, record corrected)."),
    "no_cards": ("Tidak ada kartu untuk dicetak: hanya data yang sudah lengkap dan disetujui "
                 "yang mendapat kartu ({skipped} dilewati).",
                 "No cards to print: only complete, consented records get a card "
                 "({skipped} skipped)."),
    "layout_unknown": ("Tata letak '{value}' tidak dikenal. Pilih a4 atau card.",
                       "Layout '{value}' not known. Choose a4 or card."),
    "keys_file_invalid": ("Berkas kunci {file} tidak bisa dipakai: {reason}.",
                          "Keys file {file} cannot be used: {reason}."),
    "qr_not_found": ("Tidak ada kode QR yang terbaca di gambar {file}. Foto lebih dekat, terang "
                     "dan tidak miring.",
                     "No QR code could be read in image {file}. Take the photo closer, in good "
                     "light and straight on."),
    "participant_number_length": ("Nomor peserta terdiri dari 11 huruf/angka.",
                                  "A participant number has 11 letters and digits."),
    "participant_number_characters": ("Nomor peserta hanya memakai angka dan huruf A–Z tanpa I, "
                                      "L, O, U.",
                                      "A participant number uses only digits and letters A–Z "
                                      "without I, L, O, U."),
    "participant_number_check": ("Nomor peserta salah ketik: huruf terakhir (pemeriksa) tidak "
                                 "cocok.",
                                 "The participant number is mistyped: its last (check) "
                                 "character does not match."),
    "participant_sequence_exhausted": ("Nomor peserta laptop ini sudah habis. Hubungi kantor "
                                       "kabupaten.",
                                       "This laptop has run out of participant numbers. Contact "
                                       "the district office."),
    "verdict_valid": ("SAH: kartu asli, ditandatangani oleh {signer}.",
                      "VALID: a genuine card, signed by {signer}."),
    "verdict_tampered": ("PALSU ATAU RUSAK: isi kode QR tidak cocok dengan tanda tangannya.",
                         "TAMPERED OR DAMAGED: the QR code's content does not match its "
                         "signature."),
    "verdict_unknown_key": ("TIDAK DIKENAL: kartu ditandatangani laptop yang tidak ada di daftar "
                            "kunci.",
                            "UNKNOWN KEY: the card was signed by a laptop not in the keys list."),
    "verdict_revoked": ("DICABUT: kartu ini sudah diganti atau ditarik.",
                        "REVOKED: this card was replaced or withdrawn."),
    "verdict_expired": ("KEDALUWARSA: masa berlaku kartu sudah habis.",
                        "EXPIRED: the card's validity has ended."),
    # settings
    "language_unknown": ("Bahasa '{value}' tidak tersedia. Pilih Bahasa Indonesia atau English.",
                         "Language '{value}' is not available. Choose Bahasa Indonesia or "
                         "English."),
    "server_url_invalid": ("Alamat server '{value}' tidak benar. Contoh: "
                           "https://bpjs-kab.example.id",
                           "Server address '{value}' is not valid. Example: "
                           "https://bpjs-kab.example.id"),
    "idle_minutes_range": ("Kunci otomatis harus antara {min} dan {max} menit.",
                           "Auto-lock must be between {min} and {max} minutes."),
    "paper_size_unknown": ("Ukuran kertas '{value}' tidak dikenal. Pilih A4 atau kartu.",
                           "Paper size '{value}' not known. Choose A4 or card."),
    "review_before_save_invalid": ("Pilihan tinjau sebelum menyimpan tidak benar.",
                                   "The review-before-save choice is not valid."),
    "auto_sync_invalid": ("Pilihan kirim otomatis tidak benar.",
                          "The automatic-sync choice is not valid."),
    "target_invalid": ("Target desa harus angka bulat, 0 atau lebih.",
                       "Village targets must be whole numbers, 0 or more."),
    # accounts
    "already_initialised": ("Laptop ini sudah disiapkan ({home}).",
                            "This laptop is already set up ({home})."),
    "not_initialised": ("Laptop ini belum disiapkan. Jalankan: fieldreg init.",
                        "This laptop is not set up yet. Run: fieldreg init."),
    "regency_unknown": ("Kode kabupaten {code} tidak ada. Contoh: 15.05 (Muaro Jambi).",
                        "Regency code {code} does not exist. Example: 15.05 (Muaro Jambi)."),
    "password_too_short": ("Kata sandi paling sedikit {min} huruf.",
                           "The password needs at least {min} characters."),
    "wrong_password": ("Kata sandi salah. Sisa percobaan sebelum dikunci: {attempts_left}.",
                       "Wrong password. Attempts left before lock-out: {attempts_left}."),
    "throttled": ("Terlalu banyak percobaan. Tunggu {seconds} detik lalu coba lagi.",
                  "Too many attempts. Wait {seconds} seconds and try again."),
    "locked_out": ("Terkunci karena terlalu banyak kata sandi salah, sampai {until}. Pakai kunci "
                   "pemulihan atau hubungi supervisor.",
                   "Locked after too many wrong passwords, until {until}. Use the recovery key "
                   "or ask a supervisor."),
    # the same code, about the recovery key (its own counter): "use the recovery key" is no help
    "locked_out@recovery_key": ("Terkunci karena terlalu banyak kunci pemulihan salah, sampai "
                                "{until}. Coba lagi sesudah waktu itu, atau hubungi supervisor.",
                                "Locked after too many wrong recovery keys, until {until}. Try "
                                "again after that time, or ask a supervisor."),
    "unknown_volunteer": ("Relawan tidak dikenal.", "Unknown volunteer."),
    "volunteer_unknown": ("Relawan '{name}' tidak ada di laptop ini.",
                          "Volunteer '{name}' is not on this laptop."),
    "volunteer_ambiguous": ("Ada beberapa relawan bernama '{name}'.",
                            "Several volunteers are called '{name}'."),
    "volunteer_exists": ("Relawan '{name}' sudah ada.", "Volunteer '{name}' already exists."),
    "volunteer_inactive": ("Relawan {name} tidak aktif lagi.", "Volunteer {name} is inactive."),
    "password_mismatch": ("Kedua kata sandi tidak sama.", "The two passwords differ."),
    "wrong_recovery_key": ("Kunci pemulihan salah. Sisa percobaan sebelum dikunci: "
                           "{attempts_left}.",
                           "Wrong recovery key. Attempts left before lock-out: {attempts_left}."),
    "supervisor_only": ("Hanya supervisor yang boleh.", "Only a supervisor may do this."),
    "role_unknown": ("Peran '{role}' tidak dikenal.", "Role '{role}' not known."),
    "no_keyfile": ("Berkas kunci tidak ada.", "The key file is missing."),
    "keyfile_corrupt": ("Berkas kunci rusak. Pulihkan dari cadangan.",
                        "The key file is damaged. Restore it from a backup."),
    "keyfile_mismatch": ("Berkas kunci tidak cocok dengan basis data.",
                         "The key file does not match the database."),
    "password_reset_needed": ("Kunci basis data sudah diganti sejak kata sandi ini dibuat, jadi "
                              "kata sandi ini tidak berlaku lagi. Buat kata sandi baru dengan "
                              "kunci pemulihan (Lupa kata sandi).",
                              "The database key was changed since this password was set, so "
                              "it no longer works. Set a new password with the recovery key "
                              "(Forgot the password)."),
    "rekey_pending": ("Kunci basis data sedang/baru saja diganti dan kata sandi ini milik kunci "
                      "lama. Pakai kata sandi yang baru.",
                      "The database key is being or was just changed and this password "
                      "belongs to the old key. Use the new password."),
    "rekey_in_use": ("Kunci basis data tidak bisa diganti selama basis data dibuka di tempat "
                     "lain (aplikasi atau perintah fieldreg lain). Tutup dulu, lalu coba lagi. "
                     "Tidak ada yang berubah.",
                     "The database key cannot be changed while the database is open elsewhere "
                     "(the app or another fieldreg command). Close it and try again. Nothing "
                     "was changed."),
    "new_recovery_key_needs_rekey": ("--new-recovery-key hanya bersama --rekey.",
                                     "--new-recovery-key only goes with --rekey."),
    "rekey_failed": ("Kunci basis data tidak bisa diganti. Kata sandi lama masih berlaku.",
                     "The database key could not be changed. The old password still works."),
    # backups, restoring, updates
    "backup_failed": ("Cadangan tidak bisa dibuat ({detail}). Data Anda tetap aman; periksa sisa "
                      "ruang disk lalu coba lagi.",
                      "The backup could not be made ({detail}). Your data is safe; check the free "
                      "disk space and try again."),
    "backup_folder_failed": ("Cadangan tidak bisa disalin ke {folder} ({detail}). Periksa "
                             "flashdisk: masih terpasang, tidak penuh, tidak dikunci.",
                             "The backup could not be copied to {folder} ({detail}). Check the "
                             "USB stick: plugged in, not full, not write-protected."),
    "backup_not_a_backup": ("Berkas {path} bukan cadangan fieldreg. Pilih berkas yang namanya "
                            "berakhir .fieldreg-backup.",
                            "{path} is not a fieldreg backup. Choose a file whose name ends in "
                            ".fieldreg-backup."),
    "backup_damaged": ("Berkas cadangan ini rusak atau tidak lengkap, jadi tidak dipakai. Tidak "
                       "ada yang diubah. Coba cadangan lain (mis. dari hari sebelumnya).",
                       "This backup file is damaged or incomplete, so it was not used. Nothing "
                       "was changed. Try another backup (say, from the day before)."),
    "backup_newer": ("Cadangan ini dibuat oleh fieldreg versi {version}, lebih baru dari versi "
                     "di laptop ini. Pasang versi terbaru dulu, lalu pulihkan lagi.",
                     "This backup was made by fieldreg {version}, newer than the version on "
                     "this laptop. Install the newest version first, then restore again."),
    "database_newer": ("Data di laptop ini dibuat oleh versi fieldreg yang lebih baru. Data tidak "
                       "diubah. Pasang versi terbaru dari petugas kabupaten.",
                       "The data on this laptop was made by a newer version of fieldreg. Nothing "
                       "was changed. Install the newest version from the district office."),
    "restore_replaces_other": ("Data yang sekarang di laptop ini tidak bisa dibuka dengan cadangan "
                               "ini: milik laptop lain, atau rusak. Jika yakin, pulihkan juga; "
                               "data sekarang disimpan (tidak dihapus) di backups/replaced-….",
                               "The data now on this laptop cannot be opened with this backup: "
                               "it is another laptop's, or damaged. If you are sure, restore "
                               "anyway; the current data is kept (not deleted) in "
                               "backups/replaced-…."),
    "restore_in_use": ("Data sedang dibuka oleh aplikasi fieldreg lain. Tutup aplikasi itu dulu, "
                       "lalu pulihkan lagi.",
                       "The data is open in another fieldreg window. Close it first, then "
                       "restore again."),
    # enrolling this laptop with the district server
    "enrol_code_unknown": ("Kode pendaftaran tidak dikenal server. Periksa ketikan, atau minta "
                           "kode baru dari admin kabupaten.",
                           "The server does not know this enrolment code. Check the typing, or "
                           "ask the district admin for a new code."),
    "enrol_code_used": ("Kode pendaftaran ini sudah dipakai laptop lain. Minta kode baru dari "
                        "admin kabupaten.",
                        "This enrolment code was already used by another laptop. Ask the "
                        "district admin for a new code."),
    "enrol_code_expired": ("Kode pendaftaran sudah kedaluwarsa. Minta kode baru dari admin "
                           "kabupaten.",
                           "The enrolment code has expired. Ask the district admin for a new "
                           "code."),
    "enrol_code_other_district": ("Kode pendaftaran ini untuk kabupaten lain, bukan kabupaten "
                                  "laptop ini. Laptop tidak bisa pindah kabupaten. Minta kode "
                                  "dari admin kabupaten laptop ini.",
                                  "This enrolment code is for another district, not this "
                                  "laptop's. A laptop cannot move to another district. Ask the "
                                  "admin of this laptop's district for a code."),
    "enrol_signature_invalid": ("Server kabupaten tidak mengenali laptop ini: kunci pengenal "
                                "laptop tidak cocok dengan yang tercatat di kabupaten. Laptop "
                                "tidak didaftarkan. Hubungi admin kabupaten.",
                                "The server did not accept this laptop's signature: its key "
                                "does not match the one the district has. The laptop was not "
                                "enrolled. Contact the district admin."),
    "enrol_challenge_stale": ("Pendaftaran terputus sebelum selesai. Coba daftar lagi dengan "
                              "kode yang sama.",
                              "The enrolment was interrupted before it finished. Try again "
                              "with the same code."),
    "enrol_device_part_taken": ("Nomor peserta laptop ini bisa tertukar dengan laptop lain yang "
                                "sudah terdaftar. Hubungi admin kabupaten.",
                                "This laptop's participant numbers could clash with another "
                                "enrolled laptop. Contact the district admin."),
    "enrol_prefix_mismatch": ("Server memberi kode nomor peserta yang bukan milik laptop ini "
                              "({server}, seharusnya {device}). Laptop tidak didaftarkan. "
                              "Hubungi admin kabupaten.",
                              "The server gave a participant-number prefix that is not this "
                              "laptop's ({server}, should be {device}). The laptop was not "
                              "enrolled. Contact the district admin."),
    "enrol_district_mismatch": ("Kode ini untuk kabupaten {district} ({code}), tetapi laptop ini "
                                "disiapkan untuk kabupaten {regency}. Minta kode yang benar.",
                                "This code is for the district of {district} ({code}), but this "
                                "laptop was set up for regency {regency}. Ask for the right "
                                "code."),
    "enrol_rate_limited": ("Terlalu banyak percobaan pendaftaran. Tunggu {seconds} detik lalu "
                           "coba lagi.",
                           "Too many enrolment attempts. Wait {seconds} seconds and try again."),
    "enrol_refused": ("Server menolak pendaftaran laptop ini ({reason}). Hubungi admin "
                      "kabupaten.",
                      "The server refused to enrol this laptop ({reason}). Contact the "
                      "district admin."),
    "server_unreachable": ("Server kabupaten tidak bisa dihubungi. Periksa sambungan internet "
                           "atau Wi-Fi kantor, lalu coba lagi. Data tetap aman di laptop.",
                           "The district server cannot be reached. Check the internet or the "
                           "office Wi-Fi, then try again. The data stays safe on this laptop."),
    "server_error": ("Server kabupaten sedang bermasalah. Coba lagi nanti; data tetap aman di "
                     "laptop.",
                     "The district server is having trouble. Try again later; the data stays "
                     "safe on this laptop."),
    "not_our_server": ("Yang menjawab bukan server kabupaten (mungkin halaman login Wi-Fi). Buka "
                       "peramban dan masuk ke Wi-Fi dulu, atau periksa alamat server.",
                       "Something other than the district server answered (perhaps a Wi-Fi "
                       "login page). Open a browser and sign in to the Wi-Fi first, or check "
                       "the server address."),
    "not_enrolled": ("Laptop ini belum didaftarkan ke server kabupaten. Minta kode pendaftaran "
                     "dari admin kabupaten.",
                     "This laptop is not enrolled with the district server yet. Ask the "
                     "district admin for an enrolment code."),
    # a sync run
    "sync_ok": ("Semua data sudah terkirim.", "Everything has been sent."),
    "sync_partial": ("Sebagian data terkirim; sisanya menunggu sinkron berikutnya.",
                     "Part of the data was sent; the rest waits for the next sync."),
    "sync_offline": ("Server kabupaten tidak bisa dihubungi. Data tetap di laptop dan akan "
                     "dikirim nanti.",
                     "The district server cannot be reached. The data stays on this laptop "
                     "and will be sent later."),
    "sync_server_error": ("Server kabupaten sedang sibuk atau bermasalah. Data tetap di laptop; "
                          "coba lagi nanti.",
                          "The district server is busy or having trouble. The data stays on "
                          "this laptop; try again later."),
    "sync_not_our_server": ("Yang menjawab bukan server kabupaten (mungkin halaman login Wi-Fi). "
                            "Masuk ke Wi-Fi lewat peramban dulu, lalu coba lagi. Tidak ada data "
                            "yang berubah.",
                            "Something other than the district server answered (perhaps a "
                            "Wi-Fi login page). Sign in to the Wi-Fi in a browser first, then "
                            "try again. Nothing was changed."),
    "sync_unauthorized": ("Server tidak lagi mengenali laptop ini. Sinkronisasi dihentikan; "
                          "data tetap aman. Minta kode pendaftaran baru dari admin kabupaten.",
                          "The server no longer recognises this laptop. Sync is paused; the "
                          "data is safe. Ask the district admin for a new enrolment code."),
    "sync_revoked": ("Laptop ini dicabut oleh kabupaten. Sinkronisasi dihentikan; data tetap "
                     "aman di laptop. Hubungi admin kabupaten.",
                     "The district has revoked this laptop. Sync is paused; the data stays "
                     "safe on it. Contact the district admin."),
    "sync_cancelled": ("Sinkronisasi dibatalkan. Yang belum terkirim akan dikirim nanti.",
                       "Sync was cancelled. What was not sent will be sent later."),
    "sync_busy": ("Sinkronisasi lain sedang berjalan. Tunggu sampai selesai.",
                  "Another sync is running. Wait until it finishes."),
    "sync_not_enrolled": ("Laptop ini belum didaftarkan ke server kabupaten. Minta kode "
                          "pendaftaran dari admin kabupaten.",
                          "This laptop is not enrolled with the district server yet. Ask the "
                          "district admin for an enrolment code."),
    # what the server said about a record
    "duplicate_holder": ("NIK ini sudah terdaftar di kabupaten: peserta {participant_number}, "
                         "desa {village_name}, laptop {device_name}. Jangan daftar dua kali; "
                         "periksa dengan admin kabupaten.",
                         "This NIK is already registered in the district: participant "
                         "{participant_number}, village {village_name}, laptop {device_name}. "
                         "Do not register twice; check with the district admin."),
    "changed_by_district": ("Kantor kabupaten sudah mengubah data ini ({status}) sebelum "
                            "perubahan dari laptop ini tiba. Buka data, periksa, lalu simpan "
                            "lagi.",
                            "The district office changed this record ({status}) before the "
                            "change from this laptop arrived. Open the record, check it, and "
                            "save it again."),
    "voided_by_district": ("Data ini dibatalkan oleh kantor kabupaten.",
                           "The district office voided this record."),
    "sequence_reused": ("Laptop ini memakai ulang nomor urut kiriman (mungkin dipulihkan dari "
                        "cadangan lama). Data dikirim ulang dengan nomor baru.",
                        "This laptop reused sending numbers (perhaps restored from an old "
                        "backup). The record is sent again with a new number."),
    "payload_mismatch": ("Server menolak kiriman data ini karena isinya tidak cocok. Buka data, "
                         "simpan lagi, lalu sinkron. Bila tetap gagal, hubungi admin kabupaten.",
                         "The server refused this record because its content did not match. "
                         "Open the record, save it again and sync. If it still fails, contact "
                         "the district admin."),
    "payload_invalid": ("Server tidak bisa membaca data ini. Buka data, simpan lagi, lalu sinkron."
                        " Bila tetap gagal, hubungi admin kabupaten.",
                        "The server could not read this record. Open it, save it again and "
                        "sync. If it still fails, contact the district admin."),
    "text_nul": ("Isian ini berisi karakter tersembunyi (NUL) yang tidak boleh. Ketik ulang "
                 "isian ini, simpan, lalu sinkron.",
                 "This field holds a hidden character (NUL) that is not allowed. Type the field "
                 "again, save and sync."),
    "not_your_record": ("Data ini milik laptop lain di server. Hubungi admin kabupaten.",
                        "On the server this record belongs to another laptop. Contact the "
                        "district admin."),
    "too_large": ("Data ini terlalu besar untuk dikirim. Hubungi admin kabupaten.",
                  "This record is too large to send. Contact the district admin."),
    "unprocessable": ("Server tidak bisa memproses data ini. Buka data, simpan lagi, lalu "
                      "sinkron. Bila tetap gagal, hubungi admin kabupaten.",
                      "The server could not process this record. Open it, save it again and "
                      "sync. If it still fails, contact the district admin."),
    "bad_request": ("Server tidak bisa memproses data ini. Hubungi admin kabupaten.",
                    "The server could not process this record. Contact the district admin."),
    "participant_number_foreign": ("Nomor peserta ini tidak dibuat oleh laptop ini. Hubungi "
                                   "admin kabupaten.",
                                   "This participant number was not made by this laptop. "
                                   "Contact the district admin."),
    "participant_number_taken": ("Nomor peserta ini sudah dipakai data lain di kabupaten "
                                 "(laptop ini mungkin salinan laptop lain). Laptop memberi "
                                 "nomor baru sendiri pada sinkronisasi ini; cetak ulang "
                                 "kartunya.",
                                 "This participant number is already used by another record in "
                                 "the district (this laptop may be a copy of another). The "
                                 "laptop gives it a new number by itself in this sync; print "
                                 "its card again."),
    "restored_new_identity_title": ("Laptop ini kini perangkat baru",
                                    "This laptop is now a new device"),
    "restored_new_identity": ("Cadangan ini dibuat di laptop lain. Agar nomor peserta tidak "
                              "pernah sama dengan laptop asal, laptop ini kini perangkat baru "
                              "dengan nomor peserta baru ({prefix}…). Data yang dipulihkan "
                              "tetap memakai nomornya. Daftarkan laptop ini lagi di halaman "
                              "Sinkronisasi, lalu minta admin kabupaten memindahkan laptop "
                              "asal ke laptop ini:\nfieldreg-server devices transfer "
                              "{old_device_id} {device_id}",
                              "This backup was made on another machine. So that participant "
                              "numbers never match the first laptop's, this laptop is now a "
                              "new device with new participant numbers ({prefix}…). The "
                              "restored records keep their numbers. Enrol this laptop again "
                              "on the Sync page, then ask the district admin to transfer the "
                              "first laptop to this one:\nfieldreg-server devices transfer "
                              "{old_device_id} {device_id}"),
    "copied_new_identity": ("Data di laptop ini dibuat di laptop lain lalu disalin ke sini. "
                            "Agar nomor peserta tidak pernah sama dengan laptop asal, laptop "
                            "ini kini perangkat baru dengan nomor peserta baru ({prefix}…). "
                            "Data yang ada tetap memakai nomornya. Daftarkan laptop ini lagi "
                            "di halaman Sinkronisasi, lalu minta admin kabupaten memindahkan "
                            "laptop asal ke laptop ini:\nfieldreg-server devices transfer "
                            "{old_device_id} {device_id}",
                            "The data on this laptop was made on another machine and copied "
                            "here. So that participant numbers never match the first laptop's, "
                            "this laptop is now a new device with new participant numbers "
                            "({prefix}…). The records keep their numbers. Enrol this laptop "
                            "again on the Sync page, then ask the district admin to transfer "
                            "the first laptop to this one:\nfieldreg-server devices transfer "
                            "{old_device_id} {device_id}"),
    "restored_old_key_title": ("Kata sandi lama berlaku lagi", "The old passwords are back"),
    "restored_old_key": ("Data yang diganti tidak bisa dibuka dengan kata sandi cadangan ini: "
                         "kata sandi dan kunci pengaman data sudah diganti sesudah cadangan "
                         "dibuat (atau data itu rusak). Kata sandi (dan daftar relawan) saat "
                         "cadangan dibuat kini berlaku lagi. Jika kata sandi lama mungkin "
                         "diketahui orang lain, ganti lagi sekarang di Pengaturan → Relawan "
                         "dan centang \"Kata sandi lama mungkin diketahui orang lain\".",
                         "The data this backup replaced did not open with the backup's "
                         "password: the password and the data key were changed after the "
                         "backup was made (or that data was damaged). The passwords (and "
                         "volunteers) of the backup's day are in force again. If an old "
                         "password may be known to others, change it again now in Settings → "
                         "Volunteers and tick \"The old password may be known to someone "
                         "else\"."),
    "not_transferred": ("Data ini dibuat di laptop asal cadangan yang dipulihkan di sini. "
                        "Data menunggu sampai admin kabupaten memindahkan laptop asal ke "
                        "laptop ini (fieldreg-server devices transfer).",
                        "This record was made on the laptop whose backup was restored here. "
                        "It waits until the district admin transfers that laptop to this one "
                        "(fieldreg-server devices transfer)."),
}


class _Lenient(string.Formatter):
    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str):
            return kwargs.get(key, "…")
        return super().get_value(key, args, kwargs)


_FMT = _Lenient()
_LANGS = {"id": 0, "en": 1}


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# A record's status and a person's sex in words, never as codes ("(ready)", "(P)"); the same
# words the desktop app's labels use (ui/labels.py).
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "draft": ("Draf", "Draft"),
    "ready": ("Menunggu kirim", "Waiting to send"),
    "sent": ("Terkirim", "Sent"),
    "accepted": ("Diterima", "Accepted"),
    "duplicate": ("Ganda", "Duplicate"),
    "rejected": ("Ditolak", "Rejected"),
    "verified": ("Terverifikasi", "Verified"),
    "voided": ("Dibatalkan", "Voided"),
}
SEX_WORDS: dict[str, tuple[str, str]] = {
    "L": ("laki-laki", "male"), "M": ("laki-laki", "male"),
    "P": ("perempuan", "female"), "F": ("perempuan", "female"),
}
# params holding such a code: a value that is no code (already words) is kept as it is
_WORDS_FOR_PARAM: dict[str, dict[str, tuple[str, str]]] = {
    "status": STATUS_WORDS, "sex": SEX_WORDS, "nik_sex": SEX_WORDS,
}


def status_words(status: str, lang: str = "id") -> str:
    """``"ready"`` → ``Menunggu kirim``; anything else unchanged."""
    pair = STATUS_WORDS.get(str(status))
    return pair[_LANGS.get(lang, 0)] if pair else str(status)


def sex_words(sex: str, lang: str = "id") -> str:
    """``"P"`` (or ``"F"``) → ``perempuan``; ``"L"`` (or ``"M"``) → ``laki-laki``."""
    pair = SEX_WORDS.get(str(sex).strip().upper())
    return pair[_LANGS.get(lang, 0)] if pair else str(sex)


def _localise(value: Any, lang: str) -> Any:
    """ISO dates read as Indonesians write them (31-12-1980); English keeps ISO. Date and time
    objects too (a lock-out's end, in the laptop's own time zone, to the minute)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.strftime("%d-%m-%Y %H:%M" if lang == "id" else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y") if lang == "id" else value.isoformat()
    if lang == "id" and isinstance(value, str) and (m := _ISO_DATE.match(value)):
        return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    return value


def message(code: str, params: Mapping[str, Any] | None = None, lang: str = "id") -> str:
    """The words for ``code`` (the code itself when the catalogue has none). A
    ``code@field`` entry, where there is one for the ``field`` param, wins over ``code``."""
    pair = MESSAGES.get(f"{code}@{(params or {}).get('field', '')}") or MESSAGES.get(code)
    if pair is None:
        return code
    values = {k: _words(k, v, lang) for k, v in (params or {}).items()}
    return _FMT.format(pair[_LANGS.get(lang, 0)], **values)


def _words(key: str, value: Any, lang: str) -> Any:
    table = _WORDS_FOR_PARAM.get(key)
    if table is not None and isinstance(value, str):
        pair = table.get(value.strip() if table is STATUS_WORDS else value.strip().upper())
        if pair is not None:
            return pair[_LANGS.get(lang, 0)]
    return _localise(value, lang)


def field_label(path: str, lang: str = "id") -> str:
    """``heirs.0.name`` → ``Ahli waris 1 – Nama``."""
    idx = _LANGS.get(lang, 0)
    parts = path.split(".")
    if parts[0] == "heirs" and len(parts) >= 2 and parts[1].isdigit():
        base = f"{FIELDS['heirs'][idx]} {int(parts[1]) + 1}"
        return base + (f" – {FIELDS.get(parts[2], (parts[2], parts[2]))[idx]}" if len(parts) > 2
                       else "")
    return FIELDS.get(parts[0], (path, path))[idx]


def describe(problem: Problem, lang: str = "id") -> str:
    """One problem in words, with its field: ``NIK: NIK harus 16 angka, ini 15 angka. …``."""
    return f"{field_label(problem.field, lang)}: {message(problem.code, problem.params, lang)}"
