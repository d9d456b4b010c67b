"""`bank validate` for code questions: the checks must accept the reference and reject the rest.

For one question: its checks run, through the real sandbox, on a generated
submission that carries the reference (must pass), on the starter stub (must
fail) and on one that carries each known mistake (must fail AND be diagnosed as
that mistake). One WorkerPool per process serves every question (closed atexit).
"""

from __future__ import annotations

import atexit
import threading
from pathlib import Path
from typing import Any

from mlvc_review.grading.runner import Options, TaskResult, needs_torch

EXAMPLES = 25  # generated inputs per check: enough to catch each mistake, fast for ~20 tasks
SEED = 20240601
_pools: dict[bool, Any] = {}
_lock = threading.Lock()


def shared_pool(torch: bool) -> Any:
    """The process-wide sandbox pool (one with torch, one without), started on first use."""
    with _lock:
        if torch not in _pools:
            from mlvc_review.grading.batch import default_pool

            _pools[torch] = default_pool(torch)
            if len(_pools) == 1:
                atexit.register(close_pools)
        return _pools[torch]


def close_pools() -> None:
    """Stop the shared pools (registered with atexit)."""
    with _lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close()


def import_source(impl: str, function: str) -> str:
    """A submission that defines `function` as the trusted implementation `impl` ("module:name")."""
    from mlvc_review.grading.bundle import bundle

    return bundle(impl, function)


def check_code_question(question: Any, *, pool: Any = None, examples: int = EXAMPLES) -> list[str]:
    """Problems with one code question's checks (empty when the checks prove themselves).

    Args:
        question: a bank `CodeQuestion`.
        pool: a WorkerPool-like object (default: the shared pool).
        examples: generated inputs per check.
    """
    from mlvc_review.grading.contract import CONTRACT
    from mlvc_review.grading.spec import get_task, has_task
    from mlvc_review.grading.starter import starter_source
    from mlvc_review.grading.taskinfo import from_question

    f = question.function
    if f not in CONTRACT:
        return [f"function '{f}' is not in the coding-task contract"]
    if not has_task(f):
        return [f"no TaskSpec declares checks for '{f}' (mlvc_review/grading/tasks)"]
    spec = get_task(f)
    names = {c.name for c in spec.checks}
    named = [*question.checks, *question.hidden_checks, *getattr(question, "check_hints", {})]
    problems = [f"check '{n}' is not one of {sorted(names)}" for n in named if n not in names]
    if problems:
        return problems
    if question.reference != spec.reference:
        problems.append(f"reference {question.reference} differs from the task spec's {spec.reference}")
    info = from_question(question)
    pool = pool or shared_pool(needs_torch([f]) or CONTRACT[f].framework == "torch")
    # a class is graded by training, and all its checks are heavy: validate runs them on the CPU budget
    options = Options(seed=SEED, examples=examples, hints=0, heavy_ok=any(c.kind == "training" for c in spec.checks))
    ref = _grade(import_source(question.reference, f), "reference", pool, info, options)
    if ref.status != "passed":
        problems.append(f"the reference does not pass its own checks: {_why(ref)}")
    stub = _grade(starter_source([CONTRACT[f]]), "stub", pool, info, options)
    if stub.status == "passed":
        problems.append("the starter stub passes every check (the checks cannot fail)")
    for mistake in info.mistakes:
        got = _grade(import_source(mistake.impl, f), mistake.name, pool, info, options)
        if got.status == "passed":
            problems.append(f"known mistake '{mistake.name}' ({mistake.impl}) passes every check")
        elif got.diagnosis is None or got.diagnosis["name"] != mistake.name:
            named = f"'{got.diagnosis['name']}'" if got.diagnosis else "nothing"
            problems.append(f"known mistake '{mistake.name}' fails ({_why(got)}) but is diagnosed as {named}")
    return problems


def _grade(source: str, label: str, pool: Any, info: Any, options: Options) -> TaskResult:
    from mlvc_review.grading.discovery import discover_source
    from mlvc_review.grading.runner import grade_submission

    sub = discover_source(source, Path(f"{info.function}__{label.replace(' ', '_')}.py"))
    result = grade_submission(sub, pool, {info.function: info}, options)
    if result.error:
        return TaskResult(info.id, info.function, status="error", message=result.error)
    return result.tasks[0]


def _why(task: TaskResult) -> str:
    bad = [f"{c.name}: {c.status}" + (f" ({c.message})" if c.message else "") for c in task.checks if c.status != "passed"]
    return "; ".join(bad) or task.message or task.status
