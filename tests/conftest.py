"""Shared test set-up: hypothesis profiles and a temporary home for every test.

Profiles: `dev` (default, quick) and `ci` (more examples, no deadline); pick one
with HYPOTHESIS_PROFILE=ci. The example database is off so runs are reproducible.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev", max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Progress and caches go to a fresh directory; extra banks from the environment are ignored.

    Each test also runs in its own working directory, so nothing a command writes into the
    current directory (a code question's starter file) ever lands in the checkout.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MLVC_REVIEW_HOME", str(home))
    monkeypatch.delenv("MLVC_REVIEW_BANK", raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    yield home


@pytest.fixture
def write_bank(tmp_path):
    """write_bank(yaml_text, name="bank") -> a fresh bank directory under tmp_path holding that text (dedented)."""

    def write(text: str, name: str = "bank") -> Path:
        directory = tmp_path / name
        directory.mkdir()
        (directory / "questions.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return directory

    return write
