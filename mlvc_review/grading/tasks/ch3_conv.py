"""Chapter 3 task specs: the convolution output-size formula and multi-channel conv2d.

`conv_output_size` must return an int and raise ValueError outside its domain;
conv2d is checked on small images (kernel = image, stride > 1, padding > 0,
non-square kernels, no bias) and, with a GPU, on large float32 inputs whose
values are dyadic so that float32/TF32 arithmetic is exact in any order
(measured on an H100: cuDNN's float32 conv2d equals the float64 reference
bit for bit with TF32 on and off).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import HEAVY_TIMEOUT, cases, dyadic, fixed, nonzero, normal


def _size_case(rng: np.random.Generator, I: int, K: int, P: int, S: int, D: int) -> Case:
    """A valid (I, K, P, S, D): I is raised until the dilated kernel fits the padded input."""
    # the dilated kernel spans D(K-1) + 1 <= I + 2P
    I = max(I, D * (K - 1) + 1 - 2 * P, 1)
    return Case((I, K, P, S, D), label=f"I={I}, K={K}, P={P}, S={S}, D={D}")


def _size_edges() -> list[Case]:
    return [
        Case((32, 3), label="defaults P=0, S=1, D=1"),
        Case((7, 3, 0, 1, 2), label="dilation D > 1"),
        Case((28, 5, 2, 1, 1), label="padding P > 0, 'same' size"),
        Case((10, 3, 0, 2, 1), label="stride does not divide I - K"),
        Case((12, 3, 1, 3, 2), label="P, S and D together"),
        Case((5, 5), label="kernel = input size"),
        Case((1, 1, 0, 4, 1), label="1x1 kernel on a 1-pixel input"),
        Case((224, 11, 2, 4, 1), label="AlexNet conv1"),
    ]


def _invalid() -> list[Case]:
    return [
        Case((0, 3), label="I = 0"),
        Case((8, 0), label="K = 0"),
        Case((8, 3, -1), label="P < 0"),
        Case((8, 3, 0, 0), label="S = 0"),
        Case((8, 3, 0, 1, 0), label="D = 0"),
        Case((3, 5), label="kernel larger than the input: result < 1"),
        Case((5, 3, 0, 1, 3), label="dilated kernel (extent 7) larger than the input"),
    ]


def _is_int(case: Case, got: Any) -> str | None:
    """A Python int or a NumPy integer (0-d) is an int; bool and float are not."""
    dtype = getattr(got, "dtype", None)
    if isinstance(got, bool) or (dtype is not None and dtype.kind == "b"):
        return f"returned a bool ({got!r}); a size is an int"
    if isinstance(got, int) or (dtype is not None and dtype.kind in "iu" and np.ndim(got) == 0):
        return None
    return f"returned {type(got).__name__} {got!r}; a size must be an int (use // for the floor)"


register(
    TaskSpec(
        function="conv_output_size",
        reference="mlvc_reference.convolution:conv_output_size",
        # the contract: integer results must have an integer type ("integer output" says so by name)
        integer_output=True,
        checks=(
            Check("values", "compare", strategy=lambda: cases(_size_case, I=(1, 64), K=(1, 7), P=(0, 3), S=(1, 4), D=(1, 3))),
            Check("edge shapes", "compare", examples=_size_edges),
            Check("integer output", "property", examples=_size_edges, prop=_is_int),
            Check("errors", "raises", examples=_invalid, raises=ValueError),
        ),
    )
)


def _conv_case(
    rng: np.random.Generator, N: int, C: int, H: int, W: int, F: int, KH: int, KW: int, S: int, P: int,
    bias: bool = True, label: str = "",
) -> Case:
    """x (N,C,H,W), w (F,C,KH,KW), b (F,) or None; the kernel is shrunk to fit the padded image."""
    KH, KW = min(KH, H + 2 * P), min(KW, W + 2 * P)
    x, w = normal(rng, N, C, H, W), normal(rng, F, C, KH, KW)
    b = nonzero(rng, F) if bias else None
    label = label or f"x {x.shape}, w {w.shape}, {'b' if bias else 'no b'}, stride={S}, padding={P}"
    return Case((x, w, b), {"stride": S, "padding": P}, label=label)


def _conv_edges() -> list[Case]:
    return fixed(
        _conv_case,
        dict(N=1, C=1, H=5, W=5, F=1, KH=3, KW=3, S=1, P=0, label="one channel, one filter"),
        dict(N=2, C=3, H=4, W=4, F=2, KH=4, KW=4, S=1, P=0, label="kernel = image size: 1x1 output"),
        dict(N=1, C=2, H=7, W=6, F=3, KH=3, KW=3, S=2, P=0, label="stride 2 (does not divide)"),
        dict(N=2, C=2, H=5, W=5, F=2, KH=3, KW=3, S=1, P=1, label="padding 1 ('same')"),
        dict(N=1, C=3, H=6, W=5, F=2, KH=3, KW=2, S=2, P=2, label="padding 2, stride 2, 3x2 kernel"),
        dict(N=3, C=2, H=4, W=6, F=4, KH=1, KW=1, S=1, P=0, label="1x1 kernel"),
        dict(N=2, C=2, H=5, W=4, F=2, KH=2, KW=3, S=1, P=0, bias=False, label="b = None"),
        dict(N=1, C=1, H=3, W=3, F=1, KH=3, KW=3, S=1, P=2, label="padding wider than the kernel reach"),
    )


def _large_conv() -> list[Case]:
    rng = np.random.default_rng(2024)
    x, w, b = dyadic(rng, 8, 32, 64, 64), dyadic(rng, 32, 32, 3, 3, step=0.0625, bound=1.0), dyadic(rng, 32)
    return [
        Case((x, w, b), {"stride": 1, "padding": 1}, label="N=8, C=32, 64x64, F=32, 3x3, padding 1 (float32)"),
        Case((x, w, b), {"stride": 2, "padding": 0}, label="N=8, C=32, 64x64, F=32, 3x3, stride 2 (float32)"),
    ]


register(
    TaskSpec(
        function="conv2d",
        reference="mlvc_reference.convolution:conv2d",
        checks=(
            Check(
                "values",
                "compare",
                strategy=lambda: cases(
                    _conv_case, N=(1, 2), C=(1, 3), H=(1, 7), W=(1, 7), F=(1, 3), KH=(1, 4), KW=(1, 4),
                    S=(1, 3), P=(0, 2), bias=[True, False],
                ),
            ),
            Check("edge shapes", "compare", examples=_conv_edges),
            Check("no mutation", "mutation", examples=lambda: _conv_edges()[3:5]),
            Check(
                "large float32 (GPU)", "compare", examples=_large_conv, heavy=True, dtype="float32", timeout=HEAVY_TIMEOUT,
                rtol=1e-3, atol=1e-4, max_examples=2,
            ),
        ),
    )
)


def _block_case(rng: np.random.Generator, N: int, C: int, F: int, H: int, W: int, label: str = "") -> Case:
    """x (N,C,H,W), w1 (F,C,3,3), b1 (F,), w2 (C,F,3,3), b2 (C,); weights scaled so activations stay O(1)."""
    x = normal(rng, N, C, H, W)
    w1, w2 = normal(rng, F, C, 3, 3, scale=(9 * C) ** -0.5), normal(rng, C, F, 3, 3, scale=(9 * F) ** -0.5)
    b1, b2 = normal(rng, F, scale=0.5), normal(rng, C, scale=0.5)
    return Case((x, w1, b1, w2, b2), label=label or f"x {x.shape}, {F} hidden channels")


def _block_edges() -> list[Case]:
    return fixed(
        _block_case,
        dict(N=1, C=1, F=1, H=1, W=1, label="1x1 image: only the kernels' centres see it"),
        dict(N=2, C=3, F=3, H=4, W=4, label="hidden channels = input channels"),
        dict(N=1, C=2, F=4, H=5, W=3, label="more hidden channels, non-square image"),
        dict(N=3, C=3, F=1, H=2, W=6, label="one hidden channel (bottleneck)"),
        dict(N=1, C=2, F=2, H=6, W=6, label="batch of one, 6x6"),
    )


register(
    TaskSpec(
        function="residual_block",
        reference="mlvc_reference.residual:residual_block",
        framework="torch",
        checks=(
            Check("values", "compare", mode="torch",
                  strategy=lambda: cases(_block_case, N=(1, 2), C=(1, 3), F=(1, 3), H=(1, 6), W=(1, 6))),
            Check("edge shapes", "compare", examples=_block_edges, mode="torch"),
            # d<g, y>/d(x, w1, b1, w2, b2) against autograd of the reference: "differentiable in all five"
            Check("gradients", "gradient", examples=_block_edges, mode="torch", rtol=1e-6, atol=1e-8),
            Check("no mutation", "mutation", examples=lambda: _block_edges()[1:3], mode="torch"),
        ),
    )
)
