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


REGISTRY: dict[str, Callable[..., Callable]] = {"linear_eps": linear_eps}


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
