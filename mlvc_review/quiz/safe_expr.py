"""Reading typed formulas safely: tokenise, whitelist the syntax tree, build sympy ourselves.

Typed text never reaches `eval`, `sympify` or `parse_expr`. The grammar accepted:

- numbers (`2`, `0.5`, `1e-3`), the question's variables, the constants `pi` and `e`;
- `+ - * /`, powers as `^` or `**`, parentheses, unary minus;
- calls of whitelisted functions: exp, log (`log(x)` or `log(x, b)`), ln, sqrt, sin, cos,
  tan, tanh, sigmoid, abs/Abs, max/min, plus the question's `functions`;
- implicit multiplication by juxtaposition: a number, variable or `)` followed by a
  number, variable or `(`, with or without a space: `2x`, `2 x`, `x y`, `s(1-s)`,
  `(a+b)(a-b)`, `2sin(x)`. A function name must be followed by `(`; `sinx` is one
  (unknown) name, and `xy` is a single name unless `xy` is a variable;
- a juxtaposed product right after a divisor (`w/2lam`, `1/2x`) has two readings,
  (w/2)·lam and w/(2·lam): both are shown and the student asked, never one guessed.

Notations students type (Greek letters, LaTeX, subscripts, `√`) are rewritten into
this grammar beforehand by `mlvc_review.quiz.checkers.notation`.

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
from mlvc_review.quiz.juxtaposition import ambiguous_division

MAX_LENGTH = 300
MAX_PAREN_DEPTH = 30
MAX_TREE_DEPTH = 60
MAX_EXPONENT = 1000
BASE_FUNCTIONS = ("exp", "log", "ln", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "abs", "Abs", "max", "min",
                  "sinh", "cosh", "log2", "log10")
# functions students know that are not in the grammar, and how to write them instead
SPELLED_OUT = {"sech": "1/cosh(x)", "csch": "1/sinh(x)", "coth": "cosh(x)/sinh(x)", "sec": "1/cos(x)",
               "csc": "1/sin(x)", "cot": "cos(x)/sin(x)", "lg": "log10(x)", "arctanh": "log((1+x)/(1-x))/2",
               "softmax": "exp(x_i)/(sum of exp)", "relu": "max(0, x)", "ReLU": "max(0, x)",
               "softplus": "log(1 + exp(x))", "expm1": "exp(x) - 1", "log1p": "log(1 + x)"}
CONSTANTS = ("pi", "e")
_TOKEN = re.compile(r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_]\w*)"
                    r"|(?P<op>\*\*|[-+*/^(),]))")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")  # 007 is 7, not Python's octal error
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
            raise InvalidAnswer.of("unexpected character {c}; use numbers, variables, + - * / ^ and ( )",
                                   "无法识别的字符 {c}；请使用数字、变量、+ - * / ^ 和 ( )", c=repr(char))
        kind = match.lastgroup or "op"
        token = match.group(kind)
        tokens.append((kind, _LEADING_ZEROS.sub("", token) if kind == "num" else token))
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
            raise InvalidAnswer.of("'{f}' is a function: write {f}(...)", "'{f}' 是函数：请写成 {f}(...)", f=tok)
        starts = kind in ("num", "name") or tok == "("
        ends = prev[0] == "num" or (prev[0] == "name" and prev[1] not in functions) or prev[1] == ")"
        if starts and ends:
            if kind == "num" and prev[0] == "num":
                raise InvalidAnswer.of("two numbers in a row: '{a} {b}'", "两个数连在一起：'{a} {b}'",
                                       a=prev[1], b=tok)
            ambiguous_division(tokens, i, functions)
            out.append("*")
        depth += (tok == "(") - (tok == ")")
        if depth > MAX_PAREN_DEPTH:
            raise InvalidAnswer.of("parentheses are nested too deeply", "括号嵌套太深")
        out.append("**" if tok == "^" else f"kw_{tok}_" if keyword.iskeyword(tok) else tok)
    return " ".join(out), warnings


def _depth(node: ast.AST) -> int:
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in ast.iter_child_nodes(current))
    return deepest


def unknown_name(name: str, variables: list[str], called: bool) -> InvalidAnswer:
    """The message for a name the question does not know: what to write instead, where that is known."""
    names = ", ".join(variables) or "-"
    if name in SPELLED_OUT:
        return InvalidAnswer.of("'{n}' is not known here: write it as {w}", "这里不认识 '{n}'：请写成 {w}",
                                n=name, w=SPELLED_OUT[name])
    if called and len(name) > 1:
        return InvalidAnswer.of("unknown function '{n}'; the functions are {f}; the variables are {v}",
                                "未知函数 '{n}'；可用函数为 {f}；变量为 {v}", n=name, v=names,
                                f=", ".join(f for f in BASE_FUNCTIONS if f != "Abs"))
    return InvalidAnswer.of("unknown variable '{n}'; the variables are {v}", "未知变量 '{n}'；变量为 {v}",
                            n=name, v=names)


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
        raise InvalidAnswer.of("the answer is longer than {n} characters", "答案超过 {n} 个字符", n=MAX_LENGTH)
    variables, allowed_funcs = set(variables), set(BASE_FUNCTIONS) | set(functions)
    tokens = tokenize(text)
    if not tokens:
        raise InvalidAnswer.of("type an expression", "请输入一个表达式")
    for i, (kind, tok) in enumerate(tokens):
        if kind == "name" and tok not in variables and tok not in allowed_funcs and tok not in CONSTANTS:
            raise unknown_name(tok, sorted(variables), i + 1 < len(tokens) and tokens[i + 1][1] == "(")
    source, warnings = _joined(tokens, allowed_funcs - variables)
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise InvalidAnswer.of("cannot read this as a formula (check the operators and parentheses)",
                               "无法读成公式（请检查运算符和括号）") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise InvalidAnswer.of("'{k}' is not allowed in an answer", "答案中不允许 '{k}'", k=type(node).__name__)
        if isinstance(node, ast.Constant) and (type(node.value) not in (int, float)):
            raise InvalidAnswer.of("only numbers may appear as constants", "常量只能是数字")
        if isinstance(node, ast.Name) and node.id.startswith("kw_") and node.id.endswith("_"):
            node.id = node.id[3:-1]
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.keywords or not node.args:
                raise InvalidAnswer.of("a function call is written name(argument)", "函数调用写作 名称(参数)")
    if _depth(tree) > MAX_TREE_DEPTH:
        raise InvalidAnswer.of("the formula is nested too deeply", "公式嵌套太深")
    return SafeExpr(tree=tree, text=text, warnings=tuple(warnings))
