"""Chapter 5 task specs: Gram matrices, the Gatys style loss of one layer, the content loss.

Features are N(0, 1) of shape (N, C, H, W) with C and H W drawn independently,
so C != H W (where F F^T and F^T F differ in shape) and H W > 1 (where the
normalisations differ) both occur; `normalize` is passed by position, by
keyword or left out.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal

NORMALIZE = ["omitted", "positional", "keyword"]


def _gram_case(rng: np.random.Generator, N: int, C: int, H: int, W: int, normalize: str, flag: bool = True,
               label: str = "") -> Case:
    F = normal(rng, N, C, H, W)
    args, kwargs = {"omitted": ((F,), {}), "positional": ((F, flag), {}), "keyword": ((F,), {"normalize": flag})}[normalize]
    shown = "" if normalize == "omitted" else f", normalize={flag}"
    return Case(args, kwargs, label=label or f"F {F.shape}{shown}")


def _gram_edges() -> list[Case]:
    return fixed(
        _gram_case,
        dict(N=1, C=1, H=1, W=1, normalize="omitted", label="one channel, one position"),
        dict(N=2, C=3, H=2, W=3, normalize="omitted", label="C != H W, unnormalised"),
        dict(N=2, C=3, H=2, W=3, normalize="keyword", label="C != H W, normalize=True"),
        dict(N=1, C=4, H=2, W=2, normalize="positional", label="C == H W, normalize=True"),
        dict(N=3, C=2, H=1, W=5, normalize="positional", flag=False, label="normalize=False given"),
    )


register(
    TaskSpec(
        function="gram_matrix",
        reference="mlvc_reference.style:gram_matrix",
        checks=(
            Check("values", "compare", strategy=lambda: cases(
                _gram_case, N=(1, 3), C=(1, 5), H=(1, 4), W=(1, 4), normalize=NORMALIZE, flag=[True, False])),
            Check("edge shapes", "compare", examples=_gram_edges),
            Check("no mutation", "mutation", examples=lambda: _gram_edges()[1:3]),
        ),
    )
)


def _pair_case(rng: np.random.Generator, shape: tuple[int, ...], same: bool = False, label: str = "") -> Case:
    F = normal(rng, *shape)
    F_target = F.copy() if same else normal(rng, *shape)
    return Case((F, F_target), label=label or f"F {F.shape}")


def _four_d(rng: np.random.Generator, N: int, C: int, H: int, W: int, label: str = "") -> Case:
    return _pair_case(rng, (N, C, H, W), label=label)


def _style_edges() -> list[Case]:
    return [
        *fixed(
            _four_d,
            # C = H W = 1 last: there 1/(4 C^2 M^2), 1/(C^2 M^2) and no normalisation differ only by 4,
            # so a first failure there could not tell "factor 1/4 dropped" from "no normalisation"
            dict(N=1, C=3, H=2, W=2, label="a single image"),
            dict(N=3, C=2, H=3, W=1, label="a batch of three: the sum runs over it"),
            dict(N=2, C=4, H=1, W=1, label="1 x 1 feature maps"),
            dict(N=1, C=1, H=1, W=1, label="one channel, one position"),
        ),
        _pair_case(np.random.default_rng(3), (2, 3, 2, 2), same=True, label="F == F_target: loss 0"),
    ]


register(
    TaskSpec(
        function="style_layer_loss",
        reference="mlvc_reference.style:style_layer_loss",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_four_d, N=(1, 3), C=(1, 5), H=(1, 4), W=(1, 4))),
            Check("edge shapes", "compare", examples=_style_edges),
            Check("no mutation", "mutation", examples=lambda: _style_edges()[1:3]),
        ),
    )
)

SHAPES = [(3,), (2, 3), (1, 2, 3, 3), (2, 3, 2, 4), (4, 1, 1, 2)]


def _content_edges() -> list[Case]:
    rng = np.random.default_rng(11)
    return [
        _pair_case(rng, (1,), label="a single value"),
        _pair_case(rng, (1, 1, 1, 1), label="one feature of one image"),
        _pair_case(rng, (2, 3, 4, 5), label="(N, C, H, W) = (2, 3, 4, 5)"),
        _pair_case(rng, (3, 2, 2), label="(C, H, W) without a batch axis"),
        _pair_case(rng, (2, 2, 3, 3), same=True, label="F == F_target: loss 0"),
    ]


register(
    TaskSpec(
        function="content_loss",
        reference="mlvc_reference.style:content_loss",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_pair_case, shape=SHAPES)),
            Check("edge shapes", "compare", examples=_content_edges),
            Check("no mutation", "mutation", examples=lambda: _content_edges()[2:4]),
        ),
    )
)
