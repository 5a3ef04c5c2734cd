"""Files are replaced whole or not at all, durably, and files holding personal data are created
readable by their owner only (fieldreg/files.py: ``atomic_write``, with ``private=True`` for
exports, import reports, card PDFs, key slots, settings…)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from fieldreg import files
from fieldreg.files import atomic_write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


@pytest.fixture
def open_umask() -> object:
    """The loosest umask: whatever the file ends up with, the helper chose it."""
    old = os.umask(0)
    yield None
    os.umask(old)


def test_a_new_file_is_0600_whatever_the_umask(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "ekspor.csv"
    with atomic_write(path, "w", private=True, encoding="utf-8") as f:
        f.write("nik\n1505014107850003\n")
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text("utf-8") == "nik\n1505014107850003\n"


def test_an_existing_world_readable_file_is_replaced_by_a_private_one(
        tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "laporan.csv"
    path.write_text("old")
    path.chmod(0o666)
    with atomic_write(path, "wb", private=True) as f:
        f.write(b"new")
    assert (path.read_bytes(), path.stat().st_mode & 0o777) == (b"new", 0o600)


def test_a_failure_leaves_the_old_file_and_no_part(tmp_path: Path) -> None:
    path = tmp_path / "kartu.pdf"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(path, "wb", private=True) as f:
        f.write(b"half")
        raise RuntimeError("disk full")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kartu.pdf"]


def test_only_writing_modes(tmp_path: Path) -> None:
    with pytest.raises(ValueError), atomic_write(tmp_path / "x", "a"):
        pass


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_without_private_the_mode_follows_the_umask(tmp_path: Path, umask: int,
                                                      expected: int) -> None:
    path = tmp_path / "machine.json"
    old = os.umask(umask)
    try:
        with atomic_write(path, "w", encoding="utf-8") as f:
            f.write("{}")
    finally:
        os.umask(old)
    assert (path.read_text("utf-8"), path.stat().st_mode & 0o777) == ("{}", expected)


def test_the_file_and_then_its_folder_are_fsynced_after_the_rename(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    path.write_text("old", encoding="utf-8")
    seen: list[tuple[str, str]] = []
    real_fsync = os.fsync

    def watching(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        seen.append((kind, path.read_text("utf-8")))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", watching)
    with atomic_write(path, "w", private=True, encoding="utf-8") as f:
        f.write("new")
    # the data is on disk before the rename; the rename is on disk before the block ends
    assert seen == [("file", "old"), ("folder", "new")]


def test_the_temporary_file_has_the_callers_name_beside_the_target(tmp_path: Path) -> None:
    path = tmp_path / "lockout.json"
    with atomic_write(path, "w", private=True, temp_prefix=".lockout-", temp_suffix="",
                      encoding="utf-8") as f:
        f.write("{}")
        (tmp,) = tmp_path.iterdir()
        assert tmp.name.startswith(".lockout-") and tmp.name != ".lockout-"
        assert not path.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["lockout.json"]
    with atomic_write(path, "wb") as f:
        (tmp,) = (p for p in tmp_path.iterdir() if p != path)
        assert tmp.name.startswith(".lockout.json.") and tmp.name.endswith(".part")


def test_make_private_narrows_a_file_someone_else_wrote(tmp_path: Path,
                                                        open_umask: None) -> None:
    path = tmp_path / "kartu.pdf"
    path.write_bytes(b"%PDF")
    path.chmod(0o666)
    files.make_private(path)
    files.make_private(tmp_path / "missing.pdf")  # nothing to do, no error
    assert path.stat().st_mode & 0o777 == 0o600
