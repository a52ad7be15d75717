"""`llmcourse browse`: the full-screen course browser, on Textual.

Only `cli/tui.py` imports this package (and so Textual): the everyday commands never load it.
Every change goes through the same progress operations and store as the CLI.
"""
