"""Chapter 5 task specs: PSNR, global and windowed SSIM (LPIPS: ch5_lpips.py).

Images are uniform in [0, R] with R drawn from {1, 2, 255} (a range other than 1
is where R vs R² and unscaled SSIM constants show), and the second image is a
noisy, rescaled or independent version of the first. `ssim` images are at least
11 x 11 (one Gaussian window). PSNR's "inf when equal" is a property check:
the values checks' references are finite.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal, uniform

RANGES = [1.0, 2.0, 255.0]
PAIRS = ["noisy", "scaled", "independent"]


def _pair(rng: np.random.Generator, shape: tuple[int, ...], R: float, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """x uniform in [0, R]; y = x + noise, a contrast/brightness change of x, or independent (clipped to [0, R])."""
    x = uniform(rng, 0.0, R, *shape)
    if kind == "noisy":
        y = x + normal(rng, *shape, scale=0.1 * R)
    elif kind == "scaled":
        y = 0.7 * x + 0.2 * R
    else:
        y = uniform(rng, 0.0, R, *shape)
    y = np.clip(np.round(y, 3), 0.0, R)
    if np.array_equal(x, y):  # rounding or clipping gave y == x (e.g. one pixel at 0): keep MSE > 0
        y.flat[0] = R - x.flat[0] if x.flat[0] != R / 2 else 0.0
    return x, y


def _quality_case(rng: np.random.Generator, shape: tuple[int, ...], R: float, kind: str, pass_R: str = "positional",
                  label: str = "") -> Case:
    x, y = _pair(rng, shape, R, kind)
    if pass_R == "default" and R == 1.0:
        args, kwargs = (x, y), {}
    elif pass_R == "keyword":
        args, kwargs = (x, y), {"data_range": R}
    else:
        args, kwargs = (x, y, R), {}
    return Case(args, kwargs, label=label or f"x {x.shape}, {kind} y, R={R:g}")


def _edges(shapes: list[tuple[int, ...]]) -> list[Case]:
    a, b, c, d = shapes
    return fixed(
        _quality_case,
        dict(shape=a, R=1.0, kind="noisy", pass_R="default", label=f"{a} image, R = 1 by default"),
        dict(shape=b, R=255.0, kind="noisy", label=f"{b} image, R = 255"),
        dict(shape=c, R=2.0, kind="scaled", pass_R="keyword", label=f"{c}, contrast change, data_range=2 as a keyword"),
        dict(shape=d, R=1.0, kind="independent", label=f"{d}, independent images"),
    )


def _is_inf(case: Case, got: Any) -> str | None:
    try:
        value = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return "returned something that is not a number"
    if value.shape == () and np.isposinf(value):
        return None
    shown = f"{float(value)!r}" if value.shape == () else f"an array of shape {value.shape}"
    return f"returned {shown} for identical images; PSNR is +inf when MSE = 0"


def _identical() -> list[Case]:
    rng = np.random.default_rng(5)
    x, x3 = uniform(rng, 0.0, 1.0, 4, 4), uniform(rng, 0.0, 255.0, 3, 5, 3)
    return [Case((x, x.copy()), label="x == y"), Case((x3, x3.copy(), 255.0), label="x == y, R = 255")]


PSNR_SHAPES = [(1, 1), (4, 4), (5, 3), (3, 4, 3), (8, 8)]

register(
    TaskSpec(
        function="psnr",
        reference="mlvc_reference.image_quality:psnr",
        checks=(
            Check("values", "compare", strategy=lambda: cases(
                _quality_case, shape=PSNR_SHAPES, R=RANGES, kind=PAIRS, pass_R=["positional", "keyword", "default"])),
            Check("edge shapes", "compare", examples=lambda: _edges([(1, 1), (6, 5), (3, 4, 3), (2, 2)])),
            Check("identical images give inf", "property", examples=_identical, prop=_is_inf),
            Check("no mutation", "mutation", examples=lambda: _edges([(1, 1), (6, 5), (3, 4, 3), (2, 2)])[1:3]),
        ),
    )
)


def _constant() -> Case:
    return Case((np.full((4, 5), 0.3), np.full((4, 5), 0.6)), label="two constant images (no variance)")


def _global_edges() -> list[Case]:
    rng = np.random.default_rng(9)
    x = uniform(rng, 0.0, 1.0, 5, 5)
    return [*_edges([(2, 2), (6, 4), (5, 5, 3), (8, 8)]), _constant(), Case((x, x.copy()), label="x == y: SSIM 1")]


register(
    TaskSpec(
        function="ssim_global",
        reference="mlvc_reference.image_quality:ssim_global",
        checks=(
            Check("values", "compare", strategy=lambda: cases(
                _quality_case, shape=[(2, 3), (4, 4), (6, 5), (3, 3, 3), (8, 8)], R=RANGES, kind=PAIRS,
                pass_R=["positional", "keyword", "default"])),
            Check("edge shapes", "compare", examples=_global_edges),
            Check("no mutation", "mutation", examples=lambda: _global_edges()[1:3]),
        ),
    )
)


def _ssim_case(rng: np.random.Generator, H: int, W: int, R: float, kind: str, pass_R: str = "positional",
               label: str = "") -> Case:
    return _quality_case(rng, (H, W), R, kind, pass_R, label)


def _ssim_edges() -> list[Case]:
    rng = np.random.default_rng(13)
    x = uniform(rng, 0.0, 1.0, 12, 12)
    constant = Case((np.full((11, 12), 0.25), np.full((11, 12), 0.75)), label="two constant 11 x 12 images")
    # 11 x 11 (a single window, where a box window equals the global SSIM) not first, so a first
    # failure can tell "uniform window" from "one global window"
    return [*_edges([(16, 13), (11, 20), (14, 14), (11, 11)]), constant, Case((x, x.copy()), label="x == y: SSIM 1")]


register(
    TaskSpec(
        function="ssim",
        reference="mlvc_reference.image_quality:ssim",
        checks=(
            Check("values", "compare", strategy=lambda: cases(
                _ssim_case, H=(11, 18), W=(11, 18), R=RANGES, kind=PAIRS, pass_R=["positional", "keyword", "default"])),
            Check("edge shapes", "compare", examples=_ssim_edges),
            Check("no mutation", "mutation", examples=lambda: _ssim_edges()[1:3]),
        ),
    )
)
