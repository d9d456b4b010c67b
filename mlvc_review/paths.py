"""Where mlvc-review keeps its files: progress and caches under one data directory.

`MLVC_REVIEW_HOME` overrides the platform's user data directory (tests and CI
point it at a temporary directory).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

ENV_HOME = "MLVC_REVIEW_HOME"
ENV_BANK = "MLVC_REVIEW_BANK"  # extra bank directories, a path list
CHAPTERS_FILE = "chapters.yaml"


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


@cache
def shipped_bank_dir() -> Path:
    """The question bank that ships with the package (found once per process).

    Installed, it is the package data `mlvc_review.question_bank`. Run from a source
    checkout (`python -m mlvc_review` in the repository root, where the checkout's
    `mlvc_review/` shadows the installed package) it is the checkout's `question_bank/`.
    """
    import importlib.util

    spec = importlib.util.find_spec("mlvc_review.question_bank")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "question_bank"


def question_files(directory: Path) -> list[Path]:
    """The question files of a bank directory, in load order (chapters.yaml is not one)."""
    return sorted(p for p in directory.glob("*.yaml") if p.name != CHAPTERS_FILE) + sorted(directory.glob("*.yml"))


def env_bank_paths() -> list[Path]:
    """The entries of `MLVC_REVIEW_BANK`: bank directories or single .yaml files, in order."""
    return [Path(p) for p in os.environ.get(ENV_BANK, "").split(os.pathsep) if p.strip()]


def bank_files(path: Path) -> list[Path]:
    """The question files a bank path names: a .yaml/.yml file itself, or a directory's question files."""
    if path.is_file():
        return [path] if path.suffix in (".yaml", ".yml") else []
    return question_files(path) if path.is_dir() else []
