"""The quiz's own interface strings in English and Chinese (question text comes from the bank)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "answer": ("answer", "答案"),
    "reveal": ("type your answer or press Enter to reveal", "写下你的答案，或直接回车查看答案"),
    "rate": ("how well did you know it? 1 again  2 hard  3 good  4 easy", "掌握程度？1 忘记  2 困难  3 良好  4 简单"),
    "ready": ("edit the file, then type 'ready' to grade it", "编辑文件后输入 ready 进行评分"),
    "starter": ("starter file written to {path}", "初始文件已写入 {path}"),
    "existing": ("your file {path} exists: it is kept and graded as it is", "文件 {path} 已存在：保留原文件并按其内容评分"),
    "no_grader": ("code grading is not available in this install; :s skips this question",
                  "此安装不支持代码评分；输入 :s 跳过本题"),
    "nothing_graded": ("nothing in this task could be graded yet; :s skips it", "此题暂时无法评分；输入 :s 跳过"),
    "type_ready": ("type 'ready' when the file is saved", "保存文件后输入 ready"),
    "empty": ("type an answer, or :? for help", "请输入答案，或输入 :? 查看帮助"),
    "not_checked": ("could not check this answer; it was not counted (report: {report}). Write it another way, "
                    "or :s to skip", "无法检查这个答案，本次不计分（报告：{report}）。请换一种写法，或输入 :s 跳过"),
    "no_more_hints": ("no more hints for this question", "本题没有更多提示"),
    "no_hints_exam": ("no hints in an exam", "考试中不提供提示"),
    "help_keys": ("{keys} hint  {skip} skip  {quit} quit  {help} help", "{keys} 提示  {skip} 跳过  {quit} 退出  {help} 帮助"),
    "help_rule": ("commands start with ':'; the plain letter works too when it is not an answer to this question",
                  "命令以 ':' 开头；当单个字母不是本题的可选答案时，也可以直接输入"),
    "help_answer": ("answer format: {fmt}", "作答格式：{fmt}"),
    "correct": ("correct", "正确"),
    "wrong": ("wrong", "错误"),
    "partial": ("partly right", "部分正确"),
    "expected": ("correct answer", "正确答案"),
    "rated": ("rated {rating}", "评为 {rating}"),
    "col_seen": ("seen", "已学"),
    "understood": ("understood as", "理解为"),
    "explanation": ("explanation", "解析"),
    "notes_slip": ("The course notes write this differently", "课程讲义的写法不同"),
    "skipped": ("skipped", "已跳过"),
    "time_up": ("time is up; answers after the limit are not counted", "时间到；超时的答案不计分"),
    "excluded": ("{n} code/flashcard question(s) are left out of exams (grade code with 'mlvc-review grade')",
                 "考试不包含 {n} 道代码题或抽认卡（代码请用 mlvc-review grade 评分）"),
    "nothing": ("nothing to ask: no question matches (try --new, --due or another chapter)",
                "没有可出的题目（试试 --new、--due 或其他章节）"),
    "summary": ("session over", "本次练习结束"),
    "summary_line": ("{answered} answered, {correct} correct, {skipped} skipped, score {score:.1f}/{total}",
                     "作答 {answered} 题，正确 {correct} 题，跳过 {skipped} 题，得分 {score:.1f}/{total}"),
    "ended_time": ("the time limit ended the exam", "考试时间已到"),
    "col_chapter": ("chapter", "章节"),
    "col_answered": ("answered", "已答"),
    "col_score": ("score", "得分"),
    "col_accuracy": ("accuracy", "正确率"),
    "col_recall": ("recall", "记忆保持"),
    "col_due": ("due", "待复习"),
    "col_leeches": ("leeches", "顽固题"),
    "remaining": ("{minutes}:{seconds:02d} left", "剩余 {minutes}:{seconds:02d}"),
    "next_due": ("next review", "下次复习"),
    "seed": ("replay with --seed {seed}", "用 --seed {seed} 可重现本次练习"),
    "exam_report": ("exam report", "考试报告"),
    "your_answer": ("your answer", "你的答案"),
    "hint": ("hint", "提示"),
    "hints_n": ("{n} hint(s)", "{n} 条提示"),
    "fmt_choice": ("one letter, e.g. b", "一个字母，例如 b"),
    "fmt_multi": ("every right letter, e.g. a c", "所有正确选项的字母，例如 a c"),
    "fmt_numeric": ("a number, or arithmetic such as 3*64+1", "一个数字，或算式如 3*64+1"),
    "fmt_symbolic": ("a formula of the variables; ^ or ** is a power, e.g. s*(1 - s)",
                     "用题中变量写的公式；^ 或 ** 表示乘方，例如 s*(1 - s)"),
    "fmt_matrix_expr": ("a matrix expression: inv(A), T(A) or A^T, products with * or a space",
                        "矩阵表达式：inv(A)、T(A) 或 A^T，乘法用 * 或空格"),
    "fmt_flashcard": ("recall the answer, reveal it, then rate yourself 1-4", "先回忆答案，查看后给自己评分 1-4"),
    "fmt_code": ("write the function in the starter file, then type ready", "在初始文件中实现函数，然后输入 ready"),
    "fmt_derivation": ("each step in the form its prompt asks for (a formula, a matrix expression or a number); "
                       ":s gives up a step and shows its answer", "每一步按题目要求作答（公式、矩阵表达式或数字）；"
                       "输入 :s 放弃这一步并查看答案"),
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string `key` in `lang` (English fallback) with `{name}` fields filled."""
    en, zh = STRINGS[key]
    return (zh if lang == "zh" else en).format(**values)
