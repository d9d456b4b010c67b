"""What the grader and the bank say about each contract entry: graded or not, bank task ids.

Whether a function is graded is read from the task registry's checked-in index
(grading/tasks/_index.py, which tests/grading/test_task_index.py keeps equal to what
the task modules register): importing the task modules themselves would import NumPy,
about 0.1 s, as long as the rest of `mlvc-review tasks`.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlvc_review.grading.contract import CONTRACT, Entry


@dataclass(frozen=True)
class Status:
    """One contract entry: does the grader check it, and which bank code questions are about it."""

    graded: bool
    bank_ids: tuple[str, ...] = ()  # in bank order


def graded_functions() -> frozenset[str]:
    """Contract names the grader's task registry declares checks for (no task module is imported)."""
    from mlvc_review.grading.tasks._index import MODULES

    return frozenset(MODULES) & frozenset(CONTRACT)


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
