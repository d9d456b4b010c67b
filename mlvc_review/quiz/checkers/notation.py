"""The notations students type, rewritten into the plain grammar of `safe_expr` and `matrix_expr`.

Done here, before the safe readers see the text (which stay strict and small), after
`plaintext.plain` has turned superscripts, full-width forms, LaTeX, `√`, `·`, `⊙` and
Greek letters into plain ASCII:

- Greek letters and their names interchangeably (`λ`, `\\lambda`, `lambda` and `lam`
  when the question declares `lam`), `σ(z)` as `sigmoid(z)` where no σ is declared,
  `Exp(x)` as `exp(x)`;
- subscripted variables the question declares (`x_0` for `x0`, `s_{xy}` for `sxy`) and
  those its prompt defines (`c (= c_{t−1})`, `a = ᾱ_t`, `s = σ(x)`);
- a leading `w =` (or `dL/dz =`, `f'(x) =`) and a final full stop; an equation whose left
  side is an expression of its own (`X^T X w = X^T y`) is asked about, never cut;
- implicit products of declared names written together (`Xw`, `lamw`), when there is
  exactly one way to read them; otherwise the readings are shown and the student asked.

`Vocabulary.of(question)` collects the names; `rewrite(text, vocabulary)` does the rest.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mlvc_review.quiz.checkers.base import InvalidAnswer
from mlvc_review.quiz.checkers.plaintext import GREEK, LATEX_FUNCTIONS, greek_names, plain

MAX_LENGTH = 400  # the safe readers allow 300 characters; LaTeX spends a few more
SYNONYMS = [("lambda", "lam", "lmbda", "lmb"), ("epsilon", "eps", "varepsilon"), ("phi", "varphi"),
            ("theta", "vartheta"), ("sigma", "sig"), ("alpha",), ("beta",), ("mu",), ("eta",), ("rho",), ("gamma",)]
_TOKEN = re.compile(r"(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
                    r"|(?P<id>[A-Za-z][A-Za-z0-9]*(?:_(?:\{[^{}]*\}|[A-Za-z0-9]+))*)")
_ALIAS = re.compile(r"(?<![\w])(?P<var>[A-Za-z]\w*)\s*(?:\(\s*)?=\s*(?:"
                    r"(?P<alias>[A-Za-z\u0370-\u03ff\u1f00-\u1fff]\u0304?_(?:\{[^{}]*\}|[A-Za-z0-9\u0370-\u03ff]+))"
                    r"|(?P<letter>[\u0370-\u03ff])(?![\w\u0304]))")


@dataclass(frozen=True)
class Vocabulary:
    """What a question lets an answer name: declared `names`, `functions`, `builtins` and prompt `aliases`."""

    names: frozenset[str]
    functions: frozenset[str] = frozenset()
    builtins: frozenset[str] = frozenset()  # constants and grammar words (pi, e; I, T, inv, solve)
    aliases: tuple[tuple[str, str], ...] = ()  # (canonical alias, declared name), from the prompt
    matrix: bool = False

    @classmethod
    def of(cls, question: Any, functions: tuple[str, ...] = ()) -> "Vocabulary":
        """The vocabulary of a symbolic or matrix question (its prompt gives the aliases)."""
        matrix = question.type == "matrix_expr"
        names = frozenset(question.symbols if matrix else question.variables)
        prompts = tuple(question.prompt.get(lang) for lang in question.prompt.languages)
        builtins = frozenset({"I", "T", "inv", "transpose", "solve"} if matrix else {"pi", "e"})
        return cls(names, frozenset(functions), builtins - names, prompt_aliases(prompts, names), matrix)


@lru_cache(maxsize=256)
def prompt_aliases(prompts: tuple[str, ...], names: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(canonical alias, name) for each 'name (= x_{t−1})' or 'name = σ_x' a prompt writes."""
    found: dict[str, str] = {}
    for text in prompts:
        for match in _ALIAS.finditer(unicodedata.normalize("NFC", text.replace("−", "-"))):
            if match.group("var") in names:  # "c (= c_{t-1})", "sx = σ_x", "s = σ(x)"
                found.setdefault(canonical(match.group("alias") or match.group("letter")), match.group("var"))
    return tuple(sorted(found.items()))


def canonical(name: str) -> str:
    """A subscripted name in one spelling: Greek spelled out, ᾱ as alphabar, one-character braces dropped."""
    name = greek_names(unicodedata.normalize("NFD", name).replace("−", "-").replace(" ", ""))
    return re.sub(r"_\{(\w+)\}", r"_\1", name)


@lru_cache(maxsize=1024)
def _segmentations(word: str, parts: frozenset[str], limit: int = 4) -> tuple[tuple[str, ...], ...]:
    """Every way to write `word` as `parts` in a row (at most `limit` ways; each suffix is worked out once)."""
    if not word:
        return ((),)
    ways: list[tuple[str, ...]] = []
    for part in sorted(parts, key=len, reverse=True):
        if word.startswith(part):
            ways += [(part, *rest) for rest in _segmentations(word[len(part):], parts, limit)]
        if len(ways) >= limit:
            break
    return tuple(ways[:limit])


KNOWN_WORDS = frozenset(GREEK.values()) | {w for group in SYNONYMS for w in group} | LATEX_FUNCTIONS | {
    "sigmoid", "sinh", "cosh", "log2", "log10", "abs", "inv", "transpose", "solve", "sech", "csch", "coth", "cot",
    "sec", "csc", "arcsin", "arccos", "arctan", "asin", "acos", "atan", "lg", "relu", "softplus", "erf"}


def _parts(vocab: Vocabulary) -> dict[str, str]:
    """The words a run of names may be made of (`lambdaI` = lam I), each with what it stands for."""
    parts = {name: name for name in vocab.names}
    parts.update({b: b for b in vocab.builtins & {"I", "pi"}})
    for group in SYNONYMS:
        declared = [n for n in group if n in vocab.names]
        if len(declared) == 1:
            parts.update({word: declared[0] for word in group if word not in vocab.names})
    return parts


def _resolve(word: str, before: str, after: str, vocab: Vocabulary) -> str:
    """The declared name (or names, spaced) that `word` stands for; `word` itself when none."""
    if word in vocab.names or word in vocab.builtins or (word in vocab.functions and after.startswith("(")):
        return word
    if vocab.matrix and before.endswith("^") and word.startswith("T") and len(word) > 1:
        return "T " + _resolve(word[1:], "", after, vocab)  # X^TX, A^Tphi_0
    key = canonical(word)
    for alias, name in vocab.aliases:
        if alias == key:
            return name
    parts = _parts(vocab)
    if word in parts:
        return parts[word]
    collapsed = re.sub(r"[_{}]", "", word)
    if "_" in word and collapsed in vocab.names:
        return collapsed
    if after.startswith("("):
        if word in ("sigma", "sig") and "sigmoid" in vocab.functions:
            return "sigmoid"
        if word.lower() in vocab.functions:
            return word.lower()
    if "_" in word or len(word) < 2 or word.lower() in KNOWN_WORDS or word in vocab.functions:
        return word
    ways = _segmentations(word, frozenset(parts))
    if len(ways) == 1:
        return " ".join(parts[w] for w in ways[0])
    if len(ways) > 1:
        shown = " or ".join("·".join(parts[p] for p in w) for w in ways)
        raise InvalidAnswer.of("'{w}' can be read as {r}: write it with spaces or *",
                               "'{w}' 可以读作 {r}：请用空格或 * 分开", w=word[:40], r=shown[:160])
    return word


_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_]*['*]*|[d∂δ][A-Za-z0-9_]*/[d∂δ][A-Za-z0-9_]*|∇[A-Za-z0-9_]*")


def _is_label(left: str) -> bool:
    """Whether the left side of 'left = answer' names the answer (w, x*, f'(x), w_{t+1}, dL/dz, ∂L/∂W, ∇L)
    rather than being an expression of its own (X^T X w = X^T y), which must not be dropped silently."""
    bare = left
    for _ in range(3):  # subscripts w_{t+1} and argument lists f'(x), D(G(z)) of names only
        bare = re.sub(r"\{[^{}]*\}|\([\w\s,]*\)", "", bare)
    return _LABEL.fullmatch(bare.strip()) is not None


def rewrite(text: str, vocab: Vocabulary) -> str:
    """`text` in the plain grammar of the safe readers (see the module docstring)."""
    if len(text) > MAX_LENGTH:
        raise InvalidAnswer.of("the answer is longer than {n} characters", "答案超过 {n} 个字符", n=MAX_LENGTH)
    text = plain(text, vocab.matrix).strip()
    if "=" in text:  # "w = ...", "dL/dz = ...": the answer is after the '='
        left, text = (part.strip() for part in text.rsplit("=", 1))
        if not all(_is_label(part) for part in left.split("=")):
            raise InvalidAnswer.of("write only the answer (what comes after '='), not an equation",
                                   "只写答案（'=' 右边的部分），不要写等式")
    text = re.sub(r"\.+$", "", text).strip()  # a final full stop

    def name(match: re.Match[str]) -> str:
        if match.group("id") is None:
            return match.group(0)
        return _resolve(match.group("id"), text[: match.start()].rstrip(), text[match.end():].lstrip(), vocab)

    text = _TOKEN.sub(name, text)
    return text.replace("{", "(").replace("}", ")")
