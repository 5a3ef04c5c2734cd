"""The district console at province scale: page times on PostgreSQL with 700,000 registrations
(Jambi province's scale). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_console.py [--records 700000] [--requests 30] [--keep]

- Creates a throwaway PostgreSQL database on 127.0.0.1:5432 (user postgres), migrated by the
  server's own path to 0006, seeds it with COPY, then migrates it to head (0007 fills the
  dashboard's columns and builds its indexes over the records; its time is printed), then
  VACUUM ANALYZE (as autovacuum would). The seed: the 11 regencies of Jambi with their share
  of records over every kecamatan and village, 20 laptops per regency, each record with its
  receipt; about 90 % accepted, 4 % verified, 3 % voided and 3 % duplicates of another
  record's NIK in the same regency (the first arrives earlier), 1 % of receipts rejections that
  never arrived, village targets, and audit rows. Records' payloads are the laptops' real JSON
  (``to_payload`` of ``tools/sample_data`` workers).
- Adds a district admin (Muaro Jambi, 15.05) and a province officer with the officers service,
  starts a real server (uvicorn, ``tests/live_server.LiveServer``), logs both in over HTTP (the
  one-time password changed as an officer would) and times each page kind, ``--requests``
  times: p50 / p95 / max in ms.
- ``--keep``: the seeded database (``fieldreg_bench_console_<records>``) is kept and reused by
  the next run (seeding 700,000 takes minutes); without it the database is dropped.

Skips with a message when PostgreSQL is not reachable. The target (issue 13): p95 ≤ 300 ms per
page kind.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROVINCE = "15"
HOME_DISTRICT = "15.05"
SEED_REVISION = "0006_exports"  # the schema the seed writes; the head's migrations follow
LAPTOPS_PER_REGENCY = 20
PASSWORD = "bench-console-sandi-1"
NEXT_RE = re.compile(r'<a[^>]*href="([^"]*)"[^>]*rel="next"|rel="next"[^>]*href="([^"]*)"')


@dataclass
class Seeded:
    niks: list[str]  # a sample of active NIKs of 15.05
    numbers: list[str]
    ids: list[str]  # a sample of 15.05's record ids
    duplicate_ids: list[str]  # 15.05's duplicate records


def log(msg: str) -> None:
    print(msg, flush=True)


# ------------------------------------------------------------------ seeding


def _templates(regency: str, n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` realistic payload data dicts of workers in ``regency``."""
    from fieldreg.domain.registration import data_to_dict
    from tools.sample_data import SampleFactory

    factory = SampleFactory(seed=seed, regency=regency)
    return [data_to_dict(d) for d in factory.many(n)]


def seed(url: str, records: int, rng: random.Random) -> Seeded:
    import psycopg

    from fieldreg.domain import participant_number as numbers
    from fieldreg.domain.regions import get_regions
    from fieldreg.domain.registration import canonical_json

    regions = get_regions()
    regencies = regions.regencies_of(PROVINCE)
    villages = {r.code: [v for d in regions.districts_of(r.code)
                         for v in regions.villages_of(d.code)] for r in regencies}
    # Shares by the number of villages (a rough stand-in for population).
    weight = {c: len(v) for c, v in villages.items()}
    total_w = sum(weight.values())
    per = {c: max(1, records * w // total_w) for c, w in weight.items()}
    per[HOME_DISTRICT] += records - sum(per.values())
    now = datetime(2026, 12, 5, 9, 0)
    start = now - timedelta(days=120)
    out = Seeded([], [], [], [])
    conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
    t0 = time.perf_counter()
    with conn, conn.cursor() as cur:
        devices: dict[str, list[tuple[str, bytes]]] = {}
        for r in regencies:
            cur.execute("INSERT INTO district (code, name, feed_seq, created_at) "
                        "VALUES (%s, %s, 0, %s) ON CONFLICT DO NOTHING",
                        (r.code, r.display_name, start))
            devices[r.code] = []
            for i in range(LAPTOPS_PER_REGENCY):
                key = rng.randbytes(32)
                dev = str(uuid.UUID(int=rng.getrandbits(128)))
                cur.execute(
                    "INSERT INTO device (id, district_code, name, public_key, number_prefix, "
                    "token_hash, enrolled_at, last_seen_at, app_version, applied_through) "
                    "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,'0.1.0',0)",
                    (dev, r.code, f"Laptop {r.code} #{i + 1}", key,
                     numbers.device_part(key), hashlib.sha256(dev.encode()).hexdigest(),
                     start, now - timedelta(days=rng.choice([0, 0, 1, 2, 9, 30]))))
                devices[r.code].append((dev, key))
        reg_cols = ("id, device_id, district_code, status, nik, participant_number, "
                    "village_code, full_name, version, server_version, external_version, "
                    "void_reason, payload, holder, created_at, updated_at")
        rec_cols = "device_id, seq, record_id, payload_hash, outcome, result, created_at"
        seqs: dict[str, int] = {}
        serial = 0
        done = 0
        for r in regencies:
            code = r.code
            templates = _templates(code, 400, seed=int(code.replace(".", "")))
            n = per[code]
            stamps = sorted(start + timedelta(seconds=rng.uniform(0, 120 * 86400))
                            for _ in range(n))
            active: list[tuple[str, str]] = []  # (nik, record id) of this regency
            with cur.copy(f"COPY registration ({reg_cols}) FROM STDIN") as reg_copy:
                rec_rows: list[tuple[Any, ...]] = []
                for at in stamps:
                    dev, key = rng.choice(devices[code])
                    seq = seqs[dev] = seqs.get(dev, 0) + 1
                    rid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                    data = dict(rng.choice(templates))
                    village = rng.choice(villages[code])
                    roll = rng.random()
                    if roll < 0.03 and active:
                        status = "duplicate"
                        nik, _holder = rng.choice(active)
                    else:
                        status = ("voided" if roll < 0.06 else "verified" if roll < 0.10
                                  else "accepted")
                        serial += 1  # unique: the kecamatan's code, then a serial
                        nik = village.code.replace(".", "")[:6] + f"{serial:010d}"
                    first, *rest = rng.choice(templates)["full_name"].split(" ")
                    name = " ".join([first, *rest]) if rng.random() < 0.5 else \
                        f"{first} {rng.choice(templates)['full_name'].split(' ')[-1]}"
                    number = numbers.make(key, seq)
                    data.update(nik=nik, full_name=name, village_code=village.code)
                    payload = {"id": rid, "device_id": dev, "volunteer_id": "vol-1",
                               "created_at": at.isoformat(timespec="seconds"),
                               "updated_at": at.isoformat(timespec="seconds"), "version": 1,
                               "status": "voided" if status == "voided" else "ready",
                               "void_reason": "Salah input" if status == "voided" else "",
                               "village_name": village.display_name,
                               "regions_version": regions.version,
                               "participant_number": number, "data": data}
                    text = canonical_json(payload)
                    holder = None
                    if status == "duplicate":
                        holder = json.dumps({"participant_number": None,
                                             "village_code": village.code,
                                             "village_name": village.display_name,
                                             "device_name": "Laptop", "same_device": False})
                    elif status in ("accepted", "verified"):
                        active.append((nik, rid))
                    reg_copy.write_row((rid, dev, code, status, nik, number, village.code, name,
                                        1, 1, 0, payload["void_reason"], text, holder, at, at))
                    outcome = "duplicate" if status == "duplicate" else "applied"
                    rec_rows.append((dev, seq, rid, hashlib.sha256(text.encode()).hexdigest(),
                                     outcome, json.dumps({"seq": seq, "record_id": rid,
                                                          "outcome": outcome}), at))
                    if code == HOME_DISTRICT:
                        if status in ("accepted", "verified") and rng.random() < 0.01:
                            out.niks.append(nik)
                            out.numbers.append(number)
                        if rng.random() < 0.01:
                            out.ids.append(rid)
                        if status == "duplicate":
                            out.duplicate_ids.append(rid)
                    if rng.random() < 0.01:  # a rejection that never arrived since
                        seq = seqs[dev] = seqs[dev] + 1
                        rec_rows.append((dev, seq, str(uuid.uuid4()), "0" * 64, "rejected",
                                         json.dumps({"problems": [{"code": "required"}]}),
                                         at))
                done += n
            with cur.copy(f"COPY receipt ({rec_cols}) FROM STDIN") as rec_copy:
                for row in rec_rows:
                    rec_copy.write_row(row)
            conn.commit()
            log(f"  {code} {r.display_name}: {n:,} records ({done:,} in "
                f"{time.perf_counter() - t0:.0f} s)")
        for r in regencies:
            for v in villages[r.code]:
                cur.execute("INSERT INTO target (district_code, village_code, target, "
                            "updated_at) VALUES (%s, %s, %s, %s)",
                            (r.code, v.code, rng.randrange(50, 400), now))
        with cur.copy("COPY audit (at, actor, action, entity, entity_id, detail) "
                      "FROM STDIN") as audit_copy:
            for i in range(200_000):
                audit_copy.write_row((start + timedelta(seconds=i * 50), "officer:bench",
                                      "registration.viewed", "registration",
                                      str(uuid.uuid4()), "{}"))
        for table, col in (("district", "feed_seq"),):
            cur.execute(f"UPDATE {table} SET {col} = 0")
        for dev, seq in seqs.items():
            cur.execute("UPDATE device SET applied_through = %s WHERE id = %s", (seq, dev))
        conn.commit()
    log(f"  seeded {records:,} records in {time.perf_counter() - t0:.0f} s")
    return out


def vacuum(url: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"),
                         autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def sample(url: str, rng: random.Random) -> Seeded:
    """What the pages are asked about, read from a kept database."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        rows = conn.execute(
            "SELECT nik, participant_number FROM registration TABLESAMPLE SYSTEM (2) "
            "WHERE district_code = %s AND status IN ('accepted', 'verified') LIMIT 500",
            (HOME_DISTRICT,)).fetchall()
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM registration TABLESAMPLE SYSTEM (2) WHERE district_code = %s "
            "LIMIT 500", (HOME_DISTRICT,))]
        dups = [r[0] for r in conn.execute(
            "SELECT id FROM registration WHERE district_code = %s AND status = 'duplicate' "
            "LIMIT 500", (HOME_DISTRICT,))]
    return Seeded([r[0] for r in rows], [r[1] for r in rows], ids, dups)


# ------------------------------------------------------------------ driving the console


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    return found.group(1) if found else ""


def login(client: Any, name: str, one_time: str) -> None:
    page = client.get("/console/login")
    r = client.post("/console/login", data={"csrf": _csrf(page.text),
                                            "name": name, "password": one_time})
    if r.status_code == 303 and r.headers["location"].endswith("/password"):
        page = client.get("/console/password")
        r = client.post("/console/password",
                        data={"csrf": _csrf(page.text), "current": one_time,
                              "new": PASSWORD, "again": PASSWORD})
    if r.status_code not in (200, 303):
        raise RuntimeError(f"login of {name} failed: {r.status_code}")


def timed(client: Any, paths: Callable[[int], str], n: int) -> tuple[list[float], str]:
    times = []
    text = ""
    for i in range(n):
        t0 = time.perf_counter()
        r = client.get(paths(i))
        times.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise RuntimeError(f"GET {paths(i)}: {r.status_code}")
        text = r.text
    return times, text


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    flag = "" if p95 <= 300 else "  (over 300 ms)"
    print(f"  {label:<44} p50 {statistics.median(times):7.0f} ms   p95 {p95:7.0f} ms   "
          f"max {times[-1]:7.0f} ms   n={len(times)}{flag}", flush=True)


def next_link(html: str) -> str:
    found = NEXT_RE.search(html)
    if not found:
        return ""
    return unescape(found.group(1) or found.group(2))


def drive(base_url: str, officers: dict[str, str], s: Seeded, n: int,
          rng: random.Random) -> None:
    import httpx

    from fieldreg.domain.regions import get_regions
    from tools.sample_data import FAMILY, MEN, WOMEN

    names = ["SIREG", "NURHA", "HALIMAH", "RAMADHAN", "ADI", "TAUFIK HAS", "ZULKIFLI PU",
             "ERNA", "MARYAM", "ANWAR"]
    names += [w[:5] for w in rng.sample(MEN + WOMEN + FAMILY, 20)]
    kec = [d.code for d in get_regions().districts_of(HOME_DISTRICT)]
    clients = {}
    for who, one_time in officers.items():
        c = httpx.Client(base_url=base_url, timeout=120.0, follow_redirects=False)
        login(c, who, one_time)
        clients[who] = c
    district, province = clients["bench-admin"], clients["bench-province"]
    print(f"\n  page (officer of 15.05 unless said)            {n} requests each")
    for label, client, path in (
        ("Beranda", district, lambda i: "/console/"),
        ("Beranda (province officer)", province, lambda i: "/console/"),
        ("Peserta, first page", district, lambda i: "/console/peserta"),
        ("Peserta, first page (province)", province, lambda i: "/console/peserta"),
        ("Peserta, NIK search", district,
         lambda i: f"/console/peserta?q={s.niks[i % len(s.niks)]}"),
        ("Peserta, NIK search (province)", province,
         lambda i: f"/console/peserta?q={s.niks[i % len(s.niks)]}"),
        ("Peserta, name search", district,
         lambda i: f"/console/peserta?q={names[i % len(names)]}"),
        ("Peserta, name search (province)", province,
         lambda i: f"/console/peserta?q={names[i % len(names)]}"),
        ("Peserta, participant number search", district,
         lambda i: f"/console/peserta?q={s.numbers[i % len(s.numbers)]}"),
        ("Peserta, kecamatan + status filter", district,
         lambda i: f"/console/peserta?kecamatan={kec[i % len(kec)]}"
         + "&status=" + ("accepted", "verified", "voided", "duplicate")[i % 4]),
        ("Peserta, a participant's page", district,
         lambda i: f"/console/peserta/{s.ids[i % len(s.ids)]}"),
        ("Ganda, the queue", district, lambda i: "/console/ganda"),
        ("Ganda, a comparison", district,
         lambda i: f"/console/ganda/{s.duplicate_ids[i % len(s.duplicate_ids)]}"),
    ):
        try:
            report(label, timed(client, path, n)[0])
        except RuntimeError as exc:
            print(f"  {label:<44} failed: {exc}")
    # Paging: the next page, n times in a row, from the first page (as an officer clicks).
    for label, client, first in (
        ("Peserta, next page ×n from the first", district, "/console/peserta"),
        ("Peserta, next page ×n (province)", province, "/console/peserta"),
        ("Peserta, next page ×n, name search", district, "/console/peserta?q=SIREG"),
    ):
        url = first
        times = []
        html = district.get(first).text if client is district else province.get(first).text
        for _ in range(n):
            url = next_link(html)
            if not url:
                break
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            html = r.text
        if times:
            report(label, times)
    # Deep pages by number, while the list still offers them (OFFSET paging).
    deep = district.get("/console/peserta?hal=1000")
    if deep.status_code == 200 and "hal=1001" in deep.text:
        report("Peserta, page 1,000 by number",
               timed(district, lambda i: f"/console/peserta?hal={1000 + i}", n)[0])
        report("Peserta, page 10,000 by number (province)",
               timed(province, lambda i: f"/console/peserta?hal={10_000 - i}", n)[0])
    for c in clients.values():
        c.close()


# ------------------------------------------------------------------ main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=700_000)
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--keep", action="store_true",
                    help="keep the seeded database and reuse it next time")
    a = ap.parse_args()

    import psycopg

    from fieldreg.server import models as m
    from fieldreg.server.config import Settings
    from fieldreg.server.db import Database, upgrade
    from fieldreg.server.service import officers
    from tests.live_server import PG_ADMIN, LiveServer

    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True)
    except psycopg.OperationalError as exc:
        print(f"skipped: PostgreSQL is not reachable at 127.0.0.1:5432 ({exc})")
        return
    rng = random.Random(13)
    name = (f"fieldreg_bench_console_{a.records}" if a.keep
            else f"fieldreg_bench_console_{uuid.uuid4().hex[:12]}")
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    print(f"[console] {a.records:,} registrations on PostgreSQL ({name})")
    with tempfile.TemporaryDirectory(prefix="fieldreg-bench-console-") as d:
        home = Path(d) / "server"
        settings = Settings(home=home, database_url=url)
        try:
            if exists:
                db = Database.open(settings, migrate=False)
                t0 = time.perf_counter()
                if upgrade(db.engine):  # a kept database, migrated to this code's head
                    log(f"  migrated to head in {time.perf_counter() - t0:.0f} s")
                    vacuum(url)
                seeded = sample(url, rng)
                log(f"  reusing the kept database ({len(seeded.ids)} sample ids)")
            else:
                admin.execute(f'CREATE DATABASE "{name}"')
                # Seeded as 0006 left the schema, then upgraded as a district server would be
                # (0007 fills the dashboard's columns and builds the indexes over the records).
                db = Database.open(settings, migrate=False)
                upgrade(db.engine, SEED_REVISION)
                log(f"  migrated to {SEED_REVISION}; seeding…")
                seeded = seed(url, a.records, rng)
                t0 = time.perf_counter()
                upgrade(db.engine)
                log(f"  migrated to head over the records in {time.perf_counter() - t0:.0f} s")
                vacuum(url)
            officer_passwords = {}
            with db.writer() as s:
                from sqlalchemy import delete

                for table in (m.OfficerSession, m.Officer):
                    s.execute(delete(table))
                s.commit()
            officer_passwords["bench-admin"] = officers.add_officer(
                db, settings, "bench-admin", district=HOME_DISTRICT, role=m.ROLE_ADMIN,
                actor="bench").password
            officer_passwords["bench-province"] = officers.add_officer(
                db, settings, "bench-province", district=None, role=m.ROLE_PROVINCE,
                actor="bench").password
            db.close()
            server = LiveServer(home, database_url=url)
            server.start()
            try:
                drive(server.url, officer_passwords, seeded, a.requests, rng)
            finally:
                server.stop()
        finally:
            if not a.keep:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
    print("\n  target (issue 13): p95 ≤ 300 ms per page kind; clients, server and PostgreSQL "
          f"share this machine's {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
