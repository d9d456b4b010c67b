"""Small helpers of the worker's training tasks: tensors back to NumPy, shape problems, mini-batches."""

from __future__ import annotations

from typing import Any

import numpy as np


def to_np(t: Any) -> np.ndarray:
    return t.detach().float().cpu().numpy()


def shape_problems(value: Any, what: str, shape: tuple[int, ...]) -> list[list]:
    """[] when `value` is a float tensor of `shape`, else [[problem text, the shape it has (or []), `shape`]]."""
    import torch

    if not isinstance(value, torch.Tensor):
        return [[f"{what} returned {type(value).__name__}, expected a tensor of shape {shape}", [], list(shape)]]
    got = list(value.shape)
    if not value.is_floating_point():
        return [[f"{what} returned a {value.dtype} tensor, expected floating point", got, list(shape)]]
    if tuple(got) != shape:
        return [[f"{what} returned shape {tuple(got)}, expected {shape}", got, list(shape)]]
    return []


def rows(data: dict, names: tuple[str, ...], batch: int, gen: Any) -> list[Any]:
    """The same random rows (with replacement) of each named array; all rows when batch covers them."""
    import torch

    n = data[names[0]].shape[0]
    if batch >= n:
        return [data[k] for k in names]
    idx = torch.randint(0, n, (batch,), generator=gen, device=gen.device)
    return [data[k][idx] for k in names]


def chunks(fn: Any, x: Any, size: int = 256) -> Any:
    import torch

    return torch.cat([fn(x[i : i + size]).float() for i in range(0, x.shape[0], size)])
