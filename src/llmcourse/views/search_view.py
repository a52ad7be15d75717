"""`search`: ranked hits, as a list (plain or Rich) or as JSON."""

from __future__ import annotations

import re
from typing import Any

from llmcourse.course.model import Course
from llmcourse.course.search import Hit
from llmcourse.i18n import label, pad
from llmcourse.textsafe import one_line, shorten
from llmcourse.views.output import echo, emit_json, use_rich


def hit_dict(course: Course, hit: Hit, lang: str) -> dict[str, Any]:
    """One hit as `search --json` prints it: the contract's keys, then extras."""
    title: Any = {}
    url = ""
    number = ""
    if hit.kind == "topic":
        topic = course.topics[hit.id]
        title, number = topic.title, course.number_of(topic.id)
        url = course.topic_url(topic.id)
    elif hit.kind == "concept":
        topic = course.topics[hit.topic_id]
        concept_id = hit.id.partition("/")[2]
        concept = next(c for c in topic.concepts if c.id == concept_id)
        title, number = concept.name, course.number_of(topic.id)
        url = course.topic_url(topic.id)
    elif hit.kind == "resource":
        topic, res = course.resources[hit.id]
        n = course.resource_number(res.id)
        title, url, number = res.title, res.url, f"{course.number_of(topic.id)}#{n}"
    else:
        nb = course.notebook_map[hit.id]
        title, url = nb.title, nb.colab_url
    topic_title = course.topics[hit.topic_id].title if hit.topic_id in course.topics else {}
    return {
        "kind": hit.kind,
        "id": hit.id,
        "title": course.text(title, lang),
        "topic_id": hit.topic_id,
        "url": url,
        "score": hit.score,
        "number": number,
        "topic_title": course.text(topic_title, lang) if topic_title else "",
        "why": list(hit.why),
    }


_WHY = re.compile(r"^(\w+): (.*?)(?: \((prefix|typo)\))?$")


def matched_line(why: list[str], lang: str) -> str:
    """ "matched: title: 微調; keyword: GPTQ (prefix)" in English; in Chinese with its own words
    and full-width punctuation: 「符合：標題：微調；關鍵字：GPTQ（開頭相符）」."""
    if lang == "en":
        return f"{label('matched', lang)}: {'; '.join(why)}"
    parts = []
    for note in why:
        m = _WHY.match(note)
        if m is None:  # an abbreviation's expansion ("RAG = retrieval augmented generation")
            parts.append(note)
            continue
        fname, word, how = m.groups()
        part = f"{label(f'why.{fname}', lang)}{label('colon', lang)}{word}"
        parts.append(part + (label("paren", lang).format(label(f"why.{how}", lang)) if how else ""))
    return f"{label('matched', lang)}{label('colon', lang)}{label('why.sep', lang).join(parts)}"


def render_hits(course: Course, lang: str, query: str, hits: list[Hit]) -> None:
    rows = [hit_dict(course, h, lang) for h in hits]
    if not rows:
        echo(label("search.none", lang).format(query=shorten(query)))
        return
    if use_rich():
        _render_rich(rows, lang)
        return
    for i, row in enumerate(rows, 1):
        where = "" if row["kind"] == "topic" else f"  <- {one_line(row['topic_id'])}"
        kind = pad(label(row["kind"], lang), 8)
        echo(f"{i:>2}. {kind} {row['number'] or '-':<7} {one_line(row['title'])}{where}")
        echo(f"    {one_line(row['id'])}  {one_line(row['url'])}")
        echo(f"    {one_line(matched_line(row['why'], lang))}")


def _render_rich(rows: list[dict[str, Any]], lang: str) -> None:
    from llmcourse.views.output import terminal_width
    from llmcourse.views.paint import Grid, draw, styled

    # A long title or id wraps in its column (a word longer than the column is cut, never
    # shortened with "…"), so an id stays whole, if over two lines on a narrow terminal.
    grid = Grid(flex=3, right=(0,), shrink=(4,))
    heads = ("#", label("kind", lang), label("number", lang), label("title", lang))
    grid.add_row(*(styled(h, "dim") for h in (*heads, label("topic", lang))))
    for i, row in enumerate(rows, 1):
        title = styled(one_line(row["title"]), "bold" if row["kind"] == "topic" else "", row["url"])
        grid.add_row(
            styled(str(i), "dim"),
            styled(label(row["kind"], lang), "cyan"),
            styled(row["number"] or "-"),
            [
                title,
                styled(one_line(row["id"]), "dim"),
                styled(one_line(matched_line(row["why"], lang)), "dim italic"),
            ],
            styled(one_line(row["topic_title"] if row["kind"] != "topic" else ""), "dim"),
        )
    draw([grid], terminal_width())


def show_hits(course: Course, lang: str, query: str, hits: list[Hit], as_json: bool) -> None:
    if as_json:
        emit_json([hit_dict(course, h, lang) for h in hits])
    else:
        render_hits(course, lang, query, hits)
