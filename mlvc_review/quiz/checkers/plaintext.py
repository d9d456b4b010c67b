"""Typed maths in plain ASCII: superscripts, full-width forms, operators, Greek letters, a LaTeX subset.

The first stage of `notation.rewrite`; it knows nothing of the question:

- superscript powers (`x²` -> `x^(2)`, `A⁻¹`, `eˣ`, `Xᵀ` -> `X^T`), then NFKC (full-width
  digits and punctuation of any input method);
- a LaTeX subset pasted from notes: `\\frac{a}{b}`, `\\sqrt{…}`, `\\sqrt[n]{…}`, `\\cdot`,
  `\\times`, `\\top`, `\\left(`/`\\right)`, `\\exp`, `\\log`, Greek letters, `\\mathbf{X}`,
  `\\bar{\\alpha}`; any other command is named in the message;
- `·`, `×`, `⋅`, `⊙` (elementwise: scalars only), `−`, `÷`, `√x` and `√(…)`;
- Greek letters as their names, accents as words (`ᾱ` -> `alphabar`, `ŷ` -> `yhat`).
"""

from __future__ import annotations

import re
import unicodedata

from mlvc_review.quiz.checkers.base import InvalidAnswer

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta",
    "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ρ": "rho", "σ": "sigma", "ς": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta",
    "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega", "π": "pi",
}
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ˣʸᶻⁿⁱᵏᵗᵃᵇ", "0123456789-+xyznitkab")
_SUPER_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ˣʸᶻⁿⁱᵏᵗᵃᵇ]+")
_OPERATORS = {"·": "*", "×": "*", "⋅": "*", "∙": "*", "−": "-", "–": "-", "÷": "/", "∕": "/", "’": "'", "′": "'",
              "。": ".", "，": ",", "（": "(", "）": ")"}
_LATEX_WORDS = {"cdot": "*", "times": "*", "ast": "*", "div": "/", "top": "T", "intercal": "T", "prime": "'",
                "left": "", "right": "", "big": "", "Big": "", "bigl": "", "bigr": "", "Bigl": "", "Bigr": "",
                "quad": " ", "qquad": " ", ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "{": "(", "}": ")",
                "varepsilon": "epsilon", "epsilon": "epsilon", "varphi": "phi", "vartheta": "theta", "pi": "pi"}
LATEX_FUNCTIONS = {"exp", "log", "ln", "sin", "cos", "tan", "tanh", "sinh", "cosh", "max", "min", "sqrt"}
_LATEX_WRAPPERS = {"mathbf", "mathrm", "boldsymbol", "bm", "mathit", "operatorname", "text", "mathsf", "mathnormal"}
_MARKS = {"\u0304": "bar", "\u0305": "bar", "\u0302": "hat", "\u0303": "tilde", "\u0307": "dot"}


def greek_names(text: str) -> str:
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
        elif word in LATEX_FUNCTIONS or word in GREEK.values() or word.lower() in GREEK.values():
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
    text = unicodedata.normalize("NFC", greek_names(unicodedata.normalize("NFD", text)))
    text = re.sub(r"√\s*(?=[(\[{])", "sqrt", text)
    return re.sub(r"√\s*(\d+\.?\d*|[A-Za-z]\w*(?:_\{[^{}]*\})?)", r"sqrt(\1)", text)


def plain(text: str, matrix: bool) -> str:
    """`text` with superscripts, full-width forms, LaTeX, operators and Greek letters in plain ASCII."""
    return _symbols(latex(_superscripts(text, matrix)), matrix)
