"""Every example in every `--help` runs, against a seeded home, and the help reads cleanly."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w
from coursedata import minimal_course

from llmcourse import paths
from llmcourse.cli.root import COMMAND_MODULES

FIXTURES = Path(__file__).parent / "fixtures"

# Examples that are not run, and why.
SKIPPED = {
    "llmcourse check-links": "checks every URL of the course on the network",
    "llmcourse check-links quantization 2.7 --json": "network",
    "llmcourse check-links --concurrency 32 --timeout 5": "network",
    "llmcourse update": "downloads the README from GitHub",
    "llmcourse update --source https://example.org/README.md --timeout 20 --json": "network",
    "llmcourse mcp": "a server that waits on stdin",
    "llmcourse browse": "full screen: needs a terminal (tests/test_browse*.py drive it)",
    "llmcourse --lang zh-TW browse": "the same, in Chinese",
    "llmcourse --lang zh-TW mcp --allow-writes": "a server that waits on stdin",
}
NEEDS_GIT = {"llmcourse sync --remote ../progress.git"}  # not run on a machine without git
# Examples that end with a documented non-zero exit, and why.
EXPECTED_EXIT = {
    "llmcourse note remove 3f2a": 1,  # an id from someone else's notes: "no note 3f2a"
    "llmcourse note edit 3f2a": 1,  # the same
    "llmcourse doctor --restore-backup": 1,
    "llmcourse card remove 3f2a": 1,  # an id from someone else's cards
    # ./README.md here is a 7-topic excerpt of a real README: the update guard stops it (it
    # would drop most of the 19 topics), so no edition was stored and there is no previous one
    "llmcourse update --source ./README.md --yes": 1,
    "llmcourse editions --use previous": 2,
}


def _help(run, command: str | None) -> str:
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    return result.stdout


def examples(run) -> list[str]:
    found = []
    for command in [None, *COMMAND_MODULES]:
        for line in _help(run, command).splitlines():
            line = line.strip()
            if line.startswith("llmcourse "):
                # "llmcourse done quantization 3     (the topic's third resource)"
                found.append(re.sub(r"\s{2,}\(.*\)$", "", line))
    return found


def _argv(example: str) -> list[str]:
    words = shlex.split(example)[1:]
    if ">" in words:  # `export --format markdown > checklist.md`: the output is not the point
        words = words[: words.index(">")]
    if "open" in words and "-n" not in words:
        words.append("-n")  # print the URL; never launch a browser in a test
    return words


@pytest.fixture
def seeded(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with some progress, and a working folder with the files the examples name."""
    monkeypatch.setenv("LLMCOURSE_NOW", "2026-11-28T12:00:00+00:00")
    editor = f"{shlex.quote(sys.executable)} -c \"import sys; open(sys.argv[1], 'a').write('x')\""
    monkeypatch.setenv("EDITOR", editor)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    shutil.copytree(paths.builtin_course_dir(), work / "my-course")
    (work / "my-course.toml").write_text(tomli_w.dumps(minimal_course()), encoding="utf-8")
    # a real README's shape (an excerpt of the 2026 README)
    shutil.copy(FIXTURES / "excerpt-en-2026-02-04.md", work / "README.md")
    # `sync --remote ../progress.git` and `sync --folder Dropbox/llmcourse`
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "progress.git")], check=True)
    (work / "Dropbox" / "llmcourse").mkdir(parents=True)
    for words in (["done", "mathematics"], ["start", "neural-networks"]):
        assert run(*words).exit_code == 0
    return work


def test_every_help_example_runs(run, seeded: Path) -> None:
    found = examples(run)
    assert len(found) > 40 and set(SKIPPED) <= set(found) and set(EXPECTED_EXIT) <= set(found)
    for example in found:
        if example in SKIPPED or (example in NEEDS_GIT and not shutil.which("git")):
            continue
        result = run(*_argv(example))
        assert result.exit_code == EXPECTED_EXIT.get(example, 0), (example, result.output)
        assert "Traceback" not in result.output


def test_help_shows_no_python_types_and_one_metavar_style(run) -> None:
    for command in [None, *COMMAND_MODULES]:
        text = _help(run, command)
        assert not re.search(r"<(bool|str|int|path|float|list)", text), (command, text)
        assert "{" not in text.split("\n\n")[0] and "[[" not in text, (command, text)
    assert "Usage: llmcourse done [OPTIONS] REF [N]..." in _help(run, "done")
    assert "Usage: llmcourse open [OPTIONS] [REF] [N]" in _help(run, "open")
    assert "Usage: llmcourse search [OPTIONS] QUERY..." in _help(run, "search")
    assert "Usage: llmcourse check-links [OPTIONS] [TOPIC]..." in _help(run, "check-links")
    overview = _help(run, None)
    commands = overview.split("Commands:")[1]
    assert "..." not in commands  # first sentences, never cut
    assert "  list         Show the course as a tree" in commands
