"""A disk cache of the bank's code questions, so `grade` starts without YAML parsing or pydantic.

The cache is keyed by every bank file's path, size and modification time (the
shipped bank and `MLVC_REVIEW_BANK` directories); any change rebuilds it. A
missing or unreadable cache is simply rebuilt; failing to write it is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable, TypeVar

from mlvc_review.paths import cache_dir, shipped_bank_dir

T = TypeVar("T")
ENV_BANK = "MLVC_REVIEW_BANK"  # as mlvc_review.bank.loader
VERSION = 1


def _bank_files() -> list[Path]:
    dirs = [shipped_bank_dir()]
    dirs += [Path(p) for p in os.environ.get(ENV_BANK, "").split(os.pathsep) if p.strip()]
    files: list[Path] = []
    for d in dirs:
        if d.is_dir():
            files += sorted(p for p in d.iterdir() if p.suffix in (".yaml", ".yml"))
    return files


def fingerprint() -> str:
    """A digest of the bank files' paths, sizes and modification times."""
    h = hashlib.sha256(str(VERSION).encode())
    for path in _bank_files():
        st = path.stat()
        h.update(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def cached_tasks(load: Callable[[], list[T]], dump: Callable[[T], dict], parse: Callable[[dict], T]) -> list[T]:
    """The cached records when the bank is unchanged, else `load()` (saved for next time)."""
    key = fingerprint()
    path = cache_dir() / "code_tasks.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return [parse(item) for item in data["tasks"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    records = load()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, "tasks": [dump(r) for r in records]}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
    return records
