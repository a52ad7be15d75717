"""Every `$ llmcourse …` example in README.md prints what the README says (as sqlite-utils
tests its docs).

Each ```text block of the README is read as a session: a line `$ llmcourse ARGS  # comment`
is a command, the lines after it up to the next `$` line or the block's end are its output.
Each command runs in-process in a fresh copy of a home seeded with the marks the README's own
tour makes (TOUR), as a new learner (the newest built-in edition), with a fixed clock, 100
columns and no colour. The comparison is line by line and exact, except:

- a line that is only `…` stands for any number of lines (elided output);
- normalise(): the home folder is written `~/.local/share/llmcourse` (where it is on Linux),
  the package's data folder `…/data`, the loopback server's random port 38363;
- IDS: an 8-hex-digit word (a random note, card or device id, an edition's content hash) is
  compared as `<id>` on both sides.

An interactive example (INPUT) is fed its keys, echoed as a terminal echoes them. SKIPPED
lists the examples not run, with the reason.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pytest
from conftest import SOURCES
from coursedata import mini_course
from httpserver import LocalServer

from llmcourse import paths
from llmcourse.cli import study

README = Path(__file__).resolve().parents[1] / "README.md"
NOW = "2026-11-28T12:00:00+00:00"
ELLIPSIS = {"…", "..."}

# The README's tour, in its order, each step on its own day so the streak and the heat map
# have something to show: (day of November 2026, arguments).
TOUR: list[tuple[int, list[str]]] = [
    (26, ["done", "mathematics", "python"]),
    (27, ["start", "neural-networks"]),
    (28, ["done", "neural-networks", "2"]),
    (28, ["skip", "nlp"]),
    (28, ["note", "neural-networks", "redo backprop by hand"]),
]
# Examples that show a tour step being made: they run before that step.
BEFORE_STEP = {"done neural-networks 2": 2}
# Examples not run, and why.
SKIPPED = {
    "check-links": "the network (its output shows a machine offline)",
}
# What the README needs in the working folder: my-course/ (a copy of the built-in course with
# two problems, for `validate`), my-course.toml (links to a loopback server, for
# `check-links`), and the 2026 README for `update` (from the course sources; without them the
# update session is not run).
UPDATE_SOURCE = "llm-course-en-2026-02-04.md"
LINK_PATHS = ["/redirect", "/404", "/ok", "/500", "/slow?ms=3000", None, "/ok?again"]
# Examples that need an earlier one of the same block to have run first (`update` twice).
CHAINED = {"update", "editions"}
# What an interactive example is typed: `review` shows the answer (Enter) and rates it good.
INPUT = {"review": "\n3\nq\n"}
IDS = re.compile(r"\b[0-9a-f]{8}\b")


@dataclass
class Example:
    args: str
    expected: list[str] = field(default_factory=list)
    block: int = 0


def examples() -> list[Example]:
    found: list[Example] = []
    in_text = False
    block = 0
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_text = line.strip() == "```text"
            block += in_text
            continue
        if not in_text:
            continue
        if line.startswith("$ llmcourse"):
            found.append(Example(line.removeprefix("$ llmcourse").strip(), block=block))
        elif found and found[-1].block == block:
            found[-1].expected.append(line)
    return found


def argv(args: str) -> list[str]:
    words = shlex.split(args, comments=True)
    if "open" in words and "-n" not in words:
        words.append("-n")
    return words


def key(args: str) -> str:
    return " ".join(argv(args))


@pytest.fixture
def home(server, run, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("LLMCOURSE_BUILTIN")  # a new learner starts on the newest edition
    monkeypatch.setenv("LLMCOURSE_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")  # `review` prints local times
    time.tzset()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    course = work / "my-course"
    shutil.copytree(paths.builtin_course_dir(), course)
    _break(course)
    links = {
        f"res-{n}": server.url(path) if path else "http://127.0.0.1:9/x"  # port 9: refused
        for n, path in enumerate(LINK_PATHS, 1)
    }
    shutil.move(mini_course(tmp_path, {"alpha": links}), work / "my-course.toml")
    if (SOURCES / UPDATE_SOURCE).is_file():
        shutil.copy(SOURCES / UPDATE_SOURCE, work / UPDATE_SOURCE)
    return isolated_home


def _break(course: Path) -> None:
    """The two problems the README's `validate` example shows."""
    for name, pattern, value in (
        ("topics/nlp.toml", r"^prerequisites = .*$", 'prerequisites = ["gamma"]'),
        ("notebooks.toml", r"^colab_url = .*$", 'colab_url = "javascript:alert(1)"'),
    ):
        path = course / name
        text = re.sub(pattern, value, path.read_text(encoding="utf-8"), count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")


def seed(run, monkeypatch: pytest.MonkeyPatch, steps: int) -> None:
    for day, words in TOUR[:steps]:
        monkeypatch.setenv("LLMCOURSE_NOW", f"2026-11-{day:02d}T12:00:00+00:00")
        assert run(*words).exit_code == 0, words
    monkeypatch.setenv("LLMCOURSE_NOW", NOW)


def normalise(text: str, home: Path, server: LocalServer) -> list[str]:
    data = paths.builtin_course_dir().parent
    text = text.replace(str(home), "~/.local/share/llmcourse").replace(str(data), "…/data")
    text = text.replace(server.host, "127.0.0.1:38363")
    return [IDS.sub("<id>", line.rstrip()) for line in text.splitlines()]


def matches(actual: list[str], expected: list[str]) -> bool:
    """Line by line; an ellipsis line stands for any number of lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() in ELLIPSIS:
        return any(matches(actual[i:], rest) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == head and matches(actual[1:], rest)


class _Echo:
    """stdin for an interactive example: a line read is echoed, as a terminal does."""

    def __init__(self, stdin: TextIO) -> None:
        self.stdin = stdin

    def readline(self) -> str:
        line = self.stdin.readline()
        sys.stdout.write(line)
        return line


def _echoing(read_line: Callable[[], str | None]) -> Callable[[], str | None]:
    def read() -> str | None:
        real = sys.stdin
        sys.stdin = _Echo(real)  # type: ignore[assignment]
        try:
            return read_line()
        finally:
            sys.stdin = real

    return read


def run_example(run, monkeypatch, home: Path, server: LocalServer, example: Example) -> list[str]:
    typed = INPUT.get(key(example.args))
    if typed is not None:  # what is typed shows, as on a terminal
        monkeypatch.setattr(study, "_read_line", _echoing(study._read_line))
    result = run(*argv(example.args), input=typed)
    assert "Traceback" not in result.output
    return normalise(result.output, home, server)


def test_readme_examples_print_what_the_readme_says(
    run, home, server, monkeypatch, tmp_path
) -> None:
    found = examples()
    assert len(found) > 15 and set(SKIPPED) <= {key(e.args) for e in found}
    seeded = tmp_path / "seeded"
    seed(run, monkeypatch, len(TOUR))
    shutil.copytree(home, seeded)
    # without the course sources (kept outside the repository) the update session is not run
    no_source = {
        e.block for e in found if UPDATE_SOURCE in e.args and not Path(UPDATE_SOURCE).exists()
    }
    failures = []
    previous = None
    for example in found:
        name = key(example.args)
        if name in SKIPPED or example.block in no_source:
            continue
        chained = previous is not None and previous.block == example.block
        chained = chained and argv(example.args)[0] in CHAINED
        if not chained:
            shutil.rmtree(home)
            if name in BEFORE_STEP:
                seed(run, monkeypatch, BEFORE_STEP[name])
            else:
                shutil.copytree(seeded, home)
        previous = example
        actual = run_example(run, monkeypatch, home, server, example)
        expected = [IDS.sub("<id>", line.rstrip()) for line in example.expected]
        if not matches(actual, expected):
            failures.append(f"$ llmcourse {example.args}\n" + "\n".join(actual))
    assert not failures, "README examples that print something else:\n\n" + "\n\n".join(failures)


def test_an_ellipsis_stands_for_any_lines() -> None:
    assert matches(["a", "b", "c"], ["a", "…", "c"])
    assert matches(["a", "c"], ["a", "...", "c"])
    assert not matches(["a", "b", "c"], ["a", "c"])
    assert not matches(["a", "b"], ["a", "b", "c"])
