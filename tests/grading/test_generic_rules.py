"""The generic rules added for the feedback corpus: each names its cause on clear evidence and stays silent otherwise."""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.checks.diagnosis import diagnose
from mlvc_review.grading.checks.generic import diagnose_generic
from mlvc_review.grading.checks.kinds import Failure
from mlvc_review.grading.spec import Case, Check
from mlvc_review.grading.taskinfo import KnownMistake


def case(expected, got, args=(), check: str = "values", compare=None) -> tuple[Check, Failure]:
    return Check(check, "compare", compare=compare), Failure("failed", "", Case(tuple(args)), expected, got)


def name(*failures) -> str | None:
    found = diagnose_generic(list(failures))
    return found and found["name"]


def test_a_missing_relu_is_named_only_when_the_negatives_sit_where_the_reference_is_zero():
    pre = np.array([[0.5, -0.2], [1.5, -3.0]])
    assert name(case(np.maximum(pre, 0), pre)) == "ReLU (clamp at 0) missing"
    wrong = pre.copy()
    wrong[0, 0] = 0.4  # one positive entry off as well: not (only) a missing clamp
    assert name(case(np.maximum(pre, 0), wrong)) is None
    assert name(case(np.array([0.0, 1.0]), np.array([0.0, 2.0]))) != "ReLU (clamp at 0) missing"


def test_a_constant_factor_is_named_with_its_value_and_needs_more_than_one_number():
    e = np.array([[0.1, 0.2], [0.3, 0.7]])
    found = diagnose_generic([case(e, 4 * e)])
    assert found["name"] == "off by a constant factor" and "4 times" in found["explanation"]
    two = diagnose_generic([case(e, e / 3), case(e[:1], e[:1] * 9)])
    assert two is not None and "0.3333 and 9" in two["explanation"]
    one_number = np.float64(0.25)
    assert name(case(one_number, 3 * one_number)) is None  # any number is a multiple of any other
    assert name(case(one_number, 3 * one_number), case(np.float64(2.0), np.float64(6.0))) == "off by a constant factor"
    assert name(case(one_number, 3 * one_number), case(np.float64(2.0), np.float64(5.0))) is None
    assert name(case(e, e * (1 + 1e-7))) is None  # rounding is no factor
    assert diagnose_generic([case(e, 4 * e)], "zh")["explanation"].startswith("你返回的每个值都是期望值的 4 倍")


def test_outputs_in_another_order_are_named_with_the_positions():
    a, b, c = np.ones((2, 3)), np.arange(3.0), np.full((1, 3), 7.0)
    found = diagnose_generic([case((a, b, c), (b, c, a))])
    assert found["name"] == "outputs in the wrong order" and "outputs 2, 3, 1" in found["explanation"]
    assert name(case((a, b), (a, b + 1))) != "outputs in the wrong order"
    assert name(case((a, a), (a, a + 1))) != "outputs in the wrong order"


def test_one_value_is_no_evidence_of_a_lost_axis():
    assert name(case(np.array(2.5), np.array([2.5]))) is None  # a (1,) PSNR of a one-column image
    assert name(case(np.ones((1, 1)), np.ones(1))) is None  # a 1-D kernel of size 1
    assert name(case(np.ones((1, 1)), np.ones(1)), case(np.arange(3.0), np.arange(3.0)[:, None])) == \
        "extra or missing axis of length 1"


def test_float32_returned_as_float32_may_carry_grown_rounding_but_not_a_real_error():
    phase = np.linspace(0, 50, 40)
    e = np.sin(phase)
    got = np.sin(phase.astype(np.float32))  # float32 all the way: the phase alone carries 50 * eps32
    assert name(case(e, got)) == "computed in float32"
    assert name(case(e, (e + 1e-3).astype(np.float32))) is None


def test_leaves_one_rounding_step_apart_are_not_part_of_the_mistake():
    w = np.array([[0.0008130351785125038]])
    db = np.array([0.006452660146924633, 0.5])
    assert name(case((w, db), (w + 1e-19, db[None]))) == "extra or missing axis of length 1"


def test_checks_with_their_own_judge_get_no_generic_diagnosis():
    e = np.array([[0.1, 0.2], [0.3, 0.7]])
    assert name(case(e, 4 * e, compare=lambda expected, got, c: "differs")) is None


def _double(x):
    return 2 * x


def test_a_known_mistake_is_named_only_if_it_raises_where_the_submission_raised():
    mistake = KnownMistake("doubled", f"{__name__}:_double", "twice the value")
    values = case(np.array([1.0, 2.0]), np.array([2.0, 4.0]), args=(np.array([1.0, 2.0]),))
    crash = (Check("edge shapes", "compare"), Failure("error", "raised ValueError", Case((np.array([3.0]),))))
    assert diagnose([mistake], [values])["name"] == "doubled"
    assert diagnose([mistake], [values, crash]) is None  # _double does not raise on that case
    assert diagnose([], [values, crash]) is None  # and no generic rule explains a crash
    raising = (Check("edge shapes", "compare"), Failure("error", "raised TypeError", Case((None,))))
    assert diagnose([mistake], [values, raising])["name"] == "doubled"  # 2 * None raises in the mistake too


def test_per_example_values_where_one_number_is_due_are_named_with_the_reduction():
    losses = np.array([2.181, 1.693, 5.523, 0.5346])
    found = diagnose_generic([case(np.float64(losses.mean()), losses), case(np.float64(0.4), np.array([0.4]))])
    assert found["name"] == "one value per example instead of their mean" and "np.mean" in found["explanation"]
    assert name(case(np.float64(losses.sum()), losses)) == "one value per example instead of their sum"
    assert name(case(np.float64(0.4), np.array([0.4]))) is None  # one value is its own mean and sum
    assert name(case(np.float64(losses.mean() + 0.01), losses)) is None
    assert name(case(np.float64(losses.mean()), np.vstack([losses, losses]))) is None  # only a 1-D vector
    mixed = name(case(np.float64(losses.mean()), losses), case(np.float64(losses.sum()), losses))
    assert mixed is None  # the cases must agree on one reduction
    assert diagnose_generic([case(np.float64(losses.mean()), losses)], "zh")["explanation"].startswith("约定要返回一个数")


def test_per_example_cross_entropy_is_diagnosed_through_the_grader(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_tasks_common import grade_source

    task = grade_source(tmp_path, "import numpy as np\ndef cross_entropy(logits, labels):\n"
                        "    z = logits - logits.max(axis=1, keepdims=True)\n"
                        "    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))\n"
                        "    return -log_p[np.arange(len(labels)), labels]\n", "cross_entropy")
    assert task["diagnosis"]["name"] == "one value per example instead of their mean"


def test_a_constant_term_is_named_with_its_value_and_needs_two_values_that_agree():
    e = np.array([[0.1, 0.2], [0.3, 0.7]])
    found = diagnose_generic([case(e, e + 0.25)])
    assert found["name"] == "off by a constant term" and "plus 0.25" in found["explanation"]
    psnr = 10 * np.log10(255.0 ** 2)  # R = 255 where the data range is 1
    two = diagnose_generic([case(np.float64(37.72), np.float64(37.72 + psnr)), case(np.float64(30.46), np.float64(30.46 + psnr))])
    assert two["name"] == "off by a constant term" and "48.13" in two["explanation"] and "log(k" in two["explanation"]
    assert name(case(np.float64(37.72), np.float64(37.72 + psnr))) is None  # one number differs from any by something
    assert name(case(np.float64(1.0), np.float64(2.0)), case(np.float64(3.0), np.float64(4.5))) is None
    assert name(case(e, e + np.array([0.25, 0.5]))) is None  # a per-column offset is no constant
    assert name(case(e, 2 * e)) == "off by a constant factor"  # a factor is not read as an offset
    assert diagnose_generic([case(e, e - 1.0)], "zh")["explanation"].startswith("你返回的每个值都等于期望值加上 -1")
    sizes = np.array([5.0, 9.0])
    assert name(case(sizes, sizes + 1)) is None  # an off-by-one size is a formula, not a constant
