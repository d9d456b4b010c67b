"""The shipped examples grade as the README says, from any working directory (/tmp included)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _grade_cli import grade_json

EXAMPLES = Path(__file__).parents[2] / "examples"


def _grade(path: Path, cwd: str) -> tuple[int, dict]:
    return grade_json(path, cwd, examples=20)


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
