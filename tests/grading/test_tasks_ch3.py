"""Chapter 3 task specs (conv output size, conv2d) through the real grader and sandbox."""

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
