"""Capture of the student's stdout/stderr inside the worker, with a hard cap.

Python-level output goes to `CappedStream` objects installed as sys.stdout and
sys.stderr: they keep at most `cap` bytes and, on the first write past it, raise
`OutputLimit` (a BaseException, so ``except Exception`` in student code does
not swallow it) — a print flood ends at once instead of filling memory.
C-level writes to fds 1 and 2 land in one file in the private scratch area
whose growth RLIMIT_FSIZE stops (SIGXFSZ is ignored, the write fails with EFBIG);
it is read back with a cap and emptied after every call.
"""

from __future__ import annotations

import io
import os
import sys


class OutputLimit(BaseException):
    """Raised in student code by the first write past the output cap."""


class CappedStream(io.TextIOBase):
    """A text stream that stores up to `cap` bytes (UTF-8) and then raises `OutputLimit`."""

    def __init__(self, cap: int):
        super().__init__()
        self.cap = cap
        self.parts: list[str] = []
        self.size = 0
        self.overflow = False

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        n = len(s.encode("utf-8", "replace"))
        if self.size + n > self.cap:
            room = self.cap - self.size
            self.parts.append(s.encode("utf-8", "replace")[:room].decode("utf-8", "ignore"))
            self.size = self.cap
            self.overflow = True
            raise OutputLimit(f"output limit exceeded ({self.cap} bytes)")
        self.parts.append(s)
        self.size += n
        return len(s)

    def text(self) -> str:
        """Everything kept, with a note when output was cut."""
        note = f"\n[... output truncated at {self.cap} bytes]" if self.overflow else ""
        return "".join(self.parts) + note


class Capture:
    """Per-call capture: fresh Python streams, fds 1/2 pointed at a capped file.

    Args:
        path: the capture file (inside the private tmpfs or the scratch dir).
        cap: bytes kept per stream and per call.
        file_limit: RLIMIT_FSIZE in force; reaching it counts as an output flood.
    """

    def __init__(self, path: str, cap: int, file_limit: int):
        self.cap = cap
        self.file_limit = file_limit
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
        self._rfd = os.open(path, os.O_RDONLY)
        self.out = self.err = CappedStream(cap)

    def start(self) -> None:
        """Install fresh streams and re-point fds 1 and 2 (the student may have closed them)."""
        os.ftruncate(self._fd, 0)
        os.dup2(self._fd, 1)
        os.dup2(self._fd, 2)
        self.out, self.err = CappedStream(self.cap), CappedStream(self.cap)
        sys.stdout, sys.stderr = self.out, self.err

    def finish(self) -> tuple[str, str, bool]:
        """Returns (stdout, stderr, flooded) of the call; fd-level output is appended to stdout."""
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        size = os.fstat(self._rfd).st_size
        raw = os.pread(self._rfd, self.cap, 0).decode("utf-8", "replace")
        if size > self.cap:
            raw += f"\n[... output truncated at {self.cap} bytes]"
        stdout = self.out.text() + raw
        flooded = self.out.overflow or self.err.overflow or size >= self.file_limit
        return stdout, self.err.text(), flooded
