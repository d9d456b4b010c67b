"""Known-wrong saliency maps, CAMs, Grad-CAMs and guided ReLU backwards (explanations:
question_bank/04_understanding_cnns_code.yaml)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np


def _grad(model: Callable[[Any], Any], x: Any, target: int, prob: bool = False) -> tuple[Any, Any]:
    """(x as a float64 leaf tensor, ∂ score / ∂ x (1, C, H, W)); score is the logit or, with prob, the softmax."""
    import torch

    x = torch.as_tensor(x, dtype=torch.float64).detach().clone().requires_grad_(True)
    logits = model(x)
    score = torch.softmax(logits, dim=1)[0, int(target)] if prob else logits[0, int(target)]
    (grad,) = torch.autograd.grad(score, x)
    return x, grad


def saliency_map_no_abs(model: Callable[[Any], Any], x: Any, target: int) -> Any:
    """Wrong: max over channels of the signed gradient; a pixel that lowers the score strongly counts as zero."""
    _, grad = _grad(model, x, target)
    return grad[0].amax(dim=0)


def saliency_map_channel_sum(model: Callable[[Any], Any], x: Any, target: int) -> Any:
    """Wrong: sums |gradient| over the colour channels instead of taking their maximum."""
    _, grad = _grad(model, x, target)
    return grad[0].abs().sum(dim=0)


def saliency_map_softmax(model: Callable[[Any], Any], x: Any, target: int) -> Any:
    """Wrong: the gradient of the softmax probability instead of the class score (logit)."""
    _, grad = _grad(model, x, target, prob=True)
    return grad[0].abs().amax(dim=0)


def saliency_map_times_input(model: Callable[[Any], Any], x: Any, target: int) -> Any:
    """Wrong: |gradient x input| (a different attribution method), not the gradient alone."""
    x, grad = _grad(model, x, target)
    return (grad * x.detach())[0].abs().amax(dim=0)


def class_activation_map_without_weights(features: np.ndarray, fc_weight: np.ndarray, cls: int) -> np.ndarray:
    """Wrong: Σ_k f_k, the feature maps summed without the class's weights (the same map for every class)."""
    return np.asarray(features, dtype=np.float64).sum(axis=0)


def class_activation_map_relu(features: np.ndarray, fc_weight: np.ndarray, cls: int) -> np.ndarray:
    """Wrong: applies Grad-CAM's ReLU; CAM is the raw weighted sum, negative evidence included."""
    w = np.asarray(fc_weight, dtype=np.float64)[int(cls)]
    return np.maximum(np.einsum("k,khw->hw", w, np.asarray(features, dtype=np.float64)), 0.0)


def class_activation_map_normalised(features: np.ndarray, fc_weight: np.ndarray, cls: int) -> np.ndarray:
    """Wrong: min-max normalises the map to [0, 1] (a display step, not part of CAM)."""
    w = np.asarray(fc_weight, dtype=np.float64)[int(cls)]
    M = np.einsum("k,khw->hw", w, np.asarray(features, dtype=np.float64))
    return (M - M.min()) / (M.max() - M.min() + 1e-12)


def class_activation_map_averaged(features: np.ndarray, fc_weight: np.ndarray, cls: int) -> np.ndarray:
    """Wrong: divides the weighted sum by K (a mean over channels instead of the sum)."""
    f = np.asarray(features, dtype=np.float64)
    w = np.asarray(fc_weight, dtype=np.float64)[int(cls)]
    return np.einsum("k,khw->hw", w, f) / f.shape[0]


def grad_cam_no_relu(activations: np.ndarray, gradients: np.ndarray) -> np.ndarray:
    """Wrong: Σ_k α_k A_k without the final ReLU, so regions that lower the score show as negative."""
    alpha = np.asarray(gradients, dtype=np.float64).mean(axis=(1, 2))
    return np.einsum("k,khw->hw", alpha, np.asarray(activations, dtype=np.float64))


def grad_cam_per_pixel_weights(activations: np.ndarray, gradients: np.ndarray) -> np.ndarray:
    """Wrong: relu(Σ_k ∂s/∂A_k ⊙ A_k), weighting each pixel by its own gradient instead of the pooled α_k."""
    A, G = np.asarray(activations, dtype=np.float64), np.asarray(gradients, dtype=np.float64)
    return np.maximum((G * A).sum(axis=0), 0.0)


def grad_cam_summed_weights(activations: np.ndarray, gradients: np.ndarray) -> np.ndarray:
    """Wrong: α_k = Σ_{h,w} ∂s/∂A_k (sum pooling), H·W times too large."""
    alpha = np.asarray(gradients, dtype=np.float64).sum(axis=(1, 2))
    return np.maximum(np.einsum("k,khw->hw", alpha, np.asarray(activations, dtype=np.float64)), 0.0)


def grad_cam_normalised(activations: np.ndarray, gradients: np.ndarray) -> np.ndarray:
    """Wrong: divides the map by its maximum (a display step; the contract asks for no normalisation)."""
    alpha = np.asarray(gradients, dtype=np.float64).mean(axis=(1, 2))
    M = np.maximum(np.einsum("k,khw->hw", alpha, np.asarray(activations, dtype=np.float64)), 0.0)
    return M / (M.max() + 1e-12)


def guided_relu_backward_deconvnet(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: the deconvnet rule dout * [dout > 0], which forgets the forward mask [x > 0]."""
    dout = np.asarray(dout, dtype=np.float64)
    return dout * (dout > 0)


def guided_relu_backward_plain(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: ordinary ReLU backward dout * [x > 0]; negative gradients pass through."""
    return np.asarray(dout, dtype=np.float64) * (np.asarray(x) > 0)


def guided_relu_backward_ge_zero(x: np.ndarray, dout: np.ndarray) -> np.ndarray:
    """Wrong: forward mask [x >= 0]: the ReLU's gradient at x == 0 taken as 1 instead of 0."""
    dout = np.asarray(dout, dtype=np.float64)
    return dout * (np.asarray(x) >= 0) * (dout > 0)
