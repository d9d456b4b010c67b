"""Rich rendering of a derivation in progress: one panel, the steps so far, then the step now asked."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from mlvc_review.quiz.checkers.base import tr
from mlvc_review.quiz.derivation import DerivationPanel, StepShown
from mlvc_review.quiz.strings import t
from mlvc_review.ui import console


def _mark(step: StepShown, marks: bool) -> tuple[str, str]:
    """(symbol, style) of a step done."""
    if not marks:
        return "•", "muted"
    if step.score is None:
        return "–", "muted"
    if step.score == 1.0:
        return "✓", "ok"
    return ("◐", "warn") if step.score > 0 else ("✗", "bad")


def _done(step: StepShown, marks: bool, lang: str) -> list[Text]:
    symbol, style = _mark(step, marks)
    lines = [Text.assemble((f"{symbol} {step.number}. ", style), step.prompt)]
    typed = step.raw if step.raw else tr(lang, "(given up)", "（放弃）")
    if step.understood and step.understood != step.raw:
        typed += f"  → {step.understood}"
    lines.append(Text.assemble(("   " + t("your_answer", lang) + ": ", "muted"), typed))
    lines.append(Text.assemble(("   " + t("expected", lang) + ": ", "muted"), (step.expected, "accent")))
    if marks:
        lines += [Text(f"   • {line}", style="warn") for line in step.feedback if line and step.score != 1.0]
    if step.explanation:
        lines.append(Text("   " + step.explanation, style="muted"))
    return lines


def render_derivation(e: DerivationPanel) -> None:
    parts: list = []
    for step in e.done:
        parts += _done(step, e.marks, e.lang)
    if e.current is not None and e.prompt is not None:
        now = Text.assemble((f"→ {e.current}. ", "accent"), e.prompt)
        if e.unit:
            now.append(f"  ({e.unit})", style="muted")
        parts.append(now)
    where = (tr(e.lang, "step {n}/{k}", "第 {n}/{k} 步", n=e.current, k=e.total) if e.current is not None
             else tr(e.lang, "all {k} steps", "全部 {k} 步", k=e.total))
    title = tr(e.lang, "derivation · {w}", "推导 · {w}", w=where)
    console.print(Panel(Group(*parts), title=title, title_align="left", border_style="accent"))
