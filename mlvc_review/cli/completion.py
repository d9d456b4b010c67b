"""Shell completion values: chapter numbers and slugs, topics and tags, task names.

Called by the shell through Typer's completion (`mlvc-review --install-completion`),
so each reads the cheapest source: the chapter list file, the bank's file cache, the
grader's checked-in task index. A failure completes nothing rather than printing a
traceback into the shell.
"""

from __future__ import annotations


def chapters(incomplete: str) -> list[tuple[str, str]]:
    """(number or slug, title) for every chapter that starts with `incomplete`."""
    try:
        from mlvc_review.bank.loader import load_chapters
        from mlvc_review.paths import CHAPTERS_FILE, shipped_bank_dir

        found = load_chapters(shipped_bank_dir() / CHAPTERS_FILE)
    except Exception:  # completion must never break the shell
        return []
    out = []
    for chapter in sorted(found.values(), key=lambda c: c.number):
        title = chapter.title.get("en")
        out += [(str(chapter.number), title), (chapter.slug, title)]
    return [(value, help) for value, help in out if value.startswith(incomplete)]


def topics(incomplete: str) -> list[tuple[str, str]]:
    """Topics and tags of the bank starting with `incomplete` (with the count of questions)."""
    try:
        from mlvc_review.bank.loader import load_bank

        questions = load_bank().questions
    except Exception:
        return []
    counts: dict[str, int] = {}
    for q in questions:
        for name in {q.topic, *q.tags}:
            counts[name] = counts.get(name, 0) + 1
    return [(name, f"{n} questions") for name, n in sorted(counts.items()) if name.startswith(incomplete)]


def tasks(incomplete: str) -> list[tuple[str, str]]:
    """Graded contract function names starting with `incomplete`."""
    try:
        from mlvc_review.grading.tasks._index import MODULES
    except Exception:
        return []
    return [(name, module) for name, module in sorted(MODULES.items()) if name.startswith(incomplete)]
