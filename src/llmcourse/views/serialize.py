"""The course graph as JSON-ready dicts, in one language (the shapes of DESIGN.md's contracts)."""

from __future__ import annotations

from typing import Any

from llmcourse.course.model import Concept, Course, Link, Notebook, Part, Resource, Topic


def _links(links: tuple[Link, ...]) -> list[dict[str, str]]:
    return [{"title": link.title, "url": link.url} for link in links]


def concept_dict(course: Course, c: Concept, lang: str) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": course.text(c.name, lang),
        "summary": course.text(c.summary, lang),
        "links": _links(c.links),
    }


def resource_dict(
    course: Course, topic: Topic, r: Resource, lang: str, statuses: dict[str, str]
) -> dict[str, Any]:
    return {
        "id": r.id,
        "number": course.resource_number(r.id),
        "topic_id": topic.id,
        "title": course.text(r.title, lang),
        "url": r.url,
        "kind": r.kind,
        "author": r.author,
        "author_url": r.author_url,
        "summary": course.text(r.summary, lang),
        "links": _links(r.links),
        "status": statuses.get(r.id, "todo"),
    }


def notebook_dict(
    course: Course, nb: Notebook, lang: str, statuses: dict[str, str]
) -> dict[str, Any]:
    return {
        "id": nb.id,
        "group": nb.group,
        "title": course.text(nb.title, lang),
        "summary": course.text(nb.summary, lang),
        "colab_url": nb.colab_url,
        "article_url": nb.article_url,
        "repo_url": nb.repo_url,
        "topics": list(nb.topics),
        "status": statuses.get(nb.id, "todo"),
    }


def topic_dict(course: Course, topic: Topic, lang: str, statuses: dict[str, str]) -> dict[str, Any]:
    part = course.part_of(topic.id)
    return {
        "id": topic.id,
        "number": course.number_of(topic.id),
        "part_id": part.id,
        "title": course.text(topic.title, lang),
        "summary": course.text(topic.summary, lang),
        "status": statuses.get(topic.id, "todo"),
        "url": course.topic_url(topic.id),
        "prerequisites": list(topic.prerequisites),
        "keywords": list(topic.keywords),
        "concepts": [concept_dict(course, c, lang) for c in topic.concepts],
        "resources": [resource_dict(course, topic, r, lang, statuses) for r in topic.resources],
        "notebooks": [nb.id for nb in course.notebooks_for(topic.id)],
    }


def part_dict(course: Course, part: Part, lang: str, statuses: dict[str, str]) -> dict[str, Any]:
    return {
        "id": part.id,
        "number": part.number,
        "title": course.text(part.title, lang),
        "summary": course.text(part.summary, lang),
        "topics": [topic_dict(course, t, lang, statuses) for t in part.topics],
    }


def course_dict(course: Course, lang: str, statuses: dict[str, str]) -> dict[str, Any]:
    """The whole graph, as `list --json` prints it."""
    return {
        "course": {
            "id": course.id,
            "edition": course.edition,
            "lang": lang,
            "languages": list(course.languages),
            "title": course.text(course.title, lang),
            "summary": course.text(course.summary, lang),
            "web_url": course.web_url,
            "credit": {
                "author": course.credit.author,
                "repository": course.credit.repository,
                "url": course.credit.url,
                "license": course.credit.license,
                "note": course.text(course.credit.note, lang),
            },
            "links": [
                {"id": ln.id, "title": course.text(ln.title, lang), "url": ln.url}
                for ln in course.links
            ],
        },
        "parts": [part_dict(course, p, lang, statuses) for p in course.parts],
        "notebooks": [notebook_dict(course, nb, lang, statuses) for nb in course.notebooks],
    }
