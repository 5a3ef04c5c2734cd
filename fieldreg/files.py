"""Writing files whole or not at all, and files only this user may read.

``atomic_write`` is the one way the product replaces a file: it writes a temporary file in the
same folder, fsyncs it, renames it over the target (``os.replace``: atomic on POSIX and on
Windows) and then fsyncs the folder on POSIX, so that after a power cut the target is either the
old file or the new one, whole, and the rename itself is on disk once the block has ended. A
failure inside the block removes the temporary file and leaves the old file (or none).

``private=True`` creates the temporary file with mode 0600 on POSIX, with no moment in which it
is readable by others and whatever the umask (exports, import reports, card PDFs, key slots,
settings, the autosaved form…: anything with personal data or secrets). Without it the file
gets the usual mode (0666 less the umask), like any file the process creates. On Windows a file
inherits the folder's permissions either way, as every other file of the user's does.

The temporary file is named ``temp_prefix`` + random + ``temp_suffix`` (by default
``.<name>.…part``):
names starting with a dot are what the data folder's readers take for unfinished files.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

# As tempfile.mkstemp opens its files: new (never an existing file or a link), not inherited by
# child processes, binary (no newline translation below Python's own on Windows).
_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
          | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0))
_TRIES = 100


def _create(folder: Path, start: str, end: str, perms: int) -> tuple[int, Path]:
    for _ in range(_TRIES):
        tmp = folder / f"{start}{secrets.token_hex(4)}{end}"
        try:
            return os.open(tmp, _FLAGS, perms), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def fsync_dir(folder: Path) -> None:
    """Put a rename or a new file in ``folder`` on disk (POSIX; nothing on Windows, where a
    folder cannot be opened and NTFS journals its metadata)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_write(path: Path, mode: str = "wb", *, private: bool = False,
                 temp_prefix: str | None = None, temp_suffix: str = ".part",
                 **open_kwargs: Any) -> Iterator[IO[Any]]:
    """Open a new file that replaces ``path`` when the block ends without an exception.

    ``mode`` is a writing mode (``"w"``, ``"wb"``, ``"w+b"``…); ``open_kwargs`` go to
    :func:`open` (``encoding``, ``newline``). ``private``: readable by this user only (0600).
    ``temp_prefix``/``temp_suffix`` name the temporary file (default ``.<name>.`` and
    ``.part``). The folder must exist.
    """
    if not mode.startswith("w"):
        raise ValueError(f"atomic_write writes new files only, not mode {mode!r}")
    path = Path(path)
    folder = path.parent
    fd, tmp = _create(folder, f".{path.name}." if temp_prefix is None else temp_prefix,
                      temp_suffix, 0o600 if private else 0o666)
    try:
        try:
            f = os.fdopen(fd, mode, **open_kwargs)
        except BaseException:
            os.close(fd)
            raise
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def make_private(path: Path) -> None:
    """Make a file someone else wrote (Qt's print-to-PDF) readable by this user only; nothing
    when it is missing, or on Windows, where modes do not apply."""
    if os.name != "posix":
        return
    with suppress(FileNotFoundError):
        os.chmod(path, 0o600)
