"""PixelCNN masks against a raster-order loop; the sequence NLL against F.cross_entropy."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from mlvc_reference.autoregressive import autoregressive_nll, pixelcnn_mask

seeds = st.integers(0, 2**32 - 1)
odd = st.sampled_from([1, 3, 5, 7, 9])


def _loop_mask(k: int, mask_type: str) -> np.ndarray:
    """Walk the kernel in raster order: everything before the centre is 1, the centre itself for B."""
    c = k // 2
    mask = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            if i < c or (i == c and j < c) or (i == c and j == c and mask_type == "B"):
                mask[i, j] = 1.0
    return mask


@given(odd, st.sampled_from(["A", "B"]))
def test_mask_matches_the_raster_loop(k, mask_type):
    mask = pixelcnn_mask(k, mask_type)
    assert mask.shape == (k, k) and mask.dtype == np.float64
    np.testing.assert_array_equal(mask, _loop_mask(k, mask_type))


@given(odd)
def test_mask_B_is_mask_A_plus_the_centre(k):
    diff = pixelcnn_mask(k, "B") - pixelcnn_mask(k, "A")
    assert diff.sum() == 1.0 and diff[k // 2, k // 2] == 1.0
    assert pixelcnn_mask(k, "A").sum() == (k * k) // 2


def test_masked_conv_output_never_depends_on_the_current_or_later_pixels():
    # a 5x5 mask-A convolution: perturbing pixel (2, 2) or any later one leaves output (2, 2) unchanged
    k, H = 5, 5
    w = torch.from_numpy(pixelcnn_mask(k, "A")).reshape(1, 1, k, k) * torch.randn(1, 1, k, k, dtype=torch.float64)
    x = torch.randn(1, 1, H, H, dtype=torch.float64)
    out = F.conv2d(x, w, padding=k // 2)[0, 0, 2, 2]
    for p in range(2 * H + 2, H * H):
        y = x.clone()
        y.view(-1)[p] += 10.0
        assert torch.isclose(F.conv2d(y, w, padding=k // 2)[0, 0, 2, 2], out)


@given(seeds, st.integers(1, 8), st.integers(2, 9), st.sampled_from([1.0, 10.0, 1e4]))
def test_nll_matches_torch_cross_entropy_summed(seed, T, V, bound):
    rng = np.random.default_rng(seed)
    logits, x = rng.uniform(-bound, bound, size=(T, V)), rng.integers(0, V, size=T)
    copies = logits.copy(), x.copy()
    nll = autoregressive_nll(logits, x)
    expected = F.cross_entropy(torch.from_numpy(logits), torch.from_numpy(x), reduction="sum")
    assert isinstance(nll, float) and np.isfinite(nll)
    np.testing.assert_allclose(nll, float(expected), rtol=1e-10, atol=1e-10)
    np.testing.assert_array_equal(logits, copies[0])
    np.testing.assert_array_equal(x, copies[1])


def test_uniform_predictions_cost_log_V_per_step():
    np.testing.assert_allclose(autoregressive_nll(np.zeros((6, 4)), np.arange(6) % 4), 6 * np.log(4.0), rtol=1e-15)
