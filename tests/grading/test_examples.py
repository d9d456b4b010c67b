"""The shipped examples grade as the README says, from any working directory (/tmp included)."""

from __future__ import annotations

import json
import subprocess
import sys
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


def test_stray_stdlib_names_in_the_working_directory_do_not_break_the_console_script(tmp_path):
    """A student's folder (or /tmp) holding enum.py or json.py must not shadow the standard library."""
    script = Path(sys.executable).parent / "mlvc-review"
    if not script.exists():
        pytest.fail(f"the test environment has no console script at {script}: install the package")
    for name in ("enum", "json", "random"):
        (tmp_path / f"{name}.py").write_text("raise SystemExit('shadowed " + name + "')\n")
    out = subprocess.run([str(script), "grade", str(EXAMPLES / "my_solution.py"), "--seed", "1", "--examples", "5",
                          "--format", "json"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert out.returncode == 0, out.stderr
    statuses = {t["function"]: t["status"] for t in json.loads(out.stdout)["submissions"][0]["tasks"]}
    assert set(statuses.values()) == {"passed"}
