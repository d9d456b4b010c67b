"""New-question order and daily limit, stored settings, desired retention, the forecast, topics."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlvc_review.errors import UsageError
from mlvc_review.quiz.scheduler import AGAIN, GOOD, review
from mlvc_review.quiz.selection import introduced_today, new_held_back, order_new, plan_quiz
from mlvc_review.quiz.settings import (Settings, check_retention, load_settings, save_settings, settings_path,
                                       suspend, unsuspend, update_settings)
from mlvc_review.quiz.stats import forecast
from mlvc_review.quiz.topics import closest_tags, weakest_topics
from mlvc_review.quiz.weights import exam_rank

NOW = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)


def q(qid, topic="misc", tags=(), notes_ref=None):
    return SimpleNamespace(id=qid, chapter=1, type="choice", topic=topic, tags=list(tags), notes_ref=notes_ref)


def test_exam_rank_follows_the_notes_priority_list():
    assert exam_rank(q("a", "normal-equation")) == 1.0
    assert exam_rank(q("b", "attention")) == 1.5
    assert exam_rank(q("c", "misc", tags=["latent-diffusion"])) == 4.0
    assert exam_rank(q("d", "misc")) == 3.0
    assert exam_rank(q("e", "misc", notes_ref="C5 重点问题 2")) == 1.0  # one of the notes' key questions


def test_new_questions_come_by_rank_then_interleaved_across_topics():
    questions = [q("ldm", "latent-diffusion"), q("att1", "attention"), q("gan1", "gan"), q("gan2", "gan"),
                 q("vae1", "vae"), q("vae2", "vae"), q("att2", "attention")]
    order = [x.id for x in order_new(questions, seed=3)]
    assert set(order[:4]) == {"gan1", "gan2", "vae1", "vae2"} and order[4:] == ["att1", "att2", "ldm"]
    first_two = {order[0][:3], order[1][:3]}
    assert first_two == {"gan", "vae"}  # the two rank-1 topics take turns
    assert order.index("gan1") < order.index("gan2") and order.index("vae1") < order.index("vae2")


def test_a_question_skipped_before_goes_behind_the_others_of_its_rank():
    questions = [q("a", "gan"), q("b", "gan"), q("c", "gan")]
    assert [x.id for x in order_new(questions, seed=1, skipped={"a"})] == ["b", "c", "a"]


@settings(max_examples=25)
@given(st.lists(st.sampled_from(["gan", "vae", "attention", "misc", "nerf"]), min_size=1, max_size=12),
       st.integers(0, 1000))
def test_order_new_is_a_permutation(topics, seed):
    questions = [q(f"q{i}", t) for i, t in enumerate(topics)]
    order = order_new(questions, seed)
    assert sorted(x.id for x in order) == sorted(x.id for x in questions)
    assert [exam_rank(x) for x in order] == sorted(exam_rank(x) for x in order)


def test_daily_limit_caps_new_questions_and_suspended_ones_never_come():
    questions = [q(f"q{i}", "gan") for i in range(6)]
    items = plan_quiz(questions, {}, NOW, limit=10, seed=1, new_left=2, suspended={"q0"})
    assert [i.question.id for i in items] == ["q1", "q2"]
    assert new_held_back(questions, {}, 2, {"q0"}) == 3
    assert plan_quiz(questions, {}, NOW, limit=10, seed=1, new_left=0) == []


def test_introduced_today_counts_first_answers_of_today_only():
    today = NOW.isoformat()
    yesterday = (NOW - timedelta(days=1)).isoformat()
    attempts = [
        {"question_id": "old", "skipped": 0, "ts": yesterday},
        {"question_id": "old", "skipped": 0, "ts": today},  # a review, not a new question
        {"question_id": "new", "skipped": 0, "ts": today},
        {"question_id": "skipped", "skipped": 1, "ts": today},
    ]
    assert introduced_today(attempts, NOW) == 1


def test_settings_round_trip_keep_unknown_keys_and_survive_garbage():
    assert load_settings() == Settings()
    saved = update_settings(new_per_day=7, retention=0.85)
    assert load_settings() == saved and saved.new_per_day == 7 and saved.retention == 0.85
    data = json.loads(settings_path().read_text())
    data["from_a_newer_release"] = 1
    settings_path().write_text(json.dumps(data))
    suspend("x")
    assert json.loads(settings_path().read_text())["from_a_newer_release"] == 1
    assert unsuspend(None)[1] == ["x"] and load_settings().suspended == ()
    settings_path().write_text("{not json")
    assert load_settings() == Settings()
    settings_path().write_text(json.dumps({"new_per_day": -3, "retention": 5}))
    assert load_settings() == Settings()


def test_retention_is_checked_and_a_higher_one_brings_cards_back_sooner():
    with pytest.raises(UsageError):
        check_retention(0.5)
    card = review(None, "x", 1, GOOD, NOW)
    card = review(card, "x", 1, GOOD, card.due)  # graduated: Review state
    lenient = review(card, "x", 1, GOOD, card.due, retention=0.8)
    strict = review(card, "x", 1, GOOD, card.due, retention=0.97)
    assert strict.due < lenient.due


def test_forecast_counts_overdue_today_and_each_later_day():
    base = review(None, "x", 1, GOOD, NOW)
    cards = {qid: replace(base, question_id=qid, due=due) for qid, due in [
        ("late", NOW - timedelta(days=5)), ("soon", NOW + timedelta(days=2)), ("far", NOW + timedelta(days=40))]}
    days = forecast(cards, NOW, days=7)
    assert len(days) == 7 and days[0]["due"] == 1 and days[2]["due"] == 1 and sum(d["due"] for d in days) == 2
    assert days[0]["date"] == NOW.astimezone().date().isoformat()


def test_closest_tags_are_few_and_close():
    questions = [q("a", "attention", ["multi-head-attention", "softmax"]), q("b", "diffusion", ["noise-schedule"]),
                 q("c", "additive-attention")]
    assert closest_tags("atention", questions)[0] == "attention"
    assert "multi-head-attention" in closest_tags("multi-head", questions)
    assert closest_tags("zzzz", questions) == []
    assert len(closest_tags("a", questions * 50)) <= 5


def test_weakest_topics_need_enough_answers_and_come_weakest_first():
    attempts = ([{"question_id": "g", "skipped": 0, "score": 0.0, "correct": 0}] * 3
                + [{"question_id": "v", "skipped": 0, "score": 1.0, "correct": 1}] * 3
                + [{"question_id": "n", "skipped": 0, "score": 0.0, "correct": 0}] * 2
                + [{"question_id": "v", "skipped": 1, "score": 0.0, "correct": 0}] * 9)
    rows = weakest_topics(attempts, {"g": "gan", "v": "vae", "n": "nerf"}, min_answers=3)
    assert [(r["topic"], r["answered"], r["accuracy"]) for r in rows] == [("gan", 3, 0.0), ("vae", 3, 1.0)]


def test_optimise_turns_rated_attempts_into_review_logs_and_needs_enough_of_them():
    from mlvc_review.quiz.optimise import optimise, review_logs

    attempts = [{"question_id": f"q{i % 7}", "skipped": 0, "rating": 1 + i % 4, "seconds": 4.5,
                 "ts": (NOW + timedelta(days=i)).isoformat()} for i in range(30)]
    attempts.append({"question_id": "q0", "skipped": 1, "rating": None, "seconds": 1.0, "ts": NOW.isoformat()})
    logs = review_logs(attempts)
    assert len(logs) == 30 and {log.card_id for log in logs} == set(range(1, 8))
    assert logs[0].review_duration == 4500 and int(logs[1].rating) == 2
    with pytest.raises(UsageError, match="at least 400 rated answers; you have 30"):
        optimise(attempts)
    # enough for our floor, too few learned-card reviews for FSRS: its defaults are not passed off as a fit
    with pytest.raises(UsageError, match="too few reviews of questions already learned"):
        optimise(attempts, min_reviews=10)


def _simulated_history(seed: int, forgetting: float, n_questions: int = 70, days: int = 90) -> list[dict]:
    """Attempts (the store's rows) of a student scheduled by default FSRS whose real recall is
    R ** forgetting: above 1 they forget faster than the default model predicts."""
    import random

    from fsrs import Card, Rating, Scheduler

    rng = random.Random(seed)
    scheduler = Scheduler(enable_fuzzing=False)
    start = datetime.now(timezone.utc)
    cards = [Card() for _ in range(n_questions)]
    attempts = []
    for day in range(days):
        today = start + timedelta(days=day, minutes=1)
        for i, card in enumerate(cards):
            if card.due <= today:
                recalled = rng.random() < scheduler.get_card_retrievability(card, today) ** forgetting
                rating = Rating.Good if recalled else Rating.Again
                cards[i], _ = scheduler.review_card(card, rating, today)
                attempts.append({"question_id": f"q{i}", "skipped": 0, "rating": int(rating), "seconds": 5.0,
                                 "ts": today.isoformat()})
    return attempts


def _fourth_interval_days(parameters) -> float:
    """Days until the next review after three Good answers, each given when due."""
    from fsrs import Card, Rating, Scheduler

    scheduler = Scheduler(parameters=parameters, enable_fuzzing=False)
    card, when = Card(), datetime.now(timezone.utc)
    for _ in range(4):
        card, _ = scheduler.review_card(card, Rating.Good, when)
        previous, when = when, card.due
    return (when - previous).total_seconds() / 86400


@pytest.mark.slow
def test_the_real_fit_shortens_intervals_for_a_student_who_forgets_faster_than_the_defaults_assume():
    from fsrs import Scheduler

    from mlvc_review.quiz.optimise import optimise

    history = _simulated_history(seed=0, forgetting=2.0)
    result = optimise(history)
    assert result.reviews == len(history) > 512 and len(result.parameters) == 21
    assert all(math.isfinite(w) for w in result.parameters)
    default = _fourth_interval_days(Scheduler().parameters)
    fitted = _fourth_interval_days(result.parameters)
    assert fitted < 0.6 * default, (fitted, default)
