"""Starter files: contract signatures with docstrings, bodies that raise NotImplementedError.

A stub fails every check (each call raises), so `bank validate` can prove that
no task's checks pass an empty solution.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from mlvc_review.errors import UsageError
from mlvc_review.grading.contract import CONTRACT, Entry, chapter_entries, near_miss

HEADER = '''"""Solutions for mlvc-review coding tasks.

Fill in each function, then run:  mlvc-review grade {filename}
The contract (names, shapes, conventions) is in the course's coding-task contract;
the grader checks every function on many generated inputs.
"""

import numpy as np
'''


def select(targets: list[str]) -> list[Entry]:
    """Contract entries for `start` arguments: function names, or "chapter N" / "N".

    Raises:
        UsageError: an unknown function or chapter.
    """
    words = list(targets)
    entries: list[Entry] = []
    while words:
        word = words.pop(0)
        if word.lower() in ("chapter", "ch") and words:
            word = words.pop(0)
        if word.isdigit():
            found = chapter_entries(int(word))
            if not found:
                raise UsageError(f"no chapter {word} in the contract (chapters 1-9)")
            entries += found
        elif word in CONTRACT:
            entries.append(CONTRACT[word])
        else:
            close = near_miss(word)
            raise UsageError(f"'{word}' is not a contract function" + (f"; did you mean '{close}'?" if close else ""))
    unique = {e.name: e for e in entries}
    return list(unique.values())


def stub(entry: Entry, lang: str = "en") -> str:
    """The source of one stub: signature, docstring from the contract (in `lang`), `raise NotImplementedError`."""
    doc = textwrap.fill(f"{entry.signature}: {entry.text(lang)}".replace("\\", "\\\\").replace('"""', "'''"), width=88,
                        initial_indent="    ", subsequent_indent="    ")
    if entry.kind == "class":
        params = ", ".join(["self", *(p.name if p.default is None else f"{p.name}={p.default}" for p in entry.params)])
        return (f"class {entry.name}(torch.nn.Module):\n    \"\"\"Chapter {entry.chapter}.\n\n{textwrap.indent(doc, '    ')}\n    \"\"\"\n\n"
                f"    def __init__({params}):\n        super().__init__()\n        raise NotImplementedError(\"{entry.name}\")\n")
    args = entry.def_line().split("(", 1)[1]
    return f"def {entry.name}({args}:\n    \"\"\"Chapter {entry.chapter}.\n\n{doc}\n    \"\"\"\n    raise NotImplementedError(\"{entry.name}\")\n"


def starter_source(entries: list[Entry], filename: str = "solution.py", lang: str = "en") -> str:
    """A whole starter file for `entries` (imports torch only when a torch task is included)."""
    head = HEADER.format(filename=filename)
    if any(e.framework == "torch" for e in entries):
        head += "import torch\n"
    return head + "\n\n" + "\n\n".join(stub(e, lang) for e in entries)


def write_starter(entries: list[Entry], path: Path, *, overwrite: bool = False, lang: str = "en") -> Path:
    """Write the starter file; refuses to overwrite an existing file unless asked.

    Raises:
        UsageError: the file exists (and `overwrite` is False) or cannot be written.
    """
    if path.exists() and not overwrite:
        raise UsageError(f"{path} exists; choose another --out (your work is not overwritten)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(starter_source(entries, path.name, lang), encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err}") from None
    return path
