"""Chapter 3 task specs (conv output size, conv2d) through the real grader and sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from mlvc_review.grading.spec import Case

from mlvc_reference.convolution import conv2d, conv_output_size

sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, cuda_available, drawn, grade  # noqa: E402

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
    path = tmp_path / "mine.py"
    path.write_text(
        "def conv_output_size(I, K, P=0, S=1, D=1):\n"
        "    if min(I, K, S, D) < 1 or P < 0 or I + 2 * P < D * (K - 1) + 1:\n"
        "        raise ValueError('bad size')\n"
        "    return (I + 2 * P - D * (K - 1) - 1) / S + 1\n"
    )
    task = grade(path, ["conv_output_size"])["conv_output_size"]
    failed = {c["name"] for c in task["checks"] if c["status"] == "failed"}
    assert {"values", "integer output"} <= failed and "errors" not in failed
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
