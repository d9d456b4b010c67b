"""Rich rendering of the bank's coverage of the notes' priority list (`bank stats`)."""

from __future__ import annotations

from rich import box
from rich.markup import escape
from rich.table import Table

from mlvc_review.bank.focus import Row
from mlvc_review.ui import console


def render_focus(rows: list[Row], lang: str = "en") -> None:
    """One line per 重点 item: rank, questions (derivations), share against the target share ∝ 1/rank."""
    out = Table(title="questions per priority item of the notes (重点)", header_style="accent", box=box.SIMPLE_HEAD,
                padding=(0, 1), pad_edge=False)
    for column, justify in (("rank", "right"), ("item", "left"), ("qs", "right"), ("deriv", "right"),
                            ("share", "right"), ("target", "right"), ("", "left")):
        out.add_column(column, justify=justify, no_wrap=column != "item", overflow="fold")  # type: ignore[arg-type]
    for row in rows:
        if row.item is None:
            out.add_row("–", "[muted]not on the list[/muted]", str(row.questions), str(row.derivations), "", "", "")
            continue
        title = row.item.zh if lang == "zh" else row.item.en
        mark = "[bad]low[/bad]" if row.ratio < 0.5 else ("[ok]✓[/ok]" if row.ratio <= 2 else "[muted]high[/muted]")
        out.add_row(f"{row.item.rank:g}", escape(title), str(row.questions), str(row.derivations or "·"),
                    f"{row.share:.1%}", f"{row.target:.1%}", mark)
    out.caption = "target: each item's share of the covered questions ∝ 1/rank; low: under half of it"
    console.print(out)
