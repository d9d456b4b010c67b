"""A project with its virtual environment inside it (CI's layout) stays hidden from submissions.

CI checks the repository out in a world-readable directory and creates `.venv`
inside it. The sandbox must still cover the project (its tests, the reference
sources) while binding the environment back, so a submission imports numpy and
the environment's packages but reads none of the project's other files.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from _grade_cli import grade_json
from _venv import ROOT, make_venv

SOLUTION = """\
import venv_only_probe


def _readable(path):
    try:
        with open(path) as f:
            f.read()
        return True
    except OSError:
        return False


try:
    import mlvc_reference  # noqa: F401
    REACHED = True
except ImportError:
    REACHED = False
LEAKS = [p for p in {paths!r} if _readable(p)] + (["mlvc_reference"] if REACHED else [])


def causal_mask(n):
    import numpy as np
    if LEAKS:
        raise RuntimeError("read from the sandbox: " + ", ".join(LEAKS))
    return np.tril(np.ones((n, n), dtype=bool)) & venv_only_probe.TRUE
"""


@pytest.fixture
def project():
    """A project directory outside /tmp (the sandbox's private /tmp would hide it anyway)."""
    path = Path(tempfile.mkdtemp(prefix=".sandbox-project-", dir=ROOT))
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="filesystem isolation needs root (namespaces)")
def test_project_around_the_venv_is_hidden_but_the_venv_is_not(project):
    python, site = make_venv(project / ".venv")
    secrets = [project / "tests_secret.py", project / "reference" / "attention.py"]
    for secret in secrets:
        secret.parent.mkdir(exist_ok=True)
        secret.write_text("EXPECTED = 42\n")
        secret.chmod(0o644)
    # the guards of this test: the sandbox uid could read these without the cover
    assert all(os.stat(p).st_mode & 0o004 for p in secrets)
    solution = project / "solution.py"
    solution.write_text(SOLUTION.format(paths=[str(p) for p in secrets] + [str(site / "mlvc_reference" / "attention.py")]))
    _, document = grade_json(solution, project, python=python)
    assert document["isolation"].startswith("namespaces"), document["isolation"]
    task = document["submissions"][0]["tasks"][0]
    assert task["status"] == "passed", task


@pytest.mark.parametrize(
    ("cwd", "hidden"),
    [
        ("/srv/course/project", True),  # holds the venv: covered, the venv bound back
        ("/srv/course/project/.venv", False),  # the install itself
        ("/", False),
        ("/usr", False),
        ("/usr/lib", False),  # the system lives there
        ("/var", False),  # covering it would cover /var/tmp
    ],
)
def test_which_working_directories_are_covered(monkeypatch, cwd, hidden):
    from mlvc_review.grading.sandbox import pool

    venv = "/srv/course/project/.venv"
    monkeypatch.setattr(sys, "prefix", venv)
    monkeypatch.setattr(sys, "exec_prefix", venv)
    monkeypatch.setattr(sys, "base_prefix", "/usr")
    sites = [f"{venv}/lib/python3.11/site-packages", "/usr/lib/python3/dist-packages"]
    monkeypatch.setattr(pool.site, "getsitepackages", lambda: sites)
    monkeypatch.setattr(pool.os, "getcwd", lambda: cwd)
    dirs = pool._hidden_dirs()
    assert (cwd in dirs) is hidden
    assert dirs == sorted(dirs, key=lambda d: d.count("/")), "outermost first"
