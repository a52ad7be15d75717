"""Help that cannot drift: every command has help text with an example and is in the README."""

from __future__ import annotations

from pathlib import Path

import typer

from llmcourse.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_help_and_is_documented() -> None:
    commands = _commands()
    assert {"list", "validate", "paths"} <= set(commands)
    for name, command in commands.items():
        help_text = command.help or ""  # type: ignore[attr-defined]
        assert help_text.strip(), f"{name} has no help"
        assert f"llmcourse {name}" in README or f"llmcourse --lang zh-TW {name}" in README, (
            f"`llmcourse {name}` is not in the README"
        )


def test_every_command_help_runs(run) -> None:
    for name in _commands():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Usage" in result.stdout


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert f"```sh\n{command}\n```" in README
