"""Commented YAML templates for `mlvc-review bank new --type T --chapter N`.

Every template is a complete bank file. Its texts start with `TODO`, which
`bank validate` reports as unfilled; once each TODO is replaced, it validates.
"""

from __future__ import annotations

TODO = "TODO"

_HEAD = """\
# A new {qtype} question for chapter {chapter}. Save it as a .yaml file in a bank directory
# (mlvc-review --bank DIR ..., or MLVC_REVIEW_BANK) and run `mlvc-review bank validate`.
# Texts are English strings or {{en: ..., zh: ...}} mappings; write both languages.
# Replace every TODO; `{{{{name}}}}` in a text shows a drawn parameter.
chapter: {chapter}
questions:
  - id: {slug}.TODO-short-name   # stable, unique across all banks: lower case, digits, . _ -
    type: {qtype}
    topic: TODO-topic             # one word or hyphenated words, e.g. attention
    tags: [TODO-tag]
    difficulty: 2                 # 1 easy, 2 medium, 3 hard
    notes_ref: "TODO: section of the course notes, e.g. 第六章 Self-attention"
"""

_TEXTS = """\
    explanation:
      en: "TODO: why the answer is right, not only what it is"
      zh: "TODO: 中文解释"
    hints:                        # optional, shown one at a time
      - {en: "TODO: a first nudge", zh: "TODO: 提示"}
    # notes_slip: {en: "The notes write ...; the correct form is ... because ...", zh: "..."}
"""

_BODIES = {
    "choice": """\
    prompt: {en: "TODO: the question", zh: "TODO: 问题"}
    # Options are shown shuffled, answered by letter. Write each wrong option as a real misconception,
    # as long and as technical as the right one: `bank validate` fails a bank where picking the longest
    # option scores above 40%.
    options:
      - {id: a, text: {en: "TODO: the right option", zh: "TODO: 正确选项"}}
      - id: b
        text: {en: "TODO: a wrong option, as specific as the key", zh: "TODO: 错误选项"}
        why: {en: "TODO: why b is wrong", zh: "TODO: 为什么错"}
      - id: c
        text: {en: "TODO: another misconception, just as long", zh: "TODO: 另一个错误选项"}
        why: {en: "TODO: why c is wrong", zh: "TODO: 为什么错"}
    answer: a
""",
    "multi": """\
    prompt: {en: "TODO: the question (select every right option)", zh: "TODO: 多选题（选出所有正确项）"}
    # Score: (right picked - wrong picked) / number right, at least 0. Vary how many options are right
    # (one, about half, all but one): `bank validate` fails a bank where ticking every option scores
    # above 25% of the multi points.
    options:
      - {id: a, text: {en: "TODO: right", zh: "TODO: 正确"}}
      - {id: b, text: {en: "TODO: wrong", zh: "TODO: 错误"}, why: {en: "TODO: why", zh: "TODO: 原因"}}
      - {id: c, text: {en: "TODO: wrong too", zh: "TODO: 也错误"}, why: {en: "TODO: why", zh: "TODO: 原因"}}
      - {id: d, text: {en: "TODO: right too", zh: "TODO: 也正确"}}
    answer: [a, d]
""",
    "numeric": """\
    params:                       # drawn fresh for every variant
      I: {values: [28, 32, 64]}
      K: {low: 1, high: 7, step: 2}
    constraint: "I >= K"          # redrawn until it holds
    prompt: {en: "TODO: e.g. output size of a {{K}}x{{K}} convolution on {{I}}x{{I}}?", zh: "TODO: 问题"}
    answer: "I - K + 1"           # a number, or a formula of the parameters
    tolerance: {abs: 0.5}         # or {rel: 0.01}
    wrong_answers:                # typical mistakes; validate proves they are rejected
      - {answer: "I - K", why: {en: "TODO: why this is wrong", zh: "TODO: 原因"}}
""",
    "symbolic": """\
    prompt: {en: "TODO: e.g. d/dx sigmoid(x) in terms of s = sigmoid(x)?", zh: "TODO: 问题"}
    variables:                    # the only names a student may use
      s: {}                       # assumptions: real (default), positive, nonzero, integer
    answer: "s*(1 - s)"           # ^ or ** for powers
    wrong_answers:
      - {answer: "s*(1 + s)", why: {en: "TODO: why this is wrong", zh: "TODO: 原因"}}
""",
    "matrix_expr": """\
    prompt: {en: "TODO: e.g. the least-squares weights w for X (n x d) and y?", zh: "TODO: 问题"}
    symbols:                      # shapes name their dimensions; [] is a scalar
      X: {shape: [n, d]}
      y: {shape: [n, 1]}
    answer: "inv(X^T X) X^T y"
    wrong_answers:
      - {answer: "inv(X X^T) X^T y", why: {en: "TODO: why this is wrong", zh: "TODO: 原因"}}
""",
    "flashcard": """\
    prompt: {en: "TODO: the front of the card", zh: "TODO: 正面"}
    answer: {en: "TODO: the back of the card", zh: "TODO: 背面"}
""",
    "derivation": """\
    prompt: {en: "TODO: the setting, e.g. logistic regression p = sigmoid(z), z = w x, loss -log p", zh: "TODO: 题设"}
    steps:                        # asked in order; each answer is shown once the step is attempted
      - prompt: {en: "TODO: a first step, e.g. dL/dp?", zh: "TODO: 第一步"}
        kind: symbolic            # symbolic, matrix_expr or numeric: checked like that question type
        variables: {p: {positive: true}}
        answer: "-1/p"
        wrong_answers:
          - {answer: "1/p", why: {en: "TODO: why this is wrong", zh: "TODO: 原因"}}
        explanation: {en: "TODO: the working of this step", zh: "TODO: 这一步的推导"}
      - prompt: {en: "TODO: the next step, e.g. dp/dz in terms of p?", zh: "TODO: 下一步"}
        kind: symbolic
        variables: {p: {positive: true}}
        answer: "p*(1 - p)"
        explanation: {en: "TODO: the working", zh: "TODO: 推导"}
      - prompt: {en: "TODO: a number, e.g. dL/dz at p = {{p}}?", zh: "TODO: 数值"}
        kind: numeric
        tolerance: {abs: 0.001}
        answer: "p - 1"
        explanation: {en: "TODO: the working", zh: "TODO: 推导"}
    params:                       # optional, shared by every step
      p: {values: [0.2, 0.5, 0.8]}
""",
    "code": """\
    prompt: {en: "TODO: what to implement (the contract in spec/tasks.md is binding)", zh: "TODO: 任务"}
    function: normal_equation     # the contract function name
    reference: mlvc_reference.linear_models:normal_equation
    checks: []                    # empty: all of the task's checks
    mistakes:                     # known-wrong variants: must fail and be diagnosed
      - name: "TODO: short name"
        impl: mlvc_reference.mistakes.linear_models:TODO_function_name
        explain: {en: "TODO: what goes wrong", zh: "TODO: 错在哪里"}
""",
}


def template(qtype: str, chapter: int, slug: str) -> str:
    """The commented YAML template of a `qtype` question for `chapter` (slug used in the id)."""
    if qtype not in _BODIES:
        raise KeyError(qtype)
    head = _HEAD.format(qtype=qtype, chapter=chapter, slug=slug.replace("-", "_"))
    return head + _BODIES[qtype] + _TEXTS


def types() -> list[str]:
    return list(_BODIES)
