"""Near-duplicate questions are found (and warned about by `bank validate`); the shipped pairs are resolved."""

from __future__ import annotations

from mlvc_review.bank.duplicates import answer_shape, near_duplicates, similarity, words
from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.validate import validate

# the duplicate pairs an audit found, as they were written before they were differentiated
PAIRS = """
chapter: 1
questions:
  - id: opt.old-poly
    type: numeric
    topic: basis
    params: {p: {low: 2, high: 5}}
    prompt: "You fit a polynomial surface z = f(x, y) with all monomials of total degree <= {{p}} (constant included). How many weights?"
    explanation: "Count them."
    answer: "(p+1)*(p+2)/2"
    tolerance: {abs: 0.5}
  - id: opt.old-logistic
    type: symbolic
    topic: logistic
    prompt: "Logistic regression predicts p = sigmoid(z). For one example with label y the loss is L = -[y log p + (1 - y) log(1 - p)]. What is dL/dz in terms of z and y?"
    explanation: "p - y."
    variables: {z: {}, y: {}}
    answer: "sigmoid(z) - y"
  - id: opt.old-fourier
    type: numeric
    topic: fourier
    params: {D: {values: [2, 3]}, L: {values: [4, 6]}}
    prompt: "The encoding gamma(p) = (sin, cos, ...) is applied to each of the D = {{D}} coordinates with L = {{L}} frequencies. How many numbers does gamma output per point?"
    explanation: "2LD."
    answer: "2*L*D"
    tolerance: {abs: 0.5}
  - id: opt.conv-size
    type: numeric
    topic: conv
    params: {I: {values: [32]}, K: {values: [3]}, P: {values: [1]}, S: {values: [1]}}
    prompt: "A {{K}}x{{K}} convolution with padding P = {{P}} and stride S = {{S}} is applied to a {{I}}x{{I}} input. What is the output width?"
    explanation: "floor."
    answer: "floor((I + 2*P - K)/S) + 1"
    tolerance: {abs: 0.5}
"""


def _bank(write_bank, extra: str):
    return load_bank([write_bank(PAIRS + extra)], include_shipped=False)


SECOND = """
  - id: opt.new-poly
    type: numeric
    topic: coursework
    params: {d: {values: [2, 3]}}
    prompt: "In the coursework a quadratic surface in two inputs uses six features. How many features does a full polynomial of total degree <= {{d}} in x, y need?"
    explanation: "Count them."
    answer: "(d + 1)*(d + 2)/2"
    tolerance: {abs: 0.5}
  - id: opt.new-bce
    type: symbolic
    topic: sequence
    prompt: "At one step the model outputs y_hat = sigmoid(z) from a logit z, and the loss is the binary cross-entropy. Give dL/dz in terms of z and y."
    explanation: "y_hat - y."
    variables: {z: {}, y: {}}
    answer: "sigmoid(z) - y"
  - id: opt.new-fourier
    type: numeric
    topic: fourier
    params: {D: {values: [2, 3]}, L: {values: [4, 6]}}
    prompt: "The positional encoding gamma(p) = (sin, cos, ...) is applied to each of the D = {{D}} input coordinates with L = {{L}} frequencies. How many numbers does the encoded input have?"
    explanation: "2DL."
    answer: "2*D*L"
    tolerance: {abs: 0.5}
  - id: opt.dilated-size
    type: numeric
    topic: conv
    params: {I: {values: [32]}, K: {values: [3]}, P: {values: [1]}, S: {values: [1]}, D: {values: [2]}}
    prompt: "A {{K}}x{{K}} convolution with dilation D = {{D}}, padding P = {{P}} and stride S = {{S}} is applied to a {{I}}x{{I}} input. What is the output width?"
    explanation: "floor."
    answer: "floor((I + 2*P - D*(K-1) - 1)/S) + 1"
    tolerance: {abs: 0.5}
"""


def test_words_and_similarity():
    assert words("What is the output width of a {{K}}x{{K}} conv?") == {"output", "width", "x", "conv"}
    assert "卷" in words("卷积输出")
    assert similarity(frozenset("ab"), frozenset("bc")) == 1 / 3 and similarity(frozenset(), frozenset()) == 0.0


def test_answer_shapes_ignore_names_and_spacing():
    bank = load_bank()
    assert answer_shape(bank.get("opt.normal-equation")) == "inv(v^Tv)v^Tv"
    assert answer_shape(bank.get("cnn.conv-output-size")) == "floor((v+2*v-v)/v)+1"
    assert answer_shape(bank.get("mlp.overfitting")) is None


def test_the_audited_pairs_are_found_and_a_differently_answered_look_alike_is_not(write_bank):
    bank = _bank(write_bank, SECOND)
    found = {(a.id, b.id) for a, b, _ in near_duplicates(bank.questions)}
    assert found == {("opt.old-poly", "opt.new-poly"), ("opt.old-logistic", "opt.new-bce"),
                     ("opt.old-fourier", "opt.new-fourier")}


def test_validate_warns_at_the_later_question(write_bank):
    report = validate(_bank(write_bank, SECOND), deep=False)
    assert report.ok
    warned = [str(p) for p in report.warnings if "near duplicate" in p.message]
    assert len(warned) == 3
    assert any("question 'opt.new-bce': near duplicate: it asks for the same formula as 'opt.old-logistic'" in w
               for w in warned), warned


def test_the_shipped_pairs_named_by_the_audit_are_differentiated():
    bank = load_bank()
    flagged = {frozenset((a.id, b.id)) for a, b, _ in near_duplicates(bank.questions)}
    for pair in [("mlp.fourier-dim", "vis.fourier-dim"), ("mlp.fourier-why", "vis.fourier-why"),
                 ("opt.poly-feature-count", "vis.poly-feature-count"), ("opt.logistic-gradient", "seq.bce-gradient"),
                 ("sty.texture-stats-fail", "vis.coursework-texture")]:
        assert frozenset(pair) not in flagged, pair
        first, second = (bank.get(q) for q in pair)
        assert similarity(words(first.prompt.en), words(second.prompt.en)) < 0.5, pair
