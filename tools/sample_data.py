"""Synthetic but valid registrations for demos, tests and benchmarks (never real people).

Not part of the shipped app (the bundle leaves ``tools`` out): the tests, ``bench/``,
``tools/screenshots.py`` and ``packaging/smoke.sh`` import it with the repository on the path
(``from tools.sample_data import SampleFactory``).

NIKs are built from real Muaro Jambi kecamatan codes with serials from 9000 up, so they pass
every rule yet are unlikely to be anyone's; names are common Jambi given names and family names.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from fieldreg.domain.codes import ConsentMethod, FundingSource, HeirRelationship, Sex
from fieldreg.domain.regions import get_regions
from fieldreg.domain.registration import Consent, Heir, RegistrationData
from fieldreg.domain.validation import CURRENT_NOTICE_VERSION

MEN = ["AHMAD", "BUDI", "DEDI", "EKO", "FAJAR", "HENDRA", "IRWAN", "JOKO", "M. RIZKI", "NURDIN",
       "RAHMAT", "SYAIFUL", "TAUFIK", "YUSUF", "ZULKIFLI", "ABDUL", "HASAN", "ROZALI", "SUPRI"]
WOMEN = ["SITI", "NUR", "DEWI", "RINA", "YULI", "FITRI", "AMINAH", "HALIMAH", "MARYAM", "SRI",
         "WATI", "ROSMALA", "NURHAYATI", "ERNAWATI", "LESTARI", "KARTINI", "ZAHARA", "INDAH"]
FAMILY = ["HARAHAP", "SIREGAR", "NASUTION", "SAPUTRA", "LUBIS", "HIDAYAT", "SUSANTO", "WIJAYA",
          "PRATAMA", "RAMADHAN", "KURNIAWAN", "SETIAWAN", "MAULANA", "FIRMANSYAH", "ANWAR",
          "BATUBARA", "PANJAITAN", "SIMANJUNTAK", "PURBA", "HASIBUAN", "RANGKUTI", "DAULAY"]
OCCUPATIONS = ["SAWIT_PANEN", "SAWIT_DODOS", "OJEK_PANGKALAN", "OJEK_ONLINE", "BURUH_BANGUNAN",
               "NELAYAN", "PEDAGANG_PASAR", "20", "19", "09", "84"]
FUNDING = [FundingSource.APBD_KAB, FundingSource.APBD_KAB, FundingSource.DBH_SAWIT,
           FundingSource.MANDIRI, FundingSource.APBD_PROV]


class SampleFactory:
    def __init__(self, seed: int = 1, regency: str = "15.05", today: date | None = None) -> None:
        self.rng = random.Random(seed)
        self.today = today or date.today()
        regions = get_regions()
        self.districts = [
            (d, regions.villages_of(d.code)) for d in regions.districts_of(regency)
        ]
        self.districts = [(d, v) for d, v in self.districts if v]
        self._serial = 9000
        self._used: set[str] = set()

    def nik(self, birth: date, sex: Sex, district_code: str) -> str:
        day = birth.day + (40 if sex is Sex.FEMALE else 0)
        born = f"{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        prefix = district_code.replace(".", "") + born
        while True:
            self._serial = self._serial + 1 if self._serial < 9999 else 1
            nik = f"{prefix}{self._serial:04d}"
            if nik not in self._used:
                self._used.add(nik)
                return nik

    def phone(self) -> str:
        return f"08{self.rng.choice('1235789')}{self.rng.randrange(10**8, 10**9)}"

    def data(self, *, consent: bool = True, volunteer_id: str = "sample") -> RegistrationData:
        rng = self.rng
        sex = rng.choice([Sex.MALE, Sex.FEMALE])
        first = rng.choice(MEN if sex is Sex.MALE else WOMEN)
        name = f"{first} {rng.choice(FAMILY)}"
        birth = self.today - timedelta(days=rng.randrange(19 * 365, 60 * 365))
        district, villages = rng.choice(self.districts)
        village = rng.choice(villages)
        funding = rng.choice(FUNDING)
        start = self.today.replace(day=1)
        spouse_rel = HeirRelationship.ISTRI if sex is Sex.MALE else HeirRelationship.SUAMI
        spouse = rng.choice(WOMEN if sex is Sex.MALE else MEN) + " " + rng.choice(FAMILY)
        return RegistrationData(
            nik=self.nik(birth, sex, district.code),
            full_name=name,
            birth_place=district.display_name.title(),
            birth_date=birth,
            sex=sex,
            mother_maiden_name=f"{rng.choice(WOMEN)} {rng.choice(FAMILY)}",
            street=f"Dusun {rng.choice(['I', 'II', 'III', 'IV'])}",
            rt=f"{rng.randrange(1, 20):03d}",
            rw=f"{rng.randrange(1, 8):03d}",
            village_code=village.code,
            phone=self.phone(),
            occupation_code=rng.choice(OCCUPATIONS),
            reported_income=rng.choice([1_000_000, 1_500_000, 2_000_000, 2_500_000]),
            funding_source=funding,
            coverage_start=start,
            coverage_end=None if funding is FundingSource.MANDIRI else date(start.year, 12, 31),
            heirs=[Heir(name=spouse, relationship=spouse_rel)],
            consent=Consent(
                given_at=datetime.combine(self.today, time(9, 0)),
                method=ConsentMethod.SCREEN,
                notice_version=CURRENT_NOTICE_VERSION,
                volunteer_id=volunteer_id,
            )
            if consent
            else None,
        )

    def many(self, n: int, **kw: Any) -> Iterator[RegistrationData]:
        for _ in range(n):
            yield self.data(**kw)


def village_list_row(d: RegistrationData) -> dict[str, Any]:
    """A registration as a row of the village-list template."""
    heir = d.heirs[0] if d.heirs else None
    return {
        "nik": d.nik,
        "nama_lengkap": d.full_name,
        "tempat_lahir": d.birth_place,
        "tanggal_lahir": d.birth_date.strftime("%d-%m-%Y") if d.birth_date else "",
        "jenis_kelamin": d.sex.value if d.sex else "",
        "no_hp": d.phone,
        "alamat": d.street,
        "rt": d.rt,
        "rw": d.rw,
        "kode_desa": d.village_code,
        "pekerjaan": d.occupation_code,
        "penghasilan": d.reported_income,
        "program": "JKK+JKM",
        "sumber_iuran": d.funding_source.value if d.funding_source else "",
        "nama_ibu_kandung": d.mother_maiden_name,
        "no_kk": d.kk_number,
        "ahli_waris_nama": heir.name if heir else "",
        "ahli_waris_hubungan": heir.relationship.value if heir and heir.relationship else "",
    }


def write_village_list(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write rows (template columns) as CSV or XLSX, by the file's suffix."""
    from fieldreg.services.village_import import COLUMNS
    from fieldreg.spreadsheets import write_csv, write_xlsx

    header = list(COLUMNS)
    values = [[r.get(c, "") for c in header] for r in rows]
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, header, values, text_columns=("nik", "no_kk", "no_hp", "kode_desa"))
    else:
        write_csv(path, header, values)
