"""A wheel of the running mlvc-review, built from the installed files (no build tools, no network).

The Gradescope bundle must install exactly the version the instructor tested. The
wheel is assembled from what Python imports right now: the `mlvc_review` package
(its question bank included, wherever an editable install maps it from), the
`mlvc_reference` package and the installed distribution's metadata and entry points.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import importlib.util
import zipfile
from pathlib import Path

from mlvc_review import __version__

DIST = "mlvc_review"
TAG = "py3-none-any"


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name} is not importable")
    return Path(next(iter(spec.submodule_search_locations)))


def _files(package: str, root: Path) -> dict[str, Path]:
    """arcname -> file for every file of a package directory (no caches)."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            out[f"{package.replace('.', '/')}/{path.relative_to(root).as_posix()}"] = path
    return out


def package_files() -> dict[str, Path]:
    """Every file the wheel carries, by its name inside the wheel."""
    files = _files("mlvc_review", _package_dir("mlvc_review"))
    files.update(_files("mlvc_review.question_bank", _package_dir("mlvc_review.question_bank")))
    files.update(_files("mlvc_reference", _package_dir("mlvc_reference")))
    return files


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(dest: Path) -> Path:
    """Write `mlvc_review-<version>-py3-none-any.whl` into `dest`; returns its path."""
    dist = importlib.metadata.distribution("mlvc-review")
    info = f"{DIST}-{__version__}.dist-info"
    meta = {
        f"{info}/METADATA": (dist.read_text("METADATA") or "").encode(),
        f"{info}/entry_points.txt": (dist.read_text("entry_points.txt") or "").encode(),
        f"{info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: mlvc-review {__version__}\nRoot-Is-Purelib: true\nTag: {TAG}\n".encode(),
    }
    path = dest / f"{DIST}-{__version__}-{TAG}.whl"
    record = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for arcname, file in package_files().items():
            data = file.read_bytes()
            wheel.writestr(arcname, data)
            record.append(f"{arcname},{_digest(data)},{len(data)}")
        for arcname, data in meta.items():
            wheel.writestr(arcname, data)
            record.append(f"{arcname},{_digest(data)},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return path
