"""Worker-side value handling: student results -> plain data, plain args -> torch tensors, gradients.

Runs inside the sandbox only. `to_plain` accepts exactly: None, bool, int, float,
str, base `numpy.ndarray` of bool/int/uint/float dtype, numpy scalars of those
kinds (-> 0-d arrays), torch tensors of the exact `Tensor`/`Parameter` types
(-> numpy, detached, on the CPU; torch is never imported here), tuples and lists
(read through the base-class methods, so an overridden ``__iter__`` cannot lie)
and str-keyed dicts. Anything else raises `NotPlain` with a message such as
"returned a MyThing, expected an array or number".
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

_SCALARS = (type(None), bool, int, float, str)
_NUMPY_SCALARS = frozenset(
    t for t in set(np.sctypeDict.values()) if issubclass(t, np.generic) and np.dtype(t).kind in "biuf"
)
MAX_DEPTH = 32
MAX_VALUES = 100_000  # nested Python values; large data belongs in arrays


class NotPlain(Exception):
    """A returned value that is not plain data (message says what it was)."""


def _kind_name(x: Any) -> str:
    name = type.__getattribute__(type(x), "__name__")
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def to_plain(x: Any, what: str = "returned", depth: int = 0, count: list[int] | None = None) -> Any:
    """Convert a value produced by student code to plain data (see module docstring).

    Raises:
        NotPlain: for any other type, object/complex dtypes, too-deep nesting or too many values.
    """
    count = [0] if count is None else count
    count[0] += 1
    if depth > MAX_DEPTH:
        raise NotPlain(f"{what} a value nested more than {MAX_DEPTH} levels deep")
    if count[0] > MAX_VALUES:
        raise NotPlain(f"{what} more than {MAX_VALUES} nested values, expected arrays")
    t = type(x)
    if t in _SCALARS:
        return x
    if t is np.ndarray:
        return _checked_array(np.array(x, copy=True), what)
    if t in _NUMPY_SCALARS:
        return np.array(x)
    torch = sys.modules.get("torch")
    if torch is not None and t in (torch.Tensor, torch.nn.Parameter):
        return _checked_array(_tensor_to_numpy(x), what)
    if isinstance(x, tuple):
        return tuple(to_plain(tuple.__getitem__(x, i), what, depth + 1, count) for i in range(tuple.__len__(x)))
    if isinstance(x, list):
        return [to_plain(list.__getitem__(x, i), what, depth + 1, count) for i in range(list.__len__(x))]
    if t is dict and all(type(k) is str for k in dict.keys(x)):
        return {k: to_plain(v, what, depth + 1, count) for k, v in dict.items(x)}
    raise NotPlain(f"{what} {_kind_name(x)}, expected an array or number")


def _checked_array(a: np.ndarray, what: str) -> np.ndarray:
    if a.dtype.kind not in "biuf":
        raise NotPlain(f"{what} an array of dtype {a.dtype}, expected real numbers (bool, int or float)")
    return a


def _tensor_to_numpy(x: Any) -> np.ndarray:
    torch = sys.modules["torch"]
    x = x.detach()
    if x.layout != torch.strided:
        x = x.to_dense()
    if x.dtype == torch.bfloat16:
        x = x.float()
    # complex tensors come through as complex arrays, which `_checked_array` rejects
    return np.array(x.cpu().resolve_conj().resolve_neg().numpy(), copy=True)


def to_torch(value: Any, dtype: str, device: str) -> Any:
    """Plain args -> torch: float arrays become `dtype` tensors on `device`, ints int64, bools bool.

    Python scalars, strings and None stay as they are; containers are converted recursively.
    """
    import torch

    if type(value) is np.ndarray:
        kind = value.dtype.kind
        if kind == "f":
            return torch.tensor(value, dtype=getattr(torch, dtype), device=device)
        if kind in "iu":
            return torch.tensor(value.astype(np.int64), dtype=torch.int64, device=device)
        return torch.tensor(value, dtype=torch.bool, device=device)
    if type(value) is list:
        return [to_torch(v, dtype, device) for v in value]
    if type(value) is tuple:
        return tuple(to_torch(v, dtype, device) for v in value)
    if type(value) is dict:
        return {k: to_torch(v, dtype, device) for k, v in value.items()}
    return value


def first_output(result: Any) -> Any:
    """The tensor (or number) gradients flow back from: the result, or its first tensor element."""
    torch = sys.modules["torch"]
    if isinstance(result, (tuple, list)):
        for item in result:
            if isinstance(item, torch.Tensor):
                return item
        return result[0] if len(result) else None
    return result


def gradients(result: Any, args: list, grad_wrt: list[int], grad_output: Any) -> tuple[list, list[str]]:
    """Backprop ``sum(out * grad_output)`` (``grad_output`` None: ones) to the args in `grad_wrt`.

    Returns:
        (grads, notes): numpy gradients in `grad_wrt` order (None where no gradient
        flows) and human notes about missing gradients.
    """
    torch = sys.modules["torch"]
    out = first_output(result)
    inputs = [args[i] for i in grad_wrt]
    if not isinstance(out, torch.Tensor) or not out.requires_grad:
        return [None] * len(inputs), ["the returned value is not connected to the inputs by autograd"]
    weight = torch.ones_like(out) if grad_output is None else torch.as_tensor(grad_output, dtype=out.dtype, device=out.device)
    # L = sum(out * grad_output)
    loss = (out * weight).sum()
    grads = torch.autograd.grad(loss, inputs, allow_unused=True)
    notes = [f"no gradient flows to argument {i}" for i, g in zip(grad_wrt, grads) if g is None]
    return [None if g is None else _tensor_to_numpy(g) for g in grads], notes
