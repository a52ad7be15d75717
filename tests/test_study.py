"""The study loop: cards, FSRS review replayed from logs, the daily cap, own cards, merging."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llmcourse import config
from llmcourse.progress import store
from llmcourse.progress.model import State, state_data
from llmcourse.progress.ops import merge
from llmcourse.study.records import OwnCard, Review

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CARD = "quantization/awq"


def at(when: datetime) -> dict[str, str]:
    return {"LLMCOURSE_NOW": when.isoformat()}


def when_of(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def due_json(run, when: datetime, *extra: str) -> list[dict]:
    result = run("review", "--due", "--json", *extra, env=at(when))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def rate(run, when: datetime, rating: str, card: str = CARD) -> dict:
    result = run("review", "rate", card, rating, "--json", env=at(when))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_started_topics_give_concept_cards_due_from_the_start(run) -> None:
    assert due_json(run, T0) == []
    run("start", "quantization", env=at(T0))
    cards = due_json(run, T0 + timedelta(minutes=1))
    concepts = json.loads(run("show", "quantization", "--json").stdout)["concepts"]
    assert [c["id"] for c in cards] == [f"quantization/{c['id']}" for c in concepts]
    first = cards[0]
    assert set(first) >= {"id", "topic_id", "front", "back", "due"}
    assert first["topic_id"] == "quantization"
    assert first["front"] == f"{concepts[0]['name']} — Quantization"
    assert concepts[0]["summary"] in first["back"]
    assert when_of(first["due"]) == T0
    assert due_json(run, T0 - timedelta(minutes=1)) == []  # due from the moment it was started
    gguf = next(c for c in cards if c["id"] == "quantization/gguf-and-llama-cpp")
    assert "https://github.com/ggerganov/llama.cpp" in gguf["back"]  # the concept's links
    zh = json.loads(run("--lang", "zh-TW", "review", "--due", "--json", env=at(T0)).stdout)
    assert zh[0]["front"].endswith("— 量化")
    run("reset", "quantization", env=at(T0))
    assert due_json(run, T0 + timedelta(minutes=2)) == []  # a topic back to todo leaves the deck


def test_due_dates_move_with_ratings_as_fsrs_says(run) -> None:
    run("start", "quantization", env=at(T0))
    times = [T0 + timedelta(hours=1), T0 + timedelta(days=1), T0 + timedelta(days=5)]
    ratings = ["good", "good", "again"]
    # The scheduler as documented: FSRS defaults, no fuzzing, no learning steps of minutes.
    scheduler = fsrs.Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())
    card = fsrs.Card(card_id=7, due=times[0])
    for when, rating in zip(times, ratings, strict=True):
        card, _ = scheduler.review_card(card, fsrs.Rating[rating.capitalize()], when)
        shown = rate(run, when, rating)
        assert when_of(shown["due"]) == card.due
    assert CARD not in [c["id"] for c in due_json(run, card.due - timedelta(seconds=1))]
    assert CARD in [c["id"] for c in due_json(run, card.due)]
    # An easy rating pushes the card further out than a hard one.
    run("start", "rlhf", env=at(T0))
    hard = rate(run, T0 + timedelta(hours=1), "hard", "rlhf/" + _first_concept(run, "rlhf"))
    easy = rate(run, T0 + timedelta(hours=1), "4", "quantization/base-techniques")
    assert when_of(easy["due"]) > when_of(hard["due"])


def _first_concept(run, topic: str) -> str:
    return json.loads(run("show", topic, "--json").stdout)["concepts"][0]["id"]


def test_two_homes_rating_the_same_way_agree(run, tmp_path: Path) -> None:
    results = []
    for name in ("laptop", "desktop"):
        env_home = {"LLMCOURSE_HOME": str(tmp_path / name)}
        run("start", "quantization", env={**env_home, **at(T0)})
        for day, rating in enumerate(["good", "hard", "easy"], 1):
            when = T0 + timedelta(days=day)
            run("review", "rate", CARD, rating, env={**env_home, **at(when)})
        later = T0 + timedelta(days=60)
        out = run("review", "--due", "--all", "--json", env={**env_home, **at(later)})
        results.append(json.loads(out.stdout))
    assert results[0] == results[1]
    assert CARD in [c["id"] for c in results[0]]


def test_bad_ratings_and_unknown_cards_are_errors(run) -> None:
    run("start", "quantization", env=at(T0))
    bad = run("review", "rate", CARD, "great", env=at(T0))
    assert bad.exit_code == 2 and "not a rating" in bad.stderr
    unknown = run("review", "rate", "rlhf/nothing", "good", env=at(T0))
    assert unknown.exit_code == 1 and "no card" in unknown.stderr
    assert run("review", "rate", CARD, env=at(T0)).exit_code == 2
    assert store.read().reviews == {}


def test_interactive_review_by_feeding_keys(run) -> None:
    run("start", "quantization", env=at(T0))
    keys = "\n3\n\nx\n1\nq\n"  # reveal, good; reveal, a wrong key, again; stop
    result = run("review", input=keys, env=at(T0 + timedelta(hours=1)))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Card 1/" in out and "Base techniques — Quantization" in out
    assert "absmax" in out  # the back, shown after Enter
    assert "quantization/base-techniques: good" in out
    assert "quantization/gguf-and-llama-cpp: again" in out
    assert "Rated 2 cards" in out
    ratings = sorted((r.card, r.rating) for r in store.read().reviews.values())
    assert ratings == [
        ("quantization/base-techniques", "good"),
        ("quantization/gguf-and-llama-cpp", "again"),
    ]
    # The end of input stops as `q` does; rated cards are no longer due right away.
    again = run("review", input="", env=at(T0 + timedelta(hours=1)))
    assert again.exit_code == 0 and "Rated 0 cards" in again.stdout
    once = run("review", input="\n3\nq\n", env=at(T0 + timedelta(hours=2)))
    assert "Rated 1 card this session" in once.stdout  # the singular


def test_interactive_review_in_chinese(run) -> None:
    run("start", "quantization", env=at(T0))
    out = run("--lang", "zh-TW", "review", input="\n良好\nq\n", env=at(T0)).stdout
    assert "按 Enter 顯示答案" in out and "良好" in out and "基礎技術 — 量化" in out


def test_daily_cap_and_gentle_catch_up(run) -> None:
    config.update(review_limit=2)
    run("start", "quantization", env=at(T0))
    run("start", "rlhf", env=at(T0))
    later = T0 + timedelta(days=30)  # back after a break: every card is due
    everything = due_json(run, later, "--all")
    assert len(everything) > 4
    today = due_json(run, later)
    assert [c["id"] for c in today] == [c["id"] for c in everything[:2]]
    text = run("review", "--due", env=at(later)).stdout
    assert f"{len(everything)} cards are due; today's share is 2" in text
    days = -(-(len(everything) - 2) // 2)
    assert f"the rest come over the next {days} days" in text
    for card in today:
        rate(run, later + timedelta(minutes=1), "good", card["id"])
    assert due_json(run, later + timedelta(minutes=2)) == []  # the cap is reached for today
    capped = run("review", env=at(later + timedelta(minutes=2)))
    assert "Today's 2 reviews are done" in capped.stdout
    tomorrow = due_json(run, later + timedelta(days=1))
    assert [c["id"] for c in tomorrow] == [c["id"] for c in everything[2:4]]
    progress = json.loads(run("progress", "--json", env=at(later + timedelta(minutes=2))).stdout)
    assert progress["reviews"]["done_today"] == 2
    assert progress["reviews"]["due"] == len(everything) - 2


def test_cards_rated_before_come_before_new_ones(run) -> None:
    run("start", "quantization", env=at(T0))
    rate(run, T0, "again", "quantization/awq")
    later = T0 + timedelta(days=3)
    assert due_json(run, later)[0]["id"] == "quantization/awq"


def test_bad_review_limit_is_an_error(run) -> None:
    config.update(review_limit="many")
    result = run("review", "--due")
    assert result.exit_code == 1 and "review_limit" in result.stderr


def test_own_cards_add_list_remove(run) -> None:
    added = run("card", "add", "2.7", "What does GPTQ need?", "A calibration set", "--json",
                env=at(T0))  # fmt: skip
    assert added.exit_code == 0, added.output
    card_id = json.loads(added.stdout)["id"]
    assert len(card_id) == 32 and int(card_id, 16) >= 0  # a random 128-bit id, not a counter
    listed = json.loads(run("card", "list", "--json").stdout)
    assert listed == [
        {"id": card_id, "topic_id": "quantization", "front": "What does GPTQ need?",
         "back": "A calibration set", "own": True, "added": "2026-11-02T09:00:00Z"}
    ]  # fmt: skip
    # Own cards are reviewed like the others, without starting the topic.
    assert [c["id"] for c in due_json(run, T0)] == [card_id]
    rate(run, T0, "good", card_id[:6])
    assert f"{card_id[:8]}  2.7" in run("card", "list").stdout  # a short id for people
    run("start", "quantization", env=at(T0))
    deck = json.loads(run("card", "list", "--all", "--json").stdout)
    assert deck[0]["id"] == "quantization/base-techniques" and deck[-1]["id"] == card_id
    # A change needs an exact reference: a keyword changes nothing.
    loose = run("card", "add", "gptq", "front", "back")
    assert loose.exit_code == 1 and "not an exact reference" in loose.stderr
    assert run("card", "add", "2.7", " ", "back").exit_code == 2
    removed = run("card", "remove", card_id[:6], env=at(T0 + timedelta(hours=1)))
    assert removed.exit_code == 0 and card_id in removed.stdout
    assert json.loads(run("card", "list", "--json").stdout) == []
    assert store.read().cards[card_id].removed  # a tombstone, so a merge cannot revive it
    assert run("card", "remove", card_id[:6]).exit_code == 1
    assert run("card", "frobnicate").exit_code == 2


def test_reviews_and_cards_travel_with_export_and_import(run, tmp_path: Path) -> None:
    home_a, home_b = tmp_path / "a", tmp_path / "b"
    run("start", "quantization", env={"LLMCOURSE_HOME": str(home_a), **at(T0)})
    run("review", "rate", CARD, "good", env={"LLMCOURSE_HOME": str(home_a), **at(T0)})
    run("start", "quantization", env={"LLMCOURSE_HOME": str(home_b), **at(T0)})
    run("card", "add", "2.7", "Q", "A", env={"LLMCOURSE_HOME": str(home_b), **at(T0)})
    run("review", "rate", CARD, "hard",
        env={"LLMCOURSE_HOME": str(home_b), **at(T0 + timedelta(hours=2))})  # fmt: skip
    files = []
    for home in (home_a, home_b):
        out = tmp_path / f"{home.name}.json"
        run("export", "-o", str(out), env={"LLMCOURSE_HOME": str(home)})
        files.append(out)
    for home, other in ((home_a, files[1]), (home_b, files[0])):
        result = run("import", str(other), env={"LLMCOURSE_HOME": str(home), **at(T0)})
        assert result.exit_code == 0, result.output
    a = store.read(home_a / "state.toml")
    b = store.read(home_b / "state.toml")
    assert len(a.reviews) == 2 and len(a.cards) == 1
    assert state_data(a)["reviews"] == state_data(b)["reviews"]
    assert state_data(a)["cards"] == state_data(b)["cards"]
    again = run("import", str(files[1]), "--json", env={"LLMCOURSE_HOME": str(home_a)})
    assert json.loads(again.stdout)["study_records"] == 0  # importing twice changes nothing


def test_a_state_without_study_records_is_written_as_before() -> None:
    data = state_data(State())
    assert "reviews" not in data and "cards" not in data


def test_a_damaged_review_record_is_reported(isolated_home: Path, run) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "state.toml").write_text(
        'schema_version = 1\n[reviews.r1]\ncard = "x/y"\nrating = "superb"\n', encoding="utf-8"
    )
    result = run("review", "--due")
    assert result.exit_code == 1
    assert "reviews.r1.rating" in result.stderr and "reviews.r1.reviewed_at" in result.stderr


def test_a_day_with_reviews_counts_for_the_streak(run) -> None:
    run("start", "quantization", env=at(T0))
    for day in (1, 2):
        rate(
            run,
            T0 + timedelta(days=day),
            "good",
            f"quantization/{['awq', 'base-techniques'][day - 1]}",
        )
    progress = json.loads(run("progress", "--json", env=at(T0 + timedelta(days=2))).stdout)
    assert progress["streak_days"] == 3
    text = run("progress", env=at(T0 + timedelta(days=2))).stdout
    assert "Reviews:" in text and "1 done today" in text


# --- merging review logs: a union ------------------------------------------------------------

times = st.integers(0, 4).map(lambda n: T0 + timedelta(hours=n))
# A review id always names the same review on every machine (it is never changed).
REVIEWS = {
    f"r{i}": Review(card=f"t/c{i % 3}", rating=("again", "hard", "good", "easy")[i % 4],
                    reviewed_at=T0 + timedelta(hours=i))
    for i in range(8)
}  # fmt: skip
own_cards = st.builds(
    OwnCard,
    node=st.sampled_from(["quantization", "rlhf"]),
    front=st.sampled_from(["q1", "q2"]),
    back=st.sampled_from(["a1", "a2"]),
    created=times,
    changed=times,
    removed=st.booleans(),
)


@st.composite
def study_states(draw: st.DrawFn) -> State:
    ids = draw(st.sets(st.sampled_from(sorted(REVIEWS)), max_size=6))
    state = State()
    state.reviews = {k: REVIEWS[k] for k in ids}
    state.cards = draw(st.dictionaries(st.sampled_from(["c1", "c2", "c3"]), own_cards, max_size=3))
    return state


def study(s: State) -> dict:
    data = state_data(s)
    return {"reviews": data.get("reviews", {}), "cards": data.get("cards", {})}


@settings(max_examples=60, deadline=None)
@given(study_states(), study_states(), study_states())
def test_merging_review_logs_is_a_union(a: State, b: State, c: State) -> None:
    ab = merge(a, b)
    assert set(ab.reviews) == set(a.reviews) | set(b.reviews)  # nothing dropped
    assert set(ab.cards) == set(a.cards) | set(b.cards)
    assert study(ab) == study(merge(b, a))  # commutative
    assert study(merge(ab, ab)) == study(ab) == study(merge(ab, a))  # idempotent
    assert study(merge(ab, c)) == study(merge(a, merge(b, c)))  # associative


# --- plan ------------------------------------------------------------------------------------


def plan_json(run, *args: str, when: datetime = T0) -> dict:
    result = run("plan", *args, "--json", env=at(when))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_plan_respects_prerequisites_and_skips_what_is_done(run) -> None:
    course = json.loads(run("list", "--json").stdout)
    topics = {t["id"]: t for p in course["parts"] for t in p["topics"]}
    run("done", "mathematics", "python", env=at(T0))
    run("skip", "nlp", env=at(T0))
    nn = topics["neural-networks"]["resources"]
    run("done", nn[0]["id"], env=at(T0))
    plan = plan_json(run, "--hours-per-week", "6")
    order: list[str] = []
    for week in plan["weeks"]:
        assert week["hours"] <= 6 + 1e-9
        order += [t for t in week["topics"] if t not in order]
    assert set(order) == set(topics) - {"mathematics", "python", "nlp"}
    for i, topic in enumerate(order):
        assert all(p not in order[i:] for p in topics[topic]["prerequisites"]), topic
    planned = {r for w in plan["weeks"] for r in w["resources"]}
    assert nn[0]["id"] not in planned and nn[1]["id"] in planned
    assert plan["weeks"][0]["start"] == "2026-11-02"
    assert plan["weeks"][1]["start"] == "2026-11-09"
    total = plan["total_hours"]
    assert sum(w["hours"] for w in plan["weeks"]) == pytest.approx(total)
    weeks_needed = -(-total // 6)
    assert len(plan["weeks"]) == weeks_needed
    assert plan["finish"] <= (T0 + timedelta(days=7 * weeks_needed - 1)).date().isoformat()


def test_plan_until_gives_the_pace_it_needs(run) -> None:
    full = plan_json(run, "-H", "10")
    plan = plan_json(run, "--until", "2027-11-01")
    days = 365
    assert plan["needed_hours_per_week"] == pytest.approx(full["total_hours"] * 7 / days, abs=0.01)
    assert plan["finish"] <= "2027-11-01"
    text = run("plan", "--until", "2027-11-01", env=at(T0)).stdout
    assert "To finish by 2027-11-01 you need" in text
    assert run("plan", "--until", "2020-01-01", env=at(T0)).exit_code == 2
    assert run("plan", "--until", "soon", env=at(T0)).exit_code == 2
    assert run("plan", env=at(T0)).exit_code == 2
    assert run("plan", "-H", "0", env=at(T0)).exit_code == 2


def test_a_course_with_nothing_left(run) -> None:
    course = json.loads(run("list", "--json").stdout)
    run("done", *[t["id"] for p in course["parts"] for t in p["topics"]], env=at(T0))
    plan = plan_json(run, "-H", "5")
    assert plan["weeks"] == [] and plan["finish"] is None and plan["total_hours"] == 0
    assert "Nothing left to plan" in run("plan", "-H", "5", env=at(T0)).stdout


def test_saved_plan_says_on_track_or_behind(run) -> None:
    saved = run("plan", "-H", "5", "--save", env=at(T0))
    assert saved.exit_code == 0 and "Plan saved" in saved.stdout
    assert config.load()["plan"]["hours_per_week"] == 5
    progress = json.loads(run("progress", "--json", env=at(T0)).stdout)
    assert progress["plan"]["on_track"] is True
    three_weeks = T0 + timedelta(days=21)
    behind = json.loads(run("progress", "--json", env=at(three_weeks)).stdout)["plan"]
    assert behind["on_track"] is False and behind["behind_hours"] == 15
    assert "Plan: behind by 15 h" in run("progress", env=at(three_weeks)).stdout
    # Doing the work catches up: the first topic's resources are done.
    course = json.loads(run("list", "--json").stdout)
    math = course["parts"][0]["topics"][0]
    run("done", "mathematics", *[str(i + 1) for i in range(len(math["resources"]))],
        env=at(three_weeks))  # fmt: skip
    run("done", "mathematics", env=at(three_weeks))
    after = json.loads(run("progress", "--json", env=at(three_weeks)).stdout)["plan"]
    assert after["done_hours"] > 15 and after["on_track"] is True
    assert plan_json(run)["hours_per_week"] == 5  # `plan` alone uses the saved pace
    none = json.loads(run("progress", "--json").stdout)
    config.update(plan=None)
    assert json.loads(run("progress", "--json").stdout)["plan"] is None
    assert "reviews" in none


@settings(max_examples=40, deadline=None)
@given(st.floats(0.3, 40), st.sets(st.sampled_from(["mathematics", "python", "rlhf"])))
def test_any_pace_lays_out_every_hour_once(pace: float, done: set[str]) -> None:
    from llmcourse.cli.session import active_course_path
    from llmcourse.course.load import load_course
    from llmcourse.study.plan import make_plan

    course = load_course(active_course_path(None), None)
    plan = make_plan(course, dict.fromkeys(done, "done"), T0.date(), pace)
    assert all(w.hours <= pace + 0.01 for w in plan.weeks)
    rounding = 0.005 * len(plan.weeks) + 0.01  # each week's hours are shown to 2 decimals
    assert sum(w.hours for w in plan.weeks) == pytest.approx(plan.total_hours, abs=rounding)
    assert len(plan.weeks) == max(1, -(-plan.total_hours // pace)) or plan.total_hours % pace < 0.01
    assert not done & {t for w in plan.weeks for t in w.topics}
    assert plan.finish is not None and plan.finish < plan.weeks[-1].start + timedelta(days=7)


def test_plan_and_reviews_in_chinese(run) -> None:
    run("start", "quantization", env=at(T0))
    plan = run("--lang", "zh-TW", "plan", "-H", "5", "--save", env=at(T0)).stdout
    assert "每週 5 小時" in plan and "預計完成" in plan and "計畫已儲存" in plan
    progress = run("--lang", "zh-TW", "progress", env=at(T0 + timedelta(days=14))).stdout
    assert "複習：" in progress and "計畫：落後" in progress
    cards = run("--lang", "zh-TW", "card", "list").stdout
    assert "llmcourse card add" in cards
