"""`mlvc-review export anki`: a valid .apkg (read back with zipfile and sqlite3), stable note GUIDs, both languages."""

from __future__ import annotations

import sqlite3
import zipfile

from typer.testing import CliRunner

from mlvc_review.cli import app
from mlvc_review.quiz.anki import FIELDS

runner = CliRunner()

BANK = """
chapter: 1
questions:
  - id: a-choice
    type: choice
    topic: optimization
    prompt: {en: "Which step size converges?", zh: "哪个步长收敛？"}
    explanation: {en: "A small one.", zh: "小步长。"}
    shuffle: false
    options: [{id: a, text: {en: "small", zh: "小"}}, {id: b, text: {en: "big <b>", zh: "大"}}]
    answer: a
  - id: a-numeric
    type: numeric
    topic: cnn
    prompt: {en: "Output size of a 3x3 valid convolution on {{I}} pixels?", zh: "{{I}} 像素上 3x3 有效卷积的输出大小？"}
    explanation: {en: "I - 2.", zh: "I - 2。"}
    params: {I: {low: 5, high: 9}}
    answer: "I - 2"
    tolerance: {abs: 0.5}
  - id: a-card
    type: flashcard
    topic: attention
    prompt: {en: "Why scale by sqrt(d_k)?", zh: "为什么除以 sqrt(d_k)？"}
    explanation: {en: "Saturation.", zh: "饱和。"}
    answer: {en: "Dot products grow with d_k.", zh: "点积随 d_k 增大。"}
  - id: a-symbolic
    type: symbolic
    topic: backprop
    prompt: "d sigma / dx in terms of s?"
    explanation: "s (1 - s)."
    variables: {s: {}}
    answer: "s*(1 - s)"
"""


def read_apkg(path) -> list[tuple[str, list[str], str]]:
    """(guid, fields, tags) of every note in an .apkg, read as Anki reads it: a zip holding an SQLite collection."""
    with zipfile.ZipFile(path) as z:
        assert "collection.anki2" in z.namelist() and "media" in z.namelist()
        data = z.read("collection.anki2")
    db = path.with_suffix(".anki2")
    db.write_bytes(data)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM col").fetchone()[0] == 1
        rows = conn.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
        cards = conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    finally:
        conn.close()
    assert cards == len(rows)
    return [(guid, flds.split("\x1f"), tags) for guid, flds, tags in rows]


def test_the_deck_holds_flashcards_choice_and_numeric_with_stable_guids(write_bank, tmp_path):
    bank = str(write_bank(BANK))
    first, again = tmp_path / "deck.apkg", tmp_path / "again.apkg"
    for out in (first, again):
        result = runner.invoke(app, ["export", "anki", "--bank", bank, "--chapter", "1", "--out", str(out)])
        assert result.exit_code == 0, result.output
    notes = read_apkg(first)
    mine = {fields[0]: (guid, fields, tags) for guid, fields, tags in notes if fields[0].startswith("a-")}
    assert set(mine) == {"a-choice", "a-numeric", "a-card"}  # the symbolic question is not exported
    assert all(len(fields) == len(FIELDS) for _, fields, _ in mine.values())
    _, choice, tags = mine["a-choice"]
    assert "<b>a)</b> small" in choice[1] and "big &lt;b&gt;" in choice[1] and "a) small" in choice[2]
    assert "mlvc::ch1" in tags and "mlvc::optimization" in tags
    _, numeric, _ = mine["a-numeric"]
    assert "{{I}}" not in numeric[1] and "pixels" in numeric[1]
    assert [n[0] for n in read_apkg(again)] == [n[0] for n in notes]  # a later export updates the same notes


def test_a_chinese_deck_has_chinese_cards_and_its_own_guids(write_bank, tmp_path):
    bank = str(write_bank(BANK))
    en, zh = tmp_path / "en.apkg", tmp_path / "zh.apkg"
    runner.invoke(app, ["export", "anki", "--bank", bank, "--chapter", "1", "--out", str(en)])
    result = runner.invoke(app, ["export", "anki", "--bank", bank, "--chapter", "1", "--lang", "zh", "--out", str(zh)])
    assert result.exit_code == 0, result.output
    card = next(fields for _, fields, _ in read_apkg(zh) if fields[0] == "a-card")
    assert "为什么除以" in card[1] and "点积随 d_k 增大" in card[2]
    assert not {g for g, _, _ in read_apkg(en)} & {g for g, _, _ in read_apkg(zh)}


def test_a_bad_out_path_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["export", "anki", "--out", str(tmp_path / "missing" / "deck.apkg")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_chinese_sessions_get_chinese_messages(write_bank, tmp_path):
    bank = str(write_bank(BANK))
    done = runner.invoke(app, ["export", "anki", "--bank", bank, "--chapter", "1", "--lang", "zh", "--out", str(tmp_path / "d.apkg")])
    assert done.exit_code == 0 and "已将" in done.output and "文件 > 导入" in done.output
    unknown = runner.invoke(app, ["export", "anki", "--chapter", "42", "--lang", "zh", "--out", str(tmp_path / "e.apkg")])
    assert unknown.exit_code == 2 and "错误：" in unknown.output and "42" in unknown.output and "error:" not in unknown.output
    folder = runner.invoke(app, ["export", "anki", "--lang", "zh", "--out", str(tmp_path / "missing" / "deck.apkg")])
    assert folder.exit_code == 2 and "错误：" in folder.output and "does not exist" not in folder.output


def test_a_deck_must_be_written_to_an_apkg_name(tmp_path):
    for lang, words in (("en", ".apkg file"), ("zh", ".apkg 文件")):
        result = runner.invoke(app, ["export", "anki", "--lang", lang, "--out", str(tmp_path / "deck.txt")])
        assert result.exit_code == 2 and words in result.output
    assert not list(tmp_path.iterdir())


def test_a_failed_write_keeps_the_older_deck_and_leaves_no_partial_file(write_bank, tmp_path, monkeypatch):
    import errno

    import genanki

    bank = str(write_bank(BANK))
    out = tmp_path / "deck.apkg"
    assert runner.invoke(app, ["export", "anki", "--bank", bank, "--chapter", "1", "--out", str(out)]).exit_code == 0
    before = out.read_bytes()

    def full_disk(self, path):
        with open(path, "wb") as f:
            f.write(b"PK\x03\x04 half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(genanki.Package, "write_to_file", full_disk)
    result = runner.invoke(app, ["export", "anki", "--bank", bank, "--chapter", "1", "--out", str(out)])
    assert result.exit_code == 4 and "No space left on device" in result.output and "Traceback" not in result.output
    assert out.read_bytes() == before
    assert not [p.name for p in tmp_path.iterdir() if "partial" in p.name]
