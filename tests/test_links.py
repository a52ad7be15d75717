"""check-links against a real HTTP server on 127.0.0.1 (tests/httpserver.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from coursedata import mini_course
from httpserver import LocalServer

from llmcourse.net import linkcache
from llmcourse.net.links import CheckOptions, Where, check_urls, worst_first

FAST = CheckOptions(timeout=0.5, retry_after_cap=0.2, retry_delay=0.05)


def _check(server, *paths, options=FAST):
    results = check_urls(
        {server.url(p): [Where("resource", f"r{i}", "t")] for i, p in enumerate(paths)}, options
    )
    return {r.url.split(server.host, 1)[1]: r for r in results}


def test_each_kind_of_answer(server):
    r = _check(
        server,
        "/ok",
        "/404",
        "/500",
        "/redirect",
        "/redirect-relative",
        "/loop-a",
        "/head-refused",
        "/reset",
        "/huge",
        "/huge?declare=1",
        "/bad-utf8",
        "/slow?ms=1500",
    )
    assert (r["/ok"].status, r["/ok"].code) == ("ok", 200)
    assert (r["/404"].status, r["/404"].code, r["/404"].attempts) == ("broken", 404, 1)
    assert (r["/500"].status, r["/500"].code, r["/500"].attempts) == ("broken", 500, 2)
    assert r["/redirect"].status == "redirected"
    assert r["/redirect"].final_url == server.url("/ok")
    assert r["/redirect-relative"].final_url == server.url("/ok?from=rel")
    assert r["/loop-a"].status == "error" and "loop" in r["/loop-a"].error
    assert r["/head-refused"].status == "ok"
    assert ("GET", "/head-refused") in server.methods
    assert ("HEAD", "/head-refused") in server.methods
    assert r["/reset"].status == "error"
    assert r["/huge"].status == "ok" and r["/huge?declare=1"].status == "ok"  # body never read
    assert r["/bad-utf8"].status == "ok"
    assert r["/slow?ms=1500"].status == "timeout" and r["/slow?ms=1500"].attempts == 2
    assert r["/ok"].where == [Where("resource", "r0", "t")]


def test_retries_once_and_honours_retry_after(server):
    r = _check(server, "/429?after=1", "/flaky")
    assert (r["/429?after=1"].status, r["/429?after=1"].attempts) == ("ok", 2)
    assert (r["/flaky"].status, r["/flaky"].attempts) == ("ok", 2)
    assert server.hits["/429"] == 2 and server.hits["/flaky"] == 2
    # the wait asked for (1 s) is capped at 0.2 s, but is waited
    assert r["/429?after=1"].elapsed_ms >= 150


def test_unreachable_and_bad_urls():
    results = check_urls({"http://127.0.0.1:9/x": [], "ftp://example.org/f": []}, FAST)
    assert [r.status for r in results] == ["unreachable", "error"]
    assert "connection" in results[0].error
    assert "http" in results[1].error


def test_checks_run_concurrently_within_the_host_limit(server):
    paths = [f"/slow?ms=150&i={i}" for i in range(12)]
    _check(server, *paths, options=CheckOptions(concurrency=16, per_host=4, timeout=5))
    assert server.max_active == 4
    server.max_active = 0
    _check(
        server,
        *[p + "&again" for p in paths],
        options=CheckOptions(concurrency=3, per_host=8, timeout=5),
    )
    assert server.max_active == 3


def test_worst_first(server):
    r = _check(server, "/ok", "/redirect", "/404", "/reset")
    assert [x.status for x in worst_first(r.values())] == ["broken", "error", "redirected", "ok"]


# -- through the command line ---------------------------------------------------------------------


def _course_file(tmp_path: Path, server: LocalServer) -> Path:
    return mini_course(
        tmp_path,
        {
            "alpha": {"good": server.url("/ok"), "moved": server.url("/redirect")},
            "beta": {"gone": server.url("/404"), "same": server.url("/ok")},
        },
    )


def test_cli_json_exit_code_and_cache(run, server, tmp_path):
    course = _course_file(tmp_path, server)
    result = run("--course", str(course), "check-links", "--json", "--timeout", "2")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert {"url", "status", "code", "final_url", "elapsed_ms", "error", "where"} <= set(rows[0])
    assert rows[0]["status"] == "broken" and rows[0]["url"] == server.url("/404")
    ok = next(r for r in rows if r["url"] == server.url("/ok"))
    assert {(w["topic"], w["id"]) for w in ok["where"]} == {("alpha", "good"), ("beta", "same")}
    assert len(rows) == 3  # one check per URL
    assert linkcache.dead_urls() == {server.url("/404")}
    cached = linkcache.load()[server.url("/redirect")]
    assert cached["status"] == "redirected" and cached["checked_at"]


def test_cli_only_given_topics_and_text_output(run, server, tmp_path):
    course = _course_file(tmp_path, server)
    result = run("--course", str(course), "check-links", "alpha")
    assert result.exit_code == 0, result.stderr
    assert server.hits["/404"] == 0
    assert "redirected" in result.stdout and server.url("/redirect") in result.stdout
    assert "2 links checked" in result.stdout
    assert "\x1b" not in result.stdout


def test_cli_unknown_topic_is_an_error(run, server, tmp_path):
    course = _course_file(tmp_path, server)
    result = run("--course", str(course), "check-links", "no-such-topic-xyz")
    assert result.exit_code == 1
    assert "Error" in result.stderr


def test_linkcache_survives_damage_and_imports_no_httpx(tmp_path, isolated_home):
    linkcache.cache_file().parent.mkdir(parents=True, exist_ok=True)
    linkcache.cache_file().write_text("{not json")
    assert linkcache.dead_urls() == set()
    code = "import sys, llmcourse.net.linkcache as c; c.dead_urls(); print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
