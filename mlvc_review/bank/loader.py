"""Loading the shipped bank and any extra bank directories into one validated `Bank`.

Every problem is collected with its file, line and question id, and all of them
are raised together as one `BankError`, so an instructor sees every mistake of
a run at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from mlvc_review.bank import filecache
from mlvc_review.bank.bankfile import Source, load_file, pydantic_messages, shown_path
from mlvc_review.bank.model import Chapter, QuestionBase, chapter_from_dump
from mlvc_review.errors import BankError, Text
from mlvc_review.paths import CHAPTERS_FILE, bank_files, env_bank_paths, shipped_bank_dir

__all__ = ["Bank", "Source", "bank_dirs", "find_chapter", "load_bank", "load_chapters"]


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
        return find_chapter(self.chapters, key)

    def get(self, question_id: str) -> QuestionBase:
        try:
            return self.by_id[question_id]
        except KeyError:
            from difflib import get_close_matches

            from mlvc_review.errors import UnknownQuestion

            close = ", ".join(get_close_matches(question_id, list(self.by_id), n=3))
            raise UnknownQuestion.of("no question with id '{qid}'" + ("; did you mean {close}?" if close else ""),
                                     "没有编号为 '{qid}' 的题目" + ("；你是不是要找 {close}？" if close else ""),
                                     qid=question_id, close=close) from None

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


def find_chapter(chapters: dict[int, Chapter], key: str | int) -> Chapter:
    """A chapter by number ('6') or slug ('sequence'); UnknownQuestion lists the chapters otherwise."""
    text = str(key).strip().lower()
    for chapter in chapters.values():
        if text == str(chapter.number) or text == chapter.slug:
            return chapter
    from mlvc_review.errors import UnknownQuestion

    known = ", ".join(f"{c.number} ({c.slug})" for c in chapters.values())
    raise UnknownQuestion.of("no chapter '{key}'; the chapters are {known}", "没有章节 '{key}'；章节有 {known}",
                             key=key, known=known)


def bank_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    """Extra bank directories: `--bank` options first, then `MLVC_REVIEW_BANK` (a path list)."""
    return [Path(d) for d in extra] + env_bank_paths()


def load_chapters(path: Path) -> dict[int, Chapter]:
    """The chapters of `path` (chapters.yaml), from the file cache when it is unchanged."""
    cached = filecache.get(path)
    if cached is not None:
        try:
            return {c.number: c for c in map(chapter_from_dump, cached)}
        except (AttributeError, KeyError, TypeError, ValueError):  # not a dump of this version's schema
            pass
    from pydantic import ValidationError

    from mlvc_review.bank.schema import ChaptersFile
    from mlvc_review.bank.yamlpos import YamlProblem, load_yaml

    shown = shown_path(path)
    try:
        data, root = load_yaml(path, shown)
    except YamlProblem as err:
        from mlvc_review.bank.bankfile import yaml_problem

        raise BankError(yaml_problem(err)) from None
    try:
        dumps = [c.model_dump(mode="json") for c in ChaptersFile.model_validate(data).chapters]
    except ValidationError as err:
        raise BankError(pydantic_messages(err, root, (), "", shown)) from None
    filecache.put(path, dumps)
    return {c.number: c for c in map(chapter_from_dump, dumps)}


def load_bank(extra_dirs: Iterable[str | Path] = (), *, include_shipped: bool = True,
              chapter: str | int | None = None) -> Bank:
    """Load the shipped bank plus extra directories; raise one BankError listing every problem.

    `chapter` (a number or slug) keeps only that chapter's questions; every file is still
    read and every id still checked for duplicates.

    Raises:
        BankError: every problem of every file, located.
        UnknownQuestion: `chapter` names no chapter.
    """
    shipped = shipped_bank_dir()
    chapters = load_chapters(shipped / CHAPTERS_FILE)
    only = None if chapter is None else find_chapter(chapters, chapter).number
    problems: list[str] = []
    dirs = ([shipped] if include_shipped else []) + bank_dirs(extra_dirs)
    files: list[Path] = []
    for directory in dirs:
        found = bank_files(directory)
        if not found and not directory.is_dir():
            problems.append(Text.of("{dir}: no such bank directory", "{dir}：没有这个题库目录", dir=directory))
        elif not found and directory != shipped:
            problems.append(Text.of("{dir}: no .yaml files in this bank directory", "{dir}：这个题库目录中没有 .yaml 文件",
                                    dir=shown_path(directory)))
        files += found
    questions: list[QuestionBase] = []
    sources: dict[str, Source] = {}
    for path in files:
        for qid, question, source in load_file(path, chapters, problems, only):
            if qid in sources:
                problems.append(Text.of("{at}: question '{qid}': duplicate id; first defined at {first}",
                                        "{at}：题目 '{qid}'：编号重复；首次定义于 {first}",
                                        at=source, qid=qid, first=sources[qid]))
                continue
            sources[qid] = source
            if question is not None:
                questions.append(question)
    if problems:
        raise BankError(problems)
    return Bank(chapters=chapters, questions=questions, sources=sources)
