"""A TCP proxy that behaves like a weak rural link: a fixed delay each way and a bandwidth cap
per direction (shared by all connections, as one modem would be).

    with ShapingProxy(("127.0.0.1", 8750), delay=0.100, bits_per_second=1_000_000) as proxy:
        url = f"http://127.0.0.1:{proxy.port}"

Each chunk read from one side is delivered to the other no earlier than ``delay`` after it
arrived, and no earlier than the link has finished sending the chunks before it at the capped
rate. Runs its own asyncio loop in a thread.

For crash tests, ``stall_up(marker, nth)`` cuts the client's upload at a known point: once the
``nth`` occurrence of ``marker`` (say b"POST /api/v1/sync/push") has been sent on, the rest is
held (``stalled`` is set) until ``release()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from types import TracebackType


class _Link:
    """One direction of the modem: when is it free again."""

    def __init__(self, bits_per_second: float) -> None:
        self.rate = bits_per_second / 8.0  # bytes per second
        self.free_at = 0.0

    def schedule(self, now: float, delay: float, size: int) -> float:
        start = max(now, self.free_at)
        self.free_at = start + size / self.rate
        return self.free_at + delay


class ShapingProxy:
    def __init__(self, target: tuple[str, int], *, delay: float = 0.100,
                 bits_per_second: float = 1_000_000) -> None:
        self.target = target
        self.stalled = threading.Event()
        self._stall_marker = b""
        self._stall_left = 0
        self._released: asyncio.Event | None = None
        self.delay = delay
        self.up = _Link(bits_per_second)
        self.down = _Link(bits_per_second)
        self.port = 0
        self.bytes_up = 0
        self.bytes_down = 0
        self.connections = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._server: asyncio.base_events.Server | None = None

    def __enter__(self) -> ShapingProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def stall_up(self, marker: bytes, nth: int) -> None:
        """Hold the upload just after the ``nth`` ``marker`` from now on (see the module)."""
        self._stall_marker, self._stall_left = marker, nth

    def release(self) -> None:
        """Let a stalled upload go on (to wherever the target now is)."""
        if self._released is not None:
            self._loop.call_soon_threadsafe(self._released.set)

    def _cut(self, chunk: bytes) -> int | None:
        """Where to stop forwarding ``chunk`` if the stall point is in it."""
        if not self._stall_marker or self._stall_left <= 0:
            return None
        at = 0
        while (found := chunk.find(self._stall_marker, at)) >= 0:
            at = found + len(self._stall_marker)
            self._stall_left -= 1
            if self._stall_left == 0:
                return at
        return None

    def close(self) -> None:
        if not self._thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._released = asyncio.Event()
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self._pump(reader, up_writer, self.up, "up"),
                             self._pump(up_reader, writer, self.down, "down"))

    async def _pump(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter, link: _Link,
                    direction: str) -> None:
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                at, chunk = await queue.get()
                if not chunk:
                    break
                wait = at - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                dst.write(chunk)
                await dst.drain()
            with contextlib.suppress(OSError):
                dst.write_eof()

        sender = asyncio.ensure_future(deliver())
        try:
            while True:
                chunk = await src.read(16 * 1024)
                if not chunk:
                    break
                if direction == "up":
                    cut = self._cut(chunk)
                    if cut is not None and self._released is not None:
                        head, chunk = chunk[:cut], chunk[cut:]
                        self.bytes_up += len(head)
                        queue.put_nowait((link.schedule(time.monotonic(), self.delay,
                                                        len(head)), head))
                        self.stalled.set()
                        await self._released.wait()
                    self.bytes_up += len(chunk)
                else:
                    self.bytes_down += len(chunk)
                queue.put_nowait((link.schedule(time.monotonic(), self.delay, len(chunk)),
                                  chunk))
        except (ConnectionError, OSError):
            pass
        finally:
            queue.put_nowait((0.0, b""))
            with contextlib.suppress(ConnectionError, OSError):
                await sender
