"""References on the command line (issue 9): numbers that name nothing are errors naming the
valid range, changes act only on exact references, and one `REF [N...]` grammar everywhere."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest

from llmcourse import paths


def state_bytes() -> bytes | None:
    file = paths.resolve().state
    return file.read_bytes() if file.exists() else None


def statuses(run) -> dict[str, str]:
    data = json.loads(run("list", "--json").stdout)
    topics = [t for p in data["parts"] for t in p["topics"]]
    out = {t["id"]: t["status"] for t in topics}
    out.update({r["id"]: r["status"] for t in topics for r in t["resources"]})
    return out


def resource_ids(run, topic_id: str) -> list[str]:
    data = json.loads(run("show", topic_id, "--json").stdout)
    return [r["id"] for r in data["resources"]]


@pytest.fixture
def marked(run) -> bytes:
    """A state with one mark, so that a refused change can be seen to leave it as it was."""
    assert run("done", "mathematics").exit_code == 0
    before = state_bytes()
    assert before is not None
    return before


# --- 1. a number that names nothing is an error naming the valid range, in every command ---

NUMBER_ERRORS = [
    ("1.5", "no topic 1.5: part 1 has 1.1–1.4"),
    ("1.0", "no topic 1.0: part 1 has 1.1–1.4"),
    ("0.1", "no part 0: the course has parts 1–3"),
    ("10", "no part 10: the course has parts 1–3"),
    ("2.99", "no topic 2.99: part 2 has 2.1–2.8"),
    ("2.7#9", "2.7 has resources 1–5, not 9"),
    ("1", "1 is a part, not a topic: part 1 has 1.1–1.4"),
    ("1.2.3", "'1.2.3' is not a number like 2.7 or 2.7#3"),
]


COMMANDS = [["show"], ["open", "-n"], ["done"], ["start"], ["skip"], ["reset"], ["note", "list"],
            ["check-links"]]  # fmt: skip


@pytest.mark.parametrize(("ref", "message"), NUMBER_ERRORS)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_number_naming_nothing_is_an_error(run, marked, command, ref, message) -> None:
    result = run(command[0], ref, *command[1:])
    assert result.exit_code == 1, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert state_bytes() == marked


def test_done_1_5_changes_nothing(run, marked) -> None:
    result = run("done", "1.5")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no topic 1.5: part 1 has 1.1–1.4")
    assert state_bytes() == marked
    assert "opt-175-logbook" not in result.stdout + result.stderr


def test_note_on_a_number_naming_nothing(run, marked) -> None:
    result = run("note", "1.5", "text")
    assert result.exit_code == 1 and "no topic 1.5" in result.stderr
    assert run("note", "2.7", "9", "text").exit_code == 1
    assert state_bytes() == marked


def test_number_errors_in_chinese(run) -> None:
    for ref, message in [
        ("10", "沒有第 10 部分：本課程的部分是 1–3"),
        ("1.5", "沒有主題 1.5：第 1 部分的主題是 1.1–1.4"),
        ("2.7#9", "2.7 的資源是 1–5，沒有 9"),
    ]:
        result = run("--lang", "zh-TW", "show", ref)
        assert result.exit_code == 1 and message in result.stderr


def test_numbers_that_name_something_still_work(run) -> None:
    first = resource_ids(run, "quantization")[0]
    for ref in ("2.7", "2.7.", "２.７"):
        assert json.loads(run("show", ref, "--json").stdout)["id"] == "quantization"
    for ref in ("2.7#1", "2.7/1", "2.7 1"):
        assert json.loads(run("show", ref, "--json").stdout)["id"] == first


# --- 2. changes act only on exact references; everything else only suggests ---


@pytest.mark.parametrize(
    ("ref", "suggested"),
    [
        ("lora", "supervised-fine-tuning"),  # a keyword
        ("quantization/gptq-and-exl2", "quantization"),  # a concept id
        ("Key-value cache", "inference-optimization"),  # a concept name (also a keyword)
        ("quant", "quantization"),  # an id prefix
        ("qunatization", "quantization"),  # a typo
        ("vector storage", "vector-storage"),  # title words
    ],
)
@pytest.mark.parametrize("op", ["done", "start", "skip", "reset"])
def test_changes_refuse_inexact_references(run, marked, op, ref, suggested) -> None:
    result = run(op, ref)
    assert result.exit_code == 1
    assert f"{ref!r} is not an exact reference" in result.stderr
    assert "Did you mean:" in result.stderr and suggested in result.stderr
    assert state_bytes() == marked


def test_a_note_refuses_an_inexact_reference(run, marked) -> None:
    result = run("note", "lora", "some text")
    assert result.exit_code == 1 and "Did you mean:" in result.stderr
    assert "supervised-fine-tuning" in result.stderr
    assert state_bytes() == marked


def test_the_refusal_in_chinese(run) -> None:
    result = run("--lang", "zh-TW", "done", "lora")
    assert result.exit_code == 1
    assert "'lora' 不是精確的參照" in result.stderr and "你是不是要找：" in result.stderr
    assert "supervised-fine-tuning" in result.stderr and "主題" in result.stderr
    assert state_bytes() is None


def test_an_inexact_reference_spoils_the_whole_command(run, marked) -> None:
    result = run("done", "python", "lora")
    assert result.exit_code == 1
    assert state_bytes() == marked
    assert statuses(run)["python"] == "todo"


@pytest.mark.parametrize(
    ("ref", "node"),
    [
        ("quantization", "quantization"),  # id
        ("QUANTIZATION", "quantization"),  # id in any case
        ("2.7", "quantization"),  # number
        ("Quantization", "quantization"),  # whole English title
        ("量化", "quantization"),  # whole Chinese title
        ("supervised fine-tuning", "supervised-fine-tuning"),  # punctuation and case aside
        ("Building a Vector Storage", "vector-storage"),
        ("autogguf", "autogguf"),  # a notebook id
        ("lora-insights", "lora-insights"),  # a resource id
    ],
)
def test_changes_accept_exact_references(run, ref: str, node: str) -> None:
    result = run("done", ref)
    assert result.exit_code == 0, result.stderr
    assert node in result.stdout


def test_resource_numbers_in_every_spelling(run) -> None:
    third = resource_ids(run, "quantization")[2]
    for ref in (["2.7#3"], ["2.7/3"], ["2.7 3"], ["2.7", "3"], ["quantization", "3"]):
        assert run("done", *ref).exit_code == 0
        assert statuses(run)[third] == "done"
        assert run("reset", *ref).exit_code == 0
        assert statuses(run)[third] == "todo"


def test_reading_commands_stay_forgiving(run) -> None:
    assert json.loads(run("show", "lora", "--json").stdout)["id"] == "supervised-fine-tuning"
    concept = run("show", "quantization/gptq-and-exl2", "--json")
    assert json.loads(concept.stdout)["id"] == "quantization"
    assert run("open", "quant", "-n").stdout.strip().endswith("#7-quantization")
    run("note", "2.7", "kept")
    listed = json.loads(run("note", "list", "quant", "--json").stdout)
    assert [n["text"] for n in listed] == ["kept"]


# --- 3. one grammar: REF [N...] ---


def test_numbers_after_a_topic_are_its_resources(run) -> None:
    result = run("done", "nlp", "2", "3")
    assert result.exit_code == 0, result.stderr
    nlp = resource_ids(run, "nlp")
    st = statuses(run)
    assert st["nlp"] == "todo"
    assert [st[r] for r in nlp[:4]] == ["todo", "done", "done", "todo"]


def test_several_references_with_numbers(run) -> None:
    result = run("done", "2.7", "1", "3", "python")
    assert result.exit_code == 0, result.stderr
    quant = resource_ids(run, "quantization")
    st = statuses(run)
    assert st["python"] == "done" and st["quantization"] == "todo"
    assert [st[r] for r in quant[:3]] == ["done", "todo", "done"]


def test_a_number_after_a_notebook_or_resource_is_a_usage_error(run) -> None:
    for args in (["done", "autogguf", "1"], ["done", "2.7#1", "2"], ["open", "autogguf", "1"]):
        result = run(*args)
        assert result.exit_code == 2 and "picks a topic's resource" in result.stderr
    assert state_bytes() is None


def test_note_on_a_resource_by_number(run) -> None:
    first = resource_ids(run, "quantization")[0]
    added = run("note", "2.7", "1", "x", "--json")
    assert added.exit_code == 0, added.stderr
    assert json.loads(added.stdout)["node"] == first
    listed = json.loads(run("note", "list", "2.7", "1", "--json").stdout)
    assert [n["text"] for n in listed] == ["x"]
    on_topic = run("note", "2.7", "1", "--json")  # two arguments: REF TEXT
    assert json.loads(on_topic.stdout)["node"] == "quantization"
    assert [n["text"] for n in json.loads(run("note", "list", "2.7", "--json").stdout)] == ["1"]


@pytest.mark.parametrize(
    "args",
    [
        ["2.7", "GPTQ", "needs", "data"],  # unquoted text: ambiguous, refused
        ["2.7", "GPTQ", "data"],  # three arguments, the middle one not a number
    ],
)
def test_note_text_is_one_argument(run, args: list[str]) -> None:
    result = run("note", *args)
    assert result.exit_code == 2 and 'note REF [N] "TEXT"' in result.stderr
    assert state_bytes() is None


@pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script as the editor")
def test_note_edit_on_a_resource_by_number(run, tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "from the editor\\n" > "$1"\n', encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    result = run("note", "2.7", "2", "--edit", "--json", env={"EDITOR": str(editor)})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["node"] == resource_ids(run, "quantization")[1]
    assert run("note", "2.7", "x", "--edit", env={"EDITOR": str(editor)}).exit_code == 2


def test_open_uses_the_same_grammar(run) -> None:
    by_words = run("open", "2.7", "3", "-n")
    assert by_words.exit_code == 0
    assert by_words.stdout == run("open", "2.7#3", "-n").stdout
    bad = run("open", "2.7", "0", "-n")
    assert bad.exit_code == 1 and "2.7 has resources 1–5, not 0" in bad.stderr
