"""What a quiz start imports: only what the first question needs (bench/bench_quiz_startup.py times it).

The bank comes from the file cache as plain records (no pydantic, no YAML parser),
command modules are built only when one of their commands runs, and numpy, sympy
and torch wait for a question that needs them.
"""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from mlvc_review.cli import COMMANDS, app

HEAVY = ("pydantic", "yaml", "torch", "sympy", "numpy", "fsrs", "mlvc_review.grading", "mlvc_review.cli.grade",
         "mlvc_review.cli.bank", "mlvc_review.bank.schema")
PROBE = (
    "import sys\n"
    "from mlvc_review.cli import app\n"
    "try:\n"
    "    app(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    f"    print('IMPORTED', sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
)


def _quiz_start(tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MLVC_REVIEW_HOME": str(tmp_path / "home")}
    env.pop("MLVC_REVIEW_BANK", None)
    return subprocess.run([sys.executable, "-c", PROBE, "quiz", "chapter", "1", "--limit", "1", "--seed", "1"],
                          input="q\n", capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)


def test_a_quiz_start_from_the_cached_bank_imports_only_what_it_needs(tmp_path):
    first = _quiz_start(tmp_path)  # fills the file cache: pydantic validates the YAML once
    assert first.returncode == 0, first.stderr
    assert "pydantic" in first.stdout and "yaml" in first.stdout  # the probe does see imports
    second = _quiz_start(tmp_path)
    assert second.returncode == 0, second.stderr
    assert "[1/1] ch1" in second.stdout
    assert second.stdout.strip().splitlines()[-1] == "IMPORTED []"


def test_help_lists_every_command_module_lazily_adds():
    out = CliRunner().invoke(app, ["--help"], terminal_width=120)
    assert out.exit_code == 0
    for name in COMMANDS:
        assert f" {name} " in out.output, name


def test_an_unknown_command_is_a_usage_error():
    out = CliRunner().invoke(app, ["gradee"])
    assert out.exit_code == 2
    assert "No such command" in out.output
