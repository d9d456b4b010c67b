"""FSRS weights fitted to the student's own review history (`mlvc-review progress optimise`).

The fsrs package's `Optimizer` does the fitting (it needs its optional extras:
torch, pandas, tqdm). Every rated attempt becomes one review log; skips and answers
given in an exam are reviews too, as the scheduler saw them. Below `MIN_REVIEWS`
rated answers the fit would follow noise, so the command says how many more are needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from mlvc_review.errors import UsageError

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
        raise UsageError(f"optimising needs at least {min_reviews} rated answers; you have {len(logs)} "
                         f"({min_reviews - len(logs)} to go). Until then FSRS's defaults schedule well.")
    try:
        from fsrs import Optimizer

        optimizer = Optimizer(logs)
    except (ImportError, TypeError, NameError) as err:
        raise UsageError("the FSRS optimiser needs its extras (torch, pandas, tqdm): "
                         f"pip install 'fsrs[optimizer]' ({err})") from None
    parameters = [float(w) for w in optimizer.compute_optimal_parameters()]
    return Optimised(parameters, len(logs),
                     f"fitted {len(parameters)} FSRS weights to {len(logs)} reviews of {len({l.card_id for l in logs})} questions")
