"""Question counts per chapter and type (for `bank stats` and `chapters`)."""

from __future__ import annotations

from mlvc_review.bank.loader import Bank
from mlvc_review.bank.model import QUESTION_TYPES


def counts(bank: Bank) -> dict[str, dict[str, int]]:
    """`{chapter number (str): {type: count, ..., "total": n, "types": k}}` for every chapter."""
    table: dict[str, dict[str, int]] = {}
    for number in sorted(bank.chapters):
        row = {qtype: 0 for qtype in QUESTION_TYPES}
        for q in bank.questions:
            if q.chapter == number:
                row[q.type] += 1  # type: ignore[attr-defined]
        row["total"] = sum(row[t] for t in QUESTION_TYPES)
        row["types"] = sum(1 for t in QUESTION_TYPES if row[t])
        table[str(number)] = row
    return table
