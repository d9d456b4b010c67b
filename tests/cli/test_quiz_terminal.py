"""The quiz in a real pseudo-terminal, in each language at 80 and 40 columns.

One session edits an answer with the arrow keys, takes an answer back with `u` and
recalls the earlier answer with Up, meets a wrong answer again (a relearning step),
presses Ctrl-D after partly typed text (nothing is submitted) and ends with Ctrl-C
(exit 130, every answer saved). No option text is cropped at either width.
"""

from __future__ import annotations

import re
import sys

import pytest
from pty_terminal import Terminal

from mlvc_review.quiz.store import open_store

LONG = {
    "en": "Overfitting: the model memorises the training set. Stop early at the validation minimum, regularise "
          "(L2, dropout), or get more data.",
    "zh": "过拟合(overfitting)：模型在记忆训练集。在验证损失最低处早停，加正则化(L2、dropout)，或获取更多数据。",
}
BANK = f"""
chapter: 2
questions:
  - id: t-overfit
    type: choice
    topic: overfitting
    prompt: {{en: "Training loss falls, validation loss rises. What is happening?", zh: "训练损失下降而验证损失上升。发生了什么？"}}
    explanation: {{en: "Overfitting.", zh: "过拟合。"}}
    shuffle: false
    options:
      - {{id: a, text: {{en: "{LONG['en']}", zh: "{LONG['zh']}"}}}}
      - {{id: b, text: {{en: "Underfitting: make the model bigger.", zh: "欠拟合：增大模型。"}}}}
    answer: a
  - id: t-count
    type: numeric
    topic: overfitting
    prompt: {{en: "How many parameters has a 3x1 linear layer without bias?", zh: "3x1 无偏置线性层有多少参数？"}}
    explanation: {{en: "3 weights.", zh: "3 个权重。"}}
    answer: 12
    tolerance: {{abs: 0.1}}
  - id: t-last
    type: choice
    topic: overfitting
    prompt: {{en: "Which loss estimates performance on new data?", zh: "哪个损失估计新数据上的表现？"}}
    explanation: {{en: "Validation.", zh: "验证损失。"}}
    shuffle: false
    options:
      - {{id: a, text: {{en: "training", zh: "训练损失"}}}}
      - {{id: b, text: {{en: "validation", zh: "验证损失"}}}}
    answer: b
"""
PROMPT = {"en": r"answer ›", "zh": r"答案 ›"}


def _squash(text: str) -> str:
    """The text with spaces, line breaks and panel borders removed (wrapping must not lose a character)."""
    return re.sub(r"[\s│╭╮╰╯─]", "", text)


@pytest.mark.slow
@pytest.mark.parametrize("cols", [80, 40])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_session_in_a_real_terminal(write_bank, tmp_path, _isolated_home, lang, cols):
    bank = write_bank(BANK)
    term = Terminal([sys.executable, "-m", "mlvc_review", "quiz", "chapter", "2", "--bank", str(bank), "--only-bank",
                     "--seed", "1", "--lang", lang], cols=cols, cwd=tmp_path)
    prompt = PROMPT[lang]
    term.expect(prompt)
    assert "…" not in term.text and _squash(LONG[lang]) in _squash(term.text)  # the long option, wrapped, whole
    term.send("b", "enter")  # wrong: it comes back later in the session
    term.expect("↻")
    term.expect(prompt)
    term.send("2", "left", "1", "enter")  # typed "2", moved left, inserted "1": the answer is 12
    term.expect("✓")
    term.expect(prompt)
    term.send("u", "enter")  # take it back: the numeric question is asked again
    term.expect("t-count")
    term.expect(prompt)
    term.send("up", "enter")  # Up recalls "12" from this session's history
    term.expect("✓")
    term.expect(prompt)
    term.send("b", "enter")
    term.expect("✓")
    term.expect("×1")  # the relearning step of the first question
    term.expect(prompt)
    term.send("b", "ctrl-d")  # partly typed, then Ctrl-D: nothing is submitted
    term.send("ctrl-c")
    status = term.close()
    assert status == 130, term.text
    text = term.text
    assert "…" not in text
    assert ("interrupted" if lang == "en" else "已中断") in text
    with open_store() as store:
        attempts = [(a["question_id"], a["raw"], a["correct"]) for a in store.attempts()]
    assert attempts == [("t-overfit", "b", 0), ("t-count", "12", 1), ("t-last", "b", 1)]


@pytest.mark.slow
def test_ctrl_d_on_an_empty_line_ends_the_session_normally(write_bank, tmp_path, _isolated_home):
    bank = write_bank(BANK)
    term = Terminal([sys.executable, "-m", "mlvc_review", "quiz", "chapter", "2", "--bank", str(bank), "--only-bank",
                     "--seed", "1"], cols=80, cwd=tmp_path)
    term.expect(PROMPT["en"])
    term.send("ctrl-d")
    assert term.close() == 0
    assert "session over: 0 answered" in term.text


@pytest.mark.slow
def test_an_exam_counts_down_live_while_the_student_types(write_bank, tmp_path, _isolated_home):
    bank = write_bank(BANK)
    term = Terminal([sys.executable, "-m", "mlvc_review", "exam", "--chapters", "2", "--questions", "2", "--minutes",
                     "0.1", "--bank", str(bank), "--only-bank", "--seed", "1"], cols=80, cwd=tmp_path)
    term.expect(PROMPT["en"])
    term.send("b")  # typing, no Enter: the line above the prompt keeps counting
    first = term.expect(r"⏱ 0:0(\d) left")
    later = term.expect(r"⏱ 0:0(\d) left", timeout=5)
    assert int(later.group(1)) < int(first.group(1))
    term.expect("⏱ time is up", timeout=10)
    term.send("enter")
    term.expect("not answered")  # the report lists what the time limit left unanswered
    assert term.close() == 0
    with open_store() as store:
        assert store.attempts() == []  # the answer came after the limit
