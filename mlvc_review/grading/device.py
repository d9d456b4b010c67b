"""Where heavy checks run: detect CUDA without importing torch in the grading process.

`--device auto` uses CUDA when the driver is visible (/dev/nvidiactl, or
`nvidia-smi -L` lists a GPU); `cpu` runs heavy checks slowly on the CPU;
`cuda` insists on a GPU. Only the sandbox worker imports torch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from mlvc_review.errors import UsageError

CHOICES = ("auto", "cpu", "cuda")


@dataclass(frozen=True)
class DeviceChoice:
    """The resolved device and whether heavy checks may run on it."""

    device: str  # "cpu" | "cuda"
    heavy_ok: bool


def cuda_visible() -> bool:
    """A CUDA driver with at least one GPU is present (no torch import)."""
    if os.environ.get("CUDA_VISIBLE_DEVICES", None) in ("", "-1"):
        return False
    if os.path.exists("/dev/nvidiactl"):
        return True
    smi = shutil.which("nvidia-smi")
    if smi is None:
        return False
    try:
        out = subprocess.run([smi, "-L"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and "GPU" in out.stdout


def resolve_device(choice: str) -> DeviceChoice:
    """Map --device to where heavy checks run.

    Raises:
        UsageError: an unknown choice, or "cuda" without a GPU.
    """
    if choice not in CHOICES:
        raise UsageError(f"--device must be one of {', '.join(CHOICES)}, not '{choice}'")
    if choice == "cpu":
        return DeviceChoice("cpu", True)
    if cuda_visible():
        return DeviceChoice("cuda", True)
    if choice == "cuda":
        raise UsageError("--device cuda: no CUDA device found (use --device auto or cpu)")
    return DeviceChoice("cpu", False)
