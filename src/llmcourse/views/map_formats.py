"""`map --format mermaid|dot`: the prerequisite graph as text other tools draw.

Mermaid: a flowchart with one subgraph per part and a class per status (`done`,
`inprogress`, `skipped`, `todo`), so a map pasted into a README on GitHub shows progress; each
topic links to its section. DOT: the same for Graphviz, parts as clusters. Prerequisites from
another part (with `--part`) are drawn as dashed `external` nodes. Node ids and labels are made
safe for each syntax: course text can never close a label or start a statement.
"""

from __future__ import annotations

import re

from llmcourse.course.graph import CourseMap
from llmcourse.course.model import Course
from llmcourse.textsafe import one_line
from llmcourse.views.marks import MARKS

# Status -> class name (Mermaid class names are safest without hyphens) and colours.
STATUS_CLASS = {"done": "done", "in-progress": "inprogress", "skipped": "skipped", "todo": "todo"}
FILL = {"done": "#c8e6c9", "inprogress": "#ffe9a8", "skipped": "#e0e0e0", "todo": "#e3f2fd"}
STROKE = {"done": "#2e7d32", "inprogress": "#e6a100", "skipped": "#8a8a8a", "todo": "#1565c0"}


def status_class(statuses: dict[str, str], tid: str) -> str:
    return STATUS_CLASS.get(statuses.get(tid, "todo"), "todo")


def node_label(course: Course, tid: str, lang: str, statuses: dict[str, str]) -> str:
    """ "[x] 2.7 Quantization": the mark, so the status reads without colour too."""
    mark = MARKS.get(statuses.get(tid, "todo"), "[?]")
    title = one_line(course.text(course.topics[tid].title, lang))
    return f"{mark} {course.number_of(tid)} {title}"


def mermaid_ids(ids: list[str]) -> dict[str, str]:
    """A Mermaid node id for each topic id: letters, digits and underscores only, unique."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for tid in ids:
        base = "t_" + re.sub(r"[^A-Za-z0-9_]", "_", tid)
        name, k = base, 2
        while name in taken:
            name, k = f"{base}_{k}", k + 1
        taken.add(name)
        out[tid] = name
    return out


_MERMAID_ENTITIES = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;",
                     "`": "#96;", "\\": "#92;"}  # fmt: skip


def mermaid_text(text: str) -> str:
    """Text for inside a quoted Mermaid label or subgraph title."""
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in one_line(text))


def mermaid_url(url: str) -> str:
    """A URL for a quoted `click` target: nothing that could end the string."""
    return re.sub(r'["\s\\<>`]', lambda m: f"%{ord(m.group()):02X}", url)


def mermaid(course: Course, cmap: CourseMap, lang: str, statuses: dict[str, str]) -> str:
    ids = mermaid_ids(cmap.nodes)
    lines = ["flowchart TD"]
    for cls, fill in FILL.items():
        lines.append(f"  classDef {cls} fill:{fill},stroke:{STROKE[cls]},color:#1a1a1a")
    lines.append("  classDef external stroke-dasharray:4 3")
    for part_number, title, tids in _by_part(course, cmap, lang):
        lines.append(f'  subgraph part_{part_number}["{mermaid_text(title)}"]')
        for tid in tids:
            lines.append(
                f'    {ids[tid]}["{mermaid_text(node_label(course, tid, lang, statuses))}"]'
                f":::{status_class(statuses, tid)}"
            )
            if tid in cmap.external:
                lines.append(f"    class {ids[tid]} external")
        lines.append("  end")
    for src, dst in cmap.edges:
        lines.append(f"  {ids[src]} --> {ids[dst]}")
    for tid in cmap.nodes:
        lines.append(f'  click {ids[tid]} href "{mermaid_url(course.topic_url(tid))}" _blank')
    return "\n".join(lines) + "\n"


def _by_part(course: Course, cmap: CourseMap, lang: str) -> list[tuple[int, str, list[str]]]:
    """The drawn topics grouped by part, in course order: (number, "1. Title", ids)."""
    drawn = set(cmap.nodes)
    groups = []
    for part in course.parts:
        tids = [t.id for t in part.topics if t.id in drawn]
        if tids:
            groups.append((part.number, f"{part.number}. {course.text(part.title, lang)}", tids))
    return groups


def dot_string(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, on one line."""
    return '"' + one_line(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot(course: Course, cmap: CourseMap, lang: str, statuses: dict[str, str]) -> str:
    lines = [
        "digraph llmcourse {",
        "  rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
        '  edge [color="#777777"];',
    ]
    for part_number, title, tids in _by_part(course, cmap, lang):
        lines.append(f"  subgraph cluster_part_{part_number} {{")
        lines.append(f"    label={dot_string(title)};")
        for tid in tids:
            cls = status_class(statuses, tid)
            style = ', style="rounded,filled,dashed"' if tid in cmap.external else ""
            text = dot_string(node_label(course, tid, lang, statuses))
            lines.append(
                f"    {dot_string(tid)} [label={text}"
                f', class="{cls}", fillcolor="{FILL[cls]}", color="{STROKE[cls]}"{style}, '
                f"URL={dot_string(course.topic_url(tid))}];"
            )
        lines.append("  }")
    for src, dst in cmap.edges:
        lines.append(f"  {dot_string(src)} -> {dot_string(dst)};")
    lines.append("}")
    return "\n".join(lines) + "\n"
