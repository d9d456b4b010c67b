"""Looking inside a CNN: saliency, CAM, Grad-CAM and guided backpropagation
(lecture: understanding CNNs — visualising what a network uses).

- Saliency (Simonyan et al., 2014): how much each pixel moves the class score,
  `S[h, w] = max_c |∂ s_t / ∂ x[c, h, w]|`, taken on the logit s_t (not the
  softmax probability, which also depends on every other class).
- CAM (Zhou et al., 2016): for a network ending in global average pooling and
  one linear layer, the class score is `s_c = Σ_k w[c, k] mean_{h,w} f_k`, so
  the map `M_c = Σ_k w[c, k] f_k` shows where that score comes from.
- Grad-CAM (Selvaraju et al., 2017): any layer's activations A_k, weighted by
  the spatial mean of the score's gradient, `α_k = mean_{h,w} ∂s/∂A_k`, then
  `relu(Σ_k α_k A_k)`: only regions that raise the score are kept.
- Guided backpropagation (Springenberg et al., 2015): at a ReLU, pass the
  gradient back only where the forward input was positive (ordinary backprop)
  AND the incoming gradient is positive (the deconvnet rule); combining both
  gives the sharp pictures.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np


def saliency_map(model: Callable[[Any], Any], x: Any, target: int) -> Any:
    """Vanilla gradient saliency of logit `target` for one image.

    Args:
        model: maps x (1, C, H, W) to logits (1, classes) (a torch module or function).
        x: (1, C, H, W) image (torch tensor or NumPy array).
        target: class index.

    Returns:
        S: (H, W) torch tensor, non-negative.
    """
    import torch

    # a leaf copy of the image that records the gradient      (1, C, H, W)
    x = torch.as_tensor(x, dtype=torch.float64).detach().clone().requires_grad_(True)
    # s_t: the target's logit, a scalar
    s_t = model(x)[0, int(target)]
    # ∂ s_t / ∂ x, (1, C, H, W)
    (grad,) = torch.autograd.grad(s_t, x)
    # S[h, w] = max_c |∂ s_t / ∂ x[c, h, w]|, (H, W)
    return grad[0].abs().amax(dim=0)


def class_activation_map(features: np.ndarray, fc_weight: np.ndarray, cls: int) -> np.ndarray:
    """CAM of class `cls`.

    Args:
        features: (K, H, W) last convolutional feature maps f_k.
        fc_weight: (classes, K) weights of the linear layer after global average pooling.
        cls: class index.

    Returns:
        M: (H, W), not rectified or normalised.
    """
    f = np.asarray(features, dtype=np.float64)
    w = np.asarray(fc_weight, dtype=np.float64)
    # M[h, w] = Σ_k w[cls, k] f_k[h, w], (H, W)
    return np.einsum("k,khw->hw", w[int(cls)], f)


def grad_cam(activations: np.ndarray, gradients: np.ndarray) -> np.ndarray:
    """Grad-CAM from a layer's activations and the class score's gradient at that layer.

    Args:
        activations: (K, H, W) A_k.  gradients: (K, H, W) ∂s/∂A_k.

    Returns:
        M: (H, W), non-negative, not normalised.
    """
    A = np.asarray(activations, dtype=np.float64)
    # α_k = (1 / HW) Σ_{h,w} ∂s/∂A_k[h, w], (K,)
    alpha = np.asarray(gradients, dtype=np.float64).mean(axis=(1, 2))
    # M = relu(Σ_k α_k A_k), (H, W)
    return np.maximum(np.einsum("k,khw->hw", alpha, A), 0.0)


def guided_relu_backward(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Guided backpropagation through a ReLU.

    Args:
        x: the ReLU's forward input, any shape.  dout: gradient arriving from above, x's shape.

    Returns:
        dx: x's shape, dout * [x > 0] * [dout > 0].
    """
    x = np.asarray(x, dtype=np.float64)
    dout = np.asarray(dout, dtype=np.float64)
    # dx = dout · 1[x > 0] · 1[dout > 0]   (forward mask of backprop, backward mask of the deconvnet)
    return dout * (x > 0) * (dout > 0)
