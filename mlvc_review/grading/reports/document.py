"""The JSON report document, and the registry of machine formats built on it.

The shape is the issue's, with extra fields: seed, isolation, duration,
per-task message/hints/line and per-check counterexamples (args, expected, got,
max_abs_err, max_rel_err, hidden).
"""

from __future__ import annotations

import json
from typing import Any, Callable

from mlvc_review import __version__
from mlvc_review.grading.runner import SubmissionResult, TaskResult


def task_dict(task: TaskResult) -> dict[str, Any]:
    """One task as the JSON report writes it."""
    return {
        "task": task.task,
        "function": task.function,
        "status": task.status,
        "score": task.score,
        "max_score": task.max_score,
        "message": task.message,
        "line": task.line,
        "diagnosis": task.diagnosis,
        "hints": task.hints,
        "checks": [
            {
                "name": c.name,
                "status": c.status,
                "message": c.message,
                "examples": c.examples,
                "hidden": c.hidden,
                "seconds": round(c.seconds, 3),
                "counterexample": c.counterexample(),
            }
            for c in task.checks
        ],
    }


def document(results: list[SubmissionResult], *, seed: int, isolation: str = "", duration: float = 0.0) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    return {
        "tool": "mlvc-review",
        "version": __version__,
        "seed": seed,
        "isolation": isolation,
        "duration": round(duration, 3),
        "submissions": [
            {
                "path": r.path,
                "error": r.error,
                "notes": r.notes,
                "seconds": round(r.seconds, 3),
                "tasks": [task_dict(t) for t in r.tasks],
            }
            for r in results
        ],
    }


def render_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _junit(doc: dict[str, Any]) -> str:
    from mlvc_review.grading.reports.junit import render_junit

    return render_junit(doc)


def _gradescope(doc: dict[str, Any]) -> str:
    from mlvc_review.grading.reports.gradescope import render_gradescope

    return render_gradescope(doc)


FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {"json": render_json, "junit": _junit, "gradescope": _gradescope}


def passed(doc: dict[str, Any]) -> bool:
    """Exit-code rule: every file was read, defines a task, and every graded task passed (skipped ones are not graded)."""
    subs = doc["submissions"]
    if any(s["error"] or not s["tasks"] for s in subs):
        return False
    return all(t["status"] in ("passed", "skipped") for s in subs for t in s["tasks"])
