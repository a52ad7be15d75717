"""`llmcourse mcp`: the SDK's in-process client for every tool, resource and prompt, and a real
stdio subprocess spoken to in JSON-RPC lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import pytest

from llmcourse.progress import store

Client = pytest.importorskip("mcp", reason="the mcp extra is not installed").Client

READ_TOOLS = {"search", "show", "progress", "next", "path", "reviews_due"}
WRITE_TOOLS = {"mark", "add_note", "rate_card"}


def talk(allow_writes: bool, talk_to: Callable[[Any], Awaitable[Any]], lang: str = "en") -> Any:
    """Run `talk_to(client)` against an in-process server; return what it returns."""

    from llmcourse.mcp.server import build_server

    async def session() -> Any:
        async with Client(build_server(lang, None, allow_writes)) as client:
            return await talk_to(client)

    return anyio.run(session)


def payload(result: Any) -> Any:
    """A tool result's data (structured content, else its JSON text)."""
    assert not result.is_error, result.content
    if result.structured_content is not None:
        return result.structured_content.get("result", result.structured_content)
    return json.loads(result.content[0].text)


def test_read_only_server_lists_only_read_tools() -> None:
    async def names(client: Any) -> set[str]:
        return {t.name for t in (await client.list_tools()).tools}

    assert talk(False, names) == READ_TOOLS
    assert talk(True, names) == READ_TOOLS | WRITE_TOOLS


def test_every_read_tool_answers_with_data() -> None:
    async def calls(client: Any) -> dict[str, Any]:
        return {
            "search": payload(await client.call_tool("search", {"query": "lora", "limit": 3})),
            "show": payload(await client.call_tool("show", {"ref": "2.7"})),
            "progress": payload(await client.call_tool("progress", {})),
            "next": payload(await client.call_tool("next", {})),
            "path": payload(await client.call_tool("path", {"topic": "quantization"})),
            "due": payload(await client.call_tool("reviews_due", {})),
        }

    out = talk(False, calls)
    assert 1 <= len(out["search"]) <= 3
    assert set(out["search"][0]) >= {"kind", "id", "title", "topic_id", "url", "score"}
    assert out["show"]["id"] == "quantization" and out["show"]["resources"]
    assert out["progress"]["topics"]["total"] == 19 and out["progress"]["percent"] == 0
    assert out["next"]["id"] == "mathematics"
    assert out["path"][-1] == "quantization" and out["path"][0] == "mathematics"
    assert out["due"] == []  # nothing started: no concept cards yet


def test_reviews_through_the_assistant(run) -> None:
    assert run("start", "quantization").exit_code == 0

    async def review(client: Any) -> list[Any]:
        due = payload(await client.call_tool("reviews_due", {}))
        card = due[0]["id"]
        rated = payload(await client.call_tool("rate_card", {"card": card, "rating": "good"}))
        again = payload(await client.call_tool("reviews_due", {}))
        return [due, rated, again]

    due, rated, again = talk(True, review)
    assert due and set(due[0]) >= {"id", "topic_id", "front", "back", "due"}
    assert rated["id"] == due[0]["id"] and rated["rating"] == "good" and rated["reviews"] == 1
    assert due[0]["id"] not in [d["id"] for d in again]  # rated: no longer due today


def test_tool_errors_carry_our_message() -> None:
    async def bad(client: Any) -> list[Any]:
        return [
            await client.call_tool("show", {"ref": "no-such-thing-at-all"}),
            await client.call_tool("search", {"query": "lora", "kind": "planet"}),
        ]

    unknown, kind = talk(False, bad)
    assert unknown.is_error and "no-such-thing-at-all" in unknown.content[0].text
    assert kind.is_error and "planet" in kind.content[0].text


def test_writes_go_through_the_store_and_can_be_undone(run) -> None:
    async def write(client: Any) -> list[Any]:
        return [
            payload(await client.call_tool("mark", {"ref": "quantization", "status": "done"})),
            payload(await client.call_tool("add_note", {"ref": "2.7", "text": "GPTQ \x1b[2J"})),
            await client.call_tool("mark", {"ref": "quantization", "status": "finished"}),
            await client.call_tool("mark", {"ref": "lora", "status": "done"}),
        ]

    marked, noted, bad_status, inexact = talk(True, write)
    # Like every command that changes progress: exact references only, a keyword suggests.
    assert inexact.is_error and "supervised-fine-tuning" in inexact.content[0].text
    assert marked == [
        {"id": "quantization", "kind": "topic", "before": "todo", "after": "done", "changed": True}
    ]
    assert noted["node"] == "quantization"
    assert bad_status.is_error and "finished" in bad_status.content[0].text
    state = store.read()
    assert state.status("quantization") == "done"
    assert [n.text for _, n in state.live_notes("quantization")] == ["GPTQ \x1b[2J"]
    # The note reads back sanitised; the change is in the same undo history as the CLI's.
    shown = talk(False, lambda c: c.call_tool("show", {"ref": "quantization"}))
    assert "\x1b" not in json.dumps(payload(shown))
    log = json.loads(run("log", "--json").stdout)
    assert [e["origin"] for e in log] == ["mcp", "mcp"]  # this machine's own, through mcp
    assert run("undo").exit_code == 0 and run("undo").exit_code == 0
    assert store.read().status("quantization") == "todo"


def test_resources_and_prompts() -> None:
    async def read(client: Any) -> dict[str, Any]:
        uris = [str(r.uri) for r in (await client.list_resources()).resources]
        templates = [
            t.uri_template for t in (await client.list_resource_templates()).resource_templates
        ]
        outline = await client.read_resource("llmcourse://course")
        topic = await client.read_resource("llmcourse://topic/quantization")
        prompts = [p.name for p in (await client.list_prompts()).prompts]
        quiz = await client.get_prompt("quiz", {"topic": "quantization"})
        week = await client.get_prompt("plan-my-week", {})
        return {"uris": uris, "templates": templates, "outline": outline, "topic": topic,
                "prompts": prompts, "quiz": quiz, "week": week}  # fmt: skip

    out = talk(False, read, lang="zh-TW")
    assert "llmcourse://course" in out["uris"] and "llmcourse://progress" in out["uris"]
    assert "llmcourse://topic/{topic_id}" in out["templates"]
    outline = json.loads(out["outline"].contents[0].text)
    assert [len(p["topics"]) for p in outline["parts"]] == [4, 8, 7]
    assert json.loads(out["topic"].contents[0].text)["title"] == "量化"
    assert set(out["prompts"]) == {"quiz", "plan-my-week"}
    quiz_text = out["quiz"].messages[0].content.text
    assert "量化" in quiz_text and "GPTQ" in quiz_text
    assert "mathematics" in out["week"].messages[0].content.text


def test_without_the_extra_the_command_says_how_to_install(run, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "mcp" else real(name, *a)
    )
    result = run("mcp")
    assert result.exit_code == 1
    assert "pip install 'llmcourse[mcp]'" in result.stderr
    result = run("--lang", "zh-TW", "mcp")
    assert "額外套件" in result.stderr


def _rpc(proc: subprocess.Popen[str], message: dict[str, Any]) -> None:
    assert proc.stdin is not None
    proc.stdin.write(json.dumps(message) + "\n")
    proc.stdin.flush()


def _answer(proc: subprocess.Popen[str], wanted_id: int) -> dict[str, Any]:
    assert proc.stdout is not None
    for line in proc.stdout:
        data = json.loads(line)
        if data.get("id") == wanted_id:
            return data  # type: ignore[no-any-return]  # JSON-RPC response object
    raise AssertionError(f"no answer to request {wanted_id}")


def test_stdio_server_answers_json_rpc_lines(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMCOURSE_")}
    env.update(LLMCOURSE_HOME=str(tmp_path / "home"), LANG="C.UTF-8")
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "llmcourse", "mcp"], env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    try:
        _rpc(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                    "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                               "clientInfo": {"name": "test", "version": "1"}}})  # fmt: skip
        hello = _answer(proc, 1)
        ready = time.monotonic() - start
        assert hello["result"]["serverInfo"]["name"] == "llmcourse"
        _rpc(proc, {"jsonrpc": "2.0", "method": "notifications/initialized"})
        _rpc(proc, {"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
        names = {t["name"] for t in _answer(proc, 2)["result"]["tools"]}
        assert names == READ_TOOLS
        _rpc(proc, {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
                    "params": {"name": "show", "arguments": {"ref": "quantization"}}})  # fmt: skip
        shown = _answer(proc, 3)["result"]
        assert not shown["isError"] and "Quantization" in shown["content"][0]["text"]
        mark = {"name": "mark", "arguments": {"ref": "2.7", "status": "done"}}
        _rpc(proc, {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": mark})
        refused = _answer(proc, 4)
        assert "error" in refused or refused["result"]["isError"]
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=10)
    # Reported, not asserted: speed is judged by the benchmark, not by timing tests.
    print(f"mcp answered initialize {ready:.2f} s after start")
