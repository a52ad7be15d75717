"""The deck: a card for each key concept of every topic the learner has started or finished,
plus the learner's own cards. Pure: the course, the state and a language in, cards out.

Card ids are stable and the same on every machine: a concept card is "topic/concept" (how
search and references name a concept), an own card keeps the random 128-bit id it was given
when it was added.
"""

from __future__ import annotations

from datetime import datetime

from llmcourse.course.model import Course, Topic
from llmcourse.progress.model import State
from llmcourse.record import Record

STUDIED = ("in-progress", "done")  # a topic's concepts enter the deck once it is started


class Card(Record):
    _fields = ("id", "topic_id", "front", "back", "since", "own")

    def __init__(
        self,
        id: str,
        topic_id: str,
        front: str,
        back: str,
        since: datetime,
        own: bool = False,
    ) -> None:
        self.id = id
        # the topic it belongs to ("" for an own card on a node the course lacks)
        self.topic_id = topic_id
        self.front = front
        self.back = back
        self.since = since  # when it entered the deck: new cards are due from then
        self.own = own


def deck(course: Course, state: State, lang: str) -> list[Card]:
    """Every card, concept cards in course order, then own cards oldest first."""
    cards: list[Card] = []
    for _, topic in course.iter_topics():
        mark = state.marks.get(topic.id)
        if mark is None or mark.status not in STUDIED:
            continue
        cards.extend(_concept_cards(course, topic, lang, mark.at))
    cards.extend(own_cards(course, state))
    return cards


def _concept_cards(course: Course, topic: Topic, lang: str, since: datetime) -> list[Card]:
    title = course.text(topic.title, lang)
    out = []
    for concept in topic.concepts:
        lines = [course.text(concept.summary, lang)]
        lines += [f"{link.title}: {link.url}" for link in concept.links]
        out.append(
            Card(
                id=f"{topic.id}/{concept.id}",
                topic_id=topic.id,
                front=f"{course.text(concept.name, lang)} — {title}",
                back="\n".join(lines),
                since=since,
            )
        )
    return out


def topic_of(course: Course, node: str) -> str:
    """The topic a topic, resource or notebook id belongs to ("" when the course lacks it)."""
    if node in course.topics:
        return node
    if node in course.resource_topics:
        return course.resource_topics[node]
    notebook = course.notebook_map.get(node)
    return notebook.topics[0] if notebook and notebook.topics else ""


def own_cards(course: Course, state: State) -> list[Card]:
    live = sorted(
        ((cid, c) for cid, c in state.cards.items() if not c.removed),
        key=lambda x: (x[1].created, x[0]),
    )
    return [
        Card(cid, topic_of(course, c.node), c.front, c.back, c.created, own=True) for cid, c in live
    ]


def add_card(state: State, node: str, front: str, back: str, when: datetime) -> str:
    """Add an own card on `node`; its id is a random 128-bit id, made once."""
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg
    from llmcourse.study.records import OwnCard, new_record_id

    front, back = front.strip(), back.strip()
    if not front or not back:
        raise UsageError(msg("study.card_empty"))
    card_id = new_record_id()
    while card_id in state.cards:
        card_id = new_record_id()
    state.cards[card_id] = OwnCard(node, front, back, created=when, changed=when)
    return card_id


def remove_card(state: State, prefix: str, when: datetime) -> str:
    """Remove an own card (a unique prefix of its id): a tombstone, so a merge cannot revive it."""
    from llmcourse.study.records import OwnCard

    card_id = find_own(state, prefix)
    old = state.cards[card_id]
    state.cards[card_id] = OwnCard(old.node, old.front, old.back, old.created, when, removed=True)
    return card_id


def find_own(state: State, prefix: str) -> str:
    from llmcourse.errors import LlmcourseError
    from llmcourse.i18n import msg

    wanted = prefix.strip().lower()
    live = sorted(k for k, c in state.cards.items() if not c.removed and k.startswith(wanted))
    if len(live) == 1 and wanted:
        return live[0]
    if not live or not wanted:
        raise LlmcourseError(msg("study.no_own_card", id=prefix), [msg("study.card_list_hint")])
    raise LlmcourseError(msg("study.ambiguous_card", id=prefix), live[:10])


def find_card(cards: list[Card], state: State, text: str) -> Card:
    """A card of the deck by its id ("topic/concept"), or an own card by a unique id prefix."""
    from llmcourse.errors import LlmcourseError
    from llmcourse.i18n import msg

    for card in cards:
        if card.id == text.strip():
            return card
    if "/" not in text:
        own = find_own(state, text)
        for card in cards:
            if card.id == own:
                return card
    raise LlmcourseError(msg("study.not_in_deck", id=text), [msg("study.deck_hint")])
