"""The check-kind registry: kind -> evaluator of one Case.

An evaluator calls the submission in the sandbox, computes what the contract
demands in the trusted process and returns None (this case passes) or a
`Failure`. `Failure.stop` marks sandbox outcomes (timeout, memory, crash,
output flood) after which the check is not continued. The driver in
`explore.py` feeds evaluators with fixed examples and hypothesis inputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from mlvc_review.grading.checks.compare import compare
from mlvc_review.grading.spec import Case, Check, TaskSpec
from mlvc_review.grading.checks.values import materialize

STOP_STATUSES = {"timeout": "timeout", "memory": "error", "crashed": "error", "output": "error"}
STOP_TEXT = {
    "timeout": "timed out (the call was killed)",
    "memory": "memory limit exceeded",
    "crashed": "the worker process died during the call",
    "output": "printed more output than allowed",
}


@dataclass
class Failure:
    """One failing case of a check."""

    status: str  # "failed" | "error" | "timeout"; "passed" only as a pass with a note (a training check's metric)
    message: str
    case: Case | None = None
    expected: Any = None
    got: Any = None
    max_abs_err: float | None = None
    max_rel_err: float | None = None
    stop: bool = False  # the sandbox gave up on the call: do not continue this check


class GraderBug(Exception):
    """The reference or a check's own code failed: never blamed on the submission."""


@dataclass
class TaskContext:
    """What evaluators need besides the check and the case."""

    session: Any  # a SandboxSession
    spec: TaskSpec
    reference: Callable[..., Any]
    timeout: float | None = None
    device: str = "cpu"
    sent_ahead: Any = None  # a `SentAhead` while explore has sent a check's cases in one message


def positional(function: str, args: list, kwargs: dict) -> tuple[list, dict]:
    """Keyword arguments of a contract function turned into positional ones (the contract's order).

    Parameter names are advice, not a rule: `softmax(x, axis=-1)` must be graded like
    `softmax(z, axis=-1)`, and `linear_beta_schedule(timesteps, start, end)` like the contract's
    names. A parameter skipped between positions gets the contract's default. Keywords the
    contract does not name stay keywords.
    """
    import ast

    from mlvc_review.grading.contract import CONTRACT

    entry = CONTRACT.get(function)
    if entry is None or not kwargs:
        return args, kwargs
    names = [p.name for p in entry.params]
    known = {k: v for k, v in kwargs.items() if k in names}
    last = max(names.index(k) for k in known) if known else -1
    out = list(args)
    for i in range(len(out), last + 1):
        p = entry.params[i]
        if p.name in known:
            out.append(known[p.name])
        elif p.default is not None:
            out.append(ast.literal_eval(p.default))
        else:
            return args, kwargs  # a required parameter given by keyword after a gap: leave the call as it is
    return out, {k: v for k, v in kwargs.items() if k not in names}


def request(ctx: TaskContext, check: Check, case: Case, **more: Any) -> dict:
    """The keyword arguments of the session's `call` for `case`: by position, in the check's dtype."""
    args, kwargs = positional(ctx.spec.function, list(case.args), dict(case.kwargs))
    if check.mode == "numpy" and check.dtype != "float64":  # e.g. the large float32 inputs of heavy checks
        args = [a.astype(check.dtype) if isinstance(a, np.ndarray) and a.dtype.kind == "f" else a for a in args]
    timeout = ctx.timeout if check.timeout is None else max(check.timeout, ctx.timeout or 0.0)
    return dict(function=ctx.spec.function, args=args, kwargs=kwargs, mode=check.mode, dtype=check.dtype,
                device=ctx.device if check.heavy else "cpu", timeout=timeout, **more)


def call(ctx: TaskContext, check: Check, case: Case, **more: Any) -> tuple[Any, Failure | None]:
    """Call the submission by position; returns (outcome, Failure for errors and sandbox give-ups)."""
    outcome = ctx.sent_ahead.take(case, more) if ctx.sent_ahead is not None else None
    if outcome is None:
        outcome = ctx.session.call(**request(ctx, check, case, **more))
    if outcome.status in STOP_STATUSES:
        text = (outcome.error or "").strip() or STOP_TEXT[outcome.status]
        return outcome, Failure(STOP_STATUSES[outcome.status], text, case, stop=True)
    if outcome.status == "error":
        return outcome, Failure("error", _error_text(outcome.error), case)
    return outcome, None


# kind -> the extra `call` options of its one sandbox call per case, known before the call: explore
# sends the cases of such a check in one message (`SentAhead`); other kinds call case by case.
SEND_AHEAD: dict[str, dict[str, Any]] = {"compare": {}, "raises": {}, "property": {}, "mutation": {"echo_args": True}}


class SentAhead:
    """Calls for `cases` sent in one message (`session.call_many`); `call` takes their outcomes in order.

    A case asked for out of order (or with other options) ends the batch: its call and every
    later one go through `session.call` again, which first drains the answers nobody read.
    """

    def __init__(self, ctx: TaskContext, check: Check, cases: list[Case]):
        self.more = SEND_AHEAD[check.kind]
        self.cases = cases  # kept alive: their ids identify them
        self.outcomes = iter(ctx.session.call_many([request(ctx, check, c, **self.more) for c in cases]))
        self.next = 0

    def take(self, case: Case, more: dict) -> Any:
        if self.next >= len(self.cases) or self.cases[self.next] is not case or more != self.more:
            self.next = len(self.cases)
            return None
        self.next += 1
        return next(self.outcomes)


# Expected values of the cases later submissions replay (explore._REPLAY): id(case) -> (case, value).
# The case itself is kept, so its id cannot be reused by another object.
_EXPECTED: dict[int, tuple[Case, Any]] = {}
_UNSET = object()


def remember(cases: list[Case]) -> None:
    """Cache the reference's answers for these cases from their next evaluation on."""
    for case in cases:
        _EXPECTED.setdefault(id(case), (case, _UNSET))


def expected_value(ctx: TaskContext, case: Case) -> Any:
    """The reference's answer, on a private copy of the case (cached for replayed cases)."""
    hit = _EXPECTED.get(id(case))
    if hit is not None and hit[0] is case and hit[1] is not _UNSET:
        return hit[1]
    try:
        with np.errstate(all="ignore"):
            value = plain(ctx.reference(*materialize(case.args), **materialize(case.kwargs)))
    except Exception as err:  # the reference must accept every case a check generates
        raise GraderBug(f"the reference failed on a generated case ({type(err).__name__}: {err})") from err
    if hit is not None and hit[0] is case:
        _EXPECTED[id(case)] = (case, value)
    return value


def eval_compare(ctx: TaskContext, check: Check, case: Case) -> Failure | None:
    """Values against the reference (shape, dtype, tolerance, NaN policy)."""
    outcome, failure = call(ctx, check, case)
    if failure:
        return failure
    expected = expected_value(ctx, case)
    if check.compare is not None:
        text = check.compare(expected, outcome.value, case)
        return None if text is None else Failure("failed", text, case, expected, outcome.value)
    found = compare(expected, outcome.value, rtol=check.rtol, atol=check.atol, nan_policy=check.nan_policy, integer_output=ctx.spec.integer_output)
    if found is None:
        return None
    return Failure("failed", found.message, case, expected, outcome.value, found.max_abs_err, found.max_rel_err)


def eval_raises(ctx: TaskContext, check: Check, case: Case) -> Failure | None:
    """The contract's exception must be raised (read from the sandbox's "Name: text")."""
    wanted = (check.raises or ValueError).__name__
    outcome, failure = call(ctx, check, case)
    if failure and failure.stop:
        return failure
    if outcome.status == "error":
        name = exception_text(outcome.error).split(":", 1)[0].strip()
        if name == wanted or name.endswith("." + wanted):
            return None
        return Failure("failed", f"raised {exception_text(outcome.error)}; the contract requires {wanted}", case)
    return Failure("failed", f"returned {_brief(outcome.value)} instead of raising {wanted}", case, None, outcome.value)


def eval_mutation(ctx: TaskContext, check: Check, case: Case) -> Failure | None:
    """The inputs must come back unchanged (the worker echoes them after the call)."""
    outcome, failure = call(ctx, check, case, echo_args=True)
    if failure:
        return failure
    after = outcome.args_after or []
    for i, (before, now) in enumerate(zip(case.args, after)):
        if not _unchanged(before, now):
            return Failure("failed", f"argument {i + 1} was modified in place; a function must not change its inputs", case)
    return None


def _unchanged(before: Any, now: Any) -> bool:
    """Whether an argument came back as it went in: arrays equal, and the arrays inside lists, tuples and dicts."""
    if isinstance(before, np.ndarray):
        return isinstance(now, np.ndarray) and now.shape == before.shape and np.array_equal(now, before, equal_nan=True)
    if isinstance(before, (list, tuple)):
        return isinstance(now, (list, tuple)) and len(now) == len(before) and all(map(_unchanged, before, now))
    if isinstance(before, dict):
        return isinstance(now, dict) and now.keys() == before.keys() and all(_unchanged(before[k], now[k]) for k in before)
    return True


def eval_property(ctx: TaskContext, check: Check, case: Case) -> Failure | None:
    """A property of the result (invariances where the answer is not unique)."""
    outcome, failure = call(ctx, check, case)
    if failure:
        return failure
    if check.prop is None:
        raise GraderBug(f"check '{check.name}' of kind property has no prop")
    text = check.prop(case, outcome.value)
    return None if text is None else Failure("failed", text, case, None, outcome.value)


def eval_gradient(ctx: TaskContext, check: Check, case: Case) -> Failure | None:
    """Gradients (torch mode) against the reference's torch autograd, for every float array argument."""
    from mlvc_review.grading.checks.gradients import reference_grads

    wrt = [i for i, a in enumerate(case.args) if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    grads, grad_output = reference_grads(ctx.reference, case, wrt)
    outcome, failure = call(ctx, check, case, grad_wrt=wrt, grad_output=grad_output)
    if failure:
        return failure
    found = compare(tuple(grads), tuple(outcome.grads or ()), rtol=check.rtol, atol=check.atol, where="gradient")
    if found is None:
        return None
    return Failure("failed", found.message, case, tuple(grads), outcome.grads, found.max_abs_err, found.max_rel_err)


KINDS: dict[str, Callable[[TaskContext, Check, Case], Failure | None]] = {
    "compare": eval_compare,
    "raises": eval_raises,
    "mutation": eval_mutation,
    "property": eval_property,
    "gradient": eval_gradient,
    "training": lambda ctx, check, case: _training().evaluate(ctx, check, case),
}

# Kinds whose failing values are evidence for the diagnosis (a known mistake must reproduce them);
# a module that registers such a kind adds it here.
EVIDENCE: set[str] = {"compare", "training"}


def _training() -> Any:
    """The training kind (trains a contract class in the sandbox), imported when a class task is graded."""
    from mlvc_review.grading.checks import training

    return training


def plain(value: Any) -> Any:
    """Reference results as plain numpy data (torch references return tensors)."""
    if isinstance(value, (tuple, list)):
        return type(value)(plain(v) for v in value)
    if type(value).__module__.startswith("torch"):
        return value.detach().cpu().numpy()
    return value


def _error_text(error: str | None) -> str:
    """ "raised Name: message" for an exception, else the sandbox's own words."""
    line = exception_text(error)
    return f"raised {line}" if re.match(r"[A-Za-z_][\w.]*(: |$)", line) else line


def exception_text(text: str | None) -> str:
    """The sandbox's error text, bounded: its first lines (type and message) and its last (the student's line)."""
    lines = [line.rstrip() for line in (text or "").strip().splitlines() if line.strip()]
    if len(lines) > 5:
        lines = [*lines[:4], lines[-1]]
    return "\n".join(lines) if lines else "an exception"


def _brief(value: Any) -> str:
    from mlvc_review.grading.checks.values import short

    return short(value, 60)
