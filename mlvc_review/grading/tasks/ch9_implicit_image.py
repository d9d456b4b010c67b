"""Chapter 9 task spec: the ImplicitImage class, fitted to a procedural 64x64 image (heavy check).

Data: per colour channel, three plane waves of 4-16 cycles per unit and a
hard-edged disc, on the 64x64 grid of pixel centres in [0, 1]^2. The grader fits
`ImplicitImage(6)` with the mean squared colour error, full batch, and measures
the PSNR (data range 1) of its colours on the grid. Thresholds: bench/RESULTS.md.
"""

from __future__ import annotations

from dataclasses import replace

from mlvc_review.grading.checks import training_data, training_metrics
from mlvc_review.grading.checks.training import Budget, Plan, Threshold, checks, register_plan
from mlvc_review.grading.spec import TaskSpec, register

CPU = Budget(steps=1000, batch=4096, lr=5e-3, max_seconds=300.0, timeout=420.0)

PLAN = register_plan(Plan(
    "ImplicitImage", "implicit", (6,), ((3,),), training_data.image_data,
    training_metrics.image_metrics, (Threshold("psnr", ">=", 20.0, "PSNR", " dB"),), training_metrics.image_symptoms,
    {"cpu": CPU, "cuda": replace(CPU, calibrated=False)},
))

register(TaskSpec("ImplicitImage", "mlvc_reference.models.implicit_image:ImplicitImage", checks(PLAN), framework="torch"))
