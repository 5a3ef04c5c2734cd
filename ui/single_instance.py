"""One app per data folder: a second launch brings the running window forward.

Two windows on one data folder would be two writers on one database (and two idle locks, two
daily backups, two autosaved forms). The first app to start holds ``app.lock`` in the data
folder (Qt's ``QLockFile``: it names the process holding it, and a lock whose process has ended,
by a crash or a power cut, is stale and taken over, so it never keeps the app from starting).
Once its first window is on screen it listens on a local socket named after the data folder and
the user (``QLocalServer``: a Unix socket only this user may open, or a Windows named pipe). A
later launch on the same folder finds the lock taken, connects, says ``show``, waits for
``shown`` and exits; the running app shows its window, raised and activated. Another data
folder (``--home``, a portable copy) is another app.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from fieldreg.paths import APP_LOCK_FILE

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MESSAGE = b"show\n"  # a later launch asks
ANSWER = b"shown\n"  # the running app says it did


def server_name(home: Path) -> str:
    """The local socket's name for this data folder and user (short: a Unix socket path has a
    limit of about 100 bytes). Its modules load here, not before the first window."""
    import getpass
    import hashlib

    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: the folder alone
        user = ""
    digest = hashlib.sha256(f"{home.resolve()}\0{user}".encode()).hexdigest()[:20]
    return f"fieldreg-{digest}"


class SingleInstance(QObject):
    """``claim()`` at start; ``listen()`` once a window is shown; ``activated`` on a relaunch."""

    activated = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self._lock = QLockFile(str(home / APP_LOCK_FILE))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this is the only app on the data folder (it then holds the lock until
        ``release`` or the end of the process)."""
        return bool(self._lock.tryLock(0))

    def listen(self) -> bool:
        """Answer later launches. Called after the first window is shown (QtNetwork loads
        then, not before the window). False when the socket cannot be made (the app still
        runs: a later launch then says the app is already open)."""
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the lock, so a socket left by a crashed app is stale: remove it.
        name = server_name(self.home)
        QLocalServer.removeServer(name)
        if not server.listen(name):
            log.warning("cannot listen for a second launch: %s", server.errorString())
            return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _on_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            # A child of the server, freed with it (a relaunch or two per day). Not
            # deleteLater() on disconnect: PySide crashes when the slot's socket is deleted
            # under the connection that called it.
            sock = server.nextPendingConnection()

            def read(s: QLocalSocket = sock) -> None:
                if not s.canReadLine():
                    return
                if bytes(s.readLine().data()) == MESSAGE:
                    log.info("a second launch on this data folder: showing the window")
                    self.activated.emit()
                    s.write(ANSWER)
                    s.flush()

            sock.readyRead.connect(read)
            read()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()


def ask_running_app(home: Path, *, wait_s: float = 10.0) -> bool:
    """Tell the app running on ``home`` to show its window. True when it answered; it may be
    still starting (its socket comes after its first window), so this tries for ``wait_s``."""
    from PySide6.QtNetwork import QLocalSocket

    name = server_name(home)
    deadline = time.monotonic() + wait_s
    while True:
        sock = QLocalSocket()
        sock.connectToServer(name)
        if sock.waitForConnected(500):
            sock.write(MESSAGE)
            sock.waitForBytesWritten(1_000)
            answered = False
            while not answered and sock.waitForReadyRead(2_000):
                answered = ANSWER in bytes(sock.readAll().data())
            sock.disconnectFromServer()
            if answered:
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.25)
