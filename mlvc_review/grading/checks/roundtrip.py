"""A check kind for a pair of functions judged together: an inverse and the same file's forward.

"roundtrip" grades an inverse function (e.g. `reconstruct_laplacian`) on what the
contract asks of it: to undo the *same file's* forward function, whichever of the
valid forward maps that file chose. A case holds the inverse's own arguments,
built by the reference's forward from an input x (x is the reference inverse's
answer). The evaluator calls the file's forward on x in the sandbox and, when it
returns data shaped like the case's, hands that to the file's inverse; when the
file has no forward, or its forward fails or returns another structure, the
case's own (reference) data is used and the report says so. The inverse passes
when it gives x back within the check's tolerance. The failing case reported
(and shown to the diagnosis) is the data the inverse really received, so a
known mistake is compared on exactly that input.

The forward partner of each inverse task is declared with `pair(inverse, forward,
forward_args)` by the task module.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

import numpy as np

from mlvc_review.grading.checks.compare import compare
from mlvc_review.grading.checks.kinds import EVIDENCE, KINDS, STOP_STATUSES, Failure, TaskContext, call, expected_value
from mlvc_review.grading.spec import Case, Check

# inverse task -> (forward function of the same file, (x, case) -> the forward's arguments)
FORWARD: dict[str, tuple[str, Callable[[Any, Case], tuple]]] = {}


def pair(inverse: str, forward: str, forward_args: Callable[[Any, Case], tuple]) -> None:
    """Declare that `inverse` is judged on the output of the same file's `forward`."""
    FORWARD[inverse] = (forward, forward_args)


def _shapes(value: Any) -> Any:
    """The structure of plain data: nested lengths and array shapes (list and tuple alike)."""
    if isinstance(value, (tuple, list)):
        return ("seq", tuple(_shapes(v) for v in value))
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return ("array", value.shape)
    return ("other", type(value).__name__)


def _forward_output(ctx: TaskContext, check: Check, case: Case, x: Any) -> tuple[Any, str]:
    """(the inverse's first argument, a note for the report) from the file's forward, or the case's own."""
    forward, forward_args = FORWARD[ctx.spec.function]
    outcome = ctx.session.call(forward, list(forward_args(x, case)), {}, mode=check.mode, dtype=check.dtype,
                               device="cpu", timeout=ctx.timeout)
    if outcome.status == "ok" and _shapes(outcome.value) == _shapes(case.args[0]):
        return outcome.value, f"input made by your {forward}"
    why = "is not defined" if "defines no function" in (outcome.error or "") else (
        "did not run" if outcome.status in STOP_STATUSES or outcome.status == "error" else "returned another structure")
    return case.args[0], f"your {forward} {why}, so the reference's {forward} made this input"


def eval_roundtrip(ctx: TaskContext, check: Check, case: Case) -> Failure | None:
    """The file's inverse undoes the file's forward (see module docstring)."""
    x = expected_value(ctx, case)
    data, note = _forward_output(ctx, check, case, x)
    used = replace(case, args=(data, *case.args[1:]), label=f"{case.label} ({note})" if case.label else note)
    outcome, failure = call(ctx, check, used)
    if failure:
        return failure
    found = compare(x, outcome.value, rtol=check.rtol, atol=check.atol, nan_policy=check.nan_policy)
    if found is None:
        return None
    message = f"the inverse must give the original input back ({note}); {found.message}"
    return Failure("failed", message, used, x, outcome.value, found.max_abs_err, found.max_rel_err)


KINDS["roundtrip"] = eval_roundtrip
EVIDENCE.add("roundtrip")
