"""Plain-data helpers on the trusted side: private copies for references, report summaries."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

SHOW_ITEMS = 64  # arrays up to this size are reported in full; larger ones are summarised


def materialize(value: Any) -> Any:
    """A deep copy of a Case's plain data with every CallableSpec built into a real callable.

    The reference and known mistakes get such a copy, so they can neither alter the case
    nor see the arrays the sandbox call used.
    """
    from mlvc_review.grading.sandbox.protocol import CallableSpec

    if isinstance(value, CallableSpec):
        # the sandbox worker's own factories, so the reference sees the very callable the student gets
        from mlvc_review.grading.sandbox.callables import build

        return build(CallableSpec(value.name, materialize(dict(value.params))), mode="numpy", dtype="float64", device="cpu")
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, tuple):
        return tuple(materialize(v) for v in value)
    if isinstance(value, list):
        return [materialize(v) for v in value]
    if isinstance(value, dict):
        return {k: materialize(v) for k, v in value.items()}
    return value


def summary(value: Any, full: bool = True) -> Any:
    """JSON-ready form of plain data: small arrays as nested lists, large ones as shape + first values."""
    from mlvc_review.grading.sandbox.protocol import CallableSpec

    if isinstance(value, CallableSpec):
        return {"callable": value.name, "params": summary(dict(value.params), full)}
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        if full and value.size <= SHOW_ITEMS:
            return {"array": _json_list(value.tolist()), "shape": list(value.shape), "dtype": str(value.dtype)}
        flat = value.reshape(-1)[:6].tolist()
        return {"shape": list(value.shape), "dtype": str(value.dtype), "first": _json_list(flat)}
    if isinstance(value, (tuple, list)):
        return [summary(v, full) for v in value]
    if isinstance(value, dict):
        return {str(k): summary(v, full) for k, v in value.items()}
    if isinstance(value, float):
        return _json_float(value)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return repr(value)[:200]


def _json_float(x: float) -> float | str:
    """JSON has no NaN/inf: those become strings."""
    return x if math.isfinite(x) else repr(x)


def _json_list(items: Any) -> Any:
    if isinstance(items, list):
        return [_json_list(v) for v in items]
    return _json_float(items) if isinstance(items, float) else items


def short(value: Any, width: int = 80) -> str:
    """One line for terminals: arrays as `array(shape, dtype) [a, b, c, ...]`."""
    if isinstance(value, np.ndarray):
        head = ", ".join(f"{v:.4g}" if isinstance(v, float) else str(v) for v in value.reshape(-1)[:4].tolist())
        more = ", ..." if value.size > 4 else ""
        return f"array{tuple(value.shape)} {value.dtype} [{head}{more}]"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(short(v, width) for v in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {short(v, width)}" for k, v in value.items()) + "}"
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."
