"""Chapter 7 task specs: the reparameterisation trick, the Gaussian KL term, the negative ELBO.

logvar is drawn in [-3, 3] so σ = exp(½ logvar) is neither 0 nor huge; data x
is binary or in [0, 1]; "stability" puts decoder logits at up to ±100, where
σ(l) rounds to exactly 1 and the naive -log(1 - σ(l)) is inf.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import FINITE, cases, fixed, normal, uniform


def _gauss(rng: np.random.Generator, n: int, d_z: int) -> tuple[np.ndarray, np.ndarray]:
    """mu (n, d_z) ~ N(0, 1), logvar (n, d_z) in [-3, 3]."""
    return normal(rng, n, d_z), uniform(rng, -3.0, 3.0, n, d_z)


def _reparam_case(rng: np.random.Generator, n: int, d_z: int, label: str = "") -> Case:
    mu, logvar = _gauss(rng, n, d_z)
    return Case((mu, logvar, normal(rng, n, d_z)), label=label or f"n={n}, d_z={d_z}")


def _kl_case(rng: np.random.Generator, n: int, d_z: int, label: str = "") -> Case:
    return Case(_gauss(rng, n, d_z), label=label or f"n={n}, d_z={d_z}")


def _edges(build: object) -> list[Case]:
    return fixed(
        build,  # type: ignore[arg-type]
        dict(n=1, d_z=1, label="n = 1, d_z = 1"),
        dict(n=1, d_z=4, label="batch of one"),
        dict(n=5, d_z=1, label="d_z = 1"),
        dict(n=3, d_z=6, label="n != d_z"),
    )


def _kl_edges() -> list[Case]:
    zeros = np.zeros((2, 3))
    return [*_edges(_kl_case), Case((zeros, zeros.copy()), label="q = p: KL = 0")]


register(
    TaskSpec(
        function="reparameterize",
        reference="mlvc_reference.vae:reparameterize",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_reparam_case, n=(1, 5), d_z=(1, 6))),
            Check("edge shapes", "compare", examples=lambda: _edges(_reparam_case)),
            Check("no mutation", "mutation", examples=lambda: _edges(_reparam_case)[2:]),
        ),
    )
)

register(
    TaskSpec(
        function="kl_standard_normal",
        reference="mlvc_reference.vae:kl_standard_normal",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_kl_case, n=(1, 5), d_z=(1, 6))),
            Check("edge shapes", "compare", examples=_kl_edges),
            Check("no mutation", "mutation", examples=lambda: _edges(_kl_case)[2:]),
        ),
    )
)

DATA_SHAPES = [(4,), (1,), (2, 3), (6,)]


def _elbo_case(
    rng: np.random.Generator, n: int, data: tuple[int, ...], d_z: int, binary: bool = True,
    logit_bound: float = 0.0, label: str = "",
) -> Case:
    """x (n, *data) binary or in [0, 1]; logits N(0, 9), or uniform in ±logit_bound when given."""
    shape = (n, *data)
    x = rng.integers(0, 2, shape).astype(np.float64) if binary else uniform(rng, 0.0, 1.0, *shape)
    logits = uniform(rng, -logit_bound, logit_bound, *shape) if logit_bound else normal(rng, *shape, scale=3.0)
    if logit_bound:
        # the extremes themselves: a 0 pixel with logit +bound and a 1 pixel with logit -bound
        x.flat[0], logits.flat[0] = 0.0, logit_bound
        x.flat[-1], logits.flat[-1] = 1.0, -logit_bound
    mu, logvar = _gauss(rng, n, d_z)
    label = label or f"x {shape}, {'binary' if binary else 'grey'}, d_z={d_z}"
    return Case((x, logits, mu, logvar), label=label)


def _elbo_edges() -> list[Case]:
    return fixed(
        _elbo_case,
        dict(n=1, data=(5,), d_z=2, label="batch of one"),
        dict(n=4, data=(1,), d_z=3, label="one data dimension"),
        dict(n=3, data=(2, 4), d_z=2, label="image-shaped x (n, H, W)"),
        dict(n=3, data=(6,), d_z=1, binary=False, label="grey-level x in [0, 1]"),
        dict(n=2, data=(3,), d_z=4, label="d_z > data dims"),
    )


def _elbo_stable() -> list[Case]:
    return fixed(
        _elbo_case,
        dict(n=3, data=(4,), d_z=2, logit_bound=100.0, label="|logits| up to 100"),
        dict(n=2, data=(2, 3), d_z=2, binary=False, logit_bound=100.0, label="|logits| up to 100, grey x"),
        dict(n=1, data=(3,), d_z=1, logit_bound=40.0, label="|logits| up to 40 (sigmoid rounds to 1)"),
    )


register(
    TaskSpec(
        function="negative_elbo",
        reference="mlvc_reference.vae:negative_elbo",
        checks=(
            Check(
                "values",
                "compare",
                strategy=lambda: cases(_elbo_case, n=(1, 4), data=DATA_SHAPES, d_z=(1, 4), binary=[True, False]),
            ),
            Check("edge shapes", "compare", examples=_elbo_edges),
            Check("stability", "compare", examples=_elbo_stable, nan_policy=FINITE),
            Check("no mutation", "mutation", examples=lambda: _elbo_edges()[2:4]),
        ),
    )
)
