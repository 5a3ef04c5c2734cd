"""Tiny HTTP servers that are not the district server: a captive portal, a JSON API that is
someone else's. Each answers every request the same way and counts them."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTAL_PAGE = (b"<!doctype html><html><head><title>Login Wi-Fi Desa</title></head><body>"
               b"<form action='/login'>Masukkan voucher</form></body></html>")


class StubServer:
    def __init__(self, status: int, body: bytes, content_type: str) -> None:
        stub = self
        self.hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                stub.hits.append(f"{self.command} {self.path}")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> StubServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def captive_portal() -> StubServer:
    """A hotel/village Wi-Fi login page: 200 and HTML, whatever was asked."""
    return StubServer(200, PORTAL_PAGE, "text/html; charset=utf-8")


def someone_elses_json() -> StubServer:
    """A 200 with JSON that is not the protocol."""
    return StubServer(200, b'{"status": "ok", "results": []}', "application/json")
