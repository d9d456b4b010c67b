"""Rich renderings of the bank: validation summary, question list, one question, counts."""

from __future__ import annotations

from rich import box
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from mlvc_review.bank.loader import Bank
from mlvc_review.bank.model import QUESTION_TYPES, QuestionBase
from mlvc_review.bank.params import Variant
from mlvc_review.ui import console, err_console


def render_validation(bank: Bank, report) -> None:
    for problem in report.warnings:
        err_console.print(f"[warn]warning:[/warn] {escape(str(problem))}", soft_wrap=True)
    for problem in report.errors:
        err_console.print(f"[bad]error:[/bad] {escape(str(problem))}", soft_wrap=True)
    files = len({s.file for s in bank.sources.values()})
    deep = ", ".join(f"{name}: {n}" for name, n in report.deep.items()) or "none"
    summary = (
        f"{report.checked} questions in {files} files, {len(bank.chapters)} chapters; "
        f"deep checks ({deep}); {len(report.errors)} errors, {len(report.warnings)} warnings"
    )
    whole = [f for f in getattr(report, "strategies", []) if f.scope == "bank"]
    if whole:  # what guessing by the look of the options scores (bank.strategies)
        figures = ", ".join(f"{f.strategy} {f.fraction:.0%} (≤ {f.limit:.0%})" for f in whole)
        console.print(f"[muted]guessing without knowing: {figures}[/muted]", soft_wrap=True)
    if report.ok:
        console.print(f"[ok]bank is valid[/ok]: {summary}")
    else:
        err_console.print(f"[bad]bank is invalid[/bad]: {summary}")


def render_list(bank: Bank, questions: list[QuestionBase], lang: str = "en") -> None:
    """The questions as a table; where the table would squeeze columns away, one block per question."""
    from rich.cells import cell_len

    from mlvc_review.quiz.strings import t

    rows = [(q.id, str(q.chapter), q.type, q.topic, ", ".join(q.tags), "•" * q.difficulty,  # type: ignore[attr-defined]
             "/".join(q.languages)) for q in questions]
    keys = ("col_id", "col_chapter_short", "col_type", "col_topic", "col_tags", "col_difficulty", "col_lang")
    fixed = sum(max([cell_len(t(k, lang))] + [cell_len(r[i]) for r in rows]) + 3
                for i, k in enumerate(keys) if k != "col_tags")
    title = t("n_questions", lang, n=len(questions))
    if fixed + 12 > console.width:  # no room left for the tags: stack each question's fields
        console.print(f"[accent]{title}[/accent]")
        for r in rows:
            console.print(f"[id]{escape(r[0])}[/id]")
            console.print(f"  {t('col_chapter_short', lang)} {r[1]} · {r[2]} · {escape(r[3])} · {r[5]} · {r[6]}")
            if r[4]:
                console.print(f"  [muted]{escape(r[4])}[/muted]")
        return
    table = Table(title=title, header_style="accent")
    for key in keys:
        table.add_column(t(key, lang), no_wrap=key != "col_tags")
    for r in rows:
        table.add_row(f"[id]{escape(r[0])}[/id]", *(escape(c) for c in r[1:]))
    console.print(table)


def render_question(bank: Bank, q: QuestionBase, variant: Variant, lang: str) -> None:
    from mlvc_review.bank.formula import evaluate

    chapter = bank.chapters[q.chapter]
    title = f"[id]{q.id}[/id] · {q.type} · {escape(chapter.title.get(lang))}"  # type: ignore[attr-defined]
    body = [escape(variant.render(q.prompt, lang))]
    options = getattr(q, "options", None)
    if options:
        body += [f"  [accent]{o.id})[/accent] {escape(variant.render(o.text, lang))}" for o in options]
    if variant.params:
        body.append(f"[muted]variant seed {variant.seed}: {variant.params}[/muted]")
    console.print(Panel("\n".join(body), title=title, title_align="left"))
    answer = getattr(q, "answer", None)
    if q.type == "numeric":  # type: ignore[attr-defined]
        shown = f"{answer} = {evaluate(answer, variant.params):.6g}" if isinstance(answer, str) else str(answer)
    elif q.type == "flashcard":  # type: ignore[attr-defined]
        shown = variant.render(answer, lang)
    elif q.type == "code":  # type: ignore[attr-defined]
        shown = f"{q.function} — reference {q.reference}"  # type: ignore[attr-defined]
    elif q.type == "derivation":  # type: ignore[attr-defined]
        from mlvc_review.quiz.checkers.derivation import steps_of

        shown = f"{len(q.steps)} steps"  # type: ignore[attr-defined]
        for i, (step, checker) in enumerate(zip(q.steps, steps_of(q)), 1):  # type: ignore[attr-defined]
            console.print(f"[accent]step {i}[/accent] ({step.kind}): {escape(variant.render(step.prompt, lang))}")
            console.print(f"  [ok]answer:[/ok] {escape(checker.expected(q, variant, lang))}")
            if step.explanation:
                console.print(f"  [muted]{escape(variant.render(step.explanation, lang))}[/muted]")
    else:
        shown = ", ".join(answer) if isinstance(answer, list) else str(answer)
    console.print(f"[ok]answer:[/ok] {escape(shown)}")
    console.print(f"[accent]explanation:[/accent] {escape(variant.render(q.explanation, lang))}")
    for i, hint in enumerate(q.hints, start=1):
        console.print(f"[muted]hint {i}:[/muted] {escape(variant.render(hint, lang))}")
    if q.notes_slip:
        console.print(f"[warn]course notes differ:[/warn] {escape(variant.render(q.notes_slip, lang))}")
    if q.notes_ref:
        console.print(f"[muted]notes: {escape(q.notes_ref)}[/muted]")
    console.print(f"[muted]source: {bank.sources[q.id]}[/muted]")


def render_stats(bank: Bank, table: dict[str, dict[str, int]]) -> None:
    short = {"choice": "choice", "multi": "multi", "numeric": "num", "symbolic": "sym",
             "matrix_expr": "matrix", "flashcard": "card", "code": "code", "derivation": "deriv"}
    out = Table(title="questions per chapter and type", header_style="accent", box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, collapse_padding=True)
    out.add_column("#", justify="right", min_width=1, no_wrap=True)
    out.add_column("chapter", no_wrap=True, max_width=14, overflow="ellipsis")
    for qtype in QUESTION_TYPES:
        out.add_column(short[qtype], justify="right", no_wrap=True, min_width=len(short[qtype]))
    out.add_column("total", justify="right", style="accent", no_wrap=True, min_width=5)
    out.add_column("types", justify="right", no_wrap=True, min_width=5)
    for number, row in table.items():
        slug = bank.chapters[int(number)].slug
        out.add_row(number, slug, *(str(row[t] or "·") for t in QUESTION_TYPES), str(row["total"]), str(row["types"]))
    out.caption = f"{sum(r['total'] for r in table.values())} questions"
    console.print(out)


def render_chapters(bank: Bank, lang: str) -> None:
    from mlvc_review.bank.stats import counts

    table = counts(bank)
    from mlvc_review.quiz.strings import t

    out = Table(header_style="accent")
    for key in ("col_number", "col_slug", "col_title", "col_questions"):
        out.add_column(t(key, lang), justify="right" if key in {"col_number", "col_questions"} else "left")
    for number, chapter in sorted(bank.chapters.items()):
        out.add_row(str(number), chapter.slug, escape(chapter.title.get(lang)), str(table[str(number)]["total"]))
    console.print(out)


def _prompt(q: QuestionBase, lang: str) -> str:
    """The prompt of variant 0 (parameters filled in), first paragraph."""
    from mlvc_review.bank.params import draw_variant

    try:
        text = draw_variant(q, 0).render(q.prompt, lang)
    except Exception:  # a question whose parameters cannot be drawn still shows its text
        text = q.prompt.get(lang)
    return text.strip().split("\n\n")[0]


def render_search(hits: list, total: int, query: str, lang: str) -> None:
    """Search hits: id, chapter, type and topic, then the prompt (wrapped under it, never cut)."""
    from rich.padding import Padding
    from rich.text import Text

    from mlvc_review.quiz.strings import t

    if not total:
        console.print(f"[warn]{escape(t('search_none', lang, text=query))}[/warn]")
        return
    console.print(f"[accent]{t('n_questions', lang, n=total)}[/accent]")
    for hit in hits:
        q = hit.question
        console.print(f"[id]{escape(q.id)}[/id] [muted]· ch{q.chapter} · {q.type} · {escape(q.topic)}[/muted]")  # type: ignore[attr-defined]
        console.print(Padding(Text(_prompt(q, lang)), (0, 0, 0, 2)))  # wraps indented, never cut
    if total > len(hits):
        console.print(f"[muted]… {total - len(hits)} more (--limit)[/muted]")
    console.print(f"[muted]mlvc-review bank show ID --lang {lang}[/muted]")
