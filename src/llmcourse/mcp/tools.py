"""What the MCP server offers, as functions returning JSON data.

Each call reads the course and the state afresh, so a change made by another command while the
server runs is seen by the next call. Results are data: the same dicts as the CLI's `--json`,
with every string passed through the one sanitiser. Writes go through the same progress
operations and store as the CLI (lock, atomic write, undo history), and act only on exact
references, like every command that changes state.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar, cast

from llmcourse.cli.session import Session
from llmcourse.errors import LlmcourseError
from llmcourse.i18n import msg
from llmcourse.textsafe import sanitize

STATUS_OPS = {"done": "done", "in-progress": "start", "skipped": "skip", "todo": "reset"}
SEARCH_KINDS = ("topic", "concept", "resource", "notebook")
MAX_LIMIT = 50
T = TypeVar("T")


def clean_data(value: T) -> T:
    """`value` with every string in it sanitised (keys included): tool results are data that
    an assistant shows or reasons over, never a way to smuggle control sequences."""
    if isinstance(value, str):
        return cast(T, sanitize(value))
    if isinstance(value, dict):
        return cast(T, {sanitize(str(k)): clean_data(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return cast(T, [clean_data(v) for v in value])
    return value


class CourseTools:
    """The server's tools over one language and course choice (as `--lang`/`--course` gave)."""

    def __init__(self, lang: str, course_option: Path | None = None) -> None:
        self.lang = lang
        self.course_option = course_option

    def _session(self) -> Session:
        return Session(lang=self.lang, course_option=self.course_option)

    # --- reading ------------------------------------------------------------------------------

    def search(self, query: str, kind: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
        from llmcourse.cli.browse import search_index
        from llmcourse.course import search as engine
        from llmcourse.views.search_view import hit_dict

        if kind is not None and kind not in SEARCH_KINDS:
            raise LlmcourseError(msg("err.mcp_kind", kind=kind, kinds=", ".join(SEARCH_KINDS)))
        if not query.strip():
            raise LlmcourseError(msg("err.mcp_query_empty"))
        session = self._session()
        limit = max(1, min(limit, MAX_LIMIT))
        hits = engine.search(search_index(session), query, limit, [kind] if kind else None)
        return clean_data([hit_dict(session.course(), h, self.lang) for h in hits])

    def show(self, ref: str) -> dict[str, Any]:
        from llmcourse.course.refs import resolve
        from llmcourse.net import linkcache
        from llmcourse.views.show_json import node_json
        from llmcourse.views.shown import Shown

        session = self._session()
        course = session.course()
        node = resolve(course, ref, self.lang)
        dead = {u: r for u, r in linkcache.load().items() if r.get("status") in linkcache.DEAD}
        shown = Shown(course, self.lang, session.statuses(), session.notes_for(node.id), dead)
        data = node_json(shown, node)
        return clean_data(data)

    def outline(self) -> dict[str, Any]:
        """The course's parts and topics with their status (no concepts or resources)."""
        session = self._session()
        course, statuses = session.course(), session.statuses()
        return clean_data(
            {
                "title": course.text(course.title, self.lang),
                "edition": course.edition,
                "parts": [
                    {
                        "number": part.number,
                        "title": course.text(part.title, self.lang),
                        "topics": [
                            {
                                "id": t.id,
                                "number": course.number_of(t.id),
                                "title": course.text(t.title, self.lang),
                                "status": statuses.get(t.id, "todo"),
                                "prerequisites": list(t.prerequisites),
                            }
                            for t in part.topics
                        ],
                    }
                    for part in course.parts
                ],
            }
        )

    def progress(self) -> dict[str, Any]:
        from llmcourse.progress.model import now
        from llmcourse.progress.rollup import summarize
        from llmcourse.views.progress_view import progress_dict

        session = self._session()
        summary = summarize(session.course(), session.state(), now())
        return clean_data(progress_dict(session.course(), self.lang, summary))

    def next(self) -> dict[str, Any] | None:
        from llmcourse.progress.rollup import next_topic
        from llmcourse.views.progress_view import next_dict

        session = self._session()
        choice = next_topic(session.course(), session.statuses())
        return clean_data(next_dict(session.course(), self.lang, choice))

    def path(self, topic: str) -> list[str]:
        from llmcourse.cli.map import path_to

        return clean_data(path_to(self._session(), topic))

    def reviews_due(self) -> list[dict[str, Any]]:
        """Today's share of the cards due (the daily cap applies), as `review --due --json`."""
        from llmcourse.cli.study import deck_and_limit
        from llmcourse.progress.model import now
        from llmcourse.study.schedule import build_queue
        from llmcourse.views.study_view import due_dict

        session = self._session()
        cards, limit = deck_and_limit(session)
        queue = build_queue(cards, session.state(), now(), limit)
        return clean_data([due_dict(d) for d in queue.today])

    def quiz(self, topic: str) -> str:
        """A prompt asking the assistant to quiz the learner on a topic, from its key concepts."""
        from llmcourse.i18n import label

        data = self.show(topic)
        if data.get("node") != "topic":
            raise LlmcourseError(msg("err.mcp_not_topic", topic=topic))
        lines = [label("mcp.quiz", self.lang).format(title=data["title"]), ""]
        for c in data["concepts"]:
            lines.append(f"- {c['name']}: {c['summary']}")
        return "\n".join(lines)

    def week_plan(self) -> str:
        """A prompt asking the assistant to plan the learner's week from where they stand."""
        import json

        from llmcourse.i18n import label

        facts = {"progress": self.progress(), "next": self.next()}
        return label("mcp.plan_week", self.lang) + "\n\n" + json.dumps(facts, ensure_ascii=False)

    # --- writing (only with --allow-writes) ---------------------------------------------------

    def mark(self, ref: str, status: str) -> list[dict[str, Any]]:
        from llmcourse.cli.track import targets
        from llmcourse.progress import ops, store
        from llmcourse.progress.model import now

        if status not in STATUS_OPS:
            raise LlmcourseError(
                msg("err.mcp_status", status=status, statuses=", ".join(STATUS_OPS))
            )
        session = self._session()
        wanted = targets(session, [ref])
        when = now()
        outcomes = store.update(
            lambda state: ops.mark(state, STATUS_OPS[status], wanted, when, origin="mcp")
        )
        return clean_data(
            [
                {"id": o.target.id, "kind": o.target.kind, "before": o.before, "after": o.after,
                 "changed": o.changed}
                for o in outcomes
            ]
        )  # fmt: skip

    def rate_card(self, card: str, rating: str) -> dict[str, Any]:
        from llmcourse.cli.study import parse_rating, save_rating
        from llmcourse.i18n import msg
        from llmcourse.study.cards import deck, find_card
        from llmcourse.views.study_view import rated_dict

        session = self._session()
        if (chosen := parse_rating(rating, self.lang)) is None:
            raise LlmcourseError(msg("study.bad_rating", rating=rating))
        found = find_card(deck(session.course(), session.state(), self.lang), session.state(), card)
        return clean_data(rated_dict(found, chosen, save_rating(found, chosen)))

    def add_note(self, ref: str, text: str) -> dict[str, Any]:
        from llmcourse.cli.track import targets
        from llmcourse.progress import ops, store
        from llmcourse.progress.model import now

        if not text.strip():
            raise LlmcourseError(msg("err.mcp_note_empty"))
        session = self._session()
        (target,) = targets(session, [ref])
        when = now()
        note_id = store.update(
            lambda state: ops.add_note(state, target.id, text, when, origin="mcp")
        )
        return clean_data({"id": note_id, "node": target.id})
