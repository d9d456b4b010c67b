"""Every fault in tests/fixtures/broken_banks gives a located, one-screen message and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlvc_review.bank.loader import load_bank
from mlvc_review.bank.validate import validate
from mlvc_review.cli import app
from mlvc_review.errors import BankError

BROKEN = Path(__file__).parent.parent / "fixtures" / "broken_banks"

# fault -> (file, line, question id or None, words the message must contain)
CASES = {
    "alias_bomb": ("bank.yaml", 13, "seq.bomb", "alias"),
    "non_utf8": ("bank.yaml", 12, "seq.latin1", "not UTF-8"),
    "tabs": ("bank.yaml", 11, "seq.tabbed", "tab"),
    "empty": ("bank.yaml", 1, None, "empty"),
    "top_level_list": ("bank.yaml", 1, None, "top level is a list"),
    "duplicate_key": ("bank.yaml", 13, "seq.dupkey", "duplicate key 'prompt'"),
    "duplicate_id": ("b.yaml", 9, "seq.ok", "duplicate id"),
    "unknown_chapter": ("bank.yaml", 10, "seq.ch42", "unknown chapter 42"),
    "unknown_key": ("bank.yaml", 9, "seq.typo", "unknown key 'promt'"),
    "syntax_error": ("bank.yaml", 12, "seq.syntax", "YAML syntax"),
    "bad_answer": ("bank.yaml", 16, "seq.choice", "'c' is not one of the option ids"),
    "unknown_param": ("bank.yaml", 14, "seq.params", "no parameter 'h'"),
    "wrong_type": ("bank.yaml", 13, "seq.numeric", "not a formula"),
}


def test_every_fixture_has_a_case():
    assert {p.name for p in BROKEN.iterdir() if p.is_dir()} == set(CASES)


def _problems(directory: Path) -> list[str]:
    try:
        bank = load_bank([directory], include_shipped=False)
    except BankError as err:
        return err.problems
    return [str(p) for p in validate(bank, deep=False).errors]


@pytest.mark.parametrize("fault", sorted(CASES))
def test_fault_is_located(fault):
    file, line, qid, words = CASES[fault]
    problems = _problems(BROKEN / fault)
    assert len(problems) == 1, problems
    message = problems[0]
    assert f"{file}:{line}:" in message
    assert words in message
    if qid:
        assert f"question '{qid}'" in message


# problems found by validation rules after a clean load: `validate` exits 1; load problems are BankError (3)
FOUND_BY_VALIDATION = {"bad_answer", "unknown_param", "wrong_type"}


@pytest.mark.parametrize("fault", sorted(CASES))
def test_cli_exits_non_zero_without_traceback(fault):
    result = CliRunner().invoke(app, ["bank", "validate", "--quick", "--bank", str(BROKEN / fault)])
    # a crash would surface here as its exception (CliRunner catches it), not as SystemExit
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == (1 if fault in FOUND_BY_VALIDATION else BankError.exit_code)
    out = result.output
    assert CASES[fault][0] in out
    assert len(out.splitlines()) < 25  # one screen


def test_all_problems_of_a_run_are_reported(tmp_path):
    for fault in ("unknown_key", "tabs", "bad_answer"):
        for source in (BROKEN / fault).iterdir():
            (tmp_path / f"{fault}.yaml").write_bytes(source.read_bytes())
    # tabs.yaml never parses, so only unknown_key.yaml and bad_answer.yaml share the good question's id
    with pytest.raises(BankError) as info:
        load_bank([tmp_path], include_shipped=False)
    text = str(info.value)
    assert "unknown key 'promt'" in text and "tab in the indentation" in text
    assert "duplicate id" in text
    assert len(info.value.problems) == 3


def test_missing_directory_is_reported(tmp_path):
    with pytest.raises(BankError, match="no such bank directory"):
        load_bank([tmp_path / "nope"], include_shipped=False)


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n")
    with pytest.raises(BankError, match="alias"):
        load_bank([tmp_path], include_shipped=False)
