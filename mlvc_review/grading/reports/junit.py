"""JUnit XML: one testsuite per submission, one testcase per check (classname = submission.task).

Follows the common JUnit XML schema that CI systems read (Jenkins' junit.xsd):
`<testsuites>` carries name, tests, failures, errors and time (no `skipped`);
each `<testsuite>` a unique `id`, its counts and time; each `<testcase>` its time.
Classnames include the submission, so test ids stay unique across submissions.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from xml.etree import ElementTree as ET


def render_junit(doc: dict[str, Any]) -> str:
    """The JSON report document as JUnit XML text."""
    root = ET.Element("testsuites", name="mlvc-review", tests="0", failures="0", errors="0", time="0")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    total_time = 0.0
    for index, sub in enumerate(doc["submissions"]):
        suite = ET.SubElement(root, "testsuite", name=sub["path"], id=str(index))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="seed", value=str(doc["seed"]))
        owner = PurePath(sub["path"]).stem or f"submission{index}"
        if sub["error"]:
            case = ET.SubElement(suite, "testcase", classname=owner, name="read submission", time="0")
            ET.SubElement(case, "error", message=sub["error"])
            counts["tests"] += 1
            counts["errors"] += 1
        for task in sub["tasks"]:
            checks = task["checks"] or [{"name": "task", "status": task["status"], "message": task["message"], "counterexample": None}]
            for check in checks:
                counts["tests"] += 1
                case = ET.SubElement(suite, "testcase", classname=f"{owner}.{task['task']}", name=f"{task['function']}: {check['name']}",
                                     time=f"{check.get('seconds', 0.0):.3f}")
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
        suite.set("time", f"{sub.get('seconds', 0.0):.3f}")
        total_time += sub.get("seconds", 0.0)
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{total_time:.3f}")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _detail(task: dict[str, Any], check: dict[str, Any]) -> str:
    parts = []
    if check.get("counterexample"):
        parts.append("counterexample: " + json.dumps(check["counterexample"], ensure_ascii=False))
    if task.get("diagnosis"):
        parts.append(f"diagnosis: {task['diagnosis']['name']}: {task['diagnosis']['explanation']}")
    return "\n".join(parts)
