"""A tiny TCP proxy on loopback between the sync client and a real server, for network faults.

- ``cut_response(b"POST /api/v1/sync/push")``: the next matching request is forwarded whole to
  the server, which processes it; as soon as the answer starts coming back, both connections
  are closed, so the client never sees it (a lost response).
- ``answer(b"POST /api/v1/sync/push", raw_http, times=2)``: the next matching requests are read
  whole and answered with ``raw_http`` (a 429, a 503…), never reaching the server.
- ``requests``: the request lines seen, in order (forwarded or not).

HTTP/1.1 without pipelining: on a connection, the next bytes from the server after a request
are that request's response, which is all the cutting needs to know.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit

_METHODS = (b"GET ", b"POST ", b"PUT ", b"DELETE ", b"HEAD ", b"PATCH ")


def http_response(status: int, reason: str, body: bytes = b"", *,
                  content_type: str = "application/json",
                  headers: dict[str, str] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}", f"Content-Type: {content_type}",
             f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _read_request(sock: socket.socket, first: bytes) -> None:
    """Read the rest of a request whose first bytes are ``first`` (headers, then the body by
    Content-Length), so that answering it never resets a client still sending."""
    data = first
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return
        body += chunk


class Proxy:
    def __init__(self, upstream_url: str) -> None:
        parts = urlsplit(upstream_url)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(32)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._cuts: list[bytes] = []
        self._answers: list[tuple[bytes, bytes]] = []
        self.requests: list[bytes] = []
        self.cut_count = 0
        self.answered_count = 0
        self._closed = False
        self._socks: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    # -- arming faults -------------------------------------------------------------------
    def cut_response(self, pattern: bytes, times: int = 1) -> None:
        with self._lock:
            self._cuts += [pattern] * times

    def answer(self, pattern: bytes, raw: bytes, times: int = 1) -> None:
        with self._lock:
            self._answers += [(pattern, raw)] * times

    def _take(self, line: bytes) -> tuple[str, bytes] | None:
        with self._lock:
            self.requests.append(line)
            for i, (pattern, raw) in enumerate(self._answers):
                if pattern in line:
                    del self._answers[i]
                    self.answered_count += 1
                    return ("answer", raw)
            for i, pattern in enumerate(self._cuts):
                if pattern in line:
                    del self._cuts[i]
                    return ("cut", b"")
        return None

    # -- plumbing ------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        state = {"cut": False}
        done = threading.Event()

        def close_all() -> None:
            done.set()
            for s in (client, upstream):
                if s is None:
                    continue
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

        def downstream() -> None:
            assert upstream is not None
            try:
                while not done.is_set():
                    data = upstream.recv(65536)
                    if not data:
                        break
                    if state["cut"]:
                        with self._lock:
                            self.cut_count += 1
                        break  # the server answered: the client never hears it
                    client.sendall(data)
            except OSError:
                pass
            close_all()

        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
            upstream.settimeout(None)
            with self._lock:
                self._socks.update({client, upstream})
            threading.Thread(target=downstream, daemon=True).start()
            while not done.is_set():
                data = client.recv(65536)
                if not data:
                    break
                if data.startswith(_METHODS):
                    line = data.split(b"\r\n", 1)[0]
                    fault = self._take(line)
                    if fault is not None and fault[0] == "answer":
                        _read_request(client, data)
                        client.sendall(fault[1])
                        break
                    state["cut"] = fault is not None and fault[0] == "cut"
                upstream.sendall(data)
        except OSError:
            pass
        close_all()

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        with self._lock:
            socks = list(self._socks)
        for s in socks:
            with contextlib.suppress(OSError):
                s.close()

    def __enter__(self) -> Proxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
