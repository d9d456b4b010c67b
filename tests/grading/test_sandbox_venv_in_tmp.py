"""A Python installed under /tmp (a CI virtual environment) stays importable inside the sandbox.

The sandbox mounts a private tmpfs over /tmp; packages of a virtual environment
living there must be bound back, or a submission importing one of them fails,
while the reference package installed beside them must stay hidden.
"""

from __future__ import annotations

from _grade_cli import grade_json
from _venv import make_venv

SOLUTION = """\
import venv_only_probe

try:
    import mlvc_reference  # the answers must stay out of reach (not even as an empty namespace)
    REACHED = True
except ImportError:
    REACHED = False


def causal_mask(n):
    import numpy as np
    return np.tril(np.ones((n, n), dtype=bool)) & venv_only_probe.TRUE & (not REACHED)
"""


def test_packages_of_a_venv_under_tmp_are_visible(tmp_path):
    assert str(tmp_path).startswith("/tmp/")
    python, _ = make_venv(tmp_path / "venv")
    solution = tmp_path / "solution.py"
    solution.write_text(SOLUTION)
    task = grade_json(solution, tmp_path, python=python)[1]["submissions"][0]["tasks"][0]
    assert task["status"] == "passed", task
