"""Roll-ups over a State and a Course: counts, parts, streak, activity, the next topic.

Skipped topics count as settled in the percentage (as roadmap.sh counts them). Pure functions.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from llmcourse.course.model import Course
from llmcourse.progress.model import State
from llmcourse.record import Record

HEATMAP_WEEKS = 12


class Counts(Record):
    _fields = ("total", "done", "in_progress", "skipped", "todo")

    def __init__(
        self, total: int = 0, done: int = 0, in_progress: int = 0, skipped: int = 0, todo: int = 0
    ) -> None:
        self.total = total
        self.done = done
        self.in_progress = in_progress
        self.skipped = skipped
        self.todo = todo

    @property
    def settled(self) -> int:
        return self.done + self.skipped

    @property
    def percent(self) -> float:
        return round(100 * self.settled / self.total, 1) if self.total else 0.0


def count(statuses: dict[str, str], ids: list[str]) -> Counts:
    by = {"done": 0, "in-progress": 0, "skipped": 0, "todo": 0}
    for i in ids:
        by[statuses.get(i, "todo")] = by.get(statuses.get(i, "todo"), 0) + 1
    return Counts(len(ids), by["done"], by["in-progress"], by["skipped"], by["todo"])


class PartProgress(Record):
    _fields = ("id", "number", "title", "counts")

    def __init__(self, id: str, number: int, title: dict[str, str], counts: Counts) -> None:
        self.id = id
        self.number = number
        self.title = title
        self.counts = counts


class NextTopic(Record):
    _fields = ("id", "reason", "needs", "unblocks", "also_in_progress")

    def __init__(
        self,
        id: str,
        reason: str,
        needs: list[tuple[str, str]],
        unblocks: list[str],
        also_in_progress: list[str] | None = None,
    ) -> None:
        self.id = id
        self.reason = reason  # "in-progress" or "ready"
        self.needs = needs  # prerequisites and their status
        self.unblocks = unblocks  # todo topics that list it as a prerequisite
        self.also_in_progress = also_in_progress or []


class Summary(Record):
    _fields = ("topics", "resources", "notebooks", "parts", "streak_days", "activity", "today",
               "next", "unknown_marks", "notes")  # fmt: skip

    def __init__(
        self,
        topics: Counts,
        resources: Counts,
        notebooks: Counts,
        parts: list[PartProgress],
        streak_days: int,
        activity: list[tuple[date, int]],
        today: date,
        next: NextTopic | None,
        unknown_marks: list[str],
        notes: int,
    ) -> None:
        self.topics = topics
        self.resources = resources
        self.notebooks = notebooks
        self.parts = parts
        self.streak_days = streak_days
        self.activity = activity  # the last 12 weeks, oldest first, ending today
        self.today = today
        self.next = next
        self.unknown_marks = unknown_marks
        self.notes = notes


def next_topic(course: Course, statuses: dict[str, str]) -> NextTopic | None:
    """The topic in progress, else the first todo topic (course order) whose prerequisites are
    all done or skipped; None when every topic is settled."""
    order = [t for _, t in course.iter_topics()]
    started = [t.id for t in order if statuses.get(t.id) == "in-progress"]
    chosen, reason = None, "ready"
    if started:
        chosen, reason = course.topics[started[0]], "in-progress"
    else:
        for t in order:
            if statuses.get(t.id, "todo") != "todo":
                continue
            if all(statuses.get(p) in ("done", "skipped") for p in t.prerequisites):
                chosen = t
                break
    if chosen is None:
        return None
    unblocks = [
        t.id for t in order if chosen.id in t.prerequisites and statuses.get(t.id, "todo") == "todo"
    ]
    return NextTopic(
        id=chosen.id,
        reason=reason,
        needs=[(p, statuses.get(p, "todo")) for p in chosen.prerequisites],
        unblocks=unblocks,
        also_in_progress=started[1:],
    )


def activity_days(state: State, tz: tzinfo | None) -> dict[date, int]:
    """Changes and reviews per local day (undone changes and the undos themselves do not
    count)."""
    days: dict[date, int] = {}
    for e in state.events:
        if e.undone or e.op == "undo":
            continue
        day = e.at.astimezone(tz).date()
        days[day] = days.get(day, 0) + 1
    for r in state.reviews.values():  # a day with reviews is a day of study too
        day = r.reviewed_at.astimezone(tz).date()
        days[day] = days.get(day, 0) + 1
    return days


def streak(days: dict[date, int], today: date) -> int:
    """Consecutive days with activity ending today, or yesterday when today has none yet."""
    day = today if days.get(today) else today - timedelta(days=1)
    n = 0
    while days.get(day):
        n += 1
        day -= timedelta(days=1)
    return n


def summarize(course: Course, state: State, now: datetime) -> Summary:
    statuses = state.statuses()
    topic_ids = list(course.topics)
    parts = [
        PartProgress(p.id, p.number, dict(p.title), count(statuses, [t.id for t in p.topics]))
        for p in course.parts
    ]
    known = set(topic_ids) | set(course.resources) | set(course.notebook_map)
    today = now.date()
    days = activity_days(state, now.tzinfo)
    first = today - timedelta(days=7 * HEATMAP_WEEKS - 1)
    return Summary(
        topics=count(statuses, topic_ids),
        resources=count(statuses, list(course.resources)),
        notebooks=count(statuses, list(course.notebook_map)),
        parts=parts,
        streak_days=streak(days, today),
        activity=[
            (first + timedelta(days=i), days.get(first + timedelta(days=i), 0))
            for i in range(7 * HEATMAP_WEEKS)
        ],
        today=today,
        next=next_topic(course, statuses),
        unknown_marks=sorted(k for k in statuses if k not in known),
        notes=len(state.live_notes()),
    )
