"""The village-list template and the export of every registration."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fieldreg.domain.codes import FundingSource, HeirRelationship, Programme
from fieldreg.domain.occupations import get_occupations
from fieldreg.domain.regions import get_regions
from fieldreg.domain.registration import Registration
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.services.village_import import COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from fieldreg.spreadsheets import write_csv, write_xlsx

log = logging.getLogger(__name__)

TEXT_COLUMNS = ("nik", "no_kk", "no_hp", "kode_desa", "rt", "rw", "pekerjaan")

# Indonesian explanations of each template column (the "Petunjuk" sheet).
COLUMN_HELP: dict[str, str] = {
    "nik": "NIK 16 angka sesuai KTP. Ketik sebagai teks (kolom ini sudah berformat teks) agar "
    "angka terakhir tidak berubah menjadi 0.",
    "nama_lengkap": "Nama lengkap sesuai KTP.",
    "tempat_lahir": "Tempat lahir sesuai KTP (boleh kosong).",
    "tanggal_lahir": "Tanggal lahir: TTTT-BB-HH (1985-07-21), HH-BB-TTTT atau HH/BB/TTTT.",
    "jenis_kelamin": "L (laki-laki) atau P (perempuan).",
    "no_hp": "Nomor HP, misalnya 0812-3456-7890. Boleh sama dengan anggota keluarga.",
    "alamat": "Nama jalan atau dusun.",
    "rt": "Nomor RT (angka).",
    "rw": "Nomor RW (angka).",
    "kode_desa": "Kode desa/kelurahan Kemendagri, misalnya 15.05.01.2002. Lihat lembar Kode Desa.",
    "pekerjaan": "Kode pekerjaan KTP (Dukcapil, misalnya 20) atau jenis pekerjaan program "
    "(misalnya OJEK_PANGKALAN). Lihat lembar Kode Pekerjaan.",
    "penghasilan": "Penghasilan sebulan dalam rupiah, angka bulat (misalnya 1500000).",
    "program": "Program: JKK+JKM (wajib), atau JKK+JKM+JHT.",
    "sumber_iuran": "Siapa yang membayar iuran: MANDIRI, APBD_KAB, APBD_PROV, DBH_SAWIT, CSR, "
    "LAINNYA.",
    "nama_ibu_kandung": "Nama ibu kandung (dipakai BPJS untuk memastikan identitas).",
    "no_kk": "Nomor Kartu Keluarga, 16 angka (boleh kosong).",
    "ahli_waris_nama": "Nama ahli waris (untuk JKM).",
    "ahli_waris_hubungan": "Hubungan ahli waris: SUAMI, ISTRI, ANAK, AYAH, IBU, CUCU, KAKEK, "
    "NENEK, SAUDARA_KANDUNG, MERTUA, PIHAK_DITUNJUK.",
    "mulai_kepesertaan": "(Pilihan) Tanggal mulai kepesertaan. Kosong: awal bulan ini.",
    "akhir_kepesertaan": "(Pilihan) Tanggal akhir kepesertaan. Kosong: 31 Desember bila iuran "
    "dibayar pemerintah/CSR.",
}

EXAMPLE_ROW = {
    "nik": "1505014107850003", "nama_lengkap": "SITI AMINAH", "tempat_lahir": "Sengeti",
    "tanggal_lahir": "01-07-1985", "jenis_kelamin": "P", "no_hp": "0812-3456-7890",
    "alamat": "Dusun II", "rt": "003", "rw": "001", "kode_desa": "15.05.01.2002",
    "pekerjaan": "SAWIT_PANEN", "penghasilan": 1500000, "program": "JKK+JKM",
    "sumber_iuran": "APBD_KAB", "nama_ibu_kandung": "HALIMAH", "no_kk": "",
    "ahli_waris_nama": "AHMAD", "ahli_waris_hubungan": "SUAMI",
}


def write_template(out: Path, *, regency_code: str = "15.05") -> None:
    """An XLSX to fill in: Data (headers, text-formatted ID columns, drop-down lists),
    Petunjuk (every column explained), Contoh (one filled row), Kode Desa, Kode Pekerjaan."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = [*COLUMNS, *OPTIONAL_COLUMNS]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    ws.append(columns)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for i, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        if name in REQUIRED_COLUMNS:
            cell.fill = fill
        letter = cell.column_letter
        ws.column_dimensions[letter].width = max(12, len(name) + 4)
        if name in TEXT_COLUMNS:
            for r in range(2, 2002):
                ws.cell(row=r, column=i).number_format = "@"
    ws.freeze_panes = "A2"
    lists = {
        "jenis_kelamin": ["L", "P"],
        "sumber_iuran": [f.value for f in FundingSource],
        "program": ["JKK+JKM", "JKK+JKM+JHT"],
        "ahli_waris_hubungan": [h.value for h in HeirRelationship],
    }
    for name, values in lists.items():
        col = ws.cell(row=1, column=columns.index(name) + 1).column_letter
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        dv.error = "Pilih dari daftar."
        dv.add(f"{col}2:{col}2001")
        ws.add_data_validation(dv)

    help_ws = wb.create_sheet("Petunjuk")
    help_ws.append(["kolom", "wajib", "penjelasan"])
    for c in help_ws[1]:
        c.font = bold
    for name in columns:
        help_ws.append([name, "ya" if name in REQUIRED_COLUMNS else "tidak", COLUMN_HELP[name]])
    help_ws.column_dimensions["A"].width = 22
    help_ws.column_dimensions["B"].width = 8
    help_ws.column_dimensions["C"].width = 100
    for row in help_ws.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    help_ws.append([])
    help_ws.append(["", "", "Baris dengan galat tidak diimpor; laporan impor menyebut baris, "
                    "kolom dan alasannya. NIK yang sudah ada di laptop tidak diimpor lagi."])

    ex = wb.create_sheet("Contoh")
    ex.append(columns)
    ex.append([EXAMPLE_ROW.get(c, "") for c in columns])

    villages = wb.create_sheet("Kode Desa")
    villages.append(["kode_desa", "desa/kelurahan", "kecamatan"])
    regions = get_regions()
    for district in regions.districts_of(regency_code):
        for v in regions.villages_of(district.code):
            villages.append([v.code, v.display_name, district.display_name])
    villages.column_dimensions["A"].width = 16
    villages.column_dimensions["B"].width = 30
    villages.column_dimensions["C"].width = 30

    occ = wb.create_sheet("Kode Pekerjaan")
    occ.append(["pekerjaan", "nama", "sektor"])
    for o in get_occupations().all():
        occ.append([o.code, o.label_id, o.sector])
    occ.column_dimensions["B"].width = 36
    wb.save(out)


EXPORT_EXTRA = (
    "status", "nomor_peserta", "mulai_kepesertaan", "akhir_kepesertaan", "nama_desa",
    "persetujuan", "alasan_batal", "id", "dibuat", "diubah", "versi",
)


def _export_row(r: Registration) -> list[Any]:
    d = r.data
    heir = d.heirs[0] if d.heirs else None
    return [
        d.nik, d.full_name, d.birth_place, d.birth_date, d.sex.value if d.sex else "",
        d.phone, d.street, d.rt, d.rw, d.village_code, d.occupation_code, d.reported_income,
        Programme.format_set(d.programmes), d.funding_source.value if d.funding_source else "",
        d.mother_maiden_name, d.kk_number, heir.name if heir else "",
        heir.relationship.value if heir and heir.relationship else "",
        r.status.value, r.participant_number or "", d.coverage_start, d.coverage_end,
        r.village_name,
        f"{d.consent.method.value} {d.consent.given_at:%Y-%m-%d}" if d.consent else "",
        r.void_reason, r.id, r.created_at, r.updated_at, r.version,
    ]


def export_registrations(ctx: Context, out: Path) -> int:
    """Every registration with its status, as CSV or XLSX (by the file's suffix). Audited."""
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ServiceError("export_format", file=out.name)
    header = [*COLUMNS, *EXPORT_EXTRA]
    with ctx.db.uow() as uow:
        rows: Iterator[list[Any]] = (_export_row(r) for r in uow.registrations.iter_all())
        if suffix == ".csv":
            n = write_csv(out, header, rows)
        else:
            n = write_xlsx(out, header, rows, text_columns=TEXT_COLUMNS)
        uow.audit.record(ctx.volunteer_id, "export", "registration", None, rows=n,
                         format=suffix.lstrip("."))
        uow.commit()
    log.info("exported %d registrations", n)
    return n
