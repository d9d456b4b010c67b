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
from mlvc_review.errors import Text, in_lang
from mlvc_review.paths import shipped_bank_dir

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError

    from mlvc_review.bank.yamlpos import YamlProblem

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


def _at(shown: str, line: object, en: str, zh: str, prefix: str = "", /, **values: object) -> Text:
    """A located problem `file:line: [question 'id': ]message` in English and Chinese."""
    return Text(f"{shown}:{line}: {prefix}{en.format(**values)}",
                f"{shown}:{line}：{in_lang(prefix, 'zh')}{zh.format(**values)}")


def _who(qid: object, index: int) -> Text:
    """The question a problem belongs to, as the start of its message."""
    if isinstance(qid, str):
        return Text.of("question '{qid}': ", "题目 '{qid}'：", qid=qid)
    return Text.of("question #{n} (no id): ", "第 {n} 题（没有编号）：", n=index + 1)


_PYDANTIC_ZH = {  # pydantic's error type -> its message in Chinese ({name}: from the error's ctx)
    "missing": "缺少此项",
    "string_type": "应为字符串",
    "int_type": "应为整数", "int_parsing": "应为整数", "int_from_float": "应为整数",
    "float_type": "应为数字", "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false", "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表", "dict_type": "应为映射（键: 值）", "model_type": "应为映射（键: 值）",
    "literal_error": "应为 {expected}",
    "union_tag_invalid": "未知的 {discriminator} '{tag}'；应为 {expected_tags}",
    "greater_than": "应大于 {gt}", "greater_than_equal": "应大于或等于 {ge}",
    "less_than": "应小于 {lt}", "less_than_equal": "应小于或等于 {le}",
    "too_short": "至少需要 {min_length} 项", "too_long": "最多 {max_length} 项",
}


def _pydantic_zh(item: dict, message: str) -> str:
    """pydantic's message in Chinese where its type is known; the schema's own value errors stay as written."""
    template = _PYDANTIC_ZH.get(item["type"])
    try:
        return template.format(**(item.get("ctx") or {})) if template else message
    except (KeyError, IndexError):
        return message


def pydantic_messages(err: ValidationError, root: Any, base: tuple[Any, ...], prefix: str, shown: str) -> list[str]:
    from mlvc_review.bank.yamlpos import line_of

    out: list[str] = []
    for item in err.errors(include_url=False):
        loc = tuple(item["loc"])
        # a discriminated union puts the type tag first: ('choice', 'answer') -> ('answer',)
        if loc and loc[0] in TYPES:
            loc = loc[1:]
        # Localized accepts a string or a mapping; show one message, not both branches
        message = item["msg"].replace("Value error, ", "")
        zh = _pydantic_zh(item, message)
        if item["type"] == "string_pattern_mismatch" and loc and loc[-1] == "id":
            message = "an id is lower-case letters and digits joined by '.', '_' or '-' (e.g. seq.sqrt-dk)"
            zh = "编号由小写字母和数字组成，用 '.'、'_' 或 '-' 连接（例如 seq.sqrt-dk）"
        elif item["type"] == "extra_forbidden":
            message, zh = f"unknown key '{loc[-1]}'", f"未知的键 '{loc[-1]}'"
            loc = loc[:-1]
        line = line_of(root, base + loc)
        where = f"{_format_loc(loc)}: " if loc else ""
        out.append(_at(shown, line, "{where}{message}", "{where_zh}{zh}", prefix, where=where,
                       where_zh=where.replace(": ", "："), message=message, zh=zh))
    return out


_YAML_ZH = [  # yamlpos's messages -> Chinese; a YAML parser's own detail is kept as it is
    (re.compile(r"not UTF-8 text \(byte (0x[0-9a-f]+)\); save the file as UTF-8"), r"不是 UTF-8 文本（字节 \1）；请把文件存为 UTF-8"),
    (re.compile(r"a tab in the indentation; YAML indents with spaces only"), "缩进中有制表符；YAML 只能用空格缩进"),
    (re.compile(r"alias '(.*)' is not allowed in the bank; write the value out"), r"题库中不允许使用别名 '\1'；请把值写出来"),
    (re.compile(r"YAML syntax: (.*)", re.DOTALL), r"YAML 语法错误：\1"),
    (re.compile(r"a mapping key must be a plain word"), "映射的键必须是一个普通的词"),
    (re.compile(r"merge keys \('<<'\) are not allowed in the bank"), "题库中不允许使用合并键（'<<'）"),
    (re.compile(r"duplicate key '(.*)'"), r"重复的键 '\1'"),
    (re.compile(r"cannot read value: (.*)", re.DOTALL), r"无法读取这个值：\1"),
]


def yaml_problem(err: YamlProblem, prefix: str = "") -> Text:
    """A located YAML problem in English and Chinese."""
    zh = err.message
    for pattern, replacement in _YAML_ZH:
        if pattern.fullmatch(err.message):
            zh = pattern.sub(replacement, err.message)
            break
    return _at(err.path, err.line, "{message}", "{zh}", prefix, message=err.message, zh=zh)


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
        problems.append(yaml_problem(err, _who(qid, 0) if qid else ""))
        return []
    except OSError as err:
        problems.append(_at(shown, 0, "cannot read: {why}", "无法读取：{why}", why=err.strerror))
        return []
    if data is None:
        problems.append(_at(shown, 1, "the file is empty; a bank file is a mapping with 'chapter' and 'questions'",
                            "文件是空的；题库文件是一个含 'chapter' 和 'questions' 的映射"))
        return []
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        problems.append(_at(shown, line_of(root, ()), "the top level is {kind}; a bank file is a mapping with 'chapter' "
                            "and 'questions'", "顶层是 {kind_zh}；题库文件是一个含 'chapter' 和 'questions' 的映射",
                            kind=kind, kind_zh="列表" if isinstance(data, list) else type(data).__name__))
        return []
    unknown = set(data) - {"chapter", "questions"}
    for key in sorted(unknown):
        problems.append(_at(shown, line_of(root, (key,)), "unknown top-level key '{key}' (allowed: chapter, questions)",
                            "未知的顶层键 '{key}'（允许的键：chapter、questions）", key=key))
    file_chapter = data.get("chapter")
    known = ", ".join(map(str, sorted(chapters)))
    if file_chapter is not None and file_chapter not in chapters:
        problems.append(_at(shown, line_of(root, ("chapter",)), "unknown chapter {chapter}; the chapters are {known}",
                            "未知的章节 {chapter}；章节有 {known}", chapter=repr(file_chapter), known=known))
        file_chapter = None
    questions = data.get("questions")
    if not isinstance(questions, list):
        problems.append(_at(shown, line_of(root, ("questions",)), "'questions' must be a list of questions",
                            "'questions' 必须是题目的列表"))
        return []
    loaded = []
    before = len(problems)
    for index, raw in enumerate(questions):
        base = ("questions", index)
        line = line_of(root, base)
        if not isinstance(raw, dict):
            problems.append(_at(shown, line, "question #{n} is not a mapping", "第 {n} 题不是映射（键: 值）", n=index + 1))
            continue
        qid = raw.get("id")
        prefix = _who(qid, index)
        raw = dict(raw)
        if "chapter" not in raw:
            if file_chapter is None:
                problems.append(_at(shown, line, "no chapter (set 'chapter' in the file or the question)",
                                    "没有章节（请在文件或题目中设置 'chapter'）", prefix))
                continue
            raw["chapter"] = file_chapter
        elif raw["chapter"] not in chapters:
            problems.append(_at(shown, line_of(root, base + ("chapter",)), "chapter: unknown chapter {chapter}",
                                "chapter：未知的章节 {chapter}", prefix, chapter=repr(raw["chapter"])))
            continue
        if "type" not in raw:
            problems.append(_at(shown, line, "type: missing; one of {types}", "type：缺少此项；应为 {types} 之一", prefix,
                                types=", ".join(TYPES)))
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
