"""Known wrong FGSM and PGD attacks (names and explanations: question_bank/05_style_code.yaml)."""

from __future__ import annotations

from typing import Any, Callable

from mlvc_reference.adversarial import _as_tensors, input_gradient


def fgsm_no_clip(model: Callable[[Any], Any], x: Any, y: Any, eps: float) -> Any:
    """Wrong: x + ε sign(∇_x L) without clipping, so pixels near 0 or 1 leave the image range."""
    import torch

    x, y = _as_tensors(x, y)
    return x + eps * torch.sign(input_gradient(model, x, y))


def fgsm_descent(model: Callable[[Any], Any], x: Any, y: Any, eps: float) -> Any:
    """Wrong: steps against the gradient, which makes the true label MORE likely."""
    import torch

    x, y = _as_tensors(x, y)
    return torch.clamp(x - eps * torch.sign(input_gradient(model, x, y)), 0.0, 1.0)


def fgsm_raw_gradient(model: Callable[[Any], Any], x: Any, y: Any, eps: float) -> Any:
    """Wrong: x + ε ∇_x L (no sign), a tiny step scaled by the gradient's size, not an L∞ step."""
    import torch

    x, y = _as_tensors(x, y)
    return torch.clamp(x + eps * input_gradient(model, x, y), 0.0, 1.0)


def _pgd(model: Callable[[Any], Any], x: Any, y: Any, eps: float, alpha: float, steps: int, *,
         around_iterate: bool = False, clip: bool = True, recompute: bool = True, step: float | None = None) -> Any:
    """PGD with one thing changed: the ball's centre, the [0, 1] clip, the gradient's point, the step."""
    import torch

    x, y = _as_tensors(x, y)
    x_adv = x.clone()
    g0 = torch.sign(input_gradient(model, x, y))
    for _ in range(steps):
        centre = x_adv if around_iterate else x
        g = torch.sign(input_gradient(model, x_adv, y)) if recompute else g0
        x_adv = x_adv + (alpha if step is None else step) * g
        x_adv = torch.minimum(torch.maximum(x_adv, centre - eps), centre + eps)
        if clip:
            x_adv = torch.clamp(x_adv, 0.0, 1.0)
    return x_adv


def pgd_projected_around_iterate(model: Callable[[Any], Any], x: Any, y: Any, eps: float, alpha: float, steps: int) -> Any:
    """Wrong: projects onto the ε-ball around the CURRENT iterate; with α <= ε that never binds,
    so after enough steps the result drifts up to steps·α away from x."""
    return _pgd(model, x, y, eps, alpha, steps, around_iterate=True)


def pgd_no_clip(model: Callable[[Any], Any], x: Any, y: Any, eps: float, alpha: float, steps: int) -> Any:
    """Wrong: projects onto the ε-ball but never clips to [0, 1]."""
    return _pgd(model, x, y, eps, alpha, steps, clip=False)


def pgd_gradient_not_recomputed(model: Callable[[Any], Any], x: Any, y: Any, eps: float, alpha: float, steps: int) -> Any:
    """Wrong: takes the gradient once at x and repeats that step; PGD re-linearises at every iterate."""
    return _pgd(model, x, y, eps, alpha, steps, recompute=False)


def pgd_steps_of_eps(model: Callable[[Any], Any], x: Any, y: Any, eps: float, alpha: float, steps: int) -> Any:
    """Wrong: every step moves by ε instead of the step size α."""
    return _pgd(model, x, y, eps, alpha, steps, step=eps)
