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
A symbol `I` or `T` declared by the question is that symbol instead. Limits: 300
characters, nesting 40 deep.
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
            raise InvalidAnswer(f"unexpected character {char!r}; use symbols, numbers, + - * @ / ^ ' and ( )")
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
                raise InvalidAnswer(f"the expression ends too early (expected '{text}')" if text
                                    else "the expression ends too early")
            raise InvalidAnswer(f"expected '{text}' but found '{token[1]}'" if text else f"unexpected '{token[1]}'")
        self.pos += 1
        return token

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InvalidAnswer("the expression is nested too deeply")

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
        while self.peek()[1] in ("*", "@", "/") or self.starts_atom():
            op = self.take()[1] if self.peek()[1] in ("*", "@", "/") else "*"
            node = ("div" if op == "/" else "mul", node, self.unary())
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
                raise InvalidAnswer("after ^ write T (transpose), -1 (inverse) or a small whole power like 2")
            k = sign * int(text)
            node = ("inv", base) if k == -1 else base if k == 1 else ("pow", base, k)
        if close:
            self.take(close)
        return node

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            return ("num", float(text))
        if text == "(":
            node = self.expr()
            self.take(")")
            return node
        if kind != "name":
            raise InvalidAnswer(f"unexpected '{text}'")
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
        raise InvalidAnswer(f"unknown symbol '{text}'; the symbols are {known} (and I for the identity)")


def parse_matrix(text: str, symbols: Iterable[str]) -> Node:
    """The expression tree of `text` (see the grammar above); InvalidAnswer says what is wrong."""
    if len(text) > MAX_LENGTH:
        raise InvalidAnswer(f"the answer is longer than {MAX_LENGTH} characters")
    tokens = tokenize(text)
    if not tokens:
        raise InvalidAnswer("type an expression")
    parser = _Parser(tokens, set(symbols))
    node = parser.expr()
    if parser.pos < len(tokens):
        raise InvalidAnswer(f"unexpected '{tokens[parser.pos][1]}' after '{render(node)}'", understood=render(node))
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
        right = render(node[2], prec + (kind in ("sub", "div")))
        if kind == "mul" and right.startswith("-"):
            right = f"({right})"  # "A -B" would read as a difference
        text = render(node[1], prec) + op + right
    return f"({text})" if prec < outer else text

