"""`python -m mlvc_review grade FILE --format json` in a child process, parsed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def grade_json(solution: Path, cwd: Path | str, *, python: Path | str = sys.executable,
               examples: int | None = None) -> tuple[int, dict]:
    """(exit code, JSON report) of grading `solution` with seed 1, run from `cwd` by `python`."""
    more = ["--examples", str(examples)] if examples is not None else []
    out = subprocess.run([str(python), "-m", "mlvc_review", "grade", str(solution), "--seed", "1", *more, "--format", "json"],
                         capture_output=True, text=True, cwd=cwd, timeout=300)
    assert out.stdout, out.stderr
    return out.returncode, json.loads(out.stdout)
