"""Benchmark of class-scale grading (issue 12), ratios measured in one run.

A synthetic class of N submissions (default 300): a mix of honest, buggy and hostile
files over four NumPy tasks. Measured in one run:

(a) one submission alone (whole process);
(b) the whole class, `grade DIR --jobs 2 --output OUT`: submissions per second and
    the ratio of the class's time to (a);
(c) a run killed when half the class is recorded, then the same command again:
    the resumed run's time as a share of (b) (target: about half).

Usage:  python bench/bench_class.py [--students 300] [--append bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HONEST = '''import numpy as np
def normal_equation(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)
def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
def sigmoid(x):
    return 0.5 * (1 + np.tanh(0.5 * x))
'''
BUGGY = '''import numpy as np
def normal_equation(X, y):
    return X.T @ y
def softmax(z, axis=-1):
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)
def conv_output_size(I, K, P=0, S=1, D=1):
    return (I + 2 * P - K) // S + 1
'''
HOSTILE = '''import os, signal
def sigmoid(x):
    os.kill(os.getppid(), signal.SIGKILL)
def softmax(z, axis=-1):
    print("x" * 10_000_000)
'''
KINDS = [("honest", HONEST)] * 6 + [("buggy", BUGGY)] * 3 + [("hostile", HOSTILE)]


def make_class(root: Path, n: int) -> None:
    root.mkdir()
    for i in range(n):
        kind, text = KINDS[i % len(KINDS)]
        (root / f"{kind}{i:04d}.py").write_text(text + f"# student {i}\n")


def grade(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mlvc_review", "grade", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def killed_at_half(klass: Path, out: Path, n: int) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "mlvc_review", "grade", str(klass), "--jobs", "2", "--seed", "1",
                             "--format", "json", "--output", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    while proc.poll() is None and len(list((out / ".mlvc").glob("*.json"))) < n // 2:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--append", type=Path)
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        klass = tmp / "class"
        make_class(klass, ns.students)
        one = grade([str(klass / "honest0000.py"), "--seed", "1", "--format", "json", "--output", str(tmp / "one.json")])
        full = grade([str(klass), "--jobs", "2", "--seed", "1", "--format", "json", "--output", str(tmp / "full")])
        killed_at_half(klass, tmp / "resumed", ns.students)
        recorded = len(list((tmp / "resumed" / ".mlvc").glob("*.json")))
        resumed = grade([str(klass), "--jobs", "2", "--format", "json", "--output", str(tmp / "resumed")])
    lines = [
        f"### class run: {ns.students} synthetic submissions (honest/buggy/hostile 6:3:1), --jobs 2",
        "",
        f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}; "
        f"`python bench/bench_class.py --students {ns.students}`",
        "",
        "| measure | value |",
        "|---|---|",
        f"| one submission (whole process) | {one:.2f} s |",
        f"| whole class | {full:.1f} s = {ns.students / full:.2f} submissions/s = {full / one:.1f}x one submission |",
        f"| killed after {recorded} recorded, then resumed | resumed run {resumed:.1f} s = {resumed / full:.0%} of the whole class |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if ns.append:
        with ns.append.open("a", encoding="utf-8") as f:
            f.write("\n" + text)


if __name__ == "__main__":
    main()
