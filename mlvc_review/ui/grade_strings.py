"""The text grading report's own labels in English and Chinese (messages come from the grader core).

Kept apart from the quiz's `mlvc_review.quiz.strings`: the report is rendered by
`mlvc-review grade` and by class runs, which never load the quiz.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # the table of one submission
    "col_status": ("status", "状态"),
    "col_task": ("task", "任务"),
    "col_score": ("score", "得分"),
    "col_checks": ("checks", "检查"),
    "passed": ("passed", "通过"),
    "failed": ("failed", "未通过"),
    "error": ("error", "出错"),
    "timeout": ("timeout", "超时"),
    "skipped": ("skipped", "跳过"),
    "unreadable": ("unreadable", "无法读取"),
    "tasks_passed": ("{passed} of {total} tasks passed", "{total} 个任务中通过 {passed} 个"),
    "no_tasks": ("no task graded", "没有可评分的任务"),
    "checks_all": ("all {n} passed", "{n} 项全部通过"),
    "checks_part": ("{status}: {names}", "{status}：{names}"),
    "checks_count": (" ({passed} of {total} passed)", "（{total} 项中通过 {passed} 项）"),
    "checks_skipped": (", {n} skipped", "，{n} 项跳过"),
    "list_sep": (", ", "、"),
    "colon": (": ", "："),
    "paren": (" ({text})", "（{text}）"),
    # the failure panels
    "input": ("input", "输入"),
    "expected": ("expected", "期望"),
    "got": ("got", "实际"),
    "hidden": ("(hidden)", "（隐藏）"),
    "max_abs": ("max abs error {abs}", "最大绝对误差 {abs}"),
    "max_rel": (", max rel error {rel} (where |expected| > atol)", "，最大相对误差 {rel}（只计 |期望值| > atol 的元素）"),
    "diagnosis": ("diagnosis", "诊断"),
    "hint": ("hint", "提示"),
    "same_failure": ("the same in: {checks}", "以下检查结果相同：{checks}"),
    "reproduce": ("reproduce", "复现命令"),
    "skipped_check": ("{task} · {check}: skipped, {why}", "{task} · {check}：已跳过，{why}"),
    "measured_check": ("{task} · {check}: {what}", "{task} · {check}：{what}"),
    # the end of the report
    "sandbox": ("sandbox: {how}", "沙箱：{how}"),
    "seed": ("seed {seed} (rerun with --seed {seed} to reproduce)", "随机种子 {seed}（加上 --seed {seed} 重新运行即可复现）"),
}

# Status symbols beside the words: the report reads the same with no colour.
SYMBOLS: dict[str, tuple[str, str]] = {  # (unicode, ascii)
    "passed": ("✓", "+"),
    "failed": ("✗", "x"),
    "error": ("✗", "x"),
    "timeout": ("✗", "x"),
    "skipped": ("–", "-"),
    "unreadable": ("✗", "x"),
}


def label(key: str, lang: str = "en", **fields: object) -> str:
    """The label `key` in `lang` (English when there is no such language), with `fields` filled in."""
    en, zh = LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**fields) if fields else text
