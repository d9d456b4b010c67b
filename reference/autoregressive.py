"""Autoregressive models: PixelCNN's masked kernels and the sequence NLL (lecture: generative models).

Papers: van den Oord, Kalchbrenner & Kavukcuoglu, "Pixel Recurrent Neural
Networks" (2016), and van den Oord et al., "Conditional Image Generation with
PixelCNN Decoders" (2016).
An autoregressive model factorises `p(x) = Π_t p(x_t | x_{<t})` in a fixed
order (raster order for images: row by row, left to right), and is trained by
minimising the negative log-likelihood `-Σ_t log p(x_t | x_{<t})`.
PixelCNN enforces the order with masked convolutions: mask "A" (first layer)
hides the centre pixel itself, since the prediction for pixel t may not see
pixel t; mask "B" (later layers) may see the centre, because there the centre
holds features computed only from pixels before t.
"""

from __future__ import annotations

import numpy as np


def pixelcnn_mask(kernel_size: int, mask_type: str) -> np.ndarray:
    """The (k, k) mask that multiplies a PixelCNN convolution kernel.

    Args:
        kernel_size: k, odd, so the kernel has a centre (k // 2, k // 2).
        mask_type: "A" (centre hidden) or "B" (centre visible).

    Returns:
        mask: (k, k) float64 of 0s and 1s; 1 above the centre row, and left of the
        centre in the centre row (and at the centre itself for "B").
    """
    k = int(kernel_size)
    c = k // 2
    # raster position of kernel entry (i, j): i k + j; the centre sits at c k + c, (k, k)
    position = np.arange(k * k).reshape(k, k)
    centre = c * k + c
    # "A": strictly before the centre in raster order; "B": up to and including it
    visible = position < centre if mask_type == "A" else position <= centre
    return visible.astype(np.float64)


def autoregressive_nll(logits: np.ndarray, x: np.ndarray) -> float:
    """Negative log-likelihood of a sequence under per-step categorical predictions.

    Args:
        logits: (T, V), row t scores the V possible values of x_t (given x_{<t}).
        x: int (T,), the observed values, each in [0, V).

    Returns:
        -Σ_t log softmax(logits_t)[x_t], a float (summed, not averaged, over t).
        Stable for |logits| up to 1e4 and beyond.
    """
    logits = np.asarray(logits, dtype=np.float64)
    x = np.asarray(x).astype(np.int64)
    T = logits.shape[0]
    m = logits.max(axis=1)  # (T,)
    # log Σ_v e^{l_v} = m + log Σ_v e^{l_v - m}   (log-sum-exp), (T,)
    lse = m + np.log(np.sum(np.exp(logits - m[:, None]), axis=1))
    # -log softmax(l_t)[x_t] = log Σ_v e^{l_tv} - l_{t, x_t}, (T,)
    nll = lse - logits[np.arange(T), x]
    # NLL = -Σ_t log p(x_t | x_{<t})
    return float(np.sum(nll))
