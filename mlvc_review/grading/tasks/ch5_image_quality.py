"""Chapter 5 task specs: PSNR, global and windowed SSIM, LPIPS on given features.

Images are uniform in [0, R] with R drawn from {1, 2, 255} (a range other than 1
is where R vs R² and unscaled SSIM constants show), and the second image is a
noisy, rescaled or independent version of the first. `ssim` images are at least
11 x 11 (one Gaussian window). PSNR's "inf when equal" is a property check:
the values checks' references are finite. LPIPS features are Gaussian or
rectified (ReLU-like, non-negative); "zero feature vectors" puts all-zero
channel vectors at some positions, where a / ‖a‖ without the 1e-10 is 0/0.
LPIPS takes lists of arrays, which the mutation check does not look into, so
it has none.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import FINITE, cases, fixed, normal, uniform

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


def _features(rng: np.random.Generator, C: int, H: int, W: int, relu: bool, zeros: bool) -> tuple[np.ndarray, np.ndarray]:
    a, b = normal(rng, C, H, W), normal(rng, C, H, W)
    if relu:
        a, b = np.maximum(a, 0.0), np.maximum(b, 0.0)
    if zeros:  # all-zero channel vectors at a few positions, in both maps
        dead = rng.random((H, W)) < 0.4
        dead.flat[0] = True
        a[:, dead], b[:, dead[::-1, ::-1]] = 0.0, 0.0
    elif relu:  # keep every channel vector non-zero, so only the zeros check meets 0/0
        a[0] = np.maximum(a[0], 0.1)
        b[0] = np.maximum(b[0], 0.1)
    return a, b


def _lpips_case(rng: np.random.Generator, layers: list[tuple[int, int, int]], relu: bool = False, zeros: bool = False,
                label: str = "") -> Case:
    pairs = [_features(rng, C, H, W, relu, zeros) for C, H, W in layers]
    weights = [uniform(rng, 0.0, 1.0, C) for C, _, _ in layers]
    shapes = ", ".join(f"({C},{H},{W})" for C, H, W in layers)
    return Case(([a for a, _ in pairs], [b for _, b in pairs], weights), label=label or f"layers {shapes}")


def _layer_lists(rng: np.random.Generator, n_layers: int, C: tuple[int, int], side: tuple[int, int]) -> list[tuple[int, int, int]]:
    return [(int(rng.integers(C[0], C[1] + 1)), int(rng.integers(side[0], side[1] + 1)),
             int(rng.integers(side[0], side[1] + 1))) for _ in range(n_layers)]


def _lpips_drawn(rng: np.random.Generator, n_layers: int, relu: bool) -> Case:
    return _lpips_case(rng, _layer_lists(rng, n_layers, (1, 5), (1, 4)), relu=relu)


def _lpips_edges() -> list[Case]:
    return fixed(
        _lpips_case,
        dict(layers=[(1, 1, 1)], label="one layer, one channel, one position"),
        dict(layers=[(3, 2, 2), (5, 1, 1)], label="two layers of different sizes"),
        dict(layers=[(4, 3, 2), (2, 2, 3), (6, 1, 2)], relu=True, label="three rectified layers"),
        dict(layers=[(2, 4, 4)], relu=True, label="a single 4 x 4 layer"),
    )


def _zero_vectors() -> list[Case]:
    return fixed(
        _lpips_case,
        dict(layers=[(3, 3, 3)], relu=True, zeros=True, label="zero channel vectors at some positions"),
        dict(layers=[(2, 2, 2), (4, 3, 1)], zeros=True, label="two layers with zero channel vectors"),
    )


register(
    TaskSpec(
        function="lpips_from_features",
        reference="mlvc_reference.image_quality:lpips_from_features",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_lpips_drawn, n_layers=(1, 3), relu=[False, True])),
            Check("edge shapes", "compare", examples=_lpips_edges),
            Check("zero feature vectors", "compare", examples=_zero_vectors, nan_policy=FINITE),
        ),
    )
)
