"""Convert the idn-area-data CSV files into the compact form shipped in resources/regions/.

Usage (from the repository root)::

    .venv/bin/python tools/convert_regions.py [--source DIR] [--out DIR] [--version-string V]

Defaults: --source ../shared/data/regions, --out resources/regions.

Reads provinces.csv, regencies.csv, districts.csv and villages.csv (columns ``code[,parent_code],
name``; dotted Kemendagri codes), checks them (unique codes, parent column equal to the code
prefix, every parent present, no tabs or newlines in names) and writes:

- ``areas.tsv.gz``: provinces, regencies and districts, sorted by code;
- ``villages.tsv.gz``: villages, sorted by code;
- ``VERSION``: the dataset version string;
- ``LICENSE-ODbL.md`` (copied) and ``SOURCE.md`` (attribution and how the files were made).

Each TSV starts with ``#version<TAB><version>`` and then has one ``code<TAB>name`` row per region,
UTF-8, ``\\n`` line ends; the parent is implied by the code prefix. Output is deterministic
(sorted rows, gzip mtime 0 and no file name in the gzip header), so re-running it on the same
source produces byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "regions"
DEFAULT_OUT = ROOT / "resources" / "regions"
DEFAULT_VERSION = "kemendagri-idn-area-data-3.1.2"

LEVELS = [
    # file, parent column, code pattern
    ("provinces.csv", None, r"\d{2}"),
    ("regencies.csv", "province_code", r"\d{2}\.\d{2}"),
    ("districts.csv", "regency_code", r"\d{2}\.\d{2}\.\d{2}"),
    ("villages.csv", "district_code", r"\d{2}\.\d{2}\.\d{2}\.\d{4}"),
]

SOURCE_MD = """\
# Region data: source, licence and conversion

The files in this folder are a converted copy of the data folder of the npm package
**idn-area-data {upstream}** (code MIT; data under the **Open Database License (ODbL) v1.0**,
see `LICENSE-ODbL.md` beside this file), which is built from official Indonesian government
(Kemendagri) sources. Dataset version recorded with every stored region code: `{version}`.

Contents: {provinces} provinces, {regencies} regencies/cities, {districts} districts (kecamatan),
{villages} villages (desa/kelurahan). Codes are Kemendagri codes written with dots: province `15`
(Jambi), regency `15.05` (Kabupaten Muaro Jambi), district `15.05.01`, village `15.05.01.2001`
(`N` of `NXXX`: 1 kelurahan, 2 desa, 3 desa adat). A NIK's first six digits are
province+regency+district without dots. Names are kept exactly as published (regencies and
provinces in capitals); the app only derives a title-case display form.

## How these files were made
`tools/convert_regions.py` read `provinces.csv`, `regencies.csv`, `districts.csv` and
`villages.csv` of that release, checked them (unique codes, each parent column equal to the code
prefix, every parent present) and wrote, without changing any code or name:

- `areas.tsv.gz`: provinces, regencies and districts;
- `villages.tsv.gz`: villages;
- `VERSION`: `{version}`.

Each file is gzip-compressed UTF-8 text: a header line `#version<TAB>{version}`, then one
`code<TAB>name` row per region sorted by code; the parent is implied by the code prefix (the
parent-code columns were dropped). Output is deterministic (gzip mtime 0).

SHA-256 of the outputs:
{checksums}

This converted database is a Derivative Database of idn-area-data under the ODbL: it is offered
under the same licence, with this attribution kept beside it. The app carries this copy and never
fetches region data at run time.
"""


def read_level(path: Path, parent_col: str | None, pattern: str) -> dict[str, str]:
    code_re = re.compile(pattern)
    rows: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), start=2):
            code, name = row["code"].strip(), row["name"].strip()
            where = f"{path.name}:{line_no}"
            if not code_re.fullmatch(code):
                raise SystemExit(f"{where}: bad code {code!r}")
            if not name or any(ch in name for ch in "\t\r\n"):
                raise SystemExit(f"{where}: bad name {name!r}")
            if parent_col is not None and row[parent_col].strip() != code.rsplit(".", 1)[0]:
                raise SystemExit(f"{where}: parent {row[parent_col]!r} is not the code prefix")
            if code in rows:
                raise SystemExit(f"{where}: duplicate code {code}")
            rows[code] = name
    return rows


def tsv_gz(rows: dict[str, str], version: str) -> bytes:
    text = io.StringIO()
    text.write(f"#version\t{version}\n")
    for code in sorted(rows):
        text.write(f"{code}\t{rows[code]}\n")
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--version-string", default=DEFAULT_VERSION)
    args = parser.parse_args(argv)
    version: str = args.version_string
    source: Path = args.source
    out: Path = args.out

    levels = [read_level(source / f, parent, pattern) for f, parent, pattern in LEVELS]
    known: set[str] = set()
    for rows in levels:
        for code in rows:
            if "." in code and code.rsplit(".", 1)[0] not in known:
                raise SystemExit(f"{code}: parent missing")
        known |= set(rows)
    provinces, regencies, districts, villages = levels

    out.mkdir(parents=True, exist_ok=True)
    files = {
        "areas.tsv.gz": tsv_gz({**provinces, **regencies, **districts}, version),
        "villages.tsv.gz": tsv_gz(villages, version),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    (out / "VERSION").write_text(version + "\n", encoding="utf-8")
    shutil.copyfile(source / "LICENSE-ODbL.md", out / "LICENSE-ODbL.md")
    checksums = "\n".join(
        f"- `{name}`: `{hashlib.sha256(data).hexdigest()}`" for name, data in files.items()
    )
    upstream = version.rsplit("-", 1)[-1]
    (out / "SOURCE.md").write_text(
        SOURCE_MD.format(
            upstream=upstream,
            version=version,
            provinces=f"{len(provinces):,}",
            regencies=f"{len(regencies):,}",
            districts=f"{len(districts):,}",
            villages=f"{len(villages):,}",
            checksums=checksums,
        ),
        encoding="utf-8",
    )
    for name in [*files, "VERSION", "LICENSE-ODbL.md", "SOURCE.md"]:
        print(f"{out / name}: {(out / name).stat().st_size:,} bytes")
    print(
        f"{version}: {len(provinces)} provinces, {len(regencies)} regencies, "
        f"{len(districts)} districts, {len(villages)} villages"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
