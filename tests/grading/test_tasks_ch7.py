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


# ---- GAN losses, PixelCNN mask, sequence NLL ---------------------------------------------------


def test_gan_stability_cases_reach_100_with_a_fake_the_discriminator_accepts_outright():
    for function, fake_index in [("gan_discriminator_loss", 1), ("gan_generator_loss", 0)]:
        cases = check_named(function, "stability").examples()
        assert max(np.abs(c.args[fake_index]).max() for c in cases) == 100.0
        for case in cases:
            fake = case.args[fake_index]
            with np.errstate(all="ignore"):
                d_fake = 1.0 / (1.0 + np.exp(-fake))
            # σ(l) is exactly 1 there: log(1 - D(G(z))) = -inf, and the generic BCE's 0 · log 0 = nan
            assert (d_fake == 1.0).any(), case.label


def test_real_and_fake_batches_differ_in_size_and_shape():
    cases = drawn(check_named("gan_discriminator_loss", "values").strategy(), n=40)
    assert any(c.args[0].shape[0] != c.args[1].shape[0] for c in cases)
    assert {c.args[0].ndim for c in cases} == {1, 2}


def test_nll_stability_reaches_1e4_where_a_softmax_without_the_shift_is_nan():
    cases = check_named("autoregressive_nll", "stability").examples()
    assert max(np.abs(c.args[0]).max() for c in cases) == 1e4
    for case in cases:
        logits, x = case.args
        assert x.dtype.kind == "i" and x.min() >= 0 and x.max() < logits.shape[1]
        with np.errstate(all="ignore"):
            e = np.exp(logits)
            naive = -np.log(e[np.arange(len(x)), x] / e.sum(axis=1)).sum()
        assert not np.isfinite(naive), case.label


def test_masks_are_drawn_for_both_types_and_the_edges_include_1x1():
    cases = check_named("pixelcnn_mask", "edge shapes").examples() + drawn(check_named("pixelcnn_mask", "values").strategy(), n=30)
    assert {c.args[1] for c in cases} == {"A", "B"}
    assert all(c.args[0] % 2 == 1 for c in cases)
    assert {(1, "A"), (1, "B")} <= {c.args for c in cases}


def test_a_stable_but_saturating_generator_loss_is_caught_and_named(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def gan_generator_loss(fake_logits):\n"
        "    # minimise E[log(1 - D(G(z)))], written stably\n"
        "    return float(np.mean(-np.logaddexp(0.0, fake_logits)))\n",
        "gan_generator_loss",
    )
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "saturating loss"


def test_mask_A_that_keeps_the_centre_is_caught_and_named(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def pixelcnn_mask(kernel_size, mask_type):\n"
        "    k, c = kernel_size, kernel_size // 2\n"
        "    mask = np.ones((k, k))\n"
        "    mask[c, c + (mask_type == 'A'):] = 0\n"
        "    mask[c + 1:] = 0\n"
        "    return mask\n",
        "pixelcnn_mask",
    )
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "mask A/B swapped"


def test_a_clipped_log_in_the_discriminator_loss_fails_stability_without_a_wrong_diagnosis(tmp_path):
    # finite but wrong at the extremes: not the unstable known mistake, so nothing is named
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def gan_discriminator_loss(real_logits, fake_logits):\n"
        "    d_real = np.clip(1 / (1 + np.exp(-real_logits)), 1e-7, 1 - 1e-7)\n"
        "    d_fake = np.clip(1 / (1 + np.exp(-fake_logits)), 1e-7, 1 - 1e-7)\n"
        "    return float(-np.mean(np.log(d_real)) - np.mean(np.log(1 - d_fake)))\n",
        "gan_discriminator_loss",
    )
    assert {c["name"]: c["status"] for c in task["checks"]}["stability"] == "failed"
    assert task["diagnosis"] is None
