"""Batch grading: one warm pool, one session per submission, results never mix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mlvc_review.errors import SubmissionError
from mlvc_review.grading.batch import grade_paths
from mlvc_review.grading.runner import Options
from mlvc_review.grading.spec import load_all

sys.path.insert(0, str(Path(__file__).parent))
from _fake_sandbox import FakePool  # noqa: E402

RIGHT = "import numpy as np\ndef normal_equation(X, y):\n    return np.linalg.lstsq(X, y, rcond=None)[0]\n"
WRONG = "def normal_equation(X, y):\n    return X.T @ y\n"
OPTIONS = Options(seed=4, examples=15)


def make_dir(tmp_path: Path, n: int) -> Path:
    for i in range(n):
        (tmp_path / f"s{i:02d}.py").write_text(RIGHT if i % 2 == 0 else WRONG)
    return tmp_path


def statuses(results) -> list[tuple[str, str]]:
    return [(Path(r.path).name, r.tasks[0].status) for r in results]


def test_two_different_files_in_one_concurrent_batch_keep_their_own_results(tmp_path):
    make_dir(tmp_path, 2)
    done = []
    results, isolation, _ = grade_paths([tmp_path], [], OPTIONS, jobs=2, progress=done.append)
    assert statuses(results) == [("s00.py", "passed"), ("s01.py", "failed")]
    assert results[1].tasks[0].diagnosis["name"] == "forgot the inverse" and results[0].tasks[0].diagnosis is None
    assert len(done) == 2 and isolation


def test_concurrent_batch_equals_serial_grading(tmp_path):
    make_dir(tmp_path, 6)
    serial, _, _ = grade_paths([tmp_path], [], OPTIONS, jobs=1, pool_factory=lambda torch: FakePool())
    parallel, _, _ = grade_paths([tmp_path], [], OPTIONS, jobs=3, pool_factory=lambda torch: FakePool())

    def shown(results):
        return [(r.path, [(c.name, c.status, c.message, repr(c.counterexample())) for c in r.tasks[0].checks]) for r in results]

    assert shown(serial) == shown(parallel)
    assert statuses(parallel) == [(f"s{i:02d}.py", "passed" if i % 2 == 0 else "failed") for i in range(6)]


def test_each_submission_gets_its_own_session(tmp_path):
    make_dir(tmp_path, 4)
    pool = FakePool()
    grade_paths([tmp_path], [], OPTIONS, jobs=2, pool_factory=lambda torch: pool)
    assert sorted(s.filename for s in pool.sessions) == [f"s{i:02d}.py" for i in range(4)]
    assert all(s.closed for s in pool.sessions)


def test_unreadable_files_do_not_start_a_pool_and_empty_input_is_an_error(tmp_path):
    (tmp_path / "bad.py").write_text("def (:\n")
    started = []
    results, _, _ = grade_paths([tmp_path], [], OPTIONS, pool_factory=lambda torch: started.append(1) or FakePool())
    assert started == [] and results[0].error.endswith("syntax error: invalid syntax")
    missing, _, _ = grade_paths([tmp_path / "nothing_here.py"], [], OPTIONS, pool_factory=lambda torch: FakePool())
    assert "no such file" in missing[0].error
    (tmp_path / "empty").mkdir()
    with pytest.raises(SubmissionError):
        grade_paths([tmp_path / "empty"], [], OPTIONS)


def test_honest_styles_pass_and_the_all_stub_file_fails_everything():
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "submissions"
    results, _, _ = grade_paths([fixtures], [], Options(seed=8, examples=10), jobs=2)
    by_name = {Path(r.path).stem: r for r in results}
    honest = sorted(name for name in by_name if name.startswith("honest_"))
    assert honest == ["honest_einsum", "honest_loops", "honest_torch"]
    for name in honest:
        statuses = {t.function: t.status for t in by_name[name].tasks}
        defined = set(load_all()) & {f for f in statuses}
        assert statuses == {f: "passed" for f in defined} and len(defined) >= 20, (name, statuses)
    stub = by_name["stub_all"].tasks
    assert stub and all(t.status not in ("passed",) for t in stub)
    assert all(c.status != "passed" for t in stub for c in t.checks)


def test_a_session_that_cannot_open_is_reported_and_the_batch_goes_on(tmp_path):
    make_dir(tmp_path, 3)

    class Flaky(FakePool):
        def open(self, source, filename):
            if filename == "s01.py":
                raise OSError("sandbox refused")
            return super().open(source, filename)

    results, _, _ = grade_paths([tmp_path], [], OPTIONS, jobs=2, pool_factory=lambda torch: Flaky())
    assert "sandbox refused" in results[1].error
    assert [r.tasks[0].status for r in (results[0], results[2])] == ["passed", "passed"]
