"""The training check kind, trusted side: send data and a budget, judge what comes back.

A `Plan` (training_plan.py; a task module registers one) says how a class is trained:
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

from typing import Any, Callable

import numpy as np

from mlvc_review.grading.checks.kinds import STOP_STATUSES, STOP_TEXT, Failure, TaskContext, exception_text
from mlvc_review.grading.checks.training_plan import PLANS, Budget, Plan, Threshold, made_for, num, payload, register_plan
from mlvc_review.grading.spec import Case, Check

__all__ = ["PLANS", "Budget", "Plan", "Threshold", "register_plan", "made_for", "payload", "checks", "evaluate", "judge",
           "student_symptoms", "shape_symptoms", "mistake_symptoms", "explainer", "Failure"]

INTERFACE, LEARNS = "interface", "learns"
INTERFACE_TIMEOUT = 60.0
SMALLER, SCALED_DOWN, WRONG_SHAPE = "output smaller than its input", "output scaled down by a whole factor", "wrong output shape"


def checks(plan: Plan) -> tuple[Check, ...]:
    """The "interface" and "learns" checks of `plan` (heavy: they run with a GPU or --device cpu)."""
    label = f"{plan.function}({', '.join(map(repr, plan.ctor))})"
    examples = lambda: [Case(plan.ctor, label=label)]  # noqa: E731
    worst = max(b.timeout for b in plan.budgets.values())
    common = dict(kind="training", examples=examples, heavy=True, mode="train", dtype="float32", compare=explainer(plan.function))
    return (Check(INTERFACE, timeout=INTERFACE_TIMEOUT, **common), Check(LEARNS, timeout=worst, **common))


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
        advice = shape_advice(set(got["symptoms"]), value.get("shapes"))
        return Failure("failed", "; ".join(problems) + advice, case, got=got)
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
    curve = f"loss {num(loss[0])} -> {num(float(np.mean(loss[-max(1, steps // 20):])))}"
    fails = [text for t in plan.thresholds if (text := t.fails(metrics))]
    if fails:
        return Failure("failed", f"{'; '.join(fails)} ({budget.label(device)}; {curve})", case, got=got)
    measured = ", ".join(f"{t.name} {num(metrics[t.metric])}{t.unit} ({t.op} {num(t.value)}{t.unit})" for t in plan.thresholds)
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
    """Symptoms of [[got, expected], ...] output shapes. A spatial size smaller by a few pixels everywhere
    (unpadded convolutions) is told apart from one divided by the same whole factor k >= 2 at every size
    tried (a pooling or stride that nothing upsamples back)."""
    found, factors = set(), set()
    for item in shapes if type(shapes) is list else []:
        got, expected = (list(v) for v in item)
        if len(got) == len(expected) >= 2 and got[:-2] == expected[:-2] and all(g < e for g, e in zip(got[-2:], expected[-2:])):
            found.add(SMALLER)
            ratios = {e / g if g > 0 else 0.0 for g, e in zip(got[-2:], expected[-2:])}
            factors.add(ratios.pop() if len(ratios) == 1 else 0.0)
        else:
            found.add(WRONG_SHAPE)
    if SMALLER in found and len(factors) == 1 and (k := factors.pop()) >= 2 and k == int(k):
        found = (found - {SMALLER}) | {SCALED_DOWN}
    return found


def shape_advice(symptoms: set[str], shapes: Any) -> str:
    """A sentence on a whole-factor shrink (the worker's own problem text only states the shapes)."""
    if SCALED_DOWN not in symptoms:
        return ""
    try:
        k = next(int(e[-1] // g[-1]) for g, e in shapes if len(g) == len(e) and 0 < g[-1] < e[-1])
    except (StopIteration, TypeError, ValueError, IndexError):
        return ""
    return (f"; the output's H and W are {k}x smaller than the input's at every size tried: a downsampling "
            f"(pooling or a strided convolution) is not upsampled back to the input's size")


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
