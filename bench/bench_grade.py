"""Benchmarks of `mlvc-review grade` (issues 3 and 13), each a ratio measured in one run.

(a) one single-task NumPy submission (normal_equation, default checks, 100
    generated inputs) vs `python -c "import numpy"`; target <= 4x.
(b) 30 submissions with --jobs 2 vs one submission; target <= 4x.
(c) the same submission under aga 0.13 (a golden-solution grader: no sandbox,
    100 fixed cases compared with np.allclose, `aga run problem.py solution.py`),
    when an `aga` executable is given or found; target: (a) at or below it.

aga pins typer 0.7, which conflicts with this project, so it lives in its own
virtual environment:

    python -m venv /tmp/agavenv && /tmp/agavenv/bin/pip install aga==0.13.10 'click<8.2' numpy

Runs are interleaved and the median of several is taken, so machine load
drifts affect every side alike. The package's bytecode (and the baseline's) is
compiled first, as `pip install` does: a checkout run with PYTHONDONTWRITEBYTECODE=1
would otherwise compile every module at every start, while aga's site-packages
already hold their bytecode. Usage:

    python bench/bench_grade.py [--runs 5] [--aga /tmp/agavenv/bin/aga] [--append bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOLUTION = '''import numpy as np


def normal_equation(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)
'''


# aga's problem: the same golden solution, 100 fixed well-conditioned cases of the same shapes as
# the grader's "values" check (n = d + 0..5 rows, d = 1..6, y of shape (n,) or (n, k)).
AGA_PROBLEM = '''import numpy as np
from aga import problem, test_cases

_rng = np.random.default_rng(1)
_CASES = []
for _ in range(100):
    d = int(_rng.integers(1, 7))
    n = d + int(_rng.integers(0, 6))
    k = int(_rng.choice([0, 1, 2, 3]))
    U, _r = np.linalg.qr(_rng.standard_normal((n, d)))
    V, _r = np.linalg.qr(_rng.standard_normal((d, d)))
    X = np.round((U * _rng.uniform(0.5, 2.0, d)) @ V.T, 3)
    y = np.round(_rng.standard_normal((n, k) if k else n), 3)
    _CASES.append((X, y))


def _close(case, golden, student, metadata, *rest):
    case.assertTrue(np.allclose(golden, student, rtol=1e-6, atol=1e-8))


@test_cases(_CASES, aga_params=True, aga_override_check=_close)
@problem()
def normal_equation(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)
'''


def find_aga(given: str | None) -> str | None:
    """The aga executable: --aga, else `aga` on PATH, else the venv the docstring suggests."""
    for candidate in (given, shutil.which("aga"), "/tmp/agavenv/bin/aga"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def aga_passes(aga: str, problem: Path, solution: Path, env: dict[str, str]) -> bool:
    """Whether aga ran all 100 cases and gave full marks (the peer must grade what we grade)."""
    proc = subprocess.run([aga, "run", str(problem), str(solution)], env=env, capture_output=True, text=True)
    return proc.returncode == 0 and "passing all the tests" in proc.stdout and proc.stdout.count("0.2/0.2") == 100


def timed(cmd: list[str], env: dict[str, str], report: Path | None = None, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        detail = proc.stderr[-2000:]
        if report is not None and report.exists():
            doc = json.loads(report.read_text())
            detail += "\n".join(
                f"{s['path']}: {t['function']} {t['status']}: " + "; ".join(f"{c['name']} {c['status']} {c['message']}" for c in t["checks"] if c["status"] != "passed")
                for s in doc["submissions"] for t in s["tasks"] if t["status"] != "passed"
            )
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{detail}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--append", type=Path, default=None, help="append a results section to this Markdown file")
    parser.add_argument("--aga", default=None, help="the aga 0.13 executable (default: `aga` on PATH or /tmp/agavenv/bin/aga)")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout (e.g. `git worktree add DIR COMMIT`): its grade runs too, interleaved (before/after)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mlvc-bench-"))
    single = work / "solution.py"
    single.write_text(SOLUTION)
    aga = find_aga(args.aga)
    problem = work / "problem.py"
    problem.write_text(AGA_PROBLEM)
    batch = work / "class"
    batch.mkdir()
    for i in range(30):
        (batch / f"student_{i:02d}.py").write_text(SOLUTION)
    env = dict(os.environ, MLVC_REVIEW_HOME=str(work / "home"))
    grade = [sys.executable, "-m", "mlvc_review", "grade"]
    report = work / "report.json"
    common = ["--task", "normal_equation", "--seed", "1", "--format", "json", "--output", str(report)]
    cmds = {
        "numpy": [sys.executable, "-c", "import numpy"],
        "one": [*grade, str(single), *common],
        # one document for the 30 (--combine): a class run (--output DIR) would skip them when rerun
        "batch": [*grade, str(batch), "--jobs", "2", "--combine", *common],
    }
    if aga is not None:
        if not aga_passes(aga, problem, single, env):
            raise SystemExit(f"{aga} did not give the solution full marks: is aga 0.13 installed with click < 8.2?")
        cmds["aga"] = [aga, "run", str(problem), str(single)]
    checkouts = [Path(__file__).resolve().parents[1]] + ([args.baseline.resolve()] if args.baseline else [])
    for checkout in checkouts:
        for package in ("mlvc_review", "reference"):
            compileall.compile_dir(str(checkout / package), quiet=1)
    where: dict[str, Path | None] = {k: None for k in cmds}
    if args.baseline is not None:  # `python -m mlvc_review` run in the baseline checkout imports its package first
        for key in ("one", "batch"):
            # the baseline predates --combine (one document for many files was then the default)
            cmds[f"{key} (baseline)"] = [a for a in cmds[key] if a != "--combine"]
            where[f"{key} (baseline)"] = args.baseline.resolve()
    for key in cmds:
        if key.startswith("one"):
            timed(cmds[key], env, report, where[key])  # warm the file cache and the code-task cache
    samples: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(args.runs):
        for key, cmd in cmds.items():
            samples[key].append(timed(cmd, env, report, where[key]))
    med = {k: statistics.median(v) for k, v in samples.items()}
    ratio_a = med["one"] / med["numpy"]
    ratio_b = med["batch"] / med["one"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        "## grade (bench/bench_grade.py)",
        "",
        f"Command: `python bench/bench_grade.py --runs {args.runs}` on {platform.node() or 'this machine'}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}; medians of {args.runs} interleaved runs "
        f"(load average {load:.1f} at the end).",
        "",
        "| measurement | median s | ratio | target |",
        "|---|---|---|---|",
        f"| `python -c \"import numpy\"` | {med['numpy']:.3f} | 1 | |",
    ]
    if "aga" in med:
        ratio_c = med["one"] / med["aga"]
        lines.append(f"| aga 0.13: `aga run problem.py solution.py` (100 fixed cases, no sandbox) | {med['aga']:.3f} | "
                     f"{med['aga'] / med['numpy']:.2f}x numpy | |")
    lines += [
        f"| grade 1 submission (normal_equation, default checks, 100 inputs) | {med['one']:.3f} | {ratio_a:.2f}x numpy | <= 4x {'met' if ratio_a <= 4 else 'MISSED'} |",
    ]
    if "aga" in med:
        lines.append(f"| grade 1 submission vs aga | | {ratio_c:.2f}x aga | <= 1x {'met' if ratio_c <= 1 else 'MISSED'} |")
    lines += [
        f"| grade 30 submissions, --jobs 2 | {med['batch']:.3f} | {ratio_b:.2f}x one submission | <= 4x {'met' if ratio_b <= 4 else 'MISSED'} |",
    ]
    if args.baseline is not None:
        one, batch = med["one (baseline)"], med["batch (baseline)"]
        lines += [
            f"| baseline `{args.baseline}`: grade 1 submission | {one:.3f} | {one / med['numpy']:.2f}x numpy"
            + (f", {one / med['aga']:.2f}x aga" if "aga" in med else "") + " | |",
            f"| baseline: grade 30 submissions, --jobs 2 | {batch:.3f} | {batch / one:.2f}x one submission | |",
        ]
    lines += [
        "",
        "Raw samples (s): " + "; ".join(f"{k}: {', '.join(f'{x:.2f}' for x in v)}" for k, v in samples.items()),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.append:
        with args.append.open("a", encoding="utf-8") as f:
            f.write("\n" + text)


if __name__ == "__main__":
    main()
