"""A disk cache of loaded bank files, so reading the bank skips YAML parsing when nothing changed.

One entry per bank file, keyed by the file's resolved path and checked against
its size and modification time: a JSON header line (the stamp and a small index
the caller chooses) and a JSON body. Only files that loaded without a problem are
stored: each question as its validated model dump (every default filled in) with
its line and key lines (chapters.yaml: each chapter's dump). A file with any
problem is always read afresh, so error messages keep their exact positions. A missing, stale or
unreadable entry is rebuilt; failing to write one is ignored. This module imports
no pydantic: the grader reads its code tasks straight from here.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

from mlvc_review import __version__
from mlvc_review.paths import bank_files, cache_dir, env_bank_paths, shipped_bank_dir

FORMAT = 4  # 4: a header line (stamp and index), then the entries; read without validation (bank.model)


def _where(path: Path) -> tuple[Path, list[Any]]:
    """The cache file of `path` and the stamp it must carry."""
    resolved = path.resolve()
    st = resolved.stat()
    # a name, not a secret: two files sharing stem and CRC would only evict each other (the stamp holds the path)
    name = f"{resolved.stem}-{zlib.crc32(str(resolved).encode()):08x}.json"
    return cache_dir() / "bank" / name, [FORMAT, __version__, str(resolved), st.st_size, st.st_mtime_ns]


def _read(path: Path, body: bool) -> tuple[Any, Any] | None:
    try:
        target, stamp = _where(path)
        with open(target, "rb") as f:
            header = json.loads(f.readline())
            if header.get("stamp") != stamp:
                return None
            return header.get("index"), json.loads(f.read()) if body else None
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def get(path: Path) -> list[dict[str, Any]] | None:
    """The cached entries of `path` (`[{"question": dump, "line": n, "keys": {...}}, ...]`), or None."""
    found = _read(path, body=True)
    return None if found is None else found[1]


def index(path: Path) -> Any:
    """The small summary stored with the entries of `path` (e.g. each question's id), or None.

    Only the entry's first line is read: a one-chapter quiz skips the other files' bodies.
    """
    found = _read(path, body=False)
    return None if found is None else found[0]


def put(path: Path, entries: list[dict[str, Any]], summary: Any = None) -> None:
    """Store the loaded entries of `path` with a summary for `index` (silently skipped when it cannot be written)."""
    try:
        target, stamp = _where(path)
        # json.dumps writes no raw newline: the header is exactly the first line
        text = json.dumps({"stamp": stamp, "index": summary}, ensure_ascii=False) + "\n" + json.dumps(entries, ensure_ascii=False)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except (OSError, TypeError, ValueError):
        pass


def shipped_and_env_files() -> list[Path]:
    """Question files of the shipped bank and of `MLVC_REVIEW_BANK` (no --bank), as `load_bank` reads them."""
    return [path for d in [shipped_bank_dir(), *env_bank_paths()] for path in bank_files(d)]
