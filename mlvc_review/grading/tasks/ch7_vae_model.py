"""Chapter 7 task spec: the VAE class, trained on binary patterns (heavy check).

Data: 8x8 binary patterns (D = 64), eight random prototypes with each pixel
flipped with probability 0.05. The grader trains `VAE(64, 2)` on the negative
ELBO (Bernoulli decoder on logits, one reparameterised sample per example) and
measures on 512 held-out patterns: the negative ELBO per example (nats), and the
pixel accuracy of decode(μ) against the best constant guess per pixel. The
interface check also builds `VAE(10, 3)`. Thresholds: bench/RESULTS.md.
"""

from __future__ import annotations

from dataclasses import replace

from mlvc_review.grading.checks import training_data, training_metrics
from mlvc_review.grading.checks.training import Budget, Plan, Threshold, checks, register_plan
from mlvc_review.grading.spec import TaskSpec, register

CPU = Budget(steps=1000, batch=64, lr=2e-3, max_seconds=120.0, timeout=240.0)

PLAN = register_plan(Plan(
    "VAE", "vae", (64, 2), ((10, 3),), training_data.vae_data, training_metrics.vae_metrics,
    (Threshold("negative_elbo", "<=", 20.0, "negative ELBO", " nats"),
     Threshold("reconstruction_accuracy", ">=", 0.9, "pixel accuracy of decode(mu)")),
    training_metrics.vae_symptoms,
    {"cpu": CPU, "cuda": replace(CPU, calibrated=False)},
))

register(TaskSpec("VAE", "mlvc_reference.models.vae_model:VAE", checks(PLAN), framework="torch"))
