"""The command line: Typer wiring only. `main` is the console script."""

from typing import Any

from llmcourse.cli.root import build_app, main

__all__ = ["app", "build_app", "main"]


def __getattr__(name: str) -> Any:
    # `app`, the full app (for tests and tools), is built on first use, not at import.
    if name == "app":
        return build_app()
    raise AttributeError(name)
