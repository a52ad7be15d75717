"""When each card is due: FSRS, replayed from the card's review log. Pure (time is passed in).

A card's state is never stored: it is rebuilt by replaying its reviews in time order through an
FSRS scheduler without interval fuzzing, so two machines holding the same reviews compute the
same due dates. `fsrs` is imported only when a card has a review to replay.

The daily cap and the catch-up rule (documented in the README):
- at most `review_limit` ratings a local day (default 20); ratings already given today count;
- cards rated before come first, most overdue first, then new cards in the order they entered
  the deck; today's share is the first of them up to what the cap leaves;
- after a break the backlog is not dumped: it stays due and comes `review_limit` a day, most
  overdue first, until it is cleared. No due date is rewritten, so nothing is lost.
"""

from __future__ import annotations

import math
from datetime import datetime

from llmcourse.errors import UsageError
from llmcourse.i18n import msg
from llmcourse.progress.model import State, utc
from llmcourse.record import Record
from llmcourse.study.cards import Card
from llmcourse.study.records import RATINGS, Review, new_record_id

DEFAULT_LIMIT = 20


class CardState(Record):
    _fields = ("due", "reviews", "state", "stability", "difficulty", "last_review")

    def __init__(
        self,
        due: datetime,
        reviews: int,
        state: str,
        stability: float | None = None,
        difficulty: float | None = None,
        last_review: datetime | None = None,
    ) -> None:
        self.due = due
        self.reviews = reviews  # how many times it was rated
        self.state = state  # new, learning, review, relearning
        self.stability = stability
        self.difficulty = difficulty
        self.last_review = last_review


def replay(log: list[tuple[str, Review]], since: datetime) -> CardState:
    """The card's state after its reviews (review id, review), replayed in time order; a card
    never rated is new and due from `since`, when it entered the deck."""
    if not log:
        return CardState(due=since, reviews=0, state="new")
    import fsrs

    ordered = sorted(log, key=lambda x: (utc(x[1].reviewed_at), x[0]))
    # Default parameters; no fuzzing, so every machine computes the same dates; no learning
    # steps of minutes: a review is a once-a-day session that shows each card once, so every
    # rating schedules the card a day or more ahead.
    sched = fsrs.Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())
    first = utc(ordered[0][1].reviewed_at)
    card = fsrs.Card(card_id=1, due=first)  # a fixed id: without one, fsrs sleeps 1 ms per card
    for _, review in ordered:
        rating = fsrs.Rating[review.rating.capitalize()]
        card, _ = sched.review_card(card, rating, review_datetime=utc(review.reviewed_at))
    return CardState(
        due=card.due,
        reviews=len(ordered),
        state=card.state.name.lower(),
        stability=card.stability,
        difficulty=card.difficulty,
        last_review=card.last_review,
    )


def logs(state: State) -> dict[str, list[tuple[str, Review]]]:
    """Each card id -> its reviews (review id, review)."""
    out: dict[str, list[tuple[str, Review]]] = {}
    for rid, review in state.reviews.items():
        out.setdefault(review.card, []).append((rid, review))
    return out


class Due(Record):
    _fields = ("card", "state")

    def __init__(
        self,
        card: Card,
        state: CardState,
    ) -> None:
        self.card = card
        self.state = state


class Queue(Record):
    _fields = ("due", "today", "done_today", "limit", "next_due")

    def __init__(
        self,
        due: list[Due],
        today: list[Due],
        done_today: int,
        limit: int,
        next_due: datetime | None,
    ) -> None:
        self.due = due  # every card due now, in review order
        self.today = today  # today's share of them under the cap
        self.done_today = done_today  # ratings given today
        self.limit = limit
        self.next_due = next_due  # the earliest due date among cards not due yet

    @property
    def waiting(self) -> int:
        """Due cards left for the coming days by the cap."""
        return len(self.due) - len(self.today)

    @property
    def days_after_today(self) -> int:
        """Coming days the cap spreads the waiting cards over, `limit` a day."""
        return math.ceil(self.waiting / self.limit) if self.limit > 0 else 0


def done_on_day(state: State, now: datetime) -> int:
    """Ratings given on `now`'s local day, up to `now`."""
    day = now.date()
    return sum(
        1
        for r in state.reviews.values()
        if r.reviewed_at <= now and r.reviewed_at.astimezone(now.tzinfo).date() == day
    )


def build_queue(cards: list[Card], state: State, now: datetime, limit: int) -> Queue:
    by_card = logs(state)
    states = [Due(c, replay(by_card.get(c.id, []), c.since)) for c in cards]
    due = [d for d in states if d.state.due <= now]
    # Rated cards before new ones; the most overdue first; the deck's order breaks ties.
    position = {id(d): i for i, d in enumerate(due)}
    due.sort(key=lambda d: (d.state.reviews == 0, utc(d.state.due), position[id(d)]))
    done = done_on_day(state, now)
    share = max(0, limit - done)
    later = [d.state.due for d in states if d.state.due > now]
    return Queue(due, due[:share], done, limit, min(later) if later else None)


def rate(state: State, card_id: str, rating: str, when: datetime) -> str:
    """Append a review of `card_id` to the log; return the review's id."""
    rating = rating.strip().lower()
    if rating not in RATINGS:
        raise UsageError(msg("study.bad_rating", rating=rating))
    review_id = new_record_id()
    while review_id in state.reviews:
        review_id = new_record_id()
    state.reviews[review_id] = Review(card_id, rating, when)
    return review_id
