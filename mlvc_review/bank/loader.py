"""Loading the shipped bank and any extra bank directories into one validated `Bank`.

Every problem is collected with its file, line and question id, and all of them
are raised together as one `BankError`, so an instructor sees every mistake of
a run at once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import TypeAdapter, ValidationError

from mlvc_review.bank import filecache
from mlvc_review.bank.schema import Chapter, ChaptersFile, Question, QuestionBase
from mlvc_review.bank.yamlpos import YamlProblem, line_of, load_yaml
from mlvc_review.errors import BankError
from mlvc_review.paths import shipped_bank_dir

ENV_BANK = "MLVC_REVIEW_BANK"
CHAPTERS_FILE = "chapters.yaml"
_QUESTION = TypeAdapter(Question)


@dataclass(frozen=True)
class Source:
    """Where a question was written: the file as shown to the user and the 1-based line."""

    file: str
    line: int
    keys: dict[str, int] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"

    def at(self, key: str | None) -> str:
        """`file:line` of one of the question's keys (the question's own line if absent)."""
        return f"{self.file}:{self.keys.get(key, self.line) if key else self.line}"


@dataclass
class Bank:
    """All loaded questions, in file order, with the nine chapters."""

    chapters: dict[int, Chapter]
    questions: list[QuestionBase] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id: dict[str, QuestionBase] = {q.id: q for q in self.questions}

    def chapter(self, key: str | int) -> Chapter:
        """A chapter by number ('6') or slug ('sequence')."""
        text = str(key).strip().lower()
        for chapter in self.chapters.values():
            if text == str(chapter.number) or text == chapter.slug:
                return chapter
        from mlvc_review.errors import UnknownQuestion

        known = ", ".join(f"{c.number} ({c.slug})" for c in self.chapters.values())
        raise UnknownQuestion(f"no chapter '{key}'; the chapters are {known}")

    def get(self, question_id: str) -> QuestionBase:
        try:
            return self.by_id[question_id]
        except KeyError:
            from difflib import get_close_matches

            from mlvc_review.errors import UnknownQuestion

            close = get_close_matches(question_id, list(self.by_id), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownQuestion(f"no question with id '{question_id}'{hint}") from None

    def select(
        self, chapter: int | None = None, qtype: str | None = None, tag: str | None = None
    ) -> list[QuestionBase]:
        """Questions filtered by chapter number, type and tag (topic counts as a tag)."""
        return [
            q
            for q in self.questions
            if (chapter is None or q.chapter == chapter)
            and (qtype is None or q.type == qtype)  # type: ignore[attr-defined]
            and (tag is None or tag in q.tags or tag == q.topic)
        ]


def shipped_dir() -> Path:
    """The bank that ships inside the package (works from a non-editable install)."""
    return shipped_bank_dir()


def bank_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    """Extra bank directories: `--bank` options first, then `MLVC_REVIEW_BANK` (a path list)."""
    dirs = [Path(d) for d in extra]
    env = os.environ.get(ENV_BANK, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    return dirs


def _shown(path: Path) -> str:
    """A path as the user should see it: relative to the cwd when inside it, else as given."""
    shipped = shipped_dir()
    try:
        return "question_bank/" + path.resolve().relative_to(shipped.resolve()).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _format_loc(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(question)"


def _pydantic_messages(err: ValidationError, root: Any, base: tuple[Any, ...], prefix: str, shown: str) -> list[str]:
    out = []
    for item in err.errors(include_url=False):
        loc = tuple(item["loc"])
        # a discriminated union puts the type tag first: ('choice', 'answer') -> ('answer',)
        if loc and loc[0] in {"choice", "multi", "numeric", "symbolic", "matrix_expr", "flashcard", "code"}:
            loc = loc[1:]
        # Localized accepts a string or a mapping; show one message, not both branches
        message = item["msg"].replace("Value error, ", "")
        if item["type"] == "string_pattern_mismatch" and loc and loc[-1] == "id":
            message = "an id is lower-case letters and digits joined by '.', '_' or '-' (e.g. seq.sqrt-dk)"
        elif item["type"] == "extra_forbidden":
            message = f"unknown key '{loc[-1]}'"
            loc = loc[:-1]
        line = line_of(root, base + loc)
        where = f"{_format_loc(loc)}: " if loc else ""
        out.append(f"{shown}:{line}: {prefix}{where}{message}")
    return out


def load_chapters(path: Path) -> dict[int, Chapter]:
    shown = _shown(path)
    try:
        data, root = load_yaml(path, shown)
    except YamlProblem as err:
        raise BankError(str(err)) from None
    try:
        parsed = ChaptersFile.model_validate(data)
    except ValidationError as err:
        raise BankError(_pydantic_messages(err, root, (), "", shown)) from None
    return {c.number: c for c in parsed.chapters}


def _question_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.name != CHAPTERS_FILE) + sorted(directory.glob("*.yml"))


_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*['\"]?([^'\"\s#]+)")


def _id_before(path: Path, line: int) -> str | None:
    """The id of the question a broken line belongs to (the last `id:` at or above it)."""
    try:
        lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()[:line]
    except OSError:
        return None
    for text in reversed(lines):
        match = _ID_LINE.match(text)
        if match:
            return match.group(1)
        if text.startswith("questions:"):
            return None
    return None


def _parse_file(path: Path, chapters: dict[int, Chapter], problems: list[str]) -> list[tuple[QuestionBase, Source]]:
    shown = _shown(path)
    try:
        data, root = load_yaml(path, shown)
    except YamlProblem as err:
        qid = _id_before(path, err.line)
        who = f"question '{qid}': " if qid else ""
        problems.append(f"{err.path}:{err.line}: {who}{err.message}")
        return []
    except OSError as err:
        problems.append(f"{shown}:0: cannot read: {err.strerror}")
        return []
    if data is None:
        problems.append(f"{shown}:1: the file is empty; a bank file is a mapping with 'chapter' and 'questions'")
        return []
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        problems.append(
            f"{shown}:{line_of(root, ())}: the top level is {kind}; a bank file is a mapping "
            "with 'chapter' and 'questions'"
        )
        return []
    unknown = set(data) - {"chapter", "questions"}
    for key in sorted(unknown):
        problems.append(f"{shown}:{line_of(root, (key,))}: unknown top-level key '{key}' (allowed: chapter, questions)")
    file_chapter = data.get("chapter")
    if file_chapter is not None and file_chapter not in chapters:
        problems.append(
            f"{shown}:{line_of(root, ('chapter',))}: unknown chapter {file_chapter!r}; "
            f"the chapters are {', '.join(map(str, sorted(chapters)))}"
        )
        file_chapter = None
    questions = data.get("questions")
    if not isinstance(questions, list):
        problems.append(f"{shown}:{line_of(root, ('questions',))}: 'questions' must be a list of questions")
        return []
    loaded = []
    before = len(problems)
    for index, raw in enumerate(questions):
        base = ("questions", index)
        line = line_of(root, base)
        if not isinstance(raw, dict):
            problems.append(f"{shown}:{line}: question #{index + 1} is not a mapping")
            continue
        qid = raw.get("id")
        prefix = f"question '{qid}': " if isinstance(qid, str) else f"question #{index + 1} (no id): "
        raw = dict(raw)
        if "chapter" not in raw:
            if file_chapter is None:
                problems.append(f"{shown}:{line}: {prefix}no chapter (set 'chapter' in the file or the question)")
                continue
            raw["chapter"] = file_chapter
        elif raw["chapter"] not in chapters:
            problems.append(
                f"{shown}:{line_of(root, base + ('chapter',))}: {prefix}chapter: unknown chapter {raw['chapter']!r}"
            )
            continue
        if "type" not in raw:
            problems.append(f"{shown}:{line}: {prefix}type: missing; one of choice, multi, numeric, symbolic, "
                            "matrix_expr, flashcard, code")
            continue
        try:
            question = _QUESTION.validate_python(raw)
        except ValidationError as err:
            problems.extend(_pydantic_messages(err, root, base, prefix, shown))
            continue
        keys = {k: line_of(root, base + (k,)) for k in raw}
        loaded.append((question, Source(shown, line, keys)))
    if len(problems) == before:
        filecache.put(path, data, [{"line": s.line, "keys": s.keys} for _, s in loaded])
    return loaded


def _from_cache(path: Path, chapters: dict[int, Chapter]) -> list[tuple[QuestionBase, Source]] | None:
    """The questions of `path` from its cached parse, or None (then the file is read afresh)."""
    entry = filecache.get(path)
    if entry is None:
        return None
    shown = _shown(path)
    data, positions = entry["data"], entry["positions"]
    loaded = []
    for raw, position in zip(data["questions"], positions, strict=True):
        raw = dict(raw)
        raw.setdefault("chapter", data.get("chapter"))
        if raw["chapter"] not in chapters:
            return None
        try:
            question = _QUESTION.validate_python(raw)
        except ValidationError:
            return None
        loaded.append((question, Source(shown, position["line"], position["keys"])))
    return loaded


def _load_file(path: Path, chapters: dict[int, Chapter], problems: list[str]) -> list[tuple[QuestionBase, Source]]:
    cached = _from_cache(path, chapters)
    return cached if cached is not None else _parse_file(path, chapters, problems)


def load_bank(extra_dirs: Iterable[str | Path] = (), *, include_shipped: bool = True) -> Bank:
    """Load the shipped bank plus extra directories; raise one BankError listing every problem."""
    shipped = shipped_dir()
    chapters = load_chapters(shipped / CHAPTERS_FILE)
    problems: list[str] = []
    dirs = ([shipped] if include_shipped else []) + bank_dirs(extra_dirs)
    files: list[Path] = []
    for directory in dirs:
        if directory.is_file() and directory.suffix in {".yaml", ".yml"}:
            files.append(directory)
        elif not directory.is_dir():
            problems.append(f"{directory}: no such bank directory")
        else:
            found = _question_files(directory)
            if not found and directory != shipped:
                problems.append(f"{_shown(directory)}: no .yaml files in this bank directory")
            files += found
    questions: list[QuestionBase] = []
    sources: dict[str, Source] = {}
    for path in files:
        for question, source in _load_file(path, chapters, problems):
            if question.id in sources:
                problems.append(f"{source}: question '{question.id}': duplicate id; first defined at {sources[question.id]}")
                continue
            sources[question.id] = source
            questions.append(question)
    if problems:
        raise BankError(problems)
    return Bank(chapters=chapters, questions=questions, sources=sources)
