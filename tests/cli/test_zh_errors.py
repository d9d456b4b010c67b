"""A Chinese session's errors and command output are Chinese, wherever in the program they are raised.

Each case runs a command with `--lang zh` into one of its failures (bank loading, the
progress store, option parsing in the core, path checks) or prints a command's output,
and checks the text for English words once what is not language (ids, options, paths,
formulas, file names, the operating system's own reason in parentheses) is taken out.
A source check proves every error the quiz and bank commands can raise carries a
Chinese text, so a new English-only one is caught where it is written.
"""

from __future__ import annotations

import ast
import errno
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlvc_review.cli import app
from mlvc_review.errors import BankError, MlvcError, StoreError, Text, UsageError, in_lang

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2] / "mlvc_review"

BANK = """
chapter: 1
questions:
  - id: z-one
    type: numeric
    topic: optimization
    prompt: {en: "Two?", zh: "二？"}
    explanation: {en: "2.", zh: "2。"}
    answer: 2
    tolerance: {abs: 0.1}
"""
BROKEN = BANK + """
  - id: z-one
    type: numeric
    topic: optimization
    prompt: {en: "Two again?", zh: "又是二？"}
    explanation: {en: "2.", zh: "2。"}
    answer: 2
    tolerance: {abs: 0.1}
  - id: z-two
    type: numeric
    topic: optimization
    prompt: {en: "Two?", zh: "二？"}
    explanation: {en: "2.", zh: "2。"}
    answer: 2
    tolerance: {abs: 0.1}
    colour: red
  - id: z-three
    type: numeric
    prompt: {en: "Three?", zh: "三？"}
    answer: 3
  - type: essay
    id: z-four
  - 7
"""
# words that are not English prose: names, commands, formats, the libraries a message names
NAMES = {"FSRS", "YAML", "UTF", "mlvc", "review", "progress", "settings", "unsuspend", "optimise", "pip", "install",
         "fsrs", "optimizer", "torch", "pandas", "tqdm", "MLVC_REVIEW_HOME", "DIR", "FILE", "YYYY", "MM", "DD",
         "yaml", "chapter", "questions", "type", "id", "choice", "multi", "numeric", "symbolic", "matrix_expr",
         "flashcard", "code", "derivation", "topic", "explanation", "tolerance", "answer", "prompt"}
SYSTEM = re.compile(r"[(（][^()（）]*(?:database|file|disk|directory|permission|exists|such)[^()（）]*[)）]", re.I)


def _slugs() -> list[str]:
    from mlvc_review.bank.loader import load_chapters
    from mlvc_review.paths import CHAPTERS_FILE, shipped_bank_dir

    return [c.slug for c in load_chapters(shipped_bank_dir() / CHAPTERS_FILE).values()]


def english_words(text: str, *known: str) -> list[str]:
    """Words of `text` that are English prose, once ids, options, paths and names are removed."""
    for value in sorted([*known, *_slugs()], key=len, reverse=True):
        text = text.replace(value, " ")
    text = SYSTEM.sub(" ", text)  # the system's own reason, kept for a bug report
    text = re.sub(r"--[\w-]+|(?:/[\w.@+-]+)+/?|'[^']*'|\b[\w-]+(?:\.[\w-]+)+\b", " ", text)
    return [w for w in re.findall(r"[A-Za-z_]{2,}", text) if w not in NAMES]


@pytest.fixture
def bank(write_bank):
    return str(write_bank(BANK))


def run(*args: str, input: str = ""):
    return runner.invoke(app, [*args, "--lang", "zh"], input=input)


def assert_chinese_error(result, code: int, *known: str) -> str:
    output = result.output
    assert result.exit_code == code, output
    assert "错误：" in output and "error:" not in output, output
    assert not english_words(output, *known), (english_words(output, *known), output)
    return output


CASES = [
    (("quiz", "chapter", "42"), 2, "没有章节 '42'"),
    (("quiz", "topic", "nosuchtopic"), 2, "没有题目带有标签"),
    (("quiz", "chapter", "1", "--type", "essay"), 2, "--type 'essay'：应为"),
    (("quiz", "all", "--new", "--due"), 2, "不能同时使用"),
    (("quiz", "all", "--only-bank"), 2, "--only-bank 需要"),
    (("review", "--exam-date", "2030-13-01"), 2, "日期请写成 YYYY-MM-DD"),
    (("review", "--exam-date", "2020-01-01"), 2, "已经过去"),
    (("exam", "--chapters", "1-x"), 2, "请写成范围"),
    (("exam", "--chapters", "3,12"), 2, "没有第 12 章"),
    (("progress", "settings", "--retention", "0.5"), 2, "期望记忆保持率应在 0.70 到 0.99 之间"),
    (("progress", "unsuspend", "opt.nothing"), 2, "这些题目没有被暂停：opt.nothing"),
    (("progress", "optimise"), 2, "优化至少需要 400 次评分作答"),
    (("bank", "show", "opt.gradient-descen"), 2, "没有编号为"),
    (("bank", "list", "--type", "essay"), 2, "--type 'essay'"),
    (("bank", "list", "--chapter", "optics"), 2, "没有章节 'optics'"),
]


@pytest.mark.parametrize("args, code, expected", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_errors_of_the_core_are_chinese_in_a_chinese_session(args, code, expected):
    output = assert_chinese_error(run(*args), code)
    assert expected in output


def test_the_language_is_known_before_any_other_option_is_checked(tmp_path):
    a_file = tmp_path / "starter.txt"
    a_file.write_text("x")
    # --workdir is checked by its own callback, before the command runs and before --lang on the command line
    result = runner.invoke(app, ["quiz", "chapter", "1", "--workdir", str(a_file), "--lang", "zh"])
    assert "是文件，不是文件夹" in assert_chinese_error(result, 2, str(a_file))
    exported = run("progress", "export", str(tmp_path))
    assert "是文件夹；请指定要写入的文件" in assert_chinese_error(exported, 2, str(tmp_path))
    english = runner.invoke(app, ["quiz", "chapter", "1", "--workdir", str(a_file)])
    assert "error: " in english.output and "is a file, not a folder" in english.output


def test_bank_loading_problems_are_chinese(write_bank, tmp_path):
    broken = str(write_bank(BROKEN, "broken"))
    output = assert_chinese_error(run("quiz", "all", "--bank", broken, "--only-bank"), BankError.exit_code, broken)
    for part in ("题库有", "未知的键 'colour'", "编号重复；首次定义于", "topic：缺少此项", "第 6 题不是映射",
                 "未知的 'type' 'essay'"):
        assert part in output, output
    missing = tmp_path / "no-such-bank"
    output = assert_chinese_error(run("chapters", "--bank", str(missing)), BankError.exit_code, str(missing))
    assert "没有这个题库目录" in output
    tabs = write_bank("chapter: 1\nquestions:\n\t- id: x\n", "tabs")
    output = assert_chinese_error(run("quiz", "all", "--bank", str(tabs), "--only-bank"), 3, str(tabs))
    assert "缩进中有制表符" in output


def test_a_store_that_cannot_be_used_is_reported_in_chinese(tmp_path, monkeypatch):
    home = tmp_path / "home-is-a-file"
    home.write_text("")
    monkeypatch.setenv("MLVC_REVIEW_HOME", str(home))
    output = assert_chinese_error(run("stats"), StoreError.exit_code, str(home))
    assert "创建进度目录失败" in output


def test_a_damaged_store_is_replaced_with_a_chinese_warning(_isolated_home):
    (_isolated_home / "progress.db").write_bytes(b"not a database, just bytes" * 100)
    result = run("stats")
    assert result.exit_code == 0, result.output
    assert "警告：无法读取进度库" in result.output and "warning" not in result.output
    assert not english_words(result.output.split("\n")[0], str(_isolated_home))


def test_progress_output_is_chinese(bank):
    settings = run("progress", "settings", "--new-per-day", "3")
    assert settings.exit_code == 0, settings.output
    assert "每日新题数：3" in settings.output and "FSRS 权重：FSRS 默认值" in settings.output
    assert not english_words(settings.output)
    assert "没有被暂停的题目" in run("progress", "unsuspend").output
    runner.invoke(app, ["quiz", "chapter", "1", "--bank", bank, "--only-bank", "--seed", "1"], input="!\n")
    back = run("progress", "unsuspend", "z-one")
    assert back.exit_code == 0 and "已恢复 1 道题：z-one" in back.output
    kept = run("progress", "reset", input="n\n")
    assert kept.exit_code == 1 and "删除全部学习进度？" in kept.output and "没有删除任何内容" in kept.output
    done = run("progress", "reset", "--chapter", "1", "--yes")
    assert "已删除第 1 章的学习进度：" in done.output and not english_words(done.output)


def test_interrupting_a_chinese_command_says_so_in_chinese(monkeypatch):
    import mlvc_review.quiz.settings as settings

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(settings, "load_settings", interrupted)
    result = run("progress", "settings")
    assert result.exit_code == 130 and "已中断" in result.output


@pytest.mark.parametrize("cause, doing, expected", [
    (OSError(errno.ENOSPC, "No space left on device"), "saving this answer", "磁盘已满：保存这次作答失败"),
    (OSError(errno.EIO, "Input/output error"), "reading your progress", "读取学习进度时磁盘报告了读写错误"),
    (OSError(errno.EROFS, "Read-only file system"), "deleting progress", "删除学习进度需要写入它"),
    (sqlite3.OperationalError("database is locked"), "undoing the last answer", "正被另一个 mlvc-review 会话锁定"),
    (OSError(errno.EINVAL, "Invalid argument"), "opening your progress", "打开学习进度失败"),
])
def test_every_store_failure_has_its_chinese_sentence(tmp_path, cause, doing, expected):
    from mlvc_review.quiz.store_errors import store_error

    err = store_error(cause, tmp_path / "progress.db", doing)
    assert expected in err.text("zh") and err.text("en") == str(err)
    reason = getattr(cause, "strerror", None) or str(cause)  # the system's own words, kept for a bug report
    assert not english_words(err.text("zh"), str(tmp_path / "progress.db"), reason)


def test_a_read_only_progress_directory_is_explained_in_chinese(tmp_path, monkeypatch):
    from mlvc_review.quiz import store_errors

    monkeypatch.setattr(store_errors, "writable", lambda _directory: False)
    err = store_errors.store_error(OSError(errno.EACCES, "Permission denied"), tmp_path / "progress.db",
                                   "saving this answer")
    assert "进度目录" in err.text("zh") and "是只读的" in err.text("zh")
    assert not english_words(err.text("zh"), str(tmp_path), "progress.db")


def test_errors_and_texts_carry_both_languages():
    err = UsageError.of("no chapter {n}", "没有第 {n} 章", n=12)
    assert str(err) == "no chapter 12" and err.text("zh") == "没有第 12 章" and err.text("en") == "no chapter 12"
    assert UsageError("English only").text("zh") == "English only"  # never empty: English where no Chinese exists
    line = Text("a.yaml:3: unknown key 'x'", "a.yaml:3：未知的键 'x'")
    assert line == "a.yaml:3: unknown key 'x'" and in_lang(line, "zh").endswith("未知的键 'x'")
    assert in_lang("plain", "zh") == "plain"
    bank = BankError([line, "plain problem"])
    assert bank.text("zh").startswith("题库有 2 个问题：") and "未知的键" in bank.text("zh") and "plain problem" in bank.text("zh")
    assert str(bank).startswith("the question bank has 2 problems:")


# The modules whose errors reach a student through quiz, review, exam, stats, progress, chapters and bank.
STUDENT_FACING = ["cli/quiz.py", "cli/bank.py", "cli/pathcheck.py", "bank/loader.py", "quiz/exam.py", "quiz/selection.py",
                  "quiz/settings.py", "quiz/optimise.py", "quiz/store.py", "quiz/store_errors.py", "quiz/store_open.py"]
ERRORS = {name for name, value in vars(__import__("mlvc_review.errors").errors).items()
          if isinstance(value, type) and issubclass(value, MlvcError)} | {"Unknown"}
AUTHOR_ONLY = {("cli/bank.py", "new_cmd")}  # `bank new` prints a YAML template for authors; it has no --lang


def _english_only_raises(module: str) -> list[str]:
    """`Error("...")` calls in `module` that give no Chinese text (`Error.of(en, zh)` and `Error(en, zh)` do)."""
    found = []

    class Visitor(ast.NodeVisitor):
        def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
            if (module, node.name) not in AUTHOR_ONLY:
                self.generic_visit(node)

        def visit_Call(self, node: ast.Call) -> None:
            if isinstance(node.func, ast.Name) and node.func.id in ERRORS and node.func.id != "BankError" \
                    and len(node.args) < 2 and not any(isinstance(a, ast.Starred) for a in node.args):
                found.append(f"{module}:{node.lineno} {node.func.id}")
            self.generic_visit(node)

    Visitor().visit(ast.parse((ROOT / module).read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("module", STUDENT_FACING)
def test_every_error_a_student_can_meet_is_written_in_both_languages(module):
    assert _english_only_raises(module) == []
