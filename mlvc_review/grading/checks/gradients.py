"""Reference gradients with torch autograd, in the trusted process (imported only for gradient checks)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from mlvc_review.grading.spec import Case
from mlvc_review.grading.checks.values import materialize


def reference_grads(reference: Callable[..., Any], case: Case, wrt: list[int]) -> tuple[list[np.ndarray], np.ndarray]:
    """d<grad_output, reference(*args)>/d args[i] for i in `wrt`.

    Args:
        reference: a torch implementation (takes and returns float64 tensors).
        case: the inputs; arrays at the `wrt` positions are differentiated.
        wrt: positional indices of the float array arguments.

    Returns:
        (grads, grad_output): one array per `wrt` index, and the fixed upstream gradient used
        (drawn from a generator seeded by the output's shape, so a case always gets the same one).
    """
    import torch

    from mlvc_review.grading.checks.kinds import GraderBug

    args = list(materialize(case.args))
    leaves = {}
    for i in wrt:
        leaves[i] = torch.tensor(args[i], dtype=torch.float64, requires_grad=True)
        args[i] = leaves[i]
    args = [torch.tensor(a, dtype=torch.float64) if isinstance(a, np.ndarray) and i not in leaves else a for i, a in enumerate(args)]
    try:
        out = reference(*args, **materialize(case.kwargs))
        if isinstance(out, (tuple, list)):
            out = out[0]  # gradients flow from the first output, as in the sandbox worker
        rng = np.random.default_rng(abs(hash(tuple(out.shape))) % 2**32)
        grad_output = rng.standard_normal(tuple(out.shape))
        grads = torch.autograd.grad(out, [leaves[i] for i in wrt], grad_outputs=torch.tensor(grad_output), allow_unused=True)
    except Exception as err:
        raise GraderBug(f"reference gradients failed ({type(err).__name__}: {err})") from err
    result = [np.zeros(args[i].shape) if g is None else g.detach().numpy() for i, g in zip(wrt, grads)]
    return result, grad_output
