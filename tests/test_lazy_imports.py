"""The everyday path imports no httpx, no markdown parser, no Rich module it does not draw with."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import subprocess_env

HEAVY = (
    "httpx",
    "markdown_it",
    "rich",
    "rapidfuzz",
    "hypothesis",
    "tomli_w",
    "mcp",
    "textual",
    "opencc",
    "fsrs",
)

PROBE = """
import json, runpy, sys
sys.argv = ["llmcourse", *json.loads(sys.argv[1])]
try:
    runpy.run_module("llmcourse", run_name="__main__")
except SystemExit as e:
    code = e.code
else:
    code = 0
mods = sorted(m for m in sys.modules if m.split(".")[0] in {!r})
sys.stderr.write("\\nMODULES " + json.dumps({{"code": code, "mods": mods}}) + "\\n")
""".format((*HEAVY, "llmcourse"))


def loaded(args: list[str], home: Path, **env: str) -> tuple[object, set[str]]:
    full_env = subprocess_env(home, **env)
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], env=full_env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("MODULES "))
    data = json.loads(line[len("MODULES ") :])
    return data["code"], {m.split(".")[0] for m in data["mods"]} | set(data["mods"])


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "quantization"],
        ["search", "lora"],
        ["progress"],
        ["next"],
        # Chinese queries, Simplified too: the index holds the converted forms, cached
        ["search", "神經網路"],
        ["search", "神经网络"],
    ],
)
def test_everyday_commands_stay_light(tmp_path: Path, args: list[str]) -> None:
    loaded(args, tmp_path)  # first run builds the caches
    code, mods = loaded(args, tmp_path)
    assert code in (0, None), args
    for heavy in HEAVY:
        assert heavy not in mods, f"{' '.join(args)} imported {heavy}"
    # The second run reads the course from the cache: no validation code is even imported.
    assert "llmcourse.course.check" not in mods
    # Only the module of the command being run is imported.
    others = {
        "llmcourse.cli.links", "llmcourse.cli.admin", "llmcourse.cli.tui", "llmcourse.tui",
        "llmcourse.cli.study",
    }  # fmt: skip
    if args[0] in ("list", "show", "search"):
        others.add("llmcourse.cli.track")
    assert not others & mods, others & mods


@pytest.mark.parametrize(
    "args", [["list"], ["show", "quantization"], ["search", "lora"], ["progress"]]
)
def test_terminal_views_draw_without_rich(tmp_path: Path, args: list[str]) -> None:
    """On a terminal too (LLMCOURSE_RICH=1 stands for one), the everyday views draw their
    styles themselves: Rich's console alone costs more than the rest of such a command."""
    env = {"LLMCOURSE_RICH": "1", "FORCE_COLOR": "1"}
    loaded(args, tmp_path, **env)
    code, mods = loaded(args, tmp_path, **env)
    assert code in (0, None), args
    assert "rich" not in mods, f"{' '.join(args)} imported rich on a terminal"
    assert "llmcourse.views.paint" in mods  # it did draw the styled view


def test_writing_a_mark_stays_light(tmp_path: Path) -> None:
    code, mods = loaded(["done", "quantization"], tmp_path)
    assert code in (0, None)
    for heavy in ("httpx", "markdown_it", "rich", "rapidfuzz", "textual", "opencc"):
        assert heavy not in mods


@pytest.mark.parametrize("shell", ["complete_zsh", "complete_bash"])
def test_completing_a_reference_stays_light(tmp_path: Path, shell: str) -> None:
    env = {
        "_LLMCOURSE_COMPLETE": shell,
        "_TYPER_COMPLETE_ARGS": "llmcourse show quant",
        "COMP_WORDS": "llmcourse show quant",
        "COMP_CWORD": "2",
    }
    loaded([], tmp_path, **env)
    code, mods = loaded([], tmp_path, **env)
    assert code in (0, None)
    for heavy in ("httpx", "markdown_it", "rich", "rapidfuzz"):
        assert heavy not in mods, f"completion ({shell}) imported {heavy}"
    # Only the command being completed is built, so only its module is imported.
    assert not {"llmcourse.cli.track", "llmcourse.cli.links", "llmcourse.cli.admin"} & mods


def test_only_browse_itself_loads_textual(tmp_path: Path) -> None:
    """`browse --help` registers the command without starting the app: no Textual yet."""
    code, mods = loaded(["browse", "--help"], tmp_path)
    assert code in (0, None)
    assert "textual" not in mods and "llmcourse.tui" not in mods


def test_fsrs_is_loaded_only_to_replay_reviews(tmp_path: Path) -> None:
    """Only review/plan commands use the scheduler, and only when a card has a review to replay;
    `progress` counts due cards without it until there are reviews."""
    loaded(["start", "quantization"], tmp_path)
    for args in (["review", "--due"], ["progress"], ["plan", "-H", "5"]):
        code, mods = loaded(args, tmp_path)
        assert code in (0, None), args
        assert "fsrs" not in mods, args
    loaded(["review", "rate", "quantization/base-techniques", "good"], tmp_path)
    code, mods = loaded(["review", "--due"], tmp_path)
    assert code in (0, None) and "fsrs" in mods
    code, mods = loaded(["list"], tmp_path)
    assert "fsrs" not in mods and "llmcourse.study.schedule" not in mods
