"""Chapter 4 task spec: the vanilla gradient saliency map of a fixed small CNN (torch).

The model is a grader callable (`small_cnn` in sandbox/callables.py): a 3x3
convolution, ReLU, global average pooling and a linear layer, rebuilt inside the
sandbox from seeded weights sent as plain data, so the student's function gets a
real `torch.nn.Module` and the reference gets the very same one. Weights are
scaled so logits are O(1) and every class's gradient differs, the input has
several channels with gradients of both signs, so a missing |.|, a sum over
channels or a softmax in place of the logit all show.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.sandbox.protocol import CallableSpec
from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal


def _model(rng: np.random.Generator, C: int, K: int, classes: int) -> CallableSpec:
    """small_cnn weights: w1 (K, C, 3, 3), b1 (K,), W2 (classes, K), b2 (classes,)."""
    return CallableSpec("small_cnn", {
        "w1": normal(rng, K, C, 3, 3, scale=(9 * C) ** -0.5), "b1": normal(rng, K, scale=0.3),
        "W2": normal(rng, classes, K, scale=K ** -0.5 * 2), "b2": normal(rng, classes, scale=0.3),
    })


def _saliency_case(rng: np.random.Generator, C: int, H: int, W: int, K: int, classes: int, target: int = -1,
                   label: str = "") -> Case:
    """(model, x (1, C, H, W), target); target -1 draws one."""
    model, x = _model(rng, C, K, classes), normal(rng, 1, C, H, W)
    target = int(rng.integers(classes)) if target < 0 else target
    return Case((model, x, target), label=label or f"x {x.shape}, {K} filters, {classes} classes, target {target}")


def _saliency_edges() -> list[Case]:
    return fixed(
        _saliency_case,
        dict(C=3, H=5, W=5, K=4, classes=3, target=0, label="RGB 5x5 image, target 0"),
        dict(C=1, H=4, W=6, K=2, classes=2, target=1, label="one channel, non-square"),
        dict(C=2, H=1, W=1, K=3, classes=4, target=3, label="1x1 image: only the kernels' centres see it"),
        dict(C=3, H=6, W=3, K=1, classes=5, target=4, label="one filter, last class"),
        dict(C=2, H=7, W=7, K=4, classes=3, target=2, label="7x7, two channels"),
    )


register(
    TaskSpec(
        function="saliency_map",
        reference="mlvc_reference.interpretability:saliency_map",
        framework="torch",
        checks=(
            Check("values", "compare", mode="torch", strategy=lambda: cases(
                _saliency_case, C=(1, 3), H=(1, 6), W=(1, 6), K=(1, 4), classes=(2, 4))),
            Check("edge shapes", "compare", mode="torch", examples=_saliency_edges),
            Check("no mutation", "mutation", mode="torch", examples=lambda: _saliency_edges()[:2]),
        ),
    )
)
