"""check-links without a network (issue 9, item 17): a failure to reach a host is
"unreachable", never "broken"; a machine that cannot look names up is reported offline and the
run ends early; `show` flags only links that answered with an HTTP error; `--failed` rechecks
only what failed. Hosts under `.invalid` (RFC 6761) never resolve, so no test leaves the machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from coursedata import mini_course
from httpserver import LocalServer

from llmcourse.net import linkcache
from llmcourse.net.links import OFFLINE_AFTER, CheckOptions, Where, check_urls


def _course(tmp_path: Path, urls: list[str]) -> str:
    """A one-topic course (`t`) with one resource per URL."""
    return str(mini_course(tmp_path, {"t": {f"r{i}": url for i, url in enumerate(urls)}}))


def _refused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_offline_run_ends_early_and_breaks_nothing(tmp_path: Path, run) -> None:
    """Many hosts that cannot be looked up: a real subprocess, as a learner would run it. It
    stops after the first few lookups instead of trying each host (checked below by what was
    tried, not by the clock: speed is the benchmark's business)."""
    urls = [f"https://host{i}.example.invalid/page" for i in range(60)]
    course = _course(tmp_path, urls)
    env = {**os.environ, "LLMCOURSE_COURSE": course}
    out = subprocess.run(
        [sys.executable, "-m", "llmcourse", "check-links", "--timeout", "2", "--json"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 1  # nothing verified: not a success, but nothing broken either
    rows = json.loads(out.stdout)
    assert {r["status"] for r in rows} == {"unreachable"}
    checked = [r for r in rows if r["checked"]]
    assert len(checked) == OFFLINE_AFTER  # the first hosts tried, then it stopped
    assert all("name lookup failed" in r["error"] for r in checked)
    assert "seems offline" in out.stderr and f"{60 - OFFLINE_AFTER} links" in out.stderr
    # afterwards, `show` flags nothing as dead
    shown = run("--course", course, "show", "t")
    assert "dead link" not in shown.stdout
    assert "link_status" not in run("--course", course, "show", "t", "--json").stdout
    assert linkcache.dead_urls() == set()
    # the text summary says what was and was not checked, in both languages
    text = run("--course", course, "check-links", "--timeout", "2")
    assert f"{OFFLINE_AFTER} links checked: {OFFLINE_AFTER} unreachable, 57 not checked" in (
        text.stdout
    )
    assert "broken" not in text.stdout
    zh = run("--lang", "zh-TW", "--course", course, "check-links", "--timeout", "2")
    assert "無法連線" in zh.stdout and "未檢查 57" in zh.stdout and "似乎沒有連上網路" in zh.stderr


def test_refused_and_unresolvable_are_unreachable_not_broken(tmp_path: Path, run) -> None:
    with LocalServer() as server:
        refused = f"http://127.0.0.1:{_refused_port()}/x"
        urls = [server.url("/404"), refused, "https://nowhere.invalid/x", server.url("/ok")]
        course = _course(tmp_path, urls)
        result = run("--course", course, "check-links", "--json", "--timeout", "2")
    rows = {r["url"]: r for r in json.loads(result.stdout)}
    assert result.exit_code == 1
    assert rows[server.url("/404")]["status"] == "broken"
    assert rows[refused]["status"] == "unreachable" and "connection" in rows[refused]["error"]
    assert rows["https://nowhere.invalid/x"]["status"] == "unreachable"
    assert rows[server.url("/ok")]["status"] == "ok"
    assert "seems offline" not in result.stderr  # one host failing is not being offline
    assert linkcache.dead_urls() == {server.url("/404")}  # only the HTTP error is dead
    out = run("--course", course, "show", "t").stdout
    assert out.count("[dead link") == 1


def test_failed_rechecks_only_what_failed(tmp_path: Path, run) -> None:
    with LocalServer() as server:
        refused = f"http://127.0.0.1:{_refused_port()}/x"
        urls = [server.url("/404"), server.url("/ok"), server.url("/redirect"), refused]
        course = _course(tmp_path, urls)
        nothing_yet = run("--course", course, "check-links", "--failed")
        assert nothing_yet.exit_code == 0 and "nothing to recheck" in nothing_yet.stdout
        assert server.hits["/404"] == 0
        assert run("--course", course, "check-links", "--timeout", "2").exit_code == 1
        hits = dict(server.hits)
        again = run("--course", course, "check-links", "--failed", "--json", "--timeout", "2")
        rows = json.loads(again.stdout)
        assert {r["url"] for r in rows} == {server.url("/404"), refused}
        assert server.hits["/404"] == hits["/404"] + 1
        assert server.hits["/ok"] == hits["/ok"] and server.hits["/redirect"] == hits["/redirect"]
    # once every failed link works, --failed has nothing left to do
    linkcache.record([{"url": u, "status": "ok", "code": 200} for u in urls])
    done = run("--course", course, "check-links", "--failed", "--json")
    assert done.exit_code == 0 and json.loads(done.stdout) == []
    zh = run("--lang", "zh-TW", "--course", course, "check-links", "--failed")
    assert "沒有需要重新檢查" in zh.stdout


@pytest.fixture
def hanging_resolver(monkeypatch: pytest.MonkeyPatch):
    """Name lookups that hang (a resolver with no network behind it) until the test ends."""
    release = threading.Event()
    real = socket.getaddrinfo

    def hang(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".test"):
            release.wait(30)
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", hang)
    yield
    release.set()


def test_timeout_bounds_name_lookups(hanging_resolver) -> None:
    urls = {f"https://h{i}.example.test/": [Where("resource", f"r{i}")] for i in range(40)}
    results = check_urls(urls, CheckOptions(timeout=0.5, concurrency=4))  # the lookups hang
    assert {r.status for r in results} == {"unreachable"}
    looked_up = [r for r in results if r.checked]
    assert looked_up and all("longer than 0.5 s" in (r.error or "") for r in looked_up)
    assert sum(1 for r in results if not r.checked) >= 40 - 8  # stopped, not tried one by one


def test_a_lookup_that_works_is_not_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real lookup (localhost) succeeds first: later failures are single unreachable hosts."""
    with LocalServer() as server:
        port = server.server_address[1]
        urls = {f"http://localhost:{port}/ok": [], f"http://localhost:{port}/404": []}
        urls.update({f"https://gone{i}.invalid/": [] for i in range(5)})
        results = {r.url: r for r in check_urls(urls, CheckOptions(timeout=2, concurrency=1))}
    assert results[f"http://localhost:{port}/ok"].status == "ok"
    assert results[f"http://localhost:{port}/404"].status == "broken"
    assert all(r.checked for r in results.values())
    assert [r.status for u, r in results.items() if ".invalid" in u] == ["unreachable"] * 5


def test_failing_lookups_of_real_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """The resolver answers "no such name" for every host: the first ones are unreachable,
    then the machine is reported offline and the rest is not tried."""
    tried: list[str] = []

    def fail(host, *args, **kwargs):
        tried.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    urls = {f"https://site{i}.example.com/": [] for i in range(30)}
    results = check_urls(urls, CheckOptions(timeout=2))
    looked_up = [r for r in results if r.checked]
    assert looked_up and all(r.error == "name lookup failed: Name or service not known"
                             for r in looked_up)  # fmt: skip
    assert len(tried) <= 8 and sum(not r.checked for r in results) >= 30 - 8


def test_an_offline_run_keeps_what_is_known_to_be_dead(tmp_path: Path, run) -> None:
    dead, fine = "https://dead.example.invalid/x", "https://fine.example.invalid/y"
    course = _course(tmp_path, [dead, fine])
    linkcache.record([{"url": dead, "status": "broken", "code": 404},
                      {"url": fine, "status": "ok", "code": 200}])  # fmt: skip
    assert run("--course", course, "check-links").exit_code == 1
    assert linkcache.dead_urls() == {dead}  # still dead as far as anyone knows
    assert linkcache.load()[fine]["status"] == "unreachable"
    assert run("--course", course, "show", "t").stdout.count("[dead link") == 1
    assert linkcache.failed_urls() == {dead, fine}  # both rechecked by --failed
