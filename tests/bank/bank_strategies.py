"""Hypothesis strategies for valid bank questions (plain dicts, as an instructor writes them)."""

from __future__ import annotations

import string

from hypothesis import strategies as st

words = st.text(alphabet=string.ascii_letters + " ", min_size=1, max_size=20).map(str.strip).filter(bool)
zh_words = st.text(alphabet="梯度下降注意力卷积扩散模型", min_size=1, max_size=10)
localized = st.one_of(words, st.builds(lambda en, zh: {"en": en, "zh": zh}, words, zh_words))
ids = st.from_regex(r"[a-z][a-z0-9]{1,8}\.[a-z0-9]{1,8}", fullmatch=True)


def _base(qid, qtype, text, expl, hints, difficulty):
    return {"id": qid, "type": qtype, "topic": "topic", "prompt": text, "explanation": expl,
            "hints": hints, "difficulty": difficulty}


base = st.builds(
    _base, ids, st.just("x"), localized, localized, st.lists(localized, max_size=2), st.sampled_from([1, 2, 3])
)


@st.composite
def question(draw) -> dict:
    q = draw(base)
    qtype = draw(st.sampled_from(["choice", "multi", "numeric", "symbolic", "matrix_expr", "flashcard", "code"]))
    q["type"] = qtype
    if qtype in ("choice", "multi"):
        n = draw(st.integers(2, 5))
        q["options"] = [{"id": "abcde"[i], "text": draw(localized)} for i in range(n)]
        picks = draw(st.lists(st.sampled_from("abcde"[:n]), min_size=1, max_size=n, unique=True))
        q["answer"] = picks[0] if qtype == "choice" else picks
    elif qtype == "numeric":
        q["params"] = {"n": {"low": 1, "high": draw(st.integers(1, 50))}}
        q["answer"] = draw(st.sampled_from(["n + 1", "2*n", "n^2", 3.5]))
        q["tolerance"] = draw(st.sampled_from([{"abs": 0.5}, {"rel": 0.01}]))
    elif qtype == "symbolic":
        q["variables"] = {"s": {}}
        q["answer"] = "s*(1 - s)"
    elif qtype == "matrix_expr":
        q["symbols"] = {"X": {"shape": ["n", "d"]}, "y": {"shape": ["n", 1]}}
        q["answer"] = "inv(X^T X) X^T y"
    elif qtype == "flashcard":
        q["answer"] = draw(localized)
    else:
        q["function"] = "normal_equation"
        q["reference"] = "mlvc_reference.linear_models:normal_equation"
    return q
