"""What the grader and the bank say about each contract entry: graded or not, bank task ids.

Whether a function is graded comes from the grader's task registry (grading/tasks/), whose
modules import NumPy: about 0.1 s, as long as the rest of `mlvc-review tasks`. The answer is
therefore kept in the cache directory, stamped with every task module's path, size and
modification time, and the registry is imported only when one of them changed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from mlvc_review.grading.contract import CONTRACT, Entry

_FORMAT = 1


@dataclass(frozen=True)
class Status:
    """One contract entry: does the grader check it, and which bank code questions are about it."""

    graded: bool
    bank_ids: tuple[str, ...] = ()  # in bank order


def statuses(entries: list[Entry]) -> dict[str, Status]:
    """name -> Status for each of `entries`."""
    from mlvc_review.grading.taskinfo import code_tasks

    graded = graded_functions()
    ids: dict[str, list[str]] = {}
    for task in code_tasks():
        ids.setdefault(task.function, []).append(task.id)
    return {e.name: Status(e.name in graded, tuple(ids.get(e.name, ()))) for e in entries}


def bank_function(task_id: str) -> str | None:
    """The contract function a bank code question `task_id` is about, or None."""
    from mlvc_review.grading.taskinfo import code_tasks

    return next((t.function for t in code_tasks() if t.id == task_id and t.function in CONTRACT), None)


def graded_functions() -> frozenset[str]:
    """Contract names the grader's task registry declares checks for (from the cache when it is fresh)."""
    from mlvc_review.grading import spec

    stamp = _stamp()
    cached = _read(stamp)
    if cached is not None:
        return cached
    fresh = not spec._loaded
    names = frozenset(spec.load_all()) & frozenset(CONTRACT)
    if fresh:  # a registry this process already touched (tests register fakes) is not written down
        _write(stamp, names)
    return names


def _stamp() -> list:
    from mlvc_review import __version__

    tasks = Path(__file__).with_name("tasks")
    files = sorted([str(p.relative_to(tasks)), p.stat().st_size, p.stat().st_mtime_ns] for p in tasks.rglob("*.py"))
    return [_FORMAT, __version__, str(tasks.resolve()), files]


def _cache_file() -> Path:
    from mlvc_review.paths import cache_dir

    return cache_dir() / "graded.json"


def _read(stamp: list) -> frozenset[str] | None:
    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
        return frozenset(data["graded"]) if data["stamp"] == stamp else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(stamp: list, names: frozenset[str]) -> None:
    target = _cache_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps({"stamp": stamp, "graded": sorted(names)}), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        pass  # a cache that cannot be written only makes the next run slower
