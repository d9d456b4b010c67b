"""The README's set-up commands, read from README.md itself so a check cannot drift from it.

The "## Set-up" section holds one shell block per step (install and run; install
the test extras and run the tests). `setup_commands` returns them in order, one
command line each; anything else there is an error, so a README edit that breaks
the contract fails the check loudly instead of running something else.

Usage: python3 .ci/readme_commands.py [README.md]   (prints one command per line)
Standard library only: it runs under a bare base interpreter.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SECTION = re.compile(r"^##\s+set-?up\b", re.IGNORECASE)
SHELLS = {"sh", "bash", "shell", "console"}
EXPECTED = 2


class ReadmeError(ValueError):
    """The README's set-up section is not two one-line shell commands."""


def _section(text: str) -> list[str]:
    """The lines of the set-up section, heading excluded, up to the next heading of level <= 2."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if SECTION.match(line)]
    if len(starts) != 1:
        raise ReadmeError(f"expected one '## Set-up' section, found {len(starts)}")
    body = []
    fenced = False
    for line in lines[starts[0] + 1:]:
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"^#{1,2}\s", line):
            break
        body.append(line)
    return body


def _blocks(section: list[str]) -> list[tuple[str, list[str]]]:
    """(info string, lines) of each fenced block in `section`."""
    blocks, current, info = [], None, ""
    for line in section:
        fence = re.match(r"^\s*```\s*(\S*)", line)
        if fence and current is None:
            current, info = [], fence.group(1).lower()
        elif fence:
            blocks.append((info, current))
            current = None
        elif current is not None:
            current.append(line)
    if current is not None:
        raise ReadmeError("a code block in the set-up section is never closed")
    return blocks


def _command(lines: list[str]) -> str:
    """The one command of a block: comments and blank lines dropped, `\\` continuations joined."""
    joined, commands = "", []
    for raw in lines:
        line = raw.strip()
        if not joined and (not line or line.startswith("#")):
            continue
        line = line.removeprefix("$ ")
        if line.endswith("\\"):
            joined += line[:-1].rstrip() + " "
            continue
        commands.append(joined + line)
        joined = ""
    if joined:
        commands.append(joined.rstrip())
    if len(commands) != 1:
        raise ReadmeError(f"each set-up block must hold one command line, found {len(commands)}: {commands}")
    return commands[0]


def setup_commands(text: str) -> list[str]:
    """The set-up commands of README text, in order.

    Args:
        text: the README's markdown.
    Returns:
        the command of each shell block in the "## Set-up" section (exactly two).
    Raises:
        ReadmeError: no such section, not exactly two shell blocks, or a block that is not one command.
    """
    shell = [lines for info, lines in _blocks(_section(text)) if info in SHELLS]
    if len(shell) != EXPECTED:
        raise ReadmeError(f"expected {EXPECTED} shell blocks in the set-up section, found {len(shell)}")
    return [_command(lines) for lines in shell]


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parents[1] / "README.md")
    try:
        commands = setup_commands(path.read_text(encoding="utf-8"))
    except (OSError, ReadmeError) as exc:
        print(f"readme_commands: {path}: {exc}", file=sys.stderr)
        return 2
    print("\n".join(commands))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
