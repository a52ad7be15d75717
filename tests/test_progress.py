"""Roll-ups: `progress` counts, bars, streak, heat map, unknown marks; pure functions too."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from llmcourse import paths
from llmcourse.progress import ops, store
from llmcourse.progress.model import State
from llmcourse.progress.ops import Target
from llmcourse.progress.rollup import activity_days, streak


def at(day: str) -> dict[str, str]:
    return {"LLMCOURSE_NOW": f"{day}T12:00:00+00:00"}


def test_progress_json_contract(run) -> None:
    run("done", "mathematics", "python")
    run("skip", "nlp")
    run("start", "rag")
    run("done", "rag", "1")
    data = json.loads(run("progress", "--json").stdout)
    assert set(data) >= {
        "topics",
        "percent",
        "resources",
        "parts",
        "streak_days",
        "next",
        "unknown_marks",
    }
    assert data["topics"] == {"total": 19, "done": 2, "in_progress": 1, "skipped": 1, "todo": 15}
    assert data["percent"] == round(100 * 3 / 19, 1)  # skipped counts as settled
    assert data["resources"]["done"] == 1 and data["resources"]["total"] > 50
    first = data["parts"][0]
    assert first["id"] == "fundamentals" and first["done"] == 2 and first["skipped"] == 1
    assert first["percent"] == 75.0
    assert data["next"]["id"] == "rag" and data["unknown_marks"] == 0


def test_progress_text_says_skipped_counts(run) -> None:
    run("skip", "mathematics")
    out = run("progress").stdout
    assert "skipped topics count as settled" in out
    assert "(1/19 topics settled)" in out
    assert "Next: 1.2 python" in out
    assert "\x1b[" not in out


def test_streak_and_heatmap_follow_the_clock(run) -> None:
    for day, topic in [
        ("2025-03-01", "mathematics"),
        ("2025-03-03", "python"),
        ("2025-03-04", "nlp"),
        ("2025-03-05", "rag"),
    ]:
        assert run("done", topic, env=at(day)).exit_code == 0
    data = json.loads(run("progress", "--json", env=at("2025-03-05")).stdout)
    assert data["streak_days"] == 3
    assert data["activity"] == [
        {"date": d, "changes": 1} for d in ("2025-03-01", "2025-03-03", "2025-03-04", "2025-03-05")
    ]
    # No activity yet today: yesterday's streak still stands; two days later it is gone.
    assert json.loads(run("progress", "--json", env=at("2025-03-06")).stdout)["streak_days"] == 3
    assert json.loads(run("progress", "--json", env=at("2025-03-07")).stdout)["streak_days"] == 0
    # Twelve weeks later the old activity has left the heat map.
    later = json.loads(run("progress", "--json", env=at("2025-06-01")).stdout)
    assert later["activity"] == []
    text = run("progress", env=at("2025-03-05")).stdout
    rows = [ln for ln in text.splitlines() if ln.strip()[:3] in ("Mon", "Tue", "Wed", "Sat")]
    assert len(rows) == 4 and all(len(r.split()[1]) >= 12 for r in rows)
    assert "Streak: 3 days" in text


def test_undone_changes_are_not_activity(run) -> None:
    run("done", "mathematics", env=at("2025-03-01"))
    run("undo", env=at("2025-03-01"))
    data = json.loads(run("progress", "--json", env=at("2025-03-01")).stdout)
    assert data["streak_days"] == 0 and data["topics"]["done"] == 0


def test_marks_on_ids_the_course_lacks_are_kept(run) -> None:
    run("done", "mathematics")
    store.update(
        lambda s: ops.mark(
            s, "done", [Target("topic", "retired-topic")], datetime(2024, 1, 1, tzinfo=UTC)
        )
    )
    data = json.loads(run("progress", "--json").stdout)
    assert data["unknown_marks"] == 1 and data["topics"]["done"] == 1
    assert "1 mark(s) on ids this course does not have are kept" in run("progress").stdout
    run("done", "python")  # another write keeps it
    assert store.read().marks["retired-topic"].status == "done"
    assert "retired-topic" in paths.resolve().state.read_text(encoding="utf-8")


def test_rich_dashboard_on_a_terminal(run) -> None:
    run("done", "mathematics")
    result = run("progress", env={"LLMCOURSE_RICH": "1", "NO_COLOR": ""})
    assert result.exit_code == 0
    assert "Progress" in result.stdout and "LLM Fundamentals" in result.stdout
    assert "■" in result.stdout


def test_streak_function() -> None:
    today = date(2025, 1, 10)
    days = {today - timedelta(days=i): 1 for i in (0, 1, 2, 4)}
    assert streak(days, today) == 3
    assert streak({}, today) == 0
    assert streak({today - timedelta(days=1): 2}, today) == 1


def test_activity_is_counted_in_the_local_day() -> None:
    state = State()
    late = datetime(2025, 1, 1, 23, 30, tzinfo=UTC)
    ops.mark(state, "done", [Target("topic", "a")], late)
    from datetime import timezone

    plus2 = timezone(timedelta(hours=2))
    assert activity_days(state, plus2) == {date(2025, 1, 2): 1}
    assert activity_days(state, UTC) == {date(2025, 1, 1): 1}
