"""Chapter 3 task spec: the UNet class, trained on synthetic segmentation (heavy check).

Data: 32x32 grey images of one to three discs and squares (0.6 brighter than the
background) under pixel noise of std 0.35; the mask is the shape pixels. The
grader trains `UNet(1, 1)` with per-pixel binary cross-entropy on its logits and
measures the IoU of `logit > 0` with the true masks on 64 held-out images. The
interface check also builds `UNet(3, 2)` and needs the input's H x W back for
sizes that are multiples of 8. Thresholds: bench/RESULTS.md (calibration).
"""

from __future__ import annotations

from dataclasses import replace

from mlvc_review.grading.checks import training_data, training_metrics
from mlvc_review.grading.checks.training import Budget, Plan, Threshold, checks, register_plan
from mlvc_review.grading.spec import TaskSpec, register

CPU = Budget(steps=200, batch=16, lr=2e-3, max_seconds=240.0, timeout=360.0)

PLAN = register_plan(Plan(
    "UNet", "unet", (1, 1), ((3, 2),), training_data.shapes_data, training_metrics.unet_metrics,
    (Threshold("iou", ">=", 0.84, "IoU"),), training_metrics.unet_symptoms,
    {"cpu": CPU, "cuda": replace(CPU, calibrated=False)},
))

register(TaskSpec("UNet", "mlvc_reference.models.unet:UNet", checks(PLAN), framework="torch"))
