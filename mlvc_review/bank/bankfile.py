"""Reading one bank file into validated questions, each with where it was written.

Problems are appended to a list as located messages (`file:line: question 'id': ...`)
so that one run reports all of them. Questions come back as `model`'s plain objects.
A file that loaded cleanly is cached (`filecache`) as its validated dump and read
from the cache next time without importing pydantic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlvc_review.bank import filecache
from mlvc_review.bank.model import QUESTION_TYPES, Chapter, QuestionBase, question_from_dump
from mlvc_review.paths import shipped_bank_dir

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError

TYPES = tuple(QUESTION_TYPES)


@cache
def _question_adapter() -> TypeAdapter:
    """The validator of one question (pydantic is imported only when a file is parsed afresh)."""
    from pydantic import TypeAdapter

    from mlvc_review.bank.schema import Question

    return TypeAdapter(Question)


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


def shown_path(path: Path) -> str:
    """A path as the user should see it: relative to the cwd when inside it, else as given."""
    shipped = shipped_bank_dir()
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


def pydantic_messages(err: ValidationError, root: Any, base: tuple[Any, ...], prefix: str, shown: str) -> list[str]:
    from mlvc_review.bank.yamlpos import line_of

    out = []
    for item in err.errors(include_url=False):
        loc = tuple(item["loc"])
        # a discriminated union puts the type tag first: ('choice', 'answer') -> ('answer',)
        if loc and loc[0] in TYPES:
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
    from pydantic import ValidationError

    from mlvc_review.bank.yamlpos import YamlProblem, line_of, load_yaml

    shown = shown_path(path)
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
            problems.append(f"{shown}:{line}: {prefix}type: missing; one of {', '.join(TYPES)}")
            continue
        try:
            dump = _question_adapter().validate_python(raw).model_dump(mode="json")
        except ValidationError as err:
            problems.extend(pydantic_messages(err, root, base, prefix, shown))
            continue
        keys = {k: line_of(root, base + (k,)) for k in raw}
        loaded.append((dump, Source(shown, line, keys)))
    if len(problems) == before:
        filecache.put(path, [{"question": d, "line": s.line, "keys": s.keys} for d, s in loaded],
                      [[d["id"], d["chapter"], s.line] for d, s in loaded])
    return [(question_from_dump(d), s) for d, s in loaded]


Loaded = list[tuple[str, "QuestionBase | None", Source]]


def _from_cache(path: Path, chapters: dict[int, Chapter], only: int | None) -> Loaded | None:
    """The questions of `path` from its cached parse, or None (then the file is read afresh)."""
    shown = shown_path(path)
    if only is not None:  # a file without that chapter's questions: its index is enough
        try:
            summary = [(str(qid), chapter, int(line)) for qid, chapter, line in filecache.index(path)]
            if all(chapter in chapters and chapter != only for _, chapter, _ in summary):
                return [(qid, None, Source(shown, line)) for qid, _, line in summary]
        except (TypeError, ValueError):  # no index, or not this version's
            pass
    entries = filecache.get(path)
    if entries is None:
        return None
    loaded: Loaded = []
    for entry in entries:
        try:
            dump = entry["question"]
            if dump.get("chapter") not in chapters:
                return None
            question = question_from_dump(dump) if only is None or dump["chapter"] == only else None
            loaded.append((dump["id"], question, Source(shown, entry["line"], entry["keys"])))
        except (AttributeError, KeyError, TypeError, ValueError):  # not a dump of this version's schema
            return None
    return loaded


def load_file(path: Path, chapters: dict[int, Chapter], problems: list[str], only: int | None = None) -> Loaded:
    """`(id, question, source)` of each question of one bank file; its problems are appended to `problems`.

    With `only`, just that chapter's questions are built (others come back as None, with
    their id for the duplicate check): a quiz of one chapter starts without the rest.
    """
    cached = _from_cache(path, chapters, only)
    if cached is not None:
        return cached
    return [(q.id, q if only is None or q.chapter == only else None, s) for q, s in _parse_file(path, chapters, problems)]
