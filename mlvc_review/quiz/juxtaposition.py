"""A product written by juxtaposition right after a divisor has two readings: both are shown, none guessed.

`w/2lam` is (w/2)·lam or w/(2·lam); `exp(-x^2/2s^2)` is (x^2/2)·s^2 or x^2/(2·s^2).
`safe_expr` calls `ambiguous_division` wherever it inserts an implicit product; the
operands are found on the token list (a number, a name, (…) or f(…), with its powers).
"""

from __future__ import annotations

from mlvc_review.quiz.checkers.base import InvalidAnswer

Tokens = list[tuple[str, str]]


def _match(tokens: Tokens, i: int, step: int) -> int | None:
    """The index of the parenthesis matching the one at `i`, searching in direction `step`; None if unbalanced."""
    depth = 0
    while 0 <= i < len(tokens):
        depth += (tokens[i][1] == "(") - (tokens[i][1] == ")")
        if depth == 0:
            return i
        i += step
    return None


def _atom_start(tokens: Tokens, j: int, functions: set[str]) -> int | None:
    """The first token of the operand that ends at `j` (a number, a name, (…), f(…), with its powers)."""
    k: int | None = j
    if tokens[j][1] == ")":
        k = _match(tokens, j, -1)
        if k is not None and k > 0 and tokens[k - 1][0] == "name" and tokens[k - 1][1] in functions:
            k -= 1
    elif tokens[j][0] not in ("num", "name"):
        return None
    while k is not None and k >= 2 and tokens[k - 1][1] in ("^", "**"):
        k = _atom_start(tokens, k - 2, functions)
    return k


def _atom_end(tokens: Tokens, i: int, functions: set[str]) -> int | None:
    """The last token of the operand that starts at `i` (with its powers)."""
    k: int | None = i
    if tokens[i][0] == "name" and tokens[i][1] in functions and i + 1 < len(tokens) and tokens[i + 1][1] == "(":
        k = _match(tokens, i + 1, 1)
    elif tokens[i][1] == "(":
        k = _match(tokens, i, 1)
    while k is not None and k + 2 < len(tokens) and tokens[k + 1][1] in ("^", "**"):
        k = _atom_end(tokens, k + 2 + (tokens[k + 2][1] == "-" and k + 3 < len(tokens)), functions)
    return k


def _shown(tokens: Tokens) -> str:
    out = ""
    for kind, tok in tokens:
        out += (" " if out and kind in ("num", "name") and out[-1].isalnum() else "") + tok
    return out


def ambiguous_division(tokens: Tokens, i: int, functions: set[str]) -> None:
    """Ask (InvalidAnswer with both readings) when the implicit product before token `i` follows a divisor."""
    start = _atom_start(tokens, i - 1, functions)
    if start is None or start < 2 or tokens[start - 1][1] != "/":
        return
    first = _atom_start(tokens, start - 2, functions)
    last = _atom_end(tokens, i, functions)
    if first is None or last is None:
        return
    a, b, c = _shown(tokens[first : start - 1]), _shown(tokens[start:i]), _shown(tokens[i : last + 1])
    raise InvalidAnswer.of("'{t}' can be read two ways: ({a}/{b})·{c} or {a}/({b}·{c}); write the brackets you mean",
                           "'{t}' 有两种读法：({a}/{b})·{c} 或 {a}/({b}·{c})；请加上你要的括号",
                           t=_shown(tokens[first : last + 1]), a=a, b=b, c=c)
