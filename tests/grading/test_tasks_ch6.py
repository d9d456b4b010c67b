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


# ---------------------------------------------------------------- RNN, LSTM, additive attention, layer norm, encoder block


def test_rnn_and_lstm_edges_have_square_and_non_square_weights():
    for function in ("rnn_step", "lstm_step"):
        dims = [(c.args[0].shape[1], c.args[1].shape[1]) for c in check_named(function, "edge shapes").examples()]
        assert any(d == H > 1 for d, H in dims) and any(d > H for d, H in dims) and any(d < H for d, H in dims)


def test_layer_norm_cases_reach_rows_where_sigma_plus_eps_differs_by_more_than_a_per_mille():
    from mlvc_reference.mistakes.transformer import layer_norm_sigma_plus_eps
    from mlvc_reference.transformer import layer_norm

    case = next(c for c in check_named("layer_norm", "edge shapes").examples() if "variance 1e-4" in c.label)
    right, slip = layer_norm(*case.args), layer_norm_sigma_plus_eps(*case.args)
    gamma, beta = case.args[1], case.args[2]
    assert np.max(np.abs((slip - beta) / (right - beta) - 1)) > 1e-3


# Submissions written the way students write them: the known mistakes among them are named, the
# others fail with no diagnosis. One file, graded once.
STUDENT = '''
import numpy as np
import torch


def lstm_step(x_t, h_prev, c_prev, W, b):
    H = h_prev.shape[-1]
    W, b = torch.from_numpy(W), torch.from_numpy(b)
    with torch.no_grad():  # torch's cell straight from the contract's W: its gates are [i, f, g, o]
        h, c = torch.lstm_cell(torch.from_numpy(x_t), (torch.from_numpy(h_prev), torch.from_numpy(c_prev)),
                               W[:, H:], W[:, :H], b, torch.zeros_like(b))
    return h, c


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    sigma = np.sqrt(((x - mu) ** 2).mean(axis=-1, keepdims=True))
    return gamma * (x - mu) / (sigma + eps) + beta  # the notes' formula


def transformer_encoder_block(x, params, num_heads):
    p = {k: torch.from_numpy(v) for k, v in params.items()}
    d, d_ff = p["W_q"].shape[0], p["W1"].shape[0]
    layer = torch.nn.TransformerEncoderLayer(d, num_heads, d_ff, dropout=0.0, batch_first=True, dtype=torch.float64)
    with torch.no_grad():  # norm_first left at False: post-LN
        layer.self_attn.in_proj_weight.copy_(torch.cat([p["W_q"].T, p["W_k"].T, p["W_v"].T]))
        layer.self_attn.in_proj_bias.zero_()
        layer.self_attn.out_proj.weight.copy_(p["W_o"].T)
        layer.self_attn.out_proj.bias.zero_()
        for lin, w, b in ((layer.linear1, "W1", "b1"), (layer.linear2, "W2", "b2")):
            lin.weight.copy_(p[w])
            lin.bias.copy_(p[b])
        for norm, k in ((layer.norm1, "ln1"), (layer.norm2, "ln2")):
            norm.weight.copy_(p[k + "_gamma"])
            norm.bias.copy_(p[k + "_beta"])
        x = torch.from_numpy(x)
        return layer.eval()(x[None])[0] if x.dim() == 2 else layer.eval()(x)


def rnn_step(x_t, h_prev, W_xh, W_hh, b_h):
    return np.tanh(x_t @ W_xh.T + h_prev @ W_hh.T) + np.tanh(b_h)  # the bias squashed on its own


def additive_attention(s_prev, H, W_s, W_h, v):
    e = np.tanh(W_s @ s_prev + H @ W_h.T) @ v
    w = np.exp(e - e.max())
    w /= w.sum()
    return w @ H, e  # the scores returned where the weights belong
'''

NAMED = {
    "lstm_step": "torch's gate order [i, f, g, o]",
    "layer_norm": "(σ + ε) instead of sqrt(σ² + ε)",
    "transformer_encoder_block": "post-LN",
    "rnn_step": None,
    "additive_attention": None,
}


@pytest.fixture(scope="module")
def student(tmp_path_factory) -> dict[str, dict]:
    from test_tasks_common import grade

    path = tmp_path_factory.mktemp("student") / "student_ch6.py"
    path.write_text(STUDENT)
    return grade(path, list(NAMED))


@pytest.mark.parametrize("function", list(NAMED))
def test_student_written_mistakes_are_named_and_other_wrong_answers_are_not(student, function):
    task = student[function]
    assert task["status"] == "failed"
    assert (task["diagnosis"] or {}).get("name") == NAMED[function]


def test_masking_with_a_finite_minus_1e4_leaks_weight_and_fails_stability(tmp_path):
    source = (
        "import numpy as np\n"
        "def scaled_dot_product_attention(Q, K, V, mask=None):\n"
        "    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])\n"
        "    if mask is not None:\n"
        "        s = np.where(mask, s, -1e4)\n"
        "    s = s - s.max(axis=-1, keepdims=True)\n"
        "    w = np.exp(s) / np.exp(s).sum(axis=-1, keepdims=True)\n"
        "    return w @ V, w\n"
    )
    task = grade_source(tmp_path, source, "scaled_dot_product_attention")
    assert {c["name"] for c in task["checks"] if c["status"] != "passed"} == {"stability"}
    message = next(c for c in task["checks"] if c["name"] == "stability")["counterexample"]["label"]
    assert message == "every score -1e4: masked keys get no weight"
