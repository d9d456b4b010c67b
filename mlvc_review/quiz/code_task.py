"""Serving a code question inside a session: starter file, wait for 'ready', grade, report.

The grader (`mlvc_review.grading.api`) is imported only when a code question is
served, so a quiz without code never imports torch. Without the grader the
question can only be skipped.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlvc_review.errors import MlvcError
from mlvc_review.quiz import events as ev
from mlvc_review.quiz.strings import t

if TYPE_CHECKING:
    from mlvc_review.quiz.session import Ctx, Session

READY = {"", "ready", "r", "done", "好了", "完成"}  # "": Enter


def load_grader() -> Any | None:
    """The grading API module, or None when this install has none."""
    if importlib.util.find_spec("mlvc_review.grading.api") is None:
        return None
    import mlvc_review.grading.api as api

    return api


def submission_of(report: dict) -> dict:
    """The one submission of a report: the grader's whole document holds it under "submissions"."""
    submissions = report.get("submissions")
    return submissions[0] if isinstance(submissions, list) and submissions else report


def task_lines(task: dict) -> list[str]:
    """What went wrong in one task: its message, the diagnosed mistake, the failed checks."""
    lines = [str(task["message"])] if task.get("message") else []
    diagnosis = task.get("diagnosis")
    if isinstance(diagnosis, dict):
        lines.append(f"{diagnosis.get('name', '')}: {diagnosis.get('explanation', '')}".strip(": "))
    elif diagnosis:
        lines.append(str(diagnosis))
    for check in task.get("checks") or []:
        if check.get("status") not in (None, "passed"):
            lines.append(f"{check.get('name')}: {check.get('message', '')}".rstrip(": "))
    return lines


def report_grade(report: dict, function: str) -> Any:
    """A checker `Grade` from one submission's report: score = points / max points."""
    from mlvc_review.quiz.checkers.base import Grade

    tasks = report.get("tasks") or []
    max_score = sum(float(task.get("max_score") or 0) for task in tasks)
    # score = sum of points / sum of possible points over the file's tasks
    score = sum(float(task.get("score") or 0) for task in tasks) / max_score if max_score else 0.0
    feedback = [str(report["error"])] if report.get("error") else []
    for task in tasks:
        if task.get("status") != "passed":
            feedback += [f"{task.get('function', function)}: {line}" for line in task_lines(task)]
    return Grade.of(score, feedback, f"{function}: every check passes")


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def ask_code(session: "Session", ctx: "Ctx") -> None:
    """Write the starter (kept if the file exists), then grade on 'ready' until graded or skipped."""
    q, lang = ctx.question, session.lang
    grader = session.grader or load_grader()
    path = (session.workdir or Path.cwd()) / f"{q.function}.py"
    starter = None  # the text written, while the student has not changed it: grading it is no attempt
    if grader is None:
        session.io.show(ev.Notice(t("no_grader", lang), "warn"))
    else:
        if path.exists():
            session.io.show(ev.Notice(t("existing", lang, path=path)))
        else:
            grader.write_starter([q.function], path)
            starter = _text(path)
            session.io.show(ev.Notice(t("starter", lang, path=path)))
    while True:
        raw = session.read_answer(ctx, t("ready", lang), allow_empty=True)
        if raw is None:
            return session.skip(ctx)
        if grader is None:
            session.io.show(ev.InvalidInput(t("no_grader", lang), None, lang))
            continue
        if raw.strip().lower() not in READY:
            session.io.show(ev.InvalidInput(t("type_ready", lang), None, lang))
            continue
        if starter is not None and _text(path) == starter:
            session.io.show(ev.InvalidInput(t("starter_unchanged", lang, path=path), None, lang))
            continue
        try:
            report = submission_of(grader.grade_file(path, [q.function], seed=ctx.item.seed))
        except MlvcError as err:  # no file, sandbox failure: not an attempt
            session.io.show(ev.InvalidInput(str(err), None, lang))
            continue
        session.io.show(ev.CodeReport(report, lang))
        if not report.get("error") and not any(task.get("max_score") for task in report.get("tasks") or []):
            # nothing was checked (no checks for this task yet): not an attempt
            session.io.show(ev.InvalidInput(t("nothing_graded", lang), None, lang))
            continue
        grade = report_grade(report, q.function)
        from mlvc_review.quiz.scheduler import rating_for

        rating = rating_for("code", grade.correct, ctx.hints_used, session.clock() - ctx.started)
        return session.finish(ctx, str(path), grade, rating, None)
