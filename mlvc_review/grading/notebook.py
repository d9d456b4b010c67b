"""Jupyter notebooks as submissions: the code cells, in order, as one Python source.

IPython-only lines cannot be imported by plain Python: a cell starting with `%%`
(a cell magic) is dropped whole, and lines starting with `%` or `!` are dropped;
each drop is returned as a note for the report. Cell boundaries are kept as
comments so line numbers in messages can be traced back to cells.
"""

from __future__ import annotations

from pathlib import Path


def notebook_source(path: Path) -> tuple[str, list[str]]:
    """Read `path` with nbformat.

    Returns:
        (source, notes): the concatenated code cells and one note per dropped cell or line.

    Raises:
        ValueError: the file is not a readable notebook (message names the file).
    """
    import nbformat

    try:
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
