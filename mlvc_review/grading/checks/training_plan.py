"""How a trained class is graded: its `Plan` (data, metrics, thresholds, symptoms) and `Budget` per device.

Task modules register one plan per contract class; `checks.training` runs it. Data sets
are drawn once per process and seed (`made_for`) and sent to the sandbox as arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Budget:
    """How long the grader trains, per device; `calibrated` is False where no calibration backs the thresholds."""

    steps: int
    batch: int
    lr: float
    max_seconds: float  # training stops here (the check fails: the model is too slow for the budget)
    timeout: float  # the whole call (interface, training, evaluation) is killed after this
    calibrated: bool = True

    def label(self, device: str) -> str:
        where = "CPU" if device == "cpu" else "GPU"
        note = "" if self.calibrated else ", thresholds of the CPU calibration: GPU budget not calibrated yet"
        return f"{self.steps} steps on the {where} budget{note}"


@dataclass(frozen=True)
class Threshold:
    """One metric bound, e.g. Threshold("psnr", ">=", 20.0, "PSNR", "dB")."""

    metric: str
    op: str  # ">=" | "<="
    value: float
    name: str
    unit: str = ""

    def fails(self, metrics: dict[str, float]) -> str | None:
        got = metrics[self.metric]
        ok = got >= self.value if self.op == ">=" else got <= self.value
        return None if ok and np.isfinite(got) else f"{self.name} {num(got)}{self.unit}, needs {self.op} {num(self.value)}{self.unit}"


@dataclass(frozen=True)
class Plan:
    """How one contract class is trained and judged."""

    function: str
    task: str  # key of `sandbox.training_tasks.TASKS`
    ctor: tuple  # the contract's constructor arguments for training
    variants: tuple[tuple, ...]  # other constructor arguments whose output shapes are checked
    make: Callable[[int], dict]  # seed -> {"data": {...}, "probe": {...}, ...} (training_data)
    metrics: Callable[[dict, dict], dict[str, float]]  # (made, final outputs) -> metrics
    thresholds: tuple[Threshold, ...]
    symptoms: Callable[[dict], set[str]]  # probe outputs -> symptom names
    budgets: dict[str, Budget] = field(default_factory=dict)
    seed: int = 0

    def budget(self, device: str) -> Budget:
        return self.budgets.get(device) or self.budgets["cpu"]


PLANS: dict[str, Plan] = {}


def register_plan(plan: Plan) -> Plan:
    PLANS[plan.function] = plan
    return plan


@lru_cache(maxsize=8)
def made_for(function: str, seed: int) -> dict:
    """The plan's data set and probes for `seed` (drawn once per process)."""
    return PLANS[function].make(seed)


def payload(plan: Plan, budget: Budget, steps: int) -> dict:
    made = made_for(plan.function, plan.seed)
    return {
        "task": plan.task, "ctor": list(plan.ctor), "variants": [list(v) for v in plan.variants], "seed": plan.seed,
        "steps": steps, "batch": budget.batch, "lr": budget.lr, "max_seconds": budget.max_seconds,
        "data": made["data"], "probe": made["probe"],
    }


def num(x: float) -> str:
    return f"{x:.3g}" if np.isfinite(x) else str(x)
