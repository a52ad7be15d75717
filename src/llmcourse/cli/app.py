"""The root app: global options, command registration, and the single error boundary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from llmcourse import __version__
from llmcourse.cli import admin, browse, links, track
from llmcourse.cli.session import Session, choose_lang
from llmcourse.errors import LlmcourseError
from llmcourse.views.output import error


class _Boundary(TyperGroup):
    """Turns every LlmcourseError into a message on stderr and its exit code: no tracebacks."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except LlmcourseError as e:
            error(e.message, e.details)
            raise typer.Exit(e.exit_code) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order registered, not alphabetical


app = typer.Typer(
    cls=_Boundary,
    name="llmcourse",
    help=(
        "A terminal companion for Maxime Labonne's LLM Course: browse the roadmap, "
        "search it in English or Chinese, and track your progress.\n\n"
        "Examples:\n\n"
        "  llmcourse list\n\n"
        "  llmcourse --lang zh-TW list\n\n"
        "  llmcourse --course my-course/ validate"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"llmcourse {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            envvar="LLMCOURSE_LANG",
            help="Language of the course text and labels: en or zh-TW. "
            "Default: the config's `lang`, then your locale.",
            show_default=False,
        ),
    ] = None,
    course: Annotated[
        Path | None,
        typer.Option(
            "--course",
            envvar="LLMCOURSE_COURSE",
            help="Use the course in this file or folder instead of the active one.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = Session(lang=choose_lang(lang), course_option=course)


browse.register(app)
track.register(app)
links.register(app)
admin.register(app)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except LlmcourseError as e:  # raised outside a command, e.g. while choosing the language
        error(e.message, e.details)
        sys.exit(e.exit_code)
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; that is not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
