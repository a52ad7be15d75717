"""The console script builds only the command being run; the full app stays for the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import subprocess_env

from llmcourse.cli.root import COMMAND_MODULES, build_app, command_in


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["list"], "list"),
        (["--lang", "zh-TW", "show", "2.7"], "show"),
        (["--lang=zh-TW", "--course", "x.toml", "done", "1.1"], "done"),
        (["--course=x", "check-links", "--json"], "check-links"),
        (["lsit"], None),  # unknown: the full app says "did you mean"
        ([], None),
        (["--help"], None),
        (["--version"], None),
        (["--install-completion"], None),
        (["--lang"], None),
    ],
)
def test_command_in(argv: list[str], expected: str | None) -> None:
    assert command_in(argv) == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"COMP_WORDS": "llmcourse sh", "COMP_CWORD": "1"}, None),  # the command's name
        ({"COMP_WORDS": "llmcourse show quant", "COMP_CWORD": "2"}, "show"),
        ({"COMP_WORDS": "llmcourse --lang zh-TW done ", "COMP_CWORD": "4"}, "done"),
        ({"COMP_WORDS": "llmcourse --la", "COMP_CWORD": "1"}, None),
        ({"_TYPER_COMPLETE_ARGS": "llmcourse show quant"}, "show"),
        ({"_TYPER_COMPLETE_ARGS": "llmcourse show "}, "show"),
        ({"_TYPER_COMPLETE_ARGS": "llmcourse show"}, None),
        ({"_TYPER_COMPLETE_ARGS": "llmcourse 'unclosed"}, None),
    ],
)
def test_completion_builds_only_the_command_being_completed(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str | None
) -> None:
    monkeypatch.setenv("_LLMCOURSE_COMPLETE", "complete_bash")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert command_in(["ignored"]) == expected


def test_one_command_app_and_full_app() -> None:
    import typer

    full = typer.main.get_command(build_app())
    assert list(full.commands) == list(COMMAND_MODULES)  # type: ignore[attr-defined]
    one = typer.main.get_command(build_app("progress"))
    assert list(one.commands) == ["progress"]  # type: ignore[attr-defined]


def _llmcourse(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = subprocess_env(tmp_path, COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "llmcourse", *args], env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def test_the_installed_entry_point_behaves_like_the_full_app(tmp_path: Path) -> None:
    listed = _llmcourse(tmp_path, "--lang", "zh-TW", "list")
    assert listed.returncode == 0 and "量化" in listed.stdout
    typo = _llmcourse(tmp_path, "lsit")
    assert typo.returncode == 2 and "Did you mean 'list'" in typo.stderr
    overview = _llmcourse(tmp_path, "--help")
    assert overview.returncode == 0
    for name in COMMAND_MODULES:
        assert name in overview.stdout
    sub = _llmcourse(tmp_path, "done", "--help")
    assert sub.returncode == 0 and "Mark topics" in sub.stdout


def test_shell_completion_completes_references(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMCOURSE_")}
    env.update(LLMCOURSE_HOME=str(tmp_path), LANG="C.UTF-8")
    for command in ("show", "done", "check-links"):
        env.update(_LLMCOURSE_COMPLETE="complete_bash", COMP_WORDS=f"llmcourse {command} quant",
                   COMP_CWORD="2")  # fmt: skip
        result = subprocess.run([sys.executable, "-m", "llmcourse"], env=env,
                                capture_output=True, text=True, timeout=60)  # fmt: skip
        assert "quantization" in result.stdout.split(), (command, result.stdout, result.stderr)
    env.update(_LLMCOURSE_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="llmcourse show quant")
    env.pop("COMP_WORDS")
    result = subprocess.run([sys.executable, "-m", "llmcourse"], env=env,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert '"quantization":"2.7 Quantization"' in result.stdout  # the title beside the id


def test_zsh_completion_shows_titles_literally(tmp_path: Path) -> None:
    """A title's brackets are text, not markup: completion prints them as they are."""
    course = tmp_path / "c.toml"
    text = {"en": "Text", "zh-TW": "文字"}
    course.write_text(
        "\n".join(
            [
                'id = "c"', 'edition = "t"', 'languages = ["en", "zh-TW"]',
                'title = { en = "C", zh-TW = "C" }', 'summary = { en = "S", zh-TW = "S" }',
                'web_url = "https://example.org/"',
                "[credit]", 'author = "a"', 'repository = "r"', 'url = "https://example.org/"',
                'license = "CC0"', 'note = { en = "n", zh-TW = "n" }',
                "[[parts]]", 'id = "p"', 'title = { en = "P", zh-TW = "P" }',
                'summary = { en = "S", zh-TW = "S" }',
                "[[parts.topics]]", 'id = "bits"',
                'title = { en = "Bits [bold]and[/bold] bytes", zh-TW = "位元" }',
                f'summary = {{ en = "{text["en"]}", zh-TW = "{text["zh-TW"]}" }}',
            ]
        ),
        encoding="utf-8",
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMCOURSE_")}
    env.update(LLMCOURSE_HOME=str(tmp_path / "home"), LLMCOURSE_COURSE=str(course),
               LANG="C.UTF-8", _LLMCOURSE_COMPLETE="complete_zsh",
               _TYPER_COMPLETE_ARGS="llmcourse show bi")  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "llmcourse"], env=env,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "Bits [bold]and[/bold] bytes" in result.stdout, (result.stdout, result.stderr)


def test_the_entry_point_takes_global_options_after_the_command(tmp_path: Path) -> None:
    listed = _llmcourse(tmp_path, "list", "--lang", "zh-TW")
    assert listed.returncode == 0 and "量化" in listed.stdout
