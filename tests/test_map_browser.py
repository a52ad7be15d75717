"""The map page in a real headless browser: the boxes are where our layout put them, each in
its status's colours, every prerequisite above what needs it, and the page runs no script.

Chromium (Debian's `chromium` package; .ci/run installs it) draws the page twice: once as a
screenshot, once with a probe script added that writes each box's on-screen rectangle into the
DOM, which `--dump-dom` prints. The screenshot is decoded by a small PNG reader (zlib only).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from llmcourse import paths
from llmcourse.course.graph import course_map, layered
from llmcourse.course.load import load_course
from llmcourse.views.map_formats import FILL, STROKE
from llmcourse.views.map_html import positions

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH, HEIGHT = 1400, 1000
MARKS = {"mathematics": "done", "python": "done", "neural-networks": "start",
         "nlp": "skip", "quantization": "done"}  # fmt: skip
CLASS = {"mathematics": "done", "python": "done", "neural-networks": "inprogress",
         "nlp": "skipped", "quantization": "done"}  # fmt: skip

PROBE = """<script>
const rect = e => { const b = e.getBoundingClientRect();
  return [b.left, b.top, b.width, b.height].map(v => v.toFixed(2)).join(","); };
for (const a of document.querySelectorAll("a.topic")) {
  a.setAttribute("data-box-rect", rect(a.querySelector("rect.box")));
  a.setAttribute("data-stripe-rect", rect(a.querySelector("rect.stripe")));
}
const svg = document.querySelector("svg.map");
svg.setAttribute("data-rect", rect(svg));
document.body.setAttribute("data-viewport", innerWidth + "," + innerHeight);
</script>
"""


@pytest.fixture
def chromium(tmp_path: Path):
    if CHROMIUM is None:
        pytest.skip("chromium not installed: `apt-get install chromium` (.ci/run does)")

    def run(url: str, *args: str) -> str:
        command = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={WIDTH},{HEIGHT}", *args, url,
        ]  # fmt: skip
        proc = subprocess.run(command, capture_output=True, text=True, timeout=90, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout

    return run


class DomRects(HTMLParser):
    """The rectangles the probe wrote: each topic's box and stripe, the SVG, the viewport."""

    def __init__(self) -> None:
        super().__init__()
        self.box: dict[str, list[float]] = {}
        self.stripe: dict[str, list[float]] = {}
        self.classes: dict[str, set[str]] = {}
        self.svg: list[float] = []
        self.viewport: list[float] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}

        def numbers(key: str) -> list[float]:
            return [float(v) for v in a[key].split(",")]

        if tag == "a" and "data-box-rect" in a:
            self.box[a["data-id"]] = numbers("data-box-rect")
            self.stripe[a["data-id"]] = numbers("data-stripe-rect")
            self.classes[a["data-id"]] = set(a["class"].split())
        elif tag == "svg" and "data-rect" in a:
            self.svg = numbers("data-rect")
        elif tag == "body" and "data-viewport" in a:
            self.viewport = numbers("data-viewport")


def read_png(data: bytes) -> tuple[int, int, int, list[bytearray]]:
    """(width, height, bytes per pixel, rows) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], b""
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
    w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(idat)), w * bpp
    prev, rows = bytearray(stride), []
    for y in range(h):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1 : start + 1 + stride])
        rows.append(_unfilter(raw[start], line, prev, bpp))
        prev = rows[-1]
    return w, h, bpp, rows


def _unfilter(kind: int, line: bytearray, prev: bytearray, bpp: int) -> bytearray:
    if kind == 1:  # Sub
        for i in range(bpp, len(line)):
            line[i] = (line[i] + line[i - bpp]) & 255
    elif kind == 2:  # Up: bytewise addition without carries, on whole rows at once
        n = len(line)
        a, b = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
        low, high = int.from_bytes(b"\x7f" * n, "big"), int.from_bytes(b"\x80" * n, "big")
        line = bytearray((((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(n, "big"))
    elif kind == 3:  # Average
        for i in range(len(line)):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
    elif kind == 4:  # Paeth
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    return line


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def close(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 10) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def test_the_page_in_chromium_puts_each_box_where_the_layout_says(
    run, chromium, tmp_path: Path
) -> None:
    for tid, verb in MARKS.items():
        assert run(verb, tid).exit_code == 0
    page = tmp_path / "map.html"
    assert run("map", "--format", "html", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")

    # Where the browser put things: the page with the probe added (and its CSP lifted).
    csp = html[html.index('<meta http-equiv="Content-Security-Policy"') :].split(">", 1)[0] + ">"
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace(csp, "").replace("</body>", PROBE + "</body>"), "utf-8")
    dom = DomRects()
    dom.feed(chromium(probe.as_uri(), "--dump-dom"))
    course = load_course(paths.builtin_course_dir(), None)
    assert set(dom.box) == set(course.topics)
    # The layout depends on the width alone (--dump-dom's window is shorter than a screenshot's).
    assert dom.viewport[0] == WIDTH

    # The same places as our own layout computed, scaled as the SVG is shown.
    cmap = course_map(course)
    at, width, _ = positions(layered(cmap.nodes, cmap.drawn_prereqs))
    scale = dom.svg[2] / width
    assert 0.5 < scale <= 1
    for tid, (left, top, w, h) in dom.box.items():
        x, y = at[tid]
        assert left == pytest.approx(dom.svg[0] + x * scale, abs=1.5), tid
        assert top == pytest.approx(dom.svg[1] + y * scale, abs=1.5), tid
        assert left >= 0 and top >= 0 and left + w <= WIDTH and top + h <= HEIGHT, tid
    for tid, topic in course.topics.items():  # every prerequisite is drawn above
        for need in topic.prerequisites:
            assert dom.box[need][1] + dom.box[need][3] < dom.box[tid][1], (need, tid)

    # The screenshot: each box filled and striped in its status's colours, at those places.
    shot = tmp_path / "map.png"
    chromium(page.as_uri(), f"--screenshot={shot}")
    w, h, bpp, rows = read_png(shot.read_bytes())
    assert (w, h) == (WIDTH, HEIGHT)

    def pixel(x: float, y: float) -> tuple[int, ...]:
        return tuple(rows[int(y)][int(x) * bpp : int(x) * bpp + 3])

    seen = set()
    for tid, (left, top, bw, bh) in dom.box.items():
        cls = CLASS.get(tid, "todo")
        assert cls in dom.classes[tid]
        inside = Counter(
            pixel(x, y)
            for y in range(int(top) + 4, int(top + bh) - 4, 2)
            for x in range(int(left) + 4, int(left + bw) - 4, 3)
        )
        assert close(inside.most_common(1)[0][0], rgb(FILL[cls])), (tid, inside.most_common(3))
        sx, sy, sw, sh = dom.stripe[tid]
        assert close(pixel(sx + sw / 2, sy + sh / 2), rgb(STROKE[cls])), tid
        seen.add(cls)
    assert seen == {"done", "inprogress", "skipped", "todo"}
    # Between the boxes: the page's white, not a box colour.
    gap_x = min(left for left, *_ in dom.box.values()) - 6
    assert gap_x > 0 and close(pixel(gap_x, dom.box["rag"][1] + 10), (255, 255, 255))


def test_the_page_runs_no_script(run, chromium, tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    assert run("map", "--format", "html", "-o", str(page)).exit_code == 0
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text("utf-8").replace("</body>", PROBE + "</body>"), "utf-8")
    dom = DomRects()
    dom.feed(chromium(probed.as_uri(), "--dump-dom"))
    assert dom.box == {} and dom.viewport == []  # the page's own policy blocked the script


def test_the_page_prints_on_one_sheet_with_its_links(run, chromium, tmp_path: Path) -> None:
    import re

    page = tmp_path / "map.html"
    assert run("map", "--format", "html", "-o", str(page)).exit_code == 0
    pdf = tmp_path / "map.pdf"
    chromium(page.as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 1  # map and list on one sheet
    course = load_course(paths.builtin_course_dir(), None)
    links = {u.decode() for u in re.findall(rb"/URI \(([^)]*)\)", data)}
    assert links == {f"{course.web_url}#{t.anchor}" for t in course.topics.values()}
