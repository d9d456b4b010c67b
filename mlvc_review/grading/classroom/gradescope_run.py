"""What the Gradescope bundle's run_autograder runs: grade /autograder/submission, always leave results.json.

`python -m mlvc_review.grading.classroom.gradescope_run --root ROOT` reads the
bundle's config (tasks, seed, hidden-after-due) from ROOT/source/config.json, grades
every .py/.ipynb file of ROOT/submission as one student's work and writes
ROOT/results/results.json in Gradescope's format. Whatever happens (no file, a
broken file, a grader failure), a valid results.json is written and the exit is 0, so
the student sees a message instead of an autograder crash.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from mlvc_review.grading.reports.gradescope import render_gradescope

EMPTY = "No Python file (.py) or notebook (.ipynb) was found in your submission: nothing could be graded."


def failed_results(message: str, seconds: float) -> str:
    """A results.json for a submission that could not be graded at all."""
    return json.dumps({"score": 0.0, "execution_time": max(1, round(seconds)), "output": message,
                       "output_format": "text", "visibility": "visible", "tests": []}, indent=2) + "\n"


def grade(root: Path, config: dict[str, Any]) -> str:
    """The results.json text for ROOT/submission."""
    from mlvc_review.errors import MlvcError, SubmissionError
    from mlvc_review.grading.batch import grade_paths
    from mlvc_review.grading.discovery import expand
    from mlvc_review.grading.reports.document import document
    from mlvc_review.grading.runner import Options

    start = time.perf_counter()
    submission = root / "submission"
    files = expand([submission]) if submission.is_dir() else []
    if not files:
        return failed_results(EMPTY, time.perf_counter() - start)
    options = Options(seed=int(config.get("seed", 0)), examples=config.get("examples"), lang=config.get("lang", "en"),
                      hints=int(config.get("hints", 1)))
    try:
        results, isolation, seconds = grade_paths(files, list(config.get("tasks", [])), options)
    except SubmissionError:
        return failed_results(EMPTY, time.perf_counter() - start)
    except MlvcError as err:
        return failed_results(f"The autograder could not grade this submission: {err}", time.perf_counter() - start)
    for result in results:  # paths as the student named the files, not where Gradescope put them
        result.path = str(Path(result.path).relative_to(submission)) if Path(result.path).is_relative_to(submission) else result.path
    doc = document(results, seed=options.seed, isolation=isolation, duration=seconds)
    return render_gradescope(doc, hidden_after_due=bool(config.get("hidden_after_due")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_autograder", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/autograder"))
    args = parser.parse_args(argv)
    root: Path = args.root
    results = root / "results" / "results.json"
    start = time.perf_counter()
    try:
        config = json.loads((root / "source" / "config.json").read_text(encoding="utf-8"))
        text = grade(root, config)
    except Exception as err:  # noqa: BLE001 - the student must get a results.json whatever broke
        print(f"mlvc-review autograder failure: {type(err).__name__}: {err}", file=sys.stderr)
        text = failed_results("The autograder failed on this submission; your instructor has the log. It was not graded.",
                              time.perf_counter() - start)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
