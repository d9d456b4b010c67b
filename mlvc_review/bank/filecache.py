"""A disk cache of loaded bank files, so reading the bank skips YAML parsing when nothing changed.

One JSON entry per bank file, keyed by the file's resolved path and checked
against its size and modification time. Only files that loaded without a
problem are stored: each question as its validated model dump (every default
filled in) with its line and key lines (chapters.yaml: each chapter's dump). A file with any problem is always read
afresh, so error messages keep their exact positions. A missing, stale or
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
from mlvc_review.paths import ENV_BANK, cache_dir, question_files, shipped_bank_dir

FORMAT = 3  # 3: also chapters.yaml; entries are read without validation (bank.model)


def _entry_path(path: Path) -> Path:
    # a name, not a secret: two files sharing stem and CRC would only evict each other (the stamp holds the path)
    resolved = path.resolve()
    return cache_dir() / "bank" / f"{resolved.stem}-{zlib.crc32(str(resolved).encode()):08x}.json"


def _stamp(path: Path) -> list[Any]:
    st = path.stat()
    return [FORMAT, __version__, str(path.resolve()), st.st_size, st.st_mtime_ns]


def get(path: Path) -> list[dict[str, Any]] | None:
    """The cached entries of `path` (`[{"question": dump, "line": n, "keys": {...}}, ...]`), or None."""
    try:
        entry = json.loads(_entry_path(path).read_text(encoding="utf-8"))
        if entry.get("stamp") == _stamp(path):
            return entry["questions"]
    except (OSError, ValueError, TypeError, KeyError):
        pass
    return None


def put(path: Path, questions: list[dict[str, Any]]) -> None:
    """Store the loaded questions of `path` (silently skipped when it cannot be written)."""
    target = _entry_path(path)
    try:
        text = json.dumps({"stamp": _stamp(path), "questions": questions}, ensure_ascii=False)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except (OSError, TypeError, ValueError):
        pass


def shipped_and_env_files() -> list[Path]:
    """Question files of the shipped bank and the `MLVC_REVIEW_BANK` directories (no --bank)."""
    dirs = [shipped_bank_dir()] + [Path(p) for p in os.environ.get(ENV_BANK, "").split(os.pathsep) if p.strip()]
    return [path for d in dirs if d.is_dir() for path in question_files(d)]
