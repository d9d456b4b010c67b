"""Connections to the progress database file, and moving a damaged one aside.

`connect` opens for writing (WAL, busy timeout, integrity check, migration);
`connect_read_only` reads a store that cannot be written (a read-only directory,
a full disk); `confirm_damaged` asks SQLite, on a connection of its own, whether
the file is really malformed before anything is renamed.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from mlvc_review.quiz.store_errors import CORRUPT, Malformed, kind
from mlvc_review.quiz.store_schema import migrate

BUSY_TIMEOUT_MS = 10_000


def _check(conn: sqlite3.Connection) -> None:
    """Raise `Malformed` unless SQLite's quick integrity check passes."""
    result = conn.execute("PRAGMA quick_check").fetchone()
    if result is None or result[0] != "ok":
        raise Malformed(f"integrity check failed: {result[0] if result else 'no result'}")


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating and migrating) the store at `path` for reading and writing."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        _check(conn)
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def connect_when_free(path: Path) -> sqlite3.Connection:
    """`connect`, retried while another process holds the lock.

    Two sessions opening a new store at once contend for switching it to WAL, and
    SQLite reports that as "locked" at once rather than waiting for busy_timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return connect(path)
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _has_journal(path: Path) -> bool:
    """Whether a WAL file with content lies beside `path` (answers not yet copied into the file itself)."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open the existing store at `path` without writing anything, checked for integrity.

    A WAL database needs its shared-memory file, which a read-only directory or a full
    disk cannot hold; when no WAL content is pending the file alone is the whole store,
    so it is opened as immutable instead.
    """
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute("PRAGMA schema_version").fetchone()  # fails here when the -shm file cannot be made
    except sqlite3.Error as err:
        if kind(err) == CORRUPT or _has_journal(path):
            raise
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
    try:
        _check(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def confirm_damaged(path: Path) -> str | None:
    """What SQLite finds wrong with the file at `path` on a fresh read-only look; None if it finds nothing.

    Any other failure of that look (an I/O error, a lock) propagates: it proves nothing
    about the file, so the caller must not move it.
    """
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as err:
        if kind(err) == CORRUPT:
            return str(err)
        raise
    conn.close()
    return None


def _sides(path: Path) -> list[tuple[Path, str]]:
    return [(path.with_name(path.name + suffix), suffix) for suffix in ("-wal", "-shm")]


def move_aside(path: Path) -> Path:
    """Rename a damaged store (and its WAL files) to `<name>.corrupt-<UTC time>`; returns the new path."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    for side, suffix in _sides(path):
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def move_back(aside: Path, path: Path) -> None:
    """Undo `move_aside` (a fresh store could not be started): the damaged file returns to `path`."""
    for side, _ in _sides(path):
        side.unlink(missing_ok=True)
    path.unlink(missing_ok=True)
    aside.rename(path)
    for side, suffix in _sides(path):
        moved = aside.with_name(aside.name + suffix)
        if moved.exists():
            moved.rename(side)
