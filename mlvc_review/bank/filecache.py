"""A disk cache of parsed bank files, so loading the bank skips YAML parsing when nothing changed.

One JSON entry per bank file, keyed by the file's resolved path and checked
against its size and modification time. Only files that loaded without a
problem are stored, with each question's line and key lines; a file with any
problem is always read afresh, so error messages keep their exact positions.
A missing, stale or unreadable entry is rebuilt; failing to write one is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from mlvc_review import __version__
from mlvc_review.paths import cache_dir

FORMAT = 1


def _entry_path(path: Path) -> Path:
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
    return cache_dir() / "bank" / f"{digest}.json"


def _stamp(path: Path) -> list[Any]:
    st = path.stat()
    return [FORMAT, __version__, str(path.resolve()), st.st_size, st.st_mtime_ns]


def get(path: Path) -> dict[str, Any] | None:
    """The cached `{"data": ..., "positions": [...]}` of `path`, or None when absent or stale."""
    try:
        entry = json.loads(_entry_path(path).read_text(encoding="utf-8"))
        if entry.get("stamp") == _stamp(path):
            return entry
    except (OSError, ValueError, TypeError):
        pass
    return None


def put(path: Path, data: Any, positions: list[dict[str, Any]]) -> None:
    """Store the parsed content of `path` (silently skipped when it cannot be written)."""
    target = _entry_path(path)
    try:
        text = json.dumps({"stamp": _stamp(path), "data": data, "positions": positions}, ensure_ascii=False)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except (OSError, TypeError, ValueError):
        pass
