"""Every test runs with its own LLMCOURSE_HOME and fixed, uncoloured output."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from httpserver import LocalServer
from typer.testing import CliRunner

from llmcourse.cli import app

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "course-sources"


@pytest.fixture(scope="session")
def warm_caches(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The default course's cache and search index, built once per test process: a test's
    home starts with copies, as a learner's has after the first command (tests marked
    `cold_cache` start without them)."""
    home = tmp_path_factory.mktemp("warm-home")
    env = {"LLMCOURSE_HOME": str(home), "LLMCOURSE_BUILTIN": "2024-01-29", "NO_COLOR": "1"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        runner = CliRunner()
        for args in (["list"], ["search", "warm"]):
            assert runner.invoke(app, args).exit_code == 0
    finally:
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    return sorted((home / "cache").glob("*.bin"))


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    warm_caches: list[Path],
) -> Iterator[Path]:
    home = tmp_path / "llmcourse-home"
    monkeypatch.setenv("LLMCOURSE_HOME", str(home))
    if request.node.get_closest_marker("cold_cache") is None:
        (home / "cache").mkdir(parents=True)
        for file in warm_caches:
            (home / "cache" / file.name).write_bytes(file.read_bytes())
    for var in (
        "LLMCOURSE_LANG",
        "LLMCOURSE_COURSE",
        "LLMCOURSE_RICH",
        "LC_ALL",
        "LC_MESSAGES",
        "LANGUAGE",
        "BROWSER",
        "EDITOR",
        "VISUAL",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # Most tests were written against the 2024-01-29 edition (19 topics, 2.7 is quantization):
    # a home without a choice starts there in tests. A new learner's real default, the newest
    # built-in edition, is tested with this variable removed (test_builtin_editions.py).
    monkeypatch.setenv("LLMCOURSE_BUILTIN", "2024-01-29")
    # The language of messages is per run (set by the root command); start each test in English.
    from llmcourse import i18n

    i18n.set_lang("en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    yield home


@pytest.fixture
def run():
    """Invoke the CLI in-process: run("list", "--json") -> click Result."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


def sources_or_skip(name: str) -> Path:
    path = SOURCES / name
    if not path.is_file():
        pytest.skip(f"course source {name} not present")
    return path


def course_texts(course) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """Every localized text of a course (titles, summaries, names), for language checks."""
    found = [course.title, course.summary, course.credit.note]
    found += [link.title for link in course.links]
    for part in course.parts:
        found += [part.title, part.summary]
    for topic in course.topics.values():
        found += [topic.title, topic.summary]
        found += [t for c in topic.concepts for t in (c.name, c.summary)]
        found += [t for r in topic.resources for t in (r.title, r.summary)]
    found += [t for nb in course.notebooks for t in (nb.title, nb.summary)]
    return found


def write_config(text: str):  # type: ignore[no-untyped-def]
    """Put `text` in this test home's config.toml; returns its path."""
    from llmcourse import paths

    config = paths.resolve().config
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    return config


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 (tests/httpserver.py), for the length of one test."""
    with LocalServer() as srv:
        yield srv


def subprocess_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a real `llmcourse` subprocess: `home` as LLMCOURSE_HOME and no other
    LLMCOURSE_ variable of the caller's, plain output, a UTF-8 locale, and `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMCOURSE_")}
    env.update(LLMCOURSE_HOME=str(home), NO_COLOR="1", LANG="C.UTF-8", **extra)
    return env
