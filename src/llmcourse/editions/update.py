"""`update`: a README in, a checked plan out (nothing written until `store.install`).

The plan parses the README, gives it the registry's ids (`course/idmatch.py`), validates it,
and compares it with the active course: what changed, which marks carry over, whether the
update is so drastic that it needs --force (`idmatch.guard`), and whether it is the active
edition again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from llmcourse.course import idmatch
from llmcourse.course.idmatch import Diff, GuardReason, Registry, compare, guard
from llmcourse.course.model import Course

DEFAULT_SOURCE = "https://raw.githubusercontent.com/mlabonne/llm-course/main/README.md"


@dataclass
class Plan:
    """A validated new edition, not yet stored."""

    edition: str
    source: str  # without credentials
    raw: dict[str, Any]
    course: Course
    diff: Diff
    current_origin: str
    registry: Registry
    identical: bool = False  # the same items as the active edition: nothing to do
    reasons: list[GuardReason] = field(default_factory=list)  # why it needs --force


def plan_update(
    text: str,
    source: str,
    current: Course,
    registry: Registry,
    statuses: Mapping[str, str],
    lang: str,
) -> Plan:
    """Parse, give ids, validate and compare; `source` must already be free of credentials."""
    from llmcourse.course.load import validate_raw
    from llmcourse.course.readme import parse_readme
    from llmcourse.progress.model import now

    raw = parse_readme(text, source)
    digest = hashlib.sha256(text.encode()).hexdigest()
    # The day of the download names the edition: LLMCOURSE_NOW fixes it, as every clock here.
    today = now().astimezone(UTC).date()
    raw = idmatch.build_edition(raw, registry, source, digest, today)
    course = validate_raw(raw, source)
    diff = compare(current, course, statuses, lang)
    same_text = current.edition.endswith(f"-{digest[:8]}")
    return Plan(
        edition=raw["edition"],
        source=source,
        raw=raw,
        course=course,
        diff=diff,
        current_origin=current.origin,
        registry=registry,
        identical=same_text or (diff.empty and _same_titles(current, course)),
        reasons=guard(diff),
    )


def _same_titles(old: Course, new: Course) -> bool:
    """Every topic and notebook has the same title in both (resources are compared by id)."""
    return all(
        old.topics[tid].title.get(lang) == topic.title.get(lang)
        for tid, topic in new.topics.items()
        for lang in new.languages
    ) and all(
        old.notebook_map[nid].title.get(lang) == nb.title.get(lang)
        for nid, nb in new.notebook_map.items()
        for lang in new.languages
    )
