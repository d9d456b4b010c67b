"""`mlvc-review grade` and `start` through the CLI, with the real sandbox, in a temporary home."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from mlvc_review.cli import app

runner = CliRunner()

RIGHT = (
    "import numpy as np\n\n\n"
    "def normal_equation(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n\n\n"
    "def ridge_regression(X, y, lam):\n    return np.linalg.inv(X.T @ X + lam * np.eye(X.shape[1])) @ (X.T @ y)\n"
)
WRONG = "def normal_equation(X, y):\n    print('debugging output')\n    return X.T @ y\n"
FAST = ["--seed", "7", "--examples", "15"]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in {"right.py": RIGHT, "wrong.py": WRONG, "broken.py": "def normal_equation(X, y)\n    pass\n"}.items():
        out[name] = tmp_path / name
        out[name].write_text(text)
    return out


def test_passing_file_exits_0_and_json_stdout_is_only_the_document(files):
    result = runner.invoke(app, ["grade", str(files["right.py"]), "--format", "json", *FAST])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["seed"] == 7 and [t["status"] for t in doc["submissions"][0]["tasks"]] == ["passed", "passed"]


def test_failing_file_exits_1_and_student_prints_stay_out_of_stdout(files):
    result = runner.invoke(app, ["grade", str(files["wrong.py"]), "--format", "json", *FAST])
    assert result.exit_code == 1
    assert "debugging output" not in result.stdout
    task = json.loads(result.stdout)["submissions"][0]["tasks"][0]
    assert task["status"] == "failed" and task["diagnosis"]["name"] == "forgot the inverse"


def test_unreadable_submission_exits_2_with_file_and_line(files):
    result = runner.invoke(app, ["grade", str(files["broken.py"]), "--format", "json", *FAST])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["submissions"][0]["error"].startswith(f"{files['broken.py']}:1: syntax error")


def test_usage_errors_exit_2(files, tmp_path):
    assert runner.invoke(app, ["grade", str(tmp_path / "empty_dir_missing")]).exit_code == 2
    assert runner.invoke(app, ["grade", str(files["right.py"]), "--task", "normal_eqn"]).exit_code == 2
    assert runner.invoke(app, ["grade", str(files["right.py"]), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["grade", str(files["right.py"]), "--device", "tpu"]).exit_code == 2


def test_task_option_and_text_report(files):
    result = runner.invoke(app, ["grade", str(files["right.py"]), "--task", "ridge_regression", *FAST])
    assert result.exit_code == 0
    assert "ridge_regression" in result.stdout and "normal_equation" not in result.stdout and "seed 7" in result.stdout


def test_output_file_and_machine_formats(files, tmp_path):
    out = tmp_path / "report.xml"
    result = runner.invoke(app, ["grade", str(files["wrong.py"]), "--format", "junit", "--output", str(out), *FAST])
    assert result.exit_code == 1 and result.stdout == ""
    assert ET.parse(out).getroot().tag == "testsuites"
    result = runner.invoke(app, ["grade", str(files["right.py"]), "--format", "gradescope", *FAST])
    scores = json.loads(result.stdout)
    assert scores["score"] == sum(t["max_score"] for t in scores["tests"]) == 2.0


def test_same_seed_reproduces_the_report(files):
    def run():
        doc = json.loads(runner.invoke(app, ["grade", str(files["wrong.py"]), "--format", "json", *FAST]).stdout)
        tasks = doc["submissions"][0]["tasks"]
        for task in tasks:  # wall times are the one thing a seed does not reproduce
            for check in task["checks"]:
                assert check.pop("seconds") >= 0
        return tasks

    assert run() == run()


def test_numpy_grading_never_imports_torch_or_sympy_in_the_grading_process(files):
    from import_probe import imported_after

    code = "import sys\nsys.argv[0] = 'mlvc-review'\nfrom mlvc_review.cli import main\nmain()\n"
    argv = ["grade", str(files["right.py"]), "--format", "json", "--seed", "1", "--examples", "5"]
    imported, proc = imported_after(code, ("torch", "sympy"), argv=argv)
    assert json.loads(proc.stdout)["submissions"][0]["tasks"][0]["status"] == "passed"
    assert imported == []


def test_cli_module_imports_nothing_heavy():
    from import_probe import imported_after

    assert imported_after("import mlvc_review.cli.grade", ("torch", "sympy", "hypothesis", "numpy"))[0] == []


def test_start_writes_stubs_that_fail_and_never_overwrites(tmp_path):
    out = tmp_path / "mine.py"
    result = runner.invoke(app, ["start", "normal_equation", "--out", str(out)])
    assert result.exit_code == 0 and out.exists()
    assert "def normal_equation(X, y):" in out.read_text()
    assert runner.invoke(app, ["start", "softmax", "--out", str(out)]).exit_code == 2
    assert "normal_equation" in out.read_text()
    graded = runner.invoke(app, ["grade", str(out), "--format", "json", *FAST])
    task = json.loads(graded.stdout)["submissions"][0]["tasks"][0]
    assert graded.exit_code == 1 and all(c["status"] != "passed" for c in task["checks"])


def test_start_chapter_and_unknown_names(tmp_path):
    out = tmp_path / "ch6.py"
    assert runner.invoke(app, ["start", "chapter", "6", "--out", str(out)]).exit_code == 0
    assert "def scaled_dot_product_attention(Q, K, V, mask=None):" in out.read_text()
    result = runner.invoke(app, ["start", "scaled_dot_attention", "--out", str(tmp_path / "x.py")])
    assert result.exit_code == 2 and "did you mean 'scaled_dot_product_attention'" in result.output


def test_a_file_without_contract_functions_is_not_a_pass(tmp_path):
    path = tmp_path / "nothing.py"
    path.write_text("def helper(x):\n    return x\n")
    result = runner.invoke(app, ["grade", str(path), "--format", "json", *FAST])
    assert result.exit_code == 1
    sub = json.loads(result.stdout)["submissions"][0]
    assert sub["tasks"] == [] and "no contract function" in sub["notes"][0]


def test_chinese_explanations(files):
    result = runner.invoke(app, ["grade", str(files["wrong.py"]), "--format", "json", "--lang", "zh", *FAST])
    diagnosis = json.loads(result.stdout)["submissions"][0]["tasks"][0]["diagnosis"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in diagnosis["explanation"])


def test_device_choice(monkeypatch):
    from mlvc_review.errors import UsageError
    from mlvc_review.grading import device

    monkeypatch.setattr(device, "cuda_visible", lambda: False)
    assert device.resolve_device("auto") == device.DeviceChoice("cpu", False)
    assert device.resolve_device("cpu") == device.DeviceChoice("cpu", True)
    with pytest.raises(UsageError):
        device.resolve_device("cuda")
    monkeypatch.setattr(device, "cuda_visible", lambda: True)
    assert device.resolve_device("auto") == device.DeviceChoice("cuda", True)
    monkeypatch.undo()  # the real detection: hidden devices count as none
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "-1")
    assert device.cuda_visible() is False


def test_notebook_submission_with_magics(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("%load_ext autoreload\nimport numpy as np\n!ls"),
        nbformat.v4.new_code_cell("%%time\nprint('timing cell')"),
        nbformat.v4.new_code_cell(RIGHT.split("\n\n\n", 1)[1]),
    ]
    path = tmp_path / "homework.ipynb"
    nbformat.write(nb, str(path))
    result = runner.invoke(app, ["grade", str(path), "--format", "json", *FAST])
    assert result.exit_code == 0, result.output
    sub = json.loads(result.stdout)["submissions"][0]
    assert {t["status"] for t in sub["tasks"]} == {"passed"} and len(sub["notes"]) == 3


def test_notebook_errors_name_the_cell_and_its_line_and_nbformat_stays_quiet(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# My homework"),
        nbformat.v4.new_code_cell("import numpy as np"),
        nbformat.v4.new_code_cell("def conv_output_size(I, K, P=0, S=1, D=1):\n    return np.int(I)\n"),
    ]
    path = tmp_path / "homework.ipynb"
    nbformat.write(nb, str(path))
    raw = json.loads(path.read_text())
    del raw["cells"][1]["id"]  # an older notebook: nbformat warns about the missing id when it reads the file
    path.write_text(json.dumps(raw))
    done = subprocess.run([sys.executable, "-m", "mlvc_review", "grade", str(path), "--format", "json", "--seed", "1",
                           "--examples", "3"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    task = json.loads(done.stdout)["submissions"][0]["tasks"][0]
    message = next(c["message"] for c in task["checks"] if c["name"] == "values")
    assert "at cell 3, line 2: return np.int(I)" in message and "line 5" not in message
    assert "Warning" not in done.stderr, done.stderr
