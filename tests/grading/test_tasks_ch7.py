"""Chapter 7 task specs (reparameterisation, KL, negative ELBO) through the real grader and sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np


sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, drawn, grade_source  # noqa: E402

CHAPTER = 7
FUNCTIONS = HEADLINE[CHAPTER]


def test_stability_cases_reach_logits_of_100_where_the_naive_bce_is_infinite():
    cases = check_named("negative_elbo", "stability").examples()
    assert max(np.abs(c.args[1]).max() for c in cases) == 100.0
    for case in cases:
        x, logits = case.args[0], case.args[1]
        with np.errstate(all="ignore"):
            p = 1.0 / (1.0 + np.exp(-logits))
            naive = -(x * np.log(p) + (1 - x) * np.log(1 - p))
        assert not np.all(np.isfinite(naive)), case.label


def test_logvar_is_bounded_and_data_is_in_the_unit_interval():
    for case in drawn(check_named("negative_elbo", "values").strategy(), n=30):
        x, _, _, logvar = case.args
        assert x.min() >= 0 and x.max() <= 1 and np.abs(logvar).max() <= 3


def test_averaging_the_bce_over_pixels_is_caught_and_named(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def negative_elbo(x, x_logits, mu, logvar):\n"
        "    bce = np.maximum(x_logits, 0) - x_logits * x + np.log1p(np.exp(-np.abs(x_logits)))\n"
        "    kl = -0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar), axis=-1)\n"
        "    return float(np.mean(bce.reshape(len(x), -1).mean(axis=1) + kl))\n",
        "negative_elbo",
    )
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "BCE averaged over pixels"
