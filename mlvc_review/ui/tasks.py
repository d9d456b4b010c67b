"""Rich rendering of the coding-task contract (`mlvc-review tasks`).

Works on the JSON document of `contract_doc.as_json`, so the terminal shows exactly
what `--format json` carries. Inline code (between backticks) is coloured.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from mlvc_review.grading.contract import LABELS
from mlvc_review.grading.contract_doc import KINDS, chapter_title, graded_text
from mlvc_review.grading.contract_status import Status

CODE = "cyan"
_KIND_KEY = {("function", "numpy"): "numpy", ("function", "torch"): "torch"}
FOOTER = {
    "en": "Conventions for every task (dtypes, batches, indices, tolerance, stability): "
          "`mlvc-review tasks` without arguments, or docs/contract.md.",
    "zh": "所有任务的约定（dtype、batch、索引、容差、数值稳定）：不带参数运行 `mlvc-review tasks`，"
          "或见 docs/contract.zh.md。",
}


def inline(text: str, style: str = "") -> Text:
    """`text` with its backtick spans shown as code (no Rich markup is interpreted)."""
    out = Text(style=style)
    for i, part in enumerate(re.split(r"`([^`]*)`", text)):
        out.append(part, style=CODE if i % 2 else "")
    return out


def render_tasks(doc: dict[str, Any], console: Console, *, whole: bool) -> None:
    """Print the contract entries of `doc`; with `whole`, the rules and conventions first."""
    lang = doc["lang"]
    if whole:
        for key, items in (("rules", doc["rules"]), ("conventions", doc["conventions"])):
            console.print(Rule(Text(LABELS[key].get(lang), style="accent"), align="left", style="muted"))
            bullets = Table.grid(padding=(0, 1))
            bullets.add_column(no_wrap=True)
            bullets.add_column(overflow="fold")
            for item in items:
                bullets.add_row("•", inline(item))
            console.print(bullets)
            console.print()
    for chapter in doc["chapters"]:
        console.print(Rule(Text(chapter_title(chapter["number"], lang), style="accent"), align="left", style="muted"))
        for entry in (e for e in doc["entries"] if e["chapter"] == chapter["number"]):
            console.print(_entry(entry, lang))
            console.print()
    if not whole:
        console.print(inline(FOOTER[lang], style="muted"))


def _entry(entry: dict[str, Any], lang: str) -> Group:
    name = entry["name"]
    head = Text(name, style="bold magenta").append(entry["signature"][len(name):])
    kind = KINDS[_KIND_KEY.get((entry["kind"], entry["framework"]), "class")].get(lang)
    head.append("  ").append_text(inline(kind, style="muted"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="muted", no_wrap=True)
    grid.add_column(overflow="fold")
    for key in ("meaning", "shapes", "required", "tolerance", "heavy"):
        if entry.get(key):
            grid.add_row(f"  {LABELS[key].get(lang)}", inline(entry[key]))
    graded, bank = graded_text(Status(entry["graded"], tuple(entry["bank_ids"])), lang)
    grid.add_row(f"  {LABELS['graded'].get(lang)}", Text(graded, style="ok" if entry["graded"] else "warn"))
    grid.add_row(f"  {LABELS['bank'].get(lang)}", inline(bank, style="" if entry["bank_ids"] else "muted"))
    return Group(head, grid)
