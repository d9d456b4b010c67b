"""The Gradescope bundle end to end: unpack into a fake /autograder, run setup.sh, grade four kinds of submission.

The fake root is given by AUTOGRADER_ROOT. setup.sh installs the bundle's wheel into
a fresh venv layered on this test's environment (so no dependency is downloaded:
MLVC_PIP_OPTIONS="--no-index --no-deps"), and run_autograder grades good, buggy,
hostile and empty submissions; every results.json must follow Gradescope's format.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mlvc_review import __version__
from mlvc_review.errors import UsageError
from mlvc_review.grading.classroom.gradescope_bundle import build_bundle, chosen_tasks
from mlvc_review.grading.classroom.wheel import build_wheel

sys.path.insert(0, str(Path(__file__).parent))
from _venv import make_venv  # noqa: E402
from test_reports import GRADESCOPE_TEST, GRADESCOPE_TOP  # noqa: E402

GOOD = ("import numpy as np\n"
        "def normal_equation(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n"
        "def softmax(z, axis=-1):\n    e = np.exp(z - z.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n")
BUGGY = "import numpy as np\ndef normal_equation(X, y):\n    return X.T @ y\n"


def hostile(root: Path) -> str:
    """Writes a perfect score into results.json, then kills its parent."""
    return ("import os, signal\n"
            "def softmax(z, axis=-1):\n"
            f"    try:\n        open({str(root / 'results' / 'results.json')!r}, 'w').write('{{\"score\": 100}}')\n"
            "    except OSError:\n        pass\n"
            "    os.kill(os.getppid(), signal.SIGKILL)\n    return z\n")


def test_the_wheel_carries_both_packages_the_bank_and_the_console_script(tmp_path):
    wheel = zipfile.ZipFile(build_wheel(tmp_path))
    names = set(wheel.namelist())
    info = f"mlvc_review-{__version__}.dist-info"
    assert {"mlvc_review/__init__.py", "mlvc_review/grading/sandbox/worker.py", "mlvc_reference/registry.py",
            "mlvc_review/question_bank/chapters.yaml", f"{info}/METADATA", f"{info}/RECORD", f"{info}/WHEEL"} <= names
    assert "mlvc-review = mlvc_review.cli:main" in wheel.read(f"{info}/entry_points.txt").decode()
    assert not any("__pycache__" in n for n in names)
    record = wheel.read(f"{info}/RECORD").decode().splitlines()
    assert len(record) == len(names) and all(line.count(",") == 2 for line in record)


def test_tasks_are_chosen_by_name_id_and_chapter_and_unknown_ones_are_refused():
    assert chosen_tasks(["softmax"], []) == ["softmax"]
    by_chapter = chosen_tasks([], [1])
    assert "normal_equation" in by_chapter and "softmax" in by_chapter and "conv2d" not in by_chapter
    with pytest.raises(UsageError, match="softmx"):
        chosen_tasks(["softmx"], [])
    with pytest.raises(UsageError, match="chapter 12"):
        chosen_tasks([], [12])


@pytest.mark.slow
def test_the_bundle_installs_and_grades_good_buggy_hostile_and_empty_submissions(tmp_path):
    bundle = tmp_path / "autograder.zip"
    config = build_bundle(bundle, tasks=["normal_equation", "softmax"], chapters=[], seed=4)
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as z:
        assert {"setup.sh", "run_autograder", "config.json"} <= set(z.namelist())
        assert all((z.getinfo(n).external_attr >> 16) & 0o111 for n in ("setup.sh", "run_autograder"))
        z.extractall(root / "source")
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")  # as Gradescope's image build does,
    (root / "run_autograder").chmod(0o755)  # keeping the mode the zip records (zipfile.extractall drops it)
    python, site_dir = make_venv(tmp_path / "venv")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "MLVC_PYTHON": str(python), "MLVC_TORCH_INDEX": "",
           "MLVC_PIP_OPTIONS": "--no-index --no-deps --force-reinstall --no-warn-script-location"}
    subprocess.run(["bash", str(root / "source" / "setup.sh")], env=env, check=True, capture_output=True, timeout=300)
    where = subprocess.run([str(python), "-c", "import mlvc_review; print(mlvc_review.__file__)"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site_dir)), "setup.sh must install the bundle's wheel"

    def grade(files: dict[str, str]) -> dict:
        shutil.rmtree(root / "submission", ignore_errors=True)
        shutil.rmtree(root / "results", ignore_errors=True)
        (root / "submission").mkdir()
        for name, text in files.items():
            (root / "submission" / name).write_text(text)
        done = subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        results = json.loads((root / "results" / "results.json").read_text())
        assert set(results) <= GRADESCOPE_TOP and isinstance(results["execution_time"], int)
        assert all(set(t) <= GRADESCOPE_TEST for t in results["tests"])
        return results

    good = grade({"solution.py": GOOD})
    assert [(t["name"], t["status"]) for t in good["tests"]] == [
        ("normal_equation (opt.code.normal-equation)", "passed"), ("softmax (opt.code.softmax)", "passed")]
    assert good["score"] == sum(t["max_score"] for t in good["tests"]) and f"seed {config['seed']}" in good["output"]
    buggy = grade({"solution.py": BUGGY})
    ne = next(t for t in buggy["tests"] if t["name"].startswith("normal_equation"))
    assert ne["status"] == "failed" and "forgot the inverse" in ne["output"]
    bad = grade({"solution.py": hostile(root)})
    assert bad["score"] == 0 and [t["status"] for t in bad["tests"]] == ["failed", "failed"]  # normal_equation missing
    empty = grade({"README.txt": "I forgot to attach my code"})
    assert empty["score"] == 0 and empty["tests"] == [] and "No Python file" in empty["output"]
