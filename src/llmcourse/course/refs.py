"""Turn what a person typed into a node of the course.

One resolver, `resolve(course, query, lang, exact=...)`, in two modes:

- forgiving (`exact=False`; commands that only read: show, open, search, check-links): the first
  stage that matches anything decides: exact id -> number -> a concept ("topic/concept", as
  search prints concepts) -> whole title in any language -> a topic's keyword (`sft`, `GGUF`,
  `lora`) -> unique id prefix -> title words in any language -> fuzzy match (typos).
- exact (`exact=True`; every command that changes the learner's state): an id, a number, or a
  whole title in any language (case, punctuation and spacing aside). Whatever the forgiving
  stages would have found is only offered as "did you mean", never acted on.

In both modes a number-like query (`1.5`, `10`, `2.7#9`) names a topic or resource by its
number or is an error naming the valid range: its digits are never matched against titles.
Within a stage, a single topic wins over resources and notebooks (so `量化` names the topic, not
the resources whose titles contain it). Several matches in a stage are ambiguous; none in any
stage is unknown, with suggestions.

`parse_refs` reads the one grammar of references on a command line, `REF [N...]`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Literal

from llmcourse.course.model import Course, Part
from llmcourse.course.text import has_cjk, traditional_form
from llmcourse.course.text import norm as normalize
from llmcourse.errors import RefError, UsageError
from llmcourse.i18n import label, msg, pad
from llmcourse.record import Record

Kind = Literal["topic", "resource", "notebook"]


class Ref(Record):
    _fields = ("kind", "id", "topic_id")

    def __init__(self, kind: Kind, id: str, topic_id: str | None) -> None:
        self.kind = kind
        self.id = id
        self.topic_id = topic_id  # a topic's own id; a resource's topic; a notebook's first topic


class _Entry:
    __slots__ = ("display", "keywords", "number", "ref", "titles")

    def __init__(
        self,
        ref: Ref,
        number: str,
        titles: tuple[str, ...],
        display: dict[str, str],
        keywords: tuple[str, ...] = (),
    ) -> None:
        self.ref = ref
        self.number = number  # "2.7" for a topic, "2.7#3" for a resource, "" for a notebook
        self.titles = titles  # normalized, every language
        self.display = display  # title by language, for messages
        self.keywords = keywords


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


# Number-like: digits with dots, '#', '/' or spaces between them (after NFKC, so full-width
# digits count); such a query is a number or an error, never title words.
_NUMBER_LIKE = re.compile(r"^[\d\s.#/]*\d[\d\s.#/]*$")
_NUMBER = re.compile(r"^(\d+)(?:\.(\d+))?\.?(?:\s*[#/\s]\s*(\d+))?$")


def _by_number(course: Course, query: str) -> Ref | None:
    """The topic ("2.7") or resource ("2.7#3", "2.7/3", "2.7 3") a number names; None when the
    query is not number-like; RefError naming the valid range when it names nothing."""
    text = unicodedata.normalize("NFKC", query).strip()
    if not _NUMBER_LIKE.match(text):
        return None
    m = _NUMBER.match(text)
    if m is None:
        raise RefError(msg("ref.bad_number", ref=query))
    p, t, n = (int(g) if g is not None else None for g in m.groups())
    part = next((x for x in course.parts if x.number == p), None)
    if part is None:
        parts = _span([x.number for x in course.parts])
        raise RefError(msg("ref.no_part", part=p, parts=parts))
    if t is None:
        raise RefError(msg("ref.part_not_topic", part=p, topics=_topic_span(part)))
    topic = next((x for x in part.topics if x.number == t), None)
    if topic is None:
        raise RefError(msg("ref.no_topic", number=f"{p}.{t}", part=p, topics=_topic_span(part)))
    if n is None:
        return Ref("topic", topic.id, topic.id)
    return resource_at(course, topic.id, n)


def _topic_span(part: Part) -> str:
    return _span([t.number for t in part.topics], f"{part.number}.")


def _span(numbers: list[int], prefix: str = "") -> str:
    """ "1.1–1.4" for consecutive numbers, else the list of them ("none" for no numbers)."""
    if not numbers:
        return msg("none")
    ns = sorted(numbers)
    if len(ns) > 1 and ns == list(range(ns[0], ns[-1] + 1)):
        return f"{prefix}{ns[0]}–{prefix}{ns[-1]}"
    return ", ".join(f"{prefix}{n}" for n in ns)


# The shortest text resolved by prefix, title words or typo tolerance (ids, numbers, whole
# titles and keywords of any length still count).
MIN_PREFIX = 2


def _stages(course: Course, query: str) -> Iterator[tuple[str, list[_Entry]]]:
    """The forgiving stages after ids and numbers, in order of precedence."""
    entries = _entries(course)
    q = query.strip()
    low = q.lower()
    nq = normalize(q)
    yield "concept", _concept(course, entries, low)
    if not nq:
        return
    squashed = nq.replace(" ", "")
    yield "title", [e for e in entries if nq in e.titles or squashed in
                    (t.replace(" ", "") for t in e.titles)]  # fmt: skip
    yield "keyword", [e for e in entries if nq in e.keywords or squashed in
                      (k.replace(" ", "") for k in e.keywords)]  # fmt: skip
    if len(nq) < MIN_PREFIX:
        return  # `show a` names nothing: one letter is not a prefix, nor a title word
    yield "prefix", [e for e in entries if e.ref.id.startswith(low)]
    yield "words", [e for e in entries if any(_words_match(nq, t) for t in e.titles)]


# The stages an exact reference may be settled by (ids and numbers come before any stage).
_EXACT_STAGES = ("title",)


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


def _by_id(course: Course, query: str) -> Ref | None:
    """The topic, resource or notebook whose id is exactly `query` (any case)."""
    low = query.strip().lower()
    if low in course.topics:
        return Ref("topic", low, low)
    if low in course.resources:
        return Ref("resource", low, course.resources[low][0].id)
    if (nb := course.notebook_map.get(low)) is not None:
        return Ref("notebook", nb.id, nb.topics[0] if nb.topics else None)
    return None


def resolve(course: Course, query: str, lang: str = "en", *, exact: bool = False) -> Ref:
    """The node `query` names, or RefError (ambiguous: the candidates; unknown: suggestions).

    `exact=True` is for commands that change state: only an id, a number or a whole title
    settles it; a keyword, concept, prefix or near miss raises RefError with "did you mean"
    candidates instead of being acted on."""
    if (ref := _by_id(course, query)) is not None:
        return ref
    if (ref := _by_number(course, query)) is not None:
        return ref
    inexact: list[_Entry] = []  # with `exact`: what the first forgiving stage found
    for stage, matches in _stages(course, query):
        if not matches:
            continue
        if exact and stage not in _EXACT_STAGES:
            inexact = inexact or _picked_first(matches)
            continue
        if (entry := _pick(matches)) is not None:
            return entry.ref
        more = len(matches) - 12
        raise RefError(
            msg("ref.ambiguous", ref=query, n=len(matches)),
            [_describe(e, lang) for e in matches[:12]]
            + ([msg("ref.more", n=more)] if more > 0 else [])
            + [msg("ref.pick")],
        )
    if inexact:
        raise _not_exact(query, inexact, lang)
    if (alt := traditional_form(query)) != query and traditional_form(alt) == alt:
        # Simplified or mainland words: 神经网络 -> 神經網路
        return resolve(course, alt, lang, exact=exact)
    fuzzy = _fuzzy(course, query) if len(normalize(query)) >= MIN_PREFIX else []
    if fuzzy and fuzzy[0][1] >= 85 and (len(fuzzy) == 1 or fuzzy[0][1] - fuzzy[1][1] >= 5):
        if exact:
            raise _not_exact(query, [e for e, _ in fuzzy[:5]], lang)
        return fuzzy[0][0].ref
    hint = [_describe(e, lang) for e, _ in fuzzy[:5]]
    raise RefError(
        msg("ref.unknown", ref=query),
        ([msg("ref.did_you_mean"), *("  " + h for h in hint)] if hint else [])
        + [msg("ref.unknown_hint")],
    )


def _picked_first(matches: list[_Entry]) -> list[_Entry]:
    """What a forgiving stage found, the one it would have picked first."""
    picked = _pick(matches)
    return [picked, *(e for e in matches if e is not picked)] if picked else matches


def _not_exact(query: str, candidates: list[_Entry], lang: str) -> RefError:
    """A change asked with an inexact reference: refused, with what it may have meant."""
    lines = [_describe(e, lang) for e in candidates[:12]]
    return RefError(
        msg("ref.not_exact", ref=query),
        [msg("ref.did_you_mean"), *("  " + line for line in lines), msg("ref.exact_hint")],
    )


def parse_refs(
    course: Course, words: Sequence[str], lang: str = "en", *, exact: bool = False
) -> list[Ref]:
    """The one grammar of references on a command line: `REF [N...]`, repeated.

    Each REF is resolved (exactly, with `exact`); bare numbers right after a topic name its
    resources, in place of the topic: `nlp 2 3` is nlp's 2nd and 3rd resources, `2.7 1 3
    python` is 2.7#1, 2.7#3 and python. A bare number that follows nothing is resolved as a
    reference (so `10` is "no part 10"); one after a resource or notebook is a usage error.
    Every reference is resolved before anything is returned (all or nothing); repeats are
    dropped."""
    out: list[Ref] = []
    topic: Ref | None = None  # the topic that bare numbers pick resources of
    last: Ref | None = None
    for word in words:
        number = unicodedata.normalize("NFKC", word).strip()
        if last is not None and number.isdecimal():
            if topic is None:
                kind = label(last.kind, lang)
                raise UsageError(msg("ref.n_needs_topic", ref=last.id, kind=kind))
            if out and out[-1] is topic:
                out.pop()  # `nlp 2`: the resource, not the topic
            out.append(resource_at(course, topic.id, int(number)))
            continue
        last = resolve(course, word, lang, exact=exact)
        topic = last if last.kind == "topic" else None
        out.append(last)
    seen: set[tuple[str, str]] = set()
    unique = []
    for ref in out:
        if (ref.kind, ref.id) not in seen:
            seen.add((ref.kind, ref.id))
            unique.append(ref)
    return unique


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
    return f"{e.ref.id:<32} {pad(label(e.ref.kind, lang), 8)} {number:<7} {title}"


def resource_at(course: Course, topic_id: str, n: int) -> Ref:
    """The topic's n-th resource (1-based), or RefError naming the valid range."""
    topic = course.topics[topic_id]
    number, count = course.number_of(topic_id), len(topic.resources)
    if not count:
        raise RefError(msg("ref.no_resources", number=number))
    if not 1 <= n <= count:
        span = _span(list(range(1, count + 1)))
        raise RefError(msg("ref.no_resource", number=number, range=span, n=n))
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
        return course.topic_url(ref.id)
    if ref.kind == "resource":
        return course.resources[ref.id][1].url
    nb = course.notebook_map[ref.id]
    if not article:
        return nb.colab_url
    if not nb.article_url:
        raise RefError(msg("ref.no_article", ref=ref.id))
    return nb.article_url
