"""The parser's own usage errors in Chinese under `--lang zh` (typer's click writes them in English).

Every command that takes `--lang` is tried with an unknown option (which stops the parser before
`--lang` is read: the raw words decide), and the common mistakes with a value are tried on the
commands students type most. English sessions keep click's own text.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from cli_tree import leaves
from mlvc_review.cli import app
from mlvc_review.cli.usage_zh import asks_for_zh, translate

runner = CliRunner()
ENGLISH_FRAME = re.compile(r"Usage:|Try '|Invalid value|No such option|Missing argument|is not|unexpected extra")


WITH_LANG = sorted(name for name, command in leaves().items() if any(p.name == "lang" for p in command.params))


def _run(words: list[str]):
    result = runner.invoke(app, words)
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


def test_commands_with_a_language_are_found():
    assert {"quiz chapter", "exam", "grade", "bank list", "stats"} <= set(WITH_LANG)


@pytest.mark.parametrize("command", WITH_LANG)
def test_an_unknown_option_is_reported_in_chinese_by_every_command_with_lang(command):
    code, out = _run([*command.split(), "--no-such-thing", "--lang", "zh"])
    assert code == 2, out
    assert "错误：没有这个选项：--no-such-thing" in out
    assert f"用法：mlvc-review {command}" in out and f"查看帮助：mlvc-review {command} -h" in out
    assert not ENGLISH_FRAME.search(out), out
    assert "Traceback" not in out


@pytest.mark.parametrize(("words", "expected"), [
    (["quiz", "chapter", "1", "--limit", "x", "--lang", "zh"], "'--limit' / '-n' 的值无效：'x' 不是有效的整数。"),
    (["exam", "--minutes", "-5", "--lang", "zh"], "'--minutes' 的值无效：-5.0 不在范围 x>=0.1 内。"),
    (["quiz", "chapter", "--lang", "zh"], "缺少参数 'chapter'。"),
    (["grade", "--lang", "zh"], "缺少参数 'paths'。"),
    (["quiz", "chapter", "1", "2", "3", "--lang=zh"], "多余的参数：2 3"),
    (["quiz", "chapter", "1", "--lmit", "3", "--lang", "zh"], "没有这个选项：--lmit（可能是：--limit）"),
    (["quiz", "chapter", "1", "--lang", "zh", "--limit"], "选项 '--limit' 需要一个值。"),
])
def test_value_mistakes_are_explained_in_chinese(words, expected):
    code, out = _run(words)
    assert code == 2, out
    assert "错误：" + expected in out
    assert not ENGLISH_FRAME.search(out), out


def test_english_sessions_keep_the_parsers_text():
    code, out = _run(["quiz", "chapter", "1", "--limit", "x"])
    assert code == 2
    assert "Invalid value for '--limit'" in out and "用法" not in out


def test_a_sentence_no_pattern_knows_is_kept_whole_not_dropped():
    assert translate("Something new went wrong.") == "Something new went wrong."


@pytest.mark.parametrize(("words", "zh"), [
    (["quiz", "chapter", "1", "--lang", "zh"], True), (["--lang=zh"], True), (["bank", "list", "-l", "zh"], True),
    (["quiz", "--lang", "en"], False), (["grade", "--", "--lang", "zh"], False), (["--lang"], False),
])
def test_the_language_is_read_from_the_words_as_typed(words, zh):
    assert asks_for_zh(words) is zh
