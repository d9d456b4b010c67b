"""Gradescope's results.json: score, max_score and one test per task."""

from __future__ import annotations

import json
from typing import Any


def render_gradescope(doc: dict[str, Any]) -> str:
    """The JSON report document as Gradescope results (one entry per task of every submission)."""
    tests = []
    several = len(doc["submissions"]) > 1
    for sub in doc["submissions"]:
        prefix = f"{sub['path']}: " if several else ""
        if sub["error"]:
            tests.append({"name": f"{prefix}read submission", "score": 0.0, "max_score": 0.0, "status": "failed", "output": sub["error"], "visibility": "visible"})
        for task in sub["tasks"]:
            tests.append({
                "name": f"{prefix}{task['function']} ({task['task']})",
                "score": task["score"],
                "max_score": task["max_score"],
                "status": "passed" if task["status"] in ("passed", "skipped") else "failed",
                "output": _output(task),
                "visibility": "visible",
            })
    result = {
        "score": round(sum(t["score"] for t in tests), 6),
        "max_score": round(sum(t["max_score"] for t in tests), 6),
        "output": f"mlvc-review {doc['version']}, seed {doc['seed']}",
        "visibility": "visible",
        "tests": tests,
    }
    return json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _output(task: dict[str, Any]) -> str:
    lines = [f"{task['status']}" + (f": {task['message']}" if task["message"] else "")]
    for check in task["checks"]:
        lines.append(f"- {check['name']}: {check['status']}" + (f" - {check['message']}" if check["message"] else ""))
    if task["diagnosis"]:
        lines.append(f"Diagnosis: {task['diagnosis']['name']} - {task['diagnosis']['explanation']}")
    lines += [f"Hint: {h}" for h in task["hints"]]
    return "\n".join(lines)
