"""Benchmarks of `mlvc-review grade` (issue 3), each a ratio measured in one run.

(a) one single-task NumPy submission (normal_equation, default checks, 100
    generated inputs) vs `python -c "import numpy"`; target <= 4x.
(b) 30 submissions with --jobs 2 vs one submission; target <= 4x.

Runs are interleaved and the median of several is taken, so machine load
drifts affect both sides alike. Usage:

    python bench/bench_grade.py [--runs 5] [--append bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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


def timed(cmd: list[str], env: dict[str, str], report: Path | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
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
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mlvc-bench-"))
    single = work / "solution.py"
    single.write_text(SOLUTION)
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
        "batch": [*grade, str(batch), "--jobs", "2", *common],
    }
    timed(cmds["one"], env, report)  # warm the file cache and the code-task cache
    samples: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(args.runs):
        for key, cmd in cmds.items():
            samples[key].append(timed(cmd, env, report))
    med = {k: statistics.median(v) for k, v in samples.items()}
    ratio_a = med["one"] / med["numpy"]
    ratio_b = med["batch"] / med["one"]
    lines = [
        "## grade (bench/bench_grade.py)",
        "",
        f"Command: `python bench/bench_grade.py --runs {args.runs}` on {platform.node() or 'this machine'}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}; medians of {args.runs} interleaved runs.",
        "",
        "| measurement | median s | ratio | target |",
        "|---|---|---|---|",
        f"| `python -c \"import numpy\"` | {med['numpy']:.3f} | 1 | |",
        f"| grade 1 submission (normal_equation, default checks, 100 inputs) | {med['one']:.3f} | {ratio_a:.2f}x numpy | <= 4x {'met' if ratio_a <= 4 else 'MISSED'} |",
        f"| grade 30 submissions, --jobs 2 | {med['batch']:.3f} | {ratio_b:.2f}x one submission | <= 4x {'met' if ratio_b <= 4 else 'MISSED'} |",
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
