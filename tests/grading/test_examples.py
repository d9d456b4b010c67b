"""The shipped examples grade as the README says, from any working directory (/tmp included)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[2] / "examples"


def _grade(path: Path, cwd: str) -> tuple[int, dict]:
    out = subprocess.run(
        [sys.executable, "-m", "mlvc_review", "grade", str(path), "--seed", "1", "--examples", "20", "--format", "json"],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )
    return out.returncode, json.loads(out.stdout)


@pytest.mark.parametrize("cwd", ["/tmp", "/var/tmp", str(EXAMPLES)])
def test_my_solution_passes_every_task(cwd):
    code, report = _grade(EXAMPLES / "my_solution.py", cwd)
    statuses = {t["function"]: t["status"] for t in report["submissions"][0]["tasks"]}
    assert statuses == {"normal_equation": "passed", "sigmoid_backward": "passed",
                        "scaled_dot_product_attention": "passed"}
    assert code == 0


def test_buggy_solution_is_diagnosed():
    code, report = _grade(EXAMPLES / "buggy_solution.py", "/tmp")
    assert code == 1
    diagnoses = {t["function"]: t["diagnosis"] for t in report["submissions"][0]["tasks"]}
    assert "sqrt" in json.dumps(diagnoses["scaled_dot_product_attention"])
    assert diagnoses["kl_standard_normal"] is not None
