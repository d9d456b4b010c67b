"""Grade a class into an output directory: one document per student, resumable and shardable.

`grade_class` expands the paths, keeps this shard's share, skips every submission
already graded under the same run key (see `results`), grades the rest through the
warm batch grader and records each one the moment it is done. N shards of one class
(a Slurm job array, a CI matrix) each write their own directory; `gradebook` merges them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from mlvc_review.errors import SubmissionError, UsageError
from mlvc_review.grading.classroom.results import ResultDir, RunKey, sha256_of, student_ids


@dataclass
class ClassRun:
    """What a class run did: documents by student (graded now or reused), and the counts."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    graded: int = 0
    reused: int = 0
    shard: tuple[int, int] | None = None


def parse_shard(text: str) -> tuple[int, int]:
    """"K/N" -> (K, N) with 0 <= K < N.

    Raises:
        UsageError: anything else.
    """
    k, sep, n = text.partition("/")
    if sep and k.strip().isdigit() and n.strip().isdigit() and 0 <= int(k) < int(n):
        return int(k), int(n)
    raise UsageError(f"--shard takes K/N with 0 <= K < N (K counts from 0, like a Slurm array index), not '{text}'")


def in_shard(students: list[str], shard: tuple[int, int] | None) -> set[str]:
    """The deterministic 1/N of `students` that shard K grades: every N-th by sorted name, from K."""
    ordered = sorted(students)
    if shard is None:
        return set(ordered)
    k, n = shard
    return {s for i, s in enumerate(ordered) if i % n == k}


def grade_class(
    paths: list[Path], requests: list[str], options: Any, out: ResultDir, fmt: str, render: Callable[[dict], str], *,
    jobs: int = 1, shard: tuple[int, int] | None = None, progress: Callable[[Any], None] | None = None,
    pool_factory: Callable[[bool], Any] | None = None,
) -> ClassRun:
    """Grade what is not graded yet; return every document of this shard.

    Raises:
        SubmissionError: no submission under `paths`.
        UsageError: an unknown --task.
    """
    from mlvc_review.grading.batch import grade_paths
    from mlvc_review.grading.discovery import expand
    from mlvc_review.grading.reports.document import document

    files = expand(paths)
    if not files:
        raise SubmissionError("no submission found: " + ", ".join(str(p) for p in paths) + " (expected .py or .ipynb files)")
    ids = student_ids(files, paths)
    mine = in_shard(list(ids.values()), shard)
    key = RunKey.of(options, requests)
    out.write_key(key)
    run = ClassRun(shard=shard)
    pending: list[Path] = []
    sums: dict[str, str] = {}
    by_path: dict[str, str] = {}
    for f in files:
        student = ids[f]
        if student not in mine:
            continue
        sums[student] = sha256_of(f)
        by_path[str(f)] = student
        previous = out.done(student, sums[student], key)
        if previous is None:
            pending.append(f)
        else:
            run.documents[student] = previous
            run.reused += 1
    if not pending:
        return run
    isolation = {"text": ""}

    def on_done(result: Any) -> None:
        student = by_path[result.path]
        doc = document([result], seed=options.seed, isolation=isolation["text"], duration=result.seconds)
        out.record(student, sums[student], key, doc, fmt, render(doc))
        run.documents[student] = doc
        run.graded += 1
        if progress is not None:
            progress(result)

    grade_paths(pending, requests, options, jobs=jobs, progress=on_done, pool_factory=pool_factory,
                on_pool=lambda text: isolation.update(text=text))
    run.documents = dict(sorted(run.documents.items()))
    return run
