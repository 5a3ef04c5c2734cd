"""Fuzzing the village-list reader (issue 11, item 9): random and hostile CSV and XLSX bytes —
random bytes, random CSV text with random (and repeated) headers and overlong fields, real
workbooks with parts replaced by random bytes, random XML, DTDs, deep nesting, zero bombs,
forged declared sizes, extra members, flipped bytes and truncation — go to
``spreadsheet_reader.read_table`` and ``village_import.preview``'s header check. Each must
return a table within the caps or raise the product's own ``ServiceError`` with words for it;
any other exception fails.

The run happens in a child process under a memory cap (RLIMIT_AS: a MemoryError, or the
kernel refusing memory, fails it) and a CPU-time cap (RLIMIT_CPU), with a bounded number of
examples: proof that no input makes the reader grow past the cap, not a timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 512 << 20  # address space of the whole child, Python and openpyxl included
CPU_CAP_S = 900
EXAMPLES = int(os.environ.get("FIELDREG_FUZZ_EXAMPLES", "250"))


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_the_reader_only_returns_rows_or_its_own_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c",
         "from tests.integration.test_import_fuzz import child; child()",
         str(tmp_path), str(EXAMPLES)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        timeout=CPU_CAP_S * 2,  # a guard against a hang only; the CPU cap comes first
    )
    assert out.returncode == 0, (out.stdout[-3000:], out.stderr[-6000:])
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["examples"] >= min(EXAMPLES, 50), report
    assert report["max_rss"] < MEMORY_CAP, report
    # the hostile kinds were all tried, and refused as such
    assert report["codes"].get("file_unreadable", 0) > 0, report
    assert report["tables"] > 0, report


# ---------------------------------------------------------------- the child process


def child() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_CAP_S, CPU_CAP_S))
    folder, examples = Path(sys.argv[1]), int(sys.argv[2])

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from fieldreg.i18n.messages import MESSAGES, message
    from fieldreg.services import spreadsheet_reader as reader
    from fieldreg.services.errors import ServiceError
    from fieldreg.services.village_import import _refuse_duplicate_columns, column_key

    header_names = st.sampled_from([
        "nik", "NIK", "nama", "nama_lengkap", "Nama Lengkap", "hp", "no_hp", "No Telp",
        "tgl_lahir", "tanggal_lahir", "jk", "jenis_kelamin", "desa", "kode_desa", "pekerjaan",
        "sumber_iuran", "=HYPERLINK(\"x\")", "@SUM(1)", "", " ", "catatan",
    ]) | st.text(max_size=12)
    cell_text = st.text(st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
        ["=1+1", '"', '""', "\r\n", "a\nb", ";", "\t", "1505014107850003", "1.50501E+15"])

    @st.composite
    def csv_text(draw: Any) -> bytes:
        delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
        header = draw(st.lists(header_names, min_size=1, max_size=10))
        rows = draw(st.lists(st.lists(cell_text, max_size=12), max_size=15))
        lines = [delimiter.join(header), *(delimiter.join(r) for r in rows)]
        long_field = draw(st.sampled_from([0, 0, 0, 40_000, 140_000]))
        if long_field:
            lines.insert(draw(st.integers(1, len(lines))), '"' + "x" * long_field + '"')
        if draw(st.booleans()):
            lines.append(delimiter * draw(st.integers(0, 300)))  # a very wide, empty row
        text = "\r\n".join(lines)
        return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
                           errors="replace")

    @st.composite
    def xlsx(draw: Any) -> bytes:
        from tests.hostile_tables import (
            Member,
            member,
            xlsx_parts,
            xlsx_with,
            zeros_member,
        )

        header = draw(st.lists(header_names, min_size=1, max_size=8))
        rows = draw(st.lists(st.lists(cell_text | st.integers() | st.floats(), max_size=8),
                             max_size=8))
        try:
            parts = xlsx_parts([header, *rows])
        except Exception:  # openpyxl refuses some text it would not write (control chars)
            parts = xlsx_parts([["nik"], ["1"]])
        names = [*parts, "xl/sharedStrings.xml", "xl/media/x.bin", "../evil.xml", "a/" * 20]
        replaced: dict[str, Member | bytes] = {}
        for _ in range(draw(st.integers(0, 3))):
            target = draw(st.sampled_from(names))
            kind = draw(st.sampled_from(["bytes", "xml", "dtd", "deep", "zeros", "forged",
                                         "long"]))
            if kind == "bytes":
                replaced[target] = draw(st.binary(max_size=2048))
            elif kind == "xml":
                replaced[target] = draw(st.text(
                    st.sampled_from(list("<>/=\"' abcsitv&;!?-[]")), max_size=400)).encode()
            elif kind == "dtd":
                replaced[target] = (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "'
                                    + b"c" * draw(st.integers(0, 5000)) + b'">]><a>&b;&b;</a>')
            elif kind == "deep":
                depth = draw(st.integers(1, 5000))
                replaced[target] = b"<a>" * depth + b"</a>" * depth
            elif kind == "zeros":
                replaced[target] = zeros_member(target, draw(st.integers(1, 100)))
            elif kind == "forged":
                content = parts.get(target, b"<a/>")
                replaced[target] = member(target, content, declared_size=draw(
                    st.sampled_from([0, 1, 10, 1 << 20, 70 << 20, 1_200_000_000, 0xFFFFFFFF])))
            else:
                t = "x" * draw(st.integers(30_000, 200_000))
                replaced[target] = (
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                    f'main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{t}</t></is>'
                    "</c></row></sheetData></worksheet>").encode()
        data = bytearray(xlsx_with(parts, replaced))
        for _ in range(draw(st.integers(0, 4))):  # bit rot, often in the zip's directory
            at = draw(st.integers(max(0, len(data) - 200), len(data) - 1)) if draw(
                st.booleans()) else draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
        if draw(st.integers(0, 9)) == 0:
            del data[draw(st.integers(0, len(data))):]
        return bytes(data)

    def hostile_file() -> st.SearchStrategy[tuple[str, bytes]]:
        return st.one_of(
            st.tuples(st.sampled_from(["daftar.csv", "daftar.xlsx", "daftar.txt"]),
                      st.binary(max_size=4096)),
            st.tuples(st.just("daftar.csv"), csv_text()),
            st.tuples(st.just("daftar.xlsx"), xlsx()),
        )

    seen: dict[str, Any] = {"examples": 0, "tables": 0, "codes": {}}

    @settings(max_examples=examples, deadline=None, database=None,
              derandomize=not os.environ.get("FIELDREG_FUZZ_RANDOM"),
              suppress_health_check=list(HealthCheck))
    @given(hostile_file())
    def check(case: tuple[str, bytes]) -> None:
        name, data = case
        path = folder / name
        path.write_bytes(data)
        seen["examples"] += 1
        try:
            table = reader.read_table(path)
            _refuse_duplicate_columns(path, table.header, [column_key(h) for h in table.header])
        except ServiceError as exc:
            assert exc.code in MESSAGES, exc.code
            for lang in ("id", "en"):
                text = message(exc.code, exc.params, lang)
                assert "{" not in text and "…" not in text, (exc.code, exc.params)
            seen["codes"][exc.code] = seen["codes"].get(exc.code, 0) + 1
            return
        finally:
            path.unlink()
        seen["tables"] += 1
        assert len(table.rows) <= reader.MAX_ROWS
        assert len(table.header) <= reader.MAX_COLUMNS
        for _, cells in table.rows:
            assert len(cells) <= reader.MAX_COLUMNS
            assert all(len(c) <= reader.MAX_CELL_CHARS for c in cells if isinstance(c, str))

    check()
    seen["max_rss"] = _peak_rss()
    print(json.dumps(seen))


def _peak_rss() -> int:
    """This process image's peak resident memory in bytes. Linux's VmHWM belongs to the image
    started by exec; getrusage's ru_maxrss also remembers the forking parent's (a pytest run of
    a thousand tests), so it is only the fallback."""
    import resource

    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if __name__ == "__main__":  # pragma: no cover - run by the test above
    child()
