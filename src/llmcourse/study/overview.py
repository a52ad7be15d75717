"""What `progress` says about studying: reviews due and done today, and how a saved plan goes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from llmcourse.course.model import Course
from llmcourse.progress.model import State
from llmcourse.record import Record
from llmcourse.study.plan import Pace


class Overview(Record):
    _fields = ("due", "due_today", "done_today", "pace", "hours_per_week")

    def __init__(
        self,
        due: int,
        due_today: int,
        done_today: int,
        pace: Pace | None,
        hours_per_week: float | None,
    ) -> None:
        self.due = due  # cards due now
        self.due_today = due_today  # today's share of them under the daily cap
        self.done_today = done_today
        self.pace = pace  # None without a saved plan
        self.hours_per_week = hours_per_week


def review_limit(settings: dict[str, Any]) -> int:
    """The config's `review_limit` (default 20): ratings a day."""
    from llmcourse.errors import LlmcourseError
    from llmcourse.i18n import msg
    from llmcourse.study.schedule import DEFAULT_LIMIT

    value = settings.get("review_limit", DEFAULT_LIMIT)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise LlmcourseError(msg("study.bad_limit", value=value))
    return value


def overview(course: Course, state: State, lang: str, now: datetime) -> Overview:
    from llmcourse import config
    from llmcourse.study.cards import deck
    from llmcourse.study.plan import pace, remaining_hours
    from llmcourse.study.schedule import build_queue

    settings = config.load()
    queue = build_queue(deck(course, state, lang), state, now, review_limit(settings))
    saved = settings.get("plan")
    going = None
    per_week = None
    if isinstance(saved, dict):
        going = pace(saved, remaining_hours(course, state.statuses()), now.date())
        per_week = float(saved.get("hours_per_week", 0) or 0) if going else None
    return Overview(len(queue.due), len(queue.today), queue.done_today, going, per_week)
