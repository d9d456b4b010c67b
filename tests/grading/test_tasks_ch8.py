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


# ---- x̂_0 from the noise, classifier-free guidance, time embedding --------------------------------


def test_x0_from_eps_steps_are_0_based_and_alpha_bar_stays_away_from_zero():
    cases = check_named("x0_from_eps", "edge shapes").examples() + drawn(check_named("x0_from_eps", "values").strategy(), n=40)
    hit_first = hit_last = False
    for case in cases:
        t, ab = case.args[1], case.args[3]
        assert t.dtype.kind == "i" and t.min() >= 0 and t.max() <= len(ab) - 1, case.label
        assert ab.min() > 1e-10 and np.all(np.diff(ab) < 0), case.label
        hit_first |= bool((t == 0).all())
        hit_last |= bool((t == len(ab) - 1).all())
    assert hit_first and hit_last


def test_guidance_scales_include_0_1_and_strong_guidance():
    cases = check_named("cfg_combine", "edge shapes").examples() + drawn(check_named("cfg_combine", "values").strategy(), n=40)
    scales = {c.args[2] for c in cases}
    assert {0.0, 1.0} <= scales and max(scales) > 5 and all(isinstance(w, float) for w in scales)


def test_time_embedding_max_period_is_drawn_default_positional_and_by_keyword():
    cases = check_named("timestep_embedding", "edge shapes").examples() + drawn(check_named("timestep_embedding", "values").strategy(), n=40)
    forms = {"keyword" if c.kwargs else ("positional" if len(c.args) == 3 else "default") for c in cases}
    assert forms == {"keyword", "positional", "default"}
    assert all(c.args[1] % 2 == 0 and c.args[1] >= 2 for c in cases)
    assert {c.args[0].dtype.kind for c in cases} == {"i", "f"}


def test_x0_from_eps_with_the_notes_single_step_alpha_is_caught_and_named(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def x0_from_eps(x_t, t, eps, alpha_bar):\n"
        "    alphas = alpha_bar / np.concatenate([[1.0], alpha_bar[:-1]])\n"
        "    a = alphas[t].reshape(-1, *([1] * (x_t.ndim - 1)))\n"
        "    return (x_t - np.sqrt(1 - a) * eps) / np.sqrt(a)\n",
        "x0_from_eps",
    )
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "α_t used for ᾱ_t"


def test_the_transformer_positional_layout_is_caught_and_named(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def timestep_embedding(t, dim, max_period=10000):\n"
        "    i = np.arange(dim // 2)\n"
        "    args = np.asarray(t, dtype=float)[:, None] / max_period ** (2 * i / dim)\n"
        "    emb = np.zeros((len(t), dim))\n"
        "    emb[:, 0::2], emb[:, 1::2] = np.sin(args), np.cos(args)\n"
        "    return emb\n",
        "timestep_embedding",
    )
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "interleaved sin/cos"


def test_another_frequency_convention_fails_without_a_wrong_diagnosis(tmp_path):
    # tensor2tensor's spacing (the last frequency exactly 1/max_period) is not the contract's
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def timestep_embedding(t, dim, max_period=10000):\n"
        "    half = dim // 2\n"
        "    freqs = np.exp(-np.log(max_period) * np.arange(half) / max(half - 1, 1))\n"
        "    args = np.asarray(t, dtype=float)[:, None] * freqs\n"
        "    return np.concatenate([np.cos(args), np.sin(args)], axis=-1)\n",
        "timestep_embedding",
    )
    assert task["status"] == "failed" and task["diagnosis"] is None
