"""Gradescope's results.json: one test per task, keys exactly as Gradescope's autograder specification.

Top level: `score`, `execution_time`, `output`, `output_format`, `visibility`,
`tests`; each test: `name`, `score`, `max_score`, `status`, `output`, `visibility`.
Nothing else: Gradescope documents no other keys there. The document is meant for one
student; several files of one student (a Gradescope submission folder) are prefixed
with their path.
"""

from __future__ import annotations

import json
from typing import Any

VISIBLE, AFTER_DUE = "visible", "after_due_date"


def results(doc: dict[str, Any], *, hidden_after_due: bool = False) -> dict[str, Any]:
    """The results object. `hidden_after_due`: a task with hidden checks is shown only after the due date."""
    tests = []
    several = len(doc["submissions"]) > 1
    for sub in doc["submissions"]:
        prefix = f"{sub['path']}: " if several else ""
        if sub["error"]:
            tests.append({"name": f"{prefix}read submission", "score": 0.0, "max_score": 0.0, "status": "failed",
                          "output": sub["error"], "visibility": VISIBLE})
        for task in sub["tasks"]:
            hidden = hidden_after_due and any(c.get("hidden") for c in task["checks"])
            tests.append({
                "name": f"{prefix}{task['function']} ({task['task']})",
                "score": task["score"],
                "max_score": task["max_score"],
                "status": "passed" if task["status"] in ("passed", "skipped") else "failed",
                "output": _output(task),
                "visibility": AFTER_DUE if hidden else VISIBLE,
            })
    notes = [n for sub in doc["submissions"] for n in sub["notes"]]
    if not any(sub["tasks"] for sub in doc["submissions"]) and not any(sub["error"] for sub in doc["submissions"]):
        notes.append("No contract function was found in the submission: nothing was graded.")
    return {
        "score": round(sum(t["score"] for t in tests), 6),
        "execution_time": max(1, round(doc["duration"])),
        "output": "\n".join([f"mlvc-review {doc['version']}, seed {doc['seed']}", *notes]),
        "output_format": "text",
        "visibility": VISIBLE,
        "tests": tests,
    }


def render_gradescope(doc: dict[str, Any], *, hidden_after_due: bool = False) -> str:
    """The JSON report document as Gradescope's results.json text."""
    return json.dumps(results(doc, hidden_after_due=hidden_after_due), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _output(task: dict[str, Any]) -> str:
    lines = [f"{task['status']}" + (f": {task['message']}" if task["message"] else "")]
    for check in task["checks"]:
        lines.append(f"- {check['name']}: {check['status']}" + (f" - {check['message']}" if check["message"] else ""))
    if task["diagnosis"]:
        lines.append(f"Diagnosis: {task['diagnosis']['name']} - {task['diagnosis']['explanation']}")
    lines += [f"Hint: {h}" for h in task["hints"]]
    return "\n".join(lines)
