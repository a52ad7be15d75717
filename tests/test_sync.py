"""`sync` against real git: bare repositories in tmp_path, two or three homes (devices), the
faults of issue 14, concurrent syncs, and the synced-folder transport."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from llmcourse import paths
from llmcourse.progress import store
from llmcourse.progress.model import state_data
from llmcourse.sync import engine
from llmcourse.sync.remote import GitRemote

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(autouse=True)
def no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git as on a fresh machine: no global or system config, so no identity either."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the sync tests need a real git")
    monkeypatch.setenv("HOME", str(tmp_path / "user-home"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("LLMCOURSE_NOW", "2026-11-28T12:00:00+00:00")


def git(*args: str, cwd: Path | None = None) -> str:
    ident = ["-c", "user.name=test", "-c", "user.email=test@example.org"]
    done = subprocess.run(["git", *ident, *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    repo = tmp_path / "progress.git"
    git("init", "-q", "--bare", "--initial-branch=main", str(repo))
    return repo


class Homes:
    """Separate LLMCOURSE_HOME folders: each a device of its own."""

    def __init__(self, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
        self.tmp, self.run, self.mp = tmp_path, run, monkeypatch
        self.start = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
        self.minutes = 0

    def tick(self) -> None:
        """Each command a minute after the one before, as a person types them."""
        self.minutes += 1
        when = self.start + timedelta(minutes=self.minutes)
        self.mp.setenv("LLMCOURSE_NOW", when.isoformat())

    def home(self, name: str) -> Path:
        return self.tmp / f"home-{name}"

    def use(self, name: str) -> None:
        self.mp.setenv("LLMCOURSE_HOME", str(self.home(name)))

    def __call__(self, name: str, *args: str, code: int = 0):  # type: ignore[no-untyped-def]
        self.use(name)
        self.tick()
        result = self.run(*args)
        assert result.exit_code == code, (name, args, result.output)
        assert "Traceback" not in result.output
        return result

    def state(self, name: str):  # type: ignore[no-untyped-def]
        return store.read(self.home(name) / "state.toml")

    def progress(self, name: str) -> dict[str, object]:
        """What must converge: marks, notes, review logs, own cards (not the history, whose
        origins differ per machine by design)."""
        data = state_data(self.state(name))
        return {k: data.get(k) for k in ("marks", "notes", "reviews", "cards")}

    def state_bytes(self, name: str) -> bytes:
        return (self.home(name) / "state.toml").read_bytes()


@pytest.fixture
def homes(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> Homes:  # type: ignore[no-untyped-def]
    return Homes(tmp_path, run, monkeypatch)


def remote_files(repo: Path) -> list[str]:
    return git("-C", str(repo), "ls-tree", "-r", "--name-only", "main").split()


def commit_to_remote(repo: Path, tmp_path: Path, files: dict[str, str]) -> None:
    """Another writer (a person, a broken machine) commits files straight into the remote."""
    work = tmp_path / f"writer-{len(list(tmp_path.glob('writer-*')))}"
    git("clone", "-q", "-b", "main", str(repo), str(work))
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "by hand", cwd=work)
    git("push", "-q", "origin", "HEAD:main", cwd=work)


# --- the everyday flow ------------------------------------------------------------------------


def test_two_devices_exchange_marks_notes_resets_and_removed_notes(homes: Homes, bare: Path):
    homes("a", "done", "python")
    homes("a", "note", "python", "list comprehensions")
    out = homes("a", "sync", "--remote", str(bare)).output
    assert "Synced with" in out
    device_a = homes.state("a").device
    assert remote_files(bare) == [f"devices/{device_a}.toml"]

    homes("b", "sync", "--remote", str(bare))  # the second device joins
    assert homes.state("b").status("python") == "done"
    assert [n.text for _, n in homes.state("b").live_notes("python")] == ["list comprehensions"]
    assert homes.state("b").device != device_a

    note_id = homes.state("b").live_notes("python")[0][0]
    homes("b", "skip", "nlp")
    homes("b", "reset", "python")
    homes("b", "note", "remove", note_id)
    homes("b", "sync")  # the remote is remembered
    homes("a", "sync")
    a = homes.state("a")
    assert a.status("nlp") == "skipped" and a.status("python") == "todo"
    assert a.live_notes("python") == [] and a.notes[note_id].removed  # the tombstone came
    assert homes.progress("a") == homes.progress("b")
    assert len(remote_files(bare)) == 2
    log = homes("a", "log").output
    assert "imported from" in log  # what came in says where it came from


def test_undo_after_sync_writes_a_new_change_that_syncs(homes: Homes, bare: Path) -> None:
    homes("a", "done", "python")
    homes("a", "sync", "--remote", str(bare))
    homes("b", "sync", "--remote", str(bare))
    assert homes.state("b").status("python") == "done"
    # b made nothing itself: a sync adds no entry of its own for undo to revert
    assert "nothing to undo" in homes("b", "undo", code=1).output
    homes("a", "undo")  # reverts a's own `done python`, already synced
    assert homes.state("a").status("python") == "todo"
    homes("a", "sync")
    homes("b", "sync")
    assert homes.state("b").status("python") == "todo"
    assert homes.progress("a") == homes.progress("b")


def test_a_second_sync_with_nothing_new_pushes_nothing(homes: Homes, bare: Path) -> None:
    homes("a", "done", "python")
    homes("a", "sync", "--remote", str(bare))
    head = git("-C", str(bare), "rev-parse", "main")
    before = homes.state_bytes("a")
    homes("a", "sync")
    assert git("-C", str(bare), "rev-parse", "main") == head
    assert homes.state_bytes("a") == before


def test_status_shows_remote_device_last_sync_and_devices(homes: Homes, bare: Path) -> None:

    homes("a", "config", "set", "device_name", "laptop")
    out = homes("a", "sync", "status").output
    assert "(not set up)" in out and "laptop" in out
    assert "llmcourse sync --remote URL" in out  # how to set it up
    url = f"file://{bare}"
    homes("a", "sync", "--remote", url)
    homes("b", "sync", "--remote", url)
    homes("a", "sync")
    data = json.loads(homes("a", "sync", "status", "--json").output)
    assert data["kind"] == "remote" and data["where"] == url
    assert data["device"] == {"id": homes.state("a").device, "name": "laptop"}
    assert data["last_sync"].startswith("2026-11-28T12:")
    assert sorted(d["this"] for d in data["devices"]) == [False, True]
    assert all(d["status"] == "ok" for d in data["devices"])
    text = homes("a", "sync", "status").output
    assert "laptop" in text and "(this device)" in text and "2026-11-28" in text
    assert "sync --remote URL" not in text  # set up: no hint


def test_sync_without_a_remote_says_how_to_set_it_up(homes: Homes) -> None:
    out = homes("a", "sync", code=1).output
    assert "not set up" in out and "sync --remote URL" in out
    assert "status" in homes("a", "sync", "nonsense", code=2).output


# --- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("-uhttps://x", "starts with '-'"),
        ("--upload-pack=touch /tmp/pwned", "starts with '-'"),
        ("ext::sh -c touch% /tmp/pwned", "ext::"),
        ("EXT::sh", "ext::"),
        ("fd::3", "ext::"),
        ("https://me:s3cret@example.org/x.git", "password"),
    ],
)
def test_dangerous_remotes_are_refused_and_not_remembered(homes: Homes, url: str, why: str):
    result = homes("a", "sync", "--remote", url, code=2)
    assert why in result.output and "s3cret" not in result.output
    assert "sync_remote" not in homes("a", "config", "list", "--json").output.replace(
        '"sync_remote": null', ""
    )
    assert "nothing to undo" in homes("a", "undo", code=1).output  # and nothing was changed
    result = homes("a", "config", "set", "sync_remote", "--", url, code=2)  # config checks it too
    assert why in result.output


def test_a_shown_url_loses_its_user_part() -> None:
    from llmcourse.sync.urls import scrub, shown

    assert shown("https://token@example.org/me/x.git") == "https://example.org/me/x.git"
    assert shown("git@github.com:me/x.git") == "git@github.com:me/x.git"
    said = "unable to access 'https://tok@h/x.git/': 401"
    assert scrub(said, "https://tok@h/x.git") == "unable to access 'https://h/x.git/': 401"


def test_no_git_on_path_is_a_clear_message(homes: Homes, bare: Path, monkeypatch, tmp_path):
    homes("a", "done", "python")
    before = homes.state_bytes("a")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = homes("a", "sync", "--remote", str(bare), code=1).output
    assert "git is not installed" in out and "--folder" in out
    assert homes.state_bytes("a") == before


# --- faults: exit 1, one line, the state unchanged, the next sync recovers ---------------------


def test_an_unreachable_remote_changes_nothing(homes: Homes, tmp_path: Path) -> None:
    homes("a", "done", "python")
    before = homes.state_bytes("a")
    result = homes("a", "sync", "--remote", str(tmp_path / "nowhere.git"), code=1)
    assert result.output.startswith("Error: cannot reach the remote")
    assert len(result.output.strip().splitlines()) == 1
    assert homes.state_bytes("a") == before


class _Refuse(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # every request: credentials required
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="git"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def refusing_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/me/progress.git"
    server.shutdown()


def test_refused_credentials_are_an_auth_error_without_a_prompt(homes, refusing_server):
    homes("a", "done", "python")
    before = homes.state_bytes("a")
    url = refusing_server.replace("http://", "http://me@")
    start = time.monotonic()
    result = homes("a", "sync", "--remote", url, code=1)
    assert time.monotonic() - start < 30  # no prompt waiting for a password
    assert "refused the credentials" in result.output
    assert "me@" not in result.output  # the user part is never shown
    assert homes.state_bytes("a") == before


DAMAGED = 'schema_version = 2\ndevice = "x"\n[marks.python]\nstatus = "finished"\n'


def test_a_damaged_device_file_stops_the_sync_until_its_device_rewrites_it(homes, bare, tmp_path):
    homes("a", "sync", "--remote", str(bare))
    homes("b", "done", "python")
    homes("b", "sync", "--remote", str(bare))
    device_b = homes.state("b").device
    commit_to_remote(bare, tmp_path, {f"devices/{device_b}.toml": DAMAGED})
    homes("a", "skip", "nlp")
    before = homes.state_bytes("a")
    result = homes("a", "sync", code=1)
    assert f"devices/{device_b}.toml in the remote is damaged" in result.output
    assert result.output.startswith("Error:")
    assert homes.state_bytes("a") == before
    out = homes("b", "sync").output  # its author writes it again
    assert "was damaged; it was written again" in out
    homes("a", "sync")
    homes("b", "sync")
    assert homes.progress("a") == homes.progress("b")
    assert homes.state("a").status("python") == "done"


def test_a_file_that_is_not_toml_is_damaged_too(homes: Homes, bare: Path, tmp_path: Path) -> None:
    homes("a", "sync", "--remote", str(bare))
    commit_to_remote(bare, tmp_path, {f"devices/{'c' * 32}.toml": "not = [toml"})
    result = homes("a", "sync", code=1)
    assert "is damaged" in result.output and "not valid TOML" in result.output


def test_a_device_file_from_a_newer_llmcourse_is_left_alone_and_reported(homes, bare, tmp_path):
    homes("a", "sync", "--remote", str(bare))
    newer = 'schema_version = 99\ndevice = "' + "d" * 32 + '"\nname = "future"\n[marks.nlp]\n'
    commit_to_remote(bare, tmp_path, {f"devices/{'d' * 32}.toml": newer})
    result = homes("a", "sync")
    assert "left alone" in result.output and "schema 99" in result.output
    assert homes.state("a").status("nlp") == "todo"
    assert f"devices/{'d' * 32}.toml" in remote_files(bare)  # untouched
    status = homes("a", "sync", "status").output
    assert "future" in status and "schema 99" in status


def test_times_more_than_a_day_ahead_are_refused(homes, bare, tmp_path):
    homes("a", "sync", "--remote", str(bare))
    homes("b", "done", "python")
    homes("b", "sync", "--remote", str(bare))  # in b's own (skewed) clock
    homes.start -= timedelta(days=2)  # a's clock is two days behind
    homes("a", "skip", "nlp")
    before = homes.state_bytes("a")
    result = homes("a", "sync", code=1)
    assert "more than a day" in result.output or "ahead" in result.output
    assert homes.state_bytes("a") == before


def _sync_process(home: Path, crash_at: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "LLMCOURSE_HOME": str(home), "PYTHONPATH": str(SRC), **env}
    if crash_at:
        full["LLMCOURSE_SYNC_CRASH_AT"] = crash_at
    return subprocess.run(
        [sys.executable, "-m", "llmcourse", "sync"], env=full, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("step", ["fetched", "merged", "committed", "replace"])
def test_kill_9_in_the_middle_of_a_sync_then_the_next_one_recovers(homes, bare, step):
    homes("b", "done", "python")
    homes("b", "sync", "--remote", str(bare))
    homes("a", "skip", "nlp")
    homes("a", "sync", "--remote", str(bare))
    homes("b", "reset", "python")
    homes("b", "sync")
    before = homes.state_bytes("a")
    extra = {"LLMCOURSE_CRASH_BEFORE_REPLACE": "1"} if step == "replace" else {}
    killed = _sync_process(homes.home("a"), "" if step == "replace" else step, **extra)
    assert killed.returncode == -9, killed.stderr
    state = homes.state("a")  # valid, whatever the moment
    if step in ("fetched", "replace"):
        assert homes.state_bytes("a") == before  # nothing merged yet
    else:
        assert state.status("python") == "todo"  # merged, not yet pushed
    homes("a", "sync")  # recovers: stale git locks and all
    homes("b", "sync")
    assert homes.progress("a") == homes.progress("b")
    assert homes.state("b").status("nlp") == "skipped"


# --- concurrency --------------------------------------------------------------------------------


def test_a_rejected_push_is_rebased_on_the_new_head_and_retried(homes, bare, monkeypatch):
    homes("a", "sync", "--remote", str(bare))
    homes("b", "sync", "--remote", str(bare))
    homes("a", "done", "python")
    homes("b", "skip", "nlp")
    pushed_meanwhile = []

    def b_pushes_first(step: str) -> None:
        if step == "merged" and not pushed_meanwhile:  # a has fetched and merged: now b pushes
            pushed_meanwhile.append(step)
            homes("b", "sync")
            homes.use("a")

    monkeypatch.setattr(engine, "crash_point", b_pushes_first)
    homes.use("a")
    report = engine.run(GitRemote(str(bare), engine.sync_dir()), store_now(), "a")
    assert pushed_meanwhile and report.attempts == 2
    homes("b", "sync")
    assert homes.progress("a") == homes.progress("b")
    assert homes.state("b").status("python") == "done"
    assert homes.state("a").status("nlp") == "skipped"


def store_now():  # type: ignore[no-untyped-def]
    from llmcourse.progress.model import now

    return now()


def test_concurrent_syncs_from_three_processes_all_land(homes: Homes, bare: Path) -> None:
    for name, item in (("a", "python"), ("b", "nlp"), ("c", "mathematics")):
        homes(name, "done", item)
        homes(name, "config", "set", "sync_remote", str(bare))
    start = time.time() + 1.0
    code = (
        f"import time; time.sleep(max(0, {start} - time.time())); import runpy, sys; "
        "sys.argv = ['llmcourse', 'sync', '--json']; "
        "runpy.run_module('llmcourse', run_name='__main__')"
    )
    procs = []
    for n in "abc":
        env = {**os.environ, "LLMCOURSE_HOME": str(homes.home(n)), "PYTHONPATH": str(SRC)}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", code],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    attempts = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        attempts.append(json.loads(out)["attempts"])
    print("attempts per process:", attempts)  # more than one: a push was rejected and redone
    assert len(remote_files(bare)) == 3  # every device's file landed
    for name in "abc":
        homes(name, "sync")
    for name in "abc":
        homes(name, "sync")
        assert {k for k, m in homes.state(name).marks.items() if m.status == "done"} == {
            "python",
            "nlp",
            "mathematics",
        }
    assert homes.progress("a") == homes.progress("b") == homes.progress("c")


# --- a synced folder ----------------------------------------------------------------------------


def test_a_synced_folder_works_without_git_and_ignores_conflict_copies(
    homes, tmp_path, monkeypatch
):
    folder = tmp_path / "Dropbox" / "llmcourse"
    folder.mkdir(parents=True)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no git needed
    homes("a", "done", "python")
    homes("a", "sync", "--folder", str(folder))
    homes("b", "sync", "--folder", str(folder))
    assert homes.state("b").status("python") == "done"
    device_b = homes.state("b").device
    own = (folder / "devices" / f"{device_b}.toml").read_text(encoding="utf-8")
    conflicts = [
        f"{device_b}.sync-conflict-20261128-120000-ABCDEFG.toml",
        f"{device_b} (conflicted copy 2026-11-28).toml",
        f"{device_b} (Someone's conflicted copy).toml",
    ]
    for name in conflicts:
        forged = own.replace("[marks.python]", f"{RAG_DONE}\n[marks.python]")
        (folder / "devices" / name).write_text(forged, encoding="utf-8")
    result = homes("a", "sync")
    assert homes.state("a").status("rag") == "todo"  # never merged
    assert result.output.count("conflict copy, ignored") == 3
    homes("b", "skip", "nlp")
    homes("b", "sync")
    homes("a", "sync")
    assert homes.state("a").status("nlp") == "skipped"
    assert homes.progress("a") == homes.progress("b")
    status = homes("a", "sync", "status").output
    assert status.startswith("folder") and str(folder) in status


RAG_DONE = """[marks.rag]
status = "done"
at = 2026-11-28T11:00:00Z
changed = 2026-11-28T11:00:00Z
"""


def test_a_missing_folder_is_an_error(homes: Homes, tmp_path: Path) -> None:
    out = homes("a", "sync", "--folder", str(tmp_path / "no-such"), code=1).output
    assert "no such folder" in out


def test_switching_from_remote_to_folder_forgets_the_remote(homes, bare, tmp_path) -> None:

    homes("a", "sync", "--remote", str(bare))
    folder = tmp_path / "shared"
    folder.mkdir()
    homes("a", "sync", "--folder", str(folder))
    settings = json.loads(homes("a", "config", "list", "--json").output)
    assert settings["sync_remote"] is None and settings["sync_folder"] == str(folder)
    assert "give --remote or --folder" in homes("a", "sync", "--remote", "x", "--folder", "y",
                                                code=2).output  # fmt: skip


def test_the_clone_lives_in_the_data_folder(homes: Homes, bare: Path) -> None:
    homes("a", "sync", "--remote", str(bare))
    clones = list((paths.resolve().data / "sync").glob("git-*.git"))
    assert len(clones) == 1 and (clones[0] / "HEAD").is_file()


def test_stale_git_locks_in_the_clone_do_not_block_the_next_sync(homes: Homes, bare: Path):
    homes("a", "sync", "--remote", str(bare))
    clone = next((homes.home("a") / "sync").glob("git-*.git"))
    for stale in ("packed-refs.lock", "refs/remotes/origin/main.lock", "llmcourse-index.lock"):
        (clone / stale).parent.mkdir(parents=True, exist_ok=True)
        (clone / stale).write_text("", encoding="utf-8")
    homes("a", "done", "python")
    homes("a", "sync")
    homes("b", "sync", "--remote", str(bare))
    assert homes.state("b").status("python") == "done"


def test_a_push_rejected_every_time_gives_up_after_a_few_attempts(homes, monkeypatch) -> None:
    from llmcourse.errors import LlmcourseError
    from llmcourse.sync.transport import Snapshot

    class AlwaysBehind:
        kind, where, pushes = "remote", "somewhere", 0

        def prepare(self) -> None: ...

        def fetch(self) -> Snapshot:
            return Snapshot()

        def seen(self) -> Snapshot:
            return Snapshot()

        def publish(self, snapshot, device, data, name) -> bool:  # type: ignore[no-untyped-def]
            self.pushes += 1
            return False

    monkeypatch.setattr(engine.time, "sleep", lambda seconds: None)
    homes.use("a")
    transport = AlwaysBehind()
    with pytest.raises(LlmcourseError, match="rejected 6 times"):
        engine.run(transport, store_now(), "a")
    assert transport.pushes == engine.MAX_ATTEMPTS


def test_sync_speaks_chinese_and_json(homes: Homes, bare: Path) -> None:

    out = homes("a", "--lang", "zh-TW", "sync", "--remote", str(bare)).output
    assert "已與" in out and "同步" in out
    status = homes("a", "--lang", "zh-TW", "sync", "status").output
    assert "遠端" in status and "這台裝置" in status
    data = json.loads(homes("a", "sync", "--json").output)
    assert data["kind"] == "remote" and data["device"]["id"] == homes.state("a").device
    assert data["changes"] == 0 and data["attempts"] == 1
    err = homes("a", "sync", "--remote", str(bare / "missing"), "--json", code=1).stderr
    assert "cannot reach the remote" in json.loads(err)["error"]


def test_a_later_change_wins_even_from_a_machine_whose_clock_is_behind(homes, bare) -> None:
    homes("a", "sync", "--remote", str(bare))
    homes.start += timedelta(hours=1)  # b's clock runs an hour ahead of a's
    homes("b", "done", "python")
    homes("b", "sync", "--remote", str(bare))
    homes.start -= timedelta(hours=1)
    homes("a", "sync")
    assert homes.state("a").status("python") == "done"
    homes("a", "reset", "python")  # after b's change, though a's clock says earlier
    homes("a", "sync")
    homes("b", "sync")
    assert homes.state("b").status("python") == "todo"
    assert homes.progress("a") == homes.progress("b")


def test_a_device_file_over_the_size_limit_is_refused_unread(homes, bare, tmp_path, monkeypatch):
    from llmcourse.sync import devices, remote

    for module in (remote, devices):  # a small limit: a 2 KB file is too big
        monkeypatch.setattr(module, "MAX_BYTES", 1000)
    asked: list[str] = []
    blobs = remote.GitRemote._blobs

    def reading(self, wanted):  # type: ignore[no-untyped-def]
        asked.extend(wanted)
        return blobs(self, wanted)

    monkeypatch.setattr(remote.GitRemote, "_blobs", reading)
    homes("a", "sync", "--remote", str(bare))
    commit_to_remote(bare, tmp_path, {f"devices/{'e' * 32}.toml": "# x\n" * 500})
    result = homes("a", "sync", code=1)
    assert f"devices/{'e' * 32}.toml in the remote is damaged" in result.output
    assert "larger than the 1,000 bytes" in result.output
    assert "e" * 32 not in asked  # and never read


class _Silent(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # a server that never answers in time
        time.sleep(5)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_remote_that_does_not_answer_times_out(homes: Homes, monkeypatch) -> None:
    from llmcourse.sync import git as git_runner

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Silent)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(git_runner, "NETWORK_TIMEOUT", 1.0)
    homes("a", "done", "python")
    before = homes.state_bytes("a")
    start = time.monotonic()
    url = f"http://127.0.0.1:{server.server_address[1]}/progress.git"
    result = homes("a", "sync", "--remote", url, code=1)
    assert time.monotonic() - start < 4
    assert "did not finish within 1 seconds" in result.output
    assert homes.state_bytes("a") == before
    server.shutdown()
