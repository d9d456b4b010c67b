"""Start-up of the quiz: time to the first prompt vs importing typer, rich and yaml.

Starts `mlvc-review quiz chapter 1 --limit 1` (scripted: stdin is a pipe), stops the
clock when the first question's panel is complete on stdout (the session then
waits for an answer), answers "q" and lets it finish. The baseline is
`python -c "import typer, rich, yaml"` run to completion. Both alternate, N times
each, in the same run; the medians and their ratio are printed (target <= 1.5).

    python bench/bench_quiz_startup.py [N]

The package's bytecode is compiled first (as `pip install` does): a checkout run
with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module at every start,
while the baseline's site-packages already hold their bytecode.
"""

from __future__ import annotations

import compileall
import os
import selectors
import statistics
import subprocess
import sys
import tempfile
import time

QUIZ = [sys.executable, "-m", "mlvc_review", "quiz", "chapter", "1", "--limit", "1", "--seed", "1"]
BASELINE = [sys.executable, "-c", "import typer, rich, yaml"]
PANEL_END = "╯"  # the last line of the question panel; the prompt follows


def first_prompt(env: dict[str, str]) -> float:
    """Seconds from start until the first question is fully shown."""
    start = time.perf_counter()
    proc = subprocess.Popen(QUIZ, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    seen, elapsed = b"", None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while elapsed is None:
            if not sel.select(timeout=120):
                proc.kill()
                raise SystemExit("no question shown within 120 s")
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                raise SystemExit(f"the quiz ended before its first prompt:\n{seen.decode()}\n{proc.stderr.read().decode()}")
            seen += chunk
            if PANEL_END in seen.decode("utf-8", "ignore"):
                elapsed = time.perf_counter() - start
    proc.communicate(b"q\n", timeout=120)
    if proc.returncode != 0:
        raise SystemExit(f"the quiz failed ({proc.returncode})")
    return elapsed


def baseline(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(BASELINE, check=True, env=env)
    return time.perf_counter() - start


def main(n: int = 11) -> None:
    import mlvc_review

    compileall.compile_dir(os.path.dirname(mlvc_review.__file__), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, MLVC_REVIEW_HOME=home, PYTHONUNBUFFERED="1")
        env.pop("MLVC_REVIEW_BANK", None)
        first_prompt(env)  # warm: creates the store, fills the OS file cache
        baseline(env)
        quiz, base = [], []
        for _ in range(n):
            quiz.append(first_prompt(env))
            base.append(baseline(env))
    q, b = statistics.median(quiz), statistics.median(base)
    print(f"quiz: time to first prompt (median of {n}): {q * 1000:.0f} ms (fastest {min(quiz) * 1000:.0f} ms)")
    print(f"python -c 'import typer, rich, yaml' (median of {n}): {b * 1000:.0f} ms (fastest {min(base) * 1000:.0f} ms)")
    # on a shared VM the fastest runs are the least disturbed: their ratio is printed too
    print(f"ratio: {q / b:.2f}x of medians, {min(quiz) / min(base):.2f}x of the fastest (target <= 1.5x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
