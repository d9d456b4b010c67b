"""Hypothesis strategies of typed answers, built from a question's own vocabulary.

Random text mostly stops at the tokenizer; these grammars produce answers that parse,
so the fuzzing reaches the evaluation and grading of every shipped question: its
symbols and variables, numbers from 0 to 1e308, every operator and function the
reader knows, and the notations students paste (Unicode, LaTeX, units, prefixes).
"""

from __future__ import annotations

from hypothesis import strategies as st

NUMBERS = st.sampled_from(["0", "1", "2", "0.5", "1e-3", "1e308", "3.0", "10", "0.0", "1e-320", "7", "−1", "½"])
FRAGMENTS = [r"\frac{", r"\sqrt{", r"\sqrt[", r"\bar{", "^{", "_{", "}", "{", r"\left(", r"\right)", r"\sigma",
             r"\cdot", r"\top", r"\lambda", r"\hat{", "√", "ᵀ", "⁻¹", "²", "σ", "λ", "ᾱ_t", "x_0", "c_{t-1}", "=", ".",
             "%", "1,5", "86,016", " MB", " Mb", "（", "）", "⊙", "ˣ", "'", "/", "2", "x", "I", "lam", " "]
NOISE = st.one_of(
    st.text(alphabet="()[]{}^*/+-., _'=%\\ᵀ⁻¹²√·×−\x00\t\nabcxyzIT0123456789eEπλσμ", max_size=12),
    st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join),
)


def _combine(parts: st.SearchStrategy[str], unary: list[str], binary: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(st.sampled_from(binary), parts, parts).map(lambda t: t[0].format(t[1], t[2])),
        st.tuples(st.sampled_from(unary), parts).map(lambda t: t[0].format(t[1])),
    )


def expressions(leaves: list[str], unary: list[str], binary: list[str], max_leaves: int = 8) -> st.SearchStrategy[str]:
    """Well-formed (mostly) expressions over `leaves`, with some noise spliced in."""
    base = st.one_of(st.sampled_from(leaves), NUMBERS)
    tree = st.recursive(base, lambda sub: _combine(sub, unary, binary), max_leaves=max_leaves)
    spliced = st.tuples(tree, NOISE, tree).map(lambda t: t[0] + t[1] + t[2])
    return st.one_of(tree, tree, tree, spliced, NOISE)


MATRIX_UNARY = ["({})", "inv({})", "{}^T", "{}'", "{}^-1", "{}^2", "{}^(-2)", "-{}", "T({})", "{}ᵀ", "{}⁻¹",
                "transpose({})", "{}.T", "{}^{{-1}}", "({})^3"]
MATRIX_BINARY = ["{} {}", "{}*{}", "{} + {}", "{} - {}", "{}/{}", "{} @ {}", "solve({}, {})", "{}/({})", "{}{}",
                 "{} · {}", "{}^T{}"]


def matrix_answers(symbols: list[str]) -> st.SearchStrategy[str]:
    return expressions(symbols + ["I", "I", "2 I"], MATRIX_UNARY, MATRIX_BINARY)


SYMBOLIC_UNARY = ["({})", "-{}", "exp({})", "log({})", "ln({})", "sqrt({})", "sin({})", "cos({})", "tanh({})",
                  "sigmoid({})", "abs({})", "{}^2", "{}^-1", "{}**0.5", "{}^9^9", "log({}, 2)", "\\sqrt{{{}}}"]
SYMBOLIC_BINARY = ["{} {}", "{}*{}", "{} + {}", "{} - {}", "{}/{}", "{}^{}", "max({}, {})", "min({}, {})", "{}({})",
                   "\\frac{{{}}}{{{}}}", "{}·{}", "{}/2{}"]


def symbolic_answers(variables: list[str], functions: list[str]) -> st.SearchStrategy[str]:
    unary = SYMBOLIC_UNARY + [f + "({})" for f in functions]
    return expressions(variables + ["pi", "e"], unary, SYMBOLIC_BINARY)


NUMERIC_UNARY = ["({})", "-{}", "sqrt({})", "exp({})", "log({})", "{}^2", "{}%", "{} px", "{} MB", "{} Mb", "{}e5",
                 "{}.", "x = {}", "{},016", "１{}", "{} 秒", "{} s", "−{}"]
NUMERIC_BINARY = ["{} + {}", "{} - {}", "{}*{}", "{}/{}", "{}^{}", "{} {}", "{},{}", "{}×{}", "{}÷{}"]


def numeric_answers(units: list[str]) -> st.SearchStrategy[str]:
    unary = NUMERIC_UNARY + ["{} " + u for u in units]
    return expressions(["pi", "e", "86016", "0.25", "1/4", "2.5e-1"], unary, NUMERIC_BINARY)


def answers_for(question) -> st.SearchStrategy[str]:
    """The answer strategy of a numeric, symbolic or matrix question."""
    if question.type == "matrix_expr":
        return matrix_answers(list(question.symbols))
    if question.type == "symbolic":
        return symbolic_answers(list(question.variables), list(question.functions))
    units = [u for u in (question.unit.en, question.unit.zh)] if question.unit else []
    return numeric_answers(units)
