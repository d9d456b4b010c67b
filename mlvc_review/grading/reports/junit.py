"""JUnit XML: one testsuite per submission, one testcase per check (classname = task)."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET


def render_junit(doc: dict[str, Any]) -> str:
    """The JSON report document as JUnit XML text."""
    root = ET.Element("testsuites", name="mlvc-review", tests="0", failures="0", errors="0", skipped="0")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for sub in doc["submissions"]:
        suite = ET.SubElement(root, "testsuite", name=sub["path"])
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="seed", value=str(doc["seed"]))
        if sub["error"]:
            case = ET.SubElement(suite, "testcase", classname=sub["path"], name="read submission")
            ET.SubElement(case, "error", message=sub["error"])
            counts["tests"] += 1
            counts["errors"] += 1
        for task in sub["tasks"]:
            checks = task["checks"] or [{"name": "task", "status": task["status"], "message": task["message"], "counterexample": None}]
            for check in checks:
                counts["tests"] += 1
                case = ET.SubElement(suite, "testcase", classname=task["task"], name=f"{task['function']}: {check['name']}")
                status = check["status"]
                text = check["message"] or task["message"]
                if status == "skipped":
                    counts["skipped"] += 1
                    ET.SubElement(case, "skipped", message=text)
                elif status == "failed":
                    counts["failures"] += 1
                    node = ET.SubElement(case, "failure", message=text, type="mismatch")
                    node.text = _detail(task, check)
                elif status != "passed":
                    counts["errors"] += 1
                    node = ET.SubElement(case, "error", message=text, type=status)
                    node.text = _detail(task, check)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _detail(task: dict[str, Any], check: dict[str, Any]) -> str:
    parts = []
    if check.get("counterexample"):
        parts.append("counterexample: " + json.dumps(check["counterexample"], ensure_ascii=False))
    if task.get("diagnosis"):
        parts.append(f"diagnosis: {task['diagnosis']['name']}: {task['diagnosis']['explanation']}")
    return "\n".join(parts)
