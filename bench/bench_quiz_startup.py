"""Start-up of the quiz: time to the first prompt vs importing typer, rich and yaml.

Runs `mlvc-review quiz chapter 1 --limit 1` with stdin "q\\n" (the session shows the
first question, reads "q" and quits) and `python -c "import typer, rich, yaml"`,
alternating, N times each in the same run, and prints the medians and their ratio
(target <= 1.5). The quiz's full run is an upper bound of its time to the first prompt.

    python bench/bench_quiz_startup.py [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

QUIZ = [sys.executable, "-m", "mlvc_review", "quiz", "chapter", "1", "--limit", "1", "--seed", "1"]
BASELINE = [sys.executable, "-c", "import typer, rich, yaml"]


def timed(cmd: list[str], stdin: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    out = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, timeout=120)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    return elapsed


def main(n: int = 11) -> None:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, MLVC_REVIEW_HOME=home)
        env.pop("MLVC_REVIEW_BANK", None)
        timed(QUIZ, "q\n", env)  # warm: creates the store, fills the OS file cache
        timed(BASELINE, "", env)
        quiz, base = [], []
        for _ in range(n):
            quiz.append(timed(QUIZ, "q\n", env))
            base.append(timed(BASELINE, "", env))
    q, b = statistics.median(quiz), statistics.median(base)
    print(f"quiz first prompt (full run, median of {n}): {q * 1000:.0f} ms")
    print(f"python -c 'import typer, rich, yaml' (median of {n}): {b * 1000:.0f} ms")
    print(f"ratio: {q / b:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
