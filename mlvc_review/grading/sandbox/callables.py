"""Trusted callables the grader can hand to student functions, built inside the worker.

The grader sends a `protocol.CallableSpec(name, params)`; the worker replaces it by
``REGISTRY[name](params, mode=..., dtype=..., device=...)``. Only the factories
listed here exist, so nothing but plain data ever crosses the boundary.

``linear_eps`` — params ``{"A": (D, D) float array, "c": float}`` -> ``eps_model(x_t, t)``:
x_t ``(n, ...)`` with ``D = prod(x_t.shape[1:])``, t ``(n,)`` (ints allowed);
``eps = reshape(flatten(x_t) @ A + c * t[:, None], x_t.shape)``, where
``flatten(x_t)`` is ``x_t.reshape(n, D)`` (C order) and t is first cast to x_t's
dtype. In torch mode A is a tensor of the call's dtype on its device, so the
model is differentiable in x_t.

``tanh_mlp`` — params ``{"W1": (h, D), "b1": (h,), "W2": (k, h), "b2": (k,)}`` -> a
``torch.nn.Sequential`` classifier ``logits = tanh(flatten(x) W1^T + b1) W2^T + b2`` for
x ``(n, ...)`` with ``D = prod(x.shape[1:])``: a real module (``model.eval()``,
``model.zero_grad()`` work), parameters frozen, differentiable in x. Its weights have
the call's dtype and device in torch mode, float64 on the CPU otherwise.

``small_cnn`` — params ``{"w1": (K, C, 3, 3), "b1": (K,), "W2": (k, K), "b2": (k,)}`` -> a
``torch.nn.Sequential`` image classifier for x ``(n, C, H, W)``: 3x3 convolution (padding 1),
ReLU, global average pooling, linear layer to ``k`` logits; a real module like ``tanh_mlp``
(frozen, differentiable in x, the call's dtype and device in torch mode).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from mlvc_review.grading.sandbox.protocol import CallableSpec


def linear_eps(params: dict, *, mode: str, dtype: str, device: str) -> Callable[[Any, Any], Any]:
    """A linear noise predictor ``eps(x_t, t) = x_t A + c t`` (see module docstring)."""
    A = np.asarray(params["A"], dtype=np.float64)
    c = float(params["c"])
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"linear_eps needs a square (D, D) matrix A, got shape {A.shape}")
    if mode == "torch":
        import torch

        A = torch.tensor(A, dtype=getattr(torch, dtype), device=device)

    def eps_model(x_t: Any, t: Any) -> Any:
        n = x_t.shape[0]
        x_flat = x_t.reshape(n, -1)  # (n, D)
        if mode == "torch":
            t_col = torch.as_tensor(t, device=x_t.device).to(x_t.dtype)[:, None]  # (n, 1)
        else:
            t_col = np.asarray(t).astype(x_t.dtype)[:, None]  # (n, 1)
        # eps = x_t A + c t
        eps = x_flat @ A + c * t_col  # (n, D)
        return eps.reshape(x_t.shape)

    return eps_model


def tanh_mlp(params: dict, *, mode: str, dtype: str, device: str) -> Any:
    """A fixed two-layer tanh classifier on the flattened input (see module docstring)."""
    import torch

    W1, b1, W2, b2 = (np.asarray(params[k], dtype=np.float64) for k in ("W1", "b1", "W2", "b2"))
    if W1.ndim != 2 or W2.ndim != 2 or b1.shape != W1.shape[:1] or W2.shape[1] != W1.shape[0] or b2.shape != W2.shape[:1]:
        raise ValueError(f"tanh_mlp needs W1 (h, D), b1 (h,), W2 (k, h), b2 (k,); got {W1.shape}, {b1.shape}, {W2.shape}, {b2.shape}")
    t_dtype, t_device = (getattr(torch, dtype), device) if mode == "torch" else (torch.float64, "cpu")
    (h, D), k = W1.shape, W2.shape[0]
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(D, h), torch.nn.Tanh(), torch.nn.Linear(h, k)).double()
    with torch.no_grad():
        for layer, (W, b) in ((model[1], (W1, b1)), (model[3], (W2, b2))):
            layer.weight.copy_(torch.from_numpy(W))
            layer.bias.copy_(torch.from_numpy(b))
    return model.to(dtype=t_dtype, device=t_device).requires_grad_(False).eval()


def small_cnn(params: dict, *, mode: str, dtype: str, device: str) -> Any:
    """A fixed conv -> ReLU -> global average pool -> linear classifier (see module docstring)."""
    import torch

    w1, b1, W2, b2 = (np.asarray(params[k], dtype=np.float64) for k in ("w1", "b1", "W2", "b2"))
    if w1.ndim != 4 or w1.shape[2:] != (3, 3) or b1.shape != w1.shape[:1] or W2.shape[1:] != w1.shape[:1] or b2.shape != W2.shape[:1]:
        raise ValueError(f"small_cnn needs w1 (K, C, 3, 3), b1 (K,), W2 (k, K), b2 (k,); got {w1.shape}, {b1.shape}, {W2.shape}, {b2.shape}")
    t_dtype, t_device = (getattr(torch, dtype), device) if mode == "torch" else (torch.float64, "cpu")
    (K, C), k = w1.shape[:2], W2.shape[0]
    model = torch.nn.Sequential(torch.nn.Conv2d(C, K, 3, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
                                torch.nn.Flatten(), torch.nn.Linear(K, k)).double()
    with torch.no_grad():
        for layer, (W, b) in ((model[0], (w1, b1)), (model[4], (W2, b2))):
            layer.weight.copy_(torch.from_numpy(W))
            layer.bias.copy_(torch.from_numpy(b))
    return model.to(dtype=t_dtype, device=t_device).requires_grad_(False).eval()


REGISTRY: dict[str, Callable[..., Callable]] = {"linear_eps": linear_eps, "tanh_mlp": tanh_mlp, "small_cnn": small_cnn}


def build(value: Any, *, mode: str, dtype: str, device: str) -> Any:
    """Replace every `CallableSpec` inside `value` (args, lists, tuples, dicts) by its callable.

    Raises:
        KeyError: an unknown callable name.
    """
    if type(value) is CallableSpec:
        if value.name not in REGISTRY:
            raise KeyError(f"unknown grader callable {value.name!r}; known: {sorted(REGISTRY)}")
        return REGISTRY[value.name](value.params, mode=mode, dtype=dtype, device=device)
    if type(value) is list:
        return [build(v, mode=mode, dtype=dtype, device=device) for v in value]
    if type(value) is tuple:
        return tuple(build(v, mode=mode, dtype=dtype, device=device) for v in value)
    if type(value) is dict:
        return {k: build(v, mode=mode, dtype=dtype, device=device) for k, v in value.items()}
    return value
