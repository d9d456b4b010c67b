"""Every command of the CLI, given bad paths: a clear message, a non-zero exit, no traceback, no work done.

The walk is built from the CLI itself: every leaf command's path parameters (click
Path types, and --bank) must have a case here, so a new command or option with a
path cannot slip through untested. Grading, building and writing are replaced by
functions that fail the test if they are reached: each check happens before any work.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from cli_tree import leaves
from mlvc_review.cli import app

runner = CliRunner()

LONG = "n" * 300  # longer than any file name may be (ENAMETOOLONG)

# what each command needs besides the path under test
BASE = {
    "quiz chapter": ["1", "--limit", "1"], "quiz topic": ["attention"], "quiz all": [], "review": [], "exam": [],
    "stats": [], "progress export": [], "grade": ["{solution}"], "start": ["chapter", "1"],
    "gradebook": ["{outdir}"], "class-report": ["{outdir}"], "export gradescope": ["--task", "sigmoid"],
    "bank validate": ["--quick"], "bank list": [], "bank show": ["x"], "bank stats": [], "chapters": [],
    "bank search": ["gram"], "export anki": ["--out", "deck.apkg"],
}
# (command, parameter) -> how the path is used; each use has its bad values below
USE = {
    ("quiz chapter", "workdir"): "workdir", ("quiz topic", "workdir"): "workdir", ("quiz all", "workdir"): "workdir",
    ("review", "workdir"): "workdir",
    ("progress export", "file"): "output",
    ("grade", "paths"): "input", ("grade", "output"): "grade-output", ("start", "out"): "new",
    ("gradebook", "dirs"): "input-dir", ("gradebook", "output"): "output",
    ("class-report", "dirs"): "input-dir", ("class-report", "output"): "output",
    ("export gradescope", "out"): "output", ("export anki", "out"): "output",
}
BAD = {
    "workdir": ["{long}", "{file}/x", "{file}"],
    "output": ["{long}", "{file}/x", "no_such_dir/r.txt", "{dir}"],
    "grade-output": ["{long}", "{file}/x", "no_such_dir/r.txt"],  # a folder is a class run's output
    "new": ["{long}", "{file}/x", "{dir}"],
    "input": ["{long}", "{file}/x", "no_such_file.py"],
    "input-dir": ["{long}", "{file}/x", "no_such_dir", "{file}"],
    "bank": ["{long}", "{file}/x", "no_such_bank"],
}


def _path_params(command) -> list:
    """Parameters taking a path: Typer makes a Path annotation a click Path type; --bank takes str."""
    return [p for p in command.params if type(p.type).__name__.endswith("Path") or p.name == "bank"]


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for name, command in leaves().items():
        for param in _path_params(command):
            use = "bank" if param.name == "bank" else USE.get((name, param.name), "unknown")
            cases += [(name, param.name, value) for value in BAD.get(use, ["<no case: add one to USE>"])]
    return cases


def test_every_path_parameter_of_every_command_has_cases():
    commands = leaves()
    assert {"grade", "start", "quiz chapter", "progress export", "gradebook", "export gradescope", "bank list"} <= set(commands)
    missing = [(name, p.name) for name, c in commands.items() for p in _path_params(c)
               if p.name != "bank" and (name, p.name) not in USE]
    assert not missing, f"path parameters without bad-path cases: {missing}"
    assert not [name for name, c in commands.items() if _path_params(c) and name not in BASE]


# a missing submission is reported in the grading document itself (exit 2), as one student's of a class
REPORTED_BY_THE_GRADER = {("grade", "paths", "no_such_file.py")}


@pytest.fixture
def places(tmp_path, monkeypatch):
    """A file, a folder, a class output folder and a solution, in the working directory."""
    (tmp_path / "a_file.txt").write_text("x\n")
    (tmp_path / "a_dir").mkdir()
    (tmp_path / "outdir").mkdir()
    solution = tmp_path / "solution.py"
    solution.write_text("def sigmoid(x):\n    return x\n")
    monkeypatch.chdir(tmp_path)
    return {"file": "a_file.txt", "dir": "a_dir", "long": LONG, "solution": str(solution), "outdir": "outdir"}


def _forbid_work(monkeypatch) -> None:
    """Grading, building a bundle, writing a starter and asking questions fail the test if reached."""

    def reached(*args, **kwargs):
        raise AssertionError("work started before the paths were checked")

    import mlvc_review.grading.batch as batch
    import mlvc_review.grading.classroom.gradescope_bundle as bundle
    import mlvc_review.grading.starter as starter
    import mlvc_review.quiz.session as session

    for owner, name in ((batch, "grade_paths"), (bundle, "build_bundle"), (starter, "write_starter"),
                        (session.Session, "run")):
        monkeypatch.setattr(owner, name, reached)


def _argv(name: str, command, param: str, value: str) -> list[str]:
    opt = next(p for p in command.params if p.name == param)
    base = [a.format(**PLACES) for a in BASE[name]]
    if opt.param_type_name == "argument":
        if name == "grade":
            base = []
        return [*name.split(), *base, value]
    return [*name.split(), *base, opt.opts[0], value]


PLACES: dict[str, str] = {}


@pytest.mark.parametrize(("name", "param", "raw"), _cases(), ids=lambda v: str(v)[:40])
def test_a_bad_path_gets_a_clear_message_and_no_traceback(places, monkeypatch, name, param, raw):
    PLACES.update(places)
    if (name, param, raw) not in REPORTED_BY_THE_GRADER:
        _forbid_work(monkeypatch)
    value = raw.format(**places)
    command = leaves()[name]
    result = runner.invoke(app, _argv(name, command, param, value), input="q\n")
    output = result.output
    assert result.exit_code != 0, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output
    flat = re.sub(r"\s+", "", output)
    assert re.sub(r"\s+", "", value) in flat, output  # the message names the path it is about
