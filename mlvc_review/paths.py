"""Where mlvc-review keeps its files: progress and caches under one data directory.

`MLVC_REVIEW_HOME` overrides the platform's user data directory (tests and CI
point it at a temporary directory).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "MLVC_REVIEW_HOME"


def home_dir() -> Path:
    """The data directory: `MLVC_REVIEW_HOME`, else the platform's user data directory."""
    env = os.environ.get(ENV_HOME, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("mlvc-review"))


def cache_dir() -> Path:
    """Derived data that can be deleted at any time (parsed bank files, code-task records)."""
    return home_dir() / "cache"
