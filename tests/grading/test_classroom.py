"""Class runs: one document per student, resume without regrading, shards that merge, gradebook, report."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from mlvc_review.errors import SubmissionError, UsageError
from mlvc_review.grading.classroom import class_report, gradebook
from mlvc_review.grading.classroom.results import RECORDS, ResultDir, load_records, student_ids
from mlvc_review.grading.classroom.run import grade_class, in_shard, parse_shard
from mlvc_review.grading.reports.document import FORMATS
from mlvc_review.grading.runner import Options

sys.path.insert(0, str(Path(__file__).parent))
from _fake_sandbox import FakePool  # noqa: E402

OPTIONS = Options(seed=5, examples=5)
HONEST = "import numpy as np\ndef normal_equation(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n"
FORGOT_INVERSE = "def normal_equation(X, y):\n    return X.T @ y\n"
BROKEN = "def normal_equation(X, y)\n    return X\n"


def make_class(root: Path, n: int) -> Path:
    """n students: honest, forgot-the-inverse and unreadable files in turn."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"s{i:02d}.py").write_text([HONEST, FORGOT_INVERSE, BROKEN][i % 3])
    return root


class CountingPool(FakePool):
    opened: list[str] = []

    def open(self, source: str, filename: str):  # type: ignore[override]
        CountingPool.opened.append(filename)
        return super().open(source, filename)


def run(paths: list[Path], out: Path, fmt: str = "json", shard=None, options: Options = OPTIONS):
    target = ResultDir(out)
    target.prepare()
    return grade_class(paths, [], options, target, fmt, FORMATS.get(fmt, lambda d: "text"), jobs=2, shard=shard,
                       pool_factory=lambda torch: CountingPool())


def test_each_student_gets_a_document_and_a_record_written_as_they_finish(tmp_path):
    klass = make_class(tmp_path / "class", 3)
    result = run([klass], tmp_path / "out", fmt="gradescope")
    assert result.graded == 3 and result.reused == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [RECORDS, "mlvc-run.json", "s00.gradescope.json", "s01.gradescope.json", "s02.gradescope.json"]
    honest = json.loads((tmp_path / "out" / "s00.gradescope.json").read_text())
    assert [t["status"] for t in honest["tests"]] == ["passed"]
    broken = json.loads((tmp_path / "out" / "s02.gradescope.json").read_text())
    assert broken["tests"][0]["name"] == "read submission" and broken["score"] == 0


def test_a_rerun_regrades_nothing_and_a_changed_file_only_that_one(tmp_path):
    klass = make_class(tmp_path / "class", 4)
    first = run([klass], tmp_path / "out")
    CountingPool.opened = []
    again = run([klass], tmp_path / "out")
    assert (again.graded, again.reused) == (0, 4) and CountingPool.opened == []
    assert again.documents == first.documents
    (klass / "s01.py").write_text(HONEST)
    third = run([klass], tmp_path / "out")
    assert (third.graded, third.reused) == (1, 3) and [Path(p).name for p in CountingPool.opened] == ["s01.py"]


def test_another_seed_or_option_is_another_key_and_regrades(tmp_path):
    klass = make_class(tmp_path / "class", 2)
    run([klass], tmp_path / "out")
    other = run([klass], tmp_path / "out", options=Options(seed=6, examples=5))
    assert (other.graded, other.reused) == (2, 0)


def test_a_run_killed_half_way_resumes_with_what_was_recorded(tmp_path):
    klass = make_class(tmp_path / "class", 6)

    class DiesAfterThree(CountingPool):
        def open(self, source, filename):  # type: ignore[override]
            if len(CountingPool.opened) >= 3:
                raise KeyboardInterrupt  # the grader killed between submissions
            return super().open(source, filename)

    CountingPool.opened = []
    target = ResultDir(tmp_path / "out")
    target.prepare()
    with pytest.raises(KeyboardInterrupt):
        grade_class([klass], [], OPTIONS, target, "json", FORMATS["json"], jobs=1, pool_factory=lambda torch: DiesAfterThree())
    recorded = sorted(p.stem for p in (tmp_path / "out" / RECORDS).glob("*.json"))
    assert recorded == ["s00", "s01", "s02", "s03"]  # s02 is unreadable: recorded without a session
    CountingPool.opened = []
    resumed = run([klass], tmp_path / "out")
    assert (resumed.graded, resumed.reused) == (2, 4) and [Path(p).name for p in CountingPool.opened] == ["s04.py"]  # s05 is unreadable


def test_two_shards_merged_equal_one_unsharded_run(tmp_path):
    klass = make_class(tmp_path / "class", 7)
    whole = run([klass], tmp_path / "whole")
    a = run([klass], tmp_path / "a", shard=(0, 2))
    b = run([klass], tmp_path / "b", shard=(1, 2))
    assert set(a.documents).isdisjoint(b.documents) and len(a.documents) + len(b.documents) == 7
    merged = gradebook.render_csv(load_records([tmp_path / "a", tmp_path / "b"]))
    assert merged == gradebook.render_csv(load_records([tmp_path / "whole"]))
    assert set(whole.documents) == set(a.documents) | set(b.documents)


@pytest.mark.parametrize("text, expected", [("0/2", (0, 2)), ("3/4", (3, 4))])
def test_shard_parsing(text, expected):
    assert parse_shard(text) == expected


@pytest.mark.parametrize("text", ["2/2", "1", "-1/3", "a/b", "1/0"])
def test_bad_shards_are_usage_errors(text):
    with pytest.raises(UsageError, match="K/N"):
        parse_shard(text)


def test_shards_partition_any_class():
    students = [f"s{i}" for i in range(11)]
    parts = [in_shard(students, (k, 3)) for k in range(3)]
    assert set().union(*parts) == set(students) and sum(map(len, parts)) == 11
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_student_names_keep_sub_folders_and_tell_suffixes_apart(tmp_path):
    (tmp_path / "g1").mkdir()
    files = [tmp_path / "g1" / "alice.py", tmp_path / "bob.py", tmp_path / "bob.ipynb"]
    assert list(student_ids(files, [tmp_path]).values()) == ["g1__alice", "bob_py", "bob_ipynb"]


def test_gradebook_has_a_row_per_student_a_column_per_task_totals_and_mistakes(tmp_path):
    run([make_class(tmp_path / "class", 3)], tmp_path / "out")
    table = list(csv.DictReader(io.StringIO(gradebook.render_csv(load_records([tmp_path / "out"])))))
    assert [r["student"] for r in table] == ["s00", "s01", "s02"]
    assert [r["normal_equation"] for r in table] == ["1.0", "0.0", "0.0"]
    assert [r["total"] for r in table] == ["1.0", "0.0", "0.0"] and {r["max_total"] for r in table} == {"1.0"}
    assert table[1]["normal_equation mistake"] == "forgot the inverse"
    assert table[2]["error"] and table[2]["normal_equation mistake"] == "not submitted"
    book = json.loads(gradebook.render_json(load_records([tmp_path / "out"])))
    assert book["columns"][:5] == ["student", "file", "total", "max_total", "normal_equation"] and len(book["students"]) == 3


def test_class_report_counts_students_per_mistake_and_failing_checks(tmp_path):
    run([make_class(tmp_path / "class", 6)], tmp_path / "out")
    stats = class_report.class_stats(load_records([tmp_path / "out"]))
    ne = next(s for s in stats if s.function == "normal_equation")
    assert (ne.submitted, ne.passed) == (4, 2) and ne.mistakes == {"forgot the inverse": 2}
    assert ne.failing_checks["values"] == 2
    md = class_report.render_markdown(stats, 6)
    assert "2 students: forgot the inverse" in md and "| `normal_equation` | 4 | 50% |" in md
    page = class_report.render_html(stats, 6)
    assert page.startswith("<!DOCTYPE html>") and "<td>50%</td>" in page


def test_records_of_one_student_from_different_files_do_not_merge_silently(tmp_path):
    klass = make_class(tmp_path / "class", 2)
    run([klass], tmp_path / "a")
    (klass / "s00.py").write_text(FORGOT_INVERSE)
    run([klass], tmp_path / "b")
    with pytest.raises(UsageError, match="s00"):
        load_records([tmp_path / "a", tmp_path / "b"])


def test_empty_class_and_empty_output_are_clear_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(SubmissionError):
        run([tmp_path / "empty"], tmp_path / "out")
    with pytest.raises(UsageError, match="no graded submissions"):
        load_records([tmp_path / "empty"])
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="is a file"):
        ResultDir(tmp_path / "file").prepare()
