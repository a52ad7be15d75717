"""The prerequisite graph as a graph: study orders, layers, and an order within each layer.

Pure functions over plain data (ids in course order and each id's prerequisites), so that the
map views and `path` share them and tests can feed them any graph. Every walk is iterative: a
course that is one long chain of thousands of topics must not exhaust Python's stack.

Edges to ids outside the given nodes are ignored: a part drawn alone lays out on its own.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from llmcourse.course.model import Course
from llmcourse.errors import CourseError
from llmcourse.i18n import msg

Prereqs = Mapping[str, Sequence[str]]


class CycleError(CourseError):
    """The prerequisites loop (a validated course never does)."""


def prerequisites(course: Course) -> dict[str, tuple[str, ...]]:
    return {tid: topic.prerequisites for tid, topic in course.topics.items()}


def topological_order(nodes: Sequence[str], prereqs: Prereqs) -> list[str]:
    """`nodes` with every prerequisite before the topics that need it; among the topics that
    are free to come next, the one earliest in `nodes` (the course's order) goes first."""
    rank = {n: i for i, n in enumerate(nodes)}
    waiting = {n: sum(1 for p in set(prereqs.get(n, ())) if p in rank) for n in nodes}
    unlocks: dict[str, list[str]] = {n: [] for n in nodes}
    for n in nodes:
        for p in set(prereqs.get(n, ())):
            if p in rank:
                unlocks[p].append(n)
    ready = [rank[n] for n in nodes if waiting[n] == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        node = nodes[heapq.heappop(ready)]
        order.append(node)
        for after in unlocks[node]:
            waiting[after] -= 1
            if waiting[after] == 0:
                heapq.heappush(ready, rank[after])
    if len(order) != len(nodes):
        raise CycleError(msg("map.cycle"))
    return order


def ancestors(goal: str, prereqs: Prereqs) -> set[str]:
    """Every topic `goal` needs, directly or through others (not `goal` itself)."""
    seen: set[str] = set()
    stack = list(prereqs.get(goal, ()))
    while stack:
        node = stack.pop()
        if node not in seen and node != goal:
            seen.add(node)
            stack.extend(prereqs.get(node, ()))
    return seen


def study_path(
    nodes: Sequence[str], prereqs: Prereqs, goal: str, settled: Iterable[str]
) -> list[str]:
    """The unsettled topics `goal` needs, in a valid study order, then `goal`.

    The order is taken over all of goal's prerequisites, settled ones included, before those
    are dropped: a settled topic in between still says which of the others comes first."""
    needed = ancestors(goal, prereqs) | {goal}
    order = topological_order([n for n in nodes if n in needed], prereqs)
    done = set(settled) - {goal}
    return [n for n in order if n not in done]


def longest_path_layers(nodes: Sequence[str], prereqs: Prereqs) -> dict[str, int]:
    """Each node's layer: 0 without prerequisites, else one below its deepest prerequisite."""
    inside = set(nodes)
    layer: dict[str, int] = {}
    for node in topological_order(nodes, prereqs):
        layer[node] = max((layer[p] + 1 for p in prereqs.get(node, ()) if p in inside), default=0)
    return layer


class Bend(NamedTuple):
    """Where a long edge crosses a layer it skips: it takes a slot in that layer's order."""

    edge: int  # index into Layered.edges
    layer: int


Slot = str | Bend


@dataclass
class Layered:
    """A layered drawing's skeleton: which layer each topic is in, and the left-to-right order
    of each layer (topics and the bends of edges that pass through)."""

    layer: dict[str, int]
    rows: list[list[Slot]]
    edges: list[tuple[str, str]]  # (prerequisite, topic), downwards
    bends: dict[int, list[Bend]] = field(default_factory=dict)  # edge index -> its bends, top down


def layered(nodes: Sequence[str], prereqs: Prereqs, sweeps: int = 4) -> Layered:
    """Layers by longest path, then a few barycentre sweeps (down, up, ...) to reduce
    crossings; the best order seen is kept. Starts from the course's order."""
    layer = longest_path_layers(nodes, prereqs)
    inside = set(nodes)
    edges = [(p, n) for n in nodes for p in dict.fromkeys(prereqs.get(n, ())) if p in inside]
    rows: list[list[Slot]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for n in nodes:
        rows[layer[n]].append(n)
    bends: dict[int, list[Bend]] = {}
    for i, (src, dst) in enumerate(edges):
        bends[i] = [Bend(i, k) for k in range(layer[src] + 1, layer[dst])]
        for bend in bends[i]:
            rows[bend.layer].append(bend)
    links = _links(edges, bends)
    best, best_crossings = [list(r) for r in rows], _crossings(rows, links)
    for sweep in range(sweeps):
        downwards = sweep % 2 == 0
        _sweep(rows, links, downwards)
        if (crossings := _crossings(rows, links)) < best_crossings:
            best, best_crossings = [list(r) for r in rows], crossings
    return Layered(layer=layer, rows=best, edges=edges, bends=bends)


def _links(edges: list[tuple[str, str]], bends: dict[int, list[Bend]]) -> list[tuple[Slot, Slot]]:
    """Every edge cut into segments between adjacent layers."""
    segments: list[tuple[Slot, Slot]] = []
    for i, (src, dst) in enumerate(edges):
        chain: list[Slot] = [src, *bends[i], dst]
        segments.extend(itertools.pairwise(chain))
    return segments


def _sweep(rows: list[list[Slot]], links: list[tuple[Slot, Slot]], downwards: bool) -> None:
    """Reorder each layer by the mean position of its neighbours in the layer before it (above
    when going down, below when going up); a slot without neighbours keeps its place."""
    neighbours: dict[Slot, list[Slot]] = {}
    for upper, lower in links:
        if downwards:
            neighbours.setdefault(lower, []).append(upper)
        else:
            neighbours.setdefault(upper, []).append(lower)
    indices = range(1, len(rows)) if downwards else range(len(rows) - 2, -1, -1)
    for i in indices:
        fixed = rows[i - 1] if downwards else rows[i + 1]
        position = {slot: x for x, slot in enumerate(fixed)}

        def barycentre(item: tuple[int, Slot], position: dict[Slot, int] = position) -> float:
            x, slot = item
            near = [position[s] for s in neighbours.get(slot, ()) if s in position]
            return sum(near) / len(near) if near else float(x)

        rows[i] = [slot for _, slot in sorted(enumerate(rows[i]), key=barycentre)]


def _crossings(rows: list[list[Slot]], links: list[tuple[Slot, Slot]]) -> int:
    """How many pairs of segments cross, counted as inversions between adjacent layers."""
    position = {slot: x for row in rows for x, slot in enumerate(row)}
    by_gap: dict[int, list[tuple[int, int]]] = {}
    layer_of = {slot: i for i, row in enumerate(rows) for slot in row}
    for upper, lower in links:
        by_gap.setdefault(layer_of[upper], []).append((position[upper], position[lower]))
    return sum(_inversions([b for _, b in sorted(pairs)]) for pairs in by_gap.values())


def _inversions(values: list[int]) -> int:
    """Pairs i < j with values[i] > values[j] (a Fenwick tree: n log n)."""
    size = max(values, default=0) + 1
    tree = [0] * (size + 1)
    count = 0
    for seen, v in enumerate(values):
        i, not_greater = v + 1, 0
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        count += seen - not_greater
        i = v + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return count


@dataclass
class CourseMap:
    """What a map shows: the topics in scope (the course, or one part) in course order, the
    prerequisites from outside that scope they need, and every prerequisite edge into them."""

    topics: list[str]
    external: list[str]  # prerequisites in other parts, in course order
    edges: list[tuple[str, str]]  # (prerequisite, topic)
    prereqs: dict[str, tuple[str, ...]]
    part: int | None = None  # the part drawn alone, or None for the whole course

    @property
    def drawn_prereqs(self) -> dict[str, tuple[str, ...]]:
        """The prerequisites of the topics in scope only: what a drawing connects (outside
        prerequisites are drawn, but not what they need in turn)."""
        return {t: self.prereqs[t] for t in self.topics}

    @property
    def nodes(self) -> list[str]:
        """Everything drawn: the external prerequisites first, then the topics."""
        return [*self.external, *self.topics]


def course_map(course: Course, part: int | None = None) -> CourseMap:
    """The whole course, or part number `part` (which must exist) with its outside needs."""
    topics = [t.id for p, t in course.iter_topics() if part is None or p.number == part]
    scope = set(topics)
    prereqs = prerequisites(course)
    needed = {p for t in topics for p in prereqs[t]} - scope
    external = [t for t in course.topics if t in needed]
    edges = [(p, t) for t in topics for p in dict.fromkeys(prereqs[t])]
    return CourseMap(topics=topics, external=external, edges=edges, prereqs=prereqs, part=part)
