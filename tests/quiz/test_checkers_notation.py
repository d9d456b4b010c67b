"""Notation students type, on the shipped questions: Greek, LaTeX, subscripts, prefixes, run-together names."""

from __future__ import annotations

import pytest

from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.params import draw_variant
from mlvc_review.quiz.checkers import get_checker
from mlvc_review.quiz.checkers.base import InvalidAnswer
from mlvc_review.quiz.checkers.notation import Vocabulary, canonical, rewrite
from mlvc_review.quiz.checkers.plaintext import latex

BANK = load_bank()


@pytest.fixture(autouse=True, scope="module")
def _sympy_imported():
    import sympy  # noqa: F401


def grade(qid: str, raw: str, seed: int = 0, lang: str = "en"):
    q = BANK.get(qid)
    checker, variant = get_checker(q.type), draw_variant(q, seed)
    return checker.grade(q, variant, checker.parse(q, variant, raw, lang), lang)


def invalid(qid: str, raw: str, lang: str = "en") -> InvalidAnswer:
    q = BANK.get(qid)
    with pytest.raises(InvalidAnswer) as err:
        get_checker(q.type).parse(q, draw_variant(q, 0), raw, lang)
    return err.value


@pytest.mark.parametrize("qid,raw", [
    # Greek letters and their names, where the question's variables are Greek
    ("gen.reparameterise", "μ + exp(logvar/2)·ε"), ("gen.reparameterise", "mu + exp(logvar/2) epsilon"),
    ("gen.reparameterise", r"\mu + e^{logvar/2}\,\varepsilon"), ("gen.gaussian-kl", "(μ² + s² − 1 − ln(s²))/2"),
    ("und.ga-linear-classifier", "w/(2λ)"), ("und.ga-linear-classifier", "w/(2 lambda)"),
    ("und.inversion-linear", "(AᵀA + λI)⁻¹Aᵀφ0"), ("und.inversion-linear", "inv(A^T A + lambda I) A^T φ_0"),
    ("opt.basis-regression", "(ΦᵀΦ)⁻¹Φᵀy"), ("opt.ridge", "(X^⊤X+λI)^{-1}X^⊤y".replace("⊤", "T")),
    # σ(·) is the sigmoid unless the prompt names a variable σ
    ("opt.logistic-gradient", "σ(z) − y"), ("seq.bce-gradient", r"(\sigma(z) - y)/T"),
    ("mlp.sigmoid-derivative", "σ(1 − σ)"), ("gen.non-saturating", "Sigmoid(a) - 1"),
    # √, ·, ×, ⊙, superscripts, full-width input
    ("dif.closed-form", "√a·x0 + √(1−a)·eps"), ("dif.x0-from-eps", "(x − √(1 − a) eps)/√a"),
    ("seq.lstm-cell-update", "f⊙c + i⊙g"), ("mlp.tanh-derivative", "1 − t²"), ("mlp.chain-rule-single", "２x cos(x²)"),
    ("mlp.chain-rule-multi", "2t×sin(t) + t²cos(t)"),
    # LaTeX pasted from notes
    ("dif.x0-from-eps", r"\frac{x - \sqrt{1-a}\,\epsilon}{\sqrt{a}}"), ("gen.optimal-discriminator", r"\frac{p}{p+q}"),
    ("cnn.gaussian-derivative", r"-\frac{x}{s^2} e^{-\frac{x^2}{2s^2}}"), ("dif.score-from-eps", r"-\frac{\epsilon}{\sqrt{1-a}}"),
    ("opt.normal-equation", r"(X^\top X)^{-1} X^\top y"), ("sty.gram-definition", r"F F^{\top}"),
    ("mlp.sigmoid-derivative", r"s \cdot (1 - s)"), ("vis.stereo-sensitivity", r"-\frac{f B}{d^{2}}"),
    # subscripted variables the question declares or its prompt defines
    ("seq.lstm-cell-update", "f c_{t-1} + i g"), ("seq.lstm-cell-update", "f·c_{t−1} + i·g"),
    ("und.gradcam-gap-gradient", "w_k/Z"), ("dif.x0-from-eps", "(x_t − √(1−ᾱ_t) ε)/√ᾱ_t"),
    ("dif.closed-form", r"\sqrt{\bar\alpha_t} x_0 + \sqrt{1-\bar{\alpha}_t}\epsilon"),
    ("sty.ssim-structure", "(σ_xy + C_3)/(σ_x σ_y + C_3)"), ("sty.ssim-structure", "(s_{xy} + C3)/(s_x s_y + C3)"),
    ("seq.rnn-jacobian", "w(1 − h_t²)"), ("vis.nerf-weight", "exp(-s_1 d_1)(1 - exp(-s_2 d_2))"),
    # prefixes and a final full stop
    ("mlp.sigmoid-derivative", "ds/dx = s(1 - s)."), ("und.ga-linear-classifier", "x* = w/(2 lam)."),
    ("opt.ridge", "w = inv(X^T X + lam I) X^T y"), ("gen.reparameterise", "z = mu + exp(logvar/2) eps"),
    # run-together declared names with one reading
    ("und.ga-linear-classifier", "w/(2lam)"), ("opt.ls-gradient", "2X^TXw - 2X^Ty"), ("sty.ssim-structure", "(sxy + C3)/(sxsy + C3)"),
    ("und.inversion-linear", "inv(A^TA + lamI)A^Tphi0"), ("gen.optimal-discriminator", "p/(p+q)"),
])
def test_equivalent_notations_are_right(qid, raw):
    g = grade(qid, raw)
    assert g.correct, (qid, raw, g.feedback)


@pytest.mark.parametrize("qid,raw,en,zh", [
    ("und.ga-linear-classifier", "w/2lam", "(w / 2) lam or w / (2 lam)", "两种读法"),
    ("gen.gaussian-kl", "1/2(mu^2 + s^2 - 1 - log(s^2))", "(1/2)·(mu^2+s^2-1-log(s^2))", "两种读法"),
    ("cnn.gaussian-derivative", "-x/s^2 exp(-x^2/2s^2)", "can be read two ways", "两种读法"),
    ("mlp.sigmoid-derivative", "sech(x)^2", "write it as 1/cosh(x)", "请写成 1/cosh(x)"),
    ("mlp.sigmoid-derivative", "q(1-q)", "unknown variable 'q'; the variables are s", "未知变量 'q'；变量为 s"),
    ("opt.normal-equation", "X^T y / (X^T X)", "only divide by a scalar", "只能除以标量"),
    ("opt.normal-equation", r"\hat{X}", "'\\hat' is not known here", "这里不认识 '\\hat'"),
    ("und.ga-linear-classifier", "w ⊙ lam", "elementwise", "逐元素"),
])
def test_ambiguous_or_unknown_notation_is_asked_in_the_sessions_language(qid, raw, en, zh):
    err = invalid(qid, raw)
    assert en in err.text("en") and zh in err.text("zh")


def test_an_ambiguous_run_of_names_shows_every_reading():
    vocab = Vocabulary(frozenset({"s", "x", "sx", "xy", "y"}))
    with pytest.raises(InvalidAnswer, match="'sxy' can be read as sx·y or s·xy") as err:
        rewrite("sxy + 1", vocab)
    assert "可以读作" in err.value.text("zh")
    assert rewrite("sxy", Vocabulary(frozenset({"sxy", "sx", "y"}))) == "sxy"  # a declared name wins


def test_aliases_come_from_the_prompt_and_never_from_function_words():
    q = BANK.get("gen.reparameterise")  # "logvar = log σ²": log is no alias of logvar
    assert Vocabulary.of(q).aliases == ()
    assert dict(Vocabulary.of(BANK.get("seq.lstm-cell-update")).aliases) == {"c_{t-1}": "c"}
    assert dict(Vocabulary.of(BANK.get("mlp.sigmoid-derivative")).aliases) == {"sigma": "s"}
    assert canonical("ᾱ_{t}") == "alphabar_t" == canonical("ᾱ_t")


@pytest.mark.parametrize("text,plain", [
    (r"\frac{a}{b}", "((a)/(b))"), (r"\sqrt[3]{x}", "((x)^(1/(3)))"), (r"\left( x \right)", "( x )"),
    (r"\mathbf{X}^\top", "X^T"), (r"\bar{\alpha}_t", "alphabar_t"), (r"a \times b", "a * b"), ("x", "x"),
])
def test_latex_subset(text, plain):
    assert latex(text) == plain


def test_echo_keeps_the_students_order_for_rewritten_notation():
    q = BANK.get("mlp.sigmoid-derivative")
    v = draw_variant(q, 0)
    assert get_checker("symbolic").parse(q, v, "σ − σ²").understood == "s − s²"
    q = BANK.get("und.ga-linear-classifier")
    assert get_checker("matrix_expr").parse(q, draw_variant(q, 0), "λ⁻¹ w/2").understood == "inv(lam) w / 2"


@pytest.mark.parametrize("qid,raw", [
    ("opt.normal-equation", "X^T X w = X^T y"), ("opt.normal-equation", "XᵀXw = Xᵀy"),
    ("mlp.sigmoid-derivative", "s(1-s) = s - s^2"), ("mlp.elu-derivative", "a exp(x) + 1 = a exp(x)"),
])
def test_an_equation_is_asked_about_never_cut_to_its_right_side(qid, raw):
    err = invalid(qid, raw)
    assert "not an equation" in err.text("en") and "不要写等式" in err.text("zh")


@pytest.mark.parametrize("qid,raw", [
    ("mlp.elu-derivative", "f'(x) = a exp(x)"), ("opt.ls-gradient", "∂L/∂w = 2X^T(Xw - y)"),
    ("seq.lstm-cell-update", "c_{t} = f c + i g"), ("mlp.elu-derivative", "a eˣ"), ("opt.ridge", "w* = (XᵗX + lam I)⁻¹Xᵗy"),
])
def test_a_label_before_the_answer_is_dropped(qid, raw):
    assert grade(qid, raw).correct


HOSTILE_NOTATION = [
    r"\frac{", r"\frac{a}", r"\sqrt[", r"\sqrt[3", "{{{{", "}}}", "x_{", "=", "==", "= x", "x =", "\\", "\\\\",
    "ᵀᵀᵀ", "⁻⁻⁻", "√", "√√x", "σσσ(", "α_{β_{γ}}", r"\bar{", r"\bar{x + y}", r"\left(\right)", "x̂ŷẑ", "′′′",
    "ˣˣ", "x" * 380, "ab" * 150 + "=1", r"\frac" * 40, "(" * 60, "." * 50, "。", "＝", "⊙⊙", "s_" * 100,
]


@pytest.mark.parametrize("qid", ["mlp.sigmoid-derivative", "sty.ssim-structure", "und.inversion-linear",
                                 "dif.ip-adapter-output", "vis.image-storage"])
@pytest.mark.parametrize("raw", HOSTILE_NOTATION)
def test_broken_notation_is_only_ever_asked_about(qid, raw):
    q = BANK.get(qid)
    checker, variant = get_checker(q.type), draw_variant(q, 0)
    try:
        parsed = checker.parse(q, variant, raw, "zh")
    except InvalidAnswer as err:
        assert err.text("zh") and err.text("en")
        return
    checker.grade(q, variant, parsed, "zh")
