"""Reading typed formulas safely: tokenise, whitelist the syntax tree, build sympy ourselves.

Typed text never reaches `eval`, `sympify` or `parse_expr`. The grammar accepted:

- numbers (`2`, `0.5`, `1e-3`), the question's variables, the constants `pi` and `e`;
- `+ - * /`, powers as `^` or `**`, parentheses, unary minus;
- calls of whitelisted functions: exp, log (`log(x)` or `log(x, b)`), ln, sqrt, sin, cos,
  tan, tanh, sigmoid, abs/Abs, max/min, plus the question's `functions`;
- implicit multiplication by juxtaposition: a number, variable or `)` followed by a
  number, variable or `(`, with or without a space: `2x`, `2 x`, `x y`, `s(1-s)`,
  `(a+b)(a-b)`, `2sin(x)`. A function name must be followed by `(`; `sinx` is one
  (unknown) name, and `xy` is a single name unless `xy` is a variable.

Limits: 300 characters, parentheses nested 30 deep, tree depth 60, numeric exponents at
most 1000 and numbers of at most 1000 digits, so building the expression is always fast.
"""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Iterable
from dataclasses import dataclass

from mlvc_review.quiz.checkers.base import InvalidAnswer

MAX_LENGTH = 300
MAX_PAREN_DEPTH = 30
MAX_TREE_DEPTH = 60
MAX_EXPONENT = 1000
BASE_FUNCTIONS = ("exp", "log", "ln", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "abs", "Abs", "max", "min")
CONSTANTS = ("pi", "e")
_TOKEN = re.compile(r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_]\w*)"
                    r"|(?P<op>\*\*|[-+*/^(),]))")
_UNICODE = {"·": "*", "×": "*", "⋅": "*", "−": "-", "²": "^2", "³": "^3", "（": "(", "）": ")", "，": ","}
_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.USub, ast.UAdd, ast.Constant, ast.Name, ast.Load,
            ast.Call, *_BINOPS)


@dataclass(frozen=True)
class SafeExpr:
    """A checked formula: its whitelisted tree (names restored) and the text it came from."""

    tree: ast.Expression
    text: str
    warnings: tuple[str, ...] = ()


def tokenize(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens of `text`: kind is 'num', 'name' or 'op'; anything else is invalid."""
    for old, new in _UNICODE.items():
        text = text.replace(old, new)
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            if text[pos:].strip() == "":
                break
            char = text[pos:].lstrip()[0]
            raise InvalidAnswer(f"unexpected character {char!r}; use numbers, variables, + - * / ^ and ( )")
        kind = match.lastgroup or "op"
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


def _joined(tokens: list[tuple[str, str]], functions: set[str]) -> tuple[str, list[str]]:
    """Python source of the tokens (`^` as `**`, implicit products made explicit) and warnings."""
    out: list[str] = []
    warnings: list[str] = []
    depth = 0
    for i, (kind, tok) in enumerate(tokens):
        prev = tokens[i - 1] if i else ("op", "")
        if kind == "name" and tok in functions and (i + 1 == len(tokens) or tokens[i + 1][1] != "("):
            raise InvalidAnswer(f"'{tok}' is a function: write {tok}(...)")
        starts = kind in ("num", "name") or tok == "("
        ends = prev[0] == "num" or (prev[0] == "name" and prev[1] not in functions) or prev[1] == ")"
        if starts and ends:
            if kind == "num" and prev[0] == "num":
                raise InvalidAnswer(f"two numbers in a row: '{prev[1]} {tok}'")
            if i >= 2 and tokens[i - 2][1] == "/":
                a, b = tokens[i - 1][1], tok
                warnings.append(f"'/{a}{b}' was read as '/{a} * {b}'; write '/({a}{b}...)' to divide by the product")
            out.append("*")
        depth += (tok == "(") - (tok == ")")
        if depth > MAX_PAREN_DEPTH:
            raise InvalidAnswer("parentheses are nested too deeply")
        out.append("**" if tok == "^" else f"kw_{tok}_" if keyword.iskeyword(tok) else tok)
    return " ".join(out), warnings


def _depth(node: ast.AST) -> int:
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in ast.iter_child_nodes(current))
    return deepest


def parse_safe(text: str, variables: Iterable[str], functions: Iterable[str] = ()) -> SafeExpr:
    """Check `text` against the grammar above; InvalidAnswer says what is wrong.

    Args:
        text: the typed formula.
        variables: the names it may use (besides pi and e).
        functions: extra function names allowed on top of BASE_FUNCTIONS.
    Returns:
        The checked formula; build it with `to_sympy` or evaluate it with `evaluate_at`.
    """
    if len(text) > MAX_LENGTH:
        raise InvalidAnswer(f"the answer is longer than {MAX_LENGTH} characters")
    variables, allowed_funcs = set(variables), set(BASE_FUNCTIONS) | set(functions)
    tokens = tokenize(text)
    if not tokens:
        raise InvalidAnswer("type an expression")
    for kind, tok in tokens:
        if kind == "name" and tok not in variables and tok not in allowed_funcs and tok not in CONSTANTS:
            names = ", ".join(sorted(variables))
            raise InvalidAnswer(f"unknown variable '{tok}'; the variables are {names}")
    source, warnings = _joined(tokens, allowed_funcs - variables)
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise InvalidAnswer("cannot read this as a formula (check the operators and parentheses)") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise InvalidAnswer(f"'{type(node).__name__}' is not allowed in an answer")
        if isinstance(node, ast.Constant) and (type(node.value) not in (int, float)):
            raise InvalidAnswer("only numbers may appear as constants")
        if isinstance(node, ast.Name) and node.id.startswith("kw_") and node.id.endswith("_"):
            node.id = node.id[3:-1]
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.keywords or not node.args:
                raise InvalidAnswer("a function call is written name(argument)")
    if _depth(tree) > MAX_TREE_DEPTH:
        raise InvalidAnswer("the formula is nested too deeply")
    return SafeExpr(tree=tree, text=text, warnings=tuple(warnings))
