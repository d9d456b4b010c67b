"""The training check kind, trusted side: send data and a budget, judge what comes back.

A `Plan` (registered by a task module) says how one contract class is trained:
the worker task, the constructor arguments, the data set drawn from the seed,
the metrics and thresholds, the symptoms that name causes, and a `Budget` per
device. Two checks use it: "interface" (steps = 0: shapes, parameters,
gradients, no mutation) and "learns" (the grader's loop for the budget, then
the metric against the threshold). The sandbox returns plain arrays only; every
verdict is made here. A passing check returns a `Failure` of status "passed"
whose message carries the measured metric and the budget (run_check copies
status and message), so the report says what was measured and on which budget.

Diagnosis: each known mistake (a class of ours) is built and probed in this
process; it explains a failure when its symptoms are exactly the student's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

import numpy as np

from mlvc_review.grading.checks.kinds import STOP_STATUSES, STOP_TEXT, Failure, TaskContext, exception_text
from mlvc_review.grading.spec import Case, Check

INTERFACE, LEARNS = "interface", "learns"
INTERFACE_TIMEOUT = 60.0


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
        return None if ok and np.isfinite(got) else f"{self.name} {_num(got)}{self.unit}, needs {self.op} {_num(self.value)}{self.unit}"


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


def checks(plan: Plan) -> tuple[Check, ...]:
    """The "interface" and "learns" checks of `plan` (heavy: they run with a GPU or --device cpu)."""
    label = f"{plan.function}({', '.join(map(repr, plan.ctor))})"
    examples = lambda: [Case(plan.ctor, label=label)]  # noqa: E731
    worst = max(b.timeout for b in plan.budgets.values())
    common = dict(kind="training", examples=examples, heavy=True, mode="train", dtype="float32", compare=explainer(plan.function))
    return (Check(INTERFACE, timeout=INTERFACE_TIMEOUT, **common), Check(LEARNS, timeout=worst, **common))


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


def evaluate(ctx: TaskContext, check: Check, case: Case) -> Failure | None:
    """Run one training check in the sandbox and judge its plain result."""
    plan = PLANS[ctx.spec.function]
    device = ctx.device if check.heavy else "cpu"
    budget = plan.budget(device)
    steps = 0 if check.name == INTERFACE else budget.steps
    timeout = INTERFACE_TIMEOUT if steps == 0 else budget.timeout
    outcome = ctx.session.call(ctx.spec.function, [payload(plan, budget, steps)], {}, mode="train", dtype="float32",
                               device=device, timeout=max(timeout, ctx.timeout or 0.0))
    if outcome.status in STOP_STATUSES:
        text = (outcome.error or "").strip() or STOP_TEXT[outcome.status]
        if outcome.status == "timeout":
            text += f": the {'interface check' if steps == 0 else budget.label(device)} did not finish; keep the model small"
        return Failure(STOP_STATUSES[outcome.status], text, case, stop=True)
    if outcome.status != "ok":
        return Failure("error", exception_text(outcome.error), case)
    value = outcome.value if type(outcome.value) is dict else {}
    return judge(plan, value, steps, budget, device, case)


def judge(plan: Plan, value: dict, steps: int, budget: Budget, device: str, case: Case | None = None) -> Failure:
    """The verdict on one worker result: "failed" with the reason, or "passed" with what was measured."""
    problems = [p for p in value.get("problems", []) if type(p) is str]
    got: dict[str, Any] = {"symptoms": sorted(student_symptoms(plan, value))}
    if problems:
        return Failure("failed", "; ".join(problems), case, got=got)
    if steps == 0:
        return Failure("passed", "shapes, parameters, gradients and inputs as the contract says")
    loss = np.asarray(value.get("loss", []), dtype=np.float64).ravel()
    done = int(value.get("steps_done", 0)) if type(value.get("steps_done")) is int else 0
    got["loss"] = loss
    if done < steps:
        if loss.size and not np.isfinite(loss[-1]):
            return Failure("failed", f"the training loss became {loss[-1]} at step {done} of {steps}", case, got=got)
        return Failure("failed", f"only {done} of {steps} training steps ran in {budget.max_seconds:g} s: "
                                 f"the model is too slow for the grader's budget; make it smaller", case, got=got)
    try:
        metrics = plan.metrics(made_for(plan.function, plan.seed), value.get("final", {}))
    except (KeyError, ValueError, TypeError, AttributeError) as err:
        return Failure("error", f"the trained model's outputs could not be measured ({type(err).__name__}: {err})", case, got=got)
    got["metrics"] = metrics
    curve = f"loss {_num(loss[0])} -> {_num(float(np.mean(loss[-max(1, steps // 20):])))}"
    fails = [text for t in plan.thresholds if (text := t.fails(metrics))]
    if fails:
        return Failure("failed", f"{'; '.join(fails)} ({budget.label(device)}; {curve})", case, got=got)
    measured = ", ".join(f"{t.name} {_num(metrics[t.metric])}{t.unit} ({t.op} {_num(t.value)}{t.unit})" for t in plan.thresholds)
    return Failure("passed", f"{measured} after {budget.label(device)}; {curve}")


def student_symptoms(plan: Plan, value: dict) -> set[str]:
    """Symptoms of a worker result: output shapes, and what holds at the probes before and after training."""
    found = shape_symptoms(value.get("shapes", []))
    probes = [p for p in (value.get("init"), value.get("final")) if type(p) is dict and p]
    sets = []
    for p in probes:
        try:
            sets.append(plan.symptoms(p))
        except (KeyError, ValueError, TypeError, AttributeError):
            pass
    return found | (set.intersection(*sets) if sets else set())


def shape_symptoms(shapes: Any) -> set[str]:
    found = set()
    for item in shapes if type(shapes) is list else []:
        got, expected = (list(v) for v in item)
        if len(got) == len(expected) >= 2 and got[:-2] == expected[:-2] and all(g < e for g, e in zip(got[-2:], expected[-2:])):
            found.add("output smaller than its input")
        else:
            found.add("wrong output shape")
    return found


def mistake_symptoms(plan: Plan, cls: type) -> set[str]:
    """The symptoms of one of our known-wrong classes, built and probed here (initialised from the plan's seed)."""
    import torch

    from mlvc_review.grading.sandbox.training_tasks import TASKS

    task = TASKS[plan.task]
    probe = {k: torch.tensor(v) if v.dtype.kind == "f" else torch.tensor(v.astype(np.int64))
             for k, v in made_for(plan.function, plan.seed)["probe"].items()}
    shapes: list = []
    for args in (plan.ctor, *plan.variants):
        torch.manual_seed(plan.seed)
        shapes += [[got, expected] for _, got, expected in task.shapes(cls(*args), list(args), "cpu")]
    if shapes:  # as in the worker: wrong shapes stop the interface check before the probes
        return shape_symptoms(shapes)
    torch.manual_seed(plan.seed)
    model = cls(*plan.ctor).eval()
    with torch.no_grad():
        return plan.symptoms(task.probe(model, probe))


def explainer(function: str) -> Callable[[Any, Any, Case], str | None]:
    """The check's `compare` hook for the diagnosis: (a known mistake's instance, the student's `got`, case)
    -> None when the mistake shows exactly the student's symptoms."""

    def explains(mistake: Any, got: Any, case: Case) -> str | None:
        if type(got) is not dict:
            return "no symptoms"
        theirs = mistake_symptoms(PLANS[function], type(mistake))
        return None if theirs == set(got.get("symptoms", [])) else f"symptoms differ: {sorted(theirs)}"

    return explains


def _num(x: float) -> str:
    return f"{x:.3g}" if np.isfinite(x) else str(x)
