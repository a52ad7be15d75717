"""Rules that span the course graph, checked after pydantic has checked the shapes.

Each problem is a "where: what" line; the loader prefixes the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from llmcourse.course.model import Course, Localized
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
    langs = course.languages
    if not langs:
        yield msg("check.no_languages")
    for lang in langs:
        if not _LANG.match(lang):
            yield msg("check.bad_language", lang=lang)

    def text(where: str, value: Localized, multiline: bool = False) -> Iterator[str]:
        for lang in langs:
            if not value.get(lang, "").strip():
                yield msg("check.missing_text", where=where, lang=lang)
        # Extra languages are allowed (a partial translation, e.g. zh-TW text carried into an
        # English edition); only the declared ones must be complete.
        for lang in value:
            if lang not in langs and not _LANG.match(lang):
                yield msg("check.not_language", where=where, lang=lang)
        bad = _CONTROL if multiline else _CONTROL_OR_NEWLINE
        for lang, s in value.items():
            if bad.search(s):
                yield msg("check.control", where=f"{where}.{lang}")

    def plain(where: str, value: str | None) -> Iterator[str]:
        if value is not None and _CONTROL_OR_NEWLINE.search(value):
            yield msg("check.control", where=where)

    def url(where: str, value: str | None) -> Iterator[str]:
        if value is not None and (problem := url_problem(value)):
            yield f"{where}: {problem}"

    # Parts, topics, resources, notebooks and links share one namespace (a reference names any
    # of them); concepts have their own, as nobody types a concept id.
    seen: dict[str, str] = {}
    seen_concepts: dict[str, str] = {}

    def ident(where: str, value: str, namespace: dict[str, str] = seen) -> Iterator[str]:
        if not _ID.match(value):
            yield msg("check.bad_id", where=where, value=value)
        if value in namespace:
            yield msg("check.duplicate_id", where=where, value=value, other=namespace[value])
        else:
            namespace[value] = where

    yield from text("title", course.title)
    yield from text("summary", course.summary, multiline=True)
    yield from url("web_url", course.web_url)
    yield from url("credit.url", course.credit.url)
    yield from text("credit.note", course.credit.note, multiline=True)
    for own in course.links:
        where = f"links[{own.id}]"
        yield from ident(where, own.id)
        yield from text(f"{where}.title", own.title)
        yield from url(f"{where}.url", own.url)

    part_numbers: set[int] = set()
    for part in course.parts:
        pw = f"parts[{part.id}]"
        yield from ident(pw, part.id)
        if part.number in part_numbers:
            yield msg("check.duplicate_part", where=pw, n=part.number)
        part_numbers.add(part.number)
        yield from text(f"{pw}.title", part.title)
        yield from text(f"{pw}.summary", part.summary, multiline=True)
        topic_numbers: set[int] = set()
        for topic in part.topics:
            tw = f"topics[{topic.id}]"
            yield from ident(tw, topic.id)
            if topic.number in topic_numbers:
                yield msg("check.duplicate_topic", where=tw, n=f"{part.number}.{topic.number}")
            topic_numbers.add(topic.number)
            yield from text(f"{tw}.title", topic.title)
            yield from text(f"{tw}.summary", topic.summary, multiline=True)
            yield from plain(f"{tw}.anchor", topic.anchor)
            for kw in topic.keywords:
                yield from plain(f"{tw}.keywords", kw)
            for concept in topic.concepts:
                cw = f"{tw}.concepts[{concept.id}]"
                yield from ident(cw, concept.id, seen_concepts)
                yield from text(f"{cw}.name", concept.name)
                yield from text(f"{cw}.summary", concept.summary, multiline=True)
                for i, link in enumerate(concept.links, 1):
                    yield from plain(f"{cw}.links[{i}].title", link.title)
                    yield from url(f"{cw}.links[{i}].url", link.url)
            for res in topic.resources:
                rw = f"{tw}.resources[{res.id}]"
                yield from ident(rw, res.id)
                yield from text(f"{rw}.title", res.title)
                yield from text(f"{rw}.summary", res.summary, multiline=True)
                yield from plain(f"{rw}.author", res.author)
                yield from url(f"{rw}.url", res.url)
                yield from url(f"{rw}.author_url", res.author_url)
                for i, link in enumerate(res.links, 1):
                    yield from plain(f"{rw}.links[{i}].title", link.title)
                    yield from url(f"{rw}.links[{i}].url", link.url)

    topic_ids = set(course.topics)
    for nb in course.notebooks:
        nw = f"notebooks[{nb.id}]"
        yield from ident(nw, nb.id)
        yield from text(f"{nw}.title", nb.title)
        yield from text(f"{nw}.summary", nb.summary, multiline=True)
        yield from url(f"{nw}.colab_url", nb.colab_url)
        yield from url(f"{nw}.article_url", nb.article_url)
        yield from url(f"{nw}.repo_url", nb.repo_url)
        for ref in nb.topics:
            if ref not in topic_ids:
                yield msg("check.unknown_topic", where=f"{nw}.topics", ref=ref)

    for _, topic in course.iter_topics():
        for ref in topic.prerequisites:
            if ref == topic.id:
                yield msg("check.self_prerequisite", where=f"topics[{topic.id}].prerequisites")
            elif ref not in topic_ids:
                yield msg("check.unknown_topic", where=f"topics[{topic.id}].prerequisites", ref=ref)
    if cycle := find_cycle(course):
        yield msg("check.cycle", cycle=" -> ".join(cycle))


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
