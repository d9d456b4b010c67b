"""Chapter 6 task specs (attention, causal mask, multi-head attention) through the real grader and sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest


from mlvc_reference.attention import multi_head_attention

sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, cuda_available, drawn, grade_source  # noqa: E402

CHAPTER = 6
FUNCTIONS = HEADLINE[CHAPTER]
NAIVE = """
import numpy as np

def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, {blocked})
    e = np.exp(scores{shift})
    weights = e / e.sum(axis=-1, keepdims=True)
    return weights @ V, weights
"""


def test_a_softmax_without_the_max_shift_fails_stability_only(tmp_path):
    task = grade_source(tmp_path, NAIVE.format(blocked="-np.inf", shift=""), "scaled_dot_product_attention")
    failed = {c["name"] for c in task["checks"] if c["status"] != "passed"}
    assert failed == {"stability"}


def test_masking_with_a_large_negative_number_instead_of_minus_infinity_passes(tmp_path):
    task = grade_source(tmp_path, NAIVE.format(blocked="-1e30", shift=" - scores.max(axis=-1, keepdims=True)"), "scaled_dot_product_attention")
    assert task["status"] == "passed", task["checks"]


def test_stability_cases_reach_scores_of_1e4():
    for case in check_named("scaled_dot_product_attention", "stability").examples():
        Q, K = case.args[0], case.args[1]
        scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
        assert np.isclose(np.abs(scores).max(), 1e4), case.label


@pytest.mark.parametrize("function", ["scaled_dot_product_attention", "multi_head_attention"])
def test_every_mask_leaves_each_query_a_key_and_masks_are_drawn(function):
    cases = drawn(check_named(function, "values").strategy(), n=40) + check_named(function, "edge shapes").examples()
    masks = [case.args[-1] for case in cases if isinstance(case.args[-1], np.ndarray) and case.args[-1].dtype == bool]
    assert len(masks) >= 5
    assert all(mask.any(axis=-1).all() for mask in masks)


def test_the_large_float32_attention_is_within_the_heavy_tolerance_in_float32():
    torch = pytest.importorskip("torch")
    check = check_named("multi_head_attention", "large float32 (GPU)")
    for case in check.examples():
        want = multi_head_attention(*case.args)
        x_q, x_kv, W_q, W_k, W_v, W_o = (torch.from_numpy(a) for a in case.args[:6])
        h, mask = case.args[6], case.args[7] if len(case.args) > 7 else None
        B, L, d = x_q.shape
        split = lambda t: t.reshape(B, L, h, d // h).transpose(1, 2)  # noqa: E731  (B, h, L, d_k)
        Q, K, V = split(x_q @ W_q), split(x_kv @ W_k), split(x_kv @ W_v)
        attn_mask = None if mask is None else torch.from_numpy(mask)
        heads = torch.nn.functional.scaled_dot_product_attention(Q, K, V, attn_mask=attn_mask)  # (B, h, L, d_k)
        got = heads.transpose(1, 2).reshape(B, L, d) @ W_o
        assert got.dtype == torch.float32
        np.testing.assert_allclose(got.numpy(), want, rtol=check.rtol, atol=check.atol)


@pytest.mark.gpu
@pytest.mark.skipif(not cuda_available(), reason="needs a CUDA device")
def test_on_cuda_full_float32_attention_meets_the_heavy_tolerance():
    import torch

    check = check_named("multi_head_attention", "large float32 (GPU)")
    before = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = False  # torch's default: TF32 matmuls miss rtol 1e-3 (measured on an H100)
    try:
        for case in check.examples():
            x_q, x_kv, W_q, W_k, W_v, W_o = (torch.from_numpy(a).cuda() for a in case.args[:6])
            h = case.args[6]
            mask = torch.from_numpy(case.args[7]).cuda() if len(case.args) > 7 else None
            B, L, d = x_q.shape
            split = lambda t: t.reshape(B, L, h, d // h).transpose(1, 2)  # noqa: E731  (B, h, L, d_k)
            heads = torch.nn.functional.scaled_dot_product_attention(split(x_q @ W_q), split(x_kv @ W_k), split(x_kv @ W_v), attn_mask=mask)
            got = (heads.transpose(1, 2).reshape(B, L, d) @ W_o).cpu().numpy()
            np.testing.assert_allclose(got, multi_head_attention(*case.args), rtol=check.rtol, atol=check.atol)
    finally:
        torch.backends.cuda.matmul.allow_tf32 = before
