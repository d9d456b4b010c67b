"""What went wrong with the progress store, told plainly; which failures mean a corrupt file.

Only a file that SQLite itself reports as malformed (SQLITE_CORRUPT, SQLITE_NOTADB, or
a failed integrity check) counts as corrupt and may be moved aside. A full disk, an
I/O error, a read-only directory or a lock is a condition of the machine, not of the
file: it becomes a `StoreError` (exit 4) that says what happened and where the file
is, and nothing is renamed.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from mlvc_review.errors import StoreError

CORRUPT, FULL, IOERR, READONLY, LOCKED, CANTOPEN, OTHER = "corrupt", "full", "ioerr", "readonly", "locked", "cantopen", "other"

_PRIMARY = {
    sqlite3.SQLITE_CORRUPT: CORRUPT,
    sqlite3.SQLITE_NOTADB: CORRUPT,
    sqlite3.SQLITE_FULL: FULL,
    sqlite3.SQLITE_IOERR: IOERR,
    sqlite3.SQLITE_READONLY: READONLY,
    sqlite3.SQLITE_PERM: READONLY,
    sqlite3.SQLITE_BUSY: LOCKED,
    sqlite3.SQLITE_LOCKED: LOCKED,
    sqlite3.SQLITE_CANTOPEN: CANTOPEN,
}
LOW_SPACE = 64 * 1024  # bytes: less than SQLite needs for its WAL index and a few pages
_ERRNO = {errno.ENOSPC: FULL, errno.EDQUOT: FULL, errno.EIO: IOERR, errno.EROFS: READONLY, errno.EACCES: READONLY,
          errno.EPERM: READONLY}


class Malformed(sqlite3.DatabaseError):
    """SQLite's integrity check found the file damaged."""


def kind(err: BaseException) -> str:
    """One of CORRUPT, FULL, IOERR, READONLY, LOCKED, CANTOPEN, OTHER for an error of SQLite or the OS."""
    if isinstance(err, Malformed):
        return CORRUPT
    if isinstance(err, sqlite3.Error):
        code = getattr(err, "sqlite_errorcode", None)
        if code is not None:
            return _PRIMARY.get(code & 0xFF, OTHER)
        return LOCKED if "locked" in str(err) else OTHER
    if isinstance(err, OSError):
        return _ERRNO.get(err.errno, OTHER)
    return OTHER


def writable(directory: Path) -> bool:
    """Whether this process may create files in `directory` (False on a read-only mount, even for root)."""
    return os.access(directory, os.W_OK | os.X_OK)


def _no_space(directory: Path) -> bool:
    """Whether the file system holding `directory` has (almost) no room left for this user."""
    try:
        st = os.statvfs(directory)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < LOW_SPACE


def kind_at(err: BaseException, path: Path) -> str:
    """`kind(err)` for the store at `path`, where an I/O error on a full disk counts as FULL."""
    what = kind(err)
    if what in (IOERR, CANTOPEN) and _no_space(path.parent):
        return FULL  # SQLite says "I/O error" when it cannot grow its shared-memory file on a full disk
    return what


def store_error(err: BaseException, path: Path, doing: str) -> StoreError:
    """A `StoreError` saying what happened to the store at `path` while `doing` (e.g. "saving the answer").

    A lock, a full disk, an I/O error and a read-only directory each get a plain sentence;
    the cause is kept in parentheses for a bug report.
    """
    what = kind_at(err, path)
    if what in (READONLY, CANTOPEN) and not writable(path.parent):
        return StoreError(f"the progress directory {path.parent} is read-only, and {doing} needs to write "
                          f"{path.name} there. Make it writable, or set MLVC_REVIEW_HOME to a writable directory.")
    detail = getattr(err, "strerror", None) or str(err)
    text = {
        FULL: f"the disk is full: {doing} failed and nothing was changed in the progress store {path}. "
              "Free some space and try again",
        IOERR: f"the disk reported an I/O error while {doing}; the progress store {path} was left as it is. "
               "Check the disk, then try again",
        READONLY: f"the progress store {path} is read-only: {doing} needs to write to it. "
                  "Make it writable, or set MLVC_REVIEW_HOME to another directory",
        LOCKED: f"the progress store {path} is locked by another mlvc-review session: {doing} could not wait for it. "
                "Try again when that session ends",
        CORRUPT: f"the progress store {path} is damaged: {doing} failed",
    }.get(what, f"{doing} failed: cannot use the progress store {path}")
    return StoreError(f"{text} ({detail}).")
