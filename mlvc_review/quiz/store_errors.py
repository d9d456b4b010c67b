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


DOING_ZH = {  # what the store was doing when it failed, in Chinese (the callers pass the English)
    "saving this answer": "保存这次作答",
    "reading your progress": "读取学习进度",
    "deleting progress": "删除学习进度",
    "undoing the last answer": "撤销上一次作答",
    "moving it aside": "把它移到一旁",
    "starting a fresh store": "新建进度库",
    "creating the progress directory": "创建进度目录",
    "checking the progress store": "检查进度库",
    "opening your progress": "打开学习进度",
}

_TEXTS = {  # kind -> (English, Chinese), filled with path, doing
    FULL: ("the disk is full: {doing} failed and nothing was changed in the progress store {path}. "
           "Free some space and try again", "磁盘已满：{doing}失败，进度库 {path} 没有任何改动。请腾出空间后重试"),
    IOERR: ("the disk reported an I/O error while {doing}; the progress store {path} was left as it is. "
            "Check the disk, then try again", "{doing}时磁盘报告了读写错误；进度库 {path} 保持原样。请检查磁盘后重试"),
    READONLY: ("the progress store {path} is read-only: {doing} needs to write to it. "
               "Make it writable, or set MLVC_REVIEW_HOME to another directory",
               "进度库 {path} 是只读的：{doing}需要写入它。请让它可写，或把 MLVC_REVIEW_HOME 设为另一个目录"),
    LOCKED: ("the progress store {path} is locked by another mlvc-review session: {doing} could not wait for it. "
             "Try again when that session ends", "进度库 {path} 正被另一个 mlvc-review 会话锁定：{doing}无法继续等待。请在那个会话结束后重试"),
    CORRUPT: ("the progress store {path} is damaged: {doing} failed", "进度库 {path} 已损坏：{doing}失败"),
    OTHER: ("{doing} failed: cannot use the progress store {path}", "{doing}失败：无法使用进度库 {path}"),
}


def store_error(err: BaseException, path: Path, doing: str) -> StoreError:
    """A `StoreError` saying what happened to the store at `path` while `doing` (e.g. "saving the answer").

    A lock, a full disk, an I/O error and a read-only directory each get a plain sentence,
    in English and Chinese (`DOING_ZH` translates `doing`); the cause is kept in parentheses
    for a bug report.
    """
    what = kind_at(err, path)
    doing_zh = DOING_ZH.get(doing, doing)
    if what in (READONLY, CANTOPEN) and not writable(path.parent):
        return StoreError.of("the progress directory {dir} is read-only, and {doing} needs to write {name} there. "
                             "Make it writable, or set MLVC_REVIEW_HOME to a writable directory.",
                             "进度目录 {dir} 是只读的，而{doing_zh}需要在那里写入 {name}。请让它可写，"
                             "或把 MLVC_REVIEW_HOME 设为一个可写的目录。",
                             dir=path.parent, doing=doing, doing_zh=doing_zh, name=path.name)
    detail = getattr(err, "strerror", None) or str(err)
    en, zh = _TEXTS.get(what, _TEXTS[OTHER])
    return StoreError(en.format(path=path, doing=doing) + f" ({detail}).",
                      zh.format(path=path, doing=doing_zh) + f"（{detail}）。")
