"""Bad course data is rejected with a readable "file: where: what" message, never a traceback."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from coursedata import minimal_course, write_course


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    return write_course(tmp_path / "course.toml", data)


def topic(data: dict[str, Any], i: int = 0) -> dict[str, Any]:
    return data["parts"][0]["topics"][i]


def test_a_valid_single_file_course_validates_and_lists(tmp_path: Path, run) -> None:
    file = write(tmp_path, minimal_course())
    result = run("validate", str(file))
    assert result.exit_code == 0, result.stderr
    assert "valid" in result.stdout and "2 topics" in result.stdout
    listed = run("--course", str(file), "list")
    assert listed.exit_code == 0
    assert "1.2" in listed.stdout and "Beta topic" in listed.stdout


def _break_duplicate(d):
    topic(d, 1)["id"] = "alpha"


def _break_dangling(d):
    topic(d, 1)["prerequisites"] = ["gamma"]


def _break_cycle(d):
    topic(d, 0)["prerequisites"] = ["beta"]


def _break_url(d):
    topic(d)["resources"][0]["url"] = "javascript:alert(1)"


def _break_lang(d):
    del topic(d)["summary"]["zh-TW"]


def _break_field(d):
    topic(d)["colour"] = "blue"


def _break_relative(d):
    d["notebooks"][0]["colab_url"] = "/drive/x"


def _break_control(d):
    topic(d)["title"]["en"] = "Alpha\x1b[31m"


def _break_notebook_topic(d):
    d["notebooks"][0]["topics"] = ["nowhere"]


def _break_ipv6(d):
    topic(d)["resources"][0]["url"] = "http://[::1"


def _break_kind(d):
    topic(d)["resources"][0]["kind"] = "podcast-ish"


def _break_no_languages(d):
    d["languages"] = []


def _break_language_code(d):
    d["languages"] = ["en", "zh-TW", "Zh_TW!"]


def _break_text_language(d):
    d["title"]["zh_tw"] = "小課程"


def _break_id(d):
    topic(d)["resources"][0]["id"] = "Alpha_Paper"


def _break_part_number(d):
    extra = copy.deepcopy(d["parts"][0])
    extra.update(id="more", number=1, topics=[])
    d["parts"][0]["number"] = 1
    d["parts"].append(extra)


def _break_topic_number(d):
    topic(d, 0)["number"] = 1
    topic(d, 1)["number"] = 1


def _break_self_prerequisite(d):
    topic(d, 0)["prerequisites"] = ["alpha"]


def _break_concept_id(d):
    topic(d, 1)["concepts"] = copy.deepcopy(topic(d, 0)["concepts"])


def _break_inline_link(d):
    topic(d)["concepts"][0]["links"] = [{"title": "Ok", "url": "http://"}]


def _break_keyword(d):
    topic(d)["keywords"] = ["fine", "two\nlines"]


def _break_author(d):
    topic(d)["resources"][0]["author"] = "Someone\x07"


def _break_space_url(d):
    topic(d)["resources"][0]["author_url"] = "https://example.org/a b"


@pytest.mark.parametrize(
    ("breaker", "expected"),
    [
        (_break_duplicate, "topics[alpha]: duplicate id 'alpha'"),
        (_break_dangling, "topics[beta].prerequisites: unknown topic 'gamma'"),
        (_break_cycle, "cycle alpha -> beta -> alpha"),
        (_break_url, "resources[alpha-paper].url: URL 'javascript:alert(1)' is not http(s)"),
        (_break_lang, "topics[alpha].summary: missing zh-TW text"),
        (_break_field, "topics[alpha].colour: unknown field"),
        (_break_relative, "notebooks[alpha-notebook].colab_url: URL '/drive/x' is not http(s)"),
        (_break_control, "topics[alpha].title.en: contains control characters"),
        (_break_notebook_topic, "notebooks[alpha-notebook].topics: unknown topic 'nowhere'"),
        (_break_kind, "topics[alpha].resources[alpha-paper].kind"),
        (_break_ipv6, "resources[alpha-paper].url: URL 'http://[::1' is malformed"),
        (_break_no_languages, "languages: a course declares at least one language"),
        (_break_language_code, "languages: 'Zh_TW!' is not a language code like 'en'"),
        (_break_text_language, "title: 'zh_tw' is not a language code"),
        (_break_id, "[Alpha_Paper]: id 'Alpha_Paper' must be lowercase letters, digits"),
        (_break_part_number, "parts[more].number: duplicate part number 1"),
        (_break_topic_number, "topics[beta].number: duplicate topic number 1.1"),
        (_break_self_prerequisite, "topics[alpha].prerequisites: a topic cannot require itself"),
        (
            _break_concept_id,
            "topics[beta].concepts[one]: duplicate id 'one' (also topics[alpha].concepts[one])",
        ),
        (_break_inline_link, "concepts[one].links[1].url: URL 'http://' has no host"),
        (_break_keyword, "topics[alpha].keywords: contains control characters"),
        (_break_author, "resources[alpha-paper].author: contains control characters"),
        (_break_space_url, "author_url: URL 'https://example.org/a b' contains whitespace"),
    ],
)
def test_bad_data_is_rejected_readably(tmp_path: Path, run, breaker, expected: str) -> None:
    data = copy.deepcopy(minimal_course())
    breaker(data)
    file = write(tmp_path, data)
    result = run("validate", str(file))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert f"{file}: the course does not validate" in result.stderr
    assert expected in result.stderr, result.stderr
    assert f"  {file}: " in result.stderr  # each problem names the file
    # Any command on such a course refuses it the same way.
    listed = run("--course", str(file), "list")
    assert listed.exit_code == 1 and expected in listed.stderr


def test_every_problem_is_listed(tmp_path: Path, run) -> None:
    data = minimal_course()
    _break_url(data)
    _break_lang(data)
    _break_dangling(data)
    result = run("validate", str(write(tmp_path, data)))
    assert result.exit_code == 1
    assert "is not http(s)" in result.stderr
    assert "missing zh-TW text" in result.stderr
    assert "unknown topic 'gamma'" in result.stderr


def test_problems_come_in_the_order_of_the_course_file(tmp_path: Path, run) -> None:
    """Course fields, links, parts with their topics, notebooks, then prerequisites."""
    data = minimal_course()
    data["web_url"] = "ftp://example.org"
    data["links"] = [{"id": "Own", "title": {"en": "Own", "zh-TW": "自"}, "url": "https://x.org"}]
    _break_part_number(data)
    _break_url(data)
    _break_notebook_topic(data)
    _break_dangling(data)
    result = run("validate", str(write(tmp_path, data)))
    expected = [
        "web_url: URL 'ftp://example.org'",
        "links[Own]: id 'Own'",
        "resources[alpha-paper].url:",
        "parts[more].number:",
        "notebooks[alpha-notebook].topics:",
        "topics[beta].prerequisites:",
    ]
    at = [result.stderr.find(text) for text in expected]
    assert -1 not in at and at == sorted(at), result.stderr


def test_a_course_folder_names_the_topic_file(tmp_path: Path, run) -> None:
    folder = tmp_path / "mine"
    (folder / "topics").mkdir(parents=True)
    data = minimal_course()
    topics = data["parts"][0].pop("topics")
    data["parts"][0]["topics"] = [t["id"] for t in topics]
    topics[1]["prerequisites"] = ["gamma"]
    for t in topics:
        (folder / "topics" / f"{t['id']}.toml").write_text(tomli_w.dumps(t), encoding="utf-8")
    (folder / "course.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert (
        f"{folder / 'topics' / 'beta.toml'}: topics[beta].prerequisites: unknown topic"
        in result.stderr
    )


def test_unreadable_files_give_clear_errors(tmp_path: Path, run) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("id = \n", encoding="utf-8")
    result = run("validate", str(broken))
    assert result.exit_code == 1 and "not valid TOML" in result.stderr
    missing = run("validate", str(tmp_path / "absent"))
    assert missing.exit_code == 1 and "no such course file or folder" in missing.stderr
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    result = run("validate", str(empty_dir))
    assert result.exit_code == 1 and "needs a course.toml" in result.stderr


def test_the_built_in_course_validates(run) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert "19 topics" in result.stdout and "72 concepts" in result.stdout
    assert "94 resources" in result.stdout and "15 notebooks" in result.stdout


def _chain(n: int) -> dict[str, Any]:
    """A course of `n` topics, each requiring the one before it."""
    data = minimal_course()
    first = topic(data)
    data["parts"][0]["topics"] = [
        {
            "id": f"t{i}",
            "title": {"en": f"Topic {i}", "zh-TW": f"主題 {i}"},
            "summary": first["summary"],
            **({"prerequisites": [f"t{i - 1}"]} if i else {}),
        }
        for i in range(n)
    ]
    data["notebooks"][0]["topics"] = ["t0"]
    return data


def test_a_chain_of_5000_prerequisites_validates(tmp_path: Path, run) -> None:
    file = write(tmp_path, _chain(5000))
    result = run("validate", str(file))
    assert result.exit_code == 0, result.stderr
    assert "5000 topics" in result.stdout.replace(",", "")
    nxt = run("--course", str(file), "next", "--json")
    assert nxt.exit_code == 0 and json.loads(nxt.stdout)["id"] == "t0"


def test_a_cycle_through_5000_topics_is_found(tmp_path: Path, run) -> None:
    data = _chain(5000)
    data["parts"][0]["topics"][0]["prerequisites"] = ["t4999"]
    result = run("validate", str(write(tmp_path, data)))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "prerequisites: cycle t0 -> t4999 -> t4998" in result.stderr
