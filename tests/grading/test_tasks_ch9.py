"""Chapter 9 task specs (volume rendering, the retrieval coursework, the surface fit) through the
real grader and sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np


sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, drawn, grade_source  # noqa: E402

CHAPTER = 9
FUNCTIONS = HEADLINE[CHAPTER]


def _all_cases(function: str, n: int = 40) -> list:
    return check_named(function, "edge shapes").examples() + drawn(check_named(function, "values").strategy(), n=n)


def test_volume_render_edges_hold_one_sample_rays_empty_space_and_spacings_other_than_1():
    cases = _all_cases("volume_render")
    assert any(c.args[0].shape[1] == 1 for c in cases)
    assert any(not c.args[0].any() for c in cases)
    for case in cases:
        sigma, rgb, deltas = case.args
        assert sigma.min() >= 0 and rgb.shape == (*sigma.shape, 3) and 0 < deltas.min() and deltas.max() <= 0.5, case.label


def test_histogram_images_stay_off_the_inner_bin_edges_and_plant_exact_0s_and_1s():
    cases = _all_cases("color_histogram", n=60)
    assert any((c.args[0] == 1.0).any() for c in cases) and any((c.args[0] == 0.0).any() for c in cases)
    for case in cases:
        img, bins = case.args
        scaled = img * bins
        inner = (img > 0) & (img < 1)
        # at least 0.04 of a bin away from every inner edge, so floor(v · bins) and numpy.histogram agree
        assert np.all(np.abs(scaled[inner] - np.round(scaled[inner])) > 0.04), case.label
        by_floor = np.concatenate([
            np.bincount(np.minimum(np.floor(img[..., c].ravel() * bins).astype(int), bins - 1), minlength=bins)
            for c in range(3)
        ])
        by_numpy = np.concatenate([np.histogram(img[..., c], bins=bins, range=(0, 1))[0] for c in range(3)])
        np.testing.assert_array_equal(by_floor, by_numpy)


def test_retrieval_cases_hold_exact_ties_inside_the_returned_ranking():
    tied = 0
    for case in _all_cases("retrieve", n=60):
        query, database, k = case.args
        assert isinstance(k, int) and 1 <= k <= len(database)
        d2 = np.sum((database - query) ** 2, axis=1)
        kth = np.sort(d2)[k - 1]
        tied += int(np.sum(d2 == kth) > 1 or len(np.unique(d2[d2 <= kth])) < int(np.sum(d2 <= kth)))
    assert tied >= 20


def test_surface_fits_are_well_conditioned_in_both_boxes():
    from mlvc_reference.linear_models import polynomial_features

    cases = _all_cases("fit_quadratic_surface")
    boxes = set()
    for case in cases:
        P, z = case.args
        assert P.shape[0] >= 6 and z.shape == (P.shape[0],)
        assert np.linalg.cond(polynomial_features(P)) < 1e4, case.label
        boxes.add("iris" if P.min() >= 1 else "unit")
    assert boxes == {"iris", "unit"}


def test_the_inclusive_transmittance_of_a_cumprod_is_caught_and_named(tmp_path):
    task = grade_source(
        tmp_path,
        "import torch\n"
        "def volume_render(sigma, rgb, deltas):\n"
        "    sigma, rgb, deltas = (torch.as_tensor(a) for a in (sigma, rgb, deltas))\n"
        "    alpha = 1 - torch.exp(-sigma * deltas)\n"
        "    T = torch.cumprod(1 - alpha, dim=1)\n"
        "    w = T * alpha\n"
        "    return (w[..., None] * rgb).sum(1), w\n",
        "volume_render",
    )
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "transmittance includes the current sample"


def test_a_ranking_of_floats_fails_on_its_type_and_names_no_mistake(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def retrieve(query, database, k):\n"
        "    d = np.sum((database - query) ** 2, axis=1)\n"
        "    order = sorted(range(len(d)), key=lambda i: (d[i], i))\n"
        "    return np.array(order[:k], dtype=float)\n",
        "retrieve",
    )
    assert task["status"] == "failed" and task["diagnosis"] is None
    assert all("integer type" in c["message"] for c in task["checks"] if c["status"] == "failed")


def test_ties_reversed_by_a_reversed_descending_sort_are_caught_and_named(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def retrieve(query, database, k):\n"
        "    d = np.linalg.norm(database - query, axis=1)\n"
        "    return np.argsort(-d, kind='stable')[::-1][:k]\n",
        "retrieve",
    )
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "ties by the larger index"


def test_a_density_histogram_is_caught_and_named(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def color_histogram(img, bins):\n"
        "    return np.concatenate([np.histogram(img[..., c], bins, (0, 1), density=True)[0] for c in range(3)])\n",
        "color_histogram",
    )
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "density=True"


def test_a_ranking_wrong_only_among_equal_distances_is_told_to_sort_stably(tmp_path):
    """An unstable sort (here a deterministic stand-in: ties by (5 i) mod 7, not by index) is told
    what it got wrong, without claiming a catalogued mistake."""
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def retrieve(query, database, k):\n"
        "    d = np.sqrt(np.sum((database - query) ** 2, axis=1))\n"
        "    order = sorted(range(len(d)), key=lambda i: (d[i], (5 * i) % 7))\n"
        "    return np.array(order[:k], dtype=np.int64)\n",
        "retrieve",
    )
    failed = [c for c in task["checks"] if c["status"] == "failed"]
    assert task["status"] == "failed" and failed and task["diagnosis"] is None
    assert all("only rows at equal distance are in another order" in c["message"] for c in failed)
    assert all("kind='stable'" in c["message"] for c in failed)


def test_a_ranking_by_another_distance_is_not_called_a_tie_order_problem(tmp_path):
    task = grade_source(
        tmp_path,
        "import numpy as np\n"
        "def retrieve(query, database, k):\n"
        "    d = np.abs(database - query).sum(axis=1)\n"
        "    return np.argsort(d, kind='stable')[:k]\n",
        "retrieve",
    )
    assert task["status"] == "failed" and task["diagnosis"] is not None
    assert not any("equal distance" in c["message"] for c in task["checks"])
