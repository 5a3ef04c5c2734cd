"""Logging to a rotating file in the data folder; any 16-digit number (a NIK, a KK) is masked."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from fieldreg.paths import LOG_FILE, LOGS_FOLDER

_ID_RE = re.compile(r"(?<!\d)\d{12}(\d{4})(?!\d)")


class MaskIdentityNumbers(logging.Filter):
    """Defence in depth: code never logs a full NIK, and this filter masks one if it slips in."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        masked = _ID_RE.sub(lambda m: "*" * 12 + m.group(1), msg)
        if masked != msg:
            record.msg, record.args = masked, None
        return True


def setup_logging(home: Path, *, level: int = logging.INFO) -> Path:
    """Log to ``home/logs/fieldreg.log`` (1 MiB × 5). Returns the log file's path."""
    logs = home / LOGS_FOLDER
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / LOG_FILE
    root = logging.getLogger()
    for h in list(root.handlers):
        if isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path:
            return path
    handler = RotatingFileHandler(path, maxBytes=1 << 20, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskIdentityNumbers())
    root.addHandler(handler)
    root.setLevel(level)
    return path
