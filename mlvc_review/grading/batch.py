"""Grade many submissions: discover all, start one warm WorkerPool, grade concurrently.

The pool is started in a background thread first, so its template process
imports numpy (and torch) while this process imports the task specs, their
references and the bank. Each submission gets its own sandbox session; results are
collected per submission, so they never mix.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

from mlvc_review.errors import SubmissionError
from mlvc_review.grading.contract import CONTRACT
from mlvc_review.grading.discovery import discover, expand
from mlvc_review.grading.runner import Options, SubmissionResult, grade_submission, needs_torch, plan

PoolFactory = Callable[[bool], Any]  # torch needed -> a started WorkerPool-like object


def default_pool(torch: bool, device: str = "cpu", timeout: float | None = None) -> Any:
    """The sandbox's WorkerPool with the call timeout from --timeout."""
    from mlvc_review.grading.sandbox.pool import Limits, WorkerPool

    limits = Limits() if timeout is None else Limits(call_timeout=timeout)
    return WorkerPool(limits, torch=torch, device=device)


class _Background:
    """Start a pool in a thread; `get()` waits for it (and re-raises its start-up error)."""

    def __init__(self, factory: PoolFactory, torch: bool):
        self.pool: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(factory, torch), daemon=True)
        self._thread.start()

    def _run(self, factory: PoolFactory, torch: bool) -> None:
        try:
            self.pool = factory(torch)
        except BaseException as err:  # noqa: BLE001 - handed to the caller in get()
            self.error = err

    def get(self) -> Any:
        self._thread.join()
        if self.error is not None:
            raise self.error
        return self.pool

    def discard(self) -> None:
        """Close the pool once it has started (after an error that ends the run); never raises."""
        self._thread.join()
        if self.pool is not None:
            _close(self.pool)


def grade_paths(
    paths: list[Path], requests: list[str], options: Options, *, jobs: int = 1,
    pool_factory: PoolFactory | None = None, progress: Callable[[SubmissionResult], None] | None = None,
    on_pool: Callable[[str], None] | None = None,
) -> tuple[list[SubmissionResult], str, float]:
    """Grade every submission under `paths`.

    Args:
        paths: files and directories (each .py/.ipynb file in a directory is one submission).
        requests: --task values (function names or bank ids); empty: every contract function found.
        jobs: submissions graded at once.
        pool_factory: builds the sandbox pool (tests pass an in-process fake).
        progress: called once per finished submission (in completion order).
        on_pool: called with the sandbox's isolation text once the pool has started, before any grading.

    Returns:
        (results in input order, the pool's isolation text, seconds).

    Raises:
        SubmissionError: no file to grade.
        UsageError: an unknown --task.
    """
    start = time.perf_counter()
    files = expand(paths)
    if not files:
        raise SubmissionError("no submission found: " + ", ".join(str(p) for p in paths) + " (expected .py or .ipynb files)")
    subs = [discover(f) for f in files]
    readable = [s for s in subs if s.error is None]
    factory = pool_factory or (lambda torch: default_pool(torch, options.device, options.timeout))
    from mlvc_review.grading.taskinfo import resolve_requests

    if not readable:
        resolve_requests(requests)  # still a usage error when --task is unknown
        return [SubmissionResult(str(s.path), s.error, notes=s.notes) for s in subs], "", time.perf_counter() - start
    # The pool starts first, told only what the contract says (torch tasks): the specs, numpy and
    # the bank are imported while its template starts. A spec that calls a NumPy-contract task in
    # torch mode (no shipped task does) is found afterwards and gets a torch pool instead.
    wanted = {f for s in readable for f in (requests or plan(s, {}))}
    torch = any(f in CONTRACT and CONTRACT[f].framework == "torch" for f in wanted)
    background = _Background(factory, torch)
    try:
        requested = resolve_requests(requests)
        functions = {f for s in readable for f in (list(requested) or plan(s, {}))}
        later = not torch and (any(CONTRACT[f].framework == "torch" for f in requested) or needs_torch(sorted(functions)))
        _warm_up(functions)
    except BaseException:
        background.discard()
        raise
    pool = background.get()
    if later:
        _close(pool)
        pool = factory(True)
    try:
        isolation = str(getattr(pool, "isolation", ""))
        if on_pool is not None:
            on_pool(isolation)
        results = _grade_all(subs, pool, requested, options, jobs, progress)
    finally:
        _close(pool)
    return results, isolation, time.perf_counter() - start


def _close(pool: Any) -> None:
    close = getattr(pool, "close", None)
    if close is not None:
        close()


def _warm_up(functions: set[str]) -> None:
    """Import the specs and references of the tasks to grade (only those) while the pool starts.

    Hypothesis is imported only when a check's strategy is not a `cases` recipe (those are
    drawn without it, see `checks.sampling`).
    """
    from mlvc_review.grading.spec import get_task, has_task, resolve
    from mlvc_review.grading.taskinfo import code_tasks
    from mlvc_review.grading.tasks.strategies import recipe_of

    engine = False
    for function in sorted(functions):
        if has_task(function):
            spec = get_task(function)
            try:
                resolve(spec.reference)
            except Exception:  # noqa: BLE001 - reported as a grader error when the task runs
                pass
            engine = engine or any(c.strategy is not None and recipe_of(c.strategy) is None for c in spec.checks)
    if engine:
        import hypothesis  # noqa: F401 - imported now so that it overlaps with the pool start
    code_tasks()


def _grade_all(subs: list[Any], pool: Any, requested: dict, options: Options, jobs: int, progress: Callable | None) -> list[SubmissionResult]:
    def one(sub: Any) -> SubmissionResult:
        try:
            result = grade_submission(sub, pool, requested, options)
        except Exception as err:  # one broken session must not end a class-scale batch
            result = SubmissionResult(str(sub.path), f"{sub.path}: the grader could not grade this file ({type(err).__name__}: {err})", notes=list(sub.notes))
        if progress is not None:
            progress(result)
        return result

    if jobs <= 1 or len(subs) == 1:
        return [one(s) for s in subs]
    with ThreadPoolExecutor(max_workers=jobs) as executor:
        return list(executor.map(one, subs))
