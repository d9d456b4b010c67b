"""Chinese text for the command-line parser's own usage errors (typer's bundled click writes English).

Only the messages a student meets are translated, each from click's wording: a value that does
not convert or is out of range, an unknown option, a missing argument or option value, extra
arguments. Anything else keeps click's English sentence inside the Chinese frame, so no message
is ever lost to a pattern that did not match.
"""

from __future__ import annotations

import re

_KINDS = {
    "integer": "整数", "int range": "整数", "integer range": "整数", "float": "数", "float range": "数",
    "boolean": "布尔值 (true/false)", "choice": "可选值", "file": "文件", "directory": "目录", "path": "路径",
}

# (pattern of a whole inner message, Chinese template); groups are quoted values or lists, kept as typed
_INNER: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(.+) is not a valid (integer range|int range|integer|float range|float|boolean)\.?$"),
     "{0} 不是有效的{kind}。"),
    (re.compile(r"^(.+) is not in the range (.+?)\.?$"), "{0} 不在范围 {1} 内。"),
    (re.compile(r"^(.+) is not one of (.+?)\.?$"), "{0} 不是 {1} 之一。"),
    (re.compile(r"^(.+) is not (.+)\.?$"), "{0} 不是 {1}。"),
    (re.compile(r"^(?:File|Directory|Path) (.+) does not exist\.?$"), "{0} 不存在。"),
)

_WHOLE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^No such option: (\S+?)\.?\s+Did you mean (\S+?)\?$"), "没有这个选项：{0}（是不是想用 {1}？）"),
    (re.compile(r"^No such option: (\S+?)\.?\s+\(Possible options: (.+)\)$"), "没有这个选项：{0}（可能是：{1}）"),
    (re.compile(r"^No such option: (\S+?)\.?$"), "没有这个选项：{0}"),
    (re.compile(r"^No such command (.+?)\.?$"), "没有这个命令：{0}"),
    (re.compile(r"^Missing argument (.+?)\.?$"), "缺少参数 {0}。"),
    (re.compile(r"^Missing option (.+?)\.?$"), "缺少选项 {0}。"),
    (re.compile(r"^Missing parameter:? (.+?)\.?$"), "缺少参数 {0}。"),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$"), "多余的参数：{0}"),
    (re.compile(r"^Option (.+?) requires an argument\.?$"), "选项 {0} 需要一个值。"),
    (re.compile(r"^Option (.+?) requires (\d+) arguments\.?$"), "选项 {0} 需要 {1} 个值。"),
    (re.compile(r"^Option (.+?) does not take a value\.?$"), "选项 {0} 不接受值。"),
)

_INVALID = re.compile(r"^Invalid value for (.+?): (.*)$", re.S)


def translate(message: str) -> str:
    """Click's English usage message in Chinese (the English sentence kept where no pattern fits)."""
    text = message.strip()
    invalid = _INVALID.match(text)
    if invalid:
        hint, inner = invalid.groups()
        return f"{hint} 的值无效：{_inner(inner.strip())}"
    for pattern, template in _WHOLE:
        found = pattern.match(text)
        if found:
            return template.format(*found.groups())
    return text


def _inner(text: str) -> str:
    for pattern, template in _INNER:
        found = pattern.match(text)
        if found:
            groups = found.groups()
            kind = _KINDS.get(groups[1], groups[1]) if len(groups) > 1 else ""
            return template.format(*groups, kind=kind)
    return text


def usage_line(usage: str) -> str:
    """'Usage: mlvc-review quiz chapter [OPTIONS] {chapter}' in Chinese."""
    return re.sub(r"^\s*Usage:\s*", "用法：", usage.strip()).replace("[OPTIONS]", "[选项]")


def asks_for_zh(args: list[str]) -> bool:
    """Whether a command line says `--lang zh` (read from the raw words: a parse error can stop the
    parser before the option's own callback runs)."""
    for i, word in enumerate(args):
        if word == "--":
            return False
        if word in ("--lang", "-l") and i + 1 < len(args) and args[i + 1] == "zh":
            return True
        if word == "--lang=zh":
            return True
    return False
