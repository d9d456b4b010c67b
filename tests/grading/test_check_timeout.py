"""A check may need a longer per-call limit than the run's (the large float32 checks do)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from mlvc_review.grading.checks.kinds import TaskContext, call
from mlvc_review.grading.spec import Case, Check, TaskSpec


class Recorder:
    def __init__(self):
        self.timeouts = []

    def call(self, function, args, kwargs, **options):
        self.timeouts.append(options["timeout"])
        return SimpleNamespace(status="ok", value=None, error=None)


@pytest.mark.parametrize(
    "run_limit, check_limit, used",
    [(None, None, None), (5.0, None, 5.0), (None, 120.0, 120.0), (5.0, 120.0, 120.0), (300.0, 120.0, 300.0)],
)
def test_the_larger_of_the_run_and_check_limits_applies(run_limit, check_limit, used):
    session = Recorder()
    spec = TaskSpec("causal_mask", "mlvc_reference.attention:causal_mask", ())
    ctx = TaskContext(session, spec, reference=lambda n: None, timeout=run_limit)
    call(ctx, Check("values", "compare", timeout=check_limit), Case((3,)))
    assert session.timeouts == [used]


def test_heavy_checks_have_a_long_limit():
    from mlvc_review.grading.spec import get_task

    for function in ("conv2d", "multi_head_attention"):
        heavy = [c for c in get_task(function).checks if c.heavy]
        assert heavy and all(c.timeout and c.timeout >= 60 for c in heavy)
