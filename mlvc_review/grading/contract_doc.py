"""The contract as a document: which entries a command asks for, and the contract as Markdown or JSON.

`mlvc-review tasks` renders these; docs/contract.md and docs/contract.zh.md are `markdown(every
entry, lang)` without grading status, so a new task module or bank question never makes them
stale. Regenerate them after editing contract_data.py with

    python -m mlvc_review.grading.contract_doc
"""

from __future__ import annotations

import sys
from pathlib import Path

from mlvc_review.errors import UsageError
from mlvc_review.grading.contract import (CHAPTERS, CONTRACT, CONVENTIONS, LABELS, RULES, Entry, Text,
                                          chapter_entries, suggestions)
from mlvc_review.grading.contract_status import Status, bank_function

DOCS = {"en": "docs/contract.md", "zh": "docs/contract.zh.md"}
GENERATED = ("<!-- Generated from mlvc_review/grading/contract_data.py by "
             "`python -m mlvc_review.grading.contract_doc`: edit the data, then regenerate. -->")
TITLE = Text("Coding-task contract", "编程任务契约")
INTRO = Text(
    "Every coding task of mlvc-review names one function or class below. `mlvc-review tasks` shows this "
    "contract in the terminal (`--lang zh` in Chinese, `--format json` for tools), together with whether the "
    "grader checks each entry today and its question-bank task id; `mlvc-review start chapter N` writes stubs "
    "with these signatures. 中文版：[contract.zh.md](contract.zh.md).",
    "mlvc-review 的每个编程任务都对应下面的一个函数或类。`mlvc-review tasks --lang zh` 在终端中显示本契约"
    "（`--format json` 供工具使用），并给出评分器目前是否检查每一项以及它在题库中的任务 id；"
    "`mlvc-review start chapter N` 按这些签名生成骨架文件。English: [contract.md](contract.md).",
)
KINDS = {"numpy": Text("NumPy function", "NumPy 函数"), "torch": Text("torch function", "torch 函数"),
         "class": Text("torch `nn.Module` class", "torch `nn.Module` 类")}


def usage(entry: Entry) -> str:
    """How the entry is called: "normal_equation(X, y) -> w"; a class: "VAE(data_dim, latent_dim); ..."."""
    return entry.signature if entry.kind == "class" else f"{entry.name}{entry.signature}"


def kind(entry: Entry, lang: str) -> str:
    """"NumPy function", "torch function" or "torch `nn.Module` class", in `lang`."""
    return KINDS["class" if entry.kind == "class" else entry.framework].get(lang)


def chapter_title(number: int, lang: str) -> str:
    """"Chapter 3 — Images, convolution and CNNs" / "第 3 章 — 图像、卷积与卷积神经网络"."""
    head = f"第 {number} 章" if lang == "zh" else f"Chapter {number}"
    return f"{head} — {CHAPTERS[number].get(lang)}"


def graded_text(status: Status, lang: str) -> tuple[str, str]:
    """(graded, bank task) as words in `lang`."""
    zh = lang == "zh"
    graded = ("是" if zh else "yes") if status.graded else ("尚未评分" if zh else "not yet")
    bank = ", ".join(f"`{i}`" for i in status.bank_ids) or ("题库中尚无题目" if zh else "no bank question yet")
    return graded, bank


def select(targets: list[str]) -> list[Entry]:
    """Entries for `tasks` arguments: none (all), function or class names, bank task ids, "chapter N" / "N".

    Raises:
        UsageError: an unknown name (naming the close ones) or chapter.
    """
    if not targets:
        return list(CONTRACT.values())
    words, chosen = list(targets), []
    while words:
        word = words.pop(0)
        if word.lower() in ("chapter", "ch") and words:
            word = words.pop(0)
        if word.isdigit():
            if int(word) not in CHAPTERS:
                raise UsageError(f"no chapter {word} in the contract (chapters {min(CHAPTERS)}-{max(CHAPTERS)})")
            chosen += chapter_entries(int(word))
        elif word in CONTRACT:
            chosen.append(CONTRACT[word])
        elif (function := bank_function(word)) is not None:
            chosen.append(CONTRACT[function])
        else:
            close = suggestions(word)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise UsageError(f"'{word}' is not a contract function, class or bank task id{hint} "
                             "('mlvc-review tasks' lists them all)")
    return list({e.name: e for e in chosen}.values())


def as_json(entries: list[Entry], lang: str, status: dict[str, Status]) -> dict:
    """The document of `tasks --format json`: texts in `lang`, inline code between backticks."""
    rows = []
    for e in entries:
        texts = dict(e.sections(lang))
        rows.append({
            "name": e.name, "chapter": e.chapter, "kind": e.kind, "framework": e.framework, "signature": usage(e),
            "params": [{"name": p.name, "default": p.default} for p in e.params],
            "meaning": texts["meaning"], "shapes": texts.get("shapes"), "required": texts.get("required"),
            "tolerance": texts["tolerance"], "tolerance_is_default": e.tolerance is None, "heavy": texts.get("heavy"),
            "graded": status[e.name].graded, "bank_ids": list(status[e.name].bank_ids),
        })
    chapters = sorted({e.chapter for e in entries})
    return {"lang": lang, "rules": [t.get(lang) for t in RULES], "conventions": [t.get(lang) for t in CONVENTIONS],
            "chapters": [{"number": n, "title": CHAPTERS[n].get(lang)} for n in chapters], "entries": rows}


def markdown(entries: list[Entry], lang: str, status: dict[str, Status] | None = None, *, preamble: bool = True) -> str:
    """The contract as Markdown; with `status`, each entry also says whether it is graded and its bank ids."""
    out: list[str] = []
    if preamble:
        out += [f"# {TITLE.get(lang)}", "", GENERATED, "", INTRO.get(lang), ""]
        for key, items in (("rules", RULES), ("conventions", CONVENTIONS)):
            out += [f"## {LABELS[key].get(lang)}", "", *(f"- {t.get(lang)}" for t in items), ""]
    for chapter in sorted({e.chapter for e in entries}):
        out += [f"## {chapter_title(chapter, lang)}", ""]
        for e in (e for e in entries if e.chapter == chapter):
            out += [f"### `{e.name}`", "", f"`{usage(e)}` · {kind(e, lang)}", ""]
            colon = "：" if lang == "zh" else ": "
            out += [f"- **{LABELS[key].get(lang)}**{colon}{text}" for key, text in e.sections(lang)]
            if status is not None:
                graded, bank = graded_text(status[e.name], lang)
                out += [f"- **{LABELS['graded'].get(lang)}**{colon}{graded}", f"- **{LABELS['bank'].get(lang)}**{colon}{bank}"]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def documents() -> dict[str, str]:
    """Repository path -> the text that docs/contract*.md must hold."""
    return {path: markdown(list(CONTRACT.values()), lang) for lang, path in DOCS.items()}


def write_documents(root: Path) -> list[Path]:
    """Write docs/contract.md and docs/contract.zh.md under the repository `root`; returns their paths."""
    written = []
    for rel, text in documents().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    checkout = Path(__file__).resolve().parents[2]  # an installed package has no docs/: then the working directory
    default = checkout if (checkout / "pyproject.toml").is_file() else Path.cwd()
    for done in write_documents(Path(sys.argv[1]) if len(sys.argv) > 1 else default):
        print(f"wrote {done}")
