"""`map --format html`: one self-contained page, the map as inline SVG from our own layout.

Nothing is fetched: no script, no font, no stylesheet from elsewhere (a Content-Security-Policy
says so to the browser), so the page works offline and from a file. Boxes are placed in
layers (longest path from the topics that need nothing) and ordered within each layer by a few
barycentre sweeps (`course.graph.layered`); a long edge bends through the layers it skips.
Each box links to its section of the course and shows the topic's status in words, by a
coloured stripe and by its fill; below the map the same topics are listed by part, and the
page prints on paper as it looks on screen. Every text and attribute is escaped.
"""

from __future__ import annotations

import itertools
from collections import Counter
from html import escape

from llmcourse.course.graph import Bend, CourseMap, Layered, layered
from llmcourse.course.model import Course, Localized
from llmcourse.i18n import cells, label
from llmcourse.textsafe import one_line
from llmcourse.views.map_formats import FILL, STATUS_CLASS, STROKE, status_class
from llmcourse.views.marks import MARKS

BOX_W, BOX_H = 200, 58
GAP_X, GAP_Y = 26, 40
BEND_W = 16
MARGIN = 12
CELL_PX = 7.0  # a 13px sans-serif Latin letter, on average; a CJK character takes two
TITLE_CELLS = int((BOX_W - 24) / CELL_PX)

Point = tuple[float, float]


def _slot_w(slot: str | Bend) -> float:
    return BEND_W if isinstance(slot, Bend) else BOX_W


def _place_row(row: list[str | Bend], wanted: dict[str | Bend, float]) -> dict[str | Bend, float]:
    """Centres for one layer: each slot at its wanted place (the others just right of their
    left neighbour), pushed right to keep the order without overlap, then the whole layer
    shifted back by the mean push of the slots that wanted a place."""
    xs: list[float] = []
    right = float("-inf")
    for slot in row:
        half = _slot_w(slot) / 2
        earliest = right + GAP_X + half if xs else float("-inf")
        x = max(wanted.get(slot, earliest if xs else 0.0), earliest)
        xs.append(x)
        right = x + half
    pushed = [x - wanted[s] for s, x in zip(row, xs, strict=True) if s in wanted]
    shift = sum(pushed) / len(pushed) if pushed else (xs[0] + xs[-1]) / 2 if xs else 0.0
    return {s: x - shift for s, x in zip(row, xs, strict=True)}


def positions(lay: Layered) -> tuple[dict[str | Bend, Point], float, float]:
    """Top-left corner of each box (a bend: its centre line's top), and the drawing's size.

    Layer by layer from the top, each slot wants to sit under the mean centre of what it
    hangs from; slots keep their order and never overlap (pushed right as needed, then the
    layer shifted back by its mean displacement). A bend takes a narrow slot."""
    above: dict[str | Bend, list[str | Bend]] = {}
    for i, (src, dst) in enumerate(lay.edges):
        chain: list[str | Bend] = [src, *lay.bends[i], dst]
        for upper, lower in itertools.pairwise(chain):
            above.setdefault(lower, []).append(upper)
    centre: dict[str | Bend, float] = {}
    for row in lay.rows:
        wanted = {s: sum(centre[u] for u in above[s]) / len(above[s]) for s in row if s in above}
        centre.update(_place_row(row, wanted))
    left = min((centre[s] - _slot_w(s) / 2 for s in centre), default=0.0)
    at: dict[str | Bend, Point] = {}
    for i, row in enumerate(lay.rows):
        y = MARGIN + i * (BOX_H + GAP_Y)
        for slot in row:
            at[slot] = (centre[slot] - _slot_w(slot) / 2 - left + MARGIN, y)
    total_w = max((x + _slot_w(s) for s, (x, _) in at.items()), default=0.0) + MARGIN
    total_h = 2 * MARGIN + len(lay.rows) * BOX_H + GAP_Y * max(len(lay.rows) - 1, 0)
    return at, total_w, total_h


def wrap_title(title: str, cells_per_line: int = TITLE_CELLS, max_lines: int = 2) -> list[str]:
    """`title` in at most `max_lines` lines of `cells_per_line` cells: broken at spaces, or
    anywhere in CJK text or a word too long; the last line ends in an ellipsis if cut."""
    lines: list[str] = []
    current = ""
    for ch in title:
        if cells(current + ch) > cells_per_line:
            head, space, tail = current.rpartition(" ")
            if space and head and ch != " ":
                lines.append(head)
                current = tail
            else:
                lines.append(current.rstrip())
                current = ""
            if len(lines) == max_lines:
                break
        if ch != " " or current:
            current += ch
    else:
        if current:
            lines.append(current)
        return lines
    last = lines[-1]
    while last and cells(last + "…") > cells_per_line:
        last = last[:-1]
    return [*lines[:-1], last.rstrip() + "…"]


def svg(course: Course, cmap: CourseMap, lang: str, statuses: dict[str, str]) -> str:
    lay = layered(cmap.nodes, cmap.drawn_prereqs)
    at, width, height = positions(lay)
    name = label("map.page_title", lang).format(course=_t(course, course.title, lang))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">'
        f"<title>{escape(name)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'class="arrowhead"/></marker></defs>',
        '<g class="edges">',
    ]
    for i, (src, dst) in enumerate(lay.edges):
        cross = course.part_of(src).number != course.part_of(dst).number
        out.append(
            f'<path class="edge{" cross" if cross else ""}" data-from="{escape(src)}" '
            f'data-to="{escape(dst)}" d="{_edge_path(at, src, dst, lay.bends[i])}" '
            'marker-end="url(#arrow)"/>'
        )
    out.append("</g>")
    for tid in cmap.nodes:
        out.append(_box(course, tid, at[tid], lang, statuses, tid in cmap.external))
    out.append("</svg>")
    return "\n".join(out)


def _edge_path(at: dict[str | Bend, Point], src: str, dst: str, bends: list[Bend]) -> str:
    """From the bottom of `src` through each bend to the top of `dst`, in smooth curves."""
    x0, y0 = at[src]
    points: list[Point] = [(x0 + BOX_W / 2, y0 + BOX_H)]
    for bend in bends:
        bx, by = at[bend]
        points += [(bx + BEND_W / 2, by), (bx + BEND_W / 2, by + BOX_H)]
    x1, y1 = at[dst]
    points.append((x1 + BOX_W / 2, y1 - 2))
    d = [f"M{points[0][0]:.1f},{points[0][1]:.1f}"]
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        mid = (ay + by) / 2
        d.append(f"C{ax:.1f},{mid:.1f} {bx:.1f},{mid:.1f} {bx:.1f},{by:.1f}")
    return " ".join(d)


def _box(
    course: Course, tid: str, at: Point, lang: str, statuses: dict[str, str], external: bool
) -> str:
    x, y = at
    status = statuses.get(tid, "todo")
    cls = status_class(statuses, tid)
    title = _t(course, course.topics[tid].title, lang)
    word = f"{MARKS.get(status, '[?]')} {label(status, lang)}"
    number = course.number_of(tid)
    tip = f"{number} {title} — {label(status, lang)}"
    if external:
        tip += label("map.external", lang)
    lines = "".join(
        f'<text class="title" x="{x + 16:.1f}" y="{y + 34 + 15 * k:.1f}">{escape(line)}</text>'
        for k, line in enumerate(wrap_title(title))
    )
    if external:
        cls += " external"
    return (
        f'<a class="topic {cls}" href="{escape(course.topic_url(tid))}" '
        f'data-id="{escape(tid)}" data-status="{escape(status)}" target="_blank" rel="noopener">'
        f"<title>{escape(tip)}</title>"
        f'<rect class="box" x="{x:.1f}" y="{y:.1f}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
        f'<rect class="stripe" x="{x + 4:.1f}" y="{y + 6:.1f}" width="6" height="{BOX_H - 12}" '
        'rx="2"/>'
        f'<text class="number" x="{x + 16:.1f}" y="{y + 17:.1f}">{escape(number)}</text>'
        f'<text class="status" x="{x + BOX_W - 8:.1f}" y="{y + 17:.1f}">{escape(word)}</text>'
        f"{lines}</a>"
    )


def _t(course: Course, text: Localized, lang: str) -> str:
    return one_line(course.text(text, lang))


_CSS = """
:root { color-scheme: light; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, "Segoe UI", "Noto Sans", "Noto Sans CJK TC", "PingFang TC",
  "Microsoft JhengHei", sans-serif; margin: 12px 16px; color: #1a1a1a; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
.meta, .intro { margin: 2px 0; font-size: 13px; color: #444; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0;
  margin: 6px 0; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; border: 1.5px solid;
  border-radius: 3px; vertical-align: -2px; margin-right: 4px; }
.dash { display: inline-block; width: 24px; border-top: 2px dashed #8a8a8a;
  vertical-align: middle; margin-right: 4px; }
figure { margin: 0; }
svg.map { display: block; max-width: 100%; height: auto; }
.topic text { font-size: 13px; fill: #1a1a1a; }
.topic .number { font-weight: 700; font-size: 12px; }
.topic .status { font-size: 11px; text-anchor: end; fill: #333; }
.topic .box { stroke-width: 1.5; }
.topic.external .box { stroke-dasharray: 5 3; }
.topic:hover .box, .topic:focus .box { stroke-width: 3; }
.edge { fill: none; stroke: #8a8a8a; stroke-width: 1.4; }
.edge.cross { stroke-dasharray: 6 4; }
.arrowhead { fill: #8a8a8a; }
.parts { columns: 3 18em; font-size: 13px; margin-top: 16px; }
.parts h2 { column-span: all; font-size: 16px; margin: 8px 0; }
.parts section { break-inside: avoid; }
.parts h3 { font-size: 14px; margin: 6px 0; }
.parts ol { list-style: none; padding: 0; margin: 0 0 8px; }
.parts li { margin: 2px 0; padding-left: 6px; border-left: 4px solid; }
.needs { color: #555; }
a { color: #0b4f9c; }
@media print {
  @page { margin: 10mm; }
  body { margin: 0; }
  .intro { display: none; }
  svg.map { width: 100%; }
  figure, .parts section { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _status_css() -> str:
    rules = []
    for cls, fill in FILL.items():
        rules.append(
            f".topic.{cls} .box {{ fill: {fill}; stroke: {STROKE[cls]}; }}\n"
            f".topic.{cls} .stripe, .swatch.{cls} {{ fill: {STROKE[cls]}; "
            f"background: {fill}; border-color: {STROKE[cls]}; }}\n"
            f".parts li.{cls} {{ border-color: {STROKE[cls]}; }}"
        )
    return "\n".join(rules)


def html_page(course: Course, cmap: CourseMap, lang: str, statuses: dict[str, str]) -> str:
    title = label("map.page_title", lang).format(course=_t(course, course.title, lang))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-Hant-TW" if lang == "zh-TW" else "en"}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}{_status_css()}\n</style>\n</head>\n"
        f"<body>\n<header>\n<h1>{escape(title)}</h1>\n{_header(course, cmap, lang, statuses)}"
        f"</header>\n<main>\n<figure>\n{svg(course, cmap, lang, statuses)}\n</figure>\n"
        f"{_by_part(course, cmap, lang, statuses)}\n</main>\n</body>\n</html>\n"
    )


def _header(course: Course, cmap: CourseMap, lang: str, statuses: dict[str, str]) -> str:
    """Edition (and part), the counts by status, how to read the map, and its legend."""
    counts = Counter(statuses.get(t, "todo") for t in cmap.topics)
    summary = label("progress.counts", lang).format(
        done=counts["done"], in_progress=counts["in-progress"], skipped=counts["skipped"],
        todo=counts["todo"],
    )  # fmt: skip
    scope = escape(course.edition)
    for part in course.parts:
        if part.number == cmap.part:
            scope += f" · {part.number}. {escape(_t(course, part.title, lang))}"
    legend = "".join(
        f'<li><span class="swatch {cls}"></span>{escape(MARKS[s])} {escape(label(s, lang))}</li>'
        for s, cls in STATUS_CLASS.items()
    )
    legend += f'<li><span class="dash"></span>{escape(label("map.dashed", lang))}</li>'
    return (
        f'<p class="meta">{scope} · {escape(summary)}</p>\n'
        f'<p class="intro">{escape(label("map.page_intro", lang))}</p>\n'
        f'<ul class="legend">{legend}</ul>\n'
    )


def _by_part(course: Course, cmap: CourseMap, lang: str, statuses: dict[str, str]) -> str:
    """The topics listed by part: for print, for screen readers, and to read without the map."""
    scope = set(cmap.topics)
    sections = [f'<section class="parts">\n<h2>{escape(label("map.by_part", lang))}</h2>']
    for part in course.parts:
        items = []
        for topic in part.topics:
            if topic.id not in scope:
                continue
            status = statuses.get(topic.id, "todo")
            needs = label("list_sep", lang).join(
                course.number_of(p) for p in dict.fromkeys(topic.prerequisites)
            )
            items.append(
                f'<li class="{status_class(statuses, topic.id)}">'
                f"{escape(MARKS.get(status, '[?]'))} "
                f'<a href="{escape(course.topic_url(topic.id))}">'
                f"{escape(course.number_of(topic.id))} "
                f"{escape(_t(course, topic.title, lang))}</a>"
                + (f' <span class="needs">← {escape(needs)}</span>' if needs else "")
                + "</li>"
            )
        if items:
            sections.append(
                f"<section>\n<h3>{part.number}. {escape(_t(course, part.title, lang))}</h3>\n"
                f"<ol>\n{chr(10).join(items)}\n</ol>\n</section>"
            )
    sections.append("</section>")
    return "\n".join(sections)
