"""The floor: a Typer app that prints one line. Every llmcourse command is measured against it."""

import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    print("hello")


if __name__ == "__main__":
    app()
