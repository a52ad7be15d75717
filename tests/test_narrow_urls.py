"""On a 60-column terminal a URL is never cut: it gets a line of its own or wraps whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coursedata import mini_course
from httpserver import LocalServer

NARROW = {"COLUMNS": "60"}
RICH = {"COLUMNS": "60", "LLMCOURSE_RICH": "1"}


def _urls_of_topic(run, ref: str) -> list[str]:
    data = json.loads(run("show", ref, "--json").stdout)
    urls = [r["url"] for r in data["resources"]]
    urls += [nb["colab_url"] for nb in data["notebooks_detail"]]
    urls += [link["url"] for c in data["concepts"] for link in c["links"]]
    return urls


def test_plain_show_keeps_every_url_whole(run) -> None:
    out = run("show", "2.7", env=NARROW).stdout
    assert "…" not in out
    for url in _urls_of_topic(run, "2.7"):
        assert url in out, url


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_rich_show_keeps_resource_urls_whole(run, lang: str) -> None:
    out = run("--lang", lang, "show", "2.7", env=RICH).stdout
    assert "…" not in out
    data = json.loads(run("show", "2.7", "--json").stdout)
    for res in data["resources"]:
        assert res["url"] in out, res["url"]
    for nb in data["notebooks_detail"]:
        line = next(x for x in out.splitlines() if nb["id"] in x)
        assert line.startswith("  "), line  # a notebook id wraps under its title, not at column 0


def test_rich_show_of_a_resource_and_a_notebook(run) -> None:
    data = json.loads(run("show", "2.7", "--json").stdout)
    res = data["resources"][-1]
    assert res["url"] in run("show", res["id"], env=RICH).stdout
    nb = data["notebooks_detail"][1]
    assert nb["colab_url"] in run("show", nb["id"], env=RICH).stdout


def test_search_never_cuts(run) -> None:
    for env in (NARROW, RICH):
        out = run("search", "quantization", "--limit", "5", env=env).stdout
        assert "…" not in out, out
    plain = run("search", "quantization", "--limit", "5", env=NARROW).stdout
    for hit in json.loads(run("search", "quantization", "--limit", "5", "--json").stdout):
        assert hit["id"] in plain and hit["url"] in plain


def test_check_links_keeps_urls_whole(run, tmp_path: Path) -> None:
    with LocalServer() as server:
        long = server.url("/404?" + "page=a-rather-long-address-for-a-narrow-terminal&x=1")
        course = mini_course(tmp_path, {"alpha": {"gone": long, "good": server.url("/ok")}})
        for env in (NARROW, RICH):
            out = run("--course", str(course), "check-links", "--timeout", "2", env=env).stdout
            assert long in out, out
