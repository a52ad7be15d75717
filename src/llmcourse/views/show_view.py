"""`show`: one topic, resource or notebook, as JSON (`show_json`), as plain text
(`show_plain`) or, on a terminal, as styled lines (`show_styled`, drawn by `views.paint`).

Text from the data is always printed literally: plain output goes through echo() (escape
sequences stripped), styled output through `paint` (which sanitises every span); titles, ids
and URLs are kept on one line (`one_line`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmcourse.views.output import emit_json, terminal_width, use_rich
from llmcourse.views.shown import Shown

if TYPE_CHECKING:
    from llmcourse.course.refs import Ref
    from llmcourse.views.show_styled import Drawn


def show_node(shown: Shown, node: Ref, as_json: bool) -> None:
    """`show` for whatever the reference named: a topic, a resource or a notebook."""
    if as_json:
        from llmcourse.views.show_json import dates_json, node_json

        emit_json({**node_json(shown, node), **dates_json(shown.dates)})
    elif use_rich():
        from llmcourse.views.paint import draw

        width = terminal_width()
        draw(node_lines(shown, node, width), width)
    else:
        from llmcourse.views import show_plain

        course = shown.course
        if node.kind == "topic":
            show_plain.topic_text(shown, course.topics[node.id])
        elif node.kind == "resource":
            show_plain.resource_text(shown, *course.resources[node.id])
        else:
            show_plain.notebook_text(shown, course.notebook_map[node.id])


def node_lines(shown: Shown, node: Ref, width: int | None) -> Drawn:
    """The styled lines of the node (`width` None for `browse`, which lays them out itself)."""
    from llmcourse.views import show_styled

    course = shown.course
    if node.kind == "topic":
        return show_styled.topic_lines(shown, course.topics[node.id], width)
    if node.kind == "resource":
        return show_styled.resource_lines(shown, *course.resources[node.id])
    return show_styled.notebook_lines(shown, course.notebook_map[node.id])
