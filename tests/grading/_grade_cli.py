"""`python -P -m mlvc_review grade FILE --format json` in a child process, parsed.

`-P` keeps the working directory off sys.path, as the `mlvc-review` console script does: these
tests run from shared directories such as /tmp, where any stray `enum.py` or `json.py` would
otherwise shadow the standard library and break the interpreter before mlvc-review starts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def grade_json(solution: Path, cwd: Path | str, *, python: Path | str = sys.executable,
               examples: int | None = None) -> tuple[int, dict]:
    """(exit code, JSON report) of grading `solution` with seed 1, run from `cwd` by `python`."""
    more = ["--examples", str(examples)] if examples is not None else []
    out = subprocess.run([str(python), "-P", "-m", "mlvc_review", "grade", str(solution), "--seed", "1", *more, "--format", "json"],
                         capture_output=True, text=True, cwd=cwd, timeout=300)
    assert out.stdout, out.stderr
    return out.returncode, json.loads(out.stdout)
