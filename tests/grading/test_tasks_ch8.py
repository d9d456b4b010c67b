"""Chapter 8 task specs (DDPM schedule, forward process, loss, reverse step) through the real grader and sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest


sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, drawn, grade_source  # noqa: E402

CHAPTER = 8
FUNCTIONS = HEADLINE[CHAPTER]


@pytest.mark.parametrize("function", ["q_sample", "ddpm_simple_loss"])
def test_time_steps_are_0_based_ints_and_the_edges_hit_t_0_and_t_T_minus_1(function):
    t_index = 1 if function == "q_sample" else 2
    cases = check_named(function, "edge shapes").examples() + drawn(check_named(function, "values").strategy())
    hit_first = hit_last = False
    for case in cases:
        t, ab = case.args[t_index], case.args[-1]
        assert t.dtype.kind == "i" and t.min() >= 0 and t.max() <= len(ab) - 1, case.label
        hit_first |= bool((t == 0).all())
        hit_last |= bool((t == len(ab) - 1).all())
    assert hit_first and hit_last


def test_the_reverse_step_edges_hit_t_0_and_t_T_minus_1_and_alpha_bar_matches_the_betas():
    cases = check_named("ddpm_reverse_step", "edge shapes").examples()
    steps = {(case.args[1], len(case.args[3])) for case in cases}
    assert any(t == 0 for t, _ in steps) and any(t == T - 1 for t, T in steps)
    for case in cases:
        betas, ab = case.args[3], case.args[4]
        assert isinstance(case.args[1], int)
        np.testing.assert_allclose(ab, np.cumprod(1 - betas))


def test_q_sample_with_the_notes_single_step_alpha_is_caught_and_named(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def q_sample(x0, t, noise, alpha_bar):\n"
        "    alphas = alpha_bar / np.concatenate([[1.0], alpha_bar[:-1]])\n"
        "    a = alphas[t].reshape(-1, *([1] * (x0.ndim - 1)))\n"
        "    return np.sqrt(a) * x0 + np.sqrt(1 - a) * noise\n",
        "q_sample",
    )
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "α_t used for ᾱ_t"


def test_a_loss_that_overwrites_its_noise_argument_fails_only_no_mutation(tmp_path):
    # correct value, but the caller's `noise` is scaled in place: the eps_model argument
    # (a grader callable) must not stop the arrays from being echoed back and compared
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def ddpm_simple_loss(eps_model, x0, t, noise, alpha_bar):\n"
        "    a = alpha_bar[t].reshape(-1, *([1] * (x0.ndim - 1)))\n"
        "    x_t = np.sqrt(a) * x0 + np.sqrt(1 - a) * noise\n"
        "    loss = float(np.mean((noise - eps_model(x_t, t)) ** 2))\n"
        "    noise *= 2.0\n"
        "    return loss\n",
        "ddpm_simple_loss",
    )
    by_name = {c["name"]: c for c in task["checks"]}
    assert {n: c["status"] for n, c in by_name.items()} == {"values": "passed", "edge shapes": "passed", "no mutation": "failed"}
    assert "argument 4 was modified in place" in by_name["no mutation"]["message"]
