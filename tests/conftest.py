"""Shared test set-up: hypothesis profiles and a temporary home for every test.

Profiles: `dev` (default, quick) and `ci` (more examples, no deadline); pick one
with HYPOTHESIS_PROFILE=ci. The example database is off so runs are reproducible.
"""

from __future__ import annotations

import os
import signal
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

# A test run started in the background by a non-interactive shell (`pytest &`, `nohup ... &`) has
# SIGINT ignored, and an ignored signal stays ignored across exec: every program the tests start
# would then shrug off the Ctrl-C that the terminal and kill-the-grader tests press (a Python
# started with SIGINT ignored never installs KeyboardInterrupt). A handled signal is reset to the
# default on exec, so handling it here gives every child the SIGINT a student's terminal gives.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


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
