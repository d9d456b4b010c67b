"""docs/slurm's scripts, run as Slurm would run them but with plain bash: shards, then the merge."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "slurm"
HONEST = "import numpy as np\ndef normal_equation(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n"
WRONG = "def normal_equation(X, y):\n    return X.T @ y\n"


@pytest.mark.slow
def test_three_array_tasks_then_the_merge_give_the_gradebook_of_one_unsharded_run(tmp_path):
    subs = tmp_path / "submissions"
    subs.mkdir()
    for i in range(5):
        (subs / f"student{i}.py").write_text(HONEST if i % 2 == 0 else WRONG)
    env = {**os.environ, "SUBMISSIONS": str(subs), "OUT": str(tmp_path / "results"), "SEED": "11", "DEVICE": "cpu",
           "MLVC_REVIEW": f"{sys.executable} -m mlvc_review", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_CPUS_PER_TASK": "1"}
    for k in range(3):
        done = subprocess.run(["bash", str(DOCS / "grade-shard.sbatch")], env={**env, "SLURM_ARRAY_TASK_ID": str(k)},
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    merged = subprocess.run(["bash", str(DOCS / "merge.sbatch")], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert merged.returncode == 0, merged.stderr
    book = (tmp_path / "results" / "gradebook.csv").read_text()
    rows = list(csv.DictReader(book.splitlines()))
    assert [r["student"] for r in rows] == [f"student{i}" for i in range(5)]
    assert [r["normal_equation"] for r in rows] == ["1.0", "0.0", "1.0", "0.0", "1.0"]
    assert "2 students: forgot the inverse" in (tmp_path / "results" / "class-report.md").read_text()
    whole = subprocess.run([sys.executable, "-m", "mlvc_review", "grade", str(subs), "--output", str(tmp_path / "whole"),
                            "--seed", "11", "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert whole.returncode == 1, whole.stderr
    unsharded = subprocess.run([sys.executable, "-m", "mlvc_review", "gradebook", str(tmp_path / "whole")], cwd=tmp_path,
                               capture_output=True, text=True, check=True).stdout
    assert unsharded == book
