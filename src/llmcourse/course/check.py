"""Rules that span the course graph, checked after pydantic has checked the shapes.

Each problem is a "where: what" line; the loader prefixes the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from llmcourse.course.model import (
    Concept,
    Course,
    CourseLink,
    Link,
    Localized,
    Notebook,
    Part,
    Resource,
    Topic,
)
from llmcourse.i18n import msg

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# C0 and C1 control characters; a newline is allowed in summaries only.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def url_problem(url: str) -> str | None:
    """Why `url` is not an absolute http(s) URL, or None when it is. Never raises: a URL that
    cannot even be split (`http://[::1`) is a problem like any other."""
    if _CONTROL_OR_NEWLINE.search(url) or any(ch.isspace() for ch in url):
        return msg("url.control", url=url)
    try:
        parts = urlsplit(url)
    except ValueError as e:  # an unclosed IPv6 bracket, a bad port...
        return msg("url.malformed", url=url, why=e)
    if parts.scheme not in ("http", "https"):
        return msg("url.not_http", url=url)
    if not parts.netloc:
        return msg("url.no_host", url=url)
    return None


def check_course(course: Course) -> list[str]:
    return list(_problems(course))


def _problems(course: Course) -> Iterator[str]:
    """Every rule, node by node, in the order of the course's source file."""
    yield from _language_problems(course.languages)
    rules = _Rules(course.languages)
    yield from rules.course(course)
    for own in course.links:
        yield from rules.link(own)
    for part in course.parts:
        yield from rules.part(part)
    topic_ids = set(course.topics)
    for nb in course.notebooks:
        yield from rules.notebook(nb, topic_ids)
    yield from _prerequisite_problems(course, topic_ids)


def _language_problems(langs: Sequence[str]) -> Iterator[str]:
    if not langs:
        yield msg("check.no_languages")
    for lang in langs:
        if not _LANG.match(lang):
            yield msg("check.bad_language", lang=lang)


def _prerequisite_problems(course: Course, topic_ids: set[str]) -> Iterator[str]:
    for _, topic in course.iter_topics():
        where = f"topics[{topic.id}].prerequisites"
        for ref in topic.prerequisites:
            if ref == topic.id:
                yield msg("check.self_prerequisite", where=where)
            elif ref not in topic_ids:
                yield msg("check.unknown_topic", where=where, ref=ref)
    if cycle := find_cycle(course):
        yield msg("check.cycle", cycle=" -> ".join(cycle))


class _Rules:
    """The per-node rules, and what they remember across nodes: the ids and part numbers seen."""

    def __init__(self, langs: Sequence[str]) -> None:
        self.langs = langs
        # Parts, topics, resources, notebooks and links share one namespace (a reference names
        # any of them); concepts have their own, as nobody types a concept id.
        self.seen: dict[str, str] = {}
        self.seen_concepts: dict[str, str] = {}
        self.part_numbers: set[int] = set()

    # One node kind each.

    def course(self, course: Course) -> Iterator[str]:
        yield from self.titled("", course.title, course.summary)
        yield from self.url("web_url", course.web_url)
        yield from self.url("credit.url", course.credit.url)
        yield from self.text("credit.note", course.credit.note, multiline=True)

    def link(self, own: CourseLink) -> Iterator[str]:
        where = f"links[{own.id}]"
        yield from self.ident(where, own.id)
        yield from self.text(f"{where}.title", own.title)
        yield from self.url(f"{where}.url", own.url)

    def part(self, part: Part) -> Iterator[str]:
        where = f"parts[{part.id}]"
        yield from self.ident(where, part.id)
        if part.number in self.part_numbers:
            yield msg("check.duplicate_part", where=where, n=part.number)
        self.part_numbers.add(part.number)
        yield from self.titled(where, part.title, part.summary)
        topic_numbers: set[int] = set()
        for topic in part.topics:
            yield from self.topic(topic, part.number, topic_numbers)

    def topic(self, topic: Topic, part_number: int, numbers: set[int]) -> Iterator[str]:
        """`numbers`: the topic numbers seen so far in its part."""
        where = f"topics[{topic.id}]"
        yield from self.ident(where, topic.id)
        if topic.number in numbers:
            yield msg("check.duplicate_topic", where=where, n=f"{part_number}.{topic.number}")
        numbers.add(topic.number)
        yield from self.titled(where, topic.title, topic.summary)
        yield from self.plain(f"{where}.anchor", topic.anchor)
        for kw in topic.keywords:
            yield from self.plain(f"{where}.keywords", kw)
        for concept in topic.concepts:
            yield from self.concept(f"{where}.concepts[{concept.id}]", concept)
        for res in topic.resources:
            yield from self.resource(f"{where}.resources[{res.id}]", res)

    def concept(self, where: str, concept: Concept) -> Iterator[str]:
        yield from self.ident(where, concept.id, self.seen_concepts)
        yield from self.titled(where, concept.name, concept.summary, "name")
        yield from self.inline_links(where, concept.links)

    def resource(self, where: str, res: Resource) -> Iterator[str]:
        yield from self.ident(where, res.id)
        yield from self.titled(where, res.title, res.summary)
        yield from self.plain(f"{where}.author", res.author)
        yield from self.url(f"{where}.url", res.url)
        yield from self.url(f"{where}.author_url", res.author_url)
        yield from self.inline_links(where, res.links)

    def titled(
        self, where: str, title: Localized, summary: Localized, key: str = "title"
    ) -> Iterator[str]:
        """A node's title (or name), one line, and its summary, in every language."""
        prefix = f"{where}." if where else ""
        yield from self.text(f"{prefix}{key}", title)
        yield from self.text(f"{prefix}summary", summary, multiline=True)

    def inline_links(self, where: str, links: Sequence[Link]) -> Iterator[str]:
        for i, link in enumerate(links, 1):
            yield from self.plain(f"{where}.links[{i}].title", link.title)
            yield from self.url(f"{where}.links[{i}].url", link.url)

    def notebook(self, nb: Notebook, topic_ids: set[str]) -> Iterator[str]:
        where = f"notebooks[{nb.id}]"
        yield from self.ident(where, nb.id)
        yield from self.titled(where, nb.title, nb.summary)
        yield from self.url(f"{where}.colab_url", nb.colab_url)
        yield from self.url(f"{where}.article_url", nb.article_url)
        yield from self.url(f"{where}.repo_url", nb.repo_url)
        for ref in nb.topics:
            if ref not in topic_ids:
                yield msg("check.unknown_topic", where=f"{where}.topics", ref=ref)

    # One field kind each.

    def text(self, where: str, value: Localized, multiline: bool = False) -> Iterator[str]:
        for lang in self.langs:
            if not value.get(lang, "").strip():
                yield msg("check.missing_text", where=where, lang=lang)
        # Extra languages are allowed (a partial translation, e.g. zh-TW text carried into an
        # English edition); only the declared ones must be complete.
        for lang in value:
            if lang not in self.langs and not _LANG.match(lang):
                yield msg("check.not_language", where=where, lang=lang)
        bad = _CONTROL if multiline else _CONTROL_OR_NEWLINE
        for lang, s in value.items():
            if bad.search(s):
                yield msg("check.control", where=f"{where}.{lang}")

    def plain(self, where: str, value: str | None) -> Iterator[str]:
        if value is not None and _CONTROL_OR_NEWLINE.search(value):
            yield msg("check.control", where=where)

    def url(self, where: str, value: str | None) -> Iterator[str]:
        if value is not None and (problem := url_problem(value)):
            yield f"{where}: {problem}"

    def ident(
        self, where: str, value: str, namespace: dict[str, str] | None = None
    ) -> Iterator[str]:
        namespace = self.seen if namespace is None else namespace
        if not _ID.match(value):
            yield msg("check.bad_id", where=where, value=value)
        if value in namespace:
            yield msg("check.duplicate_id", where=where, value=value, other=namespace[value])
        else:
            namespace[value] = where


def find_cycle(course: Course) -> list[str] | None:
    """A prerequisite cycle as a list of ids (first repeated at the end), or None.

    A depth-first walk with an explicit stack, so a chain of any length costs no recursion."""
    graph = {
        t.id: [p for p in t.prerequisites if p in course.topics and p != t.id]
        for t in course.topics.values()
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for root in graph:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack = [iter(graph[root])]  # per node on the path: the prerequisites left to visit
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(graph[nxt]))
    return None
