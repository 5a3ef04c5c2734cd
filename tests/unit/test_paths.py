"""Where the data folder is: FIELDREG_HOME, portable beside the bundle, or the user's folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fieldreg import paths


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to run as the frozen executable ``<tmp>/usb/fieldreg/fieldreg``."""
    folder = tmp_path / "usb" / "fieldreg"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "fieldreg"))
    monkeypatch.delenv("FIELDREG_HOME", raising=False)
    return folder


def test_portable_copy_keeps_its_data_beside_itself(bundle: Path) -> None:
    (bundle / paths.PORTABLE_MARKER).write_text("portable")
    assert paths.data_dir() == bundle / paths.PORTABLE_DATA


def test_installed_copy_uses_the_users_folder(bundle: Path) -> None:
    assert paths.portable_home() is None
    assert not paths.data_dir().is_relative_to(bundle)


def test_fieldreg_home_wins_over_portable(bundle: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (bundle / paths.PORTABLE_MARKER).write_text("portable")
    monkeypatch.setenv("FIELDREG_HOME", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"


def test_running_from_source_is_never_portable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.bundle_dir() is None and paths.portable_home() is None
