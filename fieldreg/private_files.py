"""Files that hold personal data, written so that only this user can read them.

Exports, import reports and card PDFs carry NIKs, names and phone numbers. ``private_file``
creates them with mode 0600 on POSIX (``tempfile.mkstemp`` creates its file that way, with no
window in which the file is readable by others and whatever the umask), writes beside the
target and renames over it only when everything was written: a failure leaves the old file (or
none), never half a file. On Windows the file inherits the folder's permissions, as every other
file of the user's does.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any


@contextmanager
def private_file(path: Path, mode: str = "wb", **open_kwargs: Any) -> Iterator[IO[Any]]:
    """Open a new file to replace ``path`` (mode ``"w…"`` only), readable by this user only.

    ``open_kwargs`` go to :func:`open` (``encoding``, ``newline``). The file is fsynced and
    renamed over ``path`` when the block ends without an exception; otherwise it is removed.
    """
    if not mode.startswith("w"):
        raise ValueError(f"private_file writes new files only, not mode {mode!r}")
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **open_kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_private(path: Path) -> None:
    """Make a file someone else wrote (Qt's print-to-PDF) readable by this user only; nothing
    when it is missing, or on Windows, where modes do not apply."""
    if os.name != "posix":
        return
    with suppress(FileNotFoundError):
        os.chmod(path, 0o600)
