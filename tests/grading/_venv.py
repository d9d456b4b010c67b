"""A virtual environment for sandbox tests: this Python's packages, one probe package, the references.

The new environment is a plain venv (not built with system site packages: inside a venv
that option would give the *base* interpreter's packages, which on a fresh machine
has neither numpy nor mlvc-review). A `.pth` file in its site-packages adds the
site directories of the Python running the tests, after its own, so it sees
exactly this environment's packages, however they were installed (editable or
not). A non-editable install puts `mlvc_reference` in the environment's
site-packages (as CI's venv does): a copy goes there, ahead of this Python's.
`venv_only_probe` exists only there, so a submission that imports it proves the
sandbox can read the environment.
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_venv(path: Path) -> tuple[Path, Path]:
    """Create the environment at `path`; return its python and its site-packages."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    python = path / "bin" / "python"
    site_dir = Path(subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                                   capture_output=True, text=True, check=True).stdout.strip())
    # addsitedir (not a bare path) so the .pth files there run too: an editable install is one
    parents = [d for d in site.getsitepackages() if Path(d).is_dir()]
    (site_dir / "zz_parent_environment.pth").write_text(
        "".join(f"import site; site.addsitedir({d!r})\n" for d in parents))
    probe = site_dir / "venv_only_probe"
    probe.mkdir(parents=True)
    (probe / "__init__.py").write_text("TRUE = True\n")
    shutil.copytree(ROOT / "reference", site_dir / "mlvc_reference")
    return python, site_dir
