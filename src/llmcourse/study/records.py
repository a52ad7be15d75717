"""The study records kept in the state file: review logs and the learner's own cards.

Two optional top-level tables, parsed and written here so that `progress/model.py` only calls
in (`parse`, `data`, `merge`):

    [reviews.<review id>]  card, rating, reviewed_at   append-only: one per rating, never changed
    [cards.<card id>]      node, front, back, created, changed, removed

Review ids and own card ids are random 128-bit hex strings made once, never counters, so two
machines never mint the same id and merging is a plain union: reviews by id (a review never
changes, so both sides hold the same record), own cards by id with the newer change winning
(a removed card stays as a tombstone so a merge cannot bring it back).
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING, Any

from llmcourse.record import Record

if TYPE_CHECKING:
    from llmcourse.progress.model import State, _Checker

RATINGS = ("again", "hard", "good", "easy")
TABLES = ("reviews", "cards")


def new_record_id() -> str:
    """A random 128-bit id (32 hex digits)."""
    return os.urandom(16).hex()


class Review(Record):
    _fields = ("card", "rating", "reviewed_at")

    def __init__(self, card: str, rating: str, reviewed_at: datetime) -> None:
        self.card = card  # the card's id: "topic/concept" or an own card's id
        self.rating = rating  # again, hard, good, easy
        self.reviewed_at = reviewed_at  # when it was rated

    def key(self) -> tuple[Any, ...]:
        return (self.reviewed_at, self.card, self.rating)


class OwnCard(Record):
    _fields = ("node", "front", "back", "created", "changed", "removed")

    def __init__(
        self,
        node: str,
        front: str,
        back: str,
        created: datetime,
        changed: datetime,
        removed: bool = False,
    ) -> None:
        self.node = node  # the topic, resource or notebook it belongs to
        self.front = front
        self.back = back
        self.created = created
        self.changed = changed
        self.removed = removed

    def key(self) -> tuple[Any, ...]:
        return (self.changed, self.removed, self.front, self.back, self.node, self.created)


def review_data(r: Review) -> dict[str, Any]:
    from llmcourse.progress.model import utc

    return {"card": r.card, "rating": r.rating, "reviewed_at": utc(r.reviewed_at)}


def card_data(c: OwnCard) -> dict[str, Any]:
    from llmcourse.progress.model import utc

    return {
        "node": c.node,
        "front": c.front,
        "back": c.back,
        "created": utc(c.created),
        "changed": utc(c.changed),
        "removed": c.removed,
    }


def data(state: State) -> dict[str, Any]:
    """The tables to write; none when empty, so a state without study records is unchanged."""
    out: dict[str, Any] = {}
    if state.reviews:
        out["reviews"] = {k: review_data(state.reviews[k]) for k in sorted(state.reviews)}
    if state.cards:
        out["cards"] = {k: card_data(state.cards[k]) for k in sorted(state.cards)}
    return out


def parse(raw: dict[str, Any], c: _Checker) -> tuple[dict[str, Review], dict[str, OwnCard]]:
    """The two tables of `raw`, every problem reported through the state's checker."""
    from llmcourse.progress.model import _record

    reviews: dict[str, Review] = {}
    for k, v in c.table(raw, "reviews", "").items():
        where = f"reviews.{k}"
        if (r := _record(v, where, c)) is not None:
            reviews[k] = Review(
                c.text(r, "card", where),
                c.text(r, "rating", where, RATINGS),
                c.when(r, "reviewed_at", where),
            )
    cards: dict[str, OwnCard] = {}
    for k, v in c.table(raw, "cards", "").items():
        where = f"cards.{k}"
        if (r := _record(v, where, c)) is not None:
            cards[k] = OwnCard(
                node=c.text(r, "node", where),
                front=c.text(r, "front", where),
                back=c.text(r, "back", where),
                created=c.when(r, "created", where),
                changed=c.when(r, "changed", where),
                removed=c.flag(r, "removed", where),
            )
    return reviews, cards


def _newer(a: Any, b: Any) -> Any:
    """The record with the larger key (either may be None): commutative by construction."""
    if a is None or b is None:
        return b if a is None else a
    return a if a.key() >= b.key() else b


def merge(a: State, b: State) -> tuple[dict[str, Review], dict[str, OwnCard]]:
    """The union of both sides' reviews and own cards (copies)."""
    reviews = {}
    for k in sorted(a.reviews.keys() | b.reviews.keys()):
        r = _newer(a.reviews.get(k), b.reviews.get(k))
        reviews[k] = Review(r.card, r.rating, r.reviewed_at)
    cards = {}
    for k in sorted(a.cards.keys() | b.cards.keys()):
        o = _newer(a.cards.get(k), b.cards.get(k))
        cards[k] = OwnCard(o.node, o.front, o.back, o.created, o.changed, o.removed)
    return reviews, cards


def differs(
    state: State, merged_reviews: dict[str, Review], merged_cards: dict[str, OwnCard]
) -> int:
    """How many review or card records a merge adds or changes in `state`."""
    new_reviews = sum(1 for k in merged_reviews if k not in state.reviews)
    changed_cards = sum(
        1
        for k, o in merged_cards.items()
        if k not in state.cards or state.cards[k].key() != o.key()
    )
    return new_reviews + changed_cards
