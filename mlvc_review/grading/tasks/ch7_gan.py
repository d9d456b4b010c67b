"""Chapter 7 task specs: the GAN discriminator and (non-saturating) generator losses on logits.

Logits are N(0, 3²) in "values"; the real and fake batches have their own sizes
(so one mean over both batches is caught) and come as (n,) or (n, 1). "Stability"
puts logits at ±100 with a confident fake (fake logit +100), where σ(l) rounds
to exactly 1: log(1 - σ(l)) is -inf and the generic BCE's 0 · log(0) is nan.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import FINITE, cases, fixed, normal, uniform


def _logits(rng: np.random.Generator, n: int, column: bool, bound: float) -> np.ndarray:
    """(n,) or (n, 1) logits: N(0, 3²), or uniform in ±bound with both extremes present when bound is given."""
    shape = (n, 1) if column else (n,)
    if not bound:
        return normal(rng, *shape, scale=3.0)
    logits = uniform(rng, -bound, bound, *shape)
    logits.flat[0] = bound
    if n > 1:
        logits.flat[-1] = -bound
    return logits


def _d_case(
    rng: np.random.Generator, n_real: int, n_fake: int, column: bool = False, bound: float = 0.0, label: str = ""
) -> Case:
    real = _logits(rng, n_real, column, bound)
    fake = _logits(rng, n_fake, column, bound)
    return Case((real, fake), label=label or f"real {real.shape}, fake {fake.shape}")


def _g_case(rng: np.random.Generator, n: int, column: bool = False, bound: float = 0.0, label: str = "") -> Case:
    fake = _logits(rng, n, column, bound)
    return Case((fake,), label=label or f"fake {fake.shape}")


def _d_edges() -> list[Case]:
    return [
        *fixed(
            _d_case,
            dict(n_real=4, n_fake=4, label="equal batch sizes"),
            dict(n_real=1, n_fake=1, label="one real, one fake"),
            dict(n_real=2, n_fake=5, label="more fakes than reals"),
            dict(n_real=3, n_fake=2, column=True, label="(n, 1) logits, as a Linear(…, 1) head returns them"),
        ),
        Case((np.zeros(3), np.zeros(3)), label="all logits 0 (D = 1/2): 2 log 2"),
        Case((np.array([2.0, -1.0, 0.5]), np.array([-3.0, 1.5])), label="a few hand-picked logits"),
    ]


def _d_stable() -> list[Case]:
    return [
        *fixed(
            _d_case,
            dict(n_real=4, n_fake=3, bound=100.0, label="|logits| up to 100"),
            dict(n_real=2, n_fake=2, column=True, bound=100.0, label="|logits| up to 100, (n, 1)"),
        ),
        Case((np.array([-100.0, 100.0]), np.array([100.0, 40.0])), label="confident fakes: D(G(z)) rounds to 1"),
    ]


register(
    TaskSpec(
        function="gan_discriminator_loss",
        reference="mlvc_reference.gan:gan_discriminator_loss",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_d_case, n_real=(1, 6), n_fake=(1, 6), column=[False, True])),
            Check("edge shapes", "compare", examples=_d_edges),
            Check("stability", "compare", examples=_d_stable, nan_policy=FINITE),
            Check("no mutation", "mutation", examples=lambda: _d_edges()[2:4]),
        ),
    )
)


def _g_edges() -> list[Case]:
    return [
        *fixed(
            _g_case,
            dict(n=5, label="a batch of 5"),
            dict(n=1, label="batch of one"),
            dict(n=4, column=True, label="(n, 1) logits"),
        ),
        Case((np.zeros(4),), label="all logits 0 (D = 1/2): log 2"),
        Case((np.array([-4.0, -2.5, 1.0]),), label="D rejects most fakes (negative logits)"),
    ]


def _g_stable() -> list[Case]:
    return [
        *fixed(
            _g_case,
            dict(n=5, bound=100.0, label="|logits| up to 100"),
            dict(n=3, column=True, bound=100.0, label="|logits| up to 100, (n, 1)"),
        ),
        Case((np.array([100.0, 40.0, -100.0]),), label="D fooled completely: σ(l) rounds to 1"),
    ]


register(
    TaskSpec(
        function="gan_generator_loss",
        reference="mlvc_reference.gan:gan_generator_loss",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_g_case, n=(1, 6), column=[False, True])),
            Check("edge shapes", "compare", examples=_g_edges),
            Check("stability", "compare", examples=_g_stable, nan_policy=FINITE),
            Check("no mutation", "mutation", examples=lambda: _g_edges()[:1]),
        ),
    )
)
