"""The command line: Typer wiring only. `main` is the console script."""

from llmcourse.cli.app import app, main

__all__ = ["app", "main"]
