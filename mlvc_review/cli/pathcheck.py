"""Checks of the paths a command is given, made before any work starts.

Each check raises `UsageError` (exit 2) naming the option, the path and what is wrong
with it, so no command grades, loads or asks anything only to fail at the end, and no
odd name (too long, a file used as a folder, a symlink loop) reaches the core as a
traceback. `typer_callback` wraps a check for use as an option's callback.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from mlvc_review.errors import UsageError

MISSING, DIR, FILE, OTHER = "missing", "dir", "file", "other"


def kind(path: Path, option: str) -> str:
    """MISSING, DIR, FILE or OTHER; a name the system cannot even look up is a `UsageError`."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return MISSING
    except NotADirectoryError:
        raise UsageError.of("{option} {path}: a part of the path before the last one is a file, not a folder",
                            "{option} {path}：路径中最后一部分之前的某一部分是文件，不是文件夹", option=option, path=path) from None
    except OSError as err:
        raise UsageError.of("{option} {path}: {why}", "{option} {path}：{why}", option=option, path=path,
                            why=err.strerror or err) from None
    return DIR if stat.S_ISDIR(mode) else FILE if stat.S_ISREG(mode) else OTHER


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _nearest_existing(path: Path, option: str) -> Path:
    """`path` itself or its closest ancestor that exists."""
    current = path
    while kind(current, option) == MISSING and current != current.parent:
        current = current.parent
    return current


def _writable_dir(directory: Path, option: str, path: Path) -> None:
    if kind(directory, option) != DIR:
        raise UsageError.of("{option} {path}: {dir} is not a folder", "{option} {path}：{dir} 不是文件夹",
                            option=option, path=path, dir=directory)
    if not os.access(directory, os.W_OK | os.X_OK):
        raise UsageError.of("{option} {path}: the folder {dir} is not writable", "{option} {path}：文件夹 {dir} 不可写",
                            option=option, path=path, dir=directory)


def _a_folder(option: str, path: Path) -> UsageError:
    return UsageError.of("{option} {path} is a folder; name a file to write", "{option} {path} 是文件夹；请指定要写入的文件",
                         option=option, path=path)


def output_file(path: Path | None, option: str = "--output") -> None:
    """A file the command will write: not a folder, in an existing, writable folder."""
    if path is None:
        return
    what = kind(path, option)
    if what == DIR:
        raise _a_folder(option, path)
    folder = _folder_of(path)
    if kind(folder, option) == MISSING:
        raise UsageError.of("{option} {path}: the folder {dir} does not exist", "{option} {path}：文件夹 {dir} 不存在",
                            option=option, path=path, dir=folder)
    _writable_dir(folder, option, path)
    if what == FILE and not os.access(path, os.W_OK):
        raise UsageError.of("{option} {path} exists and is not writable", "{option} {path} 已存在且不可写",
                            option=option, path=path)


def new_file(path: Path, option: str) -> None:
    """A file the command creates, with any missing folders: not a folder, under a writable one."""
    if kind(path, option) == DIR:
        raise _a_folder(option, path)
    _writable_dir(_nearest_existing(_folder_of(path), option), option, path)


def work_dir(path: Path | None, option: str) -> None:
    """A folder the command writes into (created if missing): not a file, under a writable folder."""
    if path is None:
        return
    if kind(path, option) not in (DIR, MISSING):
        raise UsageError.of("{option} {path} is a file, not a folder", "{option} {path} 是文件，不是文件夹",
                            option=option, path=path)
    _writable_dir(_nearest_existing(path, option), option, path)


def readable(path: Path, option: str) -> None:
    """A path the command reads: its name must at least be one the system can look up (missing is the caller's)."""
    kind(path, option)


def typer_callback(check: Callable[..., None], option: str) -> Callable[[object], object]:
    """An option callback running `check(value, option)` on the value (or on each of a list)."""

    def callback(value: object) -> object:
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is not None:
                check(Path(item), option)
        return value

    return callback
