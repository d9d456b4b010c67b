"""Hostile submissions through the full `mlvc-review grade` path.

The whole fixture directory is graded once, concurrently (--jobs 2), by the CLI
in this process: the grader must survive every file, report the hostile task,
and still grade (and pass) each file's honest `ridge_regression`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlvc_review.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "hostile_grade"
PWNED = ["/tmp/mlvc-hostile-grade-pwned", "/var/tmp/mlvc-hostile-grade-pwned", "/dev/shm/mlvc-hostile-grade-pwned"]


@pytest.fixture(scope="module")
def report() -> dict[str, dict]:
    for path in PWNED:
        if os.path.exists(path):
            os.remove(path)
    result = CliRunner().invoke(app, ["grade", str(FIXTURES), "--jobs", "2", "--format", "json", "--seed", "3", "--examples", "10", "--timeout", "2"])
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)  # stdout holds only the document, whatever the files printed
    return {Path(s["path"]).stem: s for s in doc["submissions"]}


def tasks(report: dict, name: str) -> dict[str, dict]:
    sub = report[name]
    assert sub["error"] is None, sub["error"]
    return {t["function"]: t for t in sub["tasks"]}


def assert_contained(report: dict, name: str, statuses: tuple[str, ...], text: str = "") -> dict:
    """The hostile task is reported (not passed) and the honest one is still graded and passes."""
    found = tasks(report, name)
    hostile = found["normal_equation"]
    assert hostile["status"] in statuses, hostile
    if text:
        assert any(text in c["message"] for c in hostile["checks"]), hostile["checks"]
    assert found["ridge_regression"]["status"] == "passed", found["ridge_regression"]
    return hostile


def test_infinite_loop(report):
    assert_contained(report, "infinite_loop", ("timeout",), "time")


def test_loop_that_ignores_sigterm(report):
    assert_contained(report, "ignores_sigterm", ("timeout",), "time")


def test_many_gib_memory_grab(report):
    assert_contained(report, "memory_grab", ("error", "timeout"), "memory")


def test_sys_exit_at_import_is_reported_for_every_task(report):
    found = tasks(report, "exit_at_import")
    assert {t["status"] for t in found.values()} == {"error"}
    assert all("SystemExit" in c["message"] for t in found.values() for c in t["checks"])


def test_os_exit_in_a_call(report):
    assert_contained(report, "os_exit_in_call", ("error",), "exited")


def test_100_mb_output_flood(report):
    assert_contained(report, "output_flood", ("error",), "output")


def test_syntax_error_names_the_line(report):
    assert report["syntax_error"]["error"].endswith("syntax_error.py:1: syntax error: expected ':'")


def test_patched_comparison_helpers_gain_nothing(report):
    hostile = assert_contained(report, "patches_numpy", ("failed",))
    assert hostile["diagnosis"]["name"] == "forgot the inverse"


def test_frame_inspection_finds_no_expected_values(report):
    assert_contained(report, "frame_walk", ("failed",))


def test_objects_that_lie_about_equality(report):
    found = tasks(report, "lying_values")
    for function, liar in (("normal_equation", "returned a Liar"), ("add_backward", "returned an OddArray")):
        assert found[function]["status"] == "error"
        assert any(liar in c["message"] for c in found[function]["checks"]), found[function]["checks"]
    assert found["ridge_regression"]["status"] == "passed"


def test_writes_outside_the_scratch_directory_do_not_land(report):
    assert_contained(report, "writes_outside", ("failed",))
    assert not any(os.path.exists(p) for p in PWNED)


def test_network_connection_attempt_fails(report):
    assert_contained(report, "network", ("error",))


def test_killing_the_parent_and_its_group(report):
    hostile = assert_contained(report, "kills_parent", ("error", "failed"))
    assert all(c["status"] != "passed" for c in hostile["checks"] if c["name"] == "values")
