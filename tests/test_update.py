"""`update`: a new edition from a README, progress carried over, and every failure harmless."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import sources_or_skip

from llmcourse import config, paths
from llmcourse.course import idmatch

FIXTURE = Path(__file__).parent / "fixtures" / "readme-mini.md"
EDITION_2026 = "llm-course-en-2026-02-04.md"


def _statuses(run) -> dict[str, str]:
    data = json.loads(run("list", "--json").stdout)
    return {t["id"]: t["status"] for p in data["parts"] for t in p["topics"]}


def _snapshot(home: Path) -> dict[str, bytes]:
    """Every file under the home folder except the cache, byte for byte."""
    return {
        str(f.relative_to(home)): f.read_bytes()
        for f in sorted(home.rglob("*"))
        if f.is_file() and "cache" not in f.relative_to(home).parts
    }


@pytest.fixture
def marked(run, isolated_home):
    """A learner with marks and settings, before any update."""
    assert run("done", "rlhf").exit_code == 0
    assert run("start", "quantization").exit_code == 0
    config.update(lang="en")
    return isolated_home


def test_update_to_2026_carries_marks(run, marked):
    source = sources_or_skip(EDITION_2026)
    result = run("update", "--source", str(source), "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["applied"] and report["topics"] == 20
    changes = report["changes"]
    assert [t["id"] for t in changes["topics_added"]] == ["agents"]
    assert changes["topics_removed"] == []
    renamed = {t["id"]: t["title"] for t in changes["topics_renamed"]}
    assert renamed["rlhf"] == "Preference Alignment"
    assert "rlhf" in report["marks"]["kept"] and "quantization" in report["marks"]["kept"]
    assert report["marks"]["lost"] == []

    statuses = _statuses(run)
    assert len(statuses) == 20
    assert statuses["rlhf"] == "done" and statuses["quantization"] == "in-progress"
    active = config.load()["course"]
    assert active.startswith(str(paths.resolve().data / "editions"))
    assert config.load()["previous_course"] == "builtin:2024-01-29"
    assert run("validate").exit_code == 0

    # switch back and forth
    assert run("editions", "--use", "previous").exit_code == 0
    assert len(_statuses(run)) == 19
    assert run("editions", "--use", "previous").exit_code == 0
    assert config.load()["course"] == active
    assert run("editions", "--use", "2024-01-29").exit_code == 0
    assert len(_statuses(run)) == 19
    listing = json.loads(run("editions", "--json").stdout)
    assert listing[0]["id"] == "2024-01-29" and listing[0]["active"] is True
    assert [e["builtin"] for e in listing] == [True, True, False]


def test_lost_marks_are_reported(run, marked):
    source = sources_or_skip(EDITION_2026)
    # a resource the 2026 edition no longer lists
    assert run("done", "the-illustrated-transformer").exit_code == 0
    result = run("update", "--source", str(source))
    assert result.exit_code == 0
    assert "Your marks: 2 of 3 carry over." in result.stdout
    assert "the-illustrated-transformer" in result.stdout
    assert "Nothing changed" in result.stdout
    assert "course" not in config.load()


def test_english_edition_keeps_chinese_where_it_can(run, marked):
    source = sources_or_skip(EDITION_2026)
    assert run("update", "--source", str(source), "--yes").exit_code == 0
    result = run("--lang", "zh-TW", "list", "--json")
    assert result.exit_code == 0
    titles = {t["id"]: t["title"] for p in json.loads(result.stdout)["parts"] for t in p["topics"]}
    assert titles["mathematics"] == "機器學習數學"  # carried from the built-in course
    # new or renamed since 2024: the built-in 2026-02-04 edition has their Chinese titles
    assert titles["agents"] == "代理"
    assert titles["rlhf"] == "偏好對齊"
    assert result.stderr.count("\n") == 1 and "英文" in result.stderr
    assert run("--lang", "en", "list").stderr == ""


def test_update_from_a_url_and_the_configured_source(run, server, isolated_home):
    server.files["README.md"] = FIXTURE.read_bytes()
    config.update(update_source=server.url("/files/README.md"))
    result = run("update", "--yes", "--force")
    assert result.exit_code == 0, result.stderr
    assert "is now the active course" in result.stdout
    data = json.loads(run("list", "--json").stdout)
    assert data["course"]["title"] == "Tiny Test Course"
    note = run("show", "counting-sheep", "--json")
    assert note.exit_code == 0
    course_file = Path(config.load()["course"])
    assert "quoted from the course README" in course_file.read_text(encoding="utf-8")


# -- every failure leaves everything as it was ------------------------------------------------


def _bad_huge_file(tmp_path: Path) -> str:
    big = tmp_path / "big.md"
    with big.open("wb") as f:
        f.truncate(6 * 1024 * 1024)
    return str(big)


@pytest.mark.parametrize(
    ("stage", "message"),
    [
        ("http-404", "404"),
        ("refused", "download failed"),
        ("huge-download", "larger than"),
        ("huge-file", "larger than"),
        ("missing-file", "cannot read"),
        ("not-utf8", "not UTF-8"),
        ("scheme", "only http(s)"),
        ("not-a-course", "no course found"),
        ("invalid", "does not validate"),
        ("write", "cannot store"),
    ],
)
def test_failures_change_nothing(run, marked, server, tmp_path, monkeypatch, stage, message):
    server.files["hello.md"] = b"# Hello\n\nNot a course at all.\n"
    server.files["mini.md"] = FIXTURE.read_bytes()
    source = {
        "http-404": server.url("/404"),
        "refused": "http://127.0.0.1:9/README.md",
        "huge-download": server.url("/huge"),
        "huge-file": _bad_huge_file(tmp_path),
        "missing-file": str(tmp_path / "nowhere.md"),
        "not-utf8": server.url("/bad-utf8"),
        "scheme": "file:///etc/passwd",
        "not-a-course": server.url("/files/hello.md"),
        "invalid": server.url("/files/mini.md"),
        "write": server.url("/files/mini.md"),
    }[stage]
    if stage == "invalid":
        real = idmatch.build_edition

        def broken(*args, **kwargs):
            raw = real(*args, **kwargs)
            raw["parts"][0]["topics"][1]["id"] = raw["parts"][0]["topics"][0]["id"]
            return raw

        monkeypatch.setattr(idmatch, "build_edition", broken)
    if stage == "write":
        (marked / "editions").write_text("in the way")
    before = _snapshot(marked)
    result = run("update", "--source", source, "--yes", "--force")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(marked) == before
    assert not any(p.name.startswith(".tmp") for p in marked.rglob("*"))


def test_declining_changes_nothing(run, marked, server):
    server.files["mini.md"] = FIXTURE.read_bytes()
    before = _snapshot(marked)
    result = run("update", "--source", server.url("/files/mini.md"), "--json", "--force")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["applied"] is False
    assert _snapshot(marked) == before


def test_switch_errors(run):
    result = run("editions", "--use", "previous")
    assert result.exit_code == 2 and "no previous course" in result.stderr
    result = run("editions", "--use", "../etc")
    assert result.exit_code == 2 and "no edition" in result.stderr


# -- the identity registry through the command line ---------------------------------------------

EXCERPTS = Path(__file__).parent / "fixtures"
MARKS = ("quantization", "rag", "supervised-fine-tuning")


@pytest.fixture
def learner(run, isolated_home):
    """The marks of issue 10: three topics done, one in progress."""
    assert run("done", *MARKS).exit_code == 0
    assert run("start", "evaluation").exit_code == 0
    return isolated_home


def _update_ok(run, source: Path, *extra: str) -> dict:
    result = run("update", "--source", str(source), "--yes", "--force", "--json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _course_ids(run) -> dict[str, list[str]]:
    data = json.loads(run("list", "--json").stdout)
    topics = [t for p in data["parts"] for t in p["topics"]]
    return {
        "topics": [t["id"] for t in topics],
        "resources": [r["id"] for t in topics for r in t["resources"]],
        "notebooks": [n["id"] for n in data["notebooks"]],
    }


@pytest.mark.parametrize(
    "order",
    [
        ["en-2023-06-17", "zh-TW-2024-02-24", "en-2026-02-04"],
        ["zh-TW-2024-02-24", "en-2023-06-17", "en-2024-01-29", "en-2026-02-04"],
        ["en-2026-02-04"],
    ],
)
def test_walking_editions_keeps_marks_and_ids(run, learner, order):
    """Whatever the path, the last edition has the ids of a direct update, and every mark on
    an item it has attaches again (none is ever deleted)."""
    for name in order:
        _update_ok(run, EXCERPTS / f"excerpt-{name}.md")
    ids = _course_ids(run)
    statuses = _statuses(run)
    for mark in MARKS:
        assert statuses[mark] == "done"
    assert statuses["evaluation"] == "in-progress"
    # a direct update in a fresh home gives the same ids
    config.update(course="builtin")
    (paths.resolve().data / "editions" / "registry.json").unlink()
    _update_ok(run, EXCERPTS / f"excerpt-{order[-1]}.md")
    assert _course_ids(run) == ids


def test_walking_the_real_history_reattaches_marks(run, learner):
    names = ["en-2023-06-17", "en-2023-11-27", "zh-TW-2024-02-24", "en-2025-05-11"]
    first = _update_ok(run, sources_or_skip(f"llm-course-{names[0]}.md"))
    assert len(first["marks"]["lost"]) == 4  # the first edition has none of them
    for name in names[1:]:
        _update_ok(run, sources_or_skip(f"llm-course-{name}.md"))
    last = _update_ok(run, sources_or_skip(EDITION_2026))
    assert last["marks"]["lost"] == []
    statuses = _statuses(run)
    assert all(statuses[m] == "done" for m in MARKS) and statuses["evaluation"] == "in-progress"
    # the built-in course's own edition brings them all back too
    assert run("editions", "--use", "builtin").exit_code == 0
    assert all(_statuses(run)[m] == "done" for m in MARKS)


def test_a_returning_edition_says_which_marks_come_back(run, learner):
    _update_ok(run, EXCERPTS / "excerpt-en-2023-06-17.md")
    report = _update_ok(run, EXCERPTS / "excerpt-en-2026-02-04.md")
    assert set(report["marks"]["reattached"]) >= {"quantization", "supervised-fine-tuning"}


def test_the_registry_file(run, learner):
    _update_ok(run, EXCERPTS / "excerpt-en-2026-02-04.md")
    data = json.loads((paths.resolve().data / "editions" / "registry.json").read_text())
    assert data["format"] == 1
    assert data["topics"]["agents"]["titles"]["en"] == ["Agents"]
    assert data["topics"]["quantization"]["seed"] is True
    assert any(e.endswith(tuple("0123456789abcdef")) for e in data["editions"])


# -- the guard -------------------------------------------------------------------------------------


def test_a_collapse_needs_force_even_with_yes(run, learner):
    source = EXCERPTS / "excerpt-en-2023-06-17.md"
    before = _snapshot(learner)
    result = run("update", "--source", str(source), "--yes")
    assert result.exit_code == 1
    assert "- topic    rag" in result.stdout  # the diff is shown
    assert "needs --force" in result.stderr
    assert "drop 17 of the 19 topics" in result.stderr
    assert "orphan 4 of your 4 marks" in result.stderr
    assert _snapshot(learner) == before
    result = run("update", "--source", str(source), "--yes", "--force")
    assert result.exit_code == 0, result.stderr
    assert "is now the active course" in result.stdout


def test_guard_in_json(run, learner):
    result = run("update", "--source", str(EXCERPTS / "excerpt-en-2023-06-17.md"), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["applied"] is False and report["needs_force"] == ["marks", "topics"]


def test_guard_in_chinese(run, learner):
    source = str(EXCERPTS / "excerpt-en-2023-06-17.md")
    result = run("--lang", "zh-TW", "update", "--source", source, "--yes")
    assert result.exit_code == 1 and "--force" in result.stderr and "主題" in result.stderr


def test_the_same_edition_again_changes_nothing(run, learner):
    source = EXCERPTS / "excerpt-en-2026-02-04.md"
    _update_ok(run, source)
    before = _snapshot(learner)
    result = run("update", "--source", str(source), "--yes")
    assert result.exit_code == 0
    assert "same edition as the active course: nothing to do" in result.stdout
    assert _snapshot(learner) == before


# -- untrusted sources ---------------------------------------------------------------------------


def test_the_download_has_an_overall_deadline(run, learner, server):
    url = server.url("/trickle?ms=100")  # a byte every 0.1 s: each read is quick
    start = time.monotonic()
    result = run("update", "--source", url, "--timeout", "1", "--yes")
    elapsed = time.monotonic() - start
    assert result.exit_code == 1
    assert "not downloaded within 1 s" in result.stderr
    assert elapsed < 5


def test_credentials_are_never_shown_or_stored(run, learner, server):
    server.files["mini.md"] = FIXTURE.read_bytes()
    url = server.url("/files/mini.md").replace("http://", "http://reader:s3cret@")
    result = run("update", "--source", url, "--yes", "--force")
    assert result.exit_code == 0, result.stderr
    assert "s3cret" not in result.stdout + result.stderr
    assert "reader" not in result.stdout + result.stderr
    for file in learner.rglob("*"):
        if file.is_file():
            assert b"s3cret" not in file.read_bytes(), file
    failing = server.url("/404").replace("http://", "http://reader:s3cret@")
    result = run("update", "--source", failing)
    assert result.exit_code == 1 and "404" in result.stderr
    assert "s3cret" not in result.stderr
