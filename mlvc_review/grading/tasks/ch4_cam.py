"""Chapter 4 task specs: CAM, Grad-CAM and the guided-backpropagation ReLU rule (NumPy).

CAM weights have both signs, so a ReLU or a normalisation shows; Grad-CAM
activations are non-negative (they come after a ReLU) and gradients of both
signs, with a case where every pooled weight is negative (the map is all zero);
guided ReLU inputs contain exact zeros in x and in dout, where `>` and `>=` part.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal


def _cam_case(rng: np.random.Generator, K: int, H: int, W: int, classes: int, cls: int = -1, label: str = "") -> Case:
    """(features (K, H, W) >= 0, fc_weight (classes, K), cls); cls -1 draws one."""
    f = np.maximum(normal(rng, K, H, W), 0.0) + np.round(rng.uniform(0, 0.5, (K, 1, 1)), 3)
    w = normal(rng, classes, K)
    cls = int(rng.integers(classes)) if cls < 0 else cls
    return Case((f, w, cls), label=label or f"features {f.shape}, {classes} classes, cls {cls}")


def _cam_edges() -> list[Case]:
    return fixed(
        _cam_case,
        dict(K=3, H=4, W=4, classes=2, cls=1, label="3 maps, class 1"),
        dict(K=1, H=3, W=5, classes=3, cls=0, label="one feature map"),
        dict(K=4, H=1, W=1, classes=2, cls=0, label="1x1 maps"),
        dict(K=2, H=5, W=3, classes=1, cls=0, label="a single class"),
        dict(K=5, H=6, W=6, classes=4, cls=3, label="last class, 5 maps"),
    )


register(
    TaskSpec(
        function="class_activation_map",
        reference="mlvc_reference.interpretability:class_activation_map",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_cam_case, K=(1, 5), H=(1, 6), W=(1, 6), classes=(1, 4))),
            Check("edge shapes", "compare", examples=_cam_edges),
            Check("no mutation", "mutation", examples=lambda: _cam_edges()[:2]),
        ),
    )
)


def _grad_cam_case(rng: np.random.Generator, K: int, H: int, W: int, sign: int = 0, label: str = "") -> Case:
    """(activations (K, H, W) >= 0, gradients (K, H, W)); sign -1 makes every pooled weight negative."""
    A = np.maximum(normal(rng, K, H, W), 0.0)
    G = normal(rng, K, H, W) + np.round(rng.normal(0, 0.5, (K, 1, 1)), 3)
    if sign < 0:
        G = -np.abs(G)
    return Case((A, G), label=label or f"activations {A.shape}")


def _grad_cam_edges() -> list[Case]:
    return fixed(
        _grad_cam_case,
        dict(K=3, H=4, W=4, label="3 channels, 4x4"),
        dict(K=1, H=3, W=5, label="one channel, non-square"),
        dict(K=4, H=1, W=1, label="1x1 maps"),
        dict(K=2, H=5, W=5, sign=-1, label="every pooled weight negative: the map is zero"),
        dict(K=6, H=6, W=3, label="6 channels, 6x3"),
    )


register(
    TaskSpec(
        function="grad_cam",
        reference="mlvc_reference.interpretability:grad_cam",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_grad_cam_case, K=(1, 6), H=(1, 6), W=(1, 6))),
            Check("edge shapes", "compare", examples=_grad_cam_edges),
            Check("no mutation", "mutation", examples=lambda: _grad_cam_edges()[:2]),
        ),
    )
)


def _with_zeros(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """N(0, 1) entries rounded, about a quarter of them exactly 0."""
    v = normal(rng, *shape)
    return np.where(rng.random(shape) < 0.25, 0.0, v)


def _guided_case(rng: np.random.Generator, shape: tuple[int, ...], label: str = "") -> Case:
    return Case((_with_zeros(rng, shape), _with_zeros(rng, shape)), label=label or f"x, dout {shape}")


def _guided_edges() -> list[Case]:
    return [
        Case((np.array([0.0, 0.0, 1.5, -1.0, 2.0]), np.array([1.0, -1.0, 2.0, 3.0, -0.5])),
             label="x = 0 with dout > 0: the gradient is 0 there"),
        *fixed(
            _guided_case,
            dict(shape=(1,), label="a single entry"),
            dict(shape=(4, 3), label="(n, d)"),
            dict(shape=(2, 3, 4, 4), label="(N, C, H, W) feature maps"),
            dict(shape=(6, 1), label="a column"),
        ),
    ]


register(
    TaskSpec(
        function="guided_relu_backward",
        reference="mlvc_reference.interpretability:guided_relu_backward",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_guided_case, shape=[(5,), (3, 4), (2, 2, 3), (1, 2, 3, 3), (6, 1)])),
            Check("edge shapes", "compare", examples=_guided_edges),
            Check("no mutation", "mutation", examples=lambda: _guided_edges()[2:4]),
        ),
    )
)
