"""`views.paint`: styled lines drawn without Rich — wrapping, grids, trees, colours and links."""

from __future__ import annotations

import os

import pytest

from llmcourse.i18n import cells
from llmcourse.views import paint
from llmcourse.views.paint import Grid, Line, Tree, layout, line_ranges, styled


def _texts(rows: list[list[tuple[str, str, str]]]) -> list[str]:
    return ["".join(s[0] for s in row) for row in rows]


def test_lines_break_at_spaces_and_keep_their_styles() -> None:
    line = styled("alpha beta ", "bold").add("gamma delta", "green")
    rows = layout(line, 11)
    assert _texts(rows) == ["alpha beta", "gamma delta"]
    assert rows[1] == [("gamma delta", "green", "")]
    assert rows[0] == [("alpha beta", "bold", "")]


def test_cjk_breaks_between_characters_never_before_closing_punctuation() -> None:
    text = "量化是用較少的位元儲存模型。下一句"
    rows = [text[a:b] for a, b in line_ranges(text, 12)]
    assert rows == ["量化是用較少", "的位元儲存模", "型。下一句"]
    # The full stop would begin the second line: it takes the character before it along.
    text = "一二三四五六。七"
    assert [text[a:b] for a, b in line_ranges(text, 12)] == ["一二三四五", "六。七"]
    text = "一二三四五）。"  # two closing marks: the first that fits stays, the other hangs
    assert [text[a:b] for a, b in line_ranges(text, 12)] == ["一二三四五）。"]
    assert [text[a:b] for a, b in line_ranges(text, 11)] == ["一二三四", "五）。"]


def test_a_word_longer_than_the_line_is_cut_not_lost() -> None:
    assert _texts(layout(styled("supercalifragilistic"), 8)) == ["supercal", "ifragili", "stic"]


def test_a_whole_line_is_never_broken_and_indent_pads_every_row() -> None:
    url = "https://example.org/" + "x" * 80
    assert _texts(layout(Line(whole=True).add(url), 40)) == [url]
    rows = _texts(layout(Line(indent=4).add("one two three four"), 12))
    assert rows == ["    one two", "    three", "    four"]


def test_plain_wrap_collapses_whitespace() -> None:
    assert paint.wrap("a  b\n\nc", 80, "  ") == ["  a b c"]
    assert paint.wrap("   ", 80) == []


def test_grid_gives_the_flexible_column_the_rest_and_aligns_right() -> None:
    grid = Grid(flex=1, right=(0,))
    grid.add_row(styled("9."), [styled("a title that wraps"), Line(whole=True).add("u" * 14)])
    grid.add_row(styled("10."), styled("short"))
    assert _texts(grid.rows(20)) == [
        " 9.  a title that   ",
        "     wraps          ",
        "     uuuuuuuuuuuuuu ",  # a whole line keeps its column wide enough
        "10.  short          ",
    ]


def test_grid_shrinks_wrappable_columns_on_a_narrow_terminal() -> None:
    grid = Grid(flex=0, shrink=(1,))
    grid.add_row(styled("title words here"), styled("Supervised Fine-Tuning"))
    rows = _texts(grid.rows(30))
    assert all(cells(r.rstrip()) <= 30 for r in rows)
    assert "Supervised" in rows[0] and "Fine-Tuning" in rows[1]


def test_tree_draws_guides_and_wraps_under_them() -> None:
    root = Tree(styled("Course"))
    part = root.add(styled("1. Part"))
    part.add(styled("[ ] 1.1 first topic with a long title"))
    part.add(styled("[x] 1.2 second"))
    root.add(styled("2. Last"))
    rows = _texts(root.rows(30))
    assert rows[0] == "Course"
    assert rows[1] == "├── 1. Part"
    assert rows[2].startswith("│   ├── [ ] 1.1 first topic")
    assert rows[3].startswith("│   │   ")  # the wrapped rest stays under its guide
    assert rows[-2] == "│   └── [x] 1.2 second"
    assert rows[-1] == "└── 2. Last"


def test_colours_fall_back_to_sixteen_and_links_are_osc8(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    spans = [("bar", "grey35", ""), ("title", "bold", "https://a.example/x")]
    basic = paint.paint(spans, paint._palette())
    assert "\x1b[90mbar\x1b[0m" in basic
    assert "\x1b]8;;https://a.example/x\x1b\\\x1b[1mtitle\x1b[0m\x1b]8;;\x1b\\" in basic
    monkeypatch.setenv("TERM", "xterm-256color")
    assert "\x1b[38;5;240mbar" in paint.paint(spans, paint._palette())


@pytest.mark.parametrize("env", [{"TERM": "dumb"}, {"NO_COLOR": "1"}, {"FORCE_COLOR": ""}])
def test_no_styles_where_the_terminal_wants_none(monkeypatch, env: dict[str, str]) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert paint._palette() is None  # CliRunner's stdout is no terminal
    assert paint.paint([("x", "bold", "https://a.example")], None) == "x"


def test_spans_and_link_targets_are_sanitised(monkeypatch, capsys) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    evil = "a\x1b[2Jb\x1b]52;c;SGVsbG8=\x07c\u202e"
    line = styled(evil, "bold", f"https://x.example/{evil}\nnext")
    paint.draw([line], 80)
    out = capsys.readouterr().out
    assert "\x1b[2J" not in out and "\x1b]52" not in out and "\u202e" not in out
    assert "\nnext" not in out  # a link target stays on one line
    assert "abc" in out


def test_styles_show_on_a_terminal_through_the_cli(run) -> None:
    """`show` and `list` draw bold headings, coloured marks and linked titles."""
    env = {"LLMCOURSE_RICH": "1", "FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm"}
    assert run("done", "quantization").exit_code == 0
    out = run("list", env=env).stdout
    assert "\x1b[32m[x]\x1b[0m" in out  # a done topic's mark in green
    assert "├── " in out and "\x1b[1;36m" in out  # guides and bold cyan part titles
    show = run("show", "quantization", env=env).stdout
    assert "\x1b]8;;https://" in show and "\x1b[1;36m" in show


def test_an_unsized_terminal_counts_as_unknown(monkeypatch) -> None:
    """A pseudo-terminal nobody sized (under `script`, some CI runners) reports 0 columns:
    drawing one character per line would follow."""
    import os

    from llmcourse.views import output

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((0, 0)))
    assert output.terminal_width(100) == 100
    monkeypatch.setenv("COLUMNS", "0")
    assert output.terminal_width(90) == 90
    monkeypatch.setenv("COLUMNS", "72")
    assert output.terminal_width() == 72


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(alphabet=st.sampled_from(list("ab cd-é。，量化模型 \u3000ＡＢ[（")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, width=st.integers(min_value=1, max_value=30))
def test_any_text_wraps_within_the_width_and_loses_nothing(text: str, width: int) -> None:
    rows = [text[a:b] for a, b in line_ranges(text, width)]
    assert "".join("".join(rows).split()) == "".join(text.split())  # only spaces are dropped
    for row in rows:
        assert cells(row) <= width or not row[-1:].isspace()  # kept spaces fit
        body = row.rstrip()
        if not body:
            continue
        # over the width only by closing punctuation kept off a line's start, an opening
        # bracket kept with what follows, or one wide character on a line one cell wide
        glued = body[-1] in paint.NO_LINE_START or any(c in paint.NO_LINE_END for c in body)
        assert cells(body) <= width or glued or len(body) == 1


@pytest.mark.parametrize("ref", ["quantization", "2.7#5", "notebook-introduction-to-quantization"])
@pytest.mark.parametrize("width", [60, 100, 160])
def test_show_draws_what_rich_would_draw_from_the_same_lines(ref: str, width: int, capsys) -> None:
    """The terminal view and `browse`'s Rich rendering of the same lines agree, character for
    character (English text; for CJK, paint breaks lines more evenly than Rich)."""
    from rich.console import Console

    from llmcourse.cli.session import Session
    from llmcourse.course.refs import resolve
    from llmcourse.tui.render import to_rich
    from llmcourse.views.show_view import node_lines
    from llmcourse.views.shown import Shown

    course = Session(lang="en").course()
    shown = Shown(course, "en", {"quantization": "done"}, [{"id": "ab12", "text": "a note"}])
    node = resolve(course, ref, "en")
    paint.draw(node_lines(shown, node, width), width)
    ours = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    drawn = node_lines(shown, node, width)
    with open(os.devnull, "w") as sink:
        console = Console(width=width, color_system=None, record=True, file=sink)
        for item, renderable in zip(drawn, to_rich(drawn), strict=True):
            # a line holding a URL is never folded: the terminal wraps it whole
            console.print(renderable, soft_wrap=isinstance(item, Line) and item.whole)
    theirs = [line.rstrip() for line in console.export_text().splitlines()]
    assert ours == theirs
