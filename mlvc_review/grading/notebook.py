"""Jupyter notebooks as submissions: the code cells, in order, as one Python source.

IPython-only lines cannot be imported by plain Python: a cell starting with `%%`
(a cell magic) is dropped whole, and lines starting with `%` or `!` are dropped;
each drop is returned as a note for the report. Cell boundaries are kept as
comments so line numbers in messages can be traced back to cells.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

_MARK = re.compile(r"^# --- cell (\d+) ---$")
_LINE = re.compile(r"\bline (\d+)(?: of [^\s:)]+\.(?:py|ipynb))?")


def notebook_source(path: Path) -> tuple[str, list[str]]:
    """Read `path` with nbformat.

    Returns:
        (source, notes): the concatenated code cells and one note per dropped cell or line.

    Raises:
        ValueError: the file is not a readable notebook (message names the file).
    """
    import nbformat

    try:
        with warnings.catch_warnings():  # nbformat's validation warnings are not the student's business
            warnings.simplefilter("ignore")
            nb = nbformat.read(str(path), as_version=4)
    except Exception as err:  # nbformat raises several JSON/validation errors
        raise ValueError(f"{path}: not a readable Jupyter notebook ({type(err).__name__}: {err})") from None
    lines: list[str] = []
    notes: list[str] = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        text = cell.get("source", "")
        if text.lstrip().startswith("%%"):
            notes.append(f"cell {number}: cell magic dropped ({text.strip().splitlines()[0]})")
            continue
        lines.append(f"# --- cell {number} ---")
        for line in text.splitlines():
            stripped = line.lstrip()
            if stripped.startswith(("%", "!")):
                notes.append(f"cell {number}: IPython line dropped ({stripped[:60]})")
                lines.append("")  # keep the line count so line numbers stay meaningful within the cell
            else:
                lines.append(line)
    return "\n".join(lines) + "\n", notes


def cell_position(source: str, line: int) -> tuple[int, int] | None:
    """(cell number, line within the cell) of `line` (1-based) of a joined notebook source, or None."""
    lines = source.splitlines()
    if not 1 <= line <= len(lines):
        return None
    for i in range(line - 1, -1, -1):
        found = _MARK.match(lines[i])
        if found:
            return (int(found.group(1)), line - 1 - i) if i != line - 1 else None
    return None


def in_cells(text: str, source: str) -> str:
    """Every "line N" (or "line N of x.ipynb") of a message about the joined source, as "cell C, line L"."""
    def relabel(match: re.Match) -> str:
        where = cell_position(source, int(match.group(1)))
        return f"cell {where[0]}, line {where[1]}" if where else match.group(0)

    return _LINE.sub(relabel, text)
