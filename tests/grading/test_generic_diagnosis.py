"""Generic diagnoses on realistic wrong code that no task's catalogue lists, and silence where unsure."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from mlvc_review.grading.checks.generic import GENERIC, diagnose_generic
from mlvc_review.grading.checks.kinds import Failure
from mlvc_review.grading.spec import Case, Check

sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import grade_source  # noqa: E402

GRADED = [
    ("linear_forward", "computed in float32",
     "import numpy as np\ndef linear_forward(x, W, b):\n"
     "    x32, W32, b32 = (np.asarray(a, dtype=np.float32) for a in (x, W, b))\n    return x32 @ W32.T + b32\n"),
    ("polynomial_features", "result transposed",
     "import numpy as np\ndef polynomial_features(P):\n    x, y = P[:, 0], P[:, 1]\n"
     "    return np.array([x**2, x*y, y**2, x, y, np.ones_like(x)])\n"),
    ("sigmoid_backward", "sign flipped",
     "import numpy as np\ndef sigmoid_backward(x, dout):\n    s = 1 / (1 + np.exp(-x))\n    return -dout * s * (1 - s)\n"),
]


@pytest.mark.parametrize("function, name, source", GRADED, ids=[g[0] for g in GRADED])
def test_realistic_wrong_code_gets_the_generic_diagnosis_that_names_its_bug(tmp_path, function, name, source):
    task = grade_source(tmp_path, source, function)
    assert task["status"] == "failed"
    assert task["diagnosis"] is not None and task["diagnosis"]["name"] == name, task["diagnosis"]
    assert task["diagnosis"]["impl"].startswith("generic:")


def test_a_bug_no_rule_explains_gets_no_diagnosis(tmp_path):
    source = "import numpy as np\ndef linear_forward(x, W, b):\n    return x @ W.T + 2 * b\n"
    task = grade_source(tmp_path, source, "linear_forward")
    assert task["status"] == "failed" and task["diagnosis"] is None


def _failure(expected, got, args=()) -> tuple[Check, Failure]:
    return Check("values", "compare"), Failure("failed", "", Case(tuple(args)), expected, got)


def test_each_rule_is_strict():
    e = np.arange(1.0, 7.0).reshape(2, 3) / 7
    assert diagnose_generic([_failure(e, e.T)])["name"] == "result transposed"
    assert diagnose_generic([_failure(e, e.T + 1e-3)]) is None
    assert diagnose_generic([_failure(e, -e)])["name"] == "sign flipped"
    assert diagnose_generic([_failure(e, e.astype(np.float32))])["name"] == "computed in float32"
    assert diagnose_generic([_failure(e, e * (1 + 1e-7))]) is None  # close, but not float32 values: say nothing
    assert diagnose_generic([_failure(e, e[None])])["name"] == "extra or missing axis of length 1"
    x = np.ones((2, 3))
    assert diagnose_generic([_failure(e, x, args=(x,))])["name"] == "returns an input unchanged"
    assert diagnose_generic([_failure(np.float64(0.5), np.float64(1.0), args=(x,))])["name"] == "sum and mean over the batch confused"
    assert diagnose_generic([_failure(np.float64(0.5), np.float64(1.5), args=(x,))]) is None
    stab = Check("stability", "compare"), Failure("failed", "", Case(()), np.array([1.0, 2.0]), np.array([np.nan, 2.0]))
    assert diagnose_generic([stab])["name"] == "overflow at extreme inputs"
    assert diagnose_generic([_failure(np.array([1.0, 2.0]), np.array([np.nan, 2.0]))]) is None  # values: not only extremes


def test_every_failing_case_must_agree_on_one_rule():
    e = np.arange(1.0, 7.0).reshape(2, 3)
    assert diagnose_generic([_failure(e, -e), _failure(e, e.T)]) is None


def test_every_generic_diagnosis_speaks_both_languages():
    for generic in GENERIC:
        assert generic.explain_en and generic.explain_zh and generic.explain_en != generic.explain_zh
