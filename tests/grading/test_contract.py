"""The contract data: complete in both languages, callable signatures, and faithful to the course's spec.

The spec (shared/spec/tasks.md of the course materials, next to the checkout) is the authority;
where it is present, every name, chapter, parameter list, return, formula (inline code) and number
of it must appear in the shipped contract. A fresh clone without it still runs the other tests.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mlvc_review.grading.contract import (CHAPTERS, CONTRACT, CONVENTIONS, DEFAULT_TOLERANCE, RULES, Param, Text,
                                          chapter_entries, lookup, near_miss, suggestions)
from mlvc_review.grading.contract_data import ENTRIES

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "tasks.md"
CJK = re.compile(r"[\u4e00-\u9fff]")
# the one place the contract spells out what the spec abbreviates: cos(...) is cos of the same argument
REWORDED = {("sinusoidal_positional_encoding", "PE[p, 2i+1] = cos(...)"): "PE[p, 2i+1] = cos(p / 10000^(2i/d_model))"}


def _texts(entry) -> list[Text]:
    return [t for t in (entry.definition, entry.shapes, entry.required, entry.tolerance, entry.heavy) if t]


def _prose(text: str) -> str:
    """`text` without its inline code: the words a translation must change."""
    return re.sub(r"`[^`]*`", "", text)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_entry_has_a_unique_name_a_known_chapter_and_kind():
    assert len(CONTRACT) == len(ENTRIES) == 78
    for entry in CONTRACT.values():
        assert entry.chapter in CHAPTERS and entry.framework in ("numpy", "torch")
        assert (entry.kind == "class") == entry.name[0].isupper()
        assert (entry.heavy is not None) == (entry.kind == "class"), entry.name
        assert entry.kind == "function" or entry.framework == "torch"
    assert sorted({e.chapter for e in CONTRACT.values()}) == sorted(CHAPTERS)


@pytest.mark.parametrize("name", list(CONTRACT))
def test_each_text_is_written_in_both_languages(name):
    for text in _texts(CONTRACT[name]):
        for value in (text.en, text.zh):
            assert value.strip() and value.count("`") % 2 == 0, (name, value)
        if re.search(r"[A-Za-z]{4,}", _prose(text.en)):
            assert CJK.search(text.zh), (name, text.zh)
        assert not CJK.search(text.en), (name, text.en)


def test_rules_conventions_chapters_and_default_tolerance_are_bilingual():
    for text in (*RULES, *CONVENTIONS, *CHAPTERS.values(), DEFAULT_TOLERANCE):
        assert CJK.search(text.zh) and not CJK.search(text.en), text
        assert text.get("zh") == text.zh and text.get("en") == text.en
        assert text.en.count("`") % 2 == 0 and text.zh.count("`") % 2 == 0


@pytest.mark.parametrize("name", list(CONTRACT))
def test_each_signature_is_valid_python(name):
    entry = CONTRACT[name]
    tree = ast.parse(f"def {entry.def_line()}: pass")
    args = tree.body[0].args  # type: ignore[attr-defined]
    assert [a.arg for a in args.args] == [p.name for p in entry.params]
    assert len(args.defaults) == sum(p.default is not None for p in entry.params)


def test_params_keep_defaults_as_source_text():
    assert CONTRACT["filter2d"].params[-1] == Param("border", '"reflect"')
    assert CONTRACT["conv_output_size"].def_line() == "conv_output_size(I, K, P=0, S=1, D=1)"
    assert CONTRACT["xor_network"].params == ()
    assert CONTRACT["VAE"].signature == "VAE(data_dim, latent_dim); encode(x) -> (mu, logvar); decode(z) -> logits"
    assert CONTRACT["normal_equation"].signature == "(X, y) -> w"


def test_the_english_meaning_carries_every_section_for_starter_docstrings():
    text = CONTRACT["conv_output_size"].meaning
    assert text.startswith("`floor((I + 2P") and "Required: raises `ValueError`" in text
    assert "Tolerance" not in text  # the default tolerance is the conventions', not repeated per stub
    assert "Tolerance: either sign" in CONTRACT["pca"].meaning
    assert "Heavy check: " in CONTRACT["Denoiser"].meaning
    assert CONTRACT["softmax"].text("zh") == "沿 `axis` 计算 z 的 softmax。要求：`|z| <= 1e4` 时数值稳定。"


def test_lookups_and_suggestions():
    assert lookup("softmax") is CONTRACT["softmax"] and lookup("soft") is None
    assert [e.name for e in chapter_entries(4)] == ["saliency_map", "class_activation_map", "grad_cam", "guided_relu_backward"]
    assert near_miss("Softmax") == "softmax" and near_miss("normal") is None
    assert suggestions("sofmax")[0] == "softmax"
    assert "normal_equation" in suggestions("normal")
    assert suggestions("zz") == []


def _spec_rows():
    chapter = 0
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"## Chapter (\d+)", line):
            chapter = int(m.group(1))
        elif line.startswith("| `"):
            names, signature, meaning = (c.strip() for c in line.strip().strip("|").split(" | "))
            for name in re.findall(r"`(\w+)`", names):
                yield chapter, name, signature, meaning


needs_spec = pytest.mark.skipif(not SPEC.is_file(), reason="the course's spec/tasks.md is not next to this checkout")


@needs_spec
def test_names_chapters_and_signatures_are_the_specs():
    rows = list(_spec_rows())
    assert [name for _, name, _, _ in rows] == list(CONTRACT)
    for chapter, name, signature, _ in rows:
        entry = CONTRACT[name]
        assert entry.chapter == chapter, name
        assert (entry.framework == "torch") == signature.startswith("torch"), name
        if entry.kind == "function":
            assert _norm(signature.replace("torch", "").strip("` ")) == _norm(entry.signature), name
        else:
            assert _norm(entry.def_line()) in _norm(signature.replace("`", "")), name


@needs_spec
def test_every_formula_and_number_of_the_spec_is_in_the_contract():
    for _, name, _, meaning in _spec_rows():
        entry = CONTRACT[name]
        mine = _norm(" ".join(t.en for t in _texts(entry)) + entry.signature)
        for span in re.findall(r"`([^`]+)`", meaning):
            assert _norm(REWORDED.get((name, span), span)) in mine, (name, span)
        numbers = re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?:e-?\d+)?(?:x\d+)?%?", _prose(meaning))
        assert all(n in " ".join(t.en for t in _texts(entry)) for n in numbers), (name, numbers)


@needs_spec
def test_the_conventions_carry_every_formula_of_the_specs_conventions():
    text = SPEC.read_text(encoding="utf-8")
    conventions = text[text.index("## Conventions"):text.index("## Chapter 1")]
    mine = _norm(" ".join(t.en for t in CONVENTIONS))
    for span in re.findall(r"`([^`]+)`", conventions):
        assert _norm(span) in mine, span
