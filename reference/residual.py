"""Chapter 3 (torch): a basic residual block, differentiable in all of its inputs.

The one torch reference of the chapter: it is graded in torch mode (values and
gradients), so it is written with torch.nn.functional and accepts NumPy arrays
too (the grader's trusted process calls it with both).
"""

from __future__ import annotations

from typing import Any


def residual_block(x: Any, w1: Any, b1: Any, w2: Any, b2: Any) -> Any:
    """y = relu(x + conv(relu(conv(x, w1, b1, pad=1)), w2, b2, pad=1)) with 3x3 kernels.

    Args:
        x: (N, C, H, W) input.
        w1: (F, C, 3, 3) first kernel; b1: (F,).
        w2: (C, F, 3, 3) second kernel (back to C channels for the skip); b2: (C,).

    Returns:
        y: (N, C, H, W), a torch tensor (float64 for NumPy inputs).
    """
    import torch
    import torch.nn.functional as F

    x, w1, b1, w2, b2 = (torch.as_tensor(a) for a in (x, w1, b1, w2, b2))
    # h = relu(x ⋆ w1 + b1), padding 1 keeps H x W      h: (N, F, H, W)
    h = F.relu(F.conv2d(x, w1, b1, padding=1))
    # y = relu(x + h ⋆ w2 + b2): the skip adds the block's input before the last ReLU      y: (N, C, H, W)
    return F.relu(x + F.conv2d(h, w2, b2, padding=1))
