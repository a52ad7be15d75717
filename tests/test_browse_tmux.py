"""`browse` in a real terminal: tmux runs it, we press keys and read the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from llmcourse.progress import store

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
LLMCOURSE = Path(sys.executable).with_name("llmcourse")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[list[str]]:
    """A private tmux server (its own socket), stopped afterwards."""
    base = [str(TMUX), "-S", str(tmp_path / "tmux.sock"), "-f", os.devnull]
    yield base
    subprocess.run([*base, "kill-server"], capture_output=True)


def screen(tmux: list[str]) -> str:
    out = subprocess.run([*tmux, "capture-pane", "-p", "-t", "browse"],
                         capture_output=True, text=True, check=True)  # fmt: skip
    return out.stdout


def wait_for(tmux: list[str], text: str, timeout: float = 15.0) -> str:
    end = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < end:
        shown = screen(tmux)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")


def test_browse_in_a_real_terminal(tmux: list[str]) -> None:
    assert LLMCOURSE.exists(), LLMCOURSE
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    start = [
        *tmux,
        "new-session",
        "-d",
        "-s",
        "browse",
        "-x",
        "100",
        "-y",
        "30",
        f"{LLMCOURSE} browse; sleep 5",
    ]  # fmt: skip  (the pane outlives the browser)
    subprocess.run(start, env=env, check=True)
    shown = wait_for(tmux, "1. LLM Fundamentals")
    assert "[ ] 1.1" in shown and "d done" in shown
    subprocess.run([*tmux, "send-keys", "-t", "browse", "d"], check=True)
    shown = wait_for(tmux, "[x] 1.1")
    assert store.read().status("mathematics") == "done"
    subprocess.run([*tmux, "send-keys", "-t", "browse", "q"], check=True)
    end = time.monotonic() + 10
    while "1. LLM Fundamentals" in screen(tmux) and time.monotonic() < end:
        time.sleep(0.1)
    assert "1. LLM Fundamentals" not in screen(tmux)  # the browser has quit
