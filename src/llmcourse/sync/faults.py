"""Fault injection for the crash tests: LLMCOURSE_SYNC_CRASH_AT=STEP kills the process at STEP
(SIGKILL where there is one, as a power cut or `kill -9` would). Steps: fetched (the remote
read, nothing merged), merged (the state written, this device's file not yet sent), committed
(git: the commit made, not pushed)."""

from __future__ import annotations

import os


def crash_point(step: str) -> None:
    if os.environ.get("LLMCOURSE_SYNC_CRASH_AT") == step:
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
