"""Known-wrong residual blocks (names and explanations: question_bank/03_cnn_code.yaml)."""

from __future__ import annotations

from typing import Any


def _torch(*arrays: Any) -> tuple[Any, Any, Any]:
    import torch
    import torch.nn.functional as F

    return torch, F, tuple(torch.as_tensor(a) for a in arrays)


def residual_block_relu_before_skip(x: Any, w1: Any, b1: Any, w2: Any, b2: Any) -> Any:
    """Wrong: y = x + relu(conv(h)): the last ReLU applied before the skip is added."""
    _, F, (x, w1, b1, w2, b2) = _torch(x, w1, b1, w2, b2)
    h = F.relu(F.conv2d(x, w1, b1, padding=1))
    return x + F.relu(F.conv2d(h, w2, b2, padding=1))


def residual_block_no_inner_relu(x: Any, w1: Any, b1: Any, w2: Any, b2: Any) -> Any:
    """Wrong: no ReLU between the two convolutions (they collapse into one linear map)."""
    _, F, (x, w1, b1, w2, b2) = _torch(x, w1, b1, w2, b2)
    h = F.conv2d(x, w1, b1, padding=1)
    return F.relu(x + F.conv2d(h, w2, b2, padding=1))


def residual_block_no_skip(x: Any, w1: Any, b1: Any, w2: Any, b2: Any) -> Any:
    """Wrong: a plain two-layer conv stack; the identity path is missing."""
    _, F, (x, w1, b1, w2, b2) = _torch(x, w1, b1, w2, b2)
    h = F.relu(F.conv2d(x, w1, b1, padding=1))
    return F.relu(F.conv2d(h, w2, b2, padding=1))


def residual_block_skip_before_second_conv(x: Any, w1: Any, b1: Any, w2: Any, b2: Any) -> Any:
    """Wrong: the notes' psi((phi(f * g1) + f) * g2); x added to the hidden map, then convolved (needs F == C)."""
    _, F, (x, w1, b1, w2, b2) = _torch(x, w1, b1, w2, b2)
    h = F.relu(F.conv2d(x, w1, b1, padding=1))
    return F.relu(F.conv2d(h + x, w2, b2, padding=1))

