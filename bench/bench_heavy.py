"""Heavy checks of the four trained classes (issue 11): calibration across seeds, and the suite's wall time.

calibrate   For each class, the reference and every known mistake of its bank question are
            trained with the worker's own loop (`sandbox.training.run`, in this process, one
            torch thread as in the sandbox), for seeds 0..N-1 on one device budget. Printed per
            variant: each threshold metric's min / median / max, how many seeds pass, and how
            many failing seeds are diagnosed as the mistake itself. The thresholds hold when
            every reference seed passes and every mistake seed fails (no overlap).
suite       `mlvc-review grade my_models.py --device cpu|cuda` on one file holding the four reference
            classes (a subprocess: start-up, sandbox and all): the whole heavy suite's wall time.

Usage:
  python bench/bench_heavy.py calibrate [--seeds 10] [--device cpu] [--only VAE] [--json out.json]
  python bench/bench_heavy.py suite [--device cpu]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import types
from dataclasses import replace
from pathlib import Path

import numpy as np

CLASSES = ("UNet", "VAE", "Denoiser", "ImplicitImage")


def _run_student(sub: object, action) -> dict:
    start = time.perf_counter()
    try:
        raw, status, error = action(), "ok", None
    except Exception as err:  # noqa: BLE001 - reported like the sandbox does
        raw, status, error = None, "error", f"{type(err).__name__}: {err}"
    return {"status": status, "error": error, "raw": raw, "seconds": time.perf_counter() - start, "stdout": "", "stderr": ""}


def train_once(function: str, impl: str, seed: int, device: str) -> dict:
    """One variant on one seed: the verdict of the "learns" check, its metrics and the diagnosis."""
    import torch

    from mlvc_review.grading.checks import training
    from mlvc_review.grading.sandbox import training as worker
    from mlvc_review.grading.spec import get_task, resolve

    get_task(function)
    plan = replace(training.PLANS[function], seed=seed)
    budget = plan.budget(device)
    cls = resolve(impl)
    sub = types.SimpleNamespace(module=types.SimpleNamespace(**{function: cls}))
    request = {"function": function, "device": device, "args": [training.payload(plan, budget, budget.steps)]}
    torch.set_num_threads(1)
    start = time.perf_counter()
    reply = worker.run(sub, request, _run_student)
    seconds = time.perf_counter() - start
    if reply["status"] != "ok":
        return {"status": "error", "message": reply["error"], "seconds": seconds, "metrics": {}, "symptoms": []}
    failure = training.judge(plan, reply["value"], budget.steps, budget, device)
    got = failure.got or {}
    return {"status": failure.status, "message": failure.message, "seconds": seconds,
            "metrics": {k: float(v) for k, v in (got.get("metrics") or _metrics(plan, reply["value"])).items()},
            "symptoms": sorted(training.student_symptoms(plan, reply["value"]))}


def _metrics(plan, value: dict) -> dict:
    """The metrics of a run the verdict did not measure (a pass, or an interface failure: none)."""
    from mlvc_review.grading.checks.training import made_for

    return plan.metrics(made_for(plan.function, plan.seed), value["final"]) if value.get("final") else {}


def variants(function: str) -> list[tuple[str, str]]:
    """("reference", impl) then (mistake name, impl) for each known mistake of the bank question."""
    from mlvc_review.grading.spec import get_task
    from mlvc_review.grading.taskinfo import for_function

    info = for_function(function)
    return [("reference", get_task(function).reference)] + [(m.name, m.impl) for m in info.mistakes]


def calibrate(seeds: int, device: str, only: list[str], out: Path | None) -> None:
    from mlvc_review.grading.checks import training

    results: dict = json.loads(out.read_text()) if out and out.exists() else {}
    for function in only or CLASSES:
        for name, impl in variants(function):
            key = f"{function} / {name}"
            runs = results.setdefault(key, {})
            for seed in range(seeds):
                if str(seed) in runs:
                    continue
                runs[str(seed)] = train_once(function, impl, seed, device)
                print(f"{key} seed {seed}: {runs[str(seed)]['status']} {runs[str(seed)]['message'][:110]} "
                      f"({runs[str(seed)]['seconds']:.1f} s)", flush=True)
                if out:
                    out.write_text(json.dumps(results, indent=1))
    print(table(results, device))


def table(results: dict, device: str) -> str:
    """Markdown: per class and variant, each threshold metric's min / median / max, passes and diagnoses."""
    from mlvc_review.grading.checks import training
    from mlvc_review.grading.spec import get_task

    lines = []
    for function in CLASSES:
        order = [f"{function} / {name}" for name, _ in variants(function)]
        keys = [k for k in order if k in results] + [k for k in results if k.startswith(function + " / ") and k not in order]
        if not keys:
            continue
        get_task(function)
        plan = training.PLANS[function]
        budget = plan.budget(device)
        names = [t for t in plan.thresholds]
        lines += ["", f"**{function}** ({budget.steps} steps, batch {budget.batch}, lr {budget.lr:g}; thresholds: "
                  + ", ".join(f"{t.name} {t.op} {t.value:g}{t.unit}" for t in names) + ")", "",
                  "| variant | seeds | " + " | ".join(f"{t.name} min / median / max" for t in names)
                  + " | passed | diagnosed as itself | seconds (median) |",
                  "|---" * (len(names) + 5) + "|"]
        for key in keys:
            runs = list(results[key].values())
            cells = []
            for t in names:
                vals = np.array([r["metrics"].get(t.metric, np.nan) for r in runs], dtype=float)
                cells.append(" / ".join(f"{v:.3g}" for v in (np.nanmin(vals), np.nanmedian(vals), np.nanmax(vals))) if np.isfinite(vals).any() else "-")
            passed = sum(_passes(r, names) for r in runs)
            name = key.split(" / ", 1)[1]
            diagnosed = "-" if name == "reference" else f"{sum(_diagnosed(function, name, r) for r in runs)}/{len(runs)}"
            seconds = float(np.median([r["seconds"] for r in runs]))
            lines.append(f"| {name} | {len(runs)} | " + " | ".join(cells) + f" | {passed}/{len(runs)} | {diagnosed} | {seconds:.1f} |")
    return "\n".join(lines)


def _passes(run: dict, thresholds: list) -> bool:
    """The verdict under the current thresholds (a run that was measured), else the recorded one."""
    if run["metrics"] and run["status"] in ("passed", "failed") and not run["message"].startswith(("only ", "the training loss")):
        return all(t.fails(run["metrics"]) is None for t in thresholds)
    return run["status"] == "passed"


def _diagnosed(function: str, mistake: str, run: dict) -> bool:
    """Whether the diagnosis names this mistake: the first known mistake whose symptoms equal the run's."""
    from mlvc_review.grading.checks import training
    from mlvc_review.grading.spec import resolve
    from mlvc_review.grading.taskinfo import for_function

    if run["status"] not in ("passed", "failed") or _passes(run, list(training.PLANS[function].thresholds)):
        return False
    plan = training.PLANS[function]
    for m in for_function(function).mistakes:
        if training.mistake_symptoms(plan, resolve(m.impl)) == set(run["symptoms"]):
            return m.name == mistake
    return False


def suite(device: str) -> None:
    """`mlvc-review grade my_models.py --device DEVICE` on one file holding the four reference classes."""
    import subprocess

    from mlvc_review.grading.bankcheck import import_source
    from mlvc_review.grading.spec import get_task

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "my_models.py"
        path.write_text("\n".join(import_source(get_task(f).reference, f) for f in CLASSES))
        command = [sys.executable, "-m", "mlvc_review", "grade", str(path), "--device", device, "--format", "json", "--seed", "0"]
        start = time.perf_counter()
        out = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - start
    doc = json.loads(out.stdout)
    for t in doc["submissions"][0]["tasks"]:
        print(f"{t['function']}: {t['status']}; " + "; ".join(f"{c['name']} {c['status']} ({c['message']})" for c in t["checks"]))
    print(f"`mlvc-review grade my_models.py --device {device}`: exit {out.returncode}, {wall:.1f} s wall for the four classes")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("calibrate", "suite"))
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    parser.add_argument("--only", action="append", default=[], choices=CLASSES)
    parser.add_argument("--json", type=Path, default=None, help="calibrate: keep (and resume from) the runs here")
    args = parser.parse_args(argv)
    if args.mode == "calibrate":
        calibrate(args.seeds, args.device, args.only, args.json)
    else:
        suite(args.device)


if __name__ == "__main__":
    main(sys.argv[1:])
