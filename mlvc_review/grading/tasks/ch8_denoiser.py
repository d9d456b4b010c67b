"""Chapter 8 task spec: the Denoiser class, trained with the DDPM loss on a ring of Gaussians (heavy check).

Data: a mixture of 8 Gaussians (std 0.05) on the unit circle, randomly rotated.
The grader trains `Denoiser(2)` with L_simple on the reference schedule
(`linear_beta_schedule(1000)`, steps t = 0..999 passed as int64), then draws
1000 samples with the reference reverse step from x_T ~ N(0, I). Measured: the
fraction of samples within 4 std (0.2) of a mode centre, and how many modes get
at least a quarter of their fair share of those. Thresholds: bench/RESULTS.md.
"""

from __future__ import annotations

from dataclasses import replace

from mlvc_review.grading.checks import training_data, training_metrics
from mlvc_review.grading.checks.training import Budget, Plan, Threshold, checks, register_plan
from mlvc_review.grading.spec import TaskSpec, register

CPU = Budget(steps=2000, batch=512, lr=1e-2, max_seconds=240.0, timeout=360.0)

PLAN = register_plan(Plan(
    "Denoiser", "denoiser", (2,), ((3,),), training_data.ring_data, training_metrics.ring_metrics,
    (Threshold("near_mode", ">=", 0.7, "fraction of samples near a mode"),
     Threshold("modes_covered", ">=", 8, "modes covered")),
    training_metrics.ring_symptoms,
    {"cpu": CPU, "cuda": replace(CPU, calibrated=False)},
))

register(TaskSpec("Denoiser", "mlvc_reference.models.denoiser:Denoiser", checks(PLAN), framework="torch"))
