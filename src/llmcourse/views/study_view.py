"""Renderings of the study loop: due cards, ratings, own cards, the plan, progress lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llmcourse.i18n import counted, label
from llmcourse.progress.model import jsonable
from llmcourse.views.output import echo, emit_json

if TYPE_CHECKING:
    from datetime import datetime

    from llmcourse.course.model import Course
    from llmcourse.study.cards import Card
    from llmcourse.study.overview import Overview
    from llmcourse.study.plan import Plan
    from llmcourse.study.schedule import CardState, Due, Queue


def _when(when: datetime | None) -> str | None:
    return jsonable(when) if when is not None else None


def due_dict(d: Due) -> dict[str, Any]:
    return {
        "id": d.card.id,
        "topic_id": d.card.topic_id,
        "front": d.card.front,
        "back": d.card.back,
        "due": _when(d.state.due),
        "new": d.state.reviews == 0,
        "own": d.card.own,
        "reviews": d.state.reviews,
    }


def render_due(lang: str, queue: Queue, everything: bool, deck_size: int, as_json: bool) -> None:
    shown = queue.due if everything else queue.today
    if as_json:
        emit_json([due_dict(d) for d in shown])
        return
    if not deck_size:
        echo(label("review.empty_deck", lang))
        return
    if not queue.due:
        none_due(queue, lang)
        return
    echo(
        label("review.due_head", lang).format(
            share=len(queue.today), n=len(queue.due), done=queue.done_today, limit=queue.limit
        )
    )
    for d in shown:
        new = f"  ({label('review.new', lang)})" if d.state.reviews == 0 else ""
        echo(f"  {short_id(d.card)}  {d.card.front}{new}")
    backlog(queue, lang)


def short_id(card: Card) -> str:
    """An own card's id is 32 hex digits; its first 8 pick it out (commands take a prefix)."""
    return card.id[:8] if card.own else card.id


def none_due(queue: Queue, lang: str) -> None:
    echo(label("review.none_due", lang))
    if queue.next_due is not None:
        echo(label("review.next_due", lang).format(when=_local(queue.next_due)))


def backlog(queue: Queue, lang: str) -> None:
    """Say how the cap spreads the due cards over the coming days, when it does."""
    if not queue.waiting:
        return
    if not queue.today:
        echo(label("review.cap_reached", lang).format(limit=queue.limit, n=queue.waiting))
    else:
        echo(
            label("review.backlog", lang).format(
                n=len(queue.due),
                share=len(queue.today),
                limit=queue.limit,
                days=queue.days_after_today,
            )
        )


def _local(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when.tzinfo else str(when)


def rating_word(rating: str, lang: str) -> str:
    return label(f"rating.{rating}", lang)


def rated_dict(card: Card, rating: str, after: CardState) -> dict[str, Any]:
    return {
        "id": card.id,
        "topic_id": card.topic_id,
        "rating": rating,
        "due": _when(after.due),
        "reviews": after.reviews,
        "state": after.state,
    }


def render_rated(lang: str, card: Card, rating: str, after: CardState, as_json: bool) -> None:
    if as_json:
        emit_json(rated_dict(card, rating, after))
        return
    echo(
        label("review.rated", lang).format(
            id=short_id(card), rating=rating_word(rating, lang), due=_local(after.due)
        )
    )


def show_front(d: Due, i: int, n: int, lang: str) -> None:
    echo()
    new = f"  ({label('review.new', lang)})" if d.state.reviews == 0 else ""
    echo(label("review.card_head", lang).format(i=i, n=n, id=short_id(d.card)) + new)
    echo(d.card.front)


def show_back(d: Due) -> None:
    echo("-" * 40)
    echo(d.card.back)


def prompt(key: str, lang: str) -> None:
    import sys

    from llmcourse.textsafe import sanitize

    sys.stdout.write(sanitize(label(key, lang)))
    sys.stdout.flush()


def session_summary(rated: int, queue: Queue, lang: str) -> None:
    echo()
    echo(counted("review.summary", rated, lang, done=queue.done_today, left=len(queue.due)))
    backlog(queue, lang)


def render_cards(course: Course, lang: str, cards: list[Card], as_json: bool) -> None:
    if as_json:
        emit_json(
            [
                {"id": c.id, "topic_id": c.topic_id, "front": c.front, "back": c.back,
                 "own": c.own, "added": _when(c.since)}
                for c in cards
            ]
        )  # fmt: skip
        return
    if not cards:
        echo(label("card.none", lang))
        return
    for c in cards:
        where = course.number_of(c.topic_id) if c.topic_id in course.topics else "-"
        echo(f"{short_id(c)}  {where:<6} {c.front}")
        for line in c.back.splitlines():
            echo(f"          {line}")


def render_card_added(lang: str, card_id: str, node: str, as_json: bool) -> None:
    if as_json:
        emit_json({"id": card_id, "node": node})
        return
    echo(label("card.added", lang).format(id=card_id, node=node))


def render_card_removed(lang: str, card_id: str, as_json: bool) -> None:
    if as_json:
        emit_json({"id": card_id, "removed": True})
        return
    echo(label("card.removed", lang).format(id=card_id))


def plan_dict(plan: Plan) -> dict[str, Any]:
    return {
        "weeks": [
            {
                "start": w.start.isoformat(),
                "hours": w.hours,
                "topics": w.topics,
                "resources": w.resources,
            }
            for w in plan.weeks
        ],
        "finish": plan.finish.isoformat() if plan.finish else None,
        "start": plan.start.isoformat(),
        "hours_per_week": plan.hours_per_week,
        "total_hours": plan.total_hours,
        "until": plan.until.isoformat() if plan.until else None,
        "needed_hours_per_week": plan.needed_hours_per_week,
    }


def render_plan(course: Course, lang: str, plan: Plan, saved: bool, as_json: bool) -> None:
    if as_json:
        emit_json(plan_dict(plan))
        return
    if not plan.weeks:
        echo(label("plan.nothing", lang))
        return
    echo(
        label("plan.head", lang).format(
            start=plan.start.isoformat(),
            total=f"{plan.total_hours:g}",
            pace=f"{plan.hours_per_week:g}",
        )
    )
    for n, week in enumerate(plan.weeks, 1):
        echo(
            label("plan.week", lang).format(
                n=n, start=week.start.isoformat(), hours=f"{week.hours:g}"
            )
        )
        for topic_id in week.topics:
            title = course.text(course.topics[topic_id].title, lang)
            echo(f"  {course.number_of(topic_id):<5} {topic_id}  {title}")
    if plan.until and plan.needed_hours_per_week is not None:
        echo(
            label("plan.needed", lang).format(
                until=plan.until.isoformat(), pace=f"{plan.needed_hours_per_week:g}"
            )
        )
    if plan.finish:
        echo(label("plan.finish", lang).format(date=plan.finish.isoformat()))
    echo(label("plan.effort_note", lang))
    if saved:
        echo(label("plan.saved", lang))


# --- progress ---------------------------------------------------------------------------------


def overview_dict(o: Overview) -> dict[str, Any]:
    """`reviews` and `plan` in `progress --json`."""
    p = o.pace
    plan = None
    if p is not None:
        plan = {
            "on_track": p.on_track,
            "behind_hours": max(0.0, p.behind_hours),
            "behind_days": p.behind_days,
            "expected_hours": p.expected_hours,
            "done_hours": p.done_hours,
            "hours_per_week": o.hours_per_week,
            "finish": p.finish.isoformat() if p.finish else None,
            "projected_finish": p.projected_finish.isoformat() if p.projected_finish else None,
        }
    return {
        "reviews": {"due": o.due, "done_today": o.done_today, "due_today": o.due_today},
        "plan": plan,
    }


def overview_lines(o: Overview, lang: str) -> list[str]:
    lines = [label("progress.reviews", lang).format(due=o.due, done=o.done_today)]
    p = o.pace
    if p is None:
        return lines
    if p.on_track:
        lines.append(
            label("progress.on_track", lang).format(
                done=f"{p.done_hours:g}", expected=f"{p.expected_hours:g}", finish=p.finish or "-"
            )
        )
    else:
        lines.append(
            label("progress.behind", lang).format(
                hours=f"{p.behind_hours:g}",
                days=p.behind_days,
                pace=f"{o.hours_per_week or 0:g}",
                projected=p.projected_finish or "-",
            )
        )
    return lines
