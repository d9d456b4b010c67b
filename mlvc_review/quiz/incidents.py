"""Reports of checker failures: an answer that made a checker raise is logged, not counted.

A checker may only raise its own `InvalidAnswer`; anything else is a bug in the
checker or the question. The session then tells the student that the answer could
not be checked and was not counted, and this module appends a report (question,
variant seed, the typed text, the traceback) to `<home>/logs/checker-errors.log`, so
the bug can be reproduced. Writing the report never raises.
"""

from __future__ import annotations

import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

LOG_NAME = "checker-errors.log"


def log_path() -> Path:
    from mlvc_review.paths import home_dir

    return home_dir() / "logs" / LOG_NAME


def report_checker_error(question: Any, seed: int | None, raw: str, stage: str, lang: str,
                         error: BaseException) -> Path | None:
    """Append a report of `error`, raised while `stage` ('parse' or 'grade') ran on `raw`; its file or None."""
    lines = [
        f"--- {datetime.now(timezone.utc).isoformat(timespec='seconds')} {stage} failed",
        f"question: {getattr(question, 'id', '?')} (type {getattr(question, 'type', '?')}), seed {seed}, lang {lang}",
        f"answer: {raw!r}",
        "".join(traceback.format_exception(type(error), error, error.__traceback__)).rstrip(),
        "",
    ]
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        return path
    except Exception:  # the report is a courtesy: the quiz goes on without it
        return None
