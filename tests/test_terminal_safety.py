"""Terminal safety (issue 9, item 14): hostile text planted in a course, in notes and in the link
cache never reaches the terminal raw, whatever the command and the output mode (plain, Rich,
--json). JSON keeps the text losslessly, as \\u escapes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from coursedata import course_data, credit, write_course
from httpserver import LocalServer

from llmcourse.net import linkcache
from llmcourse.textsafe import json_safe, one_line, sanitize

# Everything a hostile text can try: clear screen, OSC 52 clipboard write, an OSC 8 hyperlink,
# a window title, a C1 CSI, bidi overrides and isolates, invisible characters, a carriage return.
HOSTILE = (
    "\x1b[2J"
    "\x1b]52;c;SGVsbG8=\x07"
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
    "\x1b]0;owned\x07"
    "\x9b31m"
    "\u202eevil\u202c"
    "\u2066iso\u2069"
    "in\u200bvis\u00adible"
    "\rFAKE"
)
# What a course may hold (its validation refuses controls): bidi and invisible characters.
COURSE_HOSTILE = "\u202etxet\u202c \u2066x\u2069 zero\u200bwidth soft\u00adhyphen"
# What must never be printed: ESC, every other C0 control but newline and tab, C1, bidi,
# invisible characters.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069]"
)
# Rich's own styling (SGR), its hyperlinks (OSC 8) to the course's own URLs and the progress
# bar's cursor moves (hide/show the cursor, erase the line, up a line, carriage return) are fine.
RICH_OWN = re.compile(
    r"\x1b\[[0-9;]*m|\x1b\]8;[!-~]*;[!-~]*\x1b\\|\x1b\[\?25[lh]|\x1b\[2K|\x1b\[1A|\r"
)
MODES = {
    "plain": {},
    # FORCE_COLOR: Rich draws its styles and hyperlinks even into CliRunner
    "rich": {"LLMCOURSE_RICH": "1", "NO_COLOR": "", "FORCE_COLOR": "1", "COLUMNS": "120"},
}


def _text(value: str) -> dict[str, str]:
    return {"en": value}


def hostile_course(tmp_path: Path, base_url: str) -> Path:
    """A one-topic course whose every text (and one URL path) carries bidi and invisibles."""
    h = COURSE_HOSTILE
    resource = {
        "id": "alpha-res",
        "title": _text(f"Resource {h}"),
        "url": f"{base_url}/404?\u202eq",
        "kind": "article",
        "summary": _text(f"about {h}"),
        "author": f"Author {h}",
        "links": [{"title": f"link {h}", "url": f"{base_url}/ok"}],
    }
    topic = {
        "id": "alpha",
        "title": _text(f"Alpha {h}"),
        "summary": _text(f"Summary {h}\nsecond line {h}"),
        "concepts": [
            {
                "id": "c",
                "name": _text(f"Concept {h}"),
                "summary": _text(f"concept {h}"),
                "links": [{"title": f"see {h}", "url": f"{base_url}/ok?\u2066x"}],
            }
        ],
        "resources": [resource],
        "keywords": ["hostile"],
    }
    data = course_data(
        [{"id": "p", "title": _text(f"Part {h}"), "summary": _text(h), "topics": [topic]}],
        id="hostile",
        languages=["en"],
        title=_text(f"Course {h}"),
        summary=_text(h),
        web_url="https://example.org/course",
        credit=credit(
            author="A", repository="a/b", url="https://example.org/course", note=_text(h)
        ),
        notebooks=[
            {
                "id": "nb",
                "group": "tools",
                "title": _text(f"Notebook {h}"),
                "summary": _text(h),
                "colab_url": f"{base_url}/ok?nb\u200b",
                "topics": ["alpha"],
            }
        ],
    )
    return write_course(tmp_path / "hostile.toml", data)


def assert_inert(text: str, where: str, rich: bool = False) -> None:
    if rich:
        text = RICH_OWN.sub("", text)
    found = UNSAFE.search(text)
    assert found is None, f"{where}: {found.group()!r} at {found.start()}: {text[:300]!r}"


@pytest.fixture
def planted(run, tmp_path: Path):
    """The hostile course, two hostile notes, and a hostile link-cache entry."""
    with LocalServer() as server:
        course = str(hostile_course(tmp_path, f"http://{server.host}"))
        for ref in ("alpha", "alpha-res"):
            added = run("--course", course, "note", ref, f"note {HOSTILE}\nline two {HOSTILE}")
            assert added.exit_code == 0, added.stderr
        assert run("--course", course, "done", "alpha-res").exit_code == 0
        linkcache.record(
            [{"url": f"http://{server.host}/404?\u202eq", "status": "broken", "code": 404}],
        )
        raw = json.loads(linkcache.cache_file().read_text())
        for entry in raw["links"].values():
            entry["checked_at"] = HOSTILE  # a damaged or planted cache
            entry["error"] = HOSTILE
        linkcache.cache_file().write_text(json.dumps(raw))
        yield course, server


READING = [
    ("list",),
    ("show", "alpha"),
    ("show", "alpha-res"),
    ("show", "nb"),
    ("search", "hostile"),
    ("search", "Alpha"),
    ("note", "list"),
    ("log",),
    ("progress",),
    ("next",),
    ("export", "--format", "markdown"),
    ("export", "--format", "json"),
    ("export", "--format", "toml"),
    ("doctor",),
    ("open", "alpha-res", "-n"),
    ("open", "nb", "-n"),
    ("validate",),
    ("check-links",),
    ("check-links", "--failed", "--all"),
]


@pytest.mark.parametrize("mode", MODES)
def test_no_reading_command_prints_hostile_text_raw(run, planted, mode: str) -> None:
    course, _server = planted
    for args in READING:
        result = (
            run("--course", course, *args, "--timeout", "2", env=MODES[mode])
            if (args[0] == "check-links")
            else run("--course", course, *args, env=MODES[mode])
        )
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert_inert(result.stdout, f"{mode} {args} stdout", rich=mode == "rich")
        assert_inert(result.stderr, f"{mode} {args} stderr", rich=mode == "rich")
    shown = run("--course", course, "show", "alpha").stdout
    assert "Alpha txet x zerowidth softhyphen" in shown  # text kept, only the unsafe removed
    assert "note [2J" not in shown and "SGVsbG8" not in shown  # sequences removed whole


def test_json_keeps_the_text_as_escapes(run, planted) -> None:
    course, _server = planted
    for args in [*READING, ("show", "alpha", "--json")]:
        if args[0] in ("export",):
            continue
        result = run("--course", course, *args, "--json")
        assert_inert(result.stdout, f"{args} --json")
        if result.exit_code == 0 and result.stdout:
            json.loads(result.stdout)
    notes = json.loads(run("--course", course, "note", "list", "--json").stdout)
    assert notes[0]["text"] == f"note {HOSTILE}\nline two {HOSTILE}"  # lossless
    out = run("--course", course, "show", "alpha", "--json").stdout
    assert "\\u202e" in out and "\\u009b" in out and "\\u001b" in out
    assert json.loads(out)["title"] == f"Alpha {COURSE_HOSTILE}"


def test_exports_to_files_and_reimport(run, planted, tmp_path: Path) -> None:
    course, _server = planted
    for fmt in ("markdown", "json", "toml"):
        path = tmp_path / f"export.{fmt}"
        assert run("--course", course, "export", "--format", fmt, "-o", str(path)).exit_code == 0
        assert_inert(path.read_text(encoding="utf-8"), f"{fmt} file")
    md = (tmp_path / "export.markdown").read_text(encoding="utf-8")
    assert "clickevilisoinvisible" in md  # the note's words stay, its sequences do not
    # the data formats are lossless: importing them elsewhere gives the note back intact
    import tomllib

    note = f"note {HOSTILE}\nline two {HOSTILE}"
    data = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert note in _strings(data)
    assert note in _strings(tomllib.loads((tmp_path / "export.toml").read_text(encoding="utf-8")))
    assert run("import", str(tmp_path / "export.toml"), "--dry-run").exit_code == 0


def _strings(data: Any) -> set[str]:
    """Every string value in a JSON-like tree."""
    if isinstance(data, str):
        return {data}
    items = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return set().union(*(_strings(x) for x in items)) if items else set()


def test_errors_stay_on_one_line(run) -> None:
    result = run("show", f"x{HOSTILE}\nError: forged")
    assert result.exit_code == 1
    assert_inert(result.stderr, "error")
    assert not any(line.startswith("Error: forged") for line in result.stderr.splitlines())


def test_completion_titles_are_sanitised(tmp_path: Path) -> None:
    """Shell completion (a real subprocess, as the shell runs it) shows titles beside ids."""
    course = hostile_course(tmp_path, "http://127.0.0.1:9")
    env = {
        **os.environ,
        "LLMCOURSE_COURSE": str(course),
        "_LLMCOURSE_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "llmcourse show al",
    }
    out = subprocess.run(
        [sys.executable, "-m", "llmcourse"], env=env, capture_output=True, text=True, timeout=60
    )
    assert "alpha" in out.stdout, out.stderr
    assert "Alpha" in out.stdout
    assert_inert(out.stdout, "completion")


def test_the_sanitiser() -> None:
    assert sanitize(HOSTILE) == "clickevilisoinvisibleFAKE"
    assert one_line("a\nb\tc") == "a b c"
    assert sanitize("a\nb\tc") == "a\nb\tc"
    assert sanitize("中文 ok [bold]x[/bold]") == "中文 ok [bold]x[/bold]"
    escaped = json_safe(json.dumps(HOSTILE, ensure_ascii=False))
    assert_inert(escaped, "json_safe")
    assert json.loads(escaped) == HOSTILE


def test_the_rich_console_sanitises_whatever_it_is_given(monkeypatch, capsys) -> None:
    """The last line of defence: a renderable built from raw text, with a raw link target."""
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    from llmcourse.views.output import console

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    table = Table()
    table.add_column(HOSTILE)
    table.add_row(Text(HOSTILE, style=Style(link=f"https://example.org/{HOSTILE}")))
    console().print(table)
    console().print(HOSTILE)
    console().print("[bold]not markup[/bold] \u202eright\x1b]0;x\x07")
    out = capsys.readouterr().out
    assert_inert(out, "console", rich=True)
    assert "clickevilisoinvisible" in out and "[bold]not markup[/bold] right" in out
