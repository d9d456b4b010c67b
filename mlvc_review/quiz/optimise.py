"""FSRS weights fitted to the student's own review history (`mlvc-review progress optimise`).

The fsrs package's `Optimizer` does the fitting (its extras, torch, pandas and tqdm,
are dependencies of mlvc-review). Every rated attempt becomes one review log (answers
given in an exam too, as the scheduler saw them); skips have no rating and are left
out. Below `MIN_REVIEWS` rated answers the fit would follow
noise, so the command says how many more are needed. The optimiser itself fits only on
reviews of cards already past their learning steps and, with fewer than 512 of those,
quietly hands back its default weights: that is reported as "not enough yet", never
stored as a fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from mlvc_review.errors import Text, UsageError

MIN_REVIEWS = 400  # FSRS's own guidance: a few hundred reviews before optimising helps


@dataclass(frozen=True)
class Optimised:
    parameters: list[float]
    reviews: int
    message: str


def review_logs(attempts: Iterable[dict]) -> list:
    """One `fsrs.ReviewLog` per rated attempt (skips have no rating), card ids numbered by question."""
    from fsrs import Rating, ReviewLog

    ids: dict[str, int] = {}
    logs = []
    for a in attempts:
        if a["skipped"] or a["rating"] is None:
            continue
        card_id = ids.setdefault(a["question_id"], len(ids) + 1)
        logs.append(ReviewLog(card_id=card_id, rating=Rating(int(a["rating"])),
                              review_datetime=datetime.fromisoformat(a["ts"]),
                              review_duration=int(float(a["seconds"]) * 1000)))
    return logs


def optimise(attempts: Iterable[dict], min_reviews: int = MIN_REVIEWS) -> Optimised:
    """Fit FSRS's weights to `attempts`. UsageError when there is too little history or no optimiser."""
    logs = review_logs(attempts)
    if len(logs) < min_reviews:
        raise UsageError.of("optimising needs at least {need} rated answers; you have {have} ({left} to go). "
                            "Until then FSRS's defaults schedule well.",
                            "优化至少需要 {need} 次评分作答；你现在有 {have} 次（还差 {left} 次）。在此之前 FSRS 的默认权重就能安排好复习。",
                            need=min_reviews, have=len(logs), left=min_reviews - len(logs))
    try:
        from fsrs import Optimizer

        optimizer = Optimizer(logs)
    except (ImportError, TypeError, NameError) as err:
        raise UsageError.of("the FSRS optimiser needs its extras (torch, pandas, tqdm): pip install 'fsrs[optimizer]' "
                            "({err})", "FSRS 优化器需要额外的依赖（torch、pandas、tqdm）：pip install 'fsrs[optimizer]'（{err}）",
                            err=err) from None
    parameters = [float(w) for w in optimizer.compute_optimal_parameters()]
    from fsrs.scheduler import DEFAULT_PARAMETERS

    if parameters == [float(w) for w in DEFAULT_PARAMETERS]:
        raise UsageError.of("your {have} rated answers hold too few reviews of questions already learned (FSRS fits "
                            "on those and needs 512 of them); keep revising: the default weights stay in use",
                            "你的 {have} 次评分作答中，已学会题目的复习太少（FSRS 只用这类复习拟合，需要 512 次）；"
                            "继续复习吧：目前仍使用默认权重", have=len(logs))
    from mlvc_review.quiz.strings import STRINGS

    return Optimised(parameters, len(logs), Text.of(*STRINGS["optimised"], n=len(parameters), reviews=len(logs),
                                                    questions=len({l.card_id for l in logs})))
