"""Worker side of the training check kind: build the student's model, probe its interface, train it.

A training request is a sandbox call with ``mode="train"``; its one argument is a
plain dict from `checks.training` (the trusted side):

    {"task": "vae" | "denoiser" | "unet" | "implicit", "ctor": [...], "variants": [[...], ...],
     "seed": int, "steps": int, "batch": int, "lr": float, "max_seconds": float,
     "data": {name: array}, "probe": {name: array}}

Phases, each run as student code (its exceptions and output are the student's):
the interface (the class built with the contract's arguments and each variant,
output shapes, parameters that exist and receive gradients, inputs left
unchanged, probe outputs at initialisation), then the grader's own loop (Adam,
`steps` steps, the task's loss from `training_tasks`), then the evaluation outputs.
Only plain data goes back: observed problems as text, the loss curve, outputs
as float32 arrays. No metric or threshold is here: the trusted process decides.
Randomness (initialisation, batches, noise) comes from `seed`, so a CPU run is
deterministic.
"""

from __future__ import annotations

import math
import time
from typing import Any, Callable

import numpy as np

from mlvc_review.grading.sandbox import training_tasks


def run(sub: Any, req: dict, run_student: Callable[[Any, Callable[[], Any]], dict]) -> dict:
    """Serve one training request; returns the reply fields (value plain data)."""
    import torch

    cls = vars(sub.module).get(req["function"]) if sub.module is not None else None
    if not isinstance(cls, type) or not issubclass(cls, torch.nn.Module):
        what = "nothing" if cls is None else f"a {type(cls).__name__}"
        return {"status": "error", "error": f"`{req['function']}` must be a torch.nn.Module subclass; the file defines {what}"}
    payload = req["args"][0]
    device = torch.device(req["device"])
    task = training_tasks.TASKS[payload["task"]]
    data = {k: _tensor(v, device) for k, v in payload["data"].items()}
    probe = {k: _tensor(v, device) for k, v in payload["probe"].items()}
    value: dict = {"problems": [], "shapes": [], "notes": [], "loss": np.zeros(0, np.float32), "steps_done": 0, "init": {}, "final": {}}
    replies: list[dict] = []

    def student(action: Callable[[], Any], phase: str) -> tuple[bool, Any]:
        reply = run_student(sub, action)
        replies.append(reply)
        if reply["status"] != "ok":
            reply["error"] = f"{phase}: {reply['error']}"
        return reply["status"] == "ok", reply.get("raw")

    def interface() -> None:
        for args in [payload["ctor"], *payload["variants"]]:
            torch.manual_seed(payload["seed"])
            model = cls(*args).to(device)
            for text, got, expected in task.shapes(model, args, device):
                value["problems"].append(f"{_call(req['function'], args)}: {text}")
                value["shapes"].append([got, expected])
        torch.manual_seed(payload["seed"])
        value["model"] = model = cls(*payload["ctor"]).to(device)
        if value["problems"]:
            return  # wrong shapes: the loss and the probes would only fail on them
        problems, notes = _parameters(model, task, probe)
        value["problems"] += [f"{_call(req['function'], payload['ctor'])}: {p}" for p in problems]
        value["notes"] += notes
        model.eval()
        with torch.no_grad():
            value["init"] = task.probe(model, probe)

    ok, _ = student(interface, "while checking the interface")
    model = value.pop("model", None)
    if ok and not value["problems"] and payload["steps"] > 0:
        ok, _ = student(lambda: _train(model, task, data, payload, value, device), "during training")
        if ok:
            ok, _ = student(lambda: _evaluate(model, task, data, probe, value), "while evaluating the trained model")
    return _merge(replies, value)


def _train(model: Any, task: Any, data: dict, payload: dict, value: dict, device: Any) -> None:
    """The grader's loop: Adam on the task's loss, `steps` mini-batches, stopped early at a non-finite loss."""
    import torch

    gen = torch.Generator(device=device)
    gen.manual_seed(payload["seed"] + 1)
    optimiser = torch.optim.Adam(model.parameters(), lr=payload["lr"])
    steps = payload["steps"]
    # cosine decay of the learning rate to 0 over the budget: η_s = η (1 + cos(π s / steps)) / 2
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: 0.5 * (1.0 + math.cos(math.pi * s / steps)))
    losses = np.full(payload["steps"], np.nan, dtype=np.float32)
    start = time.perf_counter()
    model.train()
    for step in range(payload["steps"]):
        loss = task.loss(model, data, payload["batch"], gen)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        schedule.step()
        losses[step] = float(loss.detach())
        value["steps_done"] = step + 1
        if not np.isfinite(losses[step]) or time.perf_counter() - start > payload["max_seconds"]:
            break
    value["loss"] = losses[: value["steps_done"]]
    value["train_seconds"] = time.perf_counter() - start


def _evaluate(model: Any, task: Any, data: dict, probe: dict, value: dict) -> None:
    import torch

    model.eval()
    with torch.no_grad():
        value["final"] = task.probe(model, probe)
        value["final"].update(task.evaluate(model, data))


def _parameters(model: Any, task: Any, probe: dict) -> tuple[list[str], list[str]]:
    """Problems (no parameters, no gradient at all, inputs changed) and notes (parameters left without a gradient)."""
    import torch

    params = dict(model.named_parameters())
    if not params:
        return ["has no parameters: layers must be attributes of the module (or in nn.Sequential / nn.ModuleList) "
                "for the optimiser to see them"], []
    inputs = task.interface_inputs(probe)
    before = [x.clone() for x in inputs]
    model.train()
    loss = task.loss_on(model, probe)
    changed = [i for i, (a, b) in enumerate(zip(before, inputs)) if not torch.equal(a, b)]
    problems = [f"modified its input {task.input_names[i]} in place" for i in changed]
    if not isinstance(loss, torch.Tensor) or not loss.requires_grad:
        return problems + ["its output is not connected to its parameters by autograd"], []
    loss.backward()
    grads = {n: p.grad for n, p in params.items()}
    if all(g is None or not bool(torch.any(g != 0)) for g in grads.values()):
        problems.append("no parameter receives a gradient from the loss")
    model.zero_grad(set_to_none=True)
    unused = [n for n, g in grads.items() if g is None]
    notes = [f"parameters without a gradient (unused by the computation): {', '.join(unused[:5])}"] if unused else []
    return problems, notes


def _tensor(a: np.ndarray, device: Any) -> Any:
    import torch

    if a.dtype.kind == "f":
        return torch.tensor(a, dtype=torch.float32, device=device)
    return torch.tensor(a.astype(np.int64), device=device)


def _call(name: str, args: list) -> str:
    return f"{name}({', '.join(map(repr, args))})"


def _merge(replies: list[dict], value: dict) -> dict:
    """One reply for the phases: the first failing phase's status and error, everyone's output."""
    failed = next((r for r in replies if r["status"] != "ok"), None)
    reply = {
        "status": failed["status"] if failed else "ok",
        "error": failed["error"] if failed else None,
        "seconds": sum(r["seconds"] for r in replies),
        "stdout": "".join(r["stdout"] for r in replies),
        "stderr": "".join(r["stderr"] for r in replies),
    }
    if failed is None:
        reply["value"] = value  # numpy arrays, numbers, strings and lists only: plain data as it stands
    return reply
