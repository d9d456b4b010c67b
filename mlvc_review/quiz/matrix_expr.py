"""Reading matrix answers such as the normal equation, without eval: tokenizer + recursive descent.

Grammar (whitespace is free; `NAME` is a symbol of the question, or `I`):

    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "@" | "/" | <nothing>) unary)*      juxtaposition multiplies: X^T y
    unary   := ("-" | "+") unary | postfix
    postfix := atom ("'" | ".T" | "^" power)*
    power   := "T" | INT | "-" INT | ("(" | "{") ("T" | ["-"] INT) (")" | "}")
    atom    := NUMBER | NAME | "(" expr ")" | FUNC "(" expr ")" | "solve" "(" expr "," expr ")"
    FUNC    := "inv" | "T" | "transpose"

Meaning: `X^T`, `X'`, `X.T`, `T(X)` and `transpose(X)` transpose; `inv(A)`, `A^-1`,
`A^(-1)` and `A^{-1}` invert; `A^k` (k in -3..4, not 0) is a matrix power; `solve(A, B)`
is inv(A) B; `I` is the identity of whatever size fits; `/` divides by a scalar.
A symbol `I` or `T` declared by the question is that symbol instead. A juxtaposed
product right after a divisor (`w/2 lam`) has two readings, which are shown and asked
about; `1/2 X` and `(w/2) lam` are not ambiguous. Limits: 300 characters, nesting 40
deep. Notations students type (Greek letters, LaTeX, subscripts) are rewritten into
this grammar beforehand by `mlvc_review.quiz.checkers.notation`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mlvc_review.quiz.checkers.base import InvalidAnswer

MAX_LENGTH = 300
MAX_DEPTH = 40
FUNCTIONS = ("inv", "T", "transpose", "solve")
_TOKEN = re.compile(r"\s*(?:(?P<dotT>\.T\b)|(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_]\w*)"
                    r"|(?P<op>\*\*|[-+*@/^()'{},]))")
_UNICODE = {"·": "*", "×": "*", "⋅": "*", "−": "-", "ᵀ": "^T", "⁻¹": "^-1", "’": "'", "（": "(", "）": ")"}

Node = tuple  # ("sym", name) ("num", x) ("I",) ("add"|"sub"|"mul"|"div", a, b) ("neg"|"T"|"inv", a) ("pow", a, k)


def tokenize(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens; kind is 'dotT', 'num', 'name' or 'op'. Other characters are invalid."""
    for old, new in _UNICODE.items():
        text = text.replace(old, new)
    tokens, pos = [], 0
    while text[pos:].strip():
        match = _TOKEN.match(text, pos)
        if match is None:
            char = text[pos:].lstrip()[0]
            raise InvalidAnswer.of("unexpected character {c}; use symbols, numbers, + - * @ / ^ ' and ( )",
                                   "无法识别的字符 {c}；请使用符号、数字、+ - * @ / ^ ' 和 ( )", c=repr(char))
        kind = match.lastgroup or "op"
        tokens.append((kind, "^" if match.group(kind) == "**" else match.group(kind)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], symbols: set[str]):
        self.tokens, self.symbols, self.pos, self.depth = tokens, symbols, 0, 0

    def peek(self, offset: int = 0) -> tuple[str, str]:
        i = self.pos + offset
        return self.tokens[i] if i < len(self.tokens) else ("end", "")

    def take(self, text: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token[0] == "end" or (text is not None and token[1] != text):
            if token[0] == "end":
                if text:
                    raise InvalidAnswer.of("the expression ends too early (expected '{t}')",
                                           "表达式提前结束（缺少 '{t}'）", t=text)
                raise InvalidAnswer.of("the expression ends too early", "表达式提前结束")
            if text:
                raise InvalidAnswer.of("expected '{t}' but found '{f}'", "这里应为 '{t}'，却是 '{f}'", t=text, f=token[1])
            raise InvalidAnswer.of("unexpected '{f}'", "多余的 '{f}'", f=token[1])
        self.pos += 1
        return token

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InvalidAnswer.of("the expression is nested too deeply", "表达式嵌套太深")

    def expr(self) -> Node:
        self.nest()
        node = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            node = ("add" if op == "+" else "sub", node, self.term())
        self.depth -= 1
        return node

    def starts_atom(self) -> bool:
        kind, text = self.peek()
        return kind in ("num", "name") or text == "("

    def term(self) -> Node:
        node = self.unary()
        divided = False  # the last factor was a divisor: a juxtaposed product now has two readings
        while self.peek()[1] in ("*", "@", "/") or self.starts_atom():
            op = self.take()[1] if self.peek()[1] in ("*", "@", "/") else " "
            factor = self.unary()
            if op == " " and divided and not (node[1][0] == "num" and node[2][0] == "num"):
                first, second = render(("mul", node, factor)), render(("div", node[1], ("mul", node[2], factor)))
                raise InvalidAnswer.of("this can be read two ways: {a} or {b}; write the brackets you mean",
                                       "这里有两种读法：{a} 或 {b}；请加上你要的括号", a=first, b=second)
            node = ("div" if op == "/" else "mul", node, factor)
            divided = op == "/"
        return node

    def unary(self) -> Node:
        if self.peek()[1] in ("-", "+"):
            self.nest()
            op = self.take()[1]
            node = self.unary()
            self.depth -= 1
            return ("neg", node) if op == "-" else node
        return self.postfix()

    def postfix(self) -> Node:
        node = self.atom()
        while self.peek()[1] in ("'", "^") or self.peek()[0] == "dotT":
            if self.take()[1] == "^":
                node = self.power(node)
            else:
                node = ("T", node)
        return node

    def power(self, base: Node) -> Node:
        close = {"(": ")", "{": "}"}.get(self.peek()[1])
        if close:
            self.take()
        kind, text = self.peek()
        if kind == "name" and text.startswith("T") and (text[1:] in self.symbols or text[1:] == "I"):
            # "X^Ty" is X^T y
            self.tokens[self.pos : self.pos + 1] = [("name", "T"), ("name", text[1:])]
        if self.peek() == ("name", "T"):
            self.take()
            node: Node = ("T", base)
        else:
            sign = -1 if self.peek()[1] == "-" and self.take() else 1
            kind, text = self.take()
            if kind != "num" or not text.isdigit() or not 1 <= int(text) <= 4 or (sign < 0 and int(text) > 3):
                raise InvalidAnswer.of("after ^ write T (transpose), -1 (inverse) or a small whole power like 2",
                                       "^ 后面请写 T（转置）、-1（逆）或较小的整数次幂，例如 2")
            k = sign * int(text)
            node = ("inv", base) if k == -1 else base if k == 1 else ("pow", base, k)
        if close:
            self.take(close)
        return node

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            if len(text) > 30 or abs(float(text)) > 1e15:
                raise InvalidAnswer.of("a number in the answer is far too large", "答案中的数太大")
            return ("num", float(text))
        if text == "(":
            node = self.expr()
            self.take(")")
            return node
        if kind != "name":
            raise InvalidAnswer.of("unexpected '{f}'", "多余的 '{f}'", f=text)
        if text in self.symbols:
            return ("sym", text)
        if text in FUNCTIONS and self.peek()[1] == "(":
            self.take("(")
            first = self.expr()
            if text == "solve":
                self.take(",")
                node: Node = ("mul", ("inv", first), self.expr())
            else:
                node = ("inv", first) if text == "inv" else ("T", first)
            self.take(")")
            return node
        if text == "I":
            return ("I",)
        known = ", ".join(sorted(self.symbols))
        raise InvalidAnswer.of("unknown symbol '{n}'; the symbols are {k} (and I for the identity)",
                               "未知符号 '{n}'；可用符号为 {k}（以及单位矩阵 I）", n=text, k=known)


def parse_matrix(text: str, symbols: Iterable[str]) -> Node:
    """The expression tree of `text` (see the grammar above); InvalidAnswer says what is wrong."""
    if len(text) > MAX_LENGTH:
        raise InvalidAnswer.of("the answer is longer than {n} characters", "答案超过 {n} 个字符", n=MAX_LENGTH)
    tokens = tokenize(text)
    if not tokens:
        raise InvalidAnswer.of("type an expression", "请输入一个表达式")
    parser = _Parser(tokens, set(symbols))
    node = parser.expr()
    if parser.pos < len(tokens):
        raise InvalidAnswer.of("unexpected '{f}' after '{n}'", "'{n}' 后面多了 '{f}'", understood=render(node),
                               f=tokens[parser.pos][1], n=render(node))
    return node


_PREC = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3}


def render(node: Node, outer: int = 0) -> str:
    """A normalised rendering: transpose as ^T, inverse as inv(...), products by juxtaposition."""
    kind = node[0]
    if kind == "sym":
        return node[1]
    if kind == "I":
        return "I"
    if kind == "num":
        return f"{node[1]:g}"
    if kind in ("T", "pow"):
        suffix = "^T" if kind == "T" else f"^{node[2]}"
        return render(node[1], 4) + suffix
    if kind == "inv":
        return f"inv({render(node[1])})"
    prec = _PREC[kind]
    if kind == "neg":
        text = "-" + render(node[1], prec)
    else:
        op = {"add": " + ", "sub": " - ", "mul": " ", "div": " / "}[kind]
        # a quotient next to a juxtaposed factor gets brackets: "(w / 2) lam", "A (B / s) C", never "w / 2 lam"
        right = render(node[2], prec + (kind in ("sub", "div") or (kind == "mul" and node[2][0] == "div")))
        if kind == "mul" and right.startswith("-"):
            right = f"({right})"  # "A -B" would read as a difference
        left = render(node[1], prec + (kind == "mul" and node[1][0] == "div"))
        text = left + op + right
    return f"({text})" if prec < outer else text

