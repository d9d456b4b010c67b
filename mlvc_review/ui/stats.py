"""Rich rendering of `mlvc-review stats`: the chapter table, the weakest topics, the review forecast.

Nothing is dropped at a narrow width: where the seven columns do not fit, each
chapter becomes a small block of `label value` lines instead of a table row.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.markup import escape
from rich.table import Table

from mlvc_review.quiz.strings import t
from mlvc_review.ui import bar, console

COLUMNS = ("col_seen", "col_answered", "col_accuracy", "col_recall", "col_due", "col_leeches")


def _cells(r: dict) -> list[str]:
    accuracy = "" if r["accuracy"] is None else f"{bar(r['accuracy'], 4)} {r['accuracy']:4.0%}"
    recall = "" if r["retrievability"] is None else f"{bar(r['retrievability'], 4)} {r['retrievability']:4.0%}"
    return [f"{r['seen']}/{r['questions']}", str(r["answered"]), accuracy, recall, str(r["due"]),
            f"[bad]{r['leeches']}[/bad]" if r["leeches"] else "0"]


def _table_width(rows: list[dict], lang: str) -> int:
    """Cells needed by the table with every chapter title in full on one line."""
    widths = [max([cell_len(t("col_chapter", lang))] + [cell_len(f"{r['chapter']} {r['title']}") for r in rows])]
    for i, key in enumerate(COLUMNS):
        plain = [cell_len(c.replace("[bad]", "").replace("[/bad]", "")) for c in (_cells(r)[i] for r in rows)]
        widths.append(max([cell_len(t(key, lang))] + plain))
    return sum(widths) + len(widths) - 1


def render_stats(rows: list[dict], lang: str = "en") -> None:
    """The per-chapter progress table (rows from `chapter_stats`); stacked blocks when it does not fit."""
    if _table_width(rows, lang) > console.width:
        return _render_stacked(rows, lang)
    table = Table(header_style="accent", box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column(t("col_chapter", lang), no_wrap=True)
    for key in COLUMNS:
        header = t(key, lang)
        width = max(cell_len(header), 9 if key in ("col_accuracy", "col_recall") else 0)  # "████ 100%"
        table.add_column(header, justify="right", no_wrap=True, min_width=width)
    for r in rows:
        table.add_row(f"{r['chapter']} {escape(r['title'])}", *_cells(r))
    console.print(table)


def _render_stacked(rows: list[dict], lang: str) -> None:
    console.print(f"[muted]{t('stats_stacked', lang)}[/muted]")
    labels = [t(key, lang) for key in COLUMNS]
    pad = max(cell_len(label) for label in labels)
    for r in rows:
        console.print(f"[accent]{r['chapter']} {escape(r['title'])}[/accent]")
        for label, cell in zip(labels, _cells(r)):
            if cell:
                console.print(f"  {label}{' ' * (pad - cell_len(label))}  {cell}")


def render_weakest(rows: list[dict], min_answers: int, lang: str = "en") -> None:
    """The weakest topics by mean score, each with a bar (rows from `topics.weakest_topics`)."""
    if not rows:
        return
    console.print(f"\n[accent]{t('weakest', lang, n=min_answers)}[/accent]")
    for r in rows:
        console.print(f"  {bar(r['accuracy'], 6)} {r['accuracy']:4.0%}  {escape(r['topic'])} "
                      f"[muted]({r['correct']}/{r['answered']})[/muted]")


def render_forecast(days: list[dict], lang: str = "en") -> None:
    """Reviews due per day as horizontal bars scaled to the terminal's width."""
    names = ("一", "二", "三", "四", "五", "六", "日") if lang == "zh" else ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
    console.print(f"\n[accent]{t('forecast', lang)}[/accent]")
    top = max([d["due"] for d in days] + [1])
    room = max(4, console.width - 16)
    for i, d in enumerate(days):
        length = round(d["due"] / top * room) if d["due"] else 0
        label = f"{names[d['weekday']]} {d['date'][5:]}"
        count = f"{d['due']}" + (f" [muted]{t('overdue', lang)}[/muted]" if i == 0 and d["due"] else "")
        console.print(f"  {label} [accent]{'█' * length}[/accent] {count}")
