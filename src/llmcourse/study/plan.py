"""A study plan: the remaining topics and their resources, week by week, at a given pace.

Pure. Remaining means a topic that is neither done nor skipped, and within it the resources
that are neither done nor skipped. Topics come prerequisites first (a topological order in
which the course order breaks ties). Each resource takes the hours of its kind (EFFORT_HOURS;
the course format has no per-resource field, so the table is the only source). The hours are
laid out continuously: a week holds `hours_per_week` hours and a resource may run over into
the next week.
"""

from __future__ import annotations

import heapq
import math
from datetime import date, timedelta

from llmcourse.course.model import Course
from llmcourse.record import Record

# Hours one resource of each kind takes to study, on average.
EFFORT_HOURS: dict[str, float] = {
    "article": 0.5, "blog": 0.5, "docs": 1.0, "guide": 1.0, "list": 0.5, "leaderboard": 0.25,
    "video": 1.0, "paper": 2.0, "course": 6.0, "book": 8.0, "notebook": 1.5, "repo": 1.0,
    "tool": 1.0, "model": 0.5, "dataset": 0.5, "other": 1.0,
}  # fmt: skip
TOPIC_WRAP_UP_HOURS = 0.5  # a topic still open whose resources are all settled: its concepts
SETTLED = ("done", "skipped")


class Step(Record):
    _fields = ("topic_id", "resource_id", "hours")

    def __init__(
        self,
        topic_id: str,
        resource_id: str,
        hours: float,
    ) -> None:
        self.topic_id = topic_id
        self.resource_id = resource_id  # "" for a topic's wrap-up (no resources left)
        self.hours = hours


class Week(Record):
    _fields = ("start", "hours", "topics", "resources")

    def __init__(
        self,
        start: date,
        hours: float = 0.0,
        topics: list[str] | None = None,
        resources: list[str] | None = None,
    ) -> None:
        self.start = start
        self.hours = hours
        self.topics = [] if topics is None else topics
        self.resources = [] if resources is None else resources


class Plan(Record):
    _fields = (
        "start",
        "hours_per_week",
        "total_hours",
        "weeks",
        "finish",
        "until",
        "needed_hours_per_week",
    )

    def __init__(
        self,
        start: date,
        hours_per_week: float,
        total_hours: float,
        weeks: list[Week],
        finish: date | None,
        until: date | None = None,
        needed_hours_per_week: float | None = None,
    ) -> None:
        self.start = start
        self.hours_per_week = hours_per_week
        self.total_hours = total_hours
        self.weeks = weeks
        self.finish = finish  # None when nothing is left
        self.until = until
        # with `until`: the pace that finishes by then
        self.needed_hours_per_week = needed_hours_per_week


def study_order(course: Course, statuses: dict[str, str]) -> list[str]:
    """Remaining topics, each after its remaining prerequisites; course order breaks ties."""
    order = {t.id: i for i, (_, t) in enumerate(course.iter_topics())}
    remaining = [t for t in order if statuses.get(t, "todo") not in SETTLED]
    left = set(remaining)
    waiting = {
        t: {p for p in course.topics[t].prerequisites if p in left and p != t} for t in remaining
    }
    ready = [(order[t], t) for t in remaining if not waiting[t]]
    heapq.heapify(ready)
    out: list[str] = []
    while ready:
        _, t = heapq.heappop(ready)
        out.append(t)
        for other in remaining:
            if t in waiting[other]:
                waiting[other].discard(t)
                if not waiting[other]:
                    heapq.heappush(ready, (order[other], other))
    # A course is validated acyclic; anything left over would be a cycle: keep course order.
    out += [t for t in remaining if t not in set(out)]
    return out


def steps(course: Course, statuses: dict[str, str]) -> list[Step]:
    out: list[Step] = []
    for topic_id in study_order(course, statuses):
        left = [r for r in course.topics[topic_id].resources if statuses.get(r.id) not in SETTLED]
        if not left:
            out.append(Step(topic_id, "", TOPIC_WRAP_UP_HOURS))
        out += [Step(topic_id, r.id, EFFORT_HOURS.get(r.kind, 1.0)) for r in left]
    return out


def remaining_hours(course: Course, statuses: dict[str, str]) -> float:
    return sum(s.hours for s in steps(course, statuses))


def needed_pace(total: float, start: date, until: date) -> float:
    """Hours a week that finish `total` hours by `until` (inclusive)."""
    days = (until - start).days + 1
    return round(total * 7 / days, 2) if days > 0 else total


def finish_date(total: float, start: date, hours_per_week: float) -> date | None:
    if total <= 0:
        return None
    return start + timedelta(days=max(0, math.ceil(total * 7 / hours_per_week - 1e-9) - 1))


def make_plan(
    course: Course,
    statuses: dict[str, str],
    start: date,
    hours_per_week: float | None,
    until: date | None = None,
) -> Plan:
    """The plan from `start` at `hours_per_week` (with only `until`: the pace it needs)."""
    todo = steps(course, statuses)
    total = round(sum(s.hours for s in todo), 2)
    needed = needed_pace(total, start, until) if until else None
    pace = hours_per_week if hours_per_week else (needed or 0.0)
    weeks: list[Week] = []
    room = 0.0  # hours still free in the last week
    for step in todo if pace > 0 else []:
        left = step.hours
        while left > 1e-9:
            if room <= 1e-9:  # the week is full: the next one starts a week later
                weeks.append(Week(start + timedelta(days=7 * len(weeks))))
                room = pace
            week, take = weeks[-1], min(left, room)
            week.hours += take
            if step.topic_id not in week.topics:
                week.topics.append(step.topic_id)
            if step.resource_id and step.resource_id not in week.resources:
                week.resources.append(step.resource_id)
            left -= take
            room -= take
    for week in weeks:
        week.hours = round(week.hours, 2)
    finish = finish_date(total, start, pace) if pace > 0 else None
    return Plan(start, pace, total, weeks, finish, until, needed)


class Pace(Record):
    """How a saved plan is going: hours it expected by today against hours actually done."""

    _fields = (
        "expected_hours",
        "done_hours",
        "behind_hours",
        "behind_days",
        "finish",
        "projected_finish",
    )

    def __init__(
        self,
        expected_hours: float,
        done_hours: float,
        behind_hours: float,
        behind_days: int,
        finish: date | None,
        projected_finish: date | None,
    ) -> None:
        self.expected_hours = expected_hours
        self.done_hours = done_hours
        self.behind_hours = behind_hours  # <= 0: on track
        self.behind_days = behind_days
        self.finish = finish  # the saved plan's finish
        self.projected_finish = projected_finish  # at the saved pace from today

    @property
    def on_track(self) -> bool:
        return self.behind_hours <= 0


def _number(value: object) -> float:
    """`value` as float() takes it; TypeError for what it does not."""
    if isinstance(value, int | float | str):
        return float(value)
    raise TypeError(value)


def pace(saved: dict[str, object], remaining: float, today: date) -> Pace | None:
    """Compare a saved plan ({"start", "hours_per_week", "total_hours", "finish"}) with now."""
    try:
        start = date.fromisoformat(str(saved["start"]))
        per_week = _number(saved["hours_per_week"])
        total = _number(saved["total_hours"])
        finish = date.fromisoformat(str(saved["finish"])) if saved.get("finish") else None
    except (KeyError, TypeError, ValueError):
        return None
    if per_week <= 0:
        return None
    elapsed = max(0, (today - start).days)
    expected = min(total, per_week * elapsed / 7)
    done = max(0.0, total - remaining)
    behind = round(expected - done, 2)
    days = math.ceil(behind * 7 / per_week) if behind > 0 else 0
    return Pace(
        round(expected, 2), round(done, 2), behind, days, finish,
        finish_date(remaining, today, per_week),
    )  # fmt: skip
