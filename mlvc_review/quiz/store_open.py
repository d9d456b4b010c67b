"""Opening the progress store: create, migrate, read where it cannot be written, replace a damaged file.

`open_at` is what `store.open_store` runs. A read-write open that fails is told
apart by SQLite's own error code (`store_errors.kind`): only a file that an
integrity check on a connection of its own finds malformed is moved aside; any
other failure raises a plain `StoreError` and renames nothing, except that a
reader (stats, export) still gets the store opened read-only where that works.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mlvc_review.errors import StoreError, Text
from mlvc_review.quiz.store import ProgressStore
from mlvc_review.quiz.store_errors import CORRUPT, FULL, IOERR, LOCKED, kind, kind_at, store_error
from mlvc_review.quiz.store_files import confirm_damaged, connect, connect_read_only, connect_when_free, move_aside, move_back
from mlvc_review.quiz.store_schema import SCHEMA_VERSION, NewerSchema, current_version, migrate


def _empty(path: Path) -> ProgressStore:
    """A store with nothing in it, in memory: what a read finds where no store was ever written."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    return ProgressStore(conn, path)


_READ_ANYWAY = {  # kind -> (English, Chinese) notice
    FULL: ("the disk is full: your progress was read, but nothing can be saved in {dir} until space is freed",
           "磁盘已满：已读取你的学习进度，但在腾出空间之前 {dir} 中无法保存任何内容"),
    IOERR: ("the disk reported an I/O error; your progress was read without changing {path}",
            "磁盘报告了读写错误；已读取你的学习进度，{path} 没有被改动"),
}
_READ_ONLY_DIR = ("the progress directory {dir} is read-only: your progress was read, but nothing can be saved there",
                  "进度目录 {dir} 是只读的：已读取你的学习进度，但无法在那里保存任何内容")


def _read_only(path: Path, cause: BaseException) -> ProgressStore | None:
    """The store at `path` opened only for reading, after `cause` stopped a read-write open; None if that fails too."""
    if not path.exists():
        return _empty(path)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error:
        return None
    try:
        version = current_version(conn) if conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").fetchone() else 0
    except sqlite3.Error:
        conn.close()
        return None
    if version != SCHEMA_VERSION:
        conn.close()
        return _empty(path) if version == 0 else None
    notice = _READ_ANYWAY.get(kind_at(cause, path), _READ_ONLY_DIR)
    return ProgressStore(conn, path, Text.of(*notice, dir=path.parent, path=path))


def _replace_damaged(path: Path, reason: str) -> ProgressStore:
    """Move the damaged store aside and start a fresh one; put it back if no fresh one can be started."""
    try:
        aside = move_aside(path)
    except OSError as err:
        why = store_error(err, path, "moving it aside")
        raise StoreError.of("the progress store {path} is damaged ({reason}) and could not be moved aside: {why}",
                            "进度库 {path} 已损坏（{reason}），且无法移到一旁：{why_zh}",
                            path=path, reason=reason, why=why, why_zh=why.text("zh")) from None
    try:
        conn = connect(path)
    except (OSError, sqlite3.Error) as err:
        why = store_error(err, path, "starting a fresh store")
        try:
            move_back(aside, path)
        except OSError:
            raise StoreError.of("the progress store {path} is damaged ({reason}); it was moved to {aside}, "
                                "but no fresh store could be started: {why}",
                                "进度库 {path} 已损坏（{reason}）；它已被移到 {aside}，但无法新建进度库：{why_zh}",
                                path=path, reason=reason, aside=aside.name, why=why, why_zh=why.text("zh")) from None
        raise StoreError.of("the progress store {path} is damaged ({reason}) and was left in place: {why}",
                            "进度库 {path} 已损坏（{reason}），保留在原处：{why_zh}",
                            path=path, reason=reason, why=why, why_zh=why.text("zh")) from None
    notice = Text.of("the progress store {path} could not be read ({reason}); it was moved to {aside} "
                     "and a fresh store was started", "无法读取进度库 {path}（{reason}）；它已被移到 {aside}，并新建了进度库",
                     path=path, reason=reason, aside=aside.name)
    return ProgressStore(conn, path, notice)


def open_at(path: Path, *, read_only: bool = False) -> ProgressStore:
    """The store at `path`, opened as `store.open_store` documents."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        if read_only and not path.parent.exists():
            return _empty(path)
        raise store_error(err, path, "creating the progress directory") from None
    try:
        return ProgressStore(connect_when_free(path), path)
    except NewerSchema as err:
        raise StoreError.of("the progress store {path} was written by a newer mlvc-review ({err}); "
                            "upgrade mlvc-review to use it",
                            "进度库 {path} 是由更新版本的 mlvc-review 写入的（库结构版本 {version}，本版本为 {ours}）；"
                            "请升级 mlvc-review 后再使用", path=path, err=err, version=err.version, ours=SCHEMA_VERSION) from None
    except (sqlite3.Error, OSError) as err:
        cause = err
    if kind(cause) == CORRUPT:
        try:
            reason = confirm_damaged(path)
        except (sqlite3.Error, OSError) as err:
            raise store_error(err, path, "checking the progress store") from None
        if reason is not None:
            return _replace_damaged(path, reason)
    if read_only and kind(cause) != LOCKED:
        store = _read_only(path, cause)
        if store is not None:
            return store
    raise store_error(cause, path, "opening your progress") from None
