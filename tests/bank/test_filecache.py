"""The parsed-file cache gives exactly what a fresh parse gives, and never hides a problem."""

from __future__ import annotations

import os

import pytest

from mlvc_review.bank import filecache
from mlvc_review.bank.loader import load_bank
from mlvc_review.errors import BankError

GOOD = """\
chapter: 6
questions:
  - id: seq.cached
    type: flashcard
    topic: attention
    prompt: {en: "front", zh: "正面"}
    answer: {en: "back", zh: "背面"}
    explanation: {en: "why", zh: "原因"}
"""


def test_cached_load_equals_fresh_load(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    first = load_bank([tmp_path])
    assert filecache.get(tmp_path / "a.yaml") is not None
    second = load_bank([tmp_path])
    assert first.questions == second.questions
    assert first.sources == second.sources
    assert [s.keys for s in first.sources.values()] == [s.keys for s in second.sources.values()]


def test_a_changed_file_is_read_again(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    load_bank([tmp_path])
    path.write_text(GOOD.replace('"back"', '"the back of the card"'), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse clocks
    assert load_bank([tmp_path]).get("seq.cached").answer.en == "the back of the card"


def test_a_file_with_a_problem_is_never_cached(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(GOOD.replace("topic:", "topik:"), encoding="utf-8")
    with pytest.raises(BankError, match="unknown key 'topik'"):
        load_bank([tmp_path])
    assert filecache.get(path) is None
    with pytest.raises(BankError, match=r"a.yaml:\d+: question 'seq.cached'"):
        load_bank([tmp_path])


@pytest.mark.parametrize("corrupt", ["{not json", "", "[1, 2]\n[]", '{"stamp": 1}', "HEADER\n{not json", "HEADER\n[{}]"])
def test_a_corrupt_cache_entry_is_ignored(tmp_path, corrupt):
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    load_bank([tmp_path])
    entry, _ = filecache._where(path)
    header = entry.read_text(encoding="utf-8").splitlines()[0]
    entry.write_text(corrupt.replace("HEADER", header), encoding="utf-8")
    assert load_bank([tmp_path]).get("seq.cached").topic == "attention"
    assert load_bank([tmp_path], chapter=6).get("seq.cached").topic == "attention"
    assert filecache.get(path) is not None  # the fresh parse stored a good entry again


def test_the_shipped_bank_round_trips_through_the_cache():
    fresh = load_bank()
    cached = load_bank()
    assert fresh.questions == cached.questions and fresh.sources == cached.sources


def test_the_grader_reads_the_same_env_bank_files_as_load_bank(tmp_path, monkeypatch):
    # MLVC_REVIEW_BANK may name a directory or a single .yaml file; both reach the grader's code-task list
    single = tmp_path / "one.yaml"
    single.write_text(GOOD, encoding="utf-8")
    directory = tmp_path / "dir"
    directory.mkdir()
    (directory / "b.yaml").write_text(GOOD.replace("seq.cached", "seq.other"), encoding="utf-8")
    monkeypatch.setenv("MLVC_REVIEW_BANK", os.pathsep.join([str(single), str(directory)]))
    files = filecache.shipped_and_env_files()
    assert files[-2:] == [single, directory / "b.yaml"]
    assert {"seq.cached", "seq.other"} <= {q.id for q in load_bank().questions}
