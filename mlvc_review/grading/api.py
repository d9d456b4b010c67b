"""The grader as the quiz uses it: write a starter file, grade one file, get the JSON report back."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_starter(functions: list[str], path: Path) -> Path:
    """Write stubs for `functions` (contract names) to `path`, keeping an existing file untouched.

    Returns:
        The path written, or `path` itself when it already exists (the student's work in progress).

    Raises:
        UsageError: an unknown function name.
    """
    from mlvc_review.grading.starter import select, write_starter as write

    entries = select(functions)
    if path.exists():
        return path
    return write(entries, path)


def grade_file(path: Path, functions: list[str], seed: int = 0, *, examples: int | None = None) -> dict[str, Any]:
    """Grade `functions` (contract names or bank ids; empty: every one found) in one file.

    Returns:
        The JSON report document (see `report.document`) with one submission.

    Raises:
        SubmissionError, UsageError, GradingError: as `mlvc-review grade` would report them.
    """
    from mlvc_review.grading.batch import grade_paths
    from mlvc_review.grading.device import resolve_device
    from mlvc_review.grading.reports.document import document
    from mlvc_review.grading.runner import Options

    choice = resolve_device("auto")
    options = Options(seed=seed, examples=examples, heavy_ok=choice.heavy_ok, device=choice.device)
    results, isolation, seconds = grade_paths([Path(path)], list(functions), options)
    return document(results, seed=seed, isolation=isolation, duration=seconds)
