"""The notations students type, rewritten into the plain grammar of `safe_expr` and `matrix_expr`.

Done here, before the safe readers see the text (which stay strict and small):

- superscripts (`x²`, `A⁻¹`, `Xᵀ`), full-width characters (NFKC), `·`, `×`, `⋅`, `⊙`
  (elementwise, for scalars), `−`, `÷`, `√x` and `√(…)`, `π`;
- a LaTeX subset pasted from notes: `\\frac{a}{b}`, `\\sqrt{…}`, `\\cdot`, `\\times`,
  `\\top`, `^{…}`, `_{…}`, `\\left(`/`\\right)`, `\\exp`, `\\log`, Greek letters,
  `\\mathbf{X}`, `\\bar{\\alpha}`; anything else is named in the message;
- Greek letters and their names interchangeably (`λ`, `\\lambda`, `lambda` and `lam`
  when the question declares `lam`), `σ(z)` as `sigmoid(z)` where no σ is declared,
  `Exp(x)` as `exp(x)`;
- subscripted variables the question declares (`x_0` for `x0`, `s_{xy}` for `sxy`) and
  those its prompt defines (`c (= c_{t−1})`, `a = ᾱ_t`);
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

MAX_LENGTH = 400  # the safe readers allow 300 characters; LaTeX spends a few more
GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta",
    "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ρ": "rho", "σ": "sigma", "ς": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta",
    "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega", "π": "pi",
}
SYNONYMS = [("lambda", "lam", "lmbda", "lmb"), ("epsilon", "eps", "varepsilon"), ("phi", "varphi"),
            ("theta", "vartheta"), ("sigma", "sig"), ("alpha",), ("beta",), ("mu",), ("eta",), ("rho",), ("gamma",)]
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ˣʸᶻⁿⁱᵏᵗᵃᵇ", "0123456789-+xyznitkab")
_SUPER_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ˣʸᶻⁿⁱᵏᵗᵃᵇ]+")
_OPERATORS = {"·": "*", "×": "*", "⋅": "*", "∙": "*", "−": "-", "–": "-", "÷": "/", "∕": "/", "’": "'", "′": "'",
              "。": ".", "，": ",", "（": "(", "）": ")"}
_LATEX_WORDS = {"cdot": "*", "times": "*", "ast": "*", "div": "/", "top": "T", "intercal": "T", "prime": "'",
                "left": "", "right": "", "big": "", "Big": "", "bigl": "", "bigr": "", "Bigl": "", "Bigr": "",
                "quad": " ", "qquad": " ", ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "{": "(", "}": ")",
                "varepsilon": "epsilon", "epsilon": "epsilon", "varphi": "phi", "vartheta": "theta", "pi": "pi"}
_LATEX_FUNCTIONS = {"exp", "log", "ln", "sin", "cos", "tan", "tanh", "sinh", "cosh", "max", "min", "sqrt"}
_LATEX_WRAPPERS = {"mathbf", "mathrm", "boldsymbol", "bm", "mathit", "operatorname", "text", "mathsf", "mathnormal"}
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
    name = _greek_names(unicodedata.normalize("NFD", name).replace("−", "-").replace(" ", ""))
    return re.sub(r"_\{(\w+)\}", r"_\1", name)


_MARKS = {"\u0304": "bar", "\u0305": "bar", "\u0302": "hat", "\u0303": "tilde", "\u0307": "dot"}


def _greek_names(text: str) -> str:
    """Greek letters as their names, accents as words (ᾱ -> alphabar, ŷ -> yhat); NFD input."""
    out = []
    for char in text:
        if char in _MARKS and out:
            out.append(_MARKS[char])
        elif char in GREEK:
            out.append(GREEK[char])
        else:
            out.append(char)
    return "".join(out)


def _group(text: str, i: int) -> tuple[str, int]:
    """The LaTeX argument at `text[i]`: a {…} group (nested) or one character; (content, index after)."""
    while i < len(text) and text[i] == " ":
        i += 1
    if i >= len(text):
        raise InvalidAnswer.of("a LaTeX command is missing its argument", "LaTeX 命令缺少参数")
    if text[i] != "{":
        if text[i] == "\\":
            match = re.match(r"\\[A-Za-z]+", text[i:])
            end = i + (match.end() if match else 2)
            return text[i:end], end
        return text[i], i + 1
    depth = 0
    for j in range(i, len(text)):
        depth += (text[j] == "{") - (text[j] == "}")
        if depth == 0:
            return text[i + 1 : j], j + 1
    raise InvalidAnswer.of("a '{' is not closed", "有一个 '{' 没有闭合")


def latex(text: str, depth: int = 0) -> str:
    """The plain form of a pasted LaTeX subset (see the module docstring); InvalidAnswer names what is unknown."""
    if "\\" not in text or depth > 10:
        return text
    out, i = [], 0
    while i < len(text):
        if text[i] != "\\":
            out.append(text[i])
            i += 1
            continue
        match = re.match(r"\\([A-Za-z]+|.)", text[i:])
        word = match.group(1) if match else ""
        i += len(word) + 1
        if word in ("frac", "dfrac", "tfrac"):
            top, i = _group(text, i)
            bottom, i = _group(text, i)
            out.append(f"(({latex(top, depth + 1)})/({latex(bottom, depth + 1)}))")
        elif word == "sqrt":
            index = None
            if text[i : i + 1] == "[" and "]" in text[i:]:
                close = text.index("]", i)
                index, i = text[i + 1 : close], close + 1
            body, i = _group(text, i)
            body = latex(body, depth + 1)
            out.append(f"sqrt({body})" if index is None else f"(({body})^(1/({index})))")
        elif word in ("bar", "overline"):
            body, i = _group(text, i)
            out.append(latex(body, depth + 1).strip() + "bar")
        elif word in _LATEX_WRAPPERS:
            body, i = _group(text, i)
            out.append(latex(body, depth + 1))
        elif word in _LATEX_WORDS:
            out.append(_LATEX_WORDS[word])
        elif word in _LATEX_FUNCTIONS or word in GREEK.values() or word.lower() in GREEK.values():
            out.append((" " if out and out[-1][-1:].isalnum() else "") + word)  # 2t\sin(t) is 2t sin(t)
        else:
            raise InvalidAnswer.of("'\\{w}' is not known here: write it with plain symbols (e.g. sqrt(x), a/b, x^T)",
                                   "这里不认识 '\\{w}'：请用普通符号书写（例如 sqrt(x)、a/b、x^T）", w=word)
    return "".join(out)


def _superscripts(text: str, matrix: bool) -> str:
    """Superscript powers as ^(…) (x² -> x^(2), eˣ -> e^(x), Xᵀ -> X^T), then full-width forms in ASCII (NFKC)."""
    text = text.replace("ᵀ", "^T")
    if matrix:
        text = text.replace("ᵗ", "^T")
    text = _SUPER_RUN.sub(lambda m: "^(" + m.group().translate(_SUPERSCRIPT) + ")", text)
    return unicodedata.normalize("NFKC", text)


def _symbols(text: str, matrix: bool) -> str:
    """Operators, Greek letters and √ in plain ASCII."""
    for old, new in _OPERATORS.items():
        text = text.replace(old, new)
    if "⊙" in text:
        if matrix:
            raise InvalidAnswer.of("⊙ (elementwise product) is not part of matrix answers: write the matrix product",
                                   "矩阵答案不支持 ⊙（逐元素乘积）：请写矩阵乘积")
        text = text.replace("⊙", "*")
    text = unicodedata.normalize("NFC", _greek_names(unicodedata.normalize("NFD", text)))
    text = re.sub(r"√\s*(?=[(\[{])", "sqrt", text)
    return re.sub(r"√\s*(\d+\.?\d*|[A-Za-z]\w*(?:_\{[^{}]*\})?)", r"sqrt(\1)", text)


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


KNOWN_WORDS = frozenset(GREEK.values()) | {w for group in SYNONYMS for w in group} | _LATEX_FUNCTIONS | {
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
    text = _symbols(latex(_superscripts(text, vocab.matrix)), vocab.matrix).strip()
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
