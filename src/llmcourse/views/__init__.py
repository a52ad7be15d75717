"""Renderers: one result, shown as plain text, Rich, or JSON. Views never read files."""
