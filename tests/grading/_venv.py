"""A virtual environment for sandbox tests: this Python's packages, one probe package, the references.

A non-editable install puts `mlvc_reference` in the environment's site-packages (as
CI's venv does); `venv_only_probe` exists only there, so a submission that imports
it proves the sandbox can read the environment.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_venv(path: Path) -> tuple[Path, Path]:
    """Create the environment at `path`; return its python and its site-packages."""
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(path)], check=True)
    python = path / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    probe = site / "venv_only_probe"
    probe.mkdir(parents=True)
    (probe / "__init__.py").write_text("TRUE = True\n")
    shutil.copytree(ROOT / "reference", site / "mlvc_reference")
    return python, site

