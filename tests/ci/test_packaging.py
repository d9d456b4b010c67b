"""A non-editable install (the README's `pip install .`, CI) ships every package of the checkout.

pyproject.toml lists the packages by hand (reference/ installs as `mlvc_reference`);
a new sub-package missing from that list works in an editable checkout and fails
only on a fresh machine, as `grading.classroom` once did.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _listed() -> tuple[set[str], dict[str, str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    return set(config["packages"]), config.get("package-dir", {})


def _tracked() -> set[Path] | None:
    """The files git tracks (what a clone has), or None outside a git checkout."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {ROOT / name for name in out.decode().split("\0") if name}


def _on_disk(package_dir: dict[str, str]) -> set[str]:
    """Every directory with an __init__.py under the installed roots, named as it installs.

    In a git checkout only tracked files count: a package not yet committed is not in a clone.
    """
    tracked = _tracked()
    roots = {"mlvc_review": "mlvc_review", **{name: path for name, path in package_dir.items()}}
    found = set()
    for name, path in roots.items():
        base = ROOT / path
        for init in base.rglob("__init__.py"):
            if "__pycache__" in init.parts or (tracked is not None and init not in tracked):
                continue
            rel = init.parent.relative_to(base).parts
            found.add(".".join((name, *rel)))
    return found


def test_every_package_of_the_checkout_is_installed():
    listed, package_dir = _listed()
    missing = sorted(_on_disk(package_dir) - listed)
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_every_listed_package_exists():
    listed, package_dir = _listed()
    assert sorted(listed - _on_disk(package_dir) - set(package_dir)) == []
