<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About fieldreg</source>
        <translation>Tentang fieldreg</translation>
    </message>
    <message>
        <source>fieldreg {0}</source>
        <translation>fieldreg {0}</translation>
    </message>
    <message>
        <source>Registers informal workers for BPJS Ketenagakerjaan&apos;s work-accident (JKK) and death (JKM) protection, for the Gerakan Desa Peduli Jaminan Sosial programme. Works without internet; sends to the district server when it can.</source>
        <translation>Mendaftarkan pekerja informal ke perlindungan Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) BPJS Ketenagakerjaan, untuk program Gerakan Desa Peduli Jaminan Sosial. Bisa dipakai tanpa internet; data dikirim ke server kabupaten saat bisa tersambung.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versi</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Folder data</translation>
    </message>
    <message>
        <source>Portable: the app and its data are on this drive (USB stick)</source>
        <translation>Portabel: aplikasi dan datanya ada di drive ini (flashdisk)</translation>
    </message>
    <message>
        <source>Installed on this laptop</source>
        <translation>Terpasang di laptop ini</translation>
    </message>
    <message>
        <source>Run from the source code (developer copy)</source>
        <translation>Dijalankan dari kode sumber (salinan pengembang)</translation>
    </message>
    <message>
        <source>This copy</source>
        <translation>Salinan ini</translation>
    </message>
    <message>
        <source>Region codes: Kemendagri, from the idn-area-data data set ({0}) © its contributors, under the Open Database License (ODbL) 1.0.</source>
        <translation>Kode wilayah: Kemendagri, dari kumpulan data idn-area-data ({0}) © para kontributornya, dengan lisensi Open Database License (ODbL) 1.0.</translation>
    </message>
    <message>
        <source>Licence: fieldreg is proprietary. The region data stays under the ODbL 1.0; the card fonts (DejaVu) under their own free licence.</source>
        <translation>Lisensi: fieldreg adalah perangkat lunak berpemilik (proprietary). Data wilayah tetap berlisensi ODbL 1.0; huruf pada kartu (DejaVu) memakai lisensi bebasnya sendiri.</translation>
    </message>
    <message>
        <source>Export diagnostics…</source>
        <translation>Ekspor diagnostik…</translation>
    </message>
    <message>
        <source>A file for the district office when something does not work. No personal data.</source>
        <translation>Berkas untuk kantor kabupaten bila ada yang tidak berjalan. Tanpa data pribadi.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>fieldreg is already open on this laptop (perhaps still starting, or behind another window). Use the window that is open; to start it again, close it first.</source>
        <translation>fieldreg sudah terbuka di laptop ini (mungkin masih dimulai, atau tertutup jendela lain). Pakai jendela yang sudah terbuka; untuk memulai ulang, tutup dulu jendela itu.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Today&apos;s backup is made. The backup folder {0} is not there (USB stick not plugged in?).</source>
        <translation>Cadangan hari ini sudah dibuat. Folder cadangan {0} tidak ada (flashdisk belum dipasang?).</translation>
    </message>
    <message>
        <source>Today&apos;s backup is made, but it could not be copied to {0}.</source>
        <translation>Cadangan hari ini sudah dibuat, tetapi tidak bisa disalin ke {0}.</translation>
    </message>
    <message>
        <source>Today&apos;s backup is made.</source>
        <translation>Cadangan hari ini sudah dibuat.</translation>
    </message>
</context>
<context>
    <name>BackupsSection</name>
    <message>
        <source>Backups</source>
        <translation>Cadangan</translation>
    </message>
    <message>
        <source>Every day the app is opened it makes an encrypted backup in the data folder and, when it is plugged in, in the backup folder (a USB stick). Another one is made before every update of the app.</source>
        <translation>Setiap hari aplikasi dibuka, aplikasi membuat cadangan terenkripsi di folder data dan, bila terpasang, di folder cadangan (flashdisk). Cadangan juga dibuat sebelum setiap pembaruan aplikasi.</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Cadangkan sekarang</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Pulihkan dari cadangan…</translation>
    </message>
    <message>
        <source>Open the backups folder</source>
        <translation>Buka folder cadangan</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>Belum ada cadangan.</translation>
    </message>
    <message>
        <source>Last backup: {0}, {1} records ({2} waiting to be sent). In: {3}</source>
        <translation>Cadangan terakhir: {0}, {1} data ({2} menunggu dikirim). Di: {3}</translation>
    </message>
    <message>
        <source>Backup made: {0}</source>
        <translation>Cadangan dibuat: {0}</translation>
    </message>
    <message>
        <source>The backup folder {0} is not there (USB stick not plugged in?), so no copy went there.</source>
        <translation>Folder cadangan {0} tidak ada (flashdisk belum dipasang?), jadi tidak ada salinan ke sana.</translation>
    </message>
    <message>
        <source>A backup opens with the passwords (and the recovery key) of the day it was made, even after a password is changed. If an old password may be known to someone else, change your password with a new database key (Volunteers, above) and delete the older backups: they still open with the old password and hold the data of their day.</source>
        <translation>Cadangan dibuka dengan kata sandi (dan kunci pemulihan) pada hari cadangan itu dibuat, walaupun kata sandi sudah diganti. Bila kata sandi lama mungkin diketahui orang lain, ganti kata sandi Anda dan centang “ganti juga kunci pengaman data” (Relawan, di atas), lalu hapus cadangan yang lebih lama: cadangan itu masih bisa dibuka dengan kata sandi lama dan berisi data pada harinya.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close this message</source>
        <translation>Tutup pesan ini</translation>
    </message>
</context>
<context>
    <name>CardListModel</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Participant number</source>
        <translation>Nomor peserta</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Kartu</translation>
    </message>
    <message>
        <source>Draft: no card yet</source>
        <translation>Draf: tanpa kartu</translation>
    </message>
    <message>
        <source>Voided: no card</source>
        <translation>Batal: tanpa kartu</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Data tidak ditemukan</translation>
    </message>
    <message>
        <source>New card</source>
        <translation>Kartu baru</translation>
    </message>
    <message>
        <source>Printed {0}× before</source>
        <translation>Sudah dicetak {0}×</translation>
    </message>
    <message>
        <source>No card was printed for this participant yet.</source>
        <translation>Belum pernah ada kartu yang dicetak untuk peserta ini.</translation>
    </message>
    <message>
        <source>A card was printed {0}× before. Printing it again makes a new card with a new serial number; you will be asked why.</source>
        <translation>Kartu sudah dicetak {0}×. Mencetak lagi membuat kartu baru dengan nomor seri baru; Anda akan ditanya alasannya.</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(tidak diketahui)</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>DD-MM-YYYY</source>
        <translation>HH-BB-TTTT</translation>
    </message>
</context>
<context>
    <name>EnrolPanel</name>
    <message>
        <source>First step: register this laptop with the district server</source>
        <translation>Langkah pertama: daftarkan laptop ini ke server kabupaten</translation>
    </message>
    <message>
        <source>This is done once. Ask the district officer for this laptop&apos;s enrolment code, connect to the internet, then type the code below. After that, records are sent with one button, or by themselves when the server can be reached.</source>
        <translation>Cukup sekali saja. Minta kode pendaftaran laptop ini kepada petugas kabupaten, sambungkan laptop ke internet, lalu ketik kodenya di bawah. Sesudah itu data dikirim dengan satu tombol, atau terkirim sendiri ketika server bisa dihubungi.</translation>
    </message>
    <message>
        <source>District server address</source>
        <translation>Alamat server kabupaten</translation>
    </message>
    <message>
        <source>For example https://bpjs-sync.jambiprov.go.id (on the district officer&apos;s note)</source>
        <translation>Misalnya https://bpjs-sync.jambiprov.go.id (lihat catatan dari petugas kabupaten)</translation>
    </message>
    <message>
        <source>For example K7M2-QX9P</source>
        <translation>Misalnya K7M2-QX9P</translation>
    </message>
    <message>
        <source>Laptop enrolment code from the district officer</source>
        <translation>Kode pendaftaran laptop dari petugas kabupaten</translation>
    </message>
    <message>
        <source>It works only once and only for a short time.</source>
        <translation>Kode ini hanya berlaku sekali dan untuk waktu singkat.</translation>
    </message>
    <message>
        <source>Register this laptop</source>
        <translation>Daftarkan laptop ini</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <source>Register this laptop again with a new code</source>
        <translation>Daftarkan ulang laptop ini dengan kode baru</translation>
    </message>
    <message>
        <source>Type the district server&apos;s address.</source>
        <translation>Ketik alamat server kabupaten.</translation>
    </message>
    <message>
        <source>Type the enrolment code from the district officer.</source>
        <translation>Ketik kode pendaftaran dari petugas kabupaten.</translation>
    </message>
    <message>
        <source>Contacting the district server…</source>
        <translation>Menghubungi server kabupaten…</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>fieldreg — set up this laptop</source>
        <translation>fieldreg — siapkan laptop ini</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <source>This laptop will register informal workers into BPJS Ketenagakerjaan (JKK and JKM) for the Gerakan Desa Peduli Jaminan Sosial, also without internet. Setting it up takes three short steps.</source>
        <translation>Laptop ini akan dipakai untuk mendaftarkan pekerja informal ke BPJS Ketenagakerjaan (JKK dan JKM) dalam Gerakan Desa Peduli Jaminan Sosial, juga tanpa internet. Persiapannya hanya tiga langkah singkat.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>A new laptop for data you already have?</source>
        <translation>Laptop baru untuk data yang sudah ada?</translation>
    </message>
    <message>
        <source>If this laptop replaces another one, restore its backup (a file ending in .fieldreg-backup, for example on the USB stick) instead of setting up anew.</source>
        <translation>Jika laptop ini menggantikan laptop lain, pulihkan cadangannya (berkas yang namanya berakhir .fieldreg-backup, misalnya di flashdisk) daripada menyiapkan dari awal.</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Pulihkan dari cadangan…</translation>
    </message>
    <message>
        <source>This laptop</source>
        <translation>Laptop ini</translation>
    </message>
    <message>
        <source>Give the laptop a name the district office will recognise, and the regency where it registers workers.</source>
        <translation>Beri nama laptop yang mudah dikenali kantor kabupaten, dan pilih kabupaten tempat laptop ini mendaftarkan pekerja.</translation>
    </message>
    <message>
        <source>Laptop name</source>
        <translation>Nama laptop</translation>
    </message>
    <message>
        <source>For example: Laptop Desa Sungai Gelam 1</source>
        <translation>Contoh: Laptop Desa Sungai Gelam 1</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provinsi</translation>
    </message>
    <message>
        <source>Home regency</source>
        <translation>Kabupaten</translation>
    </message>
    <message>
        <source>First volunteer</source>
        <translation>Relawan pertama</translation>
    </message>
    <message>
        <source>The first volunteer is this laptop&apos;s supervisor: they can add other volunteers and approve corrections. The password protects the data if the laptop is lost.</source>
        <translation>Relawan pertama menjadi supervisor laptop ini: boleh menambah relawan lain dan menyetujui koreksi. Kata sandi melindungi data bila laptop hilang.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Nama Anda</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>At least 8 characters. Easy to remember, hard to guess: for example three words.</source>
        <translation>Paling sedikit 8 huruf. Mudah diingat, sulit ditebak: misalnya tiga kata.</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Ulangi kata sandi</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Tampilkan kata sandi</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Kunci pemulihan</translation>
    </message>
    <message>
        <source>If every password is forgotten, this key is the only way to open the data. It is shown only now. Write it on paper (or print it) and keep it somewhere safe, away from the laptop.</source>
        <translation>Bila semua kata sandi terlupa, hanya kunci ini yang bisa membuka data. Kunci ini hanya ditampilkan sekarang. Tulis di kertas (atau cetak) dan simpan di tempat aman, jauh dari laptop.</translation>
    </message>
    <message>
        <source>Print the key…</source>
        <translation>Cetak kunci…</translation>
    </message>
    <message>
        <source>I have written down or printed the recovery key and will keep it safe.</source>
        <translation>Saya sudah menulis atau mencetak kunci pemulihan dan akan menyimpannya dengan aman.</translation>
    </message>
    <message>
        <source>Step {0} of {1}</source>
        <translation>Langkah {0} dari {1}</translation>
    </message>
    <message>
        <source>Set up the laptop</source>
        <translation>Siapkan laptop</translation>
    </message>
    <message>
        <source>Start working</source>
        <translation>Mulai bekerja</translation>
    </message>
    <message>
        <source>Write a name for this laptop.</source>
        <translation>Tulis nama untuk laptop ini.</translation>
    </message>
    <message>
        <source>Choose the regency.</source>
        <translation>Pilih kabupaten.</translation>
    </message>
    <message>
        <source>Setting up the encrypted database…</source>
        <translation>Menyiapkan basis data terenkripsi…</translation>
    </message>
</context>
<context>
    <name>HeirsTable</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Hubungan</translation>
    </message>
    <message>
        <source>NIK (if known)</source>
        <translation>NIK (bila tahu)</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>No. HP</translation>
    </message>
    <message>
        <source>+ Add heir</source>
        <translation>+ Tambah ahli waris</translation>
    </message>
    <message>
        <source>Remove selected heir</source>
        <translation>Hapus ahli waris terpilih</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— pilih —</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>About fieldreg</source>
        <translation>Tentang fieldreg</translation>
    </message>
    <message>
        <source>Export diagnostics…</source>
        <translation>Ekspor diagnostik…</translation>
    </message>
    <message>
        <source>Save the diagnostics file</source>
        <translation>Simpan berkas diagnostik</translation>
    </message>
    <message>
        <source>Text file (*.txt)</source>
        <translation>Berkas teks (*.txt)</translation>
    </message>
    <message>
        <source>Diagnostics saved</source>
        <translation>Diagnostik tersimpan</translation>
    </message>
    <message>
        <source>The diagnostics file is saved:</source>
        <translation>Berkas diagnostik sudah disimpan:</translation>
    </message>
    <message>
        <source>in the folder {0}</source>
        <translation>di folder {0}</translation>
    </message>
    <message>
        <source>It holds no personal data: no names, NIKs, birth dates, phone numbers or addresses, only versions, settings and counts. Send it to the district office (by e-mail, WhatsApp or on a USB stick) when they ask for it.</source>
        <translation>Berkas ini tidak berisi data pribadi: tidak ada nama, NIK, tanggal lahir, nomor HP atau alamat, hanya versi, pengaturan dan jumlah data. Kirimkan ke kantor kabupaten (lewat e-mail, WhatsApp atau flashdisk) bila diminta.</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Buka foldernya</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>The folder cannot be written to ({0}). Choose another folder, for example Documents.</source>
        <translation>Tidak bisa menyimpan di folder itu ({0}). Pilih folder lain, misalnya Documents.</translation>
    </message>
    <message>
        <source>Diagnostics not saved</source>
        <translation>Diagnostik tidak tersimpan</translation>
    </message>
    <message>
        <source>The diagnostics file could not be saved.</source>
        <translation>Berkas diagnostik tidak bisa disimpan.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Print history: {0}</source>
        <translation>Riwayat cetak: {0}</translation>
    </message>
    <message>
        <source>No card was printed for {0} yet.</source>
        <translation>Belum ada kartu yang dicetak untuk {0}.</translation>
    </message>
    <message>
        <source>Only the newest card is valid; older serial numbers can be blocked.</source>
        <translation>Hanya kartu terbaru yang berlaku; nomor seri yang lama bisa diblokir.</translation>
    </message>
    <message>
        <source>One card printed.</source>
        <translation>Satu kartu dicetak.</translation>
    </message>
    <message>
        <source>Print no.</source>
        <translation>Cetakan ke-</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Nomor seri</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>Printed on</source>
        <translation>Dicetak ke</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>1 (first card)</source>
        <translation>1 (kartu pertama)</translation>
    </message>
    <message>
        <source>{0} (reprint)</source>
        <translation>{0} (cetak ulang)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>Berkas PDF</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>Dimulai oleh</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Ganda</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Data sent / received</source>
        <translation>Data dikirim / diterima</translation>
    </message>
    <message>
        <source>The run was cut short (the laptop or the app stopped). Nothing was lost: what was not answered is sent again.</source>
        <translation>Sinkronisasi terputus (laptop atau aplikasi berhenti). Tidak ada yang hilang: data yang belum dijawab akan dikirim lagi.</translation>
    </message>
    <message>
        <source>{0} of the rejected were changed by the district meanwhile.</source>
        <translation>{0} dari yang ditolak sudah diubah oleh kabupaten sebelumnya.</translation>
    </message>
</context>
<context>
    <name>HistoryTable</name>
    <message>
        <source>yesterday {0}</source>
        <translation>kemarin {0}</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import village list</source>
        <translation>Impor daftar desa</translation>
    </message>
    <message>
        <source>The village&apos;s list of workers (Excel .xlsx or .csv, in the template&apos;s columns). Every row is checked first; nothing is written until you press Import.</source>
        <translation>Daftar pekerja dari desa (Excel .xlsx atau .csv, dengan kolom templat). Setiap baris diperiksa dulu; tidak ada yang disimpan sebelum Anda menekan Impor.</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Pilih berkas…</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Belum ada berkas dipilih.</translation>
    </message>
    <message>
        <source>Download the template…</source>
        <translation>Unduh templat…</translation>
    </message>
    <message>
        <source>Every worker signed the paper consent form</source>
        <translation>Semua pekerja sudah menandatangani formulir persetujuan kertas</translation>
    </message>
    <message>
        <source>Then the records are ready to send. Otherwise they stay drafts until each worker&apos;s consent is taken.</source>
        <translation>Maka data langsung siap kirim. Bila tidak, data tetap draf sampai persetujuan tiap pekerja diambil.</translation>
    </message>
    <message>
        <source>Coverage from (when empty)</source>
        <translation>Mulai kepesertaan (bila kosong)</translation>
    </message>
    <message>
        <source>Show only rows with problems</source>
        <translation>Tampilkan hanya baris bermasalah</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <source>Save the report…</source>
        <translation>Simpan laporan…</translation>
    </message>
    <message>
        <source>Import {0} valid rows</source>
        <translation>Impor {0} baris yang benar</translation>
    </message>
    <message>
        <source>Choose the village list</source>
        <translation>Pilih daftar desa</translation>
    </message>
    <message>
        <source>Village lists (*.xlsx *.csv);;All files (*)</source>
        <translation>Daftar desa (*.xlsx *.csv);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Checking rows…</source>
        <translation>Memeriksa baris…</translation>
    </message>
    <message>
        <source>{0} rows: {1} can be imported, {2} have errors and will be left out, {3} worth a second look.</source>
        <translation>{0} baris: {1} bisa diimpor, {2} ada galat dan tidak diimpor, {3} perlu diperiksa lagi.</translation>
    </message>
    <message>
        <source>This file was already imported on {0}; rows already on this laptop are not imported again.</source>
        <translation>Berkas ini sudah pernah diimpor pada {0}; baris yang sudah ada di laptop ini tidak diimpor lagi.</translation>
    </message>
    <message>
        <source>Stopped. Nothing was imported.</source>
        <translation>Dihentikan. Tidak ada yang diimpor.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Mengimpor…</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Sudah diimpor</translation>
    </message>
    <message>
        <source>ready to send</source>
        <translation>siap kirim</translation>
    </message>
    <message>
        <source>drafts: take each worker&apos;s consent before saving</source>
        <translation>draf: ambil persetujuan tiap pekerja sebelum menyimpan</translation>
    </message>
    <message>
        <source>{0} registrations imported ({1}).</source>
        <translation>{0} pendaftaran diimpor ({1}).</translation>
    </message>
    <message>
        <source>See them</source>
        <translation>Lihat</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Simpan laporan</translation>
    </message>
    <message>
        <source>Report saved: {0}</source>
        <translation>Laporan disimpan: {0}</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>Simpan templat</translation>
    </message>
    <message>
        <source>Template saved: {0}</source>
        <translation>Templat disimpan: {0}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Menunggu kirim</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Ganda</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Terverifikasi</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Kept on this laptop only; not sent until it is complete and has consent.</source>
        <translation>Hanya tersimpan di laptop ini; tidak dikirim sebelum lengkap dan ada persetujuan.</translation>
    </message>
    <message>
        <source>Complete; waiting for the next sync.</source>
        <translation>Lengkap; menunggu sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Sent to the district server; waiting for its answer.</source>
        <translation>Sudah dikirim ke server kabupaten; menunggu jawaban.</translation>
    </message>
    <message>
        <source>Accepted by the district server.</source>
        <translation>Diterima oleh server kabupaten.</translation>
    </message>
    <message>
        <source>This NIK was already registered elsewhere.</source>
        <translation>NIK ini sudah didaftarkan di tempat lain.</translation>
    </message>
    <message>
        <source>Refused by the server; open it to see why and correct it.</source>
        <translation>Ditolak server; buka untuk melihat alasannya lalu perbaiki.</translation>
    </message>
    <message>
        <source>Verified by BPJS.</source>
        <translation>Sudah diverifikasi BPJS.</translation>
    </message>
    <message>
        <source>Cancelled, with a reason.</source>
        <translation>Dibatalkan, dengan alasan.</translation>
    </message>
    <message>
        <source>The worker (mandiri)</source>
        <translation>Pekerja sendiri (mandiri)</translation>
    </message>
    <message>
        <source>Regency budget (APBD)</source>
        <translation>APBD kabupaten</translation>
    </message>
    <message>
        <source>Province (DUMISAKE / BKBK)</source>
        <translation>Provinsi (DUMISAKE / BKBK)</translation>
    </message>
    <message>
        <source>Palm-oil revenue sharing (DBH sawit)</source>
        <translation>DBH sawit</translation>
    </message>
    <message>
        <source>Company (CSR)</source>
        <translation>Perusahaan (CSR)</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Laki-laki</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Perempuan</translation>
    </message>
    <message>
        <source>Husband</source>
        <translation>Suami</translation>
    </message>
    <message>
        <source>Wife</source>
        <translation>Istri</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Anak</translation>
    </message>
    <message>
        <source>Father</source>
        <translation>Ayah</translation>
    </message>
    <message>
        <source>Mother</source>
        <translation>Ibu</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>Cucu</translation>
    </message>
    <message>
        <source>Grandfather</source>
        <translation>Kakek</translation>
    </message>
    <message>
        <source>Grandmother</source>
        <translation>Nenek</translation>
    </message>
    <message>
        <source>Sibling</source>
        <translation>Saudara kandung</translation>
    </message>
    <message>
        <source>Parent-in-law</source>
        <translation>Mertua</translation>
    </message>
    <message>
        <source>Person named in a will</source>
        <translation>Pihak yang ditunjuk dalam wasiat</translation>
    </message>
    <message>
        <source>The worker read or heard the notice here</source>
        <translation>Pekerja membaca atau mendengar pemberitahuan di sini</translation>
    </message>
    <message>
        <source>The worker signed the paper form</source>
        <translation>Pekerja menandatangani formulir kertas</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>fieldreg — {0}</source>
        <translation>fieldreg — {0}</translation>
    </message>
    <message>
        <source>New registration</source>
        <translation>Pendaftaran baru</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Peserta</translation>
    </message>
    <message>
        <source>Import village list</source>
        <translation>Impor daftar desa</translation>
    </message>
    <message>
        <source>Print cards</source>
        <translation>Cetak kartu</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sinkronisasi</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Alt+{0}</source>
        <translation>Alt+{0}</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
    <message>
        <source>About fieldreg, and a diagnostics file for the district office (F1)</source>
        <translation>Tentang fieldreg, dan berkas diagnostik untuk kantor kabupaten (F1)</translation>
    </message>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>Kunci (Ctrl+L)</translation>
    </message>
    <message>
        <source>Switch volunteer</source>
        <translation>Ganti relawan</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>&lt;b&gt;Why we ask.&lt;/b&gt; The village government and the volunteer collect your data to register you in BPJS Ketenagakerjaan (work accident and death insurance, JKK and JKM), paid as shown above. &lt;b&gt;What.&lt;/b&gt; Your NIK, name, date and place of birth, address, phone, occupation, income and your heirs. &lt;b&gt;Who sees it.&lt;/b&gt; The district office and BPJS Ketenagakerjaan, only for this registration. &lt;b&gt;How long.&lt;/b&gt; As long as the membership lasts; then it is deleted. &lt;b&gt;Your rights.&lt;/b&gt; You may see, correct or withdraw your data at the village office or by calling 175. Data of children named as heirs is given with your consent as their parent or guardian.</source>
        <translation>&lt;b&gt;Mengapa kami meminta data.&lt;/b&gt; Pemerintah desa dan relawan mengumpulkan data Anda untuk mendaftarkan Anda ke BPJS Ketenagakerjaan (jaminan kecelakaan kerja dan kematian, JKK dan JKM), dengan iuran seperti tertera di atas. &lt;b&gt;Data apa.&lt;/b&gt; NIK, nama, tanggal dan tempat lahir, alamat, nomor HP, pekerjaan, penghasilan, dan ahli waris Anda. &lt;b&gt;Siapa yang melihat.&lt;/b&gt; Kantor kabupaten dan BPJS Ketenagakerjaan, hanya untuk pendaftaran ini. &lt;b&gt;Berapa lama.&lt;/b&gt; Selama kepesertaan berlaku; setelah itu dihapus. &lt;b&gt;Hak Anda.&lt;/b&gt; Anda boleh melihat, memperbaiki, atau menarik data Anda di kantor desa atau dengan menelepon 175. Data anak yang menjadi ahli waris diberikan dengan persetujuan Anda sebagai orang tua atau wali.</translation>
    </message>
</context>
<context>
    <name>OccupationPicker</name>
    <message>
        <source>Type: ojek, sawit, nelayan, pedagang…</source>
        <translation>Ketik: ojek, sawit, nelayan, pedagang…</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Accepted by the district server.</source>
        <translation>Diterima oleh server kabupaten.</translation>
    </message>
    <message>
        <source>No. {0}</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <source>Accepted by the district server. Participant number: {0}.</source>
        <translation>Diterima oleh server kabupaten. Nomor peserta: {0}.</translation>
    </message>
    <message>
        <source>Already registered elsewhere</source>
        <translation>Sudah terdaftar di tempat lain</translation>
    </message>
    <message>
        <source>This NIK is already registered elsewhere. Do not register the same person twice. If the NIK was typed wrongly, open the record, correct it and save it.</source>
        <translation>NIK ini sudah terdaftar di tempat lain. Jangan mendaftarkan orang yang sama dua kali. Bila NIK salah ketik, buka datanya, perbaiki, lalu simpan.</translation>
    </message>
    <message>
        <source>(no number yet)</source>
        <translation>(belum bernomor)</translation>
    </message>
    <message>
        <source>Already on this laptop: {0}</source>
        <translation>Sudah ada di laptop ini: {0}</translation>
    </message>
    <message>
        <source>This NIK is already registered on this laptop as participant {0}. The same person was probably registered twice: check both records and void one of them.</source>
        <translation>NIK ini sudah terdaftar di laptop ini sebagai peserta {0}. Kemungkinan orang yang sama terdaftar dua kali: periksa kedua data itu lalu batalkan salah satunya.</translation>
    </message>
    <message>
        <source>Do not register the same person twice. If the NIK was typed wrongly, open the record, correct it and save it; if it is the same person, void this record.</source>
        <translation>Jangan mendaftarkan orang yang sama dua kali. Bila NIK salah ketik, buka datanya, perbaiki, lalu simpan; bila memang orang yang sama, batalkan data ini.</translation>
    </message>
    <message>
        <source>Already registered: {0} ({1})</source>
        <translation>Sudah terdaftar: {0} ({1})</translation>
    </message>
    <message>
        <source>This NIK is already registered as participant {0} ({1}).</source>
        <translation>NIK ini sudah terdaftar sebagai peserta {0} ({1}).</translation>
    </message>
    <message>
        <source>Already registered: {0}</source>
        <translation>Sudah terdaftar: {0}</translation>
    </message>
    <message>
        <source>This NIK is already registered as participant {0}.</source>
        <translation>NIK ini sudah terdaftar sebagai peserta {0}.</translation>
    </message>
    <message>
        <source>Changed by the district: open, check and save again</source>
        <translation>Diubah kabupaten: buka, periksa, simpan lagi</translation>
    </message>
    <message>
        <source>The district changed this record after it was sent. Open it, check the details with the worker and save it again; it is sent again at the next sync.</source>
        <translation>Kabupaten mengubah data ini setelah data dikirim. Buka datanya, periksa isinya bersama pekerja, lalu simpan lagi; data akan dikirim ulang pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Open it, correct it and save it again: it is sent again at the next sync.</source>
        <translation>Buka datanya, perbaiki, lalu simpan lagi: data akan dikirim ulang pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Refused: open it to check</source>
        <translation>Ditolak: buka untuk memeriksa</translation>
    </message>
    <message>
        <source>The district server refused this record.</source>
        <translation>Server kabupaten menolak data ini.</translation>
    </message>
    <message>
        <source>{0} (and {1} more)</source>
        <translation>{0} (dan {1} lainnya)</translation>
    </message>
    <message>
        <source>The district server refused this record:</source>
        <translation>Server kabupaten menolak data ini:</translation>
    </message>
    <message>
        <source>Cancelled by the district</source>
        <translation>Dibatalkan oleh kabupaten</translation>
    </message>
    <message>
        <source>The district cancelled this registration. Ask the district officer if you do not know why.</source>
        <translation>Kabupaten membatalkan pendaftaran ini. Tanyakan kepada petugas kabupaten bila Anda tidak tahu alasannya.</translation>
    </message>
</context>
<context>
    <name>OutcomeStrip</name>
    <message>
        <source>Open and fix</source>
        <translation>Buka dan perbaiki</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Supervisor override</source>
        <translation>Persetujuan supervisor</translation>
    </message>
    <message>
        <source>Only when the ID card itself is wrong: keep the NIK as printed and record why.</source>
        <translation>Hanya bila KTP-nya sendiri yang salah: NIK tetap seperti tercetak, dan alasannya dicatat.</translation>
    </message>
    <message>
        <source>For example: birth date on the KTP differs from the family card; KTP being corrected</source>
        <translation>Contoh: tanggal lahir di KTP berbeda dengan KK; KTP sedang diperbaiki</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Supervisor&apos;s password</source>
        <translation>Kata sandi supervisor</translation>
    </message>
    <message>
        <source>Approved by you ({0}, supervisor).</source>
        <translation>Disetujui oleh Anda ({0}, supervisor).</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Setujui</translation>
    </message>
</context>
<context>
    <name>ParticipantsModel</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Participant no.</source>
        <translation>No. peserta</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Who pays</source>
        <translation>Pembayar iuran</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>District server&apos;s answer</source>
        <translation>Jawaban server kabupaten</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Diubah</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(belum ada nama)</translation>
    </message>
</context>
<context>
    <name>ParticipantsPage</name>
    <message>
        <source>Participants</source>
        <translation>Peserta</translation>
    </message>
    <message>
        <source>Everyone registered on this laptop. Search by NIK or part of the name; double-click or press Enter to open.</source>
        <translation>Semua yang terdaftar di laptop ini. Cari dengan NIK atau sebagian nama; klik dua kali atau tekan Enter untuk membuka.</translation>
    </message>
    <message>
        <source>Search: NIK or part of a name (Ctrl+F)</source>
        <translation>Cari: NIK atau sebagian nama (Ctrl+F)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Needs fixing</source>
        <translation>Perlu diperbaiki</translation>
    </message>
    <message>
        <source>Rejected or duplicate: the district server sent them back</source>
        <translation>Ditolak atau ganda: dikembalikan oleh server kabupaten</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Any payer</source>
        <translation>Semua pembayar</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Hapus filter</translation>
    </message>
    <message>
        <source>Open / edit</source>
        <translation>Buka / ubah</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>Nonaktifkan…</translation>
    </message>
    <message>
        <source>Print cards</source>
        <translation>Cetak kartu</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Mencari…</translation>
    </message>
    <message>
        <source>{0} records</source>
        <translation>{0} data</translation>
    </message>
    <message>
        <source>Print cards ({0})</source>
        <translation>Cetak kartu ({0})</translation>
    </message>
    <message>
        <source>Voided records get no card.</source>
        <translation>Data yang dibatalkan tidak mendapat kartu.</translation>
    </message>
    <message>
        <source>{0} selected</source>
        <translation>{0} dipilih</translation>
    </message>
    <message>
        <source>Voided: {0}.</source>
        <translation>Dibatalkan: {0}.</translation>
    </message>
</context>
<context>
    <name>PdfKindDialog</name>
    <message>
        <source>Save the cards as a PDF</source>
        <translation>Simpan kartu sebagai PDF</translation>
    </message>
    <message>
        <source>What is this PDF of {0} cards for?</source>
        <translation>PDF berisi {0} kartu ini untuk apa?</translation>
    </message>
    <message>
        <source>Specimen: to look at or send for checking. Every card says CONTOH and has no QR code; nothing counts as printed, so printing on paper later is still the first print.</source>
        <translation>Contoh: untuk dilihat atau dikirim untuk diperiksa. Setiap kartu bertanda CONTOH dan tanpa kode QR; tidak ada yang dihitung sudah dicetak, jadi mencetak di kertas nanti tetap cetakan pertama.</translation>
    </message>
    <message>
        <source>Cards: to print elsewhere (a print shop, another printer) and hand over. They count as printed: printing them here later is a reprint, with a new serial number and a reason.</source>
        <translation>Kartu: untuk dicetak di tempat lain (percetakan, printer lain) lalu diserahkan. Kartu dihitung sudah dicetak: mencetaknya lagi di sini nanti menjadi cetak ulang, dengan nomor seri baru dan alasan.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Cards to print elsewhere</source>
        <translation>Kartu untuk dicetak di tempat lain</translation>
    </message>
    <message>
        <source>Specimen only</source>
        <translation>Contoh saja</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Row</source>
        <translation>Baris</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Masalah</translation>
    </message>
    <message>
        <source>Error — not imported</source>
        <translation>Galat — tidak diimpor</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Periksa</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Benar</translation>
    </message>
</context>
<context>
    <name>PrintCardsPage</name>
    <message>
        <source>Print cards</source>
        <translation>Cetak kartu</translation>
    </message>
    <message>
        <source>Each card carries a signed QR code that can be checked without internet. Check the list and the card, then print on paper or save a PDF to print elsewhere.</source>
        <translation>Setiap kartu memuat kode QR bertanda tangan yang bisa diperiksa tanpa internet. Periksa daftar dan kartunya, lalu cetak di kertas atau simpan sebagai PDF untuk dicetak di tempat lain.</translation>
    </message>
    <message>
        <source>Whose cards</source>
        <translation>Kartu siapa</translation>
    </message>
    <message>
        <source>A4 paper (10 cards per sheet)</source>
        <translation>Kertas A4 (10 kartu per lembar)</translation>
    </message>
    <message>
        <source>Card printer (CR80, one card per page)</source>
        <translation>Printer kartu (CR80, satu kartu per halaman)</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Tata letak</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>Depan</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Belakang</translation>
    </message>
    <message>
        <source>Preview and print…</source>
        <translation>Pratinjau &amp;&amp; cetak…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Simpan PDF…</translation>
    </message>
    <message>
        <source>Print history…</source>
        <translation>Riwayat cetak…</translation>
    </message>
    <message>
        <source>Chosen in the Participants list ({0})</source>
        <translation>Yang dipilih di daftar Peserta ({0})</translation>
    </message>
    <message>
        <source>Everyone without a card yet</source>
        <translation>Semua yang belum punya kartu</translation>
    </message>
    <message>
        <source>Everyone (also those printed before)</source>
        <translation>Semua (juga yang sudah pernah dicetak)</translation>
    </message>
    <message>
        <source>Reading the list…</source>
        <translation>Membaca daftar…</translation>
    </message>
    <message>
        <source>Everyone complete already has a card ({0}). To print one again, choose it in the Participants list.</source>
        <translation>Semua data yang lengkap sudah punya kartu ({0}). Untuk mencetak ulang, pilih pesertanya di daftar Peserta.</translation>
    </message>
    <message>
        <source>No complete registrations yet: a card is printed once a record is complete and has consent.</source>
        <translation>Belum ada pendaftaran yang lengkap: kartu dicetak setelah data lengkap dan disetujui.</translation>
    </message>
    <message>
        <source>{0} cards to print</source>
        <translation>{0} kartu akan dicetak</translation>
    </message>
    <message>
        <source>{0} without a card (see why in the list)</source>
        <translation>{0} tanpa kartu (lihat alasannya di daftar)</translation>
    </message>
    <message>
        <source>{0} already have a card (not shown)</source>
        <translation>{0} sudah punya kartu (tidak ditampilkan)</translation>
    </message>
    <message>
        <source>The card that will print</source>
        <translation>Kartu yang akan dicetak</translation>
    </message>
    <message>
        <source>{0} reprints (a reason is asked)</source>
        <translation>{0} cetak ulang (perlu alasan)</translation>
    </message>
    <message>
        <source>{0} A4 sheets, both sides</source>
        <translation>{0} lembar A4 bolak-balik</translation>
    </message>
    <message>
        <source>No card to show.</source>
        <translation>Tidak ada kartu untuk ditampilkan.</translation>
    </message>
    <message>
        <source>{0} · front and back</source>
        <translation>{0} · depan dan belakang</translation>
    </message>
    <message>
        <source>Save the cards as a PDF</source>
        <translation>Simpan kartu sebagai PDF</translation>
    </message>
    <message>
        <source>Writing the PDF of {0} cards…</source>
        <translation>Menulis PDF {0} kartu…</translation>
    </message>
    <message>
        <source>Writing the specimen PDF of {0} cards…</source>
        <translation>Menulis PDF contoh {0} kartu…</translation>
    </message>
    <message>
        <source>Specimen of {0} cards saved in {1}. It is marked CONTOH and has no QR code; nothing was counted as printed.</source>
        <translation>Contoh {0} kartu disimpan di {1}. Bertanda CONTOH dan tanpa kode QR; tidak ada yang dihitung sudah dicetak.</translation>
    </message>
    <message>
        <source>Preparing {0} cards…</source>
        <translation>Menyiapkan {0} kartu…</translation>
    </message>
    <message>
        <source>Preview and print {0} cards</source>
        <translation>Pratinjau &amp; cetak {0} kartu</translation>
    </message>
    <message>
        <source>The printer could not print the cards ({0}). No card was recorded as printed; check the printer and try again.</source>
        <translation>Printer tidak bisa mencetak kartu ({0}). Tidak ada kartu yang dicatat sebagai tercetak; periksa printernya lalu coba lagi.</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>dihentikan</translation>
    </message>
    <message>
        <source>{0} of them are reprints with a new serial number.</source>
        <translation>{0} di antaranya cetak ulang dengan nomor seri baru.</translation>
    </message>
    <message>
        <source>{0} cards saved in the PDF {1}.</source>
        <translation>{0} kartu disimpan dalam PDF {1}.</translation>
    </message>
    <message>
        <source>Open the PDF</source>
        <translation>Buka PDF</translation>
    </message>
    <message>
        <source>a PDF file</source>
        <translation>berkas PDF</translation>
    </message>
    <message>
        <source>{0} cards printed on {1}. Check the sheets before cutting.</source>
        <translation>{0} kartu dicetak di {1}. Periksa lembarannya sebelum digunting.</translation>
    </message>
    <message>
        <source>Stopped. No PDF was written and no card was recorded as printed.</source>
        <translation>Dihentikan. Tidak ada PDF yang ditulis dan tidak ada kartu yang dicatat sebagai tercetak.</translation>
    </message>
    <message>
        <source>Preview and print {0} cards…</source>
        <translation>Pratinjau &amp;&amp; cetak {0} kartu…</translation>
    </message>
</context>
<context>
    <name>PrintKey</name>
    <message>
        <source>fieldreg recovery key</source>
        <translation>Kunci pemulihan fieldreg</translation>
    </message>
    <message>
        <source>Laptop: {0}. Printed {1}. Keep this paper safe, away from the laptop.</source>
        <translation>Laptop: {0}. Dicetak {1}. Simpan kertas ini dengan aman, jauh dari laptop.</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Unknown language.</source>
        <translation>Bahasa tidak dikenal.</translation>
    </message>
    <message>
        <source>Write the address with http:// or https://, for example https://bpjs-sync.jambiprov.go.id</source>
        <translation>Tulis alamat dengan http:// atau https://, misalnya https://bpjs-sync.jambiprov.go.id</translation>
    </message>
    <message>
        <source>Choose between {min} and {max} minutes.</source>
        <translation>Pilih antara {min} dan {max} menit.</translation>
    </message>
    <message>
        <source>Unknown paper size.</source>
        <translation>Ukuran kertas tidak dikenal.</translation>
    </message>
    <message>
        <source>Targets are whole numbers, 0 or more.</source>
        <translation>Target berupa angka bulat, 0 atau lebih.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>Kedua kata sandi tidak sama. Ketik kata sandi yang sama dua kali.</translation>
    </message>
    <message>
        <source>Pick the village from the list: type part of its name, then choose.</source>
        <translation>Pilih desa dari daftar: ketik sebagian namanya, lalu pilih.</translation>
    </message>
    <message>
        <source>Something went wrong ({error}). Nothing was lost; try again. If it keeps happening, tell your supervisor.</source>
        <translation>Terjadi kesalahan ({error}). Tidak ada data yang hilang; coba lagi. Bila terus terjadi, beri tahu supervisor Anda.</translation>
    </message>
</context>
<context>
    <name>ProgressStrip</name>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Forgot the password</source>
        <translation>Lupa kata sandi</translation>
    </message>
    <message>
        <source>Type the recovery key written down when this laptop was set up, then a new password for {0}.</source>
        <translation>Ketik kunci pemulihan yang dicatat saat laptop ini disiapkan, lalu kata sandi baru untuk {0}.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Kunci pemulihan</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Ulangi kata sandi baru</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Open with the key</source>
        <translation>Buka dengan kunci</translation>
    </message>
</context>
<context>
    <name>RegistrationForm</name>
    <message>
        <source>Identity</source>
        <translation>Identitas</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>Work and contribution</source>
        <translation>Pekerjaan &amp; Iuran</translation>
    </message>
    <message>
        <source>Heirs</source>
        <translation>Ahli Waris</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Persetujuan</translation>
    </message>
    <message>
        <source>NIK (16 digits, from the KTP)</source>
        <translation>NIK (16 angka, dari KTP)</translation>
    </message>
    <message>
        <source>Fill from the NIK</source>
        <translation>Isi dari NIK</translation>
    </message>
    <message>
        <source>Fill in the date of birth and sex that the NIK says</source>
        <translation>Isi tanggal lahir dan jenis kelamin menurut NIK</translation>
    </message>
    <message>
        <source>Full name as on the KTP</source>
        <translation>Nama lengkap sesuai KTP</translation>
    </message>
    <message>
        <source>Place of birth</source>
        <translation>Tempat lahir</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Jenis kelamin</translation>
    </message>
    <message>
        <source>Mother&apos;s maiden name</source>
        <translation>Nama ibu kandung</translation>
    </message>
    <message>
        <source>BPJS uses it to confirm identity.</source>
        <translation>Dipakai BPJS untuk memastikan identitas.</translation>
    </message>
    <message>
        <source>Family card number (KK)</source>
        <translation>Nomor Kartu Keluarga (KK)</translation>
    </message>
    <message>
        <source>The KTP really differs? Supervisor override…</source>
        <translation>KTP memang berbeda? Persetujuan supervisor…</translation>
    </message>
    <message>
        <source>Remove override</source>
        <translation>Hapus persetujuan</translation>
    </message>
    <message>
        <source>— all kecamatan —</source>
        <translation>— semua kecamatan —</translation>
    </message>
    <message>
        <source>Regency</source>
        <translation>Kabupaten</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Village (desa/kelurahan)</source>
        <translation>Desa/kelurahan</translation>
    </message>
    <message>
        <source>Street or dusun</source>
        <translation>Jalan atau dusun</translation>
    </message>
    <message>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>No. HP</translation>
    </message>
    <message>
        <source>For example 0812-3456-7890. A family may share.</source>
        <translation>Contoh 0812-3456-7890. Boleh sama dengan keluarga.</translation>
    </message>
    <message>
        <source>E-mail (if any)</source>
        <translation>E-mail (bila ada)</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Work location</source>
        <translation>Lokasi kerja</translation>
    </message>
    <message>
        <source>Income per month (Rp)</source>
        <translation>Penghasilan sebulan (Rp)</translation>
    </message>
    <message>
        <source>Empty: the lowest bracket (Rp1.000.000).</source>
        <translation>Kosong: golongan terendah (Rp1.000.000).</translation>
    </message>
    <message>
        <source>Work accident and death: always included.</source>
        <translation>Kecelakaan kerja dan kematian: selalu ikut.</translation>
    </message>
    <message>
        <source>+ JHT (savings)</source>
        <translation>+ JHT (tabungan hari tua)</translation>
    </message>
    <message>
        <source>Programmes</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>— who pays? —</source>
        <translation>— siapa yang membayar? —</translation>
    </message>
    <message>
        <source>Who pays the contribution</source>
        <translation>Sumber iuran</translation>
    </message>
    <message>
        <source>Coverage from</source>
        <translation>Mulai kepesertaan</translation>
    </message>
    <message>
        <source>Coverage until</source>
        <translation>Akhir kepesertaan</translation>
    </message>
    <message>
        <source>Needed when the government or a company pays.</source>
        <translation>Wajib bila iuran dibayar pemerintah atau perusahaan.</translation>
    </message>
    <message>
        <source>JKM benefits are paid to the heirs: spouse or children first, then parents.</source>
        <translation>Manfaat JKM dibayarkan kepada ahli waris: suami/istri atau anak lebih dulu, lalu orang tua.</translation>
    </message>
    <message>
        <source>Read this notice to the worker (version {0}):</source>
        <translation>Bacakan pemberitahuan ini kepada pekerja (versi {0}):</translation>
    </message>
    <message>
        <source>The worker has heard the notice and agrees (without this the record stays a draft)</source>
        <translation>Pekerja sudah mendengar pemberitahuan dan setuju (tanpa ini data tetap draf)</translation>
    </message>
    <message>
        <source>Kec.</source>
        <translation>Kec.</translation>
    </message>
    <message>
        <source>The NIK says: born {0} · {1} · issued in {2}</source>
        <translation>Menurut NIK: lahir {0} · {1} · diterbitkan di {2}</translation>
    </message>
    <message>
        <source>Override by {0}: {1}</source>
        <translation>Disetujui {0}: {1}</translation>
    </message>
</context>
<context>
    <name>RegistrationPage</name>
    <message>
        <source>New registration</source>
        <translation>Pendaftaran baru</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Belum disimpan</translation>
    </message>
    <message>
        <source>{0} per month, paid by: {1}</source>
        <translation>{0} per bulan, dibayar oleh: {1}</translation>
    </message>
    <message>
        <source>Not saved yet: {0} field(s) to correct, shown in red. You can also save it as a draft and finish later.</source>
        <translation>Belum disimpan: {0} isian perlu diperbaiki (yang berwarna merah). Anda juga bisa menyimpannya sebagai draf dan melengkapinya nanti.</translation>
    </message>
    <message>
        <source>Not saved: correct the fields shown in red first.</source>
        <translation>Belum disimpan: perbaiki dulu isian yang berwarna merah.</translation>
    </message>
    <message>
        <source>Saved: {0} — {1}.</source>
        <translation>Tersimpan: {0} — {1}.</translation>
    </message>
    <message>
        <source>It stays on this laptop until it is complete.</source>
        <translation>Data tetap di laptop ini sampai lengkap.</translation>
    </message>
    <message>
        <source>Ready for the next worker (village and payer kept).</source>
        <translation>Siap untuk pekerja berikutnya (desa dan pembayar tetap).</translation>
    </message>
    <message>
        <source>Open it again</source>
        <translation>Buka lagi</translation>
    </message>
    <message>
        <source>Open that record</source>
        <translation>Buka data itu</translation>
    </message>
    <message>
        <source>{0} ({1}, {2}) is already registered with this NIK.</source>
        <translation>{0} ({1}, {2}) sudah terdaftar dengan NIK ini.</translation>
    </message>
    <message>
        <source>Saving changes makes a new version that is sent again at the next sync.</source>
        <translation>Menyimpan perubahan membuat versi baru yang dikirim ulang saat sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>View: {0} ({1})</source>
        <translation>Lihat: {0} ({1})</translation>
    </message>
    <message>
        <source>Edit: {0} ({1})</source>
        <translation>Ubah: {0} ({1})</translation>
    </message>
    <message>
        <source>Participant no. {0}</source>
        <translation>No. peserta {0}</translation>
    </message>
    <message>
        <source>Empty form</source>
        <translation>Kosongkan formulir</translation>
    </message>
    <message>
        <source>Stop editing</source>
        <translation>Selesai mengubah</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Perubahan belum disimpan</translation>
    </message>
    <message>
        <source>The form has changes that are not saved.</source>
        <translation>Ada isian di formulir yang belum disimpan.</translation>
    </message>
    <message>
        <source>Save them before going to another page, or discard them.</source>
        <translation>Simpan dulu sebelum pindah ke halaman lain, atau buang perubahannya.</translation>
    </message>
    <message>
        <source>Save them before locking, or discard them.</source>
        <translation>Simpan dulu sebelum aplikasi dikunci, atau buang perubahannya.</translation>
    </message>
    <message>
        <source>Save them before another volunteer opens the app, or discard them.</source>
        <translation>Simpan dulu sebelum relawan lain membuka aplikasi, atau buang perubahannya.</translation>
    </message>
    <message>
        <source>Save them before closing, or discard them.</source>
        <translation>Simpan dulu sebelum aplikasi ditutup, atau buang perubahannya.</translation>
    </message>
    <message>
        <source>Save them first, or discard them.</source>
        <translation>Simpan dulu, atau buang perubahannya.</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>Simpan sebagai draf</translation>
    </message>
    <message>
        <source>Discard the changes</source>
        <translation>Buang perubahan</translation>
    </message>
    <message>
        <source>Go back to the form</source>
        <translation>Kembali ke formulir</translation>
    </message>
    <message>
        <source>Discard it…</source>
        <translation>Buang…</translation>
    </message>
    <message>
        <source>Discard the form?</source>
        <translation>Buang formulir?</translation>
    </message>
    <message>
        <source>Discard the form that came back?</source>
        <translation>Buang formulir yang dipulihkan ini?</translation>
    </message>
    <message>
        <source>What was typed in it is lost and cannot be brought back.</source>
        <translation>Isian yang sudah diketik akan hilang dan tidak bisa dikembalikan.</translation>
    </message>
    <message>
        <source>Yes, discard this form</source>
        <translation>Ya, buang formulir ini</translation>
    </message>
    <message>
        <source>No, go on typing</source>
        <translation>Tidak, lanjutkan mengisi</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Next: {0}</source>
        <translation>Berikutnya: {0}</translation>
    </message>
    <message>
        <source>This record was voided: it is shown read-only, cannot be changed and gets no card. Reason: {0}</source>
        <translation>Data ini sudah dibatalkan: hanya bisa dilihat, tidak bisa diubah dan tidak mendapat kartu. Alasan: {0}</translation>
    </message>
    <message>
        <source>The form you were typing ({0}) was not saved; it is back.</source>
        <translation>Formulir yang sedang Anda isi ({0}) belum tersimpan; sudah dipulihkan.</translation>
    </message>
</context>
<context>
    <name>RekeyDialog</name>
    <message>
        <source>Also make a new recovery key (if the paper with the old one may have been seen)</source>
        <translation>Buat juga kunci pemulihan baru (bila kertas kunci yang lama mungkin sudah dilihat orang)</translation>
    </message>
    <message>
        <source>Changing the key. Do not close the app or turn off the laptop until it is done.</source>
        <translation>Kunci sedang diganti. Jangan tutup aplikasi atau matikan laptop sampai selesai.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Change the key</source>
        <translation>Ganti kunci</translation>
    </message>
    <message>
        <source>I have written down the new recovery key and will keep it safe.</source>
        <translation>Saya sudah mencatat kunci pemulihan baru dan akan menyimpannya baik-baik.</translation>
    </message>
    <message>
        <source>Change the password and the database key</source>
        <translation>Ganti kata sandi dan kunci pengaman data</translation>
    </message>
    <message>
        <source>The password and the database key were changed. The old password no longer opens the data on this laptop, not even together with an old backup. Old backups themselves still open with the old password (they hold the old data): delete them if the old password may be known to someone else.</source>
        <translation>Kata sandi dan kunci pengaman data sudah diganti. Kata sandi lama tidak bisa lagi membuka data di laptop ini, juga tidak bersama cadangan lama. Cadangan lama sendiri masih bisa dibuka dengan kata sandi lama (isinya data lama): hapus cadangan lama bila kata sandi lama mungkin diketahui orang lain.</translation>
    </message>
    <message>
        <source>Database key changed</source>
        <translation>Kunci pengaman data sudah diganti</translation>
    </message>
    <message>
        <source>New recovery key — write it down now and keep it safe; the old one no longer works:</source>
        <translation>Kunci pemulihan baru — catat sekarang dan simpan baik-baik; yang lama tidak berlaku lagi:</translation>
    </message>
    <message>
        <source>Old backups still open with the old password: they hold the data as it was then. If the old password may be known to someone else, delete the old backups (in the backups folder and on USB sticks) after making a new one.</source>
        <translation>Cadangan lama masih bisa dibuka dengan kata sandi lama: isinya data seperti saat itu. Bila kata sandi lama mungkin diketahui orang lain, hapus cadangan lama (di folder backups dan di flashdisk) setelah membuat cadangan baru.</translation>
    </message>
    <message>
        <source>The app is still busy with other work. Wait a moment and try again.</source>
        <translation>Aplikasi masih mengerjakan hal lain. Tunggu sebentar lalu coba lagi.</translation>
    </message>
    <message>
        <source>These volunteers must set their password again with the recovery key (Forgot the password): {0}.</source>
        <translation>Relawan ini harus membuat kata sandi lagi dengan kunci pemulihan (Lupa kata sandi): {0}.</translation>
    </message>
    <message>
        <source>Your password is changed and the data on this laptop gets a new key. Afterwards old passwords, together with old backups, no longer open the data on this laptop. The other volunteers&apos; passwords and the recovery key keep working.</source>
        <translation>Kata sandi Anda diganti dan data di laptop ini mendapat kunci pengaman baru. Sesudah itu kata sandi lama tidak bisa lagi membuka data di laptop ini, juga tidak bersama cadangan lama. Kata sandi relawan lain dan kunci pemulihan tetap berlaku.</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Why print again?</source>
        <translation>Mengapa dicetak ulang?</translation>
    </message>
    <message>
        <source>{0} of these cards were printed before. Each gets a new serial number, and the old card can be blocked later. Why are they printed again?</source>
        <translation>{0} kartu ini sudah pernah dicetak. Masing-masing mendapat nomor seri baru, dan kartu lama bisa diblokir nanti. Mengapa dicetak ulang?</translation>
    </message>
    <message>
        <source>Card lost</source>
        <translation>Kartu hilang</translation>
    </message>
    <message>
        <source>Card damaged</source>
        <translation>Kartu rusak</translation>
    </message>
    <message>
        <source>Record corrected (name, village…)</source>
        <translation>Data diperbaiki (nama, desa…)</translation>
    </message>
    <message>
        <source>Another reason</source>
        <translation>Alasan lain</translation>
    </message>
    <message>
        <source>For example: lost at the market; card got wet</source>
        <translation>Misalnya: hilang di pasar; kartu basah</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Optional for the reasons above; required for another reason.</source>
        <translation>Boleh kosong untuk alasan di atas; wajib diisi untuk alasan lain.</translation>
    </message>
    <message>
        <source>Do not print</source>
        <translation>Jangan cetak</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Cetak ulang</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>Pilih alasannya.</translation>
    </message>
    <message>
        <source>Write the reason.</source>
        <translation>Tulis alasannya.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Choose a backup</source>
        <translation>Pilih berkas cadangan</translation>
    </message>
    <message>
        <source>fieldreg backups (*.fieldreg-backup)</source>
        <translation>Cadangan fieldreg (*.fieldreg-backup)</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Pulihkan dari cadangan</translation>
    </message>
    <message>
        <source>Backup of {0} from {1}</source>
        <translation>Cadangan {0} dari {1}</translation>
    </message>
    <message>
        <source>{0} records, {1} of them waiting to be sent. Made by fieldreg {2}.</source>
        <translation>{0} data, {1} di antaranya menunggu dikirim. Dibuat oleh fieldreg {2}.</translation>
    </message>
    <message>
        <source>The data now on this laptop is not deleted: it is kept in the folder backups/replaced-… inside the data folder. Records made after this backup are only there.</source>
        <translation>Data yang sekarang ada di laptop ini tidak dihapus: disimpan di folder backups/replaced-… di dalam folder data. Data yang dibuat sesudah cadangan ini hanya ada di sana.</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>Relawan</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>The password as it was when the backup was made.</source>
        <translation>Kata sandi seperti saat cadangan dibuat.</translation>
    </message>
    <message>
        <source>Use the recovery key instead</source>
        <translation>Pakai kunci pemulihan</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Kunci pemulihan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Pulihkan</translation>
    </message>
    <message>
        <source>The app is still busy with other work. Wait a moment and press Restore again.</source>
        <translation>Aplikasi masih mengerjakan hal lain. Tunggu sebentar, lalu tekan Pulihkan lagi.</translation>
    </message>
    <message>
        <source>Replace the data on this laptop?</source>
        <translation>Ganti data di laptop ini?</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Check before saving</source>
        <translation>Periksa sebelum menyimpan</translation>
    </message>
    <message>
        <source>Read this back to the worker. Is everything right? Once saved it is sent to the district at the next sync.</source>
        <translation>Bacakan kembali kepada pekerja. Apakah semuanya benar? Setelah disimpan, data dikirim ke kabupaten pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Back to the form (Esc)</source>
        <translation>Kembali ke formulir (Esc)</translation>
    </message>
    <message>
        <source>Yes, save (Enter)</source>
        <translation>Ya, simpan (Enter)</translation>
    </message>
    <message>
        <source>{0} per month, paid by: {1}</source>
        <translation>{0} per bulan, dibayar oleh: {1}</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Belum ada</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Tempat, tanggal lahir</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Jenis kelamin</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>No. HP</translation>
    </message>
    <message>
        <source>Heirs</source>
        <translation>Ahli waris</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>Iuran</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Persetujuan</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Settings of this laptop. They hold no data about workers.</source>
        <translation>Pengaturan laptop ini. Tidak berisi data pekerja.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Changes at once when you save the settings.</source>
        <translation>Langsung berubah saat pengaturan disimpan.</translation>
    </message>
    <message>
        <source>District server address</source>
        <translation>Alamat server kabupaten</translation>
    </message>
    <message>
        <source>For example https://bpjs-sync.jambiprov.go.id. Given by the district office; used to register this laptop on the Sync page.</source>
        <translation>Misalnya https://bpjs-sync.jambiprov.go.id. Diberikan oleh kantor kabupaten; dipakai untuk mendaftarkan laptop ini di halaman Sinkronisasi.</translation>
    </message>
    <message>
        <source>Send automatically when the server can be reached</source>
        <translation>Kirim otomatis saat server terjangkau</translation>
    </message>
    <message>
        <source>About once a minute the app checks whether the district server answers; if it does and records are waiting, they are sent without pressing anything.</source>
        <translation>Kira-kira setiap menit aplikasi memeriksa apakah server kabupaten menjawab; bila ya dan ada data yang menunggu, data itu dikirim tanpa perlu menekan tombol apa pun.</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> menit</translation>
    </message>
    <message>
        <source>Lock after</source>
        <translation>Kunci setelah</translation>
    </message>
    <message>
        <source>The app locks itself when nobody touched it for this long.</source>
        <translation>Aplikasi terkunci sendiri bila tidak disentuh selama ini.</translation>
    </message>
    <message>
        <source>Review before saving</source>
        <translation>Tinjau sebelum menyimpan</translation>
    </message>
    <message>
        <source>Before a record is saved as complete, the app reads it back in plain words (name, NIK, birth, village, work, heirs, who pays, consent): Enter saves, Esc goes back to the form.</source>
        <translation>Sebelum data disimpan sebagai lengkap, aplikasi membacakannya kembali dengan kata-kata biasa (nama, NIK, kelahiran, desa, pekerjaan, ahli waris, pembayar iuran, persetujuan): Enter menyimpan, Esc kembali ke formulir.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Umum</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>Printer bawaan sistem</translation>
    </message>
    <message>
        <source>Print on both sides (card backs)</source>
        <translation>Cetak bolak-balik (bagian belakang kartu)</translation>
    </message>
    <message>
        <source>For example a USB stick</source>
        <translation>Misalnya flashdisk</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Folder cadangan</translation>
    </message>
    <message>
        <source>Printing and backup</source>
        <translation>Pencetakan dan cadangan</translation>
    </message>
    <message>
        <source>Printer for cards</source>
        <translation>Printer kartu</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Kertas</translation>
    </message>
    <message>
        <source>Targets per kecamatan</source>
        <translation>Target per kecamatan</translation>
    </message>
    <message>
        <source>Only until the district server sends its targets with a sync; then Summary uses the server&apos;s. 0 means no target.</source>
        <translation>Hanya dipakai sampai server kabupaten mengirim targetnya saat sinkronisasi; setelah itu Ringkasan memakai target dari server. 0 berarti tanpa target.</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>Simpan pengaturan</translation>
    </message>
    <message>
        <source>General, printing and targets. Volunteers&apos; changes have their own buttons.</source>
        <translation>Umum, pencetakan dan target. Perubahan relawan punya tombolnya sendiri.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Pengaturan disimpan.</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Contribution per month</source>
        <translation>Iuran per bulan</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Daftar periksa</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Simpan (Ctrl+S)</translation>
    </message>
    <message>
        <source>Complete and with consent: ready to send at the next sync.</source>
        <translation>Lengkap dan ada persetujuan: siap dikirim saat sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Save as draft (Ctrl+D)</source>
        <translation>Simpan sebagai draf (Ctrl+D)</translation>
    </message>
    <message>
        <source>Keep it on this laptop to finish later.</source>
        <translation>Simpan di laptop ini untuk dilengkapi nanti.</translation>
    </message>
    <message>
        <source>Empty form</source>
        <translation>Kosongkan formulir</translation>
    </message>
    <message>
        <source>Choose who pays to see the amount.</source>
        <translation>Pilih sumber iuran untuk melihat jumlahnya.</translation>
    </message>
    <message>
        <source>(discount {0})</source>
        <translation>(diskon {0})</translation>
    </message>
    <message>
        <source>{0} discount: {1} less per month</source>
        <translation>Diskon {0}: {1} lebih murah per bulan</translation>
    </message>
    <message>
        <source>Income bracket {0}</source>
        <translation>Golongan penghasilan {0}</translation>
    </message>
    <message>
        <source>Paid by: {0}</source>
        <translation>Dibayar oleh: {0}</translation>
    </message>
    <message>
        <source>{0}: {1} to fix</source>
        <translation>{0}: {1} perlu diperbaiki</translation>
    </message>
    <message>
        <source>{0}: {1} to check</source>
        <translation>{0}: {1} perlu diperiksa</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>volunteer</source>
        <translation>relawan</translation>
    </message>
    <message>
        <source>Volunteer: {0} ({1})</source>
        <translation>Relawan: {0} ({1})</translation>
    </message>
    <message>
        <source>Waiting to send: …</source>
        <translation>Menunggu kirim: …</translation>
    </message>
    <message>
        <source>Records that are complete and will go to the district server at the next sync.</source>
        <translation>Data lengkap yang akan dikirim ke server kabupaten saat sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Sedang bekerja…</translation>
    </message>
    <message>
        <source>Server: …</source>
        <translation>Server: …</translation>
    </message>
    <message>
        <source>Last sync: …</source>
        <translation>Sinkron terakhir: …</translation>
    </message>
    <message>
        <source>Version {0}</source>
        <translation>Versi {0}</translation>
    </message>
    <message>
        <source>Click for About fieldreg (F1).</source>
        <translation>Klik untuk membuka Tentang fieldreg (F1).</translation>
    </message>
    <message>
        <source>Waiting to send: {0} people</source>
        <translation>Menunggu kirim: {0} orang</translation>
    </message>
    <message>
        <source>{0} changes for {1} people (a record edited before it was sent is sent with each change).</source>
        <translation>{0} perubahan untuk {1} orang (data yang diubah sebelum terkirim dikirim bersama setiap perubahannya).</translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation>Sinkron terakhir: {0}</translation>
    </message>
    <message>
        <source>Sending {0} of {1}…</source>
        <translation>Mengirim {0} dari {1}…</translation>
    </message>
    <message>
        <source>Sending: waiting to try again…</source>
        <translation>Mengirim: menunggu untuk mencoba lagi…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <source>Click to open Sync.</source>
        <translation>Klik untuk membuka Sinkronisasi.</translation>
    </message>
    <message>
        <source>Server: laptop not registered yet</source>
        <translation>Server: laptop belum didaftarkan</translation>
    </message>
    <message>
        <source>Server: sending paused</source>
        <translation>Server: pengiriman dijeda</translation>
    </message>
    <message>
        <source>Server: not checked yet</source>
        <translation>Server: belum diperiksa</translation>
    </message>
    <message>
        <source>Server: reachable</source>
        <translation>Server: terjangkau</translation>
    </message>
    <message>
        <source>Server: not reachable</source>
        <translation>Server: tidak terjangkau</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Registrations on this laptop (voided ones left out).</source>
        <translation>Pendaftaran di laptop ini (yang dibatalkan tidak dihitung).</translation>
    </message>
    <message>
        <source>Export as CSV…</source>
        <translation>Ekspor ke CSV…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Per kecamatan, against the target</source>
        <translation>Per kecamatan, dibanding target</translation>
    </message>
    <message>
        <source>Per village (busiest {0})</source>
        <translation>Per desa ({0} terbanyak)</translation>
    </message>
    <message>
        <source>Per occupation</source>
        <translation>Per pekerjaan</translation>
    </message>
    <message>
        <source>Per payer</source>
        <translation>Per sumber iuran</translation>
    </message>
    <message>
        <source>Per status (all records)</source>
        <translation>Per status (semua data)</translation>
    </message>
    <message>
        <source>Per day, last 30 days</source>
        <translation>Per hari, 30 hari terakhir</translation>
    </message>
    <message>
        <source>(no village)</source>
        <translation>(tanpa desa)</translation>
    </message>
    <message>
        <source>(not chosen)</source>
        <translation>(belum dipilih)</translation>
    </message>
    <message>
        <source>Nothing registered yet.</source>
        <translation>Belum ada pendaftaran.</translation>
    </message>
    <message>
        <source>{0} more villages in the CSV export.</source>
        <translation>{0} desa lainnya ada di ekspor CSV.</translation>
    </message>
    <message>
        <source>Targets from the district server (they come with every sync).</source>
        <translation>Target dari server kabupaten (diperbarui setiap sinkronisasi).</translation>
    </message>
    <message>
        <source>Targets typed on this laptop in Settings. The district server&apos;s targets replace them once a sync brings them.</source>
        <translation>Target diketik di laptop ini (Pengaturan). Target dari server kabupaten menggantikannya setelah sinkronisasi membawanya.</translation>
    </message>
    <message>
        <source>No targets yet: the district server sends them with a sync (or type them in Settings until then).</source>
        <translation>Belum ada target: server kabupaten mengirimnya saat sinkronisasi (atau ketik di Pengaturan sampai saat itu).</translation>
    </message>
    <message>
        <source>{0} registrations · target {1}</source>
        <translation>{0} pendaftaran · target {1}</translation>
    </message>
    <message>
        <source>{0} registrations</source>
        <translation>{0} pendaftaran</translation>
    </message>
    <message>
        <source>Export the summary</source>
        <translation>Ekspor ringkasan</translation>
    </message>
    <message>
        <source>section</source>
        <translation>bagian</translation>
    </message>
    <message>
        <source>code</source>
        <translation>kode</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>count</source>
        <translation>jumlah</translation>
    </message>
    <message>
        <source>target</source>
        <translation>target</translation>
    </message>
    <message>
        <source>Summary saved: {0}</source>
        <translation>Ringkasan disimpan: {0}</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>{0} KB</source>
        <translation>{0} KB</translation>
    </message>
    <message>
        <source>{0} MB</source>
        <translation>{0} MB</translation>
    </message>
    <message>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <source>today {0}</source>
        <translation>hari ini {0}</translation>
    </message>
    <message>
        <source>yesterday {0}</source>
        <translation>kemarin {0}</translation>
    </message>
    <message>
        <source>Button</source>
        <translation>Tombol</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Otomatis</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Baris perintah</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Sedang berjalan…</translation>
    </message>
    <message>
        <source>Cut short</source>
        <translation>Terputus</translation>
    </message>
    <message>
        <source>Sent, some to fix</source>
        <translation>Terkirim, ada yang perlu diperbaiki</translation>
    </message>
    <message>
        <source>All sent</source>
        <translation>Semua terkirim</translation>
    </message>
    <message>
        <source>Partly sent</source>
        <translation>Sebagian terkirim</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>Tidak ada koneksi</translation>
    </message>
    <message>
        <source>Wi-Fi login page</source>
        <translation>Halaman login Wi-Fi</translation>
    </message>
    <message>
        <source>Refused: paused</source>
        <translation>Ditolak: dijeda</translation>
    </message>
    <message>
        <source>Access withdrawn</source>
        <translation>Akses dicabut</translation>
    </message>
    <message>
        <source>Server trouble</source>
        <translation>Server bermasalah</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Dihentikan</translation>
    </message>
    <message>
        <source>Already running</source>
        <translation>Sedang berjalan</translation>
    </message>
    <message>
        <source>Not registered</source>
        <translation>Belum didaftarkan</translation>
    </message>
    <message>
        <source>{0} accepted</source>
        <translation>{0} diterima</translation>
    </message>
    <message>
        <source>{0} already registered elsewhere (duplicate)</source>
        <translation>{0} sudah terdaftar di tempat lain (ganda)</translation>
    </message>
    <message>
        <source>{0} rejected, to fix</source>
        <translation>{0} ditolak, perlu diperbaiki</translation>
    </message>
    <message>
        <source>Nothing was waiting to be sent. {0} statuses were brought up to date from the district server.</source>
        <translation>Tidak ada data yang menunggu dikirim. {0} status diperbarui dari server kabupaten.</translation>
    </message>
    <message>
        <source>Nothing was waiting to be sent. Everything is up to date.</source>
        <translation>Tidak ada data yang menunggu dikirim. Semuanya sudah terbaru.</translation>
    </message>
    <message>
        <source>All sent: {0}.</source>
        <translation>Semua terkirim: {0}.</translation>
    </message>
    <message>
        <source>Open the records that need fixing, check them with the worker and save them again.</source>
        <translation>Buka data yang perlu diperbaiki, periksa bersama pekerja, lalu simpan lagi.</translation>
    </message>
    <message>
        <source>{0} sent ({1}).</source>
        <translation>{0} terkirim ({1}).</translation>
    </message>
    <message>
        <source>{0} sent.</source>
        <translation>{0} terkirim.</translation>
    </message>
    <message>
        <source>You stopped it; {0} records still wait on this laptop and go at the next sync.</source>
        <translation>Anda menghentikannya; {0} data masih menunggu di laptop ini dan akan dikirim pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Then the district server had trouble; {0} records still wait on this laptop and go at the next sync.</source>
        <translation>Lalu server kabupaten bermasalah; {0} data masih menunggu di laptop ini dan akan dikirim pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Everything was sent, but the statuses could not be brought back this time; they come at the next sync.</source>
        <translation>Semua data sudah terkirim, tetapi statusnya belum bisa diambil kali ini; status akan datang pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>The connection stopped before the end; {0} records still wait on this laptop and go at the next sync.</source>
        <translation>Koneksi terputus sebelum selesai; {0} data masih menunggu di laptop ini dan akan dikirim pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>The district server could not be reached. Check the internet (mobile data or Wi-Fi) and try again. Nothing was lost: {0} records wait safely on this laptop.</source>
        <translation>Server kabupaten tidak bisa dihubungi. Periksa internet (data seluler atau Wi-Fi), lalu coba lagi. Tidak ada yang hilang: {0} data tersimpan aman di laptop ini.</translation>
    </message>
    <message>
        <source>The internet answered with a page that is not the district server, often a Wi-Fi login page. Open a web browser, log in to the Wi-Fi, then press Sync again. Nothing was lost.</source>
        <translation>Internet menjawab dengan halaman yang bukan server kabupaten, biasanya halaman login Wi-Fi. Buka peramban (browser), login ke Wi-Fi, lalu tekan Kirim sekarang lagi. Tidak ada yang hilang.</translation>
    </message>
    <message>
        <source>The district server refused this laptop, so sending is paused. The records stay safely on this laptop. Contact the district officer: they can give you a new enrolment code.</source>
        <translation>Server kabupaten menolak laptop ini, jadi pengiriman dijeda. Data tetap aman di laptop ini. Hubungi petugas kabupaten: mereka bisa memberi kode pendaftaran baru.</translation>
    </message>
    <message>
        <source>The district has withdrawn this laptop&apos;s access, so sending is paused. The records stay safely on this laptop. Contact the district officer.</source>
        <translation>Kabupaten telah mencabut akses laptop ini, jadi pengiriman dijeda. Data tetap aman di laptop ini. Hubungi petugas kabupaten.</translation>
    </message>
    <message>
        <source>The district server has trouble right now and did not take the records. Nothing was lost: {0} records wait on this laptop. Try again later.</source>
        <translation>Server kabupaten sedang bermasalah dan belum menerima data. Tidak ada yang hilang: {0} data menunggu di laptop ini. Coba lagi nanti.</translation>
    </message>
    <message>
        <source>Stopped. {0} were sent before stopping; {1} still wait and go at the next sync.</source>
        <translation>Dihentikan. {0} data sempat terkirim; {1} data masih menunggu dan akan dikirim pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Another sync is already running on this laptop (perhaps from the command line). Try again in a minute.</source>
        <translation>Sinkronisasi lain sedang berjalan di laptop ini (mungkin dari baris perintah). Coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>This laptop is not registered with the district server yet.</source>
        <translation>Laptop ini belum didaftarkan ke server kabupaten.</translation>
    </message>
    <message>
        <source>The district has withdrawn this laptop&apos;s access. The records stay safely on this laptop; do not delete anything. Contact the district officer and tell them the laptop&apos;s name: they decide what happens next.</source>
        <translation>Kabupaten telah mencabut akses laptop ini. Data tetap aman di laptop ini; jangan hapus apa pun. Hubungi petugas kabupaten dan sebutkan nama laptop ini: petugas yang menentukan langkah selanjutnya.</translation>
    </message>
    <message>
        <source>The district server refused this laptop. The records stay safely on this laptop. Ask the district officer for a new enrolment code and register the laptop again with it.</source>
        <translation>Server kabupaten menolak laptop ini. Data tetap aman di laptop ini. Mintalah kode pendaftaran baru kepada petugas kabupaten, lalu daftarkan ulang laptop ini dengan kode itu.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Sinkronisasi</translation>
    </message>
    <message>
        <source>Send the records waiting on this laptop to the district server and bring back their participant numbers and statuses.</source>
        <translation>Kirim data yang menunggu di laptop ini ke server kabupaten, lalu terima kembali nomor peserta dan statusnya.</translation>
    </message>
    <message>
        <source>They are kept safely on this laptop until it is registered and can reach the district server.</source>
        <translation>Data tersimpan aman di laptop ini sampai laptop didaftarkan dan bisa menghubungi server kabupaten.</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Menunggu dikirim</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Kirim sekarang</translation>
    </message>
    <message>
        <source>{0} people</source>
        <translation>{0} orang</translation>
    </message>
    <message>
        <source>{0} people ({1} changes)</source>
        <translation>{0} orang ({1} perubahan)</translation>
    </message>
    <message>
        <source>Send the waiting records and bring back the answers of the district server.</source>
        <translation>Kirim data yang menunggu dan terima jawaban dari server kabupaten.</translation>
    </message>
    <message>
        <source>Show the records that need fixing</source>
        <translation>Lihat data yang perlu diperbaiki</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Kabupaten</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Koneksi</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Sinkron terakhir</translation>
    </message>
    <message>
        <source>District server</source>
        <translation>Server kabupaten</translation>
    </message>
    <message>
        <source>Sync history</source>
        <translation>Riwayat sinkronisasi</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Tidak ada</translation>
    </message>
    <message>
        <source>{0} records came back from the district server and need fixing.</source>
        <translation>{0} data dikembalikan oleh server kabupaten dan perlu diperbaiki.</translation>
    </message>
    <message>
        <source>Show the records that need fixing ({0})</source>
        <translation>Lihat data yang perlu diperbaiki ({0})</translation>
    </message>
    <message>
        <source>Sending is paused</source>
        <translation>Pengiriman dijeda</translation>
    </message>
    <message>
        <source>Register again with a new code…</source>
        <translation>Daftarkan ulang dengan kode baru…</translation>
    </message>
    <message>
        <source>Paused: access withdrawn</source>
        <translation>Dijeda: akses dicabut</translation>
    </message>
    <message>
        <source>Paused: refused by the server</source>
        <translation>Dijeda: ditolak oleh server</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Belum diperiksa</translation>
    </message>
    <message>
        <source>The server can be reached</source>
        <translation>Server bisa dihubungi</translation>
    </message>
    <message>
        <source>The server cannot be reached now</source>
        <translation>Server tidak bisa dihubungi saat ini</translation>
    </message>
    <message>
        <source>Automatic sending is on: when the server can be reached, waiting records go by themselves (checked every minute).</source>
        <translation>Kirim otomatis aktif: saat server bisa dihubungi, data yang menunggu terkirim sendiri (diperiksa setiap menit).</translation>
    </message>
    <message>
        <source>Automatic sending is off (Settings): records go only when you press Sync now.</source>
        <translation>Kirim otomatis mati (lihat Pengaturan): data hanya dikirim bila Anda menekan Kirim sekarang.</translation>
    </message>
    <message>
        <source>Sending is paused: see the message below.</source>
        <translation>Pengiriman dijeda: lihat pesan di bawah.</translation>
    </message>
    <message>
        <source>This laptop is registered with the district server of {0}. Press Sync now to send the waiting records.</source>
        <translation>Laptop ini sudah terdaftar di server kabupaten {0}. Tekan Kirim sekarang untuk mengirim data yang menunggu.</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Berhenti setelah langkah ini selesai…</translation>
    </message>
    <message>
        <source>Sending by itself: the server can be reached.</source>
        <translation>Mengirim otomatis: server bisa dihubungi.</translation>
    </message>
    <message>
        <source>Connecting to the district server…</source>
        <translation>Menghubungi server kabupaten…</translation>
    </message>
    <message>
        <source>{0} sent, {1} received</source>
        <translation>{0} dikirim, {1} diterima</translation>
    </message>
    <message>
        <source>Bringing back numbers and statuses from the district server… ({0})</source>
        <translation>Mengambil nomor dan status dari server kabupaten… ({0})</translation>
    </message>
    <message>
        <source>Sending: {0} of {1} records ({2})</source>
        <translation>Mengirim: {0} dari {1} data ({2})</translation>
    </message>
    <message>
        <source>The server did not answer in time. Trying again in {0} seconds… ({1})</source>
        <translation>Server belum menjawab. Mencoba lagi dalam {0} detik… ({1})</translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>Mencoba lagi…</translation>
    </message>
    <message>
        <source>Result of the last sync ({0})</source>
        <translation>Hasil sinkronisasi terakhir ({0})</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>baru saja</translation>
    </message>
    <message>
        <source>The sync stopped with an error</source>
        <translation>Sinkronisasi berhenti karena kesalahan</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>fieldreg — unlock</source>
        <translation>fieldreg — buka</translation>
    </message>
    <message>
        <source>BPJS Ketenagakerjaan registration</source>
        <translation>Pendaftaran BPJS Ketenagakerjaan</translation>
    </message>
    <message>
        <source>Gerakan Desa Peduli Jaminan Sosial · Jambi</source>
        <translation>Gerakan Desa Peduli Jaminan Sosial · Jambi</translation>
    </message>
    <message>
        <source>Locked after a while without use, to protect the data. What you were typing is kept.</source>
        <translation>Terkunci karena lama tidak dipakai, untuk melindungi data. Isian yang sedang diketik tetap ada.</translation>
    </message>
    <message>
        <source>Locked. What you were typing is kept.</source>
        <translation>Terkunci. Isian yang sedang diketik tetap ada.</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>Relawan</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Tampilkan kata sandi</translation>
    </message>
    <message>
        <source>Forgot the password?</source>
        <translation>Lupa kata sandi?</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Pulihkan dari cadangan…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Ketik kata sandi Anda.</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Membuka…</translation>
    </message>
</context>
<context>
    <name>VillagePicker</name>
    <message>
        <source>Type part of the village name</source>
        <translation>Ketik sebagian nama desa</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Desa</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Void a registration</source>
        <translation>Nonaktifkan pendaftaran</translation>
    </message>
    <message>
        <source>Void the registration of {0}? It stays in the list as voided and cannot be changed any more. If it was already sent, the district server is told at the next sync.</source>
        <translation>Nonaktifkan pendaftaran {0}? Data tetap ada di daftar dengan status Dibatalkan dan tidak bisa diubah lagi. Bila sudah terkirim, server kabupaten diberi tahu saat sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>For example: registered twice; moved away; passed away</source>
        <translation>Contoh: terdaftar dua kali; pindah; meninggal dunia</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>No, keep it</source>
        <translation>Tidak, biarkan aktif</translation>
    </message>
    <message>
        <source>Yes, void it</source>
        <translation>Ya, nonaktifkan</translation>
    </message>
</context>
<context>
    <name>VolunteersSection</name>
    <message>
        <source>Volunteers</source>
        <translation>Relawan</translation>
    </message>
    <message>
        <source>Change my password ({0})</source>
        <translation>Ganti kata sandi saya ({0})</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Kata sandi sekarang</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <source>At least {0} characters. A short sentence is easy to remember.</source>
        <translation>Paling sedikit {0} huruf. Kalimat pendek mudah diingat.</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Kata sandi baru sekali lagi</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>Ganti kata sandi saya</translation>
    </message>
    <message>
        <source>Add a volunteer</source>
        <translation>Tambah relawan</translation>
    </message>
    <message>
        <source>Only a supervisor can add a volunteer. Ask your supervisor to open the app and add them here.</source>
        <translation>Hanya supervisor yang bisa menambah relawan. Minta supervisor membuka aplikasi dan menambahkannya di sini.</translation>
    </message>
    <message>
        <source>Full name, as the volunteer is known</source>
        <translation>Nama lengkap, seperti relawan itu dikenal</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>Relawan</translation>
    </message>
    <message>
        <source>Supervisor (adds volunteers, approves a NIK mismatch)</source>
        <translation>Supervisor (menambah relawan, menyetujui NIK yang tidak cocok)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Their password</source>
        <translation>Kata sandinya</translation>
    </message>
    <message>
        <source>Let the volunteer type it; they can change it later on this page.</source>
        <translation>Biarkan relawan itu mengetik sendiri; nanti bisa diganti di halaman ini.</translation>
    </message>
    <message>
        <source>Their password again</source>
        <translation>Kata sandinya sekali lagi</translation>
    </message>
    <message>
        <source>Add the volunteer</source>
        <translation>Tambahkan relawan</translation>
    </message>
    <message>
        <source>{0} (you)</source>
        <translation>{0} (Anda)</translation>
    </message>
    <message>
        <source>Who can open this laptop: {0}.</source>
        <translation>Yang bisa membuka laptop ini: {0}.</translation>
    </message>
    <message>
        <source>Type your current password.</source>
        <translation>Ketik kata sandi Anda sekarang.</translation>
    </message>
    <message>
        <source>The new password is the same as the current one.</source>
        <translation>Kata sandi baru sama dengan yang sekarang.</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>Sedang mengganti…</translation>
    </message>
    <message>
        <source>Your password was changed. Use the new one from the next time you open the app.</source>
        <translation>Kata sandi Anda sudah diganti. Pakai yang baru mulai saat membuka aplikasi berikutnya.</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Sedang menambah…</translation>
    </message>
    <message>
        <source>{0} was added as a supervisor.</source>
        <translation>{0} ditambahkan sebagai supervisor.</translation>
    </message>
    <message>
        <source>{0} was added as a volunteer.</source>
        <translation>{0} ditambahkan sebagai relawan.</translation>
    </message>
    <message>
        <source>They can now choose their name when the app opens.</source>
        <translation>Sekarang namanya bisa dipilih saat aplikasi dibuka.</translation>
    </message>
    <message>
        <source>The old password may be known to someone else: also change the database key</source>
        <translation>Kata sandi lama mungkin diketahui orang lain: ganti juga kunci pengaman data</translation>
    </message>
    <message>
        <source>Without a new key, old backups together with the old password still open today&apos;s data. Old backups always open with the password of their time.</source>
        <translation>Tanpa kunci baru, orang yang tahu kata sandi lama dan memegang cadangan lama masih bisa membuka data hari ini. Cadangan lama sendiri selalu bisa dibuka dengan kata sandi pada waktu cadangan itu dibuat.</translation>
    </message>
</context>
</TS>
