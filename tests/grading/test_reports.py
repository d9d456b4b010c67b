"""Report documents: the JSON shape of the issue, JUnit XML and Gradescope results."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

from rich.console import Console

from mlvc_review.grading.discovery import discover_source
from mlvc_review.grading.reports.document import FORMATS, document, passed, render_json
from mlvc_review.grading.runner import Options, SubmissionResult, grade_submission
from mlvc_review.ui import THEME
from mlvc_review.ui.grade import compact, render_report

sys.path.insert(0, str(Path(__file__).parent))
from _fake_sandbox import FakePool  # noqa: E402

SOURCE = (
    "import numpy as np\n"
    "def normal_equation(X, y):\n    return X.T @ y\n"
    "def ridge_regression(X, y, lam):\n    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)\n"
    "def softmx(z):\n    return z\n"
)


def make_doc(seed: int = 3) -> dict:
    sub = discover_source(SOURCE, Path("student.py"))
    result = grade_submission(sub, FakePool(), {}, Options(seed=seed, examples=20))
    unreadable = SubmissionResult("broken.py", "broken.py:3: syntax error: invalid syntax")
    return document([result, unreadable], seed=seed, isolation="test", duration=1.0)


def test_json_has_the_issue_shape():
    doc = json.loads(render_json(make_doc()))
    assert {"tool", "version", "seed", "submissions"} <= set(doc) and doc["tool"] == "mlvc-review" and doc["seed"] == 3
    first, broken = doc["submissions"]
    assert first["path"] == "student.py" and first["error"] is None
    assert broken["error"].startswith("broken.py:3") and broken["tasks"] == []
    by_fn = {t["function"]: t for t in first["tasks"]}
    assert set(by_fn) == {"normal_equation", "ridge_regression", "softmax"}
    for task in first["tasks"]:
        assert {"task", "function", "status", "score", "max_score", "diagnosis", "checks"} <= set(task)
        assert task["status"] in {"passed", "failed", "error", "timeout", "skipped"}
        for check in task["checks"]:
            assert {"name", "status", "message", "counterexample"} <= set(check)
    ne = by_fn["normal_equation"]
    assert ne["status"] == "failed" and ne["diagnosis"]["name"] == "forgot the inverse" and ne["diagnosis"]["explanation"]
    ce = next(c for c in ne["checks"] if c["counterexample"])["counterexample"]
    assert {"args", "expected", "got", "max_abs_err", "max_rel_err"} <= set(ce)
    assert by_fn["ridge_regression"]["status"] == "passed" and by_fn["softmax"]["status"] == "error"


def test_passed_rule():
    doc = make_doc()
    assert not passed(doc)
    doc["submissions"] = doc["submissions"][:1]
    doc["submissions"][0]["tasks"] = [t for t in doc["submissions"][0]["tasks"] if t["status"] == "passed"]
    assert passed(doc)


def test_junit_one_testcase_per_check():
    doc = make_doc()
    root = ET.fromstring(FORMATS["junit"](doc).split("\n", 1)[1])
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["student.py", "broken.py"]
    cases = suites[0].findall("testcase")
    n_checks = sum(len(t["checks"]) or 1 for t in doc["submissions"][0]["tasks"])
    assert len(cases) == n_checks == int(suites[0].get("tests"))
    failures = [c for c in cases if c.find("failure") is not None]
    assert failures and all(c.find("failure").get("message") for c in failures)
    assert int(suites[0].get("failures")) == len(failures)
    assert suites[1].find("testcase/error") is not None
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


GRADESCOPE_TOP = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
                  "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}
GRADESCOPE_TEST = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags",
                   "visibility", "extra_data"}


def test_gradescope_results_use_only_the_keys_gradescope_documents():
    doc = make_doc()
    doc["submissions"] = doc["submissions"][:1]
    out = json.loads(FORMATS["gradescope"](doc))
    assert set(out) <= GRADESCOPE_TOP and {"score", "execution_time", "output", "tests"} <= set(out)
    assert isinstance(out["execution_time"], int) and out["output_format"] == "text"
    for test in out["tests"]:
        assert set(test) <= GRADESCOPE_TEST and {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
        assert test["status"] in ("passed", "failed") and test["visibility"] == "visible"
    assert out["score"] == sum(t["score"] for t in out["tests"]) < sum(t["max_score"] for t in out["tests"])
    ne = next(t for t in out["tests"] if t["name"].startswith("normal_equation"))
    assert ne["status"] == "failed" and "forgot the inverse" in ne["output"]


def test_gradescope_hidden_after_due_hides_only_tasks_with_hidden_checks():
    from mlvc_review.grading.reports.gradescope import results

    doc = make_doc()
    doc["submissions"] = doc["submissions"][:1]
    tasks = doc["submissions"][0]["tasks"]
    tasks[0]["checks"][0]["hidden"] = True
    out = results(doc, hidden_after_due=True)
    assert [t["visibility"] for t in out["tests"]] == ["after_due_date"] + ["visible"] * (len(tasks) - 1)
    assert {t["visibility"] for t in results(doc)["tests"]} == {"visible"}


def test_terminal_report_has_table_panels_seed_and_reproduce_line():
    buffer = io.StringIO()
    render_report(make_doc(seed=42), Console(file=buffer, width=200, no_color=True, theme=THEME))
    text = buffer.getvalue()
    assert "normal_equation" in text and "forgot the inverse" in text and "did you mean `softmax`" in text
    assert "mlvc-review grade student.py --task normal_equation --seed 42" in text
    assert "seed 42" in text and "expected:" in text and "got:" in text


def test_compact_summaries():
    assert compact([{"shape": [2, 2], "dtype": "float64", "array": [[1.0, 2.0], [3.0, 4.0]]}]) == "(array(2, 2) [1, 2, 3, 4])"
    big = {"shape": [100, 3], "dtype": "float64", "first": [0.5, 1.5, 2.5, 3.5, 4.5, 5.5]}
    assert compact(big).endswith(", ...]") and compact(7) == "7"


def test_infinite_errors_and_nan_values_still_give_valid_json():
    import numpy as np

    from mlvc_review.grading.checks.kinds import Failure
    from mlvc_review.grading.checks.explore import CheckResult
    from mlvc_review.grading.runner import TaskResult
    from mlvc_review.grading.spec import Case

    failure = Failure("failed", "differ", Case((np.array([np.nan, np.inf]),)), np.zeros(2), np.array([np.inf, 1.0]), float("inf"), float("nan"))
    task = TaskResult("t", "sigmoid", "failed", checks=[CheckResult("values", "compare", "failed", "differ", failure)])
    doc = json.loads(render_json(document([SubmissionResult("s.py", tasks=[task])], seed=1)))
    ce = doc["submissions"][0]["tasks"][0]["checks"][0]["counterexample"]
    assert ce["max_abs_err"] == "inf" and ce["max_rel_err"] == "nan" and ce["got"]["array"] == ["inf", 1.0]


# Attributes the common JUnit XML schema (Jenkins' junit.xsd) allows, and those it requires.
JUNIT_ALLOWED = {
    "testsuites": {"name", "time", "tests", "failures", "errors", "disabled"},
    "testsuite": {"name", "tests", "failures", "errors", "time", "disabled", "skipped", "timestamp", "hostname", "id",
                  "package", "file", "log", "url", "version"},
    "testcase": {"name", "assertions", "time", "classname", "status", "file", "line"},
}
JUNIT_REQUIRED = {"testsuite": {"name", "tests"}, "testcase": {"name", "time"}}


def test_junit_follows_the_common_schema_with_unique_ids_across_submissions():
    doc = make_doc()
    twin = json.loads(json.dumps(doc["submissions"][0]))
    twin["path"] = "other/student2.py"
    doc["submissions"].append(twin)
    root = ET.fromstring(FORMATS["junit"](doc).split("\n", 1)[1])
    for node in root.iter():
        if node.tag in JUNIT_ALLOWED:
            assert set(node.attrib) <= JUNIT_ALLOWED[node.tag], (node.tag, set(node.attrib) - JUNIT_ALLOWED[node.tag])
            assert JUNIT_REQUIRED.get(node.tag, set()) <= set(node.attrib), node.tag
    for suite in root.findall("testsuite"):  # the schema's order: properties, then test cases
        tags = [child.tag for child in suite]
        assert tags[0] == "properties" and set(tags[1:]) == {"testcase"}
    assert len({s.get("id") for s in root.findall("testsuite")}) == len(root.findall("testsuite"))
    ids = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert len(ids) == len(set(ids))
    assert all(float(c.get("time")) >= 0 for c in root.iter("testcase")) and float(root.get("time")) >= 0


def test_value_mismatch_names_the_worst_entry_and_no_relative_error_where_expected_is_zero():
    import numpy as np

    from mlvc_review.grading.checks.compare import compare

    expected = np.array([[0.0, 1.0], [2.0, 3.0]])
    got = np.array([[1e-3, 1.0], [2.0, 3.5]])
    found = compare(expected, got)
    head, *rows = found.message.splitlines()
    assert "2 of 4 values differ; worst at result[1, 1]: expected 3, got 3.5" in head
    assert found.max_abs_err == 0.5 and found.max_rel_err == 0.5 / 3.0  # the 0 entry adds no relative error
    assert len(rows) == 4 and rows[0].endswith("<- differs") and rows[3].endswith("<- differs") and "differs" not in rows[1]
    only_zero = compare(np.zeros(3), np.array([0.0, 1e-3, 0.0]))
    assert only_zero.max_rel_err is None and "rel error" not in only_zero.message
    big = compare(np.zeros((10, 10)), np.ones((10, 10)))
    assert len(big.message.splitlines()) == 1  # large arrays: the summary line only


def test_terminal_panel_handles_missing_and_non_finite_errors():
    import numpy as np

    from mlvc_review.grading.checks.explore import CheckResult
    from mlvc_review.grading.checks.kinds import Failure
    from mlvc_review.grading.runner import TaskResult
    from mlvc_review.grading.spec import Case

    for abs_err, rel_err in ((float("inf"), None), (0.5, float("nan"))):
        failure = Failure("failed", "differ", Case((np.zeros(2),)), np.zeros(2), np.ones(2), abs_err, rel_err)
        task = TaskResult("t", "sigmoid", "failed", checks=[CheckResult("values", "compare", "failed", "differ", failure)])
        doc = json.loads(render_json(document([SubmissionResult("s.py", tasks=[task])], seed=1)))
        buffer = io.StringIO()
        render_report(doc, Console(file=buffer, width=200, no_color=True, theme=THEME))
        assert "max abs error" in buffer.getvalue()
