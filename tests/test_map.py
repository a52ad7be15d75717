"""`map` and `path`: the prerequisite graph in every format says exactly what the course says."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from llmcourse import paths
from llmcourse.course.graph import (
    ancestors,
    course_map,
    layered,
    longest_path_layers,
    prerequisites,
    study_path,
    topological_order,
)
from llmcourse.course.load import load_course
from llmcourse.course.model import Course, Credit, Part, Topic
from llmcourse.i18n import cells
from llmcourse.views import map_formats, map_html, map_text

MARKS = {
    "mathematics": "done",
    "python": "done",
    "neural-networks": "in-progress",
    "nlp": "skipped",
    "quantization": "done",
}
CLASS = {"done": "done", "in-progress": "inprogress", "skipped": "skipped", "todo": "todo"}


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(paths.builtin_course_dir(), None)


def all_edges(course: Course, topics: list[str] | None = None) -> set[tuple[str, str]]:
    ids = topics if topics is not None else list(course.topics)
    return {(p, t) for t in ids for p in course.topics[t].prerequisites}


def mark(run) -> None:
    for tid, status in MARKS.items():
        verb = {"done": "done", "in-progress": "start", "skipped": "skip"}[status]
        assert run(verb, tid).exit_code == 0


def ok(run, *args: str, env: dict[str, str] | None = None) -> str:
    result = run(*args, env=env)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


# --- parsing each format back -------------------------------------------------------------


def parse_text(course: Course, text: str) -> set[tuple[str, str]]:
    """The edges the terminal map lists: `<- 1.1, 1.2 (part 1)` after a topic or on the lines
    below it."""
    by_number = {course.number_of(t): t for t in course.topics}
    needs: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if found := re.search(r"\| \[.\] (\d+\.\d+) ", line):
            current = found.group(1)
            needs[current] = line.split("<- ", 1)[1] if "<- " in line else ""
        elif current and re.match(r"^ +\| +(<- )?\S", line):  # needs carried on below
            needs[current] += " " + line.split("| ", 1)[1].strip().removeprefix("<- ")
        else:
            current = None
    edges = set()
    for number, words in needs.items():
        for word in re.split(r"[,、]", words):
            if word := re.sub(r"\s*(\(part \d+\)|（第 \d+ 部分）)", "", word).strip():
                edges.add((by_number[word], by_number[number]))
    return edges


def parse_mermaid(course: Course, text: str) -> tuple[set[tuple[str, str]], dict[str, str]]:
    """(edges as topic ids, topic id -> status class), from the Mermaid text."""
    by_number = {course.number_of(t): t for t in course.topics}
    names, classes = {}, {}
    for name, label, cls in re.findall(r'^\s+(t_\w+)\["(.*?)"\]:::(\w+)$', text, re.M):
        number = re.match(r"^\[.\] (\S+) ", label).group(1)  # "[x] 2.7 Quantization"
        names[name] = by_number[number]
        classes[by_number[number]] = cls
    edges = {(names[a], names[b]) for a, b in re.findall(r"^\s+(t_\w+) --> (t_\w+)$", text, re.M)}
    return edges, classes


def parse_dot(text: str) -> tuple[set[tuple[str, str]], dict[str, str]]:
    edges = set(re.findall(r'^\s+"([^"]+)" -> "([^"]+)";$', text, re.M))
    classes = dict(re.findall(r'^\s+"([^"]+)" \[label=.*?, class="(\w+)"', text, re.M))
    return edges, classes


class PageParser(HTMLParser):
    """The topics (attributes of each `a.topic`, its box and its title lines) and the edges
    (with their path data) of a map page."""

    def __init__(self) -> None:
        super().__init__()
        self.topics: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, str]] = []
        self.current: str | None = None
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "a" and "topic" in a.get("class", "").split():
            self.current = a["data-id"]
            self.topics[self.current] = {**a, "lines": []}
        elif tag == "rect" and self.current and a.get("class") == "box":
            self.topics[self.current]["box"] = tuple(
                float(a[k]) for k in ("x", "y", "width", "height")
            )
        elif tag == "path" and "edge" in a.get("class", "").split():
            self.edges.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.current = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_page(text: str) -> PageParser:
    parser = PageParser()
    parser.feed(text)
    return parser


# --- the graph algorithms -------------------------------------------------------------------


def test_topological_order_puts_prerequisites_first_and_breaks_ties_by_course_order() -> None:
    prereqs = {"d": ["a", "c"], "c": ["b"], "b": ["a"], "e": []}
    assert topological_order(["e", "d", "c", "b", "a"], prereqs) == ["e", "a", "b", "c", "d"]
    assert longest_path_layers(["a", "b", "c", "d", "e"], prereqs) == {
        "a": 0,
        "b": 1,
        "c": 2,
        "d": 3,
        "e": 0,
    }


def test_a_cycle_is_an_error_not_a_hang() -> None:
    from llmcourse.course.graph import CycleError
    from llmcourse.errors import LlmcourseError

    with pytest.raises(CycleError) as caught:
        topological_order(["a", "b"], {"a": ["b"], "b": ["a"]})
    assert isinstance(caught.value, LlmcourseError) and "cycle" in caught.value.message


def test_study_path_orders_through_settled_topics() -> None:
    # In this (odd) course order c comes first, but c needs b which needs a: b being settled
    # must not let c jump ahead of a.
    prereqs = {"c": ["b"], "b": ["a"], "a": []}
    assert study_path(["c", "b", "a"], prereqs, "c", settled={"b"}) == ["a", "c"]
    assert study_path(["a", "b", "c"], prereqs, "c", settled={"a", "b", "c"}) == ["c"]
    assert ancestors("c", prereqs) == {"a", "b"}


def test_barycentre_sweeps_remove_a_crossing_and_long_edges_bend() -> None:
    # Course order puts y before x, although x hangs from a and y from b.
    lay = layered(["a", "b", "y", "x", "z"], {"x": ["a"], "y": ["b"], "z": ["a", "x"]})
    assert lay.rows[0] == ["a", "b"]
    assert [s for s in lay.rows[1] if isinstance(s, str)] == ["x", "y"]
    long_edge = lay.edges.index(("a", "z"))
    assert [b.layer for b in lay.bends[long_edge]] == [1]
    assert any(slot == lay.bends[long_edge][0] for slot in lay.rows[1])


def chain_course(n: int) -> Course:
    """A course that is one chain of `n` topics, in one part: built directly, unvalidated."""
    text = {"en": "T", "zh-TW": "主題"}
    topics = tuple(
        Topic(
            id=f"t{i}",
            number=i + 1,
            title={"en": f"Topic {i}", "zh-TW": f"主題 {i}"},
            summary=text,
            anchor=f"t{i}",
            prerequisites=(f"t{i - 1}",) if i else (),
        )
        for i in range(n)
    )
    credit = Credit(
        author="a", repository="a/b", url="https://example.org", license="CC0", note=text
    )
    return Course(
        id="chain",
        edition="1",
        languages=("en", "zh-TW"),
        title=text,
        summary=text,
        web_url="https://example.org/chain",
        credit=credit,
        parts=(Part(id="p", number=1, title=text, summary=text, topics=topics),),
    )


def test_a_chain_of_5000_topics_needs_no_recursion() -> None:
    course = chain_course(5000)
    prereqs = prerequisites(course)
    ids = list(course.topics)
    assert study_path(ids[::-1], prereqs, "t4999", settled=()) == ids
    assert longest_path_layers(ids[::-1], prereqs)["t4999"] == 4999
    cmap = course_map(course)
    text = map_text.plain(map_text.map_lines(course, cmap, "en", {}, 80))
    assert "  5000 | [ ] 1.5000  Topic 4999  <- 1.4999\n" in text
    assert max(cells(line) for line in text.splitlines()) <= 80
    assert map_formats.mermaid(course, cmap, "en", {}).count("-->") == 4999
    assert map_formats.dot(course, cmap, "en", {}).count(" -> ") == 4999
    assert len(parse_page(map_html.html_page(course, cmap, "en", {})).edges) == 4999


# --- every format draws exactly the course's prerequisites ---------------------------------


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("columns", ["80", "40"])
def test_terminal_map_edges(run, course: Course, lang: str, columns: str) -> None:
    text = ok(run, "--lang", lang, "map", env={"COLUMNS": columns})
    assert parse_text(course, text) == all_edges(course)
    part = ok(run, "--lang", lang, "map", "--part", "3", env={"COLUMNS": columns})
    assert parse_text(course, part) == all_edges(course, [t.id for t in course.parts[2].topics])


def test_mermaid_edges_and_status_classes(run, course: Course) -> None:
    mark(run)
    text = ok(run, "map", "--format", "mermaid")
    assert text.startswith("flowchart TD\n")
    for cls in ("done", "inprogress", "skipped", "todo"):
        assert re.search(rf"^  classDef {cls} fill:#", text, re.M), cls
    edges, classes = parse_mermaid(course, text)
    assert edges == all_edges(course)
    assert classes == {t: CLASS[MARKS.get(t, "todo")] for t in course.topics}
    for tid in course.topics:  # every topic links to its section
        assert f'href "{course.topic_url(tid)}"' in text


def test_dot_edges_and_status_classes(run, course: Course) -> None:
    mark(run)
    text = ok(run, "map", "-f", "dot")
    assert text.startswith("digraph llmcourse {") and text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    edges, classes = parse_dot(text)
    assert edges == all_edges(course)
    assert classes == {t: CLASS[MARKS.get(t, "todo")] for t in course.topics}
    assert text.count("subgraph cluster_part_") == len(course.parts)


def test_html_page_edges_boxes_links_and_statuses(run, course: Course) -> None:
    mark(run)
    text = ok(run, "map", "--format", "html")
    page = parse_page(text)
    assert set(page.topics) == set(course.topics)
    assert {(e["data-from"], e["data-to"]) for e in page.edges} == all_edges(course)
    for tid, topic in page.topics.items():
        status = MARKS.get(tid, "todo")
        assert topic["data-status"] == status
        assert CLASS[status] in topic["class"].split()
        assert topic["href"] == course.topic_url(tid)
    # Each edge leaves the bottom middle of its prerequisite's box and ends at the top middle
    # of its topic's box, which is in a lower layer.
    for edge in page.edges:
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", edge["d"])]
        x0, y0, w, h = page.topics[edge["data-from"]]["box"]
        x1, y1, _, _ = page.topics[edge["data-to"]]["box"]
        assert numbers[:2] == pytest.approx([x0 + w / 2, y0 + h], abs=0.11)
        assert numbers[-2:] == pytest.approx([x1 + w / 2, y1 - 2], abs=0.11)
        assert y1 > y0 + h
    # No two boxes overlap.
    boxes = [t["box"] for t in page.topics.values()]
    for i, (x, y, w, h) in enumerate(boxes):
        for x2, y2, _, _ in boxes[i + 1 :]:
            assert abs(x - x2) >= w or abs(y - y2) >= h


def test_html_page_is_self_contained_and_prints(run) -> None:
    text = ok(run, "map", "--format", "html")
    assert text.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in text  # the browser is told to fetch nothing
    assert not re.search(r"<script|<link|<img|<iframe|@import|\bsrc=", text, re.I)
    assert re.findall(r"url\(([^)]*)\)", text) == ["#arrow"] * text.count('marker-end="')
    assert "@media print" in text and "print-color-adjust: exact" in text


def test_html_in_chinese(run, course: Course) -> None:
    text = ok(run, "--lang", "zh-TW", "map", "--format", "html")
    assert '<html lang="zh-Hant-TW">' in text
    page = parse_page(text)
    body = "".join(page.text)
    for word in ("先備主題地圖", "待辦", "各部分的主題", "量化"):
        assert word in body, word
    assert "prerequisite map" not in body and "Topics by part" not in body
    assert {(e["data-from"], e["data-to"]) for e in page.edges} == all_edges(course)


def test_mermaid_and_dot_in_chinese(run, course: Course) -> None:
    mermaid = ok(run, "--lang", "zh-TW", "map", "-f", "mermaid")
    assert "量化" in mermaid and "1. LLM 基礎" in mermaid
    assert parse_mermaid(course, mermaid)[0] == all_edges(course)
    dot = ok(run, "--lang", "zh-TW", "map", "-f", "dot")
    assert "量化" in dot and parse_dot(dot)[0] == all_edges(course)


# --- --part -------------------------------------------------------------------------------


def test_part_draws_one_part_with_its_outside_prerequisites(run, course: Course) -> None:
    part3 = [t.id for t in course.parts[2].topics]
    text = ok(run, "map", "--part", "3")
    assert "3. The LLM Engineer" in text and "1. LLM Fundamentals" not in text
    assert "<- 2.1 (part 2)" in text and "<- 3.1, 2.7 (part 2)" in text
    mermaid = ok(run, "map", "--part", "3", "-f", "mermaid")
    assert parse_mermaid(course, mermaid)[0] == all_edges(course, part3)
    assert "class t_quantization external" in mermaid
    dot = ok(run, "map", "-p", "3", "-f", "dot")
    assert parse_dot(dot)[0] == all_edges(course, part3)
    page = parse_page(ok(run, "map", "-p", "3", "-f", "html"))
    assert {(e["data-from"], e["data-to"]) for e in page.edges} == all_edges(course, part3)
    assert {t for t, a in page.topics.items() if "external" in a["class"]} == {
        "llm-architecture",
        "quantization",
    }


def test_unknown_part_and_format_are_usage_errors(run) -> None:
    result = run("map", "--part", "9")
    assert result.exit_code == 2 and "there is no part 9" in result.stderr
    result = run("--lang", "zh-TW", "map", "-f", "png")
    assert result.exit_code == 2 and "--format 必須是" in result.stderr


# --- the terminal map ----------------------------------------------------------------------


def test_terminal_map_layers_marks_and_cross_part_notes(run) -> None:
    mark(run)
    text = ok(run, "map")
    lines = text.splitlines()
    assert lines[0] == "Large Language Model Course (2024-01-29): prerequisite map"
    assert "  1 | [x] 1.1  Mathematics for Machine Learning" in lines
    assert "    | [x] 1.2  Python for Machine Learning" in lines
    assert "  2 | [~] 1.3  Neural Networks  <- 1.1, 1.2" in lines
    assert "  3 | [-] 1.4  Natural Language Processing (NLP)  <- 1.3" in lines
    assert "  1 | [ ] 2.1  The LLM architecture  <- 1.4 (part 1)" in lines
    assert "    | [x] 2.7  Quantization  <- 2.1" in lines
    assert "\x1b" not in text  # plain when piped


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("args", [["map"], ["map", "--part", "2"], ["path", "advanced-rag"]])
def test_fits_80_columns(run, lang: str, args: list[str]) -> None:
    text = ok(run, "--lang", lang, *args, env={"COLUMNS": "80"})
    for line in text.splitlines():
        assert cells(line) <= 80, line


def test_terminal_map_in_chinese(run) -> None:
    run("done", "mathematics")
    text = ok(run, "--lang", "zh-TW", "map")
    assert "大型語言模型課程（2024-01-29）：先備主題地圖" in text
    assert "[x] 完成" in text and "A <- B：先學 B 再學 A" in text
    assert "<- 1.4（第 1 部分）" in text and "<- 3.1、2.7（第 2 部分）" in text
    assert "prerequisite map" not in text and "(part" not in text


def test_terminal_map_is_coloured_by_status_on_a_terminal(run, monkeypatch) -> None:
    run("done", "mathematics")
    monkeypatch.setenv("LLMCOURSE_RICH", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich draws styles even into CliRunner
    text = ok(run, "map", env={"COLUMNS": "80"})
    assert "\x1b[32m[x] 1.1" in text  # done is green
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "  1 | [x] 1.1  Mathematics for Machine Learning" in plain


# --- -o FILE --------------------------------------------------------------------------------


def test_output_file_is_written_and_a_missing_folder_is_an_error(run, tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    result = run("map", "-f", "html", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert f"Wrote {target}" in result.stderr
    assert target.read_text(encoding="utf-8") == ok(run, "map", "-f", "html")
    missing = tmp_path / "nope" / "map.md"
    result = run("map", "-f", "mermaid", "-o", str(missing))
    assert result.exit_code == 1
    assert f"the folder {missing.parent} does not exist" in result.stderr
    assert not missing.parent.exists()
    text_file = tmp_path / "map.txt"
    assert run("map", "-o", str(text_file)).exit_code == 0
    assert "  2 | [ ] 1.3  Neural Networks  <- 1.1, 1.2" in text_file.read_text(encoding="utf-8")


# --- path --------------------------------------------------------------------------------


def test_path_on_every_topic(run, course: Course) -> None:
    mark(run)
    settled = {t for t, s in MARKS.items() if s in ("done", "skipped")}
    prereqs = prerequisites(course)
    for goal in course.topics:
        ids = json.loads(ok(run, "path", goal, "--json"))
        assert isinstance(ids, list) and all(isinstance(i, str) for i in ids)
        assert ids[-1] == goal and len(set(ids)) == len(ids)
        assert set(ids) == (ancestors(goal, prereqs) - settled) | {goal}
        for i, tid in enumerate(ids):  # a valid study order
            needed = ancestors(tid, prereqs)
            assert not needed & set(ids[i + 1 :]), (goal, tid)
        text = ok(run, "path", course.number_of(goal))
        steps = [ln for ln in text.splitlines() if re.match(r"^ +\d+\. ", ln)]
        assert len(steps) == len(ids) and f" {goal} " in steps[-1]
        assert steps[-1].endswith("(goal)")


def test_path_breaks_ties_by_course_order_and_names_what_it_left_out(run) -> None:
    assert json.loads(ok(run, "path", "3.5", "--json")) == [
        "mathematics",
        "python",
        "neural-networks",
        "nlp",
        "llm-architecture",
        "quantization",
        "running-llms",
        "inference-optimization",
    ]
    mark(run)
    text = ok(run, "path", "inference-optimization")
    assert text.splitlines() == [
        "Path to 3.5 inference-optimization  Inference optimization: 3 topic(s) before it",
        "  1. [~] 1.3  neural-networks         Neural Networks",
        "  2. [ ] 2.1  llm-architecture        The LLM architecture",
        "  3. [ ] 3.1  running-llms            Running LLMs",
        "  4. [ ] 3.5  inference-optimization  Inference optimization (goal)",
        "Left out as done or skipped: mathematics, python, nlp, quantization",
    ]


def test_path_resolves_like_show_and_rejects_what_is_not_a_topic(run) -> None:
    assert json.loads(ok(run, "path", "量化", "--json"))[-1] == "quantization"
    assert json.loads(ok(run, "path", "quantisation", "--json"))[-1] == "quantization"
    zh = ok(run, "--lang", "zh-TW", "path", "2.7")
    assert "通往 2.7 quantization" in zh and "（目標）" in zh
    result = run("path", "2.7#1")
    assert result.exit_code == 1 and "is a resource, not a topic" in result.stderr
    result = run("path", "no-such-thing-at-all")
    assert result.exit_code == 1 and "nothing in the course matches" in result.stderr


# --- hostile course text ---------------------------------------------------------------------

EVIL = '</text></svg><script>alert(1)</script> "q" & #x `b` ]] --> end'


def test_course_text_cannot_break_out_of_any_format(run, tmp_path: Path) -> None:
    from coursedata import course_data, credit, sample_text, write_course

    text = sample_text()

    def topic(tid: str, title: str, needs: list[str]) -> dict[str, Any]:
        return {
            "id": tid,
            "title": {"en": title, "zh-TW": title},
            "summary": text,
            "prerequisites": needs,
        }

    data = course_data(
        [
            {
                "id": "p",
                "title": {"en": EVIL, "zh-TW": EVIL},
                "summary": text,
                "topics": [topic("a", EVIL, []), topic("b", "B " + "長" * 80, ["a"])],
            }
        ],
        id="evil",
        title={"en": EVIL, "zh-TW": EVIL},
        summary=text,
        web_url='https://example.org/x"y<z>',
        credit=credit(author="a", repository="a/b", url="https://example.org", note=text),
    )
    file = write_course(tmp_path / "evil.toml", data)
    page = ok(run, "--course", str(file), "map", "-f", "html")
    assert "<script" not in page and "</text></svg>" not in page
    parsed = parse_page(page)
    assert {(e["data-from"], e["data-to"]) for e in parsed.edges} == {("a", "b")}
    assert EVIL in "".join(parsed.text)  # shown, as text
    mermaid = ok(run, "--course", str(file), "map", "-f", "mermaid")
    for line in mermaid.splitlines():  # one statement a line, labels closed where they should
        assert line.count('"') in (0, 2, 4), line
    assert re.findall(r"^\s+(t_\w+) --> (t_\w+)$", mermaid, re.M) == [("t_a", "t_b")]
    dot = ok(run, "--course", str(file), "map", "-f", "dot")
    assert parse_dot(dot)[0] == {("a", "b")}
    for line in dot.splitlines():
        assert len(re.sub(r"\\.", "", line).split('"')) % 2 == 1, line
    terminal = ok(run, "--course", str(file), "map", env={"COLUMNS": "80"})
    assert all(cells(line) <= 80 for line in terminal.splitlines())


def test_mermaid_ids_are_safe_and_unique() -> None:
    ids = map_formats.mermaid_ids(["a-b", "a_b", "x.y", "a-b-2"])
    assert list(ids.values()) == ["t_a_b", "t_a_b_2", "t_x_y", "t_a_b_2_2"]
    assert all(re.fullmatch(r"\w+", v) for v in ids.values())


@pytest.mark.parametrize("args", [["map"], ["map", "-f", "html"], ["path", "quantization"]])
def test_map_and_path_stay_light(tmp_path: Path, args: list[str]) -> None:
    from test_lazy_imports import HEAVY, loaded

    loaded(args, tmp_path)  # builds the caches
    code, mods = loaded(args, tmp_path)
    assert code in (0, None)
    assert not set(HEAVY) & mods, set(HEAVY) & mods
    assert not {"llmcourse.cli.browse", "llmcourse.cli.track", "llmcourse.cli.links"} & mods
