"""Grade one submission: plan its tasks, open one sandbox session, run every task's checks.

The plan comes from discovery (what the file defines) and --task (what was
asked for): a requested function the file lacks, a near-miss name or a signature
that cannot be called is reported per task before anything runs; a contract
function without a TaskSpec is "skipped", never "passed".
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mlvc_review.grading.contract import CONTRACT
from mlvc_review.grading.discovery import Submission
from mlvc_review.grading.taskinfo import TaskInfo, for_function

if TYPE_CHECKING:  # the checks (and numpy) are imported when a task runs, so `Options` costs nothing
    from mlvc_review.grading.checks.explore import CheckResult

NO_CHECKS = "no checks for this task in this version"


@dataclass(frozen=True)
class Options:
    """Grading options shared by every submission of a run."""

    seed: int = 0
    examples: int | None = None  # overrides each check's max_examples
    timeout: float | None = None  # seconds per call; None: the pool's limit
    heavy_ok: bool = False  # heavy checks may run (GPU present, or --device cpu)
    device: str = "cpu"  # where heavy checks run
    lang: str = "en"
    hints: int = 1


@dataclass
class TaskResult:
    """One task of one submission."""

    task: str
    function: str
    status: str = "passed"  # passed | failed | error | timeout | skipped
    score: float = 0.0
    max_score: float = 1.0
    message: str = ""
    diagnosis: dict | None = None
    checks: list[CheckResult] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    line: int | None = None


@dataclass
class SubmissionResult:
    """One submission: its tasks, or the reason it could not be read."""

    path: str
    error: str | None = None
    tasks: list[TaskResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def plan(sub: Submission, requested: dict[str, TaskInfo]) -> list[str]:
    """Contract functions to report for `sub`: the requested ones, else every one it defines or nearly names."""
    if requested:
        return list(requested)
    names = set(sub.found) | set(sub.near_misses)
    return [name for name in CONTRACT if name in names]


def needs_torch(functions: list[str]) -> bool:
    """Whether any of these tasks calls the sandbox in torch mode."""
    from mlvc_review.grading.spec import has_task, get_task

    for f in functions:
        if has_task(f):
            spec = get_task(f)
            if spec.framework == "torch" or any(c.mode == "torch" for c in spec.checks):
                return True
    return False


def grade_submission(sub: Submission, pool: Any, requested: dict[str, TaskInfo], options: Options) -> SubmissionResult:
    """Grade one discovered submission in a fresh session of `pool`."""
    start = time.perf_counter()
    result = SubmissionResult(str(sub.path), sub.error, notes=list(sub.notes))
    if sub.error is not None:
        return result
    functions = plan(sub, requested)
    if not functions:
        result.notes.append("no contract function is defined in this file (names must match the contract; see `mlvc-review start`)")
    infos = {f: requested.get(f) or for_function(f) for f in functions}
    results = {f: _pre_check(sub, f, infos[f], options) for f in functions}
    runnable = [f for f in functions if results[f] is None]
    if runnable:
        session = pool.open(sub.source, sub.path.name)
        try:
            imported = session.import_outcome
            for f in runnable:
                results[f] = _run_task(session, imported, sub, infos[f], options)
        finally:
            close = getattr(session, "close", None)
            if close is not None:
                close()
    result.tasks = [results[f] for f in functions]
    if sub.path.suffix == ".ipynb":
        _in_cells(result, sub.source)
    result.seconds = time.perf_counter() - start
    return result


def _in_cells(result: SubmissionResult, source: str) -> None:
    """A notebook's messages name cells ("cell 3, line 2"), not lines of the joined source."""
    from mlvc_review.grading.notebook import in_cells

    result.notes = [in_cells(n, source) for n in result.notes]
    for task in result.tasks:
        task.message = in_cells(task.message, source)
        for check in task.checks:
            check.message = in_cells(check.message, source)


def _pre_check(sub: Submission, function: str, info: TaskInfo, options: Options) -> TaskResult | None:
    """A TaskResult when the task cannot run (missing, near miss, bad signature, no spec), else None."""
    from mlvc_review.grading.spec import has_task

    task = TaskResult(info.id, function, max_score=info.points)
    found = sub.found.get(function)
    if found is None:
        task.status = "error"
        if function in sub.near_misses:
            task.message = f"found `{sub.near_misses[function]}`; did you mean `{function}`?"
        else:
            task.message = f"`{function}` is not defined at module level in this file"
        return task
    task.line = found.line
    if not has_task(function):
        task.status, task.message, task.max_score = "skipped", NO_CHECKS, 0.0
        return task
    if found.fatal:
        task.status, task.message = "error", f"line {found.line}: `{function}` {found.fatal}"
        return task
    return None


def _run_task(session: Any, imported: Any, sub: Submission, info: TaskInfo, options: Options) -> TaskResult:
    from mlvc_review.grading.checks.diagnosis import diagnose
    from mlvc_review.grading.checks.explore import CheckResult, run_check
    from mlvc_review.grading.checks.kinds import EVIDENCE, TaskContext, exception_text
    from mlvc_review.grading.spec import get_task, resolve

    spec = get_task(info.function)
    task = TaskResult(info.id, info.function, max_score=info.points)
    task.line = sub.found[info.function].line
    checks = [c for c in spec.checks if not info.checks or c.name in info.checks]
    if sub.found[info.function].problems:
        task.checks.append(CheckResult("signature", "signature", "failed", "; ".join(sub.found[info.function].problems)))
    if imported.status != "ok":
        status = "timeout" if imported.status == "timeout" else "error"
        text = f"importing the file failed ({imported.status})" + (f": {exception_text(imported.error)}" if imported.error else "")
        task.checks += [CheckResult(c.name, c.kind, "skipped" if c.heavy and not options.heavy_ok else status, text) for c in checks]
    else:
        ctx = TaskContext(session, spec, resolve(spec.reference), timeout=options.timeout, device=options.device)
        for check in checks:
            hidden = check.name in info.hidden
            task.checks.append(run_check(ctx, check, seed=options.seed, examples=options.examples, device_ok=options.heavy_ok, hidden=hidden))
        by_name = {c.name: c for c in checks}
        # crashes too: a mistake named must raise where the submission raised
        evidence = [(by_name[r.name], f) for r in task.checks if r.kind in EVIDENCE and r.status in ("failed", "error") for f in r.evidence]
        if evidence:
            task.diagnosis = diagnose(info.mistakes, evidence, options.lang)
    _summarise(task)
    # a crash or a timeout: its message is the pointer; a hint whose premise the report contradicts is not shown
    failed = [c.name for c in task.checks if c.status == "failed" and _hint_premise_holds(c, task.checks)]
    task.hints = info.hints_for(failed, task.diagnosis is not None, options.hints, options.lang)
    return task


def _hint_premise_holds(result: "CheckResult", results: list["CheckResult"]) -> bool:
    """The stability hint says the result overflows at the extreme inputs: it is shown only where a
    failing extreme input really gave a non-finite value (not for a finite wrong value or shape there)."""
    if result.name != "stability":
        return True
    return any(_non_finite(f.got) for f in result.evidence)


def _non_finite(value: Any) -> bool:
    import numpy as np

    if isinstance(value, dict):
        return any(_non_finite(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_non_finite(v) for v in value)
    try:
        array = np.asarray(value, dtype=np.complex128)
    except (TypeError, ValueError):
        return False
    return bool(array.size) and not bool(np.isfinite(array).all())


def _summarise(task: TaskResult) -> None:
    """Task status and score from its checks (skipped checks do not count).

    All or nothing: a task scores its points only when every check that ran passed, so a wrong
    answer never earns credit for, say, leaving its inputs unchanged.
    """
    ran = [c for c in task.checks if c.status != "skipped"]
    passed = [c for c in ran if c.status == "passed"]
    if not ran:
        task.status, task.score, task.max_score = "skipped", 0.0, 0.0
        task.message = task.message or "every check was skipped"
        return
    task.score = task.max_score if len(passed) == len(ran) else 0.0
    statuses = {c.status for c in ran}
    for status in ("timeout", "failed", "error"):
        if status in statuses:
            task.status = status
            break
    else:
        task.status = "passed"
    bad = [c for c in ran if c.status != "passed"]
    if bad:
        task.message = f"{len(bad)} of {len(ran)} checks did not pass: " + ", ".join(c.name for c in bad)
