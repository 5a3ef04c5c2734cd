"""Files holding personal data are created readable by their owner only, whole or not at all
(fieldreg/private_files.py: exports, import reports, card PDFs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from fieldreg.private_files import private_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


@pytest.fixture
def open_umask() -> object:
    """The loosest umask: whatever the file ends up with, the helper chose it."""
    old = os.umask(0)
    yield None
    os.umask(old)


def test_a_new_file_is_0600_whatever_the_umask(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "ekspor.csv"
    with private_file(path, "w", encoding="utf-8") as f:
        f.write("nik\n1505014107850003\n")
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text("utf-8") == "nik\n1505014107850003\n"


def test_an_existing_world_readable_file_is_replaced_by_a_private_one(
        tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "laporan.csv"
    path.write_text("old")
    path.chmod(0o666)
    with private_file(path, "wb") as f:
        f.write(b"new")
    assert (path.read_bytes(), path.stat().st_mode & 0o777) == (b"new", 0o600)


def test_a_failure_leaves_the_old_file_and_no_part(tmp_path: Path) -> None:
    path = tmp_path / "kartu.pdf"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), private_file(path, "wb") as f:
        f.write(b"half")
        raise RuntimeError("disk full")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kartu.pdf"]


def test_only_writing_modes(tmp_path: Path) -> None:
    with pytest.raises(ValueError), private_file(tmp_path / "x", "a"):
        pass
