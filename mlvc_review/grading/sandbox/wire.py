"""Length-prefixed framing of `protocol` messages over a Unix stream socket.

A frame is ``u64 little-endian length | protocol.encode(value)``. Both sides use
it: the worker with blocking reads, the grader with a deadline and a periodic
``tick`` (its memory watchdog). Imports only the standard library and
`protocol`, so the sandbox worker can load it before the student's file.
"""

from __future__ import annotations

import select
import socket
import struct
import time
from typing import Any, Callable

from mlvc_review.grading.sandbox.protocol import MAX_MESSAGE_BYTES, ProtocolError, decode, encode

_LEN = struct.Struct("<Q")


class ChannelClosed(Exception):
    """The other end closed the connection (or it broke)."""


class ChannelTimeout(Exception):
    """No complete message arrived before the deadline."""


def send_message(sock: socket.socket, value: Any, *, max_bytes: int = MAX_MESSAGE_BYTES) -> None:
    """Encode `value` and write one frame (blocking).

    Raises:
        ProtocolError: `value` is not plain data or is too large.
        ChannelClosed: the peer is gone.
    """
    payload = encode(value, max_bytes=max_bytes)
    try:
        sock.sendall(_LEN.pack(len(payload)) + payload)
    except OSError as err:
        raise ChannelClosed(str(err)) from None


class Channel:
    """Reads frames from a socket, with an optional deadline.

    Args:
        sock: a connected stream socket.
        max_bytes: frames announcing more than this are a `ProtocolError`.
    """

    def __init__(self, sock: socket.socket, *, max_bytes: int = MAX_MESSAGE_BYTES):
        self.sock = sock
        self.max_bytes = max_bytes
        self._buf = bytearray()

    def send(self, value: Any) -> None:
        """Write one message (see `send_message`)."""
        send_message(self.sock, value, max_bytes=self.max_bytes)

    def recv(
        self,
        deadline: float | None = None,
        tick: Callable[[], None] | None = None,
        tick_every: float = 0.05,
    ) -> Any:
        """Read one message; `deadline` is a `time.monotonic()` value or None (wait forever).

        `tick` runs about every `tick_every` seconds while waiting and may raise to abort.

        Raises:
            ChannelTimeout, ChannelClosed, ProtocolError.
        """
        while True:
            if len(self._buf) >= _LEN.size:
                (n,) = _LEN.unpack_from(self._buf)
                if n > self.max_bytes:
                    raise ProtocolError(f"a message of {n} bytes exceeds the limit of {self.max_bytes} bytes")
                if len(self._buf) >= _LEN.size + n:
                    payload = bytes(self._buf[_LEN.size : _LEN.size + n])
                    del self._buf[: _LEN.size + n]
                    return decode(payload, max_bytes=self.max_bytes)
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                raise ChannelTimeout()
            if tick is not None:
                wait = tick_every if wait is None else min(wait, tick_every)
            if wait is None or select.select([self.sock], [], [], wait)[0]:
                self._read_some()
            if tick is not None:
                tick()

    def drop(self) -> None:
        """Forget buffered bytes (after a malformed frame)."""
        self._buf.clear()

    def _read_some(self) -> None:
        try:
            chunk = self.sock.recv(1 << 20)
        except OSError as err:
            raise ChannelClosed(str(err)) from None
        if not chunk:
            raise ChannelClosed("connection closed")
        self._buf += chunk
