"""Every message of the quiz's catalogue, and every session event, rendered in English and in Chinese.

A Chinese session must show no English interface words (only ids, formulas and
the bank's own text); no message is cropped at 40 columns.
"""

from __future__ import annotations

import re
import string
from datetime import datetime, timezone

import pytest
from rich.console import Console

from mlvc_review.quiz import events as ev
from mlvc_review.quiz.strings import STRINGS, t
from mlvc_review.ui import THEME

CJK = re.compile(r"[\u3400-\u9fff]")
NEUTRAL = {"col_number"}  # "#" reads the same in both languages


def _values(template: str) -> dict:
    """A value for every field of `template`: a number where its format spec asks for one."""
    out = {}
    for _, name, spec, _ in string.Formatter().parse(template):
        if name:
            out[name] = 7 if spec and spec[-1] in "dfe%" else f"<{name}>"
    return out


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_catalogue_entry_renders_in_both_languages(key):
    en, zh = STRINGS[key]
    assert _fields(en) == _fields(zh), f"{key}: the two languages fill different fields"
    values = _values(en)
    shown = {lang: t(key, lang, **values) for lang in ("en", "zh")}
    for lang, text in shown.items():
        console = Console(width=40, record=True, theme=THEME, color_system=None)
        console.print(text, markup=False)
        assert "…" not in console.export_text(), (key, lang)
        for value in values.values():
            assert str(value) in text or isinstance(value, int), (key, lang)
    if key not in NEUTRAL:
        assert CJK.search(shown["zh"]), f"{key}: the Chinese text is not Chinese: {shown['zh']!r}"
        assert shown["zh"] != shown["en"]


def _render_all(lang: str, width: int) -> str:
    """Render one of every session event in `lang` at `width` columns; the recorded plain text."""
    from mlvc_review import ui
    from mlvc_review.ui import quiz as view

    console = Console(width=width, record=True, theme=THEME, color_system=None, highlight=False, emoji=False)
    old, view.console, ui.console = view.console, console, console
    try:
        long_zh = "过拟合(overfitting)：模型在记忆训练集。在验证损失最低处早停，加正则化(L2、dropout)，或获取更多数据。"
        results = [
            ev.Result("q.one", 1, "choice", "提示", "b", 0.0, False, "a) 正确", "解析。", "讲义写法不同。"),
            ev.Result("q.two", 1, "numeric", "提示", "", 0.0, False, "2", "解析。", None, True, False, False),
        ]
        events = [
            ev.QuestionShown(3, 10, "mlp.overfitting", "choice", 2, "训练损失持续下降。", (("a", long_zh), ("b", "欠拟合")),
                             None, 1, "h 提示  s 跳过", lang, 75.0, 1),
            ev.HintShown(1, 2, "想一想。", lang),
            ev.InvalidInput("不是数", "3 +", lang),
            ev.Revealed("答案。", lang, "我的回忆"),
            ev.Feedback("q.one", False, 0.5, "a) 正确", ["漏选 a"], "b", [], "解析。", "讲义。", "hard",
                        datetime(2030, 1, 1, tzinfo=timezone.utc), lang, True, "multi"),
            ev.Feedback("q.card", False, 0.5, "答案", [], "hard", [], "解析。", None, "hard",
                        datetime(2030, 1, 1, tzinfo=timezone.utc), lang, False, "flashcard"),
            ev.CodeReport({"tasks": [{"function": "conv2d", "status": "failed", "score": 1, "max_score": 2,
                                      "checks": [{"name": "values", "status": "failed", "message": "差一点"}]}]}, lang),
            ev.Skipped("q.two", lang),
            ev.ExamReport([ev.ChapterScore(1, "优化", 1, 2, 0.0)], results, True, lang),
            ev.Summary("quiz", 1, 0, 1, 0.0, 2, 5, "done", lang, 75.0,
                       (ev.Missed("q.one", "a) 正确", 0.0, False), ev.Missed("q.two", "2", 0.0, True)), 1, True),
        ]
        for event in events:
            view.render(event)
    finally:
        view.console = ui.console = old
    return console.export_text()


ENGLISH_UI = ("correct answer", "explanation", "rated", "next review", "your answer", "skipped", "hint",
              "session over", "to reread", "comes back", "again", "passed", "failed", "points", "left",
              "understood", "your recall", "not answered", "time ")


@pytest.mark.parametrize("width", [80, 40])
def test_a_chinese_session_shows_no_english_interface_words_and_crops_nothing(width):
    text = _render_all("zh", width)
    lowered = text.lower()
    assert not [w for w in ENGLISH_UI if w in lowered], text
    assert "…" not in text
    assert "困难" in text  # the rating's name, not "hard"
    flat = re.sub(r"[\s│╭╮╰╯─]", "", text)
    assert re.sub(r"\s", "", "过拟合(overfitting)：模型在记忆训练集。在验证损失最低处早停，加正则化(L2、dropout)，或获取更多数据。") in flat


@pytest.mark.parametrize("width", [80, 40])
def test_the_english_rendering_crops_nothing_and_shows_the_flashcard_once(width):
    text = _render_all("en", width)
    assert "…" not in text
    assert "you rated it hard" in text and "partly right (50%)" in text  # the multi's partial credit only
    assert text.count("partly right") == 1
    assert "not answered" in text and "to reread" in text and "time 1:15" in text
