"""The gradebook of a class: one row per student, one score column per task, totals, mistakes.

Built from the records of one or more output directories (`results.load_records`),
so the directories of N shards merge into one book.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from mlvc_review.grading.contract import CONTRACT


def _submission(record: dict[str, Any]) -> dict[str, Any]:
    return record["document"]["submissions"][0]


def task_columns(records: list[dict[str, Any]]) -> list[str]:
    """Every function graded for any student, in contract order (others after, by name)."""
    seen = {t["function"] for r in records for t in _submission(r)["tasks"]}
    order = {name: i for i, name in enumerate(CONTRACT)}
    return sorted(seen, key=lambda f: (order.get(f, len(order)), f))


def mistake_of(task: dict[str, Any]) -> str:
    """What went wrong in a task that did not pass: the diagnosed mistake, else the first failing check."""
    if task["status"] in ("passed", "skipped"):
        return ""
    if task.get("diagnosis"):
        return task["diagnosis"]["name"]
    failing = [c["name"] for c in task["checks"] if c["status"] not in ("passed", "skipped")]
    return f"{task['status']}: {', '.join(failing)}" if failing else task["status"]


def rows(records: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """(column names, one dict per student). Scores of tasks a student did not submit are 0."""
    tasks = task_columns(records)
    points = max_scores(records)
    max_total = round(sum(points.get(t, 1.0) for t in tasks), 6)
    columns = ["student", "file", "total", "max_total", *tasks, *(f"{t} mistake" for t in tasks), "error"]
    out = []
    for record in records:
        sub = _submission(record)
        by_function = {t["function"]: t for t in sub["tasks"]}
        row: dict[str, Any] = {"student": record["student"], "file": sub["path"], "error": sub["error"] or ""}
        for t in tasks:
            task = by_function.get(t)
            row[t] = task["score"] if task else 0.0
            row[f"{t} mistake"] = mistake_of(task) if task else "not submitted"
        row["total"] = round(sum(row[t] for t in tasks), 6)
        row["max_total"] = max_total
        out.append(row)
    return columns, out


def max_scores(records: list[dict[str, Any]]) -> dict[str, float]:
    """Points per task, as the bank gives them (the largest seen, should two records differ)."""
    best: dict[str, float] = {}
    for r in records:
        for t in _submission(r)["tasks"]:
            best[t["function"]] = max(best.get(t["function"], 0.0), float(t["max_score"]))
    return best


def render_csv(records: list[dict[str, Any]]) -> str:
    columns, table = rows(records)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue()


def render_json(records: list[dict[str, Any]]) -> str:
    columns, table = rows(records)
    return json.dumps({"columns": columns, "students": table}, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"csv": render_csv, "json": render_json}
