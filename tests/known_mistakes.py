"""Known mistakes per contract function, read from the bank's code questions (the single source).

`MISTAKES[function]` lists `{"name", "impl", "explain_en", "explain_zh"}` dicts in
the order the YAML gives them; tests in several folders import it by this name.
"""

from __future__ import annotations

from mlvc_review.bank.loader import load_bank


def _from_bank() -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for q in load_bank().select(qtype="code"):
        out.setdefault(q.function, []).extend(
            {"name": m.name, "impl": m.impl, "explain_en": m.explain.en, "explain_zh": m.explain.zh or ""}
            for m in q.mistakes
        )
    return out


MISTAKES = _from_bank()
