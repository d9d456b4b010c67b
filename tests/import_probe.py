"""Which modules a fresh interpreter imported while running some code (the start-up cost tests).

The report is written at exit (also after sys.exit or a Typer main), to stderr, so
stdout stays the code's own output (a JSON report, a quiz transcript).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Sequence

MARK = "IMPORTED-MODULES "


def imported_after(code: str, modules: Iterable[str], *, argv: Sequence[str] = (), input: str | None = None,
                   env: dict[str, str] | None = None, cwd=None, timeout: float = 120) -> tuple[list[str], subprocess.CompletedProcess]:
    """Run `code` with `python -c` (and `argv`); return (those of `modules` it imported, sorted; the process).

    Fails the calling test when the child exits non-zero or writes no report.
    """
    prelude = (
        "import atexit as _atexit, sys as _sys\n"
        f"_atexit.register(lambda: _sys.stderr.write('\\n{MARK}' + repr(sorted(m for m in {tuple(modules)!r} if m in _sys.modules)) + '\\n'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", prelude + code, *argv], input=input, capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    report = [line for line in proc.stderr.splitlines() if line.startswith(MARK)]
    assert report, proc.stderr
    return json.loads(report[-1][len(MARK):].replace("'", '"')), proc
