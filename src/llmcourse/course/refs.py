"""Turn what a person typed into a node of the course.

In order, the first stage that matches anything decides:
exact id (also "topic/concept", as search prints concepts) -> number ("2.7"; "2.7#3" or "2.7/3"
for its third resource) -> exact title in any language -> a topic's keyword (`sft`, `GGUF`,
`lora`) -> unique id prefix -> title words in any language -> fuzzy match (typos). Within a
stage, a single topic wins over resources and notebooks (so `量化` names the topic, not the
resources whose titles contain it). Several matches in a stage are ambiguous; none in any stage
is unknown, with suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from llmcourse.course.model import Course
from llmcourse.course.text import has_cjk, traditional_form
from llmcourse.course.text import norm as normalize
from llmcourse.errors import RefError

Kind = Literal["topic", "resource", "notebook"]


@dataclass
class Ref:
    kind: Kind
    id: str
    topic_id: str | None  # a topic's own id; a resource's topic; a notebook's first topic


@dataclass
class _Entry:
    ref: Ref
    number: str  # "2.7" for a topic, "2.7#3" for a resource, "" for a notebook
    titles: tuple[str, ...]  # normalized, every language
    display: dict[str, str]  # title by language, for messages
    keywords: tuple[str, ...] = ()


_ENTRIES: dict[int, tuple[Course, list[_Entry]]] = {}


def _entries(course: Course) -> list[_Entry]:
    """The course's nodes as the resolver sees them (built once per course object)."""
    cached = _ENTRIES.get(id(course))
    if cached is not None and cached[0] is course:
        return cached[1]
    out = _build_entries(course)
    _ENTRIES.clear()  # one course at a time is all a command needs
    _ENTRIES[id(course)] = (course, out)
    return out


def _build_entries(course: Course) -> list[_Entry]:
    out: list[_Entry] = []
    for _, topic in course.iter_topics():
        number = course.number_of(topic.id)
        out.append(
            _Entry(
                Ref("topic", topic.id, topic.id),
                number,
                tuple(normalize(t) for t in topic.title.values()),
                dict(topic.title),
                tuple(normalize(k) for k in topic.keywords),
            )
        )
        for i, res in enumerate(topic.resources, 1):
            out.append(
                _Entry(
                    Ref("resource", res.id, topic.id),
                    f"{number}#{i}",
                    tuple(normalize(t) for t in res.title.values()),
                    dict(res.title),
                )
            )
    for nb in course.notebooks:
        out.append(
            _Entry(
                Ref("notebook", nb.id, nb.topics[0] if nb.topics else None),
                "",
                tuple(normalize(t) for t in nb.title.values()),
                dict(nb.title),
            )
        )
    return out


def _words_match(query: str, title: str) -> bool:
    """Every query word starts a word of the title; CJK text matches as a substring."""
    if has_cjk(query):
        return query.replace(" ", "") in title.replace(" ", "")
    words = title.split()
    squashed = title.replace(" ", "")
    return all(any(w.startswith(q) for w in words) or q in squashed for q in query.split())


_RESOURCE_NUMBER = re.compile(r"^(\d+\.\d+)\s*[#/ ]\s*(\d+)$")


def _stages(course: Course, query: str) -> Iterator[tuple[str, list[_Entry]]]:
    entries = _entries(course)
    q = query.strip()
    low = q.lower()
    nq = normalize(q)
    yield "id", [e for e in entries if e.ref.id == low] or _concept(course, entries, low)
    number = q.rstrip(".")
    if m := _RESOURCE_NUMBER.match(q):
        number = f"{m.group(1)}#{m.group(2)}"
    yield "number", [e for e in entries if e.number and e.number == number]
    if not nq:
        return
    squashed = nq.replace(" ", "")
    yield "title", [e for e in entries if nq in e.titles or squashed in
                    (t.replace(" ", "") for t in e.titles)]  # fmt: skip
    yield "keyword", [e for e in entries if nq in e.keywords or squashed in
                      (k.replace(" ", "") for k in e.keywords)]  # fmt: skip
    yield "prefix", [e for e in entries if e.ref.id.startswith(low)]
    yield "words", [e for e in entries if any(_words_match(nq, t) for t in e.titles)]


def _concept(course: Course, entries: list[_Entry], low: str) -> list[_Entry]:
    """ "topic/concept" (how search names a concept) -> the topic."""
    topic_id, _, concept_id = low.partition("/")
    topic = course.topics.get(topic_id)
    if topic is None or not any(c.id == concept_id for c in topic.concepts):
        return []
    return [e for e in entries if e.ref.kind == "topic" and e.ref.id == topic_id]


def _pick(matches: list[_Entry]) -> _Entry | None:
    if len(matches) == 1:
        return matches[0]
    topics = [e for e in matches if e.ref.kind == "topic"]
    return topics[0] if len(topics) == 1 else None


def resolve(course: Course, query: str, lang: str = "en") -> Ref:
    """The node `query` names, or RefError (ambiguous: the candidates; unknown: suggestions)."""
    low = query.strip().lower()  # fast path for an exact id: no need to index the course
    if low in course.topics:
        return Ref("topic", low, low)
    if low in course.resources:
        return Ref("resource", low, course.resources[low][0].id)
    if (nb := course.notebook_map.get(low)) is not None:
        return Ref("notebook", nb.id, nb.topics[0] if nb.topics else None)
    for _stage, matches in _stages(course, query):
        if not matches:
            continue
        if (entry := _pick(matches)) is not None:
            return entry.ref
        raise RefError(
            f"{query!r} is ambiguous: it matches {len(matches)} entries",
            [_describe(e, lang) for e in matches[:12]]
            + ([f"… and {len(matches) - 12} more"] if len(matches) > 12 else [])
            + ["Use an id or a number to pick one."],
        )
    if (alt := traditional_form(query)) != query and traditional_form(alt) == alt:
        return resolve(course, alt, lang)  # Simplified or mainland words: 神经网络 -> 神經網路
    fuzzy = _fuzzy(course, query)
    if fuzzy and fuzzy[0][1] >= 85 and (len(fuzzy) == 1 or fuzzy[0][1] - fuzzy[1][1] >= 5):
        return fuzzy[0][0].ref
    hint = [_describe(e, lang) for e, _ in fuzzy[:5]]
    raise RefError(
        f"nothing in the course matches {query!r}",
        (["Did you mean:", *("  " + h for h in hint)] if hint else [])
        + ["`llmcourse list` shows every topic; `llmcourse search` searches everything."],
    )


def _fuzzy(course: Course, query: str) -> list[tuple[_Entry, float]]:
    """Entries whose id, title or keyword is spelt close to `query`, best first."""
    from rapidfuzz import fuzz

    nq = normalize(query)
    if not nq:
        return []
    scored: list[tuple[_Entry, float]] = []
    for e in _entries(course):
        names = [e.ref.id.replace("-", " "), *e.titles, *e.keywords]
        # whole-string similarity, word-order-free for multi-word names; a close single word
        # counts a little less (enough to suggest, rarely enough to decide)
        score = max(max(fuzz.ratio(nq, n), fuzz.token_sort_ratio(nq, n)) for n in names)
        if " " not in nq and len(nq) >= 4:
            words = {w for n in names for w in n.split() if len(w) >= 4}
            score = max(score, 0.9 * max((fuzz.ratio(nq, w) for w in words), default=0))
        if score >= 70:
            scored.append((e, score))
    scored.sort(key=lambda x: (-x[1], x[0].ref.kind != "topic"))
    return scored


def _describe(e: _Entry, lang: str) -> str:
    title = e.display.get(lang) or next(iter(e.display.values()), "")
    number = e.number or "-"
    return f"{e.ref.id:<32} {e.ref.kind:<8} {number:<7} {title}"


def resource_at(course: Course, topic_id: str, n: int) -> Ref:
    """The topic's n-th resource (1-based)."""
    topic = course.topics[topic_id]
    if not 1 <= n <= len(topic.resources):
        raise RefError(
            f"topic {topic_id!r} ({course.number_of(topic_id)}) has resources 1 to "
            f"{len(topic.resources)}, not {n}"
        )
    return Ref("resource", topic.resources[n - 1].id, topic_id)


def completions(course: Course, incomplete: str, lang: str) -> list[tuple[str, str]]:
    """(id, "number title") pairs for shell completion: ids or numbers starting with what was
    typed; then, if none, entries whose title has a word starting with it."""

    def text(d: dict[str, str]) -> str:
        return d.get(lang) or next(iter(d.values()), "")

    low = incomplete.lower()
    found = [e for e in _entries(course) if e.ref.id.startswith(low) or
             (e.number and e.number.startswith(incomplete))]  # fmt: skip
    if not found and (nq := normalize(incomplete)):
        found = [e for e in _entries(course) if any(_words_match(nq, t) for t in e.titles)]
    return [(e.ref.id, f"{e.number} {text(e.display)}".strip()) for e in found]


def url_of(course: Course, ref: Ref, article: bool = False) -> str:
    """Where `open` goes: a topic's section of the course page, a resource's URL, a notebook's
    Colab (or, with `article`, the article that goes with it)."""
    if ref.kind == "topic":
        topic = course.topics[ref.id]
        return f"{course.web_url}#{topic.anchor}" if topic.anchor else course.web_url
    if ref.kind == "resource":
        return course.resources[ref.id][1].url
    nb = course.notebook_map[ref.id]
    if not article:
        return nb.colab_url
    if not nb.article_url:
        raise RefError(f"notebook {ref.id!r} has no article; open it without --article for Colab")
    return nb.article_url
