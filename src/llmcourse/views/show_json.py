"""`show --json` (and the MCP `show` tool): a topic, resource or notebook as a dict."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llmcourse.views.serialize import notebook_dict, resource_dict, topic_dict
from llmcourse.views.shown import Dead, Shown

if TYPE_CHECKING:
    from llmcourse.course.model import Notebook, Resource, Topic
    from llmcourse.course.refs import Ref
    from llmcourse.progress.timeline import Dates


def node_json(shown: Shown, node: Ref) -> dict[str, Any]:
    """Whatever the reference named, with its notes and dead-link flags (not its dates)."""
    course = shown.course
    if node.kind == "topic":
        return topic_json(shown, course.topics[node.id])
    if node.kind == "resource":
        return resource_json(shown, *course.resources[node.id])
    return notebook_json(shown, course.notebook_map[node.id])


def topic_json(shown: Shown, topic: Topic) -> dict[str, Any]:
    """The topic as in `list --json` (`prerequisites` and `notebooks` lists of ids), plus its
    notes, its prerequisites as objects with their status (`prerequisites_detail`), its
    notebooks in full (`notebooks_detail`), and `link_status` on links found dead."""
    course, lang, statuses = shown.course, shown.lang, shown.statuses
    data = topic_dict(course, topic, lang, statuses)
    data["node"] = "topic"
    data["prerequisites_detail"] = [
        {
            "id": p,
            "number": course.number_of(p),
            "title": shown.t(course.topics[p].title),
            "status": shown.status(p),
        }
        for p in topic.prerequisites
        if p in course.topics
    ]
    data["notebooks_detail"] = [
        notebook_dict(course, nb, lang, statuses) for nb in course.notebooks_for(topic.id)
    ]
    data["notes"] = shown.notes
    if shown.dead:
        for concept in data["concepts"]:
            for link in concept["links"]:
                _mark_dead(link, shown.dead)
        for res in data["resources"]:
            _mark_resource(res, shown.dead)
        for nb in data["notebooks_detail"]:
            _mark_notebook(nb, shown.dead)
    return data


def resource_json(shown: Shown, topic: Topic, res: Resource) -> dict[str, Any]:
    data = resource_dict(shown.course, topic, res, shown.lang, shown.statuses)
    data["node"] = "resource"  # `kind` stays the resource's kind (article, video...), as in list
    data["topic"] = _topic_ref(shown, topic)
    data["notes"] = shown.notes
    _mark_resource(data, shown.dead)
    return data


def notebook_json(shown: Shown, nb: Notebook) -> dict[str, Any]:
    data = notebook_dict(shown.course, nb, shown.lang, shown.statuses)
    data["node"] = "notebook"
    _mark_notebook(data, shown.dead)
    topics = shown.course.topics
    data["topic_details"] = [_topic_ref(shown, topics[t]) for t in nb.topics if t in topics]
    data["notes"] = shown.notes
    return data


def dates_json(dates: Dates | None) -> dict[str, str | None]:
    """`started_at` and `done_at` (ISO 8601, UTC) for `show --json`; None when unknown."""
    from llmcourse.progress.model import jsonable

    if dates is None:
        return {"started_at": None, "done_at": None}
    return {"started_at": jsonable(dates.started), "done_at": jsonable(dates.done)}


def _topic_ref(shown: Shown, topic: Topic) -> dict[str, str]:
    return {
        "id": topic.id,
        "number": shown.course.number_of(topic.id),
        "title": shown.t(topic.title),
        "status": shown.status(topic.id),
    }


def _mark_dead(item: dict[str, Any], dead: Dead, key: str = "url") -> None:
    """Add `link_status` (broken or error) and `link_checked_at` to a dict whose URL is dead."""
    found = dead.get(item.get(key) or "")
    if found is not None:
        item["link_status"] = found.get("status") or "broken"
        item["link_checked_at"] = found.get("checked_at")


def _mark_resource(data: dict[str, Any], dead: Dead) -> None:
    _mark_dead(data, dead)
    for link in data.get("links", []):
        _mark_dead(link, dead)


def _mark_notebook(data: dict[str, Any], dead: Dead) -> None:
    """A notebook has several URLs: the dead ones are listed under `dead_links`."""
    found = []
    for key in ("colab_url", "article_url", "repo_url"):
        url = data.get(key)
        if url and url in dead:
            found.append({"url": url, "link_status": dead[url].get("status") or "broken",
                          "link_checked_at": dead[url].get("checked_at")})  # fmt: skip
    if found:
        data["dead_links"] = found
