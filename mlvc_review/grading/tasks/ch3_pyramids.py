"""Chapter 3 task specs: the Gaussian pyramid, the Laplacian pyramid and its reconstruction.

`gaussian_pyramid` has one answer and is compared with the reference.

`laplacian_pyramid` may use any linear expand that keeps the mean within 10%, so
an answer other than the reference's (classic Gaussian expand) is judged by the
contract, level by level, against the reference's Gaussian pyramid G: the same
number of levels and shapes; `L_last = G_last`; `E_i = G_i - L_i` (the expand of
G_{i+1} the submission used) has the mean of G_{i+1} within 10%; and where G_{i+1}
vanishes, E_i vanishes (a linear map sends 0 to 0). The last test needs images
whose detail disappears under blur-and-subsample: images in the null space of
that linear map, built per size from its 1-D factors. Other images are
intensities in [0.5, 1.5], so a 10% band around their mean is meaningful.

`reconstruct_laplacian` is judged together with the same file's
`laplacian_pyramid` ("roundtrip", checks/roundtrip.py): it must give the image
back within 1e-10 from the pyramid that file's own function builds, or from the
reference's pyramid when the file has none.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.checks.compare import compare
from mlvc_review.grading.checks.roundtrip import pair
from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, normal, uniform


def _intensity(rng: np.random.Generator, H: int, W: int) -> np.ndarray:
    return uniform(rng, 0.5, 1.5, H, W)


def _reduce_1d(n: int) -> np.ndarray:
    """The 1-D factor of blur-then-subsample on n samples: (ceil(n/2), n), "reflect" border."""
    from mlvc_reference.filtering import filter2d, gaussian_kernel

    g = gaussian_kernel(5, 1.0).sum(axis=1, keepdims=True)  # the separable 1-D factor, (5, 1)
    cols = [filter2d(e[:, None], g, "reflect")[::2, 0] for e in np.eye(n)]
    return np.stack(cols, axis=1)


def _null_image(rng: np.random.Generator, H: int, W: int) -> np.ndarray:
    """An (H, W) image whose Gaussian level 1 is zero: every column (or row) in the 1-D reduce's null space."""
    img = np.zeros((H, W))
    for n, transpose in ((H, False), (W, True)):
        if n < 2:
            continue
        _, _, Vt = np.linalg.svd(_reduce_1d(n))
        N = Vt[-(n - (n + 1) // 2):].T  # null-space basis, (n, n - ceil(n/2))
        part = N @ rng.standard_normal((N.shape[1], W if not transpose else H))
        img += part.T if transpose else part
    return 2.0 * img / max(np.abs(img).max(), 1e-12)


def _image_case(rng: np.random.Generator, H: int, W: int, levels: int, null: bool = False, label: str = "") -> Case:
    """(img, levels); `null` images (needs H or W >= 2) vanish at Gaussian level 1."""
    null = null and max(H, W) >= 2
    img = _null_image(rng, H, W) if null else _intensity(rng, H, W)
    what = "detail-only image (G_1 = 0)" if null else "image"
    return Case((img, levels), label=label or f"{what} {H}x{W}, {levels} levels")


def _gaussian_edges() -> list[Case]:
    return fixed(
        _image_case,
        dict(H=5, W=6, levels=1, label="levels = 1: just the image"),
        dict(H=7, W=5, levels=3, label="odd sizes: ceil(H/2) rows per level"),
        dict(H=8, W=8, levels=4, label="8x8, 4 levels"),
        dict(H=1, W=6, levels=3, label="a single row"),
        dict(H=3, W=3, levels=4, label="3x3 down to 1x1 and beyond"),
        dict(H=4, W=9, levels=2, label="non-square, 2 levels"),
    )


def _laplacian_edges() -> list[Case]:
    return [
        *_gaussian_edges(),
        *fixed(
            _image_case,
            dict(H=6, W=6, levels=2, null=True, label="detail-only 6x6 image (G_1 = 0): L_0 must be the image"),
            dict(H=5, W=7, levels=3, null=True, label="detail-only 5x7 image (G_1 = 0), 3 levels"),
            seed=40,
        ),
    ]


def _gaussian_levels(case: Case) -> list[np.ndarray]:
    from mlvc_reference.pyramids import gaussian_pyramid

    img, levels = case.args
    return gaussian_pyramid(img, levels)


def _contract_problem(got: Any, case: Case) -> str | None:
    """Why `got` is not a Laplacian pyramid of the case's image for any valid expand (None: it is one)."""
    G = _gaussian_levels(case)
    if not isinstance(got, (tuple, list)) or len(got) != len(G):
        return f"expected a list of {len(G)} arrays (one per level), got {_what(got)}"
    L = []
    for i, (g, level) in enumerate(zip(G, got)):
        a = level if isinstance(level, np.ndarray) else np.asarray(level) if isinstance(level, (int, float, list)) else None
        if a is None or a.dtype.kind not in "biuf" or a.shape != g.shape:
            shown = f"shape {a.shape}" if a is not None and a.dtype.kind in "biuf" else _what(level)
            return f"level {i}: {shown}, expected {g.shape} (level {i} has the shape of the Gaussian level G_{i})"
        L.append(a.astype(np.float64))
    found = compare(G[-1], L[-1], where=f"level {len(G) - 1}")
    if found is not None:
        return f"the last level must be the coarsest Gaussian level G_last itself; {found.message}"
    for i in range(len(G) - 1):
        E = G[i] - L[i]  # the submission's expand(G_{i+1})
        scale = 1.0 + np.abs(G[i]).max()
        if np.abs(G[i + 1]).max() <= 1e-9 * scale:
            if np.abs(E).max() > 1e-8 * scale:
                return (f"level {i}: G_{i + 1} is zero for this image, so L_{i} must equal G_{i} (a linear expand of "
                        f"zero is zero); G_{i} - L_{i} reaches {np.abs(E).max():.3g}")
            continue
        m_E, m_G = E.mean(), G[i + 1].mean()
        if abs(m_E - m_G) > 0.1 * abs(m_G):
            return (f"level {i}: G_{i} - L_{i} (your expand of G_{i + 1}) has mean {m_E:.4g} but G_{i + 1} has mean "
                    f"{m_G:.4g}; L_i = G_i - expand(G_i+1) with an expand that keeps the mean within 10%")
    return None


def _what(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)}"
    return f"an array of shape {value.shape}" if isinstance(value, np.ndarray) else type(value).__name__


def _laplacian_ok(expected: Any, got: Any, case: Case) -> str | None:
    """None when got equals expected (the reference's, or in the diagnosis a known mistake's) or is
    another valid Laplacian pyramid of the case's image."""
    if compare(expected, got) is None:
        return None
    return _contract_problem(got, case)


register(
    TaskSpec(
        function="gaussian_pyramid",
        reference="mlvc_reference.pyramids:gaussian_pyramid",
        checks=(
            Check("values", "compare", strategy=lambda: cases(_image_case, H=(1, 12), W=(1, 12), levels=(1, 4))),
            Check("edge shapes", "compare", examples=_gaussian_edges),
            Check("no mutation", "mutation", examples=lambda: _gaussian_edges()[1:3]),
        ),
    )
)

register(
    TaskSpec(
        function="laplacian_pyramid",
        reference="mlvc_reference.pyramids:laplacian_pyramid",
        checks=(
            Check("values", "compare", compare=_laplacian_ok, strategy=lambda: cases(
                _image_case, H=(2, 12), W=(2, 12), levels=(2, 4), null=[False, True])),
            Check("edge shapes", "compare", examples=_laplacian_edges, compare=_laplacian_ok),
            Check("no mutation", "mutation", examples=lambda: _gaussian_edges()[1:3]),
        ),
    )
)


def _pyramid_case(rng: np.random.Generator, H: int, W: int, levels: int, gaussian_noise: bool = False,
                  label: str = "") -> Case:
    """(pyr,): the reference's Laplacian pyramid of an image (intensities, or N(0, 1) noise)."""
    from mlvc_reference.pyramids import laplacian_pyramid

    img = normal(rng, H, W) if gaussian_noise else _intensity(rng, H, W)
    return Case((laplacian_pyramid(img, levels),), label=label or f"pyramid of a {H}x{W} image, {levels} levels")


def _pyramid_edges() -> list[Case]:
    return fixed(
        _pyramid_case,
        dict(H=5, W=6, levels=1, label="one level: the pyramid is [img]"),
        dict(H=7, W=5, levels=3, label="odd sizes, 3 levels"),
        dict(H=8, W=8, levels=4, gaussian_noise=True, label="8x8 noise, 4 levels"),
        dict(H=1, W=6, levels=3, label="a single row"),
        dict(H=3, W=3, levels=4, label="3x3 down to 1x1 and beyond"),
        dict(H=4, W=9, levels=2, gaussian_noise=True, label="non-square noise, 2 levels"),
    )


# the inverse is fed what the same file's laplacian_pyramid makes of the image, with as many levels
pair("reconstruct_laplacian", "laplacian_pyramid", lambda img, case: (img, len(case.args[0])))

register(
    TaskSpec(
        function="reconstruct_laplacian",
        reference="mlvc_reference.pyramids:reconstruct_laplacian",
        checks=(
            Check("values", "roundtrip", rtol=0.0, atol=1e-10, strategy=lambda: cases(
                _pyramid_case, H=(1, 12), W=(1, 12), levels=(1, 4), gaussian_noise=[False, True])),
            Check("edge shapes", "roundtrip", examples=_pyramid_edges, rtol=0.0, atol=1e-10),
            Check("no mutation", "mutation", examples=lambda: _pyramid_edges()[1:3]),  # the arrays inside the list
        ),
    )
)
