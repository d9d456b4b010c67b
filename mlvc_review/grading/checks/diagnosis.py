"""Name the known mistake a failing submission made.

Each known mistake is our own code, so it runs in the trusted process, on a
private copy of every failing case; when one mistake's outputs match what the
student returned on all the failing cases examined (same tolerance as the
check), the task's diagnosis is that mistake.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.checks.kinds import Failure, plain
from mlvc_review.grading.checks.compare import compare
from mlvc_review.grading.spec import Check, resolve
from mlvc_review.grading.taskinfo import KnownMistake
from mlvc_review.grading.checks.values import materialize


def diagnose(mistakes: tuple[KnownMistake, ...] | list[KnownMistake], failures: list[tuple[Check, Failure]], lang: str = "en") -> dict[str, str] | None:
    """The first mistake that reproduces every compared failure, as {"name", "explanation", "impl"};
    when none does, the one generic diagnosis (`generic`) that explains them all, else None.

    Args:
        mistakes: the task's known mistakes.
        failures: (check, minimal failure) of failed compare checks. A failure where the submission
            raised is evidence too: a mistake is named only if it raises there as well, and then no
            generic rule is tried. Timeouts are ignored.
        lang: language of the explanation.
    """
    evidence = [(c, f) for c, f in failures if f.case is not None and f.status == "failed" and f.got is not None]
    crashes = [f for _, f in failures if f.case is not None and f.status == "error"]
    if not evidence:
        return None
    for mistake in mistakes:
        if all(_reproduces(mistake, check, failure) for check, failure in evidence) and all(_raises(mistake, f) for f in crashes):
            return {"name": mistake.name, "explanation": mistake.explain(lang), "impl": mistake.impl}
    if crashes:
        return None  # no generic rule explains a crash: a name read off the other cases could be wrong
    from mlvc_review.grading.checks.generic import diagnose_generic

    return diagnose_generic(evidence, lang)


def _raises(mistake: KnownMistake, failure: Failure) -> bool:
    """Whether the known mistake raises on a case where the submission raised (else it is not what was done)."""
    try:
        with np.errstate(all="ignore"):
            resolve(mistake.impl)(*materialize(failure.case.args), **materialize(failure.case.kwargs))
    except Exception:
        return True
    return False


def _reproduces(mistake: KnownMistake, check: Check, failure: Failure) -> bool:
    case = failure.case
    try:
        wrong = resolve(mistake.impl)
        with np.errstate(all="ignore"):  # known mistakes overflow by design; the grader stays quiet
            value: Any = plain(wrong(*materialize(case.args), **materialize(case.kwargs)))
    except Exception:  # a mistake that cannot run on this case does not explain it
        return False
    if check.compare is not None:
        try:
            return check.compare(value, failure.got, case) is None
        except Exception:
            return False
    # Resemblance, not correctness: NaN where the student has NaN and a float where the
    # student returned a float count as the same answer, whatever the check demands.
    try:
        found = compare(value, failure.got, rtol=check.rtol, atol=check.atol, nan_policy="equal", integer_output=False)
    except Exception:
        return False
    return found is None
