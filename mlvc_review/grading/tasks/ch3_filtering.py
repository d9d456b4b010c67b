"""Chapter 3 task specs: the Gaussian kernel, 2-D filtering with numpy.pad's border modes, Sobel.

Kernels are random (asymmetric), so a flipped kernel shows; every border mode is
drawn, including images smaller than the kernel (numpy.pad then reflects more
than once); kernels are often non-square (kh != kw); cases without the `border`
argument check that its default is "reflect". Sigmas are drawn away from 1, where
a sigma-for-variance slip would be invisible.
"""

from __future__ import annotations

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal, uniform

BORDERS = ["constant", "edge", "reflect", "symmetric", None]  # None: the argument is omitted


def _kernel_case(rng: np.random.Generator, half: int, sigma: float | None = None, label: str = "") -> Case:
    size = 2 * half + 1
    sigma = float(uniform(rng, 0.3, 3.0)) if sigma is None else sigma
    return Case((size, sigma), label=label or f"size={size}, sigma={sigma}")


def _kernel_edges() -> list[Case]:
    return [
        Case((1, 1.0), label="size 1: the single weight is 1"),
        Case((3, 0.5), label="3x3, sigma 0.5"),
        Case((5, 1.0), label="5x5, sigma 1 (the pyramids' kernel)"),
        Case((7, 2.5), label="7x7, sigma 2.5"),
        Case((5, 10.0), label="sigma much larger than the kernel: nearly a box"),
        Case((9, 0.25), label="sigma much smaller than a pixel: nearly a delta"),
    ]


register(
    TaskSpec(
        function="gaussian_kernel",
        reference="mlvc_reference.filtering:gaussian_kernel",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_kernel_case, half=(0, 4))),
            Check("edge shapes", "compare", examples=_kernel_edges),
        ),
    )
)


def _filter_case(rng: np.random.Generator, H: int, W: int, a: int, b: int, border: str | None, label: str = "") -> Case:
    """img (H, W), kernel (2a+1, 2b+1) with random weights; border None: the argument is omitted."""
    img, kernel = normal(rng, H, W), normal(rng, 2 * a + 1, 2 * b + 1)
    args = (img, kernel) if border is None else (img, kernel, border)
    return Case(args, label=label or f"img {img.shape}, kernel {kernel.shape}, border={border or 'default'}")


def _filter_edges() -> list[Case]:
    return fixed(
        _filter_case,
        dict(H=5, W=6, a=1, b=1, border=None, label="3x3 kernel, default border ('reflect')"),
        dict(H=4, W=5, a=1, b=1, border="constant", label="3x3, zero border"),
        dict(H=6, W=4, a=2, b=0, border="edge", label="5x1 kernel (kh != kw), edge border"),
        dict(H=3, W=7, a=0, b=2, border="symmetric", label="1x5 kernel, symmetric border"),
        dict(H=2, W=2, a=2, b=2, border="reflect", label="image smaller than the kernel, reflect"),
        dict(H=2, W=3, a=2, b=1, border="symmetric", label="image smaller than the kernel, symmetric"),
        dict(H=1, W=1, a=1, b=1, border="reflect", label="1x1 image"),
        dict(H=4, W=3, a=0, b=0, border="constant", label="1x1 kernel: a scaled copy"),
    )


register(
    TaskSpec(
        function="filter2d",
        reference="mlvc_reference.filtering:filter2d",
        checks=(
            Check("values", "compare", strategy=lambda: cases(
                _filter_case, H=(1, 8), W=(1, 8), a=(0, 2), b=(0, 2), border=BORDERS)),
            Check("edge shapes", "compare", examples=_filter_edges),
            Check("no mutation", "mutation", examples=lambda: _filter_edges()[1:4]),
        ),
    )
)


def _sobel_case(rng: np.random.Generator, H: int, W: int, label: str = "") -> Case:
    return Case((normal(rng, H, W),), label=label or f"img {H}x{W}")


def _sobel_edges() -> list[Case]:
    ramp = np.tile(np.arange(6.0), (4, 1)) + np.arange(4.0)[:, None] * 0.5  # brighter to the right and down
    return [
        Case((ramp,), label="a ramp: brighter to the right (+x) and, less, downwards (+y)"),
        *fixed(
            _sobel_case,
            dict(H=1, W=1, label="1x1 image"),
            dict(H=1, W=6, label="a single row"),
            dict(H=5, W=1, label="a single column"),
            dict(H=2, W=2, label="2x2: every pixel is on the border"),
            dict(H=5, W=7, label="5x7"),
        ),
    ]


register(
    TaskSpec(
        function="sobel",
        reference="mlvc_reference.filtering:sobel",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_sobel_case, H=(1, 8), W=(1, 8))),
            Check("edge shapes", "compare", examples=_sobel_edges),
            Check("no mutation", "mutation", examples=lambda: _sobel_edges()[:2]),
        ),
    )
)
