"""The newcomer check (.ci/newcomer): the README's set-up commands read from the README, and its guards.

The full check (a fresh clone, a fresh venv, both commands) takes as long as CI;
these tests prove the parts that decide what it runs and where, in well under a second.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEWCOMER = ROOT / ".ci" / "newcomer"


def _load():
    spec = importlib.util.spec_from_file_location("readme_commands", ROOT / ".ci" / "readme_commands.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rc = _load()


def _readme(setup: str, after: str = "## Next\n\n```sh\necho later\n```\n") -> str:
    return "# Tool\n\nIntro.\n\n```sh\necho before\n```\n\n## Set-up (Python >= 3.11)\n\n" + textwrap.dedent(setup) + "\n" + after


def test_the_readme_gives_its_two_set_up_commands_in_order():
    install, tests = rc.setup_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert install.startswith("pip install . && ")
    assert "mlvc-review bank validate" in install and "mlvc-review grade examples/my_solution.py" in install
    assert tests == "pip install '.[test]' && pytest"


def test_only_shell_blocks_of_the_set_up_section_count():
    text = _readme("""\
        Install:

        ```sh
        pip install . && tool run
        ```

        An aside (not a command):

        ```text
        output looks like this
        ```

        ```bash
        # the tests
        $ pip install '.[test]' \\
            && pytest
        ```
        """)
    assert rc.setup_commands(text) == ["pip install . && tool run", "pip install '.[test]' && pytest"]


def test_a_heading_inside_a_block_does_not_end_the_section():
    text = _readme("```sh\n# not a heading\nfirst\n```\n\n```sh\nsecond\n```\n")
    assert rc.setup_commands(text) == ["first", "second"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Tool\n\n## Install\n\n```sh\na\n```\n\n```sh\nb\n```\n", "one '## Set-up' section, found 0"),
        (_readme("```sh\na\n```\n"), "2 shell blocks in the set-up section, found 1"),
        (_readme("```sh\na\n```\n```sh\nb\n```\n```sh\nc\n```\n"), "found 3"),
        (_readme("```sh\na\nb\n```\n```sh\nc\n```\n"), "one command line, found 2"),
        (_readme("```sh\na\n```\n```sh\n# only a comment\n```\n"), "one command line, found 0"),
        (_readme("```sh\na\n```\n```sh\nb\n", after=""), "never closed"),
    ],
)
def test_a_set_up_section_that_is_not_two_commands_is_refused(text, message):
    with pytest.raises(rc.ReadmeError, match=re.escape(message)):
        rc.setup_commands(text)


def test_the_script_prints_the_commands_and_exits_2_on_a_bad_readme(tmp_path):
    script = str(ROOT / ".ci" / "readme_commands.py")
    out = subprocess.run([sys.executable, "-I", script, str(ROOT / "README.md")], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.splitlines()[1] == "pip install '.[test]' && pytest"
    bad = tmp_path / "README.md"
    bad.write_text("# Tool\n")
    out = subprocess.run([sys.executable, "-I", script, str(bad)], capture_output=True, text=True)
    assert out.returncode == 2 and "Set-up" in out.stderr and not out.stdout


def test_the_newcomer_runs_what_the_readme_says():
    script = NEWCOMER.read_text(encoding="utf-8")
    assert os.access(NEWCOMER, os.X_OK)
    assert "readme_commands.py README.md)" in script
    assert 'bash -c "$command"' in script


def _newcomer(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(NEWCOMER), *args], capture_output=True, text=True, timeout=60, cwd="/")


@pytest.mark.parametrize("where", ["/tmp", "/tmp/newcomer-test-x", "/var/../tmp/y"])
def test_the_newcomer_refuses_a_directory_under_tmp(where):
    out = _newcomer("--where", where)
    assert out.returncode == 2 and "under /tmp" in out.stderr
    assert not os.path.exists("/tmp/newcomer-test-x")


# /proc refuses mkdir: should a guard let a run through, it stops there instead of cloning
NOWHERE = "/proc/mlvc-newcomer-test"


def test_the_newcomer_refuses_a_venv_python():
    if sys.prefix == sys.base_prefix:
        pytest.skip("the tests do not run in a virtual environment")
    out = _newcomer("--python", str(Path(sys.prefix) / "bin" / "python"), "--where", NOWHERE)
    assert out.returncode == 2 and "virtual environment's python" in out.stderr, out.stderr


def test_the_newcomer_refuses_a_base_interpreter_that_has_the_project(tmp_path):
    """A base interpreter whose probe can import mlvc_review (the checkout put on its path)."""
    base = getattr(sys, "_base_executable", sys.executable)
    wrapper = tmp_path / "python3"
    wrapper.write_text(textwrap.dedent(f"""\
        #!/bin/sh
        if [ "$1" = "-I" ] && [ "$2" = "-" ]; then
          exec {base} -I -c "import sys; sys.path.insert(0, '{ROOT}'); exec(sys.stdin.read())"
        fi
        exec {base} "$@"
        """))
    wrapper.chmod(0o755)
    out = _newcomer("--python", str(wrapper), "--where", NOWHERE)
    assert out.returncode == 2 and "already has mlvc-review installed" in out.stderr, out.stderr


def test_the_newcomer_accepts_this_machines_base_interpreter_up_to_the_clone():
    """The default base passes every guard (it never had mlvc-review) and fails only at NOWHERE."""
    base = getattr(sys, "_base_executable", sys.executable)
    if subprocess.run([base, "-I", "-c", "import mlvc_review"], capture_output=True).returncode == 0:
        pytest.skip("this machine's base interpreter has mlvc-review: the newcomer check needs --python")
    out = _newcomer("--where", NOWHERE)
    assert out.returncode == 1 and "mkdir" in out.stderr and "newcomer:" not in out.stderr, out.stderr


def test_the_newcomer_refuses_unknown_arguments():
    out = _newcomer("--bogus")
    assert out.returncode == 2 and "unknown argument: --bogus" in out.stderr
