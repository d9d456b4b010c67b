"""What a quiz start imports: only what the first question needs (bench/bench_quiz_startup.py times it).

The bank comes from the file cache as plain records (no pydantic, no YAML parser),
command modules are built only when one of their commands runs, and numpy, sympy
and torch wait for a question that needs them.
"""

from __future__ import annotations

import os
import subprocess

from import_probe import imported_after
from typer.testing import CliRunner

from mlvc_review.cli import COMMANDS, app

HEAVY = ("pydantic", "yaml", "torch", "sympy", "numpy", "fsrs", "hashlib", "secrets", "mlvc_review.grading",
         "mlvc_review.cli.grade", "mlvc_review.cli.bank", "mlvc_review.bank.schema")
QUIZ = "import sys\nfrom mlvc_review.cli import app\napp(sys.argv[1:], standalone_mode=False)\n"


def _quiz_start(tmp_path) -> tuple[list[str], subprocess.CompletedProcess]:
    env = {**os.environ, "MLVC_REVIEW_HOME": str(tmp_path / "home")}
    env.pop("MLVC_REVIEW_BANK", None)
    # a choice question first: a matrix question (the notes' most examined topic) rightly needs numpy to be checked
    return imported_after(QUIZ, HEAVY, argv=["quiz", "chapter", "1", "--type", "choice", "--limit", "1", "--seed", "1"],
                          input="q\n", env=env, cwd=tmp_path)


def test_a_quiz_start_from_the_cached_bank_imports_only_what_it_needs(tmp_path):
    first, _ = _quiz_start(tmp_path)  # fills the file cache: pydantic validates the YAML once
    assert {"pydantic", "yaml"} <= set(first)  # the probe does see imports
    second, proc = _quiz_start(tmp_path)
    assert "[1/1] ch1" in proc.stdout
    assert second == []


def test_help_lists_every_command_module_lazily_adds():
    out = CliRunner().invoke(app, ["--help"], terminal_width=120)
    assert out.exit_code == 0
    for name in COMMANDS:
        assert f" {name} " in out.output, name


def test_an_unknown_command_is_a_usage_error():
    out = CliRunner().invoke(app, ["gradee"])
    assert out.exit_code == 2
    assert "No such command" in out.output
