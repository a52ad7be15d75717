"""The root app: global options, command registration, and the single error boundary.

Typer turns every registered command into a click command each time the program runs, which
for two dozen commands costs more than all of llmcourse's own work for `done`. So `main` looks
at the command line first and builds an app with only the command being run (and imports only
its module); `--help`, completion, and anything it does not recognise get the full app.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from llmcourse import __version__
from llmcourse.cli.completion import complete_lang
from llmcourse.cli.helpformat import Command
from llmcourse.cli.session import Session, choose_lang
from llmcourse.errors import LlmcourseError
from llmcourse.views.output import error


class _Boundary(TyperGroup):
    """Turns every LlmcourseError into a message on stderr and its exit code: no tracebacks.
    Also where global options written after the command are moved before it (cli/argv.py)."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        if _wanted_help(words) and help_lang(words) == "zh-TW":
            _in_chinese(self)
        return super().main(args, *rest, **kwargs)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from llmcourse.cli.argv import hoist_global_options

        ctx.meta[_ARGS] = list(args)
        return super().parse_args(ctx, hoist_global_options(args, self.commands))

    def invoke(self, ctx: Any) -> Any:
        as_json = wants_json(sys.argv[1:] if ctx.meta.get(_ARGS) is None else ctx.meta[_ARGS])
        try:
            return super().invoke(ctx)
        except LlmcourseError as e:
            error(e.message, e.details, as_json)
            raise typer.Exit(e.exit_code) from None
        except _click_usage_error() as e:  # a bad command, option or value (exit 2)
            _usage_error(e, ctx.meta.get(_ARGS) or sys.argv[1:], as_json)
            raise typer.Exit(e.exit_code) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order registered, not alphabetical

    def format_options(self, ctx: Any, formatter: Any) -> None:
        from llmcourse.cli.helpformat import format_params

        format_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)


def _wanted_help(words: list[str]) -> bool:
    """Whether help may be printed: -h/--help, or no command (no_args_is_help), or a bad one
    (click's usage line). Saves the language pre-scan on the everyday path."""
    before = words[: words.index("--")] if "--" in words else words
    return not before or any(w in ("-h", "--help") for w in before) or command_in(words) is None


def help_lang(words: list[str]) -> str:
    """The language `--help` is written in, chosen before the app parses anything: --lang
    (before or after the command), else LLMCOURSE_LANG, the config, the locale."""
    option = None
    before = words[: words.index("--")] if "--" in words else words
    for i, word in enumerate(before):
        if word == "--lang" and i + 1 < len(before):
            option = before[i + 1]
        elif word.startswith("--lang="):
            option = word.removeprefix("--lang=")
    try:
        return choose_lang(option or os.environ.get("LLMCOURSE_LANG") or None, warn=False)
    except Exception:  # a bad --lang or config.toml: the command itself will say so
        return "en"


def _in_chinese(group: Any) -> None:
    """The help of `group`, its commands and their parameters in Chinese (cli/help_zh.py)."""
    from llmcourse.cli import help_zh

    help_zh.apply(group)
    base = group.context_class
    chinese = help_zh.formatter_class(base.formatter_class)
    context = type("ChineseContext", (base,), {"formatter_class": chinese})
    for command in [group, *group.commands.values()]:
        command.context_class = context


_ARGS = "llmcourse.args"  # where the root keeps its command line (ctx.meta), for wants_json


def _usage_error(e: Any, words: list[str], as_json: bool) -> None:
    """click's usage error in the user's language, framed as click frames it: the usage line
    and where to find help, then the error (one JSON object with --json)."""
    from llmcourse.i18n import current_lang, msg, set_lang
    from llmcourse.wording import plain, usage_error

    set_lang(help_lang(words))  # a mistyped command fails before the root has chosen it
    e.message = plain(e.message)  # "Input should be a valid integer…": say it our way
    message = usage_error(e.format_message())
    if not as_json and e.ctx is not None:
        # (the Chinese help formatter, set up when help might print, writes its own prefix)
        usage = e.ctx.get_usage().removeprefix("Usage: ").removeprefix("用法：")
        if current_lang() == "zh-TW":
            from llmcourse.cli.help_zh import usage_in_zh

            usage = usage_in_zh(usage)
        sys.stderr.write(msg("usage.line", usage=usage) + "\n")
        sys.stderr.write(msg("usage.try", command=e.ctx.command_path) + "\n\n")
    error(message, [], as_json)


def _click_usage_error() -> type[Any]:
    """Click's UsageError (Typer may vendor click): the base of typer.BadParameter."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def wants_json(args: list[str]) -> bool:
    """Whether `--json` is on the command line (before any `--`): errors are then JSON too."""
    return "--json" in (args[: args.index("--")] if "--" in args else args)


# Every command, in the order `--help` lists them, with the module that defines it.
COMMAND_MODULES = {
    **dict.fromkeys(["list", "show", "search", "open"], "browse"),
    "browse": "tui",
    **dict.fromkeys(["start", "done", "skip", "reset", "note", "undo", "log"], "track"),
    **dict.fromkeys(["progress", "next", "export", "import"], "track"),
    "sync": "sync",
    "check-links": "links",
    **dict.fromkeys(["update", "editions"], "editions"),
    **dict.fromkeys(["review", "card", "plan"], "study"),
    **dict.fromkeys(["validate", "paths", "doctor"], "admin"),
    "config": "settings",
    "mcp": "assistant",
    **dict.fromkeys(["map", "path"], "map"),
}
# Global options that take a value (so the word after them is not the command).
_VALUED_OPTIONS = ("--lang", "--course")

_APP_SETTINGS: dict[str, Any] = dict(
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
    rich_markup_mode=None,  # plain help as click writes it (cli/helpformat.py)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"llmcourse {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            envvar="LLMCOURSE_LANG",
            autocompletion=complete_lang,
            help="Language of the course text and labels: en or zh-TW. "
            "Default: the config's `lang`, then your locale.",
            show_default=False,
        ),
    ] = None,
    course: Annotated[
        Path | None,
        typer.Option(
            "--course",
            metavar="PATH",
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
    from llmcourse.i18n import set_lang

    ctx.obj = Session(lang=_language(ctx, lang), course_option=course)
    set_lang(ctx.obj.lang)
    if ctx.invoked_subcommand != "doctor":  # doctor reports them itself
        _warn_about_settings()


def _language(ctx: typer.Context, option: str | None) -> str:
    """The run's language. A broken config.toml stops every command but `doctor`, which must
    run to report it (in the locale's language)."""
    from llmcourse.i18n import locale_lang

    try:
        return choose_lang(option)
    except LlmcourseError:
        if ctx.invoked_subcommand == "doctor":
            return locale_lang()
        raise


def _warn_about_settings() -> None:
    """One warning per value of the wrong kind in config.toml (`lang = 3`), not silence."""
    from llmcourse import config
    from llmcourse.views.output import warn

    # `lang` is left to choose_lang, which warns about it (in both languages) when it is read.
    settings = {k: v for k, v in config.load().items() if k != "lang"}
    for problem in config.problems(settings):
        warn(problem)


def build_app(only: str | None = None) -> typer.Typer:
    """The app with every command, or with just the command `only`."""
    app = typer.Typer(**_APP_SETTINGS)
    app.callback()(root)
    for name, module in COMMAND_MODULES.items():
        if only is None or name == only:
            commands = importlib.import_module(f"llmcourse.cli.{module}").COMMANDS
            app.command(name, cls=Command)(commands[name])
    return app


def completed_words() -> list[str] | None:
    """When the shell asks for completions: the words typed before the one being completed
    (without the program's name); None when it cannot be told."""
    import shlex

    try:
        if "_TYPER_COMPLETE_ARGS" in os.environ:  # zsh, fish, PowerShell: the whole line
            line = os.environ["_TYPER_COMPLETE_ARGS"]
            words = shlex.split(line)
            if words and not line.endswith(" "):
                words.pop()  # the word being completed
            return words[1:]
        if "COMP_WORDS" in os.environ:  # bash: the words, and the index of the current one
            return shlex.split(os.environ["COMP_WORDS"])[1 : int(os.environ["COMP_CWORD"])]
    except (ValueError, KeyError):
        pass
    return None


def command_in(argv: list[str]) -> str | None:
    """The command `argv` runs, when it is certain; None means: build the full app."""
    if "_LLMCOURSE_COMPLETE" in os.environ:
        # Shell completion: a command's own arguments need only that command (an app of one
        # command builds in a fraction of the time); its name or a global option, every one.
        words = completed_words()
        if words and words[-1] in _VALUED_OPTIONS and _command_word(words[:-1]):
            _complete_global_value(words[-1])
            return None
        return _command_word(words) if words else None
    return _command_word(argv)


def _complete_global_value(option: str) -> None:
    """`llmcourse list --lang <TAB>`: a global option's value after the command is completed
    as the root's (`llmcourse --lang <TAB>`), the command left out."""
    if "_TYPER_COMPLETE_ARGS" in os.environ:
        line = os.environ["_TYPER_COMPLETE_ARGS"]
        typed = "" if line.endswith(" ") else line.rsplit(" ", 1)[-1]
        os.environ["_TYPER_COMPLETE_ARGS"] = f"llmcourse {option} {typed}"
    elif "COMP_WORDS" in os.environ:
        import shlex

        words = shlex.split(os.environ["COMP_WORDS"])
        at = int(os.environ["COMP_CWORD"])
        typed = words[at] if at < len(words) else ""
        os.environ["COMP_WORDS"] = f"llmcourse {option} {shlex.quote(typed)}"
        os.environ["COMP_CWORD"] = "2"


def _command_word(argv: list[str]) -> str | None:
    words = iter(argv)
    for word in words:
        if word in _VALUED_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMAND_MODULES else None
        elif not word.startswith(tuple(f"{o}=" for o in _VALUED_OPTIONS)):
            return None  # --help, --version, --install-completion...: the full app
    return None


def _literal_completion_help() -> None:
    """Typer passes each completion's description (a title beside an id) through Rich markup,
    which imports Rich and markdown-it: most of the cost of a completion, and it would eat a
    title's "[...]" as a tag. Ours are literal text: sanitise them instead."""
    from typer import _completion_classes

    from llmcourse.textsafe import one_line

    if hasattr(_completion_classes, "_sanitize_help_text"):  # private in Typer: check first
        _completion_classes._sanitize_help_text = one_line


def main() -> None:
    """Console-script entry point."""
    if "_LLMCOURSE_COMPLETE" in os.environ:
        _literal_completion_help()
    try:
        build_app(command_in(sys.argv[1:]))(prog_name="llmcourse")
    except LlmcourseError as e:  # raised outside a command, e.g. while choosing the language
        error(e.message, e.details, wants_json(sys.argv[1:]))
        sys.exit(e.exit_code)
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; that is not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
