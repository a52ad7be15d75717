"""A status as every view draws it: its mark (`[x]`, readable without colour) and its style."""

MARKS = {"todo": "[ ]", "in-progress": "[~]", "done": "[x]", "skipped": "[-]"}
STYLES = {"todo": "", "in-progress": "yellow", "done": "green", "skipped": "dim"}
