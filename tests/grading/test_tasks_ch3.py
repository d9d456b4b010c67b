"""Chapter 3 task specs (conv output size, conv2d, residual block, pooling, filtering, pyramids, PCA) through the real grader and sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from mlvc_review.grading.spec import Case

from mlvc_reference.convolution import conv2d, conv_output_size

sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, cuda_available, drawn, grade_source  # noqa: E402

CHAPTER = 3
FUNCTIONS = HEADLINE[CHAPTER]


def test_every_errors_example_is_outside_the_domain():
    for case in check_named("conv_output_size", "errors").examples():
        with pytest.raises(ValueError):
            conv_output_size(*case.args)


def test_drawn_sizes_are_valid_and_cover_dilation_stride_and_padding():
    cases = drawn(check_named("conv_output_size", "values").strategy(), n=40)
    assert all(conv_output_size(*c.args) >= 1 for c in cases)
    _, _, P, S, D = zip(*(c.args for c in cases))
    assert max(P) > 0 and max(S) > 1 and max(D) > 1


def test_a_size_returned_as_a_float_fails_values_and_integer_output_and_is_named(tmp_path):
    task = grade_source(
        tmp_path,
        "def conv_output_size(I, K, P=0, S=1, D=1):\n"
        "    if min(I, K, S, D) < 1 or P < 0 or I + 2 * P < D * (K - 1) + 1:\n"
        "        raise ValueError('bad size')\n"
        "    return (I + 2 * P - D * (K - 1) - 1) / S + 1\n",
        "conv_output_size",
    )
    failed = {c["name"] for c in task["checks"] if c["status"] == "failed"}
    assert failed == {"values", "edge shapes", "integer output"}
    assert task["diagnosis"]["name"] == "no floor (float result)"


def test_the_large_float32_cases_are_exact_in_float32_so_any_summation_order_agrees():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    for case in check_named("conv2d", "large float32 (GPU)").examples():
        x, w, b = case.args
        want = conv2d(x, w, b, **case.kwargs)  # float64 reference
        got = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), **case.kwargs).numpy()
        assert got.dtype == np.float32 and np.array_equal(got.astype(np.float64), want), case.label


def test_edge_cases_include_kernel_equal_to_image_stride_and_padding():
    cases: list[Case] = check_named("conv2d", "edge shapes").examples()
    outs = [conv2d(*c.args, **c.kwargs).shape for c in cases]
    assert (2, 2, 1, 1) in outs
    assert any(c.kwargs["stride"] > 1 for c in cases) and any(c.kwargs["padding"] > 0 for c in cases)
    assert any(c.args[2] is None for c in cases)


@pytest.mark.gpu
@pytest.mark.skipif(not cuda_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("tf32", [True, False])
def test_on_cuda_the_large_conv_is_exact_with_and_without_tf32(tf32):
    import torch

    F = torch.nn.functional
    before = torch.backends.cudnn.allow_tf32
    torch.backends.cudnn.allow_tf32 = tf32
    try:
        for case in check_named("conv2d", "large float32 (GPU)").examples():
            x, w, b = (torch.from_numpy(a).cuda() for a in case.args)
            got = F.conv2d(x, w, b, **case.kwargs).cpu().numpy()
            assert np.array_equal(got.astype(np.float64), conv2d(*case.args, **case.kwargs)), case.label
    finally:
        torch.backends.cudnn.allow_tf32 = before


HONEST_BLOCK = (
    "import torch\n"
    "import torch.nn.functional as F\n"
    "def residual_block(x, w1, b1, w2, b2):\n"
    "    h = F.relu(F.conv2d(x, w1, b1, padding=1))\n"
    "    return F.relu(x + F.conv2d(h, w2, b2, padding=1))\n"
)


def test_residual_block_edges_cover_one_pixel_bottlenecks_and_f_not_c():
    cases = check_named("residual_block", "edge shapes").examples()
    shapes = [(c.args[0].shape, c.args[1].shape[0]) for c in cases]
    assert any(x[2:] == (1, 1) for x, _ in shapes)  # only the kernels' centres see the image
    assert any(f != x[1] for x, f in shapes) and any(f == x[1] for x, f in shapes)
    assert any(x[2] != x[3] for x, _ in shapes)


@pytest.mark.parametrize(
    ("body", "failed"),
    [
        ("", set()),
        # right values, but the result leaves autograd: only the gradient check can see it
        ("    return residual_block_(x, w1, b1, w2, b2).detach()\n", {"gradients"}),
        # right values and a graph, but the skip path is cut from the gradient
        ("    return F.relu(x.detach() + F.conv2d(F.relu(F.conv2d(x, w1, b1, padding=1)), w2, b2, padding=1))\n",
         {"gradients"}),
    ],
    ids=["honest", "detached output", "detached skip"],
)
def test_residual_block_values_and_gradients_in_torch_mode(tmp_path, body, failed):
    source = HONEST_BLOCK
    if body:
        source = source.replace("def residual_block(", "def residual_block_(") + "def residual_block(x, w1, b1, w2, b2):\n" + body
    task = grade_source(tmp_path, source, "residual_block")
    statuses = {c["name"]: c["status"] for c in task["checks"]}
    assert set(statuses) == {"values", "edge shapes", "gradients", "no mutation"}
    assert {n for n, s in statuses.items() if s != "passed"} == failed, task["checks"]


def test_the_notes_residual_form_is_caught_and_named(tmp_path):
    task = grade_source(tmp_path, HONEST_BLOCK.replace("F.relu(x + F.conv2d(h, w2, b2, padding=1))", "F.relu(F.conv2d(h + x, w2, b2, padding=1))"), "residual_block")
    assert task["status"] == "failed"
    assert task["diagnosis"]["name"] == "skip added before the second convolution"


# ---------------------------------------------------------------- pooling, filtering, pyramids, PCA
from test_tasks_common import grade  # noqa: E402


def _failed(task: dict) -> set[str]:
    return {c["name"] for c in task["checks"] if c["status"] != "passed"}


def _named(task: dict) -> str | None:
    return task["diagnosis"]["name"] if task.get("diagnosis") else None


@pytest.mark.parametrize("function", ["max_pool2d", "avg_pool2d"])
def test_pooling_draws_the_default_stride_strides_other_than_k_and_sizes_the_stride_does_not_divide(function):
    cases = drawn(check_named(function, "values").strategy(), n=60)
    strides = {c.args[2] if len(c.args) == 3 else None for c in cases}
    assert None in strides and strides - {None}
    assert any(len(c.args) == 3 and c.args[2] != c.args[1] for c in cases)
    assert any((c.args[0].shape[2] - c.args[1]) % (c.args[2] if len(c.args) == 3 else c.args[1]) for c in cases)
    edges = check_named(function, "edge shapes").examples()
    assert any(len(c.args) == 2 for c in edges) and any(len(c.args) == 3 and c.args[2] < c.args[1] for c in edges)


def test_filter2d_draws_every_border_the_default_non_square_kernels_and_images_smaller_than_them():
    cases = drawn(check_named("filter2d", "values").strategy(), n=80)
    assert {c.args[2] if len(c.args) == 3 else None for c in cases} == {"constant", "edge", "reflect", "symmetric", None}
    assert any(c.args[1].shape[0] != c.args[1].shape[1] for c in cases)
    assert any(c.args[0].shape[0] < c.args[1].shape[0] // 2 + 1 for c in cases)  # numpy.pad reflects more than once
    for c in cases:
        assert c.args[1].shape[0] % 2 == 1 and c.args[1].shape[1] % 2 == 1
        assert not np.allclose(c.args[1], c.args[1][::-1, ::-1]) or c.args[1].size == 1  # a flip would show


def test_gaussian_kernel_sigmas_are_drawn_away_from_one():
    sigmas = [c.args[1] for c in drawn(check_named("gaussian_kernel", "values").strategy(), n=40)]
    assert all(0.3 <= s <= 3.0 for s in sigmas) and sum(abs(s - 1.0) > 0.1 for s in sigmas) >= 30


def test_detail_only_images_vanish_at_gaussian_level_one_and_are_drawn():
    from mlvc_reference.pyramids import gaussian_pyramid

    cases = drawn(check_named("laplacian_pyramid", "values").strategy(), n=40)
    null = [c for c in cases if "detail-only" in c.label]
    assert null and len(null) < len(cases)
    for c in null + [c for c in check_named("laplacian_pyramid", "edge shapes").examples() if "detail-only" in c.label]:
        img, levels = c.args
        G = gaussian_pyramid(img, levels)
        assert np.abs(img).max() > 0.5 and np.abs(G[1]).max() < 1e-12, c.label
    for c in cases:
        if "detail-only" not in c.label:
            assert c.args[0].min() >= 0.5 and c.args[0].max() <= 1.5  # intensities: a 10% band around the mean means something


NN_PAIR = (
    "import numpy as np\n"
    "def _blur(a):\n"
    "    d = np.arange(5) - 2\n"
    "    g = np.exp(-d**2 / 2.0); g /= g.sum()\n"
    "    p = np.pad(a, 2, mode='reflect')\n"
    "    H, W = a.shape\n"
    "    return sum(g[u] * g[v] * p[u:u + H, v:v + W] for u in range(5) for v in range(5))\n"
    "def _up(s, shape):\n"
    "    return np.repeat(np.repeat(s, 2, axis=0), 2, axis=1)[:shape[0], :shape[1]]\n"
    "def laplacian_pyramid(img, levels):\n"
    "    G = [img]\n"
    "    for _ in range(levels - 1):\n"
    "        G.append(_blur(G[-1])[::2, ::2])\n"
    "    return [G[i] - _up(G[i + 1], G[i].shape) for i in range(levels - 1)] + [G[-1]]\n"
)
NN_RECONSTRUCT = (
    "def reconstruct_laplacian(pyr):\n"
    "    img = pyr[-1]\n"
    "    for L in reversed(pyr[:-1]):\n"
    "        img = L + _up(img, L.shape)\n"
    "    return img\n"
)
GAUSS_RECONSTRUCT = (  # the classic Gaussian expand: right only with a Gaussian-expand pyramid
    "def reconstruct_laplacian(pyr):\n"
    "    img = pyr[-1]\n"
    "    for L in reversed(pyr[:-1]):\n"
    "        up = np.zeros(L.shape); up[::2, ::2] = img\n"
    "        img = L + 4 * _blur(up)\n"
    "    return img\n"
)


def test_a_nearest_neighbour_pair_passes_and_is_judged_on_its_own_pyramid(tmp_path):
    path = tmp_path / "mine.py"
    path.write_text(NN_PAIR + NN_RECONSTRUCT)
    tasks = grade(path, ["laplacian_pyramid", "reconstruct_laplacian"])
    assert tasks["laplacian_pyramid"]["status"] == "passed" and tasks["reconstruct_laplacian"]["status"] == "passed"


def test_an_inverse_that_does_not_match_its_own_pyramid_fails_only_the_inverse(tmp_path):
    path = tmp_path / "mine.py"
    path.write_text(NN_PAIR + GAUSS_RECONSTRUCT)  # each is fine alone; together they do not invert
    tasks = grade(path, ["laplacian_pyramid", "reconstruct_laplacian"])
    assert tasks["laplacian_pyramid"]["status"] == "passed"
    task = tasks["reconstruct_laplacian"]
    assert _failed(task) == {"values", "edge shapes"}
    assert all("made by your laplacian_pyramid" in c["message"] for c in task["checks"] if c["status"] == "failed")
    assert _named(task) is None  # the known mistakes are about the reference's expand: none of them is this


def test_an_inverse_alone_is_judged_on_the_reference_pyramid_and_says_so(tmp_path):
    alone = GAUSS_RECONSTRUCT.replace("4 * _blur(up)", "_blur(up)")  # the expand without its factor 4
    task = grade_source(tmp_path, NN_PAIR.split("def _up")[0] + alone, "reconstruct_laplacian")
    assert _failed(task) == {"values", "edge shapes"}
    message = next(c["message"] for c in task["checks"] if c["name"] == "values")
    assert "your laplacian_pyramid is not defined, so the reference's laplacian_pyramid made this input" in message


def test_an_inverse_that_adds_into_the_pyramid_in_place_fails_only_no_mutation(tmp_path):
    source = NN_PAIR + (
        "def reconstruct_laplacian(pyr):\n"
        "    for i in range(len(pyr) - 2, -1, -1):\n"
        "        pyr[i] += _up(pyr[i + 1], pyr[i].shape)\n"
        "    return pyr[0]\n"
    )
    assert _failed(grade_source(tmp_path, source, "reconstruct_laplacian")) == {"no mutation"}


@pytest.mark.parametrize(
    ("body", "failed"),
    [
        # the expand-then-subtract the wrong way round, with a nearest-neighbour expand: only the detail-only images see it
        ("    return [_up(G[i + 1], G[i].shape) - G[i] for i in range(levels - 1)] + [G[-1]]\n", {"values", "edge shapes"}),
        # a mean-changing expand (twice the coarser level): the 10% band catches it
        ("    return [G[i] - 2 * _up(G[i + 1], G[i].shape) for i in range(levels - 1)] + [G[-1]]\n", {"values", "edge shapes"}),
    ],
    ids=["difference reversed", "expand doubles the mean"],
)
def test_laplacian_pyramids_with_another_expand_are_judged_by_the_contract_without_a_wrong_name(tmp_path, body, failed):
    source = NN_PAIR.rsplit("    return", 1)[0] + body
    task = grade_source(tmp_path, source, "laplacian_pyramid")
    assert _failed(task) == failed
    assert _named(task) is None  # the known mistakes use the reference's expand: no false match


def test_pca_signs_are_free_and_an_uncentred_eigh_version_is_named_through_any_sign(tmp_path):
    flipped = (
        "import numpy as np\n"
        "def pca(X, k):\n"
        "    mean = X.mean(axis=0)\n"
        "    _, _, Vt = np.linalg.svd(X - mean, full_matrices=False)\n"
        "    W = -Vt[:k]\n"
        "    return (X - mean) @ W.T, W, mean\n"
    )
    assert grade_source(tmp_path, flipped, "pca")["status"] == "passed"
    uncentred = (
        "import numpy as np\n"
        "def pca(X, k):\n"
        "    vals, vecs = np.linalg.eigh(X.T @ X)\n"
        "    W = vecs[:, ::-1][:, :k].T\n"
        "    return X @ W.T, W, X.mean(axis=0)\n"
    )
    task = grade_source(tmp_path, uncentred, "pca")
    assert "values" in _failed(task) and _named(task) == "data not centred"


def test_filter2d_through_scipy_names_the_border_swap(tmp_path):
    source = (
        "from scipy import ndimage\n"
        "def filter2d(img, kernel, border='reflect'):\n"
        "    mode = {'edge': 'nearest'}.get(border, border)  # scipy's names, taken as numpy's\n"
        "    return ndimage.correlate(img, kernel, mode=mode if mode != 'symmetric' else 'mirror', cval=0.0)\n"
    )
    task = grade_source(tmp_path, source, "filter2d")
    assert _failed(task) == {"values", "edge shapes"} and _named(task) == "reflect and symmetric swapped"
