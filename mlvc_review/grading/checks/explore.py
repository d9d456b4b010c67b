"""Run one check: its fixed examples, then generated inputs in the trusted process, shrinking failures.

A strategy made by `tasks.strategies.cases` (nearly all) is drawn and shrunk by
`checks.sampling`, without the hypothesis engine; any other strategy drives a
hypothesis test function that calls the sandbox and raises on a mismatch, so it
shrinks to the smallest failing Case (the last failure recorded is that minimal
one: hypothesis replays it last). Cases known before their calls go to the
sandbox in one message each chunk (`kinds.SentAhead`): 8, then 24, then the rest,
so a wrong answer found early wastes few calls. A sandbox give-up (timeout,
memory, crash) stops the check at once: no shrinking on timeouts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from mlvc_review.grading.checks.kinds import KINDS, SEND_AHEAD, Failure, GraderBug, SentAhead, TaskContext, remember
from mlvc_review.grading.spec import Check
from mlvc_review.grading.checks.values import summary

NEEDS_GPU = "needs a GPU; --device cpu runs it slowly"


@dataclass
class CheckResult:
    """The outcome of one check, as the reports show it."""

    name: str
    kind: str
    status: str  # "passed" | "failed" | "error" | "timeout" | "skipped"
    message: str = ""
    failure: Failure | None = None  # the minimal failing case
    hidden: bool = False
    examples: int = 0  # cases evaluated
    evidence: list[Failure] = field(default_factory=list)  # failing cases for the diagnosis (first found, minimal)
    seconds: float = 0.0  # wall time of the whole check (fixed examples, exploration, shrinking)

    def counterexample(self) -> dict[str, Any] | None:
        """JSON-ready minimal input, expected and got (expected withheld when hidden)."""
        f = self.failure
        if f is None or f.case is None:
            return None
        return {
            "label": f.case.label,
            "args": summary(list(f.case.args)),
            "kwargs": summary(dict(f.case.kwargs)),
            "expected": None if self.hidden else summary(f.expected),
            "got": summary(f.got),
            "max_abs_err": summary(f.max_abs_err),  # inf/nan become strings: JSON has neither
            "max_rel_err": summary(f.max_rel_err),
            "hidden": self.hidden,
        }


class _Stop(BaseException):
    """Ends a hypothesis run at once (sandbox give-up or grader bug); hypothesis does not catch it."""


class _Mismatch(Exception):
    """Raised inside the hypothesis test on a failing case, so hypothesis shrinks it."""


def run_check(ctx: TaskContext, check: Check, *, seed: int, examples: int | None, device_ok: bool, hidden: bool = False) -> CheckResult:
    """Evaluate `check` for one task, timed (`CheckResult.seconds`); see `_run_check`."""
    start = time.perf_counter()
    result = _run_check(ctx, check, seed=seed, examples=examples, device_ok=device_ok, hidden=hidden)
    result.seconds = time.perf_counter() - start
    return result


def _run_check(ctx: TaskContext, check: Check, *, seed: int, examples: int | None, device_ok: bool, hidden: bool) -> CheckResult:
    """Evaluate `check` for one task.

    Args:
        seed: hypothesis seed (the same seed gives the same inputs, shrinking and report).
        examples: overrides `check.max_examples` when given (--examples).
        device_ok: a heavy check may run (a GPU is there, or --device cpu was asked for).
        hidden: withhold expected values in the report.
    """
    result = CheckResult(check.name, check.kind, "passed", hidden=hidden)
    if check.heavy and not device_ok:
        result.status, result.message = "skipped", NEEDS_GPU
        return result
    evaluate = KINDS.get(check.kind)
    if evaluate is None:
        result.status, result.message = "error", f"grader error: unknown check kind '{check.kind}'"
        return result
    try:
        failure = _fixed(ctx, check, evaluate, result)
        if failure is None and check.strategy is not None:
            failure = _explore(ctx, check, evaluate, result, seed, examples or check.max_examples)
    except GraderBug as bug:
        result.status, result.message = "error", f"grader error: {bug}"
        return result
    if failure is not None:
        result.status, result.message, result.failure = failure.status, failure.message, failure
        result.evidence.append(failure)
    elif result.examples == 0:
        result.status, result.message = "error", "grader error: the check has neither examples nor a strategy"
    return result


# id(check) -> (check, its fixed cases), built once per process: the same Case objects for every
# submission, so the reference's answers to them are computed once (checks.remember), as for replays.
_FIXED: dict[int, tuple[Check, list[Any]]] = {}


def _fixed_cases(check: Check) -> list[Any]:
    hit = _FIXED.get(id(check))
    if hit is None or hit[0] is not check:
        cases = check.examples() if check.examples is not None else []
        remember(cases)
        hit = _FIXED[id(check)] = (check, cases)
    return hit[1]


def _fixed(ctx: TaskContext, check: Check, evaluate: Any, result: CheckResult) -> Failure | None:
    cases = _fixed_cases(check)
    index, failure = _first_failure(ctx, check, evaluate, cases)
    result.examples += len(cases) if failure is None else index + 1
    return failure


CHUNKS = (8, 24)  # cases per message, then the rest in one: a failure found early wastes few calls


def _first_failure(ctx: TaskContext, check: Check, evaluate: Any, cases: list[Any]) -> tuple[int, Failure | None]:
    """Evaluate `cases` in order up to the first failure: (its index, it), or (-1, None) when all pass.

    Cases go to the sandbox ahead of their evaluation, a chunk per message, when the check's
    kind makes one plain call per case and the session can take several calls at once.
    """
    ahead = check.kind in SEND_AHEAD and not check.heavy and hasattr(ctx.session, "call_many") and len(cases) > 1
    start, sizes = 0, list(CHUNKS) if ahead else [len(cases)]
    while start < len(cases):
        chunk = cases[start : start + (sizes.pop(0) if sizes else len(cases))]
        if ahead and len(chunk) > 1:
            ctx.sent_ahead = SentAhead(ctx, check, chunk)
        try:
            for i, case in enumerate(chunk):
                failure = evaluate(ctx, check, case)
                if failure is not None:
                    return start + i, failure
        finally:
            ctx.sent_ahead = None  # answers nobody read are drained by the session's next call
        start += len(chunk)
    return -1, None


# (task, check, seed, max_examples) -> the cases hypothesis generated in a run where every case passed.
# With the same seed hypothesis generates the same sequence while every case passes, so a later
# submission replays it without the engine's overhead; at its first failure the real run takes over
# and reproduces the sequence up to that case, then shrinks: reports are identical either way.
_REPLAY: dict[tuple, list[Any]] = {}


def _replay(key: tuple, ctx: TaskContext, check: Check, evaluate: Any, result: CheckResult) -> tuple[bool, Failure | None]:
    """(True, None) when every recorded case passes; (True, failure) when the sandbox gave up on one
    (a fresh run would stop at that very case, unshrunk); (False, None) to run hypothesis."""
    cases = _REPLAY.get(key)
    if cases is None:
        return False, None
    for i, case in enumerate(cases):
        failure = evaluate(ctx, check, case)
        if failure is not None and failure.stop:
            result.examples += i + 1
            return True, failure
        if failure is not None:
            return False, None
    result.examples += len(cases)
    return True, None


# (task, check, seed, max_examples) -> (check, recipe, draws, cases) of a `cases` strategy: every
# submission of the run gets the same Case objects, so the reference answers each once (remember).
_SAMPLES: dict[tuple, tuple] = {}


def _explore(ctx: TaskContext, check: Check, evaluate: Any, result: CheckResult, seed: int, max_examples: int) -> Failure | None:
    key = (ctx.spec.function, check.name, id(check), seed, max_examples)
    hit = _SAMPLES.get(key)
    if hit is None or hit[0] is not check:
        from mlvc_review.grading.tasks.strategies import recipe_of

        recipe = recipe_of(check.strategy)
        if recipe is None:
            return _hypothesis(key, ctx, check, evaluate, result, seed, max_examples)
        from mlvc_review.grading.checks import sampling

        drawn = sampling.draws(recipe, seed, max_examples, f"{ctx.spec.function}/{check.name}")
        cases = [sampling.make(recipe, d) for d in drawn]
        remember(cases)
        hit = _SAMPLES[key] = (check, recipe, drawn, cases)
    return _sampled(ctx, check, evaluate, result, *hit[1:])


def _sampled(ctx: TaskContext, check: Check, evaluate: Any, result: CheckResult, recipe: Any, drawn: list, cases: list) -> Failure | None:
    """Drawn cases in order; the first failure is shrunk (`sampling.shrink`) unless the sandbox gave up."""
    from mlvc_review.grading.checks import sampling

    index, failure = _first_failure(ctx, check, evaluate, cases)
    result.examples += len(cases) if failure is None else index + 1
    if failure is None or failure.stop:
        return failure
    if failure.got is not None:
        result.evidence.append(failure)  # the first failure found, before shrinking

    def first_failing(candidates: list[Any]) -> tuple[int, Failure | None]:
        i, found = _first_failure(ctx, check, evaluate, candidates)
        result.examples += len(candidates) if found is None else i + 1
        return i, found

    _, smallest = sampling.shrink(recipe, drawn[index], first_failing)
    return smallest or failure


def _hypothesis(key: tuple, ctx: TaskContext, check: Check, evaluate: Any, result: CheckResult, seed: int, max_examples: int) -> Failure | None:
    """Exploration by the hypothesis engine, for strategies that are not `cases` recipes."""
    done, failure = _replay(key, ctx, check, evaluate, result)
    if done:
        return failure
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    state: dict[str, Any] = {"last": None, "stop": None, "bug": None}
    seen: list[Any] = []

    def probe(case: Any) -> None:
        result.examples += 1
        seen.append(case)
        try:
            failure = evaluate(ctx, check, case)
        except GraderBug as bug:
            state["bug"] = bug
            raise _Stop() from None
        if failure is None:
            return
        if failure.stop:
            state["stop"] = failure
            raise _Stop()
        if state["last"] is None and failure.got is not None:
            result.evidence.append(failure)  # the first failure found, before shrinking
        state["last"] = failure
        raise _Mismatch(failure.message)

    test = given(check.strategy())(probe)
    test = settings(
        max_examples=max_examples, database=None, deadline=None, derandomize=False,
        phases=[Phase.explicit, Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck),
    )(test)
    test = hseed(seed)(test)
    try:
        test()
    except _Stop:
        pass
    except _Mismatch:
        pass
    except Exception as err:  # Flaky (a nondeterministic submission), or a strategy bug
        if state["last"] is None:
            raise GraderBug(f"{type(err).__name__}: {err}") from None
    if state["bug"] is not None:
        raise state["bug"]
    if state["stop"] is None and state["last"] is None:
        _REPLAY[key] = seen
        remember(seen)
    return state["stop"] or state["last"]
