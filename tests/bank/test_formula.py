from __future__ import annotations

import math
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlvc_review.bank.formula import FormulaError, evaluate, names_in


@pytest.mark.parametrize(
    "text, params, want",
    [
        ("floor((I + 2*P - D*(K-1) - 1)/S) + 1", {"I": 32, "K": 3, "P": 1, "S": 2, "D": 1}, 16),
        ("2^10", {}, 1024),
        ("2*3^2", {}, 18),
        ("-2^2", {}, -4),
        ("4*d*d + 4*d", {"d": 8}, 288),
        ("10*log10(1/m)", {"m": 0.01}, 20.0),
        ("sqrt(d) if_not", None, None),
    ],
)
def test_values(text, params, want):
    if params is None:
        with pytest.raises(FormulaError):
            evaluate(text, {})
    else:
        assert evaluate(text, params) == pytest.approx(want)


@pytest.mark.parametrize(
    "hostile",
    ["__import__('os').system('touch /tmp/pwned-formula')", "x.__class__", "[1][0]", "(lambda: 1)()",
     "'a'*3", "open('/etc/passwd')", "9**9**9**9"],
)
def test_hostile_formulas_rejected(hostile):
    with pytest.raises(FormulaError):
        evaluate(hostile, {"x": 1})
    assert not os.path.exists("/tmp/pwned-formula")


def test_names_and_comparisons():
    assert names_in("floor(I/S) + pi") == {"I", "S"}
    assert evaluate("I >= K and K > 0", {"I": 5, "K": 3}) is True


@given(st.text(max_size=40))
def test_arbitrary_text_only_raises_formula_error(text):
    try:
        value = evaluate(text, {"x": 2})
    except FormulaError:
        return
    assert isinstance(value, (int, float, bool)) or math.isnan(value)
