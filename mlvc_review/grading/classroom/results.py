"""Per-student results of a class run, written atomically as each submission is done.

An output directory holds:

    mlvc-run.json            the run's key: tool version, seed, tasks and options
    <student>.<ext>          that student's document in the asked format
    .mlvc/<student>.json     that student's JSON report, the file's sha256 and the run key

A rerun of the same command finds the run key and every recorded sha256, and skips
those submissions, so a crash or a kill half-way loses nothing; a changed file or a
changed key is graded again. `gradebook` and `class-report` read the `.mlvc` records,
from one directory or from the directories of several shards.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mlvc_review import __version__
from mlvc_review.errors import UsageError

RUN_FILE = "mlvc-run.json"
RECORDS = ".mlvc"
EXTENSIONS = {"json": ".json", "gradescope": ".gradescope.json", "junit": ".xml", "text": ".txt"}


@dataclass(frozen=True)
class RunKey:
    """What makes two gradings of the same file the same: a result is reused only under an equal key."""

    version: str
    seed: int
    tasks: tuple[str, ...]
    examples: int | None
    timeout: float | None
    heavy: bool
    device: str
    lang: str
    hints: int

    @classmethod
    def of(cls, options: Any, tasks: list[str]) -> "RunKey":
        return cls(__version__, options.seed, tuple(sorted(tasks)), options.examples, options.timeout,
                   options.heavy_ok, options.device, options.lang, options.hints)

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "tasks": list(self.tasks)}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def student_ids(files: list[Path], roots: list[Path]) -> dict[Path, str]:
    """A readable, unique name per file: its path under the directory it came from, without suffix.

    `roots` are the paths given on the command line; a file in a sub-folder keeps the folder
    (`group1__alice`). Two files that differ only by suffix keep their suffix.
    """
    def rel(f: Path) -> Path:
        for root in roots:
            if root.is_dir():
                try:
                    return f.resolve().relative_to(root.resolve())
                except ValueError:
                    continue
        return Path(f.name)

    stems = {f: "__".join(rel(f).with_suffix("").parts) for f in files}
    counts: dict[str, int] = {}
    for stem in stems.values():
        counts[stem] = counts.get(stem, 0) + 1
    return {f: (s if counts[s] == 1 else s + "_" + f.suffix.lstrip(".")) for f, s in stems.items()}


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old file or the whole new one, never a part."""
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # as open() would create it, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ResultDir:
    """One output directory of a class run."""

    def __init__(self, root: Path):
        self.root = root
        self.records = root / RECORDS

    def prepare(self) -> None:
        """Create the directory (and its parent-less path is an error, said before any work).

        Raises:
            UsageError: the path is a file, or cannot be created or written.
        """
        if self.root.exists() and not self.root.is_dir():
            raise UsageError(f"--output {self.root} is a file; a class run writes one document per student into a directory")
        try:
            self.records.mkdir(parents=True, exist_ok=True)
            probe = tempfile.NamedTemporaryFile(dir=self.records, prefix=".probe-")
            probe.close()
        except OSError as err:
            raise UsageError(f"cannot write into --output {self.root}: {err.strerror or err}") from None

    def previous_seed(self) -> int | None:
        """The seed of the run recorded here (reused when --seed is not given), or None."""
        try:
            return int(json.loads((self.root / RUN_FILE).read_text(encoding="utf-8"))["seed"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write_key(self, key: RunKey) -> None:
        write_atomic(self.root / RUN_FILE, json.dumps(key.as_json(), indent=2) + "\n")

    def done(self, student: str, sha256: str, key: RunKey) -> dict[str, Any] | None:
        """The recorded report of `student` if it was graded from the same bytes under the same key."""
        try:
            record = json.loads((self.records / f"{student}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if record.get("sha256") == sha256 and record.get("key") == key.as_json():
            return record["document"]
        return None

    def record(self, student: str, sha256: str, key: RunKey, doc: dict[str, Any], fmt: str, rendered: str) -> None:
        """Write the student's document in `fmt`, then the record that marks it done."""
        write_atomic(self.root / f"{student}{EXTENSIONS[fmt]}", rendered)
        record = {"student": student, "sha256": sha256, "key": key.as_json(), "document": doc}
        write_atomic(self.records / f"{student}.json", json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")


def load_records(dirs: list[Path]) -> list[dict[str, Any]]:
    """Every student record of these output directories (shards merge here), by student name.

    Raises:
        UsageError: a directory holds no records, or two directories grade one student differently.
    """
    by_student: dict[str, dict[str, Any]] = {}
    for d in dirs:
        files = sorted((d / RECORDS).glob("*.json"))
        if not files:
            raise UsageError(f"{d} holds no graded submissions (expected the output directory of `mlvc-review grade DIR --output {d}`)")
        for f in files:
            try:
                record = json.loads(f.read_text(encoding="utf-8"))
                student = record["student"]
                record["document"]["submissions"][0]
            except (OSError, ValueError, KeyError, IndexError, TypeError):
                raise UsageError(f"{f}: not a result record of mlvc-review") from None
            old = by_student.get(student)
            if old is not None and old["sha256"] != record["sha256"]:
                raise UsageError(f"student '{student}' is graded from different files in two of the directories given")
            by_student[student] = record
    return [by_student[s] for s in sorted(by_student)]
