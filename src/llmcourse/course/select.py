"""What `list` shows: the course's topics (or resources) filtered by status and part. Pure."""

from __future__ import annotations

from collections.abc import Collection

from llmcourse.course.model import Course, Part, Resource, Topic
from llmcourse.errors import UsageError
from llmcourse.i18n import msg
from llmcourse.progress.model import TOPIC_STATUSES as STATUSES


class Selection:
    """The parts and topics to show, and (when resources are listed) each topic's resources."""

    __slots__ = ("parts", "resources")

    def __init__(
        self,
        parts: list[tuple[Part, list[Topic]]],
        resources: dict[str, list[Resource]] | None = None,
    ) -> None:
        self.parts = parts
        self.resources = resources  # topic id -> its shown resources

    def topic_ids(self) -> set[str]:
        return {t.id for _, topics in self.parts for t in topics}

    def resource_ids(self) -> set[str] | None:
        if self.resources is None:
            return None
        return {r.id for rs in self.resources.values() for r in rs}


def check_statuses(wanted: Collection[str]) -> set[str]:
    """The statuses asked for (UsageError, exit 2, naming the valid ones, for any other)."""
    for status in wanted:
        if status not in STATUSES:
            raise UsageError(msg("list.bad_status", status=status, valid=", ".join(STATUSES)))
    return set(wanted)


def check_part(course: Course, number: int) -> Part:
    for part in course.parts:
        if part.number == number:
            return part
    valid = ", ".join(str(p.number) for p in course.parts)
    raise UsageError(msg("list.bad_part", part=number, valid=valid))


def select(
    course: Course,
    statuses: dict[str, str],
    wanted: Collection[str] = (),
    part: int | None = None,
    topic: str | None = None,
    resources: bool = False,
) -> Selection:
    """Topics whose status is in `wanted` (every topic when empty), in part `part` or only
    `topic`; with `resources`, the status filters the topics' resources instead, and topics
    left without any are dropped."""
    wanted = check_statuses(wanted)
    parts = [check_part(course, part)] if part is not None else list(course.parts)

    def shown(node_id: str) -> bool:
        return not wanted or statuses.get(node_id, "todo") in wanted

    chosen: list[tuple[Part, list[Topic]]] = []
    kept: dict[str, list[Resource]] = {}
    for p in parts:
        topics = [t for t in p.topics if topic is None or t.id == topic]
        if resources:
            for t in topics:
                kept[t.id] = [r for r in t.resources if shown(r.id)]
            topics = [t for t in topics if kept[t.id]]
        else:
            topics = [t for t in topics if shown(t.id)]
        if topics:
            chosen.append((p, topics))
    return Selection(chosen, kept if resources else None)


def first_unfinished(topic: Topic, statuses: dict[str, str]) -> Resource | None:
    """The topic's first resource (in its order) that is neither done nor skipped."""
    for r in topic.resources:
        if statuses.get(r.id, "todo") not in ("done", "skipped"):
            return r
    return None
