"""Feedback quality (issue 13): does the report's first failure panel name or point at the bug?

Grades every file of the feedback corpus (tests/fixtures/feedback_corpus/: real-looking wrong
submissions, none of them a catalogued known mistake, each labelled in labels.toml with its
actual bug and what a panel must contain to point at it) through the real grader, as a student
would run it: `python -m mlvc_review grade FILES --format json --jobs 2 --seed S`. Then, per
entry, it reads the task's first failure panel (the first check that did not pass, with the
task's diagnosis and the hints shown there) and reports:

- pointed: the share of entries whose first panel names or points at the bug;
- wrong diagnosis: entries given a diagnosis their label does not accept (must be 0);
- not caught: entries the grader passed.

`--root DIR` grades with another checkout of the project (for example an older commit checked
out with `git worktree add`): its `mlvc_review`, `reference` and `question_bank` are laid out
in a temporary directory put first on PYTHONPATH, so nothing of the current checkout is used
in the grading process. Only tasks that checkout grades count for it. With `--before DIR`
both are run and the shares are compared on the tasks both grade. Usage:

    python bench/bench_feedback.py [--before DIR] [--jobs 2] [--seed 1] [-v] [--append bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "tests" / "fixtures" / "feedback_corpus"


@dataclass(frozen=True)
class Entry:
    file: str
    task: str
    bug: str
    points: tuple[dict[str, Any], ...]
    ok: tuple[str, ...] = ()
    device: str = "auto"  # "cpu": graded with --device cpu (a class whose only checks are heavy)


@dataclass
class Verdict:
    entry: Entry
    graded: bool  # the grader has checks for this task
    status: str = ""
    first: str = ""  # name of the first panel's check ("" for a task-level message)
    diagnosis: str | None = None
    pointed: bool = False
    wrong: bool = False  # a diagnosis the label does not accept
    panel: str = ""
    matched: list[str] = field(default_factory=list)


def load_labels(corpus: Path = CORPUS) -> list[Entry]:
    """The corpus' entries, each file checked to exist and to define its task."""
    data = tomllib.loads((corpus / "labels.toml").read_text(encoding="utf-8"))
    entries = []
    for raw in data["entry"]:
        unknown = set(raw) - {"file", "task", "bug", "points", "ok", "note", "device"}
        if unknown:
            raise ValueError(f"{raw.get('file')}: unknown keys {sorted(unknown)}")
        entries.append(Entry(raw["file"], raw["task"], raw["bug"], tuple(raw["points"]), tuple(raw.get("ok", ())),
                             raw.get("device", "auto")))
    return entries


def first_panel(task: dict[str, Any], hints_everywhere: bool = False) -> tuple[str, str]:
    """(check name, text) of the first failure panel of a task in a JSON report.

    The panel holds the check's message and input label, the task's diagnosis and the hints
    shown with it: the hints about that check, or those about no failing check (the text
    report puts a hint about another check in that check's panel). `hints_everywhere`: every
    hint, as reports before the text report placed hints did.
    """
    bad = [c for c in task["checks"] if c["status"] not in ("passed", "skipped")]
    parts: list[str] = []
    name = ""
    if bad:
        name = bad[0]["name"]
        parts.append(bad[0]["message"] or "")
        ce = bad[0].get("counterexample") or {}
        if ce.get("label"):
            parts.append(str(ce["label"]))
    else:
        parts.append(task.get("message") or "")
    if task.get("diagnosis"):
        parts += [task["diagnosis"]["name"], task["diagnosis"]["explanation"]]
    parts += [h for h in task.get("hints", []) if hints_everywhere or _hint_check(h, bad) in (None, name)]
    return name, "\n".join(parts)


def _hint_check(hint: str, bad: list[dict[str, Any]]) -> str | None:
    """The failing check a hint is about, when it is a generic check's hint."""
    try:
        from mlvc_review.grading.taskinfo import GENERIC_CHECK_HINTS
    except ImportError:
        return None
    names = {c["name"] for c in bad}
    for check, texts in GENERIC_CHECK_HINTS.items():
        if hint in texts.values() and check in names:
            return check
    return None


def _line_of(corpus: Path, entry: Entry, code: str) -> int:
    for i, line in enumerate((corpus / entry.file).read_text(encoding="utf-8").splitlines(), 1):
        if code in line:
            return i
    raise ValueError(f"{entry.file}: no line contains {code!r}")


def _holds(cond: dict[str, Any], corpus: Path, entry: Entry, name: str, text: str, diagnosis: str | None) -> bool:
    text = text.replace(entry.file, "<file>")  # the corpus' file names describe the bug: they are no pointer
    low = text.lower()
    for key, want in cond.items():
        if key == "diagnosis":
            if diagnosis is None or want.lower() not in diagnosis.lower():
                return False
        elif key == "check":
            if name != want:
                return False
        elif key == "words":
            if not all(w.lower() in low for w in want):
                return False
        elif key == "regex":
            if not re.search(want, text):
                return False
        elif key == "at":
            if not re.search(rf"\bline {_line_of(corpus, entry, want)}\b", text):
                return False
        else:
            raise ValueError(f"{entry.file}: unknown pointer key {key!r}")
    return True


def judge(entry: Entry, doc: dict[str, Any], corpus: Path = CORPUS, hints_everywhere: bool = False) -> Verdict:
    """The verdict on one entry from the JSON report that graded its file."""
    sub = next((s for s in doc["submissions"] if Path(s["path"]).name == entry.file), None)
    task = None if sub is None else next((t for t in sub["tasks"] if t["function"] == entry.task), None)
    if task is None or task["status"] == "skipped":
        return Verdict(entry, graded=False)
    name, text = first_panel(task, hints_everywhere)
    diagnosis = task["diagnosis"]["name"] if task.get("diagnosis") else None
    verdict = Verdict(entry, True, task["status"], name, diagnosis, panel=text)
    if task["status"] == "passed":
        return verdict
    verdict.matched = [json.dumps(c, ensure_ascii=False) for c in entry.points if _holds(c, corpus, entry, name, text, diagnosis)]
    if diagnosis is not None:
        accepted = [c["diagnosis"] for c in entry.points if "diagnosis" in c] + list(entry.ok)
        verdict.wrong = not any(a.lower() in diagnosis.lower() for a in accepted)
        if not verdict.wrong and not verdict.matched:
            verdict.matched = [f"accepted diagnosis {diagnosis!r}"]  # a right diagnosis names the bug
    verdict.pointed = bool(verdict.matched)
    return verdict


def _mirror(root: Path, into: Path) -> Path:
    """A directory to put first on PYTHONPATH so that `root`'s code, references and bank are used."""
    pkg = into / "mlvc_review"
    pkg.mkdir()
    for child in (root / "mlvc_review").iterdir():
        (pkg / child.name).symlink_to(child)
    if not (pkg / "question_bank").exists():
        (pkg / "question_bank").symlink_to(root / "question_bank")
    (into / "mlvc_reference").symlink_to(root / "reference")
    return into


def grade(files: list[Path], *, root: Path | None = None, jobs: int = 2, seed: int = 1, device: str = "auto",
          timeout: float = 1800) -> tuple[dict, float]:
    """(JSON report, wall seconds) of grading `files` in one `mlvc_review grade` process."""
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="mlvc-feedback-") as tmp:
        if root is not None and root.resolve() != ROOT:
            env["PYTHONPATH"] = str(_mirror(root.resolve(), Path(tmp)))
        cmd = [sys.executable, "-m", "mlvc_review", "grade", *map(str, files), "--format", "json", "--jobs", str(jobs), "--seed", str(seed)]
        if device != "auto":
            cmd += ["--device", device]
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp, timeout=timeout)
        seconds = time.perf_counter() - start
    if not out.stdout.strip():
        raise RuntimeError(f"the grader wrote no report (exit {out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout), seconds


def run(entries: list[Entry], *, root: Path | None = None, jobs: int = 2, seed: int = 1, corpus: Path = CORPUS,
        hints_everywhere: bool = False) -> tuple[list[Verdict], float]:
    verdicts: dict[str, Verdict] = {}
    seconds = 0.0
    for device in sorted({e.device for e in entries}):
        group = [e for e in entries if e.device == device]
        doc, wall = grade(sorted({corpus / e.file for e in group}), root=root, jobs=jobs, seed=seed, device=device)
        seconds += wall
        verdicts.update((e.file, judge(e, doc, corpus, hints_everywhere)) for e in group)
    return [verdicts[e.file] for e in entries], seconds


def summary(verdicts: list[Verdict], only: set[str] | None = None) -> dict[str, Any]:
    """Counts over the graded entries (of the tasks in `only`, when given)."""
    graded = [v for v in verdicts if v.graded and (only is None or v.entry.task in only)]
    n = len(graded)
    pointed = sum(v.pointed for v in graded)
    return {
        "entries": n,
        "tasks": len({v.entry.task for v in graded}),
        "pointed": pointed,
        "pointed_share": pointed / n if n else 0.0,
        "diagnosed": sum(v.diagnosis is not None for v in graded),
        "wrong": [v.entry.file for v in graded if v.wrong],
        "not_caught": [v.entry.file for v in graded if v.status == "passed"],
    }


def _line(label: str, s: dict[str, Any]) -> str:
    return (f"| {label} | {s['entries']} ({s['tasks']} tasks) | {s['pointed']} = **{s['pointed_share']:.0%}** | "
            f"{s['diagnosed']} | {len(s['wrong'])} | {len(s['not_caught'])} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="an older checkout to compare with (its tasks only)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per entry, and every missed panel")
    parser.add_argument("--append", type=Path, help="append the results table to this Markdown file")
    args = parser.parse_args()
    entries = load_labels()
    rows = []
    after, after_s = run(entries, jobs=args.jobs, seed=args.seed)
    if args.before is not None:
        before, before_s = run(entries, root=args.before, jobs=args.jobs, seed=args.seed, hints_everywhere=True)
        then = {v.entry.task for v in before if v.graded}
        rows.append(_line(f"before ({args.before.name}), tasks graded then", summary(before)))
        rows.append(_line("after, the same tasks", summary(after, then)))
        _report("before", before, args.verbose)
        print(f"before: {before_s:.1f} s wall")
    rows.append(_line("after, every task", summary(after)))
    _report("after", after, args.verbose)
    print(f"after: {after_s:.1f} s wall")
    table = ["| run | entries judged | first panel names or points at the bug | diagnosed | wrong diagnosis | not caught |",
             "|---|---|---|---|---|---|", *rows]
    print("\n".join(table))
    if args.append:
        with args.append.open("a", encoding="utf-8") as out:
            out.write("\n" + "\n".join(table) + "\n")
    if summary(after)["wrong"]:
        sys.exit(1)


def _report(label: str, verdicts: list[Verdict], verbose: bool) -> None:
    for v in verdicts:
        if not v.graded:
            continue
        mark = "caught-no" if v.status == "passed" else ("WRONG" if v.wrong else ("ok" if v.pointed else "miss"))
        if verbose or v.wrong or v.status == "passed":
            print(f"[{label}] {mark:9} {v.entry.file:58} {v.status:7} first={v.first!r} diag={v.diagnosis!r}")
            if verbose and not v.pointed and v.status != "passed":
                print("    bug:   " + v.entry.bug)
                print("    panel: " + v.panel[:600].replace("\n", "\n           "))


if __name__ == "__main__":
    main()
