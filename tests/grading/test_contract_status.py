"""Grading status of contract entries: from the task registry, cached by the task modules' stamps."""

from __future__ import annotations

import json
import os

from import_probe import imported_after

from mlvc_review.grading import contract_status, spec
from mlvc_review.grading.contract import CONTRACT
from mlvc_review.grading.contract_status import bank_function, graded_functions, statuses
from mlvc_review.grading.taskinfo import code_tasks

PROBE = "from mlvc_review.grading.contract_status import graded_functions\nprint(sorted(graded_functions()))\n"


def _registry() -> frozenset[str]:
    return frozenset(spec.load_all()) & frozenset(CONTRACT)


def test_graded_is_the_registry_and_a_warm_cache_spares_numpy(tmp_path):
    env = {**os.environ, "MLVC_REVIEW_HOME": str(tmp_path)}
    first, proc = imported_after(PROBE, ["numpy"], env=env)
    assert first == ["numpy"]  # a cold cache imports the registry
    assert set(json.loads(proc.stdout.replace("'", '"'))) == _registry()
    assert (tmp_path / "cache" / "graded.json").is_file()
    second, proc = imported_after(PROBE, ["numpy", "mlvc_review.grading.tasks"], env=env)
    assert second == [] and set(json.loads(proc.stdout.replace("'", '"'))) == _registry()


def test_a_stale_or_corrupt_cache_is_recomputed(monkeypatch, _isolated_home):
    cache = _isolated_home / "cache" / "graded.json"
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps({"stamp": ["old"], "graded": ["softmax_v0"]}), encoding="utf-8")
    assert graded_functions() == _registry()
    cache.write_text("{not json", encoding="utf-8")
    assert graded_functions() == _registry()


def test_a_fresh_stamp_is_trusted_and_a_touched_registry_is_not_written(monkeypatch, _isolated_home):
    monkeypatch.setattr(contract_status, "_stamp", lambda: ["fixed"])
    monkeypatch.setattr(spec, "_loaded", True)  # this process's registry may hold test fakes
    assert graded_functions() == _registry()
    assert not (_isolated_home / "cache" / "graded.json").exists()
    contract_status._write(["fixed"], frozenset({"softmax"}))
    assert graded_functions() == {"softmax"}


def test_an_unwritable_cache_directory_only_costs_time(monkeypatch, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("MLVC_REVIEW_HOME", str(blocked))  # cache dir under a file: cannot be created
    monkeypatch.setattr(spec, "_loaded", False)
    assert graded_functions() == _registry()


def test_statuses_name_the_bank_questions_of_each_function():
    by_function: dict[str, list[str]] = {}
    for task in code_tasks():
        by_function.setdefault(task.function, []).append(task.id)
    found = statuses(list(CONTRACT.values()))
    assert {n for n, s in found.items() if s.graded} == _registry()
    assert {n: list(s.bank_ids) for n, s in found.items() if s.bank_ids} == by_function
    assert found["softmax"].bank_ids == ("opt.code.softmax",)
    assert bank_function("opt.code.softmax") == "softmax" and bank_function("softmax") is None
