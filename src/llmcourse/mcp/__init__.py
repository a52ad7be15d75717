"""`llmcourse mcp`: the course and the learner's progress for MCP clients (assistants).

`tools.py` holds what the server can do, as plain functions over a Session that return JSON
data (no MCP SDK needed, so it is tested directly); `server.py` wires them into the official
SDK's MCPServer (the `llmcourse[mcp]` extra) and runs it on stdio.
"""
