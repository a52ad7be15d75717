"""The only code that runs git: the user's `git` executable, never through a shell.

Every call gets an argument list (options before a `--` where git takes one, so a value can
never be read as an option), a timeout (the whole process group is killed when it runs out), no
terminal to prompt on (GIT_TERMINAL_PROMPT=0, its own session, stdin closed: a missing password
fails instead of hanging), `protocol.ext.allow=never`, an identity of its own for commits (so a
machine with no git identity configured works), and English messages (LC_ALL=C) so failures can
be told apart. Credentials stay git's business: its messages are scrubbed of them before they
are shown.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

from llmcourse.errors import LlmcourseError
from llmcourse.i18n import msg
from llmcourse.sync.urls import scrub, shown

NETWORK_TIMEOUT = 120.0  # seconds a fetch or push may take
LOCAL_TIMEOUT = 30.0  # seconds for everything else
# No ext:: or fd:: transport whatever the URL says, and no background gc that would hold locks
# in the clone after we return.
SAFETY = ("-c", "protocol.ext.allow=never", "-c", "protocol.fd.allow=never",
          "-c", "gc.auto=0", "-c", "maintenance.auto=false")  # fmt: skip
IDENTITY = ("-c", "user.name=llmcourse", "-c", "user.email=llmcourse@localhost")
# Variables that would point git at another repository than the one we name.
_REPO_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
)
# What git (or ssh, or the server) says when the credentials are missing or wrong.
_AUTH_SIGNS = (
    "authentication failed",
    "could not read username",
    "could not read password",
    "terminal prompts disabled",
    "permission denied (publickey",
    "returned error: 401",
    "returned error: 403",
    "invalid username or password",
    "host key verification failed",
)


class GitFailed(LlmcourseError):
    """git ran and failed; `output` is what it said (scrubbed)."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(message)
        self.output = output


@dataclass
class Result:
    code: int
    out: bytes
    err: str


def executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise LlmcourseError(msg("sync.no_git"), [msg("sync.no_git_hint")])
    return found


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _REPO_VARIABLES}
    env.update(GIT_TERMINAL_PROMPT="0", SSH_ASKPASS_REQUIRE="never", GCM_INTERACTIVE="never")
    env.update(LC_ALL="C", LANGUAGE="C")
    return {**env, **(extra or {})}


def run(
    repo: Path,
    args: list[str],
    *,
    data: bytes | None = None,
    timeout: float = LOCAL_TIMEOUT,
    identity: bool = False,
    env: dict[str, str] | None = None,
) -> Result:
    """Run `git -C repo ARGS`; the Result whatever the exit code (callers decide)."""
    argv = [executable(), *SAFETY, *(IDENTITY if identity else ()), "-C", str(repo), *args]
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(env),
        start_new_session=True,  # no controlling terminal to prompt on; killable as a group
    )
    try:
        out, err = proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise GitFailed(msg("sync.timeout", seconds=f"{timeout:.0f}")) from None
    return Result(proc.returncode, out, err.decode("utf-8", "replace"))


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()
    proc.communicate()


def output(
    repo: Path,
    args: list[str],
    *,
    data: bytes | None = None,
    identity: bool = False,
    env: dict[str, str] | None = None,
) -> bytes:
    """stdout of a local git command that must succeed (GitFailed with its words otherwise)."""
    result = run(repo, args, data=data, identity=identity, env=env)
    if result.code != 0:
        said = last_line(result.err)
        raise GitFailed(msg("sync.git_failed", command=args[0], why=said), said)
    return result.out


def last_line(text: str) -> str:
    """The line of git's stderr that says why: its first `fatal:` (the cause; later ones add
    generalities), else its first `error:`, else its last line."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for prefix in ("fatal:", "error:"):
        for line in lines:
            if line.lower().startswith(prefix):
                return line.split(":", 1)[1].strip()
    return lines[-1] if lines else ""


def network_failure(result: Result, url: str) -> GitFailed:
    """The error for a failed fetch or push: credentials refused, else remote unreachable."""
    said = scrub(last_line(result.err), url)
    if any(sign in result.err.lower() for sign in _AUTH_SIGNS):
        return GitFailed(msg("sync.auth", url=shown(url), why=said), said)
    return GitFailed(msg("sync.unreachable", url=shown(url), why=said), said)
