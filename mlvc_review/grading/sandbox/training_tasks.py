"""The four trained classes as the worker's loop sees them: shapes, the grader's loss, probes, outputs.

Each task object says how to call the model (`shapes` checks one constructor's
output shapes on small inputs), the loss the grader trains with (the student's
module computes none of it), what to record at the probe inputs, and what to
return after training. Losses follow the contract: VAE — negative ELBO with a
Bernoulli decoder on logits; Denoiser — DDPM's simple loss on ε; UNet — binary
cross-entropy on logits per pixel; ImplicitImage — mean squared error of colours.
Arrays come back as float32 numpy; nothing here measures quality.
"""

from __future__ import annotations

from typing import Any

from mlvc_review.grading.sandbox.training_generative import DenoiserTask, VaeTask, reverse_step
from mlvc_review.grading.sandbox.training_images import ImplicitTask, UNetTask

__all__ = ["TASKS", "reverse_step"]

TASKS: dict[str, Any] = {"vae": VaeTask(), "denoiser": DenoiserTask(), "unet": UNetTask(), "implicit": ImplicitTask()}
