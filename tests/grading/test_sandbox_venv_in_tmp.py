"""A Python installed under /tmp (a CI virtual environment) stays importable inside the sandbox.

The sandbox mounts a private tmpfs over /tmp; packages of a virtual environment
living there must be bound back, or a submission importing one of them fails,
while the reference package installed beside them must stay hidden.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

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
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    probe = Path(site) / "venv_only_probe"
    probe.mkdir(parents=True)
    (probe / "__init__.py").write_text("TRUE = True\n")
    # a non-editable install puts the references in the same site-packages (as CI's venv does)
    shutil.copytree(Path(__file__).parents[2] / "reference", Path(site) / "mlvc_reference")
    solution = tmp_path / "solution.py"
    solution.write_text(SOLUTION)
    out = subprocess.run([str(python), "-m", "mlvc_review", "grade", str(solution), "--seed", "1", "--format", "json"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300)
    task = json.loads(out.stdout)["submissions"][0]["tasks"][0]
    assert task["status"] == "passed", task
