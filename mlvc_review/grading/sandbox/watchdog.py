"""Grader-side memory watchdog for a running sandbox (complements RLIMIT_DATA, see `sandbox`).

Every check reads the sandbox process's ``RssAnon + RssShmem`` from /proc; about
once a second it also sums the same, minus the shared baseline, over every other
process of the sandbox uid (what the student forked). More than ``memory_mb`` above
the baseline raises `MemoryExceeded`, and the session kills the sandbox.
"""

from __future__ import annotations

import os
import time


class MemoryExceeded(Exception):
    """The sandbox uses more memory than its limit."""


def memory_kb(pid: int | str) -> tuple[int, int | None]:
    """(RssAnon + RssShmem in kB, real uid) of a process; (0, None) if it is gone."""
    kb, uid = 0, None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("RssAnon:", "RssShmem:")):
                    kb += int(line.split()[1])
                elif line.startswith("Uid:"):
                    uid = int(line.split()[1])
    except (OSError, ValueError):
        return 0, None
    return kb, uid


class Watchdog:
    """Memory checks for one sandbox process.

    Args:
        pid: host pid of the sandbox process.
        uid: the sandbox's own uid (None: no per-uid scan, e.g. without root).
        memory_mb: allowed growth over `base_kb`.
    """

    def __init__(self, pid: int, uid: int | None, memory_mb: int, scan_every: float = 1.0):
        self.pid, self.uid = pid, uid
        self.limit_kb = memory_mb * 1024
        self.base_kb = memory_kb(pid)[0]
        self.scan_every = scan_every
        self._next_scan = 0.0

    def reset(self) -> None:
        """Scan the uid's processes at the next check (start of a call)."""
        self._next_scan = time.monotonic() + self.scan_every

    def check(self) -> None:
        """Raises:
        MemoryExceeded: over the limit.
        """
        own, _ = memory_kb(self.pid)
        excess = max(0, own - self.base_kb)
        if excess <= self.limit_kb and self.uid is not None and time.monotonic() >= self._next_scan:
            self._next_scan = time.monotonic() + self.scan_every
            excess += self._others_kb()
        if excess > self.limit_kb:
            raise MemoryExceeded(f"{excess // 1024} MB over the baseline")

    def _others_kb(self) -> int:
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == self.pid:
                continue
            kb, uid = memory_kb(entry)
            if uid == self.uid:
                total += max(0, kb - self.base_kb)
        return total
