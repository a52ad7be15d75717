"""The course tree: parts, their topics, each topic's resources and notebooks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from llmcourse.course.model import Course
from llmcourse.tui.render import Item

Node = TreeNode[Item]


class CourseTree(Tree[Item]):
    # `j` moves down as in vim; `k` is skip (see keys.py), so up is the arrow.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("j", "cursor_down", show=False)]

    def __init__(self) -> None:
        super().__init__("", id="tree")
        self.show_root = False
        self.guide_depth = 2

    def fill(
        self,
        course: Course,
        labeler: Callable[[Item], Text],
        shown: Callable[[str], bool],
        expanded: set[str],
    ) -> None:
        """Build the tree afresh: every part expanded; the topics that `shown` keeps, expanded
        when their id is in `expanded`."""
        self.clear()
        for part in course.parts:
            item = Item("part", part.id)
            part_node = self.root.add(labeler(item), data=item, expand=True)
            for topic in part.topics:
                if not shown(topic.id):
                    continue
                item = Item("topic", topic.id, topic.id)
                node = part_node.add(labeler(item), data=item, expand=topic.id in expanded)
                children = [Item("resource", r.id, topic.id) for r in topic.resources]
                children += [
                    Item("notebook", n.id, topic.id) for n in course.notebooks_for(topic.id)
                ]
                for child in children:
                    node.add_leaf(labeler(child), data=child)

    def nodes(self) -> Iterator[Node]:
        """Every node, in the order drawn (collapsed ones included)."""
        stack = list(reversed(self.root.children))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def relabel(self, labeler: Callable[[Item], Text]) -> None:
        for node in self.nodes():
            if node.data is not None:
                node.set_label(labeler(node.data))

    def expanded_topics(self) -> set[str]:
        return {
            n.data.id for n in self.nodes() if n.data and n.data.kind == "topic" and n.is_expanded
        }

    def find(self, item: Item) -> Node | None:
        return next((n for n in self.nodes() if n.data == item), None)

    def go_to(self, node: Node) -> None:
        """Put the cursor on `node`, opening the branches above it."""
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        # The tree lays its lines out on the next refresh: place the cursor after it.
        self.call_after_refresh(self.move_cursor, node)
